"""The journal file itself: what it holds, copies of it, putting a copy back, a health check."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tpcycle.errors import InvalidInput
from tpcycle.messages import Message
from tpcycle.store import Journal, inspect, open_journal


@dataclass(frozen=True)
class Facts:
    path: Path
    exists: bool
    schema: str
    counts: dict[str, int]


def facts(journal: Journal, path: Path) -> Facts:
    with journal.read() as uow:
        counts = uow.stats.table_counts()
    return Facts(path, path.exists(), journal.schema_version(), counts)


def backup(path: Path, target: Path) -> None:
    """A consistent copy of the journal at ``path``, even while someone else writes to it."""
    if not path.exists():
        raise InvalidInput(Message.NO_JOURNAL_TO_BACK_UP, path=path)
    journal = open_journal(path, create=False)
    try:
        journal.backup(target)
    finally:
        journal.close()


def restore(path: Path, source: Path) -> Path:
    """Replace the journal with a checked backup; returns where the safety copy was kept."""
    journal = open_journal(path, create=True)
    try:
        return journal.restore(source)
    finally:
        journal.close()


def doctor(path: Path) -> list[str]:
    """Problems with the journal file, each one sentence (none: healthy). Changes nothing."""
    return inspect(path)
