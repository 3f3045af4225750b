"""The checks read a cycle's whole record, notice seed 002's five traps, and name what goes well.

Built from domain objects, no database. Each trap has tests for the signs it reads (authorship,
order and timing, the measured comparison, how many moves, negation and reported speech), for
the hard healthy cases that must be left alone, and for bad input; one test gates a floor on
the labelled development corpus in benchmarks/corpus/.
"""

from __future__ import annotations

import datetime
import importlib.util
import json
import os
import sys
import time
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import Run
from tests.usecases.helpers import journal_at, start
from tpcycle.checks import (
    DEFAULT_STALE_DAYS,
    TRAPS,
    Finding,
    RulesError,
    bundled_rules,
    check_cycle,
    check_goal,
    parse_rules,
    trap_confidence,
)
from tpcycle.checks.rules import bundled_text
from tpcycle.checks.text import phrase_problem
from tpcycle.domain import Cycle, Entry, Measure, Role, Status, Step
from tpcycle.measures import parse_measure
from tpcycle.usecases.cycles import close_cycle
from tpcycle.usecases.recording import add_entry

ROOT = Path(__file__).resolve().parents[1]

TEACHER = "Ana Ruiz"
PARTNER = "Sam Lee"
GOAL = "18 of 24 students give a reason for their answer on the exit ticket"
TODAY = datetime.date(2024, 5, 20)


def entry(
    id: int,
    step: Step,
    text: str,
    *,
    day: int,
    role: Role = Role.TEACHER,
    measures: tuple[Measure, ...] = (),
    private: bool = False,
) -> Entry:
    author = {Role.TEACHER: TEACHER, Role.PARTNER: PARTNER, Role.OTHER: "Jo Park"}[role]
    return Entry(
        id=id,
        uid=f"uid-{id}",
        cycle_id=1,
        step=step,
        author=author,
        role=role,
        text=text,
        private=private,
        created_at=f"2024-05-{day:02d}T15:{id:02d}:00Z",
        measures=measures,
    )


def healthy_entries() -> tuple[Entry, ...]:
    return (
        entry(1, Step.GOAL, GOAL, day=1),
        entry(
            2,
            Step.EVIDENCE,
            "Exit tickets: most answers were a number with no reason.",
            day=2,
            measures=(Measure("gave a reason", 6, 24),),
        ),
        entry(
            3,
            Step.INTERPRETATION,
            "Students may not know what a reason looks like in maths.",
            day=3,
            role=Role.PARTNER,
        ),
        entry(
            4,
            Step.MOVE,
            "Model one worked reason and give a sentence starter: 'I know because...'",
            day=3,
            measures=(Measure("gave a reason", 12, 24),),
        ),
        entry(
            5,
            Step.NEW_EVIDENCE,
            "Exit tickets two weeks later.",
            day=17,
            measures=(Measure("gave a reason", 14, 24),),
        ),
        entry(
            6,
            Step.REFLECTION,
            "More students gave a reason than we predicted; a few still wrote only a number. "
            "Keep the starter, drop it for the quicker group.",
            day=18,
        ),
    )


def make_cycle(
    entries: tuple[Entry, ...] | None = None,
    *,
    goal: str = GOAL,
    status: Status = Status.OPEN,
    created_at: str = "2024-05-01T15:00:00Z",
) -> Cycle:
    return Cycle(
        id=1,
        uid="cycle-uid",
        goal=goal,
        teacher=TEACHER,
        partner=PARTNER,
        protocol="default",
        protocol_version="1",
        status=status,
        created_at=created_at,
        entries=healthy_entries() if entries is None else entries,
    )


def without(entries: tuple[Entry, ...], *ids: int) -> tuple[Entry, ...]:
    return tuple(e for e in entries if e.id not in ids)


def swap(entries: tuple[Entry, ...], new: Entry) -> tuple[Entry, ...]:
    return tuple(new if e.id == new.id else e for e in entries)


def ids(findings: list[Finding]) -> list[str]:
    """The notices (strengths left out), in order."""
    return [f.id for f in findings if f.kind == "notice"]


def strengths(findings: list[Finding]) -> list[str]:
    return [f.id for f in findings if f.kind == "strength"]


def traps(cycle: Cycle, today: datetime.date = TODAY) -> set[str]:
    """The traps found with medium or high confidence, as the corpus scorer counts them."""
    found = trap_confidence(check_cycle(cycle, today=today))
    return {t for t, level in found.items() if t in TRAPS and level != "low"}


def stamp(day: int, minute: int = 0) -> str:
    return f"2024-05-{day:02d}T15:{minute:02d}:00Z"


def said(
    id: int,
    step: Step,
    text: str,
    *,
    day: int,
    role: Role = Role.TEACHER,
    minute: int = 0,
    measures: tuple[Measure, ...] = (),
) -> Entry:
    """An entry at a chosen minute (``entry`` puts each at minute == id)."""
    return replace(
        entry(id, step, text, day=day, role=role, measures=measures), created_at=stamp(day, minute)
    )


def only(findings: list[Finding], finding_id: str) -> Finding:
    matching = [f for f in findings if f.id == finding_id]
    assert len(matching) == 1, ids(findings)
    return matching[0]


# -- the healthy cycle ------------------------------------------------------------------------


def test_a_healthy_cycle_gets_no_notices_and_its_strengths_are_named() -> None:
    found = check_cycle(make_cycle(), today=TODAY)
    assert ids(found) == []
    assert strengths(found) == [
        "prediction-reached",
        "teacher-shaped-move",
        "reflection-keep-and-change",
    ]
    reached = next(f for f in found if f.id == "prediction-reached")
    assert "6/24" in reached.noticed and "14/24" in reached.noticed and "12/24" in reached.noticed


def test_a_healthy_cycle_in_progress_gets_no_notices() -> None:
    cycle = make_cycle(healthy_entries()[:4])
    assert ids(check_cycle(cycle, today=datetime.date(2024, 5, 4))) == []


def test_an_empty_new_cycle_with_a_good_goal_gets_nothing() -> None:
    cycle = make_cycle(healthy_entries()[:1])
    assert check_cycle(cycle, today=datetime.date(2024, 5, 2)) == []


# -- goal -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "goal",
    [
        "I will use more group work in lessons",
        "Use more turn-and-talk during discussions",
        "Teach fractions with visual models",
        "Implement exit tickets every Friday",
        "My goal is to incorporate more technology in lessons",
        "I want to give students more time to think",
        "We will try think-pair-share with students.",
        "I'm going to model my thinking aloud for the class",
        "I\u2019ll plan better questions",
        "More wait time after I ask a question",
        "Better transitions between centers",
        "Giving students more feedback on their writing",
        "Students will be taught the CER framework",
        "Teacher will check in with each table during labs",
        "Students will receive more feedback on drafts",
        "Teach students to annotate a text with two questions",
        "Smoother hand-offs between me and my para during centers",
        "Better communication with families about missing work",
        "Co-planning every week with the ELL teacher",
        "Kids get read to every day for 20 minutes",
        "Students will be checked in with by me once a week",
        "Pairing students by reading level for partner reading",
        "Remind students to show their work on every problem",
        "Building relationships with my students",
        "Stronger parent partnerships",
        "Getting through the curriculum on time",
        "Students will get daily feedback from me on their sketches",
        "Shorter mini-lessons so kids have more work time",
    ],
)
def test_goals_about_the_teachers_actions_are_noticed(goal: str) -> None:
    assert "goal-about-teacher" in ids(check_goal(goal))


