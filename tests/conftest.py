"""Every test gets its own home, data folder and journal; nothing touches the real user's files."""

from __future__ import annotations

import functools
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import typer.main
import typer.testing
from typer.testing import CliRunner, Result

from tpcycle.cli.app import app

if TYPE_CHECKING:
    import pexpect


# typer's CliRunner turns the Typer app into click commands on every invoke: for the whole app
# that is about 50 ms, most of a typical CLI call in a test (and of most tests). The commands
# hold nothing of one run (click keeps that in its Context), so each test process builds them
# once per app object. The app itself is already built once (`tpcycle.cli.app.full_app`).
# (MonkeyPatch.setattr fails loudly if a typer release renames the function.)
pytest.MonkeyPatch().setattr(typer.testing, "_get_command", functools.cache(typer.main.get_command))


@pytest.fixture(scope="session")
def cache_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache folder per test process: what `check` and `new goal` keep there (the bundled
    rules and their compiled patterns) holds nothing of a test's journal, and sharing it spares
    every test that starts a cycle from reading the rules file again."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache_home: Path) -> Iterator[Path]:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    monkeypatch.setenv("TPCYCLE_DB", str(tmp_path / "journal.db"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TZ", "UTC")  # dates are shown in the reader's zone: pin it
    monkeypatch.delenv("TPCYCLE_TZ", raising=False)
    monkeypatch.delenv("TPCYCLE_PROTOCOLS", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    yield tmp_path


@pytest.fixture
def db_path(isolated: Path) -> Path:
    return isolated / "journal.db"


Run = Callable[..., Result]


@pytest.fixture
def run() -> Run:
    """Invoke the CLI like a shell would; ``input`` is fed to standard input."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, ok: bool = True) -> Result:
        result = runner.invoke(app, list(args), input=input)
        if ok:
            assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
        return result

    return invoke


@pytest.fixture
def cycle(run: Run) -> Run:
    """A journal with one cycle started by Ana (teacher) with Sam (partner)."""
    run(
        "new",
        "goal",
        "Students explain their reasoning in writing",
        "--teacher",
        "Ana Ruiz",
        "--partner",
        "Sam Lee",
    )
    return run


@contextmanager
def locked(db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Another process holds the journal's write lock, and tpcycle waits only briefly."""
    import tpcycle.store.journal as store_module

    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_SECONDS", 0.05)  # it always runs out
    blocker = sqlite3.connect(db, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()


def rows(db: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return list(conn.execute(sql, params).fetchall())


def in_terminal(db: Path, *args: str, columns: int = 80, rows: int = 40) -> pexpect.spawn:
    """``tpcycle ARGS`` on the journal ``db`` in a real pseudo-terminal of that size, without
    colour, as a person at a terminal of that width would run it."""
    from tests.terminals import Terminal

    return Terminal(
        sys.executable,
        ["-m", "tpcycle", *args],
        env={**os.environ, "TPCYCLE_DB": str(db), "NO_COLOR": "1", "COLUMNS": str(columns)},
        encoding="utf-8",
        timeout=20,
        dimensions=(rows, columns),
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slow tier first: its long tests (seconds each) then run beside the quick ones on the
    other core, instead of starting last and ending the run alone on one. The order within each
    tier stays the files' own."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
