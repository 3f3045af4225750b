"""Read a cycle's record and point out, kindly, the traps seed 002 names, and what goes well.

``check_cycle`` and ``check_goal`` are what the rest of the program calls. The logic is pure and
split by job: ``record`` reads a cycle once, ``goals`` checks a goal, one module per trap
(``fixer``, ``complaint``, ``compliance``, ``strategy``, ``perfection``), ``shape`` for order,
measures, drift and mutuality, ``strengths`` for what goes well, and ``engine`` combines them.
The words live in a rules file (bundled English by default, read by ``rules``).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from tpcycle.checks import engine
from tpcycle.checks.engine import trap_confidence
from tpcycle.checks.findings import (
    CONFIDENCES,
    DEFAULT_STALE_DAYS,
    TRAPS,
    Finding,
)
from tpcycle.checks.rules import RulesError, bundled_rules, load_rules, parse_rules
from tpcycle.checks.text import Rules
from tpcycle.domain import Cycle, Entry

__all__ = [
    "CONFIDENCES",
    "DEFAULT_STALE_DAYS",
    "TRAPS",
    "Finding",
    "Rules",
    "RulesError",
    "bundled_rules",
    "check_cycle",
    "check_goal",
    "load_rules",
    "parse_rules",
    "trap_confidence",
]


def check_goal(
    goal: str, goal_entries: Sequence[Entry] = (), *, rules: Rules | None = None
) -> list[Finding]:
    """What the goal alone suggests; ``tpcycle new goal`` runs this as soon as a goal is typed."""
    return engine.check_goal(goal, goal_entries, rules or bundled_rules())


def check_cycle(
    cycle: Cycle,
    *,
    today: datetime.date,
    stale_days: int = DEFAULT_STALE_DAYS,
    rules: Rules | None = None,
    earlier: Sequence[Cycle] = (),
    zone: datetime.tzinfo = datetime.UTC,
) -> list[Finding]:
    """Everything the record suggests: goal first, the traps, the rest, then strengths.

    ``earlier``: the same pair's earlier cycles, if the caller has them; they let the checks see
    a pattern across cycles (success only, every time)."""
    return engine.check_cycle(
        cycle,
        today=today,
        rules=rules or bundled_rules(),
        stale_days=stale_days,
        earlier=earlier,
        zone=zone,
    )
