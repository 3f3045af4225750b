"""What 'history' reads is kept on each cycle by triggers (m009_scale): it must follow every
change to entries and cycles, or the figures drift from the journal."""

from __future__ import annotations

from pathlib import Path

from tests.usecases.helpers import journal_at, start
from tpcycle.domain import STEPS, Step
from tpcycle.history import Days
from tpcycle.store import Journal
from tpcycle.usecases import choosing, cycles, privacy
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
            cycle = choosing.cycle_or_error(uow, cycle_id)
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


def _vm_steps_to_add(journal: Journal, cycle_id: int, count: int) -> int:
    """SQLite virtual-machine steps (counted in thousands) to insert ``count`` entries into
    one cycle: a count, unlike a time, does not depend on how busy the machine is."""
    steps = 0

    def tick() -> int:
        nonlocal steps
        steps += 1
        return 0

    conn = journal.conn
    base = conn.execute("SELECT coalesce(max(id), 0) FROM entries").fetchone()[0]
    rows = [
        (
            base + n,
            f"bulk-{cycle_id}-{n}",
            cycle_id,
            "evidence",
            "A",
            "teacher",
            f"note {n}",
            "",
            0,
            f"2025-01-{1 + n % 28:02d}T10:00:00+00:00",
        )
        for n in range(1, count + 1)
    ]
    conn.set_progress_handler(tick, 1000)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "INSERT INTO entries (id, uid, cycle_id, step, author, role, text, question,"
            " private, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        conn.execute("COMMIT")
    finally:
        conn.set_progress_handler(None, 0)
    return steps


def test_adding_many_entries_to_one_open_cycle_costs_in_proportion(tmp_path: Path) -> None:
    """An import into one open cycle once read the whole cycle for every entry added
    (m015_ran_as_entries_come): twice the entries must cost about twice, not four times."""
    journal = journal_at(tmp_path / "j.db")
    first = start(journal, "Bulk one").cycle.id
    second = start(journal, "Bulk two").cycle.id
    small = _vm_steps_to_add(journal, first, 1_500)
    large = _vm_steps_to_add(journal, second, 3_000)
    assert large < 2.6 * small, (small, large)
    assert _counted(journal) == _worked_out(journal)
