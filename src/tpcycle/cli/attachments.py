"""tpcycle attachments: the photos, scans and PDFs kept with a cycle's evidence; write them out."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tpcycle.attachments import Attachment, describe
from tpcycle.cli import output as out
from tpcycle.cli.common import opened
from tpcycle.cli.options import NUMBER_MAX, CycleOption, JsonOption
from tpcycle.messages_classroom import Classroom
from tpcycle.readfile import describe_size
from tpcycle.render import to_json
from tpcycle.render_attachments import attachment_dicts
from tpcycle.usecases import attaching


def attachments(
    ctx: typer.Context,
    entry: Annotated[
        int | None,
        typer.Argument(
            help="Entry number; every file of the cycle if left out.", min=1, max=NUMBER_MAX
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="DIR",
            help="Write the files into this folder (made if missing; nothing is overwritten).",
            file_okay=False,
        ),
    ] = None,
    cycle: CycleOption = None,
    json: JsonOption = False,
) -> None:
    """List the photos, scans and PDFs kept with evidence, or write them into a folder.

    Files are kept with 'tpcycle log evidence ... --attach FILE'. With -o DIR each is written
    under a safe name; a name already taken there gets -2, -3 ... so nothing is overwritten.
    """
    with opened(ctx, create=False) as journal:
        if entry is not None:
            listed = attaching.of_entry(journal, entry)
        else:
            listed = attaching.of_cycle(journal, cycle)
        if output is not None and listed:
            written = attaching.write_out(journal, listed, output)
    if json:
        out.json_document(to_json(attachment_dicts(listed)))
        return
    if not listed:
        what = f"entry {entry}" if entry is not None else "this cycle's evidence"
        out.say(Classroom.ATTACH_NONE, what=what)
        return
    if output is None:
        print_attachments(listed, heading=False)
        return
    for item in written:
        if item.existed:
            out.say(Classroom.ATTACH_ALREADY_THERE, path=item.path)
        elif item.renamed:
            out.say(Classroom.ATTACH_WROTE_BESIDE, path=item.path, name=item.path.name)
        else:
            out.say(Classroom.ATTACH_WROTE, path=item.path)


def print_attachments(listed: list[Attachment], *, heading: bool = True) -> None:
    """One line a file: its entry, name, type and size (``show`` lists them the same way)."""
    if not listed:
        return
    if heading:
        out.blank()
        out.heading(out.words(Classroom.ATTACH_HEADING), underline=True)
    for item in listed:
        out.indented(
            (f"#{item.entry_id}", "dim"),
            " ",
            item.name,
            (f"  {describe(item.kind)}, {describe_size(item.size)}", "dim"),
        )
