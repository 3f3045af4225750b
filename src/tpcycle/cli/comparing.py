"""How a comparison of measures is drawn: a bar per measure, baseline, new and predicted.

Used by ``compare``, ``show`` and ``list`` (its width), apart from the tally command's module so
that they do not load the live screen and the tally.
"""

from __future__ import annotations

import os

from tpcycle.cli import output as out
from tpcycle.domain import Measure, number
from tpcycle.measures import Comparison, Row
from tpcycle.messages import Message

BAR_WIDTH = 30
MIN_BAR_WIDTH = 10


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
