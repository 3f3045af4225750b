"""The fixer trap: the partner does the thinking and the teacher takes it up."""

from __future__ import annotations

import re
from typing import NamedTuple

from tpcycle.checks.findings import (
    EMPTY_WORDS,
    Finding,
    _ids,
    _names,
    _order_key,
    _quote,
    _raise,
)
from tpcycle.checks.motions import stem, words_of
from tpcycle.checks.record import Reader
from tpcycle.checks.text import MAX_SENTENCE, whole
from tpcycle.domain import Entry, Role, Step

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


_WORD = re.compile(r"[a-z][a-z'-]{3,}")


def _content(r: Reader, entry: Entry, *, statements_only: bool = False) -> set[str]:
    """The entry's content words (four letters or more, not a common word), lightly stemmed;
    with ``statements_only``, questions are left out (a question offers, it does not decide)."""
    common = r.rules.matcher("common_words")
    found: set[str] = set()
    for sentence in r.sentences(entry):
        if statements_only and sentence.question:
            continue
        for word in _WORD.findall(sentence.text):
            if common is None or common.fullmatch(word) is None:
                found.add(stem(word))
    return found


# A NamedTuple, not a frozen dataclass: made at every import of `check`, where the
# dataclass's generated methods cost 0.6 ms a class and a NamedTuple 0.1 ms.
class Echo(NamedTuple):
    """A teacher's move whose key words come from a partner's earlier thinking."""

    move: Entry
    source: Entry
    shared: tuple[str, ...]


def _echo(r: Reader, credited: list[Entry], deferring: list[Entry]) -> Echo | None:
    """The partner proposed the idea and the teacher's move takes it up: two or more key words
    of the move (not already in the goal or the evidence, and not in the teacher's own reading
    of the evidence) first appear in a statement of the partner's, making up a good share of
    the move."""
    background: set[str] = set()
    for e in r.view:
        if e.step in (Step.GOAL, Step.EVIDENCE, Step.NEW_EVIDENCE):
            background |= _content(r, e)
    background |= _content_text(r, r.cycle.goal)
    own = set()
    for e in r.by_teacher(Step.INTERPRETATION):
        if e not in deferring:
            own |= _content(r, e)
    sources = [
        (e, _content(r, e, statements_only=True))
        for e in r.by_others(Step.INTERPRETATION, Step.MOVE)
        if e not in credited and r.words(e) > EMPTY_WORDS
    ]
    for move in r.by_teacher(Step.MOVE):
        if r.has(move, "reshape"):
            continue
        words = _content(r, move) - background
        if len(words) < 2:
            continue
        for source, said in sources:
            if _order_key(source) >= _order_key(move):
                continue
            shared = (words & said) - own
            if len(shared) >= 2 and len(shared) * 5 >= len(words) * 2:
                return Echo(move, source, tuple(sorted(shared)))
    return None


def _copied_move(r: Reader, credited: list[Entry]) -> Echo | None:
    """The teacher's move is the partner's earlier statement again, nearly word for word
    (seven words in ten of the move, four at least), whatever the goal and evidence share."""
    statements = [
        (e, words_of(r, " ".join(s.text for s in r.sentences(e) if not s.question)))
        for e in r.by_others(Step.INTERPRETATION, Step.MOVE)
        if e not in credited and len(e.text) <= MAX_SENTENCE
    ]
    for move in r.by_teacher(Step.MOVE):
        if len(move.text) > MAX_SENTENCE or r.has(move, "reshape"):
            continue
        mine = words_of(r, move.text)
        if len(mine) < 4:
            continue
        for source, theirs in statements:
            shared = mine & theirs
            if _order_key(source) < _order_key(move) and len(shared) * 10 >= len(mine) * 7:
                return Echo(move, source, tuple(sorted(shared)))
    return None


def _content_text(r: Reader, text: str) -> set[str]:
    common = r.rules.matcher("common_words")
    return {
        stem(w)
        for w in _WORD.findall(whole(text[:MAX_SENTENCE]))
        if common is None or common.fullmatch(w) is None
    }


def _asked(r: Reader) -> list[Entry]:
    """Teacher entries that ask the partner what to do ("what should I try?", "any ideas?")."""
    return [
        e for e in r.by_teacher(Step.EVIDENCE, Step.INTERPRETATION, Step.MOVE) if r.has(e, "asking")
    ]


