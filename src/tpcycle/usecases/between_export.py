"""Between meetings, as they leave the machine: a cycle's notes and promises in an export (student
names replaced) and the pair's open promises in a check-in calendar.

Apart from ``usecases/between.py`` so that ``status`` and ``show`` (which read notes and promises
but export nothing) do not load the Markdown, HTML and calendar renderers or the redactor.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, tzinfo

from tpcycle.domain import Cycle
from tpcycle.render_between import (
    html_section,
    markdown_section,
    promise_events,
    with_events,
    with_html,
)
from tpcycle.store import Journal
from tpcycle.usecases.between import Between, between_of, pair_cycles
from tpcycle.usecases.privacy import redactor


def _shown(journal: Journal, cycle_id: int, redact: bool, zone: tzinfo) -> Between:
    """The cycle's notes and promises as they may leave the machine (student names replaced)."""
    with journal.read() as uow:
        found = between_of(uow, cycle_id, zone)
        names = redactor(uow, redact=redact)
    return Between(
        [replace(n, text=names.text(n.text)) for n in found.notes],
        [replace(p, text=names.text(p.text)) for p in found.promises],
        found.today,
    )


def export_section(journal: Journal, cycle_id: int, *, redact: bool, zone: tzinfo = UTC) -> str:
    """The cycle's notes and promises as a Markdown section for an export (empty if none)."""
    shown = _shown(journal, cycle_id, redact, zone)
    return markdown_section(shown.notes, shown.promises, shown.today, zone)


def export_html(
    journal: Journal, cycle_id: int, page: str, *, redact: bool, zone: tzinfo = UTC
) -> str:
    """A one-cycle HTML page with the cycle's notes and promises added at its end."""
    shown = _shown(journal, cycle_id, redact, zone)
    return with_html(page, html_section(shown.notes, shown.promises, shown.today, zone))


def with_promises(journal: Journal, cycle: Cycle, calendar: str) -> str:
    """A check-in calendar with the pair's open promises added on their due days (redacted)."""
    with journal.read() as uow:
        promises = uow.promises.of_cycles([c.id for c in pair_cycles(uow, cycle)], open_only=True)
        names = redactor(uow)
    shown = [replace(p, text=names.text(p.text)) for p in promises]
    return with_events(calendar, promise_events(shown, journal.clock()))
