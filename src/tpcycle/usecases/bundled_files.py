"""Files and sorts in bundles: what ``share`` puts in (files only ``--with-attachments``; sorts
by alias always), and what an import keeps (by the entries' uids, idempotent)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tpcycle.attachments import FileToKeep
from tpcycle.bundle_files import MAX_FILES_BYTES, IncomingFile, files_field
from tpcycle.bundle_sorts import IncomingSort, sorts_field
from tpcycle.domain import Cycle
from tpcycle.errors import InvalidInput
from tpcycle.messages_classroom import Classroom
from tpcycle.readfile import describe_size
from tpcycle.store import Journal, UnitOfWork
from tpcycle.usecases.privacy import redactor


def shared_files(journal: Journal, cycle: Cycle, *, redact: bool) -> list[dict[str, Any]]:
    """The ``attachments`` list for a cycle as it is shared (its entries already chosen), file
    names redacted like the rest; refused when the files would make the bundle too large."""
    with journal.read() as uow:
        listed = uow.attachments.of_entries([e.id for e in cycle.entries])
        names = redactor(uow, redact=redact)
        uids = {e.id: e.uid for e in cycle.entries}
        if sum(a.size for a in listed) > MAX_FILES_BYTES:
            raise InvalidInput(
                Classroom.ATTACH_BUNDLE_TOO_LARGE, limit=describe_size(MAX_FILES_BYTES)
            )
        files = [
            (
                uids[a.entry_id],
                FileToKeep(names.filename(a.name), a.kind, uow.attachments.data(a.sha256)),
            )
            for a in listed
        ]
    return files_field(files)


def keep_incoming_files(uow: UnitOfWork, cycle_id: int, files: Sequence[IncomingFile]) -> int:
    """Files from a bundle kept with the entries they came with (an entry forgotten here takes
    none); importing the same bundle again keeps nothing twice."""
    if not files:
        return 0
    ids = {e.uid: e.id for e in uow.entries.of_cycle(cycle_id)}
    return sum(
        uow.attachments.add(ids[f.entry_uid], f.file, uow.now) for f in files if f.entry_uid in ids
    )


def count_of(journal: Journal, cycle: Cycle) -> int:
    """How many files the cycle's (shared) entries hold."""
    with journal.read() as uow:
        return len(uow.attachments.of_entries([e.id for e in cycle.entries]))


def shared_sorts(journal: Journal, cycle: Cycle, *, redact: bool) -> list[Any]:
    """The ``sorts`` list for a cycle as it is shared: students by alias (never by name, even
    with --no-redact: the roster stays home), pile names redacted like measure names."""
    with journal.read() as uow:
        sorts = uow.piles.of_entries([e.id for e in cycle.entries])
        names = redactor(uow, redact=redact)
    uids = {e.id: e.uid for e in cycle.entries}
    return sorts_field(
        (
            uids[entry_id],
            [names.text(p) for p in sort.piles],
            [(alias, position) for alias, position, _ in sort.placed],
        )
        for entry_id, sort in sorted(sorts.items())
    )


def keep_incoming_sorts(uow: UnitOfWork, cycle_id: int, sorts: Sequence[IncomingSort]) -> int:
    """Sorts from a bundle kept with their entries, marked as the other machine's. A sort made
    here is never replaced; one that came in before is updated, so importing again changes
    nothing unless the other side sorted again."""
    if not sorts:
        return 0
    ids = {e.uid: e.id for e in uow.entries.of_cycle(cycle_id)}
    mine = uow.piles.of_entries(list(ids.values()))
    changed = 0
    for sort in sorts:
        entry_id = ids.get(sort.entry_uid)
        here = mine.get(entry_id) if entry_id is not None else None
        if entry_id is None or (here is not None and not here.from_bundle):
            continue
        placed = tuple((alias, position, None) for alias, position in sort.placed)
        if here is not None and (here.piles, here.placed) == (sort.piles, placed):
            continue
        uow.piles.replace(entry_id, sort.piles, placed, uow.now, from_bundle=True)
        changed += 1
    return changed
