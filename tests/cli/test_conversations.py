"""Conversations from the shell: held with session --protocol, shown, exported, corrected,
shared and imported; and the bad input around them."""

from __future__ import annotations

import json
import signal
import sqlite3
import sys
from pathlib import Path

import pexpect
import pytest

from tests.cli.test_exchange import laptop
from tests.conftest import Run, in_terminal, rows
from tests.usecases.helpers import started_now
from tpcycle.messages import text
from tpcycle.messages_classroom import Classroom

PRE_ANSWERS = "Pairs on ratio problems\n\nTally: o = open, c = closed\n/stop\n"


def test_session_protocol_holds_a_conversation_and_resumes(cycle: Run, db_path: Path) -> None:
    first = cycle("session", "--protocol", "pre-observation", input=PRE_ANSWERS)
    assert "Part 1 of 4 · What to look for" in first.stderr
    assert "Part 2 of 4 · What data to collect" in first.stderr
    assert text(Classroom.CONVERSATION_STOPPED, name="pre-observation") in first.stderr
    assert rows(
        db_path, "SELECT section, author, role, text FROM conversation_answers ORDER BY id"
    ) == [
        ("What to look for", "Ana Ruiz", "teacher", "Pairs on ratio problems"),
        ("What data to collect", "Ana Ruiz", "teacher", "Tally: o = open, c = closed"),
    ]
    assert rows(db_path, "SELECT count(*) FROM entries") == [(1,)]  # only the goal
    again = cycle("session", "--protocol", "pre-observation", input="Near the window\n")
    assert "2 answers so far" in again.stderr
    assert "If I count, what are the codes" in again.stderr  # the question after the last
    assert rows(db_path, "SELECT text FROM conversation_answers ORDER BY id DESC LIMIT 1") == [
        ("Near the window",)
    ]


def test_a_whole_conversation_ends_and_the_next_starts_afresh(cycle: Run, db_path: Path) -> None:
    answers = "\n".join(f"answer {i}" for i in range(11)) + "\n"
    done = cycle("session", "--protocol", "consultancy", input=answers)
    assert text(Classroom.CONVERSATION_DONE) in done.stderr
    assert rows(db_path, "SELECT count(*) FROM conversation_answers") == [(8,)]  # 8 questions
    cycle("session", "--protocol", "consultancy", input="a second one\n")
    assert rows(db_path, "SELECT count(*) FROM conversations") == [(2,)]


def test_bad_input_around_conversations(run: Run) -> None:
    nothing = run("session", "--protocol", "pre-observation", ok=False)
    assert nothing.exit_code == 1
    assert nothing.stderr.strip() == "Error: " + text(Classroom.CONVERSATION_NO_CYCLE)
    run("new", "goal", "g")
    six = run("session", "--protocol", "default", ok=False)
    assert (six.exit_code, six.stderr.count("\n")) == (1, 1)
    assert "is a six-step protocol" in six.stderr
    dated = run("session", "--protocol", "pre-observation", "--on", "yesterday", ok=False)
    assert dated.stderr.strip() == "Error: " + text(Classroom.CONVERSATION_NO_ON)
    unknown = run("session", "--protocol", "no-such", ok=False)
    assert unknown.exit_code == 1 and "no protocol named 'no-such'" in unknown.stderr
    refused = run("new", "goal", "h", "--protocol", "consultancy", ok=False)
    assert refused.exit_code == 1 and "session --protocol consultancy" in refused.stderr


def test_show_and_exports_place_the_conversation_and_keep_text_inert(
    cycle: Run, db_path: Path
) -> None:
    cycle("log", "evidence", "6 of 24 gave a reason")
    hostile = "# I give up | <script>alert(1)</script> [bold]x[/bold] \x1b[2J"
    cycle("session", "--protocol", "post-observation", input=f"{hostile}\n/private\nsecret\n")
    cycle("move", "Model one explanation")
    with sqlite3.connect(db_path) as conn:  # a minute later, as a real move would be
        conn.execute("UPDATE entries SET created_at = '2099-01-01T00:00:00Z' WHERE step = 'move'")
    shown = cycle("show").stdout
    assert shown.index("2. Evidence") < shown.index("Conversation: Post-observation debrief")
    assert shown.index("Conversation: Post-observation") < shown.index("3. Interpretation")
    assert "a1 " in shown and "[PRIVATE]" in shown and "\x1b" not in shown
    markdown = cycle("export").stdout
    assert "## Conversation: Post-observation debrief" in markdown
    assert "### The teacher reflects first" in markdown
    assert "\\# I give up \\| \\<script>" in markdown
    assert "secret" not in markdown  # private answers stay out of exports
    assert "secret" in cycle("export", "--include-private").stdout
    page = cycle("export", "--format", "html").stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page
    document = json.loads(cycle("show", "--json").stdout)
    (talk,) = document["conversations"]
    assert talk["protocol"] == "post-observation" and talk["after_step"] == "evidence"
    assert [a["private"] for a in talk["answers"]] == [False, True]


