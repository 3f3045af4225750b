"""Sorts in a bundle: an optional top-level ``sorts`` list, one object per sorted entry the
bundle shares, students by alias only. Pure.

Outside the bundle's checksum, like ``attachments``, so an older tpcycle imports the entries
and leaves the sorts out. Aliases are the sharing machine's: the importing machine keeps them
marked as such and never looks them up in its own roster.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from tpcycle.bundle_fields import FieldChecker
from tpcycle.sortcsv import MAX_ROWS
from tpcycle.sorting import MAX_PILE_NAME, MAX_PILES

FIELD = "sorts"
MAX_ALIAS = 40


@dataclass(frozen=True)
class IncomingSort:
    entry_uid: str
    piles: tuple[str, ...]
    placed: tuple[tuple[str, int], ...]  # (alias, position)


def sorts_field(sorts: Iterable[tuple[str, Sequence[str], Sequence[tuple[str, int]]]]) -> list[Any]:
    """The ``sorts`` list for (entry uid, piles, [(alias, position)]) triples."""
    return [
        {
            "entry": uid,
            "piles": list(piles),
            "students": [{"alias": alias, "pile": position} for alias, position in placed],
        }
        for uid, piles, placed in sorts
    ]


def read_sorts(value: Any, entry_uids: set[str], check: FieldChecker) -> tuple[IncomingSort, ...]:
    """The sorts of a bundle, each checked; absent (an older tpcycle, or none): none."""
    if value is None:
        return ()
    found: list[IncomingSort] = []
    seen: set[str] = set()
    for i, item in enumerate(check.list(value, FIELD)):
        field = f"{FIELD}[{i}]"
        record = check.object(item, field)
        uid = check.string(check.key(record, "entry", field), f"{field}.entry")
        if uid not in entry_uids:
            check.fail(f"{field}.entry", "is not an entry in this bundle")
        if uid in seen:
            check.fail(f"{field}.entry", "is sorted twice")
        seen.add(uid)
        piles = check.list(check.key(record, "piles", field), f"{field}.piles")
        if not 2 <= len(piles) <= MAX_PILES:
            check.fail(f"{field}.piles", f"must name 2 to {MAX_PILES} piles")
        names = tuple(
            check.name(p, f"{field}.piles[{n}]")[:MAX_PILE_NAME] for n, p in enumerate(piles)
        )
        students = check.list(check.key(record, "students", field), f"{field}.students")
        if len(students) > MAX_ROWS:
            check.fail(f"{field}.students", f"holds more than {MAX_ROWS} students")
        placed: dict[str, int] = {}
        for n, student in enumerate(students):
            where = f"{field}.students[{n}]"
            one = check.object(student, where)
            alias = check.name(check.key(one, "alias", where), f"{where}.alias")
            if len(alias) > MAX_ALIAS or alias in placed:
                check.fail(f"{where}.alias", "is too long or given twice")
            position = check.key(one, "pile", where)
            if type(position) is not int or not 0 <= position < len(names):
                check.fail(f"{where}.pile", f"must be a whole number from 0 to {len(names) - 1}")
            placed[alias] = position
        found.append(IncomingSort(uid, names, tuple(placed.items())))
    return tuple(found)
