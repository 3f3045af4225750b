"""Asking a step's questions at the terminal, saving each answer the moment it is given."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import cache

import typer

from tpcycle.cli import output as out
from tpcycle.cli.common import settings
from tpcycle.cli.editing import Given, edit_text, keeping
from tpcycle.domain import Step
from tpcycle.errors import TpcycleError
from tpcycle.messages import Message, Said, said
from tpcycle.protocol import Question
from tpcycle.usecases.cycles import Saved


def read_line(prompt: str = "> ") -> str | None:
    """One line typed (or piped) in; None when the person stops with Ctrl-D or Ctrl-C.

    At a terminal the line can be edited like a shell's (arrow keys, Ctrl-A/E, history with
    up and down) when Python has ``readline``; readline then draws the prompt itself, so it
    knows where the line starts. Otherwise the prompt goes to stderr, so that standard output
    only ever carries results. History is kept in memory only: answers may name students.
    """
    try:
        if line_editing():
            return input(out.visible(prompt))
        out.prompt([prompt])
        return input()
    except (EOFError, KeyboardInterrupt):
        sys.stderr.write("\n")
        return None


def long_answer(command: str, question: str) -> str | None:
    """An answer of several lines, ended by a line of only ``.``, or written in the person's
    editor (``/edit``); None when nothing was written."""
    if command == "/edit":
        try:
            return edit_text("answer", question=question)
        except TpcycleError as exc:
            if exc.message_id is not Message.NOTHING_WRITTEN:  # said just after, in its words
                out.warn(exc.message)
            return None
    lines: list[str] = []
    out.line((out.words(Message.SESSION_LONG_ANSWER), "dim"), err=True)
    while (line := read_line("  ")) is not None and line.strip() != ".":
        lines.append(line)
    return "\n".join(lines)


@cache
def line_editing() -> bool:
    """Whether ``input()`` edits lines: both ends are a terminal and ``readline`` loads.

    Imported once, on the first prompt at a terminal, so that commands that never ask
    anything (and piped input) never load it; where it does not exist (Windows), plain input.
    """
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return False  # input() only uses readline when both are the terminal
    try:
        import readline  # noqa: F401  (loading it is what turns line editing on)
    except ImportError:
        return False
    return True


def ask(
    step: Step,
    questions: tuple[Question, ...],
    save: Callable[[Question, str], None],
    *,
    heading: str,
    first_required: bool = False,
) -> int:
    """Ask each question once; ``save`` stores an answer before the next question is asked.

    Returns how many answers were saved. With ``first_required`` the first question must be
    answered (a cycle cannot start without its goal).
    """
    out.heading(heading, err=True)
    out.line((out.words(Message.ASK_HELP), "dim"), err=True)
    saved = 0
    for index, question in enumerate(questions):
        out.blank(err=True)
        out.line((question.text, "bold cyan"), err=True)
        while True:
            answer = read_line()
            if answer is None:
                out.say(Message.ASK_STOPPED, saved=_saved_words(saved))
                return saved
            if answer.strip() == "?":
                hint = question.hint or out.words(Message.NO_HINT)
                out.line((hint, "dim"), err=True)
                continue
            if not answer.strip():
                if first_required and index == 0:
                    out.line((out.words(Message.FIRST_ANSWER_NEEDED), "yellow"), err=True)
                    continue
                break
            save(question, answer)
            saved += 1
            out.line((out.words(Message.ANSWER_SAVED), "green"), err=True)
            break
    out.say(Message.ASK_DONE, step=step.label.lower(), saved=_saved_words(saved))
    return saved


def _saved_words(count: int) -> Said:
    if count == 0:
        return said(Message.NOTHING_SAVED)
    return said(Message.ANSWERS_SAVED, count=count)


def report_saved(saved: Saved) -> None:
    """Say what was saved (after the commit), and any warnings about it."""
    entry = saved.entry
    out.saved(
        Message.PRIVATE_ENTRY_SAVED if entry.private else Message.ENTRY_SAVED,
        entry=entry.id,
        cycle=saved.cycle.id,
        step=entry.step.label.lower(),
        author=entry.author,
        role=entry.role.value,
    )
    for warning in saved.warnings:
        out.warn(warning)


def keeping_each(
    ctx: typer.Context, save: Callable[[Question, str], Saved]
) -> Callable[[Question, str], None]:
    """Save each answer; if saving fails, keep what was typed so it is never lost."""

    def keep_and_save(question: Question, answer: str) -> None:
        with keeping(Given(answer, precious=True), settings(ctx)):
            save(question, answer)

    return keep_and_save
