"""Asking a step's questions at the terminal, saving each answer the moment it is given."""

from __future__ import annotations

import sys
from collections.abc import Callable

from tpcycle.cli.common import console, say
from tpcycle.domain import Step
from tpcycle.protocols import Question

HELP_LINE = "Press Enter to skip a question, type ? for a hint, Ctrl-D to stop."


def read_line(prompt: str = "> ") -> str | None:
    """One line typed (or piped) in; None when the person stops with Ctrl-D or Ctrl-C.

    The prompt goes to stderr so that standard output only ever carries results.
    """
    sys.stderr.write(prompt)
    sys.stderr.flush()
    try:
        return input()
    except (EOFError, KeyboardInterrupt):
        sys.stderr.write("\n")
        return None


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
    from rich.markup import escape

    out = console(stderr=True)
    out.print(f"[bold]{escape(heading)}[/bold]")
    out.print(f"[dim]{HELP_LINE}[/dim]")
    saved = 0
    for index, question in enumerate(questions):
        out.print()
        out.print(f"[bold cyan]{escape(question.text)}[/bold cyan]")
        while True:
            answer = read_line()
            if answer is None:
                say(f"Stopped. {_saved_words(saved)}")
                return saved
            if answer.strip() == "?":
                out.print(f"[dim]{escape(question.hint or 'No hint for this question.')}[/dim]")
                continue
            if not answer.strip():
                if first_required and index == 0:
                    out.print(
                        "[yellow]This one is needed to go on; type it, or Ctrl-D to stop.[/yellow]"
                    )
                    continue
                break
            save(question, answer)
            saved += 1
            out.print("[green]Saved.[/green]")
            break
    say(f"Done with {step.label.lower()}. {_saved_words(saved)}")
    return saved


def _saved_words(count: int) -> str:
    if count == 0:
        return "Nothing was saved."
    return f"{count} answer{'s' if count != 1 else ''} saved."
