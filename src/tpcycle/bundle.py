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
import math
import os
import re
import stat
from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum, StrEnum
from pathlib import Path
from typing import Any, NoReturn

from tpcycle.domain import (
    MAX_NAME,
    MAX_TEXT,
    Cycle,
    Entry,
    Measure,
    Role,
    Status,
    Step,
    strip_controls,
    visible,
)
from tpcycle.errors import InvalidInput
from tpcycle.measures import check_measure
from tpcycle.render import cycle_fields

FORMAT = "tpcycle-bundle"
VERSION = 1
MAX_BYTES = 50 * 1024 * 1024  # read no more than this from any bundle


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


def write_bundle(cycle: Cycle, bases: dict[str, str | None], created_at: str) -> str:
    """The bundle text for a cycle exactly as given (already filtered and redacted)."""
    body = {
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
    }
    document = {
        "format": FORMAT,
        "version": VERSION,
        "created_at": created_at,
        "checksum": "sha256:" + hashlib.sha256(_canonical(body)).hexdigest(),
        **body,
    }
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
            f" {_show(version)}, not a whole number from 1."
        )
    if version > VERSION:
        raise InvalidInput(
            f"{shown} was made by a newer tpcycle (bundle version {version}); upgrade tpcycle"
            " to import it."
        )
    check = _Checker(shown)
    created_at = check.timestamp(document.get("created_at"), "created_at")
    cycle = check.cycle(document.get("cycle"))
    items = check.list(document.get("entries"), "entries")
    raw_entries = [check.entry(item, f"entries[{i}]") for i, item in enumerate(items)]
    body = {"cycle": document["cycle"], "entries": document["entries"]}
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
    return Bundle(cycle, tuple(incoming), created_at)


_UID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_CONFLICT_UID = re.compile(r"conflict-[0-9a-f]{32}")
_HASH = re.compile(r"[0-9a-f]{64}")
_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}:\d{2})")
# When a lesson happened (--on): a date, or a time with its offset.
_LESSON = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2}))?")
_PROTOCOL = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")
_PROTOCOL_VERSION = re.compile(r"[0-9]{1,9}(?:\.[0-9]{1,9}){0,2}")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _show(value: Any) -> str:
    """A value quoted for a message: short, and with nothing that could drive a terminal."""
    if isinstance(value, str):
        text = repr(value[:40] + ("..." if len(value) > 40 else ""))
    elif isinstance(value, dict):
        text = "an object"
    elif isinstance(value, list):
        text = "a list"
    elif value is None:
        text = "null"
    else:
        text = repr(value)[:40]
    return visible(_SURROGATE.sub("\ufffd", text))


def _kind(value: Any) -> str:
    return {bool: "true/false", int: "a number", float: "a number", str: "text"}.get(
        type(value), _show(value)
    )


