"""The complaint trap: blame or venting that does not turn to anything the pair can change.
Judged per person."""

from __future__ import annotations

from tpcycle.checks.findings import (
    Finding,
    _ids,
    _lower,
    _order_key,
    _plural,
)
from tpcycle.checks.fixer import _accepts
from tpcycle.checks.record import Hit, Reader
from tpcycle.domain import Entry, Measure, Step
from tpcycle.measures import Comparison

# -- complaint -------------------------------------------------------------------------------


GAIN_POINTS = 10.0  # a change of at least this many points (or 10% of a value) is a gain


def _gain(comparison: Comparison) -> bool:
    """Whether a measure clearly moved the way the prediction (or, without one, upward) hoped."""
    for row in comparison.rows:
        wanted_down = row.prediction is not None and _level(row.prediction) < _level(row.baseline)
        change = -row.change if wanted_down else row.change
        if row.baseline.is_count and change >= GAIN_POINTS:
            return True
        if not row.baseline.is_count and change >= 0.1 * abs(row.baseline.value or 1.0):
            return True
    return False


def _level(measure: Measure) -> float:
    return measure.percent if measure.percent is not None else measure.value


def _turns(r: Reader, e: Entry, complaining: set[tuple[int, int]]) -> bool:
    """A plan, a wondering or a real question, in a sentence that is not itself a complaint
    ("I'll keep assigning it, but I'm not expecting miracles" is not a turn) and that the
    entry does not take back afterwards ("I'll try bell work. Not like it matters."): what a
    person says last about a plan is what they mean by it. Venting first and a plan after
    ("I'm wiped out. Next week I'll pair them") still turns. The plan must be the person's
    own: words that look ahead at what others will do ("next year's group will be worse"),
    hand the choice over ("tell me what to try next") or only sound like a plan ("let's be
    real") do not turn, and neither does a question that is not asking ("why would they?")."""
    last_complaint = max((i for (eid, i) in complaining if eid == e.id), default=-1)

    def counts(index: int) -> bool:
        return (e.id, index) not in complaining and index > last_complaint and _owned(r, e, index)

    forward = any(
        counts(h.sentence)
        # "I'll keep doing the lessons from the guide" looks ahead to more of the same
        and not _in(r, e, "no_change", h.sentence)
        for h in r.hits(e, "forward")
    )
    asking = any(
        sentence.question and counts(index) and not _rhetorical(r, sentence.text)
        for index, sentence in enumerate(r.sentences(e))
    )
    return forward or asking


# who a sentence names is read whatever negation stands before it
_NAMING = ("others", "first_person")


def _in(r: Reader, e: Entry, name: str, index: int) -> bool:
    return index in r.where(e, name, plain=name not in _NAMING)


def _owned(r: Reader, e: Entry, index: int) -> bool:
    """Whether a sentence that looks ahead is the writer's own plan."""
    if any(
        _in(r, e, name, index)
        for name in ("not_a_plan", "handing_over", "deference", "outward_moves")
    ):
        return False  # "Fine, I'll do Elijah's thing" takes a plan; it does not make one
    if _in(r, e, "plan_markers", index):
        return True  # "Next step: the ones who missed it get a second go"
    # "next year they'll be worse" is a forecast about others, not a plan
    return _in(r, e, "first_person", index) or not _in(r, e, "others", index)


def _rhetorical(r: Reader, text: str) -> bool:
    pattern = r.rules.matcher("rhetorical")
    return pattern is not None and pattern.search(text) is not None


def _stable(r: Reader, e: Entry) -> list[Hit]:
    """Blame that sticks: a cause outside the room (students, families, the schedule,
    colleagues) described as fixed for good ("this cohort has always been rather like this",
    "some year groups are like that"), in a sentence whose speaker is not the subject. How a
    person explains a setback matters more than the words they vent with."""
    negative = r.rules.matcher("negations")
    found = []
    for index, sentence in enumerate(r.sentences(e)):
        if _in(r, e, "first_person", index) and not _in(r, e, "resignation", index):
            continue
        if _wondering(r, e, index):
            continue
        resigned = _in(r, e, "resignation", index)
        lasting = (
            _in(r, e, "others", index)
            and _in(r, e, "permanence", index)
            and negative is not None
            and negative.search(sentence.text) is not None
        )
        # "why would they turn anything in?": a question that asks nothing, about others
        scornful = (
            sentence.question and _rhetorical(r, sentence.text) and _in(r, e, "others", index)
        )
        if resigned or lasting or scornful:
            found.append(Hit(e, index, _clip(sentence.text)))
    return found


OUTWARD_SENTENCES = 3  # explanations that point outward: at least this many ...
OUTWARD_SHARE = 0.4  # ... and at least this share of what the person wrote to explain


