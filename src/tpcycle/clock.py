"""Time as people read and type it. Pure: the time zone and "now" are always handed in.

tpcycle stores every moment in UTC (``2026-11-26T05:17:00Z``). People read them in their own
time zone, so every date a person sees goes through this module with the zone passed to it;
nothing below the command line looks the zone up for itself. The command line resolves it once
with ``tpcycle.zones.zone_from_env``: ``TPCYCLE_TZ``, else ``TZ``, else the system's own
zone. (Looking zones up loads ``zoneinfo`` and the ``sysconfig`` it reads, about 3 ms, so that
lives in ``zones.py`` and is loaded only by commands that show a date or take ``--on``.)

When a lesson happened (``--on``) is kept as the writer typed it, in their zone: a plain date
(``2026-11-24``) or a moment with its offset (``2026-11-24T15:10:00-06:00``), so it means the
same day wherever it is read later.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from tpcycle.errors import InvalidInput
from tpcycle.messages import Message

STAMP = "%Y-%m-%dT%H:%M:%SZ"


# -- stored moments shown in a zone -----------------------------------------------------------


def instant(stamp: str) -> datetime:
    """A stored timestamp as an aware datetime (stamps without an offset are UTC)."""
    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def local(stamp: str, zone: tzinfo) -> datetime:
    return instant(stamp).astimezone(zone)


def _shown(stamp: str, zone: tzinfo, form: str, width: int) -> str:
    """A stamp in the reader's zone; one that cannot be (not a timestamp, or past the last
    moment a date can hold once moved into the zone) is shown as stored, never a crash."""
    try:
        return local(stamp, zone).strftime(form)
    except (ValueError, OverflowError):
        return stamp[:width].replace("T", " ")


def local_day(stamp: str, zone: tzinfo) -> str:
    """``2026-11-26T05:17:00Z`` in Chicago -> ``2026-11-25``."""
    return _shown(stamp, zone, "%Y-%m-%d", 10)


def local_minute(stamp: str, zone: tzinfo) -> str:
    """``2026-11-26T05:17:00Z`` in Chicago -> ``2026-11-25 23:17``."""
    return _shown(stamp, zone, "%Y-%m-%d %H:%M", 16)


def local_month(stamp: str, zone: tzinfo) -> str:
    """Raises ValueError for a stamp that is not one (the caller decides what to count)."""
    try:
        return local(stamp, zone).strftime("%Y-%m")
    except OverflowError:
        return stamp[:7]


def local_iso(stamp: str | None, zone: tzinfo) -> str | None:
    """For JSON and front matter: the same moment with the reader's offset."""
    if stamp is None:
        return None
    try:
        return local(stamp, zone).isoformat()
    except (ValueError, OverflowError):
        return stamp


def stamp_prefix(zone: tzinfo, now: datetime) -> int:
    """How much of a stored stamp decides its local month: the hour (13 characters) where the
    zone's offset is whole hours, else the minute (16)."""
    seasons = (datetime(now.year, month, 1, tzinfo=UTC) for month in (1, 7))  # both offsets
    offsets = (moment.astimezone(zone).utcoffset() or timedelta() for moment in seasons)
    return 13 if all(offset.total_seconds() % 3600 == 0 for offset in offsets) else 16


def by_local_month(counts: Mapping[str, int], zone: tzinfo) -> dict[str, int]:
    """Counts keyed by a UTC month (``2026-11``, well inside it) or a UTC stamp prefix
    (``2026-11-01T05``, near its edge) regrouped by the reader's month."""
    months: dict[str, int] = {}
    for prefix, count in counts.items():
        month = prefix[:7]  # also for a stamp in another form (from an old bundle)
        with suppress(ValueError):
            if len(prefix) > 10:
                month = local_month(prefix + "T00:00:00Z"[len(prefix) - 10 :], zone)
        months[month] = months.get(month, 0) + count
    return dict(sorted(months.items()))


def today(now: datetime, zone: tzinfo) -> date:
    return now.astimezone(zone).date()


def start_of_day(day: date, zone: tzinfo) -> str:
    """The stored (UTC) form of local midnight at the start of ``day``: where a day's range
    begins when comparing with stored stamps."""
    midnight = datetime.combine(day, time(), tzinfo=zone)
    try:
        return midnight.astimezone(UTC).strftime(STAMP)
    except OverflowError:  # the first or last day a datetime can hold
        return "0001-01-01T00:00:00Z" if day.year == 1 else "9999-12-31T23:59:59Z"


