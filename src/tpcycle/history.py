"""Looking back across cycles: how many, how long, what got skipped, what changed. Pure.

The store hands over small facts per cycle (not whole cycles), so this stays quick on a
journal of thousands of cycles.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from tpcycle.domain import STEPS, Measure, Status, Step
from tpcycle.measures import compare_measures, latest_by_name


@dataclass(frozen=True)
class CycleFacts:
    id: int
    goal: str
    status: Status
    created_at: str
    closed_at: str | None
    last_entry_at: str | None
    steps: frozenset[Step]


@dataclass(frozen=True)
class Change:
    """One measure that was recorded before and after the move of a cycle."""

    cycle_id: int
    goal: str
    name: str
    change: float
    unit: str


@dataclass
class History:
    total: int = 0
    open: int = 0
    closed: int = 0
    days: list[float] = field(default_factory=list)  # how long each cycle ran
    skipped: dict[Step, int] = field(default_factory=dict)  # closed cycles missing the step
    changes: list[Change] = field(default_factory=list)
    recurring_moves: list[tuple[str, int]] = field(default_factory=list)  # phrase, cycles
    started_by_month: dict[str, int] = field(default_factory=dict)

    @property
    def median_days(self) -> float | None:
        return round(statistics.median(self.days), 1) if self.days else None


def _day(timestamp: str) -> datetime:
    return datetime.strptime(timestamp[:19], "%Y-%m-%dT%H:%M:%S")


def summarize(
    facts: Iterable[CycleFacts],
    measures: Iterable[tuple[int, Step, Measure]],
    moves: Iterable[tuple[int, str]],
) -> History:
    """``measures``: (cycle id, step, measure) in the order recorded; ``moves``: move texts."""
    history = History(skipped=dict.fromkeys(STEPS, 0))
    goals: dict[int, str] = {}
    for cycle in facts:
        goals[cycle.id] = cycle.goal
        history.total += 1
        month = cycle.created_at[:7]
        history.started_by_month[month] = history.started_by_month.get(month, 0) + 1
        end = cycle.closed_at or cycle.last_entry_at or cycle.created_at
        history.days.append(max(0.0, (_day(end) - _day(cycle.created_at)).total_seconds() / 86400))
        if cycle.status is Status.CLOSED:
            history.closed += 1
            for step in STEPS:
                if step not in cycle.steps:
                    history.skipped[step] += 1
        else:
            history.open += 1
    history.changes = _changes(measures, goals)
    history.recurring_moves = recurring(moves)
    history.started_by_month = dict(sorted(history.started_by_month.items()))
    return history


def _changes(measures: Iterable[tuple[int, Step, Measure]], goals: dict[int, str]) -> list[Change]:
    by_cycle: dict[int, dict[Step, list[Measure]]] = {}
    for cycle_id, step, measure in measures:
        by_cycle.setdefault(cycle_id, {}).setdefault(step, []).append(measure)
    changes = []
    for cycle_id, steps in sorted(by_cycle.items()):
        comparison = compare_measures(
            latest_by_name(steps.get(Step.EVIDENCE, [])),
            latest_by_name(steps.get(Step.NEW_EVIDENCE, [])),
            latest_by_name(steps.get(Step.MOVE, [])),
        )
        changes += [
            Change(cycle_id, goals.get(cycle_id, ""), row.name, row.change, row.change_unit)
            for row in comparison.rows
        ]
    return changes


# Words that say nothing about what the move was.
_STOP_WORDS = """
a an the and or but to of in on at for with by from into about as is are was were be been it
its this that these those them they their there then than so very more most less will would can
could should may might i we you he she our my your his her us me one two each every all some any
few also just only not no do does did have has had get got use using used try trying tried make
making made give giving gave students student class lesson lessons before after during first
next new time times week day today
"""
_STOP = frozenset(_STOP_WORDS.split())
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def recurring(moves: Iterable[tuple[int, str]], *, top: int = 5) -> list[tuple[str, int]]:
    """Two-word phrases (or single words) that come back in the moves of several cycles."""
    phrases: Counter[str] = Counter()
    for cycle_id, phrase_set in _phrases_by_cycle(moves).items():
        del cycle_id
        phrases.update(phrase_set)
    repeated = [(phrase, n) for phrase, n in phrases.items() if n >= 2]
    # Prefer two-word phrases: "sentence frames" says more than "sentence".
    repeated.sort(key=lambda item: (-item[1], -item[0].count(" "), item[0]))
    chosen: list[tuple[str, int]] = []
    for phrase, n in repeated:
        if any(phrase in longer for longer, _ in chosen):
            continue
        chosen.append((phrase, n))
        if len(chosen) == top:
            break
    return chosen


def _phrases_by_cycle(moves: Iterable[tuple[int, str]]) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    for cycle_id, text in moves:
        words = [w for w in _WORD.findall(text.casefold()) if w not in _STOP and len(w) > 2]
        bag = found.setdefault(cycle_id, set())
        bag.update(words)
        bag.update(f"{a} {b}" for a, b in itertools.pairwise(words))
    return found
