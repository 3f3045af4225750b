"""Moving a cycle between two machines: sharing it as a bundle and merging one in by uid.

Use cases like those in service.py, kept apart because only share and import need them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tpcycle.bundle import (
    Action,
    Bundle,
    Incoming,
    conflict_uid,
    content_hash,
    decide,
    write_bundle,
)
from tpcycle.domain import CURRENT_CYCLE, Cycle, Entry, Status
from tpcycle.errors import InvalidInput
from tpcycle.privacy import Redactor
from tpcycle.service import cycle_or_error, now_iso, shareable

if TYPE_CHECKING:
    from tpcycle.store import Store


def share_cycle(
    store: Store, cycle_id: int | None, *, include_private: bool, redact: bool
) -> tuple[str, Cycle, int]:
    """The bundle text for a cycle, and a note of what each entry looked like when shared.

    Returns (bundle, the cycle as shared, private entries left out).
    """
    shown, left_out = shareable(store, cycle_id, include_private=include_private, redact=redact)
    with store.write():
        bases = store.synced_hashes([e.uid for e in shown.entries])
        text = write_bundle(shown, bases, now_iso())
        store.set_synced({e.uid: content_hash(e) for e in shown.entries})
    return text, shown, left_out


@dataclass
class ImportReport:
    cycle: Cycle
    new_cycle: bool
    added: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: int = 0
    kept_ours: int = 0
    conflicts: list[tuple[int, int]] = field(default_factory=list)  # (ours, theirs added)
    forgotten: int = 0
    notes: list[str] = field(default_factory=list)


def import_bundle(store: Store, bundle: Bundle) -> ImportReport:
    """Merge a bundle by uid, all in one transaction: nothing is overwritten silently."""
    incoming = bundle.cycle
    with store.write():
        local = store.cycle_by_uid(incoming.uid)
        if local is None:
            cycle_id = store.insert_cycle(
                goal=incoming.goal,
                teacher=incoming.teacher,
                partner=incoming.partner,
                protocol=incoming.protocol,
                protocol_version=incoming.protocol_version,
                created_at=incoming.created_at,
                uid=incoming.uid,
                status=incoming.status,
                closed_at=incoming.closed_at,
            )
            report = ImportReport(cycle=cycle_or_error(store, cycle_id), new_cycle=True)
        else:
            report = ImportReport(cycle=local, new_cycle=False)
            _merge_cycle_fields(store, local, incoming, report)
        cycle_id = report.cycle.id
        redactor = Redactor(dict(store.students()))
        ours = {e.uid: e for e in store.entries(cycle_id)}
        elsewhere = store.sync_state([i.entry.uid for i in bundle.entries])
        seen = store.versions([i.entry.uid for i in bundle.entries])
        gone = store.forgotten(
            [i.entry.uid for i in bundle.entries]
            + [conflict_uid(i.entry.uid, i.hash) for i in bundle.entries]
        )
        for item in bundle.entries:
            uid = item.entry.uid
            mine = ours.get(uid)
            if mine is None and uid in elsewhere:
                raise InvalidInput(f"Entry {uid} in the bundle belongs to another cycle here.")
            local_hash = None if mine is None else content_hash(redactor.entry(mine))
            action = decide(item, local_hash, frozenset(seen.get(uid, ())), uid in gone)
            _apply(store, cycle_id, item, action, mine, report, ours, gone)
        if store.current_cycle_id() is None:
            store.set_setting(CURRENT_CYCLE, str(cycle_id))
        report.cycle = cycle_or_error(store, cycle_id)
    return report


def _merge_cycle_fields(store: Store, local: Cycle, incoming: Cycle, report: ImportReport) -> None:
    if incoming.status is Status.CLOSED and local.status is Status.OPEN:
        store.set_status(local.id, Status.CLOSED, incoming.closed_at or now_iso())
        report.notes.append("The other side had closed the cycle, so it is closed here too.")
    if incoming.goal != local.goal:
        report.notes.append(
            f"The other side's goal reads differently ({incoming.goal!r}); yours was kept."
        )


def _apply(
    store: Store,
    cycle_id: int,
    item: Incoming,
    action: Action,
    mine: Entry | None,
    report: ImportReport,
    ours: dict[str, Entry],
    gone: set[str],
) -> None:
    theirs = item.entry
    if action is Action.FORGOTTEN:
        report.forgotten += 1
    elif action is Action.SAME:
        report.unchanged += 1
        store.set_synced({theirs.uid: item.hash})
    elif action is Action.KEEP:
        report.kept_ours += 1
    elif action is Action.TAKE:
        assert mine is not None
        store.replace_entry(mine.id, theirs, item.hash)
        store.set_synced({theirs.uid: item.hash})
        report.updated.append(mine.id)
    elif action is Action.ADD:
        if theirs.conflict_of and _same_as_ours(theirs, ours):
            report.unchanged += 1  # our own version, coming back as their conflict copy
            return
        added = _insert_copy(store, cycle_id, theirs, theirs.uid, theirs.conflict_of, item.hash)
        store.set_synced({theirs.uid: item.hash})
        report.added.append(added)
    else:  # CONFLICT: both sides changed it; ours stays, theirs is added beside it
        assert mine is not None
        copy_uid = conflict_uid(theirs.uid, item.hash)
        if copy_uid in gone:  # this version was already seen and forgotten here
            report.forgotten += 1
            return
        if copy_uid in ours:
            report.unchanged += 1
            return
        added = _insert_copy(store, cycle_id, theirs, copy_uid, theirs.uid, item.hash)
        store.set_synced({copy_uid: item.hash})
        report.conflicts.append((mine.id, added))


def _same_as_ours(theirs: Entry, ours: dict[str, Entry]) -> bool:
    original = ours.get(theirs.conflict_of or "")
    return original is not None and content_hash(original) == content_hash(theirs)


def _insert_copy(
    store: Store, cycle_id: int, e: Entry, uid: str, conflict_of: str | None, synced: str
) -> int:
    return store.insert_entry(
        cycle_id=cycle_id,
        step=e.step,
        author=e.author,
        role=e.role,
        text=e.text,
        private=e.private,
        created_at=e.created_at,
        question=e.question,
        measures=e.measures,
        uid=uid,
        updated_at=e.updated_at,
        conflict_of=conflict_of,
        synced_hash=synced,
    ).id
