"""Files in a bundle (``share --with-attachments``): an optional top-level ``attachments`` list,
one object per file kept with a shared entry. Pure.

The list is outside the bundle's checksum, so a tpcycle that does not know it still imports
the entries (and leaves the files out); each file carries the SHA-256 of its bytes instead,
and is checked as strictly as a file attached here: its type read from its bytes, its size
within the limit, its entry one the bundle shares.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tpcycle.attachments import KINDS, MAX_BYTES, FileToKeep, clean_name, kind_of
from tpcycle.bundle_fields import FieldChecker

FIELD = "attachments"
MAX_FILES_BYTES = 30 * 1024 * 1024  # what one bundle carries, so it stays under its own limit
_HEX = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class IncomingFile:
    entry_uid: str
    file: FileToKeep


def files_field(files: Iterable[tuple[str, FileToKeep]]) -> list[dict[str, Any]]:
    """The ``attachments`` list for (entry uid, file) pairs."""
    return [
        {
            "entry": uid,
            "name": f.name,
            "type": f.kind,
            "sha256": f.sha256,
            "data": base64.b64encode(f.data).decode("ascii"),
        }
        for uid, f in files
    ]


def read_files(value: Any, entry_uids: set[str], check: FieldChecker) -> tuple[IncomingFile, ...]:
    """The files of a bundle, each checked; absent (an older tpcycle, or none shared): none."""
    if value is None:
        return ()
    found: list[IncomingFile] = []
    for i, item in enumerate(check.list(value, FIELD)):
        field = f"{FIELD}[{i}]"
        record = check.object(item, field)
        uid = check.string(check.key(record, "entry", field), f"{field}.entry")
        if uid not in entry_uids:
            check.fail(f"{field}.entry", "is not an entry in this bundle")
        kind = check.string(check.key(record, "type", field), f"{field}.type")
        if kind not in KINDS:
            check.fail(f"{field}.type", f"must be one of {', '.join(KINDS)}")
        digest = check.string(check.key(record, "sha256", field), f"{field}.sha256")
        if not _HEX.match(digest):
            check.fail(f"{field}.sha256", "must be 64 lower-case hexadecimal digits")
        encoded = check.string(check.key(record, "data", field), f"{field}.data")
        if len(encoded) > (MAX_BYTES // 3 + 1) * 4:
            check.fail(f"{field}.data", "is larger than a kept file may be")
        try:
            data = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            check.fail(f"{field}.data", "is not base64")
        if hashlib.sha256(data).hexdigest() != digest:
            check.fail(f"{field}.data", "does not match its sha256")
        if kind_of(data) != kind:
            check.fail(f"{field}.data", f"is not a {kind} file by its content")
        name = clean_name(check.string(check.key(record, "name", field), f"{field}.name"))
        found.append(IncomingFile(uid, FileToKeep(name, kind, data)))
    return tuple(found)
