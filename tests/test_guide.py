"""The first-cycle guide ships inside the package, so an installed tpcycle can print it, and the
README's install notes cover every system."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from tests.conftest import Run
from tpcycle.guide import GUIDE_NAME, guide_path, guide_text

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "docs" / GUIDE_NAME


def test_the_guide_read_is_the_docs_page() -> None:
    assert guide_text() == SOURCE.read_text(encoding="utf-8")


def test_the_wheel_puts_the_guide_where_the_package_looks_for_it() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    included = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    inside = Path(included[f"docs/{GUIDE_NAME}"])  # where the wheel puts it, from site-packages
    package = Path("tpcycle")
    assert inside.parent.parent == package
    # guide_path() looks beside the package first: the same place, relative to tpcycle/
    assert guide_path().relative_to(ROOT).parts[-2:] == inside.parts[-2:]


def test_help_and_demo_point_at_the_guide_command(run: Run) -> None:
    shown = run("--help").stdout
    assert "tpcycle guide" in shown and "docs/first-cycle.md" not in shown
    assert "tpcycle guide" in run("demo").stderr


def test_the_readme_says_how_to_install_everywhere() -> None:
    readme = (ROOT / "README.md").read_text()
    for needed in ("3.11", ".venv\\Scripts\\tpcycle demo", "pipx install .", "~/.local/bin"):
        assert needed in readme, needed
    assert "tpcycle guide" in (ROOT / "docs" / GUIDE_NAME).read_text()


@pytest.mark.slow
def test_a_built_wheel_contains_the_guide(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("tpcycle-*.whl")
    with zipfile.ZipFile(wheel) as built:
        assert built.read(f"tpcycle/docs/{GUIDE_NAME}") == SOURCE.read_bytes()
