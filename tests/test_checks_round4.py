"""Round 4 of issue 12: complaint and fixer signals that read a person's whole record, each
tested with fresh sentences written for these tests (not taken from any corpus), next to the
healthy look-alikes they must leave alone."""

from __future__ import annotations

import pytest

from tests.test_checks_record import GOAL, PARTNER, TEACHER, complaint_level, counted, make
from tpcycle.checks.record import Reader
from tpcycle.checks.rules import bundled_rules
from tpcycle.checks.text import LIST_NAMES
from tpcycle.domain import Cycle


def _hits(text: str, name: str) -> list[str]:
    cycle = make(("goal", "t", 1, GOAL), ("reflection", "t", 2, text))
    r = Reader(cycle, bundled_rules())
    return [h.phrase for h in r.hits(r.ordered[1], name)]


def test_the_new_lists_are_known_names() -> None:
    assert {"sarcasm", "handing_over"} <= set(LIST_NAMES)


# -- the single signals, in fresh words ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Oh, what a surprise, four of them bothered to finish the lab.",
        "Wow, a whole two more kids handed it in.",
        "Nine of them remembered to do their homework this week, a new record.",
        "Another triumph for the new pacing calendar.",
        "Terrific planning by the district, as always.",
        'Half the class "lost" the packet again.',
        "If they want to fail the unit, that is their choice.",
    ],
)
def test_contempt_said_as_irony_is_read(text: str) -> None:
    assert _hits(text, "sarcasm")


@pytest.mark.parametrize(
    "text",
    [
        "What a surprise, and a good one: 20 of 24 finished the lab.",
        "I was shocked how well it went.",
        "A whole class period of real talk about the poem.",
        "Twelve of them chose to do the extension task.",
        "Great job by the kids on the second draft.",
    ],
)
def test_honest_surprise_and_praise_are_not_irony(text: str) -> None:
    assert not _hits(text, "sarcasm")


@pytest.mark.parametrize(
    "text",
    [
        "Maybe I should not even be teaching physics.",
        "I feel like such an impostor in front of them.",
        "Every other teacher on my hall would have this handled by now.",
    ],
)
def test_self_blame_that_goes_nowhere_is_venting(text: str) -> None:
    assert _hits(text, "venting")


@pytest.mark.parametrize(
    "text",
    [
        "Pretty sure it was only because the passage was about dogs.",
        "Just a lucky quiz, honestly.",
        "A bit better, but mostly because the sub had already gone over it.",
    ],
)
def test_a_small_gain_waved_away_is_read(text: str) -> None:
    assert _hits(text, "dismiss")


@pytest.mark.parametrize(
    "text",
    [
        "Whoever picked this textbook has clearly never met a nine-year-old.",
        "Until the district hires a real interventionist, this keeps happening.",
        "This generation has no patience for a page of text.",
    ],
)
def test_blame_of_the_system_is_read(text: str) -> None:
    assert _hits(text, "blame")


# -- complaint: the whole record of one person -------------------------------------------------


def _persistent_vent() -> Cycle:
    return make(
        ("goal", "t", 1, GOAL),
        ("evidence", "t", 2, "Quiz. Oh, shocker, the units are missing again.", ("labelled=6/25",)),
        ("interpretation", "t", 3, "Whoever wrote this unit has never taught thirteen-year-olds."),
        ("move", "t", 4, "I'll put a units box on the worksheet. Not like it helps."),
        ("new_evidence", "t", 12, "Quiz two. A bit better, but probably because it was shorter."),
        ("reflection", "t", 13, "Same as every year, so whatever."),
    )


def test_a_complaint_through_most_entries_is_a_clear_sign() -> None:
    assert counted(_persistent_vent()).get("complaint") in ("medium", "high")


def test_a_plan_the_same_entry_takes_back_is_no_turn() -> None:
    cycle = make(
        ("goal", "t", 1, GOAL),
        ("evidence", "t", 2, "Quiz.", ("labelled=5/25",)),
        ("interpretation", "t", 3, "This group is just hopeless with details."),
        ("reflection", "t", 12, "Next week I'll try a checklist. Not like it matters."),
    )
    assert counted(cycle).get("complaint") in ("medium", "high")


