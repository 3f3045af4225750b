"""Moving a cycle between two machines: sharing it as a bundle and merging one in by uid."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from tpcycle.bundle import (
    Action,
    Bundle,
    Incoming,
    conflict_uid,
    content_hash,
    decide,
    write_bundle,
)
from tpcycle.bundle_between import Machine
from tpcycle.domain import CURRENT_CYCLE, Cycle, Entry, Status
from tpcycle.errors import InvalidInput
from tpcycle.store import Journal, UnitOfWork
from tpcycle.usecases import agreement as agreed
from tpcycle.usecases import conversations as talks
from tpcycle.usecases.between_exchange import BetweenReport, bundle_extras, merge_extras
from tpcycle.usecases.bundled_files import (
    keep_incoming_files,
    keep_incoming_sorts,
    shared_files,
    shared_sorts,
)
from tpcycle.usecases.choosing import cycle_or_error
from tpcycle.usecases.identity import me_in
from tpcycle.usecases.privacy import redactor, shareable


def share_cycle(
    journal: Journal,
    cycle_id: int | None,
    *,
    include_private: bool,
    redact: bool,
    deliver: Callable[[str], None],
    machine: Machine | None = None,
    with_files: bool = False,
) -> tuple[Cycle, int]:
    """Hand a cycle's bundle to ``deliver`` (which writes it out) and note what each entry
    looked like when shared, in one unit of work: if delivering fails, the journal is unchanged.

    Returns (the cycle as shared, private entries left out).
    """
    with journal.write() as uow:
        shown, left_out = shareable(
            journal, cycle_id, include_private=include_private, redact=redact
        )
        bases = uow.sync.synced_hashes([e.uid for e in shown.entries])
        extras = bundle_extras(uow, shown.id, redactor(uow, redact=redact), machine)
        agreement = agreed.for_bundle(uow, shown, redactor(uow, redact=redact).text)
        files = shared_files(journal, shown, redact=redact) if with_files else None
        sorts = shared_sorts(journal, shown, redact=redact)
        deliver(
            write_bundle(
                shown, bases, uow.now, extras, agreement, me_in(uow), files=files, sorts=sorts
            )
        )
        uow.sync.mark_synced({e.uid: content_hash(e) for e in shown.entries})
    return shown, left_out


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
    between: BetweenReport = field(default_factory=BetweenReport)  # promises and notes
    files: int = 0  # files newly kept with the cycle's entries
    sorts: int = 0  # sorts (each student's pile, by the sharer's aliases) added or updated


def import_bundle(journal: Journal, bundle: Bundle) -> ImportReport:
    """Merge a bundle by uid, all in one transaction: nothing is overwritten silently."""
    incoming = bundle.cycle
    with journal.write() as uow:
        local_id = uow.cycles.id_of(incoming.uid)
        if local_id is None:
            cycle_id = uow.cycles.add(replace(incoming, follows=None))
            report = ImportReport(cycle=cycle_or_error(uow, cycle_id), new_cycle=True)
        else:
            local = cycle_or_error(uow, local_id)
            report = ImportReport(cycle=local, new_cycle=False)
            _merge_cycle_fields(uow, local, incoming, report)
        cycle_id = report.cycle.id
        names = redactor(uow)
        ours = {e.uid: e for e in uow.entries.of_cycle(cycle_id)}
        elsewhere = uow.sync.local_ids([i.entry.uid for i in bundle.entries])
        seen = uow.sync.versions([i.entry.uid for i in bundle.entries])
        gone = uow.sync.forgotten(
            [i.entry.uid for i in bundle.entries]
            + [conflict_uid(i.entry.uid, i.hash) for i in bundle.entries]
        )
        for item in bundle.entries:
            uid = item.entry.uid
            mine = ours.get(uid)
            if mine is None and uid in elsewhere:
                raise InvalidInput(f"Entry {uid} in the bundle belongs to another cycle here.")
            local_hash = None if mine is None else content_hash(names.entry(mine))
            action = decide(item, local_hash, frozenset(seen.get(uid, ())), uid in gone)
            _apply(uow, cycle_id, item, action, mine, report, ours, gone)
        report.between = merge_extras(uow, cycle_id, bundle.extras)
        report.notes += talks.merged_note(
            *talks.merge_conversations(uow, cycle_id, bundle.conversations)
        )
        report.notes.extend(agreed.arrived(uow, bundle, report.added))
        report.files = keep_incoming_files(uow, cycle_id, bundle.files)
        report.sorts = keep_incoming_sorts(uow, cycle_id, bundle.sorts)
        if uow.settings.current_cycle_id() is None:
            uow.settings.set(CURRENT_CYCLE, str(cycle_id))
        report.cycle = cycle_or_error(uow, cycle_id)
    return report


def _merge_cycle_fields(
    uow: UnitOfWork, local: Cycle, incoming: Cycle, report: ImportReport
) -> None:
    if incoming.status is Status.CLOSED and local.status is Status.OPEN:
        uow.cycles.set_status(local.id, Status.CLOSED, incoming.closed_at or uow.now)
        report.notes.append("The other side had closed the cycle, so it is closed here too.")
    if incoming.goal != local.goal:
        report.notes.append(
            f"The other side's goal reads differently ({incoming.goal!r}); yours was kept."
        )


def _apply(
    uow: UnitOfWork,
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
        uow.sync.mark_synced({theirs.uid: item.hash})
    elif action is Action.KEEP:
        report.kept_ours += 1
    elif action is Action.TAKE:
        assert mine is not None
        uow.entries.replace(mine.id, theirs, item.hash)
        uow.sync.mark_synced({theirs.uid: item.hash})
        report.updated.append(mine.id)
    elif action is Action.ADD:
        if theirs.conflict_of and _same_as_ours(theirs, ours):
            report.unchanged += 1  # our own version, coming back as their conflict copy
            return
        added = _insert_copy(uow, cycle_id, theirs, theirs.uid, theirs.conflict_of, item.hash)
        uow.sync.mark_synced({theirs.uid: item.hash})
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
        added = _insert_copy(uow, cycle_id, theirs, copy_uid, theirs.uid, item.hash)
        uow.sync.mark_synced({copy_uid: item.hash})
        report.conflicts.append((mine.id, added))


def _same_as_ours(theirs: Entry, ours: dict[str, Entry]) -> bool:
    original = ours.get(theirs.conflict_of or "")
    return original is not None and content_hash(original) == content_hash(theirs)


def _insert_copy(
    uow: UnitOfWork, cycle_id: int, e: Entry, uid: str, conflict_of: str | None, synced: str
) -> int:
    copy = replace(e, cycle_id=cycle_id, uid=uid, conflict_of=conflict_of)
    return uow.entries.add(copy, synced_hash=synced).id
