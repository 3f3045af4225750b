"""The protocol model: a protocol's questions for each step, and who each question is for. Pure.

Protocol files are read and checked by ``tpcycle.protocols``; everything else needs only this.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from tpcycle.domain import Role, Step

DEFAULT_PROTOCOL = "default"


class Ask(StrEnum):
    """Who a question is for."""

    TEACHER = "teacher"
    PARTNER = "partner"
    BOTH = "both"

    @property
    def role(self) -> Role | None:
        """The one person asked, or None when the question is for both."""
        return None if self is Ask.BOTH else Role(self.value)


@dataclass(frozen=True)
class Question:
    """One question a protocol asks at a step, and whom it is for."""

    id: str
    text: str
    hint: str | None = None
    ask: Ask = Ask.BOTH


@dataclass(frozen=True)
class Protocol:
    """A named, versioned set of questions for each step of a cycle."""

    name: str
    version: str
    title: str
    description: str
    steps: dict[Step, tuple[Question, ...]]
    norms: tuple[str, ...] = ()
    path: Path | None = None
    source: str = "bundled"

    def questions(self, step: Step) -> tuple[Question, ...]:
        return self.steps.get(step, ())
