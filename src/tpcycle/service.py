"""Use cases: each function is one thing a person does with the journal, in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from tpcycle.domain import (
    CURRENT_CYCLE,
    Cycle,
    CycleFilter,
    Entry,
    Hit,
    Measure,
    Progress,
    Role,
    SearchFilter,
    Status,
    Step,
    clean_name,
    clean_text,
    evidence_step,
    progress,
    resolve_author,
)
from tpcycle.errors import InvalidInput, NotFound, ProtocolError
from tpcycle.measures import check_unique
from tpcycle.privacy import Redactor, alias_for, clean_student_name, name_key
from tpcycle.protocols import DEFAULT_PROTOCOL, Library, Protocol, Question

if TYPE_CHECKING:  # the store (and sqlite-utils) load only when a journal is opened
    from tpcycle.history import History
    from tpcycle.store import Store

DEFAULT_TEACHER = "Teacher"
DEFAULT_PARTNER = "Partner"
MEASURED_STEPS = (Step.EVIDENCE, Step.NEW_EVIDENCE, Step.MOVE)


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Saved:
    """What an action stored, and anything the person should be told about it."""

    entry: Entry
    cycle: Cycle
    warnings: tuple[str, ...] = field(default=())


def start_cycle(
    store: Store,
    *,
    goal: str,
    teacher: str | None,
    partner: str | None,
    protocol: Protocol,
    by: str | None = None,
    private: bool = False,
    question: str | None = None,
    follows: int | None = None,
) -> Saved:
    """Open a new cycle with its goal, record the goal as the first entry and make it current."""
    goal_text = clean_text(goal, "goal")
    teacher_name = clean_name(teacher, DEFAULT_TEACHER)
    partner_name = clean_name(partner, DEFAULT_PARTNER)
    if teacher_name.casefold() == partner_name.casefold():
        raise InvalidInput("The teacher and the partner need different names.")
    author, role = resolve_author(by, teacher_name, partner_name)
    at = now_iso()
    with store.write():
        cycle_id = store.insert_cycle(
            goal=goal_text,
            teacher=teacher_name,
            partner=partner_name,
            protocol=protocol.name,
            protocol_version=protocol.version,
            created_at=at,
            follows=follows,
        )
        entry = store.insert_entry(
            cycle_id=cycle_id,
            step=Step.GOAL,
            author=author,
            role=role,
            text=goal_text,
            private=private,
            created_at=at,
            question=question,
        )
        store.set_setting(CURRENT_CYCLE, str(cycle_id))
        cycle = cycle_or_error(store, cycle_id)
    return Saved(entry=entry, cycle=cycle)


def add_entry(
    store: Store,
    *,
    cycle_id: int | None,
    step: Step | None,
    text: str,
    by: str | None = None,
    private: bool = False,
    question: str | None = None,
    baseline: bool = False,
    new: bool = False,
    and_remember: tuple[str, str] | None = None,
    measures: tuple[Measure, ...] = (),
) -> Saved:
    """Record one entry. ``step=None`` means evidence, baseline or new by the cycle's rule.

    ``and_remember`` stores a setting in the same transaction: a session saves where to resume
    with each answer, so a session killed at any moment resumes right after the last answer.
    """
    body = clean_text(text)
    with store.write():
        cycle = _chosen(store, cycle_id)
        chosen_step = step or evidence_step(
            store.steps_recorded(cycle.id), baseline=baseline, new=new
        )
        if measures and chosen_step not in MEASURED_STEPS:
            raise InvalidInput("Measures belong to evidence, and predictions to a move.")
        check_unique(measures)
        author, role = resolve_author(by, cycle.teacher, cycle.partner)
        entry = store.insert_entry(
            cycle_id=cycle.id,
            step=chosen_step,
            author=author,
            role=role,
            text=body,
            private=private,
            created_at=now_iso(),
            question=question,
            measures=measures,
        )
        if and_remember is not None:
            store.set_setting(*and_remember)
    warnings = []
    if cycle.status is Status.CLOSED:
        warnings.append(f"Cycle {cycle.id} is closed; the entry was added to it anyway.")
    if role is Role.OTHER:
        warnings.append(
            f"'{author}' is neither the teacher ({cycle.teacher}) nor the partner"
            f" ({cycle.partner}); the entry is recorded under that name."
        )
    return Saved(entry=entry, cycle=cycle, warnings=tuple(warnings))


def session_key(cycle_id: int) -> str:
    return f"session:{cycle_id}"


def norms_key(cycle_id: int) -> str:
    return f"norms-shown:{cycle_id}"


def remembered(store: Store, key: str) -> str | None:
    with store.read():
        return store.setting(key)


def remember(store: Store, key: str, value: str) -> None:
    with store.write():
        store.set_setting(key, value)


def step_for_evidence(store: Store, cycle_id: int | None, *, baseline: bool, new: bool) -> Step:
    """Which evidence step the next evidence entry belongs to, without writing anything."""
    with store.read():
        cycle = _chosen(store, cycle_id)
        return evidence_step(store.steps_recorded(cycle.id), baseline=baseline, new=new)


def get_cycle(store: Store, cycle_id: int | None) -> Cycle:
    """The cycle named, or the current one, with all its entries."""
    with store.read():
        return _chosen(store, cycle_id)


def shareable(
    store: Store, cycle_id: int | None, *, include_private: bool, redact: bool
) -> tuple[Cycle, int]:
    """A cycle as it may leave the machine, and how many private entries were left out."""
    with store.read():
        cycle = _chosen(store, cycle_id)
        names = dict(store.students()) if redact else {}
    shown = cycle if include_private else cycle.public()
    return Redactor(names).cycle(shown), len(cycle.entries) - len(shown.entries)


def shareable_cycles(
    store: Store, cycle_ids: list[int] | None, *, include_private: bool, redact: bool
) -> tuple[list[Cycle], int]:
    """Several cycles (all when None) as they may leave the machine; private left out count."""
    with store.read():
        if cycle_ids is None:
            cycles = store.cycles(with_entries=True)
        else:
            cycles = [cycle_or_error(store, cycle_id) for cycle_id in cycle_ids]
        names = dict(store.students()) if redact else {}
    shown = cycles if include_private else [c.public() for c in cycles]
    left_out = sum(len(a.entries) - len(b.entries) for a, b in zip(cycles, shown, strict=True))
    return [Redactor(names).cycle(c) for c in shown], left_out


def use_cycle(store: Store, cycle_id: int) -> Cycle:
    with store.write():
        cycle = cycle_or_error(store, cycle_id)
        store.set_setting(CURRENT_CYCLE, str(cycle.id))
    return cycle


def close_cycle(store: Store, cycle_id: int | None) -> Cycle:
    with store.write():
        cycle = _chosen(store, cycle_id)
        if cycle.status is Status.CLOSED:
            raise InvalidInput(f"Cycle {cycle.id} is already closed.")
        store.set_status(cycle.id, Status.CLOSED, now_iso())
        return cycle_or_error(store, cycle.id)


@dataclass(frozen=True)
class Listing:
    cycles: list[Cycle]
    activity: dict[int, tuple[int, str]]
    current: int | None


def list_cycles(store: Store, *, with_entries: bool, only: CycleFilter | None = None) -> Listing:
    with store.read():
        cycles = store.cycles(with_entries=with_entries, only=only)
        return Listing(
            cycles=cycles,
            activity=store.activity([c.id for c in cycles]),
            current=store.current_cycle_id(),
        )


def history(store: Store, *, recent: int = 200) -> History:
    with store.read():
        return store.history(recent)


def search(store: Store, words: str, only: SearchFilter | None = None) -> list[Hit]:
    query = fts_query(words)
    with store.read():
        return store.search(query, only or SearchFilter())


def fts_query(words: str) -> str:
    """People's words as an FTS5 query: every word must appear; a trailing * matches a prefix.

    Each word is quoted, so FTS5's own syntax (AND, NEAR, quotes, colons) is never triggered
    by accident.
    """
    terms = []
    for word in words.split():
        prefix = word.endswith("*")
        core = word.rstrip("*").replace('"', '""')
        if core.strip('"'):
            terms.append(f'"{core}"' + ("*" if prefix else ""))
    if not terms:
        raise InvalidInput("Give some words to search for.")
    return " ".join(terms)


@dataclass(frozen=True)
class CycleStatus:
    cycle: Cycle
    progress: Progress
    protocol: Protocol
    next_questions: tuple[Question, ...]
    warnings: tuple[str, ...]


def cycle_status(store: Store, library: Library, cycle_id: int | None) -> CycleStatus:
    cycle = get_cycle(store, cycle_id)
    protocol, warnings = protocol_for(library, cycle)
    where = progress(cycle.entries)
    questions = protocol.questions(where.next_step) if where.next_step else ()
    return CycleStatus(cycle, where, protocol, questions, warnings)


def protocol_for(library: Library, cycle: Cycle) -> tuple[Protocol, tuple[str, ...]]:
    """The protocol a cycle was started with; if it is gone or broken, the default, with a note."""
    try:
        protocol = library.load(cycle.protocol)
    except (NotFound, ProtocolError) as exc:
        fallback = library.load(DEFAULT_PROTOCOL)
        return fallback, (
            f"Cycle {cycle.id} uses the protocol '{cycle.protocol}', which cannot be loaded"
            f" ({exc.message.rstrip('.')}); showing the default questions instead.",
        )
    if protocol.version != cycle.protocol_version:
        return protocol, (
            f"The protocol '{protocol.name}' has changed since cycle {cycle.id} started"
            f" (version {cycle.protocol_version}, now {protocol.version}).",
        )
    return protocol, ()


def _chosen(store: Store, cycle_id: int | None) -> Cycle:
    if cycle_id is None:
        cycle_id = store.current_cycle_id()
        if cycle_id is None:
            raise NotFound(
                "There is no current cycle; start one with 'tpcycle new goal' or pick one"
                " with 'tpcycle use N'."
            )
    return cycle_or_error(store, cycle_id)


def cycle_or_error(store: Store, cycle_id: int) -> Cycle:
    """Cycle N with its entries, inside a read or write; a clear error if there is none."""
    cycle = store.cycle(cycle_id)
    if cycle is None:
        raise NotFound(f"There is no cycle {cycle_id}; 'tpcycle list' shows the cycles there are.")
    return cycle


# -- changing and forgetting ----------------------------------------------------------------


def get_entry(store: Store, entry_id: int) -> Entry:
    with store.read():
        return _entry_or_error(store, entry_id)


def edit_entry(store: Store, entry_id: int, *, text: str | None, private: bool | None) -> Entry:
    """Change an entry's text or privacy; the old text is overwritten, not kept."""
    with store.write():
        entry = _entry_or_error(store, entry_id)
        new_text = entry.text if text is None else clean_text(text)
        new_private = entry.private if private is None else private
        if (new_text, new_private) == (entry.text, entry.private):
            raise InvalidInput(f"Entry {entry_id} already says exactly that; nothing changed.")
        store.update_entry(entry_id, text=new_text, private=new_private, at=now_iso())
        if entry.step is Step.GOAL and entry.text == cycle_or_error(store, entry.cycle_id).goal:
            store.update_goal(entry.cycle_id, new_text)  # the cycle's goal is this entry's text
        if new_text != entry.text:
            store.purge_search_index()
        changed = _entry_or_error(store, entry_id)
    store.checkpoint()
    return changed


