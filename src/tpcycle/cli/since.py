"""What status, session and show print of the partnership: "since you last looked", a promise's
line, and the notes and promises of one cycle.

Apart from ``cli/between.py`` (the todo, note, ask and answer commands) so that ``status`` and
``show`` load only the reading side of that feature, not its commands and their use cases.
"""

from __future__ import annotations

from datetime import date, tzinfo

from tpcycle import clock
from tpcycle.between import Note, NoteKind, Promise, PromiseState
from tpcycle.cli import output as out
from tpcycle.messages import AnyMessage
from tpcycle.messages_partnership import Partnership
from tpcycle.render_notes import in_time_order, label
from tpcycle.store import Journal
from tpcycle.usecases import catchup
from tpcycle.usecases.between import Between

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
        promise_line(p, news.today, indent=2)
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


def print_between(found: Between, zone: tzinfo) -> None:
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


def promise_line(p: Promise, today: date, indent: int = 0) -> None:
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
