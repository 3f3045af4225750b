"""Conversations held on a cycle: saved answer by answer, resumed, corrected, forgotten, and
never read as steps."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.usecases.helpers import LIBRARY, Clock, journal_at, start
from tpcycle.conversation import Conversation, Spot
from tpcycle.domain import Role, Step, progress
from tpcycle.errors import InvalidInput, NotFound
from tpcycle.messages_classroom import Classroom
from tpcycle.protocol import Protocol
from tpcycle.store import Journal
from tpcycle.usecases import conversations as talks
from tpcycle.usecases import cycles, noticing, privacy
from tpcycle.usecases.recording import add_entry

PRE = LIBRARY.load("pre-observation")


def say(
    journal: Journal, opening: talks.Opening, held: Conversation | None, spot: Spot, text: str
) -> talks.SavedAnswer:
    question = PRE.sections[spot.section].questions[spot.index]
    return talks.save_answer(
        journal, opening, held, spot, question, speaker=Role.TEACHER, text=text, private=False
    )


def test_a_conversation_needs_a_cycle_and_says_how_to_start_one(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    with pytest.raises(NotFound) as caught:
        talks.open_conversation(journal, PRE, None, by=None, restart=False)
    assert caught.value.message_id is Classroom.CONVERSATION_NO_CYCLE
    assert "tpcycle new goal" in caught.value.message


def test_a_six_step_protocol_is_not_a_conversation() -> None:
    with pytest.raises(InvalidInput) as caught:
        talks.conversation_protocol(LIBRARY, "default")
    assert caught.value.message_id is Classroom.CONVERSATION_NOT_CONVERSATION
    assert "pre-observation" in caught.value.message
    assert talks.conversation_protocol(LIBRARY, "consultancy").name == "consultancy"


def test_answers_are_saved_with_where_to_resume(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    start(journal)
    opening = talks.open_conversation(journal, PRE, None, by="partner", restart=False)
    assert opening.conversation is None and opening.spot == Spot(0)
    assert opening.speaker is Role.PARTNER
    # Leaving before any answer leaves nothing behind.
    assert cycles.get_cycle(journal, None).conversations == ()
    first = say(journal, opening, None, Spot(0, 0), "Pairs solving ratio problems")
    assert first.then == Spot(0, 1)
    second = say(journal, opening, first.conversation, Spot(0, 1), "Who explains to whom")
    assert second.conversation.id == first.conversation.id
    # Stopped (or killed) here: the next opening goes on after the last answer.
    again = talks.open_conversation(journal, PRE, None, by=None, restart=False)
    assert again.conversation is not None and again.spot == Spot(1, 0)
    assert [a.text for a in again.conversation.answers] == [
        "Pairs solving ratio problems",
        "Who explains to whom",
    ]
    assert [a.section for a in again.conversation.answers] == ["What to look for"] * 2
    assert again.conversation.answers[0].author == "Ana Ruiz"
    fresh = talks.open_conversation(journal, PRE, None, by=None, restart=True)
    assert fresh.conversation is None and fresh.spot == Spot(0)


def test_a_finished_conversation_lets_the_next_one_start_afresh(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    start(journal)
    opening = talks.open_conversation(journal, PRE, None, by=None, restart=False)
    saved = say(journal, opening, None, Spot(3, 1), "Thursday after school")
    assert saved.then is None
    talks.move_to(journal, opening, saved.conversation, None)
    after = talks.open_conversation(journal, PRE, None, by=None, restart=False)
    assert after.conversation is None and after.spot == Spot(0)


def test_controls_and_markup_in_answers_are_cleaned_on_the_way_in(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    start(journal)
    opening = talks.open_conversation(journal, PRE, None, by=None, restart=False)
    saved = say(journal, opening, None, Spot(0), "\x1b[31m[bold]# red[/bold] <b>\u202e")
    assert saved.answer.text == "[31m[bold]# red[/bold] <b>"
    with pytest.raises(InvalidInput):
        say(journal, opening, saved.conversation, Spot(0, 1), "   \x07  ")


def test_answers_are_never_read_as_steps(tmp_path: Path) -> None:
    """A debrief full of reflections and next steps, held before any move: if its answers were
    entries, the record would read as out of order and the checks would say so."""
    journal = journal_at(tmp_path / "j.db", Clock())
    start(journal)
    add_entry(journal, cycle_id=None, step=Step.EVIDENCE, text="6 of 24 gave a reason")
    before = noticing.check(journal, None).findings
    post = LIBRARY.load("post-observation")
    opening = talks.open_conversation(journal, post, None, by=None, restart=False)
    held = None
    spot: Spot | None = Spot(0)
    while spot is not None:
        question = post.sections[spot.section].questions[spot.index]
        saved = talks.save_answer(
            journal,
            opening,
            held,
            spot,
            question,
            speaker=Role.TEACHER,
            text="Keep the frame; next time I will try a reflection on what changed",
            private=False,
        )
        held, spot = saved.conversation, saved.then
    cycle = cycles.get_cycle(journal, None)
    assert len(cycle.conversations[0].answers) == sum(len(s.questions) for s in post.sections)
    assert progress(cycle.entries).next_step is Step.INTERPRETATION
    assert [e.step for e in cycle.entries] == [Step.GOAL, Step.EVIDENCE]
    assert noticing.check(journal, None).findings == before


def test_answers_can_be_reworded_made_private_and_forgotten(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    start(journal)
    opening = talks.open_conversation(journal, PRE, None, by=None, restart=False)
    one = say(journal, opening, None, Spot(0, 0), "first")
    two = say(journal, opening, one.conversation, Spot(0, 1), "second")
    changed, _ = talks.change_answer(journal, one.answer.id, text="first, reworded", private=True)
    assert (changed.text, changed.private, changed.updated_at is not None) == (
        "first, reworded",
        True,
        True,
    )
    assert cycles.get_cycle(journal, None).public().conversations[0].answers == (
        cycles.get_cycle(journal, None).conversations[0].answers[1],
    )
    with pytest.raises(NotFound):
        talks.forget_answers(journal, [two.answer.id, 999])
    assert len(cycles.get_cycle(journal, None).conversations[0].answers) == 2  # all or none
    assert talks.forget_answers(journal, [one.answer.id, two.answer.id])[0] == 2
    assert cycles.get_cycle(journal, None).conversations == ()  # an empty one goes too


def test_forgetting_the_cycle_forgets_its_conversations(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    cycle = start(journal).cycle
    opening = talks.open_conversation(journal, PRE, None, by=None, restart=False)
    saved = say(journal, opening, None, Spot(0), "about the visit")
    privacy.forget_cycle(journal, cycle.id)
    with journal.read() as uow:
        assert uow.conversations.get(saved.conversation.id) is None
        assert uow.conversations.answer(saved.answer.id) is None


def test_protocols_for_a_cycle_refuse_conversations() -> None:
    with pytest.raises(Exception) as caught:
        LIBRARY.load_cycle("consultancy")
    assert "session --protocol consultancy" in str(caught.value)
    assert isinstance(LIBRARY.load_cycle("default"), Protocol)


def test_a_forgotten_conversation_is_not_resumed(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    start(journal)
    opening = talks.open_conversation(journal, PRE, None, by=None, restart=False)
    saved = say(journal, opening, None, Spot(1, 1), "codes: o and c")
    assert talks.open_conversation(journal, PRE, None, by=None, restart=False).spot == Spot(2)
    talks.forget_answers(journal, [saved.answer.id])
    again = talks.open_conversation(journal, PRE, None, by=None, restart=False)
    assert again.conversation is None and again.spot == Spot(0)
