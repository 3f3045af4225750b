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
        """After text is changed or deleted (in the same unit of work): make sure no word of the
        old text lingers in the index, at a cost that does not grow with the whole journal's
        text where SQLite allows it.

        - SQLite 3.43 and later: FTS5 ``secure-delete``, switched on for this index the first
          time, removes a deleted row's words from the index in place as the row goes (the cost
          of the entry). The first time, the change just made is cleaned by an ``optimize``.
        - Older SQLite: a delete only marks the words as gone until the index is merged, so the
          index is merged into one segment (``optimize``): no words are read again from the
          entries, about a quarter of the cost of a rebuild, but still the whole index.

        The pages freed are zeroed (``PRAGMA secure_delete``) and a checkpoint empties the WAL.
        """
        if SECURE_DELETE:
            if _config(self.conn, "secure-delete") == "1":
                return  # the change already took its words out
            self.conn.execute("INSERT INTO entries_fts (entries_fts) VALUES ('optimize')")
            self.conn.execute(
                "INSERT INTO entries_fts (entries_fts, rank) VALUES ('secure-delete', 1)"
            )
            return
        self.conn.execute("INSERT INTO entries_fts (entries_fts) VALUES ('optimize')")


# FTS5 secure-delete came with SQLite 3.43. An index that has used it is written in format 5,
# which an older SQLite refuses to read at all ("invalid fts5 file format").
SECURE_DELETE = sqlite3.sqlite_version_info >= (3, 43, 0)
_FORMAT_WITHOUT_SECURE_DELETE = 4


def _config(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT v FROM entries_fts_config WHERE k = ?", [key]).fetchone()
    return None if row is None else str(row[0])


def readable_here(conn: sqlite3.Connection) -> None:
    """Make a journal whose index a newer SQLite wrote with secure-delete readable by this
    older one (a backup restored, a file copied): the index is rebuilt in the format it knows.

    Costs one small query when nothing needs doing; nothing at all on SQLite 3.43 and later.
    """
    if SECURE_DELETE:
        return
    try:
        version = _config(conn, "version")
    except sqlite3.OperationalError:
        return  # no index yet (a journal being created)
    if version is None or int(version) <= _FORMAT_WITHOUT_SECURE_DELETE:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "UPDATE entries_fts_config SET v = ? WHERE k = 'version'",
            [_FORMAT_WITHOUT_SECURE_DELETE],
        )
        conn.execute("DELETE FROM entries_fts_config WHERE k = 'secure-delete'")
        conn.execute("INSERT INTO entries_fts (entries_fts) VALUES ('rebuild')")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
