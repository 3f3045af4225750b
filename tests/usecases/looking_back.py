"""A journal with two cycles to look back over, built through the use-case API.

Built once per test module (it is the slow part) and copied for each test, so a test that
writes changes only its own copy. The clock starts at 2026-09-14 15:00 UTC and moves one minute
per action, so every entry's time is known.

Cycle 1 (closed, default protocol, Ana and Sam):
    1 goal, 2 evidence reason=6/24, 3 move (sentence frames), 4 new evidence reason=15/24,
    5 reflection by the partner.
Cycle 2 (open, quick-check-in, Ana and Jo; the current cycle):
    6 goal, 7 move (sentence frames), 8 a private interpretation.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from tests.usecases.helpers import LIBRARY, Clock
from tpcycle.domain import Step
from tpcycle.measures import parse_measure
from tpcycle.store import Journal, open_journal
from tpcycle.usecases import cycles
from tpcycle.usecases.recording import add_entry

STARTED = datetime(2026, 9, 14, 15, 0, tzinfo=UTC)
FIRST_GOAL = "Students explain their reasoning"
SECOND_GOAL = "Students ask each other questions"
REFLECTION = "Frames helped; next, reasons that cite numbers"
PRIVATE = "A private worry about questions"


def build(path: Path) -> Path:
    """Write the two-cycle journal at ``path`` and close it (its WAL folded into the file)."""
    journal = open_journal(path, create=True, clock=Clock(STARTED))
    try:
        first = cycles.plan_cycle(LIBRARY, teacher="Ana", partner="Sam", protocol=None)
        one = cycles.start_cycle(journal, first, FIRST_GOAL).cycle.id

        def say(
            step: Step, text: str, *measures: str, by: str | None = None, private: bool = False
        ) -> None:
            found = tuple(parse_measure(m) for m in measures)
            add_entry(
                journal,
                cycle_id=None,
                step=step,
                text=text,
                by=by,
                private=private,
                measures=found,
            )

        say(Step.EVIDENCE, "Exit tickets: most answers had no reason", "reason=6/24")
        say(Step.MOVE, "Model a worked explanation with sentence frames")
        say(Step.NEW_EVIDENCE, "After: many more reasons", "reason=15/24")
        say(Step.REFLECTION, REFLECTION, by="partner")
        cycles.close_cycle(journal, one)
        second = cycles.plan_cycle(LIBRARY, teacher="Ana", partner="Jo", protocol="quick-check-in")
        cycles.start_cycle(journal, second, SECOND_GOAL)
        say(Step.MOVE, "Sentence frames for questions on the board")
        say(Step.INTERPRETATION, PRIVATE, private=True)
    finally:
        journal.close()
    return path


def copy_of(built: Path, folder: Path, name: str = "journal.db") -> Path:
    """A private copy of a built journal for one test to read or change."""
    target = folder / name
    shutil.copyfile(built, target)
    target.chmod(0o600)
    return target


def opened_copy(built: Path, folder: Path) -> Journal:
    """The copy, opened with a clock that carries on a day after the journal was built."""
    later = Clock(datetime(2026, 9, 15, 9, 0, tzinfo=UTC))
    return open_journal(copy_of(built, folder), create=False, clock=later)
