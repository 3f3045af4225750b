"""Fixing mistakes from the shell: thin checks of exit codes and the sentence said (what the
changes do is tested on the use cases in tests/usecases/test_corrections.py)."""

from __future__ import annotations

from tests.conftest import Run


def test_edit_says_what_changed(cycle: Run) -> None:
    cycle("log", "evidence", "6 of 24 gave a reason")
    said = cycle("edit", "2", "7 of 24 gave a reason").stderr
    assert said.strip() == "Changed entry 2's text."
    said = cycle("edit", "2", "--by", "partner", "--private").stderr
    assert said.strip() == "Changed entry 2's author; it is now private."
    assert cycle("edit", "2", "--public").stderr.strip() == "Changed entry 2 (now shareable)."
    said = cycle("edit", "2", "--measure", "reason=7/24").stderr
    assert said.strip() == "Changed entry 2's numbers."


def test_edit_refusals_are_one_line(cycle: Run) -> None:
    cycle("log", "evidence", "6 of 24 gave a reason")
    for args in (["--new"], ["--step", "goal"], ["--measure", "a=1", "--no-measures"], []):
        result = cycle("edit", "2", *args, ok=False)
        assert result.exit_code == 1, args
        assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert "6 of 24" in cycle("show").stdout


def test_cycle_edit_and_reopen(cycle: Run) -> None:
    said = cycle("cycle", "edit", "--teacher", "Ana R.", "--goal", "More students explain")
    assert said.stderr.strip() == "Changed cycle 1: teacher, goal."
    assert "Teacher: Ana R." in cycle("show").stdout
    nothing = cycle("cycle", "edit", ok=False)
    assert nothing.exit_code == 1 and "--teacher" in nothing.stderr
    again = cycle("reopen", ok=False)
    assert again.exit_code == 1
    assert again.stderr == "Error: Cycle 1 is open already; only a closed cycle can be reopened.\n"
    cycle("close")
    assert cycle("reopen", "1").stderr.strip() == "Cycle 1 is open again."


def test_forget_several_and_an_unknown_one_forgets_nothing(cycle: Run) -> None:
    cycle("log", "evidence", "first")
    cycle("log", "evidence", "second")
    result = cycle("forget", "2", "3", "99", "--yes", ok=False)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: There is no entry 99, so nothing was forgotten")
    assert "second" in cycle("show").stdout
    assert "2 entries (2, 3)" in cycle("forget", "2", "3", "--yes").stderr
    cycle("log", "evidence", "third")
    assert "#4" in cycle("show").stdout  # 2 and 3 are never given out again
