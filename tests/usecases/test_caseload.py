"""A coach's caseload: one row per teacher, drifting ones first."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.usecases.helpers import Clock, journal_at, start
from tpcycle.between import PromiseState
from tpcycle.domain import Step
from tpcycle.usecases import between, caseload, cycles, identity, recording
from tpcycle.usecases.between import NewPromise


def test_three_teachers_three_rows_and_the_quiet_one_is_drifting(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 10, 1, 15, 0, tzinfo=UTC))
    journal = journal_at(tmp_path / "coach.db", clock)
    quiet = start(journal, "Quiet goal", teacher="José Pérez", partner="Coach Kim").cycle
    clock.moment += timedelta(days=30)
    ana = start(journal, "Ana's goal", teacher="Ana Ruiz", partner="Coach Kim").cycle
    recording.add_entry(journal, cycle_id=ana.id, step=Step.EVIDENCE, text="6 of 24")
    between.add_promise(journal, ana.id, NewPromise("Bring tickets", "teacher", "today"))
    done = between.add_promise(journal, ana.id, NewPromise("Done one", "teacher", "today"))
    between.close_promise(journal, ana.id, done.id, PromiseState.DONE)
    li = start(journal, "Li's goal", teacher="Li Wei", partner="Coach Kim").cycle
    cycles.close_cycle(journal, li.id)
    start(journal, "Jose again", teacher="jose perez", partner="Coach Kim")  # same teacher
    cycles.close_cycle(journal, 4)

    load = caseload.caseload(journal)
    assert [r.teacher for r in load.rows] == ["José Pérez", "Ana Ruiz", "Li Wei"]
    jose, row_ana, row_li = load.rows
    assert jose.drifting and jose.open_cycle == quiet.id and jose.cycles == 2
    assert jose.days_since == 0  # the closed cycle of today was contact
    assert (row_ana.open_cycle, row_ana.next_step, row_ana.promises_due) == (
        2,
        Step.INTERPRETATION,
        1,
    )
    assert not row_ana.drifting and row_ana.days_since == 0
    assert (row_li.open_cycle, row_li.next_step, row_li.drifting) == (None, None, False)


def test_on_a_partners_machine_only_their_teachers_count(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "coach.db")
    start(journal, "one", teacher="Ana Ruiz", partner="Coach Kim")
    start(journal, "two", teacher="Li Wei", partner="Someone Else")
    with journal.write() as uow:
        uow.settings.set(identity.ROLE_KEY, "partner")
        uow.settings.set(identity.NAME_KEY, "coach kim")
    load = caseload.caseload(journal)
    assert [r.teacher for r in load.rows] == ["Ana Ruiz"] and load.partner == "coach kim"


def test_an_empty_journal_has_no_rows(tmp_path: Path) -> None:
    assert caseload.caseload(journal_at(tmp_path / "j.db")).rows == []
