"""What a command imports, seen from a fresh process (``python -X importtime``).

Several test files each say what one everyday command must not load (sqlite-utils, the
observation model, the zone database). The command is the same, so its probe runs once per test
process and each file keeps its own assertion.
"""

from __future__ import annotations

import functools
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.usecases.helpers import started_now


def imported_by(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "tpcycle", *args],
        capture_output=True,
        text=True,
        check=False,  # some probes run a command on purpose where it refuses
    )
    return {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}


@functools.cache
def logging_evidence() -> frozenset[str]:
    """What ``log evidence`` imports on a journal that exists (at the newest schema, with a
    cycle started): the command a teacher runs most."""
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "j.db"
        started_now(db, "Students explain their reasoning")
        used = imported_by("--db", str(db), "log", "evidence", "Exit tickets: 6 of 24")
    assert "tpcycle.usecases.recording" in used  # the probe sees tpcycle's own modules
    return frozenset(used)
