"""Migrations m010 onwards: the tables beside the six steps (the agreement, promises and notes,
conversations, observations, sorted evidence and attachments).

Append-only like ``tpcycle.store.migrations``, which registers these after its own, in the
order of ``LATER``.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database


def m010_agreements(db: Database) -> None:
    # A pair's agreement, one row per change (rows are never updated, so two machines merge
    # them by uid). ``pair`` is the two names folded, as tpcycle compares names.
    db.execute(
        """
        CREATE TABLE agreement_answers (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            pair TEXT NOT NULL,
            teacher TEXT NOT NULL,
            partner TEXT NOT NULL,
            key TEXT NOT NULL,
            part TEXT NOT NULL DEFAULT '' CHECK (part IN ('', 'teacher', 'partner')),
            question TEXT NOT NULL,
            text TEXT NOT NULL,
            author TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('teacher', 'partner', 'other')),
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX agreement_answers_by_pair ON agreement_answers (pair, created_at)")


def m011_between_meetings(db: Database) -> None:
    # What happens between meetings: promises with an owner and a day (kept or dropped), and
    # short notes, questions for the other person and their answers. Tables of their own, not
    # entries: they are not one of the six steps, and the checks read only entries.
    db.execute(
        "CREATE TABLE promises (id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE,"
        " cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,"
        " text TEXT NOT NULL, owner TEXT NOT NULL, owner_role TEXT NOT NULL, due TEXT,"
        " state TEXT NOT NULL DEFAULT 'open', state_at TEXT, author TEXT NOT NULL,"
        " role TEXT NOT NULL, created_at TEXT NOT NULL, entry_uid TEXT)"
    )
    db.execute("CREATE INDEX promises_by_cycle ON promises (cycle_id, state, due)")
    db.execute(
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE,"
        " cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,"
        " kind TEXT NOT NULL, author TEXT NOT NULL, role TEXT NOT NULL, text TEXT NOT NULL,"
        " created_at TEXT NOT NULL, reply_to TEXT)"
    )
    db.execute("CREATE INDEX notes_by_cycle ON notes (cycle_id, created_at)")
    db.execute("CREATE INDEX notes_by_reply ON notes (reply_to)")


def m012_conversations(db: Database) -> None:
    # Conversations held beside the six steps (a pre-observation conference, a debrief), in
    # their own tables so nothing that reads the steps ever sees their answers.
    db.execute(
        """
        CREATE TABLE conversations (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uid TEXT NOT NULL UNIQUE,
            cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
            protocol TEXT NOT NULL,
            protocol_version TEXT NOT NULL,
            title TEXT NOT NULL,
            started_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX conversations_by_cycle ON conversations (cycle_id)")
    db.execute(
        """
        CREATE TABLE conversation_answers (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uid TEXT NOT NULL UNIQUE,
            conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            section TEXT NOT NULL,
            question TEXT NOT NULL,
            author TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('teacher', 'partner', 'other')),
            text TEXT NOT NULL,
            private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
            created_at TEXT NOT NULL,
            updated_at TEXT
        )
        """
    )
    db.execute(
        "CREATE INDEX conversation_answers_by_conversation"
        " ON conversation_answers (conversation_id, created_at)"
    )


def m013_observations(db: Database) -> None:
    # An observation in progress (`tpcycle observe`): its keys and the events so far, each
    # written as it happens so a crash loses nothing. ``step`` is set by --baseline / --new;
    # empty, the usual rule decides when it is saved. Saving it makes an evidence entry and
    # deletes both rows, so a student's name in a who-spoke event is kept only in the entry.
    db.execute(
        """CREATE TABLE observations (
            id INTEGER PRIMARY KEY,
            cycle_id INTEGER NOT NULL REFERENCES cycles(id) ON DELETE CASCADE,
            setup TEXT NOT NULL,
            step TEXT CHECK (step IN ('evidence', 'new_evidence')),
            author TEXT,
            private INTEGER NOT NULL DEFAULT 0,
            happened_at TEXT,
            started_at TEXT NOT NULL,
            seconds REAL NOT NULL DEFAULT 0
        )"""
    )
    db.execute(
        """CREATE TABLE observation_events (
            id INTEGER PRIMARY KEY,
            observation_id INTEGER NOT NULL REFERENCES observations(id) ON DELETE CASCADE,
            seconds REAL NOT NULL,
            kind TEXT NOT NULL,
            key TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX observations_by_cycle ON observations (cycle_id)")
    db.execute(
        "CREATE INDEX observation_events_in_order ON observation_events (observation_id, id)"
    )


def m014_student_piles_and_attachments(db: Database) -> None:
    # Each student's pile in a sorted piece of evidence (exit tickets sorted into got it /
    # partly / not yet). A student is kept by their roster alias, which is never reused, so
    # these tables hold no names; the entry's group measures summarise them. ``sorts`` keeps
    # the piles in order (a pile may be empty), ``student_piles`` one row per student: the
    # pile, its position among the piles (0 the first), and the student's result when the
    # pile came from one (a CSV of exit-ticket results). Nothing here is about the teacher.
    # A sort that came in a bundle is marked: its aliases are the other machine's, so they
    # are never looked up in this machine's roster.
    db.execute(
        """
        CREATE TABLE sorts (
            entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
            piles TEXT NOT NULL,
            sorted_at TEXT NOT NULL,
            from_bundle INTEGER NOT NULL DEFAULT 0 CHECK (from_bundle IN (0, 1))
        )
        """
    )
    db.execute(
        """
        CREATE TABLE student_piles (
            id INTEGER PRIMARY KEY,
            entry_id INTEGER NOT NULL REFERENCES sorts(entry_id) ON DELETE CASCADE,
            alias TEXT NOT NULL,
            pile TEXT NOT NULL,
            position INTEGER NOT NULL CHECK (position >= 0),
            result REAL,
            UNIQUE (entry_id, alias)
        )
        """
    )
    # Student work kept with evidence: each file's bytes once, by their SHA-256 (the same photo
    # attached twice is stored once), and which entry holds which file under what name. When
    # the last entry holding a file goes, so do its bytes (secure delete overwrites them).
    db.execute(
        """
        CREATE TABLE blobs (
            sha256 TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            size INTEGER NOT NULL CHECK (size >= 0),
            bytes BLOB NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE attachments (
            id INTEGER PRIMARY KEY,
            entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
            sha256 TEXT NOT NULL REFERENCES blobs(sha256),
            name TEXT NOT NULL,
            added_at TEXT NOT NULL,
            UNIQUE (entry_id, sha256)
        )
        """
    )
    db.execute("CREATE INDEX attachments_by_blob ON attachments (sha256)")
    db.execute(
        """
        CREATE TRIGGER attachments_last_one_gone AFTER DELETE ON attachments
        WHEN NOT EXISTS (SELECT 1 FROM attachments WHERE sha256 = old.sha256)
        BEGIN DELETE FROM blobs WHERE sha256 = old.sha256; END
        """
    )


LATER: tuple[Callable[[Database], None], ...] = (
    m010_agreements,
    m011_between_meetings,
    m012_conversations,
    m013_observations,
    m014_student_piles_and_attachments,
)