@pytest.mark.parametrize(
    "goal",
    [
        GOAL,
        "Students will explain their reasoning in writing",
        "I will help students explain their reasoning to a partner",
        "I want my students to cite evidence in two of three answers",
        "By June, most students will start work within 2 minutes",
        "Learners ask a question of a peer before asking me",
        "Kids choose a book at their level on 4 of 5 days",
        "Pupils will use the word wall in their writing",
        "Use of the word wall: students use two unit words in each lab write-up",
        "Students check in with me before leaving the lab table",
        "Students write to their families about the unit in a two-sentence postcard",
        "Kids line up and walk to lunch without talking, timed by me",
        "Students read to a partner for ten minutes and retell the main event",
        "All students line up at the door in under a minute",
        "Students explain how they got their answer to one another at the table",
        "During class, students ask a partner before asking me",
        "SWBAT explain the water cycle with my para",
        "Having students explain their thinking to a partner during number talks",
    ],
)
def test_goals_about_what_students_do_are_not_noticed_as_teacher_goals(goal: str) -> None:
    assert "goal-about-teacher" not in ids(check_goal(goal))


@pytest.mark.parametrize(
    "goal",
    [
        "Improve my teaching",
        "Better engagement",
        "Be a better teacher",
        "Improve student engagement in period 3",
        "Classroom management",
        "More engaging lessons",
        "Students will be more engaged",
        "Raise student achievement in math",
        "Students become better writers",
        "Close the achievement gap",
        "Raise proficiency by 10% on the benchmark",
        "Students will understand fractions",
        "Fractions",
        "Kids enjoy science more",
        "My students will like coming to music class",
        "Students take more pride in their handwriting",
        "Learners have a positive attitude toward fractions",
        "Better home-school communication",
        "A school-wide culture of kindness",
        "Raise the reading levels of the whole grade",
        "Improve attendance rates for 10th grade",
        "Students write better essays",
        "Kids will grow in their independence",
        "Students are more respectful to one another",
        "Students make a year's worth of growth in reading",
        "Students will develop their number sense",
        "Students are successful on the state test",
        "All students read fluently by June",
        "My class is a kinder community",
        "All students will be more engaged",
        "Kids read more at home",
        "SWBAT analyze texts",
    ],
)
def test_broad_or_very_short_goals_are_noticed(goal: str) -> None:
    assert "goal-too-broad" in ids(check_goal(goal))


@pytest.mark.parametrize(
    "goal",
    [
        GOAL,
        "Students will explain their reasoning in writing",
        "Students ask each other a question before asking me",
        "Better engagement: at least 20 of 24 students speak in each discussion",
        "Pupils will use the word wall in their writing",
        "Students will be more engaged during turn-and-talk: both partners talk",
        "Students feel comfortable sharing: at least 10 of 24 volunteer in the closing circle",
        "Students use the feelings chart to name how they feel before a conflict talk",
        "Students enjoy math and explain one strategy to a partner in number talks",
        "Students write to their families about the unit in a two-sentence postcard",
        "Students show their work with more accurate labels on graphs",
        "Students read independently for 15 minutes during reader's workshop",
        "Students build their vocabulary by using 3 new words in each journal entry",
        "Every student names one source of error in the lab conclusion",
        "All students line up at the door in under a minute",
        "Make sure every student writes a claim before the discussion",
        "Students put materials back where they belong before the timer ends",
        "Students describe the culture of ancient Egypt using two artifacts",
        "Students build vocabulary cards for each unit word",
    ],
)
def test_specific_goals_are_not_called_broad(goal: str) -> None:
    assert "goal-too-broad" not in ids(check_goal(goal))


@pytest.mark.parametrize(
    "goal",
    [
        "Students will explain their reasoning in writing",
        "Pupils will use the word wall in their writing",
        "Students in period 3 will ask each other questions",
        "Students in 5th grade will start work without reminders",
    ],
)
def test_goals_with_no_way_to_know_are_noticed(goal: str) -> None:
    finding = only(check_goal(goal), "goal-no-measure")
    assert finding.trap == "measure"


@pytest.mark.parametrize(
    "goal",
    [
        GOAL,
        "Students give a reason in 3 of 4 answers",
        "Most students start work within two minutes",
        "Students score 80% on the Friday quiz",
        "Students will explain their reasoning, scored with our rubric",
        "Every student speaks at least once in discussion",
        "Students will explain their reasoning, checked with a tally",
        "Half the class asks a question out of their own curiosity",
    ],
)
def test_goals_that_suggest_a_measure_are_not_noticed(goal: str) -> None:
    assert "goal-no-measure" not in ids(check_goal(goal))


def test_a_measure_in_the_goal_notes_is_enough() -> None:
    goal = "Students will explain their reasoning in writing"
    note = entry(1, Step.GOAL, "We'll tally who gives a reason on Friday exit tickets.", day=1)
    assert "goal-no-measure" in ids(check_goal(goal))
    assert "goal-no-measure" not in ids(check_goal(goal, [note]))
    with_numbers = replace(note, text="Count it.", measures=(Measure("gave a reason", 6, 24),))
    assert "goal-no-measure" not in ids(check_goal(goal, [with_numbers]))


def test_goal_no_measure_is_quiet_once_the_evidence_carries_numbers() -> None:
    goal = "Students will explain their reasoning in writing"
    entries = swap(healthy_entries(), entry(1, Step.GOAL, goal, day=1))
    assert "goal-no-measure" not in ids(check_cycle(make_cycle(entries, goal=goal), today=TODAY))


def test_check_cycle_includes_the_goal_checks() -> None:
    goal = "I will use more group work"
    cycle = make_cycle(swap(healthy_entries(), entry(1, Step.GOAL, goal, day=1)), goal=goal)
    assert ids(check_cycle(cycle, today=TODAY))[:1] == ["goal-about-teacher"]


def test_goal_findings_quote_the_goal() -> None:
    finding = only(check_goal("Better engagement"), "goal-too-broad")
    assert '"Better engagement"' in finding.noticed
    assert finding.trap == "goal" and finding.confidence == "medium"


# -- the fixer trap ---------------------------------------------------------------------------


def fixer_cycle(*later: Entry) -> Cycle:
    """The healthy start (goal, evidence) and then ``later``."""
    return make_cycle((*healthy_entries()[:2], *later))


def test_reported_speech_from_the_teacher_is_noticed() -> None:
    cycle = fixer_cycle(
        entry(
            3,
            Step.INTERPRETATION,
            "Sam thinks they don't know what a reason is.",
            day=3,
            role=Role.PARTNER,
        ),
        entry(4, Step.MOVE, "Sam told me to use the sentence frames, so I'll do that.", day=4),
    )
    finding = only(check_cycle(cycle, today=TODAY), "teacher-defers")
    assert finding.trap == "fixer" and finding.author == TEACHER
    assert finding.confidence in ("medium", "high") and 4 in finding.entry_ids


@pytest.mark.parametrize(
    "text",
    [
        "I'll keep doing what Sam recommends.",
        "Going with Sam's plan, she knows this stuff better than me",
        "whatever you think is best",
        "Like my coach suggested, exit tickets every day",
        "See Sam's note above.",
        "Working through Sam's checklist this week.",
        "Doing the three action items as instructed.",
    ],
)
def test_handing_the_decision_over_is_noticed(text: str) -> None:
    cycle = fixer_cycle(entry(4, Step.MOVE, text, day=4))
    assert "fixer" in traps(cycle)


