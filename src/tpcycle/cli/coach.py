"""caseload (a coach's teachers at a glance) and sync (a shared folder as a mailbox)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tpcycle.cli import output as out
from tpcycle.cli.common import local_zone, opened
from tpcycle.cli.options import CycleOption, JsonOption
from tpcycle.messages_partnership import Partnership
from tpcycle.render import to_json
from tpcycle.render_between import caseload_dict, sync_dict
from tpcycle.usecases import caseload as load
from tpcycle.usecases import sync_folder

_COLUMNS = ("teacher", "open", "next step", "last entry", "due", "days", "")


def caseload(ctx: typer.Context, json: JsonOption = False) -> None:
    """One row per teacher you partner with: open cycle, next step, promises due, last contact.

    Teachers whose open cycle has had nothing for longer than the drift check allows come
    first, marked drifting.
    """
    with opened(ctx, create=False) as journal:
        found = load.caseload(journal, zone=local_zone())
    if json:
        out.json_document(to_json(caseload_dict(found)))
        return
    if not found.rows:
        out.say(Partnership.CASELOAD_EMPTY)
        return
    rows = [
        (
            r.teacher,
            f"#{r.open_cycle}" if r.open_cycle else "-",
            r.next_step.label.lower() if r.next_step else "-",
            r.last_entry.isoformat() if r.last_entry else "-",
            str(r.promises_due),
            "-" if r.days_since is None else str(r.days_since),
            out.words(Partnership.CASELOAD_DRIFTING) if r.drifting else "",
        )
        for r in found.rows
    ]
    if out.is_terminal():
        out.table(_COLUMNS, rows)
        return
    widths = [max(len(name), *(len(r[i]) for r in rows)) for i, name in enumerate(_COLUMNS)]
    for row in (_COLUMNS, *rows):
        out.line("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def sync(
    ctx: typer.Context,
    folder: Annotated[
        Path, typer.Argument(help="A folder both of you share: synced, a USB stick, a git repo.")
    ],
    cycle: CycleOption = None,
    json: JsonOption = False,
) -> None:
    """Exchange through a shared folder: write this machine's bundles, bring in the others'.

    Your bundles are the current cycle's pair's cycles, private entries left out and student
    names replaced, named for this machine. Bundles from other machines that are new since
    the last sync are merged in; running it twice changes nothing. The journal itself is never
    put there. Files that are not tpcycle bundles are skipped with a warning.
    """
    with opened(ctx, create=True) as journal:
        report = sync_folder.sync_folder(journal, folder, cycle)
    for name, why in report.skipped:
        out.warn(Partnership.SYNC_SKIPPED, name=name, reason=why)
    if json:
        out.json_document(to_json(sync_dict(report)))
        return
    for a in report.came_in:
        out.line(
            out.words(
                Partnership.SYNC_CAME_IN,
                name=a.name,
                cycle=a.cycle,
                entries=a.entries,
                notes=a.notes,
                promises=a.promises,
            )
        )
    for d in report.went_out:
        out.line(
            out.words(Partnership.SYNC_WENT_OUT, name=d.name, cycle=d.cycle, entries=d.entries)
        )
    out.say(
        Partnership.SYNC_SUMMARY,
        path=folder,
        came=len(report.came_in),
        went=len(report.went_out),
        same=report.unchanged,
    )
