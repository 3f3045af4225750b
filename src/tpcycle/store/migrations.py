"""The journal's schema history. Append-only: never edit a migration that has shipped.

Loaded only when a journal needs migrating (a new file, or one from an older tpcycle), so that
everyday commands never import sqlite-utils. ``tpcycle.store.journal.MIGRATION_NAMES`` lists
the same names for the everyday check; a test keeps the two in step.
"""

from __future__ import annotations

import re
import sqlite3

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from tpcycle.store import migrations_beside

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


@migrations()
def m004_exchange(db: Database) -> None:
    # Moving cycles between two machines: what each entry looked like when last exchanged,
    # which entry a conflicting copy came from, which cycle a cycle follows on from, and the
    # uids (only) of entries forgotten here, so an import never brings them back.
    db.execute("ALTER TABLE entries ADD COLUMN synced_hash TEXT")
    db.execute("ALTER TABLE entries ADD COLUMN conflict_of TEXT")
    db.execute(
        "ALTER TABLE cycles ADD COLUMN follows INTEGER REFERENCES cycles(id) ON DELETE SET NULL"
    )
    db.execute("CREATE TABLE forgotten (uid TEXT PRIMARY KEY, at TEXT NOT NULL)")
    # Every version (content hash only, never text) an entry has had in an exchange, so a late,
    # older bundle is recognised as older instead of as a conflicting edit.
    db.execute(
        "CREATE TABLE entry_versions (entry_uid TEXT NOT NULL, hash TEXT NOT NULL,"
        " PRIMARY KEY (entry_uid, hash)) WITHOUT ROWID"
    )


@migrations()
def m005_search(db: Database) -> None:
    # Full-text search over entry text. The index holds no copy of the text (external
    # content); triggers keep it in step with every insert, edit and delete.
    db.execute(
        "CREATE VIRTUAL TABLE entries_fts USING fts5(text, content='entries',"
        " content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
    )
    db.execute("INSERT INTO entries_fts (entries_fts) VALUES ('rebuild')")
    db.execute(
        """
        CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
            INSERT INTO entries_fts (rowid, text) VALUES (new.id, new.text);
        END
        """
    )
    db.execute(
        """
        CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
            INSERT INTO entries_fts (entries_fts, rowid, text) VALUES ('delete', old.id, old.text);
        END
        """
    )
    db.execute(
        """
        CREATE TRIGGER entries_fts_update AFTER UPDATE OF text ON entries BEGIN
            INSERT INTO entries_fts (entries_fts, rowid, text) VALUES ('delete', old.id, old.text);
            INSERT INTO entries_fts (rowid, text) VALUES (new.id, new.text);
        END
        """
    )


@migrations()
def m006_roster_rules(db: Database) -> None:
    # How each roster name is looked for: parts never replaced alone (a name part that is also a
    # word the teacher writes), and whether an ordinary-word part counts in lower case too.
    db.execute("ALTER TABLE students ADD COLUMN exempt TEXT NOT NULL DEFAULT '[]'")
    db.execute(
        "ALTER TABLE students ADD COLUMN every_case INTEGER NOT NULL DEFAULT 0"
        " CHECK (every_case IN (0, 1))"
    )


@migrations()
def m007_lesson_dates(db: Database) -> None:
    # When the lesson or conversation an entry is about happened (``--on``), as the writer gave
    # it: a date, or a moment with its UTC offset. Empty: it happened when it was written.
    db.execute("ALTER TABLE entries ADD COLUMN happened_at TEXT")


@migrations()
def m008_entry_numbers(db: Database) -> None:
    # Entry numbers are never given out twice, even after the newest entry is forgotten: the
    # table is rebuilt with AUTOINCREMENT (SQLite cannot add it in place). sqlite-utils'
    # transform() keeps a table's columns but cannot add AUTOINCREMENT, and inside this
    # transaction it refuses a table that measures reference with ON DELETE CASCADE; so the
    # rebuild is SQLite's own recipe, run by ``schema.migrate`` with foreign keys off and
    # checked before it commits. The new table is the old one's own definition (columns added
    # by any earlier migration included); its indexes and search triggers are made again.
    (table,) = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'entries'"
    ).fetchone()
    if "AUTOINCREMENT" in table.upper():
        return
    definition, found = re.subn(
        r"^\s*CREATE TABLE (\"?)entries\1\s*\(\s*id INTEGER PRIMARY KEY",
        "CREATE TABLE entries_renumbered (id INTEGER PRIMARY KEY AUTOINCREMENT",
        table,
        count=1,
        flags=re.IGNORECASE,
    )
    if not found:
        raise ValueError("the entries table does not start with its id column")
    attached = [
        str(sql)
        for (sql,) in db.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'entries'"
            " AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name"
        ).fetchall()
    ]
    before = db.execute("SELECT count(*), coalesce(max(id), 0) FROM entries").fetchone()
    db.execute(definition)
    db.execute("INSERT INTO entries_renumbered SELECT * FROM entries")
    db.execute("DROP TABLE entries")
    # Legacy rename: only the table's own name changes; views or triggers elsewhere that name
    # "entries" are left as they are (they mean the new table) rather than checked mid-rebuild.
    db.execute("PRAGMA legacy_alter_table = ON")
    try:
        db.execute("ALTER TABLE entries_renumbered RENAME TO entries")
    finally:
        db.execute("PRAGMA legacy_alter_table = OFF")
    for sql in attached:
        db.execute(sql)
    after = db.execute("SELECT count(*), coalesce(max(id), 0) FROM entries").fetchone()
    if tuple(after) != tuple(before):
        raise ValueError("entries were lost while renumbering")


