"""Opening a journal loads only what reading and writing rows needs.

Every command opens the journal, so whatever the store imports at module level is paid by all
of them (docs/performance.md). The redaction module compiles its name patterns at import
(about 5 ms): the store never needs it, since a roster entry is a plain domain object.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tpcycle.store import open_journal

# Run in a fresh interpreter: this test process has imported everything already.
OPEN_AND_READ = """
import sys
from pathlib import Path
from tpcycle.store import open_journal

journal = open_journal(Path(sys.argv[1]), create=False)
with journal.read() as unit:
    unit.settings.current_cycle_id()
    unit.cycles.get(1, unit.entries)
journal.close()
{after}
heavy = ("tpcycle.privacy", "sqlite_utils", "yaml", "rich", "typer")
print(" ".join(sorted(m for m in sys.modules if m.split(".")[0] in heavy or m in heavy)))
"""


def loaded_after(journal: Path, after: str = "") -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", OPEN_AND_READ.format(after=after), str(journal)],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(done.stdout.split())


@pytest.mark.slow  # runs tpcycle in another process
def test_opening_a_journal_and_reading_a_cycle_loads_no_heavy_module(tmp_path: Path) -> None:
    journal = tmp_path / "j.db"
    open_journal(journal, create=True).close()  # migrating loads sqlite-utils: not measured
    assert loaded_after(journal) == set()


@pytest.mark.slow  # runs tpcycle in another process
def test_reading_the_roster_loads_no_heavy_module_either(tmp_path: Path) -> None:
    journal = tmp_path / "j.db"
    open_journal(journal, create=True).close()
    read_roster = (
        "journal = open_journal(Path(sys.argv[1]), create=False)\n"
        "with journal.read() as unit:\n"
        "    assert unit.students.all() == []\n"
        "journal.close()"
    )
    assert loaded_after(journal, read_roster) == set()
