"""JSON shapes for the partnership: who this machine speaks for, the agreement, whose ideas.

Documented in docs/json.md. Pure.
"""

from __future__ import annotations

from datetime import UTC, tzinfo
from typing import Any

from tpcycle.agreement import Agreement, AgreementAnswer
from tpcycle.clock import local_day, local_iso
from tpcycle.domain import Me
from tpcycle.render_markdown import escape_inline


def inert(text: str) -> str:
    """User text on one Markdown line, read as nothing but text."""
    return escape_inline(" ".join(text.split()))


def me_dict(me: Me | None) -> dict[str, Any]:
    """``{"role": "partner", "name": "Sam Lee"}``; both null when nobody was named."""
    return {"role": None if me is None else me.role.value, "name": None if me is None else me.name}


def answer_dict(answer: AgreementAnswer, zone: tzinfo = UTC) -> dict[str, Any]:
    return {
        "uid": answer.uid,
        "key": answer.key,
        "part": answer.part or None,
        "question": answer.question,
        "text": answer.text,
        "author": answer.author,
        "role": answer.role.value,
        "created_at": answer.created_at,
        "created_local": local_iso(answer.created_at, zone),
    }


def agreement_dict(
    teacher: str, partner: str, agreement: Agreement | None, zone: tzinfo = UTC
) -> dict[str, Any]:
    """The pair's agreement: what it says now (``answers``) and every change (``changes``)."""
    return {
        "teacher": teacher,
        "partner": partner,
        "started_at": None if agreement is None else agreement.started_at,
        "revisited_at": None if agreement is None else agreement.revisited_at,
        "answers": [] if agreement is None else [answer_dict(a, zone) for a in agreement.current],
        "changes": [] if agreement is None else [answer_dict(a, zone) for a in agreement.changes],
    }


def agreement_markdown(agreement: Agreement, zone: tzinfo = UTC) -> list[str]:
    """The agreement as Markdown lines, for the top of an export. User text stays inert."""
    lines = [
        f"# Our agreement: {inert(agreement.teacher)} and {inert(agreement.partner)}",
        "",
        f"Agreed {local_day(agreement.started_at, zone)}; last changed"
        f" {local_day(agreement.revisited_at, zone)}.",
        "",
    ]
    for answer in agreement.current:
        who = f"{inert(answer.author)} ({answer.role.value})"
        lines.append(f"- **{inert(answer.question)}** {inert(answer.text)} — {who}")
    lines.append("")
    return lines
