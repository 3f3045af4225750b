"""Markdown export: tpcycle's structure, and user text that keeps its paragraphs, line breaks,
lists and emphasis while nothing else in it becomes structure, whatever it contains."""

from __future__ import annotations

import json
import math
import re
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tpcycle.cli import output
from tpcycle.domain import HIGHLIGHT, Cycle, Entry, Hit, Role, Status, Step
from tpcycle.errors import ProtocolError, StoreError
from tpcycle.messages import Message
from tpcycle.privacy import RosterName
from tpcycle.render import (
    cycle_dict,
    hit_dicts,
    journal_facts,
    json_safe,
    protocol_dicts,
    roster_dicts,
    to_json,
)
from tpcycle.render_markdown import escape_block, markdown

HOSTILE = [
    "# I give up",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "<script>alert('x')</script>",
    "\tindented like code",
    "    four spaces",
    "```python\nprint('fenced')\n```",
    "`inline code`",
    "- a list\n* another\n+ third",
    "1. first\n2) second",
    "> a quote",
    "[a link](https://example.com) and ![img](x.png)",
    "<https://example.com>",
    "**bold** _it_ ~~gone~~",
    "Setext\n===",
    "Setext\n---",
    "***",
    "&amp; &lt;b&gt;",
    "[ref]: https://example.com",
    "text with trailing backslash\\",
    "---\ntitle: fake front matter\n---",
]

ALLOWED_BLOCKS = {"paragraph_open", "paragraph_close", "inline"} | {
    f"{kind}_{side}"
    for kind in ("bullet_list", "ordered_list", "list_item")
    for side in ("open", "close")
}
ALLOWED_INLINE = {"text", "softbreak", "hardbreak", "em_open", "em_close"} | {
    "strong_open",
    "strong_close",
}


def structure(markdown_text: str) -> tuple[set[str], set[str]]:
    tokens = MarkdownIt("commonmark").parse(markdown_text)
    blocks = {t.type for t in tokens}
    inline = {c.type for t in tokens if t.children for c in t.children}
    return blocks, inline


def plain_text(markdown_text: str) -> str:
    """What a reader sees, with the marks that made lists and emphasis put back where they were:
    so it equals what was written when nothing was lost, moved or added."""
    seen = []
    for token in MarkdownIt("commonmark").parse(markdown_text):
        if token.type == "list_item_open":
            seen.append("\n" + token.info + token.markup + " ")
        for child in token.children or []:
            if child.type == "text":
                seen.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                seen.append("\n")
            else:
                seen.append(child.markup)
    return "".join(seen)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_hostile_text_stays_literal() -> None:
    for text in HOSTILE:
        blocks, inline = structure(escape_block(text))
        assert blocks <= ALLOWED_BLOCKS, (text, blocks)
        assert inline <= ALLOWED_INLINE, (text, inline)
        assert squash(plain_text(escape_block(text))) == squash(text), text


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=80))
def test_any_text_renders_as_plain_paragraphs(text: str) -> None:
    rendered = escape_block(text)
    blocks, inline = structure(rendered)
    assert blocks <= ALLOWED_BLOCKS
    assert inline <= ALLOWED_INLINE
    # Markdown collapses inner blanks and turns entities and NUL into characters; compare what
    # a reader sees, ignoring whitespace and the one character CommonMark replaces.
    assert squash(plain_text(rendered)) == squash(text).replace("\x00", "\ufffd")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="#|<>`*_-=+.:!&[]()\\ \t\n10aZ", max_size=40))
def test_markdown_punctuation_never_becomes_structure(text: str) -> None:
    rendered = escape_block(text)
    blocks, inline = structure(rendered)
    assert blocks <= ALLOWED_BLOCKS
    assert inline <= ALLOWED_INLINE
    # Lists and emphasis are the writer's own marks, put back by plain_text: nothing is lost.
    assert squash(plain_text(rendered)) == squash(text)


def make_cycle(*texts: tuple[Step, str, bool]) -> Cycle:
    entries = tuple(
        Entry(
            i,
            f"e{i}",
            1,
            step,
            "Ana | <b>",
            Role.TEACHER,
            text,
            private,
            f"2026-11-0{i % 9 + 1}T10:00:00Z",
        )
        for i, (step, text, private) in enumerate(texts, start=1)
    )
    return Cycle(
        1,
        "uid-1",
        'Goal: "quoted" # not a heading',
        "Ana | <b>",
        "Sam",
        "default",
        "1",
        Status.OPEN,
        "2026-11-01T10:00:00Z",
        None,
        entries,
    )