# Each step as one bit, so a cycle's steps with something recorded fit in one integer.
_STEP_BIT = (
    "CASE {step} WHEN 'goal' THEN 1 WHEN 'evidence' THEN 2 WHEN 'interpretation' THEN 4"
    " WHEN 'move' THEN 8 WHEN 'new_evidence' THEN 16 WHEN 'reflection' THEN 32 ELSE 0 END"
)


@migrations()
def m009_scale(db: Database) -> None:
    # 'history' counts over every cycle. What it needs of a cycle is kept on the cycle by
    # triggers - which steps have something in them (one bit a step) and how many days it ran
    # (to its close, or while open to its latest entry) - and indexed, so each figure reads a
    # small index in order instead of the cycles' text or their entries.
    db.execute("ALTER TABLE cycles ADD COLUMN steps INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE cycles ADD COLUMN ran REAL NOT NULL DEFAULT 0")
    db.execute(f"UPDATE cycles SET steps = {_steps_of('cycles.id')}, ran = {_RAN}")
    db.execute("CREATE INDEX cycles_by_month ON cycles (substr(created_at, 1, 7))")
    db.execute("CREATE INDEX cycles_by_steps ON cycles (status, steps)")
    db.execute("CREATE INDEX cycles_by_ran ON cycles (ran)")
    bit = _STEP_BIT.format(step="new.step")
    triggers = {
        "cycles_ran_insert": f"AFTER INSERT ON cycles BEGIN {_ran_of('new.id')} END",
        "cycles_ran_update": (
            f"AFTER UPDATE OF status, closed_at, created_at ON cycles BEGIN {_ran_of('new.id')} END"
        ),
        "cycles_steps_insert": (
            f"AFTER INSERT ON entries BEGIN UPDATE cycles SET steps = steps | ({bit})"
            f" WHERE id = new.cycle_id AND steps & ({bit}) = 0;"
            f" {_ran_of('new.cycle_id', still_open=True)} END"
        ),
        "cycles_steps_delete": (
            f"AFTER DELETE ON entries BEGIN UPDATE cycles SET steps = {_steps_of('old.cycle_id')}"
            f" WHERE id = old.cycle_id; {_ran_of('old.cycle_id', still_open=True)} END"
        ),
        "cycles_steps_update": (
            "AFTER UPDATE OF step, cycle_id, created_at ON entries BEGIN"
            f" UPDATE cycles SET steps = {_steps_of('cycles.id')}, ran = {_RAN}"
            " WHERE id IN (old.cycle_id, new.cycle_id); END"
        ),
    }
    for name, body in triggers.items():
        db.execute(f"CREATE TRIGGER {name} {body}")


def _steps_of(cycle: str) -> str:
    return (
        "(SELECT coalesce(sum(DISTINCT " + _STEP_BIT.format(step="e.step") + "), 0)"
        f" FROM entries e WHERE e.cycle_id = {cycle})"
    )


# How long a cycle ran, in days, as an UPDATE of that cycle works it out.
_RAN = (
    "coalesce(max(0.0, julianday(coalesce(closed_at, (SELECT max(e.created_at) FROM entries e"
    " WHERE e.cycle_id = cycles.id), created_at)) - julianday(created_at)), 0.0)"
)


def _ran_of(cycle: str, *, still_open: bool = False) -> str:
    only = " AND closed_at IS NULL" if still_open else ""
    return f"UPDATE cycles SET ran = {_RAN} WHERE id = {cycle}{only};"


def m015_ran_as_entries_come(db: Database) -> None:
    # m009 worked out how long an open cycle has run by reading every entry of that cycle each
    # time one more was added: one entry stays quick, but importing thousands into one open
    # cycle read the cycle thousands of times (11 s for 10,000 entries). A new entry can only
    # lengthen the run, so keep the longer of the two instead.
    bit = _STEP_BIT.format(step="new.step")
    db.execute("DROP TRIGGER cycles_steps_insert")
    db.execute(
        "CREATE TRIGGER cycles_steps_insert AFTER INSERT ON entries BEGIN"
        f" UPDATE cycles SET steps = steps | ({bit})"
        f" WHERE id = new.cycle_id AND steps & ({bit}) = 0;"
        " UPDATE cycles SET ran = max(ran, coalesce(max(0.0, julianday(new.created_at)"
        " - julianday(created_at)), 0.0)) WHERE id = new.cycle_id AND closed_at IS NULL; END"
    )


# The tables beside the six steps (the partnership and the classroom) live in their own module
# to keep each file readable; they are registered here, in order, after the ones above.
for _later in (*migrations_beside.LATER, m015_ran_as_entries_come):
    migrations()(_later)


def apply(conn: sqlite3.Connection) -> None:
    """Apply every pending migration on a connection that holds the write lock."""
    migrations.apply(Database(conn, execute_plugins=False))


def names() -> list[str]:
    """Every migration this version knows, in order (read without building a database)."""
    return [m.name for m in migrations._migrations]
