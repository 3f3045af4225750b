"""Prompts that behave like a shell's, and an editor that opens with the question in it.

The line-editing tests run tpcycle in a real pseudo-terminal and type the keys a person
would: without readline, the arrow key would be saved as the characters ``^[[D``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
import pytest

from tests.conftest import Run, rows
from tests.terminals import Terminal
from tests.test_terminal import spawn
from tests.usecases.helpers import started_now
from tpcycle.messages import Message, text

LEFT, UP = "\x1b[D", "\x1b[A"
needs_pty = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


def started(db_path: Path) -> None:
    started_now(db_path, "Students explain", teacher="Ana", partner="Sam")


@pytest.mark.slow  # runs tpcycle in a real terminal (another process)
@needs_pty
def test_arrow_keys_edit_the_line_and_up_recalls_the_last_one(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setenv("INPUTRC", os.devnull)
    started(db_path)
    child = spawn(db_path, "log", "evidence")
    child.expect("> ")
    child.send("Exit tickts" + LEFT * 2 + "e" + "\r")  # the missing "e", typed in place
    child.expect("Saved")
    child.expect("> ")
    child.send(UP + ", again\r")
    child.expect("Saved")
    child.expect("> ")
    child.sendcontrol("d")
    child.expect(pexpect.EOF)
    assert rows(db_path, "SELECT text FROM entries WHERE step = 'evidence' ORDER BY id") == [
        ("Exit tickets",),
        ("Exit tickets, again",),
    ]


@pytest.mark.slow  # runs tpcycle in a real terminal (another process)
@needs_pty
def test_the_session_prompt_edits_too(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setenv("INPUTRC", os.devnull)
    started(db_path)
    child = spawn(db_path, "session")
    child.expect("Ana \\(teacher\\) > ")
    child.send("Four hands" + LEFT * 5 + "raised " + "\r")
    child.expect("Saved as evidence")
    child.expect("> ")
    child.sendline("/stop")
    child.expect(pexpect.EOF)
    assert rows(db_path, "SELECT text FROM entries WHERE step = 'evidence'") == [
        ("Four raised hands",)
    ]


@pytest.mark.slow  # runs tpcycle in a real terminal (another process)
@needs_pty
def test_without_readline_the_prompt_still_reads_plain_lines(db_path: Path) -> None:
    started(db_path)
    env = {**os.environ, "TPCYCLE_DB": str(db_path), "NO_COLOR": "1"}
    blocked = "import sys, runpy; sys.modules['readline'] = None; runpy.run_module('tpcycle')"
    child = Terminal(
        sys.executable, ["-c", blocked, "log", "evidence"], env=env, encoding="utf-8", timeout=20
    )
    child.expect("> ")
    child.sendline("typed without line editing")
    child.expect("Saved")
    child.expect("> ")
    child.sendcontrol("d")
    child.expect(pexpect.EOF)
    assert rows(db_path, "SELECT text FROM entries WHERE step = 'evidence'") == [
        ("typed without line editing",)
    ]


# -- the editor ------------------------------------------------------------------------------


def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str) -> Path:
    """An editor that copies what it was shown to ``seen.txt``, then runs ``script`` on it."""
    path = tmp_path / "editor"
    path.write_text(f'#!/bin/sh\ncp "$1" "{tmp_path}/seen.txt"\n{script}\n')
    path.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(path))
    return tmp_path / "seen.txt"


def test_the_editor_says_what_to_write_and_the_comments_are_left_out(
    cycle: Run, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = editor(
        tmp_path, monkeypatch, """printf '# of students: 5\\n- first\\n- second\\n' >> "$1" """
    )
    cycle("move", "--edit")
    shown = seen.read_text()
    assert f"# {text(Message.EDITOR_WRITE_ABOVE, what='move')}" in shown
    assert shown.startswith("\n")  # the first line is left free to type on
    # The person's own line starting with '#' is theirs and stays.
    assert rows(db_path, "SELECT text FROM entries WHERE step = 'move'") == [
        ("# of students: 5\n- first\n- second",)
    ]


@pytest.mark.parametrize("script", ["true", "printf '\\n\\n' >> \"$1\"", ': > "$1"'])
def test_only_comments_left_is_nothing_written(
    cycle: Run, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str
) -> None:
    editor(tmp_path, monkeypatch, script)
    result = cycle("move", "--edit", ok=False)
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines == [f"Error: {text(Message.NOTHING_WRITTEN)}"]
    assert rows(db_path, "SELECT count(*) FROM entries") == [(1,)]


def test_editing_an_entry_shows_its_text_above_the_comments(
    cycle: Run, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cycle("log", "evidence", "old words")
    seen = editor(tmp_path, monkeypatch, "sed -i 's/old/new/' \"$1\"")
    cycle("edit", "2", "--edit")
    assert seen.read_text().startswith("old words\n\n# ")
    assert rows(db_path, "SELECT text FROM entries WHERE id = 2") == [("new words",)]


def test_session_edit_opens_with_the_question(
    cycle: Run, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = editor(tmp_path, monkeypatch, "printf 'Twelve of them\\n' >> \"$1\"")
    cycle("session", input="/edit\n/stop\n")
    shown = seen.read_text()
    assert "# What evidence do you have today?" in shown
    assert f"# {text(Message.EDITOR_ANSWER_ABOVE)}" in shown
    assert rows(db_path, "SELECT text FROM entries WHERE step = 'evidence'") == [
        ("Twelve of them",)
    ]


def test_session_edit_with_nothing_written_keeps_the_question_open(
    cycle: Run, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor(tmp_path, monkeypatch, "true")
    result = cycle("session", input="/edit\n/stop\n")
    assert text(Message.SESSION_NOTHING_WRITTEN) in result.stderr
    assert text(Message.NOTHING_WRITTEN) not in result.stderr
    assert rows(db_path, "SELECT count(*) FROM entries") == [(1,)]
