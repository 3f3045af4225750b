"""Round 6 of issue 12: the complaint trap read as how a person explains a setback (a cause
outside the room called permanent, praise said of bad news, a question that asks nothing) and
which of their words count as a turn toward change. Every sentence here was written for these
tests, not taken from a corpus, and each sign sits next to a healthy look-alike."""

from __future__ import annotations

import pytest

from tests.test_checks_record import GOAL, TODAY, complaint_level, counted, make
from tpcycle.checks import check_cycle
from tpcycle.checks.complaint import _irony, _stable, _turns
from tpcycle.checks.record import Reader
from tpcycle.checks.rules import bundled_rules
from tpcycle.domain import Cycle


def _reader(text: str) -> tuple[Reader, Cycle]:
    cycle = make(("goal", "t", 1, GOAL), ("reflection", "t", 2, text))
    return Reader(cycle, bundled_rules()), cycle


def _stable_in(text: str) -> list[str]:
    r, _ = _reader(text)
    return [h.phrase for h in _stable(r, r.ordered[1])]


def _irony_in(text: str) -> tuple[int, int]:
    r, _ = _reader(text)
    marked, short = _irony(r, r.ordered[1])
    return len(marked), len(short)


def _turns_in(text: str) -> bool:
    r, _ = _reader(text)
    return _turns(r, r.ordered[1], set())


# -- a cause outside the room, called permanent -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Honestly this section has always been like this, even in September.",
        "The Tuesday group is what it is.",
        "Some cohorts are just like that and you ride it out.",
        "Those who were going to get it were always going to get it.",
        "The parents have never once opened the folder, every year it's the same.",
        "Why would they bother when nobody at home checks?",
    ],
)
def test_a_cause_outside_the_room_called_permanent_is_blame(text: str) -> None:
    assert _stable_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "I never give them enough time to finish the second problem.",
        "The rushing drummers never look up at me, so I'll count them in out loud.",
        "They always ask to do the warm-up in pairs.",
        "What if they think the poem just is what it is?",
        "I have always taught this unit with the same worksheet; time to change it.",
    ],
)
def test_a_close_reading_or_my_own_habit_is_not_that(text: str) -> None:
    assert not _stable_in(text)


# -- praise said of bad news ------------------------------------------------------------------


def test_praise_with_a_marker_of_irony_is_irony_and_short_praise_waits_for_company() -> None:
    assert _irony_in("Stunning results once again, truly, three whole kids.")[0] == 1
    assert _irony_in("Fourteen of thirty. Bravo, as usual.")[0] == 1
    assert _irony_in("Great.") == (0, 1)  # only counted beside other complaint
    assert _irony_in("Great results on the retake, 22 of 25 got there.") == (0, 0)


def test_sincere_praise_in_every_entry_is_not_read_as_irony() -> None:
    cycle = make(
        ("goal", "t", 1, GOAL),
        ("evidence", "t", 2, "Graphs from the lab: 9 of 26 had both axes labelled."),
        ("move", "t", 3, "A labelled-axes checklist stuck inside every lab folder."),
        ("new_evidence", "t", 12, "Amazing. 23 of 26 with both axes."),
        ("reflection", "t", 13, "Great. Wonderful to see."),
    )
    assert "complaint" not in counted(cycle)


# -- what counts as a turn --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Next term is going to be worse with the new timetable.",
        "Let's be honest, the ones who care will manage.",
        "I'll just keep doing the same lessons from the binder.",
        "Whatever you come up with, tell me what to try next.",
        "Why would I plan anything new when it gets cancelled?",
    ],
)
def test_words_that_only_look_ahead_are_not_a_turn(text: str) -> None:
    assert not _turns_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "Next step: the ones who missed it get a second go at lunch.",
        "Going to give those five a shorter text before I judge the move.",
        "Next time I'll model one wrong example first.",
        "Which part of the lab write-up did the six who finished do first?",
    ],
)
def test_a_plan_of_ones_own_or_a_real_question_is_a_turn(text: str) -> None:
    assert _turns_in(text)


# -- whole records ----------------------------------------------------------------------------


def test_a_teacher_whose_partner_writes_the_move_and_who_stays_resigned_is_complaint() -> None:
    cycle = make(
        ("goal", "t", 1, GOAL),
        ("evidence", "t", 2, "Graphs from Monday, 8 of 27 with units.", ("units=8/27",)),
        (
            "interpretation",
            "t",
            3,
            "This year group has always been careless, it is the nature of it.",
        ),
        ("move", "p", 4, "Ana agreed to try a units stamp at the top of each graph page."),
        ("new_evidence", "t", 12, "12 of 27. Bravo, as usual.", ("units=12/27",)),
        ("reflection", "t", 13, "Next year's crop will be worse anyway."),
    )
    assert complaint_level(cycle, "Ana Ruiz") in {"medium", "high"}


def test_venting_that_turns_to_a_plan_of_ones_own_stays_healthy() -> None:
    cycle = make(
        ("goal", "t", 1, GOAL),
        ("evidence", "t", 2, "Graphs from Monday, 8 of 27 with units.", ("units=8/27",)),
        (
            "interpretation",
            "t",
            3,
            "Ugh, this group has always rushed graphs. But the ones "
            "with units all drew the table first.",
        ),
        ("move", "t", 4, "Table before graph for two weeks, and I check one table per row."),
        ("new_evidence", "t", 12, "19 of 27 with units.", ("units=19/27",)),
        ("reflection", "t", 13, "Next step: the eight without units get a table template."),
    )
    assert "complaint" not in counted(cycle)


