"""Files people ask for are written whole; FIFOs and devices are written into, never replaced."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tpcycle.errors import StoreError
from tpcycle.files import write_atomically


def test_a_regular_file_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "notes[draft].md"
    target.write_text("old")
    write_atomically(target, "new text")
    assert target.read_text() == "new text"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_link_to_a_file_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_atomically(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


def test_a_fifo_is_written_into_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    write_atomically(fifo, "through the pipe")
    reader.join(10)
    assert received == ["through the pipe"]
    assert fifo.is_fifo()


def test_dev_null_is_never_replaced(tmp_path: Path) -> None:
    before = os.stat("/dev/null")
    write_atomically(Path("/dev/null"), "gone")
    after = os.stat("/dev/null")
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    link = tmp_path / "to-null"
    link.symlink_to("/dev/null")
    write_atomically(link, "gone too")
    assert link.is_symlink() and os.stat("/dev/null").st_ino == before.st_ino


def test_a_folder_or_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="folder"):
        write_atomically(tmp_path, "x")
    with pytest.raises(StoreError, match="Cannot write"):
        write_atomically(tmp_path / "missing" / "x.md", "x")


def test_a_text_in_parts_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "portfolio.md"
    write_atomically(target, iter(["# Cycles\n", "one\n", "two\n"]))
    assert target.read_text() == "# Cycles\none\ntwo\n"

    def failing() -> Iterator[str]:
        yield "# Cycles\n"
        raise StoreError("The journal could not be read.")

    with pytest.raises(StoreError, match="could not be read"):
        write_atomically(target, failing())
    assert target.read_text() == "# Cycles\none\ntwo\n"  # the earlier file, untouched
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # no temp file left
