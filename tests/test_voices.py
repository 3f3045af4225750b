"""Who answers a question in a guided session: both voices, in turn, this machine's first."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import pexpect
import pytest

from tests.conftest import Run, in_terminal, rows
from tpcycle.domain import Role, Step
from tpcycle.protocol import Ask
from tpcycle.protocols import Library, bundled_dir
from tpcycle.voices import voice_shares, voices_for

LIBRARY = Library(bundled=bundled_dir(), user=None)

T, P = Role.TEACHER, Role.PARTNER


@pytest.mark.parametrize(
    ("ask", "first", "answered", "expected"),
    [
        (Ask.TEACHER, P, (), (T,)),
        (Ask.PARTNER, T, (), (P,)),
        (Ask.EITHER, P, (), (P,)),
        (Ask.BOTH, T, (), (T, P)),
        (Ask.BOTH, P, (), (P, T)),
        (Ask.BOTH, P, (P,), (T,)),
        (Ask.BOTH, T, (T, P), (T, P)),  # both answered before: asked again
        (Ask.BOTH, Role.OTHER, (), (T, P)),
    ],
)
def test_who_is_asked(
    ask: Ask, first: Role, answered: tuple[Role, ...], expected: tuple[Role, ...]
) -> None:
    assert voices_for(ask, first, answered) == expected


def test_a_piped_session_asks_each_person_a_question_for_both(run: Run, db_path: Path) -> None:
    run("new", "goal", "g", "--teacher", "Ana Ruiz", "--partner", "Sam Lee")
    run("whoami", "--partner", "Sam Lee")
    reflection = LIBRARY.load("default").questions(Step.REFLECTION)
    before = next(i for i, q in enumerate(reflection) if q.ask is Ask.BOTH)
    # Jump to the reflection, skip to the first question for both, answer it twice, stop.
    script = "/next\n" * 4 + "\n" * before + "sam learned\nana learned\n/stop\n"
    result = run("session", input=script)
    assert "Each of you answers" in result.stderr
    assert rows(db_path, "SELECT author, role, text FROM entries WHERE step = 'reflection'") == [
        ("Sam Lee", "partner", "sam learned"),
        ("Ana Ruiz", "teacher", "ana learned"),
    ]


def _spawn(db: Path, columns: int) -> pexpect.spawn:
    return in_terminal(db, "session", columns=columns)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
@pytest.mark.parametrize("columns", [60, 80])
def test_the_session_asks_both_people_and_resumes_with_the_one_not_yet_asked(
    run: Run, db_path: Path, columns: int
) -> None:
    run("new", "goal", "Students explain", "--teacher", "Ana", "--partner", "Sam")
    for step in ("log", "interpret", "move", "log", "reflect"):
        args = ["log", "evidence", "x"] if step == "log" else [step, "x"]
        run(*args)
    run("whoami", "--partner", "Sam")
    child = _spawn(db_path, columns)
    while child.expect(["What did each of you learn", "> "]) == 1:
        child.sendline("")  # the questions before it are skipped
    child.expect("Each of you answers")
    child.expect("Sam \\(partner\\) > ")  # this machine's voice first
    child.sendline("To wait longer before I ask")
    child.expect("Saved")
    child.expect("What did each of you learn")
    child.expect("Ana \\(teacher\\) > ")
    child.kill(signal.SIGKILL)
    child.close(force=True)
    again = _spawn(db_path, columns)
    again.expect("What did each of you learn")
    again.expect("Ana \\(teacher\\) > ")  # Sam answered already: not asked twice
    again.sendline("That sorting first helps")
    again.expect("Saved")
    again.expect("> ")  # the next question: the partner's answer was not asked again
    again.sendcontrol("d")
    again.expect(pexpect.EOF)
    again.close()
    assert rows(
        db_path, "SELECT author, role, text FROM entries WHERE step = 'reflection' AND id > 6"
    ) == [
        ("Sam", "partner", "To wait longer before I ask"),
        ("Ana", "teacher", "That sorting first helps"),
    ]


def test_voice_shares_count_the_teachers_ideas_per_cycle() -> None:
    counts = [
        (2, "2026-02-01T00:00:00Z", Step.INTERPRETATION, T, 1),
        (2, "2026-02-01T00:00:00Z", Step.MOVE, T, 1),
        (1, "2026-01-01T00:00:00Z", Step.INTERPRETATION, P, 2),
        (1, "2026-01-01T00:00:00Z", Step.MOVE, P, 1),
        (1, "2026-01-01T00:00:00Z", Step.MOVE, T, 1),
        (1, "2026-01-01T00:00:00Z", Step.MOVE, Role.OTHER, 5),  # a visitor's ideas: left out
        (3, "2026-03-01T00:00:00Z", Step.GOAL, Role.OTHER, 0),  # nothing yet
    ]
    first, second, third = voice_shares(counts)
    assert (first.cycle_id, first.interpretations, first.moves) == (1, (0, 2), (1, 1))
    assert first.teacher_share == 0.25
    assert second.teacher_share == 1.0  # growing confidence
    assert third.teacher_share is None


def test_switching_voice_mid_question_does_not_ask_the_same_person_twice(
    run: Run, db_path: Path
) -> None:
    run("new", "goal", "g", "--teacher", "Ana", "--partner", "Sam")
    reflection = LIBRARY.load("default").questions(Step.REFLECTION)
    before = next(i for i, q in enumerate(reflection) if q.ask is Ask.BOTH)
    # Ana's turn comes first; Sam takes it with /partner, so nobody is left to ask.
    script = "/next\n" * 4 + "\n" * before + "/partner\nsam learned\n/stop\n"
    result = run("session", input=script)
    assert result.stderr.count("Each of you answers") == 1
    assert rows(db_path, "SELECT author FROM entries WHERE step = 'reflection'") == [("Sam",)]
    nxt = reflection[before + 1].text
    assert nxt in result.stderr  # moved on to the next question
