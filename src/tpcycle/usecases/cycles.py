"""Starting, choosing, listing and closing cycles, and where a cycle stands."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from tpcycle.domain import (
    CURRENT_CYCLE,
    Cycle,
    CycleFilter,
    Entry,
    Progress,
    Status,
    Step,
    clean_name,
    clean_text,
    progress,
    resolve_author,
)
from tpcycle.errors import InvalidInput, NotFound, ProtocolError
from tpcycle.protocol import DEFAULT_PROTOCOL, Protocol, Question
from tpcycle.store import Journal
from tpcycle.store.records import new_uid
from tpcycle.usecases.choosing import chosen, cycle_or_error, with_entries
from tpcycle.usecases.identity import me_in

if TYPE_CHECKING:  # the library is passed in; reading protocol files loads YAML
    from tpcycle.protocols import Library

DEFAULT_TEACHER = "Teacher"
DEFAULT_PARTNER = "Partner"


@dataclass(frozen=True)
class Saved:
    """What an action stored, and anything the person should be told about it."""

    entry: Entry
    cycle: Cycle
    warnings: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class NewCycle:
    """What a new cycle starts with: its people and protocol (the goal comes as an entry)."""

    teacher: str | None
    partner: str | None
    protocol: Protocol
    by: str | None = None
    private: bool = False
    follows: int | None = None
    happened_at: str | None = None  # when the goal was set (--on), as clock.parse_when keeps it


def start_cycle(
    journal: Journal, new: NewCycle, goal: str, *, question: str | None = None
) -> Saved:
    """Open a new cycle with its goal, record the goal as the first entry and make it current."""
    goal_text = clean_text(goal, "goal")
    teacher = clean_name(new.teacher, DEFAULT_TEACHER)
    partner = clean_name(new.partner, DEFAULT_PARTNER)
    if teacher.casefold() == partner.casefold():
        raise InvalidInput("The teacher and the partner need different names.")
    with journal.write() as uow:
        author, role = resolve_author(new.by, teacher, partner, me_in(uow))
        if new.follows is not None:
            cycle_or_error(uow, new.follows)
        draft = Cycle(
            id=0,
            uid=new_uid(),
            goal=goal_text,
            teacher=teacher,
            partner=partner,
            protocol=new.protocol.name,
            protocol_version=new.protocol.version,
            status=Status.OPEN,
            created_at=uow.now,
            follows=new.follows,
        )
        cycle_id = uow.cycles.add(draft)
        entry = uow.entries.add(
            Entry(
                id=0,
                uid=new_uid(),
                cycle_id=cycle_id,
                step=Step.GOAL,
                author=author,
                role=role,
                text=goal_text,
                private=new.private,
                created_at=uow.now,
                question=question,
                happened_at=new.happened_at,
            )
        )
        uow.settings.set(CURRENT_CYCLE, str(cycle_id))
        return Saved(entry=entry, cycle=cycle_or_error(uow, cycle_id))


def plan_cycle(
    library: Library,
    *,
    teacher: str | None,
    partner: str | None,
    protocol: str | None,
    earlier: Cycle | None = None,
    by: str | None = None,
    private: bool = False,
) -> NewCycle:
    """What a new cycle will start with. One that grows out of an ``earlier`` cycle keeps that
    cycle's people and protocol unless others are given."""
    if earlier is None:
        return NewCycle(
            teacher, partner, library.load_cycle(protocol or DEFAULT_PROTOCOL), by, private
        )
    return NewCycle(
        teacher=teacher or earlier.teacher,
        partner=partner or earlier.partner,
        protocol=library.load_cycle(protocol or earlier.protocol),
        by=by,
        private=private,
        follows=earlier.id,
    )


def get_cycle(journal: Journal, cycle_id: int | None) -> Cycle:
    """The cycle named, or the current one, with all its entries."""
    with journal.read() as uow:
        return chosen(uow, cycle_id)


def use_cycle(journal: Journal, cycle_id: int) -> Cycle:
    with journal.write() as uow:
        cycle = cycle_or_error(uow, cycle_id)
        uow.settings.set(CURRENT_CYCLE, str(cycle.id))
        return cycle


def close_cycle(journal: Journal, cycle_id: int | None) -> Cycle:
    with journal.write() as uow:
        cycle = chosen(uow, cycle_id)
        if cycle.status is Status.CLOSED:
            raise InvalidInput(f"Cycle {cycle.id} is already closed.")
        uow.cycles.set_status(cycle.id, Status.CLOSED, uow.now)
        return cycle_or_error(uow, cycle.id)


@dataclass(frozen=True)
class Listing:
    """Cycles to list, each one's latest activity, the current one, and how many were left out."""

    cycles: list[Cycle]
    activity: dict[int, tuple[int, str]]
    current: int | None
    older: int = 0  # matching cycles left out by ``fit``


def list_cycles(
    journal: Journal,
    *,
    entries: bool,
    only: CycleFilter | None = None,
    fit: int | None = None,
) -> Listing:
    """The cycles ``only`` lets through, oldest first. ``fit``: when ``only`` names no ``last``,
    just the latest ``fit`` of them, with how many older ones were left out."""
    only = only or CycleFilter()
    with journal.read() as uow:
        older = 0
        if fit is not None and only.last is None:
            older = max(0, uow.cycles.count_matching(only) - fit)
            only = replace(only, last=fit)
        found = uow.cycles.matching(only)
        if entries:
            found = with_entries(uow, found)
        return Listing(
            cycles=found,
            activity=uow.cycles.activity([c.id for c in found]),
            current=uow.settings.current_cycle_id(),
            older=older,
        )


def each_cycle(journal: Journal, only: CycleFilter | None = None) -> Iterator[Cycle]:
    """Every cycle ``only`` lets through, oldest first, with its entries, a page at a time: for
    whole-journal output whose memory must not grow with the journal."""
    with journal.read() as uow:
        for page in uow.cycles.pages(only or CycleFilter()):
            yield from with_entries(uow, page)


@dataclass(frozen=True)
class CycleStatus:
    """Where a cycle stands: the cycle, its progress and what to ask next."""

    cycle: Cycle
    progress: Progress
    protocol: Protocol
    next_questions: tuple[Question, ...]
    warnings: tuple[str, ...]


def cycle_status(journal: Journal, library: Library, cycle_id: int | None) -> CycleStatus:
    cycle = get_cycle(journal, cycle_id)
    protocol, warnings = protocol_for(library, cycle)
    where = progress(cycle.entries)
    questions = protocol.questions(where.next_step) if where.next_step else ()
    return CycleStatus(cycle, where, protocol, questions, warnings)


def protocol_for(library: Library, cycle: Cycle) -> tuple[Protocol, tuple[str, ...]]:
    """The protocol a cycle was started with; if it is gone or broken, the default, with a note."""
    try:
        protocol = library.load_cycle(cycle.protocol)
    except (NotFound, ProtocolError) as exc:
        fallback = library.load(DEFAULT_PROTOCOL)
        return fallback, (
            f"Cycle {cycle.id} uses the protocol '{cycle.protocol}', which cannot be loaded"
            f" ({exc.message.rstrip('.')}); showing the default questions instead.",
        )
    if protocol.version != cycle.protocol_version:
        return protocol, (
            f"The protocol '{protocol.name}' has changed since cycle {cycle.id} started"
            f" (version {cycle.protocol_version}, now {protocol.version}).",
        )
    return protocol, ()
