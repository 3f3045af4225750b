"""The guided session: piped for scripts, and in a real terminal, killed and resumed."""

from __future__ import annotations

import signal
from pathlib import Path

import pexpect
import pytest

from tests.conftest import Run, rows
from tests.test_terminal import spawn
from tests.usecases.helpers import started_now
from tpcycle.domain import STEPS, Step
from tpcycle.protocol import Ask
from tpcycle.protocols import Library, bundled_dir
from tpcycle.session import Position, after_question, previous_step, starting_position

LIBRARY = Library(bundled=bundled_dir(), user=None)


CYCLE_PROTOCOLS = sorted(n for n in LIBRARY.files() if not LIBRARY.load(n).is_conversation)


@pytest.mark.parametrize("name", CYCLE_PROTOCOLS)
def test_every_bundled_protocol_drives_a_whole_cycle(run: Run, db_path: Path, name: str) -> None:
    protocol = LIBRARY.load(name)
    run("new", "goal", "Students explain their reasoning", "--protocol", name)
    # A question for both people is asked of each in turn, so it takes two answers; after the
    # evidence, move and new-evidence questions the session offers a number, which an empty
    # line declines.
    answers: list[str] = []
    lines: list[str] = []
    for asked in STEPS[1:]:
        for i, q in enumerate(protocol.questions(asked)):
            voices = (None,) if q.ask is not Ask.BOTH else ("teacher", "partner")
            said = [f"{asked.value} answer {i}{'' if v is None else ' by ' + v}" for v in voices]
            answers += said
            lines += said
        if asked in (Step.EVIDENCE, Step.MOVE, Step.NEW_EVIDENCE):
            lines.append("")
    # The goal already has an entry, so the session starts at the evidence step.
    result = run("session", input="\n".join(lines) + "\n")
    assert "last question of the cycle" in result.stderr
    recorded = rows(db_path, "SELECT step, text, question FROM entries WHERE step != 'goal'")
    assert [text for _, text, _ in recorded] == answers
    for step, text, question in recorded:
        assert isinstance(step, str) and isinstance(text, str)
        assert text.startswith(step)
        assert question in {q.text for q in protocol.questions(Step(step))}
    by_voice = rows(db_path, "SELECT role, text FROM entries WHERE text LIKE '% by %'")
    assert all(str(text).endswith(str(role)) for role, text in by_voice)


def test_piped_session_with_speakers_privacy_and_skips(run: Run, db_path: Path) -> None:
    run("new", "goal", "g", "--teacher", "Ana", "--partner", "Sam")
    script = (
        "\n".join(
            [
                "6 of 24 gave a reason",  # evidence q1, teacher
                "",  # skip q2
                "/partner",
                "They said reasons feel like extra work",  # q3 by the partner
                "",  # skip q4, the partner's question about their own questioning
                "",  # no number for the evidence
                "/private",
                "I wonder if it is the vocabulary",  # interpretation q1, private, partner
                "/bogus",
                "/stop",
            ]
        )
        + "\n"
    )
    result = run("session", input=script)
    assert "not a session command" in result.stderr
    assert rows(db_path, "SELECT step, author, private FROM entries WHERE step != 'goal'") == [
        ("evidence", "Ana", 0),
        ("evidence", "Sam", 0),
        ("interpretation", "Sam", 1),
    ]
    resumed = run("session", input="second interpretation\n")
    assert "might be in the way" in resumed.stderr
    assert "agree on these" not in resumed.stderr  # norms are shown the first time only
    assert rows(db_path, "SELECT step, text FROM entries ORDER BY id DESC LIMIT 1") == [
        ("interpretation", "second interpretation")
    ]


def test_long_answers_and_moving_between_steps(run: Run, db_path: Path) -> None:
    run("new", "goal", "g")
    script = "/next\n/back\n/long\nfirst line\nsecond line\n.\n/stop\n"
    run("session", input=script)
    assert rows(db_path, "SELECT step, text FROM entries WHERE step != 'goal'") == [
        ("evidence", "first line\nsecond line")
    ]


def test_session_needs_a_cycle(run: Run) -> None:
    result = run("session", ok=False)
    assert result.exit_code == 1
    assert "no current cycle" in result.stderr


def test_positions_move_through_the_protocol() -> None:
    protocol = LIBRARY.load("default")
    last_goal = Position(Step.GOAL, len(protocol.questions(Step.GOAL)) - 1)
    assert after_question(protocol, last_goal) == Position(Step.EVIDENCE, 0)
    last = Position(Step.REFLECTION, len(protocol.questions(Step.REFLECTION)) - 1)
    assert after_question(protocol, last) is None
    assert previous_step(Position(Step.GOAL, 2)) == Position(Step.GOAL)
    assert Position.decode(Position(Step.MOVE, 2).encode()) == Position(Step.MOVE, 2)
    assert Position.decode("nonsense") is None and Position.decode("") is None
    assert starting_position(None, None) == Position(Step.REFLECTION)


@pytest.mark.slow  # a real terminal, a process killed mid-session and a second one resumed
def test_a_killed_session_keeps_every_answer_and_resumes(db_path: Path) -> None:
    started_now(db_path, "Students ask questions", teacher="Ana", partner="Sam")
    child = spawn(db_path, "session")
    child.expect("agree on these")
    child.expect("What evidence do you have today")
    child.expect("Ana \\(teacher\\) > ")
    child.sendline("Four hands went up in a class of 26")
    child.expect("Saved as evidence")
    child.expect("Which students show the goal already")
    child.expect("> ")
    child.sendline("/partner")
    child.expect("Sam \\(partner\\) > ")
    child.sendline("The same four, every day")
    child.expect("Saved as evidence")
    child.expect("What have students themselves said")
    child.expect("> ")
    child.kill(signal.SIGKILL)
    child.close(force=True)
    assert rows(db_path, "SELECT author, text FROM entries WHERE step = 'evidence'") == [
        ("Ana", "Four hands went up in a class of 26"),
        ("Sam", "The same four, every day"),
    ]
    again = spawn(db_path, "session")
    again.expect("So far: goal 1, evidence 2.")
    again.expect("What have students themselves said")  # resumes at the next question
    again.expect("> ")
    again.sendcontrol("d")
    again.expect("Stopped")
    again.expect(pexpect.EOF)
    again.close()
    assert again.exitstatus == 0
