"""The session command: a guided conversation through the cycle, one question at a time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import typer

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
from tpcycle.domain import STEPS, Cycle, Role, Step, progress
from tpcycle.errors import TpcycleError
from tpcycle.protocols import Protocol, Question
from tpcycle.session import Position, after_question, next_step, previous_step, question_at
from tpcycle.store import Journal
from tpcycle.usecases import session as guided

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

    journal: Journal
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
    with opened(ctx, create=False) as journal:
        opening = guided.open_session(
            journal, settings(ctx).library(), cycle, by=by, restart=restart
        )
        for note in opening.notes:
            warn(note)
        talk = Conversation(
            journal, opening.cycle, opening.protocol, opening.speaker, settings(ctx)
        )
        _introduce(talk, show_norms=opening.show_norms)
        position: Position | None = opening.position
        shown_step: Step | None = None
        while position is not None:
            if shown_step is not position.step:
                _announce(position.step)
                shown_step = position.step
            question = question_at(talk.protocol, position)
            if question is None:
                position = next_step(position)
                continue
            position = _ask(talk, position, question)
        guided.move_to(journal, talk.cycle.id, None)
        say(
            "That was the last question of the cycle. Look at it with [bold]tpcycle show[/bold];"
            " when you are done, [bold]tpcycle close[/bold]."
        )


def _introduce(talk: Conversation, *, show_norms: bool) -> None:
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
    if show_norms:
        out.print()
        out.print("[bold]Before you start, agree on these:[/bold]")
        for norm in talk.protocol.norms:
            bullet(out, escape(norm))
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
    while True:
        name = talk.cycle.teacher if speaker is Role.TEACHER else talk.cycle.partner
        flag = " [private]" if talk.private_next else ""
        line = read_line(f"{name} ({speaker.value}){flag} > ")
        if line is None or line.strip() == "/stop":
            guided.move_to(talk.journal, talk.cycle.id, position)
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
        )
    mark = " (private)" if saved.entry.private else ""
    say(f"[green]Saved[/green] as {saved.entry.step.label.lower()}{mark}.")
    talk.private_next = False
    return then


def _moved(talk: Conversation, position: Position | None) -> Position | None:
    return guided.move_to(talk.journal, talk.cycle.id, position)
