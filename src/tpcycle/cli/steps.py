"""Commands that record a cycle's steps after its goal: log evidence, interpret, move, reflect."""

# No `from __future__ import annotations` in a command module: typer would then eval every
# annotation string again on each run (about 2 ms of `log evidence`).

import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tpcycle.cli import output as out
from tpcycle.cli.asking import ask, keeping_each, report_saved
from tpcycle.cli.common import ErrorHandlingGroup, lesson_date, opened, settings
from tpcycle.cli.editing import given_text, keeping
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
from tpcycle.protocol import Question
from tpcycle.store import Journal
from tpcycle.usecases import recording
from tpcycle.usecases.cycles import Saved

if TYPE_CHECKING:
    from tpcycle.attachments import FileToKeep

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
    files: "Sequence[FileToKeep]" = (),
) -> None:
    """Shared by every step command: save given text, or ask the protocol's questions."""
    what = (step or Step.EVIDENCE).label.lower()
    given = given_text(text, edit=edit, what=what)
    with keeping(given, settings(ctx)), opened(ctx, create=False) as journal:
        happened_at = lesson_date(journal, on)
        if given is not None:
            saved = _adding(files)(
                journal,
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
                _say_kept(files, saved.entry.id)
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
            keeping_each(ctx, _saving(journal, answers.save, files)),
            heading=out.words(Message.STEP_HEADING, cycle=due.cycle.id, step=due.step.label),
        )


# Student work: the modules that keep files load only when files are given, so that everyday
# 'log evidence' does not pay for them.
def _adding(files: "Sequence[FileToKeep]") -> Callable[..., Saved]:
    """How an entry given as text is added: with its files in one transaction, when any."""
    if not files:
        return recording.add_entry
    from tpcycle.usecases import attaching

    return functools.partial(attaching.add_entry_with_files, files=files)


def _saving(
    journal: Journal,
    save: Callable[[Question, str], Saved],
    files: "Sequence[FileToKeep]",
) -> Callable[[Question, str], Saved]:
    """How asked answers are saved: the files, when any, with the first of them."""
    if not files:
        return save
    from tpcycle.usecases import attaching

    return attaching.with_first_answer(journal, save, files)


def _read_files(paths: Sequence[Path]) -> "list[FileToKeep]":
    """The files to keep, read and checked before anything is saved; one whose content is not
    what its name says is kept under a name that says what it holds, and the person is told."""
    if not paths:
        return []
    from tpcycle.attachments import describe
    from tpcycle.messages_classroom import Classroom
    from tpcycle.usecases import attaching

    files = attaching.read_files(paths)
    for file in files:
        if file.renamed_from:
            out.warn(Classroom.ATTACH_RENAMED, name=file.renamed_from, kind=describe(file.kind),
                     kept=file.name)  # fmt: skip
    return files


def _say_kept(files: "Sequence[FileToKeep]", entry: int) -> None:
    from tpcycle.messages_classroom import Classroom

    names = ", ".join(f.name for f in files)
    out.say(Classroom.ATTACH_KEPT, count=len(files), entry=entry, names=names)


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
    files = _read_files(attach or [])  # all checked before anything is saved
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
            # on a move a measure is a prediction: the name the evidence commands use works too
            "--measure",
            "-m",
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
    # The promises' modules load only for a move that brings one: 'log evidence' shares this
    # module and must not pay for them.
    from tpcycle.cli.between import move_promise

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
