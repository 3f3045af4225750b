"""Each student's evidence: a sort saved per student with its group measures, in one unit of
work, and who moved between the baseline sort and the new one."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tpcycle.domain import Cycle, Entry, Measure, Step
from tpcycle.errors import InvalidInput, NotFound
from tpcycle.messages import text
from tpcycle.messages_classroom import Classroom
from tpcycle.privacy import match_key
from tpcycle.render_sort import movement_markdown
from tpcycle.sortcsv import SHOWN
from tpcycle.sorting import Movement, Pile, Placed, group_measures, movement
from tpcycle.store import Journal, UnitOfWork
from tpcycle.usecases.choosing import chosen
from tpcycle.usecases.privacy import add_students, redactor
from tpcycle.usecases.recording import add_entry

SORTED_STEPS = (Step.EVIDENCE, Step.NEW_EVIDENCE)


@dataclass(frozen=True)
class Where:
    """Which evidence a sort belongs to: an existing entry, or a new one written here."""

    cycle_id: int | None = None
    entry_id: int | None = None
    text: str | None = None
    by: str | None = None
    private: bool = False
    baseline: bool = False
    new: bool = False
    happened_at: str | None = None


@dataclass(frozen=True)
class SortSaved:
    """What saving a sort did: the entry, its groups and what to say."""

    entry: Entry
    cycle: Cycle
    groups: tuple[Measure, ...]
    replaced: bool
    added: tuple[str, ...]  # names added to the roster on the way
    warnings: tuple[str, ...]


def names_to_sort(journal: Journal) -> list[str]:
    """The roster's names in the order they were added: who an interactive sort goes through."""
    with journal.read() as uow:
        names = [s.name for s in uow.students.all()]
    if not names:
        raise InvalidInput(Classroom.SORT_NO_ROSTER)
    return names


def record_sort(
    journal: Journal,
    where: Where,
    piles: Sequence[Pile],
    placed: Sequence[tuple[str, int, float | None]],
    *,
    add_unknown: bool = False,
) -> SortSaved:
    """Save which pile each named student is in; all of it, or (on any problem) none of it."""
    _refuse_duplicates(name for name, _, _ in placed)
    with journal.write() as uow:
        aliases = {match_key(s.name): s.alias for s in uow.students.all()}
        unknown = list(dict.fromkeys(n for n, _, _ in placed if match_key(n) not in aliases))
        added: tuple[str, ...] = ()
        if unknown and not add_unknown:
            raise InvalidInput(
                Classroom.SORT_UNKNOWN_STUDENTS, count=len(unknown), names=_few(unknown)
            )
        if unknown:
            added = tuple(name for name, _, new in add_students(journal, unknown) if new)
            aliases = {match_key(s.name): s.alias for s in uow.students.all()}
        students = [Placed(aliases[match_key(n)], rank, score) for n, rank, score in placed]
        groups = group_measures(piles, students)
        if where.entry_id is None:
            saved = add_entry(
                journal,
                cycle_id=where.cycle_id,
                step=None,
                text=where.text or _summary(groups),
                by=where.by,
                private=where.private,
                baseline=where.baseline,
                new=where.new,
                measures=groups,
                happened_at=where.happened_at,
            )
            entry, cycle, warnings = saved.entry, saved.cycle, saved.warnings
        else:
            entry, cycle = _sorted_entry(uow, where)
            kept = tuple(m for m in entry.measures if m.key not in {g.key for g in groups})
            uow.entries.set_measures(entry.id, kept + groups)
            entry, warnings = uow.entries.get(entry.id) or entry, ()
        replaced = uow.piles.replace(
            entry.id,
            [p.name for p in piles],
            [(s.alias, s.rank, s.score) for s in students],
            uow.now,
        )
    return SortSaved(entry, cycle, groups, replaced, added, warnings)


