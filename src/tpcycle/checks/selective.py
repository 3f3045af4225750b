"""The perfection trap without the usual words: a record that only ever shows the best.

Three signs, read across the teacher's whole record rather than one sentence:

- the evidence was chosen from the top (the strongest class, the best five samples) and the
  teacher names no struggle elsewhere;
- a struggle is told as a win ("which is a good problem to have") or the numbers fall short
  of the prediction while the teacher's verdict is praise with no change planned;
- the partner asks about the students left out, and the teacher's later notes still name
  nothing hard.

Each sign is judged on the teacher's words only: a partner's worry does not count as the
teacher naming a struggle (that is the point of the trap).
"""

from __future__ import annotations

from tpcycle.checks.findings import Finding, _ids, _quote, _raise
from tpcycle.checks.record import Hit, Reader
from tpcycle.checks.text import whole
from tpcycle.domain import Entry, Role, Status, Step
from tpcycle.measures import Comparison

LATER = (Step.INTERPRETATION, Step.NEW_EVIDENCE, Step.REFLECTION)


def _fell_short(comparison: Comparison) -> bool:
    """The measured result missed its prediction, or ended at or below half the students."""
    for row in comparison.rows:
        if row.met_prediction is False:
            return True
        if row.new.is_count and (row.new.percent or 0.0) <= 50.0 and row.prediction is not None:
            return True
    return False


def _sentence_keys(hits: list[Hit]) -> set[tuple[int, int]]:
    return {(h.entry.id, h.sentence) for h in hits}


def shown_best(r: Reader, comparison: Comparison, complaining: bool) -> list[Finding]:
    """The perfection trap read from what is shown and how it is told (see module doc)."""
    if complaining:
        return []
    teacher = [e for e in r.view if e.role is Role.TEACHER and e.step is not Step.GOAL]
    if not teacher:
        return []
    best = [h for e in teacher for h in r.hits(e, "best_only")]
    praise = [h for e in teacher if e.step in LATER for h in r.hits(e, "praise")]
    reframe = [h for e in teacher for h in r.hits(e, "reframe")]
    marked = _sentence_keys(praise + reframe)
    topic = whole(r.cycle.goal)
    struggle = [
        h
        for e in teacher
        for h in r.hits(e, "struggle")
        if (h.entry.id, h.sentence) not in marked and h.phrase not in topic
    ]
    reflections = r.by_teacher(Step.REFLECTION)
    planned = any(
        (h.entry.id, h.sentence) not in marked
        for e in reflections
        for h in (*r.hits(e, "change"), *r.hits(e, "forward"))
    )
    asked = _asked_about_rest(r)
    answered = asked is not None and any(
        e.role is Role.TEACHER
        and e.id != asked.id
        and (e.created_at, e.id) > (asked.created_at, asked.id)
        and any((h.entry.id, h.sentence) not in marked for h in r.hits(e, "struggle"))
        for e in r.view
    )
    short = _fell_short(comparison)
    signals: list[str] = []
    ids: list[Entry] = []
    level: str | None = None
    if best and len(struggle) <= 1 and not (struggle and planned):
        level = "medium"
        signals.append(
            f'the evidence shown is the strongest work or class ("{best[0].phrase}", '
            f"{_ids([best[0].entry])})"
        )
        ids += [h.entry for h in best]
    if reframe and (short or len(reframe) >= 2 or praise) and not planned:
        level = _raise(level) if level else "medium"
        signals.append(
            f'what didn\'t work yet is told as a success ("{reframe[0].phrase}", '
            f"{_ids([reframe[0].entry])})"
        )
        ids += [h.entry for h in reframe]
    elif short and praise and not planned and len(struggle) <= 1:
        level = _raise(level) if level else "medium"
        signals.append(
            "the numbers fell short of what was hoped while the verdict is praise "
            f'("{praise[0].phrase}", {_ids([praise[0].entry])})'
        )
        ids += [h.entry for h in praise]
    if (
        level is None
        and len(praise) >= 2
        and not struggle
        and not planned
        and reflections
        and r.cycle.status is Status.CLOSED
    ):
        level = "medium"  # praise, again and again, and nothing named as hard or to change
        signals.append(
            f'the verdict is praise ("{praise[0].phrase}", "{praise[1].phrase}") and nothing is '
            "named as hard or to change"
        )
        ids += [h.entry for h in praise]
    if asked is not None and not answered and (level or praise) and not planned:
        level = _raise(level) if level else "medium"
        signals.append(
            f"the partner asked about the students not shown ({_quote(asked.text)}, "
            f"{_ids([asked])}) and the notes after it don't take that up"
        )
        ids.append(asked)
    if level is None:
        return []
    if level == "medium" and len(praise) >= 2 and len(signals) == 1 and not struggle:
        level = "high"
    return [
        Finding(
            id="only-the-best-shown",
            trap="perfection",
            noticed="This record seems to show only what went well: " + "; ".join(signals) + ".",
            why="The students and moments that didn't land yet are where the next cycle's "
            "learning is, and they are safe to bring here.",
            question="Which students, class or samples didn't make it into these notes, and "
            "what would they show?",
            entry_ids=tuple(sorted({e.id for e in ids})),
            author=r.cycle.teacher,
            confidence=level,
        )
    ]


def _asked_about_rest(r: Reader) -> Entry | None:
    """The partner's question about the students, classes or samples left out."""
    for entry in r.view:
        if entry.role is Role.TEACHER or entry.step is Step.GOAL:
            continue
        for hit in r.hits(entry, "others_asked"):
            if r.sentences(entry)[hit.sentence].question or "wonder" in entry.text.lower():
                return entry
    return None
