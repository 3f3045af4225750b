"""Starting, choosing, listing and closing cycles, called directly (no command line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.usecases.helpers import LIBRARY, Clock, journal_at, start
from tpcycle.domain import Cycle, CycleFilter, Role, Status, Step
from tpcycle.errors import InvalidInput, NotFound
from tpcycle.store import UnitOfWork, records
from tpcycle.usecases import choosing, cycles


def test_a_new_cycle_records_its_goal_and_becomes_current(tmp_path: Path) -> None:
    clock = Clock()
    journal = journal_at(tmp_path / "j.db", clock)
    saved = start(journal, "  Students explain their reasoning  ")
    assert (saved.cycle.goal, saved.cycle.teacher, saved.cycle.status) == (
        "Students explain their reasoning",
        "Ana Ruiz",
        Status.OPEN,
    )
    assert [(e.step, e.role) for e in saved.cycle.entries] == [(Step.GOAL, Role.TEACHER)]
    # one timestamp for the whole action, from the injected clock
    stamp = clock.moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert saved.cycle.created_at == saved.entry.created_at == stamp
    assert cycles.get_cycle(journal, None).id == saved.cycle.id


def test_the_teacher_and_partner_need_different_names(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    with pytest.raises(InvalidInput):
        start(journal, teacher="Sam", partner="sam")
    assert cycles.list_cycles(journal, entries=False).cycles == []


def test_a_follow_on_cycle_keeps_the_earlier_people_and_protocol(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    earlier = start(journal, teacher="Ana", partner="Sam").cycle
    planned = cycles.plan_cycle(LIBRARY, teacher=None, partner=None, protocol=None, earlier=earlier)
    later = cycles.start_cycle(journal, planned, "Students revise with a partner").cycle
    assert (later.teacher, later.partner, later.follows) == ("Ana", "Sam", earlier.id)


def test_a_follow_on_of_a_missing_cycle_saves_nothing(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    ghost = start(journal).cycle
    planned = cycles.plan_cycle(LIBRARY, teacher=None, partner=None, protocol=None, earlier=ghost)
    broken = cycles.NewCycle(planned.teacher, planned.partner, planned.protocol, follows=99)
    with pytest.raises(NotFound):
        cycles.start_cycle(journal, broken, "x")
    assert len(cycles.list_cycles(journal, entries=False).cycles) == 1


def test_use_close_and_list(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    first = start(journal, "first").cycle
    start(journal, "second")
    assert cycles.use_cycle(journal, first.id).id == first.id
    closed = cycles.close_cycle(journal, None)
    assert (closed.id, closed.status) == (first.id, Status.CLOSED)
    with pytest.raises(InvalidInput):
        cycles.close_cycle(journal, first.id)
    listing = cycles.list_cycles(journal, entries=True, only=CycleFilter(status=Status.OPEN))
    assert [c.goal for c in listing.cycles] == ["second"]
    assert listing.cycles[0].entries[0].text == "second"
    assert listing.current == first.id


def test_no_current_cycle_is_a_clear_error(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    with pytest.raises(NotFound, match="no current cycle"):
        cycles.get_cycle(journal, None)
    with pytest.raises(NotFound, match="no cycle 7"):
        cycles.use_cycle(journal, 7)


def test_status_names_the_next_step_and_its_questions(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    start(journal)
    report = cycles.cycle_status(journal, LIBRARY, None)
    assert report.progress.next_step is Step.EVIDENCE
    assert report.next_questions == LIBRARY.load("default").questions(Step.EVIDENCE)
    assert report.warnings == ()


def test_a_listing_fits_the_latest_and_counts_the_older(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    for n in range(1, 6):
        start(journal, f"goal {n}")
    cycles.close_cycle(journal, 2)
    fitted = cycles.list_cycles(journal, entries=False, fit=3)
    assert ([c.id for c in fitted.cycles], fitted.older) == ([3, 4, 5], 2)
    open_only = cycles.list_cycles(
        journal, entries=False, only=CycleFilter(status=Status.OPEN), fit=3
    )
    assert ([c.id for c in open_only.cycles], open_only.older) == ([3, 4, 5], 1)
    named = cycles.list_cycles(journal, entries=False, only=CycleFilter(last=2), fit=3)
    assert ([c.id for c in named.cycles], named.older) == ([4, 5], 0)  # --last wins
    assert cycles.list_cycles(journal, entries=False, fit=10).older == 0


def test_every_cycle_comes_a_page_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = journal_at(tmp_path / "j.db")
    for n in range(1, 6):
        start(journal, f"goal {n}")
    monkeypatch.setattr(records, "PAGE_SIZE", 2)
    read: list[int] = []
    original = choosing.with_entries

    def counting(uow: UnitOfWork, page: list[Cycle]) -> list[Cycle]:
        read.extend(c.id for c in page)
        return original(uow, page)

    monkeypatch.setattr(cycles, "with_entries", counting)
    each = cycles.each_cycle(journal)
    first = next(each)
    assert (first.id, first.entries[0].text, read) == (1, "goal 1", [1, 2])  # one page read
    assert [c.id for c in each] == [2, 3, 4, 5] and read == [1, 2, 3, 4, 5]
    only = cycles.each_cycle(journal, CycleFilter(last=3, status=Status.OPEN))
    assert [c.id for c in only] == [3, 4, 5]
