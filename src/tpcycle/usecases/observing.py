"""A live observation: started or resumed, each event saved in its own small unit of work, and
on quit turned into one evidence entry with measures and a timeline."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tpcycle.domain import Step, evidence_step
from tpcycle.errors import InvalidInput
from tpcycle.messages_classroom import Classroom
from tpcycle.observation import (
    NOTE,
    QUIT,
    SPEAKER_KEY,
    UNDO,
    Event,
    Kind,
    Observation,
    Setup,
    clock_time,
    note_text,
    parse_line,
)
from tpcycle.privacy import match_key
from tpcycle.store import Journal, UnitOfWork
from tpcycle.store.observations import OpenRow
from tpcycle.usecases.choosing import chosen
from tpcycle.usecases.cycles import Saved
from tpcycle.usecases.recording import add_entry


@dataclass
class Session:
    """An observation in progress as the screen needs it."""

    id: int
    cycle_id: int
    step: Step  # where it would be saved now (--baseline / --new, else the usual rule)
    state: Observation
    seconds: float  # the time since the start reached when it was (re)opened
    resumed: bool
    roster: tuple[str, ...] = ()  # the students who can be picked as speakers


def open_observation(
    journal: Journal,
    setup: Setup,
    *,
    cycle_id: int | None = None,
    by: str = "partner",
    private: bool = False,
    baseline: bool = False,
    new: bool = False,
    happened_at: str | None = None,
) -> Session:
    """Start an observation of the cycle, or go on with the one still open (an empty ``setup``
    means "whatever is open"). Baseline or new evidence is decided when it is saved, as
    `log evidence` would, unless ``baseline`` / ``new`` say; the observer (``by``) is the
    partner unless named."""
    with journal.write() as uow:
        roster = tuple(s.name for s in uow.students.all())
        found = uow.observations.current()
        if found is not None:
            keys = ", ".join(f"{c.key}={c.label}" for c in setup_of(found).codes) or "-"
            if cycle_id is not None and cycle_id != found.cycle_id:
                raise InvalidInput(Classroom.OBSERVE_OPEN_ELSEWHERE, cycle=found.cycle_id)
            if not setup.empty and setup != setup_of(found):
                raise InvalidInput(
                    Classroom.OBSERVE_OPEN_DIFFERENT, cycle=found.cycle_id, keys=keys
                )
            events = _events(uow, found.id)
            resumed = _add(uow, found.id, Event(found.seconds, Kind.RESUMED))
            state = Observation(setup_of(found), [*events, resumed])
            step = _step(found) or evidence_step(
                uow.entries.steps_recorded(found.cycle_id), baseline=False, new=False
            )
            return Session(found.id, found.cycle_id, step, state, found.seconds, True, roster)
        if setup.empty:
            raise InvalidInput(Classroom.OBSERVE_NEEDS_WHAT)
        if setup.speakers and not roster:
            raise InvalidInput(Classroom.OBSERVE_NO_ROSTER)
        cycle = chosen(uow, cycle_id)
        step = evidence_step(uow.entries.steps_recorded(cycle.id), baseline=baseline, new=new)
        new_id = uow.observations.add(
            cycle_id=cycle.id,
            setup=setup.to_dict(),
            step=step.value if baseline or new else None,
            author=by,
            private=private,
            happened_at=happened_at,
            at=uow.now,
        )
        return Session(new_id, cycle.id, step, Observation(setup), 0.0, False, roster)


def record(journal: Journal, session: Session, event: Event) -> Event:
    """Save one event the moment it happens, and add it to the session's state."""
    with journal.write() as uow:
        saved = _add(uow, session.id, event)
    session.state.events.append(saved)
    return saved


def undo(journal: Journal, session: Session) -> Event | None:
    """Take back the last event (a break in the observation is not an event to undo)."""
    last = session.state.last_undoable()
    if last is None:
        return None
    with journal.write() as uow:
        uow.observations.delete_event(last.id)
    session.state.events.remove(last)
    return last


