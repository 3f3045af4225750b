"""The parts of a bundle beyond the cycle's steps: the machine that wrote it, the pair's
promises and their notes, questions and answers. Written from, and checked into,
``tpcycle.between`` objects; every field is checked before anything is written. Pure."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tpcycle.between import MAX_NOTE, Note, NoteKind, Promise, PromiseState
from tpcycle.bundle_fields import FieldChecker
from tpcycle.domain import Role

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MACHINE = re.compile(r"[0-9a-f]{12}")
MAX_ITEMS = 10_000  # promises or notes one bundle may carry


@dataclass(frozen=True)
class Machine:
    """The machine a bundle was written on: a random id, and whose machine it is."""

    id: str
    name: str


@dataclass(frozen=True)
class Extras:
    machine: Machine | None = None
    promises: tuple[Promise, ...] = ()
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class Arrival:
    name: str
    cycle: int
    entries: int
    notes: int
    promises: int


@dataclass(frozen=True)
class Departure:
    name: str
    cycle: int
    entries: int


@dataclass
class SyncReport:
    folder: Path
    machine: Machine
    came_in: list[Arrival] = field(default_factory=list)
    went_out: list[Departure] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # file name, why


def extras_dict(
    promises: Sequence[Promise],
    notes: Sequence[Note],
    redact: Callable[[str], str],
    machine: Machine | None = None,
) -> dict[str, Any]:
    """The optional bundle parts (text redacted like entries). Empty lists are left out, so a
    cycle without any reads as bundles always have."""
    parts: dict[str, Any] = {}
    if machine is not None:
        parts["machine"] = {"id": machine.id, "name": machine.name}
    if promises:
        parts["promises"] = [
            {
                "uid": p.uid,
                "text": redact(p.text),
                "owner": p.owner,
                "owner_role": p.owner_role.value,
                "due": p.due,
                "state": p.state.value,
                "state_at": p.state_at,
                "author": p.author,
                "role": p.role.value,
                "created_at": p.created_at,
                "entry_uid": p.entry_uid,
            }
            for p in promises
        ]
    if notes:
        parts["notes"] = [
            {
                "uid": n.uid,
                "kind": n.kind.value,
                "text": redact(n.text),
                "author": n.author,
                "role": n.role.value,
                "created_at": n.created_at,
                "reply_to": n.reply_to,
            }
            for n in notes
        ]
    return parts


def read_extras(document: Mapping[str, Any], check: FieldChecker) -> Extras:
    """Check the optional parts of a bundle document; a bad field refuses the whole bundle."""
    machine = None
    if "machine" in document:
        raw = check.object(document["machine"], "machine")
        machine = Machine(
            check.matching(check.key(raw, "id", "machine"), _MACHINE, "machine.id", "a machine id"),
            check.name(check.key(raw, "name", "machine"), "machine.name"),
        )
    promises = tuple(
        _promise(item, f"promises[{i}]", check)
        for i, item in enumerate(_items(document, "promises", check))
    )
    notes = tuple(
        _note(item, f"notes[{i}]", check) for i, item in enumerate(_items(document, "notes", check))
    )
    for part, uids in (("promises", [p.uid for p in promises]), ("notes", [n.uid for n in notes])):
        if len(set(uids)) != len(uids):
            check.fail(part, "repeats a uid")
    return Extras(machine, promises, notes)


def _items(document: Mapping[str, Any], part: str, check: FieldChecker) -> list[Any]:
    if part not in document:
        return []
    items = check.list(document[part], part)
    if len(items) > MAX_ITEMS:
        check.fail(part, f"holds more than {MAX_ITEMS:,} items")
    return items


def _promise(value: Any, field: str, check: FieldChecker) -> Promise:
    item = check.object(value, field)

    def get(key: str) -> Any:
        return check.key(item, key, field)

    due = get("due")
    state_at = get("state_at")
    entry_uid = get("entry_uid")
    return Promise(
        id=0,
        uid=check.uid(get("uid"), f"{field}.uid", conflict=False),
        cycle_id=0,
        text=check.text(get("text"), f"{field}.text", MAX_NOTE),
        owner=check.name(get("owner"), f"{field}.owner"),
        owner_role=check.choice(get("owner_role"), Role, f"{field}.owner_role"),
        due=None if due is None else check.matching(due, _DAY, f"{field}.due", "a day"),
        state=check.choice(get("state"), PromiseState, f"{field}.state"),
        state_at=None if state_at is None else check.timestamp(state_at, f"{field}.state_at"),
        author=check.name(get("author"), f"{field}.author"),
        role=check.choice(get("role"), Role, f"{field}.role"),
        created_at=check.timestamp(get("created_at"), f"{field}.created_at"),
        entry_uid=None if entry_uid is None else check.uid(entry_uid, f"{field}.entry_uid"),
    )


def _note(value: Any, field: str, check: FieldChecker) -> Note:
    item = check.object(value, field)

    def get(key: str) -> Any:
        return check.key(item, key, field)

    reply = get("reply_to")
    return Note(
        id=0,
        uid=check.uid(get("uid"), f"{field}.uid", conflict=False),
        cycle_id=0,
        kind=check.choice(get("kind"), NoteKind, f"{field}.kind"),
        author=check.name(get("author"), f"{field}.author"),
        role=check.choice(get("role"), Role, f"{field}.role"),
        text=check.text(get("text"), f"{field}.text", MAX_NOTE),
        created_at=check.timestamp(get("created_at"), f"{field}.created_at"),
        reply_to=None if reply is None else check.uid(reply, f"{field}.reply_to", conflict=False),
    )