def test_answers_are_reworded_and_forgotten_from_the_shell(cycle: Run, db_path: Path) -> None:
    cycle("session", "--protocol", "pre-observation", input="first\nsecond\n/stop\n")
    changed = cycle("conversation", "edit", "a1", "first, better")
    assert text(Classroom.CONVERSATION_ANSWER_CHANGED, answer=1) in changed.stderr
    cycle("conversation", "edit", "2", "--private")
    assert rows(db_path, "SELECT text, private FROM conversation_answers ORDER BY id") == [
        ("first, better", 0),
        ("second", 1),
    ]
    missing = cycle("conversation", "forget", "a1", "a9", "--yes", ok=False)
    assert missing.exit_code == 1 and "a9" in missing.stderr
    assert cycle("conversation", "edit", "x1", "t", ok=False).exit_code == 2
    assert cycle("conversation", "edit", "a1", ok=False).exit_code == 1
    cycle("conversation", "forget", "a1", "a2", "--yes")
    assert rows(db_path, "SELECT count(*) FROM conversation_answers") == [(0,)]


def test_conversations_travel_in_bundles_redacted_and_once(run: Run, tmp_path: Path) -> None:
    ana, sam = laptop(run, tmp_path / "ana" / "j.db"), laptop(run, tmp_path / "sam" / "j.db")
    ana("new", "goal", "Students explain", "--teacher", "Ana", "--partner", "Sam")
    ana("students", "add", "Maria Lopez")
    ana("session", "--protocol", "pre-observation", input="Watch Maria Lopez\n/private\nmine\n")
    bundle = tmp_path / "to-sam.json"
    ana("share", "-o", str(bundle))
    raw = bundle.read_text()
    assert "Maria" not in raw and "mine" not in raw and "Student A" in raw
    sam("import", str(bundle))
    sam("import", str(bundle))  # twice: nothing doubles
    sam_db = tmp_path / "sam" / "j.db"
    assert rows(sam_db, "SELECT text FROM conversation_answers") == [("Watch Student A",)]
    sam("conversation", "edit", "a1", "Watch Student A at table 3")
    sam("share", "-o", str(tmp_path / "to-ana.json"))
    ana("import", str(tmp_path / "to-ana.json"))
    assert ("Watch Student A at table 3",) in rows(
        tmp_path / "ana" / "j.db", "SELECT text FROM conversation_answers"
    )
    tampered = json.loads(raw)
    tampered["conversations"][0]["answers"][0]["text"] = "changed"
    bundle.write_text(json.dumps(tampered))
    refused = sam("import", str(bundle), ok=False)
    assert refused.exit_code == 1 and "conversations do not match their checksum" in refused.stderr


def test_protocols_list_and_show_handle_both_kinds(run: Run) -> None:
    listed = json.loads(run("protocols", "list", "--json").stdout)
    kinds = {p["name"]: p["kind"] for p in listed}
    assert kinds["default"] == "cycle" and kinds["four-lenses"] == "conversation"
    shown = run("protocols", "show", "four-lenses").stdout
    assert "1. The teacher's own eyes" in shown and "4. What research says" in shown
    made = run("protocols", "new", "my-debrief", "--from", "post-observation")
    path = Path(made.stdout.strip())
    assert run("protocols", "validate", str(path)).stdout.strip().endswith("ok")


# A kill: the slow tier (tests/usecases/test_conversations.py checks resuming in-process).
@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
@pytest.mark.parametrize("columns", [60, 80])
def test_a_killed_conversation_loses_nothing_and_resumes(db_path: Path, columns: int) -> None:
    def spawn(*args: str) -> pexpect.spawn:
        return in_terminal(db_path, *args, columns=columns)

    started_now(db_path, "Students ask questions", teacher="Ana", partner="Sam")
    child = spawn("session", "--protocol", "post-observation")
    child.expect("The teacher reflects first")
    child.expect("Ana \\(teacher\\) > ")
    child.sendline("Better than I feared")
    child.expect("Saved in 'The teacher reflects first'")
    child.expect("Ana \\(teacher\\) > ")
    child.sendline("The pairs worked; the whole-class part did not")
    child.expect("Saved in")
    child.expect("The observer's data")
    child.expect("Sam \\(partner\\) > ")  # a question for the observer switches by itself
    child.sendline("7 open questions, 19 closed")
    child.expect("Saved in 'The observer's data'")
    child.expect("> ")
    child.kill(signal.SIGKILL)
    child.close(force=True)
    assert rows(db_path, "SELECT role, text FROM conversation_answers ORDER BY id") == [
        ("teacher", "Better than I feared"),
        ("teacher", "The pairs worked; the whole-class part did not"),
        ("partner", "7 open questions, 19 closed"),
    ]
    again = spawn("session", "--protocol", "post-observation")
    again.expect(r"3\s+answers\s+so\s+far")
    again.expect("what stands out or surprises you")  # the question after the last answer
    again.expect("> ")
    again.sendcontrol("d")
    again.expect("Stopped")
    again.expect(pexpect.EOF)
    again.close()
    assert again.exitstatus == 0


def test_whole_journal_outputs_carry_conversations(cycle: Run, tmp_path: Path) -> None:
    cycle("session", "--protocol", "four-lenses", input="I learned it this way\n/stop\n")
    (listed,) = json.loads(cycle("list", "--json").stdout)
    assert [a["text"] for a in listed["conversations"][0]["answers"]] == ["I learned it this way"]
    portfolio = cycle("export", "--portfolio").stdout.splitlines()
    assert any(line.startswith("### Conversation: Four lenses") for line in portfolio)
    cycle("export", "--all", "-o", str(tmp_path / "out"))
    assert "Conversation: Four lenses" in (tmp_path / "out" / "cycle-0001.md").read_text()