def _outward(r: Reader, entries: list[Entry]) -> list[Hit]:
    """A person whose explanations keep pointing outward: most of the sentences they wrote to
    read the evidence or reflect on it name someone else (the students, families, the
    schedule, a colleague) and say what is not so or give them as the cause, with no plan in
    them. Read across the
    whole record, not in set phrases, because this stance comes in new words every time
    ("they come to us from the high schools without ever having...")."""
    negative = r.rules.matcher("negations")
    if negative is None:
        return []
    said: list[tuple[Entry, int]] = []
    outward: list[Hit] = []
    for e in entries:
        if e.step not in (Step.INTERPRETATION, Step.NEW_EVIDENCE, Step.REFLECTION):
            continue
        for index, sentence in enumerate(r.sentences(e)):
            if len(sentence.text.split()) < 4:
                continue  # "Same." or "13/30." explains nothing either way
            said.append((e, index))
            if (
                _in(r, e, "others", index)
                # "nothing in this timetable will change that" looks ahead, at others
                and not (_in(r, e, "forward", index) and _owned(r, e, index))
                and not _wondering(r, e, index)
                # what is not so, or a cause given ("because of the new block")
                and (negative.search(sentence.text) is not None or _in(r, e, "causal", index))
            ):
                outward.append(Hit(e, index, _clip(sentence.text)))
    if len(outward) >= OUTWARD_SENTENCES and len(outward) >= OUTWARD_SHARE * len(said):
        return outward
    return []


def _own_move(r: Reader, e: Entry) -> bool:
    """A move the person wrote that changes something in the room: not the partner's plan
    taken as given, not more of the same, not a request that others change."""
    return (
        e.step is Step.MOVE
        and r.words(e) >= 5
        and not r.has(e, "deference")
        and not _accepts(r, e)
        and not r.has(e, "handing_over")
        # doing the same again ("reminded them it's graded") is not a change, and asking others
        # to change ("a note home", "raised it with the AP") is not one the person makes
        and not r.has(e, "no_change")
        and not r.has(e, "outward_moves")
    )


def _acted(r: Reader, entries: list[Entry]) -> bool:
    """Whether the person made a move or a plan of their own anywhere in the cycle."""
    return any(_own_move(r, e) or _turns(r, e, set()) for e in entries)


def _irony(r: Reader, e: Entry) -> tuple[list[Hit], list[Hit]]:
    """Praise said of bad news ("Stellar, as always.", "yay me"): a word of praise with a
    marker of irony beside it (the first list), or alone in a sentence of three words or
    fewer ("Classic.", "Still great."), which only reads as irony beside other complaint
    (the second)."""
    marked, short = [], []
    for h in r.hits(e, "irony"):
        text = r.sentences(e)[h.sentence].text
        if _in(r, e, "irony_markers", h.sentence):
            marked.append(Hit(e, h.sentence, _clip(text)))
        elif len(text.split()) <= 3:
            short.append(Hit(e, h.sentence, _clip(text)))
    return marked, short


def _wondering(r: Reader, e: Entry, index: int) -> bool:
    """A real question ("what if they think the book just is what it is?") wonders about a
    cause; it does not complain, whatever words it holds."""
    sentence = r.sentences(e)[index]
    return sentence.question and not _rhetorical(r, sentence.text)


def _clip(text: str, words: int = 9) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


PERSISTENT_SHARE = 0.6  # complaints in at least this share of a person's entries ...
PERSISTENT_ENTRIES = 3  # ... and in at least this many of them


def _persistent(entries: list[Entry], complaints: list[Hit]) -> bool:
    """Whether the complaint runs through most of what one person wrote: a plan here or there
    does not make that a conversation about what can change."""
    hit = {h.entry.id for h in complaints}
    return len(hit) >= PERSISTENT_ENTRIES and len(hit) >= PERSISTENT_SHARE * len(entries)


def _declined(
    r: Reader, author: str, entries: list[Entry], complaining: set[tuple[int, int]]
) -> bool:
    """Whether someone else asked a question and this person's next entry answered with more
    of the same complaint and no turn: invited to look at what can change, they did not. A
    reply that vents and then looks at the work ("Ugh, what a week. But the ones who finished
    sat near the timer.") ends on something else and is not counted."""
    hit = {
        e.id for e in entries if r.sentences(e) and (e.id, len(r.sentences(e)) - 1) in complaining
    }
    for asked in r.view:
        if asked.author == author or asked.step is Step.GOAL:
            continue
        if not any(sentence.question for sentence in r.sentences(asked)):
            continue
        after = [e for e in entries if _order_key(e) > _order_key(asked)]
        if after and after[0].id in hit and not _turns(r, after[0], complaining):
            return True
    return False


