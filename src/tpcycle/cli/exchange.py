"""share and import: moving a cycle between two machines as a file, with no server."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from tpcycle.bundle import read_bundle
from tpcycle.cli.common import CycleArgument, opened, say, warn
from tpcycle.errors import InvalidInput
from tpcycle.files import write_atomically
from tpcycle.usecases import exchange


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
    def deliver(text: str) -> None:
        if output is None or str(output) == "-":
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            write_atomically(output, text)

    with opened(ctx, create=False) as journal:
        shared, left_out = exchange.share_cycle(
            journal, cycle, include_private=include_private, redact=not no_redact, deliver=deliver
        )
    note = (
        f"; {left_out} private entr{'y' if left_out == 1 else 'ies'} left out" if left_out else ""
    )
    where = f" to {output}" if output is not None and str(output) != "-" else ""
    say(f"Shared cycle {shared.id} ({len(shared.entries)} entries{note}){where}.")


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
            raise InvalidInput(f"Cannot read {source}: {exc.strerror or exc}.") from exc
    bundle = read_bundle(raw, source if source != "-" else "standard input")
    with opened(ctx, create=True) as journal:
        report = exchange.import_bundle(journal, bundle)
    c = report.cycle
    say(f"{'Imported new' if report.new_cycle else 'Updated'} cycle {c.id}: {c.goal}")
    say(
        f"  {len(report.added)} added, {len(report.updated)} updated with their newer version,"
        f" {report.unchanged} already here"
        + (f", {report.kept_ours} kept as yours (theirs was older)" if report.kept_ours else "")
        + (f", {report.forgotten} you had forgotten left out" if report.forgotten else "")
    )
    for ours, theirs in report.conflicts:
        warn(
            f"Entry {ours} was changed on both machines: yours is kept as entry {ours}, theirs"
            f" was added as entry {theirs}. Keep one with 'tpcycle forget'."
        )
    for note in report.notes:
        warn(note)
