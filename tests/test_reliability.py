"""No data lost: concurrent writers, killed processes, failed migrations, full disks, backups."""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import Run, rows
from tpcycle.errors import ProtocolError, StoreError
from tpcycle.protocols import parse_protocol
from tpcycle.store import open_store

WRITER = textwrap.dedent(
    """
    import sys
    from typer.testing import CliRunner
    from tpcycle.cli.app import app

    db, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    runner = CliRunner()
    failures = []
    for n in range(count):
        result = runner.invoke(app, ["--db", db, "log", "evidence", f"{name}-{n}"])
        if result.exit_code != 0 or "locked" in result.stderr:
            failures.append((n, result.exit_code, result.stderr))
    print(len(failures), failures[:3])
    """
)


def test_two_writers_at_once_lose_nothing(run: Run, db_path: Path) -> None:
    run("new", "goal", "g")
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db_path), name, "300"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("teacher", "partner")
    ]
    outputs = [proc.communicate(timeout=240) for proc in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert out.startswith("0 []"), out
    assert rows(db_path, "SELECT count(*) FROM entries WHERE step = 'evidence'") == [(600,)]
    for name in ("teacher", "partner"):
        texts = {
            t for (t,) in rows(db_path, "SELECT text FROM entries WHERE text LIKE ?", f"{name}-%")
        }
        assert texts == {f"{name}-{n}" for n in range(300)}


KILLABLE = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from tpcycle import service
    from tpcycle.measures import parse_measure
    from tpcycle.protocols import Library, bundled_dir
    from tpcycle.store import open_store

    protocol = Library(bundled=bundled_dir(), user=None).load("default")
    store = open_store(Path(sys.argv[1]), create=True)
    n = 0
    while True:
        n += 1
        if n % 7 == 1:
            saved = service.start_cycle(store, goal=f"goal {n}", teacher="A", partner="B",
                                        protocol=protocol)
        else:
            saved = service.add_entry(
                store, cycle_id=None, step=None, text=f"evidence {n} " + "x" * (n % 500),
                measures=(parse_measure(f"a=1/{n}"), parse_measure(f"b={n}min")))
        print(saved.entry.uid, flush=True)  # reported only after the commit
    """
)


def test_killed_writers_leave_a_sound_journal_with_every_reported_entry(tmp_path: Path) -> None:
    db = tmp_path / "killed.db"
    reported: list[str] = []
    chance = random.Random(20261126)
    for _round in range(8):
        proc = subprocess.Popen(
            [sys.executable, "-c", KILLABLE, str(db)], stdout=subprocess.PIPE, text=True
        )
        assert proc.stdout is not None
        deadline = time.monotonic() + 30
        seen = 0
        # Wait until it is really writing, then kill it at a random moment.
        while seen < 5 and time.monotonic() < deadline:
            if proc.stdout.readline():
                seen += 1
        time.sleep(chance.uniform(0.0, 0.3))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=30)
        reported += [line for line in out.splitlines() if line.strip()]
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        uids = {r[0] for r in conn.execute("SELECT uid FROM entries")}
        # Every action is whole: evidence has both its measures, every cycle has its goal.
        half = conn.execute(
            "SELECT e.id FROM entries e LEFT JOIN measures m ON m.entry_id = e.id"
            " WHERE e.step = 'evidence' GROUP BY e.id HAVING count(m.id) != 2"
        ).fetchall()
        goalless = conn.execute(
            "SELECT c.id FROM cycles c WHERE NOT EXISTS"
            " (SELECT 1 FROM entries e WHERE e.cycle_id = c.id AND e.step = 'goal')"
        ).fetchall()
    assert len(reported) > 40
    assert set(reported) <= uids
    assert half == [] and goalless == []


def test_a_failing_migration_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlite_utils.migrations import Migrations

    import tpcycle.migrations as known
    import tpcycle.store as store_module

    path = tmp_path / "j.db"
    open_store(path, create=True).close()
    with sqlite3.connect(path) as conn:
        before = conn.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
        applied = conn.execute("SELECT name FROM _sqlite_migrations").fetchall()

    broken = Migrations("tpcycle")
    for name in sorted(known.known_names()):
        broken()(getattr(known, name))

    @broken()
    def m999_breaks_halfway(db: object) -> None:
        db.execute("CREATE TABLE half_done (x)")  # type: ignore[attr-defined]
        db.execute("INSERT INTO cycles (uid) VALUES ('bad')")  # type: ignore[attr-defined]

    monkeypatch.setattr(store_module, "migrations", broken)
    monkeypatch.setattr(
        store_module,
        "known_names",
        lambda: frozenset([*known.known_names(), "m999_breaks_halfway"]),
    )
    with pytest.raises(StoreError):
        open_store(path, create=True)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == before
        assert conn.execute("SELECT name FROM _sqlite_migrations").fetchall() == applied


def _connect_then(pragma: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import tpcycle.store as store_module

    real_connect = sqlite3.connect

    def connect(*args: object, **kwargs: object) -> sqlite3.Connection:
        conn = real_connect(*args, **kwargs)  # type: ignore[arg-type]
        if args and str(args[0]).endswith("journal.db"):
            conn.execute(pragma)
        return conn

    monkeypatch.setattr(store_module.sqlite3, "connect", connect)


@pytest.mark.parametrize(
    ("pragma", "message"),
    [
        ("PRAGMA max_page_count = 1", "is full"),  # SQLite's own "disk is full" error
        ("PRAGMA query_only = ON", "read-only"),
    ],
)
def test_a_full_or_read_only_disk_keeps_the_text(
    cycle: Run, db_path: Path, monkeypatch: pytest.MonkeyPatch, pragma: str, message: str
) -> None:
    cycle("log", "evidence", "saved before the trouble")
    pages = rows(db_path, "PRAGMA page_count")[0][0]
    _connect_then(pragma.replace("= 1", f"= {pages}"), monkeypatch)
    long_text = "A long reflection, typed with care. " * 400
    result = cycle("reflect", "-", input=long_text, ok=False)
    monkeypatch.undo()
    assert result.exit_code == 1
    line = result.stderr.strip().splitlines()[-1]
    assert message in line and "kept in" in line
    kept = Path(line.split("kept in ")[1].rstrip("."))
    assert kept.read_text() == long_text
    assert rows(db_path, "SELECT text FROM entries WHERE step != 'goal'") == [
        ("saved before the trouble",)
    ]


def test_backup_is_a_consistent_copy_while_someone_writes(
    run: Run, db_path: Path, tmp_path: Path
) -> None:
    run("new", "goal", "g")
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db_path), "busy", "150"],
        stdout=subprocess.PIPE,
        text=True,
    )
    time.sleep(0.5)
    backup = tmp_path / "backup.db"
    run("db", "backup", str(backup))
    writer.communicate(timeout=240)
    assert writer.returncode == 0
    with sqlite3.connect(backup) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        copied = conn.execute("SELECT count(*) FROM entries").fetchone()[0]
    assert 1 <= copied <= 151
    again = run("db", "backup", str(backup), ok=False)
    assert again.exit_code == 1 and "already exists" in again.stderr


def test_restore_keeps_a_safety_copy(run: Run, db_path: Path, tmp_path: Path) -> None:
    run("new", "goal", "the old goal")
    backup = tmp_path / "b.db"
    run("db", "backup", str(backup))
    run("new", "goal", "written after the backup")
    refused = run("db", "restore", str(backup), ok=False)
    assert "add --yes" in refused.stderr
    result = run("db", "restore", str(backup), "--yes")
    safety = Path(result.stderr.split("is in ")[1].strip().rstrip("."))
    assert [c["goal"] for c in json.loads(run("list", "--json").stdout)] == ["the old goal"]
    with sqlite3.connect(safety) as conn:
        assert conn.execute("SELECT count(*) FROM cycles").fetchone()[0] == 2
    notes = tmp_path / "notes.txt"
    notes.write_text("not a journal")
    bad = run("db", "restore", str(notes), "--yes", ok=False)
    assert "cannot be restored" in bad.stderr


def test_doctor_reports_damage_and_leaves_the_file_alone(run: Run, db_path: Path) -> None:
    run("new", "goal", "g")
    assert "healthy" in run("db", "doctor").stderr
    data = bytearray(db_path.read_bytes())
    data[4096:8192] = b"\xde\xad\xbe\xef" * 1024  # smash the second page
    db_path.write_bytes(bytes(data))
    Path(f"{db_path}-wal").unlink(missing_ok=True)
    before = db_path.read_bytes()
    result = run("db", "doctor", ok=False)
    assert result.exit_code == 1
    assert "Problem:" in result.stderr and "Advice:" in result.stderr
    assert "Traceback" not in result.stderr
    assert db_path.read_bytes() == before


def test_doctor_on_a_file_that_is_not_a_journal(run: Run, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    result = run("--db", str(other), "db", "doctor", ok=False)
    assert "not a tpcycle journal" in result.stderr


@settings(max_examples=300, deadline=1000)
@given(st.binary(max_size=400))
def test_random_bytes_give_only_protocol_errors(raw: bytes) -> None:
    try:
        parse_protocol(raw, Path("fuzz.yaml"))
    except ProtocolError as exc:
        assert exc.message.startswith("fuzz.yaml:")


@settings(max_examples=300, deadline=1000)
@given(st.text(alphabet="name: steps-[]{}&*!|>'\"#%@`?,\n\t goal evidence 0x1", max_size=300))
def test_random_yaml_gives_only_protocol_errors(text: str) -> None:
    try:
        parse_protocol(text.encode(), Path("fuzz.yaml"))
    except ProtocolError as exc:
        assert exc.message.startswith("fuzz.yaml:")
