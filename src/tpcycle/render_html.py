"""Cycles as one self-contained printable HTML page. Pure functions.

The page carries its styles in a <style> element and nothing else: no script, no link to
anything outside it, no attribute that runs code. Every string a person wrote goes through
``html.escape`` and only tpcycle's own tags are ever written.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, tzinfo
from html import escape

from tpcycle import render_conversations as talks
from tpcycle.domain import STEPS, Cycle, Entry, Step
from tpcycle.measures import Comparison, compare
from tpcycle.render_markdown import (
    COMPARISON_HEADINGS,
    COMPARISON_TITLE,
    byline_parts,
    comparison_cells,
    comparison_notes,
    day,
    measures_label,
)
from tpcycle.render_observation import timeline_html
from tpcycle.render_text import ListBlock, blocks, spans

POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'"
STYLE = """
body { font: 11pt/1.5 Georgia, "Times New Roman", serif; color: #1a1a1a; margin: 0; }
main { max-width: 42em; margin: 2em auto; padding: 0 1.5em; }
h1 { font-size: 1.6em; margin: 0 0 .2em; }
h2 { font-size: 1.3em; margin: 1.6em 0 .4em; border-bottom: 1px solid #bbb; }
h3 { font-size: 1.1em; margin: 1.4em 0 .3em; }
h4 { font-size: 1em; margin: 1em 0 .3em; }
.meta, .byline, .empty { color: #555; }
.byline { margin: 1em 0 .2em; font-size: .95em; }
.question { font-style: italic; margin: .2em 0; }
.answer p, .answer ul, .answer ol { margin: .3em 0 .6em; }
.measures { font-size: .95em; }
table { border-collapse: collapse; margin: .5em 0 1em; }
th, td { border: 1px solid #bbb; padding: .2em .6em; text-align: left; }
section.cycle + section.cycle { break-before: page; }
@media print { main { margin: 0; max-width: none; } h2, h3 { break-after: avoid; } }
""".strip()


def html_page(cycles: list[Cycle], *, title: str, zone: tzinfo = UTC) -> str:
    """The cycles, as given (leaving private entries out is the caller's choice), as one page."""
    body: list[str] = []
    heading = 1 if len(cycles) == 1 else 2
    if len(cycles) > 1:
        body.append(f"<h1>{escape(title)}</h1>")
    for cycle in cycles:
        body += _cycle_section(cycle, level=heading, zone=zone)
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            # Belt and braces: even a browser that found something live here would not run
            # it or fetch anything; only the page's own <style> applies.
            f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title>",
            f"<style>\n{STYLE}\n</style>",
            "</head>",
            "<body>",
            "<main>",
            *body,
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )


def cycle_title(cycle: Cycle) -> str:
    return f"Cycle {cycle.id}: {' '.join(cycle.goal.split())}"


def _cycle_section(cycle: Cycle, *, level: int, zone: tzinfo) -> list[str]:
    follows = f" · Follows cycle {cycle.follows}" if cycle.follows else ""
    meta = (
        f"Teacher: {cycle.teacher} · Partner: {cycle.partner}"
        f" · Started {day(cycle.created_at, zone)}"
        f" · {cycle.status.value.capitalize()}{follows}"
    )
    out = [
        '<section class="cycle">',
        f"<h{level}>{escape(cycle_title(cycle))}</h{level}>",
        f'<p class="meta">{escape(meta)}</p>',
    ]
    sub = level + 1
    for step in STEPS:
        out.append(f"<h{sub}>{step.number}. {escape(step.label)}</h{sub}>")
        entries = cycle.entries_for(step)
        if not entries:
            out.append('<p class="empty"><em>Nothing recorded.</em></p>')
        out += _entries(entries, zone)
        if step is Step.NEW_EVIDENCE:
            out += _comparison(compare(cycle.entries), level=sub + 1)
        out += talks.html_after(cycle, step, level=sub, zone=zone, prose=prose)
    out.append("</section>")
    return out


def _entries(entries: Iterable[Entry], zone: tzinfo) -> list[str]:
    """A step's entries; consecutive answers by one person share one byline."""
    out: list[str] = []
    previous = None
    for entry in entries:
        byline = byline_parts(entry, zone)
        if byline != previous:
            author, role, when, marks = byline
            out.append(
                f'<p class="byline"><strong>{escape(author)}</strong>'
                f" ({escape(role)}) · {escape(when + marks)}</p>"
            )
        previous = byline
        if entry.question:
            out.append(f'<p class="question">{escape(" ".join(entry.question.split()))}</p>')
        out.append('<div class="answer">')
        out += timeline_html(entry.text, prose)
        out.append("</div>")
        if entry.measures:
            listed = "; ".join(f"{m.name}: {m.display()}" for m in entry.measures)
            out.append(f'<p class="measures">{measures_label(entry)}: {escape(listed)}</p>')
    return out


def prose(text: str) -> list[str]:
    """What a person wrote as paragraphs, lists and emphasis; every character of it escaped."""
    out = []
    for block in blocks(text):
        if isinstance(block, ListBlock):
            first = block.items[0].number
            if not block.ordered:
                out.append("<ul>")
            elif first.isdigit() and int(first) != 1:
                out.append(f'<ol start="{int(first)}">')
            else:
                out.append("<ol>")
            out += [f"<li>{'<br>'.join(_line(x) for x in item.lines)}</li>" for item in block.items]
            out.append("</ol>" if block.ordered else "</ul>")
        else:
            out.append(f"<p>{'<br>'.join(_line(x) for x in block.lines)}</p>")
    return out


def _line(line: str) -> str:
    pieces = []
    for span in spans(line):
        if span.kind == "text":
            pieces.append(escape(span.text))
        else:
            tag = "strong" if span.kind == "strong" else "em"
            pieces.append(f"<{tag}>{escape(span.text)}</{tag}>")
    return "".join(pieces)


def _comparison(comparison: Comparison, *, level: int) -> list[str]:
    if comparison.empty:
        return []
    out = [f"<h{level}>{escape(COMPARISON_TITLE)}</h{level}>"]
    if comparison.rows:
        out.append("<table>")
        out.append("<tr>" + "".join(f"<th>{h}</th>" for h in COMPARISON_HEADINGS) + "</tr>")
        for cells in comparison_cells(comparison):
            out.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
        out.append("</table>")
    for label, measures in comparison_notes(comparison):
        out.append(f"<p>{escape(label)}: {escape(', '.join(measures))}</p>")
    return out
