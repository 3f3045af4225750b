"""The code stays lint-clean and strictly typed; the layers import only downward."""

from __future__ import annotations

import ast
import functools
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.probes import imported_by, logging_evidence

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "tpcycle"


def tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed")
    return found


def test_ruff_is_clean() -> None:
    done = subprocess.run(
        [tool("ruff"), "check", "src", "tests", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_strict_is_clean() -> None:
    done = subprocess.run([tool("mypy")], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


@functools.cache  # seven tests read every module's imports: each file is parsed once
def imports_of(path: Path) -> frozenset[str]:
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return frozenset(names)


@pytest.mark.parametrize(
    ("library", "allowed"),
    [
        ("typer", {"cli"}),
        ("rich", {"cli"}),
        ("sqlite_utils", {"store"}),
        ("sqlite3", {"store"}),
        ("yaml", {"yamlreader.py"}),
    ],
)
def test_heavy_libraries_stay_in_their_layer(library: str, allowed: set[str]) -> None:
    for path in SRC.rglob("*.py"):
        relative = path.relative_to(SRC)
        if relative.parts[0] in allowed:
            continue
        used = {n for n in imports_of(path) if n == library or n.startswith(library + ".")}
        assert not used, f"{relative} imports {used}"


def test_nothing_below_the_cli_imports_it() -> None:
    for path in SRC.rglob("*.py"):
        if path.relative_to(SRC).parts[0] in ("cli", "__main__.py"):
            continue
        assert not any(n.startswith("tpcycle.cli") for n in imports_of(path)), path


@pytest.mark.slow  # runs tpcycle in another process
def test_one_command_loads_only_what_it_needs(tmp_path: Path) -> None:
    modules = imported_by("--db", str(tmp_path / "j.db"), "list")
    # (importlib loads the command's own module, which importtime does not list)
    assert "tpcycle.cli.comparing" in modules  # imported by the list command's module
    assert not {"tpcycle.cli.session", "tpcycle.cli.exchange", "tpcycle.cli.demo", "yaml"} & modules


@pytest.mark.slow  # runs tpcycle in another process
def test_help_does_not_load_the_database_library() -> None:
    assert "sqlite_utils" not in imported_by("--help")


@pytest.mark.slow  # runs tpcycle in another process
def test_a_journal_at_the_newest_schema_never_loads_sqlite_utils(tmp_path: Path) -> None:
    journal = str(tmp_path / "j.db")
    # creating the journal does load it (so the probe would see it) ...
    assert "sqlite_utils" in imported_by("--db", journal, "new", "goal", "Students explain")
    # ... and the command run most, on a journal that exists, does not
    assert "sqlite_utils" not in logging_evidence()


def test_the_known_migration_names_match_the_migrations() -> None:
    from tpcycle.store import migrations
    from tpcycle.store.schema import MIGRATION_NAMES

    assert tuple(migrations.names()) == MIGRATION_NAMES


def test_the_layers_import_only_downward() -> None:
    pure = {
        "domain.py",
        "measures.py",
        "checks.py",
        "privacy.py",
        "bundle.py",
        "history.py",
        "session.py",
        "tally.py",
        "observation.py",
        "observe_screen.py",
        "screen.py",
        "render_observation.py",
        "ics.py",
        "render.py",
        "errors.py",
    }
    for path in SRC.rglob("*.py"):
        relative = path.relative_to(SRC)
        imported = imports_of(path)
        if relative.parts[0] in pure:
            below = {n for n in imported if n.startswith(("tpcycle.store", "tpcycle.usecases"))}
            assert not below, f"{relative} is pure but imports {below}"
        if relative.parts[0] == "store":
            assert not any(n.startswith("tpcycle.usecases") for n in imported), relative


def test_the_root_help_lists_every_command_with_its_own_first_paragraph() -> None:
    import typer.main
    from typer.core import TyperGroup

    from tpcycle.cli.app import full_app
    from tpcycle.cli.commands import COMMANDS

    group = typer.main.get_command(full_app())
    assert isinstance(group, TyperGroup)
    for name, _load, _panel, summary in COMMANDS:
        help_text = group.commands[name].help or ""
        assert summary == " ".join(help_text.split("\n\n")[0].split()), name


@pytest.mark.slow  # runs tpcycle in another process
def test_the_root_help_loads_no_command_module() -> None:
    loaded = imported_by("--help")
    assert not [
        m
        for m in loaded
        if m.startswith(("tpcycle.cli.", "tpcycle.usecases"))
        and m
        not in (
            "tpcycle.cli.app",
            "tpcycle.cli.commands",
            "tpcycle.cli.loaders",  # the loaders themselves, none of them called
            "tpcycle.cli.common",
            "tpcycle.cli.output",
        )
    ]


def test_help_paragraphs_are_reflowed_not_cut_where_they_were_typed() -> None:
    from typer.testing import CliRunner

    from tpcycle.cli.app import app

    shown = CliRunner().invoke(app, ["session", "--help"], env={"COLUMNS": "80"}).stdout
    lines = [" ".join(line.split()) for line in shown.splitlines()]
    # the docstring breaks its line after "session goes"; reflowed, no help line ends there
    assert "session goes on from there" in " ".join(lines)
    assert not [line for line in lines if line.endswith("session goes")], shown


MAX_MODULE_LINES = 400
MAX_CLASS_LINES = 300
MAX_CLI_SHARE = 0.30
MAX_CLI_BODY_LINES = 45  # "about 40": a command's body, its signature and docstring aside


def _functions_and_classes() -> list[tuple[Path, ast.AST]]:
    found: list[tuple[Path, ast.AST]] = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                found.append((path, node))
    return found


def _body_lines(node: ast.FunctionDef) -> int:
    body = node.body
    if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:] or body  # the docstring is not the body
    return (body[-1].end_lineno or body[-1].lineno) - body[0].lineno + 1


def test_the_house_keeps_its_shape() -> None:
    """Issue 9's measures of the house: small modules and classes, and a thin cli/ whose
    functions only parse, prompt and print."""
    sizes = {path: len(path.read_text(encoding="utf-8").splitlines()) for path in SRC.rglob("*.py")}
    assert not [(p.name, n) for p, n in sizes.items() if n > MAX_MODULE_LINES]
    cli = sum(n for p, n in sizes.items() if "cli" in p.relative_to(SRC).parts)
    assert cli / sum(sizes.values()) <= MAX_CLI_SHARE
    found = _functions_and_classes()
    big = [
        (p.name, node.name, (node.end_lineno or 0) - node.lineno + 1)
        for p, node in found
        if isinstance(node, ast.ClassDef)
        and (node.end_lineno or 0) - node.lineno >= MAX_CLASS_LINES
    ]
    assert not big
    long = [
        (p.name, node.name, _body_lines(node))
        for p, node in found
        if isinstance(node, ast.FunctionDef)
        and "cli" in p.relative_to(SRC).parts
        and _body_lines(node) > MAX_CLI_BODY_LINES
    ]
    assert not long
