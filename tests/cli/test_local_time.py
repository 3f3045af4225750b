"""A Chicago teacher after 6 pm, from the shell: local dates, --on, and the bad-input paths.

The journal is written through the use cases with a clock that reads Wednesday 25 November
18:31 in Chicago (already Thursday in UTC); the CLI then reads it with TZ=America/Chicago.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import Run, rows
from tests.usecases.helpers import LIBRARY, Clock, journal_at
from tpcycle.domain import Step
from tpcycle.messages import Message, text
from tpcycle.usecases import cycles
from tpcycle.usecases.recording import add_entry

EVENING = datetime(2026, 11, 26, 0, 30, tzinfo=UTC)  # Wed 25 Nov 18:30 in Chicago


@pytest.fixture
def chicago(db_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> Run:
    journal = journal_at(db_path, Clock(EVENING))
    new = cycles.plan_cycle(LIBRARY, teacher="Ana", partner="Sam", protocol=None)
    cycles.start_cycle(journal, new, "Students explain their reasoning")
    add_entry(journal, cycle_id=None, step=None, text="Exit tickets: 5 of 20 explain")
    add_entry(
        journal,
        cycle_id=None,
        step=Step.INTERPRETATION,
        text="They guess",
        happened_at="2026-11-24",
    )
    journal.close()
    monkeypatch.setenv("TZ", "America/Chicago")
    return run


def test_show_list_and_export_give_the_local_day(chicago: Run) -> None:
    shown = chicago("show").stdout
    assert "Started 2026-11-25" in shown and "2026-11-26" not in shown
    assert "#2 2026-11-25 18:3" in shown
    assert "#3 Tue 24 Nov, written Wed 25 Nov 18:3" in shown
    listed = chicago("list").stdout
    assert "2026-11-25" in listed and "2026-11-26" not in listed
    exported = chicago("export").stdout
    assert "Started 2026-11-25" in exported and "2026-11-26" not in exported
    assert "· Tue 24 Nov, written Wed 25 Nov 18:3" in exported
    data = json.loads(chicago("show", "--json").stdout)
    assert data["created_at"].startswith("2026-11-26T00:")
    assert data["created_local"].startswith("2026-11-25T18:") and data["created_local"].endswith(
        "-06:00"
    )
    assert [e["happened_on"] for e in data["entries"]] == [None, None, "2026-11-24"]


def test_tpcycle_tz_wins_over_tz(chicago: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TPCYCLE_TZ", "UTC")
    assert "Started 2026-11-26" in chicago("show").stdout


def test_filters_use_local_days(chicago: Run) -> None:
    def found(*args: str) -> int:
        return len(json.loads(chicago(*args, "--json").stdout))

    assert found("list", "--since", "2026-11-25") == 1
    assert "No cycles match" in chicago("list", "--since", "2026-11-26").stderr  # UTC would match
    assert found("search", "explain", "--since", "2026-11-25", "--until", "2026-11-25") == 2
    assert found("search", "explain", "--since", "2026-11-26") == 0
    assert found("search", "explain", "--until", "2026-11-24") == 0
    hits = json.loads(chicago("search", "tickets", "--json").stdout)
    assert hits[0]["created_local"].startswith("2026-11-25T18:")
    assert " · 2026-11-25" in chicago("search", "tickets").stdout


def test_history_months_are_local(chicago: Run) -> None:
    data = json.loads(chicago("history", "--json").stdout)
    assert data["started_by_month"] == {"2026-11": 1}


def test_an_unknown_time_zone_is_one_line_and_changes_nothing(
    chicago: Run, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Mars/Olympus_Mons")
    for command in (("show",), ("list",), ("export",), ("search", "x"), ("history",)):
        failed = chicago(*command, ok=False)
        assert failed.exit_code == 1
        said = text(Message.UNKNOWN_TIME_ZONE, variable="TZ", name="Mars/Olympus_Mons")
        assert failed.stderr == f"Error: {said}\n"
    before = rows(db_path, "SELECT count(*) FROM entries")
    failed = chicago("reflect", "We learned a lot", "--on", "yesterday", ok=False)
    assert failed.exit_code == 1 and failed.stderr.count("\n") == 1
    assert rows(db_path, "SELECT count(*) FROM entries") == before


@pytest.mark.parametrize(
    "command",
    [
        ("log", "evidence", "Exit tickets: 9 of 20"),
        ("interpret", "They need a first step"),
        ("move", "Model the first step"),
        ("reflect", "It helped"),
        ("new", "goal", "Students ask each other questions"),
    ],
)
def test_every_recording_command_takes_on(
    cycle: Run, db_path: Path, command: tuple[str, ...]
) -> None:
    cycle(*command, "--on", "2026-11-24 15:10")
    (stored,) = rows(db_path, "SELECT happened_at FROM entries ORDER BY id DESC LIMIT 1")
    assert stored == ("2026-11-24T15:10+00:00",)
    assert "Tue 24 Nov 15:10, written " in cycle("show").stdout


def test_a_session_and_a_tally_take_on(cycle: Run, db_path: Path) -> None:
    cycle("session", "--on", "yesterday", input="An answer\n/stop\n")
    cycle("tally", "o=open question", "--on", "2026-11-23", input="ooq")
    dated = rows(db_path, "SELECT happened_at FROM entries WHERE id > 1 ORDER BY id")
    assert len(dated) == 2 and dated[-1] == ("2026-11-23",)
    assert dated[0][0] is not None and len(str(dated[0][0])) == 10


@pytest.mark.parametrize("bad", ["someday", "tue 25pm", "2026-02-30", ""])
def test_a_lesson_date_that_does_not_parse_saves_nothing(
    cycle: Run, db_path: Path, bad: str
) -> None:
    before = rows(db_path, "SELECT count(*) FROM entries")
    failed = cycle("log", "evidence", "Exit tickets: 9 of 20", "--on", bad, ok=False)
    assert failed.exit_code == 1
    assert failed.stderr == f"Error: {text(Message.NOT_A_LESSON_DATE, text=bad)}\n"
    assert rows(db_path, "SELECT count(*) FROM entries") == before


def test_a_lesson_date_still_to_come_is_kept_with_a_note(cycle: Run, db_path: Path) -> None:
    done = cycle("interpret", "Planned ahead", "--on", "9999-12-31 23:59")
    assert text(Message.LESSON_IN_FUTURE, when="Fri 31 Dec 9999 23:59") in done.stderr
    assert rows(db_path, "SELECT happened_at FROM entries WHERE id = 2") == [
        ("9999-12-31T23:59+00:00",)
    ]
    assert "Fri 31 Dec 9999 23:59, written " in cycle("show").stdout
    assert "Fri 31 Dec 9999 23:59, written " in cycle("export").stdout


@pytest.mark.parametrize("hostile", ["\x1b[2Jtue", "tue\u202e3pm", "[red]tue[/red]", "x" * 5000])
def test_hostile_lesson_dates_are_refused_in_one_safe_line(
    cycle: Run, db_path: Path, hostile: str
) -> None:
    failed = cycle("interpret", "They guess", "--on", hostile, ok=False)
    assert failed.exit_code == 1 and failed.stderr.count("\n") == 1
    assert "\x1b" not in failed.stderr and "\u202e" not in failed.stderr
    assert failed.stderr.startswith("Error: --on needs a day")
    assert rows(db_path, "SELECT count(*) FROM entries") == [(1,)]
