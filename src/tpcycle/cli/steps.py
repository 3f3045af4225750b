"""Commands that record a cycle's steps after its goal: log evidence, interpret, move, reflect."""

# No `from __future__ import annotations` in a command module: typer would then eval every
# annotation string again on each run (about 2 ms of `log evidence`).

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated

import typer

from tpcycle.attachments import FileToKeep, describe
from tpcycle.cli import output as out
from tpcycle.cli.asking import ask, keeping_each, report_saved
from tpcycle.cli.between import move_promise
from tpcycle.cli.common import (
    ErrorHandlingGroup,
    given_text,
    keeping,
    lesson_date,
    opened,
    settings,
)
from tpcycle.cli.options import (
    MEASURE_METAVAR,
    BaselineOption,
    ByOption,
    CycleOption,
    EditOption,
    NewEvidenceOption,
    OnOption,
    PrivateOption,
    TextArgument,
)
from tpcycle.domain import Measure, Step
from tpcycle.measures import parse_groups, parse_measure
from tpcycle.messages import Message
from tpcycle.messages_classroom import Classroom
from tpcycle.usecases import attaching, recording

log_app = typer.Typer(
    cls=ErrorHandlingGroup, no_args_is_help=True, help="Log evidence for the current cycle."
)


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
    on: str | None = None,
    files: Sequence[FileToKeep] = (),
) -> None:
    """Shared by every step command: save given text, or ask the protocol's questions."""
    what = (step or Step.EVIDENCE).label.lower()
    given = given_text(text, edit=edit, what=what)
    with keeping(given, settings(ctx)), opened(ctx, create=False) as journal:
        happened_at = lesson_date(journal, on)
        if given is not None:
            saved = attaching.add_entry_with_files(
                journal,
                files,
                cycle_id=cycle,
                step=step,
                text=given.text,
                by=by,
                private=private,
                baseline=baseline,
                new=new,
                measures=measures,
                happened_at=happened_at,
            )
            report_saved(saved)
            if files:
                names = ", ".join(f.name for f in files)
                out.say(Classroom.ATTACH_KEPT, count=len(files), entry=saved.entry.id, names=names)
            return
        due = recording.questions_for(
            journal, settings(ctx).library(), cycle, step, baseline=baseline, new=new
        )
        for note in due.notes:
            out.warn(note)
        answers = recording.Answers(
            journal,
            due.cycle.id,
            due.step,
            by=by,
            private=private,
            measures=measures,
            happened_at=happened_at,
        )
        ask(
            due.step,
            due.questions,
            keeping_each(ctx, attaching.with_first_answer(journal, answers.save, files)),
            heading=out.words(Message.STEP_HEADING, cycle=due.cycle.id, step=due.step.label),
        )


@log_app.command("evidence")
def log_evidence(
    ctx: typer.Context,
    text: TextArgument = None,
    baseline: BaselineOption = False,
    new: NewEvidenceOption = False,
    measure: Annotated[
        list[str] | None,
        typer.Option(
            "--measure",
            "-m",
            metavar=MEASURE_METAVAR,
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
    attach: Annotated[
        list[Path] | None,
        typer.Option(
            "--attach",
            metavar="FILE",
            help="Keep a photo, scan or PDF of student work with the evidence (at most"
            " 10 MiB each). Repeat for more.",
        ),
    ] = None,
    by: ByOption = None,
    private: PrivateOption = False,
    cycle: CycleOption = None,
    edit: EditOption = False,
    on: OnOption = None,
) -> None:
    """Record evidence: student work, exit tickets, observation tallies, student voice.

    Evidence is baseline until the cycle has a move, and new evidence after it. Numbers given
    with --measure or --groups are compared by 'tpcycle compare'.
    """
    found = tuple(parse_measure(m) for m in measure or ())
    found += parse_groups(groups) if groups is not None else ()
    files = attaching.read_files(attach or [])  # all checked before anything is saved
    for file in files:
        if file.renamed_from:
            out.warn(Classroom.ATTACH_RENAMED, name=file.renamed_from, kind=describe(file.kind),
                     kept=file.name)  # fmt: skip
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
        on=on,
        files=files,
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
        on: OnOption = None,
    ) -> None:
        _record(ctx, step, text, edit=edit, by=by, private=private, cycle=cycle, on=on)

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
            metavar=MEASURE_METAVAR,
            help="What you expect a measure to show after the move, e.g."
            " 'gave a reason=12/24'. Repeat for more.",
        ),
    ] = None,
    by: ByOption = None,
    private: PrivateOption = False,
    cycle: CycleOption = None,
    edit: EditOption = False,
    on: OnOption = None,
    todo: Annotated[
        str | None,
        typer.Option("--todo", metavar="TEXT", help="A promise that comes with the move."),
    ] = None,
    due: Annotated[
        str | None, typer.Option("--due", metavar="DAY", help="By when (with --todo).")
    ] = None,
) -> None:
    """Record the one small instructional move to try, ideally with a prediction."""
    predictions = tuple(parse_measure(p) for p in predict or ())
    promise = move_promise(ctx, cycle, todo, due, by)
    _record(
        ctx,
        Step.MOVE,
        text,
        edit=edit,
        by=by,
        private=private,
        cycle=cycle,
        measures=predictions,
        on=on,
    )
    promise()
