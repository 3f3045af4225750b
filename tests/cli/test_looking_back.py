"""The looking-back commands from the shell: search, list, history, export, remind, new --from.

Thin checks only (exit codes, a line of output, the JSON a script would read); what the answers
are is tested on the use cases in tests/usecases/test_history.py and test_export.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Run
from tests.usecases.looking_back import REFLECTION, build, copy_of


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("cli-looking-back") / "journal.db")


@pytest.fixture
def journal(built: Path, db_path: Path, run: Run) -> Run:
    """The CLI pointed (through TPCYCLE_DB) at a copy of the two-cycle journal."""
    copy_of(built, db_path.parent, db_path.name)
    return run


def test_search(journal: Run) -> None:
    hits = json.loads(journal("search", "frames", "--json").stdout)
    assert sorted(h["entry"] for h in hits) == [3, 5, 7]
    assert all("«frames»" in h["snippet"].lower() for h in hits)
    assert "Cycle 1 · entry" in journal("search", "frames", "--cycle", "1").stdout
    assert "Nothing found" in journal("search", "zebra").stderr


def test_search_dates_are_whole_days(journal: Run) -> None:
    def found(*dates: str) -> int:
        return len(json.loads(journal("search", "frames", "--json", *dates).stdout))

    assert found("--until", "2026-09-14") == 3  # the day given is included
    assert found("--until", "2026-09-13") == 0
    assert found("--since", "2026-09-15") == 0
    bad = journal("search", "x", "--since", "yesterday", ok=False)
    assert bad.exit_code == 1 and "like 2026-09-01" in bad.stderr


@pytest.mark.parametrize("words", ['"unbalanced', "NEAR(", "*"])
def test_search_words_never_crash(journal: Run, words: str) -> None:
    result = journal("search", "--", words, ok=False)
    assert result.exit_code in (0, 1)
    # CliRunner catches a crash and exits 1 too: only a clean exit leaves no exception behind
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_list(journal: Run) -> None:
    closed = json.loads(journal("list", "--json", "--status", "closed").stdout)
    assert [c["id"] for c in closed] == [1]
    assert "No cycles match" in journal("list", "--partner", "Nobody").stderr


def test_history(journal: Run) -> None:
    data = json.loads(journal("history", "--json").stdout)
    assert (data["cycles"], data["open"], data["closed"]) == (2, 1, 1)
    assert data["skipped_in_closed_cycles"]["interpretation"] == 1
    assert data["changes"] == [
        {
            "cycle": 1,
            "goal": "Students explain their reasoning",
            "measure": "reason",
            "change": 37.5,
            "unit": "points",
        }
    ]
    assert {"phrase": "sentence frames", "cycles": 2} in data["recurring_moves"]
    assert "2 cycles · 1 open · 1 closed" in journal("history").stdout


def test_history_of_an_empty_journal(run: Run) -> None:
    assert "No cycles yet" in run("history").stderr


def test_export(journal: Run, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    assert "Wrote 2 cycle files" in journal("export", "--all", "-o", str(folder)).stderr
    assert (folder / "index.md").is_file()
    assert journal("export", "--portfolio").stdout.count("\n## ") == 2
    refused = journal("export", "1", "2", ok=False)
    assert refused.exit_code == 1 and "several with --portfolio" in refused.stderr
    needs_folder = journal("export", "--all", ok=False)
    assert needs_folder.exit_code == 1 and "-o FOLDER" in needs_folder.stderr


def test_new_goal_from_an_earlier_cycle(journal: Run) -> None:
    result = journal("new", "goal", "Students cite numbers in their reasons", "--from", "1")
    assert REFLECTION in result.stderr  # the earlier reflection is the starting point
    assert json.loads(journal("show", "--json").stdout)["follows"] == 1
    missing = journal("new", "goal", "x", "--from", "9", ok=False)
    assert missing.exit_code == 1 and "There is no cycle 9" in missing.stderr


def test_remind(journal: Run, tmp_path: Path) -> None:
    target = tmp_path / "checkins.ics"
    result = journal("remind", "--start", "2026-12-01", "--count", "4", "-o", str(target))
    assert "Wrote 4 check-ins" in result.stderr
    assert "DTSTART:20261201T153000\r\n" in target.read_bytes().decode()
    assert journal("remind").stdout.startswith("BEGIN:VCALENDAR")
    bad = journal("remind", "--every", "often", ok=False)
    assert bad.exit_code == 1 and "like 2w or 10d" in bad.stderr
