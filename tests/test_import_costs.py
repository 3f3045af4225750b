"""What the everyday commands pay before they start: checks on their import-time costs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# Loaded by `log evidence` and `check` (their command modules import the rest).
HOT_COMMANDS = ("tpcycle.cli.steps", "tpcycle.cli.check")

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
