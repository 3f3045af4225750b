"""An observation tally: keys pressed for things seen, turned into evidence. Pure, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field

from tpcycle.domain import Measure, number
from tpcycle.errors import InvalidInput
from tpcycle.screen import Cell, View

RESERVED = {"q": "save and quit", "u": "undo the last press"}


@dataclass(frozen=True)
class Code:
    key: str
    label: str


def parse_codes(specs: list[str]) -> tuple[Code, ...]:
    """``o="open question"`` -> the key o counts open questions."""
    codes: list[Code] = []
    for spec in specs:
        key, sep, label = spec.partition("=")
        key, label = key.strip(), " ".join(label.split())
        if not sep or not label:
            raise InvalidInput(
                f"'{spec}' needs a key and what it counts, like o=\"open question\"."
            )
        if len(key) != 1 or not key.isprintable() or key.isspace():
            raise InvalidInput(f"In '{spec}' the key must be a single letter or digit.")
        if key.lower() in RESERVED:
            raise InvalidInput(f"The key '{key}' is kept for '{RESERVED[key.lower()]}'.")
        if any(c.key == key for c in codes):
            raise InvalidInput(f"The key '{key}' is used twice.")
        if any(c.label.casefold() == label.casefold() for c in codes):
            raise InvalidInput(f"'{label}' is counted by two keys.")
        codes.append(Code(key, label))
    if not codes:
        raise InvalidInput('Name at least one thing to count, like o="open question".')
    return tuple(codes)


@dataclass
class Tally:
    codes: tuple[Code, ...]
    presses: list[str] = field(default_factory=list)

    def press(self, key: str) -> bool:
        """Count a key press; False when the key counts nothing."""
        if key == "u":
            if self.presses:
                self.presses.pop()
            return True
        if any(c.key == key for c in self.codes):
            self.presses.append(key)
            return True
        return False

    def counts(self) -> dict[str, int]:
        return {c.label: self.presses.count(c.key) for c in self.codes}

    def line(self, seconds: float) -> str:
        counted = " · ".join(f"{c.key} {c.label}: {self.presses.count(c.key)}" for c in self.codes)
        minutes, secs = divmod(int(seconds), 60)
        return f"{counted} · {minutes}:{secs:02d} · u undo · q save and quit"

    def view(self, seconds: float, title: str) -> View:
        """The live screen (the same layout as `observe`): a cell per code, the hint kept whole."""
        minutes, secs = divmod(int(seconds), 60)
        counts = [f"{c.key} {self.presses.count(c.key)}" for c in self.codes]
        return View(
            title=f"{title} · {minutes}:{secs:02d}",
            cells=tuple(Cell(c.key, c.label, str(self.presses.count(c.key))) for c in self.codes),
            hint=("u undo", "q save and quit"),
            status=" · ".join(["q save", "u undo", f"{minutes}:{secs:02d}", *counts]),
        )

    def measures(self, seconds: float) -> tuple[Measure, ...]:
        minutes = round(seconds / 60, 1)
        counted = tuple(Measure(label, float(n)) for label, n in self.counts().items())
        return (*counted, Measure("minutes observed", minutes, None, "min"))

    def summary(self, seconds: float) -> str:
        minutes = number(round(seconds / 60, 1))
        counted = ", ".join(f"{label} {n}" for label, n in self.counts().items())
        return f"Observation tally over {minutes} minutes: {counted}."
