"""`tpcycle observe` from a pipe: what is saved, what is said, and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Run, rows
from tpcycle.messages import text
from tpcycle.messages_classroom import Classroom

LESSON = "00:12 o\n00:40 i\n01:10 n Kids stuck on step 2\n02:00 i\n03:00 q\n"
KEYS = ("o=open question", "c=closed question", "--interval", "i=students working independently")


def test_a_piped_observation_is_saved_as_evidence(cycle: Run, db_path: Path) -> None:
    result = cycle("observe", *KEYS, input=LESSON)
    assert text(Classroom.OBSERVE_STARTED, cycle=1, step="evidence") in result.stderr
    assert "Saved entry 2 with 5 measures and a timeline of 4 events." in result.stderr
    assert rows(db_path, "SELECT name, value, unit FROM measures ORDER BY id") == [
        ("open question", 1.0, None),
        ("closed question", 0.0, None),
        ("students working independently, in all", 1.3, "min"),
        ("students working independently, longest", 1.3, "min"),
        ("minutes observed", 3.0, "min"),
    ]
    assert rows(db_path, "SELECT count(*) FROM observations") == [(0,)]
    shown = cycle("show").stdout
    assert "- 1:10 note: Kids stuck on step 2" in shown
    exported = cycle("export").stdout
    assert "| 0:40 | students working independently: started |" in exported


def test_nothing_observed_saves_nothing(cycle: Run, db_path: Path) -> None:
    result = cycle("observe", *KEYS, input="# just a comment\n")
    assert text(Classroom.OBSERVE_NOTHING) in result.stderr
    assert rows(db_path, "SELECT count(*) FROM entries") == [(1,)]


@pytest.mark.parametrize(
    "args",
    [
        ("q=quiet",),
        ("o=a", "o=b"),
        ("o=open", "--interval", "o=on task"),
        ("n=noise",),
        ("o=open", "--interval", "i"),
        ("--speakers", "s=stand"),
    ],
)
def test_clashing_keys_are_a_usage_error_before_anything_starts(
    cycle: Run, db_path: Path, args: tuple[str, ...]
) -> None:
    result = cycle("observe", *args, input=LESSON, ok=False)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert rows(db_path, "SELECT count(*) FROM observations") == [(0,)]


def test_no_cycle_is_one_line(run: Run) -> None:
    run("db", "status")  # the journal exists, with no cycle in it
    result = run("observe", "o=open question", input=LESSON, ok=False)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: There is no current cycle")
    assert result.stderr.count("\n") == 1


def test_a_bad_line_stops_with_its_number_and_the_rest_resumes(cycle: Run, db_path: Path) -> None:
    result = cycle("observe", *KEYS, input="00:12 o\n00:20 z\n", ok=False)
    assert result.exit_code == 1
    assert "Line 2: the key 'z' means nothing" in result.stderr
    again = cycle("observe", input="00:30 o\n01:00 q\n")
    assert "Going on with the observation of cycle 1 at 0:12 (1 event so far)." in again.stderr
    assert rows(db_path, "SELECT value FROM measures WHERE name = 'open question'") == [(2.0,)]


def test_other_keys_while_one_is_open_are_refused(cycle: Run) -> None:
    cycle("observe", "o=open question", input="00:12 o\n00:20 z\n", ok=False)
    result = cycle("observe", "c=closed question", input="", ok=False)
    assert result.exit_code == 1
    assert "still open with other keys (o=open question)" in result.stderr


def test_who_spoke_from_a_pipe(cycle: Run, db_path: Path) -> None:
    cycle("students", "add", "Priya Patel", "Tom Berg")
    cycle("observe", "--speakers", input="0:05 s Priya\n0:09 s Tom Berg\n0:10 s Priya\n1:00 q\n")
    assert rows(db_path, "SELECT name, value, total FROM measures ORDER BY id")[:2] == [
        ("turns spoken", 3.0, None),
        ("students who spoke", 2.0, 2.0),
    ]
    assert "Priya" not in cycle("export").stdout
