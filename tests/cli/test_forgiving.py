"""Forgiving commands: near-misses get the command meant; tpcycle alone; --db anywhere."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer

from tests.conftest import Run
from tpcycle.cli import app as app_module
from tpcycle.cli.common import db_first, quoted, suggestion


@pytest.mark.parametrize(
    ("args", "meant"),
    [
        (["log", "Exit tickets 5 of 20"], 'tpcycle log evidence "Exit tickets 5 of 20"'),
        (["new", "Students explain"], 'tpcycle new goal "Students explain"'),
        (["evidence"], "tpcycle log evidence"),
        (["evidence", "Half the class"], 'tpcycle log evidence "Half the class"'),
        (["goal", "More talk"], 'tpcycle new goal "More talk"'),
        (["interpretation"], "tpcycle interpret"),
        (["reflection"], "tpcycle reflect"),
        (["Show"], "tpcycle show"),
        (["shwo", "2"], "tpcycle show 2"),
    ],
)
def test_a_near_miss_names_the_command_meant(run: Run, args: list[str], meant: str) -> None:
    result = run(*args, ok=False)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and lines[0].startswith("Error: ")
    assert lines[1].endswith(meant)
    assert "Usage" not in result.stderr


def test_a_word_that_is_nothing_like_a_command_points_at_help(run: Run) -> None:
    result = run("frobnicate", ok=False)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "'tpcycle --help' lists every command."


def test_a_near_miss_never_echoes_a_control_to_the_terminal(run: Run) -> None:
    result = run("log", "evil\x1b[31mred", ok=False)
    assert result.exit_code == 2 and "\x1b" not in result.stderr
    assert "tpcycle log evidence evil␛[31mred" in result.stderr


def test_suggested_text_is_ready_to_paste() -> None:
    assert quoted("Exit tickets") == '"Exit tickets"'
    assert quoted("plain") == "plain"
    assert quoted('say "hi" $HOME') == "'say \"hi\" $HOME'"
    assert suggestion("log", "it's $5", [], []) == "tpcycle log evidence 'it'\"'\"'s $5'"
    assert suggestion(None, "zzzz", [], ["show"]) is None


def test_a_step_named_inside_a_group_points_at_that_steps_command(run: Run) -> None:
    assert suggestion("log", "new-evidence", ["Lab 4: 7 of 26."], []) == (
        'tpcycle log evidence --new "Lab 4: 7 of 26."'
    )
    assert suggestion("new", "evidence", ["Exit tickets"], []) == (
        'tpcycle log evidence "Exit tickets"'
    )
    result = run("log", "new_evidence", "Lab 4", ok=False)
    assert result.exit_code == 2
    assert 'tpcycle log evidence --new "Lab 4"' in result.stderr


def test_db_is_moved_before_the_command_but_not_past_a_double_dash() -> None:
    assert db_first(["show", "--db", "F", "2"]) == ["--db", "F", "show", "2"]
    assert db_first(["show", "--db=F"]) == ["--db=F", "show"]
    assert db_first(["search", "--", "--db", "F"]) == ["search", "--", "--db", "F"]


def test_tpcycle_alone_with_no_journal_says_how_to_start(run: Run, db_path: Path) -> None:
    result = run()
    assert "tpcycle demo" in result.stderr and "tpcycle guide" in result.stderr
    assert not db_path.exists()


def test_tpcycle_alone_shows_the_current_cycle(cycle: Run) -> None:
    result = cycle()
    assert "Cycle 1 (open)" in result.stdout and "Next: evidence" in result.stdout


def test_tpcycle_alone_without_a_current_cycle(cycle: Run) -> None:
    cycle("forget", "--cycle", "1", "--yes")
    assert "No cycles yet" in cycle().stderr


def test_db_after_the_command(cycle: Run, db_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    made = cycle("new", "goal", "Another goal for the class", "--db", str(other))
    assert "Started a new journal" in made.stderr
    assert "Another goal" in cycle("show", "--db", str(other)).stdout
    assert "explain their reasoning" in cycle("show").stdout  # TPCYCLE_DB untouched


def test_a_mistyped_db_path_is_not_an_empty_journal(run: Run, tmp_path: Path) -> None:
    missing = tmp_path / "jounral.db"
    result = run("list", "--db", str(missing), ok=False)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: There is no journal at {missing}")
    assert not missing.exists()
    status = run("db", "status", "--json", "--db", str(missing))  # the one that reports it
    assert '"exists": false' in status.stdout


def test_guide_prints_the_first_cycle_guide(run: Run) -> None:
    root = Path(__file__).resolve().parents[2]
    assert run("guide").stdout == (root / "docs" / "first-cycle.md").read_text()


def test_tpcycle_alone_from_the_entry_point_loads_no_command(
    cycle: Run, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    loaded: list[str | None] = []
    real = app_module.make_app

    def recording(only: str | None = None, *, listing: bool = False) -> typer.Typer:
        loaded.append(only)
        return real(only, listing=listing)

    monkeypatch.setattr(app_module, "make_app", recording)
    with pytest.raises(SystemExit) as done:
        app_module.run([])
    assert done.value.code == 0 and loaded == [""]
    assert "Cycle 1 (open)" in capsys.readouterr().out


def test_a_move_takes_its_prediction_as_a_measure_too(run: Run) -> None:
    run(
        "new",
        "goal",
        "Students name their strategy",
        "--teacher",
        "Lena Ortiz",
        "--partner",
        "Ravi",
    )
    run("log", "evidence", "5 of 22 named one", "--measure", "named=5/22")
    run("move", "Sketch for a minute first", "--measure", "named=12/22")
    run("log", "evidence", "13 of 22", "-m", "named=13/22")
    shown = run("compare").stdout
    assert "12/22" in shown and "13/22" in shown
