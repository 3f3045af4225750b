"""Commands that list and choose cycles: list, use, close (status and show have modules of
their own, so that each loads only what it prints)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import typer

from tpcycle import clock
from tpcycle.cli import output as out
from tpcycle.cli.common import local_zone, opened
from tpcycle.cli.comparing import screen_width
from tpcycle.cli.options import NUMBER_MAX, CycleArgument, JsonOption
from tpcycle.dates import parse_day
from tpcycle.domain import CycleFilter, Status
from tpcycle.messages import Message
from tpcycle.render import cycles_json_parts
from tpcycle.usecases import cycles


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
