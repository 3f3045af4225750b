"""Read a cycle's whole record and point out, kindly, the patterns that tend to stall a
partnership (seed 002's five traps), and name what is going well.

Pure functions, no I/O. The words and phrases live in a rules file (``Rules``); the logic that
weighs them lives in this package, one module per job (``record`` reads the cycle once,
``goals``, one module per trap, ``shape``, ``strengths``), and this module combines them. The
signs read: who wrote what, in what order and how quickly, what the numbers did,
how many different moves were tried, negation and hedging, and reported speech. A finding is a
prompt for the pair's next conversation, never a verdict: nothing here blocks a step or scores
anyone. Private entries count too, because findings are only ever shown to the pair.

Each finding has a ``confidence``: ``high`` when several independent signs agree, ``medium``
when one clear sign is there, ``low`` for a faint one worth a glance.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from tpcycle.checks.complaint import complaint
from tpcycle.checks.compliance import compliance
from tpcycle.checks.findings import (
    CONFIDENCES,
    DEFAULT_STALE_DAYS,
    Finding,
)
from tpcycle.checks.fixer import fixer
from tpcycle.checks.goals import goal_findings
from tpcycle.checks.perfection import never_struggling, perfection
from tpcycle.checks.record import Reader
from tpcycle.checks.shape import (
    cycle_drifting,
    interpretation_before_evidence,
    new_evidence_unmatched,
    new_evidence_without_measure,
    partner_learning_missing,
)
from tpcycle.checks.strategy import strategy
from tpcycle.checks.strengths import strengths
from tpcycle.checks.text import Rules
from tpcycle.domain import Cycle, Entry, Role, Step
from tpcycle.measures import compare

# -- putting it together ---------------------------------------------------------------------


def check_goal(goal: str, goal_entries: Sequence[Entry], rules: Rules) -> list[Finding]:
    """What the goal alone suggests; ``tpcycle new goal`` runs this as soon as a goal is typed."""
    return goal_findings(goal, goal_entries, rules)


def check_cycle(
    cycle: Cycle,
    *,
    today: datetime.date,
    rules: Rules,
    stale_days: int = DEFAULT_STALE_DAYS,
    earlier: Sequence[Cycle] = (),
    zone: datetime.tzinfo = datetime.UTC,
) -> list[Finding]:
    """Everything the record suggests: goal first, then the traps, the rest, and strengths.
    ``today`` and the days entries were written are the reader's (``zone``)."""
    r = Reader(cycle, rules)
    comparison = compare(r.ordered)
    findings = goal_findings(cycle.goal, cycle.entries_for(Step.GOAL), rules)
    if any(e.measures for e in r.ordered if e.step in (Step.EVIDENCE, Step.NEW_EVIDENCE)):
        findings = [f for f in findings if f.id != "goal-no-measure"]
    fixing = fixer(r)
    explained = {
        entry_id
        for f in fixing
        if f.confidence != "low"
        for entry_id in f.entry_ids
        if entry_id in {e.id for e in r.view if e.role is Role.TEACHER}
    }
    findings.extend(fixing)
    complaints = complaint(r, comparison)
    findings.extend(complaints)
    strategies = strategy(r)
    complaining = any(f.confidence != "low" for f in complaints)
    perfect = perfection(r, comparison, complaining)
    other_traps = any(f.confidence != "low" for f in (*fixing, *complaints, *strategies, *perfect))
    findings.extend(compliance(r, explained, other_traps, earlier))
    findings.extend(strategies)
    findings.extend(perfect)
    across = never_struggling(r, earlier)
    if across is not None and not complaining:
        findings.append(across)
    for single in (
        interpretation_before_evidence(r),
        new_evidence_without_measure(r),
        new_evidence_unmatched(r, comparison),
        partner_learning_missing(r),
        cycle_drifting(cycle, today, stale_days, zone),
    ):
        if single is not None:
            findings.append(single)
    traps = {f.trap for f in findings if f.confidence != "low"}
    findings.extend(strengths(r, comparison, traps))
    return findings


def trap_confidence(findings: Iterable[Finding]) -> dict[str, str]:
    """The highest confidence per trap among the findings (strengths left out)."""
    best: dict[str, str] = {}
    for finding in findings:
        if finding.kind != "notice":
            continue
        current = best.get(finding.trap)
        if current is None or CONFIDENCES.index(finding.confidence) > CONFIDENCES.index(current):
            best[finding.trap] = finding.confidence
    return best
