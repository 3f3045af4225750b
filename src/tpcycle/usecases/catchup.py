"""Since we last talked: what the other person added since I last looked on this machine."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, tzinfo

from tpcycle.between import Note, Promise, promise_order
from tpcycle.clock import today
from tpcycle.domain import Entry, Role
from tpcycle.errors import StoreError
from tpcycle.store import Journal, UnitOfWork
from tpcycle.usecases.between import my_role

LAST_LOOKED = "between.last_looked"  # per machine: "ENTRY_ID NOTE_ID" seen when last shown


@dataclass(frozen=True)
class CatchUp:
    """What is waiting for me: new words from the other person, their questions, promises due."""

    me: Role
    today: date
    entries: list[Entry]
    notes: list[Note]
    asks: list[Note]  # the other person's questions nobody has answered yet
    due: list[Promise]  # open and due today or earlier, mine first
    asked: dict[str, int]  # the number of each question an answer here replies to, by uid

    @property
    def empty(self) -> bool:
        return not (self.entries or self.notes or self.asks or self.due)


def _seen(uow: UnitOfWork) -> tuple[int, int]:
    value = (uow.settings.get(LAST_LOOKED) or "").split()
    if len(value) == 2 and all(v.isdigit() for v in value):
        return int(value[0]), int(value[1])
    return 0, 0


def catch_up(journal: Journal, *, mark: bool = True, zone: tzinfo = UTC) -> CatchUp:
    """What the other person added since this machine last showed it (every cycle), and mark
    it shown. Numbers, not times, tell what is new: a bundle imported today may carry words
    written last week, and they are still news here."""
    with journal.read() as uow:
        me = my_role(uow)
        seen_entries, seen_notes = _seen(uow)
        ids = None  # every cycle
        entries = [
            e
            for e in map(uow.entries.get, uow.notes.entries_after(seen_entries, me))
            if e is not None
        ]
        notes = [n for n in uow.notes.of_cycles(ids, after=seen_notes) if n.role is not me]
        asks = [n for n in uow.notes.unanswered_asks(ids) if n.role is not me]
        day = today(uow.started, zone)
        due = [p for p in uow.promises.of_cycles(ids, open_only=True) if p.due_by(day)]
        asked = uow.notes.ids_of([n.reply_to for n in notes if n.reply_to])
        report = CatchUp(me, day, entries, notes, asks, promise_order(due, day, mine=me), asked)
        newest = uow.notes.newest_ids()
    if mark and newest != (seen_entries, seen_notes):
        try:
            with journal.write() as uow:
                uow.settings.set(LAST_LOOKED, f"{newest[0]} {newest[1]}")
        except StoreError:
            pass  # a journal that cannot be written (read-only file) still shows the news
    return report
