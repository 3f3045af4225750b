"""Bundles: one cycle packed as self-describing JSON to move between machines.

A bundle names its format and version, carries a SHA-256 checksum of its contents, and gives
every entry the hash of its content and the hash it had when last exchanged (its *base*).
With those, an import can tell apart an entry edited on one side (take the newer one) from
an entry edited on both sides (keep both, and say so).

Reading a bundle trusts nothing in it: every field is checked before anything is written.
Everything here is pure apart from ``read_bundle_file``, which opens the file safely.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from tpcycle import bundle_conversations
from tpcycle.agreement import AgreementAnswer
from tpcycle.agreement_bundle import read_agreement, read_speaker, with_agreement, with_speaker
from tpcycle.bundle_between import Extras, read_extras
from tpcycle.bundle_fields import FieldChecker, show_value
from tpcycle.bundle_files import FIELD as FILES_FIELD
from tpcycle.bundle_files import IncomingFile, read_files
from tpcycle.bundle_sorts import FIELD as SORTS_FIELD
from tpcycle.bundle_sorts import IncomingSort, read_sorts
from tpcycle.conversation import Conversation
from tpcycle.domain import (
    Cycle,
    Entry,
    Me,
    visible,
)
from tpcycle.errors import InvalidInput
from tpcycle.render import cycle_fields

FORMAT = "tpcycle-bundle"
VERSION = 1
MAX_BYTES = 50 * 1024 * 1024  # read no more than this from any bundle
# Optional top-level parts besides the cycle and its entries; covered by the checksum when
# present, so bundles without them (older ones) read as before.
EXTRA_PARTS = ("machine", "promises", "notes")


def _canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def _measures(entry: Entry) -> list[dict[str, Any]]:
    return [
        {"name": m.name, "value": m.value, "total": m.total, "unit": m.unit} for m in entry.measures
    ]


def _content(entry: Entry) -> dict[str, Any]:
    """What an entry says; its hash changes exactly when the entry is edited.

    Deliberately not render.entry_dict: JSON output may gain fields, but a content hash must
    mean the same thing in every version of tpcycle that exchanges bundles.
    """
    return {
        "step": entry.step.value,
        "author": entry.author,
        "role": entry.role.value,
        "text": entry.text,
        "question": entry.question,
        "private": entry.private,
        "created_at": entry.created_at,
        "measures": _measures(entry),
    }


def content_hash(entry: Entry) -> str:
    return hashlib.sha256(_canonical(_content(entry))).hexdigest()


@dataclass(frozen=True)
class Incoming:
    """One entry as it arrived: its content, its hash and the base it was edited from."""

    entry: Entry
    hash: str
    base: str | None


@dataclass(frozen=True)
class Bundle:
    cycle: Cycle  # id 0 and no entries: the local id is decided on import
    entries: tuple[Incoming, ...]
    created_at: str
    extras: Extras = field(default_factory=Extras)  # the machine, promises and notes
    conversations: tuple[Conversation, ...] = ()  # an optional list (bundle_conversations)
    agreement: tuple[AgreementAnswer, ...] = ()  # the pair's agreement, when it came along
    agreement_problem: str | None = None  # what was wrong with a damaged one (left out)
    speaks_for: Me | None = None  # whom the machine that wrote it speaks for (whoami)
    files: tuple[IncomingFile, ...] = ()  # only in a bundle shared --with-attachments
    sorts: tuple[IncomingSort, ...] = ()  # each student's pile, by the sharer's aliases


def write_bundle(
    cycle: Cycle,
    bases: dict[str, str | None],
    created_at: str,
    extras: Mapping[str, Any] | None = None,
    agreement: tuple[AgreementAnswer, ...] = (),
    speaks_for: Me | None = None,
    *,
    files: list[dict[str, Any]] | None = None,
    sorts: list[Any] | None = None,
) -> str:
    """The bundle text for a cycle exactly as given (already filtered and redacted); ``files``
    and ``sorts``: the optional ``attachments`` and ``sorts`` lists (``bundle_files``,
    ``bundle_sorts``), outside the checksum."""
    body: dict[str, Any] = {
        "cycle": cycle_fields(cycle),
        "entries": [
            {
                **_content(e),
                "uid": e.uid,
                "updated_at": e.updated_at,
                "conflict_of": e.conflict_of,
                # outside the hash, so bundles from before --on still match theirs
                "happened_at": e.happened_at,
                "hash": content_hash(e),
                "base": bases.get(e.uid),
            }
            for e in cycle.entries
        ],
        **{k: v for k, v in (extras or {}).items() if k in EXTRA_PARTS},
    }
    document = {
        "format": FORMAT,
        "version": VERSION,
        "created_at": created_at,
        "checksum": "sha256:" + hashlib.sha256(_canonical(body)).hexdigest(),
        **body,
        **bundle_conversations.part(cycle),
        **({FILES_FIELD: files} if files else {}),
        **({SORTS_FIELD: sorts} if sorts else {}),
    }
    with_agreement(document, agreement)
    with_speaker(document, speaks_for)
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def read_bundle_file(path: Path | str) -> Bundle:
    """Read and check a bundle file, refusing anything that is not a regular file of sane size.

    The file is opened without blocking and looked at before a byte is read, so a FIFO, a
    device such as /dev/zero, or a symlink to one is refused at once instead of hanging or
    reading forever; at most MAX_BYTES are read.
    """
    where = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError as exc:
        raise InvalidInput(f"There is no file {visible(where)}.") from exc
    except OSError as exc:
        raise InvalidInput(f"Cannot read {visible(where)}: {exc.strerror or exc}.") from exc
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InvalidInput(f"{visible(where)} is a folder, not a bundle file.")
        if not stat.S_ISREG(info.st_mode):
            raise InvalidInput(
                f"{visible(where)} is not a regular file (a pipe, a device or a link to one),"
                " so tpcycle will not read it as a bundle."
            )
        if info.st_size > MAX_BYTES:
            raise InvalidInput(_too_large(where))
        chunks = []
        left = MAX_BYTES + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise InvalidInput(f"Cannot read {visible(where)}: {exc.strerror or exc}.") from exc
    finally:
        os.close(fd)
    return read_bundle(b"".join(chunks), where)


def _too_large(where: str) -> str:
    return (
        f"{visible(where)} is larger than {MAX_BYTES // (1024 * 1024)} MB, far more than a"
        " tpcycle bundle holds, so it was not read."
    )


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a bundle may hold")


def read_bundle(raw: bytes, where: str) -> Bundle:
    """Check and unpack a bundle; anything damaged, tampered with, too new or malformed is
    refused with one sentence naming the bundle and the field, before anything is written.

    Every field is checked for type, length and shape (see docs/exchange.md); texts and names
    get the same cleaning as typed text, and an entry whose text cleaning changed is carried
    with the hash of its cleaned content.
    """
    shown = visible(where)
    if len(raw) > MAX_BYTES:
        raise InvalidInput(_too_large(where))
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]  # some editors add one when saving; harmless
    elif raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) or raw.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    ):
        raise InvalidInput(
            f"{shown} starts with a UTF-16 or UTF-32 byte-order mark; tpcycle bundles are UTF-8"
            " text, as 'tpcycle share' writes them."
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            f"{shown} is not UTF-8 text (byte {exc.start} is not), so it is not a complete"
            " tpcycle bundle; it may be cut short or damaged."
        ) from exc
    try:
        document = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            f"{shown} is not a complete tpcycle bundle (it may be cut short or damaged):"
            f" {exc.msg} at line {exc.lineno}, column {exc.colno}."
        ) from exc
    except RecursionError as exc:
        raise InvalidInput(f"{shown} is nested far too deeply to be a tpcycle bundle.") from exc
    except ValueError as exc:  # NaN or Infinity, an integer of thousands of digits
        raise InvalidInput(f"{shown} holds a value no bundle may hold: {exc}.") from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InvalidInput(f"{shown} is not a tpcycle bundle.")
    version = document.get("version")
    if type(version) is not int or version < 1:
        raise InvalidInput(
            f"{shown} is not a tpcycle bundle it can read: its version is"
            f" {show_value(version)}, not a whole number from 1."
        )
    if version > VERSION:
        raise InvalidInput(
            f"{shown} was made by a newer tpcycle (bundle version {version}); upgrade tpcycle"
            " to import it."
        )
    check = FieldChecker(shown)
    created_at = check.timestamp(document.get("created_at"), "created_at")
    cycle = check.cycle(document.get("cycle"))
    items = check.list(document.get("entries"), "entries")
    raw_entries = [check.entry(item, f"entries[{i}]") for i, item in enumerate(items)]
    extras = {k: document[k] for k in EXTRA_PARTS if k in document}
    between = read_extras(extras, check)
    body = {"cycle": document["cycle"], "entries": document["entries"], **extras}
    try:
        expected = "sha256:" + hashlib.sha256(_canonical(body)).hexdigest()
    except (RecursionError, ValueError) as exc:
        raise InvalidInput(f"{shown} holds values no bundle may hold.") from exc
    if document.get("checksum") != expected:
        raise InvalidInput(
            f"{shown} does not match its checksum: it was changed or damaged after it was"
            " written, so nothing was imported."
        )
    incoming = []
    seen: set[str] = set()
    for i, (entry, item) in enumerate(zip(raw_entries, items, strict=True)):
        field = f"entries[{i}]"
        if entry.uid in seen:
            check.fail(f"{field}.uid", f"repeats entry {entry.uid}, which comes earlier")
        seen.add(entry.uid)
        if content_hash(entry) != item["hash"]:
            check.fail(f"{field}.hash", "does not match the entry's contents")
        # What is kept is the cleaned entry, so it travels with the hash of what it now says
        # (the same as the bundle's unless cleaning changed something).
        cleaned = check.cleaned(entry, field)
        incoming.append(Incoming(cleaned, content_hash(cleaned), item.get("base")))
    agreement, problem = read_agreement(document, shown)
    speaker = read_speaker(document, shown)
    return Bundle(
        cycle,
        tuple(incoming),
        created_at,
        extras=between,
        conversations=bundle_conversations.read(document, check),
        agreement=agreement,
        agreement_problem=problem,
        speaks_for=speaker,
        files=read_files(document.get(FILES_FIELD), seen, check),
        sorts=read_sorts(document.get(SORTS_FIELD), seen, check),
    )


def body_checksum(text: str) -> str | None:
    """The checksum a bundle text names (None if it is not readable as one): what 'sync' compares
    to leave an unchanged bundle alone."""
    try:
        found = json.loads(text).get("checksum")
    except (ValueError, AttributeError, RecursionError):
        return None
    return found if isinstance(found, str) else None


# -- deciding what an import does ------------------------------------------------------------


class Action(Enum):
    ADD = "add"  # new here
    SAME = "same"  # identical on both sides
    TAKE = "take"  # edited only on the other side: take theirs
    KEEP = "keep"  # edited only here, or theirs is older: keep ours
    CONFLICT = "conflict"  # edited on both sides: keep ours and add theirs beside it
    FORGOTTEN = "forgotten"  # forgotten here: never brought back


def decide(
    incoming: Incoming, local_hash: str | None, seen: frozenset[str], forgotten: bool
) -> Action:
    """What to do with one incoming entry.

    ``local_hash`` is our version's hash (None if we do not have the entry); ``seen`` holds
    every version of it we have exchanged before.
    """
    if forgotten:
        return Action.FORGOTTEN
    if local_hash is None:
        return Action.ADD
    if incoming.hash == local_hash:
        return Action.SAME
    if incoming.hash in seen:  # a version we had before: theirs is older than ours
        return Action.KEEP
    if incoming.base is not None and incoming.base == local_hash:
        return Action.TAKE  # they edited the version we still have
    return Action.CONFLICT


def conflict_uid(uid: str, their_hash: str) -> str:
    """The same conflicting version always gets the same uid, so importing twice adds it once."""
    return "conflict-" + hashlib.sha256(f"{uid}:{their_hash}".encode()).hexdigest()[:32]
