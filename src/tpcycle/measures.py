"""Numbers in evidence: reading them from what people type, and comparing baseline with new.

Pure functions. A measure is a count out of a total (``gave a reason=6/24``) or a value with
an optional unit (``talk minutes=4.5min``). Baseline measures sit on evidence entries, new
ones on new-evidence entries, predictions on move entries.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from tpcycle.domain import Entry, Measure, Step, measure_key, strip_controls, visible
from tpcycle.errors import InvalidInput

_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"
_COUNT = re.compile(rf"^\s*({_NUMBER})\s*/\s*({_NUMBER})\s*$")
_VALUE = re.compile(rf"^\s*({_NUMBER})\s*([^\d\s/=][^/=]{{0,19}})?\s*$")
# 1e3 would otherwise read as 1 with the unit "e3".
_EXPONENT = re.compile(rf"^\s*{_NUMBER}[eE][+-]?\d+\s*$")
MAX_NAME = 60
MAX_UNIT = 20
# No classroom count or reading comes near this; anything bigger is a slip of the keyboard,
# and numbers this size lose their last digits as floats anyway.
MAX_MAGNITUDE = 1e12


def parse_measure(text: str) -> Measure:
    """``NAME=COUNT/TOTAL`` or ``NAME=VALUE[UNIT]``; anything else is a clear error."""
    text = strip_controls(text)
    shown = _short(text)
    name, sep, amount = text.partition("=")
    name = " ".join(name.split())
    if not sep:
        raise InvalidInput(
            f"The measure '{shown}' has no '='; write it like 'gave a reason=6/24' or"
            " 'talk minutes=4.5min'."
        )
    if not name:
        raise InvalidInput(f"The measure '{shown}' has no name before the '='.")
    count = _COUNT.match(amount)
    if count:
        return check_measure(
            Measure(name, _number(count.group(1), shown), _number(count.group(2), shown)), shown
        )
    if _EXPONENT.match(amount):
        raise InvalidInput(
            f"'{_short(amount.strip())}' in '{shown}' is not a number tpcycle reads; write it"
            " out in digits, without an exponent."
        )
    plain = _VALUE.match(amount)
    if plain:
        unit = (plain.group(2) or "").strip() or None
        return check_measure(Measure(name, _number(plain.group(1), shown), None, unit), shown)
    raise InvalidInput(
        f"'{_short(amount.strip())}' in '{shown}' is not a number; use a count like 6/24 or a"
        " value like 4.5 or 4.5min."
    )


def _short(text: str) -> str:
    """Typed text quoted in a message: at most 60 characters, controls shown by name."""
    return visible(text if len(text) <= 60 else text[:57] + "...")


def _number(digits: str, shown: str) -> float:
    value = float(digits)  # digits only, so never NaN; but 400 nines make infinity
    if not math.isfinite(value) or abs(value) > MAX_MAGNITUDE:
        raise InvalidInput(
            f"In '{shown}' the number {digits[:15]}{'...' if len(digits) > 15 else ''} is too"
            f" large; tpcycle takes numbers up to {MAX_MAGNITUDE:,.0f}."
        )
    return value


def check_measure(measure: Measure, where: str) -> Measure:
    """The rules every measure obeys, however it arrived (typed, or in a bundle).

    Finite numbers no larger than MAX_MAGNITUDE; a count has a total above 0 and a value from
    0 to that total; a name of at most MAX_NAME characters and a unit of at most MAX_UNIT.
    ``where`` names the measure in the message (the text typed, or a bundle field).
    """
    shown = visible(where)
    name = " ".join(strip_controls(measure.name).split())
    if not name:
        raise InvalidInput(f"The measure '{shown}' has no name.")
    if len(name) > MAX_NAME:
        raise InvalidInput(
            f"The measure name '{visible(name[:20])}...' is longer than {MAX_NAME} letters."
        )
    unit = None if measure.unit is None else " ".join(strip_controls(measure.unit).split())
    if unit is not None and len(unit) > MAX_UNIT:
        raise InvalidInput(f"In '{shown}' the unit is longer than {MAX_UNIT} letters.")
    for number in (measure.value, measure.total):
        if number is not None and (not math.isfinite(number) or abs(number) > MAX_MAGNITUDE):
            raise InvalidInput(
                f"In '{shown}' a number is not finite or larger than {MAX_MAGNITUDE:,.0f}."
            )
    if measure.total is not None:
        if measure.total <= 0:
            raise InvalidInput(f"In '{shown}' the total must be more than 0.")
        if measure.value < 0 or measure.value > measure.total:
            raise InvalidInput(f"In '{shown}' the count must be between 0 and the total.")
    return Measure(name, float(measure.value), measure.total, unit or None)


def parse_groups(text: str) -> tuple[Measure, ...]:
    """``got it=9,partly=11,not yet=4``: one count per group, each out of the sum of all."""
    parts = [p for p in (part.strip() for part in text.split(",")) if p]
    if not parts:
        raise InvalidInput("--groups is empty; write it like 'got it=9,partly=11,not yet=4'.")
    named: list[tuple[str, float]] = []
    for part in parts:
        measure = parse_measure(part)
        shown = _short(part)
        if measure.is_count or measure.unit or not float(measure.value).is_integer():
            raise InvalidInput(f"In --groups, '{shown}' must be a whole number of students.")
        if measure.value < 0:
            raise InvalidInput(f"In --groups, '{shown}' cannot be negative.")
        named.append((measure.name, measure.value))
    keys = [measure_key(name) for name, _ in named]
    if len(set(keys)) != len(keys):
        raise InvalidInput("--groups names the same group twice.")
    total = sum(value for _, value in named)
    if total <= 0:
        raise InvalidInput("--groups needs at least one student in some group.")
    if total > MAX_MAGNITUDE:
        raise InvalidInput(f"--groups adds up to more than {MAX_MAGNITUDE:,.0f} students.")
    return tuple(Measure(name, value, total) for name, value in named)


def check_unique(measures: Iterable[Measure]) -> None:
    keys = [m.key for m in measures]
    duplicated = sorted({k for k in keys if keys.count(k) > 1})
    if duplicated:
        raise InvalidInput(f"The measure '{duplicated[0]}' is given twice in one entry.")


# -- comparing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One measure seen before and after the move (and, if made, the prediction)."""

    name: str
    baseline: Measure
    new: Measure
    prediction: Measure | None

    @property
    def change(self) -> float:
        """Percentage points for counts; units for values."""
        if self.baseline.is_count and self.new.is_count:
            return round((self.new.percent or 0.0) - (self.baseline.percent or 0.0), 1)
        return round(self.new.value - self.baseline.value, 3)

    @property
    def change_unit(self) -> str:
        if self.baseline.is_count and self.new.is_count:
            return "points"
        return self.new.unit or ""

    @property
    def met_prediction(self) -> bool | None:
        """Whether the result reached the prediction, judged in the direction of the change
        that was predicted from the baseline."""
        if self.prediction is None:
            return None
        predicted, base, result = (_level(m) for m in (self.prediction, self.baseline, self.new))
        return result >= predicted if predicted >= base else result <= predicted


