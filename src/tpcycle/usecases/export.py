"""Taking cycles off the machine as documents: one cycle, a portfolio, a folder, a calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, time, tzinfo
from enum import StrEnum
from pathlib import Path

from tpcycle.clock import today
from tpcycle.domain import Cycle, progress
from tpcycle.errors import InvalidInput
from tpcycle.files import make_private_folder, write_atomically
from tpcycle.ics import Repeat, check_ins
from tpcycle.messages import Message, said
from tpcycle.messages import text as words
from tpcycle.render import cycle_dict, to_json
from tpcycle.render_html import cycle_title, html_page
from tpcycle.render_markdown import index, markdown, portfolio
from tpcycle.store import Journal
from tpcycle.usecases.privacy import shareable, shareable_cycles


class Format(StrEnum):
    markdown = "markdown"
    json = "json"
    html = "html"


PORTFOLIO_TITLE = "Inquiry cycles"


@dataclass(frozen=True)
class Request:
    """What to export and how: which cycles, private entries, student names."""

    cycle_ids: list[int]
    include_private: bool = False
    redact: bool = True
    front_matter: bool = True  # Markdown only: the YAML block other programs read
    zone: tzinfo = UTC  # the reader's time zone, for every date shown


@dataclass(frozen=True)
class Document:
    text: str
    cycles: list[Cycle]
    left_out: int  # private entries left out


def cycle_document(journal: Journal, request: Request, fmt: Format) -> Document:
    """One cycle (the current one if none is named) as Markdown, JSON or an HTML page."""
    if len(request.cycle_ids) > 1:
        raise InvalidInput(Message.EXPORT_ONE_CYCLE)
    chosen = request.cycle_ids[0] if request.cycle_ids else None
    cycle, left_out = shareable(
        journal, chosen, include_private=request.include_private, redact=request.redact
    )
    if fmt is Format.markdown:
        text = markdown(
            cycle,
            include_private=request.include_private,
            front=request.front_matter,
            zone=request.zone,
        )
    elif fmt is Format.html:
        text = html_page([cycle], title=cycle_title(cycle), zone=request.zone)
    else:
        text = to_json(cycle_dict(cycle, request.zone))
    return Document(text, [cycle], left_out)


def portfolio_document(
    journal: Journal, request: Request, fmt: Format = Format.markdown
) -> Document:
    """The chosen cycles (all when none are named) in one Markdown document or HTML page."""
    cycles, left_out = _some(journal, request)
    if fmt is Format.html:
        page = html_page(cycles, title=PORTFOLIO_TITLE, zone=request.zone)
        return Document(page, cycles, left_out)
    with journal.read() as uow:
        generated = uow.now
    text = portfolio(cycles, generated_at=generated, front=request.front_matter, zone=request.zone)
    return Document(text, cycles, left_out)


def export_folder(journal: Journal, request: Request, folder: Path) -> Document:
    """One Markdown file per cycle and an index.md, each written whole, into ``folder``."""
    cycles, left_out = _some(journal, request)
    make_private_folder(folder)
    names = [f"cycle-{c.id:04d}.md" for c in cycles]
    for cycle, name in zip(cycles, names, strict=True):
        text = markdown(
            cycle,
            include_private=request.include_private,
            front=request.front_matter,
            zone=request.zone,
        )
        write_atomically(folder / name, text)
    with journal.read() as uow:
        generated = uow.now
    contents = index(
        cycles, names, generated_at=generated, front=request.front_matter, zone=request.zone
    )
    write_atomically(folder / "index.md", contents)
    return Document("", cycles, left_out)


def _some(journal: Journal, request: Request) -> tuple[list[Cycle], int]:
    cycles, left_out = shareable_cycles(
        journal,
        request.cycle_ids or None,
        include_private=request.include_private,
        redact=request.redact,
    )
    if not cycles:
        raise InvalidInput(Message.EXPORT_NOTHING)
    return cycles, left_out


@dataclass(frozen=True)
class CheckIns:
    """A plan of check-ins: the first day, the time, how long, how often, how many."""

    first: date | None  # None: one interval from today
    at: time
    minutes: int
    repeat: Repeat
    count: int
    zone: tzinfo = UTC  # where "today" is


def calendar(journal: Journal, cycle_id: int | None, plan: CheckIns) -> tuple[str, date]:
    """The cycle's check-ins as an .ics calendar, with no student name in it; and the first day."""
    shown, _ = shareable(journal, cycle_id, include_private=False, redact=True)
    started = journal.clock()
    first = plan.first or (today(started, plan.zone) + plan.repeat.interval)
    next_step = progress(shown.entries).next_step
    todo = (
        said(Message.CHECK_IN_NEXT, step=next_step.label.lower())
        if next_step
        else said(Message.CHECK_IN_ALL_DONE)
    )
    text = check_ins(
        uid=f"{shown.uid}-check-ins@tpcycle",
        summary=words(Message.CHECK_IN_SUMMARY, cycle=shown.id, goal=shown.goal),
        description=words(
            Message.CHECK_IN_DESCRIPTION,
            teacher=shown.teacher,
            partner=shown.partner,
            goal=shown.goal,
            plan=todo,
        ),
        first=first,
        at=plan.at,
        minutes=plan.minutes,
        repeat=plan.repeat,
        count=plan.count,
        stamp=started,
    )
    return text, first
