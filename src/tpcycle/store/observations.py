"""Observations in progress and their events, written one by one as they happen."""

from __future__ import annotations

import json
from dataclasses import dataclass

from tpcycle.domain import Step
from tpcycle.observation import Event, Kind, Setup
from tpcycle.store.records import Table


@dataclass(frozen=True)
class Open:
    """An observation not yet saved as evidence: where it goes, its keys, how far it got."""

    id: int
    cycle_id: int
    setup: Setup
    step: Step | None  # --baseline / --new; None: the usual rule, when it is saved
    author: str | None
    private: bool
    happened_at: str | None
    started_at: str
    seconds: float  # the time since the start it last reached


class Observations(Table):
    _COLUMNS = "id, cycle_id, setup, step, author, private, happened_at, started_at, seconds"

    def add(
        self,
        *,
        cycle_id: int,
        setup: Setup,
        step: Step | None,
        author: str | None,
        private: bool,
        happened_at: str | None,
        at: str,
    ) -> int:
        return self._insert(
            "observations",
            {
                "cycle_id": cycle_id,
                "setup": json.dumps(setup.to_dict(), ensure_ascii=False),
                "step": None if step is None else step.value,
                "author": author,
                "private": int(private),
                "happened_at": happened_at,
                "started_at": at,
                "seconds": 0.0,
            },
        )

    def current(self) -> Open | None:
        """The observation still open (the latest, should there be several)."""
        row = self.conn.execute(
            f"SELECT {self._COLUMNS} FROM observations ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        return Open(
            id=int(row[0]),
            cycle_id=int(row[1]),
            setup=Setup.from_dict(json.loads(row[2])),
            step=None if row[3] is None else Step(row[3]),
            author=row[4],
            private=bool(row[5]),
            happened_at=row[6],
            started_at=str(row[7]),
            seconds=float(row[8]),
        )

    def events(self, observation_id: int) -> list[Event]:
        rows = self.conn.execute(
            "SELECT id, seconds, kind, key, text FROM observation_events"
            " WHERE observation_id = ? ORDER BY id",
            [observation_id],
        ).fetchall()
        return [Event(float(r[1]), Kind(r[2]), str(r[3]), str(r[4]), int(r[0])) for r in rows]

    def add_event(self, observation_id: int, event: Event, at: str) -> Event:
        new_id = self._insert(
            "observation_events",
            {
                "observation_id": observation_id,
                "seconds": event.seconds,
                "kind": event.kind.value,
                "key": event.key,
                "text": event.text,
                "created_at": at,
            },
        )
        self.reached(observation_id, event.seconds)
        return Event(event.seconds, event.kind, event.key, event.text, new_id)

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
