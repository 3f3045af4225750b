"""``export --format html`` and ``--no-front-matter`` from the shell: thin checks, and the
combinations that make no sense get one clear line and write nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Run
from tests.usecases.looking_back import SECOND_GOAL, build, copy_of
from tpcycle.messages import Message, text


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("cli-formats") / "journal.db")


@pytest.fixture
def journal(built: Path, db_path: Path, run: Run) -> Run:
    copy_of(built, db_path.parent, db_path.name)
    return run


def test_an_html_page_to_a_file_and_to_stdout(journal: Run, tmp_path: Path) -> None:
    target = tmp_path / "cycle.html"
    result = journal("export", "--format", "html", "-o", str(target))
    page = target.read_text()
    assert page.startswith("<!DOCTYPE html>") and SECOND_GOAL in page
    assert text(Message.PRIVATE_LEFT_OUT, count=1) in result.stderr
    assert journal("export", "1", "-f", "html").stdout.startswith("<!DOCTYPE html>")
    portfolio = journal("export", "--portfolio", "-f", "html").stdout
    assert portfolio.count('<section class="cycle">') == 2


def test_markdown_without_front_matter(journal: Run) -> None:
    assert journal("export", "--no-front-matter").stdout.startswith("# Cycle 2: ")
    assert journal("export").stdout.startswith("---\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--all", "-f", "html", "-o", "out"], Message.EXPORT_MARKDOWN_ONLY),
        (["--portfolio", "-f", "json"], Message.EXPORT_MARKDOWN_ONLY),
        (["-f", "html", "--no-front-matter"], Message.EXPORT_FRONT_MATTER_IS_MARKDOWN),
        (["-f", "json", "--no-front-matter"], Message.EXPORT_FRONT_MATTER_IS_MARKDOWN),
    ],
)
def test_combinations_that_make_no_sense(
    journal: Run, tmp_path: Path, args: list[str], message: Message
) -> None:
    folder = str(tmp_path / "out")
    result = journal("export", *(folder if a == "out" else a for a in args), ok=False)
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines == [f"Error: {text(message)}"]
    assert result.stdout == "" and not (tmp_path / "out").exists()
