"""Commands that look at and choose cycles: status, list, show, use, close."""

from __future__ import annotations

from typing import Annotated

import typer

from tpcycle.cli.common import (
    CycleArgument,
    JsonOption,
    bullet,
    console,
    indented,
    opened,
    print_json,
    say,
    settings,
    warn,
)
from tpcycle.cli.evidence import print_comparison
from tpcycle.domain import STEPS, Cycle, CycleFilter, Entry, Status, Step
from tpcycle.measures import compare
from tpcycle.render import cycle_dict, to_json
from tpcycle.usecases import cycles


def status(
    ctx: typer.Context,
    cycle: Annotated[int | None, typer.Option("--cycle", "-c", min=1, help="Cycle number.")] = None,
) -> None:
    """Where the current cycle stands: steps done and missing, and what to ask next."""
    from rich.markup import escape

    with opened(ctx, create=False) as journal:
        report = cycles.cycle_status(journal, settings(ctx).library(), cycle)
    for note in report.warnings:
        warn(note)
    c = report.cycle
    out = console()
    out.print(f"[bold]Cycle {c.id}[/bold] ({c.status.value}) · {escape(c.goal)}")
    out.print(
        f"Teacher: {escape(c.teacher)} · Partner: {escape(c.partner)}"
        f" · Protocol: {escape(report.protocol.title)}"
    )
    out.print()
    for step in STEPS:
        count = report.progress.counts[step]
        mark = "[green]✓[/green]" if count else "[dim]·[/dim]"
        detail = f"{count} entr{'y' if count == 1 else 'ies'}" if count else "missing"
        out.print(f" {mark} {step.number}. {step.label:<15} {detail}")
    out.print()
    next_step = report.progress.next_step
    if next_step is None:
        out.print(
            "Every step has something recorded. Add more, or close the cycle with 'tpcycle close'."
        )
        return
    out.print(f"[bold]Next: {next_step.label.lower()}[/bold] — {_command_for(next_step.value)}")
    for question in report.next_questions:
        bullet(out, escape(question.text))


def _command_for(step: str) -> str:
    return {
        "goal": "tpcycle new goal",
        "evidence": "tpcycle log evidence",
        "interpretation": "tpcycle interpret",
        "move": "tpcycle move",
        "new_evidence": "tpcycle log evidence",
        "reflection": "tpcycle reflect",
    }[step]


def list_cycles(
    ctx: typer.Context,
    status: Annotated[
        Status | None, typer.Option("--status", help="Only open or only closed cycles.")
    ] = None,
    partner: Annotated[
        str | None, typer.Option("--partner", help="Only cycles with this partner.")
    ] = None,
    protocol: Annotated[
        str | None, typer.Option("--protocol", help="Only cycles using this protocol.")
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="YYYY-MM-DD",
            help="Only cycles started on or after this date.",
            show_default=False,
        ),
    ] = None,
    last: Annotated[
        int | None, typer.Option("--last", "-n", min=1, help="Only the most recent N cycles.")
    ] = None,
    json: JsonOption = False,
) -> None:
    """List cycles, oldest first; the current one is marked with *."""
    from rich.markup import escape
    from rich.table import Table

    from tpcycle.cli.search import parse_day

    day = parse_day(since, "--since")
    only = CycleFilter(
        status=status,
        partner=partner,
        protocol=protocol,
        since=day.isoformat() if day else None,
        last=last,
    )
    with opened(ctx, create=False) as journal:
        listing = cycles.list_cycles(journal, entries=json, only=only)
    if json:
        print_json(to_json([cycle_dict(c) for c in listing.cycles]))
        return
    if not listing.cycles:
        empty = only == CycleFilter()
        say(
            'No cycles yet. Start one with: tpcycle new goal "..."' if empty else "No cycles match."
        )
        return
    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("", "#", "status", "goal", "teacher", "partner", "entries", "last entry"):
        table.add_column(column, overflow="fold")
    for c in listing.cycles:
        count, latest = listing.activity.get(c.id, (0, ""))
        table.add_row(
            "*" if c.id == listing.current else "",
            str(c.id),
            c.status.value,
            escape(c.goal),
            escape(c.teacher),
            escape(c.partner),
            str(count),
            latest[:10],
        )
    console().print(table)


def show(ctx: typer.Context, cycle: CycleArgument = None, json: JsonOption = False) -> None:
    """Show a cycle with every entry, private ones marked."""
    with opened(ctx, create=False) as journal:
        found = cycles.get_cycle(journal, cycle)
    if json:
        print_json(to_json(cycle_dict(found)))
        return
    _print_cycle(found)
    comparison = compare(found.entries)
    if not comparison.empty:
        console().print()
        console().print("[bold underline]Baseline compared with new evidence[/bold underline]")
        print_comparison(comparison)


def _print_cycle(c: Cycle) -> None:
    from rich.markup import escape

    out = console()
    out.print(f"[bold]Cycle {c.id}[/bold] ({c.status.value}) · {escape(c.goal)}")
    out.print(
        f"Teacher: {escape(c.teacher)} · Partner: {escape(c.partner)}"
        f" · Started {c.created_at[:10]}" + (f" · Closed {c.closed_at[:10]}" if c.closed_at else "")
    )
    for step in STEPS:
        out.print()
        out.print(f"[bold underline]{step.number}. {step.label}[/bold underline]")
        entries = c.entries_for(step)
        if not entries:
            out.print("  [dim]nothing recorded[/dim]")
        for entry in entries:
            _print_entry(entry, c)


def _print_entry(entry: Entry, cycle: Cycle) -> None:
    from rich.markup import escape

    out = console()
    private = " [magenta][PRIVATE][/magenta]" if entry.private else ""
    if entry.conflict_of:
        original = next((e.id for e in cycle.entries if e.uid == entry.conflict_of), None)
        of = f" of #{original}" if original else ""
        private += f" [yellow][OTHER MACHINE'S VERSION{of}][/yellow]"
    out.print(
        f"  [dim]#{entry.id} {entry.created_at[:16].replace('T', ' ')}[/dim]"
        f" [bold]{escape(entry.author)}[/bold] ({entry.role.value}){private}"
    )
    if entry.question:
        indented(out, f"[italic]{escape(entry.question)}[/italic]", indent=4)
    for line in entry.text.splitlines():
        indented(out, escape(line), indent=4)
    if entry.measures:
        label = "predicted" if entry.step is Step.MOVE else "measures"
        listed = "; ".join(f"{m.name}: {m.display()}" for m in entry.measures)
        indented(out, f"[dim]{label}:[/dim] {escape(listed)}", indent=4)


def use(
    ctx: typer.Context,
    cycle: Annotated[int, typer.Argument(help="Cycle number to make current.", min=1)],
) -> None:
    """Make cycle N the current cycle, used when --cycle is left out."""
    from rich.markup import escape

    # create=False: choosing a cycle in a journal that does not exist must not create one.
    with opened(ctx, create=False) as journal:
        chosen = cycles.use_cycle(journal, cycle)
    say(f"Cycle {chosen.id} is now current: {escape(chosen.goal)}")


def close(ctx: typer.Context, cycle: CycleArgument = None) -> None:
    """Close a cycle once its reflection is done (entries can still be added)."""
    with opened(ctx, create=False) as journal:
        closed = cycles.close_cycle(journal, cycle)
    say(f"Cycle {closed.id} is closed.")
