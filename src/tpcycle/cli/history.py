"""The history command: a look back across every cycle in the journal."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from tpcycle.cli.common import JsonOption, console, opened, print_json, say
from tpcycle.domain import number
from tpcycle.history import History
from tpcycle.render import to_json
from tpcycle.usecases import history as looking_back

BAR = 24


def history(
    ctx: typer.Context,
    recent: Annotated[
        int,
        typer.Option(
            "--recent",
            min=1,
            help="How many recent cycles to look at for measured changes and moves that come back.",
        ),
    ] = 200,
    json: JsonOption = False,
) -> None:
    """Across all cycles: how many, how long they ran, skipped steps; and, for recent cycles,
    what changed and which moves come back."""
    with opened(ctx, create=False) as journal:
        found = looking_back.history(journal, recent=recent)
    if json:
        print_json(to_json(history_dict(found)))
        return
    if not found.total:
        say('No cycles yet. Start one with: tpcycle new goal "..."')
        return
    print_history(found)


def history_dict(h: History) -> dict[str, Any]:
    return {
        "cycles": h.total,
        "open": h.open,
        "closed": h.closed,
        "days": {
            "median": h.median_days,
            "shortest": round(min(h.days), 1) if h.days else None,
            "longest": round(max(h.days), 1) if h.days else None,
        },
        "skipped_in_closed_cycles": {step.value: n for step, n in h.skipped.items()},
        "started_by_month": h.started_by_month,
        "recent_cycles": h.recent,
        "changes": [
            {
                "cycle": c.cycle_id,
                "goal": c.goal,
                "measure": c.name,
                "change": c.change,
                "unit": c.unit,
            }
            for c in h.changes
        ],
        "recurring_moves": [{"phrase": p, "cycles": n} for p, n in h.recurring_moves],
    }


def print_history(h: History) -> None:
    from rich.markup import escape

    out = console()
    out.print(
        f"[bold]{h.total} cycle{'s' if h.total != 1 else ''}[/bold] · {h.open} open ·"
        f" {h.closed} closed"
    )
    if h.days:
        out.print(
            f"They ran a median of {number(h.median_days or 0)} days (shortest"
            f" {number(round(min(h.days), 1))}, longest {number(round(max(h.days), 1))})."
        )
    skipped = [f"{step.label.lower()} {n}" for step, n in h.skipped.items() if n]
    if h.closed:
        out.print("Steps left empty in closed cycles: " + (" · ".join(skipped) or "none."))
    out.print()
    out.print("[bold]Cycles started per month[/bold]")
    months = list(h.started_by_month.items())[-12:]
    most = max(n for _, n in months)
    for month, n in months:
        out.print(f"  {month}  {_bar(n, most)} {n}")
    if h.changes:
        out.print()
        out.print(
            f"[bold]Measured changes[/bold] (baseline to new evidence; the latest 10 in"
            f" the last {h.recent} cycles)"
        )
        biggest = max(abs(c.change) for c in h.changes[-10:]) or 1.0
        for c in h.changes[-10:]:
            sign = "+" if c.change > 0 else ""
            out.print(
                f"  cycle {c.cycle_id:<4} {escape(c.name)[:24]:<24}"
                f" {sign}{number(c.change)} {c.unit:<7} {_bar(abs(c.change), biggest)}"
            )
    if h.recurring_moves:
        out.print()
        out.print(f"[bold]Moves that come back[/bold] (in the last {h.recent} cycles)")
        for phrase, n in h.recurring_moves:
            out.print(f"  {escape(phrase)} ({n} cycles)")


def _bar(value: float, most: float) -> str:
    filled = max(1, round(BAR * value / most)) if value else 0
    return "█" * filled
