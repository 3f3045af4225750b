"""The journal file: private, migrated once, transactional, and refused when not ours."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import locked
from tests.usecases.helpers import journal_at, start
from tpcycle.domain import Entry, Role, Step
from tpcycle.errors import NotFound, StoreError
from tpcycle.store import inspect, open_journal
from tpcycle.store.schema import MIGRATION_NAMES
from tpcycle.usecases import cycles


def test_a_new_journal_is_private_wal_and_migrated(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "folder" / "j.db"
    old = os.umask(0o022)
    try:
        journal = open_journal(path, create=True)
    finally:
        os.umask(old)
    try:
        assert oct(path.stat().st_mode & 0o777) == "0o600"
        assert oct(path.parent.stat().st_mode & 0o777) == "0o700"
        conn = journal.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert journal.schema_version() == MIGRATION_NAMES[-1]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"cycles", "entries", "settings"} <= tables
    finally:
        journal.close()


def test_a_loose_existing_journal_is_tightened(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    open_journal(path, create=True).close()
    path.chmod(0o644)
    open_journal(path, create=False).close()
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_reading_a_missing_journal_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    journal = open_journal(path, create=False)
    with pytest.raises(NotFound):
        cycles.get_cycle(journal, None)
    journal.close()
    assert not path.exists()


def test_migrations_run_once(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    open_journal(path, create=True).close()
    open_journal(path, create=True).close()
    with sqlite3.connect(path) as conn:
        applied = conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
        assert applied == len(MIGRATION_NAMES)


def test_a_journal_from_a_newer_tpcycle_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    open_journal(path, create=True).close()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('tpcycle', 'm999_from_the_future', 'x')"
        )
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer tpcycle"):
        open_journal(path, create=True)
    assert path.read_bytes() == before


def _open_and_start(path: str, goal: str) -> None:
    journal = open_journal(Path(path), create=True)
    try:
        start(journal, goal)
    finally:
        journal.close()


@pytest.mark.slow  # four spawned processes, each importing tpcycle: a concurrency test
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
        applied = conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
        assert applied == len(MIGRATION_NAMES)


def test_a_failed_action_leaves_nothing_half_written(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    try:
        started = start(journal, "g")
        with pytest.raises(RuntimeError), journal.write() as uow:
            uow.entries.add(_entry(started.cycle.id, Step.MOVE, "half"))
            raise RuntimeError("power cut")
        assert [e.step for e in cycles.get_cycle(journal, None).entries] == [Step.GOAL]
    finally:
        journal.close()


def _entry(cycle_id: int, step: Step, text: str) -> Entry:
    return Entry(0, f"uid-{text}", cycle_id, step, "A", Role.TEACHER, text, False, "2026-01-01")


def test_a_locked_journal_gives_a_plain_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "j.db"
    open_journal(path, create=True).close()
    with locked(path, monkeypatch):
        journal = open_journal(path, create=True)
        try:
            with pytest.raises(StoreError, match="busy in another tpcycle window"):
                start(journal, "g")
        finally:
            journal.close()


def test_entries_need_a_real_cycle(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    try:
        with pytest.raises(StoreError), journal.write() as uow:
            uow.entries.add(_entry(42, Step.GOAL, "orphan"))
    finally:
        journal.close()


def test_an_older_journal_is_migrated_with_its_entries_kept(tmp_path: Path) -> None:
    from sqlite_utils import Database

    from tpcycle.store.migrations import migrations

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
    journal = open_journal(path, create=False)
    try:
        assert journal.schema_version() == MIGRATION_NAMES[-1]
        found = cycles.get_cycle(journal, 1)
        assert (found.goal, len(found.entries), found.entries[0].measures) == ("old goal", 1, ())
    finally:
        journal.close()


# -- hostile files: restore, doctor, backups, folders, FIFOs -----------------------------------


def _look_alike(path: Path) -> None:
    """An SQLite file with the right table names that is not a tpcycle journal."""
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE cycles (x)")
        conn.execute("CREATE TABLE entries (y)")
        conn.execute("CREATE TABLE _sqlite_migrations (migration_set, name, applied_at)")
        conn.execute("INSERT INTO _sqlite_migrations VALUES ('tpcycle', 'm001_initial', 'x')")


def test_a_look_alike_backup_is_refused_and_the_journal_untouched(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    journal = journal_at(path)
    start(journal, "keep me")
    fake = tmp_path / "fake.db"
    _look_alike(fake)
    with pytest.raises(StoreError, match="cannot be restored") as refused:
        journal.restore(fake)
    assert refused.value.message.count(str(fake)) == 2  # named as the person knows it
    assert ".tmp" not in refused.value.message
    assert cycles.get_cycle(journal, None).goal == "keep me"
    journal.close()
    assert inspect(path) == []
    assert [p.name for p in tmp_path.iterdir() if "before-restore" in p.name] == []


def test_doctor_notices_a_journal_that_cannot_be_opened(tmp_path: Path) -> None:
    fake = tmp_path / "fake.db"
    _look_alike(fake)
    problems = inspect(fake)
    assert problems and "not" in problems[0]


def test_two_restores_in_the_same_second_both_work(tmp_path: Path) -> None:
    path = tmp_path / "j.db"
    journal = journal_at(path)
    start(journal, "first")
    copy = tmp_path / "copy.db"
    journal.backup(copy)
    safeties = {journal.restore(copy), journal.restore(copy)}
    assert len(safeties) == 2 and all(s.exists() for s in safeties)
    assert cycles.get_cycle(journal, None).goal == "first"
    journal.close()


def test_a_backup_never_replaces_a_file_nor_leaves_a_temporary_one(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    start(journal)
    target = tmp_path / "copy.db"
    target.write_text("mine")
    with pytest.raises(StoreError, match="already exists"):
        journal.backup(target)
    assert target.read_text() == "mine"
    fresh = tmp_path / "fresh.db"
    journal.backup(fresh)
    journal.close()
    assert oct(fresh.stat().st_mode & 0o777) == "0o600" and inspect(fresh) == []
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_every_folder_tpcycle_creates_is_private(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "tpcycle" / "j.db"
    old = os.umask(0o022)
    try:
        open_journal(path, create=True).close()
    finally:
        os.umask(old)
    for folder in (tmp_path / "a", tmp_path / "a" / "b", path.parent):
        assert oct(folder.stat().st_mode & 0o777) == "0o700", folder


def test_tpcycles_own_loose_data_folder_is_tightened(tmp_path: Path) -> None:
    folder = tmp_path / "tpcycle"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    open_journal(folder / "j.db", create=True).close()
    assert oct(folder.stat().st_mode & 0o777) == "0o700"


def test_a_journal_path_that_is_a_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "j.db"
    os.mkfifo(fifo)
    with pytest.raises(StoreError, match="not a regular file"):
        open_journal(fifo, create=False)


def test_a_checkpoint_blocked_by_a_reader_is_reported_and_finished_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tpcycle.store.journal as journal_module

    monkeypatch.setattr(journal_module, "CHECKPOINT_TRIES", 2)
    monkeypatch.setattr(journal_module, "CHECKPOINT_WAIT_MS", 10)  # the reader never lets go
    path = tmp_path / "j.db"
    journal = journal_at(path)
    start(journal)
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM entries").fetchone()  # holds a snapshot
    with journal.write() as uow:
        uow.settings.set("scratch", "x")
    assert journal.checkpoint() is False
    reader.execute("ROLLBACK")
    reader.close()
    journal.close()
    again = open_journal(path, create=False)  # finishes the job on open
    with again.read() as uow:
        assert uow.settings.get(journal_module.UNFINISHED_CHECKPOINT) is None
    again.close()
