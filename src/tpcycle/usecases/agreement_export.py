"""The pair's agreement at the top of one cycle's export (``export --with-agreement``)."""

from __future__ import annotations

import json as jsonlib
from dataclasses import replace
from typing import TYPE_CHECKING

from tpcycle.agreement import Agreement, agreement_of
from tpcycle.domain import Cycle
from tpcycle.render import to_json
from tpcycle.render_partnership import agreement_dict, agreement_markdown
from tpcycle.store import Journal
from tpcycle.usecases.privacy import redactor

if TYPE_CHECKING:  # the request is the export module's; it imports this one
    from tpcycle.usecases.export import Request


def shared_agreement(journal: Journal, cycle: Cycle, *, redact: bool) -> Agreement | None:
    """The cycle's pair's agreement as it may leave the machine (student names replaced)."""
    with journal.read() as uow:
        names = redactor(uow, redact=redact)
        rows = uow.agreements.of_pair(cycle.teacher, cycle.partner)
    return agreement_of(replace(r, text=names.text(r.text)) for r in rows)


def on_top(journal: Journal, cycle: Cycle, text: str, *, json: bool, request: Request) -> str:
    """The export's text with the agreement first: a section after the front matter in
    Markdown, an ``agreement`` object in JSON (null when the pair has none)."""
    agreement = shared_agreement(journal, cycle, redact=request.redact)
    if json:
        document = jsonlib.loads(text)
        shown = agreement_dict(cycle.teacher, cycle.partner, agreement, request.zone)
        return to_json({"agreement": shown, **document})
    if agreement is None:
        return text
    section = "\n".join(agreement_markdown(agreement, request.zone)) + "\n"
    if text.startswith("---\n") and "\n---\n" in text[4:]:
        end = text.index("\n---\n", 4) + len("\n---\n")
        return text[:end] + "\n" + section + text[end:].lstrip("\n")
    return section + text
