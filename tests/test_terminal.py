"""The question flow in a real pseudo-terminal, typed as a person would."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
import pytest

from tests.conftest import rows


def spawn(db: Path, *args: str) -> pexpect.spawn:
    env = {**os.environ, "TPCYCLE_DB": str(db), "NO_COLOR": "1", "COLUMNS": "100"}
    return pexpect.spawn(
        sys.executable,
        ["-m", "tpcycle", *args],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 100),
    )


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
    first = spawn(db_path, "new", "goal", "Students ask questions")
    first.expect(pexpect.EOF)
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
