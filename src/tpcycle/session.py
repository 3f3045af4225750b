"""Where a guided session is: which step and which question comes next. Pure, no I/O.

A position is saved with every answer, so a session that is stopped, closed or killed
resumes at the question after the last one answered.
"""

from __future__ import annotations

from dataclasses import dataclass

from tpcycle.domain import STEPS, Step
from tpcycle.protocol import Protocol, Question


@dataclass(frozen=True)
class Position:
    """Where a guided session stands: a step and a question's place in it."""

    step: Step
    index: int = 0

    def encode(self) -> str:
        return f"{self.step.value}:{self.index}"

    @classmethod
    def decode(cls, text: str | None) -> Position | None:
        """A saved position, or None when there is none or it cannot be read."""
        if not text or ":" not in text:
            return None
        step, _, index = text.partition(":")
        try:
            return cls(Step(step), max(0, int(index)))
        except ValueError:
            return None


def question_at(protocol: Protocol, position: Position) -> Question | None:
    questions = protocol.questions(position.step)
    return questions[position.index] if position.index < len(questions) else None


def after_question(protocol: Protocol, position: Position) -> Position | None:
    """The question after this one, moving on to the next step; None after the last step."""
    if position.index + 1 < len(protocol.questions(position.step)):
        return Position(position.step, position.index + 1)
    return next_step(position)


def next_step(position: Position) -> Position | None:
    number = STEPS.index(position.step)
    return Position(STEPS[number + 1]) if number + 1 < len(STEPS) else None


def previous_step(position: Position) -> Position:
    number = STEPS.index(position.step)
    return Position(STEPS[max(0, number - 1)])


def starting_position(saved: Position | None, first_empty_step: Step | None) -> Position:
    """Resume where the pair stopped; otherwise start at the first step with nothing in it."""
    if saved is not None:
        return saved
    return Position(first_empty_step or Step.REFLECTION)
