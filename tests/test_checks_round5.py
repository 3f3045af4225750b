"""Round 5 of issue 12: the complaint trap read as a stance over one person's record. Each part
(evaluative words about others, irony, a gain waved away, a turn the writer owns) is tested with
fresh sentences written for these tests, next to the healthy look-alikes it must leave alone, and
then the parts together on whole cycles."""

from __future__ import annotations

import pytest

from tests.test_checks_record import GOAL, PARTNER, TEACHER, TODAY, make
from tpcycle.checks import check_cycle
from tpcycle.checks.record import Reader
from tpcycle.checks.rules import bundled_rules
from tpcycle.checks.text import LIST_NAMES
from tpcycle.domain import Cycle


def _hits(text: str, name: str) -> list[str]:
    cycle = make(("goal", "t", 1, GOAL), ("reflection", "t", 2, text))
    r = Reader(cycle, bundled_rules())
    return [h.phrase for h in r.hits(r.ordered[1], name)]


def _complaint_of(cycle: Cycle, author: str) -> str | None:
    for finding in check_cycle(cycle, today=TODAY):
        if finding.trap == "complaint" and finding.author == author:
            return finding.confidence
    return None


def test_the_round_five_lists_are_known_names() -> None:
    assert {"judgement", "irony", "agency", "same_again"} <= set(LIST_NAMES)


# -- (c) evaluative words about others -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "This period just doesn't care about anything after lunch.",
        "Students simply won't bother with a second draft.",
        "That class is hopeless with anything longer than a page.",
        "Honestly this bunch is what it is.",
        "Some groups are just like that and you ride it out.",
        "Whoever scheduled testing week in the middle of the unit should come teach it.",
        "They treat science like free time.",
        "There is nothing I can do about attendance.",
        "No point in planning around the pep rallies.",
        "The real problem is the calendar.",
        "The schedule is the problem, not the lesson.",
        "Parents around here are clueless about deadlines.",
        "That's ninth graders for you.",
        "My co-teacher didn't even glance at the plan.",
        "Not my problem if they skip the warm-up.",
        "That's fifth period for you.",
        "Some years you get a class that listens.",
        "That is not something a seating chart fixes.",
        "Par for the course in this building.",
        "One teacher isn't going to change that.",
        "Second period won't study for anything.",
        "There's only so much a teacher can do.",
    ],
)
def test_evaluative_words_about_others_are_read(text: str) -> None:
    assert _hits(text, "judgement")


@pytest.mark.parametrize(
    "text",
    [
        "They don't read the second line of the question, so they miss the unit.",
        "This class is quicker with graphs than my other section.",
        "Some of them are just starting to label the y-axis.",
        "The schedule moved the lab to Friday, so I split it over two days.",
        "The kids who missed it were absent on Tuesday.",
        "They know the formula, they just don't see when to use it.",
        "They just never learned that a label needs a unit.",
        "A faster timer won't fix that, so I'll slow the first step down.",
    ],
)
def test_a_plain_description_of_students_or_a_constraint_is_not_judgement(text: str) -> None:
    assert not _hits(text, "judgement")


# -- irony -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Three whole students labelled the axes.",
        "Somebody call the papers.",
        "Gotta love a fire drill during the quiz.",
        "The worksheets mysteriously vanished over the weekend.",
        "Again.",
        "Great plan we've got here.",
        "Apparently nobody has ever seen a graph before.",
        "Up by three, if you can call that progress.",
    ],
)
def test_irony_with_an_edge_is_read(text: str) -> None:
    assert _hits(text, "irony")


@pytest.mark.parametrize(
    "text",
    [
        "Wow, 19 of 25 labelled both axes!",
        "I can't wait for the next cycle.",
        "We tried it again with the second class.",
        "I'm sure they know the units; they skip them when rushed.",
    ],
)
def test_real_praise_and_hope_are_not_irony(text: str) -> None:
    assert not _hits(text, "irony")


