"""The export command: a cycle as Markdown or JSON, to stdout or written atomically to a file."""

from __future__ import annotations

import os
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from tpcycle import service
from tpcycle.cli import output as out
from tpcycle.cli.common import opened
from tpcycle.domain import Cycle
from tpcycle.errors import InvalidInput, StoreError
from tpcycle.messages import Message, clause, said
from tpcycle.render import cycle_dict, index, markdown, portfolio, to_json


class Format(StrEnum):
    markdown = "markdown"
    json = "json"


def export(
    ctx: typer.Context,
    cycles: Annotated[
        list[int] | None,
        typer.Argument(
            help="Cycle number(s); the current cycle if left out (all with --portfolio).",
            min=1,
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
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.markdown,
) -> None:
    """Export cycles as Markdown (or JSON) to share or keep.

    Private entries are left out unless --include-private; student names on the roster are
    replaced by their aliases unless --no-redact.
    """
    chosen = cycles or []
    if every and portfolio_:
        raise InvalidInput(Message.EXPORT_ALL_OR_PORTFOLIO)
    if (every or portfolio_) and fmt is not Format.markdown:
        raise InvalidInput(Message.EXPORT_MARKDOWN_ONLY)
    if len(chosen) > 1 and not portfolio_:
        raise InvalidInput(Message.EXPORT_ONE_CYCLE)
    with opened(ctx, create=False) as store:
        if every or portfolio_:
            found, left_out = service.shareable_cycles(
                store, chosen or None, include_private=include_private, redact=not no_redact
            )
        else:
            one, left_out = service.shareable(
                store,
                chosen[0] if chosen else None,
                include_private=include_private,
                redact=not no_redact,
            )
            found = [one]
    if not found:
        raise InvalidInput(Message.EXPORT_NOTHING)
    note = clause(
        Message.IN_PARENTHESES, left_out, clause=said(Message.PRIVATE_LEFT_OUT, count=left_out)
    )
    if every:
        if output is None:
            raise InvalidInput(Message.EXPORT_NEEDS_FOLDER)
        written = write_folder(output, found, include_private=include_private)
        out.say(Message.WROTE_FOLDER, count=written, folder=output, left_out=note)
        return
    if portfolio_:
        text = portfolio(found, generated_at=service.now_iso())
    elif fmt is Format.markdown:
        text = markdown(found[0], include_private=include_private)
    else:
        text = to_json(cycle_dict(found[0]))
    if output is None or str(output) == "-":
        if fmt is Format.json:
            out.json_document(text)
        else:
            out.document(text)
        return
    if output.is_dir():
        raise InvalidInput(Message.OUTPUT_IS_FOLDER, path=output)
    write_atomically(output, text)
    if portfolio_:
        out.say(Message.WROTE_PORTFOLIO, path=output, left_out=note)
    else:
        out.say(Message.WROTE_CYCLE, cycle=found[0].id, path=output, left_out=note)


def write_folder(folder: Path, cycles: list[Cycle], *, include_private: bool) -> int:
    """One Markdown file per cycle and an index, each written atomically."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise StoreError(
            Message.CANNOT_CREATE_FOLDER, folder=folder, reason=exc.strerror or exc
        ) from exc
    names = [f"cycle-{c.id:04d}.md" for c in cycles]
    for cycle, name in zip(cycles, names, strict=True):
        write_atomically(folder / name, markdown(cycle, include_private=include_private))
    write_atomically(folder / "index.md", index(cycles, names, generated_at=service.now_iso()))
    return len(names)


def write_atomically(path: Path, text: str) -> None:
    """Write beside the target then rename, so a crash never leaves a half-written export."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise StoreError(
            Message.CANNOT_WRITE_IN, folder=folder, reason=exc.strerror or exc
        ) from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise StoreError(Message.CANNOT_WRITE_FILE, path=path, reason=exc.strerror or exc) from exc
