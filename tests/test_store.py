"""The journal file: private, migrated once, transactional, and refused when not ours."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import locked
from tpcycle import service
from tpcycle.domain import Role, Step
from tpcycle.errors import NotFound, StoreError
from tpcycle.migrations import known_names
from tpcycle.protocols import Library, bundled_dir
from tpcycle.store import open_store


def default_protocol():  # type: ignore[no-untyped-def]
    return Library(bundled=bundled_dir(), user=None).load("default")


def test_a_new_journal_is_private_wal_and_migrated(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "folder" / "j.db"
    old = os.umask(0o022)
    try:
        store = open_store(path, create=True)
    finally:
        os.umask(old)
    try:
        assert oct(path.stat().st_mode & 0o777) == "0o600"
        assert oct(path.parent.stat().st_mode & 0o777) == "0o700"
        conn = store.db.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert store.schema_version() == max(known_names())
        assert {"cycles", "entries", "settings"} <= set(store.db.table_names())
    finally:
        store.close()


def test_a_loose_existing_journal_is_tightened(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    open_store(path, create=True).close()
    path.chmod(0o644)
    open_store(path, create=False).close()
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_reading_a_missing_journal_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    store = open_store(path, create=False)
    with pytest.raises(NotFound):
        service.get_cycle(store, None)
    store.close()
    assert not path.exists()


def test_migrations_run_once(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    open_store(path, create=True).close()
    open_store(path, create=True).close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == len(
            known_names()
        )


def test_a_journal_from_a_newer_tpcycle_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    open_store(path, create=True).close()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('tpcycle', 'm999_from_the_future', 'x')"
        )
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer tpcycle"):
        open_store(path, create=True)
    assert path.read_bytes() == before


def _open_and_start(path: str, goal: str) -> None:
    store = open_store(Path(path), create=True)
    try:
        service.start_cycle(store, goal=goal, teacher="A", partner="B", protocol=default_protocol())
    finally:
        store.close()


def test_several_processes_opening_a_fresh_file_all_succeed(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_open_and_start, args=(str(path), f"goal {i}")) for i in range(4)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(60)
    assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM cycles").fetchone()[0] == 4
        assert conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == len(
            known_names()
        )


def test_a_failed_action_leaves_nothing_half_written(tmp_path: Path) -> None:
    store = open_store(tmp_path / "j.db", create=True)
    try:
        started = service.start_cycle(
            store, goal="g", teacher="A", partner="B", protocol=default_protocol()
        )
        with pytest.raises(RuntimeError), store.write():
            store.insert_entry(
                cycle_id=started.cycle.id,
                step=Step.MOVE,
                author="A",
                role=Role.TEACHER,
                text="half",
                private=False,
                created_at="2026-01-01T00:00:00Z",
            )
            raise RuntimeError("power cut")
        assert [e.step for e in service.get_cycle(store, None).entries] == [Step.GOAL]
    finally:
        store.close()


def test_a_locked_journal_gives_a_plain_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "j.db"
    open_store(path, create=True).close()
    with locked(path, monkeypatch):
        store = open_store(path, create=True)
        try:
            with pytest.raises(StoreError, match="busy in another tpcycle window"):
                service.start_cycle(
                    store, goal="g", teacher="A", partner="B", protocol=default_protocol()
                )
        finally:
            store.close()


def test_entries_need_a_real_cycle(tmp_path: Path) -> None:
    store = open_store(tmp_path / "j.db", create=True)
    try:
        with pytest.raises(StoreError), store.write():
            store.insert_entry(
                cycle_id=42,
                step=Step.GOAL,
                author="A",
                role=Role.TEACHER,
                text="orphan",
                private=False,
                created_at="x",
            )
    finally:
        store.close()


def test_an_older_journal_is_migrated_with_its_entries_kept(tmp_path: Path) -> None:
    from sqlite_utils import Database

    from tpcycle.migrations import migrations

    path = tmp_path / "old.db"
    old = Database(path)
    migrations.apply(old, stop_before="m002_measures")
    old.execute(
        "INSERT INTO cycles (uid, goal, teacher, partner, protocol, protocol_version, status,"
        " created_at) VALUES ('c1', 'old goal', 'A', 'B', 'default', '1', 'open', 'x')"
    )
    old.execute(
        "INSERT INTO entries (uid, cycle_id, step, author, role, text, private, created_at)"
        " VALUES ('e1', 1, 'goal', 'A', 'teacher', 'old goal', 0, 'x')"
    )
    old.close()
    store = open_store(path, create=False)
    try:
        assert store.schema_version() == max(known_names())
        found = service.get_cycle(store, 1)
        assert (found.goal, len(found.entries), found.entries[0].measures) == ("old goal", 1, ())
    finally:
        store.close()
