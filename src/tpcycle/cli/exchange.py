"""share and import: moving a cycle between two machines as a file, with no server."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from tpcycle.bundle import MAX_BYTES, read_bundle, read_bundle_file
from tpcycle.cli import output as out
from tpcycle.cli.common import opened
from tpcycle.cli.options import CycleArgument
from tpcycle.files import write_atomically
from tpcycle.messages import Message, clause, said
from tpcycle.messages_classroom import Classroom
from tpcycle.messages_partnership import Partnership
from tpcycle.usecases import exchange
from tpcycle.usecases.bundled_files import count_of


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
    with_attachments: Annotated[
        bool,
        typer.Option(
            "--with-attachments", help="Put the photos and PDFs kept with the entries in too."
        ),
    ] = False,
) -> None:
    """Write a cycle as a bundle file for your partner to import on their machine.

    Private entries are left out and student names replaced by aliases unless you ask.
    Send the file any way you like: a shared drive, email, a git repository.
    """
    to_file = output is not None and str(output) != "-"

    def deliver(text: str) -> None:
        if output is not None and to_file:
            write_atomically(output, text)
        else:
            out.json_document(text)

    with opened(ctx, create=False) as journal:
        shared, left_out = exchange.share_cycle(
            journal,
            cycle,
            include_private=include_private,
            redact=not no_redact,
            deliver=deliver,
            with_files=with_attachments,
        )
        files = count_of(journal, shared)
    note = said(Message.PRIVATE_LEFT_OUT, count=left_out)
    out.say(
        Message.SHARED,
        cycle=shared.id,
        entries=len(shared.entries),
        left_out=clause(Message.AFTER_SEMICOLON, left_out, clause=note),
        where=clause(Message.TO_PATH, to_file, path=output),
    )
    if files:
        kept = (
            Classroom.ATTACH_IN_BUNDLE if with_attachments else Classroom.ATTACH_LEFT_OUT_OF_BUNDLE
        )
        out.warn(kept, count=files)


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
        raw = sys.stdin.buffer.read(MAX_BYTES + 1)  # a bounded read: never all of /dev/zero
        bundle = read_bundle(raw, out.words(Message.STANDARD_INPUT))
    else:
        bundle = read_bundle_file(source)
    with opened(ctx, create=True) as journal:
        report = exchange.import_bundle(journal, bundle)
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
    extra = report.between
    if extra.anything:
        promises = extra.promises_added + extra.promises_changed
        out.indented(
            out.words(Partnership.IMPORT_BETWEEN, notes=extra.notes_added, promises=promises),
            err=True,
        )
    for ours, theirs in report.conflicts:
        out.warn(Message.IMPORT_CONFLICT, ours=ours, theirs=theirs)
    for note in report.notes:
        out.warn(note)
    if report.files:
        out.say(Classroom.ATTACH_IMPORTED, count=report.files)
    if report.sorts:
        out.say(Classroom.SORT_IMPORTED, count=report.sorts)
