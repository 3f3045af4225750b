"""The checks read a cycle's record and notice the traps; built from domain objects, no database."""

from __future__ import annotations

import datetime
import json
from dataclasses import asdict, replace
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tpcycle import checks
from tpcycle.checks import DEFAULT_STALE_DAYS, Finding, check_cycle, check_goal
from tpcycle.domain import Cycle, Entry, Measure, Role, Status, Step

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
    return [f.id for f in findings]


def only(findings: list[Finding], finding_id: str) -> Finding:
    matching = [f for f in findings if f.id == finding_id]
    assert len(matching) == 1, ids(findings)
    return matching[0]


# -- the healthy cycle ------------------------------------------------------------------------


def test_a_healthy_cycle_gets_no_findings() -> None:
    assert check_cycle(make_cycle(), today=TODAY) == []


def test_a_healthy_cycle_in_progress_gets_no_findings() -> None:
    cycle = make_cycle(healthy_entries()[:4])
    assert check_cycle(cycle, today=datetime.date(2024, 5, 4)) == []


def test_an_empty_new_cycle_with_a_good_goal_gets_no_findings() -> None:
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
        "Teach students to annotate a text with two questions",
        "Kids choose a book at their level on 4 of 5 days",
        "Pupils will use the word wall in their writing",
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
        "Kids read more",
        "Fractions",
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


def test_a_private_goal_note_counts_for_the_measure() -> None:
    goal = "Students will explain their reasoning in writing"
    note = entry(1, Step.GOAL, "We'll use exit tickets.", day=1, private=True)
    assert "goal-no-measure" not in ids(check_goal(goal, [note]))


def test_check_cycle_includes_the_goal_checks() -> None:
    goal = "I will use more group work"
    cycle = make_cycle(swap(healthy_entries(), entry(1, Step.GOAL, goal, day=1)), goal=goal)
    found = ids(check_cycle(cycle, today=TODAY))
    assert found == ids(check_goal(goal, [cycle.entries[0]]))
    assert found == ["goal-about-teacher", "goal-no-measure"]


def test_goal_findings_quote_the_goal() -> None:
    finding = only(check_goal("Better engagement"), "goal-too-broad")
    assert '"Better engagement"' in finding.noticed
    assert "engagement" in finding.noticed


# -- order: the strategy trap and interpretation first -------------------------------------


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
    assert ids(found) == ["move-before-evidence"]
    assert found[0].entry_ids == (4,)


def test_new_evidence_does_not_count_as_a_starting_point() -> None:
    cycle = make_cycle(without(healthy_entries(), 2, 3, 6))
    assert "move-before-evidence" in ids(check_cycle(cycle, today=TODAY))


def test_an_interpretation_before_evidence_is_noticed() -> None:
    entries = healthy_entries()
    early = replace(entries[2], created_at="2024-05-01T16:00:00Z")
    finding = only(
        check_cycle(make_cycle(swap(entries, early)), today=TODAY), "interpretation-before-evidence"
    )
    assert finding.trap == "order"
    assert finding.entry_ids == (3,)


def test_an_interpretation_with_no_evidence_is_noticed() -> None:
    cycle = make_cycle(without(healthy_entries(), 2, 4, 5, 6))
    found = check_cycle(cycle, today=datetime.date(2024, 5, 4))
    assert ids(found) == ["interpretation-before-evidence"]


def test_same_moment_entries_are_ordered_by_id() -> None:
    entries = healthy_entries()
    at = "2024-05-02T15:00:00Z"
    same = swap(
        swap(entries, replace(entries[1], created_at=at)), replace(entries[2], created_at=at)
    )
    assert check_cycle(make_cycle(same), today=TODAY) == []


# -- measures ---------------------------------------------------------------------------------


def test_new_evidence_without_numbers_is_noticed() -> None:
    entries = healthy_entries()
    cycle = make_cycle(swap(entries, replace(entries[4], measures=())))
    finding = only(check_cycle(cycle, today=TODAY), "new-evidence-no-measure")
    assert finding.trap == "measure"
    assert "'gave a reason'" in finding.noticed
    assert finding.entry_ids == (5,)
    assert "new-evidence-unmatched" not in ids(check_cycle(cycle, today=TODAY))


