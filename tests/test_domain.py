from __future__ import annotations

import unicodedata

import pytest

from tpcycle.domain import (
    STEPS,
    Entry,
    Me,
    Role,
    Step,
    clean_text,
    evidence_step,
    progress,
    resolve_author,
)
from tpcycle.errors import InvalidInput
from tpcycle.messages import Message


def entry(step: Step, n: int = 1) -> Entry:
    return Entry(n, f"u{n}", 1, step, "Ana", Role.TEACHER, "text", False, "2026-01-01T00:00:00Z")


def test_steps_are_in_cycle_order() -> None:
    assert [s.value for s in STEPS] == [
        "goal",
        "evidence",
        "interpretation",
        "move",
        "new_evidence",
        "reflection",
    ]
    assert [s.number for s in STEPS] == [1, 2, 3, 4, 5, 6]
    assert Step.NEW_EVIDENCE.label == "New evidence"


def test_progress_names_done_missing_and_next() -> None:
    where = progress([entry(Step.GOAL), entry(Step.EVIDENCE, 2), entry(Step.EVIDENCE, 3)])
    assert where.done == (Step.GOAL, Step.EVIDENCE)
    assert where.missing == (Step.INTERPRETATION, Step.MOVE, Step.NEW_EVIDENCE, Step.REFLECTION)
    assert where.next_step is Step.INTERPRETATION
    assert where.counts[Step.EVIDENCE] == 2
    assert progress([entry(s, i) for i, s in enumerate(STEPS)]).next_step is None


def test_evidence_is_baseline_until_there_is_a_move() -> None:
    assert evidence_step([Step.GOAL], baseline=False, new=False) is Step.EVIDENCE
    assert evidence_step([Step.GOAL, Step.MOVE], baseline=False, new=False) is Step.NEW_EVIDENCE
    assert evidence_step([Step.MOVE], baseline=True, new=False) is Step.EVIDENCE
    assert evidence_step([], baseline=False, new=True) is Step.NEW_EVIDENCE
    with pytest.raises(InvalidInput):
        evidence_step([], baseline=True, new=True)


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        (None, ("Ana Ruiz", Role.TEACHER)),
        ("teacher", ("Ana Ruiz", Role.TEACHER)),
        ("PARTNER", ("Sam Lee", Role.PARTNER)),
        ("sam  lee", ("Sam Lee", Role.PARTNER)),
        ("other:Jo Park", ("Jo Park", Role.OTHER)),
        ("OTHER: Jo  Park", ("Jo Park", Role.OTHER)),
        ("sam", ("Sam Lee", Role.PARTNER)),
        ("SL", ("Sam Lee", Role.PARTNER)),
        ("s.l.", ("Sam Lee", Role.PARTNER)),
        ("ana ruíz", ("Ana Ruiz", Role.TEACHER)),
        ("a\u0301na", ("Ana Ruiz", Role.TEACHER)),
    ],
)
def test_by_takes_a_name_or_a_role(by: str | None, expected: tuple[str, Role]) -> None:
    assert resolve_author(by, "Ana Ruiz", "Sam Lee") == expected


@pytest.mark.parametrize("text", ["", "   ", "\n\t\n", None])
def test_empty_text_is_refused(text: str | None) -> None:
    with pytest.raises(InvalidInput, match="empty"):
        clean_text(text)


def test_text_is_trimmed_but_inner_lines_kept() -> None:
    assert clean_text("  one\r\ntwo  \n") == "one\ntwo"


@pytest.mark.parametrize("by", ["Jordan", "coach", "Ana Lee", "x" * 500])
def test_an_unknown_name_is_refused_naming_both_people(by: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        resolve_author(by, "Ana Ruiz", "Sam Lee")
    assert caught.value.message_id is Message.BY_UNKNOWN
    assert "Ana Ruiz" in caught.value.message and "Sam Lee" in caught.value.message
    assert "\n" not in caught.value.message


def test_names_match_across_accents_dotless_i_and_curly_apostrophes() -> None:
    teacher, partner = "Zeynep Y\u0131ld\u0131z", "Siobhán O\u2019Neill"
    assert resolve_author("zeynep yildiz", teacher, partner) == (teacher, Role.TEACHER)
    assert resolve_author("siobhan o'neill", teacher, partner) == (partner, Role.PARTNER)
    nfd = unicodedata.normalize("NFD", partner)
    assert resolve_author(nfd, teacher, partner) == (partner, Role.PARTNER)
    assert resolve_author("SO", teacher, partner) == (partner, Role.PARTNER)
    assert resolve_author("yildiz", teacher, partner) == (teacher, Role.TEACHER)  # last name


def test_a_shared_first_name_or_initials_is_ambiguous() -> None:
    with pytest.raises(InvalidInput) as caught:
        resolve_author("sam", "Sam Ruiz", "Sam Lee")
    assert caught.value.message_id is Message.BY_AMBIGUOUS
    assert resolve_author("sam lee", "Sam Ruiz", "Sam Lee") == ("Sam Lee", Role.PARTNER)


def test_other_needs_a_name() -> None:
    with pytest.raises(InvalidInput) as caught:
        resolve_author("other:  ", "Ana Ruiz", "Sam Lee")
    assert caught.value.message_id is Message.BY_OTHER_EMPTY


@pytest.mark.parametrize(
    ("me", "expected"),
    [
        (None, ("Ana Ruiz", Role.TEACHER)),
        (Me(Role.PARTNER, "Sam Lee"), ("Sam Lee", Role.PARTNER)),
        (Me(Role.PARTNER, "Jo Park"), ("Sam Lee", Role.PARTNER)),  # another pair's partner role
        (Me(Role.TEACHER, "SAM LEE"), ("Sam Lee", Role.PARTNER)),  # the name wins over the role
        (Me(Role.TEACHER, "Ana Ruiz"), ("Ana Ruiz", Role.TEACHER)),
    ],
)
def test_this_machines_person_is_the_default_voice(
    me: Me | None, expected: tuple[str, Role]
) -> None:
    assert resolve_author(None, "Ana Ruiz", "Sam Lee", me) == expected
    assert resolve_author("teacher", "Ana Ruiz", "Sam Lee", me) == ("Ana Ruiz", Role.TEACHER)
