"""What the everyday commands pay before they start: checks on their import-time costs."""

from __future__ import annotations

import subprocess
import sys

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
