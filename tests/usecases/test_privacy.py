"""Editing, forgetting and the roster, called directly."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.usecases.helpers import journal_at, start
from tpcycle.domain import Step
from tpcycle.errors import InvalidInput, NotFound
from tpcycle.usecases import cycles, privacy, recording


def test_an_edit_changes_the_text_and_the_goal_with_it(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    goal = start(journal, "old goal").entry
    changed = privacy.edit_entry(journal, goal.id, text="new goal", private=None)
    assert changed.what.text == "new goal" and changed.wiped
    assert cycles.get_cycle(journal, None).goal == "new goal"
    with pytest.raises(InvalidInput, match="exactly that"):
        privacy.edit_entry(journal, goal.id, text="new goal", private=None)


def test_forgetting_an_entry_removes_it_and_remembers_its_uid(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    goal = start(journal).entry
    note = recording.add_entry(journal, cycle_id=None, step=Step.MOVE, text="secret plan")
    gone = privacy.forget_entry(journal, note.entry.id)
    assert gone.what.text == "secret plan" and gone.wiped
    with journal.read() as uow:
        assert uow.sync.forgotten([note.entry.uid]) == {note.entry.uid}
    with pytest.raises(NotFound):
        privacy.get_entry(journal, note.entry.id)
    with pytest.raises(InvalidInput, match="goal"):
        privacy.forget_entry(journal, goal.id)


def test_forgetting_the_current_cycle_leaves_no_current_cycle(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    cycle = start(journal).cycle
    privacy.forget_cycle(journal, cycle.id)
    with pytest.raises(NotFound):
        cycles.get_cycle(journal, None)


def test_aliases_are_never_reused(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    first = privacy.add_students(journal, ["Lee", "Priya Patel", "lee"])
    assert [(a, new) for _, a, new in first] == [
        ("Student A", True),
        ("Student B", True),
        ("Student A", False),
    ]
    privacy.remove_student(journal, "Lee")
    again = privacy.add_students(journal, ["Lee"])
    assert again == [("Lee", "Student C", True)]
    assert [(s.name, s.alias) for s in privacy.roster(journal)] == [
        ("Priya Patel", "Student B"),
        ("Lee", "Student C"),
    ]


def test_what_leaves_the_machine_is_redacted_and_public(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    start(journal, "Lee explains his reasoning")
    recording.add_entry(journal, cycle_id=None, step=Step.MOVE, text="Lee first", private=True)
    privacy.add_students(journal, ["Lee"])
    shown, left_out = privacy.shareable(journal, None, include_private=False, redact=True)
    assert (shown.goal, left_out, len(shown.entries)) == ("Student A explains his reasoning", 1, 1)


def test_a_kept_part_and_every_case_change_what_is_replaced(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    start(journal, "Hope Grant and Will Ray share; I hope you will see it")
    privacy.add_students(journal, ["Hope Grant"], keep=("hope",))
    privacy.add_students(journal, ["Will Ray"])
    shown, _ = privacy.shareable(journal, None, include_private=False, redact=True)
    assert shown.goal == "Student A and Student B share; I hope you will see it"
    privacy.add_students(journal, ["Will Ray"], every_case=True)  # changes the rule only
    shown, _ = privacy.shareable(journal, None, include_private=False, redact=True)
    assert shown.goal == "Student A and Student B share; I hope you Student B see it"
    assert [(s.exempt, s.every_case) for s in privacy.roster(journal)] == [
        (frozenset({"Hope"}), False),
        (frozenset(), True),
    ]
    with pytest.raises(InvalidInput, match="not a part"):
        privacy.add_students(journal, ["Hope Grant"], keep=("Gra",))


def test_a_name_typed_without_its_accent_is_the_same_student(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    first = privacy.add_students(journal, ["José Ruiz", "Jose Ruiz", "JOSÉ RUIZ", "Zoë", "Zoe"])
    assert [(name, alias, new) for name, alias, new in first] == [
        ("José Ruiz", "Student A", True),
        ("José Ruiz", "Student A", False),
        ("José Ruiz", "Student A", False),
        ("Zoë", "Student B", True),
        ("Zoë", "Student B", False),
    ]
