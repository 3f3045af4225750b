"""Looking back over many cycles: history figures, search, list filters, cycles that follow others.

Called directly on a journal built through the use cases (see ``looking_back``); assertions are on
values, never on printed prose.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from tests.usecases.helpers import LIBRARY
from tests.usecases.looking_back import FIRST_GOAL, PRIVATE, REFLECTION, build, opened_copy
from tpcycle.domain import HIGHLIGHT, CycleFilter, Hit, SearchFilter, Status, Step
from tpcycle.errors import InvalidInput, NotFound
from tpcycle.history import Change
from tpcycle.store import Journal, open_journal
from tpcycle.usecases import cycles
from tpcycle.usecases.history import fts_query, history, search


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("looking-back") / "journal.db")


@pytest.fixture
def journal(built: Path, tmp_path: Path) -> Iterator[Journal]:
    opened = opened_copy(built, tmp_path)
    yield opened
    opened.close()


def ids(hits: list[Hit]) -> list[int]:
    return sorted(h.entry_id for h in hits)


# -- search -----------------------------------------------------------------------------------


def test_search_finds_every_match_and_marks_the_words(journal: Journal) -> None:
    hits = search(journal, "frames")
    assert ids(hits) == [3, 5, 7]  # two moves and the reflection
    assert {h.cycle_id for h in hits} == {1, 2}
    start, end = HIGHLIGHT
    for hit in hits:
        assert f"{start}frames{end}" in hit.snippet.lower()
    assert search(journal, "zebra") == []


def test_search_filters_by_step_author_and_cycle(journal: Journal) -> None:
    only_moves = search(journal, "frames", SearchFilter(step=Step.MOVE))
    assert ids(only_moves) == [3, 7] and {h.step for h in only_moves} == {Step.MOVE}
    by_role = search(journal, "reasons", SearchFilter(author="partner"))
    assert [(h.entry_id, h.author) for h in by_role] == [(5, "Sam")]
    by_name = search(journal, "reasons", SearchFilter(author="sam"))
    assert ids(by_name) == [5]
    in_cycle = search(journal, "question*", SearchFilter(cycle_id=2))
    assert {h.cycle_id for h in in_cycle} == {2}
    assert [h.entry_id for h in in_cycle if h.private] == [8]  # the owner's search sees all


def test_search_since_includes_and_until_excludes_the_moment(journal: Journal) -> None:
    moment = {h.entry_id: h.created_at for h in search(journal, "frames")}[5]
    assert ids(search(journal, "frames", SearchFilter(since=moment))) == [5, 7]
    assert ids(search(journal, "frames", SearchFilter(until=moment))) == [3]
    assert search(journal, "frames", SearchFilter(since="2999-01-01")) == []


def test_search_ranks_best_first_and_stops_at_the_limit(journal: Journal) -> None:
    hits = search(journal, "frames")
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)
    assert len(search(journal, "frames", SearchFilter(limit=2))) == 2


def test_a_very_common_word_is_ranked_among_its_newest_matches(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tpcycle.store.search as search_module

    monkeypatch.setattr(search_module, "RANK_WINDOW", 2)
    assert ids(search(journal, "frames")) == [5, 7]  # the two newest of three matches
    older = search(journal, "frames", SearchFilter(cycle_id=1))
    assert ids(older) == [3, 5]  # filters apply before the window


@pytest.mark.parametrize("words", ['"unbalanced', "NEAR(", "a:b", "AND OR NOT", "-x", "x*"])
def test_search_words_cannot_break_the_query(journal: Journal, words: str) -> None:
    assert isinstance(search(journal, words), list)  # FTS5 syntax in the words is just words


def test_search_words_are_quoted_for_fts5() -> None:
    assert fts_query('say "hi"') == '"say" """hi"""'
    assert fts_query("frame* NEAR") == '"frame"* "NEAR"'
    for nothing in ("  ", "*", '""'):
        with pytest.raises(InvalidInput):
            fts_query(nothing)


# -- history ----------------------------------------------------------------------------------


def _minutes(start: str, end: str | None) -> float:
    assert end is not None
    seen = [datetime.fromisoformat(t.replace("Z", "+00:00")) for t in (start, end)]
    return (seen[1] - seen[0]).total_seconds() / 60


def test_history_counts_durations_skips_changes_and_moves(journal: Journal) -> None:
    h = history(journal)
    assert (h.total, h.open, h.closed) == (2, 1, 1)
    assert h.skipped[Step.INTERPRETATION] == 1  # cycle 1 closed without one
    assert h.skipped[Step.REFLECTION] == 0
    assert h.changes == [Change(1, FIRST_GOAL, "reason", 37.5, "points")]
    assert ("sentence frames", 2) in h.recurring_moves
    assert h.started_by_month == {"2026-09": 2}
    one, two = cycles.get_cycle(journal, 1), cycles.get_cycle(journal, 2)
    expected = [  # to the close, and for the open cycle to its latest entry
        _minutes(one.created_at, one.closed_at),
        _minutes(two.created_at, two.entries[-1].created_at),
    ]
    with journal.read() as uow:
        ran = uow.stats.days_per_cycle()
    assert [round(d * 24 * 60, 3) for d in ran] == expected
    assert all(m > 0 for m in expected)
    assert h.days is not None
    assert round(h.days.shortest * 24 * 60, 3) == min(expected)
    assert round(h.days.longest * 24 * 60, 3) == max(expected)
    assert round(h.days.median * 24 * 60, 3) == round(sum(expected) / 2, 3)


def test_history_looks_at_recent_cycles_for_changes(journal: Journal) -> None:
    h = history(journal, recent=1)
    assert (h.total, h.recent) == (2, 1)
    assert h.changes == []  # cycle 1's change is outside the last one cycle
    assert h.recurring_moves == []  # one cycle cannot repeat a move across cycles


def test_history_leaves_private_moves_out(journal: Journal) -> None:
    from tpcycle.usecases.recording import add_entry

    for cycle_id in (1, 2):
        add_entry(journal, cycle_id=cycle_id, step=Step.MOVE, text="secret huddle", private=True)
    assert not any("huddle" in phrase for phrase, _ in history(journal).recurring_moves)


def test_history_of_an_empty_journal(tmp_path: Path) -> None:
    journal = open_journal(tmp_path / "empty.db", create=True)
    try:
        h = history(journal)
    finally:
        journal.close()
    assert (h.total, h.days, h.changes, h.median_days) == (0, None, [], None)


# -- listing cycles and cycles that grow out of earlier ones (usecases.cycles) ----------------


def test_list_filters(journal: Journal) -> None:
    def listed(only: CycleFilter) -> list[int]:
        return [c.id for c in cycles.list_cycles(journal, entries=False, only=only).cycles]

    assert listed(CycleFilter()) == [1, 2]
    assert listed(CycleFilter(status=Status.CLOSED)) == [1]
    assert listed(CycleFilter(status=Status.OPEN)) == [2]
    assert listed(CycleFilter(partner="jo")) == [2]
    assert listed(CycleFilter(protocol="quick-check-in")) == [2]
    assert listed(CycleFilter(last=1)) == [2]
    assert listed(CycleFilter(since="2026-09-14")) == [1, 2]
    assert listed(CycleFilter(since="2026-09-15")) == []
    assert listed(CycleFilter(partner="Nobody")) == []


def test_listing_with_entries_and_the_current_cycle(journal: Journal) -> None:
    found = cycles.list_cycles(journal, entries=True)
    assert found.current == 2
    assert [len(c.entries) for c in found.cycles] == [5, 3]
    assert found.activity[2][0] == 3  # entries in the cycle


def test_a_new_goal_from_an_earlier_cycle_keeps_its_people_and_protocol(
    journal: Journal,
) -> None:
    earlier = cycles.get_cycle(journal, 1)
    assert [e.text for e in earlier.entries_for(Step.REFLECTION)] == [REFLECTION]
    plan = cycles.plan_cycle(LIBRARY, teacher=None, partner=None, protocol=None, earlier=earlier)
    assert (plan.teacher, plan.partner, plan.protocol.name, plan.follows) == (
        "Ana",
        "Sam",
        "default",
        1,
    )
    started = cycles.start_cycle(journal, plan, "Students cite numbers in their reasons")
    assert (started.cycle.id, started.cycle.follows) == (3, 1)
    assert cycles.get_cycle(journal, None).follows == 1  # the new one is current
    other = cycles.plan_cycle(
        LIBRARY, teacher=None, partner="Jo", protocol="quick-check-in", earlier=earlier
    )
    assert (other.teacher, other.partner, other.protocol.name) == ("Ana", "Jo", "quick-check-in")


def test_a_new_goal_from_a_missing_cycle_is_refused(journal: Journal) -> None:
    with pytest.raises(NotFound, match="no cycle 9"):
        cycles.get_cycle(journal, 9)


def test_the_private_entry_is_in_the_owners_journal(journal: Journal) -> None:
    assert [e.text for e in cycles.get_cycle(journal, 2).entries if e.private] == [PRIVATE]
