"""What a file is by its bytes, and safe names to write it under: pure."""

from __future__ import annotations

import pytest

from tpcycle.attachments import checked, clean_name, kind_of, safe_file_name
from tpcycle.errors import InvalidInput
from tpcycle.messages_classroom import Classroom


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\xff\xd8\xff\xdb rest", "jpeg"),
        (b"\x89PNG\r\n\x1a\n rest", "png"),
        (b"GIF89a rest", "gif"),
        (b"GIF87a rest", "gif"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "webp"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00", "heic"),
        (b"\x00\x00\x00\x18ftypmif1\x00\x00", "heic"),
        (b"%PDF-1.4\n", "pdf"),
        (b"\r\n%PDF-1.4\n", "pdf"),
        (b"RIFF\x00\x00\x00\x00WAVEfmt ", None),  # a sound, not a picture
        (b"\x00\x00\x00\x18ftypisom", None),  # an MP4 video
        (b"PK\x03\x04", None),  # a zip (or a Word file)
        (b"MZ\x90\x00", None),  # a Windows program
        (b"", None),
    ],
)
def test_the_type_is_read_from_the_first_bytes(data: bytes, kind: str | None) -> None:
    assert kind_of(data) == kind


def test_a_file_is_kept_as_what_its_bytes_are() -> None:
    same = checked("/home/ana/photo.JPG", b"\xff\xd8\xff...")
    assert (same.name, same.kind, same.renamed_from) == ("photo.JPG", "jpeg", None)
    other = checked("scan.png", b"%PDF-1.4")
    assert (other.name, other.kind, other.renamed_from) == ("scan.pdf", "pdf", "scan.png")
    odd = checked("scan.v2", b"%PDF-1.4")
    assert odd.name == "scan.v2.pdf"
    with pytest.raises(InvalidInput) as caught:
        checked("virus.jpg", b"MZ\x90\x00")
    assert caught.value.message_id is Classroom.ATTACH_UNKNOWN_TYPE


def test_names_are_stored_without_folders_or_controls() -> None:
    assert clean_name("C:\\Users\\ana\\essay\x1b[31m.pdf") == "essay[31m.pdf"
    assert clean_name("../../") == "attachment"


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("photo.jpg", "photo.jpg"),
        ("../../etc/passwd", "passwd.jpg"),
        ("..hidden:photo?.jpg", "hidden_photo.jpg"),
        ("CON.jpg", "attachment-7.jpg"),
        ("lpt1", "attachment-7.jpg"),
        (".jpg", "attachment-7.jpg"),
        ("José Ruiz — essay.png", "José Ruiz _ essay.jpg"),
        ("x" * 300 + ".jpg", "x" * 80 + ".jpg"),
    ],
)
def test_file_names_written_out_are_safe_anywhere(name: str, safe: str) -> None:
    assert safe_file_name(name, "jpeg", "attachment-7") == safe
