"""A live observation: keys for things seen, a stopwatch for an interval, timed notes and who
spoke, turned into measured evidence with a timeline. Pure, no I/O.

An observation is its setup (which key means what) and the events recorded so far, each with the
seconds since the observation started. Everything else (counts, how long the interval ran, the
entry saved at the end) is worked out from the events, so an observation read back after a crash
is the same observation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from tpcycle.domain import Measure, clean_text, strip_controls, visible
from tpcycle.errors import InvalidInput
from tpcycle.messages import text
from tpcycle.messages_classroom import Classroom
from tpcycle.tally import Code

# Keys the screen keeps for itself; with --speakers, SPEAKER_KEY too.
QUIT, UNDO, NOTE, SPEAKER_KEY = "q", "u", "n", "s"
RESERVED = (QUIT, UNDO, NOTE)
# A code's label is its measure's name, and names stop at 60 letters (measures.MAX_NAME); the
# interval's label gets ", longest" added to it.
MAX_LABEL = 60
MAX_INTERVAL_LABEL = 50
MAX_NOTE = 500
# Keys offered for the students in the who-spoke list, in order.
PICK_KEYS = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class Kind(StrEnum):
    CODE = "code"  # a code's key was pressed
    START = "start"  # the interval's stopwatch started
    STOP = "stop"  # ... and stopped
    NOTE = "note"  # a typed note, timed when the note was begun
    SPOKE = "spoke"  # a student spoke (the roster name, kept on this machine)
    RESUMED = "resumed"  # the observation went on after it was stopped without saving


@dataclass(frozen=True)
class Event:
    seconds: float
    kind: Kind
    key: str = ""
    text: str = ""
    id: int = 0


@dataclass(frozen=True)
class Setup:
    """What each key means: codes counted, an optional interval, and whether speakers are kept."""

    codes: tuple[Code, ...] = ()
    interval: Code | None = None
    speakers: bool = False

    @property
    def empty(self) -> bool:
        return not self.codes and self.interval is None and not self.speakers

    def to_dict(self) -> dict[str, object]:
        return {
            "codes": [[c.key, c.label] for c in self.codes],
            "interval": None if self.interval is None else [self.interval.key, self.interval.label],
            "speakers": self.speakers,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Setup:
        interval = data.get("interval")
        return cls(
            codes=tuple(Code(str(k), str(v)) for k, v in data.get("codes") or []),
            interval=Code(str(interval[0]), str(interval[1])) if interval else None,
            speakers=bool(data.get("speakers")),
        )


def _code(spec: str, what: str, longest: int = MAX_LABEL) -> Code:
    shown = _short(visible(spec))  # what was typed, controls shown by name
    key, sep, label = strip_controls(spec).partition("=")
    key, label = key.strip(), " ".join(label.split())
    if not sep or not label:
        raise InvalidInput(Classroom.OBSERVE_CODE_SHAPE, spec=shown, what=what)
    if len(key) != 1 or not key.isprintable() or key.isspace():
        raise InvalidInput(Classroom.OBSERVE_KEY_SHAPE, spec=shown)
    if len(label) > longest:
        raise InvalidInput(Classroom.OBSERVE_LABEL_LONG, spec=shown, most=longest)
    return Code(key, label)


def parse_setup(codes: list[str], interval: str | None = None, speakers: bool = False) -> Setup:
    """``o="open question"`` ..., ``--interval i="working alone"``, ``--speakers``; keys that
    clash with each other or with the screen's own keys are refused before anything starts."""
    parsed = [_code(spec, "counts") for spec in codes]
    timed = None if interval is None else _code(interval, "times", MAX_INTERVAL_LABEL)
    reserved = {QUIT: "q", UNDO: "u", NOTE: "n"}
    if speakers:
        reserved[SPEAKER_KEY] = "s"
    seen: dict[str, str] = {}
    for code in [*parsed, *([timed] if timed else [])]:
        if code.key.lower() in reserved:
            raise InvalidInput(Classroom.OBSERVE_KEY_RESERVED, key=code.key)
        if code.key in seen:
            raise InvalidInput(Classroom.OBSERVE_KEY_TWICE, key=code.key)
        if any(label.casefold() == code.label.casefold() for label in seen.values()):
            raise InvalidInput(Classroom.OBSERVE_LABEL_TWICE, label=code.label)
        seen[code.key] = code.label
    return Setup(tuple(parsed), timed, speakers)


