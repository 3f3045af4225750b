"""The first-cycle guide that ships with tpcycle, readable without the source tree or a network."""

from __future__ import annotations

from pathlib import Path

GUIDE_NAME = "first-cycle.md"


def guide_path() -> Path:
    """Where the guide is: inside the installed package (the wheel), or in the source tree."""
    packaged = Path(__file__).resolve().parent / "docs" / GUIDE_NAME
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "docs" / GUIDE_NAME


def guide_text() -> str:
    return guide_path().read_text(encoding="utf-8")
