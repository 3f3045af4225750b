"""The pair's agreement inside a bundle: an optional top-level list with its own checksum; and
whom the writing machine speaks for. Pure.

Older bundles have no ``agreement`` list and import as before. The list has its own checksum
(``agreement_checksum``), outside the cycle's, so a damaged agreement can be left out while
the cycle it came with still imports; every field is checked like an entry's.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from tpcycle.agreement import SHARED, AgreementAnswer
from tpcycle.bundle_fields import FieldChecker
from tpcycle.domain import Me, Role
from tpcycle.errors import InvalidInput

KEY_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")  # a question id, as protocols have them
_PARTS = {SHARED, Role.TEACHER.value, Role.PARTNER.value}


def rows_of(answers: tuple[AgreementAnswer, ...]) -> list[dict[str, Any]]:
    return [
        {
            "uid": a.uid,
            "teacher": a.teacher,
            "partner": a.partner,
            "key": a.key,
            "part": a.part,
            "question": a.question,
            "text": a.text,
            "author": a.author,
            "role": a.role.value,
            "created_at": a.created_at,
        }
        for a in answers
    ]


def checksum(rows: Any) -> str:
    canonical = json.dumps(rows, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()


def with_agreement(document: dict[str, Any], answers: tuple[AgreementAnswer, ...]) -> None:
    """Add the agreement's rows to a bundle document (nothing when there are none)."""
    if answers:
        rows = rows_of(answers)
        document["agreement"] = rows
        document["agreement_checksum"] = checksum(rows)


def read_agreement(
    document: dict[str, Any], where: str
) -> tuple[tuple[AgreementAnswer, ...], str | None]:
    """The agreement rows a bundle carries, and what is wrong with them (then no rows)."""
    if "agreement" not in document:
        return (), None
    rows = document["agreement"]
    try:
        if document.get("agreement_checksum") != checksum(rows):
            return (), "it does not match its checksum"
    except (RecursionError, ValueError):
        return (), "it holds values no bundle may hold"
    check = FieldChecker(where)
    try:
        items = check.list(rows, "agreement")
        return tuple(_answer(check, item, f"agreement[{i}]") for i, item in enumerate(items)), None
    except InvalidInput as exc:
        return (), exc.message.removeprefix(f"{where} cannot be imported: ").rstrip(".")


def _answer(check: FieldChecker, value: Any, field: str) -> AgreementAnswer:
    item = check.object(value, field)
    key = check.string(check.key(item, "key", field), f"{field}.key")
    if not KEY_PATTERN.fullmatch(key):
        check.fail(f"{field}.key", "is not a question key like 'how-often'")
    part = check.string(check.key(item, "part", field), f"{field}.part")
    if part not in _PARTS:
        check.fail(f"{field}.part", "is not '', teacher or partner")
    return AgreementAnswer(
        uid=check.uid(check.key(item, "uid", field), f"{field}.uid", conflict=False),
        teacher=check.name(check.key(item, "teacher", field), f"{field}.teacher"),
        partner=check.name(check.key(item, "partner", field), f"{field}.partner"),
        key=key,
        part=part,
        question=check.text(check.key(item, "question", field), f"{field}.question"),
        text=check.text(check.key(item, "text", field), f"{field}.text"),
        author=check.name(check.key(item, "author", field), f"{field}.author"),
        role=check.choice(check.key(item, "role", field), Role, f"{field}.role"),
        created_at=check.timestamp(check.key(item, "created_at", field), f"{field}.created_at"),
    )


# -- who the machine that wrote the bundle speaks for ----------------------------------------


def with_speaker(document: dict[str, Any], me: Me | None) -> None:
    """Name the person the writing machine speaks for (``tpcycle whoami``), when it says."""
    if me is not None:
        document["speaks_for"] = {"role": me.role.value, "name": me.name}


def read_speaker(document: dict[str, Any], where: str) -> Me | None:
    """Whom the other machine speaks for; None when it did not say or says it wrongly (it
    only decides whether a warning is shown, so a bad value is not worth refusing a bundle)."""
    value = document.get("speaks_for")
    if value is None:
        return None
    check = FieldChecker(where)
    try:
        item = check.object(value, "speaks_for")
        role = check.choice(check.key(item, "role", "speaks_for"), Role, "speaks_for.role")
        name = check.name(check.key(item, "name", "speaks_for"), "speaks_for.name")
    except InvalidInput:
        return None
    return Me(role, name) if role is not Role.OTHER else None