@dataclass
class Observation:
    """An observation's setup and its events in time order; every figure is worked out here."""

    setup: Setup
    events: list[Event] = field(default_factory=list)

    def event_for(self, key: str, seconds: float) -> Event | None:
        """The event a key press records, or None when the key means nothing here."""
        if any(c.key == key for c in self.setup.codes):
            return Event(seconds, Kind.CODE, key)
        if self.setup.interval is not None and key == self.setup.interval.key:
            kind = Kind.STOP if self.running_since() is not None else Kind.START
            return Event(seconds, kind, key)
        return None

    def last_undoable(self) -> Event | None:
        return next((e for e in reversed(self.events) if e.kind is not Kind.RESUMED), None)

    def count(self, key: str) -> int:
        return sum(1 for e in self.events if e.kind is Kind.CODE and e.key == key)

    def counts(self) -> dict[str, int]:
        return {c.label: self.count(c.key) for c in self.setup.codes}

    def running_since(self) -> float | None:
        for event in reversed(self.events):
            if event.kind is Kind.START:
                return event.seconds
            if event.kind is Kind.STOP:
                return None
        return None

    def intervals(self, now: float) -> list[float]:
        """How long each run of the stopwatch lasted; a running one up to ``now``."""
        spans: list[float] = []
        began: float | None = None
        for event in self.events:
            if event.kind is Kind.START:
                began = event.seconds
            elif event.kind is Kind.STOP and began is not None:
                spans.append(max(0.0, event.seconds - began))
                began = None
        if began is not None:
            spans.append(max(0.0, now - began))
        return spans

    def notes(self) -> list[Event]:
        return [e for e in self.events if e.kind is Kind.NOTE]

    def speakers(self) -> list[str]:
        return [e.text for e in self.events if e.kind is Kind.SPOKE]

    def last_time(self) -> float:
        return max((e.seconds for e in self.events), default=0.0)

    @property
    def recorded(self) -> bool:
        return any(e.kind is not Kind.RESUMED for e in self.events)

    def measures(self, seconds: float, roster_size: int = 0) -> tuple[Measure, ...]:
        found: list[Measure] = [Measure(label, float(n)) for label, n in self.counts().items()]
        if self.setup.interval is not None:
            spans = self.intervals(seconds)
            label = self.setup.interval.label
            found.append(Measure(f"{label}, in all", minutes(sum(spans)), None, "min"))
            found.append(
                Measure(f"{label}, longest", minutes(max(spans, default=0.0)), None, "min")
            )
        if self.setup.speakers:
            spoke = self.speakers()
            found.append(Measure(text(Classroom.OBSERVE_TURNS), float(len(spoke))))
            if roster_size:
                who = float(len(set(spoke)))
                found.append(Measure(text(Classroom.OBSERVE_WHO_SPOKE), who, float(roster_size)))
        found.append(Measure(text(Classroom.OBSERVE_MINUTES), minutes(seconds), None, "min"))
        return tuple(found)

    def summary(self, seconds: float) -> str:
        parts = [f"{label} {n}" for label, n in self.counts().items()]
        if self.setup.interval is not None:
            spans = self.intervals(seconds)
            parts.append(
                text(
                    Classroom.OBSERVE_SUMMARY_INTERVAL,
                    label=self.setup.interval.label,
                    count=len(spans),
                    total=clock_time(sum(spans)),
                    longest=clock_time(max(spans, default=0.0)),
                )
            )
        if self.setup.speakers:
            parts.append(text(Classroom.OBSERVE_SUMMARY_TURNS, count=len(self.speakers())))
        notes = len(self.notes())
        if notes:
            parts.append(text(Classroom.OBSERVE_SUMMARY_NOTES, count=notes))
        return text(Classroom.OBSERVE_SUMMARY, time=clock_time(seconds), parts="; ".join(parts))

    def timeline(self, seconds: float) -> list[tuple[str, str]]:
        """(time since the start, what happened) for every event, and the end."""
        rows = [(clock_time(e.seconds), self.describe(e)) for e in self.events]
        return [*rows, (clock_time(seconds), text(Classroom.OBSERVE_EVENT_END))]

    def describe(self, event: Event) -> str:
        labels = {c.key: c.label for c in self.setup.codes}
        interval = self.setup.interval.label if self.setup.interval else ""
        if event.kind is Kind.CODE:
            return labels.get(event.key, event.key)
        if event.kind is Kind.START:
            return text(Classroom.OBSERVE_EVENT_START, label=interval)
        if event.kind is Kind.STOP:
            return text(Classroom.OBSERVE_EVENT_STOP, label=interval)
        if event.kind is Kind.NOTE:
            return text(Classroom.OBSERVE_EVENT_NOTE, note=event.text)
        if event.kind is Kind.SPOKE:
            return text(Classroom.OBSERVE_EVENT_SPOKE, name=event.text)
        return text(Classroom.OBSERVE_EVENT_RESUMED)

    def finished(self, seconds: float) -> Observation:
        """The observation as saved: a stopwatch still running stops at the end."""
        if self.running_since() is None or self.setup.interval is None:
            return self
        stop = Event(seconds, Kind.STOP, self.setup.interval.key)
        return Observation(self.setup, [*self.events, stop])

    def entry_text(self, seconds: float) -> str:
        """The evidence entry: the summary, then the timeline as a list (one line per event)."""
        lines = [f"- {when} {what}" for when, what in self.timeline(seconds)]
        heading = text(Classroom.OBSERVE_TIMELINE_HEADING)
        return "\n".join([self.summary(seconds), "", heading, *lines])


