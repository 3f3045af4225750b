"""Observing a lesson: every event saved as it happens, resumed after a crash, saved as evidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.usecases.helpers import journal_at, start
from tpcycle.domain import Measure, Step
from tpcycle.errors import InvalidInput, NotFound
from tpcycle.messages import Message
from tpcycle.messages_classroom import Classroom
from tpcycle.observation import Event, Kind, parse_setup
from tpcycle.store import Journal
from tpcycle.usecases import cycles, observing, recording
from tpcycle.usecases.export import Format, Request, cycle_document
from tpcycle.usecases.privacy import add_students, forget_cycle

SETUP = parse_setup(["o=open question", "c=closed question"], "i=working alone")
LESSON = ["00:12 o", "00:40 i", "01:10 n Kids stuck on step 2", "", "# a comment", "02:00 i"]


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    journal = journal_at(tmp_path / "journal.db")
    start(journal)
    return journal


def test_a_piped_lesson_becomes_measured_evidence_with_a_timeline(journal: Journal) -> None:
    session = observing.open_observation(journal, SETUP)
    assert session.step is Step.EVIDENCE and not session.resumed
    assert observing.replay(journal, session, [*LESSON, "03:00 q", "04:00 o"]) == 180
    finished = observing.finish(journal, session, 180)
    assert finished is not None
    saved, _ = finished
    assert saved.entry.step is Step.EVIDENCE and saved.entry.author == "Sam Lee"
    assert saved.entry.measures == (
        Measure("open question", 1),
        Measure("closed question", 0),
        Measure("working alone, in all", 1.3, None, "min"),
        Measure("working alone, longest", 1.3, None, "min"),
        Measure("minutes observed", 3, None, "min"),
    )
    assert "- 1:10 note: Kids stuck on step 2" in saved.entry.text
    with journal.read() as uow:  # nothing of the observation is left behind
        assert uow.observations.current() is None
    markdown = cycle_document(journal, Request([]), Format.markdown).text
    assert "| 1:10 | note: Kids stuck on step 2 |" in markdown


def test_a_killed_observation_loses_nothing_and_goes_on(journal: Journal) -> None:
    first = observing.open_observation(journal, SETUP)
    observing.replay(journal, first, LESSON[:3])
    observing.reached(journal, first, 95)
    # ... the program dies here; the next run finds the observation open
    again = observing.open_observation(journal, parse_setup([]))
    assert again.resumed and again.id == first.id and again.seconds == 95
    assert [e.kind for e in again.state.events] == [Kind.CODE, Kind.START, Kind.NOTE, Kind.RESUMED]
    assert again.state.running_since() == 40  # the stopwatch was running, and still is
    with pytest.raises(InvalidInput) as raised:
        observing.replay(journal, again, ["01:00 c"])  # before the time already reached
    assert raised.value.message_id is Classroom.OBSERVE_TIME_BACKWARDS
    observing.replay(journal, again, ["02:00 i", "02:30 c"])
    finished = observing.finish(journal, again, 150)
    assert finished is not None
    saved, _ = finished
    assert Measure("working alone, in all", 1.3, None, "min") in saved.entry.measures
    assert "- 1:35 observation went on after a break" in saved.entry.text


def test_the_same_setup_resumes_and_another_is_refused(journal: Journal) -> None:
    observing.open_observation(journal, SETUP)
    assert observing.open_observation(journal, SETUP).resumed
    with pytest.raises(InvalidInput) as raised:
        observing.open_observation(journal, parse_setup(["x=other"]))
    assert raised.value.message_id is Classroom.OBSERVE_OPEN_DIFFERENT
    with pytest.raises(InvalidInput) as raised:
        observing.open_observation(journal, SETUP, cycle_id=2)
    assert raised.value.message_id is Classroom.OBSERVE_OPEN_ELSEWHERE


def test_undo_takes_back_the_last_event_for_good(journal: Journal) -> None:
    session = observing.open_observation(journal, SETUP)
    observing.replay(journal, session, ["0:05 o", "0:06 c", "0:07 u"])
    assert observing.undo(journal, session) == Event(5, Kind.CODE, "o", "", 1)
    assert observing.undo(journal, session) is None
    with journal.read() as uow:
        assert uow.observations.events(session.id) == []
    assert observing.finish(journal, session, 10) is None  # nothing observed, nothing saved
    with journal.read() as uow:
        assert uow.observations.current() is None


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("0:10 x", Classroom.OBSERVE_UNKNOWN_KEY),
        ("0:10 n", Classroom.OBSERVE_NOTE_EMPTY),
        ("0:10 s Ana", Classroom.OBSERVE_UNKNOWN_KEY),  # no --speakers: s means nothing
        ("ten o", Classroom.OBSERVE_BAD_LINE),
    ],
)
def test_a_bad_line_keeps_what_came_before(journal: Journal, line: str, said: Message) -> None:
    session = observing.open_observation(journal, SETUP)
    with pytest.raises(InvalidInput) as raised:
        observing.replay(journal, session, ["0:05 o", line])
    assert raised.value.message_id is said and raised.value.said is not None
    assert raised.value.said.values["line"] == 2
    with journal.read() as uow:
        assert len(uow.observations.events(session.id)) == 1


def test_no_cycle_no_setup_and_no_roster_are_refused(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "empty.db")
    with pytest.raises(NotFound):
        observing.open_observation(journal, SETUP)
    start(journal)
    with pytest.raises(InvalidInput) as raised:
        observing.open_observation(journal, parse_setup([]))
    assert raised.value.message_id is Classroom.OBSERVE_NEEDS_WHAT
    with pytest.raises(InvalidInput) as raised:
        observing.open_observation(journal, parse_setup([], speakers=True))
    assert raised.value.message_id is Classroom.OBSERVE_NO_ROSTER


def test_who_spoke_keeps_names_here_and_aliases_in_exports(journal: Journal) -> None:
    add_students(journal, ["Priya Patel", "Tom Berg", "Tom Ruiz"])
    session = observing.open_observation(journal, parse_setup([], speakers=True))
    with pytest.raises(InvalidInput) as raised:
        observing.replay(journal, session, ["0:01 s Tom"])  # not sure which Tom: whole name
    assert raised.value.message_id is Classroom.OBSERVE_UNKNOWN_STUDENT
    observing.replay(journal, session, ["0:02 s priya", "0:03 s Tom Berg", "0:04 s Priya"])
    finished = observing.finish(journal, session, 60)
    assert finished is not None
    saved, _ = finished
    assert Measure("students who spoke", 2, 3) in saved.entry.measures
    assert "spoke: Priya Patel" in saved.entry.text
    exported = cycle_document(journal, Request([]), Format.markdown).text
    assert "Priya" not in exported and "Berg" not in exported
    assert "| 0:02 | spoke: Student A |" in exported


def test_evidence_after_a_move_is_new_evidence(journal: Journal) -> None:
    recording.add_entry(journal, cycle_id=None, step=Step.MOVE, text="Wait five seconds")
    assert observing.open_observation(journal, SETUP).step is Step.NEW_EVIDENCE


def test_forgetting_the_cycle_takes_an_open_observation_with_it(journal: Journal) -> None:
    session = observing.open_observation(journal, SETUP)
    observing.replay(journal, session, ["0:05 n about Priya"])
    forget_cycle(journal, cycles.get_cycle(journal, None).id)
    with journal.read() as uow:
        assert uow.observations.current() is None
        assert uow.observations.events(session.id) == []


def test_baseline_or_new_is_decided_when_it_is_saved_unless_asked(journal: Journal) -> None:
    session = observing.open_observation(journal, SETUP)
    observing.replay(journal, session, ["0:05 o"])
    recording.add_entry(journal, cycle_id=None, step=Step.MOVE, text="Wait five seconds")
    finished = observing.finish(journal, session, 10)
    assert finished is not None and finished[0].entry.step is Step.NEW_EVIDENCE
    asked = observing.open_observation(journal, SETUP, baseline=True)
    assert asked.step is Step.EVIDENCE
    observing.replay(journal, asked, ["0:05 o"])
    finished = observing.finish(journal, asked, 10)
    assert finished is not None and finished[0].entry.step is Step.EVIDENCE


@pytest.mark.slow  # runs tpcycle in another process
def test_recording_evidence_does_not_load_the_observation_model() -> None:
    from tests.probes import logging_evidence

    used = logging_evidence()
    assert "tpcycle.usecases.recording" in used
    assert not {"tpcycle.observation", "tpcycle.screen", "tpcycle.tally"} & used
