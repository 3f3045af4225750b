"""Changing and forgetting what was written, the student roster, and what may leave the machine."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from tpcycle.domain import CURRENT_CYCLE, Cycle, CycleFilter, Entry, Step, clean_text
from tpcycle.errors import InvalidInput, NotFound
from tpcycle.privacy import (
    Redactor,
    RosterName,
    alias_for,
    clean_student_name,
    match_key,
    name_key,
)
from tpcycle.store import Journal, UnitOfWork
from tpcycle.usecases.choosing import chosen, cycle_or_error, with_entries
from tpcycle.usecases.session import forget_session

NEXT_ALIAS = "next_student_alias"


Gone = TypeVar("Gone", Entry, Cycle)


@dataclass(frozen=True)
class Forgotten(Generic[Gone]):
    """What was deleted or changed, and whether its old bytes are already gone from the file."""

    what: Gone
    wiped: bool  # False: another program is reading; the next open finishes the job


def get_entry(journal: Journal, entry_id: int) -> Entry:
    with journal.read() as uow:
        return _entry_or_error(uow, entry_id)


def edit_entry(
    journal: Journal, entry_id: int, *, text: str | None, private: bool | None
) -> Forgotten[Entry]:
    """Change an entry's text or privacy; the old text is overwritten, not kept."""
    with journal.write() as uow:
        entry = _entry_or_error(uow, entry_id)
        new_text = entry.text if text is None else clean_text(text)
        new_private = entry.private if private is None else private
        if (new_text, new_private) == (entry.text, entry.private):
            raise InvalidInput(f"Entry {entry_id} already says exactly that; nothing changed.")
        uow.entries.update_text(entry_id, text=new_text, private=new_private, at=uow.now)
        if _is_goal(uow, entry):
            uow.cycles.set_goal(entry.cycle_id, new_text)  # the cycle's goal is this entry's text
        if new_text != entry.text:
            uow.index.purge()
        changed = _entry_or_error(uow, entry_id)
    return Forgotten(changed, journal.checkpoint())


def forget_entry(journal: Journal, entry_id: int) -> Forgotten[Entry]:
    """Delete an entry for real: secure delete zeroes it and a checkpoint empties the WAL."""
    with journal.write() as uow:
        entry = _entry_or_error(uow, entry_id)
        if _is_goal(uow, entry):
            raise InvalidInput(
                f"Entry {entry_id} is the goal of cycle {entry.cycle_id}; forget the whole"
                f" cycle with 'tpcycle forget --cycle {entry.cycle_id}' instead."
            )
        uow.entries.delete(entry_id)
        uow.sync.remember_forgotten([entry.uid], uow.now)
        uow.index.purge()
    return Forgotten(entry, journal.checkpoint())


def forget_cycle(journal: Journal, cycle_id: int) -> Forgotten[Cycle]:
    with journal.write() as uow:
        cycle = cycle_or_error(uow, cycle_id)
        uow.cycles.delete(cycle_id)
        if uow.settings.current_cycle_id() == cycle_id:
            uow.settings.delete(CURRENT_CYCLE)
        forget_session(uow, cycle_id)
        uow.sync.remember_forgotten([cycle.uid, *(e.uid for e in cycle.entries)], uow.now)
        uow.index.purge()
    return Forgotten(cycle, journal.checkpoint())


def _is_goal(uow: UnitOfWork, entry: Entry) -> bool:
    return entry.step is Step.GOAL and entry.text == cycle_or_error(uow, entry.cycle_id).goal


def _entry_or_error(uow: UnitOfWork, entry_id: int) -> Entry:
    entry = uow.entries.get(entry_id)
    if entry is None:
        raise NotFound(f"There is no entry {entry_id}; 'tpcycle show' lists entry numbers.")
    return entry


# -- the student roster ---------------------------------------------------------------------


def add_students(
    journal: Journal, names: list[str], *, keep: tuple[str, ...] = (), every_case: bool = False
) -> list[tuple[str, str, bool]]:
    """Add names to the roster; each gets the next alias, never reused. (name, alias, new).

    ``keep`` lists parts of these names never replaced on their own (a part that is also a word
    the teacher writes); ``every_case`` makes an ordinary-word part count in lower case too.
    Given for a name already on the roster, they change how it is looked for.
    """
    cleaned = [clean_student_name(n) for n in names]
    added: list[tuple[str, str, bool]] = []
    with journal.write() as uow:
        counter = int(uow.settings.get(NEXT_ALIAS) or "0")
        known = {match_key(s.name): s for s in uow.students.all()}
        for name in cleaned:
            key = name_key(name)
            same = known.get(match_key(name))  # José and Jose are one student
            existing = uow.students.get(name_key(same.name)) if same else None
            if existing is None:
                alias = alias_for(counter)
                counter += 1
                uow.students.add(name=name, name_key=key, alias=alias, at=uow.now)
                known[match_key(name)] = RosterName(name, alias)
                added.append((name, alias, True))
            else:
                key = name_key(existing[0])
                added.append((existing[0], existing[1], False))
            exempt = _parts_kept(name, keep)
            if exempt or every_case:
                uow.students.set_rules(key, exempt=exempt, every_case=every_case)
        uow.settings.set(NEXT_ALIAS, str(counter))
    return added


def _parts_kept(name: str, keep: tuple[str, ...]) -> frozenset[str]:
    parts = {name_key(p): p for p in name.split()}
    unknown = [k for k in keep if name_key(k) not in parts]
    if unknown:
        raise InvalidInput(
            f"'{unknown[0]}' is not a part of the name '{name}'; --keep takes a word of the name."
        )
    return frozenset(parts[name_key(k)] for k in keep)


def remove_student(journal: Journal, name: str) -> tuple[str, str]:
    key = name_key(clean_student_name(name))
    with journal.write() as uow:
        found = uow.students.get(key)
        if found is None:
            raise NotFound(f"'{name}' is not on the roster; 'tpcycle students list' shows it.")
        uow.students.delete(key)
    journal.checkpoint()
    return found


def roster(journal: Journal) -> list[RosterName]:
    with journal.read() as uow:
        return uow.students.all()


def redactor(uow: UnitOfWork, *, redact: bool = True) -> Redactor:
    """The one redactor for anything leaving the machine (none when the teacher says so)."""
    return Redactor(uow.students.all() if redact else [])


# -- what may leave the machine ---------------------------------------------------------------


def shareable(
    journal: Journal, cycle_id: int | None, *, include_private: bool, redact: bool
) -> tuple[Cycle, int]:
    """A cycle as it may leave the machine, and how many private entries were left out."""
    with journal.read() as uow:
        cycle = chosen(uow, cycle_id)
        names = redactor(uow, redact=redact)
    shown = cycle if include_private else cycle.public()
    return names.cycle(shown), len(cycle.entries) - len(shown.entries)


def shareable_cycles(
    journal: Journal, cycle_ids: list[int] | None, *, include_private: bool, redact: bool
) -> tuple[list[Cycle], int]:
    """Several cycles (all when None) as they may leave the machine; private left out count."""
    with journal.read() as uow:
        if cycle_ids is None:
            cycles = with_entries(uow, uow.cycles.matching(CycleFilter()))
        else:
            cycles = [cycle_or_error(uow, cycle_id) for cycle_id in cycle_ids]
        names = redactor(uow, redact=redact)
    shown = cycles if include_private else [c.public() for c in cycles]
    left_out = sum(len(a.entries) - len(b.entries) for a, b in zip(cycles, shown, strict=True))
    return [names.cycle(c) for c in shown], left_out
