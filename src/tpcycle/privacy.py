"""Keeping students' names on the teacher's machine: stable aliases and redaction. Pure.

A roster gives each student's name an alias (Student A, Student B, ...). Everything that can
leave the machine (exports, shared bundles, calendar files, file names) has roster names
replaced by aliases, in every field, by one ``Redactor``.

How a name is found, in short (docs/privacy.md says it for teachers):

- the whole name, and each part of a name of several words on its own, all become the same
  alias (``Priya Patel``, ``Priya``, ``Patel``, ``Priya's``);
- matching works on one folded form of the text (``fold``): case, accents (José/Jose, Zoë/Zoe),
  composed or decomposed letters, compatibility forms, typographic apostrophes, dashes, and
  characters that hide inside a word (zero-width spaces, soft hyphens) make no difference;
- a name is a word of its own: no letter of a script written with spaces may touch it, but a
  digit, ``_``, ``.`` or any punctuation may (``Lee1``, ``Lee_essay.docx``). Names in scripts
  written without spaces (Chinese, Japanese, Thai, Korean with its attached particles) are
  found anywhere;
- a part that is also an ordinary English word (``Will``, ``Grace``, ``Mark``) is found only
  where it starts with a capital, unless the roster entry asks for every case.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from tpcycle.conversation import redacted as redacted_conversation
from tpcycle.domain import Cycle, Entry, Measure, Role, strip_controls, visible
from tpcycle.domain import RosterName as RosterName  # the roster entry lives in the domain
from tpcycle.errors import InvalidInput
from tpcycle.folding import (
    COMMON_WORDS,
    HIDDEN,
    PARTICLES,
    SPACED_LETTER,
    UNSPACED,
    fold,
    folded_with_origin,
)
from tpcycle.folding import match_key as match_key  # the roster compares names this way

MAX_NAME = 80
# A character of a script written without spaces (compiled here, where names are matched: its
# ranges cost milliseconds to compile, which commands that never redact should not pay).
UNSPACED_CHAR = re.compile(rf"[{UNSPACED}]")


def normal(text: str) -> str:
    """One Unicode form for storing and showing (é typed as one or two code points)."""
    return unicodedata.normalize("NFC", text)


def clean_student_name(name: str) -> str:
    cleaned = " ".join(normal(strip_controls(name)).split())
    if not cleaned:
        raise InvalidInput("A student's name cannot be empty.")
    if len(cleaned) > MAX_NAME:
        raise InvalidInput(
            f"The name '{visible(cleaned[:20])}...' is longer than {MAX_NAME} letters."
        )
    letters = sum(ch.isalpha() for ch in cleaned)
    if not letters:
        raise InvalidInput(f"'{visible(cleaned)}' does not look like a name; it has no letters.")
    if letters == 1:
        raise InvalidInput(
            f"'{visible(cleaned)}' is a single letter: tpcycle cannot find it in text without"
            " replacing every word that letter stands for, and an initial needs no hiding."
        )
    return cleaned


def alias_for(number: int) -> str:
    """0 -> Student A, 25 -> Student Z, 26 -> Student AA: short, stable, never reused."""
    letters = ""
    n = number
    while True:
        n, rest = divmod(n, 26)
        letters = chr(ord("A") + rest) + letters
        if n == 0:
            return f"Student {letters}"
        n -= 1


@dataclass(frozen=True)
class _Target:
    """What one folded name is replaced with, and whether only capitalised."""

    alias: str
    capital_only: bool  # an ordinary word: replaced only where it starts with a capital


def _tokens(key: str) -> list[str]:
    """One folded name as pieces of a regular expression, hidden characters allowed anywhere."""
    out: list[str] = []
    for i, ch in enumerate(key):
        if ch == " ":
            out.append(rf"[\s_.\-{HIDDEN}]+")
        elif ch == "'":
            out.append(f"'?{HIDDEN}*")
        elif ch == "-":
            out.append(rf"[\-\s]?{HIDDEN}*")
        elif i == 0 and ch.isalpha() and not UNSPACED_CHAR.match(ch):
            # No letter that would glue into a word just before the name. Placed after the
            # first letter so the engine tests it only where a name could start.
            out.append(rf"{re.escape(ch)}(?<!{SPACED_LETTER}.){HIDDEN}*")
        else:
            out.append(f"{re.escape(ch)}{HIDDEN}*")
    return out


def _end(key: str) -> str:
    """After a name in a script written with spaces, no letter of such a script may follow."""
    last = key[-1]
    if last.isalpha() and not UNSPACED_CHAR.match(last):
        return rf"(?!{HIDDEN}*{SPACED_LETTER})"
    return ""


# What a found name may have beyond its letters: hidden characters, apostrophes, gaps between
# words. Taking them out gives the same key for the found text and for the roster name.
_GAPS = re.compile(rf"[\s_.\-'{HIDDEN}]+")


def _canonical(folded: str) -> str:
    return _GAPS.sub("", folded)


class _Node:
    __slots__ = ("children", "end")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.end: str | None = None  # the assertion that ends a name here, if one does

    def add(self, tokens: list[str], end: str) -> None:
        node = self
        for token in tokens:
            node = node.children.setdefault(token, _Node())
        node.end = end

    def regex(self) -> str:
        """All names below this node as one expression, sharing their beginnings.

        Longer names are tried before a name that ends here, so "mary ann" wins over "mary".
        """
        options = [token + child.regex() for token, child in self.children.items()]
        if self.end is not None:
            options.append(self.end)
        if len(options) == 1:
            return options[0]
        return "(?:" + "|".join(options) + ")"


def _parts(key: str) -> list[str]:
    """The parts of a name that identify a child on their own: words, and halves of Mary-Ann."""
    words = key.split()
    found = []
    for word in words:
        found.append(word)
        if "-" in word:
            found.extend(w for w in word.split("-") if w)
    unique = []
    for part in found:
        bare = part.strip(".'-")
        if len(bare) < 2 or bare in PARTICLES or part == key or part in unique:
            continue
        unique.append(part)
    return unique


def _combined(aliases: list[str]) -> str:
    """One alias for a part that more than one child's name shares: Student A/C."""
    if all(a.startswith("Student ") for a in aliases):
        return "Student " + "/".join(a.removeprefix("Student ") for a in aliases)
    return "/".join(aliases)


