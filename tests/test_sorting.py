"""Piles, the score rule, a sort by key and who moved: pure."""

from __future__ import annotations

import pytest

from tpcycle.domain import Measure
from tpcycle.errors import InvalidInput
from tpcycle.messages import Message
from tpcycle.messages_classroom import Classroom
from tpcycle.sorting import (
    DEFAULT_PILES,
    Pile,
    Placed,
    Sorting,
    group_measures,
    movement,
    parse_piles,
    parse_rule,
    piles_of_rule,
    read_score,
)

GPN = parse_piles(DEFAULT_PILES)


def test_the_default_piles_are_got_it_partly_not_yet_on_g_p_n() -> None:
    assert (Pile("g", "got it"), Pile("p", "partly"), Pile("n", "not yet")) == GPN


def test_piles_without_keys_take_the_first_free_letter_of_their_name() -> None:
    piles = parse_piles("secure, developing,  beginning ,support")
    assert [(p.key, p.name) for p in piles] == [
        ("e", "secure"),  # s is kept for skip
        ("d", "developing"),
        ("b", "beginning"),
        ("p", "support"),
    ]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("got it", Classroom.SORT_PILES_COUNT),
        ("u=up,d=down", Classroom.SORT_KEY_RESERVED),
        ("g=got it,g=gone", Classroom.SORT_KEY_TWICE),
        ("got it,Got  It", Classroom.SORT_PILE_TWICE),
        ("gg=got it,p=partly", Classroom.SORT_PILE_KEY),
        ("g=,p=partly", Classroom.SORT_PILE_NAME),
        ("squ,qus", Classroom.SORT_PILE_KEY),
    ],
)
def test_piles_that_cannot_work_are_refused_with_one_reason(text: str, problem: Message) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_piles(text)
    assert caught.value.message_id is problem


def test_a_rule_maps_each_score_to_the_first_pile_whose_floor_it_reaches() -> None:
    rule = parse_rule("not yet>=0, got it >= 8,partly>=5", GPN)
    assert [rule.pile_for(s) for s in (10, 8, 7.9, 5, 4.99, 0, -1)] == [0, 0, 1, 1, 2, 2, None]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("got it>8", Classroom.SORT_RULE_SHAPE),
        ("got it>=eight", Classroom.SORT_RULE_SHAPE),
        ("done>=8,partly>=5", Classroom.SORT_RULE_PILE),
        ("got it>=8,got it>=5", Classroom.SORT_PILE_TWICE),
        ("got it>=2,partly>=5", Classroom.SORT_RULE_ORDER),
        (" , ", Classroom.SORT_RULE_SHAPE),
    ],
)
def test_a_rule_that_cannot_work_is_refused(text: str, problem: Message) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_rule(text, GPN)
    assert caught.value.message_id is problem


def test_a_rule_without_piles_names_its_own_piles_best_first() -> None:
    piles = piles_of_rule("low>=0,high>=8,middle>=4")
    assert [p.name for p in piles] == ["high", "middle", "low"]
    with pytest.raises(InvalidInput):
        piles_of_rule("high>8")


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("7", 7.0),
        (" 7.5 ", 7.5),
        ("7,5", 7.5),
        ("80%", 80.0),
        ("", None),
        ("abs", None),
        ("nan", None),
        ("inf", None),
    ],
)
def test_scores_are_read_as_spreadsheets_write_them(text: str, score: float | None) -> None:
    assert read_score(text) == score


def test_a_sort_is_summarised_as_the_group_counts_groups_gives() -> None:
    placed = [Placed("Student A", 0), Placed("Student B", 2), Placed("Student C", 2)]
    assert group_measures(GPN, placed) == (
        Measure("got it", 1.0, 3.0),
        Measure("partly", 0.0, 3.0),
        Measure("not yet", 2.0, 3.0),
    )
    with pytest.raises(InvalidInput):
        group_measures(GPN, [])


def test_a_sort_by_key_skips_undoes_and_ignores_other_keys() -> None:
    state = Sorting(GPN, ("Lee", "Ana", "Raj"))
    assert state.current == "Lee"
    assert state.press("g") and state.press("S")  # Lee got it, Ana skipped
    assert not state.press("x")
    assert state.press("u")  # Ana back
    assert state.current == "Ana"
    assert state.press("n") and state.press("p")
    assert state.done and not state.press("g")
    assert state.sorted_names() == [("Lee", 0), ("Ana", 2), ("Raj", 1)]
    assert state.counts() == [1, 1, 1]
    state.press("u")
    assert state.current == "Raj"


def test_movement_lists_who_went_up_down_stayed_and_is_still_not_yet() -> None:
    piles = ("got it", "partly", "not yet")
    before = {"Student A": 2, "Student B": 2, "Student C": 1, "Student D": 0, "Student E": 1}
    after = {"Student A": 0, "Student B": 2, "Student C": 2, "Student D": 0, "Student F": 1}
    names = {"Student A": "Zoe", "Student B": "Ana", "Student C": "Lee"}
    moved = movement(before, after, piles, piles, names)
    assert moved.up == (("Zoe", "not yet", "got it"),)
    assert moved.down == (("Lee", "partly", "not yet"),)
    assert moved.still_last == ("Ana",)
    assert moved.stayed == (("Student D", "got it"),)
    assert moved.only_before == ("Student E",)
    assert moved.only_after == ("Student F",)
    assert moved.last_pile == "not yet"
