"""Building journals for tests through the use-case API, with a clock the test controls."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from tpcycle.protocols import Library, bundled_dir
from tpcycle.store import Journal, open_journal
from tpcycle.usecases import cycles
from tpcycle.usecases.cycles import NewCycle, Saved

LIBRARY = Library(bundled=bundled_dir(), user=None)


class Clock:
    """Starts at a fixed moment and moves a minute each time it is read."""

    def __init__(self, start: datetime = datetime(2026, 9, 14, 15, 0, tzinfo=UTC)) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        self.moment += timedelta(minutes=1)
        return self.moment


def journal_at(path: Path, clock: Clock | None = None) -> Journal:
    return open_journal(path, create=True, clock=clock or Clock())


def started_now(path: Path, goal: str = "Students explain their reasoning", **people: str) -> None:
    """The journal at ``path`` with one cycle started now, on the real clock, and closed again:
    what ``new goal`` leaves behind, for tests that go on in another process (a real terminal)
    without paying for one more process to set it up."""
    journal = open_journal(path, create=True)
    try:
        start(journal, goal, **people)
    finally:
        journal.close()


def start(journal: Journal, goal: str = "Students explain their reasoning", **people: str) -> Saved:
    new = NewCycle(
        people.get("teacher", "Ana Ruiz"), people.get("partner", "Sam Lee"), LIBRARY.load("default")
    )
    return cycles.start_cycle(journal, new, goal)
