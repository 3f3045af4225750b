"""The db command group: where the journal is and what it holds."""

from __future__ import annotations

from typing import Annotated

import typer

from tpcycle.cli.common import ErrorHandlingGroup, opened, print_json, settings
from tpcycle.render import to_json

app = typer.Typer(cls=ErrorHandlingGroup, no_args_is_help=True, help="The journal file itself.")


@app.command("path")
def path(ctx: typer.Context) -> None:
    """Print the path of the journal file in use."""
    typer.echo(str(settings(ctx).db))


@app.command("status")
def status(
    ctx: typer.Context,
    json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
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
