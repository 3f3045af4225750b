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

from tpcycle.domain import Entry, Measure, Step, measure_key
from tpcycle.errors import InvalidInput

_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"
_COUNT = re.compile(rf"^\s*({_NUMBER})\s*/\s*({_NUMBER})\s*$")
_VALUE = re.compile(rf"^\s*({_NUMBER})\s*([^\d\s/=][^/=]{{0,19}})?\s*$")
MAX_NAME = 60


def parse_measure(text: str) -> Measure:
    """``NAME=COUNT/TOTAL`` or ``NAME=VALUE[UNIT]``; anything else is a clear error."""
    name, sep, amount = text.partition("=")
    name = " ".join(name.split())
    if not sep:
        raise InvalidInput(
            f"The measure '{text}' has no '='; write it like 'gave a reason=6/24' or"
            " 'talk minutes=4.5min'."
        )
    if not name:
        raise InvalidInput(f"The measure '{text}' has no name before the '='.")
    if len(name) > MAX_NAME:
        raise InvalidInput(f"The measure name '{name[:20]}...' is longer than {MAX_NAME} letters.")
    count = _COUNT.match(amount)
    if count:
        value, total = float(count.group(1)), float(count.group(2))
        if total <= 0:
            raise InvalidInput(f"In '{text}' the total must be more than 0.")
        if value < 0 or value > total:
            raise InvalidInput(f"In '{text}' the count must be between 0 and the total.")
        return Measure(name, value, total)
    plain = _VALUE.match(amount)
    if plain:
        value = float(plain.group(1))
        if not math.isfinite(value):  # pragma: no cover - the pattern admits only digits
            raise InvalidInput(f"In '{text}' the value is not a number.")
        unit = (plain.group(2) or "").strip() or None
        return Measure(name, value, None, unit)
    raise InvalidInput(
        f"'{amount.strip()}' in '{text}' is not a number; use a count like 6/24 or a value"
        " like 4.5 or 4.5min."
    )


def parse_groups(text: str) -> tuple[Measure, ...]:
    """``got it=9,partly=11,not yet=4``: one count per group, each out of the sum of all."""
    parts = [p for p in (part.strip() for part in text.split(",")) if p]
    if not parts:
        raise InvalidInput("--groups is empty; write it like 'got it=9,partly=11,not yet=4'.")
    named: list[tuple[str, float]] = []
    for part in parts:
        measure = parse_measure(part)
        if measure.is_count or measure.unit or not float(measure.value).is_integer():
            raise InvalidInput(f"In --groups, '{part}' must be a whole number of students.")
        if measure.value < 0:
            raise InvalidInput(f"In --groups, '{part}' cannot be negative.")
        named.append((measure.name, measure.value))
    keys = [measure_key(name) for name, _ in named]
    if len(set(keys)) != len(keys):
        raise InvalidInput("--groups names the same group twice.")
    total = sum(value for _, value in named)
    if total <= 0:
        raise InvalidInput("--groups needs at least one student in some group.")
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
