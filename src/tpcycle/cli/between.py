"""Between meetings: todo (promises), note, ask, answer; and "since you last looked"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, tzinfo
from typing import Annotated

import typer

from tpcycle import clock
from tpcycle.between import Note, NoteKind, Promise, PromiseState
from tpcycle.cli import output as out
from tpcycle.cli.common import ErrorHandlingGroup, local_zone, opened
from tpcycle.cli.options import NUMBER_MAX, ByOption, CycleOption, JsonOption
from tpcycle.errors import InvalidInput
from tpcycle.messages import AnyMessage, clause
from tpcycle.messages_partnership import Partnership
from tpcycle.render import to_json
from tpcycle.render_between import in_time_order, label, todo_dict
from tpcycle.store import Journal
from tpcycle.usecases import between, catchup

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
        _promise_line(promise, found.today)


def _promise_line(p: Promise, today: date, indent: int = 0) -> None:
    if p.state is not PromiseState.OPEN:
        when: out.Piece = (p.state.value, "dim")
    elif p.due is None:
        when = (out.words(Partnership.PROMISE_NO_DAY), "dim")
    elif p.overdue(today):
        when = (f"{p.due} {out.words(Partnership.PROMISE_OVERDUE)}", "red")
    elif p.due == today.isoformat():
        when = (out.words(Partnership.PROMISE_DUE_TODAY), "yellow")
    else:
        when = p.due
    out.line((f"#{p.id}", "bold"), "  ", when, "  ", (p.owner, "bold"), "  ", p.text, indent=indent)


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


# -- since you last looked ---------------------------------------------------------------------

SHOWN = 5  # items of each kind shown before "... and N more"


def print_catch_up(journal: Journal, zone: tzinfo) -> None:
    """The opening of status and session: what the other person added since I last looked."""
    news = catchup.catch_up(journal, zone=zone)
    if news.empty:
        return
    out.heading(out.words(Partnership.CATCHUP_HEADING))
    for e in news.entries[:SHOWN]:
        out.line(
            out.words(
                Partnership.CATCHUP_ENTRY,
                author=e.author,
                step=e.step.label.lower(),
                cycle=e.cycle_id,
                number=e.id,
            ),
            indent=2,
        )
        out.indented(_short(e.text), indent=4)
    _more(len(news.entries))
    asks = {**news.asked, **{n.uid: n.id for n in news.asks}}
    for n in news.notes[:SHOWN]:
        _note_lines(n, Partnership.CATCHUP_NOTE, label(n, news.today, asks))
    _more(len(news.notes))
    shown_asks = {n.id for n in news.notes}
    waiting = [n for n in news.asks if n.id not in shown_asks]
    for n in waiting[:SHOWN]:
        _note_lines(n, Partnership.CATCHUP_ASK, "")
    _more(len(waiting))
    for p in news.due[:SHOWN]:
        _promise_line(p, news.today, indent=2)
    _more(len(news.due))
    out.blank()


def _note_lines(n: Note, message: AnyMessage, kind: str) -> None:
    out.line(
        out.words(message, author=n.author, kind=kind, number=n.id, cycle=n.cycle_id),
        indent=2,
    )
    out.indented(_short(n.text), indent=4)


def _more(count: int) -> None:
    if count > SHOWN:
        out.indented((out.words(Partnership.CATCHUP_MORE, count=count - SHOWN), "dim"))


def _short(text: str, limit: int = 200) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def print_between(found: between.Between, zone: tzinfo) -> None:
    """The section 'show' adds after the steps: notes, questions, answers and promises, in the
    order they were written."""
    if found.empty:
        return
    today = found.today
    asks = {n.uid: n.id for n in found.notes if n.kind is NoteKind.ASK}
    out.blank()
    out.heading(out.words(Partnership.BETWEEN_HEADING), underline=True)
    for item in in_time_order(found.notes, found.promises):
        out.indented(
            (f"{clock.local_minute(item.created_at, zone)} ", "dim"),
            (item.author, "bold"),
            f" ({item.role.value}) · ",
            (label(item, today, asks), "italic"),
        )
        for text_line in item.text.splitlines():
            out.indented(text_line, indent=4)


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
