"""Commands that record the six steps: new goal, log evidence, interpret, move, reflect."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import typer

from tpcycle.cli import output as out
from tpcycle.cli.asking import ask
from tpcycle.cli.common import ErrorHandlingGroup, Given, given_text, keeping, opened, settings
from tpcycle.cli.options import (
    NUMBER_MAX,
    ByOption,
    CycleOption,
    EditOption,
    PrivateOption,
    TextArgument,
)
from tpcycle.domain import Cycle, Entry, Measure, Step
from tpcycle.measures import parse_groups, parse_measure
from tpcycle.messages import Message
from tpcycle.protocols import Question
from tpcycle.usecases import cycles, recording
from tpcycle.usecases.cycles import Saved

new_app = typer.Typer(
    cls=ErrorHandlingGroup, no_args_is_help=True, help="Start something new: a cycle's goal."
)
log_app = typer.Typer(
    cls=ErrorHandlingGroup, no_args_is_help=True, help="Log evidence for the current cycle."
)


def _report(saved: Saved) -> None:
    entry = saved.entry
    out.saved(
        Message.PRIVATE_ENTRY_SAVED if entry.private else Message.ENTRY_SAVED,
        entry=entry.id,
        cycle=saved.cycle.id,
        step=entry.step.label.lower(),
        author=entry.author,
        role=entry.role.value,
    )
    for warning in saved.warnings:
        out.warn(warning)


@new_app.command("goal")
def new_goal(
    ctx: typer.Context,
    text: TextArgument = None,
    teacher: Annotated[
        str | None, typer.Option("--teacher", "-t", help="The teacher's name.")
    ] = None,
    partner: Annotated[
        str | None, typer.Option("--partner", "-p", help="The thought partner's name.")
    ] = None,
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
        if given is not None:
            saved = cycles.start_cycle(journal, new, given.text)
            _report(saved)
            out.say(Message.CYCLE_STARTED, cycle=saved.cycle.id)
            _goal_hints(saved.cycle.goal, saved.entry.id)
            return
        answers = recording.GoalAnswers(journal, new)
        ask(
            Step.GOAL,
            new.protocol.questions(Step.GOAL),
            _keeping_each(ctx, answers.save),
            heading=out.words(Message.NEW_CYCLE_HEADING, protocol=new.protocol.title),
            first_required=True,
        )
        if answers.cycle_id is not None:
            out.say(Message.CYCLE_STARTED, cycle=answers.cycle_id)
            cycle = cycles.get_cycle(journal, answers.cycle_id)
            _goal_hints(cycle.goal, cycle.entries[0].id, cycle.entries)


def _keeping_each(
    ctx: typer.Context, save: Callable[[Question, str], Saved]
) -> Callable[[Question, str], None]:
    """Save each answer; if saving fails, keep what was typed so it is never lost."""

    def keep_and_save(question: Question, answer: str) -> None:
        with keeping(Given(answer, precious=True), settings(ctx)):
            save(question, answer)

    return keep_and_save


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
    from tpcycle.checks import check_goal
    from tpcycle.cli.check import print_findings

    findings = check_goal(goal, entries)
    if findings:
        out.line((out.words(Message.GOAL_THOUGHT, entry=entry_id), "yellow"), err=True)
        print_findings(findings, stderr=True)


def _record(
    ctx: typer.Context,
    step: Step | None,
    text: str | None,
    *,
    edit: bool,
    by: str | None,
    private: bool,
    cycle: int | None,
    baseline: bool = False,
    new: bool = False,
    measures: tuple[Measure, ...] = (),
) -> None:
    """Shared by every step command: save given text, or ask the protocol's questions."""
    what = (step or Step.EVIDENCE).label.lower()
    given = given_text(text, edit=edit, what=what)
    with keeping(given, settings(ctx)), opened(ctx, create=False) as journal:
        if given is not None:
            saved = recording.add_entry(
                journal,
                cycle_id=cycle,
                step=step,
                text=given.text,
                by=by,
                private=private,
                baseline=baseline,
                new=new,
                measures=measures,
            )
            _report(saved)
            return
        due = recording.questions_for(
            journal, settings(ctx).library(), cycle, step, baseline=baseline, new=new
        )
        for note in due.notes:
            out.warn(note)
        answers = recording.Answers(
            journal, due.cycle.id, due.step, by=by, private=private, measures=measures
        )
        ask(
            due.step,
            due.questions,
            _keeping_each(ctx, answers.save),
            heading=out.words(Message.STEP_HEADING, cycle=due.cycle.id, step=due.step.label),
        )


@log_app.command("evidence")
def log_evidence(
    ctx: typer.Context,
    text: TextArgument = None,
    baseline: Annotated[
        bool, typer.Option("--baseline", help="Record as baseline evidence (before the move).")
    ] = False,
    new: Annotated[
        bool, typer.Option("--new", help="Record as new evidence (after the move).")
    ] = False,
    measure: Annotated[
        list[str] | None,
        typer.Option(
            "--measure",
            "-m",
            metavar="NAME=COUNT/TOTAL|NAME=VALUE[UNIT]",
            help="A number in the evidence, e.g. 'gave a reason=6/24' or 'talk minutes=4.5min'."
            " Repeat for more.",
        ),
    ] = None,
    groups: Annotated[
        str | None,
        typer.Option(
            "--groups",
            metavar="GROUP=N,...",
            help="Student work sorted into groups, e.g. 'got it=9,partly=11,not yet=4'.",
        ),
    ] = None,
    by: ByOption = None,
    private: PrivateOption = False,
    cycle: CycleOption = None,
    edit: EditOption = False,
) -> None:
    """Record evidence: student work, exit tickets, observation tallies, student voice.

    Evidence is baseline until the cycle has a move, and new evidence after it. Numbers given
    with --measure or --groups are compared by 'tpcycle compare'.
    """
    found = tuple(parse_measure(m) for m in measure or ())
    found += parse_groups(groups) if groups is not None else ()
    _record(
        ctx,
        None,
        text,
        edit=edit,
        by=by,
        private=private,
        cycle=cycle,
        baseline=baseline,
        new=new,
        measures=found,
    )


def _text_step(step: Step, summary: str) -> Callable[..., None]:
    """A command that records one entry for a step that takes text only."""

    def command(
        ctx: typer.Context,
        text: TextArgument = None,
        by: ByOption = None,
        private: PrivateOption = False,
        cycle: CycleOption = None,
        edit: EditOption = False,
    ) -> None:
        _record(ctx, step, text, edit=edit, by=by, private=private, cycle=cycle)

    command.__doc__ = summary
    return command


interpret = _text_step(
    Step.INTERPRETATION, "Record what the evidence suggests and what might be in the way."
)
reflect = _text_step(
    Step.REFLECTION,
    "Record what changed, what to keep, adjust or drop, and what each of you learned.",
)


def move(
    ctx: typer.Context,
    text: TextArgument = None,
    predict: Annotated[
        list[str] | None,
        typer.Option(
            "--predict",
            metavar="NAME=COUNT/TOTAL|NAME=VALUE[UNIT]",
            help="What you expect a measure to show after the move, e.g."
            " 'gave a reason=12/24'. Repeat for more.",
        ),
    ] = None,
    by: ByOption = None,
    private: PrivateOption = False,
    cycle: CycleOption = None,
    edit: EditOption = False,
) -> None:
    """Record the one small instructional move to try, ideally with a prediction."""
    predictions = tuple(parse_measure(p) for p in predict or ())
    _record(
        ctx, Step.MOVE, text, edit=edit, by=by, private=private, cycle=cycle, measures=predictions
    )