def _evidence_only(r: Reader, credited: list[Entry], teacher_thinking: list[Entry]) -> bool:
    """The teacher writes the evidence while the partner writes the move: the teacher typed
    every evidence entry, wrote no interpretation or move of her own, and the partner wrote
    the move."""
    evidence = r.step(Step.EVIDENCE) + r.step(Step.NEW_EVIDENCE)
    if not evidence or any(e.role is not Role.TEACHER for e in evidence):
        return False
    partner_moves = [
        e
        for e in r.by_others(Step.MOVE)
        if e not in credited and not r.is_only(e, "filler") and r.words(e) > EMPTY_WORDS
    ]
    return bool(partner_moves) and not teacher_thinking


def fixer(r: Reader) -> list[Finding]:
    cycle = r.cycle
    teacher_entries = r.by_teacher()
    # handing the next decisions over is not excused by earlier thinking of one's own
    handing = [e for e in teacher_entries if r.has(e, "handing_over") and not r.has(e, "reshape")]
    deferring = [
        e
        for e in teacher_entries
        if (r.has(e, "deference") and not r.has(e, "reshape")) or e in handing
    ]
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
    # A teacher who types her own evidence is not using the partner as a scribe.
    own_evidence = bool(r.by_teacher(Step.EVIDENCE, Step.NEW_EVIDENCE))
    scribe = bool(others) and (
        (any(e.step is Step.GOAL for e in others) and not own_evidence)
        or len(others) * 5 >= len(r.view) * 4
    )

    signals: list[str] = []
    level: str | None = None
    entries: list[Entry] = []
    own_move = [
        e
        for e in r.by_teacher(Step.MOVE)
        if e not in deferring and not _accepts(r, e) and r.words(e) > 3
    ]
    own_reading = [
        e
        for e in r.by_teacher(Step.INTERPRETATION)
        if e not in deferring and not _accepts(r, e) and r.words(e) >= 8
    ]
    if deferring:
        # crediting the partner in a reflection, after a move of one's own, is not handing over;
        # nor is taking up an idea after reading the evidence oneself and adding to it
        # nor is agreeing, in a reflection, with something the partner said while deciding
        # oneself what to keep and change ("keep the question, it got annoying like Sam said")
        late = all(e.step is Step.REFLECTION for e in deferring) and (
            bool(own_move) or all(r.has(e, "keep") and r.has(e, "change") for e in deferring)
        )
        thought_first = bool(own_reading) and all(
            r.words(e) > 12 and any(_order_key(o) < _order_key(e) for o in own_reading)
            for e in deferring
        )
        level = "low" if (late or thought_first) and not handing else "medium"
        quote = (r.hits(deferring[0], "deference") or r.hits(deferring[0], "handing_over"))[
            0
        ].phrase
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
    echo = _echo(r, credited, deferring) or _copied_move(r, credited)
    if echo is not None:
        level = _raise(level) if level else ("low" if own_reading else "medium")
        signals.append(
            f"the move ({_quote(echo.move.text)}, {_ids([echo.move])}) repeats the "
            f"partner's idea from {_ids([echo.source])}"
        )
        entries += [echo.move, echo.source]
    asked = _asked(r)
    partner_moves = [
        e
        for e in r.by_others(Step.MOVE)
        if e not in credited and not r.is_only(e, "filler") and r.words(e) > EMPTY_WORDS
    ]
    if asked and (echo is not None or (partner_moves and not own_move)):
        level = _raise(level) if level else "medium"
        quote = _quote(r.hits(asked[0], "asking")[0].phrase)
        signals.append(f"{cycle.teacher} asked what to do ({quote}, {_ids(asked[:1])})")
        entries += asked
    if not (len(partner_thinking) >= 2 and no_teacher_thinking and not scribe) and (
        _evidence_only(r, credited, teacher_thinking)
    ):
        level = _raise(level) if level else "medium"
        signals.append(
            f"{cycle.teacher} wrote the evidence while the move came from the partner "
            f"({_ids(partner_moves)})"
        )
        entries += partner_moves
    taken = [
        e
        for e in accepting
        if any(_order_key(m) < _order_key(e) for m in partner_moves) and not own_move
    ]
    if taken and level is None:
        level = "medium"  # a partner's move answered only with "done" or "will do"
        signals.append(f"the move came from the partner ({_ids(partner_moves)})")
        entries += partner_moves
    if level is None:
        return []
    if accepting and level != "low":
        signals.append(f"{cycle.teacher}'s replies are short agreements ({_ids(accepting)})")
        entries += accepting
    if len(partner_thinking) >= 2 and no_teacher_thinking and not scribe:
        finding_id = "teacher-voice-missing"
    elif deferring:
        finding_id = "teacher-defers"
    elif prescribing:
        finding_id = "partner-prescribes"
    else:
        finding_id = "partner-idea-taken"
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
