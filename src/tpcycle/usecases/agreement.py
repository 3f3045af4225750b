"""The partnership agreement: one per pair of people, walked through, shown, edited, offered
again every few cycles. Every change is a new row with its date; nothing is overwritten."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from tpcycle.agreement import SHARED, Agreement, AgreementAnswer, agreement_of, due_for_revisit
from tpcycle.domain import Cycle, Role, clean_name, clean_text, resolve_author
from tpcycle.errors import InvalidInput
from tpcycle.messages import Said, said
from tpcycle.messages import text as sentence
from tpcycle.messages_partnership import Partnership
from tpcycle.protocol import Ask, Protocol, Question
from tpcycle.store import Journal, UnitOfWork
from tpcycle.store.records import new_uid
from tpcycle.usecases.choosing import chosen
from tpcycle.usecases.identity import me_in

if TYPE_CHECKING:  # only arrived() takes one, during an import: status need not load it
    from tpcycle.bundle import Bundle

# The protocol whose first cycle sets up a partnership: it points at the agreement.
STARTING_PROTOCOL = "partnership-start"


@dataclass(frozen=True)
class Pair:
    """A teacher and a partner, the two an agreement belongs to."""

    teacher: str
    partner: str


def find_pair(
    journal: Journal, cycle_id: int | None, teacher: str | None, partner: str | None
) -> Pair:
    """The pair named with --teacher and --partner, or else the pair of the cycle (current)."""
    if teacher is not None or partner is not None:
        if teacher is None or partner is None:
            raise InvalidInput(Partnership.AGREEMENT_NAME_BOTH)
        pair = Pair(clean_name(teacher, ""), clean_name(partner, ""))
        if not pair.teacher or not pair.partner:
            raise InvalidInput(Partnership.AGREEMENT_NAME_BOTH)
        return pair
    with journal.read() as uow:
        cycle = chosen(uow, cycle_id)
        return Pair(cycle.teacher, cycle.partner)


def get_agreement(journal: Journal, pair: Pair) -> Agreement | None:
    with journal.read() as uow:
        return agreement_of(uow.agreements.of_pair(pair.teacher, pair.partner))


def question_by_key(protocol: Protocol, key: str) -> Question:
    for questions in protocol.steps.values():
        for question in questions:
            if question.id == key:
                return question
    keys = ", ".join(q.id for qs in protocol.steps.values() for q in qs)
    raise InvalidInput(Partnership.AGREEMENT_UNKNOWN_KEY, key=key, keys=keys)


def all_questions(protocol: Protocol) -> tuple[Question, ...]:
    return tuple(q for questions in protocol.steps.values() for q in questions)


def answer(
    journal: Journal, pair: Pair, question: Question, text: str, *, by: str | None
) -> AgreementAnswer | None:
    """Keep one answer as a new row; None when it says what the agreement already says."""
    body = clean_text(text, "answer")
    with journal.write() as uow:
        author, role = resolve_author(by, pair.teacher, pair.partner, me_in(uow))
        part = role.value if question.ask is Ask.BOTH and role is not Role.OTHER else SHARED
        now = agreement_of(uow.agreements.of_pair(pair.teacher, pair.partner))
        if now is not None and any(
            a.key == question.id and a.part == part and a.text == body for a in now.current
        ):
            return None
        row = AgreementAnswer(
            uid=new_uid(),
            teacher=pair.teacher,
            partner=pair.partner,
            key=question.id,
            part=part,
            question=question.text,
            text=body,
            author=author,
            role=role,
            created_at=uow.now,
        )
        uow.agreements.add(row)
    return row


def nudge(uow: UnitOfWork, cycle: Cycle) -> Said | None:
    """One line for status and session: the pair has no agreement yet (on a first cycle that
    sets one up), or has run enough cycles since it last changed to look at it again."""
    rows = uow.agreements.of_pair(cycle.teacher, cycle.partner)
    agreement = agreement_of(rows)
    if agreement is None:
        if cycle.protocol == STARTING_PROTOCOL:
            return said(Partnership.AGREEMENT_NONE_YET)
        return None
    since = uow.agreements.cycles_started_since(
        cycle.teacher, cycle.partner, agreement.revisited_at
    )
    if due_for_revisit(since):
        return said(Partnership.AGREEMENT_DUE, cycles=since)
    return None


def nudge_for(journal: Journal, cycle: Cycle) -> Said | None:
    with journal.read() as uow:
        return nudge(uow, cycle)


# -- travelling in bundles ----------------------------------------------------------------------


def for_bundle(
    uow: UnitOfWork, cycle: Cycle, redact: Callable[[str], str]
) -> tuple[AgreementAnswer, ...]:
    """Every row of the cycle's pair's agreement, student names replaced, to go with it."""
    rows = uow.agreements.of_pair(cycle.teacher, cycle.partner)
    return tuple(replace(r, text=redact(r.text)) for r in rows)


def arrived(uow: UnitOfWork, bundle: Bundle, added: list[int]) -> list[str]:
    """Merge a bundle's agreement rows by uid (again adds nothing), and say what came in:
    how many answers, a damaged agreement left out, and new entries in this machine's own
    voice from a machine that says it speaks for the same person (both kept, and said)."""
    notes = []
    if bundle.agreement_problem is not None:
        notes.append(sentence(Partnership.AGREEMENT_DAMAGED, problem=bundle.agreement_problem))
    count = sum(1 for row in bundle.agreement if uow.agreements.add(row))
    if count:
        notes.append(sentence(Partnership.AGREEMENT_ARRIVED, count=count))
    me = me_in(uow)
    other = bundle.speaks_for
    if me is not None and other is not None and other.role is me.role and added:
        mine = [
            e
            for e in (uow.entries.get(i) for i in added)
            if e is not None and e.role is me.role and e.conflict_of is None
        ]
        if mine:
            values = {"count": len(mine), "name": me.name, "role": me.role.value}
            notes.append(sentence(Partnership.SAME_VOICE_TWICE, **values))
    return notes
