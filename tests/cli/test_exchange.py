"""share and import from the shell: one two-laptop round trip, pipes, and a refused bundle.

What the merge decides is tested on the use cases in tests/usecases/test_exchange.py.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import Result

from tests.conftest import Run, rows


def laptop(run: Run, db: Path) -> Run:
    def on(*args: str, ok: bool = True, input: str | None = None) -> Result:
        return run("--db", str(db), *args, ok=ok, input=input)

    return on


def test_the_two_laptop_round_trip(run: Run, tmp_path: Path) -> None:
    ana, sam = laptop(run, tmp_path / "ana" / "j.db"), laptop(run, tmp_path / "sam" / "j.db")
    ana("new", "goal", "Students explain their reasoning", "--teacher", "Ana", "--partner", "Sam")
    ana("log", "evidence", "6 of 24 gave a reason", "-m", "gave a reason=6/24")
    ana("interpret", "a private worry", "--private")
    shared = ana("share", "-o", str(tmp_path / "to-sam.json"))
    assert "1 private entry left out" in shared.stderr

    imported = sam("import", str(tmp_path / "to-sam.json"))
    assert "Imported new cycle 1" in imported.stderr and "2 added" in imported.stderr
    sam("interpret", "Maybe the word 'reason' is new to them", "--by", "partner")
    bundle = sam("share").stdout  # to standard output ...
    assert json.loads(bundle)["format"] == "tpcycle-bundle"

    back = ana("import", "-", input=bundle)  # ... and in from standard input
    assert "1 added" in back.stderr and "2 already here" in back.stderr
    assert ana("export").stdout == sam("export").stdout


def test_a_bad_bundle_is_refused_with_one_line(run: Run, tmp_path: Path) -> None:
    sam = laptop(run, tmp_path / "sam" / "j.db")
    sam("new", "goal", "Sam's own cycle")
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}')
    result = sam("import", str(bad), ok=False)
    assert result.exit_code == 1 and "not a tpcycle bundle" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert rows(tmp_path / "sam" / "j.db", "SELECT count(*) FROM cycles") == [(1,)]
    missing = sam("import", str(tmp_path / "nowhere.json"), ok=False)
    assert missing.exit_code == 1 and "nowhere.json" in missing.stderr
