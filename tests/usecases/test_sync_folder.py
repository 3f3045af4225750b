"""Two journals (two laptops) exchanging through a shared folder, and promises and notes in
bundles: merged by uid, idempotent, redacted, checked."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.usecases.helpers import Clock, journal_at, start
from tpcycle.between import NoteKind, PromiseState
from tpcycle.bundle import read_bundle
from tpcycle.domain import Step
from tpcycle.errors import InvalidInput, NotFound, StoreError
from tpcycle.messages_partnership import Partnership
from tpcycle.store import Journal
from tpcycle.usecases import between, catchup, identity, recording
from tpcycle.usecases.between import NewPromise
from tpcycle.usecases.exchange import import_bundle, share_cycle
from tpcycle.usecases.privacy import add_students
from tpcycle.usecases.sync_folder import sync_folder


@pytest.fixture
def box(tmp_path: Path) -> Path:
    folder = tmp_path / "shared"
    folder.mkdir()
    return folder


@pytest.fixture
def ana(tmp_path: Path) -> Journal:
    journal = journal_at(tmp_path / "ana" / "j.db", Clock())
    start(journal, teacher="Ana Ruiz", partner="Sam Lee")
    return journal


@pytest.fixture
def sam(tmp_path: Path) -> Journal:
    journal = journal_at(tmp_path / "sam" / "j.db", Clock())
    with journal.write() as uow:
        uow.settings.set(identity.ROLE_KEY, "partner")
        uow.settings.set(identity.NAME_KEY, "Sam Lee")
    return journal


def test_two_laptops_exchange_through_a_shared_folder(
    ana: Journal, sam: Journal, box: Path
) -> None:
    between.add_promise(ana, None, NewPromise("Bring 5 exit tickets", "teacher", "2026-09-18"))
    between.add_promise(ana, None, NewPromise("Read them", "partner", "2026-09-20"))
    ask = between.add_note(ana, None, "Could you look before Thursday?", kind=NoteKind.ASK)
    first = sync_folder(ana, box)
    assert [d.cycle for d in first.went_out] == [1] and not first.came_in
    (written,) = os.listdir(box)
    assert written.startswith("tpcycle-teacher-") and written.endswith(".json")
    assert not any(name.endswith(".db") for name in os.listdir(box))  # never the journal

    came = sync_folder(sam, box)
    assert [(a.entries, a.notes, a.promises) for a in came.came_in] == [(1, 1, 2)]
    news = catchup.catch_up(sam)
    assert [n.text for n in news.asks] == ["Could you look before Thursday?"]
    (local_ask,) = news.asks
    between.answer_ask(sam, local_ask.id, "Yes, on Wednesday")
    between.close_promise(sam, None, 2, PromiseState.DONE)
    sync_folder(sam, box)

    back = sync_folder(ana, box)
    assert [(a.notes, a.promises) for a in back.came_in] == [(1, 1)]
    news = catchup.catch_up(ana)
    assert [n.text for n in news.notes] == ["Yes, on Wednesday"] and news.asks == []
    states = {p.text: p.state for p in between.todo_list(ana, None, every=True).promises}
    assert states == {"Bring 5 exit tickets": PromiseState.OPEN, "Read them": PromiseState.DONE}
    assert ask.uid == news.notes[0].reply_to

    # running again changes nothing, on either side
    for journal in (ana, sam, ana, sam):
        sync_folder(journal, box)
    assert not sync_folder(ana, box).came_in and not sync_folder(ana, box).went_out
    assert not sync_folder(sam, box).came_in
    with ana.read() as uow:
        assert uow.notes.newest_ids()[1] == 2 and len(uow.promises.of_cycles([1])) == 2


def test_foreign_damaged_and_strange_files_are_skipped_not_fatal(
    ana: Journal, sam: Journal, box: Path
) -> None:
    sync_folder(ana, box)
    (box / "notes.txt").write_text("shopping list")
    (box / "tpcycle-evil-000000000000-x.json").write_text('{"format": "tpcycle-bundle"')
    (box / ".git").mkdir()
    os.mkfifo(box / "tpcycle-pipe-111111111111-x.json")
    good = next(p for p in box.iterdir() if p.name.startswith("tpcycle-teacher"))
    tampered = json.loads(good.read_text())
    tampered["notes"] = [{"uid": "nope"}]
    (box / "tpcycle-tampered-222222222222-x.json").write_text(json.dumps(tampered))
    report = sync_folder(sam, box)
    assert len(report.came_in) == 1  # the good bundle still came in
    skipped = dict(report.skipped)
    assert set(skipped) == {
        "notes.txt",
        "tpcycle-evil-000000000000-x.json",
        "tpcycle-pipe-111111111111-x.json",
        "tpcycle-tampered-222222222222-x.json",
    }
    assert "not a regular file" in skipped["tpcycle-pipe-111111111111-x.json"]
    assert "\n" not in "".join(skipped.values())


def test_a_missing_read_only_or_wrong_folder_is_one_error(
    ana: Journal, box: Path, tmp_path: Path
) -> None:
    with pytest.raises(NotFound) as missing:
        sync_folder(ana, tmp_path / "nowhere")
    assert missing.value.message_id is Partnership.SYNC_NO_FOLDER
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    with pytest.raises(InvalidInput):
        sync_folder(ana, a_file)
    with pytest.raises(InvalidInput) as inside:
        sync_folder(ana, tmp_path / "ana")
    assert inside.value.message_id is Partnership.SYNC_JOURNAL_INSIDE
    if os.geteuid() != 0:  # root may write anywhere
        box.chmod(0o500)
        try:
            with pytest.raises(StoreError) as read_only:
                sync_folder(ana, box)
            assert read_only.value.message_id is Partnership.SYNC_READ_ONLY
        finally:
            box.chmod(0o700)


def test_only_the_current_pairs_cycles_go_out(ana: Journal, box: Path) -> None:
    start(ana, "Li's goal", teacher="Li Wei", partner="Sam Lee")
    start(ana, "Ana's next goal", teacher="Ana Ruiz", partner="Sam Lee")
    report = sync_folder(ana, box)
    assert sorted(d.cycle for d in report.went_out) == [1, 3]


def test_bundles_carry_promises_and_notes_redacted(ana: Journal, sam: Journal) -> None:
    add_students(ana, ["Maya Lopez"])
    between.add_note(ana, None, "Maya Lopez was stuck")
    between.add_promise(ana, None, NewPromise("Sit with Maya Lopez", "teacher", "2026-09-18"))
    sent: list[str] = []
    share_cycle(ana, None, include_private=False, redact=True, deliver=sent.append)
    assert "Maya" not in sent[0]
    document = json.loads(sent[0])
    assert document["notes"][0]["text"] == "Student A was stuck"
    bundle = read_bundle(sent[0].encode(), "b.json")
    first = import_bundle(sam, bundle)
    assert (first.between.notes_added, first.between.promises_added) == (1, 1)
    again = import_bundle(sam, bundle)
    assert not again.between.anything


def test_a_bundle_without_the_new_parts_still_imports(ana: Journal, sam: Journal) -> None:
    recording.add_entry(ana, cycle_id=None, step=Step.EVIDENCE, text="6 of 24")
    sent: list[str] = []
    share_cycle(ana, None, include_private=False, redact=True, deliver=sent.append)
    assert "promises" not in json.loads(sent[0]) and "notes" not in json.loads(sent[0])
    report = import_bundle(sam, read_bundle(sent[0].encode(), "old.json"))
    assert len(report.added) == 2


def test_changed_notes_break_the_checksum(ana: Journal) -> None:
    between.add_note(ana, None, "Honest note")
    sent: list[str] = []
    share_cycle(ana, None, include_private=False, redact=True, deliver=sent.append)
    document = json.loads(sent[0])
    document["notes"][0]["text"] = "Forged note"
    with pytest.raises(InvalidInput) as caught:
        read_bundle(json.dumps(document).encode(), "forged.json")
    assert "checksum" in caught.value.message