def test_a_prescriptive_partner_and_a_one_word_ok_is_noticed() -> None:
    cycle = fixer_cycle(
        entry(
            3,
            Step.INTERPRETATION,
            "What you should do is model it first, every day.",
            day=3,
            role=Role.PARTNER,
        ),
        entry(
            4,
            Step.MOVE,
            "You need to post the frames and make sure they use them.",
            day=3,
            role=Role.PARTNER,
        ),
        entry(5, Step.MOVE, "ok", day=4),
    )
    found = check_cycle(cycle, today=TODAY)
    assert trap_confidence(found)["fixer"] == "high"
    assert "teacher-shaped-move" not in strengths(found)


def test_a_partner_taking_notes_of_the_teachers_ideas_is_not_a_fixer() -> None:
    cycle = make_cycle(
        (
            *healthy_entries()[:2],
            entry(
                3,
                Step.INTERPRETATION,
                "Ana's theory: they have never seen a written reason.",
                day=3,
                role=Role.PARTNER,
            ),
            entry(
                4,
                Step.MOVE,
                "Ana wants to model one reason with a frame before the ticket.",
                day=3,
                role=Role.PARTNER,
                measures=(Measure("gave a reason", 12, 24),),
            ),
            *healthy_entries()[4:],
        )
    )
    assert "fixer" not in traps(cycle)


def test_one_suggestion_the_teacher_reshapes_is_not_a_fixer() -> None:
    cycle = fixer_cycle(
        entry(
            3, Step.INTERPRETATION, "Could a frame help? Just a thought.", day=3, role=Role.PARTNER
        ),
        entry(
            4,
            Step.MOVE,
            "Sam suggested frames but I changed it: they write their own frame after I model one.",
            day=4,
        ),
    )
    assert "fixer" not in traps(cycle)


# Round 2: who proposed the idea, read from the record rather than from advice words.

PARTNER_IDEA = entry(
    3,
    Step.INTERPRETATION,
    "Looks like they have never heard a reason said aloud. A quick oral rehearsal with an "
    "elbow partner would give them the words first.",
    day=3,
    role=Role.PARTNER,
)


def test_a_move_repeating_the_partners_statement_is_noticed() -> None:
    cycle = fixer_cycle(
        PARTNER_IDEA, entry(4, Step.MOVE, "Oral rehearsal with an elbow partner first.", day=4)
    )
    finding = only(check_cycle(cycle, today=TODAY), "partner-idea-taken")
    assert finding.trap == "fixer" and finding.confidence == "medium"
    assert {3, 4} <= set(finding.entry_ids) and "entry 3" in finding.noticed


def test_a_move_repeating_the_partner_after_the_teachers_own_reading_is_only_faint() -> None:
    own = entry(
        5,
        Step.INTERPRETATION,
        "I think they freeze because the ticket asks for a reason they have never had to say.",
        day=3,
    )
    cycle = fixer_cycle(
        PARTNER_IDEA, own, entry(6, Step.MOVE, "Oral rehearsal with an elbow partner.", day=4)
    )
    assert "fixer" not in traps(cycle)


def test_a_move_in_the_teachers_own_words_after_a_partner_question_is_not_a_fixer() -> None:
    question = entry(
        3,
        Step.INTERPRETATION,
        "Would saying a reason aloud with an elbow partner help, or is it the writing itself?",
        day=3,
        role=Role.PARTNER,
    )
    move = entry(
        4, Step.MOVE, "Oral rehearsal with an elbow partner, then they write it down.", day=4
    )
    assert "fixer" not in traps(fixer_cycle(question, move))


def test_asking_what_to_do_and_then_doing_the_partners_answer_is_noticed() -> None:
    ask = entry(3, Step.INTERPRETATION, "Honestly I'm stuck. What would you do?", day=3)
    answer = replace(PARTNER_IDEA, id=4)
    move = entry(5, Step.MOVE, "Oral rehearsal with an elbow partner before writing.", day=4)
    finding = only(check_cycle(fixer_cycle(ask, answer, move), today=TODAY), "partner-idea-taken")
    assert "asked what to do" in finding.noticed and finding.confidence == "high"
    assert finding.author == TEACHER or finding.author is None


def test_asking_for_ideas_and_then_finding_ones_own_is_not_a_fixer() -> None:
    ask = entry(3, Step.INTERPRETATION, "Any ideas? I'm not sure where to go.", day=3)
    back = entry(
        4,
        Step.INTERPRETATION,
        "What do the six who do give a reason have in common?",
        day=3,
        role=Role.PARTNER,
    )
    own = entry(
        5,
        Step.MOVE,
        "The six all talk it through with a neighbour first, so I'll build in a one-minute "
        "pair talk before the ticket.",
        day=4,
    )
    assert "fixer" not in traps(fixer_cycle(ask, back, own))


def test_the_teacher_writing_only_evidence_while_the_partner_writes_the_move_is_noticed() -> None:
    entries = healthy_entries()
    partner_move = replace(entries[3], role=Role.PARTNER, author=PARTNER)
    cycle = make_cycle((entries[0], entries[1], partner_move, entries[4], entries[5]))
    found = check_cycle(cycle, today=TODAY)
    assert trap_confidence(found).get("fixer") in ("medium", "high")
    assert any("wrote the evidence while the move" in f.noticed for f in found)


def test_a_partner_noting_the_teachers_own_move_is_not_the_teacher_writing_only_evidence() -> None:
    entries = healthy_entries()
    noted = replace(
        entries[3],
        role=Role.PARTNER,
        author=PARTNER,
        text="Ana wants to model one worked reason and give a sentence starter.",
    )
    cycle = make_cycle((entries[0], entries[1], noted, entries[4], entries[5]))
    assert "fixer" not in traps(cycle)


def test_a_partners_action_list_answered_done_is_a_fixer_as_well_as_what_else_shows() -> None:
    actions = entry(
        3,
        Step.MOVE,
        "Action items: Quizizz on Monday, Gimkit on Wednesday, Blooket review Friday.",
        day=3,
        role=Role.PARTNER,
    )
    cycle = fixer_cycle(actions, entry(4, Step.MOVE, "done", day=3))
    found = traps(cycle)
    assert {"fixer", "strategy"} <= found


def test_advice_followed_as_instructed_is_noticed_but_the_teachers_own_steps_are_not() -> None:
    followed = entry(4, Step.MOVE, "Followed the checklist Sam sent, step by step.", day=4)
    assert "teacher-defers" in ids(check_cycle(fixer_cycle(followed), today=TODAY))
    own = entry(4, Step.MOVE, "I followed my own checklist from last year's unit.", day=4)
    assert "fixer" not in traps(fixer_cycle(own))


def test_taking_up_the_partners_idea_after_reading_the_evidence_oneself_is_only_faint() -> None:
    reading = entry(
        3,
        Step.INTERPRETATION,
        "They can point to the reason when I ask, they just never write it down on their own.",
        day=3,
    )
    taken = entry(
        4,
        Step.MOVE,
        "I'll go with Sam's idea of a sentence starter, and I'm adding a picture cue for my "
        "newcomers who can't read the starter yet.",
        day=4,
    )
    found = check_cycle(fixer_cycle(reading, taken), today=TODAY)
    assert trap_confidence(found).get("fixer", "low") == "low"


