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


def _db() -> ModuleType:
    from tpcycle.cli import db

    return db


def _start() -> ModuleType:
    from tpcycle.cli import start

    return start


def _corrections() -> ModuleType:
    from tpcycle.cli import corrections

    return corrections


def _demo() -> ModuleType:
    from tpcycle.cli import demo

    return demo


# Every command: its name, how to load it, its panel in --help, and the one line --help shows for
# it, so that listing the commands loads none of them (a test keeps the line equal to the
# first paragraph of the command's own help).
COMMANDS: tuple[tuple[str, Callable[[], Command], str, str], ...] = (
    ("new", lambda: _goal().new_app, RECORD, "Start something new: a cycle's goal."),
    ("log", lambda: _steps().log_app, RECORD, "Log evidence for the current cycle."),
    (
        "session",
        lambda: _session().session,
        RECORD,
        "A guided conversation: asks the protocol's questions step by step, saving every answer.",
    ),
    (
        "tally",
        lambda: _evidence().tally,
        RECORD,
        "Count what you see during a lesson, one key press each; q saves the counts as evidence.",
    ),
    (
        "interpret",
        lambda: _steps().interpret,
        RECORD,
        "Record what the evidence suggests and what might be in the way.",
    ),
    (
        "move",
        lambda: _steps().move,
        RECORD,
        "Record the one small instructional move to try, ideally with a prediction.",
    ),
    (
        "reflect",
        lambda: _steps().reflect,
        RECORD,
        "Record what changed, what to keep, adjust or drop, and what each of you learned.",
    ),
    (
        "status",
        lambda: _cycles().status,
        LOOK,
        "Where the current cycle stands: steps done and missing, and what to ask next.",
    ),
    (
        "list",
        lambda: _cycles().list_cycles,
        LOOK,
        "List cycles, oldest first (the latest that fit; --all for every one); the current"
        " one is marked with *.",
    ),
    ("show", lambda: _cycles().show, LOOK, "Show a cycle with every entry, private ones marked."),
    (
        "use",
        lambda: _cycles().use,
        LOOK,
        "Make cycle N the current cycle, used when --cycle is left out.",
    ),
    (
        "close",
        lambda: _cycles().close,
        LOOK,
        "Close a cycle once its reflection is done (entries can still be added).",
    ),
    (
        "reopen",
        lambda: _corrections().reopen,
        LOOK,
        "Open a closed cycle again, to add what was missed (the current cycle if none given).",
    ),
    (
        "compare",
        lambda: _evidence().compare_command,
        LOOK,
        "Compare baseline with new evidence, measure by measure, with predictions and a chart.",
    ),
    (
        "check",
        lambda: _check().check,
        LOOK,
        "Look over a cycle for the five partnership traps (fixer, complaint, compliance,"
        " strategy, perfection) and a few other patterns, and name what is going well.",
    ),
    (
        "search",
        lambda: _search().search,
        LOOK,
        "Search every entry, best matches first, with the matching words highlighted.",
    ),
    (
        "history",
        lambda: _history().history,
        LOOK,
        "Across all cycles: how many, how long they ran, skipped steps; and, for recent"
        " cycles, what changed and which moves come back.",
    ),
    (
        "export",
        lambda: _export().export,
        LOOK,
        "Export cycles as Markdown, JSON or a printable HTML page to share or keep.",
    ),
    (
        "remind",
        lambda: _remind().remind,
        LOOK,
        "Write the cycle's check-ins as a calendar file (.ics) to open in any calendar app.",
    ),
    (
        "share",
        lambda: _exchange().share,
        SHARE,
        "Write a cycle as a bundle file for your partner to import on their machine.",
    ),
    (
        "import",
        lambda: _exchange().import_command,
        SHARE,
        "Bring in a cycle your partner shared: new entries are added, nothing is overwritten.",
    ),
    (
        "edit",
        lambda: _privacy().edit,
        PRIVATE,
        "Fix an entry: its text, step, numbers, who wrote it, its cycle, or whether it is private.",
    ),
    (
        "forget",
        lambda: _privacy().forget,
        PRIVATE,
        "Delete entries (or a whole cycle) for good: they are gone from the journal file.",
    ),
    (
        "cycle",
        lambda: _corrections().cycle_app,
        PRIVATE,
        "Fix a cycle: its people, goal, protocol.",
    ),
    (
        "students",
        lambda: _privacy().students_app,
        PRIVATE,
        "The roster of student names that exports replace with aliases (Student A, B ...).",
    ),
    (
        "protocols",
        lambda: _protocols().app,
        MORE,
        "The question sets (protocols) tpcycle asks from: list, show, validate.",
    ),
    ("db", lambda: _db().app, MORE, "The journal file itself."),
    (
        "demo",
        lambda: _demo().demo,
        MORE,
        "Run a short example cycle in a throwaway journal and print its Markdown export.",
    ),
    (
        "guide",
        lambda: _start().guide,
        MORE,
        "Print the guide to a first cycle (it ships with tpcycle; no network needed).",
    ),
)


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
        rich_markup_mode="markdown",  # a paragraph is reflowed to the terminal, not cut where typed
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
    args = sys.argv[1:]
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
