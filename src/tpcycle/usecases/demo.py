"""The demo: a whole cycle, start to finish, written into a throwaway journal."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from tpcycle.domain import Cycle, Step
from tpcycle.measures import parse_measure
from tpcycle.store import open_journal
from tpcycle.usecases import cycles, recording

if TYPE_CHECKING:  # the library is passed in; reading protocol files loads YAML
    from tpcycle.protocols import Library

GOAL = "Students explain their reasoning in writing"
TEACHER, PARTNER = "Ana Ruiz", "Sam Lee"


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


@dataclass(frozen=True)
class Demo:
    cycle: Cycle
    commands: list[str]  # the command lines that would record the same cycle


def run_demo(library: Library, folder: Path) -> Demo:
    """Record the demo cycle in a new journal in ``folder`` and return it."""
    journal = open_journal(folder / "demo.db", create=True)
    try:
        new = cycles.NewCycle(TEACHER, PARTNER, library.load("default"))
        started = cycles.start_cycle(journal, new, GOAL)
        commands = [f'tpcycle new goal "{GOAL}" --teacher "{TEACHER}" --partner "{PARTNER}"']
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
            commands.append(
                f'tpcycle {_command(saved.entry.step)} "{line.text[:30]}..." --by {line.by}{flags}'
            )
        return Demo(cycles.get_cycle(journal, started.cycle.id), commands)
    finally:
        journal.close()


def _command(step: Step) -> str:
    if step in (Step.EVIDENCE, Step.NEW_EVIDENCE):
        return "log evidence"
    return {Step.INTERPRETATION: "interpret", Step.MOVE: "move", Step.REFLECTION: "reflect"}[step]
