"""Cycles as Markdown a person can send: tpcycle's own structure, and user text that keeps its
paragraphs, line breaks, lists and emphasis while nothing else in it can become live (no HTML,
links, images, headings, tables, code or front matter of its own). Pure functions.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, tzinfo

from tpcycle import clock
from tpcycle import render_conversations as talks
from tpcycle.domain import STEPS, Cycle, Entry, Step, number
from tpcycle.measures import Comparison, compare
from tpcycle.render import cycle_fields
from tpcycle.render_observation import timeline_markdown
from tpcycle.render_text import ListBlock, blocks, spans

# Characters that can make Markdown structure anywhere in a line: emphasis, code, links and
# images ("!" is harmless once "[" is escaped), raw HTML, entities (an "&" only where it would
# start one), tables, strikethrough, closing heading marks and escapes. An "_" between two
# letters or digits can neither open nor close emphasis, so "snake_case" stays as typed.
_INLINE = re.compile(r"([\\`*\[\]<|~#]|&(?=#?\w+;)|(?<![^\W_])_|_(?![^\W_]))")
# Characters that only mean something at the start of a line: headings, quotes, lists,
# thematic breaks, setext underlines, fenced code, footnotes and front matter.
_LINE_START = re.compile(r"^([+\-=:>]|\d+(?=[.)]))")
# Viewers that turn bare addresses into links (GitHub's) stop at an escaped ":" or ".".
_BARE_LINK = re.compile(r"(?i)(?<=[a-z])(:)(?=//)|(?<![\w.])(www)(\.)")


def _escaped(text: str) -> str:
    text = _INLINE.sub(r"\\\1", text)
    return _BARE_LINK.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\.", text)


def escape_inline(text: str) -> str:
    """User text placed after tpcycle's own text on a line (a table cell, after a label)."""
    return _escaped(" ".join(text.split()))


def escape_line(line: str) -> str:
    """One line of user text as literal Markdown text, with no emphasis either (headings).

    Leading blanks are dropped because four of them would start a code block.
    """
    text = _escaped(line.lstrip(" \t\f\v"))
    return _LINE_START.sub(lambda m: _escape_start(m.group(1)), text)


def _escape_start(token: str) -> str:
    if token[0].isdigit():
        # "1." or "1)" starts an ordered list; escaping the punctuation after it keeps it text.
        return token + "\\"
    return "\\" + token


def _prose_line(line: str) -> str:
    """One line of user text: its emphasis kept, everything else literal."""
    pieces = []
    for span in spans(line.lstrip(" \t\f\v")):
        if span.kind == "text":
            pieces.append(_escaped(span.text))
        else:
            pieces.append(f"{span.mark}{_escaped(span.text)}{span.mark}")
    return _LINE_START.sub(lambda m: _escape_start(m.group(1)), "".join(pieces))


def escape_block(text: str) -> str:
    """User text as Markdown: paragraphs, line breaks, lists and emphasis, nothing live."""
    rendered = []
    for block in blocks(text):
        if isinstance(block, ListBlock):
            items = []
            for item in block.items:
                marker = f"{item.number}{block.marker} " if block.ordered else f"{block.marker} "
                # A trailing backslash is a hard line break in CommonMark; the indent keeps
                # the next line inside the item.
                joiner = "\\\n" + " " * len(marker)
                items.append(marker + joiner.join(_prose_line(x) for x in item.lines))
            rendered.append("\n".join(items))
        else:
            rendered.append("\\\n".join(_prose_line(x) for x in block.lines))
    return "\n\n".join(rendered)


def _front_matter_value(value: str | int | None) -> str:
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    # A JSON string is a valid YAML double-quoted scalar, so any text is safe here.
    return json.dumps(value, ensure_ascii=False)


def front_matter(fields: dict[str, str | int | None]) -> list[str]:
    return ["---", *(f"{k}: {_front_matter_value(v)}" for k, v in fields.items()), "---", ""]


def markdown(
    cycle: Cycle, *, include_private: bool = False, front: bool = True, zone: tzinfo = UTC
) -> str:
    """A cycle summary for people: front matter (unless not ``front``), then one section per
    step in cycle order, every date in the reader's ``zone``."""
    fields: dict[str, str | int | None] = {"title": f"Cycle {cycle.id}: {cycle.goal}"}
    fields["cycle"] = cycle.id
    # the reader's own offset: the same moments, in the hours they lived them
    local = {
        "created_at": clock.local_iso(cycle.created_at, zone),
        "closed_at": clock.local_iso(cycle.closed_at, zone),
    }
    out = front_matter({**fields, **cycle_fields(cycle), **local}) if front else []
    out += cycle_section(cycle if include_private else cycle.public(), level=1, zone=zone)
    return "\n".join(out).rstrip("\n") + "\n"


