"""Commands that look at and choose cycles: status, list, show, use, close."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from typing import Annotated

import typer

from tpcycle import clock
from tpcycle.cli import output as out
from tpcycle.cli import talks
from tpcycle.cli.attachments import print_attachments
from tpcycle.cli.between import print_between, print_catch_up
from tpcycle.cli.common import local_zone, opened, settings
from tpcycle.cli.evidence import print_comparison, screen_width
from tpcycle.cli.options import NUMBER_MAX, CycleArgument, JsonOption
from tpcycle.dates import parse_day
from tpcycle.domain import STEPS, Cycle, CycleFilter, Entry, Status, Step
from tpcycle.measures import compare
from tpcycle.messages import Message
from tpcycle.render import cycle_dict, cycles_json_parts, to_json
from tpcycle.usecases import agreement as agreed
from tpcycle.usecases import attaching, between, cycles


def status(
    ctx: typer.Context,
    cycle: Annotated[
        int | None, typer.Option("--cycle", "-c", min=1, max=NUMBER_MAX, help="Cycle number.")
    ] = None,
) -> None:
    """Where the current cycle stands: steps done and missing, and what to ask next."""
    with opened(ctx, create=False) as journal:
        report = cycles.cycle_status(journal, settings(ctx).library(), cycle)
        print_catch_up(journal, local_zone())
        offer = agreed.nudge_for(journal, report.cycle)
    for note in report.warnings:
        out.warn(note)
    if offer is not None:
        out.say(offer)
    c = report.cycle
    out.line((f"Cycle {c.id}", "bold"), f" ({c.status.value}) · ", c.goal)
    out.line(
        "Teacher: ", c.teacher, " · Partner: ", c.partner, " · Protocol: ", report.protocol.title
    )
    out.blank()
    for step in STEPS:
        count = report.progress.counts[step]
        mark = ("✓", "green") if count else ("·", "dim")
        detail = (
            out.words(Message.STEP_ENTRIES, count=count)
            if count
            else out.words(Message.STEP_MISSING)
        )
        out.line(" ", mark, f" {step.number}. {step.label:<15} {detail}")
    out.blank()
    next_step = report.progress.next_step
    if next_step is None:
        out.line(out.words(Message.ALL_STEPS_RECORDED))
        return
    out.line(
        (out.words(Message.NEXT_STEP, step=next_step.label.lower()), "bold"),
        f" — {_command_for(next_step.value)}",
    )
    for question in report.next_questions:
        out.bullet(question.text)


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
    teacher: Annotated[
        str | None, typer.Option("--teacher", help="Only cycles with this teacher.")
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
        int | None,
        typer.Option("--last", "-n", min=1, max=NUMBER_MAX, help="Only the most recent N cycles."),
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help=f"Every cycle, not only the latest {LIST_FIT}.")
    ] = False,
    json: JsonOption = False,
) -> None:
    """List cycles, oldest first (the latest that fit; --all for every one); the current one is
    marked with *."""
    day, zone = parse_day(since, "--since"), local_zone()
    only = CycleFilter(
        status=status,
        partner=partner,
        protocol=protocol,
        since=clock.start_of_day(day, zone) if day else None,
        last=last,
        teacher=teacher,
    )
    with opened(ctx, create=False) as journal:
        if json:
            # Streamed a page of cycles at a time: memory does not grow with the journal.
            for part in cycles_json_parts(cycles.each_cycle(journal, only), zone):
                out.json_document(part)
            return
        listing = cycles.list_cycles(
            journal, entries=False, only=only, fit=None if every else LIST_FIT
        )
    if not listing.cycles:
        empty = only == CycleFilter()
        out.say(Message.NO_CYCLES_YET if empty else Message.NO_CYCLES_MATCH)
        return
    rows = []
    for c in listing.cycles:
        count, latest = listing.activity.get(c.id, (0, ""))
        rows.append(
            (
                "*" if c.id == listing.current else "",
                str(c.id),
                c.status.value,
                c.goal,
                c.teacher,
                c.partner,
                str(count),
                clock.local_day(latest, zone) if latest else "",
            )
        )
    _print_listing(rows)
    if listing.older:
        out.say(Message.LIST_OLDER, count=listing.older)


LIST_FIT = 20  # cycles 'list' shows without --all or --last
_LIST_COLUMNS = ("", "#", "status", "goal", "teacher", "partner", "entries", "last entry")
_GOAL = _LIST_COLUMNS.index("goal")
_GOAL_MIN = 24  # narrower than this, each goal gets a line of its own


def _print_listing(rows: Sequence[Sequence[str]]) -> None:
    """A table when the goal column can be read; otherwise two lines a cycle, goal below."""
    widths = [max(len(name), *(len(r[i]) for r in rows)) for i, name in enumerate(_LIST_COLUMNS)]
    others = sum(w for i, w in enumerate(widths) if i != _GOAL) + 2 * (len(widths) - 1)
    if screen_width() - others >= _GOAL_MIN:
        if out.is_terminal():
            out.table(_LIST_COLUMNS, rows)
            return
        # Piped: the same columns as plain lines, one a cycle, without loading Rich.
        for row in (_LIST_COLUMNS, *rows):
            cells = [
                cell.rjust(width) if i == 1 else cell.ljust(width)
                for i, (cell, width) in enumerate(zip(row, widths, strict=True))
            ]
            out.line("  ".join(cells).rstrip())
        return
    number = widths[1]
    for mark, cycle_id, state, goal, teacher, partner, count, latest in rows:
        out.line(
            f"{mark or ' '} ",
            (f"{cycle_id:>{number}}", "bold"),
            f"  {state:<6}  ",
            out.words(Message.LIST_CYCLE_LINE, entries=int(count), latest=latest or "-"),
            f" · {teacher} · {partner}",
        )
        out.indented(goal, indent=number + 4)


def show(ctx: typer.Context, cycle: CycleArgument = None, json: JsonOption = False) -> None:
    """Show a cycle with every entry, private ones marked."""
    zone = local_zone()
    with opened(ctx, create=False) as journal:
        found = cycles.get_cycle(journal, cycle)
        extra = between.cycle_between(journal, found.id, zone)
        files = attaching.of_cycle(journal, found.id)
    if json:
        out.json_document(to_json(cycle_dict(found, zone)))
        return
    _print_cycle(found, zone)
    print_between(extra, zone)
    comparison = compare(found.entries)
    if not comparison.empty:
        out.blank()
        out.heading(out.words(Message.COMPARISON_HEADING), underline=True)
        print_comparison(comparison)
    print_attachments(files)


def _print_cycle(c: Cycle, zone: tzinfo) -> None:
    out.line((f"Cycle {c.id}", "bold"), f" ({c.status.value}) · ", c.goal)
    out.line(
        "Teacher: ",
        c.teacher,
        " · Partner: ",
        c.partner,
        f" · Started {clock.local_day(c.created_at, zone)}"
        + (f" · Closed {clock.local_day(c.closed_at, zone)}" if c.closed_at else ""),
    )
    for step in STEPS:
        out.blank()
        out.heading(f"{step.number}. {step.label}", underline=True)
        entries = c.entries_for(step)
        if not entries:
            out.indented((out.words(Message.NOTHING_RECORDED), "dim"))
        for entry in entries:
            _print_entry(entry, c, zone)
        talks.print_after(c, step, zone)


def _print_entry(entry: Entry, cycle: Cycle, zone: tzinfo) -> None:
    marks: list[out.Piece] = []
    if entry.private:
        marks += [" ", ("[PRIVATE]", "magenta")]
    if entry.conflict_of:
        original = next((e.id for e in cycle.entries if e.uid == entry.conflict_of), None)
        of = f" of #{original}" if original else ""
        marks += [" ", (f"[OTHER MACHINE'S VERSION{of}]", "yellow")]
    out.indented(
        (f"#{entry.id} {_when(entry, zone)}", "dim"),
        " ",
        (entry.author, "bold"),
        f" ({entry.role.value})",
        *marks,
    )
    if entry.question:
        out.indented((entry.question, "italic"), indent=4)
    for line in entry.text.splitlines():
        out.indented(line, indent=4)
    if entry.measures:
        label = "predicted" if entry.step is Step.MOVE else "measures"
        listed = "; ".join(f"{m.name}: {m.display()}" for m in entry.measures)
        out.indented((f"{label}:", "dim"), " ", listed, indent=4)


def _when(entry: Entry, zone: tzinfo) -> str:
    """When it was written, local; with --on, the lesson's date first."""
    if entry.happened_at:
        return clock.lesson_and_written(entry.happened_at, entry.created_at, zone)
    return clock.local_minute(entry.created_at, zone)


def use(
    ctx: typer.Context,
    cycle: Annotated[
        int, typer.Argument(help="Cycle number to make current.", min=1, max=NUMBER_MAX)
    ],
) -> None:
    """Make cycle N the current cycle, used when --cycle is left out."""
    # create=False: choosing a cycle in a journal that does not exist must not create one.
    with opened(ctx, create=False) as journal:
        chosen = cycles.use_cycle(journal, cycle)
    out.say(Message.CYCLE_NOW_CURRENT, cycle=chosen.id, goal=chosen.goal)


def close(ctx: typer.Context, cycle: CycleArgument = None) -> None:
    """Close a cycle once its reflection is done (entries can still be added)."""
    with opened(ctx, create=False) as journal:
        closed = cycles.close_cycle(journal, cycle)
    out.say(Message.CYCLE_CLOSED, cycle=closed.id)
