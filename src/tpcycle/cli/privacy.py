"""Commands for what stays private: edit and forget entries, and the student-name roster."""

from __future__ import annotations

from typing import Annotated

import typer

from tpcycle.cli import output as out
from tpcycle.cli.common import ErrorHandlingGroup, opened, settings
from tpcycle.cli.editing import Given, edit_text, given_text, keeping
from tpcycle.cli.options import (
    MEASURE_METAVAR,
    NUMBER_MAX,
    BaselineOption,
    ByOption,
    EditOption,
    JsonOption,
    NewEvidenceOption,
    YesOption,
)
from tpcycle.domain import Step
from tpcycle.errors import InvalidInput
from tpcycle.measures import parse_measure
from tpcycle.messages import Message, Said, said
from tpcycle.render import roster_dicts, to_json
from tpcycle.store import Journal
from tpcycle.usecases import corrections, cycles, privacy

students_app = typer.Typer(
    cls=ErrorHandlingGroup,
    no_args_is_help=True,
    help="The roster of student names that exports replace with aliases (Student A, B ...).",
)


def edit(
    ctx: typer.Context,
    entry: Annotated[
        int,
        typer.Argument(help="The entry number ('tpcycle show' lists them).", min=1, max=NUMBER_MAX),
    ],
    text: Annotated[
        str | None,
        typer.Argument(
            help="The new text; - reads standard input. Leave out with --edit.", show_default=False
        ),
    ] = None,
    private: Annotated[
        bool | None,
        typer.Option(
            "--private/--public",
            help="Make the entry private, or shareable again.",
            show_default=False,
        ),
    ] = None,
    step: Annotated[
        Step | None,
        typer.Option("--step", help="Move the entry to another step.", show_default=False),
    ] = None,
    baseline: BaselineOption = False,
    new: NewEvidenceOption = False,
    measure: Annotated[
        list[str] | None,
        typer.Option(
            "--measure",
            "-m",
            metavar=MEASURE_METAVAR,
            help="Replace the entry's numbers with these, e.g. 'gave a reason=6/24'."
            " Repeat for more.",
        ),
    ] = None,
    no_measures: Annotated[
        bool, typer.Option("--no-measures", help="Remove the entry's numbers.")
    ] = False,
    by: ByOption = None,
    cycle: Annotated[
        int | None,
        typer.Option("--cycle", "-c", min=1, max=NUMBER_MAX, help="Move the entry to this cycle."),
    ] = None,
    editor: EditOption = False,
) -> None:
    """Fix an entry: its text, step, numbers, who wrote it, its cycle, or whether it is private.

    The old text is not kept. A change that would leave the cycle out of order (new evidence
    with no move before it) is refused and nothing changes.
    """
    if measure and no_measures:
        raise InvalidInput(Message.EDIT_MEASURES_OR_NONE)
    measures = () if no_measures else tuple(parse_measure(m) for m in measure) if measure else None
    with opened(ctx, create=False) as journal:
        current = privacy.get_entry(journal, entry)
        given: Given | None = None
        if editor:
            given = Given(edit_text("entry", initial=current.text + "\n"), precious=True)
            if given.text.strip() == current.text:
                out.say(Message.EDIT_NOTHING_CHANGED)
                return
        elif text is not None:
            given = given_text(text, edit=False, what="entry")
        changes = corrections.EntryChanges(
            text=None if given is None else given.text,
            private=private,
            step=step,
            baseline=baseline,
            new=new,
            measures=measures,
            by=by,
            cycle=cycle,
        )
        if changes == corrections.EntryChanges():
            raise InvalidInput(Message.EDIT_NEEDS_SOMETHING)
        with keeping(given, settings(ctx)):
            changed = corrections.change_entry(journal, entry, changes)
    _say_changed(changed)
    _not_yet_wiped(changed.wiped)


# How each part of an entry is named in "Changed entry 3's ...".
_PARTS = {
    "text": "text",
    "step": "step",
    "measures": "numbers",
    "author": "author",
    "cycle": "cycle",
}


def _say_changed(changed: corrections.EntryEdited) -> None:
    parts = [_PARTS[name] for name in changed.changed if name in _PARTS]
    number = changed.entry.id
    if not parts:
        privately = changed.entry.private
        out.saved(
            Message.ENTRY_NOW_PRIVATE if privately else Message.ENTRY_NOW_SHAREABLE, entry=number
        )
        return
    what = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    if "privacy" not in changed.changed:
        out.saved(Message.ENTRY_CHANGED, entry=number, what=what)
    elif changed.entry.private:
        out.saved(Message.ENTRY_NOW_PRIVATE_TOO, entry=number, what=what)
    else:
        out.saved(Message.ENTRY_NOW_SHAREABLE_TOO, entry=number, what=what)