# -- round 7 (after reading holdout7) ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Nothing changes until somebody downtown sends us a second aide.",
        "We would be fine if the counselors did their job.",
        "Maybe in June, if they let us teach.",
        "Thanks, central office.",
        "As long as we're stuck with this textbook I can't see it getting better.",
    ],
)
def test_waiting_on_others_is_read_as_blame_or_venting(text: str) -> None:
    r, _ = _reader(text)
    entry = r.ordered[1]
    assert r.hits(entry, "blame") or r.hits(entry, "venting")


def test_a_shrugged_plan_is_not_a_turn_but_a_plan_with_a_reason_is() -> None:
    assert not _turns_in("I'll do the same review sheet I guess")
    assert _turns_in("I guess I'll try the review sheet with the answers folded under.")


# -- round 8 (after reading holdout8) ------------------------------------------------------------


def test_taking_the_partners_plan_while_writing_it_off_is_not_a_turn() -> None:
    assert not _turns_in("Fine, I'll do Sam's exit ticket thing.")
    assert not _turns_in("I'll keep docking points and they can learn the hard way.")
    assert not _turns_in("I'll let you know when the office gets to it.")


@pytest.mark.parametrize(
    "text",
    [
        "It won't work with this crowd anyway.",
        "Up a little, probably because it was a short week.",
        "Nothing much I can do until the feeder school sorts its maths out.",
        "The class is the problem, not the lesson.",
    ],
)
def test_round_eight_signs_are_read(text: str) -> None:
    r, _ = _reader(text)
    entry = r.ordered[1]
    found = [n for n in ("blame", "venting", "dismiss") if r.hits(entry, n)]
    assert found or _stable(r, entry)


def test_a_reading_of_who_it_did_not_help_is_not_venting() -> None:
    r, _ = _reader("The timer didn't help the three who start late; that is next.")
    assert not r.hits(r.ordered[1], "venting")


def test_venting_that_goes_on_after_a_gain_with_no_turn_is_not_softened() -> None:
    cycle = make(
        ("goal", "t", 1, GOAL),
        ("evidence", "t", 2, "8 of 26 graphs with units.", ("units=8/26",)),
        ("interpretation", "t", 3, "It's me. I'm just not good at teaching graphs."),
        ("move", "p", 4, "Ana agreed to try a units checklist at the top of the sheet."),
        ("new_evidence", "t", 12, "20 of 26. Of course it is.", ("units=20/26",)),
        ("reflection", "t", 13, "I don't know what I'm doing and the kids deserve better."),
    )
    assert complaint_level(cycle, "Ana Ruiz") in {"medium", "high"}


# -- round 9: explanations that keep pointing outward ---------------------------------------------


def _calm_outward(move: str) -> Cycle:
    """A teacher who explains every shortfall by others, calmly, and then acts (or not)."""
    return make(
        ("goal", "t", 1, GOAL),
        ("evidence", "t", 2, "Graphs from the lab: 8 of 27 had units on both axes."),
        (
            "interpretation",
            "t",
            3,
            "The year 7 teachers do not cover units at all. These students never learned to "
            "label anything before they reached us.",
        ),
        ("move", "t", 4, move),
        ("new_evidence", "t", 12, "Graphs again: 10 of 27 with units."),
        (
            "reflection",
            "t",
            13,
            "Much as expected. The department does not give us time for basics, and the "
            "timetable leaves no room for them.",
        ),
    )


def test_explanations_that_point_outward_with_no_move_of_ones_own_are_complaint() -> None:
    cycle = _calm_outward("Raised the gap with the head of department at the staff meeting.")
    assert complaint_level(cycle, "Ana Ruiz") in {"medium", "high"}


def test_the_same_explanations_beside_a_move_of_ones_own_are_left_alone() -> None:
    cycle = _calm_outward("A units checklist taped inside each lab book, checked at the door.")
    assert complaint_level(cycle, "Ana Ruiz") in {None, "low"}


def test_a_forecast_is_not_a_plan_but_a_plan_for_next_time_is() -> None:
    assert not _turns_in("Next term is going to be worse with the new timetable.")
    assert _turns_in("So next cycle is about claims that compare two results.")
    assert _turns_in("Next I want to see if they can do it without the hoops.")


def test_a_move_that_only_asks_others_to_change_is_not_praised_as_the_teachers_own() -> None:
    cycle = _calm_outward("Raised the gap with the head of department at the staff meeting.")
    ids = {f.id for f in check_cycle(cycle, today=TODAY)}
    assert "teacher-shaped-move" not in ids
    own = _calm_outward("A units checklist taped inside each lab book, checked at the door.")
    assert "teacher-shaped-move" in {f.id for f in check_cycle(own, today=TODAY)}


# -- round 10 (after reading holdout10) -----------------------------------------------------------


def test_calm_prose_that_gives_others_as_the_cause_is_read_from_someone_who_never_acts() -> None:
    cycle = make(
        ("goal", "t", 1, GOAL),
        ("evidence", "t", 2, "Graphs from the lab: 8 of 27 had units on both axes."),
        (
            "interpretation",
            "t",
            3,
            "I want to put this carefully. The rota gives science one lab a week because of "
            "the new tutor period. The department is the limiting factor here.",
        ),
        ("move", "p", 4, "We talked about a units stamp; Ana would rather not change the labs."),
        ("new_evidence", "t", 12, "Much the same, which is what I expected given the rota."),
        (
            "reflection",
            "t",
            13,
            "Until the timetable changes we are going to keep seeing these results, and I have "
            "said so to the head of department.",
        ),
    )
    assert complaint_level(cycle, "Ana Ruiz") in {"medium", "high"}


def test_saying_or_undergoing_is_not_a_plan_but_doing_now_is() -> None:
    assert not _turns_in("I want to be honest about where the problem is.")
    assert not _turns_in("We are going to keep seeing the same numbers.")
    assert _turns_in("I'm adding a worked example to the top of every sheet.")
