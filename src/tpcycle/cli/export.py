"""The export command: a cycle as Markdown or JSON, to stdout or written atomically to a file."""

from __future__ import annotations

import os
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from tpcycle import service
from tpcycle.cli.common import opened, say
from tpcycle.errors import StoreError
from tpcycle.render import cycle_dict, markdown, to_json


class Format(StrEnum):
    markdown = "markdown"
    json = "json"


def export(
    ctx: typer.Context,
    cycle: Annotated[
        int | None,
        typer.Argument(
            help="Cycle number; the current cycle if left out.", min=1, show_default=False
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file instead of standard output.", dir_okay=False
        ),
    ] = None,
    include_private: Annotated[
        bool, typer.Option("--include-private", help="Include private entries (marked).")
    ] = False,
    no_redact: Annotated[
        bool,
        typer.Option("--no-redact", help="Keep student names from the roster instead of aliases."),
    ] = False,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.markdown,
) -> None:
    """Export a cycle summary to share or keep.

    Private entries are left out unless --include-private; student names on the roster are
    replaced by their aliases unless --no-redact.
    """
    with opened(ctx, create=False) as store:
        found, left_out = service.shareable(
            store, cycle, include_private=include_private, redact=not no_redact
        )
    text = (
        markdown(found, include_private=include_private)
        if fmt is Format.markdown
        else to_json(cycle_dict(found))
    )
    if output is None or str(output) == "-":
        typer.echo(text, nl=False)
        return
    write_atomically(output, text)
    note = (
        f" ({left_out} private entr{'y' if left_out == 1 else 'ies'} left out)" if left_out else ""
    )
    say(f"Wrote cycle {found.id} to {output}{note}.")


def write_atomically(path: Path, text: str) -> None:
    """Write beside the target then rename, so a crash never leaves a half-written export."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise StoreError(f"Cannot write to {folder}: {exc.strerror or exc}.") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise StoreError(
            f"Cannot write {path}: {exc.strerror or exc}; nothing was changed."
        ) from exc
