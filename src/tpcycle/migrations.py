"""The journal's schema history. Append-only: never edit a migration that has shipped."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("tpcycle")


@migrations()
def m001_initial(db: Database) -> None:
    # Raw SQL so the CHECK constraints and foreign keys are exactly as written here.
    db.execute(
        """
        CREATE TABLE cycles (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            goal TEXT NOT NULL,
            teacher TEXT NOT NULL,
            partner TEXT NOT NULL,
            protocol TEXT NOT NULL,
            protocol_version TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
            created_at TEXT NOT NULL,
            closed_at TEXT
        )
        """
    )
    db.execute(
        """
        CREATE TABLE entries (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
            step TEXT NOT NULL CHECK (step IN ('goal', 'evidence', 'interpretation',
                                               'move', 'new_evidence', 'reflection')),
            author TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('teacher', 'partner', 'other')),
            text TEXT NOT NULL,
            question TEXT,
            private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX entries_by_cycle ON entries (cycle_id, step)")
    db.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


def known_names() -> frozenset[str]:
    """Every migration this version of tpcycle knows, to spot a journal from a newer one."""
    return frozenset(m.name for m in migrations.pending(Database(memory=True)))


@migrations()
def m002_measures(db: Database) -> None:
    # Numbers attached to evidence (baseline or new) and predictions attached to moves.
    db.execute(
        """
        CREATE TABLE measures (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
            cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
            step TEXT NOT NULL CHECK (step IN ('evidence', 'new_evidence', 'move')),
            name TEXT NOT NULL,
            value REAL NOT NULL,
            total REAL CHECK (total IS NULL OR (total > 0 AND value >= 0 AND value <= total)),
            unit TEXT
        )
        """
    )
    db.execute("CREATE INDEX measures_by_entry ON measures (entry_id)")
    db.execute("CREATE INDEX measures_by_cycle ON measures (cycle_id)")


@migrations()
def m003_students_and_edits(db: Database) -> None:
    # The roster of student names kept on this machine, each with a stable alias for anything
    # shared; and when an entry's text was last changed.
    db.execute(
        """
        CREATE TABLE students (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,
            alias TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute("ALTER TABLE entries ADD COLUMN updated_at TEXT")
