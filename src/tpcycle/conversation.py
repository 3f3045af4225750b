"""Conversations held beside the six steps: a pre-observation conference, a debrief, a
consultancy. Pure, no I/O.

A conversation is held with a ``kind: conversation`` protocol, belongs to a cycle, and keeps its
answers (section, question, who, when) apart from the cycle's entries, so nothing that reads the
six steps (``check``, ``compare``, ``status``) ever takes an answer for a step.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from tpcycle.domain import STEPS, Entry, Role, Step
from tpcycle.protocol import Protocol, Question, Section


@dataclass(frozen=True)
class Answer:
    """One answer given in a conversation, in the section and to the question it was given."""

    id: int
    uid: str
    conversation_id: int
    section: str
    question: str
    author: str
    role: Role
    text: str
    private: bool
    created_at: str
    updated_at: str | None = None


@dataclass(frozen=True)
class Conversation:
    """A conversation held on a cycle with one conversation protocol."""

    id: int
    uid: str
    cycle_id: int
    protocol: str
    protocol_version: str
    title: str
    started_at: str
    answers: tuple[Answer, ...] = ()

    def public(self) -> Conversation:
        """The same conversation with private answers left out."""
        return replace(self, answers=tuple(a for a in self.answers if not a.private))


def redacted(
    conversation: Conversation, text: Callable[[str], str], whole: Callable[[str], str]
) -> Conversation:
    """A conversation as it may leave the machine: ``text`` replaces roster names in what was
    written, ``whole`` a person's name (the redactor's two functions, as for entries)."""
    answers = tuple(
        replace(
            a,
            section=text(a.section),
            question=text(a.question),
            text=text(a.text),
            author=text(a.author) if a.role is Role.OTHER else whole(a.author),
        )
        for a in conversation.answers
    )
    return replace(conversation, title=text(conversation.title), answers=answers)


# -- where a conversation is -------------------------------------------------------------------


@dataclass(frozen=True)
class Spot:
    """Which question comes next: a section (by number from 0) and a question in it."""

    section: int
    index: int = 0

    def encode(self, conversation_id: int) -> str:
        return f"{conversation_id}:{self.section}:{self.index}"

    @staticmethod
    def decode(text: str | None) -> tuple[int, Spot] | None:
        """The conversation and the spot saved, or None when there is none or it is unreadable."""
        parts = (text or "").split(":")
        if len(parts) != 3:
            return None
        try:
            numbers = [int(p) for p in parts]
        except ValueError:
            return None
        if min(numbers) < 0:
            return None
        return numbers[0], Spot(numbers[1], numbers[2])


def section_at(protocol: Protocol, spot: Spot) -> Section | None:
    return protocol.sections[spot.section] if spot.section < len(protocol.sections) else None


def question_at(protocol: Protocol, spot: Spot) -> Question | None:
    section = section_at(protocol, spot)
    if section is None or spot.index >= len(section.questions):
        return None
    return section.questions[spot.index]


def after_question(protocol: Protocol, spot: Spot) -> Spot | None:
    """The next question, in this section or the next; None after the last one."""
    section = section_at(protocol, spot)
    if section is not None and spot.index + 1 < len(section.questions):
        return Spot(spot.section, spot.index + 1)
    return next_section(protocol, spot)


def next_section(protocol: Protocol, spot: Spot) -> Spot | None:
    return Spot(spot.section + 1) if spot.section + 1 < len(protocol.sections) else None


def previous_section(spot: Spot) -> Spot:
    return Spot(max(0, spot.section - 1))


# -- where a conversation sits among the steps -------------------------------------------------


def placed_after(entries: Iterable[Entry], conversation: Conversation) -> Step:
    """The step a conversation is shown after, so a record reads in time order: the furthest
    step with an entry written before the conversation started (the goal if none was)."""
    reached = [e.step for e in entries if e.created_at <= conversation.started_at]
    return max(reached, key=STEPS.index, default=Step.GOAL)


def after_step(
    entries: Iterable[Entry], conversations: Iterable[Conversation], step: Step
) -> list[Conversation]:
    """The conversations shown after ``step``'s entries, oldest first."""
    listed = tuple(entries)
    found = [c for c in conversations if placed_after(listed, c) is step]
    return sorted(found, key=lambda c: (c.started_at, c.id))


def by_section(answers: Iterable[Answer]) -> list[tuple[str, list[Answer]]]:
    """Answers in the order given, grouped where consecutive answers share a section."""
    groups: list[tuple[str, list[Answer]]] = []
    for answer in sorted(answers, key=lambda a: (a.created_at, a.id)):
        if groups and groups[-1][0] == answer.section:
            groups[-1][1].append(answer)
        else:
            groups.append((answer.section, [answer]))
    return groups
