"""Sorted evidence: each entry's piles in order, and the pile each student (by alias) is in."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from tpcycle.store.records import Table, within


@dataclass(frozen=True)
class StoredSort:
    entry_id: int
    piles: tuple[str, ...]
    placed: tuple[tuple[str, int, float | None], ...]  # (alias, rank, score)
    from_bundle: bool = False  # the other machine's aliases: never looked up in this roster


class Piles(Table):
    """The ``sorts`` and ``student_piles`` tables."""

    def replace(
        self,
        entry_id: int,
        piles: Sequence[str],
        placed: Sequence[tuple[str, int, float | None]],
        at: str,
        *,
        from_bundle: bool = False,
    ) -> bool:
        """Store an entry's sort, replacing any it had; True when one was replaced."""
        had = self.conn.execute("DELETE FROM sorts WHERE entry_id = ?", [entry_id]).rowcount > 0
        self.conn.execute("DELETE FROM student_piles WHERE entry_id = ?", [entry_id])
        self.conn.execute(
            "INSERT INTO sorts (entry_id, piles, sorted_at, from_bundle) VALUES (?, ?, ?, ?)",
            [entry_id, json.dumps(list(piles), ensure_ascii=False), at, int(from_bundle)],
        )
        self.conn.executemany(
            "INSERT INTO student_piles (entry_id, alias, pile, position, result)"
            " VALUES (?, ?, ?, ?, ?)",
            [(entry_id, alias, piles[rank], rank, score) for alias, rank, score in placed],
        )
        return had

    def of_entries(self, entry_ids: Sequence[int]) -> dict[int, StoredSort]:
        """The sorts these entries have, by entry number."""
        if not entry_ids:
            return {}
        scope, params = within(entry_ids)
        heads = self.conn.execute(
            f"SELECT entry_id, piles, from_bundle FROM sorts WHERE entry_id {scope}", params
        ).fetchall()
        placed: dict[int, list[tuple[str, int, float | None]]] = {}
        for entry_id, alias, rank, score in self.conn.execute(
            f"SELECT entry_id, alias, position, result FROM student_piles WHERE entry_id {scope}"
            " ORDER BY id",
            params,
        ):
            placed.setdefault(int(entry_id), []).append(
                (str(alias), int(rank), None if score is None else float(score))
            )
        return {
            int(entry_id): StoredSort(
                int(entry_id),
                tuple(json.loads(piles)),
                tuple(placed.get(int(entry_id), ())),
                bool(from_bundle),
            )
            for entry_id, piles, from_bundle in heads
        }