def cycle_section(cycle: Cycle, *, level: int, zone: tzinfo = UTC) -> list[str]:
    """A cycle's heading, who and when, and a section per step, under headings of ``level``."""
    mark = "#" * level
    out = [f"{mark} Cycle {cycle.id}: {escape_line(_one_line(cycle.goal))}", ""]
    follows = f" · Follows cycle {cycle.follows}" if cycle.follows else ""
    out += [
        f"Teacher: {escape_inline(cycle.teacher)} · Partner: {escape_inline(cycle.partner)}"
        f" · Started {day(cycle.created_at, zone)} · {cycle.status.value.capitalize()}{follows}",
        "",
    ]
    for step in STEPS:
        out += [f"{mark}# {step.number}. {step.label}", ""]
        entries = cycle.entries_for(step)
        if not entries:
            out += ["*Nothing recorded.*", ""]
        out += _entries_markdown(entries, zone)
        if step is Step.NEW_EVIDENCE:
            out += comparison_markdown(compare(cycle.entries), level=level + 2)
        out += talks.markdown_after(
            cycle, step, level=level + 1, zone=zone, line=escape_line, block=escape_block
        )
    return out


def day(stamp: str, zone: tzinfo = UTC) -> str:
    """The date people read for a stored time stamp: the day it was in the reader's zone."""
    return clock.local_day(stamp, zone)


def portfolio(
    cycles: list[Cycle], *, generated_at: str, front: bool = True, zone: tzinfo = UTC
) -> str:
    """Chosen cycles in one document, for a teacher's own records."""
    listed = ", ".join(str(c.id) for c in cycles)
    fields: dict[str, str | int | None] = {"title": "Inquiry cycles", "cycles": listed}
    generated = clock.local_iso(generated_at, zone)
    out = front_matter({**fields, "generated": generated}) if front else []
    out += ["# Inquiry cycles", ""]
    out += [f"- Cycle {c.id}: {escape_inline(c.goal)} ({c.status.value})" for c in cycles]
    out.append("")
    for cycle in cycles:
        out += cycle_section(cycle, level=2, zone=zone)
    return "\n".join(out).rstrip("\n") + "\n"


def index(
    cycles: list[Cycle],
    files: list[str],
    *,
    generated_at: str,
    front: bool = True,
    zone: tzinfo = UTC,
) -> str:
    """The table of contents written beside one exported file per cycle."""
    generated = clock.local_iso(generated_at, zone)
    out = front_matter({"title": "Inquiry cycles", "generated": generated}) if front else []
    out += [
        "# Inquiry cycles",
        "",
        "| cycle | goal | status | started | file |",
        "|---|---|---|---|---|",
    ]
    out += [
        f"| {c.id} | {escape_inline(c.goal)} | {c.status.value} | {day(c.created_at, zone)} |"
        f" [{name}]({name}) |"
        for c, name in zip(cycles, files, strict=True)
    ]
    return "\n".join(out) + "\n"


def signed(change: float, unit: str) -> str:
    sign = "+" if change > 0 else ""
    return f"{sign}{number(change)} {unit}".strip()


def comparison_cells(comparison: Comparison) -> list[list[str]]:
    """The rows of the baseline-against-new table as plain strings (user text, unescaped)."""
    rows = []
    for row in comparison.rows:
        predicted = "" if row.prediction is None else row.prediction.display()
        if row.met_prediction is not None:
            predicted += " (reached)" if row.met_prediction else " (not reached)"
        rows.append(
            [
                row.name,
                row.baseline.display(),
                row.new.display(),
                signed(row.change, row.change_unit),
                predicted or "-",
            ]
        )
    return rows


COMPARISON_HEADINGS = ["measure", "baseline", "new", "change", "prediction"]
COMPARISON_TITLE = "Baseline compared with new evidence"


def comparison_notes(comparison: Comparison) -> list[tuple[str, list[str]]]:
    """Measures found on one side only: a label and each measure as plain text."""
    return [
        (label, [f"{m.name} {m.display()}" for m in measures])
        for label, measures in (
            ("Only in the baseline", comparison.only_baseline),
            ("Only in the new evidence", comparison.only_new),
            ("Predicted but not measured after", comparison.predictions_without_result),
        )
        if measures
    ]