def _signs(r: Reader, entries: list[Entry]) -> tuple[list[Hit], list[Hit], list[Hit]]:
    """One person's blame, venting, and gains waved away (also counted as venting)."""
    blame = [h for e in entries for h in r.hits(e, "blame")]
    blame += [h for e in entries for h in _stable(r, e)]
    # a measured gain waved away ("only went up because the quiz was easier") is venting
    # too, and it keeps the gain from tempering the rest
    dismissed = [h for e in entries for h in r.hits(e, "dismiss")]
    # contempt said as irony ("oh, shocking", "another triumph") is venting in other words
    scorn = [h for e in entries for h in r.hits(e, "sarcasm")]
    venting = [h for e in entries for h in r.hits(e, "venting")] + dismissed + scorn
    blame = [h for h in blame if not _wondering(r, h.entry, h.sentence)]
    venting = [h for h in venting if not _wondering(r, h.entry, h.sentence)]
    # irony is a sign of complaint beside another sign, or marked as irony in two entries
    ironies = [_irony(r, e) for e in entries]
    marked = [h for found, _ in ironies for h in found]
    if blame or venting or len({h.entry.id for h in marked}) >= 2:
        venting += marked + [h for _, short in ironies for h in short]
    return blame, venting, dismissed


def _turned(r: Reader, entries: list[Entry], said: list[Hit]) -> bool:
    """Whether the person turned, after what they said, to something they can change."""
    complaining = {(h.entry.id, h.sentence) for h in said}
    last = max(_order_key(h.entry) for h in said)
    first = min(_order_key(h.entry) for h in said)
    return (
        any(_turns(r, e, complaining) for e in entries if _order_key(e) >= last)
        or any(
            _turns(r, e, complaining) and e.step in (Step.MOVE, Step.REFLECTION)
            for e in entries
            if _order_key(e) > first
        )
        # a move of their own, after the last complaint, is a turn toward what can change
        or any(
            _own_move(r, e) and all(h.entry.id != e.id for h in said)
            for e in entries
            if _order_key(e) > last
        )
    )


def complaint(r: Reader, comparison: Comparison) -> list[Finding]:
    findings = []
    people: dict[str, list[Entry]] = {}
    for entry in r.view:
        if entry.step is not Step.GOAL:
            people.setdefault(entry.author, []).append(entry)
    for author, entries in people.items():
        blame, venting, dismissed = _signs(r, entries)
        # explanations that keep pointing outward count only from someone who makes no move
        # or plan of their own anywhere in the cycle
        if not _acted(r, entries):
            blame += _outward(r, entries)
        complaints = blame + venting
        if not complaints:
            continue
        turned = _turned(r, entries, complaints)
        sentences_hit = {(h.entry.id, h.sentence) for h in complaints}
        count = len(sentences_hit)
        if count >= 2 and not turned:
            level = "high"
        elif not turned or count >= 3:
            level = "medium"
        else:
            level = "low"
        persistent = _persistent(entries, complaints)
        # two complaining entries, one of them the reply to an invitation to look further
        persistent = persistent or (
            len({h.entry.id for h in complaints}) >= 2
            and _declined(r, author, entries, sentences_hit)
        )
        if persistent and level == "low":
            level = "medium"
        # a gain tempers venting, unless the venting goes on after the results with no turn
        # at all ("Same on the checklist. Of course it is.")
        late = any(h.entry.step in (Step.NEW_EVIDENCE, Step.REFLECTION) for h in complaints)
        tempered = turned or not late or len({h.entry.id for h in complaints}) < 2
        if _gain(comparison) and not blame and not dismissed and not persistent and tempered:
            level = _lower(level)
        quote = (blame or venting)[0].phrase
        hit_entries = sorted({h.entry.id for h in complaints})
        findings.append(
            Finding(
                id="complaint-blame" if blame else "complaint-venting",
                trap="complaint",
                noticed=f'{author}\'s notes stay with what is hard ("{quote}", '
                f"{_ids(h.entry for h in complaints[:1])}"
                + (
                    f" and {_plural(len(hit_entries) - 1, 'more entry')}"
                    if len(hit_entries) > 1
                    else ""
                )
                + ")"
                + (" and don't yet turn to what could change." if not turned else "."),
                why="Naming the frustration matters, and the conversation moves once it lands on "
                "something within the pair's reach.",
                question="What is one part of this that is within your control, and what could "
                "you try or look at next?",
                entry_ids=tuple(hit_entries),
                author=author,
                confidence=level,
            )
        )
    return findings
