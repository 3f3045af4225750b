"""A note's or promise's label and the time order they are shown in. Pure.

Apart from ``render_between.py`` (their JSON, Markdown, HTML and calendar forms) so that
``status`` and ``show``, which print them as lines, do not load the export renderers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from tpcycle.between import Note, NoteKind, Promise
from tpcycle.messages import text
from tpcycle.messages_partnership import Partnership


def label(item: Note | Promise, today: date, asks: dict[str, int]) -> str:
    """What a note or promise is, in a few words."""
    if isinstance(item, Promise):
        return text(
            Partnership.BETWEEN_PROMISE,
            number=item.id,
            owner=item.owner,
            due=_due_words(item, today),
            state=item.state.value,
        )
    if item.kind is NoteKind.ASK:
        return text(Partnership.BETWEEN_ASK, number=item.id)
    if item.kind is NoteKind.ANSWER:
        return text(Partnership.BETWEEN_ANSWER, ask=asks.get(item.reply_to or "", "?"))
    return text(Partnership.BETWEEN_NOTE)


def _due_words(p: Promise, today: date) -> str:
    if p.due is None:
        return text(Partnership.PROMISE_NO_DAY)
    if p.overdue(today):
        return f"{p.due} ({text(Partnership.PROMISE_OVERDUE)})"
    return p.due


def in_time_order(notes: Sequence[Note], promises: Sequence[Promise]) -> list[Note | Promise]:
    items: list[Note | Promise] = [*notes, *promises]
    return sorted(items, key=lambda i: (i.created_at, i.id))
