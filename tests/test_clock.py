"""Time as people read and type it: stored UTC shown in a zone, and what --on means."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.probes import imported_by, logging_evidence
from tests.usecases.helpers import started_now
from tpcycle import clock, zones
from tpcycle.errors import InvalidInput
from tpcycle.messages import Message

CHICAGO = ZoneInfo("America/Chicago")
# Thursday 26 November 05:17 UTC is still Wednesday 25 November 23:17 in Chicago.
NOW = datetime(2026, 11, 26, 5, 17, tzinfo=UTC)


def test_a_late_evening_stamp_is_the_local_day_not_the_utc_one() -> None:
    stamp = "2026-11-26T05:17:00Z"
    assert clock.local_day(stamp, CHICAGO) == "2026-11-25"
    assert clock.local_minute(stamp, CHICAGO) == "2026-11-25 23:17"
    assert clock.local_iso(stamp, CHICAGO) == "2026-11-25T23:17:00-06:00"
    assert clock.local_iso(None, CHICAGO) is None
    assert clock.local_day(stamp, UTC) == "2026-11-26"
    # summer time is taken from the date itself, not from today's offset
    assert clock.local_minute("2026-07-01T05:17:00Z", CHICAGO) == "2026-07-01 00:17"


def test_a_day_typed_in_a_filter_starts_at_local_midnight() -> None:
    assert clock.start_of_day(date(2026, 11, 25), CHICAGO) == "2026-11-25T06:00:00Z"
    assert clock.end_of_day(date(2026, 11, 25), CHICAGO) == "2026-11-26T06:00:00Z"
    assert clock.start_of_day(date(2026, 7, 1), CHICAGO) == "2026-07-01T05:00:00Z"
    # the ends of the calendar neither crash nor wrap
    assert clock.end_of_day(date.max, CHICAGO) is None
    assert clock.start_of_day(date.min, ZoneInfo("Asia/Tokyo")) == "0001-01-01T00:00:00Z"


def test_months_are_counted_where_the_reader_lives() -> None:
    by_hour = {"2026-11-01T03": 2, "2026-11-01T07": 1, "2026-10-31T23": 1}
    assert clock.by_local_month(by_hour, CHICAGO) == {"2026-10": 3, "2026-11": 1}
    assert clock.by_local_month(by_hour, UTC) == {"2026-10": 1, "2026-11": 3}
    assert clock.by_local_month({"2026-11": 5, "2026-11-01T03": 2}, CHICAGO) == {
        "2026-10": 2,
        "2026-11": 5,
    }
    assert clock.by_local_month({"odd-one-out": 1}, UTC) == {"odd-one": 1}  # never a crash
    assert clock.stamp_prefix(CHICAGO, NOW) == 13
    assert clock.stamp_prefix(ZoneInfo("Asia/Kolkata"), NOW) == 16  # half-hour offset
    assert clock.stamp_prefix(ZoneInfo("Australia/Lord_Howe"), NOW) == 16  # half an hour in winter


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("today", "2026-11-25"),  # the local day, though it is already Thursday in UTC
        ("yesterday", "2026-11-24"),
        ("Tue", "2026-11-24"),
        ("tuesday", "2026-11-24"),
        ("wed", "2026-11-25"),  # today counts as the most recent Wednesday
        ("thu", "2026-11-19"),
        ("2026-11-24", "2026-11-24"),
        ("tue 3pm", "2026-11-24T15:00-06:00"),
        ("tue 3:10 pm", "2026-11-24T15:10-06:00"),
        ("yesterday 9:30am", "2026-11-24T09:30-06:00"),
        ("2026-11-24 15:10", "2026-11-24T15:10-06:00"),
        ("2026-11-24T15:10", "2026-11-24T15:10-06:00"),
        ("tue 12am", "2026-11-24T00:00-06:00"),
        ("2026-07-01 08:00", "2026-07-01T08:00-05:00"),  # summer offset for a summer date
    ],
)
def test_when_it_happened(typed: str, stored: str) -> None:
    when = clock.parse_when(typed, NOW, CHICAGO)
    assert when == clock.When(stored, future=False)


@pytest.mark.parametrize(
    "typed",
    ["blah", "", "   ", "tue 13pm", "tue 3", "tue 25:00", "tue 3pm now", "2026-02-30", "next tue"],
)
def test_a_date_that_does_not_parse_is_one_clear_error(typed: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        clock.parse_when(typed, NOW, CHICAGO)
    assert caught.value.message_id is Message.NOT_A_LESSON_DATE
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    "typed", ["2099-01-01", "today 11:30pm", "9999-12-31", "9999-12-31 23:59", "2026-11-26"]
)
def test_a_day_still_to_come_is_kept_and_marked(typed: str) -> None:
    assert clock.parse_when(typed, NOW, CHICAGO).future


@pytest.mark.parametrize("typed", ["0001-01-01 00:00", "9999-12-31 23:59", "0001-01-01"])
def test_the_ends_of_the_calendar_are_kept_and_shown_without_a_crash(typed: str) -> None:
    for zone in (ZoneInfo("Asia/Tokyo"), CHICAGO, UTC):
        stored = clock.parse_when(typed, NOW, zone).stored
        assert clock.lesson_and_written(stored, "2026-11-26T05:17:00Z", zone)


def test_the_lesson_date_sits_beside_when_it_was_written() -> None:
    written = "2026-11-26T22:02:00Z"  # Thu 26 Nov 16:02 in Chicago
    shown = clock.lesson_and_written("2026-11-24", written, CHICAGO)
    assert shown == "Tue 24 Nov, written Thu 26 Nov 16:02"
    at_three = clock.lesson_and_written("2026-11-24T15:00-06:00", written, CHICAGO)
    assert at_three == "Tue 24 Nov 15:00, written Thu 26 Nov 16:02"
    # a 3 pm lesson stays a 3 pm lesson for a reader in another zone; another year is named
    assert clock.lesson("2026-11-24T15:00-06:00", year=2026) == "Tue 24 Nov 15:00"
    assert clock.lesson("2025-11-24", year=2026) == "Mon 24 Nov 2025"


def test_the_zone_comes_from_tpcycle_tz_then_tz_then_the_system(tmp_path: Path) -> None:
    paris = tmp_path / "localtime"
    paris.symlink_to("/usr/share/zoneinfo/Europe/Paris")
    both = {"TPCYCLE_TZ": "Asia/Tokyo", "TZ": "America/Chicago"}
    assert zones.zone_from_env(both, paris) == ZoneInfo("Asia/Tokyo")
    assert zones.zone_from_env({"TZ": ":America/Chicago"}, paris) == CHICAGO
    assert zones.zone_from_env({"TZ": "UTC"}, paris) is UTC
    assert zones.zone_from_env({"TZ": ""}, paris) == ZoneInfo("Europe/Paris")
    # no name to be had: the system's offset now, still a zone
    assert zones.zone_from_env({}, tmp_path / "missing").utcoffset(None) is not None


@pytest.mark.parametrize("name", ["Nowhere/Land", "../../etc/passwd", "America/", "x" * 300])
def test_an_unknown_zone_names_the_variable_to_fix(name: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        zones.zone_from_env({"TZ": name})
    said = caught.value.said
    assert said is not None and said.id is Message.UNKNOWN_TIME_ZONE
    assert said.values["variable"] == "TZ"
    with pytest.raises(InvalidInput) as caught:
        zones.zone_from_env({"TPCYCLE_TZ": name, "TZ": "UTC"})
    assert caught.value.said is not None and caught.value.said.values["variable"] == "TPCYCLE_TZ"


@pytest.mark.parametrize(
    ("stamp", "zone"),
    [
        ("9999-12-31T23:00:00Z", ZoneInfo("Asia/Tokyo")),  # past the last day a date can hold
        ("0001-01-01T01:00:00Z", CHICAGO),  # before the first
        ("garbled", CHICAGO),
    ],
)
def test_a_stamp_that_cannot_move_into_the_zone_is_shown_as_stored(
    stamp: str, zone: ZoneInfo
) -> None:
    assert clock.local_day(stamp, zone) == stamp[:10]
    assert clock.local_minute(stamp, zone) == stamp[:16].replace("T", " ")
    assert clock.local_iso(stamp, zone) == stamp
    assert clock.lesson_and_written("2026-11-24", stamp, zone).startswith("Tue 24 Nov")


@pytest.mark.slow  # runs tpcycle in another process
def test_only_commands_that_show_a_date_load_the_zone_database(tmp_path: Path) -> None:
    journal = str(tmp_path / "j.db")
    started_now(tmp_path / "j.db", "Students explain their reasoning")
    assert "zoneinfo" not in logging_evidence()
    assert "zoneinfo" in imported_by("--db", journal, "log", "evidence", "x", "--on", "tue")
    assert "zoneinfo" in imported_by("--db", journal, "show")