@pytest.mark.parametrize(
    ("text", "trap"),
    [
        ("Honestly maybe I'm not cut out for this. Same result as the last unit.", "complaint"),
        ("It's where these kids come from. Their home lives won't allow it.", "complaint"),
        ("My co-teacher never follows through, so the routine falls apart.", "complaint"),
        ("New seating chart every week and a different reward system each Monday.", "strategy"),
    ],
)
def test_self_doubt_blame_on_backgrounds_and_a_new_system_each_week_are_noticed(
    text: str, trap: str
) -> None:
    entries = healthy_entries()
    step = Step.REFLECTION if trap == "complaint" else Step.MOVE
    target = entries[5] if step is Step.REFLECTION else entries[3]
    flat = replace(entries[4], measures=(Measure("gave a reason", 7, 24),))  # no gain to temper
    changed = swap(swap(entries, flat), replace(target, text=text))
    assert trap in traps(make_cycle(changed))
    assert trap not in traps(make_cycle(entries))


def test_every_interpretation_and_move_by_the_partner_is_noticed() -> None:
    entries = healthy_entries()
    by_partner = swap(entries, replace(entries[3], role=Role.PARTNER, author=PARTNER))
    finding = only(check_cycle(make_cycle(by_partner), today=TODAY), "teacher-voice-missing")
    assert finding.trap == "fixer"
    assert {3, 4} <= set(finding.entry_ids)
    assert PARTNER in finding.noticed and TEACHER in finding.question


def test_one_teacher_interpretation_is_enough_voice() -> None:
    entries = healthy_entries()
    extra = entry(
        7, Step.MOVE, "Also try a reason wall next to the board.", day=4, role=Role.PARTNER
    )
    teacher_interp = replace(entries[2], role=Role.TEACHER, author=TEACHER)
    mixed = (*swap(entries, replace(entries[3], role=Role.PARTNER, author=PARTNER)), extra)
    assert "teacher-voice-missing" in ids(check_cycle(make_cycle(mixed), today=TODAY))
    assert "teacher-voice-missing" not in ids(
        check_cycle(make_cycle(swap(mixed, teacher_interp)), today=TODAY)
    )


# -- the complaint trap -----------------------------------------------------------------------


def with_reflections(*texts: tuple[str, Role]) -> Cycle:
    entries = healthy_entries()[:5]
    added = tuple(
        entry(6 + i, Step.REFLECTION, text, day=18, role=role)
        for i, (text, role) in enumerate(texts)
    )
    return make_cycle((*entries, *added))


@pytest.mark.parametrize(
    "text",
    [
        "These kids just don't care. They're lazy.",
        "This group is just like that, nothing I do works with them.",
        "It worked for like two kids. I'm exhausted.",
        "I'm a bad teacher. I should have known better.",
        "Honestly what's the point, the parents don't care either.",
    ],
)
def test_blame_and_venting_without_a_way_forward_is_noticed(text: str) -> None:
    finding = next(
        f
        for f in check_cycle(with_reflections((text, Role.TEACHER)), today=TODAY)
        if f.trap == "complaint"
    )
    assert finding.author == TEACHER and finding.confidence in ("medium", "high")
    assert finding.question.endswith("?")


def test_a_supportive_partner_reflection_does_not_balance_the_teachers() -> None:
    cycle = with_reflections(
        ("These kids don't care, nothing works with this class.", Role.TEACHER),
        (
            "I learned a lot watching the frames go up; next cycle let's try fading them.",
            Role.PARTNER,
        ),
    )
    assert "complaint" in traps(cycle)


def test_a_partner_who_complains_is_judged_on_their_own_words() -> None:
    cycle = with_reflections(
        ("Keep the starter; next time I'll fade it for the quick group.", Role.TEACHER),
        ("Honestly admin makes everything harder and the PD is useless. Typical.", Role.PARTNER),
    )
    found = [f for f in check_cycle(cycle, today=TODAY) if f.trap == "complaint"]
    assert [f.author for f in found] == [PARTNER]


@pytest.mark.parametrize(
    "text",
    [
        "I thought it would be a waste of time but it was the opposite. Next cycle I want to try "
        "fading the frame.",
        "Not bad at all! It didn't fail like I feared; keep the starter.",
        "Rough start Monday, they were frustrated, but by Friday most wrote a reason. I'll keep it "
        "and add a second example.",
    ],
)
def test_hard_healthy_reflections_are_not_complaints(text: str) -> None:
    assert "complaint" not in traps(with_reflections((text, Role.TEACHER)))


def test_a_measured_gain_tempers_venting() -> None:
    text = "ugh, I'm exhausted."
    gained = check_cycle(with_reflections((text, Role.TEACHER)), today=TODAY)
    entries = healthy_entries()
    flat = swap(entries, replace(entries[4], measures=(Measure("gave a reason", 5, 24),)))
    cycle = make_cycle((*flat[:5], entry(6, Step.REFLECTION, text, day=18)))
    assert trap_confidence(gained)["complaint"] == "low"
    assert trap_confidence(check_cycle(cycle, today=TODAY))["complaint"] != "low"


def test_private_reflections_count() -> None:
    entries = healthy_entries()
    private = swap(
        entries,
        replace(entries[5], text="Awful. These kids won't try. Nothing works.", private=True),
    )
    assert "complaint" in traps(make_cycle(private))


# -- the compliance trap ----------------------------------------------------------------------


def test_empty_entries_are_noticed() -> None:
    cycle = make_cycle(
        (
            entry(1, Step.GOAL, GOAL, day=1),
            entry(2, Step.EVIDENCE, "See data.", day=3),
            entry(3, Step.INTERPRETATION, "Needs work.", day=5),
            entry(4, Step.MOVE, "Model a reason with a frame before the exit ticket.", day=6),
            entry(5, Step.NEW_EVIDENCE, "Done.", day=15),
            entry(6, Step.REFLECTION, "Good cycle.", day=16),
        )
    )
    finding = only(check_cycle(cycle, today=TODAY), "compliance-going-through-motions")
    assert finding.confidence == "high" and set(finding.entry_ids) == {2, 3, 5, 6}


def test_every_step_in_one_sitting_is_noticed() -> None:
    entries = tuple(
        replace(e, created_at=stamp(20, minute=3 * i)) for i, e in enumerate(healthy_entries())
    )
    assert "compliance" in traps(make_cycle(entries), datetime.date(2024, 5, 21))
    assert "compliance" not in traps(make_cycle())


def test_entries_pasted_from_the_goal_or_each_other_are_noticed() -> None:
    entries = healthy_entries()
    pasted = "Students give a reason for their answer on the exit ticket."
    copies = (
        replace(entries[2], text=pasted),
        replace(entries[3], text=pasted, measures=()),
        replace(entries[5], text=pasted),
    )
    cycle = make_cycle(swap(swap(swap(entries, copies[0]), copies[1]), copies[2]))
    found = only(check_cycle(cycle, today=TODAY), "compliance-going-through-motions")
    assert found.confidence in ("medium", "high") and "word for word" in found.noticed
    once = make_cycle(swap(entries, replace(entries[5], text="Exit tickets two weeks later.")))
    assert "compliance" not in traps(once)


def test_a_goal_copied_from_a_plan_is_noticed() -> None:
    goal = "Increase rigor per the school improvement plan"
    cycle = make_cycle(swap(healthy_entries(), entry(1, Step.GOAL, goal, day=1)), goal=goal)
    assert "compliance" in traps(cycle)


def test_short_but_real_entries_are_not_compliance() -> None:
    entries = healthy_entries()
    brief = swap(entries, replace(entries[4], text="Friday exit tickets, same prompt."))
    assert "compliance" not in traps(make_cycle(brief))


