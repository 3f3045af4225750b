"""The demo command: a whole cycle, start to finish, in a throwaway journal."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import NamedTuple

import typer

from tpcycle.cli import output as out
from tpcycle.cli.common import settings
from tpcycle.domain import Step
from tpcycle.measures import parse_measure
from tpcycle.messages import Message
from tpcycle.render import markdown
from tpcycle.store import open_journal
from tpcycle.usecases import cycles, recording


class Line(NamedTuple):
    step: Step | None  # None: evidence, baseline or new by the cycle's rule
    by: str
    text: str
    private: bool = False
    numbers: tuple[str, ...] = ()  # --measure values (--predict on a move)


# Two voices, a private note and numbers that compare: everything a real cycle has.
SCRIPT = (
    Line(
        None,
        "teacher",
        "Exit tickets: 6 of 24 students gave a reason for their answer.",
        numbers=("gave a reason=6/24",),
    ),
    Line(
        Step.INTERPRETATION,
        "partner",
        "Most answers are right but bare. They may not know what a written reason looks like.",
    ),
    Line(
        Step.INTERPRETATION,
        "teacher",
        "I rush the explaining part when time runs short.",
        private=True,
    ),
    Line(
        Step.MOVE,
        "teacher",
        "Model one worked explanation with the frame 'I know ... because ...' before the exit"
        " ticket.",
        numbers=("gave a reason=12/24",),
    ),
    Line(
        None,
        "partner",
        "Exit tickets after two lessons: 15 of 24 gave a reason.",
        numbers=("gave a reason=15/24",),
    ),
    Line(
        Step.REFLECTION,
        "teacher",
        "The frame helped more than I expected. Keep it; next, work on reasons that cite the"
        " numbers.",
    ),
    Line(
        Step.REFLECTION,
        "partner",
        "I learned to ask what students wrote before suggesting anything.",
    ),
)


def demo(ctx: typer.Context) -> None:
    """Run a short example cycle in a throwaway journal and print its Markdown export.

    Your own journal is not touched.
    """
    library = settings(ctx).library()
    with tempfile.TemporaryDirectory(prefix="tpcycle-demo-") as folder:
        journal = open_journal(Path(folder) / "demo.db", create=True)
        try:
            out.say(Message.DEMO_START)
            started = cycles.start_cycle(
                journal,
                cycles.NewCycle("Ana Ruiz", "Sam Lee", library.load("default")),
                "Students explain their reasoning in writing",
            )
            out.line(
                f'  tpcycle new goal "{started.cycle.goal}" --teacher "Ana Ruiz"'
                ' --partner "Sam Lee"',
                err=True,
            )
            for line in SCRIPT:
                saved = recording.add_entry(
                    journal,
                    cycle_id=started.cycle.id,
                    step=line.step,
                    text=line.text,
                    by=line.by,
                    private=line.private,
                    measures=tuple(parse_measure(n) for n in line.numbers),
                )
                option = "--predict" if line.step is Step.MOVE else "-m"
                flags = " --private" if line.private else ""
                flags += "".join(f' {option} "{n}"' for n in line.numbers)
                out.line(
                    f'  tpcycle {_command(saved.entry.step)} "{line.text[:30]}..."'
                    f" --by {line.by}{flags}",
                    err=True,
                )
            cycle = cycles.get_cycle(journal, started.cycle.id)
        finally:
            journal.close()
    out.blank(err=True)
    out.say(Message.DEMO_EXPORT)
    out.blank(err=True)
    out.document(markdown(cycle))
    out.blank(err=True)
    out.say(Message.DEMO_NEXT)


def _command(step: Step) -> str:
    if step in (Step.EVIDENCE, Step.NEW_EVIDENCE):
        return "log evidence"
    return {Step.INTERPRETATION: "interpret", Step.MOVE: "move", Step.REFLECTION: "reflect"}[step]
