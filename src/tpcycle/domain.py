"""The inquiry cycle itself: its six steps, entries, authors and the rules between them. No I/O."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from tpcycle.errors import InvalidInput


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


@dataclass(frozen=True)
class Cycle:
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

    def entries_for(self, step: Step, *, include_private: bool = True) -> tuple[Entry, ...]:
        return tuple(
            e for e in self.entries if e.step is step and (include_private or not e.private)
        )

    def public(self) -> Cycle:
        """The same cycle with private entries left out, as anything shared must show it."""
        return replace(self, entries=tuple(e for e in self.entries if not e.private))


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


def clean_text(text: str | None, what: str = "entry") -> str:
    """Trim surrounding blank space; refuse text with nothing in it."""
    cleaned = _CONTROL.sub("", (text or "").replace("\r\n", "\n").replace("\r", "\n")).strip()
    if not cleaned:
        raise InvalidInput(f"The {what} is empty; write something to record.")
    return cleaned


# Invisible control characters (not tabs or line breaks) are dropped from what people write:
# they carry no meaning for a reader and tpcycle uses two of them to mark search highlights.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean_name(name: str | None, default: str) -> str:
    cleaned = " ".join((name or "").split())
    return cleaned or default


def resolve_author(by: str | None, teacher: str, partner: str) -> tuple[str, Role]:
    """Turn ``--by`` (a name, or the words teacher/partner) into a name and a role.

    The teacher is the default voice because the journal is the teacher's.
    """
    by_clean = " ".join((by or "").split())
    if not by_clean or by_clean.casefold() == Role.TEACHER.value:
        return teacher, Role.TEACHER
    if by_clean.casefold() == Role.PARTNER.value:
        return partner, Role.PARTNER
    if by_clean.casefold() == teacher.casefold():
        return teacher, Role.TEACHER
    if by_clean.casefold() == partner.casefold():
        return partner, Role.PARTNER
    return by_clean, Role.OTHER


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
    partner: str | None = None
    protocol: str | None = None
    since: str | None = None  # ISO date: started on or after
    last: int | None = None  # only the most recent N


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