def test_venting_that_turns_into_a_plan_is_healthy() -> None:
    cycle = make(
        ("goal", "t", 1, GOAL),
        (
            "evidence",
            "t",
            2,
            "Quiz. Honestly so frustrating, only six had units.",
            ("labelled=6/25",),
        ),
        (
            "interpretation",
            "t",
            3,
            "Looking closer, they label the axis name but skip the unit in brackets.",
        ),
        (
            "move",
            "t",
            4,
            "I'll model one graph and have them circle the unit.",
            ("labelled=15/25",),
        ),
        ("new_evidence", "t", 12, "Quiz two.", ("labelled=16/25",)),
        ("reflection", "t", 13, "I'm tired, but it worked; next I want them to check a partner's."),
    )
    assert "complaint" not in counted(cycle)


def test_one_frustrated_line_then_a_look_at_the_work_is_healthy() -> None:
    cycle = make(
        ("goal", "t", 1, GOAL),
        ("evidence", "t", 2, "Quiz. Ugh, what a week.", ("labelled=7/25",)),
        ("interpretation", "t", 3, "Most missed units on the second graph, not the first."),
        ("move", "t", 4, "Units checklist on the second page too.", ("labelled=14/25",)),
        ("new_evidence", "t", 12, "Quiz two.", ("labelled=15/25",)),
        ("reflection", "t", 13, "Keep the checklist; change the second graph's layout."),
    )
    assert "complaint" not in counted(cycle)


def test_a_partner_naming_a_real_constraint_then_a_move_is_healthy() -> None:
    cycle = make(
        ("goal", "t", 1, GOAL),
        ("evidence", "t", 2, "Quiz.", ("labelled=6/25",)),
        (
            "interpretation",
            "p",
            3,
            "The assembly schedule cost you two lessons this fortnight, which is real. "
            "Could the units practice fit in the first five minutes instead?",
        ),
        ("move", "t", 4, "Five-minute units warm-up every lesson.", ("labelled=14/25",)),
        ("new_evidence", "t", 12, "Quiz two.", ("labelled=15/25",)),
        ("reflection", "t", 13, "Keep the warm-up; next I want to drop my prompts."),
        ("reflection", "p", 13, "The warm-up fit the short weeks; let's look at the quiz."),
    )
    assert "complaint" not in counted(cycle)


def test_a_venting_partner_is_judged_on_her_own_entries() -> None:
    cycle = make(
        ("goal", "t", 1, GOAL),
        ("evidence", "t", 2, "Quiz: the units are missing on most graphs.", ("labelled=6/25",)),
        ("interpretation", "p", 3, "This is what happens when the district rewrites the unit."),
        ("interpretation", "t", 3, "They copy the axis names from the table, which has no units."),
        ("move", "t", 4, "Add units to the table headings and point at them.", ("labelled=15/25",)),
        ("new_evidence", "t", 12, "Quiz two.", ("labelled=16/25",)),
        ("reflection", "p", 13, "Nice, but it won't matter; admin will just buy a new program."),
        ("reflection", "t", 13, "Next I want them to add the units without the table."),
    )
    assert complaint_level(cycle, PARTNER) in ("medium", "high")
    assert complaint_level(cycle, TEACHER) is None


# -- fixer: handing the next decisions over ------------------------------------------------------


def test_a_teacher_who_hands_future_decisions_over_is_the_fixer_trap() -> None:
    cycle = make(
        ("goal", "t", 1, GOAL),
        ("evidence", "t", 2, "Quiz.", ("labelled=5/25",)),
        (
            "interpretation",
            "t",
            3,
            "I think they copy the axis names from the table and the table has no units.",
        ),
        ("move", "t", 4, "Units column added to every table.", ("labelled=14/25",)),
        ("new_evidence", "t", 12, "Quiz two.", ("labelled=15/25",)),
        ("reflection", "t", 13, "Better. Sam knows best, so I'll leave the next step to Sam."),
    )
    assert counted(cycle).get("fixer") in ("medium", "high")


def test_a_bundle_taken_as_given_is_the_fixer_trap() -> None:
    cycle = make(
        ("goal", "t", 1, GOAL),
        ("evidence", "t", 2, "Quiz.", ("labelled=5/25",)),
        ("move", "p", 3, "Two things: a units poster and a graph checklist. Start both Monday."),
        ("move", "t", 4, "Doing both of Sam's, poster and checklist.", ("labelled=14/25",)),
        ("new_evidence", "t", 12, "Quiz two.", ("labelled=15/25",)),
        ("reflection", "t", 13, "Sam, what should we change next?"),
    )
    assert counted(cycle).get("fixer") in ("medium", "high")


