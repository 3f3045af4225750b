"""A unit of work: one open transaction and the tables a use case reads and writes through it."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING

from tpcycle.store.records import Cycles, Entries, Settings
from tpcycle.store.roster import Students
from tpcycle.store.search import Index
from tpcycle.store.stats import Stats
from tpcycle.store.sync import SyncBook

if TYPE_CHECKING:
    from tpcycle.store.agreements import Agreements
    from tpcycle.store.attached import Attachments
    from tpcycle.store.between import Notes, Promises
    from tpcycle.store.conversations import Conversations
    from tpcycle.store.observations import Observations
    from tpcycle.store.piles import Piles


class UnitOfWork:
    """Handed out by ``Journal.write()`` / ``Journal.read()`` only, so every access is inside a
    transaction. ``now`` is the action's one timestamp (UTC, ISO 8601)."""

    def __init__(self, conn: sqlite3.Connection, started: datetime, *, writable: bool) -> None:
        self.writable = writable
        self.started = started
        self.now = started.strftime("%Y-%m-%dT%H:%M:%SZ")
        self.cycles = Cycles(conn)
        self.entries = Entries(conn)
        self.settings = Settings(conn)
        self.students = Students(conn)
        self.sync = SyncBook(conn)
        self.index = Index(conn)
        self.stats = Stats(conn)
        self._conn = conn

    # The tables beside the six steps load with their first use, so that writing an entry
    # does not import the modules of promises, conversations, observations and attachments.
    @cached_property
    def promises(self) -> Promises:
        from tpcycle.store.between import Promises

        return Promises(self._conn)

    @cached_property
    def notes(self) -> Notes:
        from tpcycle.store.between import Notes

        return Notes(self._conn)

    @cached_property
    def conversations(self) -> Conversations:
        from tpcycle.store.conversations import Conversations

        return Conversations(self._conn)

    @cached_property
    def observations(self) -> Observations:
        from tpcycle.store.observations import Observations

        return Observations(self._conn)

    @cached_property
    def agreements(self) -> Agreements:
        from tpcycle.store.agreements import Agreements

        return Agreements(self._conn)

    @cached_property
    def piles(self) -> Piles:
        from tpcycle.store.piles import Piles

        return Piles(self._conn)

    @cached_property
    def attachments(self) -> Attachments:
        from tpcycle.store.attached import Attachments

        return Attachments(self._conn)