def _as_roster(roster: Iterable[RosterName] | Mapping[str, str]) -> list[RosterName]:
    if isinstance(roster, Mapping):
        return [RosterName(str(name), str(alias)) for name, alias in roster.items()]
    return list(roster)


class Redactor:
    """Replaces roster names with their aliases in every field that can leave the machine.

    Built once per roster: one compiled pattern for all names, so redacting a whole journal
    costs one scan of each text. Also accepts the older ``{name: alias}`` mapping.
    """

    def __init__(self, roster: Iterable[RosterName] | Mapping[str, str]) -> None:
        students = _as_roster(roster)
        whole = {match_key(student.name) for student in students}
        shared: dict[str, list[str]] = {}
        capital_only: set[str] = set()
        for student in students:
            key = match_key(student.name)
            exempt = {match_key(part) for part in student.exempt}
            for part in _parts(key):
                if part in whole or part in exempt:
                    continue
                aliases = shared.setdefault(part, [])
                if student.alias not in aliases:
                    aliases.append(student.alias)
                if part in COMMON_WORDS and not student.every_case:
                    capital_only.add(part)
        targets: dict[str, _Target] = {}
        for student in students:
            key = match_key(student.name)
            if key and key not in targets:
                ordinary = " " not in key and key in COMMON_WORDS and not student.every_case
                targets[key] = _Target(student.alias, ordinary)
        for part, aliases in shared.items():
            targets[part] = _Target(_combined(aliases), part in capital_only)
        # Each key is found by the same pattern whatever its spelling; _canonical of what the
        # pattern found is the key of the name it found (whole names win a tie).
        self._targets: dict[str, _Target] = {}
        root = _Node()
        for key, target in targets.items():
            self._targets.setdefault(_canonical(key), target)
            root.add(_tokens(key), _end(key))
        self.pattern = re.compile(root.regex()) if targets else None

    def _target(self, found: str) -> _Target:
        target = self._targets.get(_canonical(found))
        if target is None:  # pragma: no cover - the pattern is built from the same keys
            return _Target("Student", capital_only=False)
        return target

    # -- text ----------------------------------------------------------------------------

    def text(self, text: str) -> str:
        """The text with every roster name and name part replaced by its alias."""
        if self.pattern is None or not text:
            return text
        folded, pieces = folded_with_origin(text)
        origin = None if pieces is None else [i for i, p in enumerate(pieces) for _ in p]
        out: list[str] = []
        last = 0
        for match in self.pattern.finditer(folded):
            target = self._target(match.group())
            start, end = match.span()
            if origin is not None and pieces is not None:
                start = origin[start]
                end = origin[end - 1] + 1
                while end < len(text) and pieces[end] == "":  # accents typed after the letter
                    end += 1
            if target.capital_only and not text[start].isupper():
                continue
            out.append(text[last:start])
            out.append(target.alias)
            last = end
        if not out:
            return text
        out.append(text[last:])
        return "".join(out)

    def whole(self, name: str) -> str:
        """A person's name field: replaced only when all of it is a roster name or part."""
        if self.pattern is None:
            return name
        folded = fold(name.strip())
        match = self.pattern.fullmatch(folded)
        if match is None:
            return name
        target = self._target(match.group())
        if target.capital_only and not name.strip()[:1].isupper():
            return name
        return target.alias

    def filename(self, text: str) -> str:
        """A file name (or part of one) with names replaced and nothing a path could misread."""
        redacted = self.text(text)
        safe = re.sub(r"[\s/\\:*?\"<>|\x00-\x1f\x7f]+", "-", redacted).strip("-.")
        return safe or "untitled"

    def protocol(self, name: str) -> str:
        """A protocol name with names replaced, still a valid protocol name (lower-case-dashes)."""
        redacted = self.text(name)
        if redacted == name:
            return name
        slug = re.sub(r"[^a-z0-9]+", "-", fold(redacted)).strip("-")
        return slug[:63] or "protocol"

    # -- records -------------------------------------------------------------------------

    def cycle(self, cycle: Cycle) -> Cycle:
        """Every field of a cycle and its entries that can leave the machine."""
        if self.pattern is None:
            return cycle
        return replace(
            cycle,
            goal=self.text(cycle.goal),
            teacher=self.whole(cycle.teacher),
            partner=self.whole(cycle.partner),
            protocol=self.protocol(cycle.protocol),
            entries=tuple(self.entry(e) for e in cycle.entries),
            conversations=tuple(
                redacted_conversation(c, self.text, self.whole) for c in cycle.conversations
            ),
        )

    def entry(self, entry: Entry) -> Entry:
        """Text, author, question, and each measure's (or group's) name and unit."""
        if self.pattern is None:
            return entry
        author = self.text(entry.author) if entry.role is Role.OTHER else self.whole(entry.author)
        return replace(
            entry,
            text=self.text(entry.text),
            author=author,
            question=None if entry.question is None else self.text(entry.question),
            measures=tuple(self.measure(m) for m in entry.measures),
        )

    def measure(self, measure: Measure) -> Measure:
        return replace(
            measure,
            name=self.text(measure.name),
            unit=None if measure.unit is None else self.text(measure.unit),
        )


def name_key(name: str) -> str:
    """How two spellings of one roster name are told apart in the store: case and spacing.

    Kept as it was because existing journals hold it; matching uses ``match_key``.
    """
    return " ".join(name.casefold().split())


def redact_cycles(
    cycles: Iterable[Cycle], roster: Iterable[RosterName] | Mapping[str, str]
) -> list[Cycle]:
    redactor = Redactor(roster)
    return [redactor.cycle(c) for c in cycles]
