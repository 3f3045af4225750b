"""Checking every field of a bundle before anything is written: type, shape and length.

Each failure is one sentence naming the bundle and the field. Pure.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from datetime import datetime
from enum import StrEnum
from typing import Any, NoReturn

from tpcycle.domain import (
    MAX_NAME,
    MAX_TEXT,
    Cycle,
    Entry,
    Measure,
    Role,
    Status,
    Step,
    strip_controls,
    visible,
)
from tpcycle.errors import InvalidInput
from tpcycle.measures import check_measure

_UID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_CONFLICT_UID = re.compile(r"conflict-[0-9a-f]{32}")
_HASH = re.compile(r"[0-9a-f]{64}")
_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}:\d{2})")
# When a lesson happened (--on): a date, or a time with its offset.
_LESSON = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2}))?")
_PROTOCOL = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")
_PROTOCOL_VERSION = re.compile(r"[0-9]{1,9}(?:\.[0-9]{1,9}){0,2}")
_SURROGATE = re.compile("[\ud800-\udfff]")


def show_value(value: Any) -> str:
    """A value quoted for a message: short, and with nothing that could drive a terminal."""
    if isinstance(value, str):
        text = repr(value[:40] + ("..." if len(value) > 40 else ""))
    elif isinstance(value, dict):
        text = "an object"
    elif isinstance(value, list):
        text = "a list"
    elif value is None:
        text = "null"
    else:
        text = repr(value)[:40]
    return visible(_SURROGATE.sub("\ufffd", text))


def _kind(value: Any) -> str:
    return {bool: "true/false", int: "a number", float: "a number", str: "text"}.get(
        type(value), show_value(value)
    )


class FieldChecker:
    """Checks one bundle's fields; every failure is one sentence naming bundle and field."""

    def __init__(self, where: str) -> None:
        self.where = where

    def fail(self, field: str, problem: str) -> NoReturn:
        raise InvalidInput(f"{self.where} cannot be imported: {field} {problem}.")

    # -- shapes ---------------------------------------------------------------------------

    def object(self, value: Any, field: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(field, f"must be an object, not {show_value(value)}")
        return value

    def list(self, value: Any, field: str) -> list[Any]:
        if not isinstance(value, list):
            self.fail(field, f"must be a list, not {show_value(value)}")
        return value

    def key(self, record: dict[str, Any], key: str, field: str) -> Any:
        if key not in record:
            self.fail(f"{field}.{key}", "is missing")
        return record[key]

    def string(self, value: Any, field: str) -> str:
        if not isinstance(value, str):
            self.fail(field, f"must be text, not {_kind(value)}")
        if _SURROGATE.search(value):
            self.fail(field, "holds a broken character (half of a surrogate pair)")
        return value

    def optional(self, value: Any, field: str) -> str | None:
        return None if value is None else self.string(value, field)

    def matching(self, value: Any, pattern: re.Pattern[str], field: str, what: str) -> str:
        text = self.string(value, field)
        if not pattern.fullmatch(text):
            self.fail(field, f"is not {what} ({show_value(text)})")
        return text

    def lesson_date(self, value: Any, field: str) -> str:
        return self._when(value, field, _LESSON, "a date like 2026-11-24", "a real date")

    def timestamp(self, value: Any, field: str) -> str:
        shape = "a date and time like 2026-03-01T09:30:00Z"
        return self._when(value, field, _TIMESTAMP, shape, "a real date and time")

    def _when(self, value: Any, field: str, pattern: re.Pattern[str], shape: str, real: str) -> str:
        """Text of the right shape that is also a day (and time) the calendar has."""
        text = self.matching(value, pattern, field, shape)
        try:
            datetime.fromisoformat(text)
        except ValueError:
            self.fail(field, f"is not {real} ({show_value(text)})")
        return text

    def uid(self, value: Any, field: str, *, conflict: bool = True) -> str:
        text = self.string(value, field)
        if not (_UID.fullmatch(text) or (conflict and _CONFLICT_UID.fullmatch(text))):
            self.fail(field, f"is not an id tpcycle makes ({show_value(text)})")
        return text

    def choice(self, value: Any, kind: type[StrEnum], field: str) -> Any:
        if not isinstance(value, str) or value not in {m.value for m in kind}:
            known = ", ".join(m.value for m in kind)
            self.fail(field, f"is {show_value(value)}, not one of {known}")
        return kind(value)

    def boolean(self, value: Any, field: str) -> bool:
        if not isinstance(value, bool):
            self.fail(field, f"must be true or false, not {show_value(value)}")
        return value

    def number(self, value: Any, field: str) -> float:
        """A finite number, kept as the bundle wrote it (6 or 6.0) so its hash can be checked."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(field, f"must be a number, not {show_value(value)}")
        if not math.isfinite(value):
            self.fail(field, "is not a finite number")
        return value

    # -- records --------------------------------------------------------------------------

    def cycle(self, value: Any) -> Cycle:
        c = self.object(value, "cycle")
        closed_at = self.key(c, "closed_at", "cycle")
        return Cycle(
            id=0,
            uid=self.uid(self.key(c, "uid", "cycle"), "cycle.uid", conflict=False),
            goal=self.text(self.key(c, "goal", "cycle"), "cycle.goal"),
            teacher=self.name(self.key(c, "teacher", "cycle"), "cycle.teacher"),
            partner=self.name(self.key(c, "partner", "cycle"), "cycle.partner"),
            protocol=self.matching(
                self.key(c, "protocol", "cycle"), _PROTOCOL, "cycle.protocol", "a protocol name"
            ),
            protocol_version=self.matching(
                self.key(c, "protocol_version", "cycle"),
                _PROTOCOL_VERSION,
                "cycle.protocol_version",
                "a version like 1 or 1.2",
            ),
            status=self.choice(self.key(c, "status", "cycle"), Status, "cycle.status"),
            created_at=self.timestamp(self.key(c, "created_at", "cycle"), "cycle.created_at"),
            closed_at=None if closed_at is None else self.timestamp(closed_at, "cycle.closed_at"),
        )

    def text(self, value: Any, field: str, limit: int = MAX_TEXT) -> str:
        """Text as typed text is kept: cleaned, not empty, not longer than the limit."""
        cleaned = strip_controls(self.string(value, field)).strip()
        if not cleaned:
            self.fail(field, "is empty")
        if len(cleaned) > limit:
            self.fail(
                field, f"is {len(cleaned):,} characters long, more than the {limit:,} allowed"
            )
        return cleaned

    def name(self, value: Any, field: str) -> str:
        """A person's name as typed names are kept: one line, single spaces, not empty."""
        cleaned = " ".join(strip_controls(self.string(value, field)).split())
        if not cleaned:
            self.fail(field, "is empty")
        if len(cleaned) > MAX_NAME:
            self.fail(field, f"is longer than the {MAX_NAME} characters a name may have")
        return cleaned

    def entry(self, value: Any, field: str) -> Entry:
        """An entry exactly as the bundle has it (so its hash can be checked), shapes checked."""
        item = self.object(value, field)
        text = self.string(self.key(item, "text", field), f"{field}.text")
        author = self.string(self.key(item, "author", field), f"{field}.author")
        question = self.optional(self.key(item, "question", field), f"{field}.question")
        self.matching(self.key(item, "hash", field), _HASH, f"{field}.hash", "a SHA-256 hash")
        if item.get("base") is not None:
            self.matching(item["base"], _HASH, f"{field}.base", "a SHA-256 hash")
        updated_at, conflict_of = item.get("updated_at"), item.get("conflict_of")
        happened_at = item.get("happened_at")  # absent from bundles made before --on
        measures = self.list(self.key(item, "measures", field), f"{field}.measures")
        return Entry(
            id=0,
            uid=self.uid(self.key(item, "uid", field), f"{field}.uid"),
            cycle_id=0,
            step=self.choice(self.key(item, "step", field), Step, f"{field}.step"),
            author=author,
            role=self.choice(self.key(item, "role", field), Role, f"{field}.role"),
            text=text,
            private=self.boolean(self.key(item, "private", field), f"{field}.private"),
            created_at=self.timestamp(self.key(item, "created_at", field), f"{field}.created_at"),
            question=question,
            measures=tuple(
                self.measure(m, f"{field}.measures[{j}]") for j, m in enumerate(measures)
            ),
            updated_at=None
            if updated_at is None
            else self.timestamp(updated_at, f"{field}.updated_at"),
            conflict_of=None
            if conflict_of is None
            else self.uid(conflict_of, f"{field}.conflict_of"),
            happened_at=None
            if happened_at is None
            else self.lesson_date(happened_at, f"{field}.happened_at"),
        )

    def measure(self, value: Any, field: str) -> Measure:
        m = self.object(value, field)
        total = self.key(m, "total", field)
        return Measure(
            name=self.string(self.key(m, "name", field), f"{field}.name"),
            value=self.number(self.key(m, "value", field), f"{field}.value"),
            total=None if total is None else self.number(total, f"{field}.total"),
            unit=self.optional(self.key(m, "unit", field), f"{field}.unit"),
        )

    def cleaned(self, entry: Entry, field: str) -> Entry:
        """The entry as typed text would have been kept; numbers checked as typed ones are."""
        question = None
        if entry.question is not None:
            question = strip_controls(entry.question).strip() or None
            if question is not None and len(question) > MAX_TEXT:
                self.fail(f"{field}.question", "is too long")
        measures = tuple(
            check_measure(m, f"{self.where} {field}.measures[{j}]")
            for j, m in enumerate(entry.measures)
        )
        keys = [m.key for m in measures]
        if len(set(keys)) != len(keys):
            self.fail(f"{field}.measures", "names the same measure twice")
        return replace(
            entry,
            text=self.text(entry.text, f"{field}.text"),
            author=self.name(entry.author, f"{field}.author"),
            question=question,
            measures=measures,
        )
