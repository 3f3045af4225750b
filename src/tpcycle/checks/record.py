"""Reading a cycle's record once: entries in order, sentences, list matches (with negation,
expectation and quotation read), and who wrote what."""

from __future__ import annotations

import re
from typing import NamedTuple

from tpcycle.checks.findings import (
    MAX_READ,
    _order_key,
)
from tpcycle.checks.text import (
    MAX_SENTENCE,
    Rules,
    Sentence,
    mentioned,
    sentences,
    whole,
    word_count,
)
from tpcycle.domain import Cycle, Entry, Role, Step

# -- reading the record ----------------------------------------------------------------------


# "..." or '...' (a single quote only where it opens after a space, so "don't" is not one)
_QUOTED = re.compile(r"\"[^\"]{1,200}\"|(?:(?<=\s)|^)'[^']{1,200}'(?=[\s,.;:!?)]|$)")


# A NamedTuple, not a frozen dataclass: made at every import of `check`, where the
# dataclass's generated methods cost 0.6 ms a class and a NamedTuple 0.1 ms.
class Hit(NamedTuple):
    """One match of a phrase list: the entry, the sentence's index and the words matched."""

    entry: Entry
    sentence: int
    phrase: str


class Reader:
    """The cycle's entries read once, with every list match cached per entry.

    A plain class: it holds caches, and a dataclass's generated methods would be made (and
    paid for) at every import of `check` for nothing."""

    def __init__(self, cycle: Cycle, rules: Rules) -> None:
        self.cycle = cycle
        self.rules = rules
        self._sentences: dict[int, tuple[Sentence, ...]] = {}
        self._hits: dict[tuple[int, str], tuple[tuple[int, int, int, str], ...]] = {}
        self.ordered: tuple[Entry, ...] = tuple(sorted(cycle.entries, key=_order_key))
        if len(self.ordered) > MAX_READ:
            half = MAX_READ // 2
            readable = self.ordered[:half] + self.ordered[-half:]
        else:
            readable = self.ordered
        # what the wording checks read: bounded, however long the cycle
        self.view: tuple[Entry, ...] = readable
        self._readable = {e.id for e in readable}
        self._words: dict[int, int] = {}
        self._where: dict[tuple[int, str], frozenset[int]] = {}
        # the pair's names for the lists that hold them, "" for a name no entry mentions
        texts = [e.text for e in readable]
        self._teacher = mentioned(self.cycle.teacher, texts)
        self._partner = mentioned(self.cycle.partner, texts)
        self._cycle_language: bool | None = None

    # which words a person wrote ------------------------------------------------------------

    def words(self, entry: Entry) -> int:
        if entry.id not in self._words:
            self._words[entry.id] = word_count(entry.text)
        return self._words[entry.id]

    def sentences(self, entry: Entry) -> tuple[Sentence, ...]:
        if entry.id not in self._sentences:
            if entry.id not in self._readable:
                self._sentences[entry.id] = ()
            else:
                found = sentences(entry.text)
                self._sentences[entry.id] = found if self._in_language(found) else ()
        return self._sentences[entry.id]

    def _in_language(self, found: tuple[Sentence, ...]) -> bool:
        """Whether to read an entry's wording: the cycle as a whole must be in the rules'
        language, and a long entry must not be clearly in another. A short note in terse
        English ("As instructed: sample ledes, underline, rewrite") has few common words, so
        an entry alone is only set aside when it has a dozen words or more and almost none
        are common."""
        common = self.rules.matcher("common_words")
        if common is None or not found:
            return True
        joined = " ".join(s.text for s in found)
        if in_language(joined, self.rules):
            return True
        if self._cycle_language is None:
            sample: list[str] = []
            for entry in self.view:
                sample += entry.text[:600].split()[:40]
                if len(sample) >= 240:
                    break
            self._cycle_language = in_language(" ".join(sample), self.rules, limit=240)
        if not self._cycle_language:
            return False
        words = joined.split()[:60]
        if len(words) < 12:
            return True
        hits = sum(1 for w in words if common.fullmatch(w.strip("\"'(),:-")))
        return hits * 12 >= len(words)

    def matches(self, entry: Entry, name: str) -> tuple[tuple[int, int, int, str], ...]:
        """(sentence index, start, end, text) of each match of list ``name`` in ``entry``."""
        key = (entry.id, name)
        if key not in self._hits:
            pattern = self.rules.matcher(name, self._teacher, self._partner)
            found: list[tuple[int, int, int, str]] = []
            if pattern is not None:
                for index, sentence in enumerate(self.sentences(entry)):
                    for match in pattern.finditer(sentence.text):
                        found.append((index, match.start(), match.end(), match.group(0)))
            self._hits[key] = tuple(found)
        return self._hits[key]

    def hits(self, entry: Entry, name: str, *, plain: bool = True) -> list[Hit]:
        """Matches of a list, leaving out (when ``plain``) negated ones ("not bad") and
        worries framed as an expectation that a later "but" turns around."""
        result = []
        for index, start, _end, text in self.matches(entry, name):
            if plain and (
                self._negated(entry, index, start)
                or self._expected(entry, index, start)
                or self._quoted(entry, index, start)
            ):
                continue
            result.append(Hit(entry, index, text))
        return result

    def where(self, entry: Entry, name: str, *, plain: bool = True) -> frozenset[int]:
        """The indexes of the sentences of ``entry`` with a match of list ``name`` (a plain
        one unless ``plain`` is False: "nothing about the calendar" still names the calendar)."""
        key = (entry.id, f"where:{name}:{plain}")
        if key not in self._where:
            found = self.hits(entry, name, plain=plain)
            self._where[key] = frozenset(h.sentence for h in found)
        return self._where[key]

    def has(self, entry: Entry, name: str, *, plain: bool = True) -> bool:
        return bool(self.hits(entry, name, plain=plain))

    def is_only(self, entry: Entry, name: str) -> bool:
        """Whether the entry says nothing but a phrase of the list ("Done.", "ok sounds good")."""
        if entry.id not in self._readable:
            return False
        pattern = self.rules.matcher(name, self._teacher, self._partner)
        if pattern is None or len(entry.text) > MAX_SENTENCE:
            return False  # a long entry is never "nothing but" a phrase (and stays quick)
        text = whole(entry.text)
        if not text:
            return False
        if pattern.fullmatch(text) is not None:
            return True
        found = self.sentences(entry)  # or every sentence is one ("Showed growth. Continue.")
        return len(found) > 1 and all(
            pattern.fullmatch(whole(sentence.text)) is not None for sentence in found
        )

    def _quoted(self, entry: Entry, index: int, start: int) -> bool:
        """Whether the match sits inside quotation marks: words quoted are someone else's."""
        sentence = self.sentences(entry)[index].text
        return any(m.start() < start < m.end() for m in _QUOTED.finditer(sentence))

    def _negated(self, entry: Entry, index: int, start: int) -> bool:
        negations = self.rules.matcher("negations")
        if negations is None:
            return False
        before = self.sentences(entry)[index].text[:start]
        clause = re.split(r",| but | and | so ", before)[-1]
        return any(negations.fullmatch(word) for word in clause.split()[-3:])

    def _expected(self, entry: Entry, index: int, start: int) -> bool:
        expectation = self.rules.matcher("expectation")
        contrast = self.rules.matcher("contrast")
        if expectation is None or contrast is None:
            return False
        found = self.sentences(entry)
        sentence = found[index].text
        if not expectation.search(sentence[:start]):
            return False
        if contrast.search(sentence[start:]):
            return True
        return index + 1 < len(found) and contrast.match(found[index + 1].text) is not None

    # who wrote what ---------------------------------------------------------------------

    def by_teacher(self, *steps: Step) -> list[Entry]:
        return [e for e in self.view if e.role is Role.TEACHER and (not steps or e.step in steps)]

    def by_others(self, *steps: Step) -> list[Entry]:
        return [
            e for e in self.view if e.role is not Role.TEACHER and (not steps or e.step in steps)
        ]

    def step(self, step: Step) -> list[Entry]:
        return [e for e in self.view if e.step is step]

    def first(self, step: Step) -> Entry | None:
        found = self.step(step)
        return found[0] if found else None


def in_language(text: str, rules: Rules, limit: int = 60, share: int = 6) -> bool:
    """Whether enough of the words (the first ``limit``; at least one in ``share``) are common
    words of the rules' language to read it; text in another language gets no finding rather
    than a wrong one."""
    common = rules.matcher("common_words")
    words = [w.strip("\"'(),:-") for w in text.split()[:limit]]
    if common is None or len(words) < 6:
        return True
    hits = sum(1 for w in words if common.fullmatch(w))
    return hits * share >= len(words)
