"""Bundles are checked field by field before anything is written; hostile files are refused
with one sentence, and nothing is read from a pipe or a device."""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import json
import os
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import tpcycle.bundle as bundle_module
from tpcycle.bundle import (
    MAX_BYTES,
    Bundle,
    conflict_uid,
    content_hash,
    read_bundle,
    read_bundle_file,
    write_bundle,
)
from tpcycle.domain import MAX_NAME, MAX_TEXT, Cycle, Entry, Measure, Role, Status, Step
from tpcycle.errors import InvalidInput

CYCLE_UID = "0b7f6b9e-3c1a-4a52-9d0e-6f3a2b1c4d5e"
ENTRY_UID = "5d2c8a71-9e4b-4f36-8a1d-2b7c9e0f1a23"
SECOND_UID = "7a1e4c92-6b3d-4e58-9f20-1c8d7b6a5e43"
WHEN = "2026-03-02T09:30:00Z"


def cycle() -> Cycle:
    entries = (
        Entry(
            0,
            ENTRY_UID,
            0,
            Step.EVIDENCE,
            "Ana",
            Role.TEACHER,
            "6 of 24 gave a reason",
            False,
            WHEN,
            question="What did you see?",
            measures=(Measure("gave a reason", 6.0, 24.0), Measure("talk", 4.5, None, "min")),
        ),
        Entry(0, SECOND_UID, 0, Step.INTERPRETATION, "Sam", Role.PARTNER, "maybe", True, WHEN),
    )
    return Cycle(
        0,
        CYCLE_UID,
        "Students explain their reasoning",
        "Ana",
        "Sam",
        "default",
        "1",
        Status.OPEN,
        WHEN,
        entries=entries,
    )


def document() -> dict[str, Any]:
    return json.loads(write_bundle(cycle(), {}, WHEN))  # type: ignore[no-any-return]


def canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def signed(doc: dict[str, Any]) -> bytes:
    """The document with its entry hashes and checksum made right again, as an attacker
    (or a careless script) would: so the checks that follow are about the fields."""
    for item in doc.get("entries") or []:
        if isinstance(item, dict):
            content = {
                k: item.get(k)
                for k in ("step", "author", "role", "text", "question", "private", "created_at")
            }
            content["measures"] = item.get("measures")
            with contextlib.suppress(ValueError):  # a lone surrogate: the field check says so
                item["hash"] = hashlib.sha256(canonical(content)).hexdigest()
    body = {"cycle": doc.get("cycle"), "entries": doc.get("entries")}
    with contextlib.suppress(ValueError):
        doc["checksum"] = "sha256:" + hashlib.sha256(canonical(body)).hexdigest()
    return json.dumps(doc, allow_nan=True).encode()


def changed(change: Callable[[dict[str, Any]], object]) -> bytes:
    doc = document()
    change(doc)
    return signed(doc)


def refused(raw: bytes, *expected: str) -> str:
    with pytest.raises(InvalidInput) as raised:
        read_bundle(raw, "to-sam.json")
    message = raised.value.message
    assert "\n" not in message and "\x1b" not in message and len(message) < 400, message
    assert "to-sam.json" in message
    for part in expected:
        assert part in message, message
    return message


# -- what a good bundle gives --------------------------------------------------------------


def test_a_bundle_comes_back_as_it_was_written() -> None:
    got = read_bundle(write_bundle(cycle(), {ENTRY_UID: "a" * 64}, WHEN).encode(), "b.json")
    assert got.cycle.goal == cycle().goal and got.created_at == WHEN
    assert [i.entry for i in got.entries] == list(cycle().entries)
    assert got.entries[0].hash == content_hash(cycle().entries[0])
    assert got.entries[0].base == "a" * 64 and got.entries[1].base is None


def test_the_lesson_date_travels_and_older_bundles_have_none() -> None:
    dated = replace(cycle(), entries=(replace(cycle().entries[0], happened_at="2026-11-24"),))
    got = read_bundle(write_bundle(dated, {}, WHEN).encode(), "b.json")
    assert got.entries[0].entry.happened_at == "2026-11-24"
    assert got.entries[0].hash == content_hash(cycle().entries[0])  # not part of the content
    older = read_bundle(changed(lambda d: d["entries"][0].pop("happened_at")), "b.json")
    assert older.entries[0].entry.happened_at is None


