"""Promises, notes, questions and answers, and "since you last looked", called directly."""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path

import pytest

from tests.usecases.helpers import Clock, journal_at, start
from tpcycle.between import NoteKind, PromiseState
from tpcycle.domain import Role, Step
from tpcycle.errors import InvalidInput, NotFound
from tpcycle.ics import parse_every
from tpcycle.messages import Message
from tpcycle.messages_partnership import Partnership
from tpcycle.store import Journal
from tpcycle.usecases import between, catchup, identity, recording
from tpcycle.usecases.between import NewPromise
from tpcycle.usecases.export import CheckIns, Format, Request, calendar, cycle_document
from tpcycle.usecases.privacy import add_students

# Thursday 26 November 2026, 15:00 UTC
THURSDAY = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    j = journal_at(tmp_path / "j.db", Clock(THURSDAY))
    start(j, teacher="Ana Ruiz", partner="Sam Lee")
    return j


def be_partner(journal: Journal) -> None:
    with journal.write() as uow:
        uow.settings.set(identity.ROLE_KEY, "partner")
        uow.settings.set(identity.NAME_KEY, "Sam Lee")


def test_a_promise_has_an_owner_and_a_day(journal: Journal) -> None:
    saved = between.add_promise(journal, None, NewPromise("Bring 5 exit tickets", "teacher", "fri"))
    assert (saved.owner, saved.owner_role, saved.due) == ("Ana Ruiz", Role.TEACHER, "2026-11-27")
    assert saved.state is PromiseState.OPEN and saved.author == "Ana Ruiz"
    sam = between.add_promise(journal, None, NewPromise("Look at them", "sam", None))
    assert sam.owner_role is Role.PARTNER and sam.due is None


def test_the_owner_is_this_machines_person_when_not_given(journal: Journal) -> None:
    be_partner(journal)
    saved = between.add_promise(journal, None, NewPromise("Read the tickets"))
    assert (saved.owner, saved.author, saved.role) == ("Sam Lee", "Sam Lee", Role.PARTNER)


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        (NewPromise("x", "Jordan", "fri"), Partnership.UNKNOWN_PERSON),
        (NewPromise("x", "teacher", "someday"), Partnership.DUE_NOT_A_DAY),
    ],
)
def test_bad_promises_are_refused_and_nothing_is_saved(
    journal: Journal, new: NewPromise, expected: Message
) -> None:
    with pytest.raises(InvalidInput) as caught:
        between.add_promise(journal, None, new)
    assert caught.value.message_id is expected
    assert between.todo_list(journal, None, every=True).promises == []


@pytest.mark.parametrize("text", ["", "   ", "\x1b\x07", "x" * 4_001])
def test_empty_or_huge_text_is_refused(journal: Journal, text: str) -> None:
    with pytest.raises(InvalidInput):
        between.add_promise(journal, None, NewPromise(text))
    with pytest.raises(InvalidInput):
        between.add_note(journal, None, text)


def test_the_list_is_overdue_first_and_done_ones_only_with_all(journal: Journal) -> None:
    later = between.add_promise(journal, None, NewPromise("later", "teacher", "+2w"))
    late = between.add_promise(journal, None, NewPromise("late", "partner", "2026-11-01"))
    done = between.add_promise(journal, None, NewPromise("done", "teacher", "today"))
    between.close_promise(journal, None, done.id, PromiseState.DONE)
    found = between.todo_list(journal, None)
    assert [p.id for p in found.promises] == [late.id, later.id]
    assert found.promises[0].overdue(found.today)
    every = between.todo_list(journal, None, every=True)
    assert [p.id for p in every.promises] == [late.id, later.id, done.id]
    assert every.promises[-1].state is PromiseState.DONE


def test_a_number_from_another_pairs_list_is_an_error(journal: Journal) -> None:
    theirs = between.add_promise(journal, None, NewPromise("Ana's", "teacher", "fri"))
    other = start(journal, "Another goal", teacher="Li Wei", partner="Sam Lee").cycle
    with pytest.raises(InvalidInput) as caught:
        between.close_promise(journal, other.id, theirs.id, PromiseState.DONE)
    assert caught.value.message_id is Partnership.PROMISE_OF_OTHER_PAIR
    with pytest.raises(NotFound):
        between.close_promise(journal, other.id, 99, PromiseState.DROPPED)
    assert between.todo_list(journal, other.id).promises == []  # Li's list is Li's
    # the same pair's promises follow them into their next cycle
    follow = start(journal, "A next goal", teacher="ana ruiz", partner="SAM LEE").cycle
    assert [p.id for p in between.todo_list(journal, follow.id).promises] == [theirs.id]
    dropped = between.close_promise(journal, follow.id, theirs.id, PromiseState.DROPPED)
    assert dropped.state is PromiseState.DROPPED


