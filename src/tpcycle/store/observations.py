"""Observations in progress and their events, written one by one as they happen.

Rows go in and out as plain values (the use case makes them an ``Observation``), so that opening
a unit of work, which every command does, does not load the observation model.
"""

from __future__ import annotations

import json
from typing import Any, NamedTuple

from tpcycle.store.records import Table


class OpenRow(NamedTuple):
    """An observation not yet saved as evidence: where it goes, its keys, how far it got."""

    id: int
    cycle_id: int
    setup: dict[str, Any]  # observation.Setup.to_dict()
    step: str | None  # --baseline / --new; None: the usual rule, when it is saved
    author: str | None
    private: bool
    happened_at: str | None
    started_at: str
    seconds: float  # the time since the start it last reached


class EventRow(NamedTuple):
    id: int
    seconds: float
    kind: str
    key: str
    text: str


class Observations(Table):
    _COLUMNS = "id, cycle_id, setup, step, author, private, happened_at, started_at, seconds"

    def add(
        self,
        *,
        cycle_id: int,
        setup: dict[str, Any],
        step: str | None,
        author: str | None,
        private: bool,
        happened_at: str | None,
        at: str,
    ) -> int:
        return self._insert(
            "observations",
            {
                "cycle_id": cycle_id,
                "setup": json.dumps(setup, ensure_ascii=False),
                "step": step,
                "author": author,
                "private": int(private),
                "happened_at": happened_at,
                "started_at": at,
                "seconds": 0.0,
            },
        )

    def current(self) -> OpenRow | None:
        """The observation still open (the latest, should there be several)."""
        row = self.conn.execute(
            f"SELECT {self._COLUMNS} FROM observations ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        return OpenRow(
            int(row[0]),
            int(row[1]),
            json.loads(row[2]),
            row[3],
            row[4],
            bool(row[5]),
            row[6],
            str(row[7]),
            float(row[8]),
        )

    def events(self, observation_id: int) -> list[EventRow]:
        rows = self.conn.execute(
            "SELECT id, seconds, kind, key, text FROM observation_events"
            " WHERE observation_id = ? ORDER BY id",
            [observation_id],
        ).fetchall()
        return [EventRow(int(r[0]), float(r[1]), str(r[2]), str(r[3]), str(r[4])) for r in rows]

    def add_event(
        self, observation_id: int, *, seconds: float, kind: str, key: str, text: str, at: str
    ) -> int:
        new_id = self._insert(
            "observation_events",
            {
                "observation_id": observation_id,
                "seconds": seconds,
                "kind": kind,
                "key": key,
                "text": text,
                "created_at": at,
            },
        )
        self.reached(observation_id, seconds)
        return new_id

    def delete_event(self, event_id: int) -> None:
        self.conn.execute("DELETE FROM observation_events WHERE id = ?", [event_id])

    def reached(self, observation_id: int, seconds: float) -> None:
        """Remember how far the clock got, so a resumed observation goes on from there."""
        self.conn.execute(
            "UPDATE observations SET seconds = max(seconds, ?) WHERE id = ?",
            [seconds, observation_id],
        )

    def delete(self, observation_id: int) -> None:
        self.conn.execute("DELETE FROM observations WHERE id = ?", [observation_id])
