"""An observation's keys, events, figures and timeline; the screen's keys; the Markdown table."""

from __future__ import annotations

import pytest

from tpcycle.domain import Measure
from tpcycle.errors import InvalidInput
from tpcycle.messages import Message
from tpcycle.messages_classroom import Classroom
from tpcycle.observation import (
    Event,
    Kind,
    Observation,
    Setup,
    clock_time,
    parse_line,
    parse_setup,
    parse_time,
)
from tpcycle.observe_screen import BACKSPACE, ENTER, ESC, INTERRUPT, Keys, Mode
from tpcycle.render_markdown import escape_block, escape_inline
from tpcycle.render_observation import timeline_markdown, timeline_rows
from tpcycle.tally import Code

SETUP = parse_setup(["o=open question", "c=closed question"], "i=working alone")


def test_setup_reads_codes_and_the_interval() -> None:
    assert SETUP.codes == (Code("o", "open question"), Code("c", "closed question"))
    assert SETUP.interval == Code("i", "working alone")
    assert Setup.from_dict(SETUP.to_dict()) == SETUP
    assert parse_setup([]).empty


@pytest.mark.parametrize(
    ("codes", "interval", "speakers", "said"),
    [
        (["q=quiet"], None, False, Classroom.OBSERVE_KEY_RESERVED),
        (["u=up"], None, False, Classroom.OBSERVE_KEY_RESERVED),
        (["N=noise"], None, False, Classroom.OBSERVE_KEY_RESERVED),
        (["s=stand"], None, True, Classroom.OBSERVE_KEY_RESERVED),
        (["o=a", "o=b"], None, False, Classroom.OBSERVE_KEY_TWICE),
        (["i=a"], "i=b", False, Classroom.OBSERVE_KEY_TWICE),
        (["o=same", "p=Same"], None, False, Classroom.OBSERVE_LABEL_TWICE),
        (["oo=two keys"], None, False, Classroom.OBSERVE_KEY_SHAPE),
        ([" =blank"], None, False, Classroom.OBSERVE_KEY_SHAPE),
        (["o"], None, False, Classroom.OBSERVE_CODE_SHAPE),
        (["o="], None, False, Classroom.OBSERVE_CODE_SHAPE),
        ([], "i", False, Classroom.OBSERVE_CODE_SHAPE),
        (["o=" + "x" * 61], None, False, Classroom.OBSERVE_LABEL_LONG),
        ([], "i=" + "x" * 51, False, Classroom.OBSERVE_LABEL_LONG),
    ],
)
def test_clashing_or_malformed_keys_are_refused(
    codes: list[str], interval: str | None, speakers: bool, said: Message
) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_setup(codes, interval, speakers)
    assert raised.value.message_id is said


def test_s_is_free_without_speakers() -> None:
    assert parse_setup(["s=student question"]).codes[0].key == "s"


def observed() -> Observation:
    state = Observation(SETUP)
    for seconds, key in ((12, "o"), (40, "i"), (70, "c"), (120, "i"), (130, "i"), (150, "o")):
        event = state.event_for(key, seconds)
        assert event is not None
        state.events.append(event)
    state.events.insert(3, Event(70, Kind.NOTE, "n", "Kids stuck on step 2"))
    return state


def test_figures_come_from_the_events() -> None:
    state = observed()
    assert state.counts() == {"open question": 2, "closed question": 1}
    assert state.running_since() == 130
    assert state.intervals(180) == [80, 50]
    assert state.event_for("x", 1) is None
    measures = state.measures(180)
    assert measures == (
        Measure("open question", 2),
        Measure("closed question", 1),
        Measure("working alone, in all", 2.2, None, "min"),
        Measure("working alone, longest", 1.3, None, "min"),
        Measure("minutes observed", 3.0, None, "min"),
    )


def test_the_saved_text_holds_a_summary_and_the_timeline() -> None:
    state = observed().finished(180)
    assert state.running_since() is None and state.events[-1].kind is Kind.STOP
    body = state.entry_text(180)
    assert body.startswith(
        "Observed for 3:00: open question 2; closed question 1;"
        " working alone 2 times, 2:10 in all, longest 1:20; 1 note."
    )
    assert "- 1:10 note: Kids stuck on step 2" in body
    assert body.endswith("- 3:00 end")
    found = timeline_rows(body)
    assert found is not None
    assert found[1][0] == ("0:12", "open question")
    assert found[1][3] == ("1:10", "note: Kids stuck on step 2")


def test_undo_skips_a_break() -> None:
    state = Observation(SETUP, [Event(5, Kind.CODE, "o"), Event(9, Kind.RESUMED)])
    assert state.last_undoable() == Event(5, Kind.CODE, "o")
    assert Observation(SETUP, [Event(9, Kind.RESUMED)]).recorded is False


