"""The session command: a guided conversation through the cycle, one question at a time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from tpcycle import service
from tpcycle.cli import output as out
from tpcycle.cli.asking import read_line
from tpcycle.cli.common import Given, Settings, edit_text, keeping, opened, settings
from tpcycle.cli.options import ByOption, CycleOption
from tpcycle.domain import STEPS, Cycle, Role, Step, progress, resolve_author
from tpcycle.errors import TpcycleError
from tpcycle.messages import Message
from tpcycle.protocols import Protocol, Question
from tpcycle.session import (
    Position,
    after_question,
    next_step,
    previous_step,
    question_at,
    starting_position,
)

if TYPE_CHECKING:
    from tpcycle.store import Store


@dataclass
class Conversation:
    """What the session remembers between questions."""

    store: Store
    cycle: Cycle
    protocol: Protocol
    speaker: Role
    where: Settings
    private_next: bool = False


def session(
    ctx: typer.Context,
    cycle: CycleOption = None,
    by: ByOption = None,
    restart: Annotated[
        bool, typer.Option("--restart", help="Start again at the first step with nothing in it.")
    ] = False,
) -> None:
    """A guided conversation: asks the protocol's questions step by step, saving every answer.

    Each answer is saved the moment it is given; stop at any time and the next session goes
    on from there. Without a terminal, answers are read from standard input, one per line.
    """
    with opened(ctx, create=False) as store:
        found = service.get_cycle(store, cycle)
        protocol, notes = service.protocol_for(settings(ctx).library(), found)
        for note in notes:
            out.warn(note)
        _, role = resolve_author(by, found.teacher, found.partner)
        talk = Conversation(
            store, found, protocol, role if role is not Role.OTHER else Role.TEACHER, settings(ctx)
        )
        _introduce(talk)
        saved = None if restart else service.remembered(store, service.session_key(found.id))
        position: Position | None = starting_position(
            Position.decode(saved), progress(found.entries).next_step
        )
        shown_step: Step | None = None
        while position is not None:
            if shown_step is not position.step:
                _announce(position.step)
                shown_step = position.step
            question = question_at(protocol, position)
            if question is None:
                position = next_step(position)
                continue
            position = _ask(talk, position, question)
        service.remember(store, service.session_key(found.id), "")
        out.say(Message.SESSION_DONE)


def _introduce(talk: Conversation) -> None:
    c = talk.cycle
    out.heading(out.words(Message.SESSION_CYCLE, cycle=c.id, goal=c.goal), err=True)
    out.line(
        out.words(
            Message.SESSION_PAIR, teacher=c.teacher, partner=c.partner, protocol=talk.protocol.title
        ),
        err=True,
    )
    where = progress(c.entries)
    done = [f"{s.label.lower()} {where.counts[s]}" for s in STEPS if where.counts[s]]
    if done:
        out.say(Message.SESSION_SO_FAR, done=", ".join(done))
    else:
        out.say(Message.SESSION_NOTHING_YET)
    key = service.norms_key(c.id)
    if talk.protocol.norms and not service.remembered(talk.store, key):
        out.blank(err=True)
        out.heading(out.words(Message.SESSION_NORMS), err=True)
        for norm in talk.protocol.norms:
            out.bullet(norm, err=True)
        service.remember(talk.store, key, "yes")
    out.blank(err=True)
    out.line((out.words(Message.SESSION_COMMANDS), "dim"), err=True)


def _announce(step: Step) -> None:
    out.blank(err=True)
    out.heading(
        out.words(Message.SESSION_STEP, number=step.number, step=step.label),
        err=True,
        underline=True,
    )


def _ask(talk: Conversation, position: Position, question: Question) -> Position | None:
    """Ask one question until it is answered, skipped or left; return where to go next."""
    out.blank(err=True)
    out.line((question.text, "bold cyan"), err=True)
    speaker = Role(question.ask) if question.ask in ("teacher", "partner") else talk.speaker
    key = service.session_key(talk.cycle.id)
    while True:
        name = talk.cycle.teacher if speaker is Role.TEACHER else talk.cycle.partner
        flag = out.words(Message.SESSION_PRIVATE_FLAG) if talk.private_next else ""
        line = read_line(
            out.words(Message.SESSION_PROMPT, name=name, role=speaker.value, private=flag)
        )
        if line is None or line.strip() == "/stop":
            service.remember(talk.store, key, position.encode())
            out.say(Message.SESSION_STOPPED)
            raise typer.Exit(0)
        command = line.strip()
        if command == "?":
            out.line((question.hint or out.words(Message.SESSION_NO_HINT), "dim"), err=True)
        elif command in ("/teacher", "/partner"):
            speaker = talk.speaker = Role(command[1:])
        elif command == "/private":
            talk.private_next = not talk.private_next
        elif command in ("/help", "/?"):
            out.line((out.words(Message.SESSION_COMMANDS), "dim"), err=True)
        elif command in ("", "/skip"):
            return _moved(talk, after_question(talk.protocol, position))
        elif command == "/next":
            return _moved(talk, next_step(position))
        elif command == "/back":
            return _moved(talk, previous_step(position))
        elif command.startswith("/") and command not in ("/long", "/edit"):
            out.line(
                (out.words(Message.SESSION_UNKNOWN_COMMAND, command=command), "yellow"), err=True
            )
        else:
            text = _long_answer(command) if command in ("/long", "/edit") else line
            if text is None or not text.strip():
                out.line((out.words(Message.SESSION_NOTHING_WRITTEN), "dim"), err=True)
                continue
            return _save(talk, position, question, speaker, text)


def _long_answer(command: str) -> str | None:
    if command == "/edit":
        try:
            return edit_text("answer")
        except TpcycleError as exc:
            out.warn(exc.message)
            return None
    lines: list[str] = []
    out.line((out.words(Message.SESSION_LONG_ANSWER), "dim"), err=True)
    while (line := read_line("  ")) is not None and line.strip() != ".":
        lines.append(line)
    return "\n".join(lines)


def _save(
    talk: Conversation, position: Position, question: Question, speaker: Role, text: str
) -> Position | None:
    then = after_question(talk.protocol, position)
    key = service.session_key(talk.cycle.id)
    with keeping(Given(text, precious=True), talk.where):
        saved = service.add_entry(
            talk.store,
            cycle_id=talk.cycle.id,
            step=position.step,
            text=text,
            by=speaker.value,
            private=talk.private_next,
            question=question.text,
            and_remember=(key, then.encode() if then else ""),
        )
    out.saved(
        Message.SESSION_SAVED_PRIVATE if saved.entry.private else Message.SESSION_SAVED,
        step=saved.entry.step.label.lower(),
    )
    talk.private_next = False
    return then


def _moved(talk: Conversation, position: Position | None) -> Position | None:
    service.remember(
        talk.store, service.session_key(talk.cycle.id), position.encode() if position else ""
    )
    return position
