"""Cycles, entries, measures, settings and the roster: rows in, domain objects out.

Each dataclass field is listed once, in ``tpcycle.domain``; the columns written and read here are
derived from those fields, so adding a field to ``Entry`` or ``Cycle`` (and a migration adding
its column) is the whole change.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import fields
from enum import Enum
from typing import TYPE_CHECKING, Any

from tpcycle.domain import (
    CURRENT_CYCLE,
    Cycle,
    CycleFilter,
    Entry,
    Measure,
    Role,
    Status,
    Step,
)
from tpcycle.folding import match_key

if TYPE_CHECKING:
    from tpcycle.conversation import Conversation

# Fields that are not columns of their table: loaded from other tables.
_CYCLE_COLUMNS = tuple(f.name for f in fields(Cycle) if f.name not in ("entries", "conversations"))
_ENTRY_COLUMNS = tuple(f.name for f in fields(Entry) if f.name != "measures")
_CONVERT: dict[str, Any] = {"step": Step, "role": Role, "status": Status, "private": bool}
PAGE_SIZE = 200  # cycles read at a time by whole-journal commands


def new_uid() -> str:
    return str(uuid.uuid4())


def within(values: Sequence[int | str]) -> tuple[str, list[Any]]:
    """``IN (...)`` for any number of values: one JSON array parameter, never too many."""
    return "IN (SELECT value FROM json_each(?))", [json.dumps(list(values))]


def _column_value(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool):
        return int(value)
    return value


def _from_row(names: Sequence[str], row: Sequence[Any]) -> dict[str, Any]:
    values = dict(zip(names, row, strict=True))
    for name, convert in _CONVERT.items():
        if name in values:
            values[name] = convert(values[name])
    return values


class Table:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def _insert(self, table: str, values: dict[str, Any]) -> int:
        names = list(values)
        cursor = self.conn.execute(
            f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            [_column_value(values[n]) for n in names],
        )
        return int(cursor.lastrowid or 0)

    def _change(
        self, table: str, columns: Sequence[str], row_id: int, values: dict[str, Any]
    ) -> None:
        unknown = set(values) - set(columns)
        if unknown or "id" in values:  # a programming error, never a person's input
            raise ValueError(f"cannot change {sorted(unknown | ({'id'} & set(values)))}")
        if values:
            names = list(values)
            self.conn.execute(
                f"UPDATE {table} SET {', '.join(f'{n} = ?' for n in names)} WHERE id = ?",
                [*(_column_value(values[n]) for n in names), row_id],
            )


class Cycles(Table):
    """The cycles table."""

    _SELECT = f"SELECT {', '.join(_CYCLE_COLUMNS)} FROM cycles"

    def add(self, cycle: Cycle) -> int:
        """Insert a cycle (its ``id`` is ignored); returns the new id."""
        values = {n: getattr(cycle, n) for n in _CYCLE_COLUMNS if n != "id"}
        return self._insert("cycles", values)

    def get(self, cycle_id: int, entries: Entries | None = None) -> Cycle | None:
        row = self.conn.execute(f"{self._SELECT} WHERE id = ?", [cycle_id]).fetchone()
        if row is None:
            return None
        found = entries.of_cycle(cycle_id) if entries is not None else ()
        held = self._conversations(cycle_id) if entries is not None else ()
        return Cycle(**_from_row(_CYCLE_COLUMNS, row), entries=found, conversations=held)

    def _conversations(self, cycle_id: int) -> tuple[Conversation, ...]:
        return self.conversations_of([cycle_id]).get(cycle_id, ())

    def conversations_of(self, cycle_ids: Sequence[int]) -> dict[int, tuple[Conversation, ...]]:
        """Each cycle's conversations; their module loads only when one of the cycles has one,
        so recording an entry, or checking a cycle, does not pay for it."""
        if not cycle_ids:
            return {}
        scope, params = within(cycle_ids)
        if not self.conn.execute(
            f"SELECT EXISTS (SELECT 1 FROM conversations WHERE cycle_id {scope})", params
        ).fetchone()[0]:
            return {}
        from tpcycle.store.conversations import Conversations

        return Conversations(self.conn).of_cycles(cycle_ids)

    def id_of(self, uid: str) -> int | None:
        row = self.conn.execute("SELECT id FROM cycles WHERE uid = ?", [uid]).fetchone()
        return None if row is None else int(row[0])

    def matching(self, only: CycleFilter) -> list[Cycle]:
        """Cycles oldest first, narrowed by ``only``, without their entries."""
        where, params = _cycle_conditions(only)
        limit = " LIMIT ?" if only.last else ""
        rows = self.conn.execute(
            f"{self._SELECT} {where} ORDER BY id DESC{limit}",
            params + ([only.last] if only.last else []),
        ).fetchall()
        return [Cycle(**_from_row(_CYCLE_COLUMNS, r)) for r in reversed(rows)]

    def count_matching(self, only: CycleFilter) -> int:
        """How many cycles ``only`` lets through (its ``last`` aside)."""
        where, params = _cycle_conditions(only)
        return int(self.conn.execute(f"SELECT count(*) FROM cycles {where}", params).fetchone()[0])

    def pages(self, only: CycleFilter, size: int | None = None) -> Iterator[list[Cycle]]:
        """The cycles of ``matching``, oldest first, ``size`` at a time (by id, so memory stays
        the same however long the journal is)."""
        where, params = _cycle_conditions(only)
        size = size or PAGE_SIZE
        start = 0
        if only.last:
            row = self.conn.execute(
                f"SELECT id FROM cycles {where} ORDER BY id DESC LIMIT 1 OFFSET ?",
                [*params, only.last - 1],
            ).fetchone()
            start = int(row[0]) if row is not None else 0
        joined = f"{where} AND" if where else "WHERE"
        while True:
            rows = self.conn.execute(
                f"{self._SELECT} {joined} id >= ? ORDER BY id LIMIT ?", [*params, start, size]
            ).fetchall()
            if not rows:
                return
            yield [Cycle(**_from_row(_CYCLE_COLUMNS, r)) for r in rows]
            start = int(rows[-1][0]) + 1

    def set_status(self, cycle_id: int, status: Status, at: str | None) -> None:
        self.conn.execute(
            "UPDATE cycles SET status = ?, closed_at = ? WHERE id = ?",
            [status.value, at, cycle_id],
        )

    def set_goal(self, cycle_id: int, goal: str) -> None:
        self.conn.execute("UPDATE cycles SET goal = ? WHERE id = ?", [goal, cycle_id])

    def change(self, cycle_id: int, values: dict[str, Any]) -> None:
        """Set some of a cycle's columns (names from ``Cycle``'s fields)."""
        self._change("cycles", _CYCLE_COLUMNS, cycle_id, values)

    def delete(self, cycle_id: int) -> None:
        """The cycle, its entries and measures (cascade) and their exchange history."""
        self.conn.execute(
            "DELETE FROM entry_versions WHERE entry_uid IN"
            " (SELECT uid FROM entries WHERE cycle_id = ?)",
            [cycle_id],
        )
        self.conn.execute("DELETE FROM cycles WHERE id = ?", [cycle_id])

    def activity(self, cycle_ids: list[int]) -> dict[int, tuple[int, str]]:
        """Per cycle: how many entries it has and when the latest was written."""
        if not cycle_ids:
            return {}
        scope, params = within(cycle_ids)
        rows = self.conn.execute(
            f"SELECT cycle_id, count(*), max(created_at) FROM entries WHERE cycle_id {scope}"
            " GROUP BY cycle_id",
            params,
        ).fetchall()
        return {int(r[0]): (int(r[1]), str(r[2])) for r in rows}

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM cycles").fetchone()[0])


class Conditions:
    """A WHERE clause built from the filters that are set (a None filter adds nothing)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.params: list[Any] = []

    def add(self, value: Any, sql: str, *params: Any) -> None:
        """``sql`` with ``params`` (``value`` itself when none are given), if ``value`` is set."""
        if value is not None:
            self.parts.append(sql)
            self.params += [_column_value(p) for p in (params or (value,))]

    @property
    def where(self) -> str:
        return "WHERE " + " AND ".join(self.parts) if self.parts else ""


