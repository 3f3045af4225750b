"""Rules as data, compiled: phrase lists from a rules file turned into safe, fast matchers.

Pure: no I/O. The rules reader (``tpcycle.checks.rules``) turns a YAML file into ``Rules``;
this module checks each phrase can never hang (no nested repeats, no back-references, few
unbounded repeats, and text is only ever matched one sentence of bounded length at a time), and
reads an entry's text once into sentences that every check then shares.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

# Lists a rules file may hold; anything else is an unknown key.
LIST_NAMES: tuple[str, ...] = (
    "common_words",
    "negations",
    "expectation",
    "contrast",
    "goal_preamble",
    "teacher_starts",
    "passive_students",
    "outcome_connectors",
    "cultivate_starts",
    "teacher_subject",
    "student_words",
    "not_doing_words",
    "broad_goals",
    "broad_outcomes",
    "narrowing",
    "measure_hints",
    "not_a_measure",
    "adult_words",
    "filler",
    "plan_copied",
    "deference",
    "reshape",
    "prescriptive",
    "acceptance",
    "attribution",
    "asking",
    "blame",
    "venting",
    "forward",
    "perfect",
    "struggle",
    "enjoyment",
    "learning",
    "tools",
    "switching",
    "keep",
    "change",
    "prompt_words",
    "rubric",
    "best_only",
    "praise",
    "reframe",
    "others_asked",
    "dismiss",
    "practice_phrases",
    "template",
    "sarcasm",
    "handing_over",
    "others",
    "permanence",
    "resignation",
    "irony",
    "irony_markers",
    "rhetorical",
    "no_change",
    "not_a_plan",
    "first_person",
    "plan_markers",
    "at_once",
    "outward_moves",
    "causal",
)
PLACEHOLDERS = ("{teacher}", "{partner}")

MAX_TEXT = 20_000  # characters of one entry that are read
MAX_SENTENCE = 400  # a sentence longer than this is read in pieces of this size
MAX_PHRASE = 2_000
MAX_UNBOUNDED = 2  # unbounded repeats (*, +, {n,}) allowed in one phrase
LARGE_REPEAT = 50  # {m,n} with n above this counts as unbounded

GAP = " (?:[^ ]+ ){0,3}"  # what " ... " in a phrase stands for: up to three words
NEVER = "(?!)"


def phrase_problem(phrase: str) -> str | None:
    """Why a phrase cannot be used, or None. Refuses what could make matching slow or odd."""
    if len(phrase) > MAX_PHRASE:
        return f"the pattern is longer than {MAX_PHRASE} characters"
    body = phrase
    for holder in PLACEHOLDERS:
        body = body.replace(holder, "x")
    body = body.replace(" ... ", " x ")
    problem = _shape_problem(body)
    if problem:
        return problem
    try:
        compiled = re.compile(body)
    except re.error as exc:
        return f"the pattern is not a valid regular expression ({exc.msg})"
    if compiled.groups:
        return "use (?:...) for groups; capturing groups (...) are not allowed"
    return None


def _shape_problem(pattern: str) -> str | None:
    """Walk the pattern once: back-references, nested repeats and too many unbounded repeats
    are refused (each can make a regular expression take exponential or huge polynomial time)."""
    stack: list[dict[str, bool]] = [{"repeat": False, "alt": False}]
    unbounded = 0
    i = 0
    last_was_group: dict[str, bool] | None = None
    while i < len(pattern):
        char = pattern[i]
        closed: dict[str, bool] | None = None
        if char == "\\":
            following = pattern[i + 1 : i + 2]
            if following.isdigit() and following != "0":
                return "back-references (\\1) are not allowed"
            if following in ("g", "k"):
                return "back-references are not allowed"
            i += 2
        elif char == "[":
            j = i + 1
            if pattern[j : j + 1] == "^":
                j += 1
            if pattern[j : j + 1] == "]":
                j += 1
            while j < len(pattern) and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            i = j + 1
        elif char == "(":
            if pattern.startswith("(?P=", i):
                return "back-references (?P=name) are not allowed"
            if pattern.startswith("(?(", i):
                return "conditional groups are not allowed"
            stack.append({"repeat": False, "alt": False})
            i += 1
        elif char == ")":
            if len(stack) > 1:
                closed = stack.pop()
                if closed["repeat"]:
                    stack[-1]["repeat"] = True
            i += 1
        elif char == "|":
            stack[-1]["alt"] = True
            i += 1
        elif char in "*+?{":
            size, is_unbounded, is_repeat = _quantifier(pattern, i)
            if size == 0:  # a literal '{'
                i += 1
                last_was_group = None
                continue
            if is_repeat:
                if last_was_group is not None and (
                    last_was_group["repeat"] or last_was_group["alt"]
                ):
                    return "nested repeats like (a+)+ or (a|b)* are not allowed"
                stack[-1]["repeat"] = True
            if is_unbounded:
                unbounded += 1
            i += size
            if pattern[i : i + 1] in ("?", "+"):  # lazy or possessive marker
                i += 1
        else:
            i += 1
        last_was_group = closed
    if unbounded > MAX_UNBOUNDED:
        return f"more than {MAX_UNBOUNDED} unbounded repeats (* or +) in one pattern"
    return None


def _quantifier(pattern: str, i: int) -> tuple[int, bool, bool]:
    """(length, unbounded, repeats more than once) of the quantifier at ``i``; length 0 when a
    '{' is a literal brace."""
    char = pattern[i]
    if char == "?":
        return 1, False, False
    if char in "*+":
        return 1, True, True
    match = re.match(r"\{(\d*)(,?)(\d*)\}", pattern[i:])
    if not match or (not match.group(1) and not match.group(3)):
        return 0, False, False
    upper = match.group(3)
    if match.group(2) and not upper:
        return len(match.group(0)), True, True
    top = int(upper or match.group(1))
    return len(match.group(0)), top > LARGE_REPEAT, top > 1


@dataclass(frozen=True)
class Rules:
    """Checked phrase lists, by list name, and where they came from."""

    language: str
    lists: Mapping[str, tuple[str, ...]]
    source: str = "bundled"
    description: str = ""
    # What turns a list's pattern into a compiled one: ``re.compile``, or one that keeps the
    # compiled pattern in the user's cache folder (``checks.saved``), given by the loader.
    compiler: Callable[[str], re.Pattern[str]] = field(
        default=re.compile, compare=False, repr=False
    )
    _cache: dict[tuple[str, str, str], re.Pattern[str] | None] = field(
        default_factory=dict, compare=False, repr=False
    )

    def matcher(self, name: str, teacher: str = "", partner: str = "") -> re.Pattern[str] | None:
        """One compiled pattern for a whole list (None if the list is empty), compiled the first
        time the list is asked for."""
        key = (name, teacher, partner)
        if key not in self._cache:
            phrases = self.lists.get(name, ())
            named = bool(teacher or partner) and any(
                holder in phrase for phrase in phrases for holder in PLACEHOLDERS
            )
            # A pattern with people's names in it is never kept on disk: deleting means gone.
            compiler = re.compile if named else self.compiler
            self._cache[key] = _compile(phrases, teacher, partner, compiler)
        return self._cache[key]


def _first_name(name: str) -> str:
    words = name.split()
    return re.escape(_normal(words[0])) if words else NEVER


def mentioned(name: str, texts: Iterable[str]) -> str:
    """``name`` if its first name is in one of ``texts``, else "". A list's phrases that hold
    a name can only match text that holds it, so for texts without it the list finds the same
    with the name left out, and that pattern holds no name (it may be kept between runs)."""
    words = name.split()
    if not words:
        return name
    first = _normal(words[0])
    return name if any(first in _normal(text) for text in texts) else ""


def list_pattern(phrases: tuple[str, ...], teacher: str = "", partner: str = "") -> str:
    """The one regular expression a list of phrases becomes (names put in for placeholders).

    The phrases are joined first and the joined text is changed once: no ``|`` is in what is
    replaced or in what replaces it, so it is the same as changing each phrase (and a check
    builds about fifty of these, some of hundreds of phrases)."""
    body = "|".join(phrases).replace(" ... ", GAP)
    body = body.replace("{teacher}", _first_name(teacher)).replace(
        "{partner}", _first_name(partner)
    )
    return r"(?<!\w)(?:" + body + r")(?!\w)"


@functools.lru_cache(maxsize=512)
def _compile(
    phrases: tuple[str, ...],
    teacher: str,
    partner: str,
    compiler: Callable[[str], re.Pattern[str]] = re.compile,
) -> re.Pattern[str] | None:
    if not phrases:
        return None
    return compiler(list_pattern(phrases, teacher, partner))


# -- reading text ---------------------------------------------------------------------------


def _normal(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    return " ".join(text.replace("\u201d", '"').casefold().split())


# A NamedTuple, not a frozen dataclass: made at every import of `check`, where the
# dataclass's generated methods cost 0.6 ms a class and a NamedTuple 0.1 ms.
class Sentence(NamedTuple):
    """One sentence of an entry, normalised for matching, and whether it asked something."""

    text: str  # lower-cased, straight quotes, single spaces, no end mark
    question: bool


_SPLIT = re.compile(r"([.!?;\n]+)")


def sentences(text: str) -> tuple[Sentence, ...]:
    """The first ``MAX_TEXT`` characters as sentences, each at most ``MAX_SENTENCE`` long."""
    pieces = _SPLIT.split(text[:MAX_TEXT])
    found: list[Sentence] = []
    for index in range(0, len(pieces), 2):
        body = _normal(pieces[index])
        if not body:
            continue
        end = pieces[index + 1] if index + 1 < len(pieces) else ""
        question = "?" in end
        for start in range(0, len(body), MAX_SENTENCE):
            found.append(Sentence(body[start : start + MAX_SENTENCE].strip(" ,-"), question))
    return tuple(s for s in found if s.text)


def whole(text: str) -> str:
    """The text as one normalised line without end marks, for "is this all it says?" checks."""
    return _normal(re.sub(r"[.!?;,:()\"*_~]+", " ", text[:MAX_TEXT])).strip(" -")


def word_count(text: str) -> int:
    return len(re.findall(r"[^\W_]+(?:'[^\W_]+)?", text[:MAX_TEXT]))
