"""Numbers from the guided session: a measure after the evidence questions, a prediction after
the move, added to the answer just saved so ``compare`` can set them side by side."""

from __future__ import annotations

from tpcycle.domain import Entry, Step
from tpcycle.measures import latest_by_name, parse_measure
from tpcycle.store import Journal
from tpcycle.usecases.choosing import chosen
from tpcycle.usecases.corrections import EntryChanges, change_entry, entry_or_error

# The steps after which the session offers a number, and what it is called there.
OFFERED = (Step.EVIDENCE, Step.MOVE, Step.NEW_EVIDENCE)


def measure_names(journal: Journal, cycle_id: int) -> tuple[str, ...]:
    """The baseline's measure names (as first written), so later numbers can match them."""
    with journal.read() as uow:
        cycle = chosen(uow, cycle_id)
    baseline = [m for e in cycle.entries_for(Step.EVIDENCE) for m in e.measures]
    return tuple(m.name for m in latest_by_name(baseline).values())


def add_measure(journal: Journal, entry_id: int, text: str) -> Entry:
    """Add one measure typed as ``NAME=COUNT/TOTAL`` or ``NAME=VALUE`` to an entry; a bad one
    is a one-line ``InvalidInput`` and changes nothing."""
    measure = parse_measure(text)
    with journal.write() as uow:
        entry = entry_or_error(uow, entry_id)
        edited = change_entry(journal, entry.id, EntryChanges(measures=(*entry.measures, measure)))
    return edited.entry
