"""Evidence that measures: parsing numbers, comparing baseline with new, predictions, tallies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Run, rows
from tpcycle.domain import Entry, Measure, Role, Step
from tpcycle.errors import InvalidInput
from tpcycle.measures import check_measure, compare, parse_groups, parse_measure
from tpcycle.tally import Tally, parse_codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("gave a reason=6/24", Measure("gave a reason", 6, 24)),
        ("  Gave  a reason = 6 / 24 ", Measure("Gave a reason", 6, 24)),
        ("talk minutes=4.5min", Measure("talk minutes", 4.5, None, "min")),
        ("talk minutes=4.5 min", Measure("talk minutes", 4.5, None, "min")),
        ("hands=3", Measure("hands", 3)),
        ("score=0/10", Measure("score", 0, 10)),
        ("temperature=-2C", Measure("temperature", -2, None, "C")),
    ],
)
def test_measures_are_read_as_people_write_them(text: str, expected: Measure) -> None:
    assert parse_measure(text) == expected


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("a=6/0", "total must be more than 0"),
        ("a=7/5", "between 0 and the total"),
        ("a=-1/5", "between 0 and the total"),
        ("abc", "has no '='"),
        ("=5", "no name"),
        ("a=abc", "'abc' in 'a=abc' is not a number"),
        ("a=", "is not a number"),
        ("a=1/2/3", "is not a number"),
    ],
)
def test_bad_measures_name_the_value(text: str, complaint: str) -> None:
    with pytest.raises(InvalidInput, match=complaint):
        parse_measure(text)


def test_groups_are_counts_out_of_the_whole_set() -> None:
    groups = parse_groups("got it=9, partly=11,not yet=4")
    assert groups == (
        Measure("got it", 9, 24),
        Measure("partly", 11, 24),
        Measure("not yet", 4, 24),
    )
    for bad in ("", "a=1.5", "a=1/2", "a=1,a=2", "a=0,b=0", "a=2min"):
        with pytest.raises(InvalidInput):
            parse_groups(bad)


def entry(n: int, step: Step, *measures: Measure) -> Entry:
    return Entry(
        n,
        f"u{n}",
        1,
        step,
        "Ana",
        Role.TEACHER,
        "t",
        False,
        f"2026-11-0{n}T10:00:00Z",
        None,
        measures,
    )


def test_comparison_matches_names_and_lists_the_rest() -> None:
    comparison = compare(
        [
            entry(1, Step.EVIDENCE, Measure("Gave a reason", 6, 24), Measure("hands", 3)),
            entry(2, Step.EVIDENCE, Measure("gave a  reason", 7, 24)),  # the latest baseline counts
            entry(3, Step.MOVE, Measure("gave a reason", 12, 24), Measure("quiet", 2)),
            entry(
                4,
                Step.NEW_EVIDENCE,
                Measure("gave a reason", 15, 24),
                Measure("minutes", 4, None, "min"),
            ),
        ]
    )
    (row,) = comparison.rows
    assert (row.baseline.value, row.new.value) == (7, 15)
    assert row.change == 33.3  # 62.5% - 29.166...% rounded to one decimal
    assert row.change_unit == "points"
    assert row.met_prediction is True
    assert [m.name for m in comparison.only_baseline] == ["hands"]
    assert [m.name for m in comparison.only_new] == ["minutes"]
    assert [m.name for m in comparison.predictions_without_result] == ["quiet"]


def test_values_compare_in_units_and_predictions_can_fall_short() -> None:
    comparison = compare(
        [
            entry(1, Step.EVIDENCE, Measure("wait time", 1.5, None, "s"), Measure("x", 1, 4)),
            entry(2, Step.MOVE, Measure("wait time", 5, None, "s")),
            entry(3, Step.NEW_EVIDENCE, Measure("wait time", 3.25, None, "s"), Measure("x", 3)),
        ]
    )
    (row,) = comparison.rows
    assert (row.change, row.change_unit, row.met_prediction) == (1.75, "s", False)
    # a count and a plain value cannot be compared, so both are listed as unmatched
    assert [m.name for m in comparison.only_new] == ["x"]


def test_a_predicted_fall_is_reached_by_falling_far_enough() -> None:
    comparison = compare(
        [
            entry(1, Step.EVIDENCE, Measure("off task", 10, 25)),
            entry(2, Step.MOVE, Measure("off task", 5, 25)),
            entry(3, Step.NEW_EVIDENCE, Measure("off task", 4, 25)),
        ]
    )
    assert comparison.rows[0].met_prediction is True
    assert comparison.rows[0].change == -24.0


def test_a_cycle_with_measures_end_to_end(cycle: Run, db_path: Path) -> None:
    cycle("log", "evidence", "Exit tickets", "-m", "gave a reason=6/24", "-m", "talk=4.5min")
    cycle("log", "evidence", "Sorted the tickets", "--groups", "got it=9,partly=11,not yet=4")
    cycle("move", "Sentence frame", "--predict", "gave a reason=12/24")
    cycle("log", "evidence", "After", "-m", "gave a reason=15/24", "-m", "got it=14/24")
    assert rows(db_path, "SELECT step, name, value, total, unit FROM measures ORDER BY id") == [
        ("evidence", "gave a reason", 6.0, 24.0, None),
        ("evidence", "talk", 4.5, None, "min"),
        ("evidence", "got it", 9.0, 24.0, None),
        ("evidence", "partly", 11.0, 24.0, None),
        ("evidence", "not yet", 4.0, 24.0, None),
        ("move", "gave a reason", 12.0, 24.0, None),
        ("new_evidence", "gave a reason", 15.0, 24.0, None),
        ("new_evidence", "got it", 14.0, 24.0, None),
    ]
    shown = json.loads(cycle("show", "--json").stdout)
    assert shown["entries"][1]["measures"][0] == {
        "name": "gave a reason",
        "value": 6.0,
        "total": 24.0,
        "unit": None,
        "percent": 25.0,
    }
    matched = {m["name"]: m for m in shown["comparison"]["matched"]}
    assert matched["gave a reason"]["change"] == 37.5
    assert matched["gave a reason"]["met_prediction"] is True
    assert matched["got it"]["change"] == 20.8  # 58.33% - 37.5%
    assert matched["got it"]["new"]["percent"] == 58.3
    assert [m["name"] for m in shown["comparison"]["only_baseline"]] == [
        "talk",
        "partly",
        "not yet",
    ]
    terminal = cycle("compare").stdout
    assert "gave a reason  +37.5 points" in terminal
    assert "█" in terminal and "(reached)" in terminal
    assert "Only in the baseline" in terminal
    exported = cycle("export").stdout
    assert "| gave a reason | 6/24 (25%) | 15/24 (62.5%) | +37.5 points |" in exported
    assert "█" not in exported
    assert json.loads(cycle("compare", "--json").stdout) == shown["comparison"]


def test_bad_measures_save_nothing(cycle: Run, db_path: Path) -> None:
    for args in (
        ["-m", "a=6/0"],
        ["-m", "a=7/5"],
        ["-m", "abc"],
        ["--groups", "x"],
        ["-m", "a=1", "-m", "A=2"],
    ):
        result = cycle("log", "evidence", "text", *args, ok=False)
        assert result.exit_code == 1
        assert result.stderr.startswith("Error: ")
    assert rows(db_path, "SELECT count(*) FROM entries") == [(1,)]
    assert rows(db_path, "SELECT count(*) FROM measures") == [(0,)]


def test_private_measures_stay_out_of_the_export(cycle: Run) -> None:
    cycle("log", "evidence", "private count", "-m", "secret=1/2", "--private")
    cycle("move", "m")
    cycle("log", "evidence", "after", "-m", "secret=2/2")
    exported = cycle("export").stdout
    assert "1/2" not in exported
    assert "Only in the new evidence: secret 2/2 (100%)" in exported


def test_compare_with_no_measures_says_how_to_add_them(cycle: Run) -> None:
    assert "--measure" in cycle("compare").stderr


def test_tally_codes_and_counting() -> None:
    codes = parse_codes(["o=open question", "c=closed question"])
    tally = Tally(codes)
    for key in "oocxu":
        tally.press(key)
    assert tally.counts() == {"open question": 2, "closed question": 0}
    assert tally.measures(150)[-1] == Measure("minutes observed", 2.5, None, "min")
    for bad in (["q=quit"], ["oo=x"], ["o=a", "o=b"], ["o=a", "p=A"], ["o"], []):
        with pytest.raises(InvalidInput):
            parse_codes(bad)


def test_tally_from_piped_keys(cycle: Run, db_path: Path) -> None:
    result = cycle("tally", "o=open question", "c=closed question", input="oocoq")
    assert "Saved entry" in result.stderr
    assert rows(
        db_path,
        "SELECT e.role, m.name, m.value FROM measures m JOIN entries e"
        " ON e.id = m.entry_id WHERE m.name != 'minutes observed'",
    ) == [("partner", "open question", 3.0), ("partner", "closed question", 1.0)]


# -- hostile numbers ------------------------------------------------------------------------

NINES = "9" * 400


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        (f"x={NINES}/{NINES}", "too large"),  # each side overflows to infinity
        (f"x=1/{NINES}", "too large"),
        (f"x={NINES}", "too large"),
        (f"x={NINES}min", "too large"),
        ("x=1e309", "not a number"),
        ("x=nan", "not a number"),
        ("x=inf", "not a number"),
        ("x=-inf/5", "not a number"),
        ("x=1000000000001", "too large"),
        ("x=5/1000000000001", "too large"),
        ("x=-1000000000001C", "too large"),
        ("x=0/0", "total must be more than 0"),
        ("x=-3/-5", "total must be more than 0"),
    ],
)
def test_infinite_missing_and_absurd_numbers_are_refused(text: str, complaint: str) -> None:
    with pytest.raises(InvalidInput, match=complaint) as raised:
        parse_measure(text)
    assert "\n" not in raised.value.message and len(raised.value.message) < 300


def test_the_largest_number_allowed_is_kept() -> None:
    assert parse_measure("x=1000000000000").value == 1e12


def test_controls_in_measures_are_cleaned_and_not_echoed() -> None:
    assert parse_measure("talk\x1b[2J time=4\x9bmin") == Measure("talk[2J time", 4, None, "min")
    with pytest.raises(InvalidInput) as raised:
        parse_measure("\x1b]0;title\x07=abc")
    assert "\x1b" not in raised.value.message and "\x07" not in raised.value.message


def test_groups_of_absurd_size_are_refused() -> None:
    with pytest.raises(InvalidInput, match="too large"):
        parse_groups(f"a={NINES},b=1")
    with pytest.raises(InvalidInput, match="adds up to more than"):
        parse_groups("a=999999999999,b=999999999999")


@pytest.mark.parametrize(
    ("measure", "complaint"),
    [
        (Measure("x", float("nan")), "not finite"),
        (Measure("x", float("inf")), "not finite"),
        (Measure("x", 1, float("inf")), "not finite"),
        (Measure("x", 1, 0), "more than 0"),
        (Measure("x", -1, 5), "between 0 and the total"),
        (Measure("x", 6, 5), "between 0 and the total"),
        (Measure("x", 2e12), "larger than"),
        (Measure("\x1b ", 1), "no name"),
        (Measure("n" * 61, 1), "longer than 60"),
        (Measure("x", 1, None, "u" * 21), "unit is longer"),
    ],
)
def test_every_measure_obeys_the_same_rules_however_it_arrived(
    measure: Measure, complaint: str
) -> None:
    with pytest.raises(InvalidInput, match=complaint):
        check_measure(measure, "a bundle's entries[0].measures[0]")


def test_a_checked_measure_comes_back_cleaned() -> None:
    assert check_measure(Measure(" a \x9b b ", 3, 4, " min\x1b "), "x") == Measure(
        "a b", 3, 4, "min"
    )
