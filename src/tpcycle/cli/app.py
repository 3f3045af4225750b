"""The root command: global options, every command registered, and the entry point."""

from __future__ import annotations

import functools
import io
import os
import sys
from collections.abc import Callable
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
    _forgiving_stdin()
    path = db.expanduser() if db is not None else default_db_path()
    ctx.obj = Settings(db=Path(os.path.abspath(path)))


def _forgiving_stdin() -> None:
    """Bytes that are not UTF-8 on standard input (a pasted answer, a piped file) are read with
    a replacement mark instead of ending the command with the answer lost."""
    if isinstance(sys.stdin, io.TextIOWrapper) and sys.stdin.errors != "replace":
        sys.stdin.reconfigure(errors="replace")


RECORD = "Record the cycle"
LOOK = "See and choose cycles"
SHARE = "Between two machines"
PRIVATE = "Privacy: change, forget, student names"
MORE = "Protocols, the journal file, a demo"

Command = Callable[..., None] | typer.Typer


# The one lazy-loading seam: each command's module is imported, with a plain import statement
# that grep, mypy and editors follow, only when that command runs (or --help lists them all).
def _new() -> Command:
    from tpcycle.cli import steps

    return steps.new_app


def _log() -> Command:
    from tpcycle.cli import steps

    return steps.log_app


def _session() -> Command:
    from tpcycle.cli import session

    return session.session


def _tally() -> Command:
    from tpcycle.cli import evidence

    return evidence.tally


def _interpret() -> Command:
    from tpcycle.cli import steps

    return steps.interpret


def _move() -> Command:
    from tpcycle.cli import steps

    return steps.move


def _reflect() -> Command:
    from tpcycle.cli import steps

    return steps.reflect


def _status() -> Command:
    from tpcycle.cli import cycles

    return cycles.status


def _list() -> Command:
    from tpcycle.cli import cycles

    return cycles.list_cycles


def _show() -> Command:
    from tpcycle.cli import cycles

    return cycles.show


def _use() -> Command:
    from tpcycle.cli import cycles

    return cycles.use


def _close() -> Command:
    from tpcycle.cli import cycles

    return cycles.close


def _compare() -> Command:
    from tpcycle.cli import evidence

    return evidence.compare_command


def _check() -> Command:
    from tpcycle.cli import check

    return check.check


def _search() -> Command:
    from tpcycle.cli import search

    return search.search


def _history() -> Command:
    from tpcycle.cli import history

    return history.history


def _export() -> Command:
    from tpcycle.cli import export

    return export.export


def _remind() -> Command:
    from tpcycle.cli import remind

    return remind.remind


def _share() -> Command:
    from tpcycle.cli import exchange

    return exchange.share


def _import() -> Command:
    from tpcycle.cli import exchange

    return exchange.import_command


def _edit() -> Command:
    from tpcycle.cli import privacy

    return privacy.edit


def _forget() -> Command:
    from tpcycle.cli import privacy

    return privacy.forget


def _students() -> Command:
    from tpcycle.cli import privacy

    return privacy.students_app


def _protocols() -> Command:
    from tpcycle.cli import protocols

    return protocols.app


def _db() -> Command:
    from tpcycle.cli import db

    return db.app


def _demo() -> Command:
    from tpcycle.cli import demo

    return demo.demo


# Every command: its name, the function that loads it, and its panel in --help.
COMMANDS: tuple[tuple[str, Callable[[], Command], str], ...] = (
    ("new", _new, RECORD),
    ("log", _log, RECORD),
    ("session", _session, RECORD),
    ("tally", _tally, RECORD),
    ("interpret", _interpret, RECORD),
    ("move", _move, RECORD),
    ("reflect", _reflect, RECORD),
    ("status", _status, LOOK),
    ("list", _list, LOOK),
    ("show", _show, LOOK),
    ("use", _use, LOOK),
    ("close", _close, LOOK),
    ("compare", _compare, LOOK),
    ("check", _check, LOOK),
    ("search", _search, LOOK),
    ("history", _history, LOOK),
    ("export", _export, LOOK),
    ("remind", _remind, LOOK),
    ("share", _share, SHARE),
    ("import", _import, SHARE),
    ("edit", _edit, PRIVATE),
    ("forget", _forget, PRIVATE),
    ("students", _students, PRIVATE),
    ("protocols", _protocols, MORE),
    ("db", _db, MORE),
    ("demo", _demo, MORE),
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
    name = command_named(sys.argv[1:])
    known = {command for command, _, _ in COMMANDS}
    make_app(name if name in known else None)()
