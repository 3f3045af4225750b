"""Checking a journal file without changing it, and checking a backup before it is restored."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tpcycle.errors import StoreError
from tpcycle.store.disk import check_header, describe_sqlite_error
from tpcycle.store.schema import MIGRATION_NAMES, applied_names, migrate, schema


def inspect(path: Path, *, shown_as: str | None = None) -> list[str]:
    """Check a journal without changing it: file type, integrity, foreign keys, and that its
    schema is exactly what its migrations make. An empty list means healthy."""
    name = shown_as or str(path)  # a private copy being checked is named as the person knows it
    if not path.is_file():
        return [f"{name} does not exist or is not a file."]
    try:
        check_header(path)
    except StoreError as exc:
        return [exc.message]
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return [describe_sqlite_error(exc, name, writing=False)]
    try:
        problems = [
            f"SQLite integrity check: {row[0]}"
            for row in conn.execute("PRAGMA integrity_check").fetchall()
            if row[0] != "ok"
        ]
        problems += [
            f"An entry in '{row[0]}' (row {row[1]}) points at a missing '{row[2]}'."
            for row in conn.execute("PRAGMA foreign_key_check").fetchall()
        ]
        if not problems:
            problems += schema_problems(conn, name)
    except sqlite3.Error as exc:
        problems = [describe_sqlite_error(exc, name, writing=False)]
    finally:
        conn.close()
    return problems


def schema_problems(conn: sqlite3.Connection, path: str) -> list[str]:
    applied = applied_names(conn)
    if not applied:
        return [f"{path} is an SQLite file but not a tpcycle journal."]
    unknown = set(applied) - set(MIGRATION_NAMES)
    if unknown:
        return [f"It was written by a newer tpcycle (schema {max(unknown)})."]
    if applied != list(MIGRATION_NAMES[: len(applied)]):
        return [f"{path} lists its schema changes out of order; it is not a tpcycle journal."]
    # Bring a copy in memory up to date and compare it with a journal made fresh.
    copy = sqlite3.connect(":memory:", isolation_level=None)
    fresh = sqlite3.connect(":memory:", isolation_level=None)
    try:
        conn.backup(copy)
        migrate(copy, path)
        migrate(fresh, "(a fresh journal)")
        if schema(copy) != schema(fresh):
            return [f"{path} has tables that differ from a tpcycle journal's; it is not one."]
    except (sqlite3.Error, StoreError):
        return [f"{path} cannot be brought up to date; it is not a sound tpcycle journal."]
    finally:
        copy.close()
        fresh.close()
    return []


def copy_database(source: Path, target: Path) -> None:
    """Copy an SQLite file with SQLite's backup API, reading the source without changing it."""
    if not source.is_file():
        raise StoreError(f"{source} does not exist or is not a file.")
    check_header(source)
    try:
        reading = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        writing = sqlite3.connect(target)
        try:
            reading.backup(writing)
        finally:
            reading.close()
            writing.close()
    except sqlite3.Error as exc:
        raise StoreError(describe_sqlite_error(exc, str(source), writing=False)) from exc
