"""Days typed on the command line."""

from __future__ import annotations

from datetime import date

import pytest

from tpcycle.dates import parse_day
from tpcycle.errors import InvalidInput
from tpcycle.messages import Message


def test_a_day_and_a_missing_option() -> None:
    assert parse_day("2026-09-01", "--since") == date(2026, 9, 1)
    assert parse_day(None, "--since") is None


@pytest.mark.parametrize("typed", ["zzz", "2026-13-01", "2026-02-30", "", "[/y]", "01/09/2026"])
def test_anything_else_names_the_option_and_the_text(typed: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_day(typed, "--until")
    assert caught.value.said is not None
    assert caught.value.said.id is Message.NOT_A_DATE
    assert dict(caught.value.said.values) == {"option": "--until", "text": typed}
