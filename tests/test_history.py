"""Many cycles: search, list filters, history, export of several, what-next cycles, reminders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.conftest import Run, rows
from tpcycle.domain import Measure, Step
from tpcycle.errors import InvalidInput
from tpcycle.history import History, changes, recurring
from tpcycle.ics import check_ins, fold, parse_every, parse_time
from tpcycle.usecases.history import fts_query


@pytest.fixture
def journal(run: Run) -> Run:
    run("new", "goal", "Students explain their reasoning", "--teacher", "Ana", "--partner", "Sam")
    run("log", "evidence", "Exit tickets: most answers had no reason", "-m", "reason=6/24")
    run("move", "Model a worked explanation with sentence frames")
    run("log", "evidence", "After: many more reasons", "-m", "reason=15/24")
    run("reflect", "Frames helped; next, reasons that cite numbers", "--by", "partner")
    run("close")
    run(
        "new",
        "goal",
        "Students ask each other questions",
        "--teacher",
        "Ana",
        "--partner",
        "Jo",
        "--protocol",
        "quick-check-in",
    )
    run("move", "Sentence frames for questions on the board")
    run("interpret", "A private worry about questions", "--private")
    return run


def test_search_ranks_highlights_and_filters(journal: Run) -> None:
    hits = json.loads(journal("search", "frames", "--json").stdout)
    assert {h["cycle"] for h in hits} == {1, 2}
    assert all("«frames»" in h["snippet"].lower() or "«frames»" in h["snippet"] for h in hits)
    only_moves = json.loads(journal("search", "frames", "--step", "move", "--json").stdout)
    assert {h["step"] for h in only_moves} == {"move"}
    by_partner = json.loads(journal("search", "reasons", "--by", "partner", "--json").stdout)
    assert [h["author"] for h in by_partner] == ["Sam"]
    in_cycle = json.loads(journal("search", "question*", "--cycle", "2", "--json").stdout)
    assert {h["cycle"] for h in in_cycle} == {2}
    assert any(h["private"] for h in in_cycle)
    assert json.loads(journal("search", "frames", "--since", "2999-01-01", "--json").stdout) == []
    today = json.loads(journal("search", "frames", "--until", "2999-01-01", "--json").stdout)
    assert len(today) == 3  # two moves and a reflection
    shown = journal("search", "frames").stdout
    assert "Cycle 1 · entry" in shown and "frames" in shown.lower()
    assert "Nothing found" in journal("search", "zebra").stderr


def test_a_very_common_word_is_ranked_among_its_newest_matches(
    journal: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tpcycle.store.search as search_module

    monkeypatch.setattr(search_module, "RANK_WINDOW", 2)
    hits = json.loads(journal("search", "frames", "--json").stdout)
    assert sorted(h["entry"] for h in hits) == [5, 7]  # the two newest of three matches
    older = json.loads(journal("search", "frames", "--cycle", "1", "--json").stdout)
    assert sorted(h["entry"] for h in older) == [3, 5]  # filters apply before the window


def test_search_words_cannot_break_the_query(journal: Run) -> None:
    for words in ('"unbalanced', "NEAR(", "a:b", "AND OR NOT", "*", "-x"):
        result = journal("search", "--", words, ok=False)
        assert result.exit_code in (0, 1)
        assert "Traceback" not in result.stderr
    assert fts_query('say "hi"') == '"say" """hi"""'
    with pytest.raises(InvalidInput):
        fts_query("  ")


def test_bad_dates_are_clean_errors(journal: Run) -> None:
    result = journal("search", "x", "--since", "yesterday", ok=False)
    assert result.exit_code == 1 and "like 2026-09-01" in result.stderr


def test_list_filters(journal: Run) -> None:
    def ids(*args: str) -> list[int]:
        return [c["id"] for c in json.loads(journal("list", "--json", *args).stdout)]

    assert ids() == [1, 2]
    assert ids("--status", "closed") == [1]
    assert ids("--status", "open") == [2]
    assert ids("--partner", "jo") == [2]
    assert ids("--protocol", "quick-check-in") == [2]
    assert ids("--last", "1") == [2]
    assert ids("--since", "2999-01-01") == []
    assert "No cycles match" in journal("list", "--partner", "Nobody").stderr


def test_history_counts_durations_skips_changes_and_moves(journal: Run) -> None:
    data = json.loads(journal("history", "--json").stdout)
    assert (data["cycles"], data["open"], data["closed"]) == (2, 1, 1)
    assert data["skipped_in_closed_cycles"]["interpretation"] == 1
    assert data["skipped_in_closed_cycles"]["reflection"] == 0
    assert data["changes"] == [
        {
            "cycle": 1,
            "goal": "Students explain their reasoning",
            "measure": "reason",
            "change": 37.5,
            "unit": "points",
        },
    ]
    assert {"phrase": "sentence frames", "cycles": 2} in data["recurring_moves"]
    shown = journal("history").stdout
    assert "2 cycles · 1 open · 1 closed" in shown
    assert "Moves that come back" in shown and "sentence frames (2 cycles)" in shown


def test_history_of_an_empty_journal(run: Run) -> None:
    assert "No cycles yet" in run("history").stderr


def test_changes_and_recurring_moves_directly() -> None:
    measures = [
        (1, "g", Step.EVIDENCE, Measure("x", 1, 4)),
        (1, "g", Step.NEW_EVIDENCE, Measure("x", 3, 4)),
        (2, "h", Step.EVIDENCE, Measure("y", 2)),
    ]
    assert [(c.cycle_id, c.goal, c.change, c.unit) for c in changes(measures)] == [
        (1, "g", 50.0, "points")
    ]
    assert recurring(
        [(1, "Use exit tickets daily"), (2, "exit tickets again"), (3, "something else")]
    ) == [("exit tickets", 2)]
    assert History(open=2, closed=1, days=[14.0, 3.0, 5.0]).median_days == 5.0


def test_history_looks_at_recent_cycles_for_changes(journal: Run) -> None:
    data = json.loads(journal("history", "--recent", "1", "--json").stdout)
    assert data["cycles"] == 2 and data["recent_cycles"] == 1
    assert data["changes"] == []  # cycle 1's change is outside the last one cycle


def test_export_all_writes_a_file_per_cycle_and_an_index(journal: Run, tmp_path: Path) -> None:
    journal("students", "add", "Mia")
    journal("log", "evidence", "Mia asked two questions")
    folder = tmp_path / "out"
    result = journal("export", "--all", "-o", str(folder))
    assert "Wrote 2 cycle files" in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == [
        "cycle-0001.md",
        "cycle-0002.md",
        "index.md",
    ]
    index = (folder / "index.md").read_text()
    assert "[cycle-0001.md](cycle-0001.md)" in index
    second = (folder / "cycle-0002.md").read_text()
    assert "A private worry" not in second
    assert "Mia" not in second and "Student A asked two questions" in second
    for path in folder.iterdir():
        assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_portfolio_is_one_document_with_private_and_names_protected(journal: Run) -> None:
    text = journal("export", "--portfolio").stdout
    tokens = MarkdownIt("commonmark").parse(text.split("---\n", 2)[2])
    headings = [(t.tag, t.map) for t in tokens if t.type == "heading_open"]
    assert [tag for tag, _ in headings].count("h2") == 2  # one per cycle
    assert [tag for tag, _ in headings].count("h3") == 12  # six steps each
    assert "A private worry" not in text
    chosen = journal("export", "--portfolio", "2").stdout
    assert "Cycle 1:" not in chosen and "Cycle 2:" in chosen
    refused = journal("export", "1", "2", ok=False)
    assert "several with --portfolio" in refused.stderr
    needs_folder = journal("export", "--all", ok=False)
    assert "-o FOLDER" in needs_folder.stderr


def test_new_goal_from_an_earlier_cycle(journal: Run, db_path: Path) -> None:
    result = journal("new", "goal", "Students cite numbers in their reasons", "--from", "1")
    assert "Frames helped; next, reasons that cite numbers" in result.stderr
    assert rows(db_path, "SELECT teacher, partner, protocol, follows FROM cycles WHERE id = 3") == [
        ("Ana", "Sam", "default", 1)
    ]
    assert json.loads(journal("show", "--json").stdout)["follows"] == 1
    assert "Follows cycle 1" in journal("export").stdout
    missing = journal("new", "goal", "x", "--from", "9", ok=False)
    assert "There is no cycle 9" in missing.stderr


def test_remind_writes_a_calendar_file(journal: Run, tmp_path: Path) -> None:
    journal("students", "add", "Mia")
    journal("new", "goal", "Mia and her group explain their thinking")
    target = tmp_path / "checkins.ics"
    journal(
        "remind",
        "3",
        "--every",
        "2w",
        "--start",
        "2026-12-01",
        "--at",
        "15:45",
        "--count",
        "4",
        "-o",
        str(target),
    )
    text = target.read_bytes().decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "DTSTART:20261201T154500\r\n" in text
    assert "RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4\r\n" in text
    unfolded = text.replace("\r\n ", "")
    assert "Mia" not in unfolded and "Student A and her group" in unfolded  # names stay home
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    bad = journal("remind", "--every", "often", ok=False)
    assert "like 2w or 10d" in bad.stderr


def test_calendar_pieces() -> None:
    assert parse_every("2w").days == 14 and parse_every("10 days").rule == "FREQ=DAILY;INTERVAL=10"
    for bad in ("0w", "w", "2 months"):
        with pytest.raises(InvalidInput):
            parse_every(bad)
    with pytest.raises(InvalidInput):
        parse_time("25:99")
    long = "DESCRIPTION:" + "é" * 100
    folded = fold(long)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == long
    from datetime import date, datetime, time

    text = check_ins(
        uid="u",
        summary="a, b; c\\d",
        description="x\ny",
        first=date(2026, 1, 5),
        at=time(9),
        minutes=30,
        repeat=parse_every("1w"),
        count=2,
        stamp=datetime(2026, 1, 1),
    )
    assert "SUMMARY:a\\, b\\; c\\\\d\r\n" in text and "DESCRIPTION:x\\ny\r\n" in text
