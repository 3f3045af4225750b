"""The compliance trap when the entries look busy: signs read across the whole record.

- An entry that restates its step's question ("The evidence shows where students are with the
  goal"): nothing in it beyond the goal's words, the question's words and words every step's
  question holds (the ``prompt_words`` list).
- Language of a teacher-evaluation rubric or walkthrough pasted in place of what students did
  (the ``rubric`` list).
- Text repeated between steps (most of one entry's words are another's), or pasted from one of
  the pair's earlier cycles.
- A burst: one person typing three or more near-empty entries within minutes.

Every comparison is bounded: only the entries the wording checks read (``Reader.view``), each
compared with at most ``WINDOW`` entries before it, and only entries of at most
``MAX_SENTENCE`` characters; earlier cycles are looked up in a set.
"""

from __future__ import annotations

import datetime
import itertools
import re
from collections.abc import Sequence

from tpcycle.checks.findings import EMPTY_WORDS, _moment
from tpcycle.checks.record import Reader
from tpcycle.checks.text import MAX_SENTENCE, whole
from tpcycle.domain import Cycle, Entry, Step

WINDOW = 12  # entries before an entry that it is compared with
SIMILAR = 0.7  # share of the smaller entry's words found in the other: "repeated"
BURST_MINUTES = 10
EARLIER_CYCLES = 5

_WORD = re.compile(r"[a-z][a-z'-]{2,}")


def stem(word: str) -> str:
    """A word with a common English ending taken off ("asking" and "asks" read as "ask")."""
    word = word.strip("'-")
    for ending in ("ing", "es", "ed", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def words_of(r: Reader, text: str, *, drop_prompt: bool = False) -> set[str]:
    """Content words of a text (three letters or more, not a common word), lightly stemmed;
    with ``drop_prompt``, words of the ``prompt_words`` list are left out too."""
    common = r.rules.matcher("common_words")
    prompt = r.rules.matcher("prompt_words") if drop_prompt else None
    found: set[str] = set()
    for word in _WORD.findall(whole(text[:MAX_SENTENCE])):
        if common is not None and common.fullmatch(word):
            continue
        if prompt is not None and prompt.fullmatch(word):
            continue
        found.add(stem(word))
    return found


def _body(r: Reader) -> list[Entry]:
    return [e for e in r.view if e.step is not Step.GOAL and len(e.text) <= MAX_SENTENCE]


def restating(r: Reader) -> list[Entry]:
    """Entries (three words or more, no measures) that add nothing to the goal and the
    question they answer."""
    if r.rules.matcher("prompt_words") is None:
        return []
    goal = words_of(r, r.cycle.goal)
    for entry in r.step(Step.GOAL):
        goal |= words_of(r, entry.text)
    template = r.rules.matcher("template")
    found = []
    for entry in _body(r):
        if entry.measures or r.words(entry) < 3 or not r.sentences(entry):
            continue
        asked = words_of(r, entry.question) if entry.question else set()
        text = whole(entry.text)
        if template is not None:
            text = template.sub(" ", text)
        if len(words_of(r, text, drop_prompt=True) - goal - asked) <= 1:
            found.append(entry)
    return found


def rubric_entries(r: Reader) -> list[Entry]:
    """Entries after the goal that carry an evaluation rubric's or walkthrough's language."""
    return [e for e in r.view if e.step is not Step.GOAL and r.has(e, "rubric")]


def repeated(r: Reader, earlier: Sequence[Cycle] = ()) -> list[Entry]:
    """Entries whose words are mostly another entry's (of this cycle, within ``WINDOW``
    entries before it, or of the pair's recent earlier cycles, word for word)."""
    body = _body(r)
    sets = [(e, words_of(r, e.text)) for e in body]
    pasted = _earlier_texts(earlier)
    found: list[Entry] = []
    for index, (entry, mine) in enumerate(sets):
        if entry.measures or len(mine) < 4:
            continue
        if whole(entry.text) in pasted:
            found.append(entry)
            continue
        for other, theirs in sets[max(0, index - WINDOW) : index]:
            if other.step is entry.step or len(theirs) < 4:
                continue
            shared = len(mine & theirs)
            if shared >= SIMILAR * min(len(mine), len(theirs)) and shared >= 4:
                found.append(entry)
                break
    return found


def _earlier_texts(earlier: Sequence[Cycle]) -> set[str]:
    texts: set[str] = set()
    for cycle in list(earlier)[-EARLIER_CYCLES:]:
        for entry in cycle.entries[:60]:
            if entry.step is not Step.GOAL and len(entry.text) <= MAX_SENTENCE:
                text = whole(entry.text)
                if len(text.split()) >= 5:
                    texts.add(text)
    return texts


def burst(r: Reader) -> list[Entry]:
    """Three or more near-empty entries by one person typed within ``BURST_MINUTES``."""
    by_person: dict[str, list[Entry]] = {}
    for entry in r.view:
        if entry.step is not Step.GOAL and r.words(entry) <= EMPTY_WORDS and not entry.measures:
            by_person.setdefault(entry.author, []).append(entry)
    for entries in by_person.values():
        stamps = [_moment(e.created_at) for e in entries]
        for start in range(len(entries) - 2):
            first, last = stamps[start], stamps[start + 2]
            if first is None or last is None:
                continue
            if abs(last - first) <= datetime.timedelta(minutes=BURST_MINUTES):
                return entries[start : start + 3]
    return []


def off_topic(r: Reader) -> tuple[str, list[Entry], bool] | None:
    """Entries about something the goal never mentions, as when text is pasted in from another
    cycle: no word of the goal comes back in any entry (and no measure is given), while one
    other word recurs through most of them. Returns the recurring word, the entries and
    whether the sign is clear (four entries or more, and four in five)."""
    goal = words_of(r, r.cycle.goal, drop_prompt=True)
    body = _body(r)
    if not goal or len(body) < 4 or any(e.measures for e in body):
        return None
    per_entry = [(e, words_of(r, e.text, drop_prompt=True)) for e in body]
    if any(words & goal for _e, words in per_entry):
        return None
    counts: dict[str, list[Entry]] = {}
    for entry, words in per_entry:
        for word in words:
            if len(word) >= 4:
                counts.setdefault(word, []).append(entry)
    if not counts:
        return None
    word, entries = max(counts.items(), key=lambda item: (len(item[1]), item[0]))
    if len(entries) < 3:
        return None
    return word, entries, len(entries) >= 4 and len(entries) * 5 >= len(body) * 4


_PHRASE_WORD = re.compile(r"[a-z][a-z'-]+")


def _pairs(r: Reader, text: str) -> set[tuple[str, str]]:
    """Neighbouring content words of a text (common words left out): its key phrases."""
    common = r.rules.matcher("common_words")
    words = [
        w
        for w in _PHRASE_WORD.findall(whole(text[:MAX_SENTENCE]))
        if common is None or not common.fullmatch(w)
    ]
    return set(itertools.pairwise(words))


def goal_echoed(r: Reader) -> tuple[str, list[Entry]] | None:
    """The goal's own phrase carried into most entries (three or more, three in five) of a
    cycle without a single measure: the goal's words standing in for what was seen."""
    body = _body(r)
    if len(body) < 4 or any(e.measures for e in body):
        return None
    goal = _pairs(r, r.cycle.goal)
    if not goal:
        return None
    echoing = [e for e in body if _pairs(r, e.text) & goal]
    if len(echoing) < 3 or len(echoing) * 5 < len(body) * 3:
        return None
    shared = sorted(set.intersection(*(_pairs(r, e.text) & goal for e in echoing)) or goal)
    return " ".join(shared[0]), echoing