def end_of_day(day: date, zone: tzinfo) -> str | None:
    """Where a range ending on ``day`` (included) stops: the start of the next local day;
    None for the last day a date can hold, which has no end."""
    if day == date.max:
        return None
    return start_of_day(day + timedelta(days=1), zone)


# -- when a lesson happened ---------------------------------------------------------------------


def _short(moment: date) -> str:
    return f"{moment:%a} {moment.day} {moment:%b}"


def written(stamp: str, zone: tzinfo) -> str:
    """``Thu 26 Nov 16:02``: when an entry was written, in the reader's zone."""
    try:
        moment = local(stamp, zone)
    except (ValueError, OverflowError):
        return stamp[:16].replace("T", " ")
    return f"{_short(moment)} {moment:%H:%M}"


def lesson(happened_at: str, *, year: int | None = None) -> str:
    """``Tue 24 Nov`` or ``Tue 24 Nov 15:10`` (the year added when it is not ``year``), in the
    zone it was recorded in: a 3 pm lesson stays a 3 pm lesson."""
    moment = datetime.fromisoformat(happened_at)
    shown = _short(moment) if moment.year == year else f"{_short(moment)} {moment.year}"
    return shown if len(happened_at) == 10 else f"{shown} {moment:%H:%M}"


def lesson_and_written(happened_at: str, created_at: str, zone: tzinfo) -> str:
    """``Tue 24 Nov, written Thu 26 Nov 16:02``."""
    year = int(local_day(created_at, zone)[:4]) if created_at[:4].isdigit() else None
    return f"{lesson(happened_at, year=year)}, written {written(created_at, zone)}"


@dataclass(frozen=True)
class When:
    """What ``--on`` was given: the stored form, and whether it lies in the future."""

    stored: str
    future: bool


_WEEKDAYS = {
    name: number
    for number, names in enumerate(
        (
            ("mon", "monday"),
            ("tue", "tues", "tuesday"),
            ("wed", "weds", "wednesday"),
            ("thu", "thur", "thurs", "thursday"),
            ("fri", "friday"),
            ("sat", "saturday"),
            ("sun", "sunday"),
        )
    )
    for name in names
}
_TIME = re.compile(r"(\d{1,2})(?::(\d{2}))?\s*(am|pm)?")


def _clock_time(text: str) -> time | None:
    found = _TIME.fullmatch(text)
    if not found:
        return None
    hour, minute, half = int(found[1]), int(found[2] or 0), found[3]
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif found[2] is None:  # a bare "3" is not a time
        return None
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def _day(word: str, today_: date) -> date | None:
    if word == "today":
        return today_
    if word == "yesterday":
        return today_ - timedelta(days=1)
    if word in _WEEKDAYS:  # the most recent such day, today included
        return today_ - timedelta(days=(today_.weekday() - _WEEKDAYS[word]) % 7)
    try:
        return date.fromisoformat(word)
    except ValueError:
        return None


def parse_when(text: str, now: datetime, zone: tzinfo) -> When:
    """``--on``: ``2026-11-24``, ``today``, ``yesterday``, ``tue`` (the most recent Tuesday),
    each with an optional time (``tue 3pm``, ``2026-11-24 15:10``, ``yesterday 9:30am``)."""
    words = text.strip().lower().replace("t", " ", 1).split() if _iso_moment(text) else None
    words = words or text.strip().lower().split()
    local_today = today(now, zone)
    day = _day(words[0], local_today) if words else None
    at = _clock_time("".join(words[1:])) if len(words) > 1 else None
    if day is None or (len(words) > 1 and at is None):
        raise InvalidInput(Message.NOT_A_LESSON_DATE, text=text)
    if at is None:
        return When(day.isoformat(), future=day > local_today)
    moment = datetime.combine(day, at, tzinfo=zone)
    try:
        future = moment > now
    except OverflowError as exc:
        raise InvalidInput(Message.NOT_A_LESSON_DATE, text=text) from exc
    return When(moment.isoformat(timespec="minutes"), future=future)


def _iso_moment(text: str) -> bool:
    """``2026-11-24T15:10``: the ISO form with a T between date and time."""
    return bool(re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}[Tt]\d{1,2}:\d{2}\s*", text))
