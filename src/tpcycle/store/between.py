"""Promises and notes between meetings: rows in, ``tpcycle.between`` objects out."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import fields
from typing import Any

from tpcycle.between import Note, NoteKind, Promise, PromiseState
from tpcycle.domain import Role
from tpcycle.store.records import within

_PROMISE_COLUMNS = tuple(f.name for f in fields(Promise))
_NOTE_COLUMNS = tuple(f.name for f in fields(Note))
_CONVERT: dict[str, Any] = {
    "owner_role": Role,
    "role": Role,
    "state": PromiseState,
    "kind": NoteKind,
}


def _row(names: Sequence[str], row: Sequence[Any]) -> dict[str, Any]:
    values = dict(zip(names, row, strict=True))
    for name, convert in _CONVERT.items():
        if name in values:
            values[name] = convert(values[name])
    return values


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Role | PromiseState | NoteKind) else value


def _insert(
    conn: sqlite3.Connection, table: str, item: Promise | Note, names: Sequence[str]
) -> int:
    columns = [n for n in names if n != "id"]
    cursor = conn.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        [_plain(getattr(item, n)) for n in columns],
    )
    return int(cursor.lastrowid or 0)


class Promises:
    _SELECT = f"SELECT {', '.join(_PROMISE_COLUMNS)} FROM promises"

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def add(self, promise: Promise) -> int:
        return _insert(self.conn, "promises", promise, _PROMISE_COLUMNS)

    def get(self, promise_id: int) -> Promise | None:
        row = self.conn.execute(f"{self._SELECT} WHERE id = ?", [promise_id]).fetchone()
        return None if row is None else Promise(**_row(_PROMISE_COLUMNS, row))

    def by_uid(self, uids: list[str]) -> dict[str, Promise]:
        scope, params = within(uids)
        rows = self.conn.execute(f"{self._SELECT} WHERE uid {scope}", params).fetchall()
        found = [Promise(**_row(_PROMISE_COLUMNS, r)) for r in rows]
        return {p.uid: p for p in found}

    def of_cycles(
        self, cycle_ids: Sequence[int] | None, *, open_only: bool = False
    ) -> list[Promise]:
        """The cycles' promises (every cycle's with None), in the order they were made."""
        if cycle_ids is not None and not cycle_ids:
            return []
        scope, params = _scope(cycle_ids)
        only = " AND state = 'open'" if open_only else ""
        rows = self.conn.execute(
            f"{self._SELECT} WHERE {scope}{only} ORDER BY id", params
        ).fetchall()
        return [Promise(**_row(_PROMISE_COLUMNS, r)) for r in rows]

    def set_state(self, promise_id: int, state: PromiseState, at: str | None) -> None:
        self.conn.execute(
            "UPDATE promises SET state = ?, state_at = ? WHERE id = ?",
            [state.value, at, promise_id],
        )


class Notes:
    _SELECT = f"SELECT {', '.join(_NOTE_COLUMNS)} FROM notes"

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def add(self, note: Note) -> int:
        return _insert(self.conn, "notes", note, _NOTE_COLUMNS)

    def get(self, note_id: int) -> Note | None:
        row = self.conn.execute(f"{self._SELECT} WHERE id = ?", [note_id]).fetchone()
        return None if row is None else Note(**_row(_NOTE_COLUMNS, row))

    def known(self, uids: list[str]) -> dict[str, int]:
        """Local cycle of each note that is already here, by uid."""
        scope, params = within(uids)
        rows = self.conn.execute(f"SELECT uid, cycle_id FROM notes WHERE uid {scope}", params)
        return {str(u): int(c) for u, c in rows.fetchall()}

    def ids_of(self, uids: list[str]) -> dict[str, int]:
        """Local numbers of the notes with these uids."""
        scope, params = within(uids)
        rows = self.conn.execute(f"SELECT uid, id FROM notes WHERE uid {scope}", params)
        return {str(u): int(i) for u, i in rows.fetchall()}

    def of_cycles(self, cycle_ids: Sequence[int] | None, *, after: int = 0) -> list[Note]:
        """The cycles' notes (every cycle's with None) in the order they were written (only ids
        above ``after``)."""
        if cycle_ids is not None and not cycle_ids:
            return []
        scope, params = _scope(cycle_ids)
        rows = self.conn.execute(
            f"{self._SELECT} WHERE {scope} AND id > ? ORDER BY created_at, id",
            [*params, after],
        ).fetchall()
        return [Note(**_row(_NOTE_COLUMNS, r)) for r in rows]

    def unanswered_asks(self, cycle_ids: Sequence[int] | None) -> list[Note]:
        """Questions nobody has answered yet, in the cycles (every cycle with None)."""
        if cycle_ids is not None and not cycle_ids:
            return []
        scope, params = _scope(cycle_ids)
        rows = self.conn.execute(
            f"{self._SELECT} WHERE {scope} AND kind = 'ask' AND NOT EXISTS"
            " (SELECT 1 FROM notes a WHERE a.reply_to = notes.uid) ORDER BY created_at, id",
            params,
        ).fetchall()
        return [Note(**_row(_NOTE_COLUMNS, r)) for r in rows]

    def newest_ids(self) -> tuple[int, int]:
        """The highest entry and note numbers here: a mark of what this machine has seen."""
        entries = self.conn.execute("SELECT coalesce(max(id), 0) FROM entries").fetchone()[0]
        notes = self.conn.execute("SELECT coalesce(max(id), 0) FROM notes").fetchone()[0]
        return int(entries), int(notes)

    def last_contact(self) -> dict[int, str]:
        """Per cycle, when its latest note was written."""
        rows = self.conn.execute("SELECT cycle_id, max(created_at) FROM notes GROUP BY cycle_id")
        return {int(c): str(at) for c, at in rows.fetchall()}

    def entries_after(self, entry_id: int, not_role: Role, limit: int = 200) -> list[int]:
        """Numbers of entries written here or brought in after ``entry_id`` by another voice."""
        rows = self.conn.execute(
            "SELECT id FROM entries WHERE id > ? AND role != ? ORDER BY id LIMIT ?",
            [entry_id, not_role.value, limit],
        )
        return [int(r[0]) for r in rows.fetchall()]


def _scope(cycle_ids: Sequence[int] | None) -> tuple[str, list[Any]]:
    """The WHERE condition for some cycles, or for every cycle (None)."""
    if cycle_ids is None:
        return "1", []
    scope, params = within(list(cycle_ids))
    return f"cycle_id {scope}", params
