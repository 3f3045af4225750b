"""Plain aggregates over the whole journal, counted by SQLite (the history use case reads them)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from tpcycle.domain import STEPS, Measure, Step

_LATEST = "(SELECT id FROM cycles ORDER BY id DESC LIMIT ?)"


class Stats:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def cycles_by_status(self) -> dict[str, int]:
        rows = self.conn.execute("SELECT status, count(*) FROM cycles GROUP BY status")
        return {str(status): int(count) for status, count in rows.fetchall()}

    def started_by_month(self) -> dict[str, int]:
        rows = self.conn.execute(
            "SELECT substr(created_at, 1, 7), count(*) FROM cycles GROUP BY 1 ORDER BY 1"
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
        # coalesce stops at the first value, so the look-up into entries happens for open
        # cycles only.
        rows = self.conn.execute(
            "SELECT julianday(coalesce(closed_at, (SELECT max(e.created_at) FROM entries e"
            " WHERE e.cycle_id = c.id), created_at)) - julianday(created_at) FROM cycles c"
        )
        return [max(0.0, float(days)) for (days,) in rows.fetchall()]

    def closed_without(self) -> dict[Step, int]:
        """Per step, how many closed cycles have nothing in it: one pass, an index probe each."""
        missing = ", ".join(
            "sum(NOT EXISTS (SELECT 1 FROM entries e WHERE e.cycle_id = c.id AND e.step = ?))"
            for _ in STEPS
        )
        counts = self.conn.execute(
            f"SELECT {missing} FROM cycles c WHERE status = 'closed'", [s.value for s in STEPS]
        ).fetchone()
        return {step: int(n or 0) for step, n in zip(STEPS, counts, strict=True)}

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
