"""Files kept with evidence, called directly: with the first answer, only with evidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.usecases.helpers import journal_at, start
from tpcycle.attachments import checked
from tpcycle.domain import Step
from tpcycle.errors import InvalidInput, NotFound
from tpcycle.messages_classroom import Classroom
from tpcycle.protocol import Question
from tpcycle.usecases import attaching, cycles, recording

PHOTO = checked("ada.jpg", b"\xff\xd8\xff\xe0" + b"x" * 64)


def test_in_the_question_flow_the_files_go_with_the_first_answer(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    start(journal)
    answers = recording.Answers(journal, 1, Step.EVIDENCE, by=None, private=False)
    save = attaching.with_first_answer(journal, answers.save, [PHOTO])
    first = save(Question("what", "What did you see?"), "Three tickets")
    second = save(Question("who", "Whose work?"), "Ada's")
    assert [a.entry_id for a in attaching.of_cycle(journal, None)] == [first.entry.id]
    assert attaching.of_entry(journal, second.entry.id) == []


def test_files_belong_to_evidence_entries_that_exist(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    start(journal)
    move = recording.add_entry(journal, cycle_id=None, step=Step.MOVE, text="frames").entry
    with pytest.raises(InvalidInput) as caught:
        attaching.attach_to_entry(journal, move.id, [PHOTO])
    assert caught.value.message_id is Classroom.ATTACH_NOT_EVIDENCE
    with pytest.raises(NotFound):
        attaching.attach_to_entry(journal, 99, [PHOTO])
    with pytest.raises(InvalidInput):  # a move with files: neither is saved
        attaching.add_entry_with_files(
            journal, [PHOTO], cycle_id=None, step=Step.MOVE, text="another"
        )
    texts = [e.text for e in cycles.get_cycle(journal, None).entries]
    assert "another" not in texts and "frames" in texts
    assert attaching.of_cycle(journal, None) == []


def test_the_same_file_kept_twice_with_one_entry_is_kept_once(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "j.db")
    start(journal)
    saved = attaching.add_entry_with_files(
        journal, [PHOTO, PHOTO], cycle_id=None, step=None, text="tickets"
    )
    assert attaching.attach_to_entry(journal, saved.entry.id, [PHOTO]) == 0
    assert len(attaching.of_entry(journal, saved.entry.id)) == 1
