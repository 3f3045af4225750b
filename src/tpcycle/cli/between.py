"""Between meetings: todo (promises), note, ask, answer; and "since you last looked"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import typer

from tpcycle.between import NoteKind, PromiseState
from tpcycle.cli import output as out
from tpcycle.cli.common import ErrorHandlingGroup, local_zone, opened
from tpcycle.cli.options import NUMBER_MAX, ByOption, CycleOption, JsonOption
from tpcycle.cli.since import promise_line
from tpcycle.errors import InvalidInput
from tpcycle.messages import clause
from tpcycle.messages_partnership import Partnership
from tpcycle.render import to_json
from tpcycle.render_between import todo_dict
from tpcycle.usecases import between

todo_app = typer.Typer(
    cls=ErrorHandlingGroup,
    invoke_without_command=True,
    help="Promises with an owner and a day: list the open ones, add, mark done or drop.",
)

NoteText = Annotated[str, typer.Argument(help="What to write.", metavar="TEXT")]
Number = Annotated[
    int, typer.Argument(help="The number 'tpcycle todo' shows.", metavar="N", min=1, max=NUMBER_MAX)
]
OwnerOption = Annotated[
    str | None,
    typer.Option(
        "--owner", help="Whose promise: teacher, partner, or a name. (default: you on this machine)"
    ),
]
DueOption = Annotated[
    str | None,
    typer.Option(
        "--due",
        metavar="DAY",
        help="By when: 2026-12-04, friday (the next one), today, tomorrow, +3d, +2w.",
        show_default=False,
    ),
]


@todo_app.callback()
def todo(
    ctx: typer.Context,
    cycle: CycleOption = None,
    every: Annotated[bool, typer.Option("--all", help="Done and dropped ones too.")] = False,
    json: JsonOption = False,
) -> None:
    """Promises with an owner and a day: list the open ones, add, mark done or drop.

    The list holds the promises of the current cycle's pair across all their cycles: overdue
    first, then by day, those without a day last.
    """
    if ctx.invoked_subcommand is not None:
        return
    zone = local_zone()
    with opened(ctx, create=False) as journal:
        found = between.todo_list(journal, cycle, every=every, zone=zone)
    c = found.cycle
    if json:
        out.json_document(
            to_json(todo_dict(c.teacher, c.partner, found.promises, found.today, zone))
        )
        return
    if not found.promises:
        empty = Partnership.NO_PROMISES_AT_ALL if every else Partnership.NO_PROMISES
        out.say(empty, teacher=c.teacher, partner=c.partner)
        return
    for promise in found.promises:
        promise_line(promise, found.today)


@todo_app.command("add")
def todo_add(
    ctx: typer.Context,
    text: NoteText,
    owner: OwnerOption = None,
    due: DueOption = None,
    cycle: CycleOption = None,
    by: ByOption = None,
) -> None:
    """Add a promise: who will do what, by when (a day in the past is kept and shown overdue)."""
    with opened(ctx, create=False) as journal:
        saved = between.add_promise(
            journal, cycle, between.NewPromise(text, owner, due, by), zone=local_zone()
        )
    day = clause(Partnership.PROMISE_DUE_CLAUSE, saved.due, day=saved.due)
    out.saved(Partnership.PROMISE_SAVED, number=saved.id, owner=saved.owner, due=day)


def _close(ctx: typer.Context, number: int, cycle: int | None, state: PromiseState) -> None:
    with opened(ctx, create=False) as journal:
        changed = between.close_promise(journal, cycle, number, state)
    done = state is PromiseState.DONE
    out.saved(
        Partnership.PROMISE_DONE if done else Partnership.PROMISE_DROPPED,
        number=number,
        text=changed.text,
    )


@todo_app.command("done")
def todo_done(ctx: typer.Context, number: Number, cycle: CycleOption = None) -> None:
    """Mark promise N done (N as 'tpcycle todo' shows it)."""
    _close(ctx, number, cycle, PromiseState.DONE)


@todo_app.command("drop")
def todo_drop(ctx: typer.Context, number: Number, cycle: CycleOption = None) -> None:
    """Drop promise N: it will not be done, and stays listed with --all."""
    _close(ctx, number, cycle, PromiseState.DROPPED)


def note(
    ctx: typer.Context, text: NoteText, cycle: CycleOption = None, by: ByOption = None
) -> None:
    """A short note on the cycle between meetings, outside the six steps.

    Notes travel in bundles and show in 'show' and exports, in the order they were written.
    """
    with opened(ctx, create=False) as journal:
        saved = between.add_note(journal, cycle, text, by=by)
    out.saved(Partnership.NOTE_SAVED, number=saved.id, cycle=saved.cycle_id)


def ask(ctx: typer.Context, text: NoteText, cycle: CycleOption = None, by: ByOption = None) -> None:
    """A question for the other person, to answer before you next meet.

    It waits at the top of their 'tpcycle status' until they answer it.
    """
    with opened(ctx, create=False) as journal:
        saved = between.add_note(journal, cycle, text, kind=NoteKind.ASK, by=by)
    out.saved(Partnership.ASK_SAVED, number=saved.id, cycle=saved.cycle_id)


def answer(
    ctx: typer.Context,
    number: Annotated[
        int, typer.Argument(help="The question's number.", metavar="N", min=1, max=NUMBER_MAX)
    ],
    text: NoteText,
    by: ByOption = None,
) -> None:
    """Answer question N that the other person asked with 'tpcycle ask'."""
    with opened(ctx, create=False) as journal:
        saved = between.answer_ask(journal, number, text, by=by)
    out.saved(Partnership.ASK_ANSWER_SAVED, number=saved.id, ask=number)


def move_promise(
    ctx: typer.Context, cycle: int | None, todo: str | None, due: str | None, by: str | None
) -> Callable[[], None]:
    """'move --todo': checked before the move is saved; what saves it once the move is in."""
    if todo is None:
        if due is not None:
            raise InvalidInput(Partnership.DUE_WITHOUT_TODO)
        return lambda: None
    new = between.NewPromise(todo, None, due, by)
    zone = local_zone()
    with opened(ctx, create=False) as journal:
        between.check_promise(journal, cycle, new, zone)

    def save() -> None:
        with opened(ctx, create=False) as journal:
            saved = between.promise_for_move(journal, cycle, new, zone)
        day = clause(Partnership.PROMISE_DUE_CLAUSE, saved.due, day=saved.due)
        out.saved(Partnership.PROMISE_SAVED, number=saved.id, owner=saved.owner, due=day)

    return save
