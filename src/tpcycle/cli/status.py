"""The status command: where a cycle stands, and what came in since I last looked."""

from __future__ import annotations

from typing import Annotated

import typer

from tpcycle.cli import output as out
from tpcycle.cli.common import local_zone, opened, settings
from tpcycle.cli.options import NUMBER_MAX
from tpcycle.cli.since import print_catch_up
from tpcycle.domain import STEPS
from tpcycle.messages import Message
from tpcycle.usecases import agreement as agreed
from tpcycle.usecases import cycles


def status(
    ctx: typer.Context,
    cycle: Annotated[
        int | None, typer.Option("--cycle", "-c", min=1, max=NUMBER_MAX, help="Cycle number.")
    ] = None,
) -> None:
    """Where the current cycle stands: steps done and missing, and what to ask next."""
    with opened(ctx, create=False) as journal:
        report = cycles.cycle_status(journal, settings(ctx).library(), cycle)
        print_catch_up(journal, local_zone())
        offer = agreed.nudge_for(journal, report.cycle)
    for note in report.warnings:
        out.warn(note)
    if offer is not None:
        out.say(offer)
    c = report.cycle
    out.line((f"Cycle {c.id}", "bold"), f" ({c.status.value}) · ", c.goal)
    out.line(
        "Teacher: ", c.teacher, " · Partner: ", c.partner, " · Protocol: ", report.protocol.title
    )
    out.blank()
    for step in STEPS:
        count = report.progress.counts[step]
        mark = ("✓", "green") if count else ("·", "dim")
        detail = (
            out.words(Message.STEP_ENTRIES, count=count)
            if count
            else out.words(Message.STEP_MISSING)
        )
        out.line(" ", mark, f" {step.number}. {step.label:<15} {detail}")
    out.blank()
    next_step = report.progress.next_step
    if next_step is None:
        out.line(out.words(Message.ALL_STEPS_RECORDED))
        return
    out.line(
        (out.words(Message.NEXT_STEP, step=next_step.label.lower()), "bold"),
        f" — {_command_for(next_step.value)}",
    )
    for question in report.next_questions:
        out.bullet(question.text)


def _command_for(step: str) -> str:
    return {
        "goal": "tpcycle new goal",
        "evidence": "tpcycle log evidence",
        "interpretation": "tpcycle interpret",
        "move": "tpcycle move",
        "new_evidence": "tpcycle log evidence",
        "reflection": "tpcycle reflect",
    }[step]