def test_crediting_the_partner_and_deciding_oneself_is_healthy() -> None:
    cycle = make(
        ("goal", "t", 1, GOAL),
        ("evidence", "t", 2, "Quiz.", ("labelled=5/25",)),
        (
            "interpretation",
            "t",
            3,
            "I think they copy the axis names from the table and the table has no units.",
        ),
        ("move", "t", 4, "Units column added to every table.", ("labelled=14/25",)),
        ("new_evidence", "t", 12, "Quiz two.", ("labelled=15/25",)),
        (
            "reflection",
            "t",
            13,
            "Sam's question about the tables helped. Next I will take the column away and see.",
        ),
    )
    assert "fixer" not in counted(cycle)


def test_a_complaint_that_runs_through_the_record_is_not_softened_by_a_gain() -> None:
    cycle = make(
        ("goal", "t", 1, GOAL),
        ("evidence", "t", 2, "Quiz. Ugh, so frustrating.", ("labelled=5/25",)),
        ("interpretation", "t", 3, "I'm exhausted and honestly over this class."),
        ("move", "t", 4, "I'll try a units checklist.", ("labelled=14/25",)),
        ("new_evidence", "t", 12, "Quiz two. Still so frustrating.", ("labelled=15/25",)),
        ("reflection", "t", 13, "I'm so tired of all of it."),
    )
    assert counted(cycle).get("complaint") in ("medium", "high")


def test_two_frustrated_lines_with_a_gain_and_plans_stay_low() -> None:
    cycle = make(
        ("goal", "t", 1, GOAL),
        ("evidence", "t", 2, "Quiz. Ugh, so frustrating.", ("labelled=5/25",)),
        ("interpretation", "t", 3, "They skip the unit when the axis label is long."),
        ("move", "t", 4, "I'll try a units checklist.", ("labelled=14/25",)),
        ("new_evidence", "t", 12, "Quiz two. I'm exhausted but it moved.", ("labelled=15/25",)),
        ("reflection", "t", 13, "Keep the checklist; next I want them to peer-check."),
    )
    assert "complaint" not in counted(cycle)


def test_the_scorer_knows_the_fourth_holdout_and_says_when_it_is_missing(
    tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.test_checks_record import _scorer

    module = _scorer()
    assert module.FILES["holdout4"] == (  # type: ignore[attr-defined]
        "holdout4-cycles.yaml",
        "holdout4-goals.yaml",
    )
    module.CORPUS = tmp_path  # type: ignore[attr-defined]
    assert module.main(["--set", "holdout4"]) == 2  # type: ignore[attr-defined]
    assert "holdout4-cycles.yaml" in capsys.readouterr().err


@pytest.mark.parametrize(
    "text",
    [
        "Same problem every unit with this lot.",
        "Sent the reminder, not holding my breath.",
        "Some kids you just can't reach, and I've made my peace with that.",
        "For all the good that will do.",
        "The program was designed to make teachers fail.",
    ],
)
def test_resignation_is_venting_or_blame(text: str) -> None:
    assert _hits(text, "venting") or _hits(text, "blame")


@pytest.mark.parametrize(
    "text",
    [
        "I set it up exactly the way Sam laid it out.",
        "Next I'll check with Sam on what to try.",
        "Sam has done this a thousand times, so whatever Sam picks is fine with me.",
    ],
)
def test_relaying_the_partner_is_read(text: str) -> None:
    assert _hits(text, "deference") or _hits(text, "handing_over")


def test_quoting_the_partner_and_then_doubting_it_reshapes() -> None:
    assert _hits("Sam is usually right, but I don't think that's it this time.", "reshape")


def _invited(reply: str) -> Cycle:
    return make(
        ("goal", "t", 1, GOAL),
        ("evidence", "t", 2, "Quiz. Honestly they just don't care.", ("labelled=6/25",)),
        ("interpretation", "p", 3, "What did the six who labelled units have in common?"),
        ("interpretation", "t", 3, reply),
        ("move", "t", 4, "Units box printed on every graph sheet.", ("labelled=12/25",)),
        ("new_evidence", "t", 12, "Quiz two.", ("labelled=11/25",)),
        ("reflection", "t", 13, "Keep the box."),
    )


def test_answering_an_invitation_with_more_complaint_is_a_clear_sign() -> None:
    assert counted(_invited("Nothing much. The rest are lazy.")).get("complaint") in (
        "medium",
        "high",
    )


def test_venting_then_answering_the_question_is_not_declining() -> None:
    cycle = _invited("Ugh, what a nightmare of a week. But they all sat near the window chart.")
    assert "complaint" not in counted(cycle)
