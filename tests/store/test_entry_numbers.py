"""m008_entry_numbers: entry numbers are never given out twice, and a journal from m006 keeps
every entry, measure and search word through the rebuild."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from tests.conftest import rows
from tests.usecases.helpers import journal_at, start
from tpcycle.store import migrations
from tpcycle.usecases import corrections, recording


def _journal_from_m006(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    migrations.migrations.apply(Database(conn), stop_before="m008_entry_numbers")
    conn.executescript(
        """
        INSERT INTO cycles (id, uid, goal, teacher, partner, protocol, protocol_version,
                            status, created_at)
        VALUES (1, 'c1', 'More talk', 'Ana', 'Sam', 'default', '1', 'open', '2026-09-01');
        INSERT INTO entries (id, uid, cycle_id, step, author, role, text, private, created_at)
        VALUES (1, 'e1', 1, 'goal', 'Ana', 'teacher', 'More talk', 0, '2026-09-01'),
               (2, 'e2', 1, 'evidence', 'Ana', 'teacher', 'Five of twenty hands', 0,
                '2026-09-02'),
               (3, 'e3', 1, 'evidence', 'Sam', 'partner', 'Quiet back row', 1, '2026-09-03');
        INSERT INTO measures (uid, entry_id, cycle_id, step, name, value, total)
        VALUES ('m1', 2, 1, 'evidence', 'hands', 5, 20),
               ('m2', 3, 1, 'evidence', 'talk turns', 3, NULL);
        """
    )
    conn.close()


def test_a_journal_from_m006_keeps_every_entry_and_measure(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _journal_from_m006(path)
    before = rows(path, "SELECT * FROM entries ORDER BY id")
    measures = rows(path, "SELECT * FROM measures ORDER BY id")
    journal = journal_at(path)
    journal.close()
    assert rows(path, "SELECT * FROM entries ORDER BY id") == before
    assert rows(path, "SELECT * FROM measures ORDER BY id") == measures
    schema = rows(path, "SELECT sql FROM sqlite_master WHERE name = 'entries'")[0][0]
    assert "AUTOINCREMENT" in str(schema)
    triggers = rows(path, "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
    on_entries = {"entries_fts_delete", "entries_fts_insert", "entries_fts_update"}
    assert on_entries <= {t[0] for t in triggers}  # made again after the rebuild
    assert rows(path, "SELECT rowid FROM entries_fts WHERE entries_fts MATCH 'hands'") == [(2,)]
    assert rows(path, "PRAGMA foreign_key_check") == []
    # the foreign keys still act: forgetting an entry takes its measures with it
    journal = journal_at(path)
    corrections.forget_entries(journal, [2])
    journal.close()
    assert rows(path, "SELECT entry_id FROM measures") == [(3,)]


def test_views_and_other_tables_naming_entries_survive_the_rebuild(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _journal_from_m006(path)
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE VIEW evidence AS SELECT id, text FROM entries WHERE step = 'evidence'")
    journal_at(path).close()
    assert rows(path, "SELECT id FROM evidence ORDER BY id") == [(2,), (3,)]


def test_a_forgotten_newest_entry_keeps_its_number(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    saved = start(journal)
    first = recording.add_entry(journal, cycle_id=saved.cycle.id, step=None, text="Five")
    corrections.forget_entries(journal, [first.entry.id])
    second = recording.add_entry(journal, cycle_id=saved.cycle.id, step=None, text="Six")
    assert second.entry.id == first.entry.id + 1
