"""Writes docs/cli.md from the commands themselves, so the reference cannot drift from the code.

Regenerate with: python -m tpcycle.cli.reference > docs/cli.md
"""

from __future__ import annotations

from typing import Any

import typer.main

from tpcycle.cli.app import app

HEADER = """# Command reference

Generated from the program's own help by `python -m tpcycle.cli.reference > docs/cli.md`;
a test fails when this file and the commands disagree. Every command also answers `--help`.

Global options come before the command: `tpcycle [--db FILE] COMMAND ...`.
`--db` can also be set with the environment variable `TPCYCLE_DB`.
"""


def _walk(command: Any, path: list[str]) -> list[tuple[list[str], Any]]:
    found = [(path, command)]
    if hasattr(command, "list_commands"):
        names = command.list_commands(None)
        for name in names:
            found.extend(_walk(command.commands[name], [*path, name]))
    return found


def _param_line(param: Any) -> str:
    help_text = " ".join((getattr(param, "help", None) or "").split())
    if param.param_type_name == "argument":
        return f"- `{param.name.upper()}`: {help_text}"
    names = ", ".join(f"`{opt}`" for opt in [*param.opts, *param.secondary_opts])
    return f"- {names}: {help_text}"


def render() -> str:
    root = typer.main.get_command(app)
    out = [HEADER]
    for path, command in _walk(root, []):
        if path and getattr(command, "hidden", False):
            continue
        title = " ".join(["tpcycle", *path])
        out += [f"## `{title}`", ""]
        out += [(command.help or "").strip(), ""]
        params = [p for p in command.params if p.name not in ("help",)]
        if params:
            out += [_param_line(p) for p in params]
            out.append("")
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    print(render(), end="")
