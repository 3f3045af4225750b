"""The live screen's layout: every line fits, the hint is never cut, small terminals get a line."""

from __future__ import annotations

import pytest

from tpcycle.observation import MAX_NOTE, Observation, parse_setup
from tpcycle.observe_screen import ENTER, ESC, Keys
from tpcycle.screen import Cell, View, columns, fit, layout, status
from tpcycle.tally import Tally, parse_codes

HINT = ("u undo", "n note", "s who spoke", "q save and quit")
DOC_EXAMPLE = ["o=open question", "c=closed question", "w=wait time over 3 seconds"]


def observing_view() -> View:
    setup = parse_setup(DOC_EXAMPLE, "i=students working independently", speakers=True)
    return Keys(Observation(setup), ("Ana Ruiz",), cycle=12, step="new evidence").view(754)


@pytest.mark.parametrize("width", [40, 60, 80, 120])
@pytest.mark.parametrize("height", [8, 12, 24])
def test_every_line_fits_and_the_hint_is_whole(width: int, height: int) -> None:
    for view in (observing_view(), Tally(parse_codes(DOC_EXAMPLE)).view(5, "Tallying cycle 1")):
        lines = layout(view, width, height)
        assert lines is not None
        assert len(lines) <= height
        assert all(columns(line) <= width - 1 for line in lines)
        shown = " ".join(lines)
        for item in view.hint:
            assert item in shown
        for cell in view.cells:  # every key and its figure is on the screen
            assert (
                any(line.startswith(f"{cell.key} ") for line in lines) or f"  {cell.key} " in shown
            )


def test_the_documented_example_shows_each_count_at_sixty_columns() -> None:
    lines = layout(Tally(parse_codes(DOC_EXAMPLE)).view(5, "Tallying"), 60, 24)
    assert lines is not None
    assert [line.split()[-1] for line in lines[1:4]] == ["0", "0", "0"]
    assert lines[3].startswith("w wait time over 3 seconds")


def test_long_labels_are_shortened_not_the_figures() -> None:
    view = View("t", (Cell("o", "a very long label " * 5, "123"),), hint=HINT)
    lines = layout(view, 40, 8)
    assert lines is not None and lines[1].endswith("123") and "…" in lines[1]


def test_wide_cells_share_a_line_when_there_is_room() -> None:
    cells = tuple(Cell(str(n), f"code {n}", "0") for n in range(10))
    lines = layout(View("t", cells, hint=HINT), 80, 8)
    assert lines is not None and len(lines) <= 8
    assert layout(View("t", cells, hint=HINT), 40, 8) is None  # no room even in two columns


@pytest.mark.parametrize(("width", "height"), [(39, 24), (80, 7), (20, 3)])
def test_a_terminal_too_small_gets_one_line(width: int, height: int) -> None:
    view = observing_view()
    assert layout(view, width, height) is None
    line = status(view, width)
    assert columns(line) <= width - 1 and "\n" not in line


def test_fit_counts_wide_letters_and_shows_controls() -> None:
    assert columns("漢字") == 4
    assert columns(fit("漢字漢字漢字", 5)) <= 5
    assert fit("a\x1b[2Jb", 20) == "a␛[2Jb"


def test_a_note_being_typed_stays_in_view_with_its_end() -> None:
    keys = Keys(Observation(parse_setup(DOC_EXAMPLE, "i=students working independently")))
    keys.press("n", 10)
    for ch in "word " * 20 + "END":
        keys.press(ch, 11)
    lines = layout(keys.view(12), 40, 8)
    assert lines is not None
    assert any(line.endswith("END▏") and line.startswith("Note at 0:10: …") for line in lines)
    assert "Esc drop it" in lines[-1]


def test_the_one_line_status_says_what_to_press_in_each_mode() -> None:
    keys = Keys(Observation(parse_setup(DOC_EXAMPLE, speakers=True)), ("Ana Ruiz", "Ben Ode"))
    assert status(keys.view(75), 30).startswith("q save · 1:15 · o 0")
    keys.press("n", 80)
    for ch in "a long note that goes on":
        keys.press(ch, 81)
    assert status(keys.view(82), 200).startswith("Enter file · Esc drop · note: ")
    keys.press(ESC, 83)
    keys.press("s", 84)
    assert status(keys.view(85), 200) == "Esc back · a Ana Ruiz · b Ben Ode"


def test_a_note_stops_growing_at_its_limit() -> None:
    keys = Keys(Observation(parse_setup(DOC_EXAMPLE)))
    keys.press("n", 1)
    for _ in range(MAX_NOTE):
        assert not keys.press("x", 2).bell
    assert keys.press("x", 3).bell
    event = keys.press(ENTER, 4).event
    assert event is not None and len(event.text) == MAX_NOTE
