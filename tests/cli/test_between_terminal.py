"""What 'status' and 'caseload' show in a real terminal at 60 and 80 columns."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pexpect
import pytest

from tests.conftest import Run
from tests.terminals import Terminal


def shown(db: Path, columns: int, *args: str) -> str:
    child = Terminal(
        sys.executable,
        ["-m", "tpcycle", *args],
        env={**os.environ, "TPCYCLE_DB": str(db), "COLUMNS": str(columns), "LINES": "40"},
        encoding="utf-8",
        dimensions=(40, columns),
        timeout=20,
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    return re.sub(r"\x1b\[[0-9;]*m", "", child.before or "").replace("\r", "")


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
@pytest.mark.parametrize("columns", [60, 80])
def test_the_catch_up_and_the_caseload_fit_the_terminal(
    run: Run, db_path: Path, columns: int
) -> None:
    run("new", "goal", "Students explain", "--teacher", "José Pérez", "--partner", "Coach Kim")
    run(
        "ask",
        "Could you look at the two exit tickets I left in the shared folder?",
        "--by",
        "partner",
    )
    run("new", "goal", "Another", "--teacher", "Ana Ruiz", "--partner", "Coach Kim")
    run("todo", "add", "Bring the frames", "--owner", "teacher", "--due", "2020-01-01")
    status = shown(db_path, columns, "--db", str(db_path), "status")
    assert all(len(line) <= columns for line in status.splitlines()), status
    assert "Since you last looked" in status and "2020-01-01 overdue" in status
    table = shown(db_path, columns, "--db", str(db_path), "caseload")
    assert all(len(line) <= columns for line in table.splitlines()), table
    assert "José Pérez" in table and "Ana Ruiz" in table
