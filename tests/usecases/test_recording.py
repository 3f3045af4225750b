"""Recording entries: steps, evidence by the cycle's rule, numbers, voices, answers one by one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.usecases.helpers import LIBRARY, journal_at, start
from tpcycle.domain import Measure, Role, Step
from tpcycle.errors import InvalidInput
from tpcycle.protocol import Question
from tpcycle.usecases import cycles, recording


def test_evidence_is_baseline_until_a_move_then_new(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    start(journal)
    first = recording.add_entry(journal, cycle_id=None, step=None, text="6 of 24")
    recording.add_entry(journal, cycle_id=None, step=Step.MOVE, text="Model one", by="partner")
    then = recording.add_entry(journal, cycle_id=None, step=None, text="15 of 24")
    assert (first.entry.step, then.entry.step) == (Step.EVIDENCE, Step.NEW_EVIDENCE)
    assert recording.step_for_evidence(journal, None, baseline=True, new=False) is Step.EVIDENCE


def test_measures_go_with_evidence_and_moves_only(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    start(journal)
    count = Measure("gave a reason", 6, 24)
    saved = recording.add_entry(journal, cycle_id=None, step=None, text="x", measures=(count,))
    assert saved.entry.measures == (count,)
    with pytest.raises(InvalidInput):
        recording.add_entry(
            journal, cycle_id=None, step=Step.REFLECTION, text="x", measures=(count,)
        )
    assert len(cycles.get_cycle(journal, None).entries) == 2


def test_a_third_voice_asked_for_is_recorded_with_a_warning(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    start(journal)
    saved = recording.add_entry(
        journal, cycle_id=None, step=Step.INTERPRETATION, text="x", by="other:Jordan"
    )
    assert (saved.entry.author, saved.entry.role) == ("Jordan", Role.OTHER)
    assert len(saved.warnings) == 1


def test_empty_text_is_refused_and_nothing_is_saved(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    start(journal)
    with pytest.raises(InvalidInput):
        recording.add_entry(journal, cycle_id=None, step=Step.MOVE, text=" \n\t ")
    assert len(cycles.get_cycle(journal, None).entries) == 1


def test_answers_are_saved_one_by_one_with_numbers_on_the_first(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    start(journal)
    due = recording.questions_for(journal, LIBRARY, None, None)
    assert due.step is Step.EVIDENCE and due.questions
    count = Measure("gave a reason", 6, 24)
    answers = recording.Answers(
        journal, due.cycle.id, due.step, by="partner", private=False, measures=(count,)
    )
    answers.save(due.questions[0], "first answer")
    answers.save(due.questions[1], "second answer")
    saved = cycles.get_cycle(journal, None).entries[1:]
    assert [(e.text, e.measures, e.role) for e in saved] == [
        ("first answer", (count,), Role.PARTNER),
        ("second answer", (), Role.PARTNER),
    ]
    assert saved[0].question == due.questions[0].text


def test_goal_answers_start_the_cycle_with_the_first(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    new = cycles.plan_cycle(LIBRARY, teacher="Ana", partner="Sam", protocol=None)
    answers = recording.GoalAnswers(journal, new)
    ask = Question(id="q", text="What will students do?")
    answers.save(ask, "Students explain their reasoning")
    answers.save(ask, "On exit tickets")
    cycle = cycles.get_cycle(journal, answers.cycle_id)
    assert cycle.goal == "Students explain their reasoning"
    assert [e.text for e in cycle.entries] == [
        "Students explain their reasoning",
        "On exit tickets",
    ]
