"""Both voices in a guided session: who has already answered a question in this cycle."""

from __future__ import annotations

from tpcycle.domain import Role, Step
from tpcycle.protocol import Question
from tpcycle.store import Journal
from tpcycle.voices import voices_for


def answered(journal: Journal, cycle_id: int, step: Step, question: Question) -> set[Role]:
    """Who has an answer to this question at this step of the cycle."""
    with journal.read() as uow:
        return {
            e.role
            for e in uow.entries.of_cycle(cycle_id)
            if e.step is step and e.question == question.text
        }


def still_to_answer(
    journal: Journal, cycle_id: int, step: Step, question: Question, first: Role
) -> tuple[Role, ...]:
    """The people still to be asked this question, this machine's voice first."""
    return voices_for(question.ask, first, answered(journal, cycle_id, step, question))