def test_notes_asks_and_answers(journal: Journal) -> None:
    note = between.add_note(journal, None, "Tried the frame in 4th period")
    ask = between.add_note(journal, None, "Could you look at two tickets?", kind=NoteKind.ASK)
    assert (note.author, note.role) == ("Ana Ruiz", Role.TEACHER)
    reply = between.answer_ask(journal, ask.id, "Yes, Wednesday", by="partner")
    assert (reply.kind, reply.reply_to, reply.role) == (NoteKind.ANSWER, ask.uid, Role.PARTNER)
    with pytest.raises(NotFound) as caught:
        between.answer_ask(journal, note.id, "a note is not a question")
    assert caught.value.message_id is Partnership.NO_SUCH_ASK
    with pytest.raises(NotFound):
        between.answer_ask(journal, 999, "nothing there")
    found = between.cycle_between(journal, note.cycle_id)
    assert [n.id for n in found.notes] == [note.id, ask.id, reply.id]


def test_markup_is_kept_as_text(journal: Journal) -> None:
    saved = between.add_note(journal, None, "[bold]not bold[/bold] <b>x</b>")
    assert saved.text == "[bold]not bold[/bold] <b>x</b>"


def test_notes_are_not_steps(journal: Journal) -> None:
    between.add_note(journal, None, "Between meetings")
    cycle = between.cycle_between(journal, 1)
    assert cycle.notes and recording  # notes live apart ...
    with journal.read() as uow:
        assert [e.step for e in uow.entries.of_cycle(1)] == [Step.GOAL]  # ... from the steps


def test_since_you_last_looked_shows_the_other_persons_news_once(journal: Journal) -> None:
    be_partner(journal)  # this machine is Sam's
    first = catchup.catch_up(journal)
    assert [e.author for e in first.entries] == ["Ana Ruiz"]  # the goal Ana set
    assert catchup.catch_up(journal).empty  # shown once
    recording.add_entry(journal, cycle_id=None, step=Step.EVIDENCE, text="6 of 24", by="teacher")
    recording.add_entry(journal, cycle_id=None, step=Step.EVIDENCE, text="mine", by="partner")
    ask = between.add_note(journal, None, "Look before Thursday?", kind=NoteKind.ASK, by="Ana")
    between.add_promise(journal, None, NewPromise("Sam's", "partner", "2026-11-20"))
    between.add_promise(journal, None, NewPromise("Ana's", "teacher", "2026-11-01"))
    between.add_promise(journal, None, NewPromise("not yet", "partner", "+3d"))
    news = catchup.catch_up(journal)
    assert [e.text for e in news.entries] == ["6 of 24"]  # not my own
    assert [n.id for n in news.notes] == [ask.id] and [n.id for n in news.asks] == [ask.id]
    assert [p.text for p in news.due] == ["Sam's", "Ana's"]  # mine first, then overdue others'
    again = catchup.catch_up(journal)
    assert not again.entries and not again.notes
    assert [n.id for n in again.asks] == [ask.id]  # still waiting for my answer
    between.answer_ask(journal, ask.id, "Yes")
    assert catchup.catch_up(journal).asks == []


def test_looking_without_marking_leaves_the_news(journal: Journal) -> None:
    be_partner(journal)
    assert catchup.catch_up(journal, mark=False).entries
    assert catchup.catch_up(journal).entries


def test_a_move_can_bring_its_promise(journal: Journal) -> None:
    move = recording.add_entry(journal, cycle_id=None, step=Step.MOVE, text="Sentence frames")
    new = NewPromise("Bring the frames", None, "tomorrow")
    between.check_promise(journal, None, new)
    saved = between.promise_for_move(journal, None, new)
    assert saved.entry_uid == move.entry.uid and saved.due == "2026-11-27"
    with pytest.raises(InvalidInput):
        between.check_promise(journal, None, NewPromise("x", "nobody"))


def test_exports_list_notes_and_promises_redacted(journal: Journal) -> None:
    add_students(journal, ["Maya Lopez"])
    between.add_note(journal, None, "Maya Lopez was stuck again")
    between.add_promise(journal, None, NewPromise("Sit with Maya Lopez", "teacher", "fri"))
    text = cycle_document(journal, Request([]), Format.markdown).text
    assert "## Between meetings" in text and "Maya" not in text
    assert "Sit with Student A" in text and r"promise \#1, Ana Ruiz, 2026-11-27, open" in text
    kept = cycle_document(journal, Request([], redact=False), Format.markdown).text
    assert "Maya Lopez was stuck again" in kept


def test_remind_puts_due_promises_in_the_calendar(journal: Journal) -> None:
    between.add_promise(journal, None, NewPromise("Bring tickets", "teacher", "2026-12-04"))
    between.add_promise(journal, None, NewPromise("No day"))
    closed = between.add_promise(journal, None, NewPromise("Done", "teacher", "2026-12-05"))
    between.close_promise(journal, None, closed.id, PromiseState.DONE)
    plan = CheckIns(first=None, at=time(15, 30), minutes=30, repeat=parse_every("2w"), count=2)
    text, _ = calendar(journal, None, plan)
    assert text.count("BEGIN:VEVENT") == 2  # the check-ins, and the one dated open promise
    assert "DTSTART;VALUE=DATE:20261204" in text and "Bring tickets" in text
    assert text.endswith("END:VCALENDAR\r\n")


def test_the_html_export_lists_them_escaped(journal: Journal) -> None:
    between.add_note(journal, None, "<script>alert(1)</script> & more")
    page = cycle_document(journal, Request([]), Format.html).text
    assert "<h2>Between meetings</h2>" in page and "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page
    assert page.index("Between meetings") < page.index("</main>")
