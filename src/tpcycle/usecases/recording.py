"""Recording what people say at each step: one entry, with its numbers, by the right voice."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tpcycle.domain import (
    Cycle,
    Entry,
    Measure,
    Role,
    Status,
    Step,
    clean_text,
    evidence_step,
    resolve_author,
)
from tpcycle.errors import InvalidInput
from tpcycle.measures import check_unique
from tpcycle.protocol import Protocol, Question
from tpcycle.store import Journal
from tpcycle.store.records import new_uid
from tpcycle.usecases.choosing import chosen
from tpcycle.usecases.cycles import NewCycle, Saved, protocol_for, start_cycle
from tpcycle.usecases.identity import me_in

if TYPE_CHECKING:  # the library is passed in; reading protocol files loads YAML
    from tpcycle.protocols import Library

MEASURED_STEPS = (Step.EVIDENCE, Step.NEW_EVIDENCE, Step.MOVE)


def add_entry(
    journal: Journal,
    *,
    cycle_id: int | None,
    step: Step | None,
    text: str,
    by: str | None = None,
    private: bool = False,
    question: str | None = None,
    baseline: bool = False,
    new: bool = False,
    measures: tuple[Measure, ...] = (),
    happened_at: str | None = None,
) -> Saved:
    """Record one entry. ``step=None`` means evidence, baseline or new by the cycle's rule.
    ``happened_at``: when the lesson was (``--on``), as ``clock.parse_when`` keeps it."""
    body = clean_text(text)
    with journal.write() as uow:
        cycle = chosen(uow, cycle_id)
        chosen_step = step or evidence_step(
            uow.entries.steps_recorded(cycle.id), baseline=baseline, new=new
        )
        if measures and chosen_step not in MEASURED_STEPS:
            raise InvalidInput("Measures belong to evidence, and predictions to a move.")
        check_unique(measures)
        author, role = resolve_author(by, cycle.teacher, cycle.partner, me_in(uow))
        entry = uow.entries.add(
            Entry(
                id=0,
                uid=new_uid(),
                cycle_id=cycle.id,
                step=chosen_step,
                author=author,
                role=role,
                text=body,
                private=private,
                created_at=uow.now,
                question=question,
                measures=measures,
                happened_at=happened_at,
            )
        )
    warnings = []
    if cycle.status is Status.CLOSED:
        warnings.append(f"Cycle {cycle.id} is closed; the entry was added to it anyway.")
    if role is Role.OTHER:
        warnings.append(
            f"'{author}' is neither the teacher ({cycle.teacher}) nor the partner"
            f" ({cycle.partner}); the entry is recorded under that name."
        )
    return Saved(entry=entry, cycle=cycle, warnings=tuple(warnings))


def step_for_evidence(journal: Journal, cycle_id: int | None, *, baseline: bool, new: bool) -> Step:
    """Which evidence step the next evidence entry belongs to, without writing anything."""
    with journal.read() as uow:
        cycle = chosen(uow, cycle_id)
        return evidence_step(uow.entries.steps_recorded(cycle.id), baseline=baseline, new=new)


class Answers:
    """A step's questions answered one at a time; each answer is saved as it is given, so
    stopping (or a crash) after any answer loses nothing. Numbers given up front go with the
    first answer."""

    def __init__(
        self,
        journal: Journal,
        cycle_id: int,
        step: Step,
        *,
        by: str | None,
        private: bool,
        measures: tuple[Measure, ...] = (),
        happened_at: str | None = None,
    ) -> None:
        self.journal = journal
        self.happened_at = happened_at
        self.cycle_id = cycle_id
        self.step = step
        self.by = by
        self.private = private
        self.pending = measures
        self.saved = 0

    def save(self, question: Question, answer: str) -> Saved:
        saved = add_entry(
            self.journal,
            cycle_id=self.cycle_id,
            step=self.step,
            text=answer,
            by=self.by,
            private=self.private,
            question=question.text,
            measures=self.pending,
            happened_at=self.happened_at,
        )
        self.pending = ()
        self.saved += 1
        return saved


@dataclass(frozen=True)
class StepQuestions:
    """What to ask for a step: the cycle, the step, the protocol's questions, any notes."""

    cycle: Cycle
    step: Step
    protocol: Protocol
    notes: tuple[str, ...]

    @property
    def questions(self) -> tuple[Question, ...]:
        return self.protocol.questions(self.step)


def questions_for(
    journal: Journal,
    library: Library,
    cycle_id: int | None,
    step: Step | None,
    *,
    baseline: bool = False,
    new: bool = False,
) -> StepQuestions:
    """The questions to ask for a step (``None``: the evidence step due next)."""
    with journal.read() as uow:
        cycle = chosen(uow, cycle_id)
        due = step or evidence_step(
            uow.entries.steps_recorded(cycle.id), baseline=baseline, new=new
        )
    protocol, notes = protocol_for(library, cycle)
    return StepQuestions(cycle, due, protocol, notes)


class GoalAnswers:
    """A new cycle's goal questions: the first answer starts the cycle, later ones add to it."""

    def __init__(self, journal: Journal, new: NewCycle) -> None:
        self.journal = journal
        self.new = new
        self.cycle_id: int | None = None

    def save(self, question: Question, answer: str) -> Saved:
        if self.cycle_id is None:
            saved = start_cycle(self.journal, self.new, answer, question=question.text)
            self.cycle_id = saved.cycle.id
            return saved
        return add_entry(
            self.journal,
            cycle_id=self.cycle_id,
            step=Step.GOAL,
            text=answer,
            by=self.new.by,
            private=self.new.private,
            question=question.text,
            happened_at=self.new.happened_at,
        )
