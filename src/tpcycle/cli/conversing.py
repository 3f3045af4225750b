"""``tpcycle session --protocol NAME`` with a conversation protocol: its sections' questions one
at a time, each answer saved the moment it is given, on the current cycle."""

from __future__ import annotations

import typer

from tpcycle import clock
from tpcycle.cli import output as out
from tpcycle.cli.asking import long_answer, read_line
from tpcycle.cli.common import Settings, local_zone, opened, settings
from tpcycle.cli.editing import Given, keeping
from tpcycle.conversation import (
    Conversation,
    Spot,
    after_question,
    next_section,
    previous_section,
    question_at,
    section_at,
)
from tpcycle.domain import Role
from tpcycle.messages import Message
from tpcycle.messages_classroom import Classroom
from tpcycle.protocol import Question
from tpcycle.store import Journal
from tpcycle.usecases import conversations as talks


class _Talk:
    """What the conversation remembers between questions."""

    def __init__(self, journal: Journal, opening: talks.Opening, where: Settings) -> None:
        self.journal = journal
        self.where = where
        self.opening = opening
        self.held: Conversation | None = opening.conversation
        self.speaker = opening.speaker
        self.private_next = False


def hold(
    ctx: typer.Context, name: str, *, cycle: int | None, by: str | None, restart: bool
) -> None:
    """Hold (or go on with) the conversation protocol ``name`` on a cycle."""
    protocol = talks.conversation_protocol(settings(ctx).library(), name)
    with opened(ctx, create=False) as journal:
        opening = talks.open_conversation(journal, protocol, cycle, by=by, restart=restart)
        talk = _Talk(journal, opening, settings(ctx))
        _introduce(talk)
        spot: Spot | None = opening.spot
        shown: int | None = None
        while spot is not None:
            if shown != spot.section:
                _announce(talk, spot)
                shown = spot.section
            question = question_at(protocol, spot)
            if question is None:
                spot = next_section(protocol, spot)
                continue
            spot = _ask(talk, spot, question)
        talks.move_to(journal, opening, talk.held, None)
        out.say(Classroom.CONVERSATION_DONE)


def _introduce(talk: _Talk) -> None:
    c, protocol = talk.opening.cycle, talk.opening.protocol
    out.heading(
        out.words(Classroom.CONVERSATION_HEADING, title=protocol.title, cycle=c.id, goal=c.goal),
        err=True,
    )
    if talk.held is not None:
        started = clock.local_day(talk.held.started_at, local_zone())
        out.say(Classroom.CONVERSATION_RESUMED, started=started, answers=len(talk.held.answers))
    elif protocol.norms:
        out.blank(err=True)
        out.heading(out.words(Message.SESSION_NORMS), err=True)
        for norm in protocol.norms:
            out.bullet(norm, err=True)
    out.blank(err=True)
    out.line((out.words(Classroom.CONVERSATION_COMMANDS), "dim"), err=True)


def _announce(talk: _Talk, spot: Spot) -> None:
    sections = talk.opening.protocol.sections
    out.blank(err=True)
    out.heading(
        out.words(
            Classroom.CONVERSATION_SECTION,
            number=spot.section + 1,
            count=len(sections),
            section=sections[spot.section].name,
        ),
        err=True,
        underline=True,
    )


def _ask(talk: _Talk, spot: Spot, question: Question) -> Spot | None:
    """Ask one question until it is answered, skipped or left; return where to go next."""
    protocol, cycle = talk.opening.protocol, talk.opening.cycle
    out.blank(err=True)
    out.line((question.text, "bold cyan"), err=True)
    speaker = question.ask.role or talk.speaker
    while True:
        name = cycle.teacher if speaker is Role.TEACHER else cycle.partner
        flag = out.words(Message.SESSION_PRIVATE_FLAG) if talk.private_next else ""
        line = read_line(
            out.words(Message.SESSION_PROMPT, name=name, role=speaker.value, private=flag)
        )
        if line is None or line.strip() == "/stop":
            talks.move_to(talk.journal, talk.opening, talk.held, spot)
            out.say(Classroom.CONVERSATION_STOPPED, name=protocol.name)
            raise typer.Exit(0)
        command = line.strip()
        if command == "?":
            out.line((question.hint or out.words(Message.SESSION_NO_HINT), "dim"), err=True)
        elif command in ("/teacher", "/partner"):
            speaker = talk.speaker = Role(command[1:])
        elif command == "/private":
            talk.private_next = not talk.private_next
        elif command in ("/help", "/?"):
            out.line((out.words(Classroom.CONVERSATION_COMMANDS), "dim"), err=True)
        elif command in ("", "/skip"):
            return _moved(talk, after_question(protocol, spot))
        elif command == "/next":
            return _moved(talk, next_section(protocol, spot))
        elif command == "/back":
            return _moved(talk, previous_section(spot))
        elif command.startswith("/") and command not in ("/long", "/edit"):
            out.line(
                (out.words(Message.SESSION_UNKNOWN_COMMAND, command=command), "yellow"), err=True
            )
        else:
            long = command in ("/long", "/edit")
            text = long_answer(command, question.text) if long else line
            if text is None or not text.strip():
                out.line((out.words(Message.SESSION_NOTHING_WRITTEN), "dim"), err=True)
                continue
            return _save(talk, spot, question, speaker, text)


def _save(talk: _Talk, spot: Spot, question: Question, speaker: Role, text: str) -> Spot | None:
    with keeping(Given(text, precious=True), talk.where):
        saved = talks.save_answer(
            talk.journal,
            talk.opening,
            talk.held,
            spot,
            question,
            speaker=speaker,
            text=text,
            private=talk.private_next,
        )
    talk.held = saved.conversation
    section = section_at(talk.opening.protocol, spot)
    out.saved(
        Classroom.CONVERSATION_SAVED_PRIVATE
        if saved.answer.private
        else Classroom.CONVERSATION_SAVED,
        section=section.name if section else "",
    )
    talk.private_next = False
    return saved.then


def _moved(talk: _Talk, spot: Spot | None) -> Spot | None:
    if spot is None:
        return None  # the end: hold() forgets the spot once, after the loop
    return talks.move_to(talk.journal, talk.opening, talk.held, spot)
