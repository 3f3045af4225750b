"""The demo command: a whole cycle, start to finish, in a throwaway journal."""

from __future__ import annotations

import tempfile
from pathlib import Path

import typer

from tpcycle.cli import output as out
from tpcycle.cli.common import settings
from tpcycle.messages import Message
from tpcycle.render_markdown import markdown
from tpcycle.usecases.demo import run_demo


def demo(ctx: typer.Context) -> None:
    """Run a short example cycle in a throwaway journal and print its Markdown export.

    Your own journal is not touched.
    """
    out.say(Message.DEMO_START)
    with tempfile.TemporaryDirectory(prefix="tpcycle-demo-") as folder:
        shown = run_demo(settings(ctx).library(), Path(folder))
    for command in shown.commands:
        out.line(f"  {command}", err=True)
    out.blank(err=True)
    out.say(Message.DEMO_EXPORT)
    out.blank(err=True)
    out.document(markdown(shown.cycle))
    out.blank(err=True)
    out.say(Message.DEMO_NEXT)
