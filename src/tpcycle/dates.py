"""Days people type on the command line. Pure."""

from __future__ import annotations

from datetime import date

from tpcycle.errors import InvalidInput
from tpcycle.messages import Message


def parse_day(text: str | None, option: str) -> date | None:
    """``YYYY-MM-DD`` as a date; None when the option was left out; a clear error otherwise.

    ``option`` names the option in the error (``--since``), so the person knows which to fix.
    """
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise InvalidInput(Message.NOT_A_DATE, option=option, text=text) from exc
