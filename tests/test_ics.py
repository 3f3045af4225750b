"""The calendar file: how often, what time, escaping and folding as RFC 5545 wants. Pure."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from tpcycle.errors import InvalidInput
from tpcycle.ics import check_ins, escape_text, fold, parse_every, parse_time


@pytest.mark.parametrize(
    ("text", "days", "rule"),
    [
        ("2w", 14, "FREQ=WEEKLY;INTERVAL=2"),
        ("1 week", 7, "FREQ=WEEKLY;INTERVAL=1"),
        ("10 days", 10, "FREQ=DAILY;INTERVAL=10"),
        ("14D", 14, "FREQ=WEEKLY;INTERVAL=2"),  # whole weeks repeat weekly
    ],
)
def test_how_often(text: str, days: int, rule: str) -> None:
    repeat = parse_every(text)
    assert (repeat.days, repeat.rule) == (days, rule)


@pytest.mark.parametrize("bad", ["0w", "w", "2 months", "often", "", "1000d"])
def test_how_often_refuses_what_it_cannot_repeat(bad: str) -> None:
    with pytest.raises(InvalidInput, match="like 2w or 10d"):
        parse_every(bad)


def test_time_of_day() -> None:
    assert parse_time("15:45") == time(15, 45)
    for bad in ("25:99", "half past three", ""):
        with pytest.raises(InvalidInput, match="like 15:30"):
            parse_time(bad)


def test_text_is_escaped() -> None:
    assert escape_text("a, b; c\\d\ne\r\nf") == "a\\, b\\; c\\\\d\\ne\\nf"


@pytest.mark.parametrize("line", ["DESCRIPTION:" + "é" * 100, "SUMMARY:" + "x" * 300, "UID:u"])
def test_long_lines_fold_at_75_octets_and_unfold_to_the_same(line: str) -> None:
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line
    assert ("\r\n" in folded) == (len(line.encode()) > 75)


def test_check_ins() -> None:
    text = check_ins(
        uid="u",
        summary="a, b; c\\d",
        description="x\ny",
        first=date(2026, 1, 5),
        at=time(9),
        minutes=30,
        repeat=parse_every("1w"),
        count=2,
        stamp=datetime(2026, 1, 1, 8, 0, tzinfo=UTC),
    )
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2:] == ["END:VCALENDAR", ""]
    assert "DTSTART:20260105T090000" in lines and "DTEND:20260105T093000" in lines
    assert "DTSTAMP:20260101T080000Z" in lines
    assert "RRULE:FREQ=WEEKLY;INTERVAL=1;COUNT=2" in lines
    assert "SUMMARY:a\\, b\\; c\\\\d" in lines and "DESCRIPTION:x\\ny" in lines
    assert lines.count("BEGIN:VEVENT") == 1 and "TRIGGER:-PT15M" in lines