def minutes(seconds: float) -> float:
    return round(seconds / 60, 1)


def clock_time(seconds: float) -> str:
    """Seconds as a stopwatch shows them: 75 -> 1:15, 3725 -> 1:02:05."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    mins, secs = divmod(rest, 60)
    return f"{hours}:{mins:02d}:{secs:02d}" if hours else f"{mins}:{secs:02d}"


_TIME = re.compile(r"^(?:(\d+):)?(\d{1,3}):([0-5]\d)$")


def parse_time(word: str) -> float | None:
    """``1:15`` or ``01:02:05`` as seconds; None when it is not a time."""
    found = _TIME.match(word)
    if not found:
        return None
    hours, mins, secs = (int(g) if g else 0 for g in found.groups())
    return float(hours * 3600 + mins * 60 + secs)


@dataclass(frozen=True)
class Line:
    """One line of a piped observation: ``01:10 n Kids stuck on step 2``."""

    seconds: float
    key: str
    rest: str


def parse_line(raw: str, number_: int) -> Line | None:
    """A piped line as (time, key, the rest); None for a blank line or a ``#`` comment."""
    stripped = strip_controls(raw).strip()
    if not stripped or stripped.startswith("#"):
        return None
    when, _, after = stripped.partition(" ")
    seconds = parse_time(when)
    key, _, rest = after.strip().partition(" ")
    if seconds is None or len(key) != 1:
        raise InvalidInput(Classroom.OBSERVE_BAD_LINE, line=number_, text=_short(stripped))
    return Line(seconds, key, rest.strip())


def note_text(raw: str) -> str:
    """A note as kept: one line, not empty, not too long."""
    return clean_text(" ".join(raw.split()), what="note", limit=MAX_NOTE)


def _short(value: str) -> str:
    return value if len(value) <= 60 else value[:57] + "..."