def test_export_has_front_matter_and_a_heading_per_step_in_order() -> None:
    cycle = make_cycle(
        (Step.REFLECTION, "reflected", False),
        (Step.EVIDENCE, "# I give up", False),
        (Step.MOVE, "secret move", True),
    )
    text = markdown(cycle)
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["goal"] == 'Goal: "quoted" # not a heading'
    assert front["cycle"] == 1 and front["uid"] == "uid-1" and front["status"] == "open"
    assert front["teacher"] == "Ana | <b>"
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == [
        '# Cycle 1: Goal: "quoted" \\# not a heading',
        "## 1. Goal",
        "## 2. Evidence",
        "## 3. Interpretation",
        "## 4. Move",
        "## 5. New evidence",
        "## 6. Reflection",
    ]
    assert "secret move" not in text
    assert "\\# I give up" in text
    body = text.split("## 2. Evidence")[1].split("## 3.")[0]
    assert "**Ana \\| \\<b>** (teacher) · 2026-11-03" in body
    assert "secret move" in markdown(cycle, include_private=True)


def test_rendered_export_has_only_tpcycle_headings() -> None:
    cycle = make_cycle(*((Step.EVIDENCE, text, False) for text in HOSTILE))
    tokens = MarkdownIt("commonmark").parse(markdown(cycle).split("---\n", 2)[2])
    kinds = {t.type for t in tokens}
    assert kinds <= {"heading_open", "heading_close"} | ALLOWED_BLOCKS
    headings = [t.tag for t in tokens if t.type == "heading_open"]
    assert headings == ["h1"] + ["h2"] * 6
    inline = {c.type for t in tokens if t.children for c in t.children}
    assert "html_inline" not in inline and "link_open" not in inline


def test_a_list_typed_in_the_editor_exports_as_a_list_without_escapes() -> None:
    text = (
        "What I noticed:\n"
        "- they cannot picture the first step;\n"
        "- they skip the units\n"
        "\n"
        "3. model one\n"
        "4. pair them up\n"
        "  with a partner"
    )
    rendered = escape_block(text)
    assert "\\-" not in rendered and "3\\." not in rendered
    assert "- they cannot picture the first step;\n- they skip the units" in rendered
    assert "3. model one\n4. pair them up\\\n   with a partner" in rendered
    tokens = MarkdownIt("commonmark").parse(rendered)
    opened = [(t.type, t.info) for t in tokens if t.type.endswith("_open")]
    assert opened == [
        ("paragraph_open", ""),
        ("bullet_list_open", ""),
        ("list_item_open", ""),
        ("paragraph_open", ""),
        ("list_item_open", ""),
        ("paragraph_open", ""),
        ("ordered_list_open", ""),
        ("list_item_open", "3"),
        ("paragraph_open", ""),
        ("list_item_open", "4"),
        ("paragraph_open", ""),
    ]
    assert squash(plain_text(rendered)) == squash(text)


@pytest.mark.parametrize(
    ("text", "kind", "inner"),
    [
        ("a *small* step", "em", "small"),
        ("a _small_ step", "em", "small"),
        ("a **big** step", "strong", "big"),
    ],
)
def test_emphasis_is_kept(text: str, kind: str, inner: str) -> None:
    tokens = MarkdownIt("commonmark").parse(escape_block(text))
    children = [c for t in tokens if t.children for c in t.children]
    at = [c.type for c in children].index(f"{kind}_open")
    assert children[at + 1].content == inner


@pytest.mark.parametrize(
    "text",
    [
        "- <script>alert(1)</script>",
        "- [a link](https://example.com)",
        "1. ![img](x.png)",
        "- # heading in an item",
        "- > quote in an item",
        "- - nested\n  1. nested",
        "* **[x](y)** _<b>_",
        "- ```\n  code",
        "- | a | b |\n  |---|---|",
        "snake_case_name and 2*3*4",
        "[^1]: a footnote\n- [ref]: https://example.com",
    ],
)
def test_lists_and_emphasis_hold_nothing_live(text: str) -> None:
    blocks, inline = structure(escape_block(text))
    assert blocks <= ALLOWED_BLOCKS, blocks
    assert inline <= ALLOWED_INLINE, inline
    assert squash(plain_text(escape_block(text))) == squash(text)


def test_harmless_punctuation_is_left_as_typed() -> None:
    typed = "Q&A went well: 6 > 4, see snake_case_name!"
    assert escape_block(typed) == typed
    # The same characters where they would mean something are still escaped.
    assert escape_block("&amp; and _x and > quote") == "\\&amp; and \\_x and > quote"
    assert escape_block("> quote") == "\\> quote"