def _cycle_conditions(only: CycleFilter) -> tuple[str, list[Any]]:
    found = Conditions()
    found.add(only.status, "status = ?")
    found.add(only.partner, "name_key(partner) = ?", match_key(only.partner or ""))
    found.add(only.teacher, "name_key(teacher) = ?", match_key(only.teacher or ""))
    found.add(only.protocol, "protocol = ?")
    found.add(only.since, "created_at >= ?")
    return found.where, found.params


class Entries(Table):
    """The entries table and the measures that belong to each entry."""

    _SELECT = f"SELECT {', '.join(_ENTRY_COLUMNS)} FROM entries"

    def add(self, entry: Entry, *, synced_hash: str | None = None) -> Entry:
        """Insert an entry and its measures (its ``id`` is ignored); returns it with its id."""
        values = {n: getattr(entry, n) for n in _ENTRY_COLUMNS if n != "id"}
        entry_id = self._insert("entries", {**values, "synced_hash": synced_hash})
        self._add_measures(entry_id, entry.cycle_id, entry.step, entry.measures)
        return Entry(**{**values, "id": entry_id, "measures": entry.measures})

    def _add_measures(
        self, entry_id: int, cycle_id: int, step: Step, measures: Iterable[Measure]
    ) -> None:
        self.conn.executemany(
            "INSERT INTO measures (uid, entry_id, cycle_id, step, name, value, total, unit)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (new_uid(), entry_id, cycle_id, step.value, m.name, m.value, m.total, m.unit)
                for m in measures
            ],
        )

    def get(self, entry_id: int) -> Entry | None:
        row = self.conn.execute(f"{self._SELECT} WHERE id = ?", [entry_id]).fetchone()
        if row is None:
            return None
        measures = self._measures("entry_id = ?", [entry_id])
        return Entry(**_from_row(_ENTRY_COLUMNS, row), measures=measures.get(entry_id, ()))

    def of_cycle(self, cycle_id: int) -> tuple[Entry, ...]:
        return tuple(self.of_cycles([cycle_id]).get(cycle_id, ()))

    def of_cycles(self, cycle_ids: list[int]) -> dict[int, list[Entry]]:
        """Each cycle's entries in the order they were written."""
        if not cycle_ids:
            return {}
        scope, params = within(cycle_ids)
        measures = self._measures(f"cycle_id {scope}", params)
        found: dict[int, list[Entry]] = {}
        for row in self.conn.execute(
            f"{self._SELECT} WHERE cycle_id {scope} ORDER BY created_at, id", params
        ):
            values = _from_row(_ENTRY_COLUMNS, row)
            entry = Entry(**values, measures=measures.get(values["id"], ()))
            found.setdefault(entry.cycle_id, []).append(entry)
        return found

    def _measures(self, where: str, params: Sequence[Any]) -> dict[int, tuple[Measure, ...]]:
        found: dict[int, list[Measure]] = {}
        for entry_id, name, value, total, unit in self.conn.execute(
            f"SELECT entry_id, name, value, total, unit FROM measures WHERE {where} ORDER BY id",
            list(params),
        ):
            found.setdefault(int(entry_id), []).append(
                Measure(str(name), float(value), total, unit)
            )
        return {entry_id: tuple(items) for entry_id, items in found.items()}

    def steps_recorded(self, cycle_id: int) -> list[Step]:
        rows = self.conn.execute(
            "SELECT DISTINCT step FROM entries WHERE cycle_id = ?", [cycle_id]
        ).fetchall()
        return [Step(r[0]) for r in rows]

    def update_text(self, entry_id: int, *, text: str, private: bool, at: str) -> None:
        self.conn.execute(
            "UPDATE entries SET text = ?, private = ?, updated_at = ? WHERE id = ?",
            [text, int(private), at, entry_id],
        )

    def change(self, entry_id: int, values: dict[str, Any]) -> None:
        """Set some of an entry's columns; its measures follow its cycle and step."""
        self._change("entries", _ENTRY_COLUMNS, entry_id, values)
        if "cycle_id" in values or "step" in values:
            self.conn.execute(
                "UPDATE measures SET cycle_id = (SELECT cycle_id FROM entries WHERE id = ?),"
                " step = (SELECT step FROM entries WHERE id = ?) WHERE entry_id = ?",
                [entry_id, entry_id, entry_id],
            )

    def set_measures(self, entry_id: int, measures: Iterable[Measure]) -> None:
        """Replace an entry's measures."""
        row = self.conn.execute(
            "SELECT cycle_id, step FROM entries WHERE id = ?", [entry_id]
        ).fetchone()
        self.conn.execute("DELETE FROM measures WHERE entry_id = ?", [entry_id])
        self._add_measures(entry_id, int(row[0]), Step(row[1]), measures)

    def rename_author(self, cycle_id: int, role: Role, old: str, new: str, at: str) -> int:
        """Entries a person wrote in one role under their old name take the new one."""
        cursor = self.conn.execute(
            "UPDATE entries SET author = ?, updated_at = ?"
            " WHERE cycle_id = ? AND role = ? AND author = ?",
            [new, at, cycle_id, role.value, old],
        )
        return cursor.rowcount

    def existing(self, entry_ids: Sequence[int]) -> set[int]:
        """Which of these entry numbers are in the journal."""
        if not entry_ids:
            return set()
        scope, params = within(entry_ids)
        rows = self.conn.execute(f"SELECT id FROM entries WHERE id {scope}", params)
        return {int(r[0]) for r in rows.fetchall()}

    def replace(self, entry_id: int, new: Entry, synced_hash: str) -> None:
        """Take another version of an entry: its content and its numbers."""
        self.conn.execute(
            "UPDATE entries SET step = ?, author = ?, role = ?, text = ?, question = ?,"
            " private = ?, updated_at = ?, synced_hash = ? WHERE id = ?",
            [
                new.step.value,
                new.author,
                new.role.value,
                new.text,
                new.question,
                int(new.private),
                new.updated_at,
                synced_hash,
                entry_id,
            ],
        )
        cycle_id = int(
            self.conn.execute("SELECT cycle_id FROM entries WHERE id = ?", [entry_id]).fetchone()[0]
        )
        self.conn.execute("DELETE FROM measures WHERE entry_id = ?", [entry_id])
        self._add_measures(entry_id, cycle_id, new.step, new.measures)

    def delete(self, entry_id: int) -> None:
        """The entry, its measures (cascade) and its exchange history."""
        self.conn.execute(
            "DELETE FROM entry_versions WHERE entry_uid = (SELECT uid FROM entries WHERE id = ?)",
            [entry_id],
        )
        self.conn.execute("DELETE FROM entries WHERE id = ?", [entry_id])

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM entries").fetchone()[0])


class Settings(Table):
    """Small named values: the current cycle, where a session stopped, counters."""

    def get(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return None if row is None else str(row[0])

    def set(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )

    def delete(self, *keys: str) -> None:
        self.conn.executemany("DELETE FROM settings WHERE key = ?", [(k,) for k in keys])

    def current_cycle_id(self) -> int | None:
        value = self.get(CURRENT_CYCLE)
        return int(value) if value and value.isdigit() else None
