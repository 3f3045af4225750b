"""What is going well: findings of kind ``strength``."""

from __future__ import annotations

from tpcycle.checks.findings import (
    Finding,
    _ids,
)
from tpcycle.checks.record import Reader
from tpcycle.domain import Step
from tpcycle.measures import Comparison

# -- strengths -------------------------------------------------------------------------------


def strengths(r: Reader, comparison: Comparison, traps: set[str]) -> list[Finding]:
    found: list[Finding] = []
    reached = [row for row in comparison.rows if row.met_prediction]
    if reached:
        row = reached[0]
        prediction = row.prediction.display() if row.prediction else ""
        found.append(
            Finding(
                id="prediction-reached",
                trap="measure",
                noticed=f"The move reached its prediction: {row.name} went from "
                f"{row.baseline.display()} to {row.new.display()} (predicted {prediction}).",
                why="A prediction that comes true is evidence the move, and your reading of the "
                "problem, were on target.",
                question="What exactly about the move do you think made the difference?",
                entry_ids=tuple(e.id for e in r.step(Step.NEW_EVIDENCE) if e.measures),
                kind="strength",
            )
        )
    teacher_moves = [
        e
        for e in r.by_teacher(Step.MOVE)
        # a move that only asks others to change ("raised it with the AP") shapes nothing
        if r.words(e) > 4 and not r.has(e, "deference") and not r.has(e, "outward_moves")
    ]
    if teacher_moves and "fixer" not in traps:
        found.append(
            Finding(
                id="teacher-shaped-move",
                trap="fixer",
                noticed=f"{r.cycle.teacher} wrote the move ({_ids(teacher_moves[:1])}), in "
                "their own words.",
                why="A move the teacher shapes fits the class and is more likely to last.",
                question="What made this move feel right for these students?",
                entry_ids=tuple(e.id for e in teacher_moves),
                author=r.cycle.teacher,
                kind="strength",
            )
        )
    for entry in r.step(Step.REFLECTION):
        if r.has(entry, "keep") and r.has(entry, "change") and "complaint" not in traps:
            found.append(
                Finding(
                    id="reflection-keep-and-change",
                    trap="perfection",
                    noticed=f"{entry.author}'s reflection (entry {entry.id}) names both what to "
                    "keep and what to change.",
                    why="Keeping what worked and adjusting what didn't is how one cycle feeds "
                    "the next.",
                    question="Which of these changes will you test first in the next cycle?",
                    entry_ids=(entry.id,),
                    author=entry.author,
                    kind="strength",
                )
            )
            break
    return found
