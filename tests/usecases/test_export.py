"""Taking cycles off the machine: one cycle, a portfolio, a folder of files, a calendar.

Called directly on a journal built through the use cases (see ``looking_back``). What leaves the
machine never holds private entries (unless asked) nor roster names (unless asked).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date, time
from pathlib import Path
from time import tzset

import pytest
from markdown_it import MarkdownIt

from tests.usecases.helpers import LIBRARY
from tests.usecases.looking_back import FIRST_GOAL, PRIVATE, SECOND_GOAL, build, opened_copy
from tpcycle import render_markdown
from tpcycle.domain import Cycle, Step
from tpcycle.errors import InvalidInput
from tpcycle.ics import parse_every
from tpcycle.store import Journal, UnitOfWork, open_journal, records
from tpcycle.usecases import choosing, cycles, privacy
from tpcycle.usecases import export as export_module
from tpcycle.usecases.export import (
    CheckIns,
    Document,
    Format,
    Request,
    calendar,
    cycle_document,
    export_folder,
    portfolio_document,
)
from tpcycle.usecases.recording import add_entry


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("export") / "journal.db")


@pytest.fixture
def journal(built: Path, tmp_path: Path) -> Iterator[Journal]:
    opened = opened_copy(built, tmp_path)
    yield opened
    opened.close()


def with_mia(journal: Journal) -> None:
    """Mia on the roster, and named in evidence of the current cycle (2)."""
    privacy.add_students(journal, ["Mia"])
    add_entry(journal, cycle_id=None, step=Step.EVIDENCE, text="Mia asked two questions")


def headings(markdown: str) -> list[str]:
    body = markdown.split("---\n", 2)[2]  # after the front matter
    return [t.tag for t in MarkdownIt("commonmark").parse(body) if t.type == "heading_open"]


def test_one_cycle_leaves_private_entries_and_names_out(journal: Journal) -> None:
    with_mia(journal)
    done = cycle_document(journal, Request([]), Format.markdown)
    assert [c.id for c in done.cycles] == [2] and done.left_out == 1
    assert SECOND_GOAL in done.text and PRIVATE not in done.text
    assert "Mia" not in done.text and "Student A asked two questions" in done.text


def test_one_cycle_with_everything_when_asked(journal: Journal) -> None:
    with_mia(journal)
    done = cycle_document(
        journal, Request([2], include_private=True, redact=False), Format.markdown
    )
    assert done.left_out == 0
    assert PRIVATE in done.text and "Mia asked two questions" in done.text


def test_one_cycle_as_json(journal: Journal) -> None:
    data = json.loads(cycle_document(journal, Request([1]), Format.json).text)
    assert (data["id"], data["goal"], data["status"]) == (1, FIRST_GOAL, "closed")
    assert [e["step"] for e in data["entries"]] == [
        "goal",
        "evidence",
        "move",
        "new_evidence",
        "reflection",
    ]


def test_one_cycle_only(journal: Journal) -> None:
    with pytest.raises(InvalidInput, match="several with --portfolio"):
        cycle_document(journal, Request([1, 2]), Format.markdown)


def test_a_cycle_that_follows_another_says_so(journal: Journal) -> None:
    earlier = cycles.get_cycle(journal, 1)
    plan = cycles.plan_cycle(LIBRARY, teacher=None, partner=None, protocol=None, earlier=earlier)
    cycles.start_cycle(journal, plan, "Students cite numbers in their reasons")
    assert "Follows cycle 1" in cycle_document(journal, Request([]), Format.markdown).text
    assert "Follows cycle" not in cycle_document(journal, Request([2]), Format.markdown).text


def test_the_portfolio_is_one_document_with_private_and_names_protected(
    journal: Journal,
) -> None:
    with_mia(journal)
    done, text = portfolio(journal, Request([]))
    assert done.count == 2 and done.left_out == 1
    found = headings(text)
    assert found.count("h2") == 2  # one per cycle
    assert found.count("h3") == 12  # six steps each
    assert PRIVATE not in text and "Mia" not in text
    chosen, text = portfolio(journal, Request([2]))
    assert chosen.count == 1
    assert "Cycle 1:" not in text and "Cycle 2:" in text


def portfolio(journal: Journal, request: Request) -> tuple[Document, str]:
    """The portfolio use case, its parts gathered, each checked to be text."""
    parts: list[str] = []

    def deliver(given: Iterable[str]) -> None:
        parts.extend(given)

    done = portfolio_document(journal, request, deliver)
    assert parts and all(isinstance(p, str) for p in parts)
    return done, "".join(parts)


def test_the_streamed_portfolio_and_index_are_the_documents_made_whole(
    journal: Journal, tmp_path: Path
) -> None:
    """Streamed a cycle at a time, the same text as render's portfolio and index (if one of them
    changes, the streamed one must change with it)."""
    with_mia(journal)
    every = privacy.shareable_cycles(journal, None, include_private=False, redact=True)[0]
    text = portfolio(journal, Request([]))[1]
    generated = text.split('generated: "', 1)[1].split('"', 1)[0]
    assert text == render_markdown.portfolio(every, generated_at=generated)
    assert text.endswith("\n") and not text.endswith("\n\n")
    folder = tmp_path / "out"
    export_folder(journal, Request([]), folder)
    written = (folder / "index.md").read_text()
    generated = written.split('generated: "', 1)[1].split('"', 1)[0]
    names = [f"cycle-{c.id:04d}.md" for c in every]
    assert written == render_markdown.index(every, names, generated_at=generated)
    for cycle, name in zip(every, names, strict=True):
        assert (folder / name).read_text() == render_markdown.markdown(cycle)


def test_a_streamed_portfolio_reads_the_journal_a_page_at_a_time(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parts come out before the later cycles are read: nothing waits for the whole journal."""
    monkeypatch.setattr(records, "PAGE_SIZE", 1)
    read: list[int] = []
    original = choosing.with_entries

    def counting(uow: UnitOfWork, page: list[Cycle]) -> list[Cycle]:
        read.extend(c.id for c in page)
        return original(uow, page)

    monkeypatch.setattr(export_module, "with_entries", counting)
    seen: list[list[int]] = []

    def deliver(given: Iterable[str]) -> None:
        for part in given:
            seen.append(list(read))
            del part

    portfolio_document(journal, Request([]), deliver)
    assert [1] in seen and read == [1, 2]


