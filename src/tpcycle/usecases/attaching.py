"""Student work kept with evidence: files read and checked before anything is saved, kept with
their entry in the same transaction, listed, written out without overwriting anything, and
copied beside a Markdown export."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tpcycle.attachments import MAX_BYTES, Attachment, FileToKeep, checked, safe_file_name
from tpcycle.domain import Cycle, Step
from tpcycle.errors import InvalidInput, NotFound, StoreError
from tpcycle.files import make_private_folder
from tpcycle.messages import Message
from tpcycle.messages_classroom import Classroom
from tpcycle.protocol import Question
from tpcycle.readfile import read_small_file
from tpcycle.store import Journal, UnitOfWork
from tpcycle.usecases.choosing import chosen
from tpcycle.usecases.cycles import Saved
from tpcycle.usecases.recording import add_entry

if TYPE_CHECKING:  # the redactor is handed in by the export
    from tpcycle.privacy import Redactor

ATTACHED_STEPS = (Step.EVIDENCE, Step.NEW_EVIDENCE)
EXPORT_FOLDER = "attachments"


def read_files(paths: Sequence[Path]) -> list[FileToKeep]:
    """Every named file read and checked, before anything is saved: one bad file, none kept."""
    return [checked(path.name, read_small_file(path, MAX_BYTES)) for path in paths]


def add_entry_with_files(journal: Journal, files: Sequence[FileToKeep], **entry: Any) -> Saved:
    """An evidence entry and its files, in one transaction (``entry``: ``add_entry``'s options)."""
    with journal.write() as uow:
        saved = add_entry(journal, **entry)
        _keep(uow, saved.entry.id, saved.entry.step, files)
    return saved


def with_first_answer(
    journal: Journal, save: Callable[[Question, str], Saved], files: Sequence[FileToKeep]
) -> Callable[[Question, str], Saved]:
    """A step's answers saved one by one, the files kept with the first of them."""
    pending = list(files)

    def saving(question: Question, answer: str) -> Saved:
        saved = save(question, answer)
        if pending:
            attach_to_entry(journal, saved.entry.id, pending)
            pending.clear()
        return saved

    return saving


def attach_to_entry(journal: Journal, entry_id: int, files: Sequence[FileToKeep]) -> int:
    """Keep files with an existing evidence entry; how many were new to it."""
    with journal.write() as uow:
        entry = uow.entries.get(entry_id)
        if entry is None:
            raise NotFound(Classroom.ATTACH_NO_ENTRY, entry=entry_id)
        return _keep(uow, entry.id, entry.step, files)


def _keep(uow: UnitOfWork, entry_id: int, step: Step, files: Sequence[FileToKeep]) -> int:
    if files and step not in ATTACHED_STEPS:
        raise InvalidInput(Classroom.ATTACH_NOT_EVIDENCE, entry=entry_id, step=step.label.lower())
    return sum(uow.attachments.add(entry_id, f, uow.now) for f in files)


def of_cycle(journal: Journal, cycle_id: int | None) -> list[Attachment]:
    """The files kept with a cycle's entries (the current cycle if none is named)."""
    with journal.read() as uow:
        cycle = chosen(uow, cycle_id)
        ids = [e.id for e in uow.entries.of_cycle(cycle.id)]
        return uow.attachments.of_entries(ids)


def of_entry(journal: Journal, entry_id: int) -> list[Attachment]:
    with journal.read() as uow:
        if uow.entries.get(entry_id) is None:
            raise NotFound(Classroom.ATTACH_NO_ENTRY, entry=entry_id)
        return uow.attachments.of_entries([entry_id])


@dataclass(frozen=True)
class Written:
    """One attachment written out to a folder, and where it went."""

    attachment: Attachment
    path: Path
    renamed: bool  # a different file of that name was there already: written beside it
    existed: bool = False  # the same bytes were there already under that name: left as they are


def write_out(
    journal: Journal,
    listed: Sequence[Attachment],
    folder: Path,
    *,
    name: Callable[[Attachment], str] = lambda a: a.name,
) -> list[Written]:
    """Each file into ``folder`` under a safe name. Nothing there is ever overwritten: a name
    taken by other bytes gets ``-2``, ``-3``...; the same bytes already there are left as
    they are (writing out twice makes no copies)."""
    make_private_folder(folder)
    written: list[Written] = []
    with journal.read() as uow:
        for item in listed:
            wanted = safe_file_name(name(item), item.kind, f"attachment-{item.id}")
            path, existed = _create_new(folder, wanted, uow.attachments.data(item.sha256))
            written.append(Written(item, path, path.name != wanted, existed))
    return written


def _create_new(folder: Path, name: str, data: bytes) -> tuple[Path, bool]:
    """A file holding ``data``: one already there with the same bytes, or a new one (O_EXCL:
    never overwriting, even when another program creates the name meanwhile)."""
    stem, dot, suffix = name.rpartition(".")
    for number in range(1, 1000):
        candidate = folder / (name if number == 1 else f"{stem}-{number}{dot}{suffix}")
        try:
            fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            if _holds(candidate, data):
                return candidate, True
            continue
        except OSError as exc:
            raise StoreError(
                Message.CANNOT_WRITE_FILE, path=candidate, reason=exc.strerror or exc
            ) from exc
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            candidate.unlink(missing_ok=True)
            raise StoreError(
                Message.CANNOT_WRITE_FILE, path=candidate, reason=exc.strerror or exc
            ) from exc
        return candidate, False
    raise StoreError(Message.CANNOT_WRITE_IN, folder=folder, reason="too many files of that name")


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def export_beside(journal: Journal, cycle: Cycle, folder: Path, names: Redactor) -> str:
    """Copy the files of a cycle's exported entries (private ones already left out) into
    ``folder/attachments`` and return the Markdown section linking them; file names go through
    the redactor like everything else that leaves the machine."""
    with journal.read() as uow:
        listed = uow.attachments.of_entries([e.id for e in cycle.entries])
    if not listed:
        return ""
    written = write_out(
        journal, listed, folder / EXPORT_FOLDER, name=lambda a: names.filename(a.name)
    )
    lines = ["", "## Attachments", ""]
    for item in written:
        shown = names.filename(item.attachment.name)
        link = f"{EXPORT_FOLDER}/{item.path.name}"
        lines.append(f"- Entry {item.attachment.entry_id}: [{_link_text(shown)}](<{link}>)")
    return "\n".join(lines) + "\n"


def _link_text(text: str) -> str:
    return "".join(f"\\{c}" if c in "\\[]*_`<>" else c for c in text)
