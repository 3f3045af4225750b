"""Protocol files are read safely and every problem is reported with its place in the file."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from tests.conftest import Run
from tpcycle.domain import STEPS, Step
from tpcycle.errors import ProtocolError
from tpcycle.protocols import MAX_FILE_BYTES, Library, bundled_dir, load_protocol, parse_protocol

VALID = """\
name: tiny
version: "2"
title: Tiny
description: Smallest useful protocol.
norms: [Describe before judging.]
steps:
  goal:
    - id: goal
      text: What will students do?
      hint: A verb helps.
  evidence:
    - {id: ev, text: What do you see}
  interpretation:
    - id: in
      text: What might it mean?
      ask: partner
  move:
    - {id: mv, text: What will you try}
  new_evidence:
    - id: nev
      text: What do you see now?
  reflection:
    - id: re
      text: What changed?
      ask: both
"""


def problems_of(text: str) -> tuple[str, ...]:
    with pytest.raises(ProtocolError) as caught:
        parse_protocol(text.encode(), Path("p.yaml"))
    return caught.value.problems


def test_every_bundled_protocol_is_valid() -> None:
    library = Library(bundled=bundled_dir(), user=None)
    names = sorted(library.files())
    assert "default" in names
    for name in names:
        protocol = library.load(name)
        if protocol.is_conversation:
            assert protocol.sections and all(s.questions for s in protocol.sections), name
            assert not any(protocol.questions(step) for step in STEPS), name
        else:
            assert all(protocol.questions(step) for step in STEPS), name


def test_a_valid_protocol_loads_every_field() -> None:
    protocol = parse_protocol(VALID.encode(), Path("tiny.yaml"))
    assert (protocol.name, protocol.version, protocol.title) == ("tiny", "2", "Tiny")
    assert protocol.norms == ("Describe before judging.",)
    goal = protocol.questions(Step.GOAL)[0]
    assert (goal.id, goal.text, goal.hint, goal.ask) == (
        "goal",
        "What will students do?",
        "A verb helps.",
        "either",  # left out: whoever is speaking
    )
    assert protocol.questions(Step.INTERPRETATION)[0].ask == "partner"


def test_plain_values_stay_text() -> None:
    text = VALID.replace("What changed?", "NO").replace('version: "2"', "version: 2")
    text = text.replace("What do you see now?", "12:30")
    protocol = parse_protocol(text.encode(), Path("p.yaml"))
    assert protocol.questions(Step.REFLECTION)[0].text == "NO"
    assert protocol.questions(Step.NEW_EVIDENCE)[0].text == "12:30"
    assert protocol.version == "2"


def test_a_syntax_error_is_located() -> None:
    (problem,) = problems_of("name: x\nsteps: [unclosed\n")
    assert problem.startswith("p.yaml:3:1: ")


def test_a_python_tag_is_refused_without_running_anything() -> None:
    text = VALID.replace("title: Tiny", "title: !!python/object/apply:os.system ['echo hi']")
    (problem,) = problems_of(text)
    assert problem.startswith("p.yaml:3:8: ") and "plain text" in problem


def test_an_alias_bomb_is_refused_quickly() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    )
    started = time.perf_counter()
    (problem,) = problems_of(bomb)
    assert time.perf_counter() - started < 1.0
    assert "aliases" in problem and problem.startswith("p.yaml:2:")


def test_duplicate_and_unknown_keys_are_each_reported() -> None:
    text = VALID.replace("title: Tiny", "title: Tiny\ntitle: Again\ncolour: blue")
    problems = problems_of(text)
    assert "p.yaml:4:1: duplicate key 'title' in the protocol" in problems
    assert any(p.startswith("p.yaml:5:1: unknown key 'colour'") for p in problems)


def test_missing_steps_and_bad_values_are_reported() -> None:
    text = VALID[: VALID.index("  reflection:")]
    text = text.replace("ask: partner", "ask: everyone").replace("name: tiny", "name: Tiny One")
    problems = problems_of(text)
    assert any("no questions for the step 'reflection'" in p for p in problems)
    assert any("'ask' must be teacher, partner or both" in p for p in problems)
    assert any("'name' must be lower-case" in p for p in problems)


def test_empty_and_non_mapping_files() -> None:
    assert "empty" in problems_of("")[0]
    assert "mapping" in problems_of("- just\n- a list\n")[0]
    with pytest.raises(ProtocolError, match="UTF-8"):
        parse_protocol(b"\xff\xfe\x00", Path("p.yaml"))


def test_user_protocols_override_bundled_ones(tmp_path: Path) -> None:
    (tmp_path / "default.yaml").write_text(VALID.replace("name: tiny", "name: default"))
    library = Library(bundled=bundled_dir(), user=tmp_path)
    mine = library.load("default")
    assert (mine.title, mine.source) == ("Tiny", "user")


def test_validate_command_reports_each_problem(run: Run, tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(VALID)
    bad = tmp_path / "bad.yaml"
    bad.write_text(VALID.replace("title: Tiny", "title: Tiny\ntitle: Two\nextra: 1"))
    result = run("protocols", "validate", str(good), str(bad), ok=False)
    assert result.exit_code == 1
    assert f"{good}: ok" in result.stdout
    lines = result.stderr.strip().splitlines()
    assert lines == [
        f"{bad}:4:1: duplicate key 'title' in the protocol",
        f"{bad}:5:1: unknown key 'extra' in the protocol "
        "(expected: description, kind, name, norms, sections, steps, title, version)",
    ]
    assert run("protocols", "validate", str(good)).exit_code == 0


def test_validate_a_missing_file(run: Run, tmp_path: Path) -> None:
    result = run("protocols", "validate", str(tmp_path / "none.yaml"), ok=False)
    assert result.exit_code == 1
    assert "cannot read the file" in result.stderr


def test_protocols_list_and_show(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TPCYCLE_PROTOCOLS", str(tmp_path))
    (tmp_path / "default.yaml").write_text(VALID.replace("name: tiny", "name: default"))
    listed = run("protocols", "list").stdout
    assert "user (overrides bundled)" in listed
    shown = run("protocols", "show", "default").stdout
    assert "What will students do?" in shown and "A verb helps." in shown


def test_a_cycle_keeps_working_when_its_protocol_disappears(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    monkeypatch.setenv("TPCYCLE_PROTOCOLS", str(folder))
    (folder / "tiny.yaml").write_text(VALID)
    run("new", "goal", "g", "--protocol", "tiny")
    assert "What do you see" in run("status").stdout
    (folder / "tiny.yaml").unlink()
    result = run("status")
    assert "cannot be loaded" in result.stderr
    assert "What evidence do you have today?" in result.stdout


def test_load_protocol_reports_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(ProtocolError, match="cannot read"):
        load_protocol(tmp_path / "missing.yaml")


def test_a_library_protocol_must_be_named_like_its_file(tmp_path: Path) -> None:
    (tmp_path / "other.yaml").write_text(VALID)
    library = Library(bundled=bundled_dir(), user=tmp_path)
    with pytest.raises(ProtocolError, match=r"name the file tiny\.yaml"):
        library.load("other")


def test_protocols_new_copies_the_default_for_editing(run: Run, db_path: Path) -> None:
    created = Path(run("protocols", "new", "my-check-in").stdout.strip())
    assert created == db_path.parent / "protocols" / "my-check-in.yaml"
    assert load_protocol(created).name == "my-check-in"
    again = run("protocols", "new", "my-check-in", ok=False)
    assert again.exit_code == 1 and "already exists" in again.stderr
    bad = run("protocols", "new", "My Protocol", ok=False)
    assert bad.exit_code == 1 and "cannot be a protocol name" in bad.stderr
    assert "my-check-in" in run("protocols", "list").stdout


# -- hostile files (issue 10) ----------------------------------------------------------------


def test_a_deeply_nested_file_gets_one_line_not_a_recursion_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("steps: " + "[" * 5000 + "]" * 5000 + "\n")
    assert path.stat().st_size < 11_000
    with pytest.raises(ProtocolError) as caught:
        load_protocol(path)
    message = caught.value.message
    # tpcycle's own depth limit, or libyaml's where it reads first
    assert message.startswith(f"{path}:1:") and "nest" in message
    assert "\n" not in message


def test_a_fifo_named_like_a_protocol_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)  # nobody ever writes to it: opening it for reading would block
    started = time.perf_counter()
    with pytest.raises(ProtocolError, match="not a regular file"):
        load_protocol(fifo)
    assert time.perf_counter() - started < 1.0


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_dev_zero_and_a_link_to_it_are_refused(tmp_path: Path) -> None:
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    for path in (Path("/dev/zero"), link):
        with pytest.raises(ProtocolError, match="not a regular file"):
            load_protocol(path)


def test_size_is_checked_before_the_file_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk

    def no_reading(*_args: object) -> bytes:
        raise AssertionError("the file was read")

    monkeypatch.setattr(os, "read", no_reading)
    with pytest.raises(ProtocolError, match="larger than a protocol can be"):
        load_protocol(big)


def test_the_library_listing_skips_a_fifo_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "tiny.yaml").write_text(VALID)
    os.mkfifo(tmp_path / "stuck.yaml")
    library = Library(bundled=bundled_dir(), user=tmp_path)
    assert "stuck" not in library.files()
    loaded = list(library.load_all())
    warnings = [item for item in loaded if isinstance(item, ProtocolError)]
    assert len(warnings) == 1 and "stuck.yaml" in warnings[0].message
    assert "skipped" in warnings[0].message
    assert {p.name for p in loaded if not isinstance(p, ProtocolError)} >= {"tiny", "default"}


def test_the_protocols_list_command_warns_about_a_fifo_and_lists_the_rest(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TPCYCLE_PROTOCOLS", str(tmp_path))
    os.mkfifo(tmp_path / "stuck.yaml")
    listed = json.loads(run("protocols", "list", "--json").stdout)
    errors = [item["error"] for item in listed if "error" in item]
    assert len(errors) == 1 and "stuck.yaml" in errors[0]
    assert "default" in {item.get("name") for item in listed}
