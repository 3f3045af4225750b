"""Conversations in a bundle: an optional top-level list beside the cycle and its entries. Pure.

The list has its own checksum (``conversations_checksum``), outside the bundle's main one, so a
bundle without conversations is exactly what older versions wrote, and an older tpcycle reading
a newer bundle still checks the cycle and entries it knows. Every field is checked before
anything is written, and texts are cleaned as typed text is.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from tpcycle.bundle_fields import FieldChecker
from tpcycle.conversation import Answer, Conversation
from tpcycle.domain import Cycle, Role

KEY = "conversations"
CHECKSUM = "conversations_checksum"
_PROTOCOL = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")
_VERSION = re.compile(r"[0-9]{1,9}(?:\.[0-9]{1,9}){0,2}")
MAX_LINE = 500  # a title, a section's name or a question


def _checksum(items: list[dict[str, Any]]) -> str:
    canonical = json.dumps(items, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()


def _answer(a: Answer) -> dict[str, Any]:
    return {
        "uid": a.uid,
        "section": a.section,
        "question": a.question,
        "author": a.author,
        "role": a.role.value,
        "text": a.text,
        "private": a.private,
        "created_at": a.created_at,
        "updated_at": a.updated_at,
    }


def part(cycle: Cycle) -> dict[str, Any]:
    """The bundle's conversations and their checksum; nothing at all when there are none."""
    items = [
        {
            "uid": c.uid,
            "protocol": c.protocol,
            "protocol_version": c.protocol_version,
            "title": c.title,
            "started_at": c.started_at,
            "answers": [_answer(a) for a in c.answers],
        }
        for c in cycle.conversations
        if c.answers
    ]
    return {KEY: items, CHECKSUM: _checksum(items)} if items else {}


def read(document: dict[str, Any], check: FieldChecker) -> tuple[Conversation, ...]:
    """The conversations a bundle carries (none when it has no list), every field checked."""
    if KEY not in document:
        return ()
    items = check.list(document[KEY], KEY)
    try:
        expected = _checksum(items)
    except (RecursionError, ValueError):
        check.fail(KEY, "holds values no bundle may hold")
    if document.get(CHECKSUM) != expected:
        check.fail(KEY, "do not match their checksum: they were changed after the bundle was made")
    found = []
    seen: set[str] = set()
    for i, value in enumerate(items):
        field = f"{KEY}[{i}]"
        c = check.object(value, field)
        answers = check.list(check.key(c, "answers", field), f"{field}.answers")
        conversation = Conversation(
            id=0,
            uid=check.uid(check.key(c, "uid", field), f"{field}.uid", conflict=False),
            cycle_id=0,
            protocol=check.matching(
                check.key(c, "protocol", field), _PROTOCOL, f"{field}.protocol", "a protocol name"
            ),
            protocol_version=check.matching(
                check.key(c, "protocol_version", field),
                _VERSION,
                f"{field}.protocol_version",
                "a version like 1 or 1.2",
            ),
            title=check.text(check.key(c, "title", field), f"{field}.title", MAX_LINE),
            started_at=check.timestamp(check.key(c, "started_at", field), f"{field}.started_at"),
            answers=tuple(
                _read_answer(check, a, f"{field}.answers[{j}]") for j, a in enumerate(answers)
            ),
        )
        for uid in (conversation.uid, *(a.uid for a in conversation.answers)):
            if uid in seen:
                check.fail(field, f"repeats {uid}, which comes earlier")
            seen.add(uid)
        found.append(conversation)
    return tuple(found)


def _read_answer(check: FieldChecker, value: Any, field: str) -> Answer:
    a = check.object(value, field)
    updated_at = a.get("updated_at")
    return Answer(
        id=0,
        uid=check.uid(check.key(a, "uid", field), f"{field}.uid", conflict=False),
        conversation_id=0,
        section=" ".join(
            check.text(check.key(a, "section", field), f"{field}.section", MAX_LINE).split()
        ),
        question=check.text(check.key(a, "question", field), f"{field}.question", MAX_LINE),
        author=check.name(check.key(a, "author", field), f"{field}.author"),
        role=check.choice(check.key(a, "role", field), Role, f"{field}.role"),
        text=check.text(check.key(a, "text", field), f"{field}.text"),
        private=check.boolean(check.key(a, "private", field), f"{field}.private"),
        created_at=check.timestamp(check.key(a, "created_at", field), f"{field}.created_at"),
        updated_at=None
        if updated_at is None
        else check.timestamp(updated_at, f"{field}.updated_at"),
    )
