"""The inquiry cycle itself: its six steps, entries, authors and the rules between them. No I/O."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from tpcycle.errors import InvalidInput
from tpcycle.folding import HIDDEN, fold
from tpcycle.messages import Message

if TYPE_CHECKING:
    from tpcycle.conversation import Conversation


class Step(StrEnum):
    """The six steps of a cycle, in the order a pair works through them."""

    GOAL = "goal"
    EVIDENCE = "evidence"
    INTERPRETATION = "interpretation"
    MOVE = "move"
    NEW_EVIDENCE = "new_evidence"
    REFLECTION = "reflection"

    @property
    def number(self) -> int:
        return STEPS.index(self) + 1

    @property
    def label(self) -> str:
        return _LABELS[self]


STEPS: tuple[Step, ...] = tuple(Step)

# The setting that remembers which cycle commands use when no --cycle is given.
CURRENT_CYCLE = "current_cycle"

_LABELS = {
    Step.GOAL: "Goal",
    Step.EVIDENCE: "Evidence",
    Step.INTERPRETATION: "Interpretation",
    Step.MOVE: "Move",
    Step.NEW_EVIDENCE: "New evidence",
    Step.REFLECTION: "Reflection",
}


class Role(StrEnum):
    """Which voice an entry is in; both people in a partnership write."""

    TEACHER = "teacher"
    PARTNER = "partner"
    OTHER = "other"


class Status(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True)
class Measure:
    """A number in evidence: a count out of a total, or a value with an optional unit."""

    name: str
    value: float
    total: float | None = None
    unit: str | None = None

    @property
    def is_count(self) -> bool:
        return self.total is not None

    @property
    def percent(self) -> float | None:
        return None if self.total is None else 100.0 * self.value / self.total

    @property
    def key(self) -> str:
        """Names match across baseline and new evidence whatever their case or spacing."""
        return measure_key(self.name)

    def display(self) -> str:
        if self.total is not None:
            percent = number(round(self.percent or 0.0, 1))
            return f"{number(self.value)}/{number(self.total)} ({percent}%)"
        return f"{number(self.value)}{self.unit or ''}"


def measure_key(name: str) -> str:
    return " ".join(name.casefold().split())


def number(value: float) -> str:
    """6.0 -> '6', 4.5 -> '4.5': people write whole counts without decimals."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


@dataclass(frozen=True)
class Entry:
    """One thing written at one step of a cycle, by one voice, with the numbers it reports."""

    # (A docstring also spares @dataclass an inspect.signature() call at import time.)
    id: int
    uid: str
    cycle_id: int
    step: Step
    author: str
    role: Role
    text: str
    private: bool
    created_at: str
    question: str | None = None
    measures: tuple[Measure, ...] = ()
    updated_at: str | None = None
    conflict_of: str | None = None  # uid of the entry this is the other side's version of
    happened_at: str | None = None  # when the lesson was (--on): a date, or a moment with offset


@dataclass(frozen=True)
class Cycle:
    """One inquiry cycle: its goal, the pair working on it, its protocol and its entries."""

    id: int
    uid: str
    goal: str
    teacher: str
    partner: str
    protocol: str
    protocol_version: str
    status: Status
    created_at: str
    closed_at: str | None = None
    entries: tuple[Entry, ...] = field(default=())
    follows: int | None = None  # the cycle this one grew out of
    conversations: tuple[Conversation, ...] = field(default=())  # held beside the steps

    def entries_for(self, step: Step, *, include_private: bool = True) -> tuple[Entry, ...]:
        return tuple(
            e for e in self.entries if e.step is step and (include_private or not e.private)
        )

    def public(self) -> Cycle:
        """The same cycle with private entries left out, as anything shared must show it."""
        return replace(
            self,
            entries=tuple(e for e in self.entries if not e.private),
            conversations=tuple(c.public() for c in self.conversations),
        )


@dataclass(frozen=True)
class Progress:
    """Where a cycle stands: which steps have something recorded and what comes next."""

    counts: dict[Step, int]
    next_step: Step | None

    @property
    def done(self) -> tuple[Step, ...]:
        return tuple(s for s in STEPS if self.counts[s])

    @property
    def missing(self) -> tuple[Step, ...]:
        return tuple(s for s in STEPS if not self.counts[s])


