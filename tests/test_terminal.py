"""The question flow in a real pseudo-terminal, typed as a person would."""

from __future__ import annotations

import io
import os
import re
import sqlite3
import sys
from pathlib import Path

import pexpect
import pytest
import yaml

from tests.conftest import Run, in_terminal, rows
from tests.terminals import Terminal
from tests.usecases.helpers import started_now
from tpcycle.domain import strip_controls

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow  # every test here runs tpcycle in a real terminal (another process)


def spawn(db: Path, *args: str) -> pexpect.spawn:
    return in_terminal(db, *args, columns=100)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_new_goal_asks_each_question_and_saves_every_answer(db_path: Path) -> None:
    child = spawn(db_path, "new", "goal", "--teacher", "Ana", "--partner", "Sam")
    child.expect("What do you want students to be able to do")
    child.expect("> ")
    child.sendline("")  # the goal cannot be skipped
    child.expect("needed to go on")
    child.sendline("Students explain their reasoning in writing")
    child.expect("Saved.")
    child.expect("How will the two of you know")
    child.expect("> ")
    child.sendline("?")
    child.expect("Exit tickets, a short task")
    child.sendline("Exit tickets, counted")
    child.expect("Why does this goal matter")
    child.expect("> ")
    child.sendline("")  # skipped
    child.expect("What do you hope to learn")  # the partner's own question
    child.expect("> ")
    child.sendline("")
    child.expect("Cycle 1 started")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert rows(db_path, "SELECT goal FROM cycles") == [
        ("Students explain their reasoning in writing",)
    ]
    assert rows(db_path, "SELECT step, text, question IS NOT NULL FROM entries") == [
        ("goal", "Students explain their reasoning in writing", 1),
        ("goal", "Exit tickets, counted", 1),
    ]


def test_stopping_midway_keeps_what_was_answered(db_path: Path) -> None:
    started_now(db_path, "Students ask questions")
    child = spawn(db_path, "log", "evidence", "--by", "partner")
    child.expect("Cycle 1 · Evidence")
    child.expect("What evidence do you have today")
    child.expect("> ")
    child.sendline("Three students asked a question")
    child.expect("Saved.")
    child.expect("> ")
    child.sendcontrol("d")
    child.expect("Stopped. 1 answer saved.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert rows(db_path, "SELECT step, role, text FROM entries WHERE step != 'goal'") == [
        ("evidence", "partner", "Three students asked a question"),
    ]


# -- hostile text in a real terminal ------------------------------------------------------------

HOSTILE = (
    "[/x] \x1b]0;owned\x07 \x1b[2J \x1b]52;c;ZXZpbA==\x07 \x9b6n \u202eevil"
    " [link=https://e.example]x[/link]"
)
SHOWN = "[/x] ␛]0;owned␇ ␛[2J ␛]52;c;ZXZpbA==␇ <U+009B>6n <U+202E>evil"
# What a terminal would act on: a window title, a clear screen, a clipboard write, 8-bit CSI, an
# override; Rich's own styling (ESC [ ... m) is allowed, these are not.
ACTED_ON = ("\x1b]", "\x1b[2J", "\x9b", "\u202e", "\x07")


def _hostile_journal(run: Run, db_path: Path) -> None:
    """A cycle whose goal, teacher, author, text and protocol questions all hold HOSTILE."""
    run("new", "goal", "Students explain", "--teacher", "Ana", "--partner", "Sam")
    protocol = yaml.safe_load((ROOT / "protocols" / "default.yaml").read_text())
    protocol["name"] = "hostile"
    protocol["title"] = f"Title {HOSTILE}"
    protocol["steps"]["evidence"][0]["text"] = f"Evidence question {HOSTILE}?"
    folder = db_path.parent / "protocols"
    folder.mkdir()
    (folder / "hostile.yaml").write_text(yaml.safe_dump(protocol, sort_keys=False))
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "UPDATE cycles SET goal = ?, teacher = ?, protocol = 'hostile'",
            (HOSTILE, f"Ana {HOSTILE}"),
        )
        conn.execute("UPDATE entries SET author = ?, text = ?", (f"Ana {HOSTILE}", HOSTILE))


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
@pytest.mark.parametrize("args", [("status",), ("show",), ("list",), ("use", "1")])
def test_a_terminal_never_receives_an_escape_sequence_from_user_text(
    run: Run, db_path: Path, args: tuple[str, ...]
) -> None:
    _hostile_journal(run, db_path)
    child = spawn(db_path, *args)
    shown = child.read()
    child.close()
    assert child.exitstatus == 0, shown
    assert not [s for s in ACTED_ON if s in shown], repr(shown)
    if args != ("list",):  # a table folds long cells over several lines
        assert SHOWN in shown.replace("\r\n", "\n"), repr(shown)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_protocol_questions_and_names_in_a_session_are_shown_literally(
    run: Run, db_path: Path
) -> None:
    _hostile_journal(run, db_path)
    child = spawn(db_path, "session")
    child.logfile_read = io.StringIO()
    child.expect("Step 2 of 6")
    # A protocol file's text is cleaned on the way in, like anything typed.
    child.expect_exact(f"Evidence question {strip_controls(HOSTILE)}")
    child.expect_exact("Ana [/x] ␛]0;owned␇")  # the prompt, with the name made visible
    child.sendline("Six of them wrote a reason")
    child.expect("Saved as evidence")
    child.sendline("/stop")
    child.expect(pexpect.EOF)
    shown = child.logfile_read.getvalue()
    child.close()
    assert child.exitstatus == 0
    assert not [s for s in ACTED_ON if s in shown], repr(shown)
    assert rows(db_path, "SELECT text FROM entries WHERE step = 'evidence'") == [
        ("Six of them wrote a reason",)
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_the_session_commands_fit_a_60_column_terminal(run: Run, db_path: Path) -> None:
    run("new", "goal", "Students explain", "--teacher", "Ana", "--partner", "Sam")
    child = Terminal(
        sys.executable,
        ["-m", "tpcycle", "session"],
        env={**os.environ, "TPCYCLE_DB": str(db_path), "COLUMNS": "60", "LINES": "40"},
        encoding="utf-8",
        dimensions=(40, 60),
        timeout=20,
    )
    child.expect("Step 2 of 6")
    shown = re.sub(r"\x1b\[[0-9;]*m", "", child.before)  # Rich's own styling
    child.sendline("/stop")
    child.expect(pexpect.EOF)
    lines = shown.splitlines()
    for command, meaning in [
        ("?", "show a hint"),
        ("/partner", "the partner is speaking"),
        ("/private", "(again: undo)"),
        ("/back", "go back a step"),
        ("/stop", "next time goes on here"),
    ]:  # each command whole on its own line, never folded
        assert any(line.strip().startswith(command) and meaning in line for line in lines), shown