def comparison_markdown(comparison: Comparison, *, level: int = 3) -> list[str]:
    """A table of baseline against new evidence; names are user text and are escaped."""
    if comparison.empty:
        return []
    out = ["#" * level + " " + COMPARISON_TITLE, ""]
    if comparison.rows:
        out += ["| " + " | ".join(COMPARISON_HEADINGS) + " |", "|---|---|---|---|---|"]
        for cells in comparison_cells(comparison):
            # Every cell holds user text (names, units): escaped, so no pipe splits a cell.
            out.append("| " + " | ".join(escape_inline(c) for c in cells) + " |")
        out.append("")
    for label, measures in comparison_notes(comparison):
        out += [f"{label}: {', '.join(escape_inline(m) for m in measures)}", ""]
    return out


def byline_parts(entry: Entry, zone: tzinfo = UTC) -> tuple[str, str, str, str]:
    """Who wrote an entry, as what, on which day, and its marks (private, a conflict copy)."""
    marks = " · private" if entry.private else ""
    marks += " · another version, edited on the other machine" if entry.conflict_of else ""
    return entry.author, entry.role.value, byline_date(entry, zone), marks


def byline_date(entry: Entry, zone: tzinfo = UTC) -> str:
    """The day an entry was written, in the reader's zone; with ``--on``, the lesson's date
    beside it (``Tue 24 Nov, written Thu 26 Nov 16:02``)."""
    if entry.happened_at:
        return clock.lesson_and_written(entry.happened_at, entry.created_at, zone)
    return day(entry.created_at, zone)


def _entries_markdown(entries: Iterable[Entry], zone: tzinfo = UTC) -> list[str]:
    """A step's entries; consecutive answers by one person share one byline."""
    lines: list[str] = []
    previous = None
    for entry in entries:
        byline = byline_parts(entry, zone)
        if byline != previous:
            author, role, when, marks = byline
            lines += [f"**{escape_line(author)}** ({role}) · {when}{marks}", ""]
        previous = byline
        if entry.question:
            lines += [f"*{escape_line(_one_line(entry.question))}*", ""]
        lines += [timeline_markdown(entry.text, escape_block, escape_inline), ""]
        if entry.measures:
            label = measures_label(entry)
            listed = "; ".join(escape_inline(f"{m.name}: {m.display()}") for m in entry.measures)
            lines += [f"{label}: {listed}", ""]
    return lines


def measures_label(entry: Entry) -> str:
    return "Prediction" if entry.step is Step.MOVE else "Measures"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def portfolio_parts(
    heads: Callable[[], Iterable[Cycle]],
    cycles: Iterable[Cycle],
    *,
    generated_at: str,
    front: bool = True,
    zone: tzinfo = UTC,
) -> Iterator[str]:
    """``portfolio``, streamed: ``heads()`` (the cycles, entries not needed; read twice) make
    the front matter and the list; ``cycles`` (the same, with entries) the sections."""
    ids = ", ".join(str(c.id) for c in heads())
    generated = clock.local_iso(generated_at, zone)
    fields: dict[str, str | int | None] = {"title": "Inquiry cycles", "cycles": ids}
    head = front_matter({**fields, "generated": generated}) if front else []
    listed = (f"\n- Cycle {c.id}: {escape_inline(c.goal)} ({c.status.value})" for c in heads())
    parts = itertools.chain(
        ["\n".join([*head, "# Inquiry cycles", ""])],
        listed,
        ["\n"],
        ("\n" + "\n".join(cycle_section(cycle, level=2, zone=zone)) for cycle in cycles),
    )
    return _ending_once(parts)


def index_parts(
    cycles: Iterable[tuple[Cycle, str]],
    *,
    generated_at: str,
    front: bool = True,
    zone: tzinfo = UTC,
) -> Iterator[str]:
    """``index``, streamed: (cycle, file name) pairs make the table."""
    generated = clock.local_iso(generated_at, zone)
    out = front_matter({"title": "Inquiry cycles", "generated": generated}) if front else []
    out += ["# Inquiry cycles", "", "| cycle | goal | status | started | file |"]
    out += ["|---|---|---|---|---|"]
    yield "\n".join(out) + "\n"
    for c, name in cycles:
        yield (
            f"| {c.id} | {escape_inline(c.goal)} | {c.status.value} | {day(c.created_at, zone)} |"
            f" [{name}]({name}) |\n"
        )


def _ending_once(parts: Iterable[str]) -> Iterator[str]:
    """The parts with trailing line breaks made exactly one, as ``text.rstrip("\\n") + "\\n"``."""
    held = ""
    for part in parts:
        text = held + part
        body = text.rstrip("\n")
        held = text[len(body) :]
        if body:
            yield body
    yield "\n"
