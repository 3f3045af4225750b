"""Cycles as text for other programs and people: stable JSON and safe Markdown. Pure functions.

Every JSON shape tpcycle prints is built here (and documented in docs/json.md); the CLI only
calls these functions and prints the text.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tpcycle.domain import HIGHLIGHT, STEPS, Cycle, Entry, Hit, Measure, Step, number
from tpcycle.errors import ProtocolError, StoreError
from tpcycle.measures import Comparison, compare
from tpcycle.messages import Message
from tpcycle.privacy import RosterName

if TYPE_CHECKING:
    from tpcycle.checks import Finding
    from tpcycle.history import History
    from tpcycle.protocols import Protocol

JSON_FORMAT_VERSION = 1


# -- JSON -----------------------------------------------------------------------------------


def measure_dict(measure: Measure) -> dict[str, Any]:
    return {
        "name": measure.name,
        "value": measure.value,
        "total": measure.total,
        "unit": measure.unit,
        "percent": None if measure.percent is None else round(measure.percent, 1),
    }


def comparison_dict(comparison: Comparison) -> dict[str, Any]:
    return {
        "matched": [
            {
                "name": row.name,
                "baseline": measure_dict(row.baseline),
                "new": measure_dict(row.new),
                "change": row.change,
                "change_unit": row.change_unit,
                "prediction": None if row.prediction is None else measure_dict(row.prediction),
                "met_prediction": row.met_prediction,
            }
            for row in comparison.rows
        ],
        "only_baseline": [measure_dict(m) for m in comparison.only_baseline],
        "only_new": [measure_dict(m) for m in comparison.only_new],
        "predictions_without_result": [
            measure_dict(m) for m in comparison.predictions_without_result
        ],
    }


def entry_dict(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "uid": entry.uid,
        "step": entry.step.value,
        "author": entry.author,
        "role": entry.role.value,
        "text": entry.text,
        "question": entry.question,
        "private": entry.private,
        "created_at": entry.created_at,
        "updated_at": entry.updated_at,
        "measures": [measure_dict(m) for m in entry.measures],
        "conflict_of": entry.conflict_of,
    }


def cycle_fields(cycle: Cycle) -> dict[str, str | None]:
    """What a cycle is, apart from its local numbers and entries: the same on every machine."""
    return {
        "uid": cycle.uid,
        "goal": cycle.goal,
        "teacher": cycle.teacher,
        "partner": cycle.partner,
        "protocol": cycle.protocol,
        "protocol_version": cycle.protocol_version,
        "status": cycle.status.value,
        "created_at": cycle.created_at,
        "closed_at": cycle.closed_at,
    }


def cycle_dict(cycle: Cycle) -> dict[str, Any]:
    return {
        "id": cycle.id,
        **cycle_fields(cycle),
        "follows": cycle.follows,
        "entries": [entry_dict(e) for e in cycle.entries],
        "comparison": comparison_dict(compare(cycle.entries)),
    }


def cycles_json(cycles: Iterable[Cycle]) -> str:
    """``list --json``: every cycle object, oldest first."""
    return to_json([cycle_dict(c) for c in cycles])


def cycles_json_parts(cycles: Iterable[Cycle]) -> Iterator[str]:
    """``list --json`` a cycle at a time: the same text as ``cycles_json``, never held whole."""
    first = True
    for cycle in cycles:
        item = to_json(cycle_dict(cycle)).rstrip("\n").replace("\n", "\n  ")
        yield ("[\n  " if first else ",\n  ") + item
        first = False
    yield "[]\n" if first else "\n]\n"


def history_dict(h: History) -> dict[str, Any]:
    """``history --json``."""
    return {
        "cycles": h.total,
        "open": h.open,
        "closed": h.closed,
        "days": {
            "median": h.median_days,
            "shortest": round(h.days.shortest, 1) if h.days else None,
            "longest": round(h.days.longest, 1) if h.days else None,
        },
        "skipped_in_closed_cycles": {step.value: n for step, n in h.skipped.items()},
        "started_by_month": h.started_by_month,
        "recent_cycles": h.recent,
        "changes": [
            {
                "cycle": c.cycle_id,
                "goal": c.goal,
                "measure": c.name,
                "change": c.change,
                "unit": c.unit,
            }
            for c in h.changes
        ],
        "recurring_moves": [{"phrase": p, "cycles": n} for p, n in h.recurring_moves],
    }


def hit_dict(hit: Hit) -> dict[str, Any]:
    """One ``search --json`` hit; the matched words are marked with « and »."""
    start, end = HIGHLIGHT
    return {
        "entry": hit.entry_id,
        "cycle": hit.cycle_id,
        "goal": hit.goal,
        "step": hit.step.value,
        "author": hit.author,
        "role": hit.role.value,
        "private": hit.private,
        "created_at": hit.created_at,
        "rank": round(hit.rank, 4),
        "snippet": hit.snippet.replace(start, "«").replace(end, "»"),
    }


def hit_dicts(hits: Iterable[Hit]) -> list[dict[str, Any]]:
    return [hit_dict(h) for h in hits]


def roster_dicts(roster: Iterable[RosterName]) -> list[dict[str, Any]]:
    """``students list --json``: each name with its alias."""
    return [
        {
            "name": student.name,
            "alias": student.alias,
            "kept_parts": sorted(student.exempt),
            "every_case": student.every_case,
        }
        for student in roster
    ]


def protocol_dicts(loaded: Iterable[Protocol | ProtocolError]) -> list[dict[str, Any]]:
    """``protocols list --json``: each protocol found, or the error that kept it from loading."""
    return [
        {"error": p.message}
        if isinstance(p, ProtocolError)
        else {
            "name": p.name,
            "title": p.title,
            "version": p.version,
            "source": p.source,
            "path": str(p.path),
        }
        for p in loaded
    ]


def journal_facts(
    path: Path, *, exists: bool, schema: str | None, counts: Mapping[str, int]
) -> dict[str, Any]:
    """``db status --json``: where the journal is, its schema, and how much it holds."""
    return {"path": str(path), "exists": exists, "schema": schema, **counts}


def finding_dicts(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    """``check --json``: every field of each finding (see docs/checks.md)."""
    return [asdict(f) for f in findings]


# json.dumps escapes C0 controls; these are the rest a terminal could act on or reorder by.
_JSON_HIDDEN = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def json_safe(document: str) -> str:
    """JSON text with C1 controls and bidi overrides written as ``\\u`` escapes.

    Such a character can only sit inside a JSON string, where the escape means the same
    character: a reader gets the same data, a terminal never receives the raw byte.
    """
    return _JSON_HIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", document)


def to_json(value: Any) -> str:
    """Indented JSON; a number that is not finite is refused, since JSON cannot hold it."""
    try:
        document = json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)
    except ValueError as exc:
        raise StoreError(Message.NUMBER_NOT_FINITE) from exc
    return json_safe(document) + "\n"


# -- Markdown -------------------------------------------------------------------------------

# Characters that can make Markdown structure anywhere in a line: emphasis, code, links,
# images, raw HTML, entities, tables, strikethrough, closing heading marks and escapes.
_INLINE = re.compile(r"([\\`*_\[\]<>&|~!#])")
# Characters that only mean something at the start of a line: headings, quotes, lists,
# thematic breaks, setext underlines, fenced code, footnotes and front matter.
_LINE_START = re.compile(r"^([+\-=:]|\d+(?=[.)]))")


def escape_inline(text: str) -> str:
    """User text placed after tpcycle's own text on a line (a table cell, after a label)."""
    return _INLINE.sub(r"\\\1", " ".join(text.split()))


