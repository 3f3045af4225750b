"""Bundles: one cycle packed as self-describing JSON to move between machines. Pure.

A bundle names its format and version, carries a SHA-256 checksum of its contents, and gives
every entry the hash of its content and the hash it had when last exchanged (its *base*).
With those, an import can tell apart an entry edited on one side (take the newer one) from
an entry edited on both sides (keep both, and say so).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from enum import Enum
from typing import Any

from tpcycle.domain import Cycle, Entry, Measure, Role, Status, Step
from tpcycle.errors import InvalidInput
from tpcycle.render import cycle_fields

FORMAT = "tpcycle-bundle"
VERSION = 1
MAX_BYTES = 64 * 1024 * 1024


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


def read_bundle(raw: bytes, where: str) -> Bundle:
    """Check and unpack a bundle; anything truncated, tampered with or too new is refused."""
    if len(raw) > MAX_BYTES:
        raise InvalidInput(f"{where} is too large to be a tpcycle bundle.")
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInput(
            f"{where} is not a complete tpcycle bundle (it may be cut short or damaged)."
        ) from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InvalidInput(f"{where} is not a tpcycle bundle.")
    version = document.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise InvalidInput(
            f"{where} was made by a newer tpcycle (bundle version {version}); upgrade tpcycle"
            " to import it."
        )
    body = {"cycle": document.get("cycle"), "entries": document.get("entries")}
    expected = "sha256:" + hashlib.sha256(_canonical(body)).hexdigest()
    if document.get("checksum") != expected:
        raise InvalidInput(
            f"{where} does not match its checksum: it was changed or damaged after it was"
            " written, so nothing was imported."
        )
    try:
        return _unpack(body, str(document.get("created_at", "")))
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidInput(
            f"{where} has a checksum but its contents are not valid ({exc})."
        ) from exc


def _unpack(body: dict[str, Any], created_at: str) -> Bundle:
    c = body["cycle"]
    cycle = Cycle(
        id=0,
        uid=_text(c["uid"]),
        goal=_text(c["goal"]),
        teacher=_text(c["teacher"]),
        partner=_text(c["partner"]),
        protocol=_text(c["protocol"]),
        protocol_version=_text(c["protocol_version"]),
        status=Status(c["status"]),
        created_at=_text(c["created_at"]),
        closed_at=_optional(c["closed_at"]),
    )
    incoming = []
    for item in body["entries"]:
        entry = Entry(
            id=0,
            uid=_text(item["uid"]),
            cycle_id=0,
            step=Step(item["step"]),
            author=_text(item["author"]),
            role=Role(item["role"]),
            text=_text(item["text"]),
            private=bool(item["private"]),
            created_at=_text(item["created_at"]),
            question=_optional(item["question"]),
            measures=tuple(
                Measure(
                    _text(m["name"]),
                    float(m["value"]),
                    None if m["total"] is None else float(m["total"]),
                    _optional(m["unit"]),
                )
                for m in item["measures"]
            ),
            updated_at=_optional(item.get("updated_at")),
            conflict_of=_optional(item.get("conflict_of")),
        )
        if content_hash(entry) != item["hash"]:
            raise ValueError(f"entry {entry.uid} does not match its hash")
        incoming.append(Incoming(entry, str(item["hash"]), _optional(item.get("base"))))
    return Bundle(cycle, tuple(incoming), created_at)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, found {type(value).__name__}")
    return value


def _optional(value: Any) -> str | None:
    return None if value is None else _text(value)


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
