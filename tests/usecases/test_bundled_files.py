"""Files in bundles: left out unless asked for, checked on the way in, merged once by uid."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.usecases.helpers import journal_at, start
from tpcycle.attachments import checked
from tpcycle.bundle import read_bundle
from tpcycle.domain import Step
from tpcycle.errors import InvalidInput
from tpcycle.sorting import DEFAULT_PILES, parse_piles
from tpcycle.store import Journal
from tpcycle.usecases import attaching, privacy
from tpcycle.usecases.exchange import import_bundle, share_cycle
from tpcycle.usecases.recording import add_entry
from tpcycle.usecases.sorting import Where, cycle_movement, record_sort

JPEG = b"\xff\xd8\xff\xe0" + b"photo" * 100
PDF = b"%PDF-1.4\n" + b"scan" * 50
GPN = parse_piles(DEFAULT_PILES)


@pytest.fixture
def ana(tmp_path: Path) -> Iterator[Journal]:
    journal = journal_at(tmp_path / "ana.db")
    start(journal)
    privacy.add_students(journal, ["Priya Park"])
    files = [checked("Priya_work.jpg", JPEG), checked("scan.pdf", PDF)]
    attaching.add_entry_with_files(journal, files, cycle_id=None, step=None, text="Exit tickets")
    yield journal
    journal.close()


@pytest.fixture
def sam(tmp_path: Path) -> Iterator[Journal]:
    journal = journal_at(tmp_path / "sam.db")
    yield journal
    journal.close()


def share(journal: Journal, *, with_files: bool) -> str:
    delivered: list[str] = []
    share_cycle(
        journal,
        None,
        include_private=False,
        redact=True,
        deliver=delivered.append,
        with_files=with_files,
    )
    return delivered[0]


def test_a_bundle_carries_no_files_unless_asked(ana: Journal) -> None:
    assert "attachments" not in json.loads(share(ana, with_files=False))
    files = json.loads(share(ana, with_files=True))["attachments"]
    assert [(f["name"], f["type"]) for f in files] == [
        ("Student-A_work.jpg", "jpeg"),  # the file's name redacted like the rest
        ("scan.pdf", "pdf"),
    ]
    assert base64.b64decode(files[0]["data"]) == JPEG


def test_files_arrive_with_their_entries_once_however_often_imported(
    ana: Journal, sam: Journal
) -> None:
    bundle = read_bundle(share(ana, with_files=True).encode(), "b.json")
    first = import_bundle(sam, bundle)
    again = import_bundle(sam, bundle)
    assert (first.files, again.files) == (2, 0)
    kept = attaching.of_cycle(sam, None)
    assert [(a.entry_id, a.name, a.kind) for a in kept] == [
        (2, "Student-A_work.jpg", "jpeg"),
        (2, "scan.pdf", "pdf"),
    ]


def test_an_entry_forgotten_here_takes_no_files(ana: Journal, sam: Journal) -> None:
    bundle = read_bundle(share(ana, with_files=True).encode(), "b.json")
    import_bundle(sam, bundle)
    privacy.forget_entry(sam, 2)
    assert import_bundle(sam, bundle).files == 0
    assert attaching.of_cycle(sam, None) == []


def test_a_private_entry_s_files_stay_home(ana: Journal) -> None:
    secret = checked("mine.png", b"\x89PNG\r\n\x1a\n" + b"x" * 20)
    attaching.add_entry_with_files(
        ana, [secret], cycle_id=None, step=Step.EVIDENCE, text="mine", private=True
    )
    names = [f["name"] for f in json.loads(share(ana, with_files=True))["attachments"]]
    assert "mine.png" not in names


def _tampered(ana: Journal, change: dict[str, object]) -> bytes:
    document = json.loads(share(ana, with_files=True))
    document["attachments"][0].update(change)
    return json.dumps(document).encode()


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"data": base64.b64encode(PDF).decode()}, "does not match its sha256"),
        ({"data": "not base64!"}, "is not base64"),
        ({"entry": "someone-else"}, "is not an entry in this bundle"),
        ({"type": "exe"}, "must be one of"),
        ({"sha256": "ABC"}, "64 lower-case hexadecimal"),
        (
            {
                "data": base64.b64encode(b"MZ").decode(),
                "sha256": hashlib.sha256(b"MZ").hexdigest(),
            },
            "is not a jpeg file by its content",
        ),
    ],
)
def test_a_file_that_is_not_what_it_claims_is_refused_before_anything_is_written(
    ana: Journal, sam: Journal, change: dict[str, object], said: str
) -> None:
    with pytest.raises(InvalidInput, match=said):
        import_bundle(sam, read_bundle(_tampered(ana, change), "b.json"))


def test_a_bundle_without_the_list_imports_as_before(ana: Journal, sam: Journal) -> None:
    bundle = read_bundle(share(ana, with_files=False).encode(), "b.json")
    assert bundle.files == ()
    assert import_bundle(sam, bundle).files == 0


def test_too_many_bytes_for_one_bundle_is_refused(
    ana: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tpcycle.usecases.bundled_files as bundled

    monkeypatch.setattr(bundled, "MAX_FILES_BYTES", 100)
    with pytest.raises(InvalidInput, match="too much for one bundle"):
        share(ana, with_files=True)
    add_entry(ana, cycle_id=None, step=Step.MOVE, text="still works without files")
    assert share(ana, with_files=False)


def test_sorts_travel_by_alias_and_are_never_named_from_the_other_roster(
    ana: Journal, sam: Journal
) -> None:
    privacy.add_students(ana, ["Ben Bey"])
    record_sort(ana, Where(), GPN, [("Priya Park", 2, 3.0), ("Ben Bey", 1, None)])
    add_entry(ana, cycle_id=None, step=Step.MOVE, text="frames")
    record_sort(ana, Where(), GPN, [("Priya Park", 0, 9.0), ("Ben Bey", 1, None)])
    text = share(ana, with_files=False)
    assert "Priya" not in text and "9.0" not in text  # aliases only, and no scores
    privacy.add_students(sam, ["Zed Other", "Yan Other"])  # Sam's own Student A and B
    bundle = read_bundle(text.encode(), "b.json")
    assert import_bundle(sam, bundle).sorts == 2
    assert import_bundle(sam, bundle).sorts == 0  # nothing twice
    moved = cycle_movement(sam, None)
    assert moved is not None
    assert moved.up == (("Student A", "not yet", "got it"),)
    assert moved.stayed == (("Student B", "partly"),)
    mine = cycle_movement(ana, None)
    assert mine is not None and mine.up == (("Priya Park", "not yet", "got it"),)


def test_a_sort_made_here_is_not_replaced_by_an_import(ana: Journal, sam: Journal) -> None:
    record_sort(ana, Where(entry_id=2), GPN, [("Priya Park", 2, None)])
    bundle = read_bundle(share(ana, with_files=False).encode(), "b.json")
    import_bundle(sam, bundle)
    privacy.add_students(sam, ["Kim Lo"])
    record_sort(sam, Where(entry_id=2), GPN, [("Kim Lo", 0, None)])
    assert import_bundle(sam, bundle).sorts == 0
    with sam.read() as uow:
        assert uow.piles.of_entries([2])[2].placed == (("Student A", 0, None),)


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"entry": "nobody"}, "is not an entry in this bundle"),
        ({"piles": ["only one"]}, "must name 2 to 9 piles"),
        ({"students": [{"alias": "Student A", "pile": 7}]}, "must be a whole number from 0"),
        ({"students": [{"alias": "Student A", "pile": True}]}, "must be a whole number from 0"),
        (
            {"students": [{"alias": "A B", "pile": 0}, {"alias": "A B", "pile": 1}]},
            "given twice",
        ),
        ({"students": "everyone"}, "must be a list"),
    ],
)
def test_a_sort_that_is_not_well_formed_is_refused(
    ana: Journal, change: dict[str, object], said: str
) -> None:
    record_sort(ana, Where(entry_id=2), GPN, [("Priya Park", 2, None)])
    document = json.loads(share(ana, with_files=False))
    document["sorts"][0].update(change)
    with pytest.raises(InvalidInput, match=said):
        read_bundle(json.dumps(document).encode(), "b.json")
