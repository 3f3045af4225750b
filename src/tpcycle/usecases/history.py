"""Looking back across the journal: history figures and search."""

from __future__ import annotations

from tpcycle.domain import Hit, SearchFilter, Status
from tpcycle.errors import InvalidInput
from tpcycle.history import History, changes, recurring
from tpcycle.store import Journal


def history(journal: Journal, *, recent: int = 200) -> History:
    """Counts over every cycle (done by SQLite); numbers and moves of the latest cycles."""
    with journal.read() as uow:
        by_status = uow.stats.cycles_by_status()
        return History(
            open=by_status.get(Status.OPEN.value, 0),
            closed=by_status.get(Status.CLOSED.value, 0),
            days=uow.stats.days_per_cycle(),
            skipped=uow.stats.closed_without(),
            started_by_month=uow.stats.started_by_month(),
            recent=recent,
            changes=changes(uow.stats.recent_measures(recent)),
            recurring_moves=recurring(uow.stats.recent_moves(recent)),
        )


def search(journal: Journal, words: str, only: SearchFilter | None = None) -> list[Hit]:
    query = fts_query(words)
    with journal.read() as uow:
        return uow.index.search(query, only or SearchFilter())


def fts_query(words: str) -> str:
    """People's words as an FTS5 query: every word must appear; a trailing * matches a prefix.

    Each word is quoted, so FTS5's own syntax (AND, NEAR, quotes, colons) is never triggered
    by accident.
    """
    terms = []
    for word in words.split():
        prefix = word.endswith("*")
        core = word.rstrip("*").replace('"', '""')
        if core.strip('"'):
            terms.append(f'"{core}"' + ("*" if prefix else ""))
    if not terms:
        raise InvalidInput("Give some words to search for.")
    return " ".join(terms)