def test_bare_addresses_are_not_left_for_viewers_to_link() -> None:
    rendered = escape_block("see https://example.com or www.example.com")
    assert "https://" not in rendered and "www." not in rendered
    assert squash(plain_text(rendered)) == squash("see https://example.com or www.example.com")


def test_consecutive_answers_by_one_person_share_a_byline() -> None:
    cycle = make_cycle(
        (Step.EVIDENCE, "first answer", False),
        (Step.EVIDENCE, "second answer", False),
        (Step.EVIDENCE, "a private one", True),
        (Step.EVIDENCE, "after the private one", False),
        (Step.MOVE, "a move", False),
    )
    same_day = [*(replace(e, created_at="2026-11-02T10:00:00Z") for e in cycle.entries[:4])]
    cycle = replace(cycle, entries=(*same_day, cycle.entries[4]))
    text = markdown(cycle, include_private=True)
    evidence = text.split("## 2. Evidence")[1].split("## 3.")[0]
    bylines = [line for line in evidence.splitlines() if line.startswith("**Ana")]
    # Two answers on one day by Ana under one byline; the private one is marked apart, and
    # the answer after it gets its byline back.
    assert len(bylines) == 3, evidence
    assert bylines[1].endswith("· private") and not bylines[2].endswith("· private")
    assert evidence.index("first answer") < evidence.index("second answer")
    move = text.split("## 4. Move")[1]
    assert move.count("**Ana") == 1


def test_without_front_matter_the_document_starts_with_its_heading() -> None:
    cycle = make_cycle((Step.GOAL, "g", False))
    text = markdown(cycle, front=False)
    assert text.startswith("# Cycle 1: ")
    assert "uid-1" not in text and "protocol_version" not in text


def test_json_round_trips_every_field() -> None:
    cycle = make_cycle((Step.GOAL, "g", False))
    data = json.loads(json.dumps(cycle_dict(cycle)))
    assert data["entries"][0]["author"] == "Ana | <b>"
    assert data["entries"][0]["private"] is False


# -- JSON shapes ---------------------------------------------------------------------------------


def test_json_escapes_what_a_terminal_would_act_on_and_keeps_the_data() -> None:
    value = {"goal": "a\x1b]0;t\x07 \x9b2J \u202eb [/x]", "n": 1.5}
    document = to_json(value)
    assert not any(c in document for c in ("\x1b", "\x07", "\x9b", "\u202e"))
    assert json.loads(document) == value


def test_json_and_the_output_layer_escape_the_same_characters() -> None:
    every = "".join(chr(c) for c in range(0x3000))
    assert json_safe(every) == output.json_safe(every)


@pytest.mark.parametrize("bad", [math.inf, -math.inf, math.nan])
def test_a_number_that_is_not_finite_is_refused_not_written(bad: float) -> None:
    with pytest.raises(StoreError) as caught:
        to_json({"value": bad})
    assert caught.value.message_id is Message.NUMBER_NOT_FINITE


def test_small_shapes_have_their_documented_fields() -> None:
    student = RosterName("Zoë [/x]", "Student A", frozenset({"Zoë"}))
    assert roster_dicts([student]) == [
        {"name": "Zoë [/x]", "alias": "Student A", "kept_parts": ["Zoë"], "every_case": False}
    ]
    facts = journal_facts(Path("/j.db"), exists=True, schema="m009", counts={"cycles": 2})
    assert facts == {"path": "/j.db", "exists": True, "schema": "m009", "cycles": 2}
    broken = ProtocolError("x.yaml:1:1: bad")
    assert protocol_dicts([broken]) == [{"error": "x.yaml:1:1: bad"}]
    start, end = HIGHLIGHT
    hit = Hit(
        3, 1, "goal", Step.EVIDENCE, "Ana", Role.TEACHER, False, "2026-11-01T10:00:00Z",
        f"six {start}reasons{end} given", 0.123456,
    )  # fmt: skip
    assert hit_dicts([hit]) == [
        {
            "entry": 3,
            "cycle": 1,
            "goal": "goal",
            "step": "evidence",
            "author": "Ana",
            "role": "teacher",
            "private": False,
            "created_at": "2026-11-01T10:00:00Z",
            "created_local": "2026-11-01T10:00:00+00:00",
            "rank": 0.1235,
            "snippet": "six «reasons» given",
        }
    ]
