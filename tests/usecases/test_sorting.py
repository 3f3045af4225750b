"""Sorting students into piles, called directly: all saved in one transaction or nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.usecases.helpers import journal_at, start
from tpcycle.domain import Measure, Step
from tpcycle.errors import InvalidInput, NotFound
from tpcycle.measures import compare, parse_groups
from tpcycle.messages_classroom import Classroom
from tpcycle.sorting import DEFAULT_PILES, parse_piles
from tpcycle.store import Journal
from tpcycle.usecases import cycles, privacy, recording
from tpcycle.usecases.sorting import Where, cycle_movement, names_to_sort, record_sort

GPN = parse_piles(DEFAULT_PILES)
CLASS = ["Lee Park", "José Ruiz", "Mary Ann", "Priya Patel"]


def _journal(tmp_path: Path) -> Journal:
    journal = journal_at(tmp_path / "j.db")
    start(journal)
    privacy.add_students(journal, CLASS)
    return journal


def _count(journal: Journal, table: str) -> int:
    with journal.read() as uow:
        return int(uow.piles.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_a_sort_is_one_evidence_entry_with_the_group_measures_and_a_pile_per_student(
    tmp_path: Path,
) -> None:
    journal = _journal(tmp_path)
    placed = [("lee park", 0, 9.0), ("Jose Ruiz", 1, 6.0), ("MARY ANN", 2, None)]
    saved = record_sort(journal, Where(text="Exit tickets"), GPN, placed)
    assert saved.entry.step is Step.EVIDENCE and saved.entry.text == "Exit tickets"
    assert saved.groups == parse_groups("got it=1,partly=1,not yet=1")
    assert saved.entry.measures == saved.groups and not saved.replaced
    with journal.read() as uow:
        stored = uow.piles.of_entries([saved.entry.id])[saved.entry.id]
    assert stored.piles == ("got it", "partly", "not yet")
    assert stored.placed == (("Student A", 0, 9.0), ("Student B", 1, 6.0), ("Student C", 2, None))


def test_the_tables_hold_aliases_and_never_a_name(tmp_path: Path) -> None:
    journal = _journal(tmp_path)
    record_sort(journal, Where(), GPN, [(n, 0, None) for n in CLASS])
    conn = sqlite3.connect(tmp_path / "j.db")
    dump = "\n".join(conn.iterdump())
    tables = dump[dump.index("CREATE TABLE sorts") :]
    inserts = [line for line in tables.splitlines() if "student_piles" in line or "sorts" in line]
    assert inserts and not any(part in line for line in inserts for part in ("Lee", "Ruiz"))


def test_unknown_students_are_listed_and_nothing_is_saved(tmp_path: Path) -> None:
    journal = _journal(tmp_path)
    placed = [("Lee Park", 0, None), ("Ann Smith", 1, None), ("Bo Chen", 2, None)]
    with pytest.raises(InvalidInput) as caught:
        record_sort(journal, Where(text="x"), GPN, placed)
    assert caught.value.said is not None
    assert caught.value.said.id is Classroom.SORT_UNKNOWN_STUDENTS
    assert caught.value.said.values["names"] == "Ann Smith, Bo Chen"
    assert len(cycles.get_cycle(journal, None).entries) == 1  # the goal only
    assert _count(journal, "student_piles") == 0


def test_add_students_puts_them_on_the_roster_in_the_same_transaction(tmp_path: Path) -> None:
    journal = _journal(tmp_path)
    placed = [("Lee Park", 0, None), ("Ann Smith", 1, None)]
    saved = record_sort(journal, Where(), GPN, placed, add_unknown=True)
    assert saved.added == ("Ann Smith",)
    assert [s.alias for s in privacy.roster(journal)][-1] == "Student E"


def test_a_failing_save_adds_no_student_either(tmp_path: Path) -> None:
    journal = _journal(tmp_path)
    move = recording.add_entry(journal, cycle_id=None, step=Step.MOVE, text="frames").entry
    with pytest.raises(InvalidInput):  # a move: a sort belongs to evidence
        record_sort(
            journal, Where(entry_id=move.id), GPN, [("Ann Smith", 0, None)], add_unknown=True
        )
    assert len(privacy.roster(journal)) == len(CLASS)


def test_the_same_student_twice_is_refused_however_it_is_typed(tmp_path: Path) -> None:
    journal = _journal(tmp_path)
    with pytest.raises(InvalidInput) as caught:
        record_sort(journal, Where(), GPN, [("José Ruiz", 0, None), ("jose  ruiz", 1, None)])
    assert caught.value.message_id is Classroom.SORT_DUPLICATE_STUDENTS


def test_a_sort_can_join_an_existing_evidence_entry_and_keeps_its_other_measures(
    tmp_path: Path,
) -> None:
    journal = _journal(tmp_path)
    entry = recording.add_entry(
        journal,
        cycle_id=None,
        step=None,
        text="Exit tickets",
        measures=(Measure("gave a reason", 6, 24), Measure("got it", 1, 2)),
    ).entry
    saved = record_sort(journal, Where(entry_id=entry.id), GPN, [("Lee Park", 2, None)])
    assert saved.entry.id == entry.id and len(cycles.get_cycle(journal, None).entries) == 2
    assert [m.display() for m in saved.entry.measures] == [
        "6/24 (25%)",
        "0/1 (0%)",
        "0/1 (0%)",
        "1/1 (100%)",
    ]
    again = record_sort(journal, Where(entry_id=entry.id), GPN, [("Mary Ann", 0, None)])
    assert again.replaced and _count(journal, "student_piles") == 1


def test_an_entry_that_is_not_evidence_or_is_missing_is_refused(tmp_path: Path) -> None:
    journal = _journal(tmp_path)
    with pytest.raises(InvalidInput) as caught:
        record_sort(journal, Where(entry_id=1), GPN, [("Lee Park", 0, None)])
    assert caught.value.message_id is Classroom.SORT_ENTRY_NOT_EVIDENCE
    with pytest.raises(NotFound):
        record_sort(journal, Where(entry_id=99), GPN, [("Lee Park", 0, None)])
    evidence = recording.add_entry(journal, cycle_id=None, step=None, text="tickets").entry
    with pytest.raises(InvalidInput) as caught:
        record_sort(journal, Where(cycle_id=7, entry_id=evidence.id), GPN, [("Lee Park", 0, None)])
    assert caught.value.message_id is Classroom.SORT_ENTRY_ELSEWHERE


def test_compare_and_movement_after_sorts_before_and_after_the_move(tmp_path: Path) -> None:
    journal = _journal(tmp_path)
    record_sort(
        journal,
        Where(),
        GPN,
        [
            ("Lee Park", 1, None),
            ("José Ruiz", 2, None),
            ("Mary Ann", 2, None),
            ("Priya Patel", 0, None),
        ],
    )
    assert cycle_movement(journal, None) is None
    recording.add_entry(journal, cycle_id=None, step=Step.MOVE, text="sentence frames")
    after = record_sort(
        journal,
        Where(),
        GPN,
        [
            ("Lee Park", 0, None),
            ("José Ruiz", 2, None),
            ("Mary Ann", 1, None),
            ("Priya Patel", 1, None),
        ],
    )
    assert after.entry.step is Step.NEW_EVIDENCE
    rows = compare(cycles.get_cycle(journal, None).entries).rows
    assert [(r.name, r.change) for r in rows] == [
        ("got it", 0.0),
        ("partly", 25.0),
        ("not yet", -25.0),
    ]
    moved = cycle_movement(journal, None)
    assert moved is not None
    assert moved.up == (("Lee Park", "partly", "got it"), ("Mary Ann", "not yet", "partly"))
    assert moved.down == (("Priya Patel", "got it", "partly"),)
    assert moved.still_last == ("José Ruiz",)


def test_forgetting_the_entry_takes_its_sort_with_it(tmp_path: Path) -> None:
    journal = _journal(tmp_path)
    saved = record_sort(journal, Where(), GPN, [("Lee Park", 0, None)])
    privacy.forget_entry(journal, saved.entry.id)
    assert _count(journal, "sorts") == 0 and _count(journal, "student_piles") == 0


def test_an_empty_roster_cannot_be_sorted_by_key(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    with pytest.raises(InvalidInput) as caught:
        names_to_sort(journal)
    assert caught.value.message_id is Classroom.SORT_NO_ROSTER
    privacy.add_students(journal, ["Zed Alpha", "Amy Beta"])
    assert names_to_sort(journal) == ["Zed Alpha", "Amy Beta"]
