"""What people type is never lost to an odd editor, a broken EDITOR setting or stray bytes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Run, rows
from tests.usecases.helpers import started_now
from tpcycle.messages import Message, text


def _editor(tmp_path: Path, script: str) -> str:
    editor = tmp_path / "editor"
    editor.write_text("#!/bin/sh\n" + script + "\n")
    editor.chmod(0o755)
    return str(editor)


def test_an_editor_that_saves_latin_1_keeps_the_text(
    cycle: Run, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    latin_1 = r'printf "Caf\351 au lait, d\351j\340 vu" > "$1"'
    monkeypatch.setenv("EDITOR", _editor(tmp_path, latin_1))
    result = cycle("reflect", "--edit")
    assert text(Message.EDITOR_NOT_UTF8) in result.stderr
    assert rows(db_path, "SELECT text FROM entries WHERE step = 'reflection'") == [
        ("Café au lait, déjà vu",)
    ]


def test_an_editor_that_removes_its_file_is_a_clear_error(
    cycle: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", _editor(tmp_path, 'rm "$1"'))
    result = cycle("reflect", "--edit", ok=False)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {text(Message.EDITOR_REMOVED_FILE)}\n"


@pytest.mark.parametrize("setting", ['vi "x', "   "])
def test_an_editor_setting_that_is_not_a_command_is_a_clear_error(
    cycle: Run, monkeypatch: pytest.MonkeyPatch, setting: str
) -> None:
    monkeypatch.setenv("VISUAL", setting)
    result = cycle("reflect", "--edit", ok=False)
    assert result.exit_code == 1 and result.stderr.startswith("Error: The editor setting")
    assert result.exception is None or isinstance(result.exception, SystemExit)


def _tpcycle(db: Path, *args: str, stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "tpcycle", "--db", str(db), *args],
        input=stdin,
        capture_output=True,
        env=env,
        check=False,
    )


@pytest.mark.slow  # runs tpcycle in another process
@pytest.mark.parametrize("locale", ["C.UTF-8", "C"])
def test_bytes_that_are_not_utf_8_on_standard_input_are_kept(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, locale: str
) -> None:
    monkeypatch.setenv("LC_ALL", locale)
    started_now(db_path, "Students explain")  # the pipes under test are the next two
    piped = _tpcycle(db_path, "reflect", "-", stdin=b"caf\xe9 and more")
    assert piped.returncode == 0, piped.stderr
    session = _tpcycle(db_path, "session", stdin=b"an answer \xff here\n/stop\n")
    assert session.returncode == 0, session.stderr
    assert b"Traceback" not in piped.stderr + session.stderr
    saved = [t for (t,) in rows(db_path, "SELECT text FROM entries ORDER BY id")]
    assert saved[1:] == ["caf\ufffd and more", "an answer \ufffd here"]
