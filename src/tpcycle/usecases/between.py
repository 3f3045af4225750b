"""Between meetings: promises (todo), notes, questions for the other person and answers."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, tzinfo

from tpcycle.between import (
    MAX_NOTE,
    Note,
    NoteKind,
    Promise,
    PromiseState,
    parse_due,
    promise_order,
    resolve_person,
    same_person,
)
from tpcycle.clock import today
from tpcycle.domain import Cycle, CycleFilter, Role, Step, clean_text, resolve_author
from tpcycle.errors import InvalidInput, NotFound
from tpcycle.messages_partnership import Partnership
from tpcycle.store import Journal, UnitOfWork
from tpcycle.store.records import new_uid
from tpcycle.usecases.choosing import chosen
from tpcycle.usecases.identity import me_in


def my_role(uow: UnitOfWork) -> Role:
    """Who I am on this machine (``tpcycle whoami``); the teacher unless set otherwise."""
    me = me_in(uow)
    return Role.TEACHER if me is None else me.role


def author_for(uow: UnitOfWork, cycle: Cycle, by: str | None) -> tuple[str, Role]:
    """``--by`` when given, otherwise this machine's person."""
    return resolve_author(by, cycle.teacher, cycle.partner, me_in(uow))


def pair_cycles(uow: UnitOfWork, cycle: Cycle) -> list[Cycle]:
    """Every cycle of the same two people (names compared case and accents aside)."""
    return [
        c
        for c in uow.cycles.matching(CycleFilter())
        if same_person(c.teacher, cycle.teacher) and same_person(c.partner, cycle.partner)
    ]


# -- promises --------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewPromise:
    """A promise as asked for, before it is checked and saved."""

    text: str
    owner: str | None = None  # teacher, partner or a name; this machine's person if None
    due: str | None = None  # as typed
    by: str | None = None
    entry_uid: str | None = None


def add_promise(
    journal: Journal, cycle_id: int | None, new: NewPromise, zone: tzinfo = UTC
) -> Promise:
    text = clean_text(new.text, "promise", MAX_NOTE)
    with journal.write() as uow:
        return add_promise_in(uow, chosen(uow, cycle_id), new, text, zone)


def add_promise_in(
    uow: UnitOfWork, cycle: Cycle, new: NewPromise, text: str, zone: tzinfo = UTC
) -> Promise:
    """Inside an open unit of work (a move records its promise in the same transaction)."""
    owner_word = new.owner if new.owner and new.owner.strip() else my_role(uow).value
    owner, owner_role = resolve_person(owner_word, cycle.teacher, cycle.partner)
    due = None if new.due is None else parse_due(new.due, today(uow.started, zone)).isoformat()
    author, role = author_for(uow, cycle, new.by)
    draft = Promise(
        id=0,
        uid=new_uid(),
        cycle_id=cycle.id,
        text=text,
        owner=owner,
        owner_role=owner_role,
        due=due,
        state=PromiseState.OPEN,
        state_at=None,
        author=author,
        role=role,
        created_at=uow.now,
        entry_uid=new.entry_uid,
    )
    promise_id = uow.promises.add(draft)
    found = uow.promises.get(promise_id)
    assert found is not None
    return found


@dataclass(frozen=True)
class Todo:
    """The promises 'todo' lists, for a cycle's pair, as of a day."""

    cycle: Cycle
    promises: list[Promise]
    today: date
    mine: Role


def todo_list(
    journal: Journal, cycle_id: int | None, *, every: bool = False, zone: tzinfo = UTC
) -> Todo:
    """The pair's promises across their cycles: open ones, overdue first, then by day."""
    with journal.read() as uow:
        cycle = chosen(uow, cycle_id)
        ids = [c.id for c in pair_cycles(uow, cycle)]
        found = uow.promises.of_cycles(ids, open_only=not every)
        day = today(uow.started, zone)
        return Todo(cycle, promise_order(found, day), day, my_role(uow))


