"""The strategy trap: activities and tools tried before the problem is understood."""

from __future__ import annotations

import re
from itertools import pairwise

from tpcycle.checks.findings import (
    Finding,
    _ids,
    _names,
    _order_key,
    _plural,
    _quote,
    _raise,
    _with,
)
from tpcycle.checks.record import Reader
from tpcycle.checks.text import MAX_SENTENCE, whole
from tpcycle.domain import Entry, Step

# -- strategy --------------------------------------------------------------------------------


_ASIDE = re.compile(r"\([^)]*\)|\"[^\"]*\"|'[^']*'")
# items of a list; "/" joins alternatives of one item ("increase/decrease/constant")
_LIST = re.compile(r"\s*(?:[,;+]|\band\b|\bplus\b)\s*")
# an item that names a thing, or launches one ("starting Lexia for the ELLs")
_THING = re.compile(
    r"^(?:a|an|some|new|the|weekly|daily|more|extra|our|my|starting|adding|moving|switching"
    r"|introducing|launching|also)\b"
)


def _listed(r: Reader, move: Entry) -> int:
    """How many things a move lists at once ("fact songs, a facts app, a weekly bee, flash
    card partners and a sticker chart"): short items that name a thing (an article, or a tool
    from the list), not steps of one routine ("model it, post it, and have them try one")."""
    if len(move.text) > MAX_SENTENCE:
        return 0
    tools = r.rules.matcher("tools")
    text = move.text.lower().rstrip(".!")
    # "New plan: a, b, c and d": what comes before a short opening colon introduces the list
    text = text.split(":", 1)[1] if 0 < text.find(":") < 20 else text
    items = [whole(i) for i in _LIST.split(text) if whole(i)]
    things = [
        i
        for i in items
        if len(i.split()) <= 7
        and (_THING.match(i) or (tools is not None and tools.search(i) is not None))
    ]
    return len(things) if len(items) >= 4 else 0


def _items(move: Entry) -> int:
    """How many items a move lists, leaving out what is in brackets or quotation marks
    (examples of one thing: "a word bank (contrast, framing, color)")."""
    if len(move.text) > MAX_SENTENCE:
        return 0
    text = _ASIDE.sub(" ", move.text.lower().rstrip(".!"))
    text = text.split(":", 1)[1] if 0 < text.find(":") < 40 else text
    return len([i for i in _LIST.split(text) if whole(i)])


def _hopping(r: Reader, moves: list[Entry]) -> bool:
    """Moves that each bring a different tool, with no interpretation written between them:
    the next tool is reached for before the last one was understood."""
    named = [(m, {h.phrase.rstrip("s") for h in r.hits(m, "tools", plain=False)}) for m in moves]
    named = [(m, found) for m, found in named if found]
    for (before, first), (after, second) in pairwise(named):
        if before.author != after.author:
            continue  # a partner's idea and the teacher's own move are not a hop
        between = [
            e
            for e in r.step(Step.INTERPRETATION)
            if _order_key(before) < _order_key(e) < _order_key(after)
        ]
        if not between and not (first & second):
            return True
    return False


def _unread(r: Reader, moves: list[Entry]) -> bool:
    """Three moves or more by one person with no interpretation written anywhere between the
    first and the last: one thing tried after another (a new seating chart each week) without
    a reading of why the last did not work."""
    for author in {m.author for m in moves}:
        own = [m for m in moves if m.author == author]
        if len(own) < 3:
            continue
        first, last = _order_key(own[0]), _order_key(own[-1])
        if not any(first < _order_key(e) < last for e in r.step(Step.INTERPRETATION)):
            return True
    return False


