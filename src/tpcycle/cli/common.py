"""What every command shares: where the journal is, consoles, reading text, keeping text safe."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from tpcycle.errors import InvalidInput, StoreError, TpcycleError
from tpcycle.store import Journal, open_journal

if TYPE_CHECKING:
    from rich.console import Console

    from tpcycle.protocols import Library


# The recording commands are listed in the order a cycle uses them; the rest as registered.
CYCLE_ORDER = ("new", "session", "log", "tally", "interpret", "move", "reflect")


class ErrorHandlingGroup(TyperGroup):
    """The one place a TpcycleError becomes ``Error: ...`` on stderr and exit code 1."""

    def list_commands(self, ctx: Any) -> list[str]:
        names = super().list_commands(ctx)
        first = [n for n in CYCLE_ORDER if n in names]
        return first + [n for n in names if n not in first]

    # typer's vendored click names its base Context privately; Any keeps the override honest.
    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except TpcycleError as exc:
            fail(exc.message)


def fail(message: str) -> typer.Exit:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(1)


@dataclass
class Settings:
    """Global options, resolved once by the root command and handed to every subcommand."""

    db: Path

    @property
    def protocols_dir(self) -> Path:
        override = os.environ.get("TPCYCLE_PROTOCOLS")
        return Path(override).expanduser() if override else self.db.parent / "protocols"

    def library(self) -> Library:
        from tpcycle.protocols import Library, bundled_dir

        return Library(bundled=bundled_dir(), user=self.protocols_dir)


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("tpcycle", appauthor=False)) / "tpcycle.db"


def settings(ctx: typer.Context) -> Settings:
    root = ctx.find_root()
    if not isinstance(root.obj, Settings):  # pragma: no cover - the root callback sets it
        root.obj = Settings(db=default_db_path())
    return root.obj


@contextmanager
def opened(ctx: typer.Context, *, create: bool) -> Iterator[Journal]:
    """The journal. Only commands that add entries create it; others find a missing one empty."""
    journal = open_journal(settings(ctx).db, create=create)
    try:
        yield journal
    finally:
        journal.close()


# -- output ---------------------------------------------------------------------------------


def console(*, stderr: bool = False) -> Console:
    """Rich output that is plain when not a terminal and honours NO_COLOR (Rich reads it)."""
    from rich.console import Console

    out = Console(stderr=stderr, highlight=False)
    # In a terminal Rich wraps at word boundaries to the window; anywhere else lines are left
    # whole, so a pipe or a file never gets line breaks that were not in the text.
    out.soft_wrap = not out.is_terminal
    return out


def indented(out: Console, text: str, *, indent: int = 2) -> None:
    """A paragraph whose wrapped lines all keep the same indent."""
    from rich.padding import Padding

    if out.soft_wrap:
        out.print(" " * indent + text)
    else:
        out.print(Padding(text, (0, 0, 0, indent)))


def bullet(out: Console, text: str, *, indent: int = 2, mark: str = "•") -> None:
    """One list item whose wrapped lines stay indented under its first word."""
    from rich.padding import Padding
    from rich.table import Table

    if out.soft_wrap:
        out.print(" " * indent + f"{mark} {text}")
        return
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row(mark, text)
    out.print(Padding(grid, (0, 0, 0, indent)))


def say(message: str) -> None:
    """A message for the person (not a result): goes to stderr so stdout stays pipeable."""
    console(stderr=True).print(message)


def warn(message: str) -> None:
    from rich.markup import escape

    console(stderr=True).print(f"[yellow]Note:[/yellow] {escape(message)}")


def print_json(text: str) -> None:
    sys.stdout.write(text)


# -- reading what people write --------------------------------------------------------------

CycleArgument = Annotated[
    int | None,
    typer.Argument(help="Cycle number; the current cycle if left out.", min=1, show_default=False),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print JSON for scripts (see docs/json.md).")
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="File to write (standard output if left out).", dir_okay=False
    ),
]
CycleOption = Annotated[
    int | None,
    typer.Option("--cycle", "-c", help="Cycle number; the current cycle if left out.", min=1),
]
ByOption = Annotated[
    str | None,
    typer.Option(
        "--by",
        help="Who is writing: a name, or the words 'teacher' or 'partner'. (default: teacher)",
    ),
]
PrivateOption = Annotated[
    bool,
    typer.Option("--private", help="A private note: kept out of exports unless asked for."),
]
EditOption = Annotated[bool, typer.Option("--edit", "-e", help="Write the text in $EDITOR.")]
TextArgument = Annotated[
    str | None,
    typer.Argument(
        help="What to record. Use - to read standard input. Leave out in a terminal to be asked.",
        show_default=False,
    ),
]


@dataclass(frozen=True)
class Given:
    """Text a person gave, and whether losing it would cost them effort to retype."""

    text: str
    precious: bool


def given_text(text: str | None, *, edit: bool, what: str) -> Given | None:
    """Text from the argument, stdin (``-``) or $EDITOR.

    None means there is nothing yet and the caller should ask the protocol's questions.
    """
    if edit:
        if text not in (None, ""):
            raise InvalidInput("Give the text as an argument or use --edit, not both.")
        return Given(edit_text(what), precious=True)
    if text == "-":
        return Given(sys.stdin.read(), precious=True)
    if text is not None:
        return Given(text, precious=False)
    if sys.stdin.isatty():
        return None
    raise InvalidInput(
        f"No {what} given; pass it as an argument, use - to read standard input, or --edit."
    )


def editor_command() -> list[str]:
    return shlex.split(os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi")


def edit_text(what: str, initial: str = "") -> str:
    """Open the person's editor on a private temp file and return what they wrote."""
    editor = " ".join(editor_command())
    fd, name = tempfile.mkstemp(prefix="tpcycle-", suffix=".md")
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(initial)
        try:
            done = subprocess.run([*editor_command(), str(path)], check=False)
        except OSError as exc:
            raise InvalidInput(f"Cannot start the editor '{editor}': {exc.strerror}.") from exc
        if done.returncode != 0:
            raise InvalidInput(
                f"The editor '{editor}' exited with code {done.returncode}; nothing was saved."
            )
        return path.read_text(encoding="utf-8")
    finally:
        path.unlink(missing_ok=True)


def keep_text(text: str, settings: Settings) -> str:
    """Save text that could not be stored, so the person never loses what they wrote.

    Returns a sentence saying where it went (a file, or printed back on stderr).
    """
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for folder in (settings.db.parent, Path(tempfile.gettempdir())):
        target = folder / f"tpcycle-unsaved-{stamp}-{os.getpid()}.txt"
        try:
            fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            return f"Your text was kept in {target}."
        except OSError:
            continue
    sys.stderr.write(text.rstrip("\n") + "\n")
    return "Your text is printed above so you can copy it."


@contextmanager
def keeping(given: Given | None, where: Settings) -> Iterator[None]:
    """If saving fails, keep the text so nothing typed is lost, then let the error through.

    Text typed at length (editor, stdin, answers) is kept whatever went wrong; a short argument
    is kept when the journal itself failed (busy, full, read-only), since retyping it is then
    not the person's mistake to fix.
    """
    try:
        yield
    except TpcycleError as exc:
        worth_keeping = given.precious or isinstance(exc, StoreError) if given else False
        if given is not None and worth_keeping and given.text.strip():
            exc.message = f"{exc.message} {keep_text(given.text, where)}"
        raise
