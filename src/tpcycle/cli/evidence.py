"""Commands about the numbers in evidence: compare before with after, and tally an observation."""

from __future__ import annotations

import os
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
    CycleArgument,
    JsonOption,
    NewEvidenceOption,
    OnOption,
)
from tpcycle.cli.sort import print_movement
from tpcycle.domain import Measure, number
from tpcycle.measures import Comparison, Row, compare
from tpcycle.messages import Message
from tpcycle.render import comparison_dict, to_json
from tpcycle.render_sort import movement_dict
from tpcycle.tally import Tally, parse_codes
from tpcycle.usecases import cycles, recording, sorting

BAR_WIDTH = 30
MIN_BAR_WIDTH = 10


def compare_command(
    ctx: typer.Context,
    cycle: CycleArgument = None,
    json: JsonOption = False,
) -> None:
    """Compare baseline with new evidence, measure by measure, with predictions and a chart."""
    with opened(ctx, create=False) as journal:
        found = cycles.get_cycle(journal, cycle)
        moved = sorting.cycle_movement(journal, found.id)  # who moved between piles, if sorted
    comparison = compare(found.entries)
    if json:
        piles = {} if moved is None else {"piles": movement_dict(moved)}  # only once sorted
        out.json_document(to_json({**comparison_dict(comparison), **piles}))
        return
    if comparison.empty:
        out.say(Message.NO_MEASURES_YET, cycle=found.id)
        return
    print_comparison(comparison)
    print_movement(moved)


def print_comparison(comparison: Comparison) -> None:
    for row in comparison.rows:
        out.line((row.name, "bold"), "  ", _change(row))
        scale = _scale(row)
        verdict = ""
        if row.prediction is not None:
            said = (
                Message.PREDICTION_REACHED if row.met_prediction else Message.PREDICTION_NOT_REACHED
            )
            verdict = f" ({out.words(said)})"
        shown = [m.display() for m in (row.baseline, row.new, row.prediction) if m is not None]
        # A narrow terminal gets shorter bars, so each line (and its verdict) stays one line.
        room = screen_width() - len("  predicted  ") - 1 - max(map(len, shown)) - len(verdict)
        bar = max(MIN_BAR_WIDTH, min(BAR_WIDTH, room))
        out.line(f"  baseline   {_bar(row.baseline, scale, bar)} ", row.baseline.display())
        out.line(f"  new        {_bar(row.new, scale, bar)} ", row.new.display())
        if row.prediction is not None:
            out.line(
                f"  predicted  {_bar(row.prediction, scale, bar)} ",
                row.prediction.display(),
                verdict,
            )
        out.blank()
    for label, measures in (
        (Message.ONLY_IN_BASELINE, comparison.only_baseline),
        (Message.ONLY_IN_NEW, comparison.only_new),
        (Message.PREDICTED_NOT_MEASURED, comparison.predictions_without_result),
    ):
        if measures:
            out.line((out.words(label), "yellow"))
            for m in measures:
                out.indented(m.name, ": ", m.display())


def _change(row: Row) -> out.Piece:
    change = row.change
    sign = "+" if change > 0 else ""
    colour = "green" if change > 0 else "red" if change < 0 else "dim"
    return (f"{sign}{number(change)} {row.change_unit}".rstrip(), colour)


def _scale(row: Row) -> float:
    """Counts are drawn out of 100%; values out of the largest value in the row."""
    if row.baseline.is_count:
        return 100.0
    values = [abs(m.value) for m in (row.baseline, row.new, row.prediction) if m is not None]
    return max(values) or 1.0


def _bar(measure: Measure, scale: float, width: int = BAR_WIDTH) -> str:
    level = measure.percent if measure.percent is not None else abs(measure.value)
    filled = round(width * min(level, scale) / scale)
    return "█" * filled + "·" * (width - filled)


def screen_width() -> int:
    """The width lines are laid out for: the terminal's; piped, Rich's rule (COLUMNS, else 80)
    without loading Rich for it (piped lines are never wrapped)."""
    if out.is_terminal():
        return out.console().width
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() else 80


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
    started = time.monotonic()
    title = f"Tallying cycle {target.id} ({step.label.lower()})"
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
    seconds = time.monotonic() - started
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