def test_a_utf8_byte_order_mark_is_accepted() -> None:
    raw = codecs.BOM_UTF8 + write_bundle(cycle(), {}, WHEN).encode()
    assert isinstance(read_bundle(raw, "b.json"), Bundle)


def test_a_conflict_copy_uid_is_an_id_tpcycle_makes() -> None:
    uid = conflict_uid(ENTRY_UID, "f" * 64)
    got = read_bundle(changed(lambda d: d["entries"][1].update(uid=uid)), "b.json")
    assert got.entries[1].entry.uid == uid


def test_controls_in_bundle_text_are_cleaned_like_typed_text() -> None:
    def dirty(doc: dict[str, Any]) -> None:
        doc["cycle"]["goal"] = "\x1b]0;pwned\x07Students\u202e explain"
        doc["cycle"]["teacher"] = "Ana\x9b31m\n Ruiz"
        item = doc["entries"][0]
        item.update(text=" hi\x1b[2J\r\nthere ", author="Ana\t", question="Q\x9d?")
        item["measures"][0]["name"] = "gave\x1b a reason"
        item["measures"][1]["unit"] = "min\x07"

    got = read_bundle(changed(dirty), "b.json")
    assert got.cycle.goal == "]0;pwnedStudents explain"
    assert got.cycle.teacher == "Ana31m Ruiz"
    first = got.entries[0]
    assert first.entry.text == "hi[2J\nthere"
    assert first.entry.author == "Ana" and first.entry.question == "Q?"
    assert [m.name for m in first.entry.measures] == ["gave a reason", "talk"]
    assert first.entry.measures[1].unit == "min"
    # the cleaned entry travels with the hash of what it now says
    assert first.hash == content_hash(first.entry)


# -- the file as a whole ------------------------------------------------------------------------


