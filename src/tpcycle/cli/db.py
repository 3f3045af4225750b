"""The db command group: where the journal is and what it holds."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tpcycle.cli.common import ErrorHandlingGroup, JsonOption, opened, print_json, say, settings
from tpcycle.cli.privacy import confirm
from tpcycle.render import to_json
from tpcycle.usecases import journal_file

app = typer.Typer(cls=ErrorHandlingGroup, no_args_is_help=True, help="The journal file itself.")


@app.command("path")
def path(ctx: typer.Context) -> None:
    """Print the path of the journal file in use."""
    typer.echo(str(settings(ctx).db))


@app.command("status")
def status(
    ctx: typer.Context,
    json: JsonOption = False,
) -> None:
    """Show the journal's path, schema version and how many cycles and entries it holds."""
    db = settings(ctx).db
    with opened(ctx, create=False) as journal:
        found = journal_file.facts(journal, db)
    facts = {"path": str(db), "exists": found.exists, "schema": found.schema, **found.counts}
    if json:
        print_json(to_json(facts))
        return
    for key, value in facts.items():
        typer.echo(f"{key}: {value}")


@app.command("backup")
def backup(
    ctx: typer.Context,
    target: Annotated[Path, typer.Argument(help="New file to write the copy to.", dir_okay=False)],
) -> None:
    """Write a consistent copy of the journal, even while someone else is writing to it."""
    journal_file.backup(settings(ctx).db, target)
    say(f"Backed up the journal to {target}.")


@app.command("restore")
def restore(
    ctx: typer.Context,
    source: Annotated[Path, typer.Argument(help="A backup made with 'tpcycle db backup'.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Replace the journal with a backup. What it replaces is kept in a safety copy first."""
    db = settings(ctx).db
    confirm(f"Replace the journal at {db} with {source}? A safety copy is kept.", yes)
    safety = journal_file.restore(db, source)
    say(f"Restored {source}. The journal as it was before is in {safety}.")


@app.command("doctor")
def doctor(ctx: typer.Context) -> None:
    """Check the journal file for damage without changing it; exit 1 if something is wrong."""
    db = settings(ctx).db
    if not db.exists():
        say(f"There is no journal at {db} yet; it is created by 'tpcycle new goal'.")
        return
    problems = journal_file.doctor(db)
    if not problems:
        say(f"The journal at {db} is healthy.")
        return
    for problem in problems:
        typer.echo(f"Problem: {problem}", err=True)
    typer.echo(
        "Advice: the file was not changed. Copy it somewhere safe first; then restore your"
        " latest backup with 'tpcycle db restore FILE', or ask someone comfortable with"
        " SQLite to run '.recover' on the copy.",
        err=True,
    )
    raise typer.Exit(1)
