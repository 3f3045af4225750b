"""What ``check`` keeps in the user's cache folder: the bundled lists as JSON, each list's
compiled pattern as its program. Kept or not, every pattern equals ``re.compile``'s and every
finding is the same; a damaged, foreign or unwritable cache only costs speed."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import Run
from tpcycle.checks import bundled_rules, check_goal
from tpcycle.checks import saved as saved_module
from tpcycle.checks.rules import BUNDLED
from tpcycle.checks.saved import Pack, cache_file, keep_patterns
from tpcycle.checks.text import GAP, LIST_NAMES, NEVER, list_pattern, mentioned, sentences

ROOT = Path(__file__).resolve().parents[1]
NAMES = ("Ana Ruiz", "Sam Lee")
GOAL = "I will use more wait time so that students explain their thinking"


def bundled_patterns() -> list[str]:
    rules = bundled_rules()
    return [list_pattern(rules.lists[name], *NAMES) for name in LIST_NAMES if rules.lists.get(name)]


def kept_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("patterns-*.bin"))


def kept_pack(folder: Path) -> tuple[list[str], Path]:
    """A pack of every bundled list (with names put in, so not as a check keeps them)."""
    sources = bundled_patterns()
    path = folder / "patterns-test.bin"
    keep_patterns(path, sources)
    return sources, path


def test_every_bundled_list_kept_and_read_back_equals_re_compile(tmp_path: Path) -> None:
    sources, path = kept_pack(tmp_path)
    assert len(sources) > 30
    # read back: nothing is compiled (re.compile and making a program would fail loudly)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(re, "compile", None)
        patch.setattr(saved_module, "_program", None)
        pack = Pack(path)
        again = [pack.compile(source) for source in sources]
    for source, read in zip(sources, again, strict=True):
        assert read == re.compile(source)  # same text, flags and program
        assert read.pattern == source


def test_the_pack_is_read_once_for_every_list(tmp_path: Path) -> None:
    sources, path = kept_pack(tmp_path)
    pack = Pack(path)
    pack.compile(sources[0])
    path.unlink()  # read whole the first time: the others come from what was read
    expected = [re.compile(s) for s in sources[1:]]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(re, "compile", None)
        assert [pack.compile(s) for s in sources[1:]] == expected


def first_program_byte(data: bytes) -> int:
    head, _, _ = data.partition(b"\n")
    text_size: int = json.loads(head)["patterns"][0][0]
    return len(head) + 1 + text_size


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data[:-4] + bytes(4),  # the last program altered
        lambda data: data[:-4] + data[-8:-4],  # ... in another way
        lambda data: b"not json\n" + data,  # a header that is not ours
        lambda data: b"",  # empty
        lambda data: data.replace(b'"engine": "', b'"engine": "other', 1),
        lambda data: data.replace(b'"patterns": [[', b'"patterns": [["x", ', 1),
        lambda data: (
            bytes(data[: first_program_byte(data)])
            + b"\x07" * 8
            + data[first_program_byte(data) + 8 :]
        ),
    ],
)
def test_a_damaged_pack_is_ignored_and_made_again_on_the_next_run(
    tmp_path: Path, damage: object
) -> None:
    bundled_rules.cache_clear()
    bundled_rules(tmp_path)
    (path,) = kept_files(tmp_path)
    good = path.read_bytes()
    path.write_bytes(damage(good))  # type: ignore[operator]
    bundled_rules.cache_clear()
    rules = bundled_rules(tmp_path)
    plain = bundled_rules()
    for name in LIST_NAMES:  # the damaged program is found when its list is asked for
        assert rules.matcher(name) == plain.matcher(name)
    bundled_rules.cache_clear()
    bundled_rules(tmp_path)  # the next run makes it again
    assert path.read_bytes() == good


def test_a_program_kept_for_another_text_is_not_used(tmp_path: Path) -> None:
    """The pack's first two texts swapped, each program left where it was: the CRC, taken over
    text and program together, sees that neither program belongs to the text beside it."""
    sources, path = kept_pack(tmp_path)
    first, second = sources[:2]
    head, _, body = path.read_bytes().partition(b"\n")
    fields = json.loads(head)
    (one_text, one_program, *_), (other_text, *_) = fields["patterns"][:2]
    one = body[:one_text]
    program = body[one_text : one_text + one_program]
    rest = body[one_text + one_program :]
    other, rest = rest[:other_text], rest[other_text:]
    fields["patterns"][0][0], fields["patterns"][1][0] = other_text, one_text
    path.write_bytes(json.dumps(fields).encode() + b"\n" + other + program + one + rest)
    pack = Pack(path)
    assert pack.compile(first) == re.compile(first)
    assert pack.compile(second) == re.compile(second)


def test_a_text_the_pack_does_not_hold_is_compiled(tmp_path: Path) -> None:
    _sources, path = kept_pack(tmp_path)
    assert Pack(path).compile("(?<!\\w)(?:not a bundled list)(?!\\w)").search("not a bundled list")
    assert Pack(tmp_path / "missing.bin").compile("x") == re.compile("x")


def test_a_cache_folder_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    made: list[str] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(saved_module, "_program", made.append)
        bundled_rules.cache_clear()
        rules = bundled_rules(blocked / "cache")
        assert rules.matcher("venting") == bundled_rules().matcher("venting")
    assert made == []  # no program made for nothing
    assert dict(rules.lists) == dict(bundled_rules().lists)


def test_the_kept_rules_are_the_bundled_rules(tmp_path: Path) -> None:
    bundled_rules.cache_clear()
    first = bundled_rules(tmp_path)
    assert cache_file(tmp_path, BUNDLED.read_bytes()).exists()
    bundled_rules.cache_clear()
    again = bundled_rules(tmp_path)  # read from the JSON this time
    plain = bundled_rules()
    for rules in (first, again):
        assert dict(rules.lists) == dict(plain.lists)
        assert (rules.language, rules.description) == (plain.language, plain.description)
        assert check_goal(GOAL, rules=rules) == check_goal(GOAL, rules=plain)


@pytest.mark.parametrize(
    "content",
    [
        "{",
        "[]",
        {"format": 999},
        {"names": ["keep"]},
        {"rules": "language: en"},
        {"lists": {"nope": []}},
        {"lists": {"keep": [1]}},
        {"language": None},
    ],
)
def test_damaged_kept_rules_are_read_from_the_yaml_again(
    tmp_path: Path, content: str | dict[str, object]
) -> None:
    path = cache_file(tmp_path, BUNDLED.read_bytes())
    bundled_rules.cache_clear()
    bundled_rules(tmp_path)
    if isinstance(content, dict):  # the file as written, with one thing changed
        content = json.dumps({**json.loads(path.read_text()), **content})
    path.write_text(content)
    bundled_rules.cache_clear()
    rules = bundled_rules(tmp_path)
    assert dict(rules.lists) == dict(bundled_rules().lists)
    assert json.loads(path.read_text())["lists"]["keep"]  # written again, whole


def test_what_was_kept_for_older_rules_is_removed_when_the_rules_change(tmp_path: Path) -> None:
    old_rules = tmp_path / "rules-00000000000000001.json"
    old_pattern = tmp_path / "pattern-00000000000000001.bin"  # kept a list a file, before packs
    old_pack = tmp_path / "patterns-00000000000000001.bin"
    for old in (old_rules, old_pattern, old_pack):
        old.write_text("from an older tpcycle")
    bundled_rules.cache_clear()
    bundled_rules(tmp_path)
    assert not old_rules.exists()
    assert not old_pattern.exists()
    assert not old_pack.exists()
    assert kept_files(tmp_path)
    assert cache_file(tmp_path, BUNDLED.read_bytes()).exists()


def test_no_name_of_the_pair_is_kept_in_the_cache(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    bundled_rules.cache_clear()
    rules = bundled_rules(folder)
    for name in LIST_NAMES:  # every list, asked for as the checks of a cycle ask for it
        rules.matcher(name, "Zelinda Quorr", "Xavierre Pell")
    kept = b"".join(path.read_bytes() for path in folder.iterdir())
    assert kept_files(folder)  # the lists without names were kept ...
    for first in ("zelinda", "xavierre"):  # the lists hold the pair's first names
        assert first.encode() not in kept.lower()  # ... and nothing that holds a name,
        assert first.encode("utf-32-le") not in kept  # as text or in a program
    assert rules.matcher("deference", "Zelinda Quorr", "Xavierre Pell") is not None


def test_a_changed_rules_file_has_another_key(tmp_path: Path) -> None:
    raw = BUNDLED.read_bytes()
    assert cache_file(tmp_path, raw) != cache_file(tmp_path, raw + b"\n# changed\n")


@pytest.mark.slow
def test_check_does_not_load_pyyaml_once_the_rules_are_kept(run: Run, cache_home: Path) -> None:
    run("new", "goal", GOAL, "--teacher", NAMES[0], "--partner", NAMES[1])
    cache = cache_home / "tpcycle"
    assert list(cache.glob("rules-*.json"))  # new goal's hints keep the rules too ...
    shutil.rmtree(cache)  # ... start from an empty cache
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    command = [sys.executable, "-X", "importtime", "-m", "tpcycle", "check"]
    runs = [subprocess.run(command, capture_output=True, text=True, env=env) for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0]
    assert runs[0].stdout == runs[1].stdout
    loaded = [{line.split("|")[-1].strip() for line in r.stderr.splitlines()} for r in runs]
    assert "yaml" in loaded[0]  # the first run reads the YAML and keeps what it read
    assert "yaml" not in loaded[1]
    assert kept_files(cache)


def test_a_name_is_kept_for_the_lists_only_when_the_text_mentions_it() -> None:
    assert mentioned("Priya Nair", ["Asked PRIYA what she thought"]) == "Priya Nair"
    assert mentioned("Priya Nair", ["Asked my coach", "Nair said"]) == ""  # first names only
    assert mentioned("", ["anything"]) == ""


def corpus_sentences() -> list[str]:
    cycles = yaml.safe_load((ROOT / "benchmarks" / "corpus" / "cycles.yaml").read_text())
    texts = [str(e["text"]) for c in cycles for e in c["entries"]]
    return [s.text for text in texts for s in sentences(text)]


def test_lists_with_names_find_the_same_without_them_in_text_that_does_not_hold_them() -> None:
    """What lets a cycle that never mentions its pair use the name-free pattern (kept between
    runs): on every corpus sentence without the names, both patterns find the same matches."""
    rules = bundled_rules()
    named = [n for n in LIST_NAMES if any("{" in p for p in rules.lists.get(n, ()))]
    assert {"deference", "attribution"} <= set(named)
    texts = corpus_sentences()
    for teacher, partner in (("Ana Ruiz", "Sam Lee"), ("Dana Kowalski", "Priya Nair")):
        absent = [t for t in texts if not mentioned(teacher, [t]) and not mentioned(partner, [t])]
        assert len(absent) > 500
        for name in named:
            with_names = rules.matcher(name, teacher, partner)
            without = rules.matcher(name)
            assert with_names is not None and without is not None
            for text in absent:
                found = [(m.span(), m.group(0)) for m in with_names.finditer(text)]
                assert found == [(m.span(), m.group(0)) for m in without.finditer(text)], text
                assert bool(with_names.fullmatch(text)) == bool(without.fullmatch(text))


@pytest.mark.parametrize("names", [("", ""), NAMES, ("Ìyá|O'Neil", "{teacher} Lee")])
def test_a_list_pattern_is_its_phrases_each_changed_then_joined(names: tuple[str, str]) -> None:
    """list_pattern changes the joined phrases once; the same as changing each phrase alone,
    whatever the names hold (the key of a kept pattern is its whole text)."""
    rules = bundled_rules()
    holders = {"{teacher}": names[0], "{partner}": names[1]}
    for name in LIST_NAMES:
        phrases = rules.lists.get(name, ())
        each = []
        for phrase in phrases:
            body = phrase.replace(" ... ", GAP)
            for holder, person in holders.items():
                first = person.split()[0] if person.split() else ""
                body = body.replace(holder, re.escape(first.casefold()) if first else NEVER)
            each.append(body)
        assert list_pattern(phrases, *names) == r"(?<!\w)(?:" + "|".join(each) + r")(?!\w)"
