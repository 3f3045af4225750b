"""The db command group: where the journal is and what it holds."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from tpcycle.cli.common import ErrorHandlingGroup, JsonOption, opened, print_json, say, settings
from tpcycle.errors import InvalidInput
from tpcycle.render import to_json

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
    with opened(ctx, create=False) as store:
        with store.read():
            counts = store.counts()
        facts = {"path": str(db), "exists": db.exists(), "schema": store.schema_version(), **counts}
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
    if not settings(ctx).db.exists():
        raise InvalidInput(f"There is no journal at {settings(ctx).db} to back up yet.")
    with opened(ctx, create=False) as store:
        store.backup(target)
    say(f"Backed up the journal to {target}.")


@app.command("restore")
def restore(
    ctx: typer.Context,
    source: Annotated[Path, typer.Argument(help="A backup made with 'tpcycle db backup'.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Replace the journal with a backup. What it replaces is kept in a safety copy first."""
    from tpcycle.cli.privacy import confirm

    db = settings(ctx).db
    confirm(f"Replace the journal at {db} with {source}? A safety copy is kept.", yes)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    safety = db.with_name(f"{db.stem}.before-restore-{stamp}{db.suffix}")
    with opened(ctx, create=True) as store:
        store.restore(source, safety=safety)
    say(f"Restored {source}. The journal as it was before is in {safety}.")


@app.command("doctor")
def doctor(ctx: typer.Context) -> None:
    """Check the journal file for damage without changing it; exit 1 if something is wrong."""
    from tpcycle.store import inspect

    db = settings(ctx).db
    if not db.exists():
        say(f"There is no journal at {db} yet; it is created by 'tpcycle new goal'.")
        return
    problems = inspect(db)
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
