"""An observation's timeline as a table, in Markdown and in HTML. Pure.

`tpcycle observe` saves its evidence entry as a summary, then a heading line and one list item
per event (``- 1:10 note: Kids stuck on step 2``), so the timeline reads well anywhere plain
text goes (`show`, HTML, JSON, bundles) and the redactor sees a student's name in it like any
other text. In a Markdown export the list becomes a table. Text that no longer has that shape
(an edited entry, an ordinary one) is left to the usual rendering. The printable HTML page gets
the same table.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from tpcycle.messages import text
from tpcycle.messages_classroom import Classroom

_ROW = re.compile(r"^- (\d+:\d{2}(?::\d{2})?) (\S.*)$")


def timeline_rows(body: str) -> tuple[str, list[tuple[str, str]]] | None:
    """The text before the timeline, and its (time, event) rows; None when there is none."""
    heading = text(Classroom.OBSERVE_TIMELINE_HEADING)
    before, found, after = body.partition(f"\n{heading}\n")
    if not found:
        return None
    rows = []
    for line in after.splitlines():
        row = _ROW.match(line)
        if row is None:
            return None
        rows.append((row.group(1), row.group(2)))
    return (before.strip(), rows) if rows else None


def timeline_markdown(body: str, block: Callable[[str], str], inline: Callable[[str], str]) -> str:
    """An entry's text as Markdown: ``block`` for the prose, and a table for a timeline
    (``inline`` escapes each cell, so nothing a note says can become live Markdown)."""
    found = timeline_rows(body)
    if found is None:
        return block(body)
    before, rows = found
    table = ["| Time | Event |", "| ---: | --- |"]
    table += [f"| {when} | {inline(what)} |" for when, what in rows]
    parts = [block(before)] if before else []
    return "\n\n".join([*parts, inline(text(Classroom.OBSERVE_TIMELINE_HEADING)), "\n".join(table)])


def timeline_html(body: str, prose: Callable[[str], list[str]]) -> list[str]:
    """An entry's text as HTML: ``prose`` for the text, and a table for a timeline (every
    cell escaped)."""
    found = timeline_rows(body)
    if found is None:
        return prose(body)
    before, rows = found
    out = prose(before) if before else []
    out.append(f"<p>{escape(text(Classroom.OBSERVE_TIMELINE_HEADING))}</p>")
    out.append("<table><tr><th>Time</th><th>Event</th></tr>")
    out += [f"<tr><td>{escape(when)}</td><td>{escape(what)}</td></tr>" for when, what in rows]
    out.append("</table>")
    return out
