"""Whole-journal commands from the shell: list fits the latest cycles and a narrow screen,
list --json streams the same text, and the small layouts of history, compare and search help.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Run
from tests.usecases.helpers import LIBRARY
from tpcycle.cli import output
from tpcycle.domain import Step
from tpcycle.messages import Message, text
from tpcycle.render import cycles_json
from tpcycle.store import open_journal
from tpcycle.usecases import cycles


@pytest.fixture(autouse=True)
def fresh_console() -> Iterator[None]:
    """A test here may lay out at another width: the next test gets a console of its own."""
    yield
    output.console.cache_clear()


@pytest.fixture
def many(run: Run, db_path: Path) -> Run:
    """23 cycles, with goals long enough to need room (built through the use cases: quick)."""
    journal = open_journal(db_path, create=True)
    try:
        new = cycles.plan_cycle(LIBRARY, teacher=None, partner=None, protocol=None)
        for n in range(1, 24):
            cycles.start_cycle(
                journal, new, f"Students explain their reasoning in full sentences, round {n}"
            )
    finally:
        journal.close()
    return run


def test_list_shows_the_latest_that_fit_and_says_how_many_are_older(many: Run) -> None:
    shown = many("list")
    numbers = [int(m) for m in re.findall(r"^\*?\s*(\d+)\s", shown.stdout, re.MULTILINE)]
    assert numbers == list(range(4, 24))  # the latest 20, oldest first
    assert shown.stderr == text(Message.LIST_OLDER, count=3) + "\n"
    every = many("list", "--all")
    assert len(re.findall(r"round \d+", every.stdout)) == 23 and every.stderr == ""
    last = many("list", "--last", "2")
    assert re.findall(r"round (\d+)", last.stdout) == ["22", "23"] and last.stderr == ""
    closed = many("list", "--status", "closed")
    assert closed.stderr == text(Message.NO_CYCLES_MATCH) + "\n"


def test_list_at_60_columns_puts_each_goal_on_its_own_line(
    many: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    lines = many("list", "--last", "3").stdout.splitlines()
    assert len(lines) == 6
    for head, goal in zip(lines[::2], lines[1::2], strict=True):
        assert re.search(r"\b\d{4}-\d{2}-\d{2}\b", head)  # the date whole, on the cycle's line
        assert goal.strip().startswith("Students explain") and "round" not in head
    monkeypatch.setenv("COLUMNS", "140")
    output.console.cache_clear()  # one console a process: this test runs two "processes"
    wide = many("list", "--last", "3").stdout.splitlines()
    assert len(wide) == 4 and "goal" in wide[0]  # a table with a header when there is room


def test_list_json_streams_the_same_text_as_the_whole_document(many: Run, db_path: str) -> None:
    streamed = many("list", "--json").stdout
    journal = open_journal(db_path, create=False)  # type: ignore[arg-type]
    try:
        whole = cycles_json(cycles.list_cycles(journal, entries=True).cycles)
    finally:
        journal.close()
    assert streamed == whole and len(json.loads(streamed)) == 23
    assert [c["id"] for c in json.loads(many("list", "--json", "--last", "2").stdout)] == [22, 23]


def test_history_bars_start_in_one_column(run: Run) -> None:
    for goal, after in (("Reasons in writing", "14.2"), ("Checks the answer", "14")):
        run("new", "goal", goal)
        run("log", "evidence", "before", "-m", "score=10", "--baseline")
        run("move", "frames")
        run("log", "evidence", "after", "-m", f"score={after}", "--new")
    shown = run("history").stdout.split("Whose ideas")[0]  # the changes, not the voices
    lines = [line for line in shown.splitlines() if "█" in line and "cycle" in line]
    assert len(lines) == 2 and "+4.2" in lines[0] and "+4 " in lines[1]
    assert lines[0].index("█") == lines[1].index("█")


def test_compare_keeps_the_verdict_on_its_line_at_60_columns(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("new", "goal", "Students explain reasoning")
    run("log", "evidence", "tickets", "-m", "explained reasoning=5/20", "--baseline")
    run("move", "frames", "--predict", "explained reasoning=12/20")
    run("log", "evidence", "after", "-m", "explained reasoning=14/20", "--new")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # laid out as for a terminal, wrapped at 60
    monkeypatch.setenv("COLUMNS", "60")
    output.console.cache_clear()
    lines = run("compare").stdout.splitlines()
    predicted = [line for line in lines if "predicted" in line]
    assert len(predicted) == 1 and predicted[0].rstrip().endswith("(reached)")
    assert all(len(line.rstrip()) <= 60 for line in lines)


def test_search_help_keeps_each_step_name_whole(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    shown = run("search", "--help").stdout
    for step in Step:
        assert step.value in shown
