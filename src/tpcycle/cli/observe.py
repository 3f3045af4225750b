"""`tpcycle observe`: live capture for the observer, on one screen redrawn in place."""

from __future__ import annotations

import sys
import time
from typing import Annotated

import typer

from tpcycle.cli import live
from tpcycle.cli import output as out
from tpcycle.cli.common import lesson_date, opened
from tpcycle.cli.options import BaselineOption, CycleOption, NewEvidenceOption, OnOption
from tpcycle.errors import InvalidInput
from tpcycle.messages_classroom import Classroom
from tpcycle.observation import Kind, clock_time, parse_setup
from tpcycle.observe_screen import Keys
from tpcycle.store import Journal
from tpcycle.usecases import observing

# While the screen is up, how often the clock reached is written down (a crash loses at most
# this much of the time since the last event).
REMEMBER_EVERY = 10.0


def observe(
    ctx: typer.Context,
    codes: Annotated[
        list[str] | None,
        typer.Argument(
            help='What each key counts, e.g. o="open question" c="closed question".',
            metavar="[KEY=LABEL]...",
            show_default=False,
        ),
    ] = None,
    interval: Annotated[
        str | None,
        typer.Option(
            "--interval",
            "-i",
            metavar="KEY=LABEL",
            help='A stopwatch key: i="students working independently" starts and stops it.',
        ),
    ] = None,
    speakers: Annotated[
        bool, typer.Option("--speakers", help="s picks who spoke from the student roster.")
    ] = False,
    by: Annotated[
        str, typer.Option("--by", help="Who is observing: a name, or teacher / partner.")
    ] = "partner",
    baseline: BaselineOption = False,
    new: NewEvidenceOption = False,
    private: Annotated[bool, typer.Option("--private", help="Save as a private entry.")] = False,
    cycle: CycleOption = None,
    on: OnOption = None,
) -> None:
    """Observe a lesson live: counts, a stopwatch, timed notes and who spoke, saved as you go.

    Keys you name count things; the --interval key starts and stops a stopwatch; n starts a
    note (Enter files it, Esc drops it); with --speakers, s picks a student from the roster;
    u undoes the last event; q saves everything as evidence on the cycle (Ctrl-C does the same).
    Every event is saved the moment it happens: if the program is killed, run `tpcycle observe`
    again to go on where it stopped. Piped, it reads lines like `01:10 n Kids stuck on step 2`
    (see docs/observation.md).
    """
    try:
        setup = parse_setup(codes or [], interval, speakers)
    except InvalidInput as problem:
        raise typer.BadParameter(problem.message) from None
    with opened(ctx, create=False) as journal:
        session = observing.open_observation(
            journal,
            setup,
            cycle_id=cycle,
            by=by,
            private=private,
            baseline=baseline,
            new=new,
            happened_at=lesson_date(journal, on),
        )
        _announce(session)
        if live.interactive():
            seconds = _screen(journal, session)
        else:
            seconds = observing.replay(journal, session, sys.stdin)
        finished = observing.finish(journal, session, seconds)
    if finished is None:
        out.say(Classroom.OBSERVE_NOTHING)
        return
    saved, state = finished
    for warning in saved.warnings:
        out.warn(warning)
    out.saved(
        Classroom.OBSERVE_SAVED,
        entry=saved.entry.id,
        measures=len(saved.entry.measures),
        events=len(state.events),
    )


def _announce(session: observing.Session) -> None:
    setup = session.state.setup
    if session.resumed:
        out.say(
            Classroom.OBSERVE_RESUMED,
            cycle=session.cycle_id,
            time=clock_time(session.seconds),
            events=sum(1 for e in session.state.events if e.kind is not Kind.RESUMED),
        )
    else:
        out.say(Classroom.OBSERVE_STARTED, cycle=session.cycle_id, step=session.step.label.lower())
    keys = [f"{c.key} = {c.label}" for c in setup.codes]
    if setup.interval:
        keys.append(f"{setup.interval.key} = {setup.interval.label} (start/stop)")
    out.say(Classroom.OBSERVE_KEYS, keys=", ".join(keys) or "-")
    out.say(Classroom.OBSERVE_QUIT_HINT)


def _screen(journal: Journal, session: observing.Session) -> float:
    """The live screen until q or Ctrl-C; returns the time since the start reached."""
    keys = Keys(session.state, session.roster, session.cycle_id, session.step.label.lower())
    began = time.monotonic() - session.seconds
    painter = live.Painter()
    remembered = session.seconds

    def elapsed() -> float:
        return time.monotonic() - began

    def draw() -> None:
        nonlocal remembered
        now = elapsed()
        if now - remembered >= REMEMBER_EVERY:
            observing.reached(journal, session, now)
            remembered = now
        painter.draw(keys.view(now))

    try:
        with live.keys(draw) as pressed:
            for key in pressed:
                action = keys.press(key, elapsed())
                if action.event is not None:
                    observing.record(journal, session, action.event)
                if action.undo and observing.undo(journal, session) is None:
                    sys.stderr.write("\a")  # nothing left to undo
                if action.bell:
                    sys.stderr.write("\a")
                if action.quit:
                    break
    finally:
        painter.close()
    return elapsed()
