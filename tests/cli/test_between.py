"""todo, note, ask, answer, caseload and sync from the shell: exit codes, one-line errors,
and the two-laptop walk-through of docs/partnership.md."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import Result

from tests.cli.test_exchange import laptop
from tests.conftest import Run, rows
from tpcycle.messages import text
from tpcycle.messages_partnership import Partnership


def test_promises_from_the_shell(cycle: Run) -> None:
    cycle("todo", "add", "Bring 5 exit tickets", "--owner", "teacher", "--due", "+2w")
    cycle("todo", "add", "Look at them", "--owner", "Sam", "--due", "2020-01-01")
    listed = cycle("todo").stdout.splitlines()
    assert listed[0].startswith("#2  2020-01-01 overdue  Sam Lee")
    assert "Bring 5 exit tickets" in listed[1]
    done = cycle("todo", "done", "2")
    assert "Promise 2 is done" in done.stderr
    assert "#2" not in cycle("todo").stdout and "#2" in cycle("todo", "--all").stdout
    data = json.loads(cycle("todo", "--json", "--all").stdout)
    assert [p["state"] for p in data["promises"]] == ["open", "done"]


def one_line_error(result: Result, code: int = 1) -> str:
    assert result.exit_code == code, result.stdout
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    return result.stderr


def test_bad_promises_are_one_line_errors(cycle: Run, db_path: Path) -> None:
    assert "Ana Ruiz" in one_line_error(cycle("todo", "add", "x", "--owner", "coach", ok=False))
    assert "not a day" in one_line_error(cycle("todo", "add", "x", "--due", "soonish", ok=False))
    assert "no promise 9" in one_line_error(cycle("todo", "done", "9", ok=False))
    one_line_error(cycle("todo", "add", "", ok=False))
    assert cycle("todo", "drop", "0", ok=False).exit_code == 2
    assert rows(db_path, "SELECT count(*) FROM promises") == [(0,)]


def test_notes_asks_and_answers_show_in_order(cycle: Run) -> None:
    cycle("note", "Tried the frame in 4th period, [bold]3 kids[/bold] still stuck")
    asked = cycle("ask", "Could you look at two exit tickets before Thursday?")
    assert "tpcycle answer 2 TEXT" in asked.stderr
    cycle("answer", "2", "Yes, Wednesday", "--by", "partner")
    assert "no question 7" in one_line_error(cycle("answer", "7", "x", ok=False))
    shown = cycle("show").stdout
    section = shown[shown.index(text(Partnership.BETWEEN_HEADING)) :]
    assert section.index("[bold]3 kids[/bold]") < section.index("question #2")
    assert section.index("question #2") < section.index("answer to #2")
    assert "Sam Lee (partner)" in section
    assert "Between meetings" not in cycle("check").stdout


def test_a_move_with_its_promise(cycle: Run, db_path: Path) -> None:
    saved = cycle("move", "Sentence frames", "--todo", "Bring the frames", "--due", "tomorrow")
    assert "Promise 1 saved for Ana Ruiz" in saved.stderr
    bad = cycle("move", "Another move", "--todo", "x", "--due", "never", ok=False)
    one_line_error(bad)
    assert rows(db_path, "SELECT count(*) FROM entries WHERE step = 'move'") == [(1,)]
    assert cycle("move", "x", "--due", "friday", ok=False).exit_code == 1


def test_list_filters_by_teacher_and_partner_case_and_accents_aside(run: Run) -> None:
    run("new", "goal", "One", "--teacher", "José Pérez", "--partner", "Coach Kim")
    run("new", "goal", "Two", "--teacher", "Ana Ruiz", "--partner", "Coach Kim")
    run("new", "goal", "Three", "--teacher", "Li Wei", "--partner", "Someone")
    assert [
        c["goal"] for c in json.loads(run("list", "--teacher", "jose perez", "--json").stdout)
    ] == ["One"]
    partnered = json.loads(run("list", "--partner", "COACH KIM", "--json").stdout)
    assert [c["goal"] for c in partnered] == ["One", "Two"]
    caseload = run("caseload").stdout.splitlines()
    assert len(caseload) == 4 and caseload[0].startswith("teacher")
    data = json.loads(run("caseload", "--json").stdout)
    assert [t["teacher"] for t in data["teachers"]] == ["Ana Ruiz", "José Pérez", "Li Wei"]


def test_the_two_laptop_walk_through(run: Run, tmp_path: Path) -> None:
    box = tmp_path / "shared"
    box.mkdir()
    ana, sam = laptop(run, tmp_path / "ana" / "j.db"), laptop(run, tmp_path / "sam" / "j.db")
    ana(
        "new",
        "goal",
        "Students explain their reasoning",
        "--teacher",
        "Ana Ruiz",
        "--partner",
        "Sam Lee",
    )
    ana(
        "todo", "add", "Bring 5 exit tickets from each pile", "--owner", "teacher", "--due", "today"
    )
    ana("todo", "add", "Read the tickets", "--owner", "partner", "--due", "+3d")
    ana("ask", "Could you look at two exit tickets before Thursday?")
    out = ana("sync", str(box))
    assert out.stdout.startswith("Out: tpcycle-teacher-")

    came = sam("sync", str(box), "--json")
    data = json.loads(came.stdout)
    assert data["came_in"][0]["promises"] == 2 and data["came_in"][0]["notes"] == 1
    sam("answer", "1", "Yes, I will look on Wednesday", "--by", "partner")
    sam("sync", str(box))

    ana("sync", str(box))
    status = ana("status").stdout
    assert status.startswith(text(Partnership.CATCHUP_HEADING))
    assert "Yes, I will look on Wednesday" in status
    assert "Bring 5 exit tickets from each pile" in status  # due today, Ana's own
    again = ana("status").stdout
    assert "Yes, I will look on Wednesday" not in again  # news is shown once ...
    assert "Bring 5 exit tickets from each pile" in again  # ... a due promise until it is done

    (box / "junk.txt").write_text("not ours")
    warned = ana("sync", str(box))
    assert "Skipped junk.txt" in warned.stderr
    missing = ana("sync", str(tmp_path / "nowhere"), ok=False)
    assert "no folder" in one_line_error(missing)


def test_a_session_opens_with_the_other_persons_news(cycle: Run, db_path: Path) -> None:
    cycle("ask", "Could you bring the tickets?", "--by", "partner")
    opened = cycle("session", input="")
    assert opened.stdout.startswith(text(Partnership.CATCHUP_HEADING))
    assert "Could you bring the tickets?" in opened.stdout


def test_import_says_what_came_between_meetings(run: Run, tmp_path: Path) -> None:
    ana, sam = laptop(run, tmp_path / "ana" / "j.db"), laptop(run, tmp_path / "sam" / "j.db")
    ana("new", "goal", "Students explain", "--teacher", "Ana", "--partner", "Sam")
    ana("note", "Tried it")
    ana("todo", "add", "Bring tickets")
    bundle = ana("share").stdout
    said = sam("import", "-", input=bundle).stderr
    assert text(Partnership.IMPORT_BETWEEN, notes=1, promises=1) in said
    assert (
        text(Partnership.IMPORT_BETWEEN, notes=0, promises=0)
        not in sam("import", "-", input=bundle).stderr
    )