def progress(entries: Iterable[Entry]) -> Progress:
    counts = dict.fromkeys(STEPS, 0)
    for entry in entries:
        counts[entry.step] += 1
    next_step = next((s for s in STEPS if not counts[s]), None)
    return Progress(counts=counts, next_step=next_step)


# Longest text and name tpcycle keeps, from any source (typed, piped, edited, imported).
MAX_TEXT = 100_000
MAX_NAME = 200

# What cleaning removes from anything people give tpcycle, wherever it comes from (the command
# line, standard input, the editor, a bundle, a protocol file): C0 controls except tab and line
# break, DEL, C1 controls (U+0080-U+009F, among them the 8-bit CSI U+009B), and the bidi
# embeddings, overrides and isolates that can make text read differently from what it holds.
# None of them means anything to a reader; several make a terminal do things. Two of them also
# mark search highlights (HIGHLIGHT), so saved text can never contain a highlight mark.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Every way of ending a line becomes one line break: CRLF, CR, NEL, line and paragraph separator.
_LINE_BREAK = re.compile("\r\n|[\r\x85\u2028\u2029]")
# Lone surrogates are what undecodable bytes become on some systems' standard input; they
# cannot be stored, so they become the replacement mark instead of failing the save.
_SURROGATE = re.compile("[\ud800-\udfff]")


def strip_controls(text: str) -> str:
    """The one cleaning for every source: line breaks made plain, control characters dropped."""
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", _LINE_BREAK.sub("\n", text)))


def clean_text(text: str | None, what: str = "entry", limit: int = MAX_TEXT) -> str:
    """Trim surrounding blank space; refuse text with nothing in it, or too much."""
    cleaned = strip_controls(text or "").strip()
    if not cleaned:
        raise InvalidInput(f"The {what} is empty; write something to record.")
    if len(cleaned) > limit:
        raise InvalidInput(
            f"The {what} is {len(cleaned):,} characters long; the most tpcycle keeps is {limit:,}."
        )
    return cleaned


def clean_name(name: str | None, default: str, what: str = "name") -> str:
    """One line, single spaces, no controls; the default when nothing is left; refused if long."""
    cleaned = " ".join(strip_controls(name or "").split())
    if len(cleaned) > MAX_NAME:
        raise InvalidInput(
            f"The {what} '{visible(cleaned[:20])}...' is longer than {MAX_NAME} characters."
        )
    return cleaned or default


# Characters shown by name on the way out, so no control can act on a terminal: C0 and DEL as
# the Unicode control pictures (ESC as ␛), C1 and bidi controls as <U+XXXX>.
_SHOW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """Text with every control character that is still in it made visible and harmless.

    Tabs and line breaks stay as they are. For the output layer: text saved by older versions,
    or read from anywhere cleaning did not reach, must never drive the terminal.
    """
    return _SHOW.sub(_show, text)


