"""The show command: a cycle with every entry, its conversations, notes, measures and files."""

from __future__ import annotations

from datetime import tzinfo

import typer

from tpcycle import clock
from tpcycle.cli import output as out
from tpcycle.cli.common import local_zone, opened
from tpcycle.cli.comparing import print_comparison
from tpcycle.cli.options import CycleArgument, JsonOption
from tpcycle.cli.since import print_between
from tpcycle.domain import STEPS, Cycle, Entry, Step
from tpcycle.measures import compare
from tpcycle.messages import Message
from tpcycle.render import cycle_dict, to_json
from tpcycle.usecases.showing import show_cycle


def show(ctx: typer.Context, cycle: CycleArgument = None, json: JsonOption = False) -> None:
    """Show a cycle with every entry, private ones marked."""
    zone = local_zone()
    with opened(ctx, create=False) as journal:
        shown = show_cycle(journal, cycle, zone)
    found = shown.cycle
    if json:
        out.json_document(to_json(cycle_dict(found, zone)))
        return
    _print_cycle(found, zone)
    print_between(shown.between, zone)
    comparison = compare(found.entries)
    if not comparison.empty:
        out.blank()
        out.heading(out.words(Message.COMPARISON_HEADING), underline=True)
        print_comparison(comparison)
    if shown.files:
        # The attachments' command module loads only for a cycle with files kept.
        from tpcycle.cli.attachments import print_attachments

        print_attachments(shown.files)


def _print_cycle(c: Cycle, zone: tzinfo) -> None:
    out.line((f"Cycle {c.id}", "bold"), f" ({c.status.value}) · ", c.goal)
    out.line(
        "Teacher: ",
        c.teacher,
        " · Partner: ",
        c.partner,
        f" · Started {clock.local_day(c.created_at, zone)}"
        + (f" · Closed {clock.local_day(c.closed_at, zone)}" if c.closed_at else ""),
    )
    for step in STEPS:
        out.blank()
        out.heading(f"{step.number}. {step.label}", underline=True)
        entries = c.entries_for(step)
        if not entries:
            out.indented((out.words(Message.NOTHING_RECORDED), "dim"))
        for entry in entries:
            _print_entry(entry, c, zone)
        _print_conversations(c, step, zone)


def _print_conversations(c: Cycle, step: Step, zone: tzinfo) -> None:
    if not c.conversations:
        return
    # The conversations' command module (and its use cases) loads only for a cycle that has
    # some: 'show' of any other cycle does not pay for it.
    from tpcycle.cli import talks

    talks.print_after(c, step, zone)


def _print_entry(entry: Entry, cycle: Cycle, zone: tzinfo) -> None:
    marks: list[out.Piece] = []
    if entry.private:
        marks += [" ", ("[PRIVATE]", "magenta")]
    if entry.conflict_of:
        original = next((e.id for e in cycle.entries if e.uid == entry.conflict_of), None)
        of = f" of #{original}" if original else ""
        marks += [" ", (f"[OTHER MACHINE'S VERSION{of}]", "yellow")]
    out.indented(
        (f"#{entry.id} {_when(entry, zone)}", "dim"),
        " ",
        (entry.author, "bold"),
        f" ({entry.role.value})",
        *marks,
    )
    if entry.question:
        out.indented((entry.question, "italic"), indent=4)
    for line in entry.text.splitlines():
        out.indented(line, indent=4)
    if entry.measures:
        label = "predicted" if entry.step is Step.MOVE else "measures"
        listed = "; ".join(f"{m.name}: {m.display()}" for m in entry.measures)
        out.indented((f"{label}:", "dim"), " ", listed, indent=4)


def _when(entry: Entry, zone: tzinfo) -> str:
    """When it was written, local; with --on, the lesson's date first."""
    if entry.happened_at:
        return clock.lesson_and_written(entry.happened_at, entry.created_at, zone)
    return clock.local_minute(entry.created_at, zone)
