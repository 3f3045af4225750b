"""The root command: global options, every command registered, and the entry point."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from tpcycle import __version__
from tpcycle.cli import (
    check,
    cycles,
    db,
    demo,
    evidence,
    exchange,
    export,
    privacy,
    protocols,
    session,
    steps,
)
from tpcycle.cli.common import ErrorHandlingGroup, Settings, default_db_path

app = typer.Typer(
    cls=ErrorHandlingGroup,
    name="tpcycle",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    help=(
        "A journal for short inquiry cycles run by a teacher and a thought partner:"
        " goal, evidence, interpretation, move, new evidence, reflection."
    ),
    epilog="Start with 'tpcycle demo', then 'tpcycle new goal'. Guide: docs/first-cycle.md",
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tpcycle {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            envvar="TPCYCLE_DB",
            dir_okay=False,
            help="Journal file to use. [default: your user data folder]",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Run short inquiry cycles with a thought partner, from the terminal."""
    path = db.expanduser() if db is not None else default_db_path()
    ctx.obj = Settings(db=Path(os.path.abspath(path)))


RECORD = "Record the cycle"
LOOK = "See and choose cycles"
SHARE = "Between two machines"
PRIVATE = "Privacy: change, forget, student names"
MORE = "Protocols, the journal file, a demo"

app.add_typer(steps.new_app, name="new", rich_help_panel=RECORD)
app.add_typer(steps.log_app, name="log", rich_help_panel=RECORD)
app.command("session", rich_help_panel=RECORD)(session.session)
app.command("tally", rich_help_panel=RECORD)(evidence.tally)
app.command("interpret", rich_help_panel=RECORD)(steps.interpret)
app.command("move", rich_help_panel=RECORD)(steps.move)
app.command("reflect", rich_help_panel=RECORD)(steps.reflect)
app.command("status", rich_help_panel=LOOK)(cycles.status)
app.command("list", rich_help_panel=LOOK)(cycles.list_cycles)
app.command("show", rich_help_panel=LOOK)(cycles.show)
app.command("use", rich_help_panel=LOOK)(cycles.use)
app.command("close", rich_help_panel=LOOK)(cycles.close)
app.command("compare", rich_help_panel=LOOK)(evidence.compare_command)
app.command("check", rich_help_panel=LOOK)(check.check)
app.command("export", rich_help_panel=LOOK)(export.export)
app.command("share", rich_help_panel=SHARE)(exchange.share)
app.command("import", rich_help_panel=SHARE)(exchange.import_command)
app.command("edit", rich_help_panel=PRIVATE)(privacy.edit)
app.command("forget", rich_help_panel=PRIVATE)(privacy.forget)
app.add_typer(privacy.students_app, name="students", rich_help_panel=PRIVATE)
app.add_typer(protocols.app, name="protocols", rich_help_panel=MORE)
app.add_typer(db.app, name="db", rich_help_panel=MORE)
app.command("demo", rich_help_panel=MORE)(demo.demo)


def main() -> None:
    app()
