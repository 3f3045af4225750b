"""The guided session's numbers: after the evidence and new-evidence questions it offers a
measure, after the move a prediction, each added to the last answer of that step."""

from __future__ import annotations

import typer

from tpcycle.cli import output as out
from tpcycle.cli.asking import read_line
from tpcycle.domain import Step
from tpcycle.errors import InvalidInput
from tpcycle.messages import Message
from tpcycle.messages_classroom import Classroom
from tpcycle.store import Journal
from tpcycle.usecases import session_numbers


def offer(journal: Journal, cycle_id: int, step: Step | None, answered: dict[Step, int]) -> None:
    """Ask for one number for ``step`` if this sitting saved an answer there; Enter skips and a
    bad number is asked again with its reason. ``/stop`` or Ctrl-D stops the session as at
    any question (where to resume was saved with the last answer)."""
    if step not in session_numbers.OFFERED or step not in answered:
        return
    entry_id = answered.pop(step)
    prediction = step is Step.MOVE
    out.blank(err=True)
    ask = Classroom.SESSION_PREDICTION_ASK if prediction else Classroom.SESSION_MEASURE_ASK
    out.line(out.words(ask), err=True)
    names = session_numbers.measure_names(journal, cycle_id)
    if names:
        out.line(
            (out.words(Classroom.SESSION_MEASURE_NAMES, names=", ".join(names)), "dim"), err=True
        )
    while True:
        line = read_line("= ")
        if line is None or line.strip() == "/stop":
            out.say(Message.SESSION_STOPPED)
            raise typer.Exit(0)
        if not line.strip():
            return
        try:
            entry = session_numbers.add_measure(journal, entry_id, line)
        except InvalidInput as exc:
            out.line((exc.message, "yellow"), err=True)
            continue
        shown = entry.measures[-1]
        out.saved(
            Classroom.SESSION_PREDICTION_SAVED if prediction else Classroom.SESSION_MEASURE_SAVED,
            measure=f"{shown.name}={shown.display()}",
            entry=entry.id,
        )
        return
