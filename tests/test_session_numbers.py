"""Numbers from the guided session: a measure after the evidence questions, a prediction after
the move, a measure after the new evidence; piped and in a real terminal at 60 and 80 columns."""

from __future__ import annotations

import sys
from pathlib import Path

import pexpect
import pytest

from tests.conftest import Run, in_terminal, rows
from tests.usecases.helpers import journal_at, start, started_now
from tpcycle.domain import Step
from tpcycle.errors import InvalidInput
from tpcycle.messages import Message, text
from tpcycle.usecases import session_numbers
from tpcycle.usecases.recording import add_entry

# The default protocol asks 4 evidence, 4 interpretation, 4 move and 3 new-evidence questions
# (the last of each step is the partner's question about their own practice).
WHOLE_CYCLE = [
    "6 of 24 exit tickets gave a reason",
    "",
    "",
    "",
    "gave a reason 6",  # the number offered after the evidence: no '=', asked again
    "gave a reason=6/24",
    "They cannot picture a written reason",
    "",
    "",
    "",
    "Model one worked explanation",
    "",
    "",
    "",
    "gave a reason=12/24",  # the prediction
    "15 of 24 gave a reason",
    "",
    "",
    "Gave a reason=15/24",  # the new measure, matched whatever its case
    "/stop",
]


def test_a_piped_session_records_numbers_that_compare(cycle: Run, db_path: Path) -> None:
    result = cycle("session", input="\n".join(WHOLE_CYCLE) + "\n")
    assert "has no '='" in result.stderr  # the one-line reason, then asked again
    assert "Baseline measures: gave a reason" in result.stderr
    assert text(Message.SESSION_STOPPED) in result.stderr
    assert rows(
        db_path,
        "SELECT e.step, m.name, m.value, m.total FROM measures m JOIN entries e"
        " ON e.id = m.entry_id ORDER BY e.id",
    ) == [
        ("evidence", "gave a reason", 6.0, 24.0),
        ("move", "gave a reason", 12.0, 24.0),
        ("new_evidence", "Gave a reason", 15.0, 24.0),
    ]
    compared = cycle("compare").stdout
    assert "6/24 (25%)" in compared and "15/24 (62.5%)" in compared and "(reached)" in compared


def test_enter_skips_the_number(cycle: Run, db_path: Path) -> None:
    cycle("session", input="Four hands went up\n\n\n\n\nThey rush the ending\n/stop\n")
    assert rows(db_path, "SELECT count(*) FROM measures") == [(0,)]
    assert rows(db_path, "SELECT text FROM entries WHERE step = 'interpretation'") == [
        ("They rush the ending",)
    ]


def test_stop_at_the_number_stops_and_the_session_goes_on_after(cycle: Run, db_path: Path) -> None:
    stopped = cycle("session", input="Four hands went up\n\n\n\n/stop\nnever read\n")
    assert text(Message.SESSION_STOPPED) in stopped.stderr
    assert rows(db_path, "SELECT count(*) FROM entries WHERE text = 'never read'") == [(0,)]
    resumed = cycle("session", input="")
    assert "Step 3 of 6 · Interpretation" in resumed.stderr


def test_numbers_are_added_to_the_answer_and_bad_ones_change_nothing(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    start(journal)
    entry = add_entry(journal, cycle_id=None, step=Step.EVIDENCE, text="6 of 24").entry
    assert session_numbers.measure_names(journal, entry.cycle_id) == ()
    session_numbers.add_measure(journal, entry.id, "gave a reason=6/24")
    for bad in ("gave a reason=7/24", "x=30/24", "nothing", "talk=1e9"):
        with pytest.raises(InvalidInput):
            session_numbers.add_measure(journal, entry.id, bad)
    added = session_numbers.add_measure(journal, entry.id, "talk minutes=4.5min")
    assert [m.name for m in added.measures] == ["gave a reason", "talk minutes"]
    assert session_numbers.measure_names(journal, entry.cycle_id) == (
        "gave a reason",
        "talk minutes",
    )


def _spawn(db: Path, columns: int, *args: str) -> pexpect.spawn:
    return in_terminal(db, *args, columns=columns)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
@pytest.mark.parametrize("columns", [60, 80])
def test_numbers_in_a_real_terminal(db_path: Path, columns: int) -> None:
    started_now(db_path, "Students give reasons", teacher="Ana")
    child = _spawn(db_path, columns, "session")
    for line in WHOLE_CYCLE[:-1]:
        child.expect("> " if not line.startswith(("gave", "Gave")) else "= ")
        child.sendline(line)
        if line == "gave a reason 6":
            child.expect("has no")
        if line == "gave a reason=12/24":
            child.expect(r"Recorded\s+the\s+prediction")
    child.expect(r"Recorded\s+Gave\s+a\s+reason=15/24")
    child.expect("> ")
    child.sendline("/stop")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    compared = _spawn(db_path, columns, "compare")
    compared.expect("gave a reason")
    compared.expect(r"15/24")
    compared.expect(pexpect.EOF)
