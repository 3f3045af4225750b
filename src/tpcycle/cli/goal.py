"""The command that starts a cycle: new goal, with the goal checks' hints at once."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

import typer

from tpcycle.checks import check_goal
from tpcycle.cli import output as out
from tpcycle.cli.asking import ask, keeping_each, report_saved
from tpcycle.cli.check import kept_rules, print_findings
from tpcycle.cli.common import ErrorHandlingGroup, lesson_date, opened, settings
from tpcycle.cli.editing import given_text, keeping
from tpcycle.cli.options import (
    NUMBER_MAX,
    ByOption,
    EditOption,
    OnOption,
    PartnerOption,
    PrivateOption,
    TeacherOption,
    TextArgument,
)
from tpcycle.domain import Cycle, Entry, Step
from tpcycle.messages import Message
from tpcycle.usecases import cycles, recording

new_app = typer.Typer(
    cls=ErrorHandlingGroup, no_args_is_help=True, help="Start something new: a cycle's goal."
)


@new_app.command("goal")
def new_goal(
    ctx: typer.Context,
    text: TextArgument = None,
    teacher: TeacherOption = None,
    partner: PartnerOption = None,
    protocol: Annotated[
        str | None,
        typer.Option(
            "--protocol",
            help="Which protocol's questions to use. (default: default)",
            show_default=False,
        ),
    ] = None,
    from_cycle: Annotated[
        int | None,
        typer.Option(
            "--from",
            min=1,
            max=NUMBER_MAX,
            help="Start from an earlier cycle's reflection: shows it,"
            " and keeps its names and protocol unless you give others.",
        ),
    ] = None,
    by: ByOption = None,
    private: PrivateOption = False,
    edit: EditOption = False,
    on: OnOption = None,
) -> None:
    """Start a cycle with one student-learning goal, and make it the current cycle.

    State the goal as what students will do, e.g. "Students explain their reasoning in
    writing".
    """
    earlier = None
    if from_cycle is not None:
        with opened(ctx, create=False) as looking:
            earlier = cycles.get_cycle(looking, from_cycle)
        _show_what_next(earlier)
    new = cycles.plan_cycle(
        settings(ctx).library(),
        teacher=teacher,
        partner=partner,
        protocol=protocol,
        earlier=earlier,
        by=by,
        private=private,
    )
    given = given_text(text, edit=edit, what="goal")
    with keeping(given, settings(ctx)), opened(ctx, create=True) as journal:
        new = replace(new, happened_at=lesson_date(journal, on))
        if given is not None:
            saved = cycles.start_cycle(journal, new, given.text)
            report_saved(saved)
            out.say(Message.CYCLE_STARTED, cycle=saved.cycle.id)
            _goal_hints(saved.cycle.goal, saved.entry.id)
            return
        answers = recording.GoalAnswers(journal, new)
        ask(
            Step.GOAL,
            new.protocol.questions(Step.GOAL),
            keeping_each(ctx, answers.save),
            heading=out.words(Message.NEW_CYCLE_HEADING, protocol=new.protocol.title),
            first_required=True,
        )
        if answers.cycle_id is not None:
            out.say(Message.CYCLE_STARTED, cycle=answers.cycle_id)
            cycle = cycles.get_cycle(journal, answers.cycle_id)
            _goal_hints(cycle.goal, cycle.entries[0].id, cycle.entries)


def _show_what_next(earlier: Cycle) -> None:
    """The earlier cycle's reflections, as the starting point for the next goal."""
    reflections = earlier.entries_for(Step.REFLECTION)
    out.say(Message.EARLIER_CYCLE_ENDED, cycle=earlier.id, goal=earlier.goal)
    for entry in reflections or ():
        out.bullet(entry.author, ": ", " ".join(entry.text.split()), err=True)
    if not reflections:
        out.indented(out.words(Message.NO_REFLECTION), err=True)


def _goal_hints(goal: str, entry_id: int, entries: tuple[Entry, ...] = ()) -> None:
    """Offer the goal checks' hints at once; the goal is saved whatever they say."""
    findings = check_goal(goal, entries, rules=kept_rules())
    if findings:
        out.line((out.words(Message.GOAL_THOUGHT, entry=entry_id), "yellow"), err=True)
        print_findings(findings, stderr=True)
