"""No data lost at the journal file: concurrent writers, killed processes, a failing migration,
and backups taken while someone else is writing.

The slow tier (``-m slow``) runs other processes. Each is sized to prove its property and waits on
real signals (a line the child prints after a commit, a line the parent sends), never on sleeps.
"""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import rows
from tests.usecases.helpers import journal_at, start
from tpcycle.errors import StoreError
from tpcycle.store import inspect, open_journal
from tpcycle.store.schema import MIGRATION_NAMES
from tpcycle.usecases import journal_file


def _child(script: str, *args: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script), *map(str, args)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _expect(proc: subprocess.Popen[str], line: str) -> None:
    """Wait until the child says ``line`` (it says it only once the thing has happened)."""
    assert proc.stdout is not None
    said = proc.stdout.readline().strip()
    if said != line:
        proc.kill()
        _, err = proc.communicate(timeout=30)
        raise AssertionError(f"expected {line!r} from the child, got {said!r}; stderr: {err}")


def _tell(proc: subprocess.Popen[str], line: str) -> None:
    assert proc.stdin is not None
    proc.stdin.write(line + "\n")
    proc.stdin.flush()


@contextmanager
def _reaped(*procs: subprocess.Popen[str]) -> Iterator[None]:
    """Children never outlive a failed test."""
    try:
        yield
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.communicate(timeout=30)


# -- two writers at once --------------------------------------------------------------------

WRITER = """
    import json, sys, time
    from pathlib import Path
    from tpcycle.errors import TpcycleError
    from tpcycle.store import open_journal
    from tpcycle.usecases.recording import add_entry

    db, name, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    print("ready", flush=True)
    sys.stdin.readline()  # both start together
    began = time.monotonic()
    failures = []
    for n in range(count):  # each write a whole command: open, one unit of work, close
        try:
            journal = open_journal(db, create=False)
            try:
                add_entry(journal, cycle_id=None, step=None, text=f"{name}-{n}")
            finally:
                journal.close()
        except TpcycleError as exc:
            failures.append([n, exc.message])
    print(json.dumps({"failures": failures, "began": began, "ended": time.monotonic()}))
"""

WRITES = 30  # per writer. Tried against the store with a deferred BEGIN, or with no busy
# timeout, every run had one writer fail many of its 30 writes.


@pytest.mark.slow
def test_two_writers_at_once_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    journal = journal_at(db)
    start(journal, "g")
    journal.close()
    names = ("teacher", "partner")
    procs = [_child(WRITER, db, name, WRITES) for name in names]
    with _reaped(*procs):
        for proc in procs:
            _expect(proc, "ready")
        for proc in procs:
            _tell(proc, "go")
        runs = []
        for proc in procs:
            out, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err
            runs.append(json.loads(out))
    assert [run["failures"] for run in runs] == [[], []]  # none failed, none found it busy
    # The property needs the two to have written at the same time (CLOCK_MONOTONIC is one
    # clock for every process): each began before the other had finished.
    assert max(run["began"] for run in runs) < min(run["ended"] for run in runs)
    written = [str(t) for (t,) in rows(db, "SELECT text FROM entries WHERE step = 'evidence'")]
    assert len(written) == 2 * WRITES
    for name in names:
        mine = sorted(t for t in written if t.startswith(f"{name}-"))
        assert mine == sorted(f"{name}-{n}" for n in range(WRITES))


# -- killed in the middle of writing --------------------------------------------------------

KILLABLE = """
    import sys
    from pathlib import Path
    from tpcycle.measures import parse_measure
    from tpcycle.protocols import Library, bundled_dir
    from tpcycle.store import open_journal
    from tpcycle.usecases import cycles
    from tpcycle.usecases.recording import add_entry

    library = Library(bundled=bundled_dir(), user=None)
    journal = open_journal(Path(sys.argv[1]), create=True)
    n = 0
    while True:
        n += 1
        if n % 7 == 1:
            plan = cycles.plan_cycle(library, teacher="A", partner="B", protocol=None)
            saved = cycles.start_cycle(journal, plan, f"goal {n}")
        else:
            saved = add_entry(
                journal, cycle_id=None, step=None, text=f"evidence {n} " + "x" * (n % 500),
                measures=(parse_measure(f"a=1/{n}"), parse_measure(f"b={n}min")))
        print(saved.entry.uid, flush=True)  # said only after the commit
"""

ROUNDS = 6


