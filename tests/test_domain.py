from __future__ import annotations

import pytest

from tpcycle.domain import (
    STEPS,
    Entry,
    Role,
    Step,
    clean_text,
    evidence_step,
    progress,
    resolve_author,
)
from tpcycle.errors import InvalidInput


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
        ("Jo Park", ("Jo Park", Role.OTHER)),
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