class _Checker:
    """Checks one bundle's fields; every failure is one sentence naming bundle and field."""

    def __init__(self, where: str) -> None:
        self.where = where

    def fail(self, field: str, problem: str) -> NoReturn:
        raise InvalidInput(f"{self.where} cannot be imported: {field} {problem}.")

    # -- shapes ---------------------------------------------------------------------------

    def object(self, value: Any, field: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(field, f"must be an object, not {_show(value)}")
        return value

    def list(self, value: Any, field: str) -> list[Any]:
        if not isinstance(value, list):
            self.fail(field, f"must be a list, not {_show(value)}")
        return value

    def key(self, record: dict[str, Any], key: str, field: str) -> Any:
        if key not in record:
            self.fail(f"{field}.{key}", "is missing")
        return record[key]

    def string(self, value: Any, field: str) -> str:
        if not isinstance(value, str):
            self.fail(field, f"must be text, not {_kind(value)}")
        if _SURROGATE.search(value):
            self.fail(field, "holds a broken character (half of a surrogate pair)")
        return value

    def optional(self, value: Any, field: str) -> str | None:
        return None if value is None else self.string(value, field)

    def matching(self, value: Any, pattern: re.Pattern[str], field: str, what: str) -> str:
        text = self.string(value, field)
        if not pattern.fullmatch(text):
            self.fail(field, f"is not {what} ({_show(text)})")
        return text

    def timestamp(self, value: Any, field: str) -> str:
        text = self.matching(value, _TIMESTAMP, field, "a date and time like 2026-03-01T09:30:00Z")
        try:
            datetime.fromisoformat(text)
        except ValueError:
            self.fail(field, f"is not a real date and time ({_show(text)})")
        return text

    def lesson_date(self, value: Any, field: str) -> str:
        text = self.matching(value, _LESSON, field, "a date like 2026-11-24")
        try:
            datetime.fromisoformat(text)
        except ValueError:
            self.fail(field, f"is not a real date ({_show(text)})")
        return text

    def uid(self, value: Any, field: str, *, conflict: bool = True) -> str:
        text = self.string(value, field)
        if not (_UID.fullmatch(text) or (conflict and _CONFLICT_UID.fullmatch(text))):
            self.fail(field, f"is not an id tpcycle makes ({_show(text)})")
        return text

    def choice(self, value: Any, kind: type[StrEnum], field: str) -> Any:
        if not isinstance(value, str) or value not in {m.value for m in kind}:
            known = ", ".join(m.value for m in kind)
            self.fail(field, f"is {_show(value)}, not one of {known}")
        return kind(value)

    def boolean(self, value: Any, field: str) -> bool:
        if not isinstance(value, bool):
            self.fail(field, f"must be true or false, not {_show(value)}")
        return value

    def number(self, value: Any, field: str) -> float:
        """A finite number, kept as the bundle wrote it (6 or 6.0) so its hash can be checked."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(field, f"must be a number, not {_show(value)}")
        if not math.isfinite(value):
            self.fail(field, "is not a finite number")
        return value

    # -- records --------------------------------------------------------------------------

    def cycle(self, value: Any) -> Cycle:
        c = self.object(value, "cycle")
        closed_at = self.key(c, "closed_at", "cycle")
        return Cycle(
            id=0,
            uid=self.uid(self.key(c, "uid", "cycle"), "cycle.uid", conflict=False),
            goal=self.text(self.key(c, "goal", "cycle"), "cycle.goal"),
            teacher=self.name(self.key(c, "teacher", "cycle"), "cycle.teacher"),
            partner=self.name(self.key(c, "partner", "cycle"), "cycle.partner"),
            protocol=self.matching(
                self.key(c, "protocol", "cycle"), _PROTOCOL, "cycle.protocol", "a protocol name"
            ),
            protocol_version=self.matching(
                self.key(c, "protocol_version", "cycle"),
                _PROTOCOL_VERSION,
                "cycle.protocol_version",
                "a version like 1 or 1.2",
            ),
            status=self.choice(self.key(c, "status", "cycle"), Status, "cycle.status"),
            created_at=self.timestamp(self.key(c, "created_at", "cycle"), "cycle.created_at"),
            closed_at=None if closed_at is None else self.timestamp(closed_at, "cycle.closed_at"),
        )

    def text(self, value: Any, field: str, limit: int = MAX_TEXT) -> str:
        """Text as typed text is kept: cleaned, not empty, not longer than the limit."""
        cleaned = strip_controls(self.string(value, field)).strip()
        if not cleaned:
            self.fail(field, "is empty")
        if len(cleaned) > limit:
            self.fail(
                field, f"is {len(cleaned):,} characters long, more than the {limit:,} allowed"
            )
        return cleaned

    def name(self, value: Any, field: str) -> str:
        """A person's name as typed names are kept: one line, single spaces, not empty."""
        cleaned = " ".join(strip_controls(self.string(value, field)).split())
        if not cleaned:
            self.fail(field, "is empty")
        if len(cleaned) > MAX_NAME:
            self.fail(field, f"is longer than the {MAX_NAME} characters a name may have")
        return cleaned

    def entry(self, value: Any, field: str) -> Entry:
        """An entry exactly as the bundle has it (so its hash can be checked), shapes checked."""
        item = self.object(value, field)
        text = self.string(self.key(item, "text", field), f"{field}.text")
        author = self.string(self.key(item, "author", field), f"{field}.author")
        question = self.optional(self.key(item, "question", field), f"{field}.question")
        self.matching(self.key(item, "hash", field), _HASH, f"{field}.hash", "a SHA-256 hash")
        if item.get("base") is not None:
            self.matching(item["base"], _HASH, f"{field}.base", "a SHA-256 hash")
        updated_at, conflict_of = item.get("updated_at"), item.get("conflict_of")
        happened_at = item.get("happened_at")  # absent from bundles made before --on
        measures = self.list(self.key(item, "measures", field), f"{field}.measures")
        return Entry(
            id=0,
            uid=self.uid(self.key(item, "uid", field), f"{field}.uid"),
            cycle_id=0,
            step=self.choice(self.key(item, "step", field), Step, f"{field}.step"),
            author=author,
            role=self.choice(self.key(item, "role", field), Role, f"{field}.role"),
            text=text,
            private=self.boolean(self.key(item, "private", field), f"{field}.private"),
            created_at=self.timestamp(self.key(item, "created_at", field), f"{field}.created_at"),
            question=question,
            measures=tuple(
                self.measure(m, f"{field}.measures[{j}]") for j, m in enumerate(measures)
            ),
            updated_at=None
            if updated_at is None
            else self.timestamp(updated_at, f"{field}.updated_at"),
            conflict_of=None
            if conflict_of is None
            else self.uid(conflict_of, f"{field}.conflict_of"),
            happened_at=None
            if happened_at is None
            else self.lesson_date(happened_at, f"{field}.happened_at"),
        )

    def measure(self, value: Any, field: str) -> Measure:
        m = self.object(value, field)
        total = self.key(m, "total", field)
        return Measure(
            name=self.string(self.key(m, "name", field), f"{field}.name"),
            value=self.number(self.key(m, "value", field), f"{field}.value"),
            total=None if total is None else self.number(total, f"{field}.total"),
            unit=self.optional(self.key(m, "unit", field), f"{field}.unit"),
        )

    def cleaned(self, entry: Entry, field: str) -> Entry:
        """The entry as typed text would have been kept; numbers checked as typed ones are."""
        question = None
        if entry.question is not None:
            question = strip_controls(entry.question).strip() or None
            if question is not None and len(question) > MAX_TEXT:
                self.fail(f"{field}.question", "is too long")
        measures = tuple(
            check_measure(m, f"{self.where} {field}.measures[{j}]")
            for j, m in enumerate(entry.measures)
        )
        keys = [m.key for m in measures]
        if len(set(keys)) != len(keys):
            self.fail(f"{field}.measures", "names the same measure twice")
        return replace(
            entry,
            text=self.text(entry.text, f"{field}.text"),
            author=self.name(entry.author, f"{field}.author"),
            question=question,
            measures=measures,
        )


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