def forget(
    ctx: typer.Context,
    entries: Annotated[
        list[int] | None,
        typer.Argument(
            help="The entry numbers to forget (all of them, or none if one cannot go).",
            min=1,
            max=NUMBER_MAX,
            show_default=False,
        ),
    ] = None,
    cycle: Annotated[
        int | None,
        typer.Option(
            "--cycle", "-c", min=1, max=NUMBER_MAX, help="Forget this whole cycle instead."
        ),
    ] = None,
    yes: YesOption = False,
) -> None:
    """Delete entries (or a whole cycle) for good: they are gone from the journal file."""
    if (not entries) == (cycle is None):
        raise InvalidInput(Message.FORGET_WHICH)
    what: Said
    with opened(ctx, create=False) as journal:
        if cycle is not None:
            found = cycles.get_cycle(journal, cycle)
            what = said(
                Message.FORGET_CYCLE_WHAT, cycle=found.id, goal=found.goal, count=len(found.entries)
            )
            out.confirm(Message.FORGET_CONFIRM, yes, what=what)
            wiped = privacy.forget_cycle(journal, cycle).wiped
        else:
            assert entries
            what = _entries_what(journal, entries)
            out.confirm(Message.FORGET_CONFIRM, yes, what=what)
            wiped = corrections.forget_entries(journal, entries).wiped
    out.say(Message.FORGOTTEN, what=what)
    _not_yet_wiped(wiped)


def _entries_what(journal: Journal, numbers: list[int]) -> Said:
    wanted = list(dict.fromkeys(numbers))
    if len(wanted) > 1:
        corrections.check_entries(journal, wanted)  # one error naming every unknown number
        return said(
            Message.FORGET_ENTRIES_WHAT, count=len(wanted), entries=", ".join(map(str, wanted))
        )
    item = privacy.get_entry(journal, wanted[0])
    preview = " ".join(item.text.split())[:60]
    return said(
        Message.FORGET_ENTRY_WHAT, entry=item.id, step=item.step.label.lower(), preview=preview
    )


def _not_yet_wiped(wiped: bool) -> None:
    if not wiped:
        out.warn(Message.NOT_YET_WIPED)


@students_app.command("add")
def students_add(
    ctx: typer.Context,
    names: Annotated[list[str], typer.Argument(help="Names, each in quotes if it has spaces.")],
    keep: Annotated[
        list[str] | None,
        typer.Option(
            "--keep",
            metavar="WORD",
            help="A part of the name never replaced on its own, because you also write it as a"
            " word (e.g. --keep Hope). Repeat for more.",
        ),
    ] = None,
    every_case: Annotated[
        bool,
        typer.Option(
            "--every-case",
            help="Replace a part that is an ordinary word (Will, May, Art) in lower case too.",
        ),
    ] = False,
) -> None:
    """Add students to the roster; each gets an alias used in exports instead of the name.

    The full name and each part of it (a first name written alone) are replaced, in any case
    and with or without accents. A part that is an ordinary word (Will, May, Grace) is replaced
    only where it starts with a capital, unless --every-case.
    """
    with opened(ctx, create=True) as journal:
        added = privacy.add_students(journal, names, keep=tuple(keep or ()), every_case=every_case)
    for name, alias, new in added:
        out.say(
            Message.STUDENT_ADDED if new else Message.STUDENT_ALREADY_ON_ROSTER,
            name=name,
            alias=alias,
        )


@students_app.command("list")
def students_list(
    ctx: typer.Context,
    json: JsonOption = False,
) -> None:
    """List the roster with each student's alias. The roster never leaves this machine."""
    with opened(ctx, create=False) as journal:
        roster = privacy.roster(journal)
    if json:
        out.json_document(to_json(roster_dicts(roster)))
        return
    if not roster:
        out.say(Message.ROSTER_EMPTY)
        return
    for student in roster:
        rules = [f"keeps {p}" for p in sorted(student.exempt)]
        rules += ["every case"] if student.every_case else []
        out.line(
            f"{student.alias:<12} ",
            student.name,
            (f"  ({', '.join(rules)})" if rules else "", "dim"),
        )


@students_app.command("remove")
def students_remove(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The name to take off the roster.")],
) -> None:
    """Take a student off the roster. Their alias is not given to anyone else."""
    with opened(ctx, create=False) as journal:
        removed, alias = privacy.remove_student(journal, name)
    out.say(Message.STUDENT_REMOVED, name=removed, alias=alias)