# -- (d) a gain waved away -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "It went up, but that's just because the graphs were simple.",
        "Sure, 14 now, but it'll slide right back after the break.",
        "The ones who improved would have done it anyway.",
    ],
)
def test_a_gain_waved_away_is_read(text: str) -> None:
    assert _hits(text, "dismiss")


def test_a_reason_for_a_gain_that_credits_the_move_is_not_dismissal() -> None:
    assert not _hits("It went up because the checklist sat on every desk.", "dismiss")


# -- (b) a turn the writer owns --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I'll ask two of them to talk me through a graph.",
        "We could swap the order of the stations.",
        "Let me try the checklist with the second group first.",
        "What if I show a graph with no units and let them find what's wrong?",
        "Going to give the absent kids two extra days.",
        "I want to look at which ones missed it before I change anything.",
        "Looking at who moved, most of them sat near the board.",
        "Adding a units check to the exit ticket.",
    ],
)
def test_a_first_person_turn_is_read(text: str) -> None:
    assert _hits(text, "agency")


@pytest.mark.parametrize(
    "text",
    [
        "I'll just keep running the same warm-up.",
        "I'll get the blame for the scores anyway.",
        "I'm doing what I can with what they give me.",
        "Going to remind them again.",
        "We will see what happens.",
        "We'll see how it goes.",
    ],
)
def test_staying_the_same_or_waiting_is_not_a_turn(text: str) -> None:
    assert not _hits(text, "agency")


# -- the parts together: a stance over one person's record ------------------------------------


def _stance_teacher() -> Cycle:
    """No single sentence is a loud complaint; the stance runs through the record."""
    return make(
        ("goal", "t", 1, GOAL),
        ("evidence", "t", 2, "Graph check. Four whole kids with units.", ("labelled=4/26",)),
        ("interpretation", "t", 3, "This period just doesn't care after lunch."),
        ("move", "t", 4, "Put the reminder on the board. Again."),
        ("new_evidence", "t", 12, "Second check.", ("labelled=12/26",)),
        ("reflection", "t", 13, "Twelve, but that's only because it was a short quiz."),
        ("reflection", "p", 14, "Eight more kids with units is a real jump. What changed?"),
    )


def test_weak_signs_across_entries_and_no_owned_turn_are_a_clear_sign() -> None:
    assert _complaint_of(_stance_teacher(), TEACHER) in ("medium", "high")
    assert _complaint_of(_stance_teacher(), PARTNER) is None


def test_the_stance_is_not_tempered_by_a_gain_it_waves_away() -> None:
    cycle = make(
        ("goal", "t", 1, GOAL),
        ("evidence", "t", 2, "Graphs.", ("labelled=5/25",)),
        ("interpretation", "t", 3, "Honestly this bunch is what it is."),
        ("new_evidence", "t", 12, "Better.", ("labelled=16/25",)),
        ("reflection", "t", 13, "Sure, but it'll slide right back after the break."),
    )
    assert _complaint_of(cycle, TEACHER) in ("medium", "high")


def test_a_partner_who_only_vents_about_the_building_is_read_on_their_own() -> None:
    cycle = make(
        ("goal", "t", 1, GOAL),
        ("evidence", "t", 2, "Graph check.", ("labelled=6/24",)),
        ("move", "t", 3, "I'll add a units box to every graph.", ("labelled=12/24",)),
        ("new_evidence", "t", 12, "Second check.", ("labelled=13/24",)),
        ("reflection", "t", 13, "The box works. Next I want them to check a partner's graph."),
        (
            "reflection",
            "p",
            14,
            "The real problem is the calendar. No matter how many times we ask, planning time "
            "goes to testing. Nothing I can do about it.",
        ),
    )
    assert _complaint_of(cycle, PARTNER) in ("medium", "high")
    assert _complaint_of(cycle, TEACHER) is None


