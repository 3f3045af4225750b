"""The agreement walked through in a real terminal, as two people at one laptop would."""

from __future__ import annotations

import sys
from pathlib import Path

import pexpect
import pytest

from tests.conftest import Run, in_terminal, rows


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
@pytest.mark.parametrize("columns", [60, 80])
def test_the_agreement_asks_each_person_and_keeps_what_was_said(
    run: Run, db_path: Path, columns: int
) -> None:
    run("new", "goal", "Students explain", "--teacher", "Ana", "--partner", "Sam")
    run("whoami", "--partner", "Sam")
    child = in_terminal(db_path, "agreement", columns=columns)
    child.expect("What difference do the two of us want")
    child.expect("Sam \\(partner\\) > ")
    child.sendline("More reasons in writing")
    child.expect("Saved in the agreement")
    child.expect("Sam \\(partner\\) > ")
    child.sendline("")  # kept as it is (nothing yet)
    child.expect("What do you need from the other person")
    child.expect("Sam \\(partner\\) > ")
    child.sendline("Time to think")
    child.expect("Ana \\(teacher\\) > ")  # a question for both: the other person next
    child.sendline("Another pair of eyes")
    child.expect("Saved in the agreement")
    child.expect("> ")
    child.sendcontrol("d")
    child.expect("3 answers saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert rows(db_path, "SELECT key, part, author FROM agreement_answers ORDER BY id") == [
        ("shared-impact", "", "Sam"),
        ("what-i-need", "partner", "Sam"),
        ("what-i-need", "teacher", "Ana"),
    ]
