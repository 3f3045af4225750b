"""The export command: a cycle as Markdown or JSON, to stdout or written atomically to a file."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated

import typer

from tpcycle.cli import output as out
from tpcycle.cli.common import local_zone, opened
from tpcycle.cli.options import NUMBER_MAX
from tpcycle.errors import InvalidInput
from tpcycle.files import write_atomically
from tpcycle.messages import Message, Said, clause, said
from tpcycle.messages_partnership import Partnership
from tpcycle.usecases.export import (
    Document,
    Format,
    Request,
    cycle_document,
    export_folder,
    portfolio_document,
)


def export(
    ctx: typer.Context,
    cycles: Annotated[
        list[int] | None,
        typer.Argument(
            help="Cycle number(s); the current cycle if left out (all with --portfolio).",
            min=1,
            max=NUMBER_MAX,
            show_default=False,
            metavar="[N]...",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file (a folder with --all) instead of standard output.",
        ),
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help="One file per cycle, plus index.md, into the -o folder.")
    ] = False,
    portfolio_: Annotated[
        bool, typer.Option("--portfolio", help="The chosen cycles (all if none) in one document.")
    ] = False,
    include_private: Annotated[
        bool, typer.Option("--include-private", help="Include private entries (marked).")
    ] = False,
    no_redact: Annotated[
        bool,
        typer.Option("--no-redact", help="Keep student names from the roster instead of aliases."),
    ] = False,
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help="markdown, json, or html: one self-contained page to open, print or send.",
        ),
    ] = Format.markdown,
    no_front_matter: Annotated[
        bool,
        typer.Option(
            "--no-front-matter",
            help="Markdown without the block of fields at the top, for plain Markdown viewers.",
        ),
    ] = False,
    with_agreement: Annotated[
        bool,
        typer.Option(
            "--with-agreement", help="Put the pair's agreement at the top (one cycle's export)."
        ),
    ] = False,
) -> None:
    """Export cycles as Markdown, JSON or a printable HTML page to share or keep.

    Private entries are left out unless --include-private; student names on the roster are
    replaced by their aliases unless --no-redact.
    """
    _refuse_mixed(every, portfolio_, fmt, output, no_front_matter, with_agreement)
    request = Request(
        cycles or [],
        include_private=include_private,
        redact=not no_redact,
        front_matter=not no_front_matter,
        zone=local_zone(),
        with_agreement=with_agreement,
    )
    with opened(ctx, create=False) as journal:
        if every:
            assert output is not None
            done = export_folder(journal, request, output)
        elif portfolio_:
            done = portfolio_document(journal, request, _deliver(output), fmt)
        else:
            done = cycle_document(journal, request, fmt)
    note = clause(
        Message.IN_PARENTHESES,
        done.left_out,
        clause=said(Message.PRIVATE_LEFT_OUT, count=done.left_out),
    )
    if every:
        out.say(Message.WROTE_FOLDER, count=done.count, folder=output, left_out=note)
    elif portfolio_:
        if output is not None and str(output) != "-":
            out.say(Message.WROTE_PORTFOLIO, path=output, left_out=note)
    else:
        _deliver_cycle(done, output, fmt, note)


def _refuse_mixed(
    every: bool,
    portfolio_: bool,
    fmt: Format,
    output: Path | None,
    no_front_matter: bool,
    with_agreement: bool,
) -> None:
    """Options that do not go together are refused before anything is read."""
    if every and portfolio_:
        raise InvalidInput(Message.EXPORT_ALL_OR_PORTFOLIO)
    if (every and fmt is not Format.markdown) or (portfolio_ and fmt is Format.json):
        raise InvalidInput(Message.EXPORT_MARKDOWN_ONLY)
    if no_front_matter and fmt is not Format.markdown:
        raise InvalidInput(Message.EXPORT_FRONT_MATTER_IS_MARKDOWN)
    if every and output is None:
        raise InvalidInput(Message.EXPORT_NEEDS_FOLDER)
    if with_agreement and (every or portfolio_ or fmt is Format.html):
        raise InvalidInput(Partnership.AGREEMENT_EXPORT_ONE_CYCLE)


def _deliver_cycle(done: Document, output: Path | None, fmt: Format, note: Said | str) -> None:
    """One cycle's document: to stdout (no -o, or -o -), else written whole to the file."""
    if output is None or str(output) == "-":
        if fmt is Format.json:
            out.json_document(done.text)
        else:
            out.document(done.text)
        return
    if output.is_dir():
        raise InvalidInput(Message.OUTPUT_IS_FOLDER, path=output)
    write_atomically(output, done.text)
    out.say(Message.WROTE_CYCLE, cycle=done.cycles[0].id, path=output, left_out=note)


def _deliver(output: Path | None) -> Callable[[Iterable[str]], None]:
    """Where a streamed document goes: standard output, or a file written whole."""
    if output is None or str(output) == "-":
        return _print_parts
    if output.is_dir():
        raise InvalidInput(Message.OUTPUT_IS_FOLDER, path=output)
    return lambda parts: write_atomically(output, parts)


def _print_parts(parts: Iterable[str]) -> None:
    for part in parts:
        out.document(part)
