"""The pure rules of between meetings: due days, who a promise is for, order, merging."""

from __future__ import annotations

from datetime import date

import pytest

from tpcycle.between import (
    Promise,
    PromiseState,
    merged_state,
    parse_due,
    promise_order,
    resolve_person,
)
from tpcycle.domain import Role
from tpcycle.errors import InvalidInput
from tpcycle.messages_partnership import Partnership

THURSDAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2026-12-04", date(2026, 12, 4)),
        ("2020-01-01", date(2020, 1, 1)),  # in the past: allowed, shown overdue
        ("today", THURSDAY),
        ("Tomorrow", date(2026, 11, 27)),
        ("friday", date(2026, 11, 27)),
        ("fri", date(2026, 11, 27)),
        ("thursday", date(2026, 12, 3)),  # the next one, not today
        ("MON", date(2026, 11, 30)),
        ("+3d", date(2026, 11, 29)),
        ("+2w", date(2026, 12, 10)),
        (" +0d ", THURSDAY),
    ],
)
def test_due_days_as_people_type_them(typed: str, day: date) -> None:
    assert parse_due(typed, THURSDAY) == day


@pytest.mark.parametrize("typed", ["someday", "", "fr", "2026-02-30", "+3m", "-3d", "\x1b[31m"])
def test_a_day_that_cannot_be_read_is_one_clear_error(typed: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_due(typed, THURSDAY)
    assert caught.value.message_id is Partnership.DUE_NOT_A_DAY
    assert "\x1b" not in caught.value.message


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("teacher", Role.TEACHER),
        ("PARTNER", Role.PARTNER),
        ("José Pérez", Role.TEACHER),
        ("jose perez", Role.TEACHER),
        ("jose", Role.TEACHER),
        ("sam lee", Role.PARTNER),
        ("Sam", Role.PARTNER),
    ],
)
def test_an_owner_is_one_of_the_two_people(name: str, role: Role) -> None:
    assert resolve_person(name, "José Pérez", "Sam Lee")[1] is role


def test_an_unknown_owner_names_the_two_people() -> None:
    with pytest.raises(InvalidInput) as caught:
        resolve_person("Jordan", "José Pérez", "Sam Lee")
    assert caught.value.message_id is Partnership.UNKNOWN_PERSON
    assert "José Pérez" in caught.value.message and "Sam Lee" in caught.value.message


def test_a_first_name_both_people_share_says_nothing() -> None:
    with pytest.raises(InvalidInput):
        resolve_person("sam", "Sam Ortiz", "Sam Lee")


def promise(
    pid: int,
    due: str | None,
    state: PromiseState = PromiseState.OPEN,
    owner: Role = Role.TEACHER,
    at: str | None = None,
) -> Promise:
    return Promise(
        pid,
        f"u{pid}",
        1,
        "t",
        "x",
        owner,
        due,
        state,
        at,
        "a",
        Role.TEACHER,
        "2026-11-01T00:00:00Z",
    )


def test_open_promises_overdue_first_then_by_day_undated_last_closed_after() -> None:
    found = [
        promise(1, None),
        promise(2, "2026-12-01"),
        promise(3, "2026-11-20", PromiseState.DONE),
        promise(4, "2026-11-25"),
        promise(5, "2026-11-27"),
        promise(6, "2026-11-01"),
    ]
    assert [p.id for p in promise_order(found, THURSDAY)] == [6, 4, 5, 2, 1, 3]
    assert promise(4, "2026-11-25").overdue(THURSDAY)
    assert not promise(7, "2026-11-26").overdue(THURSDAY)
    assert promise(7, "2026-11-26").due_by(THURSDAY)


def test_mine_come_first_within_each_group() -> None:
    found = [promise(1, "2026-11-20"), promise(2, "2026-11-21", owner=Role.PARTNER)]
    assert [p.id for p in promise_order(found, THURSDAY, mine=Role.PARTNER)] == [2, 1]


def test_done_or_dropped_beats_open_and_the_later_change_wins() -> None:
    open_ = promise(1, None)
    done = promise(1, None, PromiseState.DONE, at="2026-11-02T00:00:00Z")
    dropped_later = promise(1, None, PromiseState.DROPPED, at="2026-11-03T00:00:00Z")
    assert merged_state(open_, done) == (PromiseState.DONE, "2026-11-02T00:00:00Z")
    assert merged_state(done, open_) is None  # an older copy never reopens it
    assert merged_state(done, done) is None
    assert merged_state(done, dropped_later) == (PromiseState.DROPPED, "2026-11-03T00:00:00Z")
    assert merged_state(dropped_later, done) is None
