"""tpcycle sort in a real pseudo-terminal at 60 and 80 columns, typed as a teacher would."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pexpect
import pytest

from tests.conftest import Run, in_terminal, rows

LONG = "Maximiliana Konstantinopoulou-Wetherington"


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
@pytest.mark.parametrize("columns", [60, 80])
def test_sorting_by_key_fits_the_terminal_and_saves_every_pile(
    run: Run, db_path: Path, columns: int
) -> None:
    run("new", "goal", "Students explain", "--teacher", "Ana", "--partner", "Sam")
    run("students", "add", "Ada Abe", LONG, "Cai Cho", "Dara Dunn")
    child = in_terminal(db_path, "sort", "Exit tickets", columns=columns, rows=24)
    seen = io.StringIO()
    child.logfile_read = seen
    child.expect("1/4 Ada Abe")
    child.send("g")
    child.expect("1/4 Ada Abe → got it")
    child.expect("2/4 Maximil")
    child.send("x")  # means nothing: a bell, nothing recorded
    child.send("p")
    child.expect("→ partly")
    child.send("u")  # taken back
    child.expect("↶ Maximil")
    child.send("n")
    child.expect("→ not yet")
    child.send("s")  # Cai skipped
    child.expect("3/4 Cai Cho → —")
    child.send("p")  # Dara, the last: the sort saves itself
    child.expect("Saved the sort of 3 students")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    # Every line the sort draws, redrawn in place or left behind, fits the width (the
    # messages before and after are wrapped by the output layer).
    drawn = re.split(r"[\r\n]+", re.sub(r"\x1b\[K|\a", "", seen.getvalue()))
    sorting = [line for line in drawn if re.match(r"\d/4 |↶ ", line)]
    assert len(sorting) > 8
    assert all(len(line) < columns for line in sorting), max(sorting, key=len)
    # at 60 columns the long name is shortened in the prompt to fit; at 80 it is shown whole
    prompts = [line for line in sorting if "[g/p/n s u q]" in line]
    assert any("…" in line for line in prompts) is (columns == 60)
    assert any(LONG in line for line in prompts) is (columns == 80)
    assert rows(db_path, "SELECT alias, pile FROM student_piles ORDER BY id") == [
        ("Student A", "got it"),
        ("Student B", "not yet"),
        ("Student D", "partly"),
    ]
