"""What the protocol library keeps between runs: the same protocols, without PyYAML."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tpcycle.protocol_library import Library, bundled_dir
from tpcycle.protocols import load_protocol


def test_a_kept_protocol_equals_the_one_read_from_its_file(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = Library(bundled=bundled_dir(), user=None, cache=cache)
    names = sorted(first.files())
    read = [first.load(name) for name in names]  # read from YAML, then kept
    assert len(list(cache.glob("protocol-*.json"))) == len(names)
    again = Library(bundled=bundled_dir(), user=None, cache=cache)
    for name, protocol in zip(names, read, strict=True):
        kept = again.load(name)
        assert kept == protocol
        assert list(kept.steps) == list(protocol.steps)  # the order questions are shown in
        path, source = first.files()[name]
        assert kept == load_protocol(path, source=source, expect_name=name)


def test_a_changed_file_is_read_again_and_a_broken_one_still_refused(tmp_path: Path) -> None:
    user, cache = tmp_path / "mine", tmp_path / "cache"
    user.mkdir()
    shutil.copy(bundled_dir() / "default.yaml", user / "default.yaml")
    library = Library(bundled=bundled_dir(), user=user, cache=cache)
    assert library.load("default").source == "user"
    text = (user / "default.yaml").read_text(encoding="utf-8")
    (user / "default.yaml").write_text(text.replace("title:", "title: Mine -", 1), "utf-8")
    assert library.load("default").title.startswith("Mine -")
    (user / "default.yaml").write_text("name: default\n", encoding="utf-8")
    problems = [p for p in library.load_all() if isinstance(p, Exception)]
    assert problems and "default.yaml" in str(problems[0])


def test_a_damaged_kept_file_is_ignored(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    library = Library(bundled=bundled_dir(), user=None, cache=cache)
    expected = library.load("default")
    for kept in cache.glob("protocol-*.json"):
        kept.write_text('{"format": 2, "bytes": "x"', encoding="utf-8")
    assert library.load("default") == expected


STATUS_PROBE = """
import sys
from pathlib import Path
from tpcycle.protocol_library import Library, bundled_dir
library = Library(bundled=bundled_dir(), user=None, cache=Path(sys.argv[1]))
library.load_cycle("default")
print("yaml" in sys.modules)
"""


@pytest.mark.slow  # runs tpcycle in another process
def test_a_kept_protocol_is_read_without_pyyaml(tmp_path: Path) -> None:
    def loads_yaml() -> str:
        probe = [sys.executable, "-c", STATUS_PROBE, str(tmp_path)]
        return subprocess.run(probe, capture_output=True, text=True, check=True).stdout.strip()

    assert loads_yaml() == "True"  # the first run reads the YAML and keeps it
    assert loads_yaml() == "False"