def test_a_plan_to_do_it_again_as_before_is_not_a_turn() -> None:
    cycle = make(
        ("goal", "t", 1, GOAL),
        ("evidence", "t", 2, "Graphs. Par for the course with this group.", ("labelled=5/25",)),
        ("interpretation", "t", 3, "Second period won't study for anything."),
        ("move", "t", 4, "I'll hand out the units sheet again."),
    )
    assert _complaint_of(cycle, TEACHER) in ("medium", "high")
    retry = make(
        ("goal", "t", 1, GOAL),
        ("evidence", "t", 2, "Graphs. Par for the course with this group.", ("labelled=5/25",)),
        ("interpretation", "t", 3, "Second period won't study for anything."),
        ("move", "t", 4, "I'll try the units sheet again with a partner check at the end."),
    )
    assert _complaint_of(retry, TEACHER) in (None, "low")


def test_moving_on_to_the_next_unit_is_not_a_turn_for_the_stance() -> None:
    cycle = make(
        ("goal", "t", 1, GOAL),
        ("evidence", "t", 2, "Graphs. Par for the course with this group.", ("labelled=5/25",)),
        ("interpretation", "t", 3, "There's only so much a teacher can do."),
        ("new_evidence", "t", 12, "Retake.", ("labelled=9/25",)),
        ("reflection", "t", 13, "Nine. On to the next unit."),
    )
    assert _complaint_of(cycle, TEACHER) in ("medium", "high")


def test_a_teacher_who_vents_and_then_owns_a_plan_is_healthy() -> None:
    cycle = make(
        ("goal", "t", 1, GOAL),
        ("evidence", "t", 2, "Graph check. Three whole kids.", ("labelled=3/24",)),
        ("interpretation", "t", 3, "This period just doesn't care after lunch, I swear."),
        ("move", "t", 4, "Let me try a units checklist taped to each desk."),
        ("new_evidence", "t", 12, "Second check.", ("labelled=11/24",)),
        ("reflection", "t", 13, "Better. I'll ask the ones who moved what they looked at."),
    )
    assert _complaint_of(cycle, TEACHER) in (None, "low")


def test_a_hard_week_named_frankly_while_working_the_problem_is_healthy() -> None:
    cycle = make(
        ("goal", "t", 1, GOAL),
        ("evidence", "t", 2, "Rough week: two fire drills and a sub day.", ("labelled=7/25",)),
        ("interpretation", "t", 3, "The ones who missed it were out on the sub day."),
        ("move", "t", 4, "Going to reteach units to those six at the small table."),
        ("new_evidence", "t", 12, "Second check.", ("labelled=9/25",)),
        ("reflection", "t", 13, "Only two more, and I'm tired. Next time I'd start sooner."),
    )
    assert _complaint_of(cycle, TEACHER) in (None, "low")


def test_a_partner_naming_a_real_constraint_then_a_move_is_healthy() -> None:
    cycle = make(
        ("goal", "t", 1, GOAL),
        ("evidence", "p", 2, "Observed: units on 8 of 25 graphs.", ("labelled=8/25",)),
        ("interpretation", "p", 3, "The schedule is the problem this month: labs keep moving."),
        ("move", "p", 4, "We could keep the units check to the first five minutes."),
        ("new_evidence", "p", 12, "Units on 15 of 25.", ("labelled=15/25",)),
        ("reflection", "p", 13, "The short check held up. What if we hand it to the students?"),
    )
    assert _complaint_of(cycle, PARTNER) in (None, "low")


def test_the_scorer_knows_the_fifth_holdout_and_says_when_it_is_missing(
    tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.test_checks_record import _scorer

    module = _scorer()
    assert module.FILES["holdout5"] == (  # type: ignore[attr-defined]
        "holdout5-cycles.yaml",
        "holdout5-goals.yaml",
    )
    module.CORPUS = tmp_path  # type: ignore[attr-defined]
    assert module.main(["--set", "holdout5"]) == 2  # type: ignore[attr-defined]
    assert "holdout5-cycles.yaml" in capsys.readouterr().err
