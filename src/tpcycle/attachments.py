"""Student work kept with evidence: what a file is by its first bytes, and a safe name to write
it under. Pure, no I/O.

A file's type is read from its content (its "magic" bytes), never from its name: a photo
(JPEG, PNG, GIF, WebP, HEIC) or a PDF is kept, anything else is refused; a file whose name
says one type while its bytes are another is kept as what its bytes are, under a name that
ends the right way.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePath

from tpcycle.domain import strip_controls
from tpcycle.errors import InvalidInput
from tpcycle.messages_classroom import Classroom

MAX_BYTES = 10 * 1024 * 1024  # each file: a phone photo or a scanned page is well under this
MAX_NAME = 100

# kind -> (what people call it, the extension a file of that kind is written with)
KINDS: dict[str, tuple[str, str]] = {
    "jpeg": ("JPEG photo", ".jpg"),
    "png": ("PNG image", ".png"),
    "gif": ("GIF image", ".gif"),
    "webp": ("WebP image", ".webp"),
    "heic": ("HEIC photo", ".heic"),
    "pdf": ("PDF", ".pdf"),
}
_EXTENSIONS = {
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".jpe": "jpeg",
    ".png": "png",
    ".gif": "gif",
    ".webp": "webp",
    ".heic": "heic",
    ".heif": "heic",
    ".pdf": "pdf",
}
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}


def kind_of(data: bytes) -> str | None:
    """What the bytes are (a key of ``KINDS``), or None for anything else."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        return "heic"
    if data[:1024].lstrip(b"\xef\xbb\xbf\r\n\t ").startswith(b"%PDF-"):
        return "pdf"
    return None


@dataclass(frozen=True)
class FileToKeep:
    """A file read and checked, ready to be saved with an entry."""

    name: str  # the name it is kept under (the file's own name, cleaned)
    kind: str
    data: bytes
    renamed_from: str | None = None  # its name said another type than its bytes

    @property
    def sha256(self) -> str:
        import hashlib  # starts OpenSSL (~4 ms): only when a file is really attached

        return hashlib.sha256(self.data).hexdigest()

    @property
    def size(self) -> int:
        return len(self.data)


def checked(name: str, data: bytes) -> FileToKeep:
    """The file as it will be kept, or a one-line error when it is not a photo or a PDF."""
    kind = kind_of(data)
    shown = clean_name(name)
    if kind is None:
        raise InvalidInput(Classroom.ATTACH_UNKNOWN_TYPE, name=shown)
    said = _EXTENSIONS.get(PurePath(shown).suffix.lower())
    if said == kind:
        return FileToKeep(shown, kind, data)
    return FileToKeep(with_extension(shown, kind), kind, data, renamed_from=shown)


def clean_name(name: str) -> str:
    """A file's own name (no folders) as it is stored and shown: controls out, one line."""
    base = PurePath(name.replace("\\", "/")).name
    cleaned = " ".join(unicodedata.normalize("NFC", strip_controls(base)).split())
    return cleaned[:MAX_NAME] if cleaned.strip(".") else "attachment"


def with_extension(name: str, kind: str) -> str:
    """``scan.jpg`` holding a PDF becomes ``scan.pdf``; an unknown suffix is kept before it."""
    path = PurePath(name)
    stem = path.stem if path.suffix.lower() in _EXTENSIONS else path.name
    return f"{stem}{KINDS[kind][1]}"


_UNSAFE = re.compile(r"[^\w.\- ()]+", re.UNICODE)


def safe_file_name(name: str, kind: str, fallback: str) -> str:
    """A name that is safe to create in any folder on any system: no folders, no leading dot,
    no characters Windows or a shell would trip on, the extension its bytes call for."""
    cleaned = clean_name(name)
    if cleaned.lower().strip(" .") in {e.lstrip(".") for e in _EXTENSIONS}:
        cleaned = ""  # a name that is only an extension (".jpg")
    base = _UNSAFE.sub("_", cleaned).strip(" ._")
    base = re.sub(r"_+", "_", base)
    stem = PurePath(with_extension(base, kind)).stem.strip(" ._")[:80] if base else ""
    reserved = stem.split(".")[0].upper() in _WINDOWS_RESERVED
    return f"{stem if stem and not reserved else fallback}{KINDS[kind][1]}"


_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)),
                     *(f"LPT{i}" for i in range(10))}  # fmt: skip


def describe(kind: str) -> str:
    return KINDS.get(kind, (kind, ""))[0]


@dataclass(frozen=True)
class Attachment:
    """A file kept with an entry, as listed (its bytes are read only to write it out)."""

    id: int
    entry_id: int
    name: str
    kind: str
    size: int
    sha256: str
    added_at: str
