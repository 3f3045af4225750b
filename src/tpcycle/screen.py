"""The live screen of `tally` and `observe`, laid out as lines that fit the terminal. Pure.

A screen is a title, cells (a key, what it means, its figure), free lines under them (a running
stopwatch, the last event, a note being typed) and the key hint. ``layout`` turns it into at
most ``height`` lines, none wider than ``width - 1`` columns, so that writing them never wraps
or scrolls: labels are shortened with an ellipsis, cells share a line when there is room, and
the hint wraps between its items but is never cut; on a short screen the free lines go first. A
terminal too small for the title, the cells and the hint gets ``status``, one plain line.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from tpcycle.domain import visible

MIN_WIDTH = 40
MIN_HEIGHT = 8
CELL_WIDTH = 26  # the narrowest a cell of a multi-column layout may be
ELLIPSIS = "…"


@dataclass(frozen=True)
class Cell:
    key: str
    label: str
    value: str


@dataclass(frozen=True)
class View:
    title: str
    cells: tuple[Cell, ...] = ()
    lines: tuple[str, ...] = ()  # under the cells, shortened to fit (the stopwatch's totals)
    optional: tuple[str, ...] = ()  # dropped first when the screen is short (the last event)
    prompt: str = ""  # what is being typed (a note): always shown, its end kept in view
    prompt_label: str = ""  # shown before it ("Note at 1:10: ")
    hint: tuple[str, ...] = ()  # "u undo", "q save and quit": wrapped between items, never cut
    status: str = ""  # the one line a terminal too small to draw gets


def columns(text: str) -> int:
    """How many terminal columns ``text`` takes: wide East Asian letters two, marks none."""
    return sum(_char_width(ch) for ch in text)


def _char_width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def fit(text: str, width: int) -> str:
    """``text`` in at most ``width`` columns, shortened with an ellipsis when it is longer."""
    text = visible(" ".join(text.split()))
    if columns(text) <= width:
        return text
    if width <= 0:
        return ""
    kept, used = [], 0
    for ch in text:
        size = _char_width(ch)
        if used + size > width - 1:
            break
        kept.append(ch)
        used += size
    return "".join(kept).rstrip() + ELLIPSIS


def _tail(text: str, width: int) -> str:
    """The end of what is being typed, so the cursor's side of it is always in view."""
    text = visible(" ".join(text.split()) + (" " if text.endswith(" ") else ""))
    kept: list[str] = []
    used = 0
    for ch in reversed(text):
        size = _char_width(ch)
        if used + size > width - 1:
            return ELLIPSIS + "".join(reversed(kept))
        kept.append(ch)
        used += size
    return text


def fits(width: int, height: int) -> bool:
    return width >= MIN_WIDTH and height >= MIN_HEIGHT


def _cell(cell: Cell, width: int) -> str:
    """``o open question ······ 12``: the label shortened so the key and figure always show."""
    value = fit(cell.value, max(1, width - 4))
    room = width - columns(cell.key) - columns(value) - 3
    label = fit(cell.label, max(0, room))
    gap = width - columns(cell.key) - 1 - columns(label) - columns(value)
    return f"{cell.key} {label}{' ' * max(1, gap)}{value}"


def _cell_rows(cells: tuple[Cell, ...], width: int, per_row: int) -> list[str]:
    size = (width - 2 * (per_row - 1)) // per_row
    rows = []
    for start in range(0, len(cells), per_row):
        row = [_cell(c, size) for c in cells[start : start + per_row]]
        rows.append("  ".join(row).rstrip())
    return rows


def _hint_rows(hint: tuple[str, ...], width: int) -> list[str]:
    rows: list[str] = []
    current = ""
    for item in (fit(h, width) for h in hint):
        joined = f"{current} · {item}" if current else item
        if columns(joined) <= width:
            current = joined
        else:
            rows.append(current)
            current = item
    return [*rows, current] if current else rows


def layout(view: View, width: int, height: int) -> list[str] | None:
    """The screen's lines for a terminal of ``width`` x ``height``; None when it cannot fit."""
    if not fits(width, height):
        return None
    usable = width - 1  # the last column is never written: some terminals wrap there
    hint = _hint_rows(view.hint, usable)
    fixed = [fit(view.title, usable), *(fit(line, usable) for line in view.lines)]
    optional = [fit(line, usable) for line in view.optional]
    label = fit(view.prompt_label, usable // 2) + " " if view.prompt_label else ""
    typed = _tail(view.prompt, usable - columns(label)) if view.prompt or label else ""
    prompt = [label + typed] if label or typed else []
    for per_row in range(1, max(1, len(view.cells)) + 1):
        if per_row > 1 and (usable - 2 * (per_row - 1)) // per_row < CELL_WIDTH:
            break
        cells = _cell_rows(view.cells, usable, per_row)
        # The free lines go before the screen does: the last event first, then the rest.
        for extra in ([*fixed[1:], *optional], fixed[1:], []):
            if 1 + len(cells) + len(extra) + len(prompt) + len(hint) <= height:
                return [fixed[0], *cells, *extra, *prompt, *hint]
    return None


def status(view: View, width: int) -> str:
    """The one plain line for a terminal too small to draw the screen."""
    return fit(view.status, max(1, width - 1))
