"""Exports a person would send: an HTML page, and Markdown without its front matter.

Called directly on the two-cycle journal of ``looking_back``; private entries and roster
names stay out of the page exactly as they stay out of the Markdown.
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.usecases.looking_back import FIRST_GOAL, PRIVATE, SECOND_GOAL, build, opened_copy
from tpcycle.domain import Step
from tpcycle.store import Journal
from tpcycle.usecases import privacy
from tpcycle.usecases.export import (
    Format,
    Request,
    cycle_document,
    export_folder,
    portfolio_document,
)
from tpcycle.usecases.recording import add_entry


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("formats") / "journal.db")


@pytest.fixture
def journal(built: Path, tmp_path: Path) -> Iterator[Journal]:
    opened = opened_copy(built, tmp_path)
    yield opened
    opened.close()


class Tags(HTMLParser):
    def __init__(self, document: str) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text = ""
        self.feed(document)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text += data


def test_one_cycle_as_a_page_leaves_private_and_names_out(journal: Journal) -> None:
    privacy.add_students(journal, ["Mia"])
    add_entry(journal, cycle_id=None, step=Step.EVIDENCE, text="- Mia asked <why?>\n- *two* more")
    done = cycle_document(journal, Request([]), Format.html)
    page = Tags(done.text)
    assert done.left_out == 1 and PRIVATE not in page.text
    assert "Mia" not in page.text and "Student A asked <why?>" in page.text
    assert SECOND_GOAL in page.text and "script" not in page.tags
    assert page.tags.count("li") == 2 and "em" in page.tags


def test_a_portfolio_page_holds_every_cycle(journal: Journal) -> None:
    delivered: list[str] = []
    portfolio_document(journal, Request([]), delivered.extend, Format.html)
    page = Tags("".join(delivered))
    assert page.tags.count("section") == 2
    assert FIRST_GOAL in page.text and SECOND_GOAL in page.text
    assert page.tags.count("table") == 1  # cycle 1 compares its baseline with new evidence


def test_markdown_without_front_matter_everywhere(journal: Journal, tmp_path: Path) -> None:
    request = Request([], front_matter=False)
    one = cycle_document(journal, request, Format.markdown).text
    assert one.startswith("# Cycle 2: ") and "protocol_version" not in one
    delivered: list[str] = []
    portfolio_document(journal, request, delivered.extend)
    several = "".join(delivered)
    assert several.startswith("# Inquiry cycles")
    export_folder(journal, request, tmp_path / "out")
    for path in (tmp_path / "out").iterdir():
        assert path.read_text().startswith("# "), path.name
    with_it = cycle_document(journal, Request([]), Format.markdown).text
    assert with_it.startswith("---\n") and "protocol_version" in with_it
