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
    BOTH = "both"  # each of the two, in turn
    EITHER = "either"  # whoever is speaking (a question that leaves 'ask' out)

    @property
    def role(self) -> Role | None:
        """The one person asked, or None when the question is for both or either."""
        return None if self in (Ask.BOTH, Ask.EITHER) else Role(self.value)


@dataclass(frozen=True)
class Question:
    """One question a protocol asks at a step, and whom it is for."""

    id: str
    text: str
    hint: str | None = None
    ask: Ask = Ask.EITHER


class Kind(StrEnum):
    """What a protocol guides: the six-step cycle, or one conversation in named sections."""

    CYCLE = "cycle"
    CONVERSATION = "conversation"


@dataclass(frozen=True)
class Section:
    """A named part of a conversation protocol and its questions, asked in order."""

    name: str
    questions: tuple[Question, ...]


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
    kind: Kind = Kind.CYCLE
    sections: tuple[Section, ...] = ()  # a conversation's parts; empty for the six-step cycle

    @property
    def is_conversation(self) -> bool:
        return self.kind is Kind.CONVERSATION

    def questions(self, step: Step) -> tuple[Question, ...]:
        return self.steps.get(step, ())
