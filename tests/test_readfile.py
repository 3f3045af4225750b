"""Reading a named file: a regular file within its limit, or a one-line error, never a hang."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tpcycle.errors import InvalidInput
from tpcycle.messages import AnyMessage
from tpcycle.messages_classroom import Classroom
from tpcycle.readfile import describe_size, read_small_file


def _problem(path: Path, limit: int = 100) -> AnyMessage | None:
    with pytest.raises(InvalidInput) as caught:
        read_small_file(path, limit)
    return caught.value.message_id


def test_a_regular_file_and_a_link_to_one_are_read(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_bytes(b"student,pile\n")
    (tmp_path / "link.csv").symlink_to(tmp_path / "a.csv")
    assert read_small_file(tmp_path / "a.csv", 100) == b"student,pile\n"
    assert read_small_file(tmp_path / "link.csv", 100) == b"student,pile\n"


def test_missing_a_folder_and_a_dangling_link_are_refused(tmp_path: Path) -> None:
    assert _problem(tmp_path / "nope.csv") is Classroom.FILE_MISSING
    assert _problem(tmp_path) is Classroom.FILE_IS_FOLDER
    (tmp_path / "dangling").symlink_to(tmp_path / "gone")
    assert _problem(tmp_path / "dangling") is Classroom.FILE_MISSING


def test_a_file_over_the_limit_is_refused_from_its_size(tmp_path: Path) -> None:
    (tmp_path / "big.csv").write_bytes(b"x" * 101)
    assert _problem(tmp_path / "big.csv") is Classroom.FILE_TOO_LARGE
    (tmp_path / "ok.csv").write_bytes(b"x" * 100)
    assert len(read_small_file(tmp_path / "ok.csv", 100)) == 100


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev are POSIX")
def test_a_fifo_or_a_device_is_refused_without_waiting(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")  # nobody writes to it: opening it would wait forever
    assert _problem(tmp_path / "pipe") is Classroom.FILE_NOT_REGULAR
    assert _problem(Path("/dev/zero")) is Classroom.FILE_NOT_REGULAR


def test_sizes_are_said_in_the_units_people_read() -> None:
    assert describe_size(5 * 1024 * 1024) == "5 MiB"
    assert describe_size(10 * 1024 * 1024) == "10 MiB"
    assert describe_size(1536) == "1.5 KiB"
    assert describe_size(12) == "12 bytes"
