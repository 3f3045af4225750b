"""Numbers past SQLite's largest integer, and dates past the calendar's end, are refused cleanly."""

from __future__ import annotations

import pytest

from tests.conftest import Run

HUGE = str(2**63)


@pytest.mark.parametrize(
    "args",
    [
        ("show", HUGE),
        ("use", HUGE),
        ("close", HUGE),
        ("status", "--cycle", HUGE),
        ("list", "--last", HUGE),
        ("search", "reasons", "--limit", HUGE),
        ("search", "reasons", "--cycle", HUGE),
        ("history", "--recent", HUGE),
        ("compare", HUGE),
        ("check", HUGE),
        ("export", HUGE),
        ("share", HUGE),
        ("remind", HUGE),
        ("edit", HUGE, "x"),
        ("forget", HUGE, "--yes"),
        ("forget", "--cycle", HUGE, "--yes"),
        ("log", "evidence", "x", "--cycle", HUGE),
        ("move", "x", "--cycle", HUGE),
        ("new", "goal", "x", "--from", HUGE),
        ("check", "--stale-days", HUGE),
    ],
)
def test_a_number_too_large_is_a_usage_error(cycle: Run, args: tuple[str, ...]) -> None:
    result = cycle(*args, ok=False)
    assert result.exit_code == 2, (result.stdout, result.stderr, result.exception)
    assert "Traceback" not in result.stderr and not isinstance(result.exception, OverflowError)


@pytest.mark.parametrize(
    "args",
    [
        ("remind", "--start", "9999-12-31"),
        ("search", "reasons", "--until", "9999-12-31"),
        ("search", "reasons", "--since", "0001-01-01"),
        ("list", "--since", "9999-12-31"),
    ],
)
def test_dates_at_the_calendars_ends_never_crash(cycle: Run, args: tuple[str, ...]) -> None:
    result = cycle(*args, ok=False)
    assert result.exit_code in (0, 1), (result.stdout, result.stderr, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit)
