"""The root command: global options, every command registered, and the entry point."""

from __future__ import annotations

import functools
import importlib
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from tpcycle import __version__
from tpcycle.cli import output
from tpcycle.cli.common import ErrorHandlingGroup, Settings, default_db_path


def _version(value: bool) -> None:
    if value:
        output.line(f"tpcycle {__version__}")
        raise typer.Exit()


def root(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            envvar="TPCYCLE_DB",
            dir_okay=False,
            help="Journal file to use. (default: your user data folder)",
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

# Every command: its name, where it lives ("module:attribute" in tpcycle.cli; a Typer
# attribute is a group of subcommands) and its panel in --help.
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("new", "steps:new_app", RECORD),
    ("log", "steps:log_app", RECORD),
    ("session", "session:session", RECORD),
    ("tally", "evidence:tally", RECORD),
    ("interpret", "steps:interpret", RECORD),
    ("move", "steps:move", RECORD),
    ("reflect", "steps:reflect", RECORD),
    ("status", "cycles:status", LOOK),
    ("list", "cycles:list_cycles", LOOK),
    ("show", "cycles:show", LOOK),
    ("use", "cycles:use", LOOK),
    ("close", "cycles:close", LOOK),
    ("compare", "evidence:compare_command", LOOK),
    ("check", "check:check", LOOK),
    ("search", "search:search", LOOK),
    ("history", "history:history", LOOK),
    ("export", "export:export", LOOK),
    ("remind", "remind:remind", LOOK),
    ("share", "exchange:share", SHARE),
    ("import", "exchange:import_command", SHARE),
    ("edit", "privacy:edit", PRIVATE),
    ("forget", "privacy:forget", PRIVATE),
    ("students", "privacy:students_app", PRIVATE),
    ("protocols", "protocols:app", MORE),
    ("db", "db:app", MORE),
    ("demo", "demo:demo", MORE),
)


def make_app(only: str | None = None) -> typer.Typer:
    """The whole command line, or just the root and one command (which starts faster)."""
    application = typer.Typer(
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
    application.callback()(root)
    for name, target, panel in COMMANDS:
        if only is not None and name != only:
            continue
        module_name, _, attribute = target.partition(":")
        found = getattr(importlib.import_module(f"tpcycle.cli.{module_name}"), attribute)
        if isinstance(found, typer.Typer):
            application.add_typer(found, name=name, rich_help_panel=panel)
        else:
            application.command(name, rich_help_panel=panel)(found)
    return application


def command_named(args: list[str]) -> str | None:
    """The command a command line runs, if it names one after the global options."""
    waiting_for_value = False
    for arg in args:
        if waiting_for_value:
            waiting_for_value = False
        elif arg == "--db":
            waiting_for_value = True
        elif arg.startswith("--db="):
            continue
        elif arg.startswith("-"):
            return None  # --help, --version ...: the whole program answers
        else:
            return arg
    return None


@functools.cache
def full_app() -> typer.Typer:
    return make_app()


def __getattr__(name: str) -> typer.Typer:
    # ``app`` is built on first use, so running one command never imports all the others.
    if name == "app":
        return full_app()
    raise AttributeError(name)


def main() -> None:
    name = command_named(sys.argv[1:])
    known = {command for command, _, _ in COMMANDS}
    make_app(name if name in known else None)()