@pytest.mark.slow
def test_killed_writers_leave_a_sound_journal_with_every_reported_entry(tmp_path: Path) -> None:
    db = tmp_path / "killed.db"
    reported: list[str] = []
    chance = random.Random(20261126)
    for _round in range(ROUNDS):
        proc = _child(KILLABLE, db)
        assert proc.stdout is not None
        with _reaped(proc):
            # Let it commit a few actions, then kill it while it writes the next one.
            for _ in range(chance.randint(3, 15)):
                uid = proc.stdout.readline().strip()
                assert uid, proc.communicate(timeout=30)[1]
                reported.append(uid)
            proc.send_signal(signal.SIGKILL)
            out, _ = proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        reported += [line for line in out.splitlines() if line.strip()]
    assert inspect(db) == []  # integrity, foreign keys and schema
    uids = {str(u) for (u,) in rows(db, "SELECT uid FROM entries")}
    assert set(reported) <= uids
    # Every action is whole: evidence has both its measures, every cycle has its goal.
    assert (
        rows(
            db,
            "SELECT e.id FROM entries e LEFT JOIN measures m ON m.entry_id = e.id"
            " WHERE e.step = 'evidence' GROUP BY e.id HAVING count(m.id) != 2",
        )
        == []
    )
    assert (
        rows(
            db,
            "SELECT c.id FROM cycles c WHERE NOT EXISTS"
            " (SELECT 1 FROM entries e WHERE e.cycle_id = c.id AND e.step = 'goal')",
        )
        == []
    )


# -- a backup while someone else writes ------------------------------------------------------

HOLDER = """
    import sys
    from pathlib import Path
    from tpcycle.store import open_journal
    from tpcycle.usecases import cycles
    from tpcycle.usecases.recording import add_entry

    journal = open_journal(Path(sys.argv[1]), create=False)
    for n in range(int(sys.argv[2])):  # committed, and still only in the WAL
        add_entry(journal, cycle_id=1, step=None, text=f"committed {n}")
    journal.conn.execute("PRAGMA cache_size = 2")  # spill the open change into the WAL too
    with journal.write():  # one action, still open while the backup runs
        for n in range(int(sys.argv[3])):
            add_entry(journal, cycle_id=1, step=None, text=f"held {n} " + "y" * 4000)
        cycles.close_cycle(journal, 1)
        print("holding", flush=True)
        sys.stdin.readline()
    print("committed", flush=True)
"""


def _counts(db: Path) -> tuple[object, ...]:
    return rows(db, "SELECT (SELECT count(*) FROM entries), (SELECT status FROM cycles)")[0]


@pytest.mark.slow
def test_a_backup_is_the_journal_as_committed_while_a_writer_holds_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copy holds what was committed, including what is only in the WAL so far, and
    nothing of the change still open; and taking it does not wait for the writer."""
    import tpcycle.store.journal as journal_module

    monkeypatch.setattr(journal_module, "BUSY_TIMEOUT_SECONDS", 0.2)  # waiting would fail fast
    db = tmp_path / "journal.db"
    journal = journal_at(db)
    start(journal, "g")
    journal.close()
    holder = _child(HOLDER, db, 5, 40)
    during, after = tmp_path / "during.db", tmp_path / "after.db"
    with _reaped(holder):
        _expect(holder, "holding")
        assert Path(f"{db}-wal").stat().st_size > 40 * 4000  # the open change is in the WAL
        journal_file.backup(db, during)
        _tell(holder, "go")
        _expect(holder, "committed")
        assert holder.wait(timeout=30) == 0
    journal_file.backup(db, after)
    assert inspect(during) == [] and inspect(after) == []  # whole journals, schema and all
    assert _counts(during) == (1 + 5, "open")  # exactly what was committed at that moment
    assert _counts(after) == (1 + 5 + 40, "closed") == _counts(db)
    with pytest.raises(StoreError, match="already exists"):
        journal_file.backup(db, during)


# -- a migration that fails halfway -----------------------------------------------------------


def test_a_failing_migration_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tpcycle.store.migrations as known
    import tpcycle.store.schema as schema

    path = tmp_path / "j.db"
    journal = journal_at(path)
    start(journal, "kept")
    journal.close()
    with sqlite3.connect(path) as conn:
        before = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    applied = rows(path, "SELECT name FROM _sqlite_migrations ORDER BY rowid")

    real_apply = known.apply

    def apply_then_break(conn: sqlite3.Connection) -> None:
        real_apply(conn)  # nothing left to do: the journal is up to date
        conn.execute("CREATE TABLE half_done (x)")
        conn.execute("INSERT INTO settings (key, value) VALUES ('half', 'done')")
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('tpcycle', 'm999_breaks_halfway', 'now')"
        )
        raise RuntimeError("the new column clashes with an old one")

    monkeypatch.setattr(schema, "MIGRATION_NAMES", (*MIGRATION_NAMES, "m999_breaks_halfway"))
    monkeypatch.setattr(known, "apply", apply_then_break)
    with pytest.raises(StoreError, match=r"could not be updated .* left as it was"):
        open_journal(path, create=True)
    monkeypatch.undo()
    with sqlite3.connect(path) as conn:
        assert (
            conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
            == before
        )
    assert rows(path, "SELECT name FROM _sqlite_migrations ORDER BY rowid") == applied
    assert rows(path, "SELECT value FROM settings WHERE key = 'half'") == []
    assert inspect(path) == []
