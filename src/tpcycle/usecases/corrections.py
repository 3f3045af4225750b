"""Fixing mistakes: a cycle's people, goal and protocol, reopening a cycle, an entry's step,
numbers, voice or cycle, and forgetting several entries at once (all of them or none)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from tpcycle.domain import (
    Cycle,
    Entry,
    Measure,
    Role,
    Status,
    Step,
    clean_name,
    clean_text,
    resolve_author,
)
from tpcycle.errors import InvalidInput, NotFound
from tpcycle.measures import check_unique
from tpcycle.messages import Message
from tpcycle.protocols import Library
from tpcycle.store import Journal, UnitOfWork
from tpcycle.usecases.choosing import chosen, cycle_or_error
from tpcycle.usecases.identity import me_in
from tpcycle.usecases.recording import MEASURED_STEPS

# The steps whose entries may carry numbers (the measures table allows only these).


# -- a cycle ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CycleChanges:
    """What to change in a cycle; None leaves it as it is."""

    teacher: str | None = None
    partner: str | None = None
    goal: str | None = None
    protocol: str | None = None


@dataclass(frozen=True)
class CycleEdited:
    cycle: Cycle
    changed: tuple[str, ...]  # "teacher", "partner", "goal", "protocol", in that order


def edit_cycle(
    journal: Journal, library: Library, cycle_id: int | None, changes: CycleChanges
) -> CycleEdited:
    """Change a cycle's teacher, partner, goal or protocol.

    A new name also goes on the entries written under the old one in that role, and a new goal
    is the new text of the goal entry too, so the cycle reads the same everywhere.
    """
    protocol = library.load_cycle(changes.protocol) if changes.protocol is not None else None
    with journal.write() as uow:
        cycle = chosen(uow, cycle_id)
        teacher = clean_name(changes.teacher, cycle.teacher, "teacher's name")
        partner = clean_name(changes.partner, cycle.partner, "partner's name")
        goal = cycle.goal if changes.goal is None else clean_text(changes.goal, "goal")
        if teacher.casefold() == partner.casefold():
            raise InvalidInput("The teacher and the partner need different names.")
        values: dict[str, Any] = {}
        if teacher != cycle.teacher:
            values["teacher"] = teacher
            uow.entries.rename_author(cycle.id, Role.TEACHER, cycle.teacher, teacher, uow.now)
        if partner != cycle.partner:
            values["partner"] = partner
            uow.entries.rename_author(cycle.id, Role.PARTNER, cycle.partner, partner, uow.now)
        if goal != cycle.goal:
            values["goal"] = goal
            for entry in cycle.entries_for(Step.GOAL):
                if entry.text == cycle.goal:
                    uow.entries.change(entry.id, {"text": goal, "updated_at": uow.now})
            uow.index.purge()
        if protocol is not None and (protocol.name, protocol.version) != (
            cycle.protocol,
            cycle.protocol_version,
        ):
            values["protocol"] = protocol.name
            values["protocol_version"] = protocol.version
        if not values:
            raise InvalidInput(Message.CYCLE_EDIT_SAME, cycle=cycle.id)
        uow.cycles.change(cycle.id, values)
        changed = tuple(n for n in ("teacher", "partner", "goal", "protocol") if n in values)
        return CycleEdited(cycle_or_error(uow, cycle.id), changed)


def reopen_cycle(journal: Journal, cycle_id: int | None) -> Cycle:
    """Open a closed cycle again, to add what was missed."""
    with journal.write() as uow:
        cycle = chosen(uow, cycle_id)
        if cycle.status is Status.OPEN:
            raise InvalidInput(Message.CYCLE_ALREADY_OPEN, cycle=cycle.id)
        uow.cycles.set_status(cycle.id, Status.OPEN, None)
        return cycle_or_error(uow, cycle.id)


# -- an entry ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryChanges:
    """What to change in an entry; None (or False) leaves it as it is."""

    text: str | None = None
    private: bool | None = None
    step: Step | None = None
    baseline: bool = False  # evidence from before the move
    new: bool = False  # evidence from after the move
    measures: tuple[Measure, ...] | None = None
    by: str | None = None
    cycle: int | None = None


@dataclass(frozen=True)
class EntryEdited:
    entry: Entry
    changed: tuple[str, ...]  # "text", "step", "measures", "author", "cycle", "privacy"
    wiped: bool = True  # False: old text stays in the file until another program lets go


def _step_after(entry: Entry, changes: EntryChanges) -> Step:
    if changes.baseline and changes.new:
        raise InvalidInput("Choose either --baseline or --new, not both.")
    step = changes.step or entry.step
    if changes.baseline or changes.new:
        if step not in (Step.EVIDENCE, Step.NEW_EVIDENCE):
            raise InvalidInput(Message.EDIT_BASELINE_OR_NEW)
        step = Step.EVIDENCE if changes.baseline else Step.NEW_EVIDENCE
    return step


def change_entry(journal: Journal, entry_id: int, changes: EntryChanges) -> EntryEdited:
    """Change what an entry says, at which step, with which numbers, by whom, in which cycle.

    Refused, with nothing changed, when the cycle would no longer read in order: new evidence
    with no move before it, a goal that is not the cycle's goal, numbers on a step without any.
    """
    with journal.write() as uow:
        entry = entry_or_error(uow, entry_id)
        source = cycle_or_error(uow, entry.cycle_id)
        is_goal = entry.step is Step.GOAL and entry.text == source.goal
        step = _step_after(entry, changes)
        target = source if changes.cycle is None else cycle_or_error(uow, changes.cycle)
        if is_goal and (step is not Step.GOAL or target.id != source.id):
            raise InvalidInput(Message.EDIT_GOAL_STEP, entry=entry.id, cycle=source.id)
        if step is Step.GOAL and entry.step is not Step.GOAL:
            raise InvalidInput(Message.EDIT_TO_GOAL)
        text = entry.text if changes.text is None else clean_text(changes.text)
        author, role = entry.author, entry.role
        if changes.by is not None:
            author, role = resolve_author(changes.by, target.teacher, target.partner, me_in(uow))
        measures = entry.measures if changes.measures is None else changes.measures
        if measures and step not in MEASURED_STEPS:
            raise InvalidInput(Message.EDIT_MEASURES_NOT_HERE, step=step.label.lower())
        check_unique(measures)
        private = entry.private if changes.private is None else changes.private
        after = replace(
            entry,
            text=text,
            private=private,
            step=step,
            author=author,
            role=role,
            cycle_id=target.id,
            measures=measures,
        )
        changed = _differences(entry, after)
        if not changed:
            raise InvalidInput(Message.EDIT_SAME, entry=entry.id)
        if "step" in changed or "cycle" in changed:
            for cycle in {source.id: source, target.id: target}.values():
                _refuse_new_evidence_before_move(cycle, entry, after)
        values: dict[str, Any] = {
            name: getattr(after, name)
            for name in ("text", "private", "step", "author", "role", "cycle_id")
            if getattr(after, name) != getattr(entry, name)
        }
        uow.entries.change(entry.id, {**values, "updated_at": uow.now})
        if "measures" in changed:
            uow.entries.set_measures(entry.id, measures)
        if "text" in changed:
            if is_goal:
                uow.cycles.set_goal(source.id, text)  # the cycle's goal is this entry's text
            uow.index.purge()
        edited = entry_or_error(uow, entry.id)
    return EntryEdited(edited, changed, journal.checkpoint() if "text" in changed else True)


def _differences(before: Entry, after: Entry) -> tuple[str, ...]:
    pairs = {
        "text": before.text != after.text,
        "step": before.step is not after.step,
        "measures": before.measures != after.measures,
        "author": (before.author, before.role) != (after.author, after.role),
        "cycle": before.cycle_id != after.cycle_id,
        "privacy": before.private != after.private,
    }
    return tuple(name for name, differs in pairs.items() if differs)


def _unmoved(entries: list[Entry]) -> set[int]:
    """New evidence in a cycle that has no move (the order of writing is not held against it:
    a move is often written down after the evidence that followed it)."""
    if any(e.step is Step.MOVE for e in entries):
        return set()
    return {e.id for e in entries if e.step is Step.NEW_EVIDENCE}


def _refuse_new_evidence_before_move(cycle: Cycle, before: Entry, after: Entry) -> None:
    was = list(cycle.entries)
    now = [e for e in was if e.id != before.id]
    if after.cycle_id == cycle.id:
        now.append(after)
    broken = _unmoved(now) - _unmoved(was)
    if broken:
        raise InvalidInput(Message.EDIT_BEFORE_MOVE, entry=min(broken), cycle=cycle.id)


def entry_or_error(uow: UnitOfWork, entry_id: int) -> Entry:
    entry = uow.entries.get(entry_id)
    if entry is None:
        raise NotFound(f"There is no entry {entry_id}; 'tpcycle show' lists entry numbers.")
    return entry


# -- forgetting several entries -----------------------------------------------------------------


@dataclass(frozen=True)
class ForgottenEntries:
    entries: tuple[Entry, ...]
    wiped: bool


def check_entries(journal: Journal, entry_ids: list[int]) -> None:
    """One error naming every entry number that is not in the journal."""
    with journal.read() as uow:
        _refuse_unknown(uow, list(dict.fromkeys(entry_ids)))


def _refuse_unknown(uow: UnitOfWork, wanted: list[int]) -> None:
    found = uow.entries.existing(wanted)
    missing = [n for n in wanted if n not in found]
    if missing:
        raise NotFound(
            Message.FORGET_UNKNOWN, count=len(missing), entries=", ".join(map(str, missing))
        )


def forget_entries(journal: Journal, entry_ids: list[int]) -> ForgottenEntries:
    """Delete several entries for real, all of them or (if any cannot go) none of them."""
    wanted = list(dict.fromkeys(entry_ids))
    with journal.write() as uow:
        _refuse_unknown(uow, wanted)
        entries = tuple(entry_or_error(uow, n) for n in wanted)
        for entry in entries:
            cycle = cycle_or_error(uow, entry.cycle_id)
            if entry.step is Step.GOAL and entry.text == cycle.goal:
                raise InvalidInput(
                    f"Entry {entry.id} is the goal of cycle {cycle.id}; forget the whole"
                    f" cycle with 'tpcycle forget --cycle {cycle.id}' instead. Nothing was"
                    " forgotten."
                )
        for entry in entries:
            uow.entries.delete(entry.id)
        uow.sync.remember_forgotten([e.uid for e in entries], uow.now)
        uow.index.purge()
    return ForgottenEntries(entries, journal.checkpoint())
