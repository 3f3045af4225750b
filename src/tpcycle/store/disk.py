"""The journal's file on disk: private from birth, checked before SQLite opens it, copies that
appear whole or not at all, and plain words for what SQLite reports."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from tpcycle.errors import StoreError

SQLITE_HEADER = b"SQLite format 3\x00"


def describe_sqlite_error(exc: BaseException, where: str, *, writing: bool = True) -> str:
    """Say in one sentence what went wrong with the journal file and what to do."""
    text = str(exc).lower()
    nothing = "nothing was saved" if writing else "nothing was changed"
    if "locked" in text or "busy" in text:
        return (
            f"The journal {where} is busy in another tpcycle window and did not free up in"
            " time; nothing was changed, so try again in a moment."
        )
    if "full" in text:
        return f"The disk holding the journal {where} is full; {nothing}."
    if "disk i/o" in text:
        return (
            f"The journal {where} could not be written (the disk reported an error; it may be"
            f" full or failing); {nothing}."
        )
    if "readonly" in text or "read-only" in text:
        if writing:
            return f"The journal {where} is read-only here; nothing was saved."
        return (
            f"The journal {where} cannot be opened: it or its folder is read-only here, and"
            " SQLite needs to write a small file beside it even to read."
        )
    if "constraint failed" in text:
        return (
            f"The journal {where} refused a value that breaks one of its rules ({exc}); {nothing}."
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return (
            f"{where} is not a tpcycle journal or is damaged (SQLite says: {exc});"
            " it was left untouched."
        )
    if "unable to open" in text:
        return f"Cannot open the journal {where}; check the folder exists and is writable."
    return f"The journal {where} could not be used (SQLite says: {exc})."


def refuse_existing(path: Path) -> None:
    if path.exists() or path.is_symlink():
        raise StoreError(f"{path} already exists; choose a new file name.")


def free_name(journal: Path, label: str) -> Path:
    """A name beside the journal that is not taken, e.g. journal.before-restore-20261126-0912.db."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for number in range(1, 1000):
        suffix = "" if number == 1 else f"-{number}"
        candidate = journal.with_name(f"{journal.stem}.{label}-{stamp}{suffix}{journal.suffix}")
        if not candidate.exists():
            return candidate
    raise StoreError(f"Too many {label} copies beside {journal}; move some away.")


@contextmanager
def private_temp_beside(target: Path) -> Iterator[Path]:
    """A path for a new owner-only file beside the target, removed afterwards if left."""
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise StoreError(f"Cannot write in {target.parent}: {exc.strerror or exc}.") from exc
    os.close(fd)
    temp = Path(name)
    temp.unlink()  # SQLite wants to create it (VACUUM INTO refuses an existing file)
    try:
        yield temp
    finally:
        temp.unlink(missing_ok=True)


def link_into_place(temp: Path, target: Path) -> None:
    """Give a finished file its name without ever replacing something already there."""
    os.chmod(temp, 0o600)
    try:
        os.link(temp, target)
    except FileExistsError as exc:
        raise StoreError(f"{target} already exists; choose a new file name.") from exc
    except OSError as exc:
        raise StoreError(f"Cannot create {target}: {exc.strerror or exc}.") from exc


def create_private_file(path: Path) -> None:
    """A new journal: owner-only, in folders that tpcycle creates owner-only too."""
    try:
        make_private_folders(path.parent)
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    except OSError as exc:
        raise StoreError(f"Cannot create the journal {path}: {exc.strerror or exc}.") from exc


def make_private_folders(folder: Path) -> None:
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for created in reversed(missing):
        created.mkdir(mode=0o700)
        created.chmod(0o700)  # mkdir's mode passes through the umask
    if not missing and folder.name == "tpcycle":
        tighten(folder, folder=True)  # tpcycle's own data folder, made looser by someone


def check_header(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise StoreError(f"Cannot read the journal {path}: {exc.strerror or exc}.") from exc
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise StoreError(f"{path} is not a regular file, so it cannot be a journal.")
        header = os.read(fd, len(SQLITE_HEADER))
    finally:
        os.close(fd)
    if header and header != SQLITE_HEADER:
        raise StoreError(
            f"{path} is not a tpcycle journal (it is not an SQLite database); it was left"
            " untouched."
        )


def tighten(path: Path, *, folder: bool = False) -> None:
    """Journal text is private: make sure nobody else on the machine can read it."""
    try:
        info = path.stat()
        mode = stat.S_IMODE(info.st_mode)
        if mode & 0o077 and info.st_uid == os.getuid():
            path.chmod(mode & 0o700 if not folder else 0o700)
    except OSError:
        pass  # not ours to change; SQLite will report if it cannot be used
