"""The journal file: opening it safely, migrating it, and reading and writing cycles and entries."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from tpcycle.domain import (
    CURRENT_CYCLE,
    HIGHLIGHT,
    STEPS,
    Cycle,
    CycleFilter,
    Entry,
    Hit,
    Measure,
    Role,
    SearchFilter,
    Status,
    Step,
)
from tpcycle.errors import StoreError
from tpcycle.migrations import known_names, migrations

if TYPE_CHECKING:
    from tpcycle.history import History

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_SECONDS = 10.0
RANK_WINDOW = 5000  # search ranks at most this many of the newest matches


def new_uid() -> str:
    return str(uuid.uuid4())


class Store:
    """One open journal. Reads happen inside :meth:`read`, every change inside :meth:`write`."""

    def __init__(self, db: Database, path: Path | None) -> None:
        self.db = db
        self.path = path

    @property
    def where(self) -> str:
        return str(self.path) if self.path else "(no journal yet)"

    def close(self) -> None:
        self.db.close()

    # -- transactions ---------------------------------------------------------------------

    @contextmanager
    def write(self) -> Iterator[None]:
        """One user action, all or nothing.

        BEGIN IMMEDIATE takes the write lock up front: a deferred transaction that reads and
        then writes fails at once under concurrency, even with a busy timeout.
        """
        conn = self.db.conn
        with self.translated():
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    @contextmanager
    def read(self) -> Iterator[None]:
        """A consistent snapshot for reading a cycle together with its entries."""
        conn = self.db.conn
        with self.translated():
            conn.execute("BEGIN")
            try:
                yield
            finally:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")

    @contextmanager
    def translated(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise StoreError(describe_sqlite_error(exc, self.where)) from exc

    def _require_transaction(self) -> None:
        if not self.db.conn.in_transaction:  # pragma: no cover - a programming error
            raise RuntimeError("store access outside read() or write()")

    # -- settings -------------------------------------------------------------------------

    def setting(self, key: str) -> str | None:
        self._require_transaction()
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return None if row is None else str(row[0])

    def set_setting(self, key: str, value: str) -> None:
        self._require_transaction()
        self.db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )

    def current_cycle_id(self) -> int | None:
        value = self.setting(CURRENT_CYCLE)
        return int(value) if value and value.isdigit() else None

    # -- cycles ---------------------------------------------------------------------------

    def insert_cycle(
        self,
        *,
        goal: str,
        teacher: str,
        partner: str,
        protocol: str,
        protocol_version: str,
        created_at: str,
        uid: str | None = None,
        status: Status = Status.OPEN,
        closed_at: str | None = None,
        follows: int | None = None,
    ) -> int:
        self._require_transaction()
        cursor = self.db.execute(
            "INSERT INTO cycles (uid, goal, teacher, partner, protocol, protocol_version,"
            " status, created_at, closed_at, follows) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                uid or new_uid(),
                goal,
                teacher,
                partner,
                protocol,
                protocol_version,
                status.value,
                created_at,
                closed_at,
                follows,
            ],
        )
        return int(cursor.lastrowid or 0)

    def cycle_by_uid(self, uid: str) -> Cycle | None:
        self._require_transaction()
        row = self._row("SELECT id FROM cycles WHERE uid = ?", [uid])
        return None if row is None else self.cycle(int(row["id"]))

    def set_status(self, cycle_id: int, status: Status, at: str | None) -> None:
        self._require_transaction()
        self.db.execute(
            "UPDATE cycles SET status = ?, closed_at = ? WHERE id = ?",
            [status.value, at, cycle_id],
        )

    def cycle(self, cycle_id: int, *, with_entries: bool = True) -> Cycle | None:
        self._require_transaction()
        row = self._row("SELECT * FROM cycles WHERE id = ?", [cycle_id])
        if row is None:
            return None
        entries = self.entries(cycle_id) if with_entries else ()
        return _cycle(row, entries)

    def cycles(self, *, with_entries: bool, only: CycleFilter | None = None) -> list[Cycle]:
        """Cycles oldest first, narrowed by ``only``; entries loaded only for those cycles."""
        self._require_transaction()
        where, params = _cycle_conditions(only or CycleFilter())
        rows = self._rows(
            f"SELECT * FROM cycles {where} ORDER BY id DESC"
            + (" LIMIT ?" if only and only.last else ""),
            params + ([only.last] if only and only.last else []),
        )
        rows.reverse()
        by_cycle: dict[int, list[Entry]] = {}
        if with_entries and rows:
            ids = [int(r["id"]) for r in rows]
            scope, scope_params = _within(ids)
            measures = self._measures(f"WHERE cycle_id {scope}", scope_params)
            for row in self._rows(
                f"SELECT * FROM entries WHERE cycle_id {scope} ORDER BY created_at, id",
                scope_params,
            ):
                entry = _entry(row, measures.get(int(row["id"]), ()))
                by_cycle.setdefault(entry.cycle_id, []).append(entry)
        return [_cycle(row, tuple(by_cycle.get(int(row["id"]), ()))) for row in rows]

    def activity(self, cycle_ids: list[int]) -> dict[int, tuple[int, str]]:
        """Per cycle: how many entries it has and when the latest was written."""
        self._require_transaction()
        if not cycle_ids:
            return {}
        scope, params = _within(cycle_ids)
        rows = self.db.execute(
            f"SELECT cycle_id, count(*), max(created_at) FROM entries WHERE cycle_id {scope}"
            " GROUP BY cycle_id",
            params,
        ).fetchall()
        return {int(r[0]): (int(r[1]), str(r[2])) for r in rows}

    def history(self, recent: int) -> History:
        """Counts over every cycle, done by SQLite; numbers and moves of the latest cycles."""
        from tpcycle.history import History, changes, recurring  # only this command needs it

        self._require_transaction()
        found = History(recent=recent)
        by_status = dict(
            self.db.execute("SELECT status, count(*) FROM cycles GROUP BY status").fetchall()
        )
        found.open = int(by_status.get(Status.OPEN.value, 0))
        found.closed = int(by_status.get(Status.CLOSED.value, 0))
        found.started_by_month = {
            str(month): int(count)
            for month, count in self.db.execute(
                "SELECT substr(created_at, 1, 7), count(*) FROM cycles GROUP BY 1 ORDER BY 1"
            ).fetchall()
        }
        # An open cycle has run until its latest entry; coalesce stops at the first value, so
        # the look-up into entries happens for open cycles only.
        found.days = [
            max(0.0, float(days))
            for (days,) in self.db.execute(
                "SELECT julianday(coalesce(closed_at, (SELECT max(e.created_at) FROM entries e"
                " WHERE e.cycle_id = c.id), created_at)) - julianday(created_at) FROM cycles c"
            ).fetchall()
        ]
        # One pass over closed cycles, one index probe per step each.
        missing = ", ".join(
            "sum(NOT EXISTS (SELECT 1 FROM entries e WHERE e.cycle_id = c.id AND e.step = ?))"
            for _ in STEPS
        )
        counts = self.db.execute(
            f"SELECT {missing} FROM cycles c WHERE status = 'closed'", [s.value for s in STEPS]
        ).fetchone()
        found.skipped = {step: int(n or 0) for step, n in zip(STEPS, counts, strict=True)}
        latest = "(SELECT id FROM cycles ORDER BY id DESC LIMIT ?)"
        found.changes = changes(
            (int(r[0]), str(r[1]), Step(r[2]), Measure(str(r[3]), float(r[4]), r[5], r[6]))
            for r in self.db.execute(
                "SELECT m.cycle_id, c.goal, m.step, m.name, m.value, m.total, m.unit FROM"
                f" measures m JOIN cycles c ON c.id = m.cycle_id WHERE m.cycle_id IN {latest}"
                " ORDER BY m.entry_id, m.id",
                [recent],
            ).fetchall()
        )
        found.recurring_moves = recurring(
            (int(r[0]), str(r[1]))
            for r in self.db.execute(
                "SELECT cycle_id, text FROM entries WHERE step = 'move' AND private = 0"
                f" AND cycle_id IN {latest}",
                [recent],
            ).fetchall()
        )
        return found

    def search(self, match: str, only: SearchFilter) -> list[Hit]:
        """Entries matching an FTS5 query, best first (bm25), with highlighted snippets."""
        self._require_transaction()
        conditions = ["entries_fts MATCH ?"]
        params: list[Any] = [match]
        step, author, cycle_id = only.step, only.author, only.cycle_id
        since, until, limit = only.since, only.until, only.limit
        if step is not None:
            conditions.append("e.step = ?")
            params.append(step.value)
        if author is not None:
            conditions.append("(e.author = ? COLLATE NOCASE OR e.role = lower(?))")
            params += [author, author]
        if cycle_id is not None:
            conditions.append("e.cycle_id = ?")
            params.append(cycle_id)
        if since is not None:
            conditions.append("e.created_at >= ?")
            params.append(since)
        if until is not None:
            conditions.append("e.created_at < ?")
            params.append(until)
        matching = (
            " FROM entries_fts JOIN entries e ON e.id = entries_fts.rowid"
            f" JOIN cycles c ON c.id = e.cycle_id WHERE {' AND '.join(conditions)}"
        )
        # Ranking costs time for every match, and a common word matches half the journal:
        # rank the newest RANK_WINDOW matches (all of them for any rarer word).
        oldest = self.db.execute(
            f"SELECT entries_fts.rowid {matching} ORDER BY entries_fts.rowid DESC LIMIT 1 OFFSET ?",
            [*params, RANK_WINDOW - 1],
        ).fetchone()
        if oldest is not None:
            matching += " AND entries_fts.rowid >= ?"
            params.append(int(oldest[0]))
        start, end = HIGHLIGHT
        sql = (
            "SELECT e.id, e.cycle_id, c.goal, e.step, e.author, e.role, e.private, e.created_at,"
            f" snippet(entries_fts, 0, '{start}', '{end}', '…', 14), bm25(entries_fts)"
            f"{matching} ORDER BY bm25(entries_fts), e.id DESC LIMIT ?"
        )
        return [
            Hit(
                int(r[0]),
                int(r[1]),
                str(r[2]),
                Step(r[3]),
                str(r[4]),
                Role(r[5]),
                bool(r[6]),
                str(r[7]),
                str(r[8]),
                float(r[9]),
            )
            for r in self.db.execute(sql, [*params, limit]).fetchall()
        ]

    # -- entries --------------------------------------------------------------------------

    def insert_entry(
        self,
        *,
        cycle_id: int,
        step: Step,
        author: str,
        role: Role,
        text: str,
        private: bool,
        created_at: str,
        question: str | None = None,
        measures: tuple[Measure, ...] = (),
        uid: str | None = None,
        updated_at: str | None = None,
        conflict_of: str | None = None,
        synced_hash: str | None = None,
    ) -> Entry:
        self._require_transaction()
        uid = uid or new_uid()
        cursor = self.db.execute(
            "INSERT INTO entries (uid, cycle_id, step, author, role, text, question, private,"
            " created_at, updated_at, conflict_of, synced_hash)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                uid,
                cycle_id,
                step.value,
                author,
                role.value,
                text,
                question,
                int(private),
                created_at,
                updated_at,
                conflict_of,
                synced_hash,
            ],
        )
        entry_id = int(cursor.lastrowid or 0)
        self._insert_measures(entry_id, cycle_id, step, measures)
        return Entry(
            id=entry_id,
            uid=uid,
            cycle_id=cycle_id,
            step=step,
            author=author,
            role=role,
            text=text,
            private=private,
            created_at=created_at,
            question=question,
            measures=measures,
            updated_at=updated_at,
            conflict_of=conflict_of,
        )

    def _insert_measures(
        self, entry_id: int, cycle_id: int, step: Step, measures: tuple[Measure, ...]
    ) -> None:
        for m in measures:
            self.db.execute(
                "INSERT INTO measures (uid, entry_id, cycle_id, step, name, value, total, unit)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [new_uid(), entry_id, cycle_id, step.value, m.name, m.value, m.total, m.unit],
            )

    def replace_entry(self, entry_id: int, new: Entry, synced_hash: str) -> None:
        """Take the other side's version of an entry: its content and numbers."""
        self._require_transaction()
        self.db.execute(
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
            self.db.execute("SELECT cycle_id FROM entries WHERE id = ?", [entry_id]).fetchone()[0]
        )
        self.db.execute("DELETE FROM measures WHERE entry_id = ?", [entry_id])
        self._insert_measures(entry_id, cycle_id, new.step, new.measures)

    def sync_state(self, uids: list[str]) -> dict[str, int]:
        """Local ids of the entries (in any cycle) that have these uids."""
        self._require_transaction()
        scope, params = _within(uids)
        rows = self.db.execute(f"SELECT uid, id FROM entries WHERE uid {scope}", params)
        return {str(uid): int(entry_id) for uid, entry_id in rows.fetchall()}

    def synced_hashes(self, uids: list[str]) -> dict[str, str | None]:
        """The hash each entry had when it was last exchanged (None if never)."""
        self._require_transaction()
        scope, params = _within(uids)
        rows = self.db.execute(f"SELECT uid, synced_hash FROM entries WHERE uid {scope}", params)
        return {str(uid): synced for uid, synced in rows.fetchall()}

    def forgotten(self, uids: list[str]) -> set[str]:
        self._require_transaction()
        scope, params = _within(uids)
        rows = self.db.execute(f"SELECT uid FROM forgotten WHERE uid {scope}", params)
        return {str(r[0]) for r in rows.fetchall()}

    def set_synced(self, hashes: dict[str, str]) -> None:
        """Note the version of each entry that was just exchanged."""
        self._require_transaction()
        for uid, value in hashes.items():
            self.db.execute("UPDATE entries SET synced_hash = ? WHERE uid = ?", [value, uid])
            self.db.execute(
                "INSERT OR IGNORE INTO entry_versions (entry_uid, hash) VALUES (?, ?)",
                [uid, value],
            )

    def versions(self, uids: list[str]) -> dict[str, set[str]]:
        """Every version hash exchanged so far, per entry uid."""
        self._require_transaction()
        scope, params = _within(uids)
        found: dict[str, set[str]] = {}
        for uid, value in self.db.execute(
            f"SELECT entry_uid, hash FROM entry_versions WHERE entry_uid {scope}", params
        ).fetchall():
            found.setdefault(str(uid), set()).add(str(value))
        return found

    def entries(self, cycle_id: int) -> tuple[Entry, ...]:
        self._require_transaction()
        rows = self._rows(
            "SELECT * FROM entries WHERE cycle_id = ? ORDER BY created_at, id", [cycle_id]
        )
        measures = self._measures("WHERE cycle_id = ?", [cycle_id])
        return tuple(_entry(r, measures.get(int(r["id"]), ())) for r in rows)

    def _measures(self, where: str, params: Sequence[Any]) -> dict[int, tuple[Measure, ...]]:
        found: dict[int, list[Measure]] = {}
        for row in self._rows(f"SELECT * FROM measures {where} ORDER BY id", params):
            found.setdefault(int(row["entry_id"]), []).append(
                Measure(str(row["name"]), float(row["value"]), row["total"], row["unit"])
            )
        return {entry_id: tuple(items) for entry_id, items in found.items()}

    def steps_recorded(self, cycle_id: int) -> list[Step]:
        self._require_transaction()
        rows = self.db.execute(
            "SELECT DISTINCT step FROM entries WHERE cycle_id = ?", [cycle_id]
        ).fetchall()
        return [Step(r[0]) for r in rows]

    def update_entry(self, entry_id: int, *, text: str, private: bool, at: str) -> None:
        self._require_transaction()
        self.db.execute(
            "UPDATE entries SET text = ?, private = ?, updated_at = ? WHERE id = ?",
            [text, int(private), at, entry_id],
        )

    def update_goal(self, cycle_id: int, goal: str) -> None:
        self._require_transaction()
        self.db.execute("UPDATE cycles SET goal = ? WHERE id = ?", [goal, cycle_id])

    def entry(self, entry_id: int) -> Entry | None:
        self._require_transaction()
        row = self._row("SELECT * FROM entries WHERE id = ?", [entry_id])
        if row is None:
            return None
        measures = self._measures("WHERE entry_id = ?", [entry_id])
        return _entry(row, measures.get(entry_id, ()))

    def delete_entry(self, entry_id: int) -> None:
        self._require_transaction()
        self.db.execute(
            "DELETE FROM entry_versions WHERE entry_uid = (SELECT uid FROM entries WHERE id = ?)",
            [entry_id],
        )
        self.db.execute("DELETE FROM entries WHERE id = ?", [entry_id])

    def delete_cycle(self, cycle_id: int) -> None:
        self._require_transaction()
        self.db.execute(
            "DELETE FROM entry_versions WHERE entry_uid IN"
            " (SELECT uid FROM entries WHERE cycle_id = ?)",
            [cycle_id],
        )
        self.db.execute("DELETE FROM cycles WHERE id = ?", [cycle_id])
        if self.current_cycle_id() == cycle_id:
            self.db.execute("DELETE FROM settings WHERE key = ?", [CURRENT_CYCLE])
        self.db.execute("DELETE FROM settings WHERE key LIKE ?", [f"%:{cycle_id}"])

    def purge_search_index(self) -> None:
        """Rebuild the search index so no word of changed or deleted text lingers in it.

        This SQLite has no FTS5 secure-delete, so a delete only marks words as gone until the
        index is merged; a rebuild (with secure_delete on) really removes them.
        """
        self._require_transaction()
        self.db.execute("INSERT INTO entries_fts (entries_fts) VALUES ('rebuild')")

    def remember_forgotten(self, uids: list[str], at: str) -> None:
        """Keep only the uids of forgotten entries, so an import never brings them back."""
        self._require_transaction()
        for uid in uids:
            self.db.execute("INSERT OR IGNORE INTO forgotten (uid, at) VALUES (?, ?)", [uid, at])

    def checkpoint(self) -> None:
        """Copy the WAL into the main file and empty it, so deleted text is gone from both."""
        with self.translated():
            self.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    # -- copies ---------------------------------------------------------------------------

    def backup(self, target: Path) -> None:
        """A consistent snapshot, even while others write: VACUUM INTO a new private file."""
        _create_exclusive(target)
        try:
            with self.translated():
                self.db.conn.execute("VACUUM INTO ?", [str(target)])
        except BaseException:
            target.unlink(missing_ok=True)
            raise

    def restore(self, source: Path, *, safety: Path) -> None:
        """Replace this journal's contents with a backup's, keeping a safety copy first."""
        problems = inspect(source)
        if problems:
            raise StoreError(f"{source} cannot be restored: {problems[0]}")
        self.backup(safety)
        with self.translated():
            backup_conn = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
            try:
                backup_conn.backup(self.db.conn)
            finally:
                backup_conn.close()
        _migrate(self)

    # -- students -------------------------------------------------------------------------

    def students(self) -> list[tuple[str, str]]:
        """(name, alias) for every student on the roster, in the order they were added."""
        self._require_transaction()
        rows = self.db.execute("SELECT name, alias FROM students ORDER BY id").fetchall()
        return [(str(r[0]), str(r[1])) for r in rows]

    def student(self, name_key: str) -> tuple[str, str] | None:
        self._require_transaction()
        row = self.db.execute(
            "SELECT name, alias FROM students WHERE name_key = ?", [name_key]
        ).fetchone()
        return None if row is None else (str(row[0]), str(row[1]))

    def insert_student(self, *, name: str, name_key: str, alias: str, at: str) -> None:
        self._require_transaction()
        self.db.execute(
            "INSERT INTO students (name, name_key, alias, created_at) VALUES (?, ?, ?, ?)",
            [name, name_key, alias, at],
        )

    def delete_student(self, name_key: str) -> None:
        self._require_transaction()
        self.db.execute("DELETE FROM students WHERE name_key = ?", [name_key])

    # -- facts about the file -------------------------------------------------------------

    def schema_version(self) -> str:
        applied = migrations.applied(self.db)
        return applied[-1].name if applied else "none"

    def counts(self) -> dict[str, int]:
        self._require_transaction()
        return {
            table: int(self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in ("cycles", "entries", "measures", "students")
        }

    def _row(self, sql: str, params: Sequence[Any]) -> dict[str, Any] | None:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    def _rows(self, sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
        cursor = self.db.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _within(values: Sequence[int | str]) -> tuple[str, list[Any]]:
    """``IN (...)`` for any number of values: one JSON array parameter, never too many."""
    return "IN (SELECT value FROM json_each(?))", [json.dumps(list(values))]


def _cycle_conditions(only: CycleFilter) -> tuple[str, list[Any]]:
    conditions: list[str] = []
    params: list[Any] = []
    if only.status is not None:
        conditions.append("status = ?")
        params.append(only.status.value)
    if only.partner is not None:
        conditions.append("partner = ? COLLATE NOCASE")
        params.append(only.partner)
    if only.protocol is not None:
        conditions.append("protocol = ?")
        params.append(only.protocol)
    if only.since is not None:
        conditions.append("created_at >= ?")
        params.append(only.since)
    return ("WHERE " + " AND ".join(conditions) if conditions else ""), params


def _entry(row: dict[str, Any], measures: tuple[Measure, ...] = ()) -> Entry:
    return Entry(
        id=int(row["id"]),
        uid=str(row["uid"]),
        cycle_id=int(row["cycle_id"]),
        step=Step(row["step"]),
        author=str(row["author"]),
        role=Role(row["role"]),
        text=str(row["text"]),
        private=bool(row["private"]),
        created_at=str(row["created_at"]),
        question=row["question"],
        measures=measures,
        updated_at=row.get("updated_at"),
        conflict_of=row.get("conflict_of"),
    )


def _cycle(row: dict[str, Any], entries: tuple[Entry, ...]) -> Cycle:
    return Cycle(
        id=int(row["id"]),
        uid=str(row["uid"]),
        goal=str(row["goal"]),
        teacher=str(row["teacher"]),
        partner=str(row["partner"]),
        protocol=str(row["protocol"]),
        protocol_version=str(row["protocol_version"]),
        status=Status(row["status"]),
        created_at=str(row["created_at"]),
        closed_at=row["closed_at"],
        entries=entries,
        follows=row.get("follows"),
    )


def describe_sqlite_error(exc: BaseException, where: str) -> str:
    """Say in one sentence what went wrong with the journal file and what to do."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return (
            f"The journal {where} is busy in another tpcycle window and did not free up in"
            " time; nothing was changed, so try again in a moment."
        )
    if "full" in text:
        return f"The disk holding the journal {where} is full; nothing was saved."
    if "readonly" in text or "read-only" in text:
        return f"The journal {where} is read-only here; nothing was saved."
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return (
            f"{where} is not a tpcycle journal or is damaged (SQLite says: {exc});"
            " it was left untouched."
        )
    if "unable to open" in text:
        return f"Cannot open the journal {where}; check the folder exists and is writable."
    return f"The journal {where} could not be used (SQLite says: {exc})."


def open_store(path: Path, *, create: bool) -> Store:
    """Open (or, when ``create``, create) the journal at ``path`` and bring its schema up to date.

    Reading a journal that does not exist yet gives an empty in-memory one, so that looking
    never creates files.
    """
    if not path.exists():
        if not create:
            return _prepared(Database(memory=True, execute_plugins=False), None)
        _create_private_file(path)
    elif path.is_dir():
        raise StoreError(f"{path} is a folder, not a journal file; give a file path with --db.")
    else:
        _check_header(path)
        _tighten(path)
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreError(describe_sqlite_error(exc, str(path))) from exc
    return _prepared(Database(conn, execute_plugins=False), path)


def _prepared(db: Database, path: Path | None) -> Store:
    store = Store(db, path)
    try:
        with store.translated():
            conn = db.conn
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
            if path is not None:
                mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
                if str(mode).lower() != "wal":
                    conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA secure_delete = ON")
            _migrate(store)
    except BaseException:
        store.close()
        raise
    return store


def _migrate(store: Store) -> None:
    known = known_names()
    applied = {m.name for m in migrations.applied(store.db)}
    _refuse_newer(applied, known, store.where)
    if known <= applied:
        return
    # Two processes may open a fresh file at once: the write lock serialises them and the
    # second one finds nothing left to do.
    with store.write():
        applied = {m.name for m in migrations.applied(store.db)}
        _refuse_newer(applied, known, store.where)
        try:
            migrations.apply(store.db)
        except (sqlite3.Error, StoreError):
            raise
        except Exception as exc:  # a failing migration: the transaction rolls everything back
            raise StoreError(
                f"The journal {store.where} could not be updated for this version of tpcycle"
                f" ({exc}); it was left as it was."
            ) from exc


def _refuse_newer(applied: set[str], known: frozenset[str], where: str) -> None:
    unknown = applied - known
    if unknown:
        raise StoreError(
            f"The journal {where} was written by a newer tpcycle (schema {max(unknown)});"
            " upgrade tpcycle to open it. The file was not changed."
        )


def inspect(path: Path) -> list[str]:
    """Check a journal without changing it: file type, schema, integrity, foreign keys.

    Returns the problems found, each one sentence; an empty list means healthy.
    """
    if not path.is_file():
        return [f"{path} does not exist or is not a file."]
    try:
        _check_header(path)
    except StoreError as exc:
        return [exc.message]
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return [describe_sqlite_error(exc, str(path))]
    try:
        problems = [
            f"SQLite integrity check: {row[0]}"
            for row in conn.execute("PRAGMA integrity_check").fetchall()
            if row[0] != "ok"
        ]
        problems += [
            f"An entry in '{row[0]}' (row {row[1]}) points at a missing '{row[2]}'."
            for row in conn.execute("PRAGMA foreign_key_check").fetchall()
        ]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"cycles", "entries", "_sqlite_migrations"} <= tables:
            problems.append(f"{path} is an SQLite file but not a tpcycle journal.")
        else:
            applied = {
                r[0]
                for r in conn.execute(
                    "SELECT name FROM _sqlite_migrations WHERE migration_set = 'tpcycle'"
                )
            }
            unknown = applied - known_names()
            if unknown:
                problems.append(f"It was written by a newer tpcycle (schema {max(unknown)}).")
    except sqlite3.Error as exc:
        problems = [describe_sqlite_error(exc, str(path))]
    finally:
        conn.close()
    return problems


def _create_exclusive(path: Path) -> None:
    """A new, empty, owner-only file; never replaces one that exists."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError as exc:
        raise StoreError(f"{path} already exists; choose a new file name.") from exc
    except OSError as exc:
        raise StoreError(f"Cannot create {path}: {exc.strerror or exc}.") from exc
    os.close(fd)


def _create_private_file(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    except OSError as exc:
        raise StoreError(f"Cannot create the journal {path}: {exc.strerror or exc}.") from exc


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StoreError(f"Cannot read the journal {path}: {exc.strerror or exc}.") from exc
    if header and header != SQLITE_HEADER:
        raise StoreError(
            f"{path} is not a tpcycle journal (it is not an SQLite database); it was left"
            " untouched."
        )


def _tighten(path: Path) -> None:
    """Journal text is private: make sure nobody else on the machine can read the file."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            path.chmod(mode & 0o700)
    except OSError:
        pass  # not our file to change; SQLite will report if it cannot be used
