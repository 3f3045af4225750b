"""Conversations beside the six steps: open one on a cycle, save each answer together with where
to resume, and correct or forget answers afterwards.

Like the guided session, each answer is saved in its own unit of work together with the spot to
resume from, so a conversation stopped, closed or killed at any moment loses nothing and goes on
at the question after the last one answered. The conversation itself is written with its first
answer: opening one and leaving at once leaves nothing behind.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from tpcycle.conversation import Answer, Conversation, Spot, after_question, section_at
from tpcycle.domain import Cycle, Role, clean_text, resolve_author
from tpcycle.errors import InvalidInput, NotFound
from tpcycle.messages import text
from tpcycle.messages_classroom import Classroom
from tpcycle.protocol import Protocol, Question
from tpcycle.store import Journal, UnitOfWork
from tpcycle.usecases.choosing import chosen
from tpcycle.usecases.identity import me_in

if TYPE_CHECKING:  # the library is passed in; reading protocol files loads YAML
    from tpcycle.protocols import Library


def _spot_key(cycle_id: int, protocol: str) -> str:
    return f"conversation:{cycle_id}:{protocol}"


@dataclass(frozen=True)
class Opening:
    """How a conversation begins or resumes."""

    cycle: Cycle
    protocol: Protocol
    conversation: Conversation | None  # None until the first answer is saved
    spot: Spot
    speaker: Role


def conversation_protocol(library: Library, name: str) -> Protocol:
    """The conversation protocol called ``name``; a six-step protocol is refused."""
    protocol = library.load(name)
    if not protocol.is_conversation:
        known = sorted(
            p.name for p in library.load_all() if isinstance(p, Protocol) and p.is_conversation
        )
        raise InvalidInput(
            Classroom.CONVERSATION_NOT_CONVERSATION, name=name, known=", ".join(known) or "none"
        )
    return protocol


def open_conversation(
    journal: Journal,
    protocol: Protocol,
    cycle_id: int | None,
    *,
    by: str | None,
    restart: bool,
) -> Opening:
    """Resume the conversation held with ``protocol`` on the cycle, or get ready for a new one."""
    with journal.read() as uow:
        cycle = _cycle(uow, cycle_id)
        saved = (
            None if restart else Spot.decode(uow.settings.get(_spot_key(cycle.id, protocol.name)))
        )
        conversation = None
        spot = Spot(0)
        if saved is not None:
            held = uow.conversations.get(saved[0]) if saved[0] else None
            # A conversation forgotten since (or a cycle number used again) starts afresh.
            if (saved[0] == 0 or held is not None) and (held is None or held.cycle_id == cycle.id):
                conversation, spot = held, saved[1]
            if section_at(protocol, spot) is None:  # the protocol has fewer parts now
                conversation, spot = None, Spot(0)
        me = me_in(uow)
    _, role = resolve_author(by, cycle.teacher, cycle.partner, me)
    speaker = role if role is not Role.OTHER else Role.TEACHER
    return Opening(cycle, protocol, conversation, spot, speaker)


def _cycle(uow: UnitOfWork, cycle_id: int | None) -> Cycle:
    if cycle_id is None and uow.settings.current_cycle_id() is None:
        raise NotFound(Classroom.CONVERSATION_NO_CYCLE)
    return chosen(uow, cycle_id)


@dataclass(frozen=True)
class SavedAnswer:
    answer: Answer
    conversation: Conversation
    then: Spot | None  # where to go on; None after the last question


def save_answer(
    journal: Journal,
    opening: Opening,
    conversation: Conversation | None,
    spot: Spot,
    question: Question,
    *,
    speaker: Role,
    text: str,
    private: bool,
) -> SavedAnswer:
    """Save one answer, the conversation if this is its first, and where to resume, together."""
    body = clean_text(text, "answer")
    protocol, cycle = opening.protocol, opening.cycle
    section = section_at(protocol, spot)
    assert section is not None
    then = after_question(protocol, spot)
    with journal.write() as uow:
        held = uow.conversations.get(conversation.id) if conversation is not None else None
        if held is None:
            chosen(uow, cycle.id)  # the cycle may have been forgotten meanwhile
            held = uow.conversations.start(
                cycle.id,
                protocol=protocol.name,
                version=protocol.version,
                title=protocol.title,
                now=uow.now,
            )
        author, role = resolve_author(speaker.value, cycle.teacher, cycle.partner)
        answer = uow.conversations.add_answer(
            Answer(
                id=0,
                uid="",  # given by the store
                conversation_id=held.id,
                section=section.name,
                question=question.text,
                author=author,
                role=role,
                text=body,
                private=private,
                created_at=uow.now,
            )
        )
        _remember(uow, cycle.id, protocol.name, held.id, then)
    return SavedAnswer(answer, held, then)


def move_to(
    journal: Journal, opening: Opening, conversation: Conversation | None, spot: Spot | None
) -> Spot | None:
    """Remember where the conversation is (None: it is finished, the next one starts afresh)."""
    with journal.write() as uow:
        held = 0 if conversation is None else conversation.id
        _remember(uow, opening.cycle.id, opening.protocol.name, held, spot)
    return spot


def _remember(
    uow: UnitOfWork, cycle_id: int, protocol: str, conversation_id: int, spot: Spot | None
) -> None:
    key = _spot_key(cycle_id, protocol)
    if spot is None:
        uow.settings.delete(key)
    else:
        uow.settings.set(key, spot.encode(conversation_id))


# -- corrections -------------------------------------------------------------------------------


def _answers_or_error(uow: UnitOfWork, answer_ids: list[int]) -> list[Answer]:
    found = {i: uow.conversations.answer(i) for i in dict.fromkeys(answer_ids)}
    missing = [f"a{i}" for i, a in found.items() if a is None]
    if missing:
        raise NotFound(Classroom.CONVERSATION_ANSWER_UNKNOWN, answers=", ".join(missing))
    return [a for a in found.values() if a is not None]


def change_answer(
    journal: Journal, answer_id: int, *, text: str | None, private: bool | None
) -> tuple[Answer, bool]:
    """Reword an answer or change its privacy; returns it and whether old text left the file."""
    with journal.write() as uow:
        (answer,) = _answers_or_error(uow, [answer_id])
        body = answer.text if text is None else clean_text(text, "answer")
        keep_private = answer.private if private is None else private
        uow.conversations.change_answer(answer.id, text=body, private=keep_private, now=uow.now)
        changed = uow.conversations.answer(answer.id)
    assert changed is not None
    return changed, journal.checkpoint() if text is not None else True


def check_answers(journal: Journal, answer_ids: list[int]) -> None:
    """Refuse, before asking for confirmation, answers that do not exist."""
    with journal.read() as uow:
        _answers_or_error(uow, answer_ids)


def forget_answers(journal: Journal, answer_ids: list[int]) -> tuple[int, bool]:
    """Forget answers for good, all or none; returns how many and whether old text is gone."""
    with journal.write() as uow:
        answers = _answers_or_error(uow, answer_ids)
        uow.conversations.forget_answers([a.id for a in answers])
        uow.sync.remember_forgotten([a.uid for a in answers], uow.now)  # never re-imported
    return len(answers), journal.checkpoint()


# -- merging from a bundle ---------------------------------------------------------------------


def merge_conversations(
    uow: UnitOfWork, cycle_id: int, incoming: tuple[Conversation, ...]
) -> tuple[int, int]:
    """Merge a bundle's conversations into a cycle by uid, inside the import's unit of work:
    a new answer is added, an answer edited later on the other side takes their text, and an
    answer forgotten here never comes back. Returns (answers added, answers updated)."""
    added = updated = 0
    gone = uow.sync.forgotten([a.uid for c in incoming for a in c.answers])
    for theirs in incoming:
        local_id = uow.conversations.id_of(theirs.uid)
        held = None if local_id is None else uow.conversations.get(local_id)
        if held is not None and held.cycle_id != cycle_id:
            raise InvalidInput(Classroom.CONVERSATION_OTHER_CYCLE, uid=theirs.uid)
        ours = {a.uid: a for a in held.answers} if held is not None else {}
        for answer in theirs.answers:
            mine = ours.get(answer.uid)
            if answer.uid in gone:
                continue
            if mine is None:
                if held is None:
                    held = uow.conversations.start(
                        cycle_id,
                        protocol=theirs.protocol,
                        version=theirs.protocol_version,
                        title=theirs.title,
                        now=theirs.started_at,
                        uid=theirs.uid,
                    )
                uow.conversations.add_answer(replace(answer, conversation_id=held.id))
                added += 1
            elif (answer.updated_at or "") > (mine.updated_at or "") and (
                answer.text,
                answer.private,
            ) != (mine.text, mine.private):
                uow.conversations.change_answer(
                    mine.id,
                    text=answer.text,
                    private=answer.private,
                    now=answer.updated_at or uow.now,
                )
                updated += 1
    return added, updated


def merged_note(added: int, updated: int) -> list[str]:
    """What an import says about conversations, if it changed any."""
    if not (added or updated):
        return []
    return [text(Classroom.CONVERSATIONS_MERGED, added=added, updated=updated)]
