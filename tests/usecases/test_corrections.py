"""Fixing mistakes, called directly: a cycle's people, goal and protocol, reopening, an entry's
step, numbers, voice and cycle, and forgetting several entries (all or nothing)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import rows
from tests.usecases.helpers import LIBRARY, journal_at, start
from tpcycle.domain import Measure, Role, Status, Step
from tpcycle.errors import InvalidInput, NotFound
from tpcycle.messages import Message
from tpcycle.store import Journal
from tpcycle.usecases import corrections, cycles, recording
from tpcycle.usecases.corrections import CycleChanges, EntryChanges


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    return journal_at(tmp_path / "journal.db")


def _evidence(journal: Journal, text: str = "6 of 24 gave a reason", **kw: object) -> int:
    return recording.add_entry(journal, cycle_id=None, step=None, text=text, **kw).entry.id  # type: ignore[arg-type]


def _refused(message: Message, call: object, *args: object) -> None:
    with pytest.raises((InvalidInput, NotFound)) as caught:
        call(*args)  # type: ignore[operator]
    assert caught.value.message_id is message


# -- a cycle ----------------------------------------------------------------------------------


def test_new_names_go_on_the_cycle_and_on_what_they_wrote(journal: Journal) -> None:
    start(journal, teacher="", partner="")
    recording.add_entry(journal, cycle_id=None, step=Step.MOVE, text="Model it", by="partner")
    edited = corrections.edit_cycle(
        journal, LIBRARY, None, CycleChanges(teacher="Ana Ruiz", partner="Sam Lee")
    )
    assert edited.changed == ("teacher", "partner")
    cycle = cycles.get_cycle(journal, None)
    assert (cycle.teacher, cycle.partner) == ("Ana Ruiz", "Sam Lee")
    assert [(e.author, e.role) for e in cycle.entries] == [
        ("Ana Ruiz", Role.TEACHER),
        ("Sam Lee", Role.PARTNER),
    ]


def test_a_new_goal_is_the_goal_entry_too_and_is_searchable(journal: Journal) -> None:
    start(journal)
    corrections.edit_cycle(journal, LIBRARY, 1, CycleChanges(goal="Half the class explains"))
    cycle = cycles.get_cycle(journal, 1)
    assert cycle.goal == cycle.entries[0].text == "Half the class explains"
    path = journal.path
    assert path is not None
    assert rows(path, "SELECT rowid FROM entries_fts WHERE entries_fts MATCH 'half'") == [(1,)]
    assert rows(path, "SELECT rowid FROM entries_fts WHERE entries_fts MATCH 'reasoning'") == []


def test_cycle_edit_refusals_change_nothing(journal: Journal) -> None:
    start(journal)
    _refused(
        Message.CYCLE_EDIT_SAME,
        corrections.edit_cycle,
        journal,
        LIBRARY,
        1,
        CycleChanges(teacher="Ana Ruiz"),
    )
    with pytest.raises(InvalidInput, match="different names"):
        corrections.edit_cycle(journal, LIBRARY, 1, CycleChanges(teacher="sam lee"))
    with pytest.raises(NotFound):
        corrections.edit_cycle(journal, LIBRARY, 1, CycleChanges(protocol="no-such-protocol"))
    with pytest.raises(NotFound):
        corrections.edit_cycle(journal, LIBRARY, 7, CycleChanges(teacher="Bo"))
    assert cycles.get_cycle(journal, 1).teacher == "Ana Ruiz"


def test_reopen_a_closed_cycle_but_not_an_open_one(journal: Journal) -> None:
    start(journal)
    _refused(Message.CYCLE_ALREADY_OPEN, corrections.reopen_cycle, journal, None)
    cycles.close_cycle(journal, 1)
    reopened = corrections.reopen_cycle(journal, 1)
    assert reopened.status is Status.OPEN and reopened.closed_at is None


# -- an entry ---------------------------------------------------------------------------------


def test_text_edit_says_text_changed_not_privacy(journal: Journal) -> None:
    start(journal)
    entry = _evidence(journal)
    edited = corrections.change_entry(journal, entry, EntryChanges(text="7 of 24"))
    assert edited.changed == ("text",) and edited.entry.text == "7 of 24"
    _refused(
        Message.EDIT_SAME, corrections.change_entry, journal, entry, EntryChanges(text="7 of 24")
    )


def test_evidence_becomes_new_evidence_only_once_there_is_a_move(journal: Journal) -> None:
    start(journal)
    entry = _evidence(journal)
    _refused(
        Message.EDIT_BEFORE_MOVE, corrections.change_entry, journal, entry, EntryChanges(new=True)
    )
    assert cycles.get_cycle(journal, 1).entries[1].step is Step.EVIDENCE
    move = recording.add_entry(journal, cycle_id=None, step=Step.MOVE, text="Model it").entry.id
    assert corrections.change_entry(journal, entry, EntryChanges(new=True)).changed == ("step",)
    # and now the move cannot go: the new evidence would be left without one
    _refused(
        Message.EDIT_BEFORE_MOVE,
        corrections.change_entry,
        journal,
        move,
        EntryChanges(step=Step.INTERPRETATION),
    )


def test_moving_an_entry_to_another_cycle_checks_both_cycles(journal: Journal) -> None:
    start(journal)
    recording.add_entry(journal, cycle_id=None, step=Step.MOVE, text="Model it")
    later = _evidence(journal, new=True)
    start(journal, goal="Second goal for the class")
    _refused(
        Message.EDIT_BEFORE_MOVE, corrections.change_entry, journal, later, EntryChanges(cycle=2)
    )
    moved = corrections.change_entry(journal, later, EntryChanges(cycle=2, baseline=True))
    assert moved.entry.cycle_id == 2 and moved.entry.step is Step.EVIDENCE
    assert set(moved.changed) == {"step", "cycle"}


def test_measures_are_replaced_and_follow_the_step(journal: Journal) -> None:
    start(journal)
    entry = _evidence(journal, measures=(Measure("reason", 6, 24),))
    recording.add_entry(journal, cycle_id=None, step=Step.MOVE, text="Model it")
    corrections.change_entry(
        journal, entry, EntryChanges(measures=(Measure("reason", 7, 24),), new=True)
    )
    path = journal.path
    assert path is not None
    assert rows(path, "SELECT step, value FROM measures WHERE entry_id = ?", entry) == [
        ("new_evidence", 7.0)
    ]
    _refused(
        Message.EDIT_MEASURES_NOT_HERE,
        corrections.change_entry,
        journal,
        entry,
        EntryChanges(step=Step.REFLECTION),
    )
    cleared = corrections.change_entry(journal, entry, EntryChanges(measures=()))
    assert cleared.entry.measures == ()


def test_the_goal_entry_keeps_its_step_and_cycle(journal: Journal) -> None:
    start(journal)
    _refused(
        Message.EDIT_GOAL_STEP,
        corrections.change_entry,
        journal,
        1,
        EntryChanges(step=Step.EVIDENCE),
    )
    entry = _evidence(journal)
    _refused(
        Message.EDIT_TO_GOAL, corrections.change_entry, journal, entry, EntryChanges(step=Step.GOAL)
    )
    _refused(
        Message.EDIT_BASELINE_OR_NEW,
        corrections.change_entry,
        journal,
        entry,
        EntryChanges(step=Step.MOVE, new=True),
    )


def test_by_names_the_voice_in_the_cycle(journal: Journal) -> None:
    start(journal)
    entry = _evidence(journal)
    edited = corrections.change_entry(journal, entry, EntryChanges(by="partner", private=True))
    assert (edited.entry.author, edited.entry.role) == ("Sam Lee", Role.PARTNER)
    assert edited.changed == ("author", "privacy")


# -- forgetting several entries -----------------------------------------------------------------


def test_forget_several_entries_all_or_nothing(journal: Journal) -> None:
    start(journal)
    first, second = _evidence(journal), _evidence(journal, "9 of 24")
    with pytest.raises(NotFound) as caught:
        corrections.forget_entries(journal, [first, 40, second, 41])
    assert caught.value.said is not None
    assert caught.value.said.values["entries"] == "40, 41"
    assert len(cycles.get_cycle(journal, 1).entries) == 3
    with pytest.raises(InvalidInput, match="goal of cycle 1"):
        corrections.forget_entries(journal, [first, 1])
    assert len(cycles.get_cycle(journal, 1).entries) == 3
    gone = corrections.forget_entries(journal, [second, first, second])
    assert [e.id for e in gone.entries] == [second, first]
    assert [e.id for e in cycles.get_cycle(journal, 1).entries] == [1]
