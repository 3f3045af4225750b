"""The HTML export: one self-contained page, read back with the standard library's HTML parser.

Whatever a person wrote, the page holds only tpcycle's own tags, no script, no attribute that
runs code and no address of anything outside the page; hostile text comes back as text.
"""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tpcycle.domain import Cycle, Entry, Measure, Role, Status, Step
from tpcycle.render_html import html_page, prose

HOSTILE = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "javascript:alert(1)",
    "[click](javascript:alert(1)) and <a href='https://evil.example'>here</a>",
    '"><svg onload=alert(1)>',
    "</p></div></main><style>body{display:none}</style>",
    "<!-- a comment --> &lt;b&gt; &amp;",
    "<iframe src=https://evil.example></iframe>",
    "- <b>bold item</b>\n- *fine* item",
    "1. **<i>x</i>**",
    "@import url(https://evil.example/x.css);",
]

OWN_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "section",
    "h1", "h2", "h3", "h4", "h5", "p", "div", "strong", "em", "br", "ul", "ol", "li",
    "table", "tr", "th", "td",
}  # fmt: skip


class Page(HTMLParser):
    """Every tag, attribute and piece of text of a page, as the parser saw them."""

    def __init__(self, document: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.style: list[str] = []
        self._in_style = False
        self.feed(document)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs
        self._in_style = tag == "style"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        (self.style if self._in_style else self.text).append(data)

    def handle_comment(self, data: str) -> None:
        raise AssertionError(f"a comment in the page: {data!r}")


def assert_safe(document: str) -> Page:
    page = Page(document)
    assert set(page.tags) <= OWN_TAGS, set(page.tags) - OWN_TAGS
    assert "script" not in page.tags
    for name, value in page.attributes:
        assert not name.startswith("on"), name
        assert name in {"lang", "charset", "name", "http-equiv", "content", "class", "start"}, name
        assert "//" not in (value or "") and ":" not in (value or "").replace("width=", ""), value
    style = "".join(page.style)
    assert "url(" not in style and "@import" not in style and "//" not in style
    return page


def make_cycle(*texts: str) -> Cycle:
    entries = tuple(
        Entry(i, f"e{i}", 1, Step.EVIDENCE, "Ana <b>", Role.TEACHER, text, False,
              "2026-11-02T10:00:00Z", question="What <i>evidence</i>?")
        for i, text in enumerate(texts, start=1)
    )  # fmt: skip
    return Cycle(
        1, "uid-1", "Goal <script>x</script>", "Ana <b>", "Sam & co", "default", "1",
        Status.OPEN, "2026-11-01T10:00:00Z", None, entries,
    )  # fmt: skip


def test_the_page_is_self_contained_with_only_tpcycles_tags() -> None:
    document = html_page([make_cycle(*HOSTILE)], title="Cycle 1: <b>x</b>")
    assert document.startswith("<!DOCTYPE html>")
    page = assert_safe(document)
    assert page.tags.count("style") == 1
    assert ("http-equiv", "Content-Security-Policy") in page.attributes
    assert ("content", "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'") in (
        page.attributes
    )
    seen = "".join(page.text)
    for text in HOSTILE:
        for line in text.splitlines():
            visible = re.sub(r"^(- |1\. )|\*\*?", "", line)
            assert visible in seen, line
    assert "Goal <script>x</script>" in seen and "Sam & co" in seen
    assert "<script>" not in document and "<img" not in document
    assert "onerror=" in seen  # the text survives, as text


def test_lists_and_emphasis_become_tpcycles_own_tags() -> None:
    html = "\n".join(prose("We saw:\n- *few* reasons\n- **no** units\n\n3. model\n4. pair"))
    assert "<ul>\n<li><em>few</em> reasons</li>\n<li><strong>no</strong> units</li>\n</ul>" in html
    assert '<ol start="3">\n<li>model</li>\n<li>pair</li>\n</ol>' in html
    assert html.startswith("<p>We saw:</p>")


def test_a_portfolio_page_holds_each_cycle_under_one_title() -> None:
    first = make_cycle("one")
    second = replace(first, id=2, goal="Second goal")
    page = assert_safe(html_page([first, second], title="Inquiry cycles"))
    assert page.tags.count("h1") == 1 and page.tags.count("section") == 2


def test_consecutive_answers_share_a_byline_and_measures_are_escaped() -> None:
    cycle = make_cycle("first", "second")
    measure = Measure("<b>reasons</b>", 6.0, 20.0)
    cycle = replace(
        cycle, entries=(cycle.entries[0], replace(cycle.entries[1], measures=(measure,)))
    )
    document = html_page([cycle], title="t")
    assert document.count('class="byline"') == 1
    assert "&lt;b&gt;reasons&lt;/b&gt;" in document
    assert_safe(document)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=80))
def test_any_text_stays_text(text: str) -> None:
    page = assert_safe(html_page([make_cycle(text)], title=text))
    body = "".join(page.text)
    # These never mark a list or emphasis: each one written is one read back, as text.
    for character in "<>&\"'=:/":
        assert body.count(character) - FIXED.count(character) == 2 * text.count(character)


FIXED = "".join(Page(html_page([make_cycle("")], title="")).text)


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_an_empty_answer_is_an_empty_answer(text: str) -> None:
    assert prose(text) == []
