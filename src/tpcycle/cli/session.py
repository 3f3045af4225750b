"""The session command: a guided conversation through the cycle, one question at a time."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

import typer

from tpcycle.cli import conversing, numbers
from tpcycle.cli import output as out
from tpcycle.cli.asking import long_answer, read_line
from tpcycle.cli.common import Settings, lesson_date, local_zone, opened, settings
from tpcycle.cli.editing import Given, keeping
from tpcycle.cli.options import ByOption, CycleOption, OnOption
from tpcycle.cli.since import print_catch_up
from tpcycle.domain import STEPS, Cycle, Role, Step, progress
from tpcycle.errors import InvalidInput
from tpcycle.messages import Message
from tpcycle.messages_classroom import Classroom
from tpcycle.messages_partnership import Partnership
from tpcycle.protocol import Protocol, Question
from tpcycle.session import Position, after_question, next_step, previous_step, question_at
from tpcycle.store import Journal
from tpcycle.usecases import agreement as agreed
from tpcycle.usecases import session as guided
from tpcycle.usecases import voices as both


@dataclass
class Conversation:
    """What the session remembers between questions."""

    journal: Journal
    cycle: Cycle
    protocol: Protocol
    speaker: Role
    where: Settings
    private_next: bool = False
    happened_at: str | None = None  # --on: when the conversation took place
    answered: dict[Step, int] = field(default_factory=dict)  # last entry saved per step


def session(
    ctx: typer.Context,
    cycle: CycleOption = None,
    by: ByOption = None,
    restart: Annotated[
        bool, typer.Option("--restart", help="Start again at the first step with nothing in it.")
    ] = False,
    on: OnOption = None,
    protocol: Annotated[
        str | None,
        typer.Option(
            "--protocol",
            help="Hold a conversation with this conversation protocol, e.g. pre-observation.",
        ),
    ] = None,
) -> None:
    """A guided conversation: asks the protocol's questions step by step, saving every answer.

    Each answer is saved the moment it is given; stop at any time and the next session goes
    on from there. Without a terminal, answers are read from standard input, one per line.
    With --protocol and a conversation protocol (pre-observation, post-observation ...), holds
    that conversation on the cycle instead of the six steps.
    """
    if protocol is not None:
        if on is not None:
            raise InvalidInput(Classroom.CONVERSATION_NO_ON)
        conversing.hold(ctx, protocol, cycle=cycle, by=by, restart=restart)
        return
    with opened(ctx, create=False) as journal:
        happened_at = lesson_date(journal, on)
        opening = guided.open_session(
            journal, settings(ctx).library(), cycle, by=by, restart=restart
        )
        for note in opening.notes:
            out.warn(note)
        print_catch_up(journal, local_zone())  # since we last talked
        if (offer := agreed.nudge_for(journal, opening.cycle)) is not None:
            out.say(offer)
        talk = Conversation(
            journal,
            opening.cycle,
            opening.protocol,
            opening.speaker,
            settings(ctx),
            happened_at=happened_at,
        )
        _introduce(talk, show_norms=opening.show_norms)
        position: Position | None = opening.position
        shown_step: Step | None = None
        while position is not None:
            if shown_step is not position.step:
                numbers.offer(journal, talk.cycle.id, shown_step, talk.answered)
                _announce(position.step)
                shown_step = position.step
            question = question_at(talk.protocol, position)
            if question is None:
                position = next_step(position)
                continue
            position = _ask_each(talk, position, question)
        numbers.offer(journal, talk.cycle.id, shown_step, talk.answered)
        guided.move_to(journal, talk.cycle.id, None)
        out.say(Message.SESSION_DONE)


def _introduce(talk: Conversation, *, show_norms: bool) -> None:
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
    if show_norms:
        out.blank(err=True)
        out.heading(out.words(Message.SESSION_NORMS), err=True)
        for norm in talk.protocol.norms:
            out.bullet(norm, err=True)
    out.blank(err=True)
    out.line((out.words(Message.SESSION_COMMANDS), "dim"), err=True)


def _announce(step: Step) -> None:
    out.blank(err=True)
    out.heading(
        out.words(Message.SESSION_STEP, number=step.number, step=step.label),
        err=True,
        underline=True,
    )


def _ask_each(talk: Conversation, position: Position, question: Question) -> Position | None:
    """Ask a question of each person it is for, in turn; return where to go next."""
    waiting = list(
        both.still_to_answer(talk.journal, talk.cycle.id, position.step, question, talk.speaker)
    )
    each = len(waiting) > 1
    while waiting:
        speaker = waiting.pop(0)
        then = _ask(talk, position, question, speaker, more=bool(waiting), each=each)
        if then != position:
            return then  # moved away (/next, /back), or the last person answered or passed
        if waiting:  # someone may have answered for the other (/teacher, /partner)
            done = both.answered(talk.journal, talk.cycle.id, position.step, question)
            waiting = [v for v in waiting if v not in done]
    return _moved(talk, after_question(talk.protocol, position))


def _ask(
    talk: Conversation,
    position: Position,
    question: Question,
    speaker: Role,
    *,
    more: bool = False,
    each: bool = False,
) -> Position | None:
    """Ask one person one question until it is answered, skipped or left; return where to go
    next (the same position when someone else is still to answer it)."""
    out.blank(err=True)
    out.line((question.text, "bold cyan"), err=True)
    if each:
        out.line((out.words(Partnership.SESSION_EACH_OF_YOU), "dim"), err=True)
    while True:
        name = talk.cycle.teacher if speaker is Role.TEACHER else talk.cycle.partner
        flag = out.words(Message.SESSION_PRIVATE_FLAG) if talk.private_next else ""
        line = read_line(
            out.words(Message.SESSION_PROMPT, name=name, role=speaker.value, private=flag)
        )
        if line is None or line.strip() == "/stop":
            guided.move_to(talk.journal, talk.cycle.id, position)
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
            return position if more else _moved(talk, after_question(talk.protocol, position))
        elif command == "/next":
            return _moved(talk, next_step(position))
        elif command == "/back":
            return _moved(talk, previous_step(position))
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
            return _save(talk, position, question, speaker, text, stay=more)


def _save(
    talk: Conversation,
    position: Position,
    question: Question,
    speaker: Role,
    text: str,
    *,
    stay: bool = False,
) -> Position | None:
    with keeping(Given(text, precious=True), talk.where):
        saved, then = guided.save_answer(
            talk.journal,
            talk.cycle,
            talk.protocol,
            position,
            question,
            speaker=speaker,
            text=text,
            private=talk.private_next,
            happened_at=talk.happened_at,
            stay=stay,
        )
    out.saved(
        Message.SESSION_SAVED_PRIVATE if saved.entry.private else Message.SESSION_SAVED,
        step=saved.entry.step.label.lower(),
    )
    talk.private_next = False
    talk.answered[position.step] = saved.entry.id
    return then


def _moved(talk: Conversation, position: Position | None) -> Position | None:
    return guided.move_to(talk.journal, talk.cycle.id, position)
