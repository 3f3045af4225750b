"""Markdown export: tpcycle's structure only, user text stays literal whatever it contains."""

from __future__ import annotations

import json
import math
import re
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
    escape_block,
    hit_dicts,
    journal_facts,
    json_safe,
    markdown,
    protocol_dicts,
    roster_dicts,
    to_json,
)

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

ALLOWED_BLOCKS = {"paragraph_open", "paragraph_close", "inline"}
ALLOWED_INLINE = {"text", "softbreak", "hardbreak"}


def structure(markdown_text: str) -> tuple[set[str], set[str]]:
    tokens = MarkdownIt("commonmark").parse(markdown_text)
    blocks = {t.type for t in tokens}
    inline = {c.type for t in tokens if t.children for c in t.children}
    return blocks, inline


def plain_text(markdown_text: str) -> str:
    tokens = MarkdownIt("commonmark").parse(markdown_text)
    return "".join(
        c.content if c.type == "text" else "\n" for t in tokens if t.children for c in t.children
    )


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_hostile_text_stays_literal() -> None:
    for text in HOSTILE:
        blocks, inline = structure(escape_block(text))
        assert blocks <= ALLOWED_BLOCKS, (text, blocks)
        assert inline <= ALLOWED_INLINE, (text, inline)
        assert squash(plain_text(escape_block(text))) == squash(text), text


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_any_text_renders_as_plain_paragraphs(text: str) -> None:
    rendered = escape_block(text)
    blocks, inline = structure(rendered)
    assert blocks <= ALLOWED_BLOCKS
    assert inline <= ALLOWED_INLINE
    # Markdown collapses inner blanks and turns entities and NUL into characters; compare what
    # a reader sees, ignoring whitespace and the one character CommonMark replaces.
    assert squash(plain_text(rendered)) == squash(text).replace("\x00", "\ufffd")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="#|<>`*_-=+.:!&[]()\\ \t\n1aZ", max_size=40))
def test_markdown_punctuation_never_becomes_structure(text: str) -> None:
    blocks, inline = structure(escape_block(text))
    assert blocks <= ALLOWED_BLOCKS
    assert inline <= ALLOWED_INLINE


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
    assert "**Ana \\| \\<b\\>** (teacher) · 2026-11-03" in body
    assert "secret move" in markdown(cycle, include_private=True)


def test_rendered_export_has_only_tpcycle_headings() -> None:
    cycle = make_cycle(*((Step.EVIDENCE, text, False) for text in HOSTILE))
    tokens = MarkdownIt("commonmark").parse(markdown(cycle).split("---\n", 2)[2])
    kinds = {t.type for t in tokens}
    assert kinds <= {
        "heading_open",
        "heading_close",
        "paragraph_open",
        "paragraph_close",
        "inline",
        "em_open",
        "em_close",
    }
    headings = [t.tag for t in tokens if t.type == "heading_open"]
    assert headings == ["h1"] + ["h2"] * 6
    inline = {c.type for t in tokens if t.children for c in t.children}
    assert "html_inline" not in inline and "link_open" not in inline


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
