"""`observe` and `tally` in a real terminal at 60 and 80 columns: one screen redrawn in place
(no line feed, no line wider than the terminal), a kill loses nothing, q and Ctrl-C save."""

from __future__ import annotations

import io
import os
import re
import signal
import sys
from pathlib import Path

import pexpect
import pytest

from tests.conftest import rows
from tests.terminals import Terminal
from tests.usecases.helpers import started_now
from tpcycle.screen import columns

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
    pytest.mark.slow,  # every test here runs tpcycle in a real terminal (another process)
]

KEYS = (
    "o=open question",
    "c=closed question",
    "w=wait time over 3 seconds",
    "--interval",
    "i=students working independently",
)
# Cursor moved to a row, a line written, the rest of the row cleared.
_DRAWN = re.compile(r"\x1b\[(\d+);1H(.*?)\x1b\[K")


def spawn(db: Path, *args: str, width: int = 80, height: int = 24) -> pexpect.spawn:
    """tpcycle in a pseudo-terminal of that size; everything it writes is kept in ``.seen``."""
    env = {**os.environ, "TPCYCLE_DB": str(db), "NO_COLOR": "1", "TZ": "UTC"}
    env.pop("COLUMNS", None)  # the terminal's own size, as a person's shell has it
    env.pop("LINES", None)
    child = Terminal(
        sys.executable,
        ["-m", "tpcycle", *args],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(height, width),
    )
    child.logfile_read = io.StringIO()
    return child


def finished(child: pexpect.spawn) -> None:
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def goal(db: Path) -> None:
    """A cycle to observe, started in this process (the terminal is the command under test)."""
    started_now(db, "Students ask open questions", teacher="Ana", partner="Sam")


SCREEN_UP = "\x1b[?1049h"  # the alternate screen: keys are read one by one from here on


def screen_output(child: pexpect.spawn) -> str:
    """Everything written from the screen's start to its end (the alternate screen)."""
    child.expect_exact("\x1b[?1049l")
    seen = child.logfile_read.getvalue()
    return str(seen.split("\x1b[?1049h", 1)[1].split("\x1b[?1049l", 1)[0])


def assert_drawn_in_place(drawn: str, width: int, height: int) -> None:
    assert "\n" not in drawn and "\r" not in drawn  # nothing ever scrolls
    lines = _DRAWN.findall(drawn)
    assert lines
    for row, line in lines:
        assert 1 <= int(row) <= height
        assert columns(line) <= width - 1, line


@pytest.mark.parametrize("width", [60, 80])
def test_observe_draws_one_screen_in_place(db_path: Path, width: int) -> None:
    goal(db_path)
    child = spawn(db_path, "observe", *KEYS, width=width)
    child.expect("q save and quit")
    child.send("o" * 40 + "c" * 3 + "i")
    child.expect(r"o open question +40")
    child.expect(r"running")
    child.send("nKids stuck on step 2\r")
    child.expect("last: .* note: Kids stuck")
    child.send("w" * 25 + "iu")
    child.expect(r"w wait time over 3 secon\S* +25")
    child.send("q")
    drawn = screen_output(child)
    assert_drawn_in_place(drawn, width, 24)
    assert "q save and quit" in drawn and "w wait time over 3 seconds" in drawn
    child.expect("Saved entry 2 with 6 measures")
    finished(child)
    assert rows(db_path, "SELECT name, value FROM measures WHERE unit IS NULL") == [
        ("open question", 40.0),
        ("closed question", 3.0),
        ("wait time over 3 seconds", 25.0),
    ]
    text = str(rows(db_path, "SELECT text FROM entries WHERE id = 2")[0][0])
    assert "note: Kids stuck on step 2" in text and "working independently: started" in text


@pytest.mark.slow  # a kill: the slow tier (the use case's own test covers resuming quickly)
def test_a_killed_observation_resumes_and_ctrl_c_saves_it(db_path: Path) -> None:
    goal(db_path)
    child = spawn(db_path, "observe", *KEYS, width=60)
    child.expect("q save and quit")
    child.send("ooi")
    child.expect(r"running")
    child.send("nhalf a")  # a note being typed when the power goes is the one thing lost
    child.expect("half a")
    child.kill(signal.SIGKILL)
    child.close()
    again = spawn(db_path, "observe", width=60)
    again.expect(r"Going on with the observation of cycle 1 at 0:\d\d\s+\(3\s+events\s+so\s+far\)")
    again.expect(r"o open question +2")
    again.send("c")
    again.expect(r"c closed question +1")
    again.send("\x03")  # Ctrl-C saves, like q
    again.expect("Saved entry 2")
    finished(again)
    assert rows(db_path, "SELECT count(*) FROM observations") == [(0,)]
    measures = {str(n): v for n, v in rows(db_path, "SELECT name, value FROM measures")}
    assert measures["open question"] == 2 and measures["closed question"] == 1
    text = str(rows(db_path, "SELECT text FROM entries WHERE id = 2")[0][0])
    assert "went on after a break" in text and "half a" not in text


def test_a_terminal_too_small_gets_one_status_line_and_ctrl_c_saves(db_path: Path) -> None:
    goal(db_path)
    child = spawn(db_path, "observe", *KEYS, width=36, height=20)
    child.expect("q save")
    child.send("oo")
    child.expect(r"o 2")
    child.send("\x03")  # Ctrl-C saves, like q
    child.expect("Saved entry 2")
    finished(child)
    output = child.logfile_read.getvalue()
    assert "\x1b[?1049h" not in output
    status = [part for part in output.split("\r") if "q save" in part]
    assert status and all(columns(part.replace("\x1b[K", "")) <= 35 for part in status)


@pytest.mark.parametrize("width", [60, 80])
def test_tally_draws_in_place_and_saves_the_counts(db_path: Path, width: int) -> None:
    goal(db_path)
    child = spawn(db_path, "tally", *KEYS[:3], width=width)
    child.expect_exact(SCREEN_UP)  # keys typed before the screen is up are not the tally's
    child.expect("q save and quit")
    child.send("o" * 30 + "w" * 12 + "u")
    child.expect(r"w wait time over 3 secon\S* +11")
    child.send("c")
    child.expect(r"c closed question +1")
    child.send("u")  # undo takes back the last key, whichever it was
    child.expect(r"c closed question +0")
    child.send("q")
    drawn = screen_output(child)
    assert_drawn_in_place(drawn, width, 24)
    assert "u undo · q save and quit" in drawn
    child.expect("Saved entry 2")
    finished(child)
    assert rows(db_path, "SELECT name, value FROM measures WHERE unit IS NULL") == [
        ("open question", 30.0),
        ("closed question", 0.0),
        ("wait time over 3 seconds", 11.0),
    ]
    assert rows(db_path, "SELECT step FROM entries WHERE id = 2") == [("evidence",)]