def escape_line(line: str) -> str:
    """One line of user text as literal Markdown text.

    Leading blanks are dropped because four of them would start a code block.
    """
    text = _INLINE.sub(r"\\\1", line.lstrip(" \t\f\v"))
    text = _LINE_START.sub(lambda m: _escape_start(m.group(1)), text)
    return text


def _escape_start(token: str) -> str:
    if token[0].isdigit():
        # "1." or "1)" starts an ordered list; escaping the punctuation after it keeps it text.
        return token + "\\"
    return "\\" + token


def escape_block(text: str) -> str:
    """User text as Markdown paragraphs: its own line breaks kept, no structure of its own."""
    # CommonMark ends a line at CR too: a lone CR would let "=" underline a heading.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = re.split(r"\n\s*\n", text.strip())
    rendered = []
    for paragraph in paragraphs:
        lines = [escape_line(line) for line in paragraph.split("\n") if line.strip()]
        # A trailing backslash is a hard line break in CommonMark.
        rendered.append("\\\n".join(lines))
    return "\n\n".join(p for p in rendered if p)


def _front_matter_value(value: str | int | None) -> str:
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    # A JSON string is a valid YAML double-quoted scalar, so any text is safe here.
    return json.dumps(value, ensure_ascii=False)


def front_matter(fields: dict[str, str | int | None]) -> list[str]:
    return ["---", *(f"{k}: {_front_matter_value(v)}" for k, v in fields.items()), "---", ""]