def test_new_evidence_measuring_something_else_is_noticed_and_named() -> None:
    entries = healthy_entries()
    other = replace(entries[4], measures=(Measure("finished on time", 20, 24),))
    finding = only(
        check_cycle(make_cycle(swap(entries, other)), today=TODAY), "new-evidence-unmatched"
    )
    assert "'gave a reason'" in finding.noticed
    assert "'finished on time'" in finding.noticed
    assert finding.entry_ids == (5,)


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
    assert check_cycle(make_cycle(swap(entries, other)), today=TODAY) == []


def test_no_measure_finding_when_the_baseline_had_no_numbers() -> None:
    entries = healthy_entries()
    plain = swap(swap(entries, replace(entries[1], measures=())), replace(entries[4], measures=()))
    found = ids(check_cycle(make_cycle(plain), today=TODAY))
    assert "new-evidence-no-measure" not in found
    assert "new-evidence-unmatched" not in found


# -- the fixer trap ---------------------------------------------------------------------------


def test_every_interpretation_and_move_by_the_partner_is_noticed() -> None:
    entries = healthy_entries()
    by_partner = swap(entries, replace(entries[3], role=Role.PARTNER, author=PARTNER))
    finding = only(check_cycle(make_cycle(by_partner), today=TODAY), "teacher-voice-missing")
    assert finding.trap == "fixer"
    assert finding.entry_ids == (3, 4)
    assert PARTNER in finding.noticed and TEACHER in finding.question


def test_a_single_partner_entry_is_not_enough_to_notice() -> None:
    entries = without(healthy_entries(), 4, 5, 6)
    assert "teacher-voice-missing" not in ids(check_cycle(make_cycle(entries), today=TODAY))


def test_one_teacher_interpretation_is_enough_voice() -> None:
    entries = healthy_entries()
    extra = entry(7, Step.MOVE, "Also try a reason wall.", day=4, role=Role.PARTNER)
    teacher_interp = replace(entries[2], role=Role.TEACHER, author=TEACHER)
    mixed = (*swap(entries, replace(entries[3], role=Role.PARTNER)), extra)
    assert "teacher-voice-missing" in ids(check_cycle(make_cycle(mixed), today=TODAY))
    assert "teacher-voice-missing" not in ids(
        check_cycle(make_cycle(swap(mixed, teacher_interp)), today=TODAY)
    )


# -- reflection: complaint and perfection -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "It didn't work. Total chaos, nothing changed.",
        "Terrible week, the move failed.",
        "A disaster. Worst lesson of the year.",
        "Everything went wrong and nothing improved.",
        "It was bad and it never worked.",
    ],
)
def test_a_reflection_naming_only_problems_is_noticed(text: str) -> None:
    entries = healthy_entries()
    cycle = make_cycle(swap(entries, replace(entries[5], text=text)))
    finding = only(check_cycle(cycle, today=TODAY), "reflection-only-problems")
    assert finding.trap == "complaint"
    assert finding.entry_ids == (6,)
    assert "better than expected" in finding.question


@pytest.mark.parametrize(
    "text",
    [
        "It didn't work for the whole class, but more students gave a reason.",
        "Chaos on Monday; by Friday it worked better.",
        "The first try failed and we learned why: the starter was too long.",
        "Bad timing, but I was surprised how many wrote a reason.",
        "We will keep the starter.",
    ],
)
def test_a_balanced_reflection_is_not_noticed(text: str) -> None:
    entries = healthy_entries()
    cycle = make_cycle(swap(entries, replace(entries[5], text=text)))
    assert "reflection-only-problems" not in ids(check_cycle(cycle, today=TODAY))


def test_the_partner_reflection_can_balance_the_teacher_one() -> None:
    entries = healthy_entries()
    gloomy = swap(entries, replace(entries[5], text="Nothing changed, it was a mess."))
    both = (*gloomy, entry(7, Step.REFLECTION, "I learned to ask before I suggest.", day=18))
    assert "reflection-only-problems" in ids(check_cycle(make_cycle(gloomy), today=TODAY))
    assert "reflection-only-problems" not in ids(check_cycle(make_cycle(both), today=TODAY))


def test_private_reflections_count() -> None:
    entries = healthy_entries()
    private = swap(entries, replace(entries[5], text="Awful. It failed.", private=True))
    assert "reflection-only-problems" in ids(check_cycle(make_cycle(private), today=TODAY))


# -- drifting ---------------------------------------------------------------------------------


LAST_DAY = datetime.date(2024, 5, 18)  # the healthy cycle's last entry


def test_a_cycle_quiet_for_exactly_stale_days_is_not_drifting() -> None:
    today = LAST_DAY + datetime.timedelta(days=DEFAULT_STALE_DAYS)
    assert check_cycle(make_cycle(), today=today) == []


