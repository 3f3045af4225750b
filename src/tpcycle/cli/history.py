"""The history command: a look back across every cycle in the journal."""

from __future__ import annotations

from typing import Annotated

import typer

from tpcycle.cli import output as out
from tpcycle.cli.common import local_zone, opened
from tpcycle.cli.options import NUMBER_MAX, JsonOption
from tpcycle.domain import number
from tpcycle.history import History
from tpcycle.messages import Message
from tpcycle.messages_partnership import Partnership
from tpcycle.render import history_dict, to_json
from tpcycle.usecases import history as looking_back

BAR = 24


def history(
    ctx: typer.Context,
    recent: Annotated[
        int,
        typer.Option(
            "--recent",
            min=1,
            max=NUMBER_MAX,
            help="How many recent cycles to look at for measured changes and moves that come back.",
        ),
    ] = 200,
    json: JsonOption = False,
) -> None:
    """Across all cycles: how many, how long they ran, skipped steps; and, for recent cycles,
    what changed and which moves come back."""
    with opened(ctx, create=False) as journal:
        found = looking_back.history(journal, recent=recent, zone=local_zone())
    if json:
        out.json_document(to_json(history_dict(found)))
        return
    if not found.total:
        out.say(Message.NO_CYCLES_YET)
        return
    print_history(found)


def print_history(h: History) -> None:
    _print_totals(h)
    _print_months(h)
    if h.changes:
        _print_changes(h)
    if h.recurring_moves:
        _print_moves(h)
    print_voices(h)


def _print_totals(h: History) -> None:
    out.line(
        (out.words(Message.HISTORY_CYCLES, total=h.total), "bold"),
        out.words(Message.HISTORY_OPEN_CLOSED, open=h.open, closed=h.closed),
    )
    if h.days:
        out.line(
            out.words(
                Message.HISTORY_DAYS,
                median=number(h.median_days or 0),
                shortest=number(round(h.days.shortest, 1)),
                longest=number(round(h.days.longest, 1)),
            )
        )
    skipped = [f"{step.label.lower()} {n}" for step, n in h.skipped.items() if n]
    if h.closed:
        out.line(
            out.words(Message.HISTORY_SKIPPED, skipped=" · ".join(skipped))
            if skipped
            else out.words(Message.HISTORY_NONE_SKIPPED)
        )


def _print_months(h: History) -> None:
    out.blank()
    out.heading(out.words(Message.HISTORY_PER_MONTH))
    months = list(h.started_by_month.items())[-12:]
    most = max(n for _, n in months)
    for month, n in months:
        out.line(f"  {month}  {_bar(n, most)} {n}")


def _print_changes(h: History) -> None:
    out.blank()
    out.line(
        (out.words(Message.HISTORY_CHANGES), "bold"),
        out.words(Message.HISTORY_CHANGES_SCOPE, recent=h.recent),
    )
    shown = h.changes[-10:]
    biggest = max(abs(c.change) for c in shown) or 1.0
    # Right-aligned to the widest, so '+32 points' and '+32.1 points' start their bars
    # in the same column.
    changes = [("+" if c.change > 0 else "") + number(c.change) for c in shown]
    wide = max(map(len, changes))
    unit = max(7, *(len(c.unit) for c in shown))
    for c, change in zip(shown, changes, strict=True):
        out.line(
            f"  cycle {c.cycle_id:<4} ",
            f"{c.name[:24]:<24}",
            f" {change:>{wide}} ",
            f"{c.unit:<{unit}}",
            f" {_bar(abs(c.change), biggest)}",
        )


def _print_moves(h: History) -> None:
    out.blank()
    out.line(
        (out.words(Message.HISTORY_MOVES), "bold"),
        out.words(Message.HISTORY_MOVES_SCOPE, recent=h.recent),
    )
    for phrase, n in h.recurring_moves:
        out.indented(out.words(Message.HISTORY_MOVE, phrase=phrase, count=n))


def print_voices(h: History) -> None:
    """Per recent cycle, the teacher's share of interpretations and moves: whose ideas."""
    shown = [s for s in h.voices if s.teacher_share is not None][-12:]
    if not shown:
        return
    out.blank()
    out.line(
        (out.words(Partnership.HISTORY_VOICES), "bold"), out.words(Partnership.HISTORY_VOICES_SCOPE)
    )
    for s in shown:
        share = s.teacher_share or 0.0
        counts = out.words(
            Partnership.HISTORY_VOICE_COUNTS,
            interpretations=s.interpretations[0],
            of_interpretations=sum(s.interpretations),
            moves=s.moves[0],
            of_moves=sum(s.moves),
        )
        out.line(
            f"  cycle {s.cycle_id:<4} ",
            f"{_bar(share, 1.0):<{BAR}}",
            f" {round(100 * share):>3}%  ",
            (counts, "dim"),
        )


def _bar(value: float, most: float) -> str:
    filled = max(1, round(BAR * value / most)) if value else 0
    return "█" * filled
