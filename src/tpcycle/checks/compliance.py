"""The compliance trap: going through the motions of a form."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from tpcycle.checks.findings import (
    EMPTY_WORDS,
    ONE_SITTING_MINUTES,
    Finding,
    _ids,
    _moment,
    _plural,
    _quote,
    _raise,
)
from tpcycle.checks.motions import (
    burst,
    goal_echoed,
    off_topic,
    repeated,
    restating,
    rubric_entries,
)
from tpcycle.checks.record import Reader
from tpcycle.checks.text import MAX_SENTENCE, whole
from tpcycle.domain import Cycle, Entry, Role, Step

# -- compliance ------------------------------------------------------------------------------


def compliance(
    r: Reader, explained: set[int], other_traps: bool = False, earlier: Sequence[Cycle] = ()
) -> list[Finding]:
    """``explained``: entries another trap already accounts for (a teacher's "ok" to a
    partner's advice is the fixer trap, not a form being filled in); ``earlier``: the pair's
    earlier cycles, to notice text pasted from one of them."""
    body = [e for e in r.view if e.step is not Step.GOAL and e.id not in explained]
    empty = [
        e
        for e in body
        if (r.is_only(e, "filler") or (r.words(e) <= EMPTY_WORDS and not e.measures))
        # a partner's "agree" to the teacher's thinking is the partnership working
        and not (e.role is not Role.TEACHER and r.is_only(e, "acceptance"))
    ]
    thin = [e for e in body if r.words(e) <= 6 and not e.measures]
    signals: list[str] = []
    level: str | None = None
    ids: list[int] = []
    if empty:
        level = "high" if len(empty) >= 3 else "medium" if len(empty) >= 2 else "low"
        if len(empty) == 1 and len(thin) * 2 >= len(body) >= 3 and not other_traps:
            level = "medium"
        signals.append(
            f"{_plural(len(empty), 'entry')} {'says' if len(empty) == 1 else 'say'} almost nothing "
            f"({_ids(empty[:4])}"
            + (", ..." if len(empty) > 4 else "")
            + f": {_quote(empty[0].text)})"
        )
        ids += [e.id for e in empty]
    copied = _copied(r, body)
    copied += [e for e in repeated(r, earlier) if e.id not in explained and e not in copied]
    if copied:
        strong = len(copied) >= 2 or bool(empty)
        level = _raise(level) if level else ("medium" if strong else "low")
        signals.append(
            f"{_plural(len(copied), 'entry')} {'repeats' if len(copied) == 1 else 'repeat'} "
            f"the goal or an earlier entry word for word ({_ids(copied[:4])})"
        )
        ids += [e.id for e in copied if e.id not in ids]
    restated = [e for e in restating(r) if e.id not in explained and e not in empty]
    if len(restated) >= 2:
        strong = len(restated) >= 3
        level = _raise(level) if level else ("medium" if strong else "low")
        signals.append(
            f"{_plural(len(restated), 'entry')} {'says' if len(restated) == 1 else 'say'} "
            f"back what the step asks without adding what was seen ({_ids(restated[:4])}"
            + (", ..." if len(restated) > 4 else "")
            + ": "
            f"{_quote(restated[0].text)})"
        )
        ids += [e.id for e in restated if e.id not in ids]
    rubric = rubric_entries(r)
    if rubric:
        strong = len(rubric) >= 2
        level = _raise(level) if level else ("medium" if strong else "low")
        signals.append(
            f"{_plural(len(rubric), 'entry')} {'uses' if len(rubric) == 1 else 'use'} the "
            f"language of an evaluation rubric rather than what students did ({_ids(rubric[:4])})"
        )
        ids += [e.id for e in rubric if e.id not in ids]
    echoed = goal_echoed(r)
    if echoed is not None:
        phrase, echoing = echoed
        level = _raise(level) if level else "medium"
        signals.append(
            f"{_ids(echoing[:4])} {'carry' if len(echoing) > 1 else 'carries'} the goal's own "
            f'words ("{phrase}") in place of what was seen, with no numbers'
        )
        ids += [e.id for e in echoing if e.id not in ids]
    elsewhere = off_topic(r)
    if elsewhere is not None:
        word, about, clear = elsewhere
        level = _raise(level) if level else ("medium" if clear else "low")
        signals.append(
            f"{_ids(about[:4])} {'keep' if len(about) > 1 else 'keeps'} coming back to "
            f'"{word}", which the goal never mentions, as if written for another cycle'
        )
        ids += [e.id for e in about if e.id not in ids]
    typed = [e for e in burst(r) if e.id not in ids]
    if typed:
        level = _raise(level) if level and level != "low" else "medium"
        signals.append(
            f"{typed[0].author} typed {_ids(typed)} within a few minutes, a word or two each"
        )
        ids += [e.id for e in typed]
    steps_present = {e.step for e in r.ordered}
    stamps = [e.created_at for e in r.ordered]
    first = _moment(min(stamps)) if stamps else None
    last = _moment(max(stamps)) if stamps else None
    if (
        len(steps_present) >= 5
        and Step.NEW_EVIDENCE in steps_present
        and first is not None
        and last is not None
        and (last - first) <= datetime.timedelta(minutes=ONE_SITTING_MINUTES)
    ):
        minutes = int((last - first).total_seconds() // 60)
        words = sorted(r.words(e) for e in body) or [0]
        substantive = not empty and words[len(words) // 2] >= 12
        level = _raise(level) if level else ("low" if substantive else "medium")
        signals.append(
            f"all {_plural(len(steps_present), 'step')}, new evidence included, were written "
            "within "
            f"{_plural(max(minutes, 1), 'minute')}"
        )
    plan = _plan_hit(r)
    if plan is not None:
        words = sorted(r.words(e) for e in body) or [0]
        # a goal worded like a plan, followed by specific entries spread over days, is a plan
        # put to real use
        thought_through = not empty and words[len(words) // 2] >= 12 and not signals
        level = _raise(level) if level else ("low" if thought_through else "medium")
        signals.append(f'the goal seems to come from a plan or a form ("{plan}")')
    if level is None:
        return []
    return [
        Finding(
            id="compliance-going-through-motions",
            trap="compliance",
            noticed="Parts of this record read more like a form than a conversation: "
            + "; ".join(signals)
            + ".",
            why="A cycle pays off when the notes hold what you both saw and thought, written "
            "as it happens.",
            question="What did you actually see students do, and what surprised you, that "
            "these notes don't say yet?",
            entry_ids=tuple(ids),
            confidence=level,
        )
    ]


def _copied(r: Reader, body: list[Entry]) -> list[Entry]:
    """Entries (three words or more) whose text is the goal's, or an earlier entry's, again:
    text pasted from step to step says nothing new."""
    seen = {whole(r.cycle.goal[:MAX_SENTENCE])}
    seen |= {whole(e.text[:MAX_SENTENCE]) for e in r.step(Step.GOAL)}
    copied: list[Entry] = []
    for entry in body:
        if len(entry.text) > MAX_SENTENCE:
            continue  # a long entry is never read as a copy (and stays quick)
        text = whole(entry.text)
        if r.words(entry) >= 3 and text in seen and not entry.measures:
            copied.append(entry)
        seen.add(text)
    return copied


def _plan_hit(r: Reader) -> str | None:
    plan = r.rules.matcher("plan_copied")
    if plan is None:
        return None
    found = plan.search(whole(r.cycle.goal[:MAX_SENTENCE]))
    if found:
        return found.group(0)
    for entry in r.step(Step.GOAL):
        hits = r.hits(entry, "plan_copied")
        if hits:
            return hits[0].phrase
    return None