def close_promise(
    journal: Journal, cycle_id: int | None, promise_id: int, state: PromiseState
) -> Promise:
    """Mark promise N (a number from this pair's list) done or dropped."""
    with journal.write() as uow:
        cycle = chosen(uow, cycle_id)
        found = uow.promises.get(promise_id)
        if found is None:
            raise NotFound(Partnership.NO_SUCH_PROMISE, number=promise_id)
        if found.cycle_id not in {c.id for c in pair_cycles(uow, cycle)}:
            raise InvalidInput(Partnership.PROMISE_OF_OTHER_PAIR, number=promise_id, cycle=cycle.id)
        if found.state is state:
            return found
        uow.promises.set_state(promise_id, state, uow.now)
        changed = uow.promises.get(promise_id)
        assert changed is not None
        return changed


# -- notes, asks and answers -----------------------------------------------------------------


def add_note(
    journal: Journal,
    cycle_id: int | None,
    text: str,
    *,
    kind: NoteKind = NoteKind.NOTE,
    by: str | None = None,
) -> Note:
    """A short note on the cycle outside the six steps, or a question for the other person."""
    cleaned = clean_text(text, kind.value, MAX_NOTE)
    with journal.write() as uow:
        cycle = chosen(uow, cycle_id)
        return _save_note(uow, cycle, kind, cleaned, by, None)


def answer_ask(journal: Journal, ask_id: int, text: str, *, by: str | None = None) -> Note:
    """An answer to ask N, on the ask's own cycle."""
    cleaned = clean_text(text, "answer", MAX_NOTE)
    with journal.write() as uow:
        ask = uow.notes.get(ask_id)
        if ask is None or ask.kind is not NoteKind.ASK:
            raise NotFound(Partnership.NO_SUCH_ASK, number=ask_id)
        cycle = chosen(uow, ask.cycle_id)
        return _save_note(uow, cycle, NoteKind.ANSWER, cleaned, by, ask.uid)


def _save_note(
    uow: UnitOfWork, cycle: Cycle, kind: NoteKind, text: str, by: str | None, reply: str | None
) -> Note:
    author, role = author_for(uow, cycle, by)
    note_id = uow.notes.add(
        Note(0, new_uid(), cycle.id, kind, author, role, text, uow.now, reply_to=reply)
    )
    saved = uow.notes.get(note_id)
    assert saved is not None
    return saved


@dataclass(frozen=True)
class Between:
    """What a cycle holds besides its steps: notes in time order and its promises."""

    notes: list[Note]
    promises: list[Promise]
    today: date

    @property
    def empty(self) -> bool:
        return not self.notes and not self.promises


def between_of(uow: UnitOfWork, cycle_id: int, zone: tzinfo = UTC) -> Between:
    return Between(
        uow.notes.of_cycles([cycle_id]),
        uow.promises.of_cycles([cycle_id]),
        today(uow.started, zone),
    )


def cycle_between(journal: Journal, cycle_id: int, zone: tzinfo = UTC) -> Between:
    with journal.read() as uow:
        return between_of(uow, cycle_id, zone)


def check_promise(
    journal: Journal, cycle_id: int | None, new: NewPromise, zone: tzinfo = UTC
) -> None:
    """Refuse a promise that could not be saved (its text, owner or day), before the move it
    comes with is recorded."""
    clean_text(new.text, "promise", MAX_NOTE)
    with journal.read() as uow:
        cycle = chosen(uow, cycle_id)
        if new.owner and new.owner.strip():
            resolve_person(new.owner, cycle.teacher, cycle.partner)
        if new.due is not None:
            parse_due(new.due, today(uow.started, zone))


def promise_for_move(
    journal: Journal, cycle_id: int | None, new: NewPromise, zone: tzinfo = UTC
) -> Promise:
    """A promise tied to the cycle's latest move (just recorded)."""
    text = clean_text(new.text, "promise", MAX_NOTE)
    with journal.write() as uow:
        cycle = chosen(uow, cycle_id)
        moves = [e for e in cycle.entries if e.step is Step.MOVE]
        tied = replace(new, entry_uid=moves[-1].uid if moves else None)
        return add_promise_in(uow, cycle, tied, text, zone)