def markdown(cycle: Cycle, *, include_private: bool = False) -> str:
    """A cycle summary for people: front matter, then one section per step in cycle order."""
    out = front_matter(
        {
            "title": f"Cycle {cycle.id}: {cycle.goal}",
            "cycle": cycle.id,
            **cycle_fields(cycle),
        }
    )
    out += cycle_section(cycle if include_private else cycle.public(), level=1)
    return "\n".join(out).rstrip("\n") + "\n"


def cycle_section(cycle: Cycle, *, level: int) -> list[str]:
    """A cycle's heading, who and when, and a section per step, under headings of ``level``."""
    mark = "#" * level
    out = [f"{mark} Cycle {cycle.id}: {escape_line(_one_line(cycle.goal))}", ""]
    follows = f" · Follows cycle {cycle.follows}" if cycle.follows else ""
    out += [
        f"Teacher: {escape_inline(cycle.teacher)} · Partner: {escape_inline(cycle.partner)}"
        f" · Started {cycle.created_at[:10]} · {cycle.status.value.capitalize()}{follows}",
        "",
    ]
    for step in STEPS:
        out += [f"{mark}# {step.number}. {step.label}", ""]
        entries = cycle.entries_for(step)
        if not entries:
            out += ["*Nothing recorded.*", ""]
        for entry in entries:
            out += _entry_markdown(entry)
        if step is Step.NEW_EVIDENCE:
            out += comparison_markdown(compare(cycle.entries), level=level + 2)
    return out


def portfolio(cycles: list[Cycle], *, generated_at: str) -> str:
    """Chosen cycles in one document, for a teacher's own records."""
    out = front_matter(
        {
            "title": "Inquiry cycles",
            "cycles": ", ".join(str(c.id) for c in cycles),
            "generated": generated_at,
        }
    )
    out += ["# Inquiry cycles", ""]
    out += [f"- Cycle {c.id}: {escape_inline(c.goal)} ({c.status.value})" for c in cycles]
    out.append("")
    for cycle in cycles:
        out += cycle_section(cycle, level=2)
    return "\n".join(out).rstrip("\n") + "\n"


def index(cycles: list[Cycle], files: list[str], *, generated_at: str) -> str:
    """The table of contents written beside one exported file per cycle."""
    out = front_matter({"title": "Inquiry cycles", "generated": generated_at})
    out += [
        "# Inquiry cycles",
        "",
        "| cycle | goal | status | started | file |",
        "|---|---|---|---|---|",
    ]
    out += [
        f"| {c.id} | {escape_inline(c.goal)} | {c.status.value} | {c.created_at[:10]} |"
        f" [{name}]({name}) |"
        for c, name in zip(cycles, files, strict=True)
    ]
    return "\n".join(out) + "\n"


