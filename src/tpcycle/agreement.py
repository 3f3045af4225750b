"""The partnership agreement: one per pair of people, every change kept with its date. Pure.

An agreement is a list of answers, one row per change. Each row names the pair (the teacher's
and the partner's names), the question's key, the part (``""`` for an answer the pair gives
together, ``teacher`` or ``partner`` for a question each of them answers), the words, who wrote
them and when. What the agreement says now is the latest row for each key and part; the rows
before it are its history. Rows never change once written, so two machines merge them by uid.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tpcycle.domain import Role
from tpcycle.folding import HIDDEN, fold

# After this many cycles started since the agreement last changed, the pair is offered a look.
REVISIT_AFTER = 3
SHARED = ""  # the part of an answer the pair gives together


@dataclass(frozen=True)
class AgreementAnswer:
    """One answer to one question of a pair's agreement, as written at one moment."""

    uid: str
    teacher: str
    partner: str
    key: str
    part: str  # SHARED, or the role of the person answering a question each of them answers
    question: str
    text: str
    author: str
    role: Role
    created_at: str

    @property
    def pair(self) -> str:
        return pair_key(self.teacher, self.partner)


def pair_key(teacher: str, partner: str) -> str:
    """The pair as names are compared: case, accents and spacing make no difference."""
    return f"{_fold(teacher)}\x1f{_fold(partner)}"


def _fold(name: str) -> str:
    return " ".join(fold(name).replace(HIDDEN, "").split())


@dataclass(frozen=True)
class Agreement:
    """A pair's agreement: what it says now, and every change, oldest first."""

    teacher: str
    partner: str
    current: tuple[AgreementAnswer, ...]
    changes: tuple[AgreementAnswer, ...]

    @property
    def started_at(self) -> str:
        return self.changes[0].created_at

    @property
    def revisited_at(self) -> str:
        """When anything in it last changed."""
        return max(a.created_at for a in self.changes)

    def answers_to(self, key: str) -> tuple[AgreementAnswer, ...]:
        return tuple(a for a in self.current if a.key == key)


def agreement_of(rows: Iterable[AgreementAnswer]) -> Agreement | None:
    """The agreement those rows make (rows of one pair), or None when there are none."""
    changes = tuple(sorted(rows, key=lambda a: a.created_at))  # stable: ties keep their order
    if not changes:
        return None
    latest: dict[tuple[str, str], AgreementAnswer] = {}
    for answer in changes:
        latest[(answer.key, answer.part)] = answer
    last = changes[-1]
    return Agreement(last.teacher, last.partner, tuple(latest.values()), changes)


def due_for_revisit(cycles_since: int) -> bool:
    """Whether the pair has run enough cycles since the agreement changed to look at it again."""
    return cycles_since >= REVISIT_AFTER
