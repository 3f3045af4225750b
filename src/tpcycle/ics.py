"""A calendar file (.ics, RFC 5545) for a cycle's check-ins, so the pair's own calendar
reminds them. Pure: no accounts, no network."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from tpcycle.errors import InvalidInput

_EVERY = re.compile(r"^\s*(\d{1,3})\s*(d|day|days|w|week|weeks)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Repeat:
    days: int

    @property
    def interval(self) -> timedelta:
        return timedelta(days=self.days)

    @property
    def rule(self) -> str:
        if self.days % 7 == 0:
            return f"FREQ=WEEKLY;INTERVAL={self.days // 7}"
        return f"FREQ=DAILY;INTERVAL={self.days}"


def parse_every(text: str) -> Repeat:
    """``2w``, ``10d``, ``3 weeks`` -> how many days between check-ins."""
    match = _EVERY.match(text)
    if not match or int(match.group(1)) == 0:
        raise InvalidInput(f"--every needs a number of days or weeks like 2w or 10d, not '{text}'.")
    count = int(match.group(1))
    return Repeat(count * 7 if match.group(2).lower().startswith("w") else count)


def parse_time(text: str) -> time:
    try:
        return time.fromisoformat(text)
    except ValueError as exc:
        raise InvalidInput(f"--at needs a time like 15:30, not '{text}'.") from exc


def escape_text(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    out: list[str] = []
    current = b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode())
            current = b""
        current += encoded
    out.append(current.decode())
    return "\r\n ".join(out)


def check_ins(
    *,
    uid: str,
    summary: str,
    description: str,
    first: date,
    at: time,
    minutes: int,
    repeat: Repeat,
    count: int,
    stamp: datetime,
) -> str:
    """One repeating event: ``count`` check-ins, ``repeat`` apart, starting ``first`` at ``at``.

    Times are floating (no time zone): 15:30 stays 15:30 wherever the calendar is.
    """
    start = datetime.combine(first, at)
    end = start + timedelta(minutes=minutes)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//tpcycle//check-ins//EN",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
        f"DTSTART:{start.strftime('%Y%m%dT%H%M%S')}",
        f"DTEND:{end.strftime('%Y%m%dT%H%M%S')}",
        f"RRULE:{repeat.rule};COUNT={count}",
        f"SUMMARY:{escape_text(summary)}",
        f"DESCRIPTION:{escape_text(description)}",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "TRIGGER:-PT15M",
        f"DESCRIPTION:{escape_text(summary)}",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + "\r\n" for line in lines)
