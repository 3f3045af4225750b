"""The commands as a person runs them: exit codes, output, and the file afterwards."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import Result

from tests.conftest import Run, locked, rows
from tpcycle.messages import Message, text
from tpcycle.store.schema import MIGRATION_NAMES


def test_a_whole_cycle_with_two_voices_and_a_private_note(cycle: Run, db_path: Path) -> None:
    cycle("log", "evidence", "Exit tickets: 6 of 24 gave a reason", "--by", "teacher")
    cycle("interpret", "They may not know what a written reason looks like", "--by", "partner")
    cycle("interpret", "I rush the explaining part", "--private")
    cycle("move", "Model one explanation with a sentence frame")
    cycle("log", "evidence", "Exit tickets: 15 of 24 gave a reason", "--by", "Sam Lee")
    cycle("reflect", "The frame helped more than expected", "--by", "partner")

    found = rows(db_path, "SELECT step, author, role, private FROM entries ORDER BY id")
    assert found == [
        ("goal", "Ana Ruiz", "teacher", 0),
        ("evidence", "Ana Ruiz", "teacher", 0),
        ("interpretation", "Sam Lee", "partner", 0),
        ("interpretation", "Ana Ruiz", "teacher", 1),
        ("move", "Ana Ruiz", "teacher", 0),
        ("new_evidence", "Sam Lee", "partner", 0),
        ("reflection", "Sam Lee", "partner", 0),
    ]
    status = cycle("status").stdout
    assert text(Message.ALL_STEPS_RECORDED) in status
    exported = cycle("export").stdout
    assert "I rush the explaining part" not in exported
    assert "15 of 24 gave a reason" in exported


def test_saving_says_so_on_stderr_and_keeps_stdout_clean(cycle: Run) -> None:
    result = cycle("log", "evidence", "6 of 24")
    assert result.stdout == ""
    saved = text(
        Message.ENTRY_SAVED, entry=2, cycle=1, step="evidence", author="Ana Ruiz", role="teacher"
    )
    assert result.stderr == saved + "\n"


def test_evidence_flags_override_the_automatic_rule(cycle: Run, db_path: Path) -> None:
    cycle("log", "evidence", "early look", "--new")
    cycle("move", "a move")
    cycle("log", "evidence", "late baseline", "--baseline")
    cycle("log", "evidence", "after the move")
    steps = rows(db_path, "SELECT text, step FROM entries WHERE step LIKE '%evidence'")
    assert steps == [
        ("early look", "new_evidence"),
        ("late baseline", "evidence"),
        ("after the move", "new_evidence"),
    ]
    result = cycle("log", "evidence", "x", "--new", "--baseline", ok=False)
    assert result.exit_code == 1
    assert "either --baseline or --new" in result.stderr


def test_text_from_standard_input(cycle: Run, db_path: Path) -> None:
    cycle("reflect", "-", input="Line one\n\nLine three\n")
    assert rows(db_path, "SELECT text FROM entries WHERE step = 'reflection'") == [
        ("Line one\n\nLine three",)
    ]


def test_text_from_the_editor(
    cycle: Run, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = tmp_path / "fake-editor"
    editor.write_text("#!/bin/sh\nprintf 'Written in the editor\\n' > \"$1\"\n")
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    cycle("move", "--edit")
    assert rows(db_path, "SELECT text FROM entries WHERE step = 'move'") == [
        ("Written in the editor",)
    ]


def test_an_editor_that_fails_saves_nothing(
    cycle: Run, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", "false")
    result = cycle("move", "--edit", ok=False)
    assert result.exit_code == 1
    assert text(Message.EDITOR_FAILED, editor="false", code=1) in result.stderr
    assert rows(db_path, "SELECT count(*) FROM entries") == [(1,)]


def test_use_and_cycle_option_pick_the_cycle(cycle: Run, db_path: Path) -> None:
    cycle("new", "goal", "Students ask each other questions")
    cycle("log", "evidence", "for the first", "--cycle", "1")
    cycle("log", "evidence", "for the current (second)")
    cycle("use", "1")
    cycle("log", "evidence", "for the first again")
    assert rows(db_path, "SELECT cycle_id, text FROM entries WHERE step = 'evidence'") == [
        (1, "for the first"),
        (2, "for the current (second)"),
        (1, "for the first again"),
    ]
    marked = [line.split()[:2] for line in cycle("list").stdout.splitlines() if "*" in line]
    assert marked == [["*", "1"]]


def test_close_marks_the_cycle_and_later_entries_warn(cycle: Run, db_path: Path) -> None:
    cycle("close")
    assert rows(db_path, "SELECT status FROM cycles") == [("closed",)]
    late = cycle("reflect", "a late thought")
    assert "closed" in late.stderr
    again = cycle("close", ok=False)
    assert again.exit_code == 1
    assert "already closed" in again.stderr


def test_show_json_has_the_documented_shape(cycle: Run) -> None:
    cycle("log", "evidence", "6 of 24", "--private")
    data = json.loads(cycle("show", "--json").stdout)
    assert set(data) >= {
        "id",
        "uid",
        "goal",
        "teacher",
        "partner",
        "protocol",
        "status",
        "created_at",
        "entries",
    }
    assert data["goal"] == "Students explain their reasoning in writing"
    assert data["status"] == "open"
    first, second = data["entries"]
    assert set(first) >= {"id", "uid", "step", "author", "text", "private", "created_at"}
    assert (first["step"], second["step"]) == ("goal", "evidence")
    assert second["private"] is True
    listed = json.loads(cycle("list", "--json").stdout)
    assert listed == [data]


def test_show_marks_private_entries(cycle: Run) -> None:
    cycle("interpret", "half-formed thought", "--private")
    out = cycle("show").stdout
    assert "[PRIVATE]" in out
    assert "half-formed thought" in out


def test_status_names_the_next_step_and_its_questions(cycle: Run) -> None:
    out = cycle("status").stdout
    assert text(Message.NEXT_STEP, step="evidence") + " — tpcycle log evidence" in out
    assert "What evidence do you have today?" in out
    assert text(Message.STEP_MISSING) in out


def test_export_to_a_file_leaves_private_out(cycle: Run, tmp_path: Path) -> None:
    cycle("log", "evidence", "public evidence")
    cycle("interpret", "secret worry", "--private")
    target = tmp_path / "cycle.md"
    result = cycle("export", "-o", str(target))
    written = target.read_text()
    assert "public evidence" in written and "secret worry" not in written
    assert text(Message.PRIVATE_LEFT_OUT, count=1) in result.stderr
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".cycle.md")]
    with_private = cycle("export", "--include-private").stdout
    assert "secret worry" in with_private and "private" in with_private


def test_export_json_leaves_private_out(cycle: Run) -> None:
    cycle("interpret", "secret", "--private")
    data = json.loads(cycle("export", "--format", "json").stdout)
    assert [e["step"] for e in data["entries"]] == ["goal"]


# -- bad input: one clear line, exit 1, nothing changed ---------------------------------


def error_line(result: Result) -> str:
    stderr = result.stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("Error: ")
    assert "Traceback" not in stderr
    return lines[0]


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_empty_text_is_refused(cycle: Run, db_path: Path, text: str) -> None:
    result = cycle("log", "evidence", text, ok=False)
    assert result.exit_code == 1
    assert "empty" in error_line(result)
    assert rows(db_path, "SELECT count(*) FROM entries") == [(1,)]


def test_empty_goal_creates_nothing(run: Run, db_path: Path) -> None:
    result = run("new", "goal", " ", ok=False)
    assert result.exit_code == 1
    assert "goal is empty" in error_line(result)


def test_unknown_cycle(cycle: Run, db_path: Path) -> None:
    for args in (
        ["show", "9"],
        ["log", "evidence", "x", "-c", "9"],
        ["use", "9"],
        ["close", "9"],
        ["export", "9"],
    ):
        result = cycle(*args, ok=False)
        assert result.exit_code == 1
        assert "There is no cycle 9" in error_line(result)
    assert rows(db_path, "SELECT count(*) FROM entries") == [(1,)]


def test_a_step_with_no_cycle_at_all_creates_no_file(run: Run, db_path: Path) -> None:
    for args in (
        ["log", "evidence", "x"],
        ["interpret", "x"],
        ["status"],
        ["show"],
        ["export"],
        ["close"],
    ):
        result = run(*args, ok=False)
        assert result.exit_code == 1
        assert "no current cycle" in error_line(result)
    assert not db_path.exists()


def test_list_of_an_empty_journal(run: Run, db_path: Path) -> None:
    assert run("list").stderr == text(Message.NO_CYCLES_YET) + "\n"
    assert json.loads(run("list", "--json").stdout) == []
    assert not db_path.exists()


def test_a_file_that_is_not_a_database_is_refused_and_untouched(run: Run, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my shopping list\n")
    for args in (["list"], ["new", "goal", "x"]):
        result = run("--db", str(notes), *args, ok=False)
        assert result.exit_code == 1
        assert "is not a tpcycle journal" in error_line(result)
    assert notes.read_text() == "my shopping list\n"


def test_an_unreadable_database_is_refused(run: Run, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    locked = tmp_path / "locked.db"
    locked.write_bytes(b"")
    locked.chmod(0)
    result = run("--db", str(locked), "list", ok=False)
    assert "Cannot read" in error_line(result)


def test_a_folder_as_database_is_refused(run: Run, tmp_path: Path) -> None:
    result = run("--db", str(tmp_path), "list", ok=False)
    assert result.exit_code in (1, 2)
    assert "Traceback" not in result.stderr


def test_a_damaged_database_is_reported(run: Run, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    before = damaged.read_bytes()
    result = run("--db", str(damaged), "list", ok=False)
    assert result.exit_code == 1
    assert "damaged" in error_line(result) or "not a tpcycle journal" in error_line(result)
    assert damaged.read_bytes() == before


def test_a_broken_protocol_is_a_clean_error(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "protocols"
    folder.mkdir()
    (folder / "mine.yaml").write_text("name: mine\nsteps: [unclosed\n")
    monkeypatch.setenv("TPCYCLE_PROTOCOLS", str(folder))
    result = run("new", "goal", "x", "--protocol", "mine", ok=False)
    assert result.exit_code == 1
    assert "mine.yaml:" in error_line(result)
    assert not (tmp_path / "journal.db").exists()
    unknown = run("new", "goal", "x", "--protocol", "nope", ok=False)
    assert "no protocol named 'nope'" in error_line(unknown)


def test_same_name_for_teacher_and_partner_is_refused(run: Run) -> None:
    result = run("new", "goal", "x", "--teacher", "Ana", "--partner", "ana", ok=False)
    assert "different names" in error_line(result)


def test_no_text_and_no_terminal_explains_how_to_give_text(cycle: Run) -> None:
    result = cycle("reflect", ok=False)
    assert result.exit_code == 1
    assert error_line(result) == "Error: " + text(Message.NO_TEXT_GIVEN, what="reflection")


def test_bad_usage_is_exit_code_2(run: Run) -> None:
    result = run("log", "evidence", "x", "--cycle", "zero", ok=False)
    assert result.exit_code == 2


def test_help_everywhere(run: Run) -> None:
    for args in (
        ["--help"],
        ["new", "goal", "--help"],
        ["log", "evidence", "--help"],
        ["export", "--help"],
        ["protocols", "--help"],
        ["db", "--help"],
    ):
        assert "Usage" in run(*args).stdout


def test_demo_prints_a_whole_cycle_without_touching_the_journal(run: Run, db_path: Path) -> None:
    result = run("demo")
    assert "## 6. Reflection" in result.stdout
    assert "I rush the explaining part" not in result.stdout
    assert not db_path.exists()


def test_db_path_and_status(cycle: Run, db_path: Path) -> None:
    assert cycle("db", "path").stdout.strip() == str(db_path)
    facts = json.loads(cycle("db", "status", "--json").stdout)
    assert facts["cycles"] == 1 and facts["entries"] == 1 and facts["schema"] == MIGRATION_NAMES[-1]


@pytest.mark.slow  # runs tpcycle in another process
def test_python_dash_m_and_version(db_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tpcycle", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert done.stdout.startswith("tpcycle ")


@pytest.mark.slow  # runs tpcycle in another process
def test_output_is_plain_when_piped(cycle: Run, db_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tpcycle", "--db", str(db_path), "status"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "", "FORCE_COLOR": ""},
    )
    assert done.returncode == 0
    assert "\x1b[" not in done.stdout


def test_text_typed_at_length_is_kept_when_the_journal_is_busy(
    cycle: Run, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with locked(db_path, monkeypatch):
        result = cycle("reflect", "-", input="A long reflection I would hate to lose.\n", ok=False)
    assert result.exit_code == 1
    line = error_line(result)
    assert "busy in another tpcycle window" in line
    kept = Path(line.split("kept in ")[1].rstrip("."))
    assert kept.read_text() == "A long reflection I would hate to lose.\n"
    assert oct(kept.stat().st_mode & 0o777) == "0o600"
    assert rows(db_path, "SELECT count(*) FROM entries") == [(1,)]


def test_a_short_argument_is_kept_when_the_journal_fails(
    cycle: Run, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with locked(db_path, monkeypatch):
        result = cycle("move", "Try think-pair-share", ok=False)
    assert "kept in" in error_line(result)
    unknown = cycle("move", "short text", "-c", "9", ok=False)
    assert "kept" not in unknown.stderr  # the person's own slip: nothing to recover


def test_check_points_out_traps_and_new_goal_offers_hints(run: Run) -> None:
    started = run("new", "goal", "I will use more group work")
    assert text(Message.GOAL_THOUGHT, entry=1) in started.stderr
    assert "what will students be doing" in started.stderr.lower()
    run("move", "Think-pair-share every lesson", "--by", "partner")
    run("interpret", "They are shy", "--by", "partner")
    findings = json.loads(run("check", "--json").stdout)
    ids = {f["id"] for f in findings}
    assert {"goal-about-teacher", "move-before-evidence", "teacher-voice-missing"} <= ids
    assert all(f["why"] and f["question"] for f in findings)
    shown = run("check").stdout
    assert "Ask:" in shown
    healthy = run("new", "goal", "Students explain their reasoning on exit tickets")
    assert text(Message.GOAL_THOUGHT, entry=2) not in healthy.stderr
    assert "Nothing to point out" in run("check").stderr
