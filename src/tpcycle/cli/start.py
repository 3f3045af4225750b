"""Where to begin: 'tpcycle' on its own, and 'tpcycle guide'."""

from __future__ import annotations

from collections.abc import Callable

import typer

from tpcycle.cli import output as out
from tpcycle.cli.common import opened, settings
from tpcycle.domain import CycleFilter
from tpcycle.errors import StoreError
from tpcycle.guide import guide_text
from tpcycle.messages import Message
from tpcycle.usecases import cycles


def overview(ctx: typer.Context, status: Callable[..., None]) -> None:
    """What 'tpcycle' alone shows: the current cycle (through ``status``), or how to start."""
    if not settings(ctx).db.exists():
        out.say(Message.WELCOME)
        out.say(Message.WELCOME_START)
        return
    with opened(ctx, create=False) as journal:
        listing = cycles.list_cycles(journal, entries=False, only=CycleFilter(last=1))
    if listing.current is None:
        out.say(Message.NO_CURRENT_CYCLE if listing.cycles else Message.NO_CYCLES_YET)
        out.say(Message.SEE_HELP)
        return
    ctx.invoke(status, ctx, cycle=None)


def guide() -> None:
    """Print the guide to a first cycle (it ships with tpcycle; no network needed)."""
    try:
        text = guide_text()
    except OSError as exc:  # pragma: no cover - a broken install
        raise StoreError(Message.GUIDE_UNREADABLE, reason=exc) from exc
    out.line(text.rstrip("\n"))
