"""Safe by design: private entries, real forgetting, student names, private files."""

from __future__ import annotations

import json
import os
import sqlite3
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import Run, rows
from tpcycle.privacy import Redactor, alias_for

# One word, unlike any other, so it would show up whole in the search index as well.
MARKER = "qjxzvkwombat"


def journal_bytes(db: Path) -> bytes:
    data = b""
    for suffix in ("", "-wal", "-shm"):
        path = Path(str(db) + suffix)
        if path.exists():
            data += path.read_bytes()
    return data


def test_forgotten_text_is_gone_from_the_file_and_its_wal(cycle: Run, db_path: Path) -> None:
    cycle("log", "evidence", f"secret {MARKER} note", "-m", f"{MARKER}=1/2")
    cycle("interpret", "stays")
    (entry_id,) = rows(db_path, "SELECT id FROM entries WHERE text LIKE ?", f"%{MARKER}%")[0]
    assert MARKER.encode() in journal_bytes(db_path)
    result = cycle("forget", str(entry_id), "--yes")
    assert "Forgotten" in result.stderr
    assert MARKER.encode() not in journal_bytes(db_path)
    assert rows(db_path, "SELECT count(*) FROM measures") == [(0,)]
    assert rows(db_path, "SELECT text FROM entries WHERE step = 'interpretation'") == [("stays",)]