# -- the strategy trap ------------------------------------------------------------------------


def test_a_move_before_any_evidence_is_noticed() -> None:
    entries = healthy_entries()
    early_move = replace(entries[3], created_at="2024-05-01T16:00:00Z")
    cycle = make_cycle(swap(entries, early_move))
    finding = only(check_cycle(cycle, today=TODAY), "move-before-evidence")
    assert finding.trap == "strategy"
    assert finding.entry_ids == (4,)
    assert "entry 4" in finding.noticed and "entry 2" in finding.noticed


def test_a_move_with_no_evidence_at_all_is_noticed() -> None:
    cycle = make_cycle(without(healthy_entries(), 2, 3, 5, 6))
    found = check_cycle(cycle, today=datetime.date(2024, 5, 4))
    assert "move-before-evidence" in ids(found)


def test_new_evidence_does_not_count_as_a_starting_point() -> None:
    cycle = make_cycle(without(healthy_entries(), 2, 3, 6))
    assert "move-before-evidence" in ids(check_cycle(cycle, today=TODAY))


def test_hopping_from_tool_to_tool_is_noticed() -> None:
    cycle = fixer_cycle(
        entry(3, Step.INTERPRETATION, "They get bored with plain practice I think.", day=3),
        entry(4, Step.MOVE, "Blooket review on Monday.", day=4),
        entry(
            5,
            Step.NEW_EVIDENCE,
            "They liked it but got bored of Blooket, switched to Gimkit.",
            day=8,
        ),
        entry(6, Step.REFLECTION, "Kahoot went ok too. Next I want to try escape rooms!", day=12),
    )
    assert "strategy" in traps(cycle)


def test_several_moves_at_once_are_noticed() -> None:
    cycle = fixer_cycle(
        entry(3, Step.INTERPRETATION, "They may not know what a reason looks like.", day=3),
        entry(
            4,
            Step.MOVE,
            "Sentence frames, a word wall, think-pair-share and a rubric, all this week.",
            day=4,
        ),
    )
    assert "strategy" in traps(cycle)


def test_evidence_about_enjoyment_is_noticed() -> None:
    entries = healthy_entries()
    fun = swap(
        entries,
        replace(
            entries[4], text="They loved it, so much energy, everyone was excited!", measures=()
        ),
    )
    found = check_cycle(make_cycle(fun), today=TODAY)
    assert "evidence-about-enjoyment" in ids(found)
    assert "strategy" in traps(make_cycle(fun))


def test_a_move_without_an_interpretation_alone_is_a_faint_sign() -> None:
    cycle = make_cycle(without(healthy_entries(), 3))
    finding = only(check_cycle(cycle, today=TODAY), "move-without-interpretation")
    assert finding.confidence == "low"


# -- the perfection trap ----------------------------------------------------------------------


def test_only_success_is_noticed() -> None:
    cycle = with_reflections(("Everything went perfectly, no changes needed.", Role.TEACHER))
    entries = healthy_entries()
    cycle = make_cycle(
        (
            *swap(entries, replace(entries[4], text="Exit tickets, great results."))[:5],
            cycle.entries[-1],
        )
    )
    finding = only(check_cycle(cycle, today=TODAY), "only-success")
    assert finding.trap == "perfection" and finding.confidence in ("medium", "high")


def test_a_goal_already_met_at_baseline_is_noticed() -> None:
    entries = healthy_entries()
    met = swap(entries, replace(entries[1], measures=(Measure("gave a reason", 20, 24),)))
    finding = only(check_cycle(make_cycle(met), today=TODAY), "goal-met-at-baseline")
    assert finding.confidence == "high" and "20/24" in finding.noticed


def test_a_time_goal_already_met_at_baseline_is_noticed() -> None:
    goal = "Kindergarteners line up quietly in under 1 minute"
    cycle = make_cycle(
        (
            entry(1, Step.GOAL, goal, day=1),
            entry(
                2,
                Step.EVIDENCE,
                "Timed it this morning.",
                day=2,
                measures=(Measure("line up", 45, None, "s"),),
            ),
            entry(3, Step.INTERPRETATION, "They know the routine already.", day=3),
            entry(4, Step.MOVE, "Practice with the song.", day=4),
        ),
        goal=goal,
    )
    assert "goal-met-at-baseline" in ids(check_cycle(cycle, today=TODAY))


def test_a_reflection_naming_struggle_and_next_steps_is_not_perfection() -> None:
    cycle = with_reflections(
        (
            "It went great for most, but four kids still wrote only a number. Next time I'll "
            "conference with them first.",
            Role.TEACHER,
        ),
    )
    assert "perfection" not in traps(cycle)


# -- other patterns ---------------------------------------------------------------------------


def test_an_interpretation_before_evidence_is_noticed() -> None:
    entries = healthy_entries()
    early = replace(entries[2], created_at="2024-05-01T16:00:00Z")
    finding = only(
        check_cycle(make_cycle(swap(entries, early)), today=TODAY), "interpretation-before-evidence"
    )
    assert finding.trap == "order"
    assert finding.entry_ids == (3,)


def test_same_moment_entries_are_ordered_by_id() -> None:
    entries = healthy_entries()
    at = "2024-05-02T15:00:00Z"
    same = swap(
        swap(entries, replace(entries[1], created_at=at)), replace(entries[2], created_at=at)
    )
    assert ids(check_cycle(make_cycle(same), today=TODAY)) == []


def test_new_evidence_without_numbers_is_noticed() -> None:
    entries = healthy_entries()
    cycle = make_cycle(swap(entries, replace(entries[4], measures=())))
    finding = only(check_cycle(cycle, today=TODAY), "new-evidence-no-measure")
    assert finding.trap == "measure"
    assert "'gave a reason'" in finding.noticed
    assert finding.entry_ids == (5,)


def test_new_evidence_measuring_something_else_is_noticed_and_named() -> None:
    entries = healthy_entries()
    other = replace(entries[4], measures=(Measure("finished on time", 20, 24),))
    finding = only(
        check_cycle(make_cycle(swap(entries, other)), today=TODAY), "new-evidence-unmatched"
    )
    assert "'gave a reason'" in finding.noticed and "'finished on time'" in finding.noticed


def test_the_same_name_in_a_different_form_is_noticed() -> None:
    entries = healthy_entries()
    other = replace(entries[4], measures=(Measure("Gave a Reason", 14, None, "min"),))
    finding = only(
        check_cycle(make_cycle(swap(entries, other)), today=TODAY), "new-evidence-unmatched"
    )
    assert "different forms" in finding.noticed


def test_matching_is_by_name_whatever_the_case() -> None:
    entries = healthy_entries()
    other = replace(entries[4], measures=(Measure("Gave a  REASON", 14, 24),))
    assert ids(check_cycle(make_cycle(swap(entries, other)), today=TODAY)) == []


def test_a_closed_cycle_without_the_partners_learning_gets_a_faint_mutual_note() -> None:
    finding = only(
        check_cycle(make_cycle(status=Status.CLOSED), today=TODAY), "partner-reflection-missing"
    )
    assert finding.trap == "mutual" and finding.confidence == "low"


def test_a_filled_reflection_without_the_partner_is_noticed_while_still_open() -> None:
    second = entry(7, Step.REFLECTION, "I will keep the sentence starter.", day=18)
    filled = make_cycle((*healthy_entries(), second))
    finding = only(check_cycle(filled, today=TODAY), "partner-reflection-missing")
    assert PARTNER in finding.question and finding.entry_ids == (6, 7)
    assert "partner-reflection-missing" not in ids(check_cycle(make_cycle(), today=TODAY))