def reached(journal: Journal, session: Session, seconds: float) -> None:
    """Remember how far the clock got (called now and then while the screen is up)."""
    with journal.write() as uow:
        uow.observations.reached(session.id, seconds)


def speaker(session: Session, typed: str) -> str | None:
    """The roster name a piped ``s NAME`` means: the whole name, or a part only one has."""
    wanted = match_key(typed)
    whole = [n for n in session.roster if match_key(n) == wanted]
    if whole:
        return whole[0]
    parts = [n for n in session.roster if wanted in match_key(n).split()]
    return parts[0] if len(parts) == 1 else None


def replay(journal: Journal, session: Session, lines: Iterable[str]) -> float:
    """Events piped as lines ``TIME KEY [TEXT]`` (docs/observation.md), each saved as it is
    read, up to ``q`` or the end; returns the time reached. A bad line stops the replay with
    its number, and what came before it stays saved."""
    last = session.seconds
    for number, raw in enumerate(lines, 1):
        line = parse_line(raw, number)
        if line is None:
            continue
        if line.seconds < last:
            raise InvalidInput(
                Classroom.OBSERVE_TIME_BACKWARDS,
                line=number,
                time=clock_time(line.seconds),
                last=clock_time(last),
            )
        last = line.seconds
        if line.key == QUIT:
            break
        if line.key == UNDO:
            undo(journal, session)
            reached(journal, session, last)
            continue
        record(journal, session, _piped_event(session, line.key, line.rest, last, number))
    return last


def _piped_event(session: Session, key: str, rest: str, seconds: float, number: int) -> Event:
    if key == NOTE:
        if not rest.strip():
            raise InvalidInput(Classroom.OBSERVE_NOTE_EMPTY, line=number)
        return Event(seconds, Kind.NOTE, NOTE, note_text(rest))
    if key == SPEAKER_KEY and session.state.setup.speakers:
        name = speaker(session, rest)
        if name is None:
            raise InvalidInput(Classroom.OBSERVE_UNKNOWN_STUDENT, line=number, name=rest[:60])
        return Event(seconds, Kind.SPOKE, SPEAKER_KEY, name)
    event = session.state.event_for(key, seconds)
    if event is None:
        raise InvalidInput(Classroom.OBSERVE_UNKNOWN_KEY, line=number, key=key)
    return event


def finish(journal: Journal, session: Session, seconds: float) -> tuple[Saved, Observation] | None:
    """Save the observation as one evidence entry (measures and the timeline) and remove its
    rows, in one unit of work; None when nothing was observed (the rows go all the same)."""
    with journal.write() as uow:
        found = uow.observations.current()
        if found is None or found.id != session.id:
            return None
        state = Observation(setup_of(found), _events(uow, found.id))
        end = max(seconds, state.last_time())
        state = state.finished(end)
        uow.observations.delete(found.id)
        if not state.recorded:
            return None
        saved = add_entry(
            journal,
            cycle_id=found.cycle_id,
            step=_step(found),  # None: baseline until the cycle has a move, new evidence after
            text=state.entry_text(end),
            by=found.author,
            private=found.private,
            measures=state.measures(end, uow.students.count()),
            happened_at=found.happened_at,
        )
    return saved, state


# -- rows and the observation model --------------------------------------------------------------


def setup_of(row: OpenRow) -> Setup:
    return Setup.from_dict(row.setup)


def _step(row: OpenRow) -> Step | None:
    return None if row.step is None else Step(row.step)


def _events(uow: UnitOfWork, observation_id: int) -> list[Event]:
    return [
        Event(r.seconds, Kind(r.kind), r.key, r.text, r.id)
        for r in uow.observations.events(observation_id)
    ]


def _add(uow: UnitOfWork, observation_id: int, event: Event) -> Event:
    new_id = uow.observations.add_event(
        observation_id,
        seconds=event.seconds,
        kind=event.kind.value,
        key=event.key,
        text=event.text,
        at=uow.now,
    )
    return Event(event.seconds, event.kind, event.key, event.text, new_id)