def test_speakers_are_counted_out_of_the_roster() -> None:
    state = Observation(parse_setup([], speakers=True))
    for name in ("Ana", "Ben", "Ana"):
        state.events.append(Event(1, Kind.SPOKE, "s", name))
    assert Measure("turns spoken", 3) in state.measures(60, roster_size=20)
    assert Measure("students who spoke", 2, 20) in state.measures(60, roster_size=20)
    assert "- 0:01 spoke: Ana" in state.entry_text(60)


@pytest.mark.parametrize(
    ("word", "seconds"),
    [("0:12", 12), ("01:10", 70), ("1:02:05", 3725), ("90:00", 5400), ("1:5", None), ("x", None)],
)
def test_times_are_read_as_a_stopwatch_shows_them(word: str, seconds: float | None) -> None:
    assert parse_time(word) == seconds
    if seconds is not None:
        assert parse_time(clock_time(seconds)) == seconds


def test_piped_lines() -> None:
    line = parse_line("01:10 n  Kids stuck on step 2 ", 3)
    assert line is not None and (line.seconds, line.key, line.rest) == (
        70,
        "n",
        "Kids stuck on step 2",
    )
    assert parse_line("   ", 1) is None and parse_line("# a comment", 2) is None
    for bad in ("o", "1:10", "1:10 oo", "soon o", "1:70 o"):
        with pytest.raises(InvalidInput) as raised:
            parse_line(bad, 4)
        assert raised.value.message_id is Classroom.OBSERVE_BAD_LINE


def mode_of(keys: Keys) -> Mode:
    return keys.mode  # read afresh each time: a key press changes it


def test_the_screen_keys_type_a_note_and_pick_a_speaker() -> None:
    keys = Keys(Observation(parse_setup(["o=open"], speakers=True)), ("Ana Ruiz", "Ben Ode"))
    assert keys.press("n", 30).event is None and mode_of(keys) is Mode.NOTE
    for key in "qux":  # keys that mean something else are letters in a note
        keys.press(key, 31)
    keys.press(BACKSPACE, 32)
    action = keys.press(ENTER, 33)
    assert action.event == Event(30, Kind.NOTE, "n", "qu") and not action.quit
    keys.press("n", 40)
    keys.press("z", 41)
    assert keys.press(ESC, 42).event is None
    assert mode_of(keys) is Mode.COUNTING
    keys.press("s", 50)
    assert mode_of(keys) is Mode.PICKING
    assert "Ana Ruiz" in [c.label for c in keys.view(50).cells]
    assert keys.press("b", 51).event == Event(51, Kind.SPOKE, "s", "Ben Ode")
    keys.press("s", 52)
    assert keys.press("z", 52).bell and mode_of(keys) is Mode.COUNTING
    assert keys.press("u", 60).undo and keys.press("q", 61).quit
    assert keys.press("o", 62).event == Event(62, Kind.CODE, "o")
    assert keys.press("x", 63).bell


def test_ctrl_c_files_the_note_being_typed_and_quits() -> None:
    keys = Keys(Observation(SETUP))
    keys.press("n", 5)
    keys.press("a", 6)
    action = keys.press(INTERRUPT, 7)
    assert action.quit and action.event == Event(5, Kind.NOTE, "n", "a")


def test_a_timeline_becomes_a_table_with_inert_cells() -> None:
    state = Observation(SETUP, [Event(3, Kind.NOTE, "n", "a | b [x](http://e)")])
    table = timeline_markdown(state.entry_text(10), escape_block, escape_inline)
    assert "| Time | Event |" in table
    assert "| 0:03 | note: a \\| b \\[x\\](http\\://e) |" in table
    assert table.endswith("| 0:10 | end |")
    assert timeline_markdown("- 0:10 plain", escape_block, escape_inline) == escape_block(
        "- 0:10 plain"
    )
    edited = state.entry_text(10) + "\nand a line I added"
    assert "| Time |" not in timeline_markdown(edited, escape_block, escape_inline)


def test_controls_typed_in_a_code_are_shown_by_name_in_the_error() -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_setup(["xx=\x1b[2Jx\x9b"])
    assert "\x1b" not in raised.value.message and "\x9b" not in raised.value.message
    assert "␛[2J" in raised.value.message


def test_the_printable_page_gets_the_same_table_escaped() -> None:
    from tpcycle.render_html import prose
    from tpcycle.render_observation import timeline_html

    state = Observation(SETUP, [Event(3, Kind.NOTE, "n", "<script>x</script>")])
    page = "\n".join(timeline_html(state.entry_text(10), prose))
    assert "<tr><td>0:03</td><td>note: &lt;script&gt;x&lt;/script&gt;</td></tr>" in page
    assert "<script>" not in page
    assert timeline_html("just words", prose) == prose("just words")
