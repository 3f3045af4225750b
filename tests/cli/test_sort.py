"""tpcycle sort from the command line: a class of 25 sorted before and after the move."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from tests.conftest import Run, rows
from tpcycle.messages import text
from tpcycle.messages_classroom import Classroom

CLASS = [
    f"{first} {last}"
    for first, last in zip(
        [
            "Ada",
            "Ben",
            "Cai",
            "Dara",
            "Eli",
            "Fen",
            "Gus",
            "Hana",
            "Ivo",
            "Jaya",
            "Kofi",
            "Lina",
            "Milo",
            "Nia",
            "Omar",
            "Pia",
            "Quin",
            "Rosa",
            "Sami",
            "Tove",
            "Umar",
            "Vera",
            "Wren",
            "Xia",
            "Yuki",
        ],
        [
            "Abe",
            "Bey",
            "Cho",
            "Dunn",
            "Ekk",
            "Fox",
            "Gill",
            "Holt",
            "Ito",
            "Jain",
            "Kent",
            "Lund",
            "Moss",
            "Nunn",
            "Oduya",
            "Pike",
            "Quaye",
            "Ruiz",
            "Sato",
            "Tran",
            "Uddin",
            "Vega",
            "Wolf",
            "Xu",
            "Yoon",
        ],
        strict=True,
    )
]


def _scores(tmp: Path, name: str, scores: list[int], sep: str = ",") -> Path:
    path = tmp / name
    lines = [f"Student{sep}Score"] + [f"{n}{sep}{s}" for n, s in zip(CLASS, scores, strict=True)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


BEFORE = [9, 8, 2, 6, 5, 3, 1, 7, 9, 4, 6, 2, 8, 5, 3, 0, 9, 6, 2, 7, 4, 1, 8, 5, 3]
AFTER = [9, 9, 6, 8, 5, 3, 2, 7, 9, 6, 8, 5, 8, 4, 6, 1, 9, 8, 4, 7, 6, 3, 9, 8, 5]
RULE = "got it>=8,partly>=5,not yet>=0"


@pytest.fixture
def sorted_class(cycle: Run, isolated: Path) -> Run:
    cycle("students", "add", *CLASS)
    cycle(
        "sort",
        "Exit tickets, fractions",
        "--from",
        str(_scores(isolated, "b.csv", BEFORE)),
        "--rule",
        RULE,
    )
    cycle("move", "Model one explanation with a sentence frame")
    cycle("sort", "--from", str(_scores(isolated, "a.csv", AFTER, sep=";")), "--rule", RULE)
    return cycle


def test_compare_shows_the_counts_and_who_moved_by_name(sorted_class: Run) -> None:
    shown = sorted_class("compare").stdout
    assert "got it  +16 points" in shown
    assert "Who moved between piles" in shown
    assert "Moved up (10): Cai Cho (not yet → partly), Dara Dunn (partly → got it)" in shown
    assert "Moved down (1): Nia Nunn (partly → not yet)" in shown
    assert "Still in 'not yet' (5): Fen Fox, Gus Gill, Pia Pike, Sami Sato, Vera Vega" in shown


def test_compare_json_lists_the_piles_by_name(sorted_class: Run) -> None:
    data = json.loads(sorted_class("compare", "--json").stdout)
    assert [row["name"] for row in data["matched"]] == ["got it", "partly", "not yet"]
    assert data["piles"]["moved_down"] == [
        {"student": "Nia Nunn", "before": "partly", "after": "not yet"}
    ]
    assert len(data["piles"]["still_in_last_pile"]) == 5


def test_the_sorts_are_saved_as_evidence_and_new_evidence(sorted_class: Run, db_path: Path) -> None:
    assert rows(db_path, "SELECT id, step FROM entries WHERE id IN (2, 4)") == [
        (2, "evidence"),
        (4, "new_evidence"),
    ]
    assert rows(db_path, "SELECT count(*) FROM student_piles GROUP BY entry_id") == [(25,), (25,)]
    said = sorted_class("show").stdout
    assert "got it=6/25" in said.replace(" ", "") or "6/25" in said


def test_a_compare_without_sorts_says_nothing_about_piles(cycle: Run) -> None:
    cycle("log", "evidence", "x", "--groups", "got it=1,not yet=1")
    cycle("move", "m")
    cycle("log", "evidence", "y", "--groups", "got it=2,not yet=0")
    assert "Who moved" not in cycle("compare").stdout
    assert "piles" not in json.loads(cycle("compare", "--json").stdout)


def test_a_file_in_utf_16_with_tabs_is_read(cycle: Run, isolated: Path) -> None:
    cycle("students", "add", "José Ruiz", "Zoë Ødegård")
    path = isolated / "u16.csv"
    path.write_text(
        "name\tpile\r\nJosé Ruiz\tGot it\r\nZoë Ødegård\tnot yet\r\n", encoding="utf-16"
    )
    result = cycle("sort", "--from", str(path))
    assert "Saved the sort of 2 students to entry 2 (evidence)" in result.stderr


def test_a_guessed_encoding_is_said(cycle: Run, isolated: Path) -> None:
    cycle("students", "add", "José Ruiz")
    path = isolated / "latin.csv"
    path.write_bytes("student,pile\nJosé Ruiz,partly\n".encode("cp1252"))
    result = cycle("sort", "--from", str(path))
    assert text(Classroom.SORT_CSV_GUESSED, path=path, encoding="Windows-1252") in result.stderr


def test_add_students_adds_the_unknown_ones(cycle: Run, isolated: Path) -> None:
    path = isolated / "s.csv"
    path.write_text("student,pile\nNew Kid,g\n", encoding="utf-8")
    result = cycle("sort", "--from", str(path), "--add-students")
    assert "Added to the roster: New Kid." in result.stderr
    assert "New Kid" in cycle("students", "list").stdout


def _error(run: Run, *args: str) -> str:
    result = run(*args, ok=False)
    assert result.exit_code == 1, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


@pytest.mark.parametrize(
    ("content", "extra", "said"),
    [
        ("student,pile\nAda Abe,g\nNo One,g\n", (), "not on the roster: No One"),
        ("student,pile\nAda Abe,g\nada  abe,p\n", (), "listed more than once"),
        ("kid,pile\nAda Abe,g\n", (), "No student column found (columns: kid, pile)"),
        ("student,score\nAda Abe,-3\n", ("--rule", RULE), "line 2: -3 fits no pile"),
        ("student,score\nAda Abe,7\n", (), "say how they map to piles with --rule"),
        ("", (), "The file is empty"),
        ("student,pile\nAda Abe,g\n", ("--rule", "got it>8"), "is not a rule"),
        ("student,pile\nAda Abe,g\n", ("--piles", "g=got it,g=gone"), "given to two piles"),
    ],
)
def test_bad_files_and_options_are_one_line_and_save_nothing(
    cycle: Run, isolated: Path, db_path: Path, content: str, extra: tuple[str, ...], said: str
) -> None:
    cycle("students", "add", "Ada Abe")
    path = isolated / "bad.csv"
    path.write_text(content, encoding="utf-8")
    assert said in _error(cycle, "sort", "--from", str(path), *extra)
    assert rows(db_path, "SELECT count(*) FROM entries") == [(1,)]
    assert rows(db_path, "SELECT count(*) FROM student_piles") == [(0,)]


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs are POSIX")
def test_a_fifo_a_folder_a_missing_file_and_a_huge_file_are_refused(
    cycle: Run, isolated: Path
) -> None:
    os.mkfifo(isolated / "pipe.csv")
    assert "is a pipe or a device" in _error(cycle, "sort", "--from", str(isolated / "pipe.csv"))
    assert "is a folder" in _error(cycle, "sort", "--from", str(isolated))
    assert "There is no file" in _error(cycle, "sort", "--from", str(isolated / "none.csv"))
    huge = isolated / "huge.csv"
    with huge.open("wb") as handle:
        handle.truncate(6 * 1024 * 1024)
    assert "larger than 5 MiB" in _error(cycle, "sort", "--from", str(huge))


def test_keys_from_a_pipe_sort_the_roster_in_order(cycle: Run, db_path: Path) -> None:
    cycle("students", "add", "Ada Abe", "Ben Bey", "Cai Cho")
    result = cycle("sort", "Exit tickets", input="g x s u n p q")
    assert "Saved the sort of 3 students to entry 2 (evidence): got it 1, partly 1, not yet 1." in (
        result.stderr
    )
    assert rows(db_path, "SELECT alias, pile FROM student_piles ORDER BY id") == [
        ("Student A", "got it"),
        ("Student B", "not yet"),
        ("Student C", "partly"),
    ]


def test_quitting_before_any_key_saves_nothing(cycle: Run, db_path: Path) -> None:
    cycle("students", "add", "Ada Abe")
    result = cycle("sort", input="q")
    assert text(Classroom.SORT_NOTHING_SORTED) in result.stderr
    assert rows(db_path, "SELECT count(*) FROM entries") == [(1,)]


def test_sorting_by_key_needs_a_roster(cycle: Run) -> None:
    assert "roster is empty" in _error(cycle, "sort")


def test_exports_say_who_moved_by_alias_and_never_by_name(
    sorted_class: Run, isolated: Path
) -> None:
    shown = sorted_class("export").stdout
    section = shown[shown.index("## Who moved between piles") :]
    assert "- **Moved down** (1): Student N (partly → not yet)" in section
    assert "Student F, Student G, Student P, Student S, Student V" in section
    assert not any(name in shown for name in CLASS)
    # every first name is gone (a surname may be the teacher's own: Ana Ruiz)
    assert not any(name.split()[0] in shown for name in CLASS)
    sorted_class("export", "--all", "-o", str(isolated / "out"))
    page = (isolated / "out" / "cycle-0001.md").read_text(encoding="utf-8")
    assert "Student N (partly → not yet)" in page and "Nia" not in page
    mine = sorted_class("export", "--no-redact").stdout
    assert "Nia Nunn (partly → not yet)" in mine


def test_a_private_sort_stays_out_of_exports(cycle: Run, isolated: Path) -> None:
    cycle("students", "add", "Ada Abe")
    path = isolated / "s.csv"
    path.write_text("student,pile\nAda Abe,n\n", encoding="utf-8")
    cycle("sort", "--from", str(path))
    cycle("move", "m")
    path.write_text("student,pile\nAda Abe,g\n", encoding="utf-8")
    cycle("sort", "--from", str(path), "--private")
    assert "Moved up (1): Ada Abe" in cycle("compare").stdout
    assert "Who moved" not in cycle("export").stdout
    assert "Student A (not yet → got it)" in cycle("export", "--include-private").stdout


def test_the_worked_example_in_the_docs_is_what_compare_prints(cycle: Run, isolated: Path) -> None:
    page = (Path(__file__).resolve().parents[2] / "docs" / "sorting.md").read_text()
    shown = page[page.index("```\ngot it  +16") + 4 :]
    shown = shown[: shown.index("```")]
    cycle("students", "add", *CLASS)
    before = _scores(isolated, "before.csv", BEFORE)
    after = isolated / "after.csv"
    after.write_text(_scores(isolated, "a.csv", AFTER, sep=";").read_text(), encoding="utf-8-sig")
    cycle("sort", "Exit tickets", "--from", str(before), "--rule", RULE)
    cycle("move", "Model one explanation", "--predict", "got it=12/25")
    cycle("sort", "Exit tickets after two lessons", "--from", str(after), "--rule", RULE)
    assert cycle("compare").stdout.strip() == shown.strip()


def test_keys_can_sort_evidence_already_logged(cycle: Run, db_path: Path) -> None:
    cycle("students", "add", "Ada Abe", "Ben Bey")
    cycle("log", "evidence", "Tickets", "-m", "gave a reason=1/2")
    result = cycle("sort", "--entry", "2", input="gn")
    assert "Sorting 2 students for cycle 1 (evidence)" in result.stderr
    assert "Saved the sort of 2 students to entry 2 (evidence)" in result.stderr
    assert rows(db_path, "SELECT name FROM measures ORDER BY id") == [
        ("gave a reason",),
        ("got it",),
        ("partly",),
        ("not yet",),
    ]
    assert "There is no entry 9" in _error(cycle, "sort", "--entry", "9")


def test_the_partner_sees_who_moved_by_alias_after_an_import(
    sorted_class: Run, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = isolated / "to-sam.json"
    sorted_class("share", "-o", str(bundle))
    assert not any(name in bundle.read_text(encoding="utf-8") for name in CLASS)
    monkeypatch.setenv("TPCYCLE_DB", str(isolated / "sam.db"))
    result = sorted_class("import", str(bundle))
    assert "Kept 2 sorts of students into piles from the bundle" in result.stderr
    shown = sorted_class("compare").stdout
    assert "Moved down (1): Student N (partly → not yet)" in shown
