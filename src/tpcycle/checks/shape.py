"""Findings about the record's order, measures, drift and mutuality (not one of the traps)."""

from __future__ import annotations

import datetime

from tpcycle.checks.findings import (
    Finding,
    _date,
    _ids,
    _names,
    _order_key,
    _plural,
)
from tpcycle.checks.record import Reader
from tpcycle.domain import Cycle, Role, Status, Step, progress
from tpcycle.measures import Comparison

# -- other patterns --------------------------------------------------------------------------


def interpretation_before_evidence(r: Reader) -> Finding | None:
    interpretation = r.first(Step.INTERPRETATION)
    if interpretation is None:
        return None
    evidence = r.first(Step.EVIDENCE)
    if evidence is not None and _order_key(evidence) < _order_key(interpretation):
        return None
    if evidence is None:
        noticed = (
            f"There is an interpretation (entry {interpretation.id}) but no evidence yet "
            "for it to rest on."
        )
    else:
        noticed = (
            f"The interpretation (entry {interpretation.id}) was written before the first "
            f"evidence (entry {evidence.id})."
        )
    return Finding(
        id="interpretation-before-evidence",
        trap="order",
        noticed=noticed,
        why="Describing what students did before explaining it keeps early guesses from "
        "shaping what you see.",
        question="What did students actually say, write or do, before either of you says why?",
        entry_ids=(interpretation.id,),
    )


def new_evidence_without_measure(r: Reader) -> Finding | None:
    baseline = [e for e in r.step(Step.EVIDENCE) if e.measures]
    new = r.step(Step.NEW_EVIDENCE)
    if not baseline or not new or any(e.measures for e in new):
        return None
    names = _names(dict.fromkeys(m.name for e in baseline for m in e.measures))
    return Finding(
        id="new-evidence-no-measure",
        trap="measure",
        noticed=f"The first evidence measured {names}, but the new evidence "
        f"({_ids(new)}) has no numbers to set beside it.",
        why="The same measure before and after is the clearest way to see what the move changed.",
        question="Could you take the same measure again, the same way, for the new evidence?",
        entry_ids=tuple(e.id for e in new),
    )


def new_evidence_unmatched(r: Reader, comparison: Comparison) -> Finding | None:
    baseline = [e for e in r.step(Step.EVIDENCE) if e.measures]
    new = [e for e in r.step(Step.NEW_EVIDENCE) if e.measures]
    if not baseline or not new or comparison.rows:
        return None
    before = {m.key: m.name for m in comparison.only_baseline}
    after = {m.key: m.name for m in comparison.only_new}
    shared = [before[key] for key in before if key in after]
    noticed = (
        f"The first evidence measured {_names(before.values())}; the new evidence measured "
        f"{_names(after.values())}, so nothing lines up."
    )
    if shared:
        noticed += f" ({_names(shared)} appears in both but is written in different forms.)"
    return Finding(
        id="new-evidence-unmatched",
        trap="measure",
        noticed=noticed,
        why="When the measures match, tpcycle can show the change; when they don't, the "
        "before and after are hard to compare.",
        question="Which of the first measures could you record again under the same name "
        "and in the same form?",
        entry_ids=tuple(e.id for e in new),
    )


def cycle_drifting(
    cycle: Cycle, today: datetime.date, stale_days: int, zone: datetime.tzinfo = datetime.UTC
) -> Finding | None:
    if cycle.status is not Status.OPEN:
        return None
    stamps = [e.created_at for e in cycle.entries] or [cycle.created_at]
    last = _date(max(stamps), zone)
    if last is None:
        return None
    days = (today - last).days
    if days <= stale_days:
        return None
    following = progress(cycle.entries).next_step
    next_part = f" The next step is {following.label.lower()}." if following else ""
    return Finding(
        id="cycle-drifting",
        trap="drift",
        noticed=f"Nothing has been added to this cycle for {_plural(days, 'day')} "
        f"(last on {last.isoformat()}).{next_part}",
        why="Short cycles keep the goal fresh, and a pause is a good moment to decide "
        "together what comes next.",
        question="Is this still the goal you want to work on, or is it time to reflect on "
        "what you have and close the cycle?",
    )


# A reflection step with at least this many answers counts as filled (the pair went through
# its questions), so an open cycle is noticed too; one answer may just be the first.
FILLED_REFLECTION = 2


def partner_learning_missing(r: Reader) -> Finding | None:
    """A closed cycle, or a filled reflection step, with nothing from the partner about what
    they learned: the partner's learning is half of what makes it a partnership."""
    cycle = r.cycle
    reflections = r.step(Step.REFLECTION)
    closed = cycle.status is Status.CLOSED
    if not closed and len(reflections) < FILLED_REFLECTION:
        return None
    if any(e.role is Role.PARTNER for e in reflections):
        return None
    if reflections:
        noticed = (
            f"The reflection has {cycle.teacher}'s thoughts but nothing yet from "
            f"{cycle.partner} about what they learned."
        )
    else:
        noticed = (
            f"The cycle closed without a reflection, so {cycle.partner}'s learning is not in it."
        )
    return Finding(
        id="partner-reflection-missing",
        trap="mutual",
        noticed=noticed,
        why="In a thought partnership both people come away knowing something new; writing "
        "down the partner's side keeps it mutual, and shows what they will take to their own work.",
        question=f"{cycle.partner}, what did this cycle teach you - about these students, about "
        "your own questions, or about something you will try yourself?",
        entry_ids=tuple(e.id for e in reflections),
        confidence="low",
    )
