"""The session command: a guided conversation through the cycle, one question at a time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from tpcycle import service
from tpcycle.cli.asking import read_line
from tpcycle.cli.common import (
    ByOption,
    CycleOption,
    Given,
    Settings,
    bullet,
    console,
    edit_text,
    keeping,
    opened,
    say,
    settings,
    warn,
)
from tpcycle.domain import STEPS, Cycle, Role, Step, progress, resolve_author
from tpcycle.errors import TpcycleError
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

COMMANDS = """\
  Enter      skip this question          ?          show a hint
  /teacher   the teacher is speaking     /partner   the partner is speaking
  /private   make the next answer private (type it again to undo)
  /long      several lines; end with a line holding only .
  /edit      write the answer in your editor
  /next      go on to the next step      /back      go back a step
  /stop      stop here (or Ctrl-D); next time starts where you stopped"""


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
            warn(note)
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
        say(
            "That was the last question of the cycle. Look at it with [bold]tpcycle show[/bold];"
            " when you are done, [bold]tpcycle close[/bold]."
        )


def _introduce(talk: Conversation) -> None:
    from rich.markup import escape

    out = console(stderr=True)
    c = talk.cycle
    out.print(f"[bold]Cycle {c.id}: {escape(c.goal)}[/bold]")
    out.print(
        f"{escape(c.teacher)} (teacher) and {escape(c.partner)} (partner) ·"
        f" {escape(talk.protocol.title)}"
    )
    where = progress(c.entries)
    done = [f"{s.label.lower()} {where.counts[s]}" for s in STEPS if where.counts[s]]
    out.print("So far: " + (", ".join(done) or "nothing yet") + ".")
    key = service.norms_key(c.id)
    if talk.protocol.norms and not service.remembered(talk.store, key):
        out.print()
        out.print("[bold]Before you start, agree on these:[/bold]")
        for norm in talk.protocol.norms:
            bullet(out, escape(norm))
        service.remember(talk.store, key, "yes")
    out.print()
    out.print(f"[dim]{COMMANDS}[/dim]")


def _announce(step: Step) -> None:
    out = console(stderr=True)
    out.print()
    out.print(f"[bold underline]Step {step.number} of 6 · {step.label}[/bold underline]")


def _ask(talk: Conversation, position: Position, question: Question) -> Position | None:
    """Ask one question until it is answered, skipped or left; return where to go next."""
    from rich.markup import escape

    out = console(stderr=True)
    out.print()
    out.print(f"[bold cyan]{escape(question.text)}[/bold cyan]")
    speaker = Role(question.ask) if question.ask in ("teacher", "partner") else talk.speaker
    key = service.session_key(talk.cycle.id)
    while True:
        name = talk.cycle.teacher if speaker is Role.TEACHER else talk.cycle.partner
        flag = " [private]" if talk.private_next else ""
        line = read_line(f"{name} ({speaker.value}){flag} > ")
        if line is None or line.strip() == "/stop":
            service.remember(talk.store, key, position.encode())
            say("Stopped. Everything you answered is saved; 'tpcycle session' goes on from here.")
            raise typer.Exit(0)
        command = line.strip()
        if command == "?":
            out.print(f"[dim]{escape(question.hint or 'No hint for this one.')}[/dim]")
        elif command in ("/teacher", "/partner"):
            speaker = talk.speaker = Role(command[1:])
        elif command == "/private":
            talk.private_next = not talk.private_next
        elif command in ("/help", "/?"):
            out.print(f"[dim]{COMMANDS}[/dim]")
        elif command in ("", "/skip"):
            return _moved(talk, after_question(talk.protocol, position))
        elif command == "/next":
            return _moved(talk, next_step(position))
        elif command == "/back":
            return _moved(talk, previous_step(position))
        elif command.startswith("/") and command not in ("/long", "/edit"):
            out.print(
                f"[yellow]'{escape(command)}' is not a session command; /help lists them.[/yellow]"
            )
        else:
            text = _long_answer(command) if command in ("/long", "/edit") else line
            if text is None or not text.strip():
                out.print("[dim]Nothing written; the question is still open.[/dim]")
                continue
            return _save(talk, position, question, speaker, text)


def _long_answer(command: str) -> str | None:
    if command == "/edit":
        try:
            return edit_text("answer")
        except TpcycleError as exc:
            warn(exc.message)
            return None
    lines: list[str] = []
    say("[dim]Write as many lines as you like; a line with only . ends the answer.[/dim]")
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
    mark = " (private)" if saved.entry.private else ""
    say(f"[green]Saved[/green] as {saved.entry.step.label.lower()}{mark}.")
    talk.private_next = False
    return then


def _moved(talk: Conversation, position: Position | None) -> Position | None:
    service.remember(
        talk.store, service.session_key(talk.cycle.id), position.encode() if position else ""
    )
    return position
