"""The tally command: count what you see during a lesson (compare is in ``cli/compare.py``)."""

from __future__ import annotations

import sys
import time
from typing import Annotated

import typer

from tpcycle.cli import live
from tpcycle.cli import output as out
from tpcycle.cli.common import lesson_date, opened
from tpcycle.cli.options import (
    NUMBER_MAX,
    BaselineOption,
    NewEvidenceOption,
    OnOption,
)
from tpcycle.messages import Message
from tpcycle.tally import Tally, parse_codes
from tpcycle.usecases import cycles, recording


def tally(
    ctx: typer.Context,
    codes: Annotated[
        list[str],
        typer.Argument(
            help='What each key counts, e.g. o="open question" c="closed question".',
            metavar="KEY=LABEL...",
        ),
    ],
    by: Annotated[
        str, typer.Option("--by", help="Who is observing: a name, or teacher / partner.")
    ] = "partner",
    baseline: BaselineOption = False,
    new: NewEvidenceOption = False,
    private: Annotated[bool, typer.Option("--private", help="Save as a private entry.")] = False,
    cycle: Annotated[
        int | None, typer.Option("--cycle", "-c", min=1, max=NUMBER_MAX, help="Cycle number.")
    ] = None,
    on: OnOption = None,
) -> None:
    """Count what you see during a lesson, one key press each; q saves the counts as evidence.

    Press a code's key each time you see it, u to undo the last press, q (or Ctrl-C) to stop
    and save the counts and the minutes observed. Without a terminal, keys are read from
    standard input.
    """
    state = Tally(parse_codes(codes))
    with opened(ctx, create=False) as journal:
        target = cycles.get_cycle(journal, cycle)  # fail before the observation, not after
        step = recording.step_for_evidence(journal, target.id, baseline=baseline, new=new)
        happened_at = lesson_date(journal, on)
    out.say(
        Message.TALLY_STARTED,
        cycle=target.id,
        step=step.label.lower(),
        keys=", ".join(f"{c.key} = {c.label}" for c in state.codes),
    )
    seconds = _count(state, f"Tallying cycle {target.id} ({step.label.lower()})")
    if not state.presses:
        out.say(Message.TALLY_NOTHING_COUNTED)
        return
    with opened(ctx, create=False) as journal:
        saved = recording.add_entry(
            journal,
            cycle_id=target.id,
            step=step,
            text=state.summary(seconds),
            by=by,
            private=private,
            measures=state.measures(seconds),
            happened_at=happened_at,
        )
    out.saved(Message.TALLY_SAVED, entry=saved.entry.id, text=saved.entry.text)


def _count(state: Tally, title: str) -> float:
    """Count key presses until q (or the end of stdin); the seconds it took. In a terminal the
    live screen shows the counts as they go, and a key that is no code rings the bell."""
    started = time.monotonic()
    if live.interactive():
        painter = live.Painter()
        try:
            with live.keys(
                lambda: painter.draw(state.view(time.monotonic() - started, title))
            ) as keys:
                for key in keys:
                    if key in ("q", "Q", live.INTERRUPT, live.END):
                        break
                    if key and not state.press(key):
                        sys.stderr.write("\a")
        finally:
            painter.close()
    else:
        while key := sys.stdin.read(1):
            if key in ("q", "Q", "\x03", "\x04"):
                break
            state.press(key)
    return time.monotonic() - started
