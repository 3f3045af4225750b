"""The root command: global options, every command registered, and the entry point."""

from __future__ import annotations

import functools
import io
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
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
    _forgiving_stdin()
    path = db.expanduser() if db is not None else default_db_path()
    source = ctx.get_parameter_source("db")  # typer's own click: compare by name
    named = source is not None and source.name == "COMMANDLINE"
    ctx.obj = Settings(db=Path(os.path.abspath(path)), named=named)
    if ctx.invoked_subcommand is None:
        _start().overview(ctx, _cycles().status)


def _forgiving_stdin() -> None:
    """Bytes that are not UTF-8 on standard input (a pasted answer, a piped file) are read with
    a replacement mark instead of ending the command with the answer lost."""
    if isinstance(sys.stdin, io.TextIOWrapper) and sys.stdin.errors != "replace":
        sys.stdin.reconfigure(errors="replace")


RECORD = "Record the cycle"
LOOK = "See and choose cycles"
SHARE = "Between two machines"
PRIVATE = "Fix and forget: change entries and cycles, forget, student names"
MORE = "Protocols, the journal file, a demo"

Command = Callable[..., None] | typer.Typer


# The one lazy-loading seam: a command's module is imported, by a plain import statement that
# grep, mypy and editors follow, only when that command runs (or --help lists them all).
def _steps() -> ModuleType:
    from tpcycle.cli import steps

    return steps


def _goal() -> ModuleType:
    from tpcycle.cli import goal

    return goal


def _cycles() -> ModuleType:
    from tpcycle.cli import cycles

    return cycles


def _evidence() -> ModuleType:
    from tpcycle.cli import evidence

    return evidence


def _session() -> ModuleType:
    from tpcycle.cli import session

    return session


def _check() -> ModuleType:
    from tpcycle.cli import check

    return check


def _search() -> ModuleType:
    from tpcycle.cli import search

    return search


def _history() -> ModuleType:
    from tpcycle.cli import history

    return history


def _export() -> ModuleType:
    from tpcycle.cli import export

    return export


def _remind() -> ModuleType:
    from tpcycle.cli import remind

    return remind


def _exchange() -> ModuleType:
    from tpcycle.cli import exchange

    return exchange


def _privacy() -> ModuleType:
    from tpcycle.cli import privacy

    return privacy


def _protocols() -> ModuleType:
    from tpcycle.cli import protocols

    return protocols


def _start() -> ModuleType:
    from tpcycle.cli import start

    return start


def _corrections() -> ModuleType:
    from tpcycle.cli import corrections

    return corrections


def _db() -> ModuleType:
    from tpcycle.cli import db

    return db


def _demo() -> ModuleType:
    from tpcycle.cli import demo

    return demo


# Every command: its name, how to load it, and its panel in --help.
COMMANDS: tuple[tuple[str, Callable[[], Command], str], ...] = (
    ("new", lambda: _goal().new_app, RECORD),
    ("log", lambda: _steps().log_app, RECORD),
    ("session", lambda: _session().session, RECORD),
    ("tally", lambda: _evidence().tally, RECORD),
    ("interpret", lambda: _steps().interpret, RECORD),
    ("move", lambda: _steps().move, RECORD),
    ("reflect", lambda: _steps().reflect, RECORD),
    ("status", lambda: _cycles().status, LOOK),
    ("list", lambda: _cycles().list_cycles, LOOK),
    ("show", lambda: _cycles().show, LOOK),
    ("use", lambda: _cycles().use, LOOK),
    ("close", lambda: _cycles().close, LOOK),
    ("reopen", lambda: _corrections().reopen, LOOK),
    ("compare", lambda: _evidence().compare_command, LOOK),
    ("check", lambda: _check().check, LOOK),
    ("search", lambda: _search().search, LOOK),
    ("history", lambda: _history().history, LOOK),
    ("export", lambda: _export().export, LOOK),
    ("remind", lambda: _remind().remind, LOOK),
    ("share", lambda: _exchange().share, SHARE),
    ("import", lambda: _exchange().import_command, SHARE),
    ("edit", lambda: _privacy().edit, PRIVATE),
    ("forget", lambda: _privacy().forget, PRIVATE),
    ("cycle", lambda: _corrections().cycle_app, PRIVATE),
    ("students", lambda: _privacy().students_app, PRIVATE),
    ("protocols", lambda: _protocols().app, MORE),
    ("db", lambda: _db().app, MORE),
    ("demo", lambda: _demo().demo, MORE),
    ("guide", lambda: _start().guide, MORE),
)


def make_app(only: str | None = None) -> typer.Typer:
    """The whole command line, or just the root and one command (which starts faster)."""
    application = typer.Typer(
        cls=ErrorHandlingGroup,
        name="tpcycle",
        invoke_without_command=True,
        context_settings={"help_option_names": ["-h", "--help"]},
        help=(
            "A journal for short inquiry cycles run by a teacher and a thought partner:"
            " goal, evidence, interpretation, move, new evidence, reflection."
        ),
        epilog="Start with 'tpcycle demo', then 'tpcycle new goal'. Read 'tpcycle guide'.",
        pretty_exceptions_enable=False,
    )
    application.callback()(root)
    for name, load, panel in COMMANDS:
        if only is not None and name != only:
            continue
        found = load()
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
    args = sys.argv[1:]
    name = command_named(args)
    known = {command for command, _, _ in COMMANDS}
    if name is None and all(arg == "--db" or arg.startswith("--db=") for arg in args[::2]):
        make_app("")()  # 'tpcycle' alone: the root shows where things stand, no command needed
        return
    make_app(name if name in known else None)()
