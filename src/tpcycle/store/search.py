"""Full-text search over entry text (FTS5), best matches first."""

from __future__ import annotations

import sqlite3

from tpcycle.domain import HIGHLIGHT, Hit, Role, SearchFilter, Step
from tpcycle.store.records import Conditions

RANK_WINDOW = 5000  # search ranks at most this many of the newest matches
SNIPPET_TOKENS = 14
# FTS5's snippet() costs time in proportion to matches times length, which in one very long
# entry full of the word grows past minutes; for those the words around the first match are
# found in the entry's opening characters instead (see Hit.snippet and the search use case).
SNIPPET_MAX_CHARS = 20_000


class Index:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def search(self, match: str, only: SearchFilter) -> list[Hit]:
        """Entries matching an FTS5 query, best first (bm25), with highlighted snippets."""
        found = Conditions()
        found.add(match, "entries_fts MATCH ?")
        found.add(only.step, "e.step = ?")
        found.add(
            only.author,
            "(e.author = ? COLLATE NOCASE OR e.role = lower(?))",
            only.author,
            only.author,
        )
        found.add(only.cycle_id, "e.cycle_id = ?")
        found.add(only.since, "e.created_at >= ?")
        found.add(only.until, "e.created_at < ?")
        params = found.params
        matching = (
            " FROM entries_fts JOIN entries e ON e.id = entries_fts.rowid"
            f" JOIN cycles c ON c.id = e.cycle_id {found.where}"
        )
        # Ranking costs time for every match, and a common word matches half the journal:
        # rank the newest RANK_WINDOW matches (all of them for any rarer word).
        oldest = self.conn.execute(
            f"SELECT entries_fts.rowid {matching} ORDER BY entries_fts.rowid DESC LIMIT 1 OFFSET ?",
            [*params, RANK_WINDOW - 1],
        ).fetchone()
        if oldest is not None:
            matching += " AND entries_fts.rowid >= ?"
            params.append(int(oldest[0]))
        start, end = HIGHLIGHT
        sql = (
            "SELECT e.id, e.cycle_id, c.goal, e.step, e.author, e.role, e.private, e.created_at,"
            f" CASE WHEN length(e.text) <= {SNIPPET_MAX_CHARS}"
            f" THEN snippet(entries_fts, 0, '{start}', '{end}', '…', {SNIPPET_TOKENS})"
            f" ELSE substr(e.text, 1, {SNIPPET_MAX_CHARS}) END,"
            f" length(e.text) > {SNIPPET_MAX_CHARS},"
            f" bm25(entries_fts){matching} ORDER BY bm25(entries_fts), e.id DESC LIMIT ?"
        )
        return [
            Hit(
                entry_id=int(r[0]),
                cycle_id=int(r[1]),
                goal=str(r[2]),
                step=Step(r[3]),
                author=str(r[4]),
                role=Role(r[5]),
                private=bool(r[6]),
                created_at=str(r[7]),
                snippet=str(r[8]),
                rank=float(r[10]),
                long=bool(r[9]),
            )
            for r in self.conn.execute(sql, [*params, only.limit]).fetchall()
        ]

    def purge(self) -> None:
        """Rebuild the index so no word of changed or deleted text lingers in it.

        This SQLite has no FTS5 secure-delete, so a delete only marks words as gone until the
        index is merged; a rebuild (with secure_delete on) really removes them.
        """
        self.conn.execute("INSERT INTO entries_fts (entries_fts) VALUES ('rebuild')")
