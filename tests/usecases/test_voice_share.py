"""History shows whose ideas became the moves: the teacher's share, cycle by cycle."""

from __future__ import annotations

from pathlib import Path

from tests.usecases.helpers import journal_at, start
from tpcycle.domain import Step
from tpcycle.render import history_dict
from tpcycle.usecases import history, recording


def test_history_counts_each_cycles_interpretations_and_moves_by_voice(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    start(journal)
    for step, by in [
        (Step.INTERPRETATION, "partner"),
        (Step.INTERPRETATION, "teacher"),
        (Step.MOVE, "partner"),
    ]:
        recording.add_entry(journal, cycle_id=None, step=step, text="x", by=by)
    recording.add_entry(journal, cycle_id=None, step=Step.MOVE, text="y", private=True)
    start(journal, "Students ask each other questions")
    recording.add_entry(journal, cycle_id=None, step=Step.MOVE, text="mine", by="teacher")
    start(journal, "A third, with nothing yet")
    found = history.history(journal)
    first, second, third = found.voices
    assert (first.interpretations, first.moves) == ((1, 1), (1, 1))  # private entries count
    assert first.teacher_share == 0.5 and second.teacher_share == 1.0
    assert third.teacher_share is None
    shown = history_dict(found)["voices"]
    assert [v["teacher_share"] for v in shown] == [0.5, 1.0, None]
    assert shown[0]["moves"] == {"teacher": 1, "partner": 1}
    assert len(history.history(journal, recent=1).voices) == 1