def test_a_bundle_cut_short_is_refused() -> None:
    raw = write_bundle(cycle(), {}, WHEN).encode()
    refused(raw[: len(raw) // 2], "cut short or damaged", "line")


@pytest.mark.parametrize("bom", [codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE])
def test_other_byte_order_marks_are_named(bom: bytes) -> None:
    refused(bom + b"{}", "starts with a UTF-16 or UTF-32 byte-order mark")


def test_bytes_that_are_not_utf8_are_named() -> None:
    refused(b'{"format": "\xff"}', "is not UTF-8 text (byte 12")


@pytest.mark.parametrize(
    "raw",
    [
        b"[" * 100_000,
        b'{"format": "tpcycle-bundle", "version": 1, "cycle": ' + b"[" * 5000 + b"]" * 5000 + b"}",
        b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
    ],
)
def test_json_nested_thousands_deep_is_refused(raw: bytes) -> None:
    refused(raw, "nested far too deeply")


@pytest.mark.parametrize("literal", [b"NaN", b"Infinity", b"-Infinity"])
def test_nan_and_infinity_literals_are_refused(literal: bytes) -> None:
    refused(b'{"format": "tpcycle-bundle", "value": ' + literal + b"}", "no bundle may hold")


def test_an_integer_of_thousands_of_digits_is_refused() -> None:
    refused(b'{"version": ' + b"9" * 5000 + b"}", "no bundle may hold")


def test_too_large_is_refused_before_parsing() -> None:
    refused(b" " * (MAX_BYTES + 1), "larger than 50 MB")


@pytest.mark.parametrize("raw", [b"[]", b'"text"', b"{}", b'{"format": "other"}', b"null"])
def test_json_that_is_not_a_bundle_is_named(raw: bytes) -> None:
    refused(raw, "is not a tpcycle bundle")


@pytest.mark.parametrize("version", [0, -1, "1", 1.5, True, None])
def test_versions_must_be_positive_whole_numbers(version: object) -> None:
    refused(changed(lambda d: d.update(version=version)), "its version is", "not a whole number")


def test_a_newer_version_asks_for_an_upgrade() -> None:
    refused(changed(lambda d: d.update(version=99)), "made by a newer tpcycle")


def test_a_changed_bundle_fails_its_checksum() -> None:
    raw = write_bundle(cycle(), {}, WHEN).replace("6 of 24", "9 of 24").encode()
    refused(raw, "does not match its checksum")


def test_an_entry_that_does_not_match_its_hash_is_refused() -> None:
    doc = document()
    doc["entries"][0]["text"] = "changed"
    raw = signed(doc)
    doc = json.loads(raw)
    doc["entries"][0]["hash"] = "0" * 64
    body = {"cycle": doc["cycle"], "entries": doc["entries"]}
    doc["checksum"] = "sha256:" + hashlib.sha256(canonical(body)).hexdigest()
    refused(json.dumps(doc).encode(), "entries[0].hash does not match the entry's contents")


# -- every field: type, shape, length ------------------------------------------------------------

FIELD_CASES: list[tuple[str, Callable[[dict[str, Any]], object], tuple[str, ...]]] = [
    ("created_at zzz", lambda d: d["cycle"].update(created_at="zzz"), ("cycle.created_at",)),
    ("created_at [/y]", lambda d: d["entries"][0].update(created_at="[/y]"), ("entries[0]",)),
    (
        "month 13",
        lambda d: d["entries"][1].update(created_at="2026-13-01T00:00:00Z"),
        ("entries[1].created_at", "not a real date"),
    ),
    ("date only", lambda d: d.update(created_at="2026-03-02"), ("created_at is not a date",)),
    ("number date", lambda d: d["cycle"].update(created_at=20260302), ("must be text",)),
    ("closed_at", lambda d: d["cycle"].update(closed_at="soon"), ("cycle.closed_at",)),
    ("updated_at", lambda d: d["entries"][0].update(updated_at="x"), ("entries[0].updated_at",)),
    (
        "private as text",
        lambda d: d["entries"][0].update(private="false"),
        ("entries[0].private must be true or false", "'false'"),
    ),
    ("private as 0", lambda d: d["entries"][0].update(private=0), ("true or false",)),
    ("uid", lambda d: d["entries"][0].update(uid="../x"), ("entries[0].uid is not an id",)),
    ("cycle uid", lambda d: d["cycle"].update(uid="conflict-" + "a" * 32), ("cycle.uid",)),
    ("uid number", lambda d: d["cycle"].update(uid=7), ("cycle.uid must be text",)),
    ("conflict_of", lambda d: d["entries"][0].update(conflict_of="zz"), ("conflict_of",)),
    ("step", lambda d: d["entries"][0].update(step="lunch"), ("step is 'lunch'", "goal")),
    ("role", lambda d: d["entries"][0].update(role="boss"), ("role is 'boss'",)),
    ("status", lambda d: d["cycle"].update(status=["open"]), ("cycle.status is a list",)),
    ("empty text", lambda d: d["entries"][0].update(text="  \n "), ("entries[0].text is empty",)),
    (
        "only controls",
        lambda d: d["cycle"].update(goal="\x1b\x9b\u202e"),
        ("cycle.goal is empty",),
    ),
    (
        "long text",
        lambda d: d["entries"][0].update(text="x" * (MAX_TEXT + 1)),
        ("entries[0].text is 100,001 characters long",),
    ),
    ("empty author", lambda d: d["entries"][0].update(author="\t"), ("author is empty",)),
    (
        "long name",
        lambda d: d["cycle"].update(partner="p" * (MAX_NAME + 1)),
        ("cycle.partner is longer than the 200",),
    ),
    ("null text", lambda d: d["entries"][0].update(text=None), ("must be text, not null",)),
    ("question", lambda d: d["entries"][0].update(question=5), ("question must be text",)),
    (
        "lone surrogate",
        lambda d: d["cycle"].update(goal="a\ud800b"),
        ("cycle.goal holds a broken character",),
    ),
    (
        "protocol path",
        lambda d: d["cycle"].update(protocol="../../etc/passwd"),
        ("cycle.protocol is not a protocol name",),
    ),
    (
        "protocol version",
        lambda d: d["cycle"].update(protocol_version="1; rm"),
        ("protocol_version",),
    ),
    ("cycle not object", lambda d: d.update(cycle=[1]), ("cycle must be an object",)),
    ("entries not list", lambda d: d.update(entries={}), ("entries must be a list",)),
    ("entry not object", lambda d: d["entries"].append(3), ("entries[2] must be an object",)),
    ("missing goal", lambda d: d["cycle"].pop("goal"), ("cycle.goal is missing",)),
    ("missing step", lambda d: d["entries"][1].pop("step"), ("entries[1].step is missing",)),
    (
        "measure as text",
        lambda d: d["entries"][0]["measures"][0].update(value="5"),
        ("measures[0].value must be a number",),
    ),
    (
        "measure bool",
        lambda d: d["entries"][0]["measures"][0].update(value=True),
        ("must be a number",),
    ),
    (
        "measure 1e309",
        lambda d: d["entries"][0]["measures"][1].update(value=float("inf")),
        ("Infinity is not a number a bundle may hold",),
    ),
    (
        "measure nan",
        lambda d: d["entries"][0]["measures"][0].update(total=float("nan")),
        ("NaN is not a number a bundle may hold",),
    ),
    (
        "measure total 0",
        lambda d: d["entries"][0]["measures"][0].update(total=0),
        ("total must be more than 0",),
    ),
    (
        "measure over total",
        lambda d: d["entries"][0]["measures"][0].update(value=25),
        ("between 0 and the total",),
    ),
    (
        "measure huge",
        lambda d: d["entries"][0]["measures"][1].update(value=1e15),
        ("larger than",),
    ),
    (
        "measure twice",
        lambda d: d["entries"][0]["measures"][1].update(name="Gave  a Reason", unit=None),
        ("entries[0].measures names the same measure twice",),
    ),
    ("measures not list", lambda d: d["entries"][0].update(measures="x"), ("must be a list",)),
    (
        "same uid twice",
        lambda d: d["entries"][1].update(uid=ENTRY_UID),
        ("entries[1].uid repeats entry",),
    ),
    ("hash shape", lambda d: d["entries"][0].update(base="abc"), ("entries[0].base",)),
    ("lesson date", lambda d: d["entries"][0].update(happened_at="tue"), ("happened_at",)),
    (
        "lesson date not real",
        lambda d: d["entries"][0].update(happened_at="2026-02-30"),
        ("entries[0].happened_at is not a real date",),
    ),
]


@pytest.mark.parametrize(
    ("change", "expected"), [c[1:] for c in FIELD_CASES], ids=[c[0] for c in FIELD_CASES]
)
def test_each_field_is_checked_and_named(
    change: Callable[[dict[str, Any]], object], expected: tuple[str, ...]
) -> None:
    refused(changed(change), *expected)


def test_a_value_1e309_written_in_the_file_is_refused() -> None:
    raw = signed(document()).replace(b'"value": 4.5', b'"value": 1e309')
    assert b"1e309" in raw
    refused(raw, "not a finite number")


def test_messages_show_controls_by_name_never_raw() -> None:
    message = refused(changed(lambda d: d["cycle"].update(created_at="\x1b]0;x\x07")))
    assert "'\\x1b]0;x\\x07'" in message
    with pytest.raises(InvalidInput) as raised:
        read_bundle(b"[", "evil\x1b[2J.json")
    assert "\x1b" not in raised.value.message and "evil\u241b[2J.json" in raised.value.message


# -- reading the file -----------------------------------------------------------------------------


def test_a_bundle_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text(write_bundle(cycle(), {}, WHEN))
    assert read_bundle_file(path).cycle.uid == CYCLE_UID


def no_hang(action: Callable[[], object], unblock: Callable[[], None]) -> BaseException | None:
    """Run action; if it blocks, unblock it and fail instead of hanging the test run."""
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            action()
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(10)
    if worker.is_alive():
        unblock()
        worker.join(10)
        pytest.fail("reading the bundle blocked")
    return outcome[0]


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "b.json"
    os.mkfifo(fifo)

    def unblock() -> None:
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))

    error = no_hang(lambda: read_bundle_file(fifo), unblock)
    assert isinstance(error, InvalidInput) and "not a regular file" in error.message


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_and_links_to_them_are_refused_before_reading(tmp_path: Path, device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"{device} is not on this system")
    link = tmp_path / "bundle.json"
    link.symlink_to(device)
    for path in (Path(device), link):
        error = no_hang(lambda p=path: read_bundle_file(p), lambda: None)  # type: ignore[misc]
        assert isinstance(error, InvalidInput) and "not a regular file" in error.message


def test_folders_missing_files_and_oversized_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(InvalidInput, match="is a folder"):
        read_bundle_file(tmp_path)
    with pytest.raises(InvalidInput, match="There is no file"):
        read_bundle_file(tmp_path / "nothing.json")
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 2000)
    monkeypatch.setattr(bundle_module, "MAX_BYTES", 1000)
    with pytest.raises(InvalidInput, match="larger than"):
        read_bundle_file(big)


def test_an_unreadable_file_is_one_sentence(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    path = tmp_path / "b.json"
    path.write_text("{}")
    path.chmod(0)
    with pytest.raises(InvalidInput, match=r"Cannot read .*Permission denied"):
        read_bundle_file(path)
