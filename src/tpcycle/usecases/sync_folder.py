"""sync DIR: a folder both people already share (a synced folder, a USB stick, a git
repository) used as a mailbox. This machine's bundles go in, named for the machine; every other
machine's bundles that are new since the last sync come out and are merged by uid."""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from pathlib import Path

from tpcycle.bundle import MAX_BYTES, Bundle, body_checksum, read_bundle_file
from tpcycle.bundle_between import Arrival, Departure, Machine, SyncReport
from tpcycle.errors import InvalidInput, NotFound, StoreError, TpcycleError
from tpcycle.files import write_atomically
from tpcycle.folding import match_key
from tpcycle.messages import text
from tpcycle.messages_partnership import Partnership
from tpcycle.store import Journal
from tpcycle.usecases import exchange
from tpcycle.usecases.between import my_role, pair_cycles
from tpcycle.usecases.choosing import chosen
from tpcycle.usecases.identity import me_in

MACHINE_ID = "sync.machine"  # "ID NAME": this machine, as its first sync named it
SEEN = "sync.seen."  # + file name: the fingerprint of the bundle last brought in from it
PREFIX = "tpcycle-"


def check_folder(folder: Path, journal_path: Path | None) -> None:
    """A folder that exists and can be written, and that does not hold the journal itself."""
    if not folder.exists():
        raise NotFound(Partnership.SYNC_NO_FOLDER, path=folder)
    if not folder.is_dir():
        raise InvalidInput(Partnership.SYNC_NOT_FOLDER, path=folder)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(Partnership.SYNC_READ_ONLY, path=folder, reason="no permission to write")
    if journal_path is not None:
        inside = journal_path.resolve().parent
        if inside == folder.resolve() or folder.resolve() in inside.parents:
            raise InvalidInput(Partnership.SYNC_JOURNAL_INSIDE, path=folder)


def this_machine(journal: Journal) -> Machine:
    """This machine's id and the name its files carry, both fixed at its first sync (so the
    files keep their names when the person's name is set later)."""
    with journal.write() as uow:
        kept = (uow.settings.get(MACHINE_ID) or "").split(" ", 1)
        if len(kept) == 2 and re.fullmatch(r"[0-9a-f]{12}", kept[0]) and kept[1]:
            return Machine(kept[0], kept[1])
        me = me_in(uow)
        name = me.name if me else my_role(uow).value
        machine = Machine(secrets.token_hex(6), _slug(name))
        uow.settings.set(MACHINE_ID, f"{machine.id} {machine.name}")
    return machine


def _slug(name: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", match_key(name)))[:30] or "machine"


def file_name(machine: Machine, cycle_uid: str) -> str:
    return f"{PREFIX}{machine.name}-{machine.id}-{cycle_uid}.json"


def sync_folder(journal: Journal, folder: Path, cycle_id: int | None = None) -> SyncReport:
    """Bring in what is new from other machines, then write this machine's bundles of the
    pair's cycles (the current cycle's pair, or cycle N's). Each file is dealt with on its own:
    a foreign or damaged file is skipped and reported, never fatal to the rest."""
    check_folder(folder, journal.path)
    report = SyncReport(folder, this_machine(journal))
    for path in sorted(folder.iterdir()):
        _bring_in(journal, path, report)
    _send_out(journal, folder, cycle_id, report)
    return report


def _bring_in(journal: Journal, path: Path, report: SyncReport) -> None:
    name = path.name
    if name.startswith(".") or f"-{report.machine.id}-" in name:
        return  # hidden (a .git folder, a sync tool's own files), or this machine's own
    if not (name.startswith(PREFIX) and name.endswith(".json")):
        report.skipped.append((name, text(Partnership.SYNC_NOT_BUNDLE)))
        return
    try:
        bundle = read_bundle_file(path)
        machine = bundle.extras.machine
        if machine is not None and machine.id == report.machine.id:
            return
        seen = SEEN + name
        mark = _fingerprint(bundle)
        with journal.write() as uow:
            if uow.settings.get(seen) == mark:
                report.unchanged += 1
                return
            result = exchange.import_bundle(journal, bundle)
            uow.settings.set(seen, mark)
    except TpcycleError as exc:
        report.skipped.append((name, exc.message))
        return
    between = result.between
    report.came_in.append(
        Arrival(
            name,
            result.cycle.id,
            len(result.added) + len(result.conflicts),
            between.notes_added,
            between.promises_added + between.promises_changed,
        )
    )


def _fingerprint(bundle: Bundle) -> str:
    return hashlib.sha256(repr(bundle).encode()).hexdigest()


def _send_out(journal: Journal, folder: Path, cycle_id: int | None, report: SyncReport) -> None:
    with journal.read() as uow:
        if cycle_id is None and uow.settings.current_cycle_id() is None:
            return  # nothing of ours yet: only bring in
        cycles = pair_cycles(uow, chosen(uow, cycle_id))
    for cycle in cycles:
        name = file_name(report.machine, cycle.uid)
        target = folder / name
        if target.exists() and not target.is_file():
            report.skipped.append((name, text(Partnership.SYNC_NOT_BUNDLE)))
            continue
        before = _checksum_of(target)
        written: list[bool] = []

        def deliver(
            bundle_text: str,
            target: Path = target,
            before: str | None = before,
            written: list[bool] = written,
        ) -> None:
            if before is None or body_checksum(bundle_text) != before:
                write_atomically(target, bundle_text)
                written.append(True)

        shown, _ = exchange.share_cycle(
            journal,
            cycle.id,
            include_private=False,
            redact=True,
            deliver=deliver,
            machine=report.machine,
        )
        if written:
            report.went_out.append(Departure(name, cycle.id, len(shown.entries)))
        else:
            report.unchanged += 1


def _checksum_of(path: Path) -> str | None:
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return None
        return body_checksum(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
