"""A guided session: where it stands, and each answer saved together with where to resume.

The position is saved in the same unit of work as each answer, so a session stopped, closed or
killed at any moment resumes at the question after the last one answered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tpcycle.domain import Cycle, Role, progress, resolve_author
from tpcycle.protocol import Protocol, Question
from tpcycle.session import Position, after_question, starting_position
from tpcycle.store import Journal, UnitOfWork
from tpcycle.usecases.choosing import chosen
from tpcycle.usecases.cycles import Saved, protocol_for
from tpcycle.usecases.identity import me_in
from tpcycle.usecases.recording import add_entry

if TYPE_CHECKING:  # the library is passed in; reading protocol files loads YAML
    from tpcycle.protocols import Library


def _position_key(cycle_id: int) -> str:
    return f"session:{cycle_id}"


def _norms_key(cycle_id: int) -> str:
    return f"norms-shown:{cycle_id}"


def forget_session(uow: UnitOfWork, cycle_id: int) -> None:
    """Everything a session kept about a cycle (called when the cycle is forgotten)."""
    uow.settings.delete(_position_key(cycle_id), _norms_key(cycle_id))


@dataclass(frozen=True)
class Opening:
    """How a session begins: the cycle, its protocol, who speaks first, where to start."""

    cycle: Cycle
    protocol: Protocol
    notes: tuple[str, ...]
    speaker: Role
    position: Position
    show_norms: bool  # the protocol's norms, shown once per cycle


def open_session(
    journal: Journal, library: Library, cycle_id: int | None, *, by: str | None, restart: bool
) -> Opening:
    with journal.write() as uow:
        cycle = chosen(uow, cycle_id)
        protocol, notes = protocol_for(library, cycle)
        saved = None if restart else uow.settings.get(_position_key(cycle.id))
        position = starting_position(Position.decode(saved), progress(cycle.entries).next_step)
        show_norms = bool(protocol.norms) and not uow.settings.get(_norms_key(cycle.id))
        if show_norms:
            uow.settings.set(_norms_key(cycle.id), "yes")
        _, role = resolve_author(by, cycle.teacher, cycle.partner, me_in(uow))
    speaker = role if role is not Role.OTHER else Role.TEACHER
    return Opening(cycle, protocol, notes, speaker, position, show_norms)


def save_answer(
    journal: Journal,
    cycle: Cycle,
    protocol: Protocol,
    position: Position,
    question: Question,
    *,
    speaker: Role,
    text: str,
    private: bool,
    happened_at: str | None = None,
    stay: bool = False,
) -> tuple[Saved, Position | None]:
    """Save an answer and where to resume, together; returns the next position.
    ``stay``: the other person is still to answer this question, so resume here."""
    then = position if stay else after_question(protocol, position)
    with journal.write() as uow:
        saved = add_entry(
            journal,
            cycle_id=cycle.id,
            step=position.step,
            text=text,
            by=speaker.value,
            private=private,
            question=question.text,
            happened_at=happened_at,
        )
        uow.settings.set(_position_key(cycle.id), then.encode() if then else "")
    return saved, then


def move_to(journal: Journal, cycle_id: int, position: Position | None) -> Position | None:
    """Remember where the session is (None: the session is finished)."""
    with journal.write() as uow:
        uow.settings.set(_position_key(cycle_id), position.encode() if position else "")
    return position