def _show(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"<U+{code:04X}>"


@dataclass(frozen=True)
class Me:
    """Who this machine speaks for: the teacher or the partner, and that person's name."""

    role: Role
    name: str


OTHER_PREFIX = "other:"


def resolve_author(
    by: str | None, teacher: str, partner: str, me: Me | None = None
) -> tuple[str, Role]:
    """Turn ``--by`` into a name and a role; ``me`` (this machine's person) when it is left out.

    ``--by`` is ``teacher``, ``partner``, either person's full name, first or last name, initials
    (case, accents and typographic apostrophes make no difference), or ``other:NAME`` for a
    third voice. Anything else is refused with the two people named; nobody is invented.
    """
    by_clean = " ".join(strip_controls(by or "").split())
    if not by_clean:
        return _default_voice(teacher, partner, me)
    if by_clean[: len(OTHER_PREFIX)].casefold() == OTHER_PREFIX:
        name = clean_name(by_clean[len(OTHER_PREFIX) :], "", "name after other:")
        if not name:
            raise InvalidInput(Message.BY_OTHER_EMPTY)
        return name, Role.OTHER
    if len(by_clean) > MAX_NAME:
        raise InvalidInput(
            Message.BY_UNKNOWN, by=by_clean[:20] + "...", teacher=teacher, partner=partner
        )
    key = _name_key(by_clean)
    if key == Role.TEACHER.value:
        return teacher, Role.TEACHER
    if key == Role.PARTNER.value:
        return partner, Role.PARTNER
    found = [
        (n, r)
        for n, r in ((teacher, Role.TEACHER), (partner, Role.PARTNER))
        if key in _ways_to_name(n)
    ]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise InvalidInput(Message.BY_AMBIGUOUS, by=by_clean, teacher=teacher, partner=partner)
    raise InvalidInput(Message.BY_UNKNOWN, by=by_clean, teacher=teacher, partner=partner)


def _default_voice(teacher: str, partner: str, me: Me | None) -> tuple[str, Role]:
    """This machine's person when the cycle knows them by name or role; else the teacher."""
    if me is not None:
        key = _name_key(me.name)
        if key == _name_key(teacher):
            return teacher, Role.TEACHER
        if key == _name_key(partner):
            return partner, Role.PARTNER
        if me.role is Role.PARTNER:
            return partner, Role.PARTNER
    return teacher, Role.TEACHER


def _name_key(name: str) -> str:
    """A name as --by compares it: folded (case, accents, NFC/NFD, apostrophes), dots and
    hidden characters out, single spaces."""
    return " ".join(fold(name).replace(HIDDEN, "").replace(".", " ").split())


def _ways_to_name(name: str) -> set[str]:
    """A person's full name, first name, last name and initials ("Sam Lee": "sam lee", "sam",
    "lee", "sl")."""
    words = _name_key(name).split()
    if not words:
        return set()
    ways = {" ".join(words), words[0]}
    if len(words) > 1:
        initials = "".join(w[0] for w in words)
        ways |= {words[-1], initials, " ".join(initials)}
    return ways


def evidence_step(steps_recorded: Sequence[Step], *, baseline: bool, new: bool) -> Step:
    """Evidence is baseline until the cycle has a move and new evidence after; flags override."""
    if baseline and new:
        raise InvalidInput("Choose either --baseline or --new, not both.")
    if baseline:
        return Step.EVIDENCE
    if new:
        return Step.NEW_EVIDENCE
    return Step.NEW_EVIDENCE if Step.MOVE in steps_recorded else Step.EVIDENCE


@dataclass(frozen=True)
class CycleFilter:
    """Which cycles a listing shows; None means no condition."""

    status: Status | None = None
    partner: str | None = None  # names match case and accents aside
    protocol: str | None = None
    since: str | None = None  # ISO date: started on or after
    last: int | None = None  # only the most recent N
    teacher: str | None = None


@dataclass(frozen=True)
class SearchFilter:
    """Which entries a search looks in; None means no condition."""

    step: Step | None = None
    author: str | None = None  # a name, or the words teacher / partner
    cycle_id: int | None = None
    since: str | None = None  # ISO timestamp, included
    until: str | None = None  # ISO timestamp, excluded
    limit: int = 20


@dataclass(frozen=True)
class RosterName:
    """One student on the roster, as the redactor needs to know them.

    ``exempt`` holds parts of the name that are never replaced on their own (a part that is
    also a common word the teacher writes a lot); ``every_case`` makes a part that is an
    ordinary English word count in lower case too ("will" as well as "Will").
    """

    name: str
    alias: str
    exempt: frozenset[str] = field(default_factory=frozenset)
    every_case: bool = False


@dataclass(frozen=True)
class Hit:
    """One search result: where the words were found, and the words around them."""

    entry_id: int
    cycle_id: int
    goal: str
    step: Step
    author: str
    role: Role
    private: bool
    created_at: str
    snippet: str  # matched words are wrapped in HIGHLIGHT marks
    rank: float
    long: bool = False  # a very long entry: the snippet is still to be cut from its opening


HIGHLIGHT = ("\x02", "\x03")  # control characters cannot occur in saved text