def test_a_cycle_quiet_one_day_longer_is_drifting() -> None:
    today = LAST_DAY + datetime.timedelta(days=DEFAULT_STALE_DAYS + 1)
    finding = only(check_cycle(make_cycle(), today=today), "cycle-drifting")
    assert finding.trap == "drift"
    assert "15 days" in finding.noticed and "2024-05-18" in finding.noticed


def test_stale_days_can_be_changed() -> None:
    today = LAST_DAY + datetime.timedelta(days=4)
    assert check_cycle(make_cycle(), today=today, stale_days=4) == []
    assert ids(check_cycle(make_cycle(), today=today, stale_days=3)) == ["cycle-drifting"]


def test_closed_cycles_do_not_drift() -> None:
    cycle = make_cycle(status=Status.CLOSED)
    assert check_cycle(cycle, today=datetime.date(2025, 1, 1)) == []


def test_a_cycle_with_no_entries_drifts_from_its_start() -> None:
    cycle = make_cycle((), created_at="2024-05-01T09:00:00Z")
    assert check_cycle(cycle, today=datetime.date(2024, 5, 15)) == []
    found = check_cycle(cycle, today=datetime.date(2024, 5, 16))
    assert ids(found) == ["cycle-drifting"]
    assert "goal" in found[0].noticed


def test_drift_counts_days_where_the_reader_lives() -> None:
    # started 2024-05-02 03:00 UTC: still the evening of 1 May in Chicago
    cycle = make_cycle((), created_at="2024-05-02T03:00:00Z")
    chicago = ZoneInfo("America/Chicago")
    assert check_cycle(cycle, today=datetime.date(2024, 5, 16)) == []
    found = check_cycle(cycle, today=datetime.date(2024, 5, 16), zone=chicago)
    assert ids(found) == ["cycle-drifting"] and "(last on 2024-05-01)" in found[0].noticed


def test_drift_names_the_next_step() -> None:
    cycle = make_cycle(healthy_entries()[:3])
    finding = only(check_cycle(cycle, today=datetime.date(2024, 6, 30)), "cycle-drifting")
    assert "next step is move" in finding.noticed


# -- the shape of findings --------------------------------------------------------------------


def messy_cycle() -> Cycle:
    goal = "Improve my teaching"
    return make_cycle(
        (
            entry(1, Step.GOAL, goal, day=1),
            entry(2, Step.INTERPRETATION, "They are not listening.", day=1, role=Role.PARTNER),
            entry(3, Step.MOVE, "Use a timer and a call-and-response.", day=1, role=Role.PARTNER),
            entry(4, Step.EVIDENCE, "Noisy.", day=2, measures=(Measure("on task", 10, 24),)),
            entry(5, Step.NEW_EVIDENCE, "Still noisy.", day=3),
            entry(6, Step.REFLECTION, "It didn't work. Nothing changed.", day=3),
        ),
        goal=goal,
    )


def test_every_rule_fires_on_a_cycle_built_to_show_them_all_in_step_order() -> None:
    found = check_cycle(messy_cycle(), today=datetime.date(2024, 6, 30))
    assert ids(found) == [
        "goal-about-teacher",
        "goal-too-broad",
        "goal-no-measure",
        "move-before-evidence",
        "interpretation-before-evidence",
        "new-evidence-no-measure",
        "teacher-voice-missing",
        "reflection-only-problems",
        "cycle-drifting",
    ]


def test_findings_are_plain_kind_and_serialisable() -> None:
    found = check_cycle(messy_cycle(), today=datetime.date(2024, 6, 30))
    for finding in found:
        assert finding.id == finding.id.lower() and " " not in finding.id
        assert finding.noticed and finding.question.endswith("?")
        assert finding.why.endswith(".") and finding.why.count(". ") == 0
        for word in ("fail", "wrong", "should", "must", "score", "rating"):
            assert word not in f"{finding.why} {finding.question}".lower(), (finding.id, word)
    assert json.loads(json.dumps([asdict(f) for f in found]))


def test_findings_are_frozen() -> None:
    finding = check_goal("Better engagement")[0]
    with pytest.raises(AttributeError):
        finding.id = "other"  # type: ignore[misc]


def test_the_module_stays_pure() -> None:
    source = Path(checks.__file__).read_text(encoding="utf-8")
    for banned in ("typer", "rich", "sqlite_utils", "yaml", "print(", "open("):
        assert banned not in source, banned
