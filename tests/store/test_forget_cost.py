"""Forgetting and editing clean the search index without rebuilding it from the entries.

On SQLite 3.43 and later FTS5's secure-delete takes a row's words out as it goes; on older
SQLite the index is merged (``optimize``). Either way the forgotten word's bytes are gone from
the file and its WAL, even when the word sat in an old segment of a many-segment index.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.test_privacy import MARKER, journal_bytes
from tests.usecases.helpers import journal_at, start
from tpcycle.domain import Entry, Role, Step
from tpcycle.store import Journal, open_journal
from tpcycle.store import search as search_module
from tpcycle.usecases import history, privacy


def _entry(journal: Journal, cycle_id: int, text: str) -> int:
    with journal.write() as uow:
        added = uow.entries.add(
            Entry(
                0,
                f"u-{text[:20]}-{uow.now}",
                cycle_id,
                Step.EVIDENCE,
                "Ana",
                Role.TEACHER,
                text,
                False,
                uow.now,
            )
        )
    return added.id


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    """A journal whose index has many segments, the marked entry in one of the oldest."""
    opened = journal_at(tmp_path / "j.db")
    cycle_id = start(opened).cycle.id
    marked = _entry(opened, cycle_id, f"a note with {MARKER} in it")
    for n in range(40):  # each unit of work writes its own segment
        _entry(opened, cycle_id, f"ordinary evidence number {n} about fractions")
    assert marked == 2
    return opened


def _found(journal: Journal, word: str) -> int:
    query = "SELECT count(*) FROM entries_fts WHERE entries_fts MATCH ?"
    return int(journal.conn.execute(query, [word]).fetchone()[0])


def _statements(journal: Journal) -> list[str]:
    seen: list[str] = []
    journal.conn.set_trace_callback(seen.append)
    return seen


def test_forget_takes_the_word_out_of_file_and_wal_without_a_rebuild(journal: Journal) -> None:
    db = Path(journal.where)
    assert MARKER.encode() in journal_bytes(db)
    seen = _statements(journal)
    privacy.forget_entry(journal, 2)
    assert MARKER.encode() not in journal_bytes(db)
    assert not any("'rebuild'" in s for s in seen)
    assert history.search(journal, MARKER) == []
    assert _found(journal, "fractions") == 40  # the rest still found


def test_edit_takes_the_old_word_out_too(journal: Journal) -> None:
    db = Path(journal.where)
    seen = _statements(journal)
    privacy.edit_entry(journal, 2, text="a note rewritten", private=None)
    assert MARKER.encode() not in journal_bytes(db)
    assert not any("'rebuild'" in s for s in seen)
    assert [h.entry_id for h in history.search(journal, "rewritten")] == [2]


@pytest.mark.skipif(not search_module.SECURE_DELETE, reason="needs SQLite 3.43 (secure-delete)")
def test_with_secure_delete_a_later_forget_costs_the_entry_only(journal: Journal) -> None:
    privacy.forget_entry(journal, 3)  # the first time switches secure-delete on
    seen = _statements(journal)
    privacy.forget_entry(journal, 2)
    assert not any("'optimize'" in s or "'rebuild'" in s for s in seen)
    assert MARKER.encode() not in journal_bytes(Path(journal.where))


@pytest.mark.skipif(search_module.SECURE_DELETE, reason="only an older SQLite cannot read it")
def test_an_index_written_with_secure_delete_is_made_readable_by_an_older_sqlite(
    journal: Journal,
) -> None:
    path = Path(journal.where)
    journal.close()
    with sqlite3.connect(path) as conn:  # what SQLite 3.43 leaves after a secure delete
        conn.execute("UPDATE entries_fts_config SET v = 5 WHERE k = 'version'")
        conn.execute("INSERT INTO entries_fts_config (k, v) VALUES ('secure-delete', 1)")
    with sqlite3.connect(path) as conn, pytest.raises(sqlite3.OperationalError, match="fts5"):
        conn.execute("SELECT count(*) FROM entries_fts WHERE entries_fts MATCH 'fractions'")
    reopened = open_journal(path, create=False)
    try:
        assert _found(reopened, "fractions") == 40
        start(reopened, "Students check their answers")  # writing works again too
        privacy.forget_entry(reopened, 2)
        assert MARKER.encode() not in journal_bytes(path)
    finally:
        reopened.close()
