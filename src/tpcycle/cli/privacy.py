"""Commands for what stays private: edit and forget entries, and the student-name roster."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from tpcycle.cli.common import (
    EditOption,
    ErrorHandlingGroup,
    Given,
    JsonOption,
    console,
    edit_text,
    given_text,
    keeping,
    opened,
    print_json,
    say,
    settings,
    warn,
)
from tpcycle.errors import InvalidInput
from tpcycle.render import to_json
from tpcycle.usecases import cycles, privacy

students_app = typer.Typer(
    cls=ErrorHandlingGroup,
    no_args_is_help=True,
    help="The roster of student names that exports replace with aliases (Student A, B ...).",
)

YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]


def edit(
    ctx: typer.Context,
    entry: Annotated[
        int, typer.Argument(help="The entry number ('tpcycle show' lists them).", min=1)
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
    editor: EditOption = False,
) -> None:
    """Change an entry's text, or whether it is private. The old text is not kept."""
    with opened(ctx, create=False) as journal:
        current = privacy.get_entry(journal, entry)
        given: Given | None = None
        if editor:
            given = Given(edit_text("entry", initial=current.text + "\n"), precious=True)
            if given.text.strip() == current.text:
                say("Nothing changed.")
                return
        elif text is not None:
            given = given_text(text, edit=False, what="entry")
        if given is None and private is None:
            raise InvalidInput("Give the new text, --edit, or --private/--public.")
        with keeping(given, settings(ctx)):
            changed = privacy.edit_entry(
                journal, entry, text=None if given is None else given.text, private=private
            )
    state = "private" if changed.what.private else "shareable"
    say(f"[green]Changed[/green] entry {changed.what.id} (now {state}).")
    _not_yet_wiped(changed.wiped)


def forget(
    ctx: typer.Context,
    entry: Annotated[
        int | None, typer.Argument(help="The entry number to forget.", min=1, show_default=False)
    ] = None,
    cycle: Annotated[
        int | None, typer.Option("--cycle", "-c", min=1, help="Forget this whole cycle instead.")
    ] = None,
    yes: YesOption = False,
) -> None:
    """Delete an entry (or a whole cycle) for good: it is gone from the journal file."""
    if (entry is None) == (cycle is None):
        raise InvalidInput("Name one entry number, or a whole cycle with --cycle N.")
    with opened(ctx, create=False) as journal:
        if cycle is not None:
            found = cycles.get_cycle(journal, cycle)
            what = f"cycle {found.id} ({found.goal!r}) and all {len(found.entries)} of its entries"
        else:
            assert entry is not None
            item = privacy.get_entry(journal, entry)
            preview = " ".join(item.text.split())[:60]
            what = f"entry {item.id} ({item.step.label.lower()}, {preview!r})"
        confirm(f"Forget {what}? This cannot be undone.", yes)
        if cycle is not None:
            wiped = privacy.forget_cycle(journal, cycle).wiped
        else:
            assert entry is not None
            wiped = privacy.forget_entry(journal, entry).wiped
    say(f"Forgotten: {what}.")
    _not_yet_wiped(wiped)


def _not_yet_wiped(wiped: bool) -> None:
    if not wiped:
        warn(
            "Another program has the journal open, so the old text stays in the file until it"
            " closes; tpcycle finishes wiping it the next time the journal is opened."
        )


def confirm(question: str, yes: bool) -> None:
    """Ask before destroying anything; refuse without --yes when nobody can answer."""
    if yes:
        return
    if not sys.stdin.isatty():
        raise InvalidInput("Nothing was changed; add --yes to confirm when not in a terminal.")
    if not typer.confirm(question, default=False, err=True):
        raise InvalidInput("Nothing was changed.")


@students_app.command("add")
def students_add(
    ctx: typer.Context,
    names: Annotated[list[str], typer.Argument(help="Names, each in quotes if it has spaces.")],
) -> None:
    """Add students to the roster; each gets an alias used in exports instead of the name."""
    with opened(ctx, create=True) as journal:
        added = privacy.add_students(journal, names)
    for name, alias, new in added:
        say(f"{'Added' if new else 'Already on the roster:'} {name} → {alias}")


@students_app.command("list")
def students_list(
    ctx: typer.Context,
    json: JsonOption = False,
) -> None:
    """List the roster with each student's alias. The roster never leaves this machine."""
    from rich.markup import escape

    with opened(ctx, create=False) as journal:
        roster = privacy.roster(journal)
    if json:
        print_json(to_json([{"name": n, "alias": a} for n, a in roster.items()]))
        return
    if not roster:
        say('The roster is empty. Add names with: tpcycle students add "Name" ...')
        return
    for name, alias in roster.items():
        console().print(f"{escape(alias):<12} {escape(name)}")


@students_app.command("remove")
def students_remove(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The name to take off the roster.")],
) -> None:
    """Take a student off the roster. Their alias is not given to anyone else."""
    with opened(ctx, create=False) as journal:
        removed, alias = privacy.remove_student(journal, name)
    say(f"Removed {removed} ({alias}). Exports will show the name again if it appears.")
