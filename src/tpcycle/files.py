"""Writing the files people ask for (exports, bundles, calendars): whole or not at all.

A regular file is replaced atomically (written beside it, flushed, renamed), so a crash never
leaves half an export. Something that is not a regular file - a FIFO, a device such as
/dev/null, or a link to one - is written into, never replaced by a file.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from tpcycle.errors import StoreError
from tpcycle.messages import Message


def write_atomically(path: Path, text: str | Iterable[str]) -> None:
    """``text`` may come in parts (a whole-journal export), written as they come."""
    target = _final_target(path)
    if target.exists() and not stat.S_ISREG(target.stat().st_mode):
        _write_into(target, text)
        return
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise StoreError(
            Message.CANNOT_WRITE_IN, folder=folder, reason=exc.strerror or exc
        ) from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            _write_parts(handle, text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise StoreError(Message.CANNOT_WRITE_FILE, path=path, reason=exc.strerror or exc) from exc
    except BaseException:  # the parts failed to come (an error reading them): nothing left over
        Path(temp).unlink(missing_ok=True)
        raise


def _final_target(path: Path) -> Path:
    """Follow links, so writing through a link changes what it points at, not the link."""
    try:
        return path.resolve(strict=False) if path.is_symlink() else path
    except (OSError, RuntimeError) as exc:  # a loop of links
        raise StoreError(f"Cannot write {path}: {exc}.") from exc


def _write_parts(handle: TextIO, text: str | Iterable[str]) -> None:
    for part in [text] if isinstance(text, str) else text:
        handle.write(part)


def _write_into(target: Path, text: str | Iterable[str]) -> None:
    if stat.S_ISDIR(target.stat().st_mode):
        raise StoreError(Message.OUTPUT_IS_FOLDER, path=target)
    try:
        with target.open("w", encoding="utf-8") as handle:
            _write_parts(handle, text)
    except OSError as exc:
        raise StoreError(
            Message.CANNOT_WRITE_FILE, path=target, reason=exc.strerror or exc
        ) from exc


def make_private_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise StoreError(
            Message.CANNOT_CREATE_FOLDER, folder=folder, reason=exc.strerror or exc
        ) from exc
