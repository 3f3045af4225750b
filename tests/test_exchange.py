"""Two laptops, two journals: share, import, merge by uid, conflicts kept, bad bundles refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Run, rows
from tpcycle.bundle import Action, Incoming, decide, read_bundle
from tpcycle.domain import Entry, Role, Step
from tpcycle.errors import InvalidInput


@pytest.fixture
def laptops(run: Run, tmp_path: Path) -> tuple[Run, Run, Path]:
    """Ana's and Sam's machines: two journals, the same program."""
    a, b = tmp_path / "ana" / "j.db", tmp_path / "sam" / "j.db"

    def ana(*args: str, ok: bool = True, input: str | None = None):  # type: ignore[no-untyped-def]
        return run("--db", str(a), *args, ok=ok, input=input)

    def sam(*args: str, ok: bool = True, input: str | None = None):  # type: ignore[no-untyped-def]
        return run("--db", str(b), *args, ok=ok, input=input)

    return ana, sam, tmp_path


def test_the_two_laptop_round_trip(laptops: tuple[Run, Run, Path]) -> None:
    ana, sam, tmp = laptops
    ana("new", "goal", "Students explain their reasoning", "--teacher", "Ana", "--partner", "Sam")
    ana("log", "evidence", "6 of 24 gave a reason", "-m", "gave a reason=6/24")
    ana("interpret", "a private worry", "--private")
    ana("share", "-o", str(tmp / "to-sam.json"))

    imported = sam("import", str(tmp / "to-sam.json"))
    assert "Imported new cycle 1" in imported.stderr
    assert "2 added" in imported.stderr
    sam("interpret", "Maybe the word 'reason' is new to them", "--by", "partner")
    sam("log", "evidence", "15 of 24", "--new", "-m", "gave a reason=15/24", "--by", "partner")
    sam("share", "-o", str(tmp / "to-ana.json"))

    back = ana("import", str(tmp / "to-ana.json"))
    assert "2 added" in back.stderr and "2 already here" in back.stderr
    assert ana("export").stdout == sam("export").stdout
    assert "a private worry" not in sam("show").stdout
    assert "a private worry" in ana("show").stdout  # still on Ana's own machine


def test_importing_twice_changes_nothing(laptops: tuple[Run, Run, Path]) -> None:
    ana, sam, tmp = laptops
    ana("new", "goal", "g")
    ana("log", "evidence", "e", "-m", "x=1/2")
    ana("share", "-o", str(tmp / "b.json"))
    sam("import", str(tmp / "b.json"))
    before = sam("show", "--json").stdout
    again = sam("import", str(tmp / "b.json"))
    assert "0 added, 0 updated" in again.stderr
    assert sam("show", "--json").stdout == before


def test_an_edit_on_one_side_is_taken(laptops: tuple[Run, Run, Path]) -> None:
    ana, sam, tmp = laptops
    ana("new", "goal", "g")
    ana("log", "evidence", "first wording")
    ana("share", "-o", str(tmp / "1.json"))
    sam("import", str(tmp / "1.json"))
    ana("edit", "2", "second wording")
    ana("share", "-o", str(tmp / "2.json"))
    result = sam("import", str(tmp / "2.json"))
    assert "1 updated" in result.stderr
    assert rows(tmp / "sam" / "j.db", "SELECT text FROM entries WHERE id = 2") == [
        ("second wording",)
    ]
    # and an older bundle arriving late does not undo the edit
    late = sam("import", str(tmp / "1.json"))
    assert "kept as yours" in late.stderr
    assert rows(tmp / "sam" / "j.db", "SELECT text FROM entries WHERE id = 2") == [
        ("second wording",)
    ]


def test_an_edit_on_both_sides_is_kept_on_both_and_reported(
    laptops: tuple[Run, Run, Path],
) -> None:
    ana, sam, tmp = laptops
    ana("new", "goal", "g")
    ana("log", "evidence", "original")
    ana("share", "-o", str(tmp / "1.json"))
    sam("import", str(tmp / "1.json"))
    ana("edit", "2", "Ana's wording")
    sam("edit", "2", "Sam's wording")
    ana("share", "-o", str(tmp / "a.json"))
    sam("share", "-o", str(tmp / "s.json"))
    at_ana = ana("import", str(tmp / "s.json"))
    at_sam = sam("import", str(tmp / "a.json"))
    for result in (at_ana, at_sam):
        assert "changed on both machines" in result.stderr
    for side in ("ana", "sam"):
        texts = {t for (t,) in rows(tmp / side / "j.db", "SELECT text FROM entries")}
        assert {"Ana's wording", "Sam's wording"} <= texts
    # exchanging again neither duplicates the versions nor reports the conflict again
    ana("share", "-o", str(tmp / "a2.json"))
    again = sam("import", str(tmp / "a2.json"))
    assert "changed on both machines" not in again.stderr
    assert rows(tmp / "sam" / "j.db", "SELECT count(*) FROM entries") == [(3,)]
    assert "OTHER MACHINE'S VERSION of #2" in sam("show").stdout


def test_forgotten_entries_are_not_brought_back(laptops: tuple[Run, Run, Path]) -> None:
    ana, sam, tmp = laptops
    ana("new", "goal", "g")
    ana("log", "evidence", "to be forgotten")
    ana("share", "-o", str(tmp / "1.json"))
    sam("import", str(tmp / "1.json"))
    ana("forget", "2", "--yes")
    sam("share", "-o", str(tmp / "2.json"))
    result = ana("import", str(tmp / "2.json"))
    assert "1 you had forgotten left out" in result.stderr
    assert rows(tmp / "ana" / "j.db", "SELECT count(*) FROM entries") == [(1,)]


def test_student_names_do_not_travel(laptops: tuple[Run, Run, Path]) -> None:
    ana, sam, tmp = laptops
    ana("students", "add", "Lee")
    ana("new", "goal", "g")
    ana("log", "evidence", "Lee gave a reason")
    ana("share", "-o", str(tmp / "1.json"))
    assert "Lee" not in (tmp / "1.json").read_text()
    sam("import", str(tmp / "1.json"))
    sam("share", "-o", str(tmp / "2.json"))
    echoed = ana("import", str(tmp / "2.json"))  # the alias coming back is not an edit
    assert "changed on both" not in echoed.stderr and "0 updated" in echoed.stderr
    assert rows(tmp / "ana" / "j.db", "SELECT text FROM entries WHERE id = 2") == [
        ("Lee gave a reason",)
    ]


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda text: text[: len(text) // 2], "cut short or damaged"),
        (lambda text: text.replace("6 of 24", "9 of 24"), "does not match its checksum"),
        (lambda text: text.replace('"version": 1', '"version": 99'), "newer tpcycle"),
        (lambda text: '{"hello": 1}', "not a tpcycle bundle"),
    ],
)
def test_bad_bundles_are_refused_and_change_nothing(
    laptops: tuple[Run, Run, Path], damage: object, message: str
) -> None:
    ana, sam, tmp = laptops
    ana("new", "goal", "g")
    ana("log", "evidence", "6 of 24")
    ana("share", "-o", str(tmp / "good.json"))
    sam("new", "goal", "Sam's own cycle")
    bad = tmp / "bad.json"
    bad.write_text(damage((tmp / "good.json").read_text()))  # type: ignore[operator]
    result = sam("import", str(bad), ok=False)
    assert result.exit_code == 1
    assert message in result.stderr
    assert rows(tmp / "sam" / "j.db", "SELECT count(*) FROM cycles") == [(1,)]


def test_share_to_standard_output_and_import_from_standard_input(
    laptops: tuple[Run, Run, Path],
) -> None:
    ana, sam, _tmp = laptops
    ana("new", "goal", "piped goal")
    bundle = ana("share").stdout
    assert json.loads(bundle)["format"] == "tpcycle-bundle"
    sam("import", "-", input=bundle)
    assert "piped goal" in sam("show").stdout


def test_bundle_reader_checks_entry_hashes() -> None:
    with pytest.raises(InvalidInput):
        read_bundle(b"\xff\xfe", "x.json")


def incoming(hash_: str, base: str | None) -> Incoming:
    e = Entry(0, "u", 0, Step.EVIDENCE, "A", Role.TEACHER, "t", False, "2026-01-01T00:00:00Z")
    return Incoming(e, hash_, base)


@pytest.mark.parametrize(
    ("theirs", "mine", "seen", "forgotten", "action"),
    [
        (incoming("h1", None), None, set(), False, Action.ADD),
        (incoming("h1", None), None, set(), True, Action.FORGOTTEN),
        (incoming("h1", "h0"), "h1", {"h0"}, False, Action.SAME),
        (incoming("h2", "h1"), "h1", {"h1"}, False, Action.TAKE),
        (incoming("h1", None), "h2", {"h1", "h2"}, False, Action.KEEP),
        (incoming("hB", "h1"), "hA", {"h1"}, False, Action.CONFLICT),
    ],
)
def test_import_decisions(
    theirs: Incoming, mine: str | None, seen: set[str], forgotten: bool, action: Action
) -> None:
    assert decide(theirs, mine, frozenset(seen), forgotten) is action
