"""What 'history' reads is kept on each cycle by triggers (m009_scale): it must follow every
change to entries and cycles, or the figures drift from the journal."""

from __future__ import annotations

from pathlib import Path

from tests.usecases.helpers import journal_at, start
from tpcycle.domain import STEPS, Step
from tpcycle.history import Days
from tpcycle.store import Journal
from tpcycle.usecases import cycles, privacy
from tpcycle.usecases.recording import add_entry


def _counted(journal: Journal) -> tuple[list[int], list[float]]:
    with journal.read() as uow:
        kept = [int(r[0]) for r in journal.conn.execute("SELECT steps FROM cycles ORDER BY id")]
        return kept, uow.stats.days_per_cycle()


def _worked_out(journal: Journal) -> tuple[list[int], list[float]]:
    """The same figures worked out afresh from the entries."""
    steps, days = [], []
    with journal.read() as uow:
        for (cycle_id,) in journal.conn.execute("SELECT id FROM cycles ORDER BY id").fetchall():
            cycle = cycles.cycle_or_error(uow, cycle_id)
            steps.append(sum(1 << STEPS.index(s) for s in {e.step for e in cycle.entries}))
            end = cycle.closed_at or max(
                [e.created_at for e in cycle.entries] or [cycle.created_at]
            )
            row = journal.conn.execute(
                "SELECT max(0.0, julianday(?) - julianday(?))", [end, cycle.created_at]
            ).fetchone()
            days.append(float(row[0]))
    return steps, days


def test_steps_and_days_follow_every_change(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    start(journal)
    add_entry(journal, cycle_id=1, step=Step.EVIDENCE, text="counted 5 of 20")
    late = add_entry(journal, cycle_id=1, step=Step.MOVE, text="sentence frames")
    start(journal, "Students check answers")
    add_entry(journal, cycle_id=2, step=Step.REFLECTION, text="it helped")
    assert _counted(journal) == _worked_out(journal)
    cycles.close_cycle(journal, 2)
    privacy.forget_entry(journal, late.entry.id)  # the move, and the latest entry of cycle 1
    assert _counted(journal) == _worked_out(journal)
    with journal.write() as uow:  # an entry moved to another step and another cycle
        journal.conn.execute("UPDATE entries SET step = 'move', cycle_id = 2 WHERE id = 2")
    assert _counted(journal) == _worked_out(journal)
    with journal.read() as uow:
        ran = uow.stats.days_ran()
        skipped = uow.stats.closed_without()
    assert ran is not None and Days(*ran) == Days.of(_worked_out(journal)[1])
    assert skipped[Step.INTERPRETATION] == 1 and skipped[Step.MOVE] == 0
    privacy.forget_cycle(journal, 1)
    assert _counted(journal) == _worked_out(journal)
