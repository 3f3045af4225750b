"""Student work kept with evidence: attached, listed, written out, exported beside, forgotten."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from tests.conftest import Run, rows
from tests.test_privacy import journal_bytes

MARK = b"zqxjphotobytes"  # unlike anything else in the file
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF" + MARK * 2000  # ~28 KB: spills onto overflow pages
PDF = b"%PDF-1.7\n" + b"zqxjpdfbytes" * 50


def _files(folder: Path) -> dict[str, Path]:
    made = {
        "photo.jpg": JPEG,
        "Priya_essay.pdf": PDF,
        "scan.png": PDF,  # a PDF whose name says PNG
        "notes.jpg": b"just some text, not a photo",
    }
    for name, data in made.items():
        (folder / name).write_bytes(data)
    return {name: folder / name for name in made}


def test_a_photo_is_kept_listed_written_out_and_gone_after_forget(
    cycle: Run, isolated: Path, db_path: Path
) -> None:
    files = _files(isolated)
    result = cycle("log", "evidence", "Exit tickets", "--attach", str(files["photo.jpg"]),
                   "--attach", str(files["scan.png"]))  # fmt: skip
    assert "scan.png holds a PDF, whatever its name says; it is kept as scan.pdf." in result.stderr
    assert "Kept 2 files with entry 2: photo.jpg, scan.pdf." in result.stderr
    shown = cycle("show").stdout
    assert "#2 photo.jpg  JPEG photo, 27 KiB" in shown and "#2 scan.pdf  PDF" in shown
    listed = json.loads(cycle("attachments", "--json").stdout)
    assert [(a["entry"], a["name"], a["type"]) for a in listed] == [
        (2, "photo.jpg", "jpeg"),
        (2, "scan.pdf", "pdf"),
    ]
    out = isolated / "out"
    cycle("attachments", "2", "-o", str(out))
    assert (out / "photo.jpg").read_bytes() == JPEG and (out / "scan.pdf").read_bytes() == PDF
    assert MARK in journal_bytes(db_path)
    cycle("forget", "2", "--yes")
    assert MARK not in journal_bytes(db_path)
    assert rows(db_path, "SELECT count(*) FROM blobs") == [(0,)]


def test_the_same_file_twice_is_stored_once_and_kept_until_its_last_entry_goes(
    cycle: Run, isolated: Path, db_path: Path
) -> None:
    photo = _files(isolated)["photo.jpg"]
    cycle("log", "evidence", "one", "--attach", str(photo))
    cycle("log", "evidence", "two", "--attach", str(photo), "--attach", str(photo))
    assert rows(db_path, "SELECT count(*) FROM blobs") == [(1,)]
    assert rows(db_path, "SELECT entry_id FROM attachments ORDER BY id") == [(2,), (3,)]
    cycle("forget", "2", "--yes")
    assert MARK in journal_bytes(db_path)  # entry 3 still holds it
    cycle("forget", "--cycle", "1", "--yes")
    assert MARK not in journal_bytes(db_path)


def test_writing_out_never_overwrites_and_names_are_made_safe(cycle: Run, isolated: Path) -> None:
    odd = isolated / "..hidden:photo?.jpg"
    odd.write_bytes(JPEG)
    cycle("log", "evidence", "x", "--attach", str(odd))
    out = isolated / "out"
    out.mkdir()
    (out / "hidden_photo.jpg").write_bytes(b"the teacher's own file")
    result = cycle("attachments", "-o", str(out))
    assert (out / "hidden_photo.jpg").read_bytes() == b"the teacher's own file"
    assert (out / "hidden_photo-2.jpg").read_bytes() == JPEG
    assert "is there already and was left as it was" in result.stderr
    again = cycle("attachments", "-o", str(out))
    assert "there already with the same content" in again.stderr
    assert sorted(p.name for p in out.iterdir()) == ["hidden_photo-2.jpg", "hidden_photo.jpg"]


def test_export_all_to_a_folder_copies_them_beside_with_names_redacted(
    cycle: Run, isolated: Path
) -> None:
    files = _files(isolated)
    cycle("students", "add", "Priya Park")
    cycle("log", "evidence", "essay", "--attach", str(files["Priya_essay.pdf"]))
    cycle("log", "evidence", "mine", "--private", "--attach", str(files["photo.jpg"]))
    folder = isolated / "export"
    cycle("export", "--all", "-o", str(folder))
    page = (folder / "cycle-0001.md").read_text(encoding="utf-8")
    assert "- Entry 2: [Student-A\\_essay.pdf](<attachments/Student-A_essay.pdf>)" in page
    assert (folder / "attachments" / "Student-A_essay.pdf").read_bytes() == PDF
    assert sorted(p.name for p in (folder / "attachments").iterdir()) == ["Student-A_essay.pdf"]
    assert "Priya" not in page
    assert "attachments/" not in cycle("export").stdout  # a single export links nothing


def _error(run: Run, *args: str) -> str:
    result = run(*args, ok=False)
    assert result.exit_code == 1, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev are POSIX")
def test_bad_files_are_refused_in_one_line_and_nothing_is_saved(
    cycle: Run, isolated: Path, db_path: Path
) -> None:
    files = _files(isolated)
    os.mkfifo(isolated / "pipe.jpg")
    big = isolated / "big.jpg"
    with big.open("wb") as handle:
        handle.write(JPEG[:4])
        handle.truncate(10 * 1024 * 1024 + 1)
    (isolated / "link.jpg").symlink_to(files["photo.jpg"])
    photo = str(files["photo.jpg"])
    for bad, said in [
        (str(files["notes.jpg"]), "is not a photo (JPEG, PNG, GIF, WebP, HEIC) or a PDF"),
        (str(isolated / "missing.jpg"), "There is no file"),
        (str(isolated), "is a folder"),
        (str(isolated / "pipe.jpg"), "is a pipe or a device"),
        ("/dev/zero", "is a pipe or a device"),
        (str(big), "is larger than 10 MiB"),
    ]:
        assert said in _error(cycle, "log", "evidence", "x", "--attach", photo, "--attach", bad)
    assert rows(db_path, "SELECT count(*) FROM entries") == [(1,)]
    assert rows(db_path, "SELECT count(*) FROM blobs") == [(0,)]
    cycle("log", "evidence", "via a link", "--attach", str(isolated / "link.jpg"))
    assert rows(db_path, "SELECT name FROM attachments") == [("link.jpg",)]


def test_files_belong_to_evidence_and_to_entries_that_exist(cycle: Run) -> None:
    assert "There is no entry 9" in _error(cycle, "attachments", "9")
    assert "No files are kept with entry 1." in cycle("attachments", "1").stderr