def test_secure_delete_is_switched_on_even_if_the_build_default_is_off(
    cycle: Run, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tpcycle.store.journal as store_module

    real_connect = sqlite3.connect

    def connect_with_secure_delete_off(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn: sqlite3.Connection = real_connect(*args, **kwargs)
        conn.execute("PRAGMA secure_delete = OFF")  # as on a build whose default is off
        return conn

    monkeypatch.setattr(store_module, "sqlite3", _Patched(connect_with_secure_delete_off))
    cycle("reflect", f"another {MARKER} " * 50)
    entry_id = rows(db_path, "SELECT max(id) FROM entries")[0][0]
    cycle("forget", str(entry_id), "--yes")
    assert MARKER.encode() not in journal_bytes(db_path)


def test_forgetting_asks_first(cycle: Run, db_path: Path) -> None:
    cycle("reflect", "keep me")
    result = cycle("forget", "2", ok=False)
    assert result.exit_code == 1
    assert "add --yes" in result.stderr and "Nothing was changed" in result.stderr
    assert rows(db_path, "SELECT count(*) FROM entries") == [(2,)]


def test_forgetting_a_whole_cycle(cycle: Run, db_path: Path) -> None:
    cycle("log", "evidence", f"{MARKER}", "-m", "x=1/2")
    cycle("forget", "--cycle", "1", "--yes")
    assert rows(db_path, "SELECT count(*) FROM cycles") == [(0,)]
    assert rows(db_path, "SELECT count(*) FROM entries") == [(0,)]
    assert MARKER.encode() not in journal_bytes(db_path)
    assert "no current cycle" in cycle("status", ok=False).stderr


def test_the_goal_entry_is_forgotten_with_its_cycle(cycle: Run) -> None:
    result = cycle("forget", "1", "--yes", ok=False)
    assert "forget --cycle 1" in result.stderr


def test_unknown_entries(cycle: Run) -> None:
    for args in (["forget", "99", "--yes"], ["edit", "99", "x"]):
        result = cycle(*args, ok=False)
        assert result.exit_code == 1
        assert "There is no entry 99" in result.stderr


def test_edit_replaces_text_and_privacy(cycle: Run, db_path: Path) -> None:
    cycle("interpret", f"first draft {MARKER}")
    cycle("edit", "2", "second draft")
    assert rows(
        db_path, "SELECT text, private, updated_at IS NOT NULL FROM entries WHERE id = 2"
    ) == [("second draft", 0, 1)]
    assert MARKER.encode() not in journal_bytes(db_path)
    cycle("edit", "2", "--private")
    assert rows(db_path, "SELECT private FROM entries WHERE id = 2") == [(1,)]
    assert "second draft" not in cycle("export").stdout
    cycle("edit", "2", "--public")
    assert "second draft" in cycle("export").stdout
    same = cycle("edit", "2", "second draft", ok=False)
    assert "nothing changed" in same.stderr


def test_editing_the_goal_entry_changes_the_goal(cycle: Run, db_path: Path) -> None:
    cycle("edit", "1", "Students explain their reasoning aloud")
    assert rows(db_path, "SELECT goal FROM cycles") == [("Students explain their reasoning aloud",)]


def test_edit_in_the_editor(
    cycle: Run, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cycle("reflect", "old words")
    editor = tmp_path / "ed"
    editor.write_text("#!/bin/sh\nsed -i 's/old/new/' \"$1\"\n")
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    cycle("edit", "2", "--edit")
    assert rows(db_path, "SELECT text FROM entries WHERE id = 2") == [("new words",)]


# -- student names ----------------------------------------------------------------------


def test_roster_aliases_are_stable_and_never_reused(run: Run) -> None:
    run("students", "add", "Lee", "José Ruiz", "lee")
    assert json.loads(run("students", "list", "--json").stdout) == [
        {"name": "Lee", "alias": "Student A", "kept_parts": [], "every_case": False},
        {"name": "José Ruiz", "alias": "Student B", "kept_parts": [], "every_case": False},
    ]
    run("students", "remove", "LEE")
    run("students", "add", "Mia")
    listed = json.loads(run("students", "list", "--json").stdout)
    assert [(s["name"], s["alias"]) for s in listed] == [
        ("José Ruiz", "Student B"),
        ("Mia", "Student C"),
    ]
    missing = run("students", "remove", "Nobody", ok=False)
    assert "not on the roster" in missing.stderr
    empty = run("students", "add", "  ", ok=False)
    assert "cannot be empty" in empty.stderr


def test_exports_replace_roster_names(cycle: Run) -> None:
    cycle("students", "add", "Lee", "José Ruiz", "Mary Ann")
    nfd = unicodedata.normalize("NFD", "josé ruiz")
    cycle(
        "log",
        "evidence",
        f"LEE's answer was right; Leeway matters; {nfd} and Mary Ann both wrote reasons.",
        "-m",
        "Lee reasons=1/1",
    )
    exported = cycle("export").stdout
    assert "Student A's answer" in exported
    assert "Leeway matters" in exported
    assert "Student B and Student C" in exported
    assert "Student A reasons: 1/1" in exported
    for name in ("Lee'", "LEE", "José", "jos", "Mary Ann"):
        assert name not in exported
    data = cycle("export", "--format", "json").stdout
    assert "LEE" not in data and "Student A" in data
    assert "José" not in data
    kept = cycle("export", "--no-redact").stdout
    assert "LEE's answer" in kept


def test_the_goal_and_front_matter_are_redacted(run: Run) -> None:
    run("students", "add", "Ayo")
    run("new", "goal", "Ayo explains reasoning in writing")
    exported = run("export").stdout
    assert "Ayo" not in exported
    assert 'goal: "Student A explains reasoning in writing"' in exported


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40), st.sampled_from(["Lee", "Zoë", "Ngozi Okafor", "O'Brien"]))
def test_a_roster_name_never_survives_redaction(before: str, name: str) -> None:
    text = f"{before} {name} {before}"
    redacted = Redactor({name: "Student A"}).text(text)
    assert "Student A" in redacted
    for form in ("NFC", "NFD"):
        shown = Redactor({name: "Student A"}).text(unicodedata.normalize(form, text.upper()))
        assert unicodedata.normalize("NFC", name.upper()) not in unicodedata.normalize("NFC", shown)


def test_aliases_count_like_spreadsheet_columns() -> None:
    assert [alias_for(n) for n in (0, 1, 25, 26, 27, 701, 702)] == [
        "Student A",
        "Student B",
        "Student Z",
        "Student AA",
        "Student AB",
        "Student ZZ",
        "Student AAA",
    ]


# -- files only the owner can read --------------------------------------------------------


def test_files_are_private_even_under_a_loose_umask(run: Run, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        db = tmp_path / "fresh" / "j.db"
        run("--db", str(db), "new", "goal", "g")
        # SQLite removes the -wal and -shm files when the last connection closes; hold one
        # open so they are there to look at after the next write.
        reader = sqlite3.connect(db)
        reader.execute("SELECT count(*) FROM entries").fetchone()
        run("--db", str(db), "log", "evidence", "e")
        out = tmp_path / "out.md"
        run("--db", str(db), "export", "-o", str(out))
        backup = tmp_path / "backup.db"
        run("--db", str(db), "db", "backup", str(backup))
        assert oct(db.parent.stat().st_mode & 0o777) == "0o700"
        for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm"), out, backup):
            assert path.exists(), path
            assert oct(path.stat().st_mode & 0o777) == "0o600", path
        reader.close()
    finally:
        os.umask(old)


class _Patched:
    """The sqlite3 module as the journal sees it, with one function replaced."""

    def __init__(self, connect: Any) -> None:
        self.connect = connect

    def __getattr__(self, name: str) -> Any:
        return getattr(sqlite3, name)


def test_no_field_rates_or_scores_the_teacher(cycle: Run, db_path: Path) -> None:
    columns = {
        str(column).lower()
        for (table,) in rows(db_path, "SELECT name FROM sqlite_master WHERE type = 'table'")
        for (_cid, column, *_rest) in rows(db_path, f"PRAGMA table_info({table})")
    }
    assert not {c for c in columns if any(w in c for w in ("score", "rating", "grade", "rank"))}
    shown = json.loads(cycle("show", "--json").stdout)
    assert not [k for k in json.dumps(shown).lower().split('"') if k in ("score", "rating")]


def test_students_add_keeps_a_word_and_matches_every_case(run: Run) -> None:
    run("new", "goal", "Will explains; I will model; Hope Grant and I hope so")
    run("students", "add", "Hope Grant", "--keep", "Hope")
    run("students", "add", "Will Ray", "--every-case")
    exported = run("export").stdout
    assert "Student B explains; I Student B model; Student A and I hope so" in exported
    listed = run("students", "list").stdout
    assert "keeps Hope" in listed and "every case" in listed
    wrong = run("students", "add", "Hope Grant", "--keep", "Gr", ok=False)
    assert wrong.exit_code == 1 and wrong.stderr.startswith("Error: ")
