"""What the everyday commands pay before they start: checks on their import-time costs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.probes import imported_by
from tests.usecases.helpers import started_now
from tpcycle.store import open_journal
from tpcycle.usecases import recording

# Loaded by `log evidence`, `check`, `status`, `show` and `compare` (their command modules
# import the rest).
HOT_COMMANDS = (
    "tpcycle.cli.steps",
    "tpcycle.cli.check",
    "tpcycle.cli.status",
    "tpcycle.cli.show",
    "tpcycle.cli.compare",
)

FIND_UNDOCUMENTED = f"""
import dataclasses, sys
for name in {HOT_COMMANDS!r}:
    __import__(name)
for name, module in sorted(sys.modules.items()):
    if not name.startswith("tpcycle"):
        continue
    for value in vars(module).values():
        if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == name:
            if (value.__doc__ or "").startswith(value.__name__ + "("):
                print(name + "." + value.__name__)
"""


@pytest.mark.slow  # runs tpcycle in another process
def test_the_hot_path_dataclasses_have_docstrings() -> None:
    """@dataclass calls inspect.signature() for a class without a docstring, to make one: a few
    tenths of a millisecond each, paid by every command that imports the class."""
    done = subprocess.run(
        [sys.executable, "-c", FIND_UNDOCUMENTED], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == []


def test_the_hot_command_modules_do_not_postpone_their_annotations() -> None:
    """typer reads a command's parameters from its annotations on every run; postponed ones
    (strings) are compiled and evaluated again each time."""
    root = Path(__file__).resolve().parents[1] / "src" / "tpcycle" / "cli"
    for name in ("app.py", "steps.py", "check.py"):
        lines = (root / name).read_text().splitlines()
        assert "from __future__ import annotations" not in lines, name


# What the features merged beside the cycle load, which a plain cycle has no use for.
FEATURES = {
    "tpcycle.cli.between",  # todo, note, ask, answer
    "tpcycle.cli.talks",  # conversations
    "tpcycle.cli.attachments",
    "tpcycle.cli.sort",
    "tpcycle.cli.evidence",  # tally
    "tpcycle.usecases.attaching",
    "tpcycle.usecases.conversations",
    "tpcycle.bundle",
    "tpcycle.render_between",
    "tpcycle.render_markdown",
    "tpcycle.privacy",
    "tpcycle.sorting",
}


@pytest.mark.slow  # runs tpcycle in another process
def test_status_show_and_compare_load_only_the_features_a_cycle_uses(tmp_path: Path) -> None:
    journal = str(tmp_path / "j.db")
    started_now(tmp_path / "j.db", "Students explain their thinking")  # set up in-process
    opened = open_journal(tmp_path / "j.db", create=False)
    try:
        recording.add_entry(opened, cycle_id=None, step=None, text="Exit tickets: 6 of 24")
    finally:
        opened.close()
    for command in ("status", "show", "compare"):
        loaded = imported_by("--db", journal, command)
        assert "tpcycle.domain" in loaded, command  # the probe sees tpcycle's modules
        assert FEATURES & loaded == set(), command