def test_the_partners_own_reflection_quiets_it_and_a_third_voice_does_not() -> None:
    mine = entry(7, Step.REFLECTION, "I talked less this time.", day=18, role=Role.PARTNER)
    closed = make_cycle((*healthy_entries(), mine), status=Status.CLOSED)
    assert "partner-reflection-missing" not in ids(check_cycle(closed, today=TODAY))
    other = entry(7, Step.REFLECTION, "Nice work.", day=18, role=Role.OTHER)
    visited = make_cycle((*healthy_entries(), other), status=Status.CLOSED)
    assert "partner-reflection-missing" in ids(check_cycle(visited, today=TODAY))


def test_a_closed_cycle_with_no_reflection_at_all_is_noticed() -> None:
    entries = healthy_entries()[:5]
    finding = only(
        check_cycle(make_cycle(entries, status=Status.CLOSED), today=TODAY),
        "partner-reflection-missing",
    )
    assert "without a reflection" in finding.noticed


LAST_DAY = datetime.date(2024, 5, 18)  # the healthy cycle's last entry


def test_a_cycle_quiet_for_exactly_stale_days_is_not_drifting() -> None:
    today = LAST_DAY + datetime.timedelta(days=DEFAULT_STALE_DAYS)
    assert ids(check_cycle(make_cycle(), today=today)) == []


def test_a_cycle_quiet_one_day_longer_is_drifting() -> None:
    today = LAST_DAY + datetime.timedelta(days=DEFAULT_STALE_DAYS + 1)
    finding = only(check_cycle(make_cycle(), today=today), "cycle-drifting")
    assert finding.trap == "drift"
    assert "15 days" in finding.noticed and "2024-05-18" in finding.noticed


def test_stale_days_can_be_changed() -> None:
    today = LAST_DAY + datetime.timedelta(days=4)
    assert ids(check_cycle(make_cycle(), today=today, stale_days=4)) == []
    assert ids(check_cycle(make_cycle(), today=today, stale_days=3)) == ["cycle-drifting"]


def test_a_cycle_with_no_entries_drifts_from_its_start() -> None:
    cycle = make_cycle((), created_at="2024-05-01T09:00:00Z")
    assert check_cycle(cycle, today=datetime.date(2024, 5, 15)) == []
    found = check_cycle(cycle, today=datetime.date(2024, 5, 16))
    assert ids(found) == ["cycle-drifting"]


# -- the shape of findings --------------------------------------------------------------------


def messy_cycle() -> Cycle:
    goal = "Improve my teaching"
    return make_cycle(
        (
            entry(1, Step.GOAL, goal, day=1),
            entry(2, Step.INTERPRETATION, "They are not listening.", day=1, role=Role.PARTNER),
            entry(
                3,
                Step.MOVE,
                "You need to use a timer and a call-and-response.",
                day=1,
                role=Role.PARTNER,
            ),
            entry(4, Step.EVIDENCE, "Noisy.", day=2, measures=(Measure("on task", 10, 24),)),
            entry(5, Step.NEW_EVIDENCE, "Still noisy.", day=3),
            entry(6, Step.REFLECTION, "It didn't work. These kids don't care.", day=3),
        ),
        goal=goal,
    )


def test_findings_are_plain_kind_and_serialisable() -> None:
    found = check_cycle(messy_cycle(), today=datetime.date(2024, 6, 30))
    assert {"goal", "fixer", "complaint", "strategy", "drift"} <= {f.trap for f in found}
    for finding in found:
        assert finding.id == finding.id.lower() and " " not in finding.id
        assert finding.noticed and finding.question.endswith("?")
        assert finding.why.endswith(".") and finding.why.count(". ") == 0
        assert finding.confidence in ("low", "medium", "high")
        assert finding.kind in ("notice", "strength")
        assert finding.trap in (*TRAPS, "goal", "order", "measure", "drift", "mutual")
        for word in ("fail", "wrong", "should", "must", "score", "rating", "lazy"):
            assert word not in f"{finding.why} {finding.question}".lower(), (finding.id, word)
    as_json = json.loads(json.dumps([asdict(f) for f in found]))
    assert {"id", "trap", "noticed", "why", "question", "entry_ids", "author", "confidence"} <= set(
        as_json[0]
    )


def test_findings_are_frozen() -> None:
    finding = check_goal("Better engagement")[0]
    with pytest.raises(AttributeError):
        finding.id = "other"  # type: ignore[misc]


def test_the_logic_stays_pure() -> None:
    folder = ROOT / "src" / "tpcycle" / "checks"
    loaders = ("rules.py", "saved.py")  # read the rules file and the user's cache: the I/O
    modules = sorted(p.name for p in folder.glob("*.py") if p.name not in loaders)
    assert {"engine.py", "text.py", "fixer.py", "goals.py", "record.py"} <= set(modules)
    for name in modules:
        source = (folder / name).read_text(encoding="utf-8")
        for banned in ("typer", "rich", "sqlite", "yaml", "print(", "open(", "pathlib"):
            assert banned not in source, (name, banned)


def test_no_checks_module_is_over_400_lines() -> None:
    folder = ROOT / "src" / "tpcycle" / "checks"
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in folder.glob("*.py")}
    assert len(sizes) >= 10
    assert all(size <= 400 for size in sizes.values()), sizes


# -- bad input --------------------------------------------------------------------------------


def test_an_empty_cycle_and_a_goal_only_cycle_give_no_trap() -> None:
    assert traps(make_cycle(())) == set()
    assert traps(make_cycle(healthy_entries()[:1])) == set()


def test_one_character_entries_do_not_break_anything() -> None:
    cycle = make_cycle(
        tuple(entry(i, step, "x", day=i) for i, step in enumerate(Step, start=1)), goal="x"
    )
    found = check_cycle(cycle, today=TODAY)
    assert all(f.question.endswith("?") for f in found)


def test_non_english_text_gets_no_wording_finding() -> None:
    spanish = (
        entry(1, Step.GOAL, "Los estudiantes explican su razonamiento por escrito", day=1),
        entry(2, Step.EVIDENCE, "Boletos de salida: casi nadie da una razón.", day=2),
        entry(3, Step.INTERPRETATION, "Estos chicos no quieren trabajar, son flojos.", day=3),
        entry(4, Step.MOVE, "Modelar una explicación con un marco de oración.", day=4),
        entry(5, Step.NEW_EVIDENCE, "Todo salió perfecto, les encantó.", day=12),
        entry(6, Step.REFLECTION, "Estoy agotada, nada funciona con este grupo.", day=13),
    )
    cycle = make_cycle(spanish, goal=spanish[0].text)
    assert traps(cycle) == set()
    assert not [f for f in check_goal(spanish[0].text) if f.trap == "goal"]


def test_huge_entries_and_huge_cycles_stay_fast() -> None:
    big_text = ("These kids just don't care and nothing works. " * 2300)[:100_000]
    big = make_cycle(
        (*healthy_entries()[:5], entry(6, Step.REFLECTION, big_text, day=18)),
    )
    started = time.perf_counter()
    assert "complaint" in traps(big)
    assert time.perf_counter() - started < 1.0
    many = tuple(
        entry(i, list(Step)[1 + i % 5], f"Entry {i}: most students gave a reason today.", day=2)
        for i in range(1, 10_001)
    )
    cycle = make_cycle((healthy_entries()[0], *many))
    started = time.perf_counter()
    check_cycle(cycle, today=TODAY)
    assert time.perf_counter() - started < 1.5


