"""Taking cycles off the machine as documents: one cycle, a portfolio, a folder, a calendar."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, time, tzinfo
from enum import StrEnum
from pathlib import Path

from tpcycle.clock import today
from tpcycle.domain import Cycle, CycleFilter, progress
from tpcycle.errors import InvalidInput
from tpcycle.files import make_private_folder, write_atomically
from tpcycle.ics import Repeat, check_ins
from tpcycle.messages import Message, said
from tpcycle.messages import text as words
from tpcycle.render import cycle_dict, to_json
from tpcycle.render_html import cycle_title, html_page
from tpcycle.render_markdown import index_parts, markdown, portfolio_parts
from tpcycle.store import Journal, UnitOfWork
from tpcycle.usecases import agreement_export as agreed
from tpcycle.usecases import between_export as between
from tpcycle.usecases.attaching import export_beside
from tpcycle.usecases.choosing import cycle_or_error, with_entries
from tpcycle.usecases.privacy import redactor, shareable
from tpcycle.usecases.sorting import movement_markdown_of


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
    with_agreement: bool = False  # one cycle's Markdown or JSON: the pair's agreement on top


@dataclass(frozen=True)
class Document:
    text: str
    cycles: list[Cycle]  # the one cycle of a single export; empty when streamed
    left_out: int  # private entries left out
    count: int = 1  # how many cycles it holds


Deliver = Callable[[Iterable[str]], None]
"""Where a streamed document goes: it is handed the parts, to write as they come."""


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
        ) + movement_markdown_of(journal, cycle, redact=request.redact)
        text += between.export_section(journal, cycle.id, redact=request.redact, zone=request.zone)
    elif fmt is Format.html:
        text = html_page([cycle], title=cycle_title(cycle), zone=request.zone)
        text = between.export_html(
            journal, cycle.id, text, redact=request.redact, zone=request.zone
        )
    else:
        text = to_json(cycle_dict(cycle, request.zone))
    if request.with_agreement:
        text = agreed.on_top(journal, cycle, text, json=fmt is Format.json, request=request)
    return Document(text, [cycle], left_out)


def portfolio_document(
    journal: Journal, request: Request, deliver: Deliver, fmt: Format = Format.markdown
) -> Document:
    """The chosen cycles (all when none are named) in one Markdown document, handed to
    ``deliver`` a cycle at a time so memory does not grow with the journal; or as one HTML
    page (a page is printed whole, so it is built whole)."""
    with journal.read() as uow:
        chosen = _Chosen(uow, request)
        if fmt is Format.html:
            cycles = list(chosen.cycles())
            deliver([html_page(cycles, title=PORTFOLIO_TITLE, zone=request.zone)])
        else:
            deliver(
                portfolio_parts(
                    chosen.heads,
                    chosen.cycles(),
                    generated_at=uow.now,
                    front=request.front_matter,
                    zone=request.zone,
                )
            )
        return Document("", [], chosen.left_out, chosen.count)


def export_folder(journal: Journal, request: Request, folder: Path) -> Document:
    """One Markdown file per cycle and an index.md, each written whole, into ``folder``; a cycle
    at a time, so memory does not grow with the journal."""
    with journal.read() as uow:
        chosen = _Chosen(uow, request)
        make_private_folder(folder)
        for cycle in chosen.cycles():
            text = markdown(
                cycle,
                include_private=request.include_private,
                front=request.front_matter,
                zone=request.zone,
            ) + movement_markdown_of(journal, cycle, redact=request.redact)
            text += between.export_section(
                journal, cycle.id, redact=request.redact, zone=request.zone
            )
            text += export_beside(journal, cycle, folder, chosen.names)  # files copied beside
            write_atomically(folder / _file_name(cycle), text)
        listed = ((c, _file_name(c)) for c in chosen.heads())
        contents = index_parts(
            listed, generated_at=uow.now, front=request.front_matter, zone=request.zone
        )
        write_atomically(folder / "index.md", contents)
        return Document("", [], chosen.left_out, chosen.count)


def _file_name(cycle: Cycle) -> str:
    return f"cycle-{cycle.id:04d}.md"


class _Chosen:
    """The cycles to export (all when none are named), as they may leave the machine, read a
    page at a time; counts the private entries left out as they go by."""

    def __init__(self, uow: UnitOfWork, request: Request) -> None:
        self.uow = uow
        self.request = request
        self.names = redactor(uow, redact=request.redact)
        self.named = [cycle_or_error(uow, cycle_id) for cycle_id in request.cycle_ids]
        self.count = len(self.named) if request.cycle_ids else uow.cycles.count()
        if not self.count:
            raise InvalidInput(Message.EXPORT_NOTHING)
        self.left_out = 0

    def _pages(self, *, entries: bool) -> Iterator[list[Cycle]]:
        if self.request.cycle_ids:
            yield self.named
            return
        for page in self.uow.cycles.pages(CycleFilter()):
            yield with_entries(self.uow, page) if entries else page

    def heads(self) -> Iterator[Cycle]:
        """The cycles without their entries (for lists and indexes)."""
        for page in self._pages(entries=False):
            yield from (self.names.cycle(replace(c, entries=())) for c in page)

    def cycles(self) -> Iterator[Cycle]:
        """The cycles with their entries, private ones left out unless asked for."""
        for page in self._pages(entries=True):
            for cycle in page:
                shown = cycle if self.request.include_private else cycle.public()
                self.left_out += len(cycle.entries) - len(shown.entries)
                yield self.names.cycle(shown)


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
    return between.with_promises(journal, shown, text), first