def forget_entry(store: Store, entry_id: int) -> Entry:
    """Delete an entry for real: secure delete zeroes it and a checkpoint empties the WAL."""
    with store.write():
        entry = _entry_or_error(store, entry_id)
        if entry.step is Step.GOAL and entry.text == cycle_or_error(store, entry.cycle_id).goal:
            raise InvalidInput(
                f"Entry {entry_id} is the goal of cycle {entry.cycle_id}; forget the whole"
                f" cycle with 'tpcycle forget --cycle {entry.cycle_id}' instead."
            )
        store.delete_entry(entry_id)
        store.remember_forgotten([entry.uid], now_iso())
        store.purge_search_index()
    store.checkpoint()
    return entry


def forget_cycle(store: Store, cycle_id: int) -> Cycle:
    with store.write():
        cycle = cycle_or_error(store, cycle_id)
        store.delete_cycle(cycle_id)
        store.remember_forgotten([cycle.uid, *(e.uid for e in cycle.entries)], now_iso())
        store.purge_search_index()
    store.checkpoint()
    return cycle


def _entry_or_error(store: Store, entry_id: int) -> Entry:
    entry = store.entry(entry_id)
    if entry is None:
        raise NotFound(f"There is no entry {entry_id}; 'tpcycle show' lists entry numbers.")
    return entry


# -- the student roster ---------------------------------------------------------------------

NEXT_ALIAS = "next_student_alias"


def add_students(store: Store, names: list[str]) -> list[tuple[str, str, bool]]:
    """Add names to the roster; each gets the next alias, never reused. (name, alias, new)."""
    cleaned = [clean_student_name(n) for n in names]
    added: list[tuple[str, str, bool]] = []
    with store.write():
        counter = int(store.setting(NEXT_ALIAS) or "0")
        for name in cleaned:
            existing = store.student(name_key(name))
            if existing is not None:
                added.append((existing[0], existing[1], False))
                continue
            alias = alias_for(counter)
            counter += 1
            store.insert_student(name=name, name_key=name_key(name), alias=alias, at=now_iso())
            added.append((name, alias, True))
        store.set_setting(NEXT_ALIAS, str(counter))
    return added


def remove_student(store: Store, name: str) -> tuple[str, str]:
    key = name_key(clean_student_name(name))
    with store.write():
        found = store.student(key)
        if found is None:
            raise NotFound(f"'{name}' is not on the roster; 'tpcycle students list' shows it.")
        store.delete_student(key)
    store.checkpoint()
    return found


def roster(store: Store) -> dict[str, str]:
    with store.read():
        return dict(store.students())
