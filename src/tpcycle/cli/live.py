"""The live screen of `tally` and `observe` in a terminal: single keys in, a screen redrawn in
place out. The one place in cli/ besides output.py that writes to a stream.

The screen is drawn on the terminal's alternate screen with the cursor moved to each line, so it
never scrolls; only lines that changed are written, at most once a second for the clock and once
per key. A terminal smaller than ``screen.MIN_WIDTH`` x ``screen.MIN_HEIGHT`` gets one plain
status line instead, rewritten in place. ``termios``, ``tty`` and ``select`` do not exist on
Windows, so they are imported where a live screen starts (see docs/architecture.md).
"""

from __future__ import annotations

import codecs
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from tpcycle import screen

ESC = "\x1b"
ENTER = "\n"
BACKSPACE = "\x7f"
INTERRUPT = "\x03"
END = "\x04"


def interactive() -> bool:
    return sys.stdin.isatty()


def size() -> tuple[int, int]:
    """The columns and rows of the terminal the screen is drawn on (standard error), asked
    afresh each time so a resized window is drawn anew; COLUMNS / LINES only when it cannot
    say (standard output may well be a file)."""
    for stream in (sys.stderr, sys.stdin):
        try:
            found = os.get_terminal_size(stream.fileno())
        except (OSError, ValueError, AttributeError):
            continue
        if found.columns and found.lines:
            return found.columns, found.lines
    fallback = shutil.get_terminal_size((80, 24))
    return fallback.columns, fallback.lines


class Painter:
    """Writes a screen's lines where they belong, and only those that changed."""

    def __init__(self) -> None:
        self.shown: list[str] | None = None
        self.full = False  # the alternate screen is in use
        self.status = ""

    def draw(self, view: screen.View) -> None:
        width, height = size()
        lines = screen.layout(view, width, height)
        if lines is None:
            self._line(screen.status(view, width))
            return
        parts: list[str] = []
        if not self.full:
            parts.append("\x1b[?1049h\x1b[?25l")  # alternate screen, cursor hidden
            self.full = True
            self.shown = None
        whole = self.shown is None or len(self.shown) != len(lines)
        if whole:
            parts.append("\x1b[H\x1b[2J")
        for row, line in enumerate(lines):
            if whole or self.shown is None or self.shown[row] != line:
                parts.append(f"\x1b[{row + 1};1H{line}\x1b[K")
        self.shown = lines
        self.status = ""
        if parts:
            sys.stderr.write("".join(parts))
            sys.stderr.flush()

    def _line(self, text: str) -> None:
        if self.full:
            self.close()
        if text != self.status:
            sys.stderr.write(f"\r{text}\x1b[K")
            sys.stderr.flush()
            self.status = text

    def close(self) -> None:
        if self.full:
            sys.stderr.write("\x1b[?25h\x1b[?1049l")
            self.full = False
            self.shown = None
        elif self.status:
            sys.stderr.write("\r\n")
            self.status = ""
        sys.stderr.flush()


def _tokens(chunk: str) -> Iterator[str]:
    """Keys from what one read returned: an escape sequence (an arrow key) is dropped whole,
    a lone ESC is a key of its own, Enter is always a line feed."""
    index = 0
    while index < len(chunk):
        ch = chunk[index]
        if ch == ESC and index + 1 < len(chunk) and chunk[index + 1] in "[O":
            index += 2
            while index < len(chunk) and not ("@" <= chunk[index] <= "~"):
                index += 1
            index += 1
            continue
        yield ENTER if ch == "\r" else ch
        index += 1


@contextmanager
def keys(draw: Callable[[], None]) -> Iterator[Iterator[str]]:
    """Keys pressed, one at a time, in cbreak mode; ``draw`` is called before each wait and at
    least once a second. Ctrl-C and Ctrl-D arrive as the keys INTERRUPT and END (signals are
    off while the screen is up, so Ctrl-C can never cut a save in half)."""
    import select
    import termios
    import tty

    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")

    def pressed() -> Iterator[str]:
        while True:
            draw()
            ready, _, _ = select.select([fd], [], [], 1.0)
            if not ready:
                continue
            data = os.read(fd, 64)
            if not data:
                yield END
                return
            yield from _tokens(decoder.decode(data))

    try:
        tty.setcbreak(fd)
        # Ctrl-C arrives as a key, never as an interrupt in the middle of a save.
        mode = termios.tcgetattr(fd)
        mode[3] &= ~termios.ISIG
        termios.tcsetattr(fd, termios.TCSANOW, mode)
        yield pressed()
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
