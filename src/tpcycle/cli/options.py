"""Options and arguments that more than one command takes, declared once.

A command names them in its signature (``cycle: CycleOption = None``); the help text and the
checks (``min=1``) are the same wherever they appear.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

# SQLite's largest integer: a larger number is refused as bad usage, before any work is done.
NUMBER_MAX = 2**63 - 1

CycleArgument = Annotated[
    int | None,
    typer.Argument(
        help="Cycle number; the current cycle if left out.",
        min=1,
        max=NUMBER_MAX,
        show_default=False,
    ),
]
CycleOption = Annotated[
    int | None,
    typer.Option(
        "--cycle", "-c", help="Cycle number; the current cycle if left out.", min=1, max=NUMBER_MAX
    ),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print JSON for scripts (see docs/json.md).")
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="File to write (standard output if left out).", dir_okay=False
    ),
]
ByOption = Annotated[
    str | None,
    typer.Option(
        "--by",
        help="Who is writing: teacher, partner, either person's name, first or last name, initials,"
        " or other:NAME for a third voice. (default: who this machine speaks for, see"
        " 'tpcycle whoami'; else the teacher)",
    ),
]
PrivateOption = Annotated[
    bool,
    typer.Option("--private", help="A private note: kept out of exports unless asked for."),
]
EditOption = Annotated[bool, typer.Option("--edit", "-e", help="Write the text in $EDITOR.")]
TextArgument = Annotated[
    str | None,
    typer.Argument(
        help="What to record. Use - to read standard input. Leave out in a terminal to be asked.",
        show_default=False,
    ),
]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
OnOption = Annotated[
    str | None,
    typer.Option(
        "--on",
        metavar="WHEN",
        help="When it happened, if not now: 2026-11-24, today, yesterday, tue (the most recent"
        " Tuesday), with a time if you like: 'tue 3pm', '2026-11-24 15:10'.",
        show_default=False,
    ),
]
DateOption = Annotated[str | None, typer.Option(metavar="YYYY-MM-DD", show_default=False)]
TeacherOption = Annotated[str | None, typer.Option("--teacher", "-t", help="The teacher's name.")]
PartnerOption = Annotated[
    str | None, typer.Option("--partner", "-p", help="The thought partner's name.")
]
BaselineOption = Annotated[
    bool, typer.Option("--baseline", help="Evidence from before the move (the baseline).")
]
NewEvidenceOption = Annotated[
    bool, typer.Option("--new", help="Evidence from after the move (new evidence).")
]
# How a number is written, for --measure and --predict.
MEASURE_METAVAR = "NAME=COUNT/TOTAL|NAME=VALUE[UNIT]"
