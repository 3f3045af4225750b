"""Looking back across cycles: how many, how long, what got skipped, what changed. Pure.

The store counts over every cycle in SQL; only the most recent cycles' numbers and moves
come here to be compared, so this stays quick on a journal of thousands of cycles.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from tpcycle.domain import Measure, Step
from tpcycle.measures import compare_measures, latest_by_name
from tpcycle.voices import VoiceShare


@dataclass(frozen=True)
class Change:
    """One measure that was recorded before and after the move of a cycle."""

    cycle_id: int
    goal: str
    name: str
    change: float
    unit: str


@dataclass(frozen=True)
class Days:
    """How long cycles ran, in days: the shortest, the median and the longest."""

    shortest: float
    median: float
    longest: float

    @classmethod
    def of(cls, days: Iterable[float]) -> Days | None:
        found = sorted(days)
        return cls(found[0], statistics.median(found), found[-1]) if found else None


@dataclass
class History:
    """Counts over every cycle; changes and recurring moves over the most recent ones."""

    open: int = 0
    closed: int = 0
    days: Days | None = None  # how long the cycles ran
    skipped: dict[Step, int] = field(default_factory=dict)  # closed cycles missing the step
    started_by_month: dict[str, int] = field(default_factory=dict)
    recent: int = 0  # how many recent cycles the changes and moves come from
    changes: list[Change] = field(default_factory=list)
    recurring_moves: list[tuple[str, int]] = field(default_factory=list)  # phrase, cycles
    voices: tuple[VoiceShare, ...] = ()  # whose ideas became the moves, per recent cycle

    @property
    def total(self) -> int:
        return self.open + self.closed

    @property
    def median_days(self) -> float | None:
        return round(self.days.median, 1) if self.days else None


def changes(measures: Iterable[tuple[int, str, Step, Measure]]) -> list[Change]:
    """Per cycle, every measure recorded both before and after the move, and how it moved.

    ``measures``: (cycle id, goal, step, measure) in the order they were recorded.
    """
    by_cycle: dict[int, dict[Step, list[Measure]]] = {}
    goals: dict[int, str] = {}
    for cycle_id, goal, step, measure in measures:
        goals[cycle_id] = goal
        by_cycle.setdefault(cycle_id, {}).setdefault(step, []).append(measure)
    found = []
    for cycle_id, steps in sorted(by_cycle.items()):
        comparison = compare_measures(
            latest_by_name(steps.get(Step.EVIDENCE, [])),
            latest_by_name(steps.get(Step.NEW_EVIDENCE, [])),
            latest_by_name(steps.get(Step.MOVE, [])),
        )
        found += [
            Change(cycle_id, goals[cycle_id], row.name, row.change, row.change_unit)
            for row in comparison.rows
        ]
    return found


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
