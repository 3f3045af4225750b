"""Promises and notes in bundles: written beside a cycle's entries, merged in by uid."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from tpcycle.between import merged_state
from tpcycle.bundle_between import Extras, Machine, extras_dict
from tpcycle.privacy import Redactor
from tpcycle.store import UnitOfWork


def bundle_extras(
    uow: UnitOfWork, cycle_id: int, names: Redactor, machine: Machine | None = None
) -> dict[str, Any]:
    """A cycle's promises and notes as a bundle carries them, student names redacted."""
    return extras_dict(
        uow.promises.of_cycles([cycle_id]), uow.notes.of_cycles([cycle_id]), names.text, machine
    )


@dataclass
class BetweenReport:
    promises_added: int = 0
    promises_changed: int = 0
    notes_added: int = 0
    elsewhere: int = 0  # already here on another cycle: left where it is

    @property
    def anything(self) -> bool:
        return bool(self.promises_added or self.promises_changed or self.notes_added)


def merge_extras(uow: UnitOfWork, cycle_id: int, extras: Extras) -> BetweenReport:
    """Add the promises and notes this journal lacks; a promise done or dropped on the other
    side is done or dropped here too (see ``between.merged_state``). Importing twice changes
    nothing the second time."""
    report = BetweenReport()
    ours = uow.promises.by_uid([p.uid for p in extras.promises])
    for theirs in extras.promises:
        mine = ours.get(theirs.uid)
        if mine is None:
            uow.promises.add(replace(theirs, cycle_id=cycle_id))
            report.promises_added += 1
        elif mine.cycle_id != cycle_id:
            report.elsewhere += 1
        else:
            state = merged_state(mine, theirs)
            if state is not None:
                uow.promises.set_state(mine.id, *state)
                report.promises_changed += 1
    known = uow.notes.known([n.uid for n in extras.notes])
    for note in extras.notes:
        if note.uid not in known:
            uow.notes.add(replace(note, cycle_id=cycle_id))
            report.notes_added += 1
        elif known[note.uid] != cycle_id:
            report.elsewhere += 1
    return report
