"""Docs that must move with the code: the README's commands, CI, and the CLI reference."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def readme_command(marker: str) -> str:
    text = (ROOT / "README.md").read_text()
    match = re.search(rf"<!-- {marker} -->\n```sh\n(.+?)\n```", text)
    assert match, marker
    return match.group(1)


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text().strip().splitlines()
    assert ci[-1] == readme_command("test-command")


def test_every_test_a_doc_cites_exists() -> None:
    # reliability.md and privacy.md say which test holds each promise: a renamed or moved test
    # must take its doc line with it.
    cited = {
        (path, name)
        for page in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]
        for path, name in re.findall(r"(tests/[\w/]+\.py)::(\w+)", page.read_text())
    }
    assert cited, "no doc cites a test"
    missing = [
        f"{path}::{name}"
        for path, name in sorted(cited)
        if (ROOT / path).exists()
        and not re.search(rf"^(async )?def {name}\(", (ROOT / path).read_text(), re.MULTILINE)
    ] + [f"{path} (no such file)" for path, _ in sorted(cited) if not (ROOT / path).exists()]
    assert missing == []


def test_cli_reference_matches_the_commands() -> None:
    from tpcycle.cli.reference import render

    reference = ROOT / "docs" / "cli.md"
    assert reference.read_text() == render(), (
        "docs/cli.md is out of date: run python -m tpcycle.cli.reference > docs/cli.md"
    )


@pytest.mark.parametrize(
    "page",
    [
        "first-cycle.md",
        "protocols.md",
        "json.md",
        "exit-codes.md",
        "architecture.md",
        "performance.md",
        "cli.md",
        "evidence.md",
        "observation.md",
        "checks.md",
        "privacy.md",
        "reliability.md",
        "exchange.md",
        "history.md",
        "conversations.md",
    ],
)
def test_docs_pages_exist_and_are_linked(page: str) -> None:
    assert (ROOT / "docs" / page).is_file()
    assert f"docs/{page}" in (ROOT / "README.md").read_text()


def test_the_protocol_example_in_the_docs_loads() -> None:
    from tpcycle.protocols import parse_protocol

    text = (ROOT / "docs" / "protocols.md").read_text()
    example = re.search(r"```yaml\n(.+?)```", text, re.S)
    assert example
    protocol = parse_protocol(example.group(1).encode(), Path("docs-example.yaml"))
    assert protocol.name
