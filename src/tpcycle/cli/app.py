"""The root command: global options, every command registered, and the entry point."""

# No `from __future__ import annotations` in a command module: typer would then eval every
# annotation string again on each run (about 2 ms of `log evidence`).

import atexit
import contextlib
import functools
import io
import os
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from tpcycle import __version__
from tpcycle.cli import output
from tpcycle.cli.commands import COMMANDS
from tpcycle.cli.common import ErrorHandlingGroup, Settings, default_db_path
from tpcycle.cli.loaders import start as load_start
from tpcycle.cli.loaders import status as load_status


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
        load_start().overview(ctx, load_status().status)


def _forgiving_stdin() -> None:
    """Bytes that are not UTF-8 on standard input (a pasted answer, a piped file) are read with
    a replacement mark instead of ending the command with the answer lost."""
    if isinstance(sys.stdin, io.TextIOWrapper) and sys.stdin.errors != "replace":
        sys.stdin.reconfigure(errors="replace")


def make_app(only: str | None = None, *, listing: bool = False) -> typer.Typer:
    """The whole command line, or just the root and one command (which starts faster).

    With ``listing``, every command is only its name and summary: enough for the root --help,
    which then loads no command module.
    """
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
        # a paragraph is reflowed to the terminal, not cut where typed; the root listing holds
        # one plain sentence per command, which needs no Markdown parsing
        rich_markup_mode="rich" if listing else "markdown",
    )
    application.callback()(root)
    for name, load, panel, summary in COMMANDS:
        if only is not None and name != only:
            continue
        if listing:
            application.command(name, rich_help_panel=panel, help=summary)(_listed)
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


def _listed() -> None:
    """Stands for a command in the root --help; never run (main builds the real one)."""


def main() -> None:
    """The console script and ``python -m tpcycle``: run the command line, then end the process
    (``finish``)."""
    try:
        run(sys.argv[1:])
    except SystemExit as done:  # how a typer app always ends, whatever the command did
        finish(done.code)


def run(args: list[str]) -> None:
    name = command_named(args)
    known = {command for command, *_ in COMMANDS}
    if name is None and all(arg == "--db" or arg.startswith("--db=") for arg in args[::2]):
        make_app("")()  # 'tpcycle' alone: the root shows where things stand, no command needed
    elif name in known:
        make_app(name)()
    elif name is None:
        make_app(listing=True)()  # --help, --version, or nothing: no command is run
    else:
        make_app()()  # an unknown name: the full app says what is near it


def finish(code: object) -> NoReturn:
    """End the process with ``code``, as ``sys.exit(code)`` would, but without Python's teardown.

    At exit the interpreter frees every module and object one at a time and collects garbage:
    12 to 20 ms of a command that takes 120, a sixth of what a person waits, for memory the
    system takes back at once anyway. What matters of that teardown is done here first: the
    ``atexit`` functions run (tpcycle has none; a library or a coverage run may), and stdout
    and stderr are flushed. Every journal is closed by then (``cli.common.opened``). While
    another thread is still running, the normal exit is kept, so its work is not cut short."""
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        raise SystemExit(code)
    atexit._run_exitfuncs()
    status = _status(code)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a reader gone, or a closed stream
            stream.flush()
    os._exit(status)


def _status(code: object) -> int:
    """The exit status ``sys.exit(code)`` gives: None is 0, a number itself, anything else is
    printed to stderr and is 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    with contextlib.suppress(OSError, ValueError):
        print(code, file=sys.stderr)
    return 1
