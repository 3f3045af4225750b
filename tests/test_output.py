"""The output layer: user text is shown literally, controls are made visible, Rich only when used.

The second half runs every command that prints user text over a journal whose every field holds
hostile text (Rich markup, escape sequences, 8-bit CSI, a right-to-left override) and checks that
each exits 0, shows the text literally, and never lets a raw control byte out.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from tests.usecases.helpers import journal_at, start
from tpcycle.cli import output
from tpcycle.cli.app import app
from tpcycle.domain import strip_controls
from tpcycle.errors import InvalidInput
from tpcycle.messages import Message, text

RAW = ("\x1b", "\x9b", "\u202e", "\x07")
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


# -- the boundary --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b]0;title\x07", "\u241b]0;title\u2407"),
        ("\x1b[2J", "\u241b[2J"),
        ("\x9b31m", "<U+009B>31m"),
        ("a\u202eb", "a<U+202E>b"),
        ("\u2066x\u2069", "<U+2066>x<U+2069>"),
        ("cr\rover", "cr\u240dover"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("[bold]x[/bold] José 王小明", "[bold]x[/bold] José 王小明"),
    ],
)
def test_visible_shows_controls_as_escapes_and_leaves_text_alone(raw: str, shown: str) -> None:
    assert output.visible(raw) == shown


@given(st.text())
def test_visible_never_lets_a_control_through(value: str) -> None:
    shown = output.visible(value)
    hidden = [c for c in shown if unicodedata.category(c) == "Cc" and c not in "\t\n"]
    assert hidden == []
    assert not any(c in shown for c in BIDI)


# Small nested values (max_leaves): escaping is per character inside strings, so big documents
# prove nothing more, and generating them took seconds.
@given(
    st.recursive(
        st.text() | st.integers() | st.booleans(), lambda inner: st.lists(inner), max_leaves=8
    )
)
def test_json_safe_keeps_the_data_and_hides_the_bytes(value: object) -> None:
    document = output.json_safe(json.dumps(value, ensure_ascii=False))
    assert json.loads(document) == value
    assert not any(c in document for c in RAW)


def test_a_line_is_plain_text_when_piped(capsys: pytest.CaptureFixture[str]) -> None:
    output.line(("[bold]", "bold"), " [/x] ", "\x1b]0;t\x07")
    output.say(Message.CYCLE_NOW_CURRENT, cycle=2, goal="[link=https://e.example]x[/link]")
    output.warn("a note [/y]")
    output.bullet("item [red]")
    output.indented("deep", indent=4)
    shown = capsys.readouterr()
    assert shown.out == "[bold] [/x] ␛]0;t␇\n  • item [red]\n    deep\n"
    assert shown.err == (
        text(Message.CYCLE_NOW_CURRENT, cycle=2, goal="[link=https://e.example]x[/link]")
        + "\nNote: a note [/y]\n"
    )


def test_rich_renders_pieces_without_reading_markup(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output, "is_terminal", lambda err=False: True)
    output.heading("[/x] ", ("[bold]x[/bold]", "italic"))
    output.bullet("[link=https://e.example]x[/link]", "\x9b2J")
    output.table(("name",), [("[/b]\x1b[2J",)])
    shown = capsys.readouterr().out
    assert "[/x] [bold]x[/bold]" in shown
    assert "[link=https://e.example]x[/link]<U+009B>2J" in shown
    assert "[/b]␛[2J" in shown
    assert not any(c in shown for c in ("\x9b", "\u202e"))


def test_an_error_is_one_plain_line(capsys: pytest.CaptureFixture[str]) -> None:
    output.error(InvalidInput(Message.NOT_A_DATE, option="--since", text="[/y]\x1b[2J"))
    assert capsys.readouterr().err == (
        "Error: "
        + output.visible(text(Message.NOT_A_DATE, option="--since", text="[/y]\x1b[2J"))
        + "\n"
    )


def test_confirm_refuses_without_a_terminal_and_passes_with_yes() -> None:
    output.confirm(Message.FORGET_CONFIRM, True, what="x")
    with pytest.raises(InvalidInput) as caught:
        output.confirm(Message.FORGET_CONFIRM, False, what="x")
    assert caught.value.message_id is Message.CONFIRM_NEEDS_YES


PROBE = """
import sys
sys.argv = ["tpcycle", *sys.argv[1:]]
from tpcycle.cli.app import run
try:
    run(sys.argv[1:])