def strategy(r: Reader) -> list[Finding]:
    found: list[Finding] = []
    moves = r.step(Step.MOVE)
    evidence = r.first(Step.EVIDENCE)
    first_move = moves[0] if moves else None
    signals = 0
    if first_move is not None and (
        evidence is None or _order_key(first_move) < _order_key(evidence)
    ):
        signals += 1
        if evidence is None:
            noticed = (
                f"A move (entry {first_move.id}) is recorded, but there is no evidence from "
                "before it."
            )
            question = "What could you collect this week that shows where students are now?"
        else:
            noticed = (
                f"The move (entry {first_move.id}) was recorded before the first evidence "
                f"(entry {evidence.id})."
            )
            question = (
                f"Does entry {evidence.id} show how things were before the move, or already "
                "after it?"
            )
        found.append(
            Finding(
                id="move-before-evidence",
                trap="strategy",
                noticed=noticed,
                why="Without a starting point it is hard to tell whether the move made a "
                "difference.",
                question=question,
                entry_ids=(first_move.id,),
                confidence="medium",
            )
        )
    interpretation = r.first(Step.INTERPRETATION)
    if (
        first_move is not None
        and evidence is not None
        and _order_key(evidence) < _order_key(first_move)
        and (interpretation is None or _order_key(first_move) < _order_key(interpretation))
    ):
        signals += 1
        found.append(
            Finding(
                id="move-without-interpretation",
                trap="strategy",
                noticed=f"The move (entry {first_move.id}) came straight after the evidence, "
                "with no interpretation of what might be in the way.",
                why="A move chosen for a reason you have named is easier to judge and to adjust.",
                question="What do you think is getting in the students' way, and how does this "
                "move address it?",
                entry_ids=(first_move.id,),
                confidence="low",
            )
        )
    # several moves at once, or hopping from tool to tool
    tool_entries = [e for e in r.view if e.step in (Step.MOVE, Step.NEW_EVIDENCE, Step.REFLECTION)]
    tools: dict[str, Entry] = {}
    for entry in tool_entries:
        for hit in r.hits(entry, "tools", plain=False):
            key = hit.phrase.rstrip("s")
            tools.setdefault(key, entry)
    move_tools = {h.phrase.rstrip("s") for e in moves for h in r.hits(e, "tools", plain=False)}
    switching = [
        e for e in r.view if e.step is not Step.GOAL and r.has(e, "switching", plain=False)
    ]
    at_once = any(r.has(m, "at_once", plain=False) for m in moves)
    many = (
        (len(moves) >= 3 and (len(move_tools) >= 2 or bool(switching)))
        or len(move_tools) >= 3
        or (len(tools) >= 4 and bool(switching))
        or any(_listed(r, m) >= 4 for m in moves)
        # a list of four or more changes that names two tools, or is started all at once
        or any(
            _items(m) >= 4
            and (len({h.phrase for h in r.hits(m, "tools", plain=False)}) >= 2 or at_once)
            # a move that weighs one idea against another ("but timers get tipped over, so a
            # song instead") is reasoning about one change, not starting several
            and not r.has(m, "contrast", plain=False)
            for m in moves
        )
        or _hopping(r, moves)
        or _unread(r, moves)
    )
    if (
        many
        or (len(tools) >= 3 and switching)
        or (len(moves) >= 2 and len(move_tools) >= 2 and switching)
    ):
        signals += 1
        names = list(tools)[:5]
        noticed = (
            f"This cycle tries several things at once or in quick turns ({_names(names)})"
            if names
            else f"This cycle records {_plural(len(moves), 'move')}"
        )
        found.append(
            Finding(
                id="several-moves",
                trap="strategy",
                noticed=noticed + ", so it is hard to tell which one made a difference.",
                why="One small move at a time, checked against the same evidence, shows what "
                "actually helps these students.",
                question="If you could keep only one of these moves for the next two weeks, "
                "which would it be, and what would tell you it is working?",
                entry_ids=tuple(
                    sorted(
                        {e.id for e in tools.values()} | {e.id for e in moves if len(moves) >= 3}
                    )
                ),
                confidence="medium" if many or len(tools) >= 3 else "low",
            )
        )
    # evidence about enjoyment, not learning
    after = r.step(Step.NEW_EVIDENCE) or r.step(Step.EVIDENCE)
    liking = [
        e
        for e in after
        if not e.measures and r.has(e, "enjoyment") and not r.has(e, "learning", plain=False)
    ]
    if liking and len(liking) == len(after):
        signals += 1
        found.append(
            Finding(
                id="evidence-about-enjoyment",
                trap="strategy",
                noticed=f"The evidence ({_ids(liking)}) says how students felt about the "
                f"activity ({_quote(liking[0].text)}) but not what they learned.",
                why="Enjoyment matters, and the goal is about learning, so the evidence needs to "
                "show that too.",
                question="What did students say, write or do that shows whether they learned "
                "what the goal names?",
                entry_ids=tuple(e.id for e in liking),
                confidence="medium",
            )
        )
    if signals >= 2:
        found = [
            f if f.confidence == "high" else _with(f, confidence=_raise(f.confidence))
            for f in found
        ]
    return found
