"""The journal file: open and protect it, migrate it, run units of work, inspect, back up, restore.

Everyday commands use plain ``sqlite3``; sqlite-utils (through ``tpcycle.store.migrations``) is
loaded only when a journal needs migrating or a copy must be checked against the schema.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from tpcycle.errors import StoreError
from tpcycle.folding import match_key
from tpcycle.store.checkup import copy_database, inspect
from tpcycle.store.disk import (
    check_header,
    create_private_file,
    describe_sqlite_error,
    free_name,
    link_into_place,
    private_temp_beside,
    refuse_existing,
    tighten,
)
from tpcycle.store.schema import applied_names, migrate
from tpcycle.store.search import readable_here
from tpcycle.store.unit import UnitOfWork

BUSY_TIMEOUT_SECONDS = 10.0
CHECKPOINT_TRIES = 20  # with CHECKPOINT_WAIT_MS: about two seconds of asking readers to let go
CHECKPOINT_WAIT_MS = 100
# Set when a checkpoint could not finish (another program was reading): the next open finishes it.
UNFINISHED_CHECKPOINT = "unfinished_checkpoint"

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class Journal:
    """One open journal. Every read and change happens inside a unit of work.

    ``write()`` and ``read()`` join the unit of work already open on this journal, so one use
    case can call another and the whole user action stays one transaction.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path | None, clock: Clock) -> None:
        self.conn = conn
        self.path = path
        self.clock = clock
        self._unit: UnitOfWork | None = None

    @property
    def where(self) -> str:
        return str(self.path) if self.path else "(no journal yet)"

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def write(self) -> Iterator[UnitOfWork]:
        """One user action, all or nothing.

        BEGIN IMMEDIATE takes the write lock up front: a deferred transaction that reads and
        then writes fails at once under concurrency, even with a busy timeout.
        """
        if self._unit is not None:
            if not self._unit.writable:
                raise RuntimeError("a change was started inside a read")  # a programming error
            yield self._unit
            return
        with self._unit_of_work("BEGIN IMMEDIATE", writable=True) as unit:
            yield unit

    @contextmanager
    def read(self) -> Iterator[UnitOfWork]:
        """A consistent snapshot for reading a cycle together with its entries."""
        if self._unit is not None:
            yield self._unit
            return
        with self._unit_of_work("BEGIN", writable=False) as unit:
            yield unit

    @contextmanager
    def _unit_of_work(self, begin: str, *, writable: bool) -> Iterator[UnitOfWork]:
        with self.translated(writing=writable):
            self.conn.execute(begin)
            self._unit = UnitOfWork(self.conn, self.clock(), writable=writable)
            try:
                yield self._unit
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            finally:
                self._unit = None
            self.conn.execute("COMMIT" if writable else "ROLLBACK")

    @contextmanager
    def translated(self, *, writing: bool = True) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise StoreError(describe_sqlite_error(exc, self.where, writing=writing)) from exc

    def checkpoint(self) -> bool:
        """Copy the WAL into the main file and empty it, so deleted text is gone from both.

        Another program reading the journal holds old pages in the WAL; ask again for a short
        while. Returns False when it still could not finish (the next open finishes it).
        """
        if self.path is None:
            return True
        with self.translated():
            # TRUNCATE waits for readers through the busy handler: wait briefly, not 10 s a try.
            self.conn.execute(f"PRAGMA busy_timeout = {CHECKPOINT_WAIT_MS}")
            try:
                for _ in range(CHECKPOINT_TRIES):
                    busy = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
                    if not busy:
                        self.conn.execute(
                            "DELETE FROM settings WHERE key = ?", [UNFINISHED_CHECKPOINT]
                        )
                        return True
            finally:
                self.conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
            self.conn.execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES (?, '1')",
                [UNFINISHED_CHECKPOINT],
            )
            return False

    def schema_version(self) -> str:
        applied = applied_names(self.conn)
        return applied[-1] if applied else "none"

    # -- copies ---------------------------------------------------------------------------

    def backup(self, target: Path) -> None:
        """A consistent private copy, even while others write; never half a file at ``target``."""
        refuse_existing(target)
        with private_temp_beside(target) as temp:
            with self.translated(writing=False):
                self.conn.execute("VACUUM INTO ?", [str(temp)])
            link_into_place(temp, target)

    def restore(self, source: Path) -> Path:
        """Replace this journal's contents with a backup's, keeping a safety copy first.

        The backup is checked in full (schema, migrations, integrity) on a private copy before
        the journal is touched. Returns where the safety copy is.
        """
        assert self.path is not None
        with private_temp_beside(self.path) as candidate:
            copy_database(source, candidate)
            problems = inspect(candidate, shown_as=str(source))
            if problems:
                raise StoreError(f"{source} cannot be restored: {problems[0]}")
            safety = free_name(self.path, "before-restore")
            self.backup(safety)
            with self.translated():
                copy = sqlite3.connect(candidate)
                try:
                    copy.backup(self.conn)
                finally:
                    copy.close()
        migrate(self.conn, self.where)
        return safety


def open_journal(path: Path, *, create: bool, clock: Clock = utc_now) -> Journal:
    """Open (or, when ``create``, create) the journal at ``path`` and bring its schema up to date.

    Reading a journal that does not exist yet gives an empty in-memory one, so that looking
    never creates files.
    """
    if not path.exists():
        if not create:
            return _prepared(sqlite3.connect(":memory:", isolation_level=None), None, clock)
        create_private_file(path)
    elif path.is_dir():
        raise StoreError(f"{path} is a folder, not a journal file; give a file path with --db.")
    else:
        check_header(path)
        tighten(path)
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreError(describe_sqlite_error(exc, str(path), writing=create)) from exc
    journal = _prepared(conn, path, clock, writing=create)
    if path is not None and _unfinished_checkpoint(journal):
        journal.checkpoint()
    return journal


def _prepared(
    conn: sqlite3.Connection, path: Path | None, clock: Clock, *, writing: bool = True
) -> Journal:
    journal = Journal(conn, path, clock)
    try:
        with journal.translated(writing=writing):
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
            if path is not None:
                mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
                if str(mode).lower() != "wal":
                    conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA secure_delete = ON")
            # names compared as everywhere else: case, accents and spacing aside
            conn.create_function("name_key", 1, _name_key, deterministic=True)
            migrate(conn, journal.where)
            readable_here(conn)
    except BaseException:
        journal.close()
        raise
    return journal


def _name_key(name: object) -> str:
    return match_key(name) if isinstance(name, str) else ""


def _unfinished_checkpoint(journal: Journal) -> bool:
    with journal.read() as unit:
        return unit.settings.get(UNFINISHED_CHECKPOINT) is not None


# -- checking a file -------------------------------------------------------------------------


# -- files ------------------------------------------------------------------------------------