except SystemExit:
    pass
sys.__stdout__.write("RICH-LOADED" if "rich" in sys.modules else "RICH-ABSENT")
"""


def modules_probe(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROBE, "--db", str(db), *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "", "TTY_COMPATIBLE": ""},
    )


@pytest.mark.slow  # runs tpcycle in another process
def test_a_piped_confirmation_does_not_load_rich(tmp_path: Path) -> None:
    db = tmp_path / "j.db"
    journal = journal_at(db)  # the cycle is started through the use case: one process less
    try:
        assert start(journal, "Students explain their reasoning in writing").cycle.id == 1
    finally:
        journal.close()
    done = modules_probe(db, "log", "evidence", "6 of 24 [/x]")
    assert done.stdout.endswith("RICH-ABSENT"), done.stderr
    assert "Saved entry 2 to cycle 1" in done.stderr and "[/x]" not in done.stderr
    status = modules_probe(db, "status")
    assert status.stdout.endswith("RICH-ABSENT") and "Next:" in status.stdout
    listed = modules_probe(db, "list")  # piped, the listing is plain aligned lines
    assert listed.stdout.endswith("RICH-ABSENT") and "Students explain" in listed.stdout


# -- every command, every field --------------------------------------------------------------

HOSTILE = {
    "close-tag": "[/x] Zed",
    "bold": "[bold]Bo[/bold]",
    "link": "[link=https://evil.example]x[/link]",
    "title": "\x1b]0;title\x07",
    "clear": "\x1b[2J",
    "osc52": "\x1b]52;c;ZXZpbA==\x07",
    "osc8": "\x1b]8;;https://evil.example\x1b\\hi\x1b]8;;\x1b\\",
    "csi8": "\x9b2J",
    "rlo": "\u202eevil",
    "brackets": "notes[draft]",
    # markup, an escape sequence and an 8-bit control in one text, for the everyday tier
    "mixed": "[/x] \x1b]8;;https://evil.example\x1b\\hi\x1b]8;;\x1b\\ \x9b2J [bold]B",
}


def _protocol(name: str, hostile: str) -> str:
    source = yaml.safe_load(
        (Path(__file__).resolve().parents[1] / "protocols" / "default.yaml").read_text()
    )
    source["name"] = name
    source["title"] = f"Title {hostile}"
    source["description"] = f"About {hostile}"
    source["norms"] = [f"Norm {hostile}"]
    source["steps"]["goal"][0]["text"] = f"Question {hostile}?"
    source["steps"]["goal"][0]["hint"] = f"Hint {hostile}"
    return yaml.safe_dump(source, allow_unicode=False, sort_keys=False)


def _build(folder: Path, hostile: str) -> Path:
    """A journal with ``hostile`` in every field a command can print."""
    db = folder / "journal.db"
    (folder / "protocols").mkdir()
    (folder / "protocols" / "hostile.yaml").write_text(_protocol("hostile", hostile))
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> None:
        done = runner.invoke(app, ["--db", str(db), *args], input=input)
        assert done.exit_code == 0, (args, done.stderr, done.exception)

    run("new", "goal", f"Goal {hostile}", "--teacher", f"Tea {hostile}", "--partner", "Sam")
    run("log", "evidence", f"Evidence {hostile}", "--by", f"other:By {hostile}", "-m", "m=3/4")
    run("move", "Model it", "--predict", "m=4/4")
    run("log", "evidence", "After", "-m", "m=4/4", "-m", "v=2.5")
    run("reflect", f"Reflection {hostile}", "--by", "partner")
    run("students", "add", f"Stu {hostile}")
    # What a bundle or an older version could have stored, whatever today's input cleaning does.
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE cycles SET goal = ?, partner = ?", (f"Goal {hostile}", f"Par {hostile}")
        )
        conn.execute("UPDATE entries SET text = text || ' ' || ?", (hostile,))
        conn.execute("UPDATE entries SET question = ? WHERE step = 'reflection'", (f"Q {hostile}",))
        conn.execute("UPDATE entries SET author = ? WHERE role = 'teacher'", (f"Tea {hostile}",))
        conn.execute("UPDATE entries SET author = ? WHERE role = 'partner'", (f"Par {hostile}",))
        conn.execute("UPDATE measures SET name = name || ' ' || ?", (hostile,))
        conn.execute("UPDATE measures SET unit = ? WHERE total IS NULL", (f"u {hostile}",))
    return db


@pytest.fixture(scope="module")
def journals(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    built: dict[str, Path] = {}

    def journal(name: str) -> Path:
        if name not in built:
            built[name] = _build(tmp_path_factory.mktemp(name), HOSTILE[name])
        return built[name]

    return journal


@pytest.fixture
def hostile_run(
    request: pytest.FixtureRequest, journals: Callable[[str], Path], tmp_path: Path
) -> Iterator[tuple[str, Path, Callable[..., Result]]]:
    name = request.param
    folder = tmp_path / "copy"
    shutil.copytree(journals(name).parent, folder)
    (folder / "[").mkdir()  # so that "[/b]name.db" names a file in it
    db = folder / "journal.db"
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, ["--db", str(db), *args], input=input)

    yield HOSTILE[name], folder, run


def _safe_name(hostile: str) -> str:
    return hostile.replace("/", "_")


# (command line, what must show). {dir} is a scratch folder, {safe} the hostile text without "/".
# "text": the hostile text, controls made visible; "start": its first characters (a table folds
# long cells, a preview is cut short); "path": the file name written; "": nothing in particular
# (Markdown and calendar text escape it their own way, tested in test_render). JSON output must
# hold the text exactly.
COMMANDS: list[tuple[tuple[str, ...], str]] = [
    (("status",), "text"),
    (("show",), "text"),
    (("list",), "start"),
    (("compare",), "text"),
    (("search", "Evidence"), "text"),
    (("history",), ""),
    (("export",), ""),
    (("export", "--portfolio"), ""),
    (("export", "-o", "{dir}/notes[draft].md"), ""),
    (("export", "-o", "{dir}/out{safe}.md"), "path"),
    (("export", "--all", "-o", "{dir}/all[x]{safe}"), "path"),
    (("remind",), ""),
    (("remind", "-o", "{dir}/r{safe}.ics"), "path"),
    (("share", "-o", "{dir}/b{safe}.json"), "path"),
    (("students", "list"), "text"),
    (("students", "add", "New {hostile}"), "text"),
    (("students", "remove", "Stu {hostile}"), "text"),
    (("use", "1"), "text"),
    (("close",), ""),
    (("forget", "--cycle", "1", "--yes"), "text"),
    (("forget", "2", "--yes"), "start"),
    (("db", "backup", "{dir}/[/b]{safe}.db"), "path"),
    (("db", "path"), ""),
    (("db", "status"), ""),
    (("protocols", "list"), "start"),
    (("protocols", "show", "hostile"), "text"),
    (("new", "goal", "Next goal", "--from", "1"), "text"),
    (("tally", "a=lab {hostile}", "--cycle", "1"), "text"),
    (("observe", "a=lab {hostile}", "--cycle", "1"), "text"),
    (("session",), "text"),
    (("check",), ""),
    (("compare", "--json"), "json"),
    (("show", "--json"), "json"),
    (("list", "--json"), "json"),
    (("search", "Evidence", "--json"), "json"),
    (("history", "--json"), "json-valid"),
    (("students", "list", "--json"), "json"),
    (("protocols", "list", "--json"), "json"),
    (("export", "--format", "json"), "json"),
    (("share",), "json"),
]

INPUT = {"tally": "aaq", "observe": "0:01 a\n0:02 q\n", "session": "An answer\n/stop\n"}


# The everyday tier runs every command over one text holding markup, an escape sequence and an
# 8-bit control; the slow tier runs every text above, one kind at a time.
EVERY_KIND = ("mixed",)
HOSTILE_TIERS = [
    pytest.param(name, marks=() if name in EVERY_KIND else pytest.mark.slow) for name in HOSTILE
]


@pytest.mark.parametrize("hostile_run", HOSTILE_TIERS, indirect=True)
@pytest.mark.parametrize(("args", "shows"), COMMANDS, ids=[" ".join(a) for a, _ in COMMANDS])
def test_every_command_shows_hostile_text_literally(
    hostile_run: tuple[str, Path, Callable[..., Result]], args: tuple[str, ...], shows: str
) -> None:
    hostile, folder, run = hostile_run
    safe = _safe_name(hostile)
    line = [a.format(dir=folder, hostile=hostile, safe=safe) for a in args]
    result = run(*line, input=INPUT.get(args[0]))
    assert result.exit_code == 0, (result.stderr, result.exception)
    said = result.stdout + result.stderr
    leaked = [c for c in RAW if c in said]
    assert not leaked, (leaked, said)
    # Text typed today is cleaned on the way in; text an older version stored is not: either
    # way it must show literally, with any control left made visible.
    forms = (hostile, strip_controls(hostile))
    expected = {
        "text": [_squash(output.visible(f)) for f in forms],
        "start": [_squash(output.visible(f))[:12] for f in forms],
        "path": [_squash(output.visible(safe))],
        "": [""],
    }
    if shows.startswith("json"):
        # JSON keeps the data exactly; only its spelling escapes the control characters.
        values = _strings(json.loads(result.stdout))
        assert shows == "json-valid" or any(f in v for v in values for f in forms), values
    else:
        assert any(e in _squash(said) for e in expected[shows]), said


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _squash(value: str) -> str:
    return "".join(value.split())


@pytest.mark.parametrize("hostile_run", ["close-tag", "osc8", "rlo"], indirect=True)
def test_an_imported_bundle_is_shown_literally(
    hostile_run: tuple[str, Path, Callable[..., Result]], tmp_path: Path
) -> None:
    hostile, _, run = hostile_run
    shared = run("share", "--no-redact")  # the roster holds parts of the hostile text too
    assert shared.exit_code == 0
    bundle = tmp_path / "bundle.json"
    bundle.write_text(shared.stdout)  # what a pipe received: escapes, the same data
    other = CliRunner().invoke(app, ["--db", str(tmp_path / "other.db"), "import", str(bundle)])
    assert not [c for c in RAW if c in other.stdout + other.stderr]
    if other.exit_code == 1:  # refused as a whole: one plain line, nothing imported
        assert other.stderr.startswith("Error: ") and other.stderr.count("\n") == 1
        assert not (tmp_path / "other.db").exists() or not rows(tmp_path / "other.db")
        return
    assert other.exit_code == 0, (other.stderr, other.exception)
    goal = strip_controls(f"Goal {hostile}")  # imported text is cleaned like typed text
    assert output.visible(goal) in other.stderr
    with sqlite3.connect(tmp_path / "other.db") as conn:
        assert conn.execute("SELECT goal FROM cycles").fetchone() == (goal,)


def rows(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return list(conn.execute("SELECT * FROM cycles").fetchall())


@pytest.mark.parametrize("hostile_run", ["brackets"], indirect=True)
def test_export_reports_the_file_it_wrote(
    hostile_run: tuple[str, Path, Callable[..., Result]],
) -> None:
    _, folder, run = hostile_run
    target = folder / "notes[draft].md"
    result = run("export", "-o", str(target))
    assert result.exit_code == 0
    assert target.exists()
    assert text(Message.WROTE_CYCLE, cycle=1, path=target, left_out="") in result.stderr
