"""Plain aggregates over the whole journal, counted by SQLite (the history use case reads them)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from tpcycle.domain import STEPS, Measure, Role, Step

_LATEST = "(SELECT id FROM cycles ORDER BY id DESC LIMIT ?)"


class Stats:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    # Each count below reads one small index in order (migration m009_scale), not the cycles'
    # text nor their entries.

    def cycles_by_status(self) -> dict[str, int]:
        rows = self.conn.execute("SELECT status, count(*) FROM cycles GROUP BY status")
        return {str(status): int(count) for status, count in rows.fetchall()}

    def started_by_month(self) -> dict[str, int]:
        rows = self.conn.execute(
            "SELECT substr(created_at, 1, 7), count(*) FROM cycles INDEXED BY cycles_by_month"
            " GROUP BY 1 ORDER BY 1"
        )
        return {str(month): int(count) for month, count in rows.fetchall()}

    def started_by_month_and_edge(self, length: int) -> dict[str, int]:
        """Cycles started, by UTC month (``2026-11``); those started near a month's edge (the
        first 12 hours of its first day, the last 14 of its last day, where a time zone can put
        them in the month before or after) by the first ``length`` characters of their stamp
        instead (13: the hour), for the caller to place in the reader's month."""
        near_edge = (
            "(substr(created_at, 9, 2) = '01' AND substr(created_at, 12, 2) < '12')"
            " OR (substr(created_at, 9, 2) >= '28' AND substr(created_at, 12, 2) >= '10'"
            " AND substr(date(created_at, '+1 day'), 9, 2) = '01')"
        )
        rows = self.conn.execute(
            f"SELECT CASE WHEN {near_edge} THEN substr(created_at, 1, ?)"
            " ELSE substr(created_at, 1, 7) END, count(*) FROM cycles GROUP BY 1",
            [length],
        )
        return {str(prefix): int(count) for prefix, count in rows.fetchall()}

    def days_per_cycle(self) -> list[float]:
        """How long each cycle ran: to its close, or for an open one to its latest entry."""
        return [float(d) for (d,) in self.conn.execute("SELECT ran FROM cycles ORDER BY id")]

    def days_ran(self) -> tuple[float, float, float] | None:
        """The shortest, median and longest time a cycle ran (None: no cycles), read from the
        index on it: a few look-ups and a walk to the middle, whatever the number of cycles."""
        total = int(self.conn.execute("SELECT count(*) FROM cycles").fetchone()[0])
        if not total:
            return None
        in_order = "SELECT ran FROM cycles INDEXED BY cycles_by_ran ORDER BY ran"
        middle = [
            float(d)
            for (d,) in self.conn.execute(
                f"{in_order} LIMIT ? OFFSET ?", [2 - total % 2, (total - 1) // 2]
            )
        ]
        shortest = float(self.conn.execute(f"{in_order} LIMIT 1").fetchone()[0])
        longest = float(self.conn.execute(f"{in_order} DESC LIMIT 1").fetchone()[0])
        return shortest, sum(middle) / len(middle), longest

    def closed_without(self) -> dict[Step, int]:
        """Per step, how many closed cycles have nothing in it (each cycle's steps are bits)."""
        counts = dict.fromkeys(STEPS, 0)
        for steps, n in self.conn.execute(
            "SELECT steps, count(*) FROM cycles INDEXED BY cycles_by_steps"
            " WHERE status = 'closed' GROUP BY steps"
        ):
            for bit, step in enumerate(STEPS):
                if not int(steps) & (1 << bit):
                    counts[step] += int(n)
        return counts

    def recent_measures(self, recent: int) -> Iterator[tuple[int, str, Step, Measure]]:
        """(cycle id, goal, step, measure) for the latest ``recent`` cycles, in entry order."""
        for r in self.conn.execute(
            "SELECT m.cycle_id, c.goal, m.step, m.name, m.value, m.total, m.unit FROM"
            f" measures m JOIN cycles c ON c.id = m.cycle_id WHERE m.cycle_id IN {_LATEST}"
            " ORDER BY m.entry_id, m.id",
            [recent],
        ):
            yield int(r[0]), str(r[1]), Step(r[2]), Measure(str(r[3]), float(r[4]), r[5], r[6])

    def recent_moves(self, recent: int) -> Iterator[tuple[int, str]]:
        """(cycle id, text) of the shareable moves of the latest ``recent`` cycles."""
        for r in self.conn.execute(
            "SELECT cycle_id, text FROM entries WHERE step = 'move' AND private = 0"
            f" AND cycle_id IN {_LATEST}",
            [recent],
        ):
            yield int(r[0]), str(r[1])

    def table_counts(self) -> dict[str, int]:
        return {
            table: int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in ("cycles", "entries", "measures", "students")
        }

    def ideas_by_voice(self, recent: int) -> Iterator[tuple[int, str, Step, Role, int]]:
        """(cycle id, started, step, role, entries) for the interpretations and moves of the
        latest ``recent`` cycles; a cycle with neither gives one row with no step."""
        for r in self.conn.execute(
            "SELECT c.id, c.created_at, e.step, e.role, count(e.id) FROM cycles c"
            " LEFT JOIN entries e ON e.cycle_id = c.id AND e.step IN ('interpretation', 'move')"
            f" WHERE c.id IN {_LATEST} GROUP BY c.id, e.step, e.role",
            [recent],
        ):
            step = Step.GOAL if r[2] is None else Step(r[2])  # GOAL: nothing counted
            yield int(r[0]), str(r[1]), step, Role(r[3] or Role.OTHER.value), int(r[4])
