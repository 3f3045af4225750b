"""What a pair does between meetings: promises with an owner and a day, short notes, questions
for the other person and their answers. Pure: no I/O."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from tpcycle.domain import Role, Step, resolve_author, strip_controls, visible
from tpcycle.errors import InvalidInput
from tpcycle.folding import match_key
from tpcycle.messages_partnership import Partnership

MAX_NOTE = 4_000  # notes between meetings are short; a longer text belongs in a step


class PromiseState(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class NoteKind(StrEnum):
    NOTE = "note"
    ASK = "ask"
    ANSWER = "answer"


@dataclass(frozen=True)
class Promise:
    """Something one person said they would do, by a day (or without one)."""

    id: int
    uid: str
    cycle_id: int
    text: str
    owner: str
    owner_role: Role
    due: str | None  # YYYY-MM-DD in the pair's own calendar
    state: PromiseState
    state_at: str | None
    author: str
    role: Role
    created_at: str
    entry_uid: str | None = None  # the move it came with

    def overdue(self, today: date) -> bool:
        return self.state is PromiseState.OPEN and self.due is not None and self.due < str(today)

    def due_by(self, today: date) -> bool:
        """Open and due today or earlier."""
        return self.state is PromiseState.OPEN and self.due is not None and self.due <= str(today)


@dataclass(frozen=True)
class Note:
    """A note, a question for the other person (ask) or an answer to one (reply_to: its uid)."""

    id: int
    uid: str
    cycle_id: int
    kind: NoteKind
    author: str
    role: Role
    text: str
    created_at: str
    reply_to: str | None = None


# -- days ------------------------------------------------------------------------------------

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_AHEAD = re.compile(r"\+(\d{1,4})([dw])")


def parse_due(text: str, today: date) -> date:
    """A due day as people type it: ``2026-12-04``, ``friday``/``fri`` (the next Friday after
    today), ``today``, ``tomorrow``, ``+3d``, ``+2w``. A day in the past is allowed."""
    word = " ".join(strip_controls(text).split()).casefold()
    if word == "today":
        return today
    if word == "tomorrow":
        return today + timedelta(days=1)
    ahead = _AHEAD.fullmatch(word)
    if ahead:
        count = int(ahead.group(1))
        return today + timedelta(days=count * (7 if ahead.group(2) == "w" else 1))
    if len(word) >= 3:
        for number, name in enumerate(_WEEKDAYS):
            if name.startswith(word):
                return today + timedelta(days=(number - today.weekday() - 1) % 7 + 1)
    try:
        return date.fromisoformat(word)
    except ValueError as exc:
        raise InvalidInput(Partnership.DUE_NOT_A_DAY, text=visible(text[:40])) from exc


# -- people ----------------------------------------------------------------------------------


def resolve_person(name: str, teacher: str, partner: str) -> tuple[str, Role]:
    """A promise's owner: one of the two people, named the way ``--by`` names them (teacher,
    partner, a full, first or last name, initials); anyone else, a third voice included, is an
    error naming the two people."""
    try:
        found = resolve_author(name, teacher, partner) if name.strip() else None
    except InvalidInput:
        found = None
    if found is None or found[1] is Role.OTHER:
        raise InvalidInput(
            Partnership.UNKNOWN_PERSON, name=visible(name[:40]), teacher=teacher, partner=partner
        )
    return found


def role_name(role: Role, teacher: str, partner: str) -> str:
    return partner if role is Role.PARTNER else teacher


def same_person(a: str, b: str) -> bool:
    """Names compared as everywhere in tpcycle: case, accents and spacing aside."""
    return match_key(a) == match_key(b)


# -- order and merging -----------------------------------------------------------------------


def promise_order(promises: list[Promise], today: date, mine: Role | None = None) -> list[Promise]:
    """Open before closed; among open ones overdue first, then by due day, undated last;
    with ``mine``, that person's own first within each group."""

    def key(p: Promise) -> tuple[int, int, int, str, int]:
        closed = 0 if p.state is PromiseState.OPEN else 1
        when = 0 if p.overdue(today) else 1 if p.due else 2
        own = 0 if mine is None or p.owner_role is mine else 1
        return (closed, when, own, p.due or "", p.id)

    return sorted(promises, key=key)


def merged_state(ours: Promise, theirs: Promise) -> tuple[PromiseState, str | None] | None:
    """The state to keep when the other machine's copy of a promise arrives; None to keep ours.

    Done or dropped beats open (a promise is not reopened by an older copy); when both closed
    it differently, the later change wins, and on a tie ours stays.
    """
    if theirs.state is ours.state or theirs.state is PromiseState.OPEN:
        return None
    if ours.state is PromiseState.OPEN:
        return theirs.state, theirs.state_at
    if (theirs.state_at or "") > (ours.state_at or ""):
        return theirs.state, theirs.state_at
    return None


def days_between(earlier: date, later: date) -> int:
    return (later - earlier).days


@dataclass(frozen=True)
class Row:
    """One teacher's line in a partner's caseload."""

    teacher: str
    cycles: int
    open_cycle: int | None
    next_step: Step | None  # of the open cycle; None when it has every step, or none is open
    last_entry: date | None
    promises_due: int  # open promises due today or earlier, across the pair's cycles
    days_since: int | None  # since the latest entry or note
    drifting: bool  # an open cycle untouched for longer than the drift rule allows


@dataclass(frozen=True)
class Caseload:
    """A partner's teachers, one row each, as of a day."""

    partner: str | None  # whose caseload: this machine's partner, when set
    today: date
    stale_days: int
    rows: list[Row]
