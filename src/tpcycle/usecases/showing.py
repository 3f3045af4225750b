"""What ``show`` reads of one cycle, in one read: its entries, its notes and promises, and the
files kept with its entries.

A module of its own so that ``show`` does not load the attachments' use cases (which keep and
export files) to list a cycle's files.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, tzinfo

from tpcycle.attachments import Attachment
from tpcycle.domain import Cycle
from tpcycle.store import Journal
from tpcycle.usecases.between import Between, between_of
from tpcycle.usecases.choosing import chosen


@dataclass(frozen=True)
class Shown:
    """A cycle with all its entries, its notes and promises, and the files of its entries."""

    cycle: Cycle
    between: Between
    files: list[Attachment]


def show_cycle(journal: Journal, cycle_id: int | None, zone: tzinfo = UTC) -> Shown:
    """The cycle named, or the current one, as ``show`` prints it."""
    with journal.read() as uow:
        cycle = chosen(uow, cycle_id)
        files = uow.attachments.of_entries([e.id for e in cycle.entries])
        return Shown(cycle, between_of(uow, cycle.id, zone), files)


def has_sorts(journal: Journal, cycle: Cycle) -> bool:
    """Whether any entry of the cycle holds a sorted class: ``compare`` loads the sorting
    modules (to say who moved between piles) only then."""
    with journal.read() as uow:
        return bool(uow.piles.of_entries([e.id for e in cycle.entries]))
