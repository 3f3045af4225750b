"""The one way tpcycle prints: safe by construction, plain when piped, Rich only for a terminal.

Everything a command shows goes through the helpers here; nothing else in ``cli/`` prints.

- **No markup, ever.** A line is a sequence of *pieces*: a plain ``str``, or a ``(text, style)``
  pair chosen by tpcycle (``"bold"``, ``"dim"`` ...). Pieces become ``rich.text.Text`` through
  ``Text.assemble``, which never reads ``[...]`` as markup, so user text is shown literally.
- **Control characters are made visible here**, at the boundary: a C0/C1 control (except
  newline and tab) or a bidi override still in any text is shown by name (ESC as ``␛``, the
  8-bit CSI as ``<U+009B>``, a right-to-left override as ``<U+202E>``), so nothing a person or
  a bundle wrote can drive the terminal.
- **Results go to stdout, messages to stderr.** Messages are catalogue ids
  (:mod:`tpcycle.messages`), never sentences written here.
- **Rich is imported only when it is used**: when the stream is a terminal, or for a Rich
  feature (a table). Piped output is plain text, one unwrapped line per line, and a one-line
  confirmation such as ``tpcycle log evidence "x" 2>err`` never loads Rich.
- One stdout console and one stderr console, each created on first use. In a terminal Rich
  wraps at word boundaries and keeps indents; ``NO_COLOR`` is honoured (Rich reads it).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, TextIO

import typer

from tpcycle.domain import visible as visible  # the one way controls are shown
from tpcycle.errors import InvalidInput, TpcycleError
from tpcycle.messages import AnyMessage, Message, Said, text

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

Piece = str | tuple[str, str]
"""A piece of a line: plain text, or (text, style) with a style chosen by tpcycle."""

# Inside JSON strings the same characters are written as \u escapes: the value is unchanged.
# (render.json_safe does the same for render.to_json; it is kept apart so that printing one
# line does not load the renderer. A test holds the two to the same characters.)
_JSON_HIDDEN = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def json_safe(document: str) -> str:
    """JSON text with C1 controls and bidi overrides written as ``\\u`` escapes.

    ``json.dumps`` already escapes C0 controls; this does the rest. Every such character sits
    inside a JSON string, where the escape means the same character, so the data is unchanged.
    """
    return _JSON_HIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", document)


# -- where output goes ------------------------------------------------------------------------


def _stream(err: bool) -> TextIO:
    return sys.stderr if err else sys.stdout


def is_terminal(err: bool = False) -> bool:
    """Whether output to this stream is for a terminal (Rich's rules: FORCE_COLOR, TTY_*)."""
    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE") == "1":
        return True
    if os.environ.get("TTY_COMPATIBLE") == "0":
        return False
    try:
        return _stream(err).isatty()
    except (AttributeError, ValueError):
        return False


@cache
def console(err: bool = False) -> Console:
    """The one stdout (or stderr) console; it follows ``sys.stdout``/``sys.stderr`` as they are."""
    from rich.console import Console

    return Console(stderr=err, highlight=False)


def _text(pieces: Iterable[Piece]) -> Text:
    from rich.text import Text

    return Text.assemble(
        *(visible(p) if isinstance(p, str) else (visible(p[0]), p[1]) for p in pieces)
    )


def _plain(pieces: Iterable[Piece]) -> str:
    return visible("".join(p if isinstance(p, str) else p[0] for p in pieces))


def _print(renderable: RenderableType, err: bool) -> None:
    console(err).print(renderable, soft_wrap=not is_terminal(err))


def line(*pieces: Piece, err: bool = False, indent: int = 0) -> None:
    """One line (a paragraph in a terminal, wrapped with its indent kept)."""
    if not is_terminal(err):
        _stream(err).write(" " * indent + _plain(pieces) + "\n")
        return
    if indent:
        from rich.padding import Padding

        _print(Padding(_text(pieces), (0, 0, 0, indent)), err)
    else:
        _print(_text(pieces), err)


def blank(*, err: bool = False) -> None:
    line(err=err)


def heading(*pieces: Piece, err: bool = False, underline: bool = False) -> None:
    """A bold line (underlined for a section) made of tpcycle's words and user text."""
    style = "bold underline" if underline else "bold"
    line(*(_styled(p, style) for p in pieces), err=err)


def _styled(piece: Piece, style: str) -> Piece:
    return (piece, style) if isinstance(piece, str) else (piece[0], f"{style} {piece[1]}")


def indented(*pieces: Piece, indent: int = 2, err: bool = False) -> None:
    """A paragraph whose wrapped lines all keep the same indent."""
    line(*pieces, err=err, indent=indent)


def bullet(*pieces: Piece, indent: int = 2, mark: str = "•", err: bool = False) -> None:
    """One list item whose wrapped lines stay indented under its first word."""
    if not is_terminal(err):
        line(f"{mark} ", *pieces, err=err, indent=indent)
        return
    from rich.padding import Padding
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row(mark, _text(pieces))
    _print(Padding(grid, (0, 0, 0, indent)), err)


def table(columns: Sequence[str], rows: Iterable[Sequence[Piece]], *, err: bool = False) -> None:
    """Rows of cells (each cell one piece) under bold column headings; cells fold, not cut."""
    from rich.table import Table

    grid = Table(box=None, pad_edge=False, header_style="bold")
    for column in columns:
        grid.add_column(column, overflow="fold")
    for row in rows:
        grid.add_row(*(_text([cell]) for cell in row))
    _print(grid, err)


# -- messages ----------------------------------------------------------------------------------


def words(message: AnyMessage, **values: Any) -> str:
    """A catalogue sentence as text, to use as a piece of a line."""
    return text(message, **values)


def say(message: AnyMessage | Said, **values: Any) -> None:
    """A message for the person (not a result): stderr, so stdout stays pipeable."""
    line(_sentence(message, values), err=True)


def saved(message: AnyMessage, **values: Any) -> None:
    """Something was stored: the message on stderr, its first word in green."""
    first, space, rest = _sentence(message, values).partition(" ")
    line((first, "green"), space + rest, err=True)


def warn(message: AnyMessage | Said | str, **values: Any) -> None:
    """A note the person should read; a plain string comes from the layers below the CLI."""
    sentence = message if isinstance(message, str) else _sentence(message, values)
    line(("Note:", "yellow"), " ", sentence, err=True)


def error(problem: TpcycleError | str) -> None:
    """``Error: <one sentence>`` on stderr, plain, whatever the stream."""
    sentence = problem.message if isinstance(problem, TpcycleError) else problem
    _stream(True).write(f"Error: {visible(sentence)}\n")


def _sentence(message: AnyMessage | Said, values: dict[str, Any]) -> str:
    if isinstance(message, Said):
        return str(message)
    return text(message, **values)


# -- results -----------------------------------------------------------------------------------


def document(value: str) -> None:
    """A whole text result (Markdown, a calendar file) on stdout, with controls made visible.

    CRLF line ends stay: calendar files (RFC 5545) are made of them.
    """
    sys.stdout.write("\r\n".join(visible(part) for part in value.split("\r\n")))


def json_document(value: str) -> None:
    """JSON text on stdout (bundles too): C1 controls and bidi overrides escaped, data kept."""
    sys.stdout.write(json_safe(value))


# -- prompts -----------------------------------------------------------------------------------


def prompt(pieces: Sequence[Piece]) -> None:
    """A prompt written to stderr without a line break, so stdout only ever carries results."""
    stream = _stream(True)
    stream.write(_plain(pieces))
    stream.flush()


def confirm(message: AnyMessage, yes: bool, **values: Any) -> None:
    """Ask before destroying anything; refuse without --yes when nobody can answer."""
    if yes:
        return
    if not sys.stdin.isatty():
        raise InvalidInput(Message.CONFIRM_NEEDS_YES)
    if not typer.confirm(visible(text(message, **values)), default=False, err=True):
        raise InvalidInput(Message.CONFIRM_DECLINED)
