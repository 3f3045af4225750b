"""Looking back across the journal: history figures and search."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, tzinfo

from tpcycle import clock
from tpcycle.domain import HIGHLIGHT, Hit, SearchFilter, Status
from tpcycle.errors import InvalidInput
from tpcycle.history import Days, History, changes, recurring
from tpcycle.store import Journal
from tpcycle.voices import voice_shares


def history(journal: Journal, *, recent: int = 200, zone: tzinfo = UTC) -> History:
    """Counts over every cycle (done by SQLite); numbers and moves of the latest cycles.
    Months are the reader's (``zone``): a cycle started late on 31 October counts in October."""
    with journal.read() as uow:
        by_status = uow.stats.cycles_by_status()
        started = uow.stats.started_by_month_and_edge(clock.stamp_prefix(zone, journal.clock()))
        return History(
            open=by_status.get(Status.OPEN.value, 0),
            closed=by_status.get(Status.CLOSED.value, 0),
            days=Days(*ran) if (ran := uow.stats.days_ran()) else None,
            skipped=uow.stats.closed_without(),
            started_by_month=clock.by_local_month(started, zone),
            recent=recent,
            changes=changes(uow.stats.recent_measures(recent)),
            recurring_moves=recurring(uow.stats.recent_moves(recent)),
            voices=voice_shares(uow.stats.ideas_by_voice(recent)),
        )


def search(journal: Journal, words: str, only: SearchFilter | None = None) -> list[Hit]:
    query = fts_query(words)
    with journal.read() as uow:
        hits = uow.index.search(query, only or SearchFilter())
    return [
        replace(h, snippet=opening_snippet(h.snippet, words), long=False) if h.long else h
        for h in hits
    ]


def opening_snippet(text: str, words: str, *, around: int = 7) -> str:
    """The words around the first match in a (very long) text, the match highlighted.

    Linear in the text, whatever it holds; used where FTS5's own snippet would take minutes.
    """
    wanted = [w.rstrip("*").casefold() for w in words.split() if w.rstrip("*")]
    tokens = text.split()
    start, end = HIGHLIGHT
    for index, token in enumerate(tokens):
        bare = token.strip(".,;:!?\"'()[]").casefold()
        if any(bare.startswith(w) for w in wanted):
            before = tokens[max(0, index - around) : index]
            after = tokens[index + 1 : index + 1 + around]
            lead = "… " if index > around else ""
            return " ".join([*before, f"{start}{token}{end}", *after]).join((lead, " …"))
    return " ".join(tokens[: 2 * around]) + " …"


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
