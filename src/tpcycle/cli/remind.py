"""The remind command: the cycle's next check-ins as a calendar file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tpcycle.cli import output as out
from tpcycle.cli.common import local_zone, opened
from tpcycle.cli.options import CycleArgument
from tpcycle.dates import parse_day
from tpcycle.files import write_atomically
from tpcycle.ics import parse_every, parse_time
from tpcycle.messages import Message
from tpcycle.usecases.export import CheckIns, calendar


def remind(
    ctx: typer.Context,
    cycle: CycleArgument = None,
    every: Annotated[
        str, typer.Option("--every", help="Time between check-ins: 1w, 2w, 10d.")
    ] = "2w",
    start: Annotated[
        str | None,
        typer.Option(
            "--start",
            metavar="YYYY-MM-DD",
            help="Day of the first check-in. (default: one interval from today)",
            show_default=False,
        ),
    ] = None,
    at: Annotated[str, typer.Option("--at", metavar="HH:MM", help="Time of day.")] = "15:30",
    minutes: Annotated[int, typer.Option("--minutes", min=5, max=480, help="How long.")] = 30,
    count: Annotated[int, typer.Option("--count", min=1, max=52, help="How many check-ins.")] = 3,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="The .ics file to write (standard output if left out).",
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Write the cycle's check-ins as a calendar file (.ics) to open in any calendar app.

    No account and no network: the file is the reminder. Student names are never in it.
    """
    plan = CheckIns(
        first=parse_day(start, "--start"),
        at=parse_time(at),
        minutes=minutes,
        repeat=parse_every(every),
        count=count,
        zone=local_zone(),
    )
    with opened(ctx, create=False) as journal:
        text, first = calendar(journal, cycle, plan)
    if output is None or str(output) == "-":
        out.document(text)
        return
    write_atomically(output, text)
    out.say(
        Message.CHECK_INS_WRITTEN,
        count=count,
        every=every,
        first=first.isoformat(),
        at=at,
        path=output,
    )