def _refuse_duplicates(names: Iterable[str]) -> None:
    seen: dict[str, str] = {}
    twice: list[str] = []
    for name in names:
        key = match_key(name)
        if key in seen and seen[key] not in twice:
            twice.append(seen[key])
        seen.setdefault(key, name)
    if twice:
        raise InvalidInput(Classroom.SORT_DUPLICATE_STUDENTS, count=len(twice), names=_few(twice))


def _sorted_entry(uow: UnitOfWork, where: Where) -> tuple[Entry, Cycle]:
    assert where.entry_id is not None
    entry = uow.entries.get(where.entry_id)
    if entry is None:
        raise NotFound(f"There is no entry {where.entry_id}; 'tpcycle show' lists entry numbers.")
    if entry.step not in SORTED_STEPS:
        raise InvalidInput(
            Classroom.SORT_ENTRY_NOT_EVIDENCE, entry=entry.id, step=entry.step.label.lower()
        )
    if where.cycle_id is not None and where.cycle_id != entry.cycle_id:
        raise InvalidInput(
            Classroom.SORT_ENTRY_ELSEWHERE,
            entry=entry.id,
            other=entry.cycle_id,
            cycle=where.cycle_id,
        )
    return entry, chosen(uow, entry.cycle_id)


def _summary(groups: Sequence[Measure]) -> str:
    total = int(groups[0].total or 0) if groups else 0
    return text(Classroom.SORT_TEXT, count=total, groups=describe(groups))


def describe(groups: Sequence[Measure]) -> str:
    """``got it 9, partly 11, not yet 4``."""
    return ", ".join(f"{g.name} {int(g.value)}" for g in groups)


def _few(names: Sequence[str]) -> str:
    more = len(names) - SHOWN
    return ", ".join(names[:SHOWN]) + (f" and {more} more" if more > 0 else "")


# -- who moved ----------------------------------------------------------------------------------


def cycle_movement(journal: Journal, cycle_id: int | None) -> Movement | None:
    """Who moved between the cycle's latest baseline sort and latest new sort, by name (this
    is for the screen of the machine the roster is on); None without both sorts."""
    with journal.read() as uow:
        cycle = chosen(uow, cycle_id)
        return movement_in(uow, uow.entries.of_cycle(cycle.id), names=True)


def movement_in(uow: UnitOfWork, entries: Sequence[Entry], *, names: bool) -> Movement | None:
    """Who moved, among these entries (a public or redacted set keeps the same numbers).
    ``names``: show students by name; otherwise by alias, with pile names redacted too, as
    everything leaving the machine."""
    sorts = uow.piles.of_entries([e.id for e in entries if e.step in SORTED_STEPS])
    latest: dict[Step, int] = {}
    for entry in entries:  # in the order written: the latest sort of each side counts
        if entry.id in sorts:
            latest[entry.step] = entry.id
    if Step.EVIDENCE not in latest or Step.NEW_EVIDENCE not in latest:
        return None
    before, after = sorts[latest[Step.EVIDENCE]], sorts[latest[Step.NEW_EVIDENCE]]
    # Names only for sorts made here: a sort from a bundle holds the other machine's aliases.
    local = not (before.from_bundle or after.from_bundle)
    shown = {s.alias: s.name for s in uow.students.all()} if names and local else {}
    pile = (lambda name: name) if names else redactor(uow).text
    return movement(
        {alias: rank for alias, rank, _ in before.placed},
        {alias: rank for alias, rank, _ in after.placed},
        [pile(p) for p in before.piles],
        [pile(p) for p in after.piles],
        shown,
    )


def movement_markdown_of(journal: Journal, cycle: Cycle, *, redact: bool) -> str:
    """The "who moved" section for a cycle as it leaves the machine (its entries already
    chosen: a private sort left out stays out), by alias unless ``redact`` is off."""
    with journal.read() as uow:
        section = movement_markdown(movement_in(uow, cycle.entries, names=not redact), level=2)
    return "\n" + "\n".join(section).rstrip("\n") + "\n" if section else ""
