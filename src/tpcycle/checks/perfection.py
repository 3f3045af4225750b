"""The perfection trap: only success is shown, in this cycle or across the pair's cycles."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tpcycle.checks.findings import (
    Finding,
    _ids,
    _order_key,
    _plural,
)
from tpcycle.checks.record import Reader
from tpcycle.checks.selective import shown_best
from tpcycle.checks.text import whole
from tpcycle.domain import Cycle, Role, Status, Step
from tpcycle.measures import Comparison

# -- perfection ------------------------------------------------------------------------------

# "20 of 25", "20/25"; not a fraction of a unit ("1/4 inch pieces", "3/4 time")
_TARGET_COUNT = re.compile(
    r"(\d+) ?(?:of|out of|/) ?(?:the |my |our |)(\d+)(?![\d/])"
    r"(?! ?-?(?:inch|inches|in\b|cups?|teaspoons?|tsp|tablespoons?|tbsp|miles?|pounds?|lbs?"
    r"|ounces?|oz|cm|mm|meters?|metres?|notes?|time\b|beats?|hours?|turns?|mile))"
)
_TARGET_PERCENT = re.compile(r"(\d+(?:\.\d+)?) ?(?:%|percent|per cent)")


_TIME_TARGET = re.compile(
    r"(?:under|less than|within|in|below|fewer than|at most|no more than) "
    r"(\d+(?:\.\d+)?|a|an|one|two|three|five|ten) ?(seconds?|secs?|s|minutes?|mins?|m)(?!\w)"
)
_SMALL_NUMBERS = {
    "a": 1.0,
    "an": 1.0,
    "one": 1.0,
    "two": 2.0,
    "three": 3.0,
    "five": 5.0,
    "ten": 10.0,
}


def _seconds(value: float, unit: str | None) -> float | None:
    name = (unit or "").strip().lower()
    if name in ("s", "sec", "secs", "second", "seconds"):
        return value
    if name in ("m", "min", "mins", "minute", "minutes"):
        return value * 60
    return None


def _time_target(goal: str) -> float | None:
    """The seconds a goal like "line up in under 1 minute" allows, if it names a time."""
    found = _TIME_TARGET.search(whole(goal))
    if found is None:
        return None
    amount = _SMALL_NUMBERS.get(found.group(1))
    return _seconds(amount if amount is not None else float(found.group(1)), found.group(2))


_TARGET_AT_LEAST = re.compile(
    r"(?:at least|a minimum of|minimum of|no fewer than) (\d+) (?:of (?:my |the |)|)"
    r"(?:students|kids|pupils|learners|children|scholars|of them)"
)


def _target_count(goal: str) -> float | None:
    """N in a goal like "at least 20 students ..." (compared with a count's value)."""
    found = _TARGET_AT_LEAST.search(whole(goal))
    return float(found.group(1)) if found else None


MIN_TARGET_PERCENT = 30.0


def _target_percent(goal: str) -> float | None:
    text = whole(goal)
    count = _TARGET_COUNT.search(text)
    if count and int(count.group(2)) > 0:
        return 100.0 * int(count.group(1)) / int(count.group(2))
    percent = _TARGET_PERCENT.search(text)
    # a share of the class to reach is a sizeable one; "convert 5% and 125%" names content
    if percent and MIN_TARGET_PERCENT <= float(percent.group(1)) <= 100:
        return float(percent.group(1))
    return None


def perfection(r: Reader, comparison: Comparison, complaining: bool) -> list[Finding]:
    """``complaining``: the complaint trap was found, so short "nothing to report" notes are
    not read as pride in a flawless lesson."""
    found: list[Finding] = []
    cycle = r.cycle
    # a goal already met at baseline
    baseline = [m for e in r.step(Step.EVIDENCE) for m in e.measures if m.is_count]
    target = _target_percent(cycle.goal)
    predicted = [m for e in r.step(Step.MOVE) for m in e.measures if m.is_count]
    met: str | None = None
    timed = _time_target(cycle.goal)
    if timed is not None:
        for measure in (m for e in r.step(Step.EVIDENCE) for m in e.measures):
            seconds = _seconds(measure.value, measure.unit)
            if not measure.is_count and seconds is not None and seconds <= timed:
                met = (
                    f"the first evidence ({measure.name} {measure.display()}) is already "
                    "within the goal's time"
                )
    # the goal's own measure: the one that comes back in the new evidence or the prediction
    later_keys = {
        m.key for e in (*r.step(Step.NEW_EVIDENCE), *r.step(Step.MOVE)) for m in e.measures
    }
    # a baseline taken again (the whole class after one group) replaces the first
    latest = list({m.key: m for m in baseline}.values())
    tracked = [m for m in latest if m.key in later_keys] or latest
    if tracked and met is None:
        best = max(tracked, key=lambda m: m.percent or 0.0)
        least = _target_count(cycle.goal)
        if (target is not None and (best.percent or 0.0) >= target) or (
            least is not None and best.value >= least
        ):
            met = (
                f"the first evidence ({best.name} {best.display()}) already reaches the "
                "goal's target"
            )
        else:
            for p in predicted:
                base = next((b for b in latest if b.key == p.key), None)
                if (
                    base is not None
                    and (base.percent or 0) >= (p.percent or 0)
                    and (base.percent or 0) >= 75
                ):
                    met = (
                        f"the first evidence ({base.name} {base.display()}) is already at the "
                        f"level the move predicts ({p.display()})"
                    )
                    break
    if met:
        found.append(
            Finding(
                id="goal-met-at-baseline",
                trap="perfection",
                noticed=f"This goal looks met before the move: {met}.",
                why="A cycle teaches most when it aims at something students can't do yet.",
                question="Which students, or which part of this skill, is still not where you "
                "want it, and could that be the goal?",
                entry_ids=tuple(e.id for e in r.step(Step.EVIDENCE) if e.measures),
                confidence="high",
            )
        )
    # only success, no struggle ever named
    later = [
        e for e in r.view if e.step in (Step.NEW_EVIDENCE, Step.REFLECTION, Step.INTERPRETATION)
    ]
    perfect = [h for e in later for h in r.hits(e, "perfect")]
    body = [e for e in r.view if e.step is not Step.GOAL]
    topic = whole(cycle.goal)  # "errors" in a goal about finding errors names no struggle
    # a struggle word inside a verdict of success ("nothing I'd change") names no struggle;
    # and beside two verdicts of success, neither does the partner's reading of the baseline
    # before any move: every cycle starts from a problem, the trap is in how the outcome is told
    verdicts = {(h.entry.id, h.sentence): h.phrase for h in perfect}
    moved = r.first(Step.MOVE)
    told = [
        e
        for e in body
        if len(perfect) < 2
        or e.role is Role.TEACHER
        or moved is None
        or _order_key(e) >= _order_key(moved)
    ]
    struggle = [
        h
        for e in told
        for h in r.hits(e, "struggle")
        if h.phrase not in topic and h.phrase not in verdicts.get((h.entry.id, h.sentence), "")
    ]
    reflections = r.step(Step.REFLECTION)
    if perfect and len(struggle) <= 1 and not complaining:
        level = "high" if not struggle and (len(perfect) >= 2 or reflections) else "medium"
        found.append(
            Finding(
                id="only-success",
                trap="perfection",
                noticed=f'The notes describe only success ("{perfect[0].phrase}", '
                f"{_ids([perfect[0].entry])}) and name nothing that was hard or still uneven.",
                why="The parts that didn't land yet are where the next cycle's learning is.",
                question="Which students, or which moment, surprised you or went less well than "
                "the rest?",
                entry_ids=tuple(sorted({h.entry.id for h in perfect})),
                confidence=level,
            )
        )
    elif (
        not struggle
        and cycle.status is Status.CLOSED
        and reflections
        and len(body) >= 4
        and not met
    ):
        # with praise from the teacher, or a baseline already high, the silence about anything
        # hard reads as showing only success rather than as a short record
        praised = [h for e in r.by_teacher() for h in r.hits(e, "praise")]
        high_start = any((m.percent or 0.0) >= 75.0 for m in baseline)
        found.append(
            Finding(
                id="no-struggle-named",
                trap="perfection",
                noticed="Nothing in this cycle names a struggle, a surprise or something to "
                "change"
                + (f' ("{praised[0].phrase}", {_ids([praised[0].entry])})' if praised else "")
                + ".",
                why="The parts that didn't land yet are where the next cycle's learning is.",
                question="What was harder than you expected, for you or for the students?",
                entry_ids=tuple(e.id for e in reflections),
                confidence="medium" if praised or high_start else "low",
            )
        )
    return found + shown_best(r, comparison, complaining)


def _names_struggle(r: Reader) -> bool:
    topic = whole(r.cycle.goal)
    return any(
        h.phrase not in topic
        for e in r.view
        if e.step is not Step.GOAL
        for h in r.hits(e, "struggle")
    )


def never_struggling(r: Reader, earlier: Sequence[Cycle]) -> Finding | None:
    """The perfection trap across cycles: the pair's earlier closed cycles and this one (once
    it has a reflection) never name anything hard, surprising or to change."""
    closed = [c for c in earlier if c.status is Status.CLOSED and c.id != r.cycle.id]
    if len(closed) < 2 or not r.step(Step.REFLECTION) or _names_struggle(r):
        return None
    if any(_names_struggle(Reader(c, r.rules)) for c in closed):
        return None
    return Finding(
        id="no-struggle-across-cycles",
        trap="perfection",
        noticed=f"Neither this cycle nor the {_plural(len(closed), 'earlier cycle')} before it "
        "names anything that was hard, surprising or worth changing.",
        why="Cycles that only record success leave little to learn from, and the hard parts "
        "are safe to write here.",
        question="Looking back over these cycles, what has been harder than the notes say?",
        entry_ids=tuple(e.id for e in r.step(Step.REFLECTION)),
        confidence="medium",
    )
