"""The fixer trap: the partner does the thinking and the teacher takes it up."""

from __future__ import annotations

from tpcycle.checks.findings import (
    EMPTY_WORDS,
    Finding,
    _ids,
    _names,
    _raise,
)
from tpcycle.checks.record import Reader
from tpcycle.domain import Entry, Step

# -- fixer -----------------------------------------------------------------------------------


def _accepts(r: Reader, entry: Entry) -> bool:
    """A teacher's reply that only takes up what was said: "ok", "sounds good, will do", a
    thumbs-up, "ok will set them all up this week"."""
    if entry.step in (Step.GOAL, Step.EVIDENCE, Step.NEW_EVIDENCE) or r.has(entry, "reshape"):
        return False
    words = r.words(entry)
    if words == 0 or r.is_only(entry, "acceptance"):
        return True
    found = r.sentences(entry)
    acceptance = r.rules.matcher("acceptance")
    return (
        words <= 10
        and bool(found)
        and acceptance is not None
        and acceptance.match(found[0].text) is not None
    )


def fixer(r: Reader) -> list[Finding]:
    cycle = r.cycle
    teacher_entries = r.by_teacher()
    deferring = [e for e in teacher_entries if r.has(e, "deference") and not r.has(e, "reshape")]
    thinking_steps = (Step.INTERPRETATION, Step.MOVE)
    credited = [e for e in r.by_others(*thinking_steps, Step.REFLECTION) if r.has(e, "attribution")]
    prescribing = [
        e
        for e in r.by_others(Step.EVIDENCE, *thinking_steps, Step.NEW_EVIDENCE, Step.REFLECTION)
        if e not in credited
        and r.words(e) > 3
        and any(not r.sentences(e)[h.sentence].question for h in r.hits(e, "prescriptive"))
    ]
    teacher_thinking = [
        e
        for e in r.by_teacher(*thinking_steps)
        if e not in deferring and not r.is_only(e, "acceptance") and r.words(e) > 3
    ] + [e for e in credited if e.step in thinking_steps]
    partner_thinking = [
        e
        for e in r.by_others(*thinking_steps)
        if e not in credited and not r.is_only(e, "filler") and r.words(e) > EMPTY_WORDS
    ]
    accepting = [e for e in teacher_entries if _accepts(r, e)]
    no_teacher_thinking = not teacher_thinking and bool(r.step(Step.MOVE) or partner_thinking)
    # A partner who types (nearly) everything, the goal included, is the pair's scribe: who
    # typed the thinking then says little about whose thinking it is.
    others = r.by_others()
    scribe = bool(others) and (
        any(e.step is Step.GOAL for e in others) or len(others) * 5 >= len(r.view) * 4
    )

    signals: list[str] = []
    level: str | None = None
    entries: list[Entry] = []
    own_move = [
        e
        for e in r.by_teacher(Step.MOVE)
        if e not in deferring and not _accepts(r, e) and r.words(e) > 3
    ]
    if deferring:
        # crediting the partner in a reflection, after a move of one's own, is not handing over
        late = all(e.step is Step.REFLECTION for e in deferring) and bool(own_move)
        level = "low" if late else "medium"
        quote = r.hits(deferring[0], "deference")[0].phrase
        signals.append(
            f'{cycle.teacher} writes that the idea came from someone else ("{quote}", '
            f"{_ids(deferring[:1])})"
        )
        entries += deferring
    if len(partner_thinking) >= 2 and no_teacher_thinking and not scribe:
        level = _raise(level) if level else "medium"
        signals.append(
            f"every interpretation and move ({_ids(partner_thinking)}) was written by "
            f"{_names(dict.fromkeys(e.author for e in partner_thinking), quote='')}"
        )
        entries += partner_thinking
    if prescribing:
        strong = len(prescribing) >= 2 or bool(accepting) or no_teacher_thinking
        if level:
            level = _raise(level)
        elif strong and (accepting or no_teacher_thinking or len(prescribing) >= 2):
            level = "medium"
        else:
            level = "low"
        quote = r.hits(prescribing[0], "prescriptive")[0].phrase
        signals.append(
            f'the partner\'s notes tell rather than ask ("{quote}", {_ids(prescribing)})'
        )
        entries += prescribing
    if level is None:
        return []
    if accepting and level != "low":
        signals.append(f"{cycle.teacher}'s replies are short agreements ({_ids(accepting)})")
        entries += accepting
    if len(partner_thinking) >= 2 and no_teacher_thinking and not scribe:
        finding_id = "teacher-voice-missing"
    elif deferring:
        finding_id = "teacher-defers"
    else:
        finding_id = "partner-prescribes"
    if level == "medium" and no_teacher_thinking and len(signals) >= 2:
        level = "high"
    seen: dict[int, Entry] = {e.id: e for e in entries}
    return [
        Finding(
            id=finding_id,
            trap="fixer",
            noticed="It looks as if one person is doing most of the thinking: "
            + "; ".join(signals)
            + ".",
            why="The teacher knows these students best, and a move the teacher shapes is one "
            "the teacher is more likely to keep.",
            question=f"{cycle.teacher}, what do you make of the evidence yourself, and what "
            "would you change about the idea to fit your class?",
            entry_ids=tuple(sorted(seen)),
            author=cycle.teacher if deferring or accepting else None,
            confidence=level,
        )
    ]
