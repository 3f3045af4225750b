"""Which cycle an action is about: the one named or the current one, read whole (entries and
conversations), inside the action's unit of work. Every use case that works on a cycle starts
here; it is its own module so reading a cycle loads nothing of starting one (protocols)."""

from __future__ import annotations

from dataclasses import replace

from tpcycle.domain import Cycle
from tpcycle.errors import NotFound
from tpcycle.store import UnitOfWork


def chosen(uow: UnitOfWork, cycle_id: int | None) -> Cycle:
    """Cycle N, or the current cycle, with its entries; a clear error if there is none."""
    if cycle_id is None:
        cycle_id = uow.settings.current_cycle_id()
        if cycle_id is None:
            raise NotFound(
                "There is no current cycle; start one with 'tpcycle new goal' or pick one"
                " with 'tpcycle use N'."
            )
    return cycle_or_error(uow, cycle_id)


def cycle_or_error(uow: UnitOfWork, cycle_id: int) -> Cycle:
    cycle = uow.cycles.get(cycle_id, uow.entries)
    if cycle is None:
        raise NotFound(f"There is no cycle {cycle_id}; 'tpcycle list' shows the cycles there are.")
    return cycle


def with_entries(uow: UnitOfWork, cycles: list[Cycle]) -> list[Cycle]:
    """The same cycles with their entries, loaded in one pass."""
    found = uow.entries.of_cycles([c.id for c in cycles])
    talks = uow.cycles.conversations_of([c.id for c in cycles])
    return [
        replace(c, entries=tuple(found.get(c.id, ())), conversations=talks.get(c.id, ()))
        for c in cycles
    ]
