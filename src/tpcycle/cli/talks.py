"""Conversations in ``show``, and the ``conversations`` commands: list, edit and forget answers."""

from __future__ import annotations

import sys
from datetime import tzinfo
from typing import Annotated

import typer

from tpcycle import clock
from tpcycle.cli import output as out
from tpcycle.cli.common import ErrorHandlingGroup, opened
from tpcycle.cli.options import NUMBER_MAX, TextArgument, YesOption
from tpcycle.conversation import after_step, by_section
from tpcycle.domain import Cycle, Step
from tpcycle.errors import InvalidInput
from tpcycle.messages import Message
from tpcycle.messages_classroom import Classroom
from tpcycle.usecases import conversations as talks


def print_after(cycle: Cycle, step: Step, zone: tzinfo) -> None:
    """``show``: the conversations held after ``step``, each answer numbered a1, a2 ..."""
    for conversation in after_step(cycle.entries, cycle.conversations, step):
        out.blank()
        out.heading(
            "Conversation: ",
            conversation.title,
            (f" ({clock.local_minute(conversation.started_at, zone)})", "dim"),
            underline=True,
        )
        for section, answers in by_section(conversation.answers):
            out.indented((section, "bold"))
            for answer in answers:
                marks: list[out.Piece] = [" ", ("[PRIVATE]", "magenta")] if answer.private else []
                out.indented(
                    (f"a{answer.id} {clock.local_minute(answer.created_at, zone)}", "dim"),
                    " ",
                    (answer.author, "bold"),
                    f" ({answer.role.value})",
                    *marks,
                    indent=4,
                )
                out.indented((answer.question, "italic"), indent=6)
                for line in answer.text.splitlines():
                    out.indented(line, indent=6)


app = typer.Typer(
    cls=ErrorHandlingGroup,
    no_args_is_help=True,
    help="Conversation answers (numbered a1, a2 ... in show): reword or forget them.",
)

AnswerArgument = Annotated[
    str, typer.Argument(help="The answer's number as 'show' prints it, e.g. a3 (or 3).")
]


def _number(text: str) -> int:
    digits = text.strip().lower().removeprefix("a")
    if not digits.isdigit() or not 0 < int(digits) <= NUMBER_MAX:
        raise typer.BadParameter(f"'{text}' is not an answer number like a3.")
    return int(digits)


@app.command("edit")
def edit(
    ctx: typer.Context,
    answer: AnswerArgument,
    text: TextArgument = None,
    private: Annotated[
        bool | None,
        typer.Option("--private/--shared", help="Make the answer private, or shareable again."),
    ] = None,
) -> None:
    """Reword a conversation answer, or make it private or shareable again."""
    number = _number(answer)
    if text == "-":
        text = sys.stdin.read()
    if text is None and private is None:
        raise InvalidInput(Classroom.CONVERSATION_EDIT_NEEDS)
    with opened(ctx, create=False) as journal:
        _, wiped = talks.change_answer(journal, number, text=text, private=private)
    out.saved(Classroom.CONVERSATION_ANSWER_CHANGED, answer=number)
    if not wiped:
        out.warn(Message.NOT_YET_WIPED)


@app.command("forget")
def forget(
    ctx: typer.Context,
    answers: Annotated[
        list[str], typer.Argument(help="Answer numbers to forget, e.g. a3 a4 (all or none).")
    ],
    yes: YesOption = False,
) -> None:
    """Delete conversation answers for good: they are gone from the journal file."""
    numbers = [_number(a) for a in answers]
    what = ", ".join(f"a{n}" for n in numbers)
    with opened(ctx, create=False) as journal:
        talks.check_answers(journal, numbers)
        out.confirm(Message.FORGET_CONFIRM, yes, what=what)
        count, wiped = talks.forget_answers(journal, numbers)
    out.saved(Classroom.CONVERSATION_ANSWERS_FORGOTTEN, count=count)
    if not wiped:
        out.warn(Message.NOT_YET_WIPED)
