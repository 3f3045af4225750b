"""A guided session: each answer saved with where to resume, in one unit of work."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.usecases.helpers import LIBRARY, journal_at, start
from tpcycle.domain import Role, Step
from tpcycle.session import Position
from tpcycle.usecases import cycles, privacy, session


def test_a_session_resumes_after_the_last_answer(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    start(journal)
    opening = session.open_session(journal, LIBRARY, None, by="partner", restart=False)
    assert (opening.position, opening.speaker) == (Position(Step.EVIDENCE), Role.PARTNER)
    question = opening.protocol.questions(Step.EVIDENCE)[0]
    saved, then = session.save_answer(
        journal,
        opening.cycle,
        opening.protocol,
        opening.position,
        question,
        speaker=Role.PARTNER,
        text="Most answers right, few reasons",
        private=False,
    )
    assert saved.entry.role is Role.PARTNER and then == Position(Step.EVIDENCE, 1)
    again = session.open_session(journal, LIBRARY, None, by=None, restart=False)
    assert again.position == Position(Step.EVIDENCE, 1)
    assert session.open_session(journal, LIBRARY, None, by=None, restart=True).position == (
        Position(Step.INTERPRETATION)
    )


def test_an_answer_that_fails_keeps_the_old_position(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    start(journal)
    opening = session.open_session(journal, LIBRARY, None, by=None, restart=False)
    question = opening.protocol.questions(Step.EVIDENCE)[0]
    with pytest.raises(Exception, match="empty"):
        session.save_answer(
            journal,
            opening.cycle,
            opening.protocol,
            opening.position,
            question,
            speaker=Role.TEACHER,
            text="   ",
            private=False,
        )
    assert session.open_session(journal, LIBRARY, None, by=None, restart=False).position == (
        opening.position
    )


def test_norms_are_shown_once_per_cycle_and_forgotten_with_it(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    new = cycles.plan_cycle(LIBRARY, teacher="A", partner="B", protocol="partnership-start")
    cycle = cycles.start_cycle(journal, new, "Students talk to each other").cycle
    assert session.open_session(journal, LIBRARY, None, by=None, restart=False).show_norms
    assert not session.open_session(journal, LIBRARY, None, by=None, restart=False).show_norms
    session.move_to(journal, cycle.id, Position(Step.MOVE))
    privacy.forget_cycle(journal, cycle.id)
    with journal.read() as uow:
        assert uow.settings.get(f"session:{cycle.id}") is None
        assert uow.settings.get(f"norms-shown:{cycle.id}") is None
