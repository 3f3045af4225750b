"""Conversations in ``show``, and the ``conversations`` commands: list, edit and forget answers."""

from __future__ import annotations

from datetime import tzinfo

from tpcycle import clock
from tpcycle.cli import output as out
from tpcycle.conversation import after_step, by_section
from tpcycle.domain import Cycle, Step


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
