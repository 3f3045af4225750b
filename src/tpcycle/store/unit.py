"""A unit of work: one open transaction and the tables a use case reads and writes through it."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from tpcycle.store.agreements import Agreements
from tpcycle.store.attached import Attachments
from tpcycle.store.between import Notes, Promises
from tpcycle.store.conversations import Conversations
from tpcycle.store.observations import Observations
from tpcycle.store.piles import Piles
from tpcycle.store.records import Cycles, Entries, Settings
from tpcycle.store.roster import Students
from tpcycle.store.search import Index
from tpcycle.store.stats import Stats
from tpcycle.store.sync import SyncBook


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
        self.promises = Promises(conn)
        self.notes = Notes(conn)
        self.conversations = Conversations(conn)
        self.observations = Observations(conn)
        self.agreements = Agreements(conn)
        self.piles = Piles(conn)
        self.attachments = Attachments(conn)