def _level(measure: Measure) -> float:
    return measure.percent if measure.percent is not None else measure.value


@dataclass(frozen=True)
class Comparison:
    """Baseline and new evidence side by side: rows matched by name, and what only one side has."""

    rows: tuple[Row, ...]
    only_baseline: tuple[Measure, ...]
    only_new: tuple[Measure, ...]
    predictions_without_result: tuple[Measure, ...]

    @property
    def empty(self) -> bool:
        return not (
            self.rows or self.only_baseline or self.only_new or self.predictions_without_result
        )


def _latest(entries: Iterable[Entry], step: Step) -> dict[str, Measure]:
    """Per measure name, the value from the latest entry of that step that has it."""
    return latest_by_name(m for e in entries if e.step is step for m in e.measures)


def compare(entries: Iterable[Entry]) -> Comparison:
    """Match baseline and new evidence measures by name; list what has no partner."""
    ordered = list(entries)
    return compare_measures(
        _latest(ordered, Step.EVIDENCE),
        _latest(ordered, Step.NEW_EVIDENCE),
        _latest(ordered, Step.MOVE),
    )


def latest_by_name(measures: Iterable[Measure]) -> dict[str, Measure]:
    """Per measure name, the last value given (measures in the order they were recorded)."""
    return {m.key: m for m in measures}


def compare_measures(
    before: dict[str, Measure], after: dict[str, Measure], predicted: dict[str, Measure]
) -> Comparison:
    rows = tuple(
        Row(before[key].name, before[key], after[key], predicted.get(key))
        for key in before
        if key in after and _comparable(before[key], after[key])
    )
    matched = {row.baseline.key for row in rows}
    return Comparison(
        rows=rows,
        only_baseline=tuple(m for k, m in before.items() if k not in matched),
        only_new=tuple(m for k, m in after.items() if k not in matched),
        predictions_without_result=tuple(m for k, m in predicted.items() if k not in matched),
    )


def _comparable(a: Measure, b: Measure) -> bool:
    """A count compares with a count; a value with a value in the same unit."""
    if a.is_count != b.is_count:
        return False
    return a.is_count or (a.unit or "") == (b.unit or "")