def _signed(change: float, unit: str) -> str:
    sign = "+" if change > 0 else ""
    return f"{sign}{number(change)} {unit}".strip()


def comparison_markdown(comparison: Comparison, *, level: int = 3) -> list[str]:
    """A table of baseline against new evidence; names are user text and are escaped."""
    if comparison.empty:
        return []
    out = ["#" * level + " Baseline compared with new evidence", ""]
    if comparison.rows:
        out += ["| measure | baseline | new | change | prediction |", "|---|---|---|---|---|"]
        for row in comparison.rows:
            predicted = "" if row.prediction is None else row.prediction.display()
            if row.met_prediction is not None:
                predicted += " (reached)" if row.met_prediction else " (not reached)"
            cells = [
                row.name,
                row.baseline.display(),
                row.new.display(),
                _signed(row.change, row.change_unit),
                predicted or "-",
            ]
            # Every cell holds user text (names, units): escaped, so no pipe splits a cell.
            out.append("| " + " | ".join(escape_inline(c) for c in cells) + " |")
        out.append("")
    for label, measures in (
        ("Only in the baseline", comparison.only_baseline),
        ("Only in the new evidence", comparison.only_new),
        ("Predicted but not measured after", comparison.predictions_without_result),
    ):
        if measures:
            listed = ", ".join(escape_inline(f"{m.name} {m.display()}") for m in measures)
            out += [f"{label}: {listed}", ""]
    return out


def _entry_markdown(entry: Entry) -> list[str]:
    marks = " · private" if entry.private else ""
    marks += " · another version, edited on the other machine" if entry.conflict_of else ""
    author = escape_line(entry.author)
    lines = [f"**{author}** ({entry.role.value}) · {entry.created_at[:10]}{marks}", ""]
    if entry.question:
        lines += [f"*{escape_line(_one_line(entry.question))}*", ""]
    lines += [escape_block(entry.text), ""]
    if entry.measures:
        label = "Prediction" if entry.step is Step.MOVE else "Measures"
        listed = "; ".join(escape_inline(f"{m.name}: {m.display()}") for m in entry.measures)
        lines += [f"{label}: {listed}", ""]
    return lines


def _one_line(text: str) -> str:
    return " ".join(text.split())


# -- whole-journal Markdown, streamed ---------------------------------------------------------
# The same text as ``portfolio`` and ``index``, made a cycle at a time so an export of the whole
# journal never holds it whole (tests hold the two pairs to the same output).


def portfolio_parts(
    heads: Callable[[], Iterable[Cycle]], cycles: Iterable[Cycle], *, generated_at: str
) -> Iterator[str]:
    """``portfolio``, streamed: ``heads()`` (the cycles, entries not needed; read twice) make
    the front matter and the list; ``cycles`` (the same, with entries) the sections."""
    ids = ", ".join(str(c.id) for c in heads())
    head = front_matter({"title": "Inquiry cycles", "cycles": ids, "generated": generated_at})
    listed = (f"\n- Cycle {c.id}: {escape_inline(c.goal)} ({c.status.value})" for c in heads())
    parts = itertools.chain(
        ["\n".join([*head, "# Inquiry cycles", ""])],
        listed,
        ["\n"],
        ("\n" + "\n".join(cycle_section(cycle, level=2)) for cycle in cycles),
    )
    return _ending_once(parts)


def index_parts(cycles: Iterable[tuple[Cycle, str]], *, generated_at: str) -> Iterator[str]:
    """``index``, streamed: (cycle, file name) pairs make the table."""
    out = front_matter({"title": "Inquiry cycles", "generated": generated_at})
    out += ["# Inquiry cycles", "", "| cycle | goal | status | started | file |"]
    out += ["|---|---|---|---|---|"]
    yield "\n".join(out) + "\n"
    for c, name in cycles:
        yield (
            f"| {c.id} | {escape_inline(c.goal)} | {c.status.value} | {c.created_at[:10]} |"
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
