"""Nothing lost from the user's side: a full or read-only disk keeps the text typed, a restore
keeps a safety copy, the doctor reports damage without touching it, and hostile protocol files
give only clean errors.

What the journal file itself withstands (concurrent writers, kills, failed migrations, backups
taken during a write) is in tests/store/test_reliability.py.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import Run, rows
from tpcycle.errors import ProtocolError
from tpcycle.protocols import parse_protocol


def _connect_then(pragma: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every connection to the journal runs ``pragma`` first: SQLite itself then refuses."""
    real_connect = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn: sqlite3.Connection = real_connect(*args, **kwargs)
        if args and str(args[0]).endswith("journal.db"):
            conn.execute(pragma)
        return conn

    monkeypatch.setattr(sqlite3, "connect", connect)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("pragma", "message"),
    [
        ("PRAGMA max_page_count = {pages}", "is full"),  # SQLite's own "disk is full" error
        ("PRAGMA query_only = ON", "read-only"),
    ],
)
def test_a_full_or_read_only_disk_keeps_the_text(
    cycle: Run, db_path: Path, monkeypatch: pytest.MonkeyPatch, pragma: str, message: str
) -> None:
    cycle("log", "evidence", "saved before the trouble")
    pages = rows(db_path, "PRAGMA page_count")[0][0]
    _connect_then(pragma.format(pages=pages), monkeypatch)
    long_text = "A long reflection, typed with care. " * 400
    result = cycle("reflect", "-", input=long_text, ok=False)
    monkeypatch.undo()
    assert result.exit_code == 1
    line = result.stderr.strip().splitlines()[-1]
    assert message in line and "kept in" in line
    kept = Path(line.split("kept in ")[1].rstrip("."))
    assert kept.read_text() == long_text
    assert oct(kept.stat().st_mode & 0o777) == "0o600"
    assert rows(db_path, "SELECT text FROM entries WHERE step != 'goal'") == [
        ("saved before the trouble",)
    ]


def test_backup_from_the_shell(run: Run, db_path: Path, tmp_path: Path) -> None:
    nothing = run("db", "backup", str(tmp_path / "early.db"), ok=False)
    assert nothing.exit_code == 1 and "no journal" in nothing.stderr
    run("new", "goal", "g")
    backup = tmp_path / "backup.db"
    run("db", "backup", str(backup))
    assert rows(backup, "SELECT goal FROM cycles") == [("g",)]
    again = run("db", "backup", str(backup), ok=False)
    assert again.exit_code == 1 and "already exists" in again.stderr


def test_restore_keeps_a_safety_copy(run: Run, db_path: Path, tmp_path: Path) -> None:
    run("new", "goal", "the old goal")
    backup = tmp_path / "b.db"
    run("db", "backup", str(backup))
    run("new", "goal", "written after the backup")
    refused = run("db", "restore", str(backup), ok=False)
    assert refused.exit_code == 1 and "add --yes" in refused.stderr
    assert rows(db_path, "SELECT count(*) FROM cycles") == [(2,)]  # refused: nothing changed
    result = run("db", "restore", str(backup), "--yes")
    safety = Path(result.stderr.split("is in ")[1].strip().rstrip("."))
    assert [c["goal"] for c in json.loads(run("list", "--json").stdout)] == ["the old goal"]
    assert rows(safety, "SELECT count(*) FROM cycles") == [(2,)]
    notes = tmp_path / "notes.txt"
    notes.write_text("not a journal")
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE cycles (x)")
    for bad_source, message in ((notes, "not a tpcycle journal"), (other, "cannot be restored")):
        bad = run("db", "restore", str(bad_source), "--yes", ok=False)
        assert bad.exit_code == 1 and message in bad.stderr
    assert [c["goal"] for c in json.loads(run("list", "--json").stdout)] == ["the old goal"]


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
    assert result.exception is None or isinstance(result.exception, SystemExit)  # no crash
    assert db_path.read_bytes() == before


def test_doctor_on_a_file_that_is_not_a_journal(run: Run, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    result = run("--db", str(other), "db", "doctor", ok=False)
    assert result.exit_code == 1 and "not a tpcycle journal" in result.stderr


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
