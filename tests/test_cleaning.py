"""One cleaning for text from every source, and control characters made visible on the way out."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tpcycle.domain import (
    HIGHLIGHT,
    MAX_NAME,
    MAX_TEXT,
    clean_name,
    clean_text,
    strip_controls,
    visible,
)
from tpcycle.errors import InvalidInput

# Everything cleaning must take out, written independently of domain.py's own pattern.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069]")

HOSTILE = [
    "\x1b]0;pwned\x07",  # OSC: set the window title
    "\x1b[2J\x1b[H",  # clear the screen
    "\x1b]52;c;aGVsbG8=\x07",  # OSC 52: write the clipboard
    "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",  # OSC 8: hidden hyperlink
    "\x1b[6n",  # ask the terminal to type its cursor position into standard input
    "\x9b31m",  # 8-bit CSI
    "\x9d0;title\x9c",  # 8-bit OSC and ST
    "\x90qdcs\x9c",  # 8-bit DCS
    "abc\u202eexe.txt",  # right-to-left override
    "\u2066isolated\u2069 \u202aembedded\u202c",
    "nul\x00 bell\x07 backspace\x08 del\x7f",
    "".join(HIGHLIGHT),
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_cleaning_removes_every_control_that_acts_on_a_terminal(hostile: str) -> None:
    cleaned = clean_text(f"before {hostile} after")
    assert not FORBIDDEN.search(cleaned)
    assert cleaned.startswith("before ") and cleaned.endswith(" after")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("one\r\ntwo", "one\ntwo"),
        ("one\rtwo", "one\ntwo"),
        ("one\x85two", "one\ntwo"),  # NEL is a line break, not just a C1 control to drop
        ("one\u2028two\u2029three", "one\ntwo\nthree"),
        ("tab\tstays\nand lines too", "tab\tstays\nand lines too"),
        ("  trimmed  \n", "trimmed"),
    ],
)
def test_line_endings_become_one_line_break_and_tabs_stay(text: str, expected: str) -> None:
    assert clean_text(text) == expected


def test_the_highlight_marks_can_never_be_saved() -> None:
    start, end = HIGHLIGHT
    assert start not in clean_text(f"a{start}b{end}c") and end not in clean_text(f"a{end}b")


@pytest.mark.parametrize("text", ["\x1b\x9b\u202e", " \x00 \n\x7f", "\u2066\u2069\r\n"])
def test_text_of_nothing_but_controls_is_empty(text: str) -> None:
    with pytest.raises(InvalidInput, match="empty"):
        clean_text(text, "goal")


def test_text_longer_than_the_limit_is_refused_with_its_length() -> None:
    assert clean_text("x" * MAX_TEXT) == "x" * MAX_TEXT
    with pytest.raises(InvalidInput, match="100,001 characters long; the most tpcycle keeps"):
        clean_text("x" * (MAX_TEXT + 1))
    with pytest.raises(InvalidInput, match="the most tpcycle keeps is 10"):
        clean_text("x" * 11, "answer", limit=10)


def test_names_are_one_line_with_single_spaces_and_no_controls() -> None:
    assert clean_name(" Ana\t\n Ruiz\x1b[31m\u202e ", "teacher") == "Ana Ruiz[31m"
    assert clean_name("\x1b\x9b", "teacher") == "teacher"
    assert clean_name(None, "partner") == "partner"


def test_names_longer_than_the_limit_are_refused_without_echoing_controls() -> None:
    assert clean_name("a" * MAX_NAME, "x") == "a" * MAX_NAME
    with pytest.raises(InvalidInput, match=f"longer than {MAX_NAME}") as raised:
        clean_name("\x1b" + "b" * MAX_NAME + "c", "x", what="partner's name")
    assert "partner's name" in raised.value.message and "\x1b" not in raised.value.message


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b[2J", "\u241b[2J"),
        ("bell\x07", "bell\u2407"),
        ("del\x7f", "del\u2421"),
        ("\x9b31m", "<U+009B>31m"),
        ("abc\u202eexe", "abc<U+202E>exe"),
        ("\u2066x\u2069", "<U+2066>x<U+2069>"),
        ("cr\r", "cr\u240d"),
        ("tabs\tand\nlines", "tabs\tand\nlines"),
        ("plain é 王", "plain é 王"),
    ],
)
def test_visible_shows_each_control_by_name(text: str, shown: str) -> None:
    assert visible(text) == shown


@given(st.text())
def test_cleaned_text_holds_no_control_and_cleaning_twice_changes_nothing(text: str) -> None:
    try:
        cleaned = clean_text(text)
    except InvalidInput:
        assert not strip_controls(text).strip()
        return
    assert not FORBIDDEN.search(cleaned)
    assert "\r" not in cleaned
    assert clean_text(cleaned) == cleaned
    assert visible(cleaned) == cleaned  # nothing left for the output layer to show


@given(st.text())
def test_cleaned_names_are_one_line_and_stable(text: str) -> None:
    try:
        name = clean_name(text, "default")
    except InvalidInput:
        assert len(text) > MAX_NAME
        return
    assert not FORBIDDEN.search(name)
    assert name == " ".join(name.split()) and name
    assert clean_name(name, "default") == name


@given(st.text())
def test_visible_output_never_holds_a_control(text: str) -> None:
    shown = visible(text)
    assert not FORBIDDEN.search(shown.replace("\t", "").replace("\n", ""))
    if not FORBIDDEN.search(text):
        assert shown == text
