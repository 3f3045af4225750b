"""Fixing a cycle: 'tpcycle cycle edit' (its people, goal, protocol) and 'tpcycle reopen'."""

from __future__ import annotations

from typing import Annotated

import typer

from tpcycle.cli import output as out
from tpcycle.cli.common import ErrorHandlingGroup, opened, settings
from tpcycle.cli.options import CycleArgument, PartnerOption, TeacherOption
from tpcycle.errors import InvalidInput
from tpcycle.messages import Message
from tpcycle.usecases import corrections

cycle_app = typer.Typer(
    cls=ErrorHandlingGroup, no_args_is_help=True, help="Fix a cycle: its people, goal, protocol."
)


@cycle_app.command("edit")
def edit_cycle(
    ctx: typer.Context,
    cycle: CycleArgument = None,
    teacher: TeacherOption = None,
    partner: PartnerOption = None,
    goal: Annotated[str | None, typer.Option("--goal", help="The goal, reworded.")] = None,
    protocol: Annotated[
        str | None, typer.Option("--protocol", help="The protocol to follow from now on.")
    ] = None,
) -> None:
    """Change a cycle's teacher, partner, goal or protocol (the current cycle if none given).

    A new name also goes on the entries written under the old one.
    """
    changes = corrections.CycleChanges(teacher, partner, goal, protocol)
    if changes == corrections.CycleChanges():
        raise InvalidInput(Message.CYCLE_EDIT_NEEDS)
    with opened(ctx, create=False) as journal:
        edited = corrections.edit_cycle(journal, settings(ctx).library(), cycle, changes)
    out.saved(Message.CYCLE_CHANGED, cycle=edited.cycle.id, what=", ".join(edited.changed))


def reopen(ctx: typer.Context, cycle: CycleArgument = None) -> None:
    """Open a closed cycle again, to add what was missed (the current cycle if none given)."""
    with opened(ctx, create=False) as journal:
        found = corrections.reopen_cycle(journal, cycle)
    out.saved(Message.CYCLE_REOPENED, cycle=found.id)
