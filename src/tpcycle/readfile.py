"""Reading a small file a person names (a CSV to sort, a photo to attach): whole, bounded, and
never from something that is not a regular file.

A FIFO or a device is refused before it is opened (opening a FIFO with no writer would wait
forever); a file over the limit is refused from its size, and reading stops one byte past the
limit in case it grows meanwhile. A symbolic link is followed to what it points at, which must
itself be a regular file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from tpcycle.errors import InvalidInput
from tpcycle.messages_classroom import Classroom


def read_small_file(path: Path, limit: int) -> bytes:
    """The bytes of ``path``, a regular file of at most ``limit`` bytes, or a one-line error."""
    try:
        info = path.stat()  # follows links: what is read is what the link points at
    except FileNotFoundError:
        raise InvalidInput(Classroom.FILE_MISSING, path=path) from None
    except OSError as exc:
        raise InvalidInput(
            Classroom.FILE_UNREADABLE, path=path, reason=exc.strerror or exc
        ) from exc
    if stat.S_ISDIR(info.st_mode):
        raise InvalidInput(Classroom.FILE_IS_FOLDER, path=path)
    if not stat.S_ISREG(info.st_mode):
        raise InvalidInput(Classroom.FILE_NOT_REGULAR, path=path)
    if info.st_size > limit:
        raise InvalidInput(Classroom.FILE_TOO_LARGE, path=path, limit=describe_size(limit))
    try:
        # O_NONBLOCK: if the file was swapped for a FIFO since the check, opening does not wait.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise InvalidInput(Classroom.FILE_NOT_REGULAR, path=path)
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InvalidInput(
            Classroom.FILE_UNREADABLE, path=path, reason=exc.strerror or exc
        ) from exc
    if len(data) > limit:
        raise InvalidInput(Classroom.FILE_TOO_LARGE, path=path, limit=describe_size(limit))
    return data


def describe_size(size: int) -> str:
    """5242880 -> '5 MiB'."""
    for unit, scale in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if size >= scale:
            value = size / scale
            shown = f"{value:.1f}".removesuffix(".0") if value < 10 else str(round(value))
            return f"{shown} {unit}"
    return f"{size} bytes"
