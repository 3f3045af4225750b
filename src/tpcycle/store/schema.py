"""The schema's bookkeeping without sqlite-utils: which migrations a journal has, and applying
the missing ones (the only place that loads ``tpcycle.store.migrations``)."""

from __future__ import annotations

import sqlite3

from tpcycle.errors import StoreError

MIGRATION_SET = "tpcycle"
# Every migration this version knows, in order; a test keeps it equal to the migrations module,
# so the everyday check needs no database built in memory.
MIGRATION_NAMES = (
    "m001_initial",
    "m002_measures",
    "m003_students_and_edits",
    "m004_exchange",
    "m005_search",
    "m006_roster_rules",
    "m007_lesson_dates",
    "m008_entry_numbers",
    "m009_scale",
    "m010_agreements",
    "m011_between_meetings",
    "m012_conversations",
    "m013_observations",
    "m014_student_piles_and_attachments",
    "m015_ran_as_entries_come",
)


def applied_names(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations applied to a journal, in the order they ran."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
    ).fetchone()
    if not exists:
        return []
    rows = conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
        [MIGRATION_SET],
    )
    return [str(r[0]) for r in rows.fetchall()]


def migrate(conn: sqlite3.Connection, where: str) -> None:
    applied = set(applied_names(conn))
    refuse_newer(applied, where)
    if applied >= set(MIGRATION_NAMES):
        return  # the everyday case: nothing to load, nothing to do
    from tpcycle.store import migrations  # the seam: sqlite-utils loads only to migrate

    # A migration that rebuilds a table must not fire ON DELETE actions when the old one is
    # dropped, and PRAGMA foreign_keys cannot change inside a transaction: switch it off for
    # the migrations, check every reference before committing, and switch it back on.
    keys_on = bool(conn.execute("PRAGMA foreign_keys").fetchone()[0])
    conn.execute("PRAGMA foreign_keys = OFF")
    # Two processes may open a fresh file at once: the write lock serialises them and the
    # second one finds nothing left to do.
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            applied = set(applied_names(conn))
            refuse_newer(applied, where)
            migrations.apply(conn)
            if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
                raise ValueError("a reference between tables would be broken")
        except (sqlite3.Error, StoreError):
            _rollback(conn)
            raise
        except Exception as exc:  # a failing migration: the transaction rolls everything back
            _rollback(conn)
            raise StoreError(
                f"The journal {where} could not be updated for this version of tpcycle"
                f" ({exc}); it was left as it was."
            ) from exc
        conn.execute("COMMIT")
    finally:
        if keys_on:
            conn.execute("PRAGMA foreign_keys = ON")


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        conn.execute("ROLLBACK")


def refuse_newer(applied: set[str], where: str) -> None:
    unknown = applied - set(MIGRATION_NAMES)
    if unknown:
        raise StoreError(
            f"The journal {where} was written by a newer tpcycle (schema {max(unknown)});"
            " upgrade tpcycle to open it. The file was not changed."
        )


def schema(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    rows = conn.execute(
        "SELECT type, name, coalesce(sql, '') FROM sqlite_master"
        " WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
    )
    return [(str(t), str(n), " ".join(str(s).split())) for t, n, s in rows.fetchall()]
