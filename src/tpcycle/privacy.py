"""Keeping students' names on the teacher's machine: stable aliases and redaction. Pure.

A roster maps each student's name to an alias (Student A, Student B, ...). Anything that
leaves the machine (exports, shared bundles) has roster names replaced by aliases: whole words
only, in any case, with possessives, and whether accented letters were typed composed or
decomposed. The mapping itself never appears in anything shared.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import replace

from tpcycle.domain import Cycle, Entry
from tpcycle.errors import InvalidInput

MAX_NAME = 80


def normal(text: str) -> str:
    """One Unicode form for comparing and matching (é typed as one or two code points)."""
    return unicodedata.normalize("NFC", text)


def clean_student_name(name: str) -> str:
    cleaned = " ".join(normal(name).split())
    if not cleaned:
        raise InvalidInput("A student's name cannot be empty.")
    if len(cleaned) > MAX_NAME:
        raise InvalidInput(f"The name '{cleaned[:20]}...' is longer than {MAX_NAME} letters.")
    if not any(ch.isalpha() for ch in cleaned):
        raise InvalidInput(f"'{cleaned}' does not look like a name; it has no letters.")
    return cleaned


def alias_for(number: int) -> str:
    """0 -> Student A, 25 -> Student Z, 26 -> Student AA: short, stable, never reused."""
    letters = ""
    n = number
    while True:
        n, rest = divmod(n, 26)
        letters = chr(ord("A") + rest) + letters
        if n == 0:
            return f"Student {letters}"
        n -= 1


class Redactor:
    """Replaces roster names with their aliases in any text."""

    def __init__(self, roster: Mapping[str, str]) -> None:
        names = [" ".join(normal(name).split()) for name in roster]
        self.roster = {
            name_key(name): alias for name, alias in zip(names, roster.values(), strict=True)
        }
        # Longest names first, so "Mary Ann" wins over "Mary".
        names.sort(key=len, reverse=True)
        parts = [r"\s+".join(re.escape(word) for word in name.split()) for name in names]
        self.pattern = (
            re.compile(r"(?<!\w)(" + "|".join(parts) + r")(?!\w)", re.IGNORECASE) if parts else None
        )

    def text(self, text: str) -> str:
        if self.pattern is None:
            return text
        return self.pattern.sub(self._alias, normal(text))

    def _alias(self, match: re.Match[str]) -> str:
        return self.roster[name_key(match.group(0))]

    def cycle(self, cycle: Cycle) -> Cycle:
        if self.pattern is None:
            return cycle
        return replace(
            cycle,
            goal=self.text(cycle.goal),
            entries=tuple(self.entry(e) for e in cycle.entries),
        )

    def entry(self, entry: Entry) -> Entry:
        if self.pattern is None:
            return entry
        return replace(
            entry,
            text=self.text(entry.text),
            question=None if entry.question is None else self.text(entry.question),
            measures=tuple(replace(m, name=self.text(m.name)) for m in entry.measures),
        )


def name_key(name: str) -> str:
    """How two spellings of one name compare: case and spacing ignored."""
    return " ".join(name.casefold().split())


def redact_cycles(cycles: Iterable[Cycle], roster: Mapping[str, str]) -> list[Cycle]:
    redactor = Redactor(roster)
    return [redactor.cycle(c) for c in cycles]