def test_a_folder_holds_a_file_per_cycle_and_an_index(journal: Journal, tmp_path: Path) -> None:
    with_mia(journal)
    folder = tmp_path / "out"
    done = export_folder(journal, Request([]), folder)
    assert done.count == 2 and done.left_out == 1
    assert sorted(p.name for p in folder.iterdir()) == [
        "cycle-0001.md",
        "cycle-0002.md",
        "index.md",
    ]
    index = (folder / "index.md").read_text()
    assert "[cycle-0001.md](cycle-0001.md)" in index and "[cycle-0002.md](cycle-0002.md)" in index
    second = (folder / "cycle-0002.md").read_text()
    assert PRIVATE not in second
    assert "Mia" not in second and "Student A asked two questions" in second
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    for path in folder.iterdir():
        assert oct(path.stat().st_mode & 0o777) == "0o600", path.name


def test_nothing_to_export_is_a_clear_error(tmp_path: Path) -> None:
    empty = open_journal(tmp_path / "empty.db", create=True)
    try:
        with pytest.raises(InvalidInput, match="no cycles to export"):
            portfolio(empty, Request([]))
        with pytest.raises(InvalidInput, match="no cycles to export"):
            export_folder(empty, Request([]), tmp_path / "out")
    finally:
        empty.close()
    assert not (tmp_path / "out").exists()


PLAN = CheckIns(
    first=date(2026, 12, 1), at=time(15, 45), minutes=30, repeat=parse_every("2w"), count=4
)


def test_the_calendar_holds_the_check_ins_and_no_student_name(journal: Journal) -> None:
    privacy.add_students(journal, ["Mia"])
    plan = cycles.plan_cycle(LIBRARY, teacher="Ana", partner="Sam", protocol=None)
    cycles.start_cycle(journal, plan, "Mia and her group explain their thinking")
    text, first = calendar(journal, 3, PLAN)
    assert first == date(2026, 12, 1)
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "DTSTART:20261201T154500\r\n" in text and "DTEND:20261201T161500\r\n" in text
    assert "RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4\r\n" in text
    unfolded = text.replace("\r\n ", "")
    assert "Mia" not in unfolded and "Student A and her group" in unfolded  # names stay home
    assert "Next: evidence." in unfolded
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


@pytest.fixture
def in_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """'Today' is the local date; pin the local time zone so it is the same on every machine."""
    monkeypatch.setenv("TZ", "UTC")
    tzset()
    yield
    monkeypatch.undo()
    tzset()


@pytest.mark.usefixtures("in_utc")
def test_the_first_check_in_defaults_to_one_interval_after_today(journal: Journal) -> None:
    # The journal's clock reads 2026-09-15 09:00 UTC.
    plan = CheckIns(first=None, at=time(9), minutes=30, repeat=parse_every("2w"), count=1)
    text, first = calendar(journal, None, plan)
    assert first == date(2026, 9, 29)
    assert "DTSTART:20260929T090000\r\n" in text
    assert "Next: evidence." in text.replace("\r\n ", "")  # cycle 2 has a goal and a move
