"""Text people give a command: an argument, stdin (``-``) or their editor, and keeping it safe
when saving fails, so nothing typed is lost.

Its own module so commands that only read (``show``, ``check``, ``status``) do not load what
editing needs (``tempfile``).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tpcycle.cli import output
from tpcycle.cli.common import Settings
from tpcycle.errors import InvalidInput, StoreError, TpcycleError
from tpcycle.messages import Message


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
            raise InvalidInput(Message.TEXT_AND_EDIT)
        return Given(edit_text(what), precious=True)
    if text == "-":
        return Given(sys.stdin.read(), precious=True)
    if text is not None:
        return Given(text, precious=False)
    if sys.stdin.isatty():
        return None
    raise InvalidInput(Message.NO_TEXT_GIVEN, what=what)


def editor_command() -> list[str]:
    setting = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        command = shlex.split(setting)
    except ValueError as exc:  # an unclosed quote: vi "x
        raise InvalidInput(Message.EDITOR_UNREADABLE, editor=setting, reason=exc) from exc
    if not command:
        raise InvalidInput(Message.EDITOR_UNREADABLE, editor=setting, reason="it is empty")
    return command


def edit_text(what: str, initial: str = "", *, question: str | None = None) -> str:
    """Open the person's editor on a private temp file and return what they wrote.

    The file opens with ``initial`` and, below it, comment lines (``# ...``) saying what to
    write (the ``question`` when there is one); those lines are left out of what is returned.
    Nothing but comments (or blanks) left is "nothing written", an error that saves nothing.
    """
    command = editor_command()
    editor = " ".join(command)
    comments = _editor_comments(what, question)
    fd, name = tempfile.mkstemp(prefix="tpcycle-", suffix=".md")
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(initial if initial.endswith("\n") or not initial else initial + "\n")
            handle.write("\n" + "".join(f"{c}\n" for c in comments))
        try:
            done = subprocess.run([*command, str(path)], check=False)
        except OSError as exc:
            raise InvalidInput(
                Message.EDITOR_WONT_START, editor=editor, reason=exc.strerror
            ) from exc
        if done.returncode != 0:
            raise InvalidInput(Message.EDITOR_FAILED, editor=editor, code=done.returncode)
        try:
            raw = path.read_bytes()
        except FileNotFoundError as exc:
            raise InvalidInput(Message.EDITOR_REMOVED_FILE) from exc
        written = without_comments(decoded(raw), comments)
        if not written.strip():
            raise InvalidInput(Message.NOTHING_WRITTEN)
        return written
    finally:
        path.unlink(missing_ok=True)


def _editor_comments(what: str, question: str | None) -> list[str]:
    if question:
        lines = textwrap.wrap(" ".join(question.split()), 76)
        lines.append(output.words(Message.EDITOR_ANSWER_ABOVE))
    else:
        lines = [output.words(Message.EDITOR_WRITE_ABOVE, what=what)]
    lines += textwrap.wrap(output.words(Message.EDITOR_GUIDE), 76)
    return [f"# {line}" for line in lines]


def without_comments(text: str, comments: list[str]) -> str:
    """``text`` without the comment lines tpcycle wrote into the editor's file.

    Only those exact lines go: a line of the person's own that starts with ``#`` is theirs and
    is kept. Blank lines left at either end are dropped.
    """
    ours = {c.rstrip() for c in comments}
    kept = [line for line in text.splitlines() if line.rstrip() not in ours]
    return "\n".join(kept).strip("\n") + "\n" if any(k.strip() for k in kept) else ""


def decoded(raw: bytes) -> str:
    """What an editor saved: UTF-8 (with or without a byte-order mark), or else the Windows
    Latin-1 that older editors write, said so; never an error that loses the text."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        output.warn(Message.EDITOR_NOT_UTF8)
        return raw.decode("cp1252", errors="replace")


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
            return output.words(Message.TEXT_KEPT_IN, path=target)
        except OSError:
            continue
    output.line(text.rstrip("\n"), err=True)
    return output.words(Message.TEXT_PRINTED_ABOVE)


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
