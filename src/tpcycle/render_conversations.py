"""Conversations held on a cycle, as Markdown, HTML and JSON. Pure functions.

Each shared renderer calls in here once per step: a conversation is shown after the furthest
step that had an entry when it started (``conversation.after_step``), so a record reads in time
order with the steps. User text stays inert exactly as in the entries: the renderers pass in
their own escapers (they import this module, so it cannot import them).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, tzinfo
from html import escape
from typing import Any

from tpcycle import clock
from tpcycle.conversation import Answer, Conversation, after_step, by_section
from tpcycle.domain import Cycle, Step

Escape = Callable[[str], str]


def _day(stamp: str, zone: tzinfo) -> str:
    return clock.local_minute(stamp, zone)


def _byline(answer: Answer, zone: tzinfo) -> tuple[str, str, str]:
    marks = " · private" if answer.private else ""
    return answer.author, answer.role.value, _day(answer.created_at, zone) + marks


def title_line(conversation: Conversation, zone: tzinfo = UTC) -> str:
    return f"Conversation: {conversation.title} · {_day(conversation.started_at, zone)}"


def markdown_after(
    cycle: Cycle,
    step: Step,
    *,
    level: int,
    zone: tzinfo = UTC,
    line: Escape,
    block: Escape,
) -> list[str]:
    """The conversations shown after ``step``, each under a heading of ``level``; ``line`` and
    ``block`` are the Markdown renderer's escapers for one line and for a whole answer."""
    out: list[str] = []
    mark = "#" * level
    for conversation in after_step(cycle.entries, cycle.conversations, step):
        out += [f"{mark} {line(title_line(conversation, zone))}", ""]
        if not conversation.answers:
            out += ["*Nothing recorded.*", ""]
        for section, answers in by_section(conversation.answers):
            out += [f"{mark}# {line(section)}", ""]
            previous = None
            for answer in answers:
                byline = _byline(answer, zone)
                if byline != previous:
                    author, role, when = byline
                    out += [f"**{line(author)}** ({role}) · {when}", ""]
                previous = byline
                out += [f"*{line(' '.join(answer.question.split()))}*", ""]
                out += [block(answer.text), ""]
    return out


def html_after(
    cycle: Cycle,
    step: Step,
    *,
    level: int,
    zone: tzinfo = UTC,
    prose: Callable[[str], list[str]],
) -> list[str]:
    """The same as ``markdown_after``, as HTML; every character people wrote escaped
    (``prose`` is the HTML renderer's own, for an answer's paragraphs and lists)."""
    out: list[str] = []
    for conversation in after_step(cycle.entries, cycle.conversations, step):
        out.append(f"<h{level}>{escape(title_line(conversation, zone))}</h{level}>")
        for section, answers in by_section(conversation.answers):
            out.append(f"<h{level + 1}>{escape(section)}</h{level + 1}>")
            previous = None
            for answer in answers:
                byline = _byline(answer, zone)
                if byline != previous:
                    author, role, when = byline
                    out.append(
                        f'<p class="byline"><strong>{escape(author)}</strong>'
                        f" ({escape(role)}) · {escape(when)}</p>"
                    )
                previous = byline
                question = " ".join(answer.question.split())
                out.append(f'<p class="question">{escape(question)}</p>')
                out.append('<div class="answer">')
                out += prose(answer.text)
                out.append("</div>")
    return out


def conversation_dicts(cycle: Cycle, zone: tzinfo = UTC) -> list[dict[str, Any]]:
    """``show --json``: the conversations held on the cycle, oldest first (docs/json.md)."""
    return [
        {
            "id": c.id,
            "uid": c.uid,
            "protocol": c.protocol,
            "protocol_version": c.protocol_version,
            "title": c.title,
            "started_at": c.started_at,
            "started_local": clock.local_iso(c.started_at, zone),
            "after_step": after_step_name(cycle, c),
            "answers": [answer_dict(a, zone) for a in c.answers],
        }
        for c in cycle.conversations
    ]


def after_step_name(cycle: Cycle, conversation: Conversation) -> str:
    for step in Step:
        if conversation in after_step(cycle.entries, (conversation,), step):
            return step.value
    return Step.GOAL.value  # pragma: no cover - every conversation sits after some step


def answer_dict(answer: Answer, zone: tzinfo = UTC) -> dict[str, Any]:
    return {
        "id": answer.id,
        "uid": answer.uid,
        "section": answer.section,
        "question": answer.question,
        "author": answer.author,
        "role": answer.role.value,
        "text": answer.text,
        "private": answer.private,
        "created_at": answer.created_at,
        "created_local": clock.local_iso(answer.created_at, zone),
        "updated_at": answer.updated_at,
    }
