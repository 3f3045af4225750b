"""Round 6 of issue 12: several moves at once and hopping from tool to tool, read from how a
move is written and who wrote the moves. Fresh sentences, each beside a healthy look-alike."""

from __future__ import annotations

from tests.test_checks_record import GOAL, counted, make
from tpcycle.checks.record import Reader
from tpcycle.checks.rules import bundled_rules
from tpcycle.checks.strategy import _hopping, _items
from tpcycle.domain import Step


def test_items_leave_out_examples_in_brackets_and_the_words_before_a_colon() -> None:
    cycle = make(
        ("goal", "t", 1, GOAL),
        (
            "move",
            "t",
            2,
            "Fresh start: a graph wall, sticker charts, Kahoot fridays and a buddy system",
        ),
        ("move", "t", 3, "A word bank (axis, unit, scale, label) taped inside each folder"),
    )
    first, second = Reader(cycle, bundled_rules()).step(Step.MOVE)
    assert _items(first) == 4
    assert _items(second) == 1


def test_four_changes_started_in_one_go_are_several_moves() -> None:
    cycle = make(
        ("goal", "t", 1, GOAL),
        ("evidence", "t", 2, "Graphs from the lab, 7 of 25 with units.", ("units=7/25",)),
        (
            "move",
            "t",
            3,
            "Launching it all Monday: unit stamps, a poster, table captains, "
            "and a graph of the week.",
        ),
        ("new_evidence", "t", 12, "13 of 25 with units.", ("units=13/25",)),
    )
    assert "strategy" in counted(cycle)


def test_one_routine_in_several_steps_is_not_several_moves() -> None:
    cycle = make(
        ("goal", "t", 1, GOAL),
        ("evidence", "t", 2, "Graphs from the lab, 7 of 25 with units.", ("units=7/25",)),
        ("interpretation", "t", 3, "They label the axis name but the unit lives in the table."),
        (
            "move",
            "t",
            4,
            "Point at the table header, say the unit, write it on the axis, "
            "then check with a partner.",
        ),
        ("new_evidence", "t", 12, "19 of 25 with units.", ("units=19/25",)),
    )
    assert "strategy" not in counted(cycle)


def test_a_new_tool_each_move_with_no_reading_between_is_hopping() -> None:
    cycle = make(
        ("goal", "t", 1, GOAL),
        ("evidence", "t", 2, "Graphs from the lab, 7 of 25 with units."),
        ("move", "t", 3, "Quizizz on graph parts."),
        ("new_evidence", "t", 10, "They loved it."),
        ("move", "t", 11, "Blooket this week instead."),
    )
    r = Reader(cycle, bundled_rules())
    assert _hopping(r, r.step(Step.MOVE))


def test_a_partners_idea_then_the_teachers_own_tool_is_not_hopping() -> None:
    cycle = make(
        ("goal", "t", 1, GOAL),
        ("evidence", "t", 2, "Graphs from the lab, 7 of 25 with units."),
        ("move", "p", 3, "One idea: a Kahoot on units?"),
        ("move", "t", 4, "I'd rather use mini whiteboards so I see every graph at once."),
    )
    r = Reader(cycle, bundled_rules())
    assert not _hopping(r, r.step(Step.MOVE))


def test_moves_one_after_another_with_no_reading_between_are_several_moves() -> None:
    cycle = make(
        ("goal", "t", 1, GOAL),
        ("evidence", "t", 2, "Graphs from the lab, 7 of 25 with units.", ("units=7/25",)),
        ("move", "t", 3, "Pairs by ability this week."),
        ("new_evidence", "t", 6, "8 of 25.", ("units=8/25",)),
        ("move", "t", 7, "Pairs by friendship this week."),
        ("new_evidence", "t", 10, "7 of 25.", ("units=7/25",)),
        ("move", "t", 11, "Back to ability pairs, and a new room layout."),
    )
    assert "strategy" in counted(cycle)


def test_a_launch_list_counts_but_one_idea_weighed_against_another_does_not() -> None:
    launched = make(
        ("goal", "t", 1, GOAL),
        ("evidence", "t", 2, "Graphs from the lab, 7 of 25 with units.", ("units=7/25",)),
        (
            "move",
            "t",
            3,
            "Starting Monday: a units poster, a stamp for each graph, table captains, and a "
            "graph of the week.",
        ),
    )
    weighed = make(
        ("goal", "t", 1, GOAL),
        ("evidence", "t", 2, "Graphs from the lab, 7 of 25 with units.", ("units=7/25",)),
        ("interpretation", "t", 3, "They forget the units once the plotting starts."),
        (
            "move",
            "t",
            4,
            "A timer was suggested, but timers get ignored here, so instead: a units box, "
            "filled first, checked by a partner, then plotting.",
        ),
    )
    assert "strategy" in counted(launched)
    assert "strategy" not in counted(weighed)
