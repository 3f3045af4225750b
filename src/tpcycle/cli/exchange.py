"""share and import: moving a cycle between two machines as a file, with no server."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from tpcycle import sharing
from tpcycle.bundle import read_bundle
from tpcycle.cli import output as out
from tpcycle.cli.common import opened
from tpcycle.cli.export import write_atomically
from tpcycle.cli.options import CycleArgument
from tpcycle.errors import InvalidInput
from tpcycle.messages import Message, clause, said


def share(
    ctx: typer.Context,
    cycle: CycleArgument = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Bundle file to write (standard output if left out).",
            dir_okay=False,
        ),
    ] = None,
    include_private: Annotated[
        bool, typer.Option("--include-private", help="Include private entries too.")
    ] = False,
    no_redact: Annotated[
        bool, typer.Option("--no-redact", help="Keep student names instead of their aliases.")
    ] = False,
) -> None:
    """Write a cycle as a bundle file for your partner to import on their machine.

    Private entries are left out and student names replaced by aliases unless you ask.
    Send the file any way you like: a shared drive, email, a git repository.
    """
    with opened(ctx, create=False) as store:
        text, shared, left_out = sharing.share_cycle(
            store, cycle, include_private=include_private, redact=not no_redact
        )
    if output is None or str(output) == "-":
        out.json_document(text)
    else:
        write_atomically(output, text)
    to_file = output is not None and str(output) != "-"
    note = said(Message.PRIVATE_LEFT_OUT, count=left_out)
    out.say(
        Message.SHARED,
        cycle=shared.id,
        entries=len(shared.entries),
        left_out=clause(Message.AFTER_SEMICOLON, left_out, clause=note),
        where=clause(Message.TO_PATH, to_file, path=output),
    )


def import_command(
    ctx: typer.Context,
    source: Annotated[
        str, typer.Argument(help="A bundle file from 'tpcycle share', or - .", metavar="FILE")
    ],
) -> None:
    """Bring in a cycle your partner shared: new entries are added, nothing is overwritten.

    Importing the same bundle twice changes nothing. An entry changed on both machines is
    kept in both versions, side by side, and reported.
    """
    if source == "-":
        raw = sys.stdin.buffer.read()
    else:
        try:
            raw = Path(source).read_bytes()
        except OSError as exc:
            raise InvalidInput(
                Message.CANNOT_READ, source=source, reason=exc.strerror or exc
            ) from exc
    bundle = read_bundle(raw, source if source != "-" else out.words(Message.STANDARD_INPUT))
    with opened(ctx, create=True) as store:
        report = sharing.import_bundle(store, bundle)
    c = report.cycle
    out.say(
        Message.IMPORTED_NEW if report.new_cycle else Message.IMPORTED_UPDATE,
        cycle=c.id,
        goal=c.goal,
    )
    out.indented(
        out.words(
            Message.IMPORT_COUNTS,
            added=len(report.added),
            updated=len(report.updated),
            unchanged=report.unchanged,
            kept=clause(Message.IMPORT_KEPT_OURS, report.kept_ours, count=report.kept_ours),
            forgotten=clause(Message.IMPORT_FORGOTTEN, report.forgotten, count=report.forgotten),
        ),
        err=True,
    )
    for ours, theirs in report.conflicts:
        out.warn(Message.IMPORT_CONFLICT, ours=ours, theirs=theirs)
    for note in report.notes:
        out.warn(note)
