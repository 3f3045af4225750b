"""History figures from plain aggregates: how measures moved, which moves come back. Pure.

The history and search use cases are tested in tests/usecases/test_history.py.
"""

from __future__ import annotations

from tpcycle.domain import Measure, Step
from tpcycle.history import Change, Days, History, changes, recurring


def test_changes_compare_before_and_after_the_move() -> None:
    measures = [
        (1, "g", Step.EVIDENCE, Measure("x", 1, 4)),
        (1, "g", Step.NEW_EVIDENCE, Measure("x", 3, 4)),
        (2, "h", Step.EVIDENCE, Measure("y", 2)),  # never measured again: no change
    ]
    assert changes(measures) == [Change(1, "g", "x", 50.0, "points")]


def test_recurring_moves_are_phrases_shared_by_cycles() -> None:
    assert recurring(
        [(1, "Use exit tickets daily"), (2, "exit tickets again"), (3, "something else")]
    ) == [("exit tickets", 2)]
    assert recurring([(1, "exit tickets"), (1, "exit tickets again")]) == []  # one cycle


def test_median_days_and_total() -> None:
    h = History(open=2, closed=1, days=Days.of([14.0, 3.0, 5.0]))
    assert (h.total, h.median_days) == (3, 5.0)
    assert History().median_days is None
