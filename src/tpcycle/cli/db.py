"""The db command group: where the journal is and what it holds."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tpcycle.cli import output as out
from tpcycle.cli.common import ErrorHandlingGroup, opened, settings
from tpcycle.cli.options import JsonOption, YesOption
from tpcycle.messages import Message
from tpcycle.render import journal_facts, to_json
from tpcycle.usecases import journal_file

app = typer.Typer(cls=ErrorHandlingGroup, no_args_is_help=True, help="The journal file itself.")


@app.command("path")
def path(ctx: typer.Context) -> None:
    """Print the path of the journal file in use."""
    out.line(str(settings(ctx).db))


@app.command("status")
def status(
    ctx: typer.Context,
    json: JsonOption = False,
) -> None:
    """Show the journal's path, schema version and how many cycles and entries it holds."""
    db = settings(ctx).db
    with opened(ctx, create=False, missing_ok=True) as journal:
        found = journal_file.facts(journal, db)
    facts = journal_facts(db, exists=found.exists, schema=found.schema, counts=found.counts)
    if json:
        out.json_document(to_json(facts))
        return
    for key, value in facts.items():
        out.line(f"{key}: ", str(value))


@app.command("backup")
def backup(
    ctx: typer.Context,
    target: Annotated[Path, typer.Argument(help="New file to write the copy to.", dir_okay=False)],
) -> None:
    """Write a consistent copy of the journal, even while someone else is writing to it."""
    journal_file.backup(settings(ctx).db, target)
    out.say(Message.BACKED_UP, path=target)


@app.command("restore")
def restore(
    ctx: typer.Context,
    source: Annotated[Path, typer.Argument(help="A backup made with 'tpcycle db backup'.")],
    yes: YesOption = False,
) -> None:
    """Replace the journal with a backup. What it replaces is kept in a safety copy first."""
    db = settings(ctx).db
    out.confirm(Message.RESTORE_CONFIRM, yes, journal=db, source=source)
    safety = journal_file.restore(db, source)
    out.say(Message.RESTORED, source=source, safety=safety)


@app.command("doctor")
def doctor(ctx: typer.Context) -> None:
    """Check the journal file for damage without changing it; exit 1 if something is wrong."""
    db = settings(ctx).db
    if not db.exists():
        out.say(Message.NO_JOURNAL_YET, path=db)
        return
    problems = journal_file.doctor(db)
    if not problems:
        out.say(Message.JOURNAL_HEALTHY, path=db)
        return
    for problem in problems:
        out.say(Message.JOURNAL_PROBLEM, problem=problem)
    out.say(Message.DOCTOR_ADVICE)
    raise typer.Exit(1)
