"""Promises, notes, since-we-last-talked, caseload and sync: their JSON shapes, their Markdown
section in an export, and due promises as calendar events. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from html import escape
from typing import TYPE_CHECKING, Any

from tpcycle import clock
from tpcycle.between import Caseload, Note, NoteKind, Promise, PromiseState
from tpcycle.ics import escape_text, fold
from tpcycle.messages import text
from tpcycle.messages_partnership import Partnership
from tpcycle.render_markdown import escape_inline as inline
from tpcycle.render_notes import in_time_order, label

if TYPE_CHECKING:
    from tpcycle.bundle_between import SyncReport


def promise_dict(p: Promise, today: date, zone: tzinfo = UTC) -> dict[str, Any]:
    return {
        "id": p.id,
        "uid": p.uid,
        "cycle": p.cycle_id,
        "text": p.text,
        "owner": p.owner,
        "owner_role": p.owner_role.value,
        "due": p.due,
        "overdue": p.overdue(today),
        "state": p.state.value,
        "state_at": p.state_at,
        "author": p.author,
        "role": p.role.value,
        "created_at": p.created_at,
        "created_local": clock.local_iso(p.created_at, zone),
        "move": p.entry_uid,
    }


def todo_dict(
    teacher: str, partner: str, promises: Sequence[Promise], today: date, zone: tzinfo = UTC
) -> dict[str, Any]:
    return {
        "teacher": teacher,
        "partner": partner,
        "today": today.isoformat(),
        "promises": [promise_dict(p, today, zone) for p in promises],
    }


# -- the export's section --------------------------------------------------------------------


def markdown_section(
    notes: Sequence[Note], promises: Sequence[Promise], today: date, zone: tzinfo = UTC
) -> str:
    """The notes, questions, answers and promises of one cycle in the order they were written,
    as a Markdown section to follow the steps (empty when there are none)."""
    if not notes and not promises:
        return ""
    asks = {n.uid: n.id for n in notes if n.kind is NoteKind.ASK}
    lines = ["", f"## {text(Partnership.BETWEEN_HEADING)}", ""]
    for item in in_time_order(notes, promises):
        when = clock.local_minute(item.created_at, zone)
        lines.append(
            f"- {when} · **{inline(item.author)}** ({item.role.value}) ·"
            f" {inline(label(item, today, asks))}: {inline(item.text)}"
        )
    return "\n".join(lines) + "\n"


def html_section(
    notes: Sequence[Note], promises: Sequence[Promise], today: date, zone: tzinfo = UTC
) -> list[str]:
    """The same section as HTML lines (every piece of user text escaped)."""
    if not notes and not promises:
        return []
    asks = {n.uid: n.id for n in notes if n.kind is NoteKind.ASK}
    out = [f"<h2>{escape(text(Partnership.BETWEEN_HEADING))}</h2>", "<ul>"]
    for item in in_time_order(notes, promises):
        when = clock.local_minute(item.created_at, zone)
        out.append(
            f"<li>{escape(when)} · <strong>{escape(item.author)}</strong>"
            f" ({escape(item.role.value)}) · {escape(label(item, today, asks))}:"
            f" {escape(item.text)}</li>"
        )
    return [*out, "</ul>"]


def with_html(page: str, section: list[str]) -> str:
    """An HTML page with ``section`` added at the end of its main part."""
    if not section or "</main>" not in page:
        return page
    head, _, tail = page.rpartition("</main>")
    return head + "\n".join(section) + "\n</main>" + tail


# -- the calendar ----------------------------------------------------------------------------


def promise_events(promises: Sequence[Promise], stamp: datetime) -> list[str]:
    """One all-day event on the due day of each open promise that has one (folded lines)."""
    lines: list[str] = []
    for p in promises:
        if p.state is not PromiseState.OPEN or p.due is None:
            continue
        day = date.fromisoformat(p.due)
        summary = text(Partnership.CALENDAR_PROMISE, text=p.text, owner=p.owner)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{p.uid}-promise@tpcycle",
            f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
            f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(day + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{escape_text(summary)}",
            "END:VEVENT",
        ]
    return [fold(line) for line in lines]


def with_events(calendar: str, events: list[str]) -> str:
    """The calendar text with ``events`` added before its end."""
    if not events:
        return calendar
    end = "END:VCALENDAR\r\n"
    head = calendar[: -len(end)] if calendar.endswith(end) else calendar
    return head + "".join(e + "\r\n" for e in events) + end


# -- caseload and sync -----------------------------------------------------------------------


def caseload_dict(load: Caseload) -> dict[str, Any]:
    return {
        "partner": load.partner,
        "today": load.today.isoformat(),
        "drift_days": load.stale_days,
        "teachers": [
            {
                "teacher": r.teacher,
                "cycles": r.cycles,
                "open_cycle": r.open_cycle,
                "next_step": r.next_step.value if r.next_step else None,
                "last_entry": r.last_entry.isoformat() if r.last_entry else None,
                "promises_due": r.promises_due,
                "days_since_contact": r.days_since,
                "drifting": r.drifting,
            }
            for r in load.rows
        ],
    }


def sync_dict(report: SyncReport) -> dict[str, Any]:
    return {
        "folder": str(report.folder),
        "machine": {"id": report.machine.id, "name": report.machine.name},
        "came_in": [
            {
                "file": a.name,
                "cycle": a.cycle,
                "entries": a.entries,
                "notes": a.notes,
                "promises": a.promises,
            }
            for a in report.came_in
        ],
        "went_out": [
            {"file": d.name, "cycle": d.cycle, "entries": d.entries} for d in report.went_out
        ],
        "unchanged": report.unchanged,
        "skipped": [{"file": name, "reason": why} for name, why in report.skipped],
    }
