"""Search stays linear in a very long entry: the snippet is cut from its opening."""

from __future__ import annotations

import time
from pathlib import Path

from tests.usecases.helpers import journal_at, start
from tpcycle.domain import HIGHLIGHT, Entry, Role, Step
from tpcycle.usecases import cycles, history


def test_a_huge_entry_full_of_the_word_is_found_quickly(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    start(journal, "Pupils give reasons")
    # Longer than anything typed today (100,000 characters), as an older journal may hold.
    cycle = cycles.get_cycle(journal, None).id
    with journal.write() as uow:
        uow.entries.add(
            Entry(
                0,
                "u-long",
                cycle,
                Step.EVIDENCE,
                "Ana",
                Role.TEACHER,
                "students " * 200_000,
                False,
                uow.now,
            )
        )
    began = time.perf_counter()
    hits = history.search(journal, "students")
    assert time.perf_counter() - began < 5  # FTS5's own snippet took minutes on this
    assert len(hits) == 1 and not hits[0].long
    assert f"{HIGHLIGHT[0]}students{HIGHLIGHT[1]}" in hits[0].snippet
    assert len(hits[0].snippet) < 200


def test_the_opening_snippet_highlights_the_first_match_in_context() -> None:
    start, end = HIGHLIGHT
    text = "one two three four five six seven eight nine Tickets: ten eleven"
    snippet = history.opening_snippet(text, "ticket*", around=2)
    assert snippet == f"… eight nine {start}Tickets:{end} ten eleven …"
    assert history.opening_snippet("no match here", "zebra") == "no match here …"