# -- rules files ------------------------------------------------------------------------------


def rules_from(text: str) -> list[str]:
    with pytest.raises(RulesError) as caught:
        parse_rules(text.encode(), Path("r.yaml"))
    return list(caught.value.problems)


def test_the_bundled_rules_load_and_print() -> None:
    rules = bundled_rules()
    assert rules.language == "en" and rules.lists["blame"]
    assert parse_rules(bundled_text().encode(), Path("copy.yaml")).lists == rules.lists


def test_a_rules_file_changes_what_is_noticed() -> None:
    text = "language: fr\npatterns:\n  venting: ['je suis crevée']\n  common_words: [je, suis]\n"
    rules = parse_rules(text.encode(), Path("r.yaml"))
    cycle = with_reflections(("Je suis crevée.", Role.TEACHER))
    assert any(f.trap == "complaint" for f in check_cycle(cycle, today=TODAY, rules=rules))
    assert not any(f.trap == "complaint" for f in check_cycle(cycle, today=TODAY))


def test_bad_yaml_in_a_rules_file_is_located() -> None:
    (problem,) = rules_from("language: en\npatterns: [unclosed\n")
    assert problem.startswith("r.yaml:3:1: ")


def test_unknown_keys_and_lists_in_a_rules_file_are_reported() -> None:
    problems = rules_from("language: en\ncolour: blue\npatterns:\n  moaning: [x]\n")
    assert any(p.startswith("r.yaml:2:1: unknown key 'colour'") for p in problems)
    assert any(p.startswith("r.yaml:4:3: unknown key 'moaning'") for p in problems)


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("(unclosed", "not a valid regular expression"),
        ("(a+)+b", "nested repeats"),
        ("(?:a|aa)*c", "nested repeats"),
        ("(\\w)\\1", "back-references"),
        ("(?P<x>a)(?P=x)", "back-references"),
        ("\\w+\\s+\\w+\\s*x", "unbounded repeats"),
        ("(they) care", "capturing groups"),
    ],
)
def test_dangerous_or_broken_patterns_are_refused_with_their_place(
    pattern: str, problem: str
) -> None:
    text = f"language: en\npatterns:\n  blame:\n    - ok\n    - '{pattern}'\n"
    (found,) = rules_from(text)
    assert found.startswith("r.yaml:5:7: ") and problem in found


def test_a_catastrophic_pattern_never_gets_to_run() -> None:
    catastrophic = "(x+x+)+y"
    assert phrase_problem(catastrophic) is not None
    started = time.perf_counter()
    rules_from(f"language: en\npatterns:\n  blame: ['{catastrophic}']\n")
    assert time.perf_counter() - started < 1.0


def test_the_worst_allowed_pattern_on_the_longest_text_stays_fast() -> None:
    rules = parse_rules(
        b"language: en\npatterns:\n  blame: ['a+a+b']\n  common_words: [a]\n", Path("r.yaml")
    )
    cycle = with_reflections(("a " + "a" * 100_000, Role.TEACHER))
    started = time.perf_counter()
    check_cycle(cycle, today=TODAY, rules=rules)
    assert time.perf_counter() - started < 2.0


def test_the_worst_allowed_pattern_in_a_whole_entry_list_stays_fast() -> None:
    text = "language: en\npatterns:\n  filler: ['a+a+b']\n  acceptance: ['a+a+b']\n"
    rules = parse_rules(text.encode(), Path("r.yaml"))
    entries = healthy_entries()
    long = swap(entries, replace(entries[5], text="a" * 100_000))
    started = time.perf_counter()
    check_cycle(make_cycle(long), today=TODAY, rules=rules)
    assert time.perf_counter() - started < 0.25  # whole-entry lists only read short entries


def test_a_rules_file_that_is_not_a_regular_file_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "rules.yaml"
    os.mkfifo(fifo)
    from tpcycle.checks import load_rules

    with pytest.raises(RulesError, match="not a regular file"):
        load_rules(fifo)


# -- the labelled corpus ----------------------------------------------------------------------


def scorer() -> object:
    spec = importlib.util.spec_from_file_location(
        "corpus_scorer", ROOT / "benchmarks" / "checks.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["corpus_scorer"] = module
    spec.loader.exec_module(module)
    return module


def test_the_development_corpus_stays_above_the_floor() -> None:
    module = scorer()
    scores = module.score_set("dev")  # type: ignore[attr-defined]
    assert scores.cycles >= 80 and scores.goals >= 120
    assert scores.below_targets() == [], scores.below_targets()


def test_the_scorer_knows_the_second_holdout_and_says_when_a_set_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    module = scorer()
    files = module.FILES  # type: ignore[attr-defined]
    assert files["holdout2"] == ("holdout2-cycles.yaml", "holdout2-goals.yaml")
    module.CORPUS = tmp_path  # type: ignore[attr-defined]
    assert module.main(["--set", "holdout2"]) == 2  # type: ignore[attr-defined]
    assert "holdout2-cycles.yaml" in capsys.readouterr().err


@pytest.mark.slow  # builds and loads a 10,000-entry cycle several times: a timing test
def test_checking_a_10000_entry_cycle_costs_less_than_loading_it() -> None:
    timing = scorer().speed(entries=10_000, rounds=3)  # type: ignore[attr-defined]
    assert timing["entries"] == 10_000
    assert timing["check_s"] < timing["load_s"], timing


# -- the check command ------------------------------------------------------------------------


def test_check_json_keeps_its_fields_and_adds_trap_author_confidence(run: Run) -> None:
    run("new", "goal", GOAL, "--teacher", TEACHER, "--partner", PARTNER)
    run("log", "evidence", "Exit tickets, most with no reason", "--measure", "gave a reason=6/24")
    run("interpret", "What you should do is model it. You need to post frames.", "--by", "partner")
    run("move", "ok")
    run("reflect", "These kids just don't care. Nothing works.")
    found = json.loads(run("check", "--json").stdout)
    by_trap = {f["trap"]: f for f in found if f["kind"] == "notice"}
    assert {"fixer", "complaint"} <= set(by_trap)
    for finding in found:
        assert {
            "id",
            "noticed",
            "why",
            "question",
            "entry_ids",
            "trap",
            "author",
            "confidence",
        } <= (set(finding))
    assert by_trap["complaint"]["author"] == TEACHER
    shown = run("check").stdout
    assert "(complaint, clear sign)" in shown and "Ask:" in shown


def test_check_hides_faint_signs_unless_asked(run: Run) -> None:
    run("new", "goal", GOAL)
    run("log", "evidence", "Exit tickets, most with no reason", "--measure", "gave a reason=6/24")
    run("move", "Model one worked reason with a sentence starter before the ticket")
    plain = run("check")
    assert "faint sign not shown" in plain.stderr
    assert "move-without-interpretation" not in plain.stdout
    assert "no interpretation" in run("check", "--all").stdout


def test_check_with_a_bad_rules_file_is_one_line_and_changes_nothing(
    run: Run, tmp_path: Path
) -> None:
    run("new", "goal", GOAL)
    bad = tmp_path / "mine.yaml"
    bad.write_text("language: en\npatterns:\n  blame: ['(a+)+b']\n")
    result = run("check", "--rules", str(bad), ok=False)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "mine.yaml:3:11:" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_print_rules_round_trips_through_rules(run: Run, tmp_path: Path) -> None:
    run("new", "goal", GOAL)
    mine = tmp_path / "mine.yaml"
    mine.write_text(run("check", "--print-rules").stdout)
    assert run("check", "--rules", str(mine)).exit_code == 0


def test_no_struggle_across_several_cycles_is_noticed() -> None:
    proud = "Went well, the students liked it and we will keep it."
    entries = (*healthy_entries()[:5], entry(6, Step.REFLECTION, proud, day=18))
    earlier = [
        replace(make_cycle(entries, status=Status.CLOSED), id=n, uid=f"c{n}") for n in (7, 8)
    ]
    cycle = make_cycle(entries, status=Status.CLOSED)
    found = ids(check_cycle(cycle, today=TODAY, earlier=earlier))
    assert "no-struggle-across-cycles" in found
    assert "no-struggle-across-cycles" not in ids(check_cycle(cycle, today=TODAY))
    honest = replace(earlier[0], entries=healthy_entries())  # "a few still wrote only a number"
    assert "no-struggle-across-cycles" not in ids(
        check_cycle(cycle, today=TODAY, earlier=[honest, earlier[1]])
    )


def test_check_reads_the_pairs_earlier_closed_cycles(run: Run, db_path: Path) -> None:
    proud = "Went well, the students liked it and we will keep it."
    model = "Model one reason with a sentence starter"
    journal = journal_at(db_path)  # three closed cycles, written through the use cases
    try:
        for _ in range(3):
            start(journal, GOAL, teacher=TEACHER, partner=PARTNER)
            for step, text, by, measure in (
                (None, "Exit tickets", None, "gave a reason=6/24"),
                (Step.INTERPRETATION, "They have not seen a written reason.", "partner", None),
                (Step.MOVE, model, None, "gave a reason=12/24"),
                (None, "Exit tickets again", None, "gave a reason=15/24"),
                (Step.REFLECTION, proud, None, None),
            ):
                measures = (parse_measure(measure),) if measure else ()
                add_entry(journal, cycle_id=None, step=step, text=text, by=by, measures=measures)
            close_cycle(journal, None)
    finally:
        journal.close()
    found = json.loads(run("check", "--json").stdout)  # the command reads them
    assert "no-struggle-across-cycles" in {f["id"] for f in found}


# -- fresh cycles, written outside the corpus, as a coach would try them -------------------

COACH_CYCLES = {
    str(item["name"]): item
    for item in yaml.load(
        (ROOT / "tests" / "coach_cycles.yaml").read_text(encoding="utf-8"),
        Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader),  # libyaml's, when PyYAML has it
    )
}


