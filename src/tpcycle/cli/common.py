"""What every command shares: the command group and its errors, settings, where the journal is.

Options used by several commands live in ``cli/options.py``; printing in ``cli/output.py``; text
people give (argument, stdin, editor) in ``cli/editing.py``.
"""

from __future__ import annotations

import difflib
import os
import shlex
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperGroup

from tpcycle.cli import output
from tpcycle.clock import lesson, parse_when
from tpcycle.errors import NotFound, TpcycleError
from tpcycle.messages import Message
from tpcycle.store import Journal, open_journal

if TYPE_CHECKING:
    from tpcycle.protocol_library import Library


# The recording commands are listed in the order a cycle uses them; the rest as registered.
CYCLE_ORDER = ("new", "session", "log", "tally", "observe", "interpret", "move", "reflect")


# Words people type for a command that is called something else: the command they meant.
# "{text}" is where the rest of what they typed goes, quoted, so the line is ready to copy.
NEAR_MISSES = {
    "goal": "new goal",
    "start": "new goal",
    "begin": "new goal",
    "evidence": "log evidence",
    "baseline": "log evidence --baseline",
    "new-evidence": "log evidence --new",
    "new_evidence": "log evidence --new",
    "interpretation": "interpret",
    "interpretations": "interpret",
    "moves": "move",
    "reflection": "reflect",
    "reflections": "reflect",
    "note": "log evidence",
    "add": "log evidence",
    "ls": "list",
    "cycles": "list",
    "view": "show",
    "current": "status",
    "open": "reopen",
    "delete": "forget",
    "remove": "forget",
    "rm": "forget",
    "change": "edit",
    "help": "--help",
    "docs": "guide",
    "tutorial": "guide",
}
# What a group's first argument means when it is not one of its commands: text for its command.
GROUP_TEXT = {"log": "log evidence", "new": "new goal"}


def quoted(text: str) -> str:
    """Text as a shell argument a person can paste (double quotes when that is safe)."""
    if text and not any(c in text for c in '"$`\\!'):
        return f'"{text}"' if any(c.isspace() or c in "'*?;&|<>()#~" for c in text) else text
    return shlex.quote(text)


def suggestion(group: str | None, word: str, rest: list[str], known: list[str]) -> str | None:
    """The command someone probably meant by ``tpcycle [group] word rest...``, or None."""
    words = [quoted(w) for w in rest]
    lowered = word.lower()
    if group is not None:
        # a step named where a command goes ("tpcycle log new-evidence ...", "tpcycle new
        # evidence ...") is that step's command; any other word is the text of the group's one
        meant = NEAR_MISSES.get(lowered)
        if meant is not None:
            return " ".join(["tpcycle", meant, *words])
        meant = GROUP_TEXT.get(group)
        return " ".join(["tpcycle", meant, quoted(word), *words]) if meant else None
    meant = NEAR_MISSES.get(lowered)
    if meant is None:
        close = difflib.get_close_matches(lowered, known, n=1, cutoff=0.75)
        if not close:
            return None
        meant = GROUP_TEXT.get(close[0], close[0])
    return " ".join(["tpcycle", meant, *words])


def db_first(args: list[str]) -> list[str]:
    """``--db FILE`` moved before the command, so it works wherever it is written."""
    front: list[str] = []
    rest: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest += args[index:]
            break
        if arg == "--db" and index + 1 < len(args):
            front += args[index : index + 2]
            index += 2
            continue
        if arg.startswith("--db="):
            front.append(arg)
        else:
            rest.append(arg)
        index += 1
    return front + rest


class ErrorHandlingGroup(TyperGroup):
    """The one place a TpcycleError becomes ``Error: ...`` on stderr and exit code 1.

    It is also where a command that does not exist is answered with the one that was meant,
    and (at the root) where ``--db`` is found after the command as well as before it.
    """

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if ctx.parent is None:
            args = db_first(args)
        return list(super().parse_args(ctx, args))

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        if not name.startswith("-") and self.get_command(ctx, name) is None:
            group = None if ctx.parent is None else ctx.info_name
            meant = suggestion(group, name, args[1:], self.list_commands(ctx))
            if group is None:
                output.error(output.words(Message.NOT_A_COMMAND, word=name))
            else:
                output.error(output.words(Message.NOT_A_SUBCOMMAND, word=name, group=group))
            if meant is not None:
                output.line(output.words(Message.DID_YOU_MEAN, command=meant), err=True)
            else:
                output.line(output.words(Message.SEE_HELP), err=True)
            raise typer.Exit(2)
        return super().resolve_command(ctx, args)

    def list_commands(self, ctx: Any) -> list[str]:
        names = super().list_commands(ctx)
        first = [n for n in CYCLE_ORDER if n in names]
        return first + [n for n in names if n not in first]

    # typer's vendored click names its base Context privately; Any keeps the override honest.
    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except TpcycleError as exc:
            output.error(exc)
            raise typer.Exit(1) from None


@dataclass
class Settings:
    """Global options, resolved once by the root command and handed to every subcommand."""

    db: Path
    named: bool = False  # the journal was named with --db on the command line

    @property
    def protocols_dir(self) -> Path:
        override = os.environ.get("TPCYCLE_PROTOCOLS")
        return Path(override).expanduser() if override else self.db.parent / "protocols"

    def library(self) -> Library:
        """The protocols, kept between runs in the user's cache folder (``protocol_library``):
        PyYAML loads only when a protocol file is new or has changed."""
        from tpcycle.places import user_cache_dir
        from tpcycle.protocol_library import Library, bundled_dir

        return Library(bundled=bundled_dir(), user=self.protocols_dir, cache=user_cache_dir())


def default_db_path() -> Path:
    from tpcycle.places import user_data_dir

    return user_data_dir() / "tpcycle.db"


def settings(ctx: typer.Context) -> Settings:
    root = ctx.find_root()
    if not isinstance(root.obj, Settings):  # pragma: no cover - the root callback sets it
        root.obj = Settings(db=default_db_path())
    return root.obj


def local_zone() -> tzinfo:
    """The reader's time zone: TPCYCLE_TZ, else TZ, else the system's (an unknown name is an
    error). Resolved here and handed down; nothing below the CLI reads the environment for it.
    Loaded here, not at the top: only commands that show a date or take --on need zoneinfo."""
    from tpcycle.zones import zone_from_env

    return zone_from_env(os.environ)


def lesson_date(journal: Journal, on: str | None) -> str | None:
    """``--on`` as it is stored (None when left out), read in the writer's zone against the
    journal's clock; a day still to come is kept, with a note. Called before anything is asked
    or saved, so a date that does not parse costs nothing."""
    if on is None:
        return None
    when = parse_when(on, journal.clock(), local_zone())
    if when.future:
        output.warn(Message.LESSON_IN_FUTURE, when=lesson(when.stored))
    return when.stored


@contextmanager
def opened(ctx: typer.Context, *, create: bool, missing_ok: bool = False) -> Iterator[Journal]:
    """The journal. Only commands that add entries create it; others find a missing one empty.

    A journal named with --db that does not exist is an error when reading (a mistyped path
    should not look like an empty journal), and said when it is created; ``missing_ok`` is for
    the command that reports whether it exists.
    """
    where = settings(ctx)
    new = where.named and not where.db.exists()
    if new and not create and not missing_ok:
        raise NotFound(Message.NO_JOURNAL_AT, path=where.db)
    journal = open_journal(where.db, create=create)
    if new and create:
        output.say(Message.CREATING_JOURNAL, path=where.db)
    try:
        yield journal
    finally:
        journal.close()
