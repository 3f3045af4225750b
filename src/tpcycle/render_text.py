"""What a person wrote, read for the little structure they meant: paragraphs, line breaks,
bulleted and numbered lists, and emphasis. Everything else is plain text. Pure functions.

The Markdown and HTML exports both draw from these blocks, so the two always agree on what
counts as a list or as emphasis; each one makes everything else inert in its own way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

SpanKind = Literal["text", "em", "strong"]


@dataclass(frozen=True)
class Span:
    """A run of text; ``mark`` is the delimiter the writer used for emphasis (``*``, ``_``)."""

    kind: SpanKind
    text: str
    mark: str = ""


@dataclass
class Paragraph:
    """Consecutive lines of plain text."""

    lines: list[str] = field(default_factory=list)


@dataclass
class Item:
    """One list item: its number (or none) and its lines."""

    number: str  # as written ("3"), empty for a bullet
    lines: list[str] = field(default_factory=list)


@dataclass
class ListBlock:
    """Consecutive items with the same marker: ``-``, ``*``, ``+``, or ``.`` / ``)`` numbered."""

    marker: str
    ordered: bool
    items: list[Item] = field(default_factory=list)


Block = Paragraph | ListBlock

_BULLET = re.compile(r"[ \t]*([-*+])[ \t]+(\S.*)")
# CommonMark allows at most nine digits in a list number.
_NUMBERED = re.compile(r"[ \t]*(\d{1,9})([.)])[ \t]+(\S.*)")
_EMPHASIS = re.compile(
    r"\*\*(?=\S)(?P<strong>.+?)(?<=\S)\*\*"
    r"|\*(?=[^\s*])(?P<star>.+?)(?<=[^\s*])\*"
    r"|(?<![^\W_])_(?=[^\s_])(?P<under>.+?)(?<=[^\s_])_(?![^\W_])"
)


def blocks(text: str) -> list[Block]:
    """The paragraphs and lists of ``text``; blank lines separate paragraphs.

    A line indented under a list item continues that item; anything else that is not an
    item starts (or continues) a paragraph. Lists are flat: indentation does not nest them.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    found: list[Block] = []
    current: Block | None = None
    for raw in text.split("\n"):
        if not raw.strip():
            current = None
            continue
        item = _item(raw)
        if item is not None:
            marker, ordered, number, content = item
            last = found[-1] if found else None
            if not (isinstance(last, ListBlock) and last.marker == marker):
                last = ListBlock(marker, ordered)
                found.append(last)
            last.items.append(Item(number, [content]))
            current = last
        elif isinstance(current, ListBlock) and raw[0] in " \t":
            current.items[-1].lines.append(raw.strip())
        elif isinstance(current, Paragraph):
            current.lines.append(raw.strip())
        else:
            current = Paragraph([raw.strip()])
            found.append(current)
    return found


def _item(line: str) -> tuple[str, bool, str, str] | None:
    if bullet := _BULLET.fullmatch(line):
        return bullet.group(1), False, "", bullet.group(2).strip()
    if numbered := _NUMBERED.fullmatch(line):
        return numbered.group(2), True, numbered.group(1), numbered.group(3).strip()
    return None


def spans(line: str) -> list[Span]:
    """One line as plain text and emphasis (``**strong**``, ``*em*``, ``_em_``), never nested."""
    found: list[Span] = []
    at = 0
    for match in _EMPHASIS.finditer(line):
        if match.start() > at:
            found.append(Span("text", line[at : match.start()]))
        if match.group("strong") is not None:
            found.append(Span("strong", match.group("strong"), "**"))
        elif match.group("star") is not None:
            found.append(Span("em", match.group("star"), "*"))
        else:
            found.append(Span("em", match.group("under"), "_"))
        at = match.end()
    if at < len(line):
        found.append(Span("text", line[at:]))
    return found