def coach_cycle(spec: list[dict[str, Any]]) -> Cycle:
    entries = []
    for number, item in enumerate(spec, start=1):
        role = Role.TEACHER if item["by"] == "teacher" else Role.PARTNER
        entries.append(
            Entry(
                id=number,
                uid=f"coach-{number}",
                cycle_id=1,
                step=Step(str(item["step"])),
                author=TEACHER if role is Role.TEACHER else PARTNER,
                role=role,
                text=str(item["text"]),
                private=False,
                created_at=f"2025-03-{int(item['day']):02d}T15:{number:02d}:00",
                measures=tuple(parse_measure(str(m)) for m in item.get("measures", ())),
            )
        )
    return Cycle(
        id=1,
        uid="coach",
        goal=entries[0].text,
        teacher=TEACHER,
        partner=PARTNER,
        protocol="default",
        protocol_version="1",
        status=Status.CLOSED,
        created_at=entries[0].created_at,
        entries=tuple(entries),
    )


@pytest.mark.parametrize("name", sorted(COACH_CYCLES))
def test_fresh_cycles_get_the_traps_a_coach_would_name(name: str) -> None:
    cycle = coach_cycle(COACH_CYCLES[name]["entries"])
    expected = COACH_CYCLES[name]["traps"]
    found = check_cycle(cycle, today=datetime.date(2025, 3, 25))
    assert traps(cycle, datetime.date(2025, 3, 25)) == set(expected), [
        (f.id, f.confidence) for f in found if f.kind == "notice"
    ]
    for finding in found:
        assert finding.question.endswith("?")


def test_an_at_least_goal_met_at_baseline_is_noticed_but_an_unrelated_full_count_is_not() -> None:
    goal = "At least 20 students give a reason on the exit ticket"
    entries = swap(healthy_entries(), entry(1, Step.GOAL, goal, day=1))
    met = swap(entries, replace(entries[1], measures=(Measure("gave a reason", 21, 24),)))
    assert "goal-met-at-baseline" in ids(check_cycle(make_cycle(met, goal=goal), today=TODAY))
    other = (Measure("gave a reason", 6, 24), Measure("handed in", 24, 24))
    unrelated = swap(entries, replace(entries[1], measures=other))
    found = ids(check_cycle(make_cycle(unrelated, goal=goal), today=TODAY))
    assert "goal-met-at-baseline" not in found


def test_a_huge_goal_with_a_slow_user_pattern_stays_fast() -> None:
    text = "language: en\npatterns:\n  broad_goals: ['a+a+b']\n  teacher_starts: ['a+a+b']\n"
    rules = parse_rules(text.encode(), Path("r.yaml"))
    goal = "a" * 100_000
    started = time.perf_counter()
    check_goal(goal, rules=rules)
    check_cycle(
        make_cycle((entry(1, Step.GOAL, goal, day=1),), goal=goal), today=TODAY, rules=rules
    )
    assert time.perf_counter() - started < 0.5


@given(
    texts=st.lists(st.text(max_size=300), min_size=0, max_size=12),
    stamps=st.lists(
        st.one_of(st.just("zzz"), st.just(""), st.datetimes().map(lambda d: d.isoformat())),
        min_size=12,
        max_size=12,
    ),
    goal=st.text(max_size=200),
)
@settings(max_examples=150, deadline=None)
def test_any_record_gives_findings_never_an_error(
    texts: list[str], stamps: list[str], goal: str
) -> None:
    steps = list(Step)
    roles = list(Role)
    entries = tuple(
        replace(entry(n + 1, steps[n % 6], text, day=1, role=roles[n % 3]), created_at=stamps[n])
        for n, text in enumerate(texts)
    )
    for status in Status:
        found = check_cycle(make_cycle(entries, goal=goal, status=status), today=TODAY)
        for finding in found:
            assert finding.confidence in ("low", "medium", "high")
            assert finding.question.endswith("?")


def test_check_with_a_missing_rules_file_is_one_line(run: Run, tmp_path: Path) -> None:
    run("new", "goal", GOAL)
    result = run("check", "--rules", str(tmp_path / "none.yaml"), ok=False)
    assert result.exit_code == 1 and "cannot read the file" in result.stderr
    assert result.stderr.count("\n") == 1


def test_drift_counts_days_where_the_reader_lives() -> None:
    # started 2024-05-02 03:00 UTC: still the evening of 1 May in Chicago
    cycle = make_cycle((), created_at="2024-05-02T03:00:00Z")
    chicago = ZoneInfo("America/Chicago")
    assert "cycle-drifting" not in ids(check_cycle(cycle, today=datetime.date(2024, 5, 16)))
    found = check_cycle(cycle, today=datetime.date(2024, 5, 16), zone=chicago)
    drift = [f for f in found if f.id == "cycle-drifting"]
    assert len(drift) == 1 and "2024-05-01" in drift[0].noticed
