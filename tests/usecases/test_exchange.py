"""Two laptops, two journals: share, import, merge by uid, conflicts kept, bad bundles refused.

The exchange use cases called directly: ``share_cycle`` hands the bundle text to ``deliver``, and
``import_bundle`` merges a bundle read with ``read_bundle``. Assertions are on the reports and the
journals, not on printed prose.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from tests.usecases.helpers import journal_at, start
from tpcycle.bundle import Action, Incoming, decide, read_bundle, write_bundle
from tpcycle.domain import Cycle, Entry, Role, Step
from tpcycle.errors import InvalidInput
from tpcycle.measures import parse_measure
from tpcycle.store import Journal
from tpcycle.usecases import cycles, privacy
from tpcycle.usecases.exchange import ImportReport, import_bundle, share_cycle
from tpcycle.usecases.export import Format, Request, cycle_document
from tpcycle.usecases.recording import add_entry


@pytest.fixture
def ana(tmp_path: Path) -> Iterator[Journal]:
    journal = journal_at(tmp_path / "ana" / "j.db")
    yield journal
    journal.close()


@pytest.fixture
def sam(tmp_path: Path) -> Iterator[Journal]:
    journal = journal_at(tmp_path / "sam" / "j.db")
    yield journal
    journal.close()


def share(journal: Journal, cycle_id: int | None = None, *, include_private: bool = False) -> str:
    """Share a cycle and return the bundle text that was delivered."""
    delivered: list[str] = []
    share_cycle(
        journal, cycle_id, include_private=include_private, redact=True, deliver=delivered.append
    )
    assert len(delivered) == 1
    return delivered[0]


def take(journal: Journal, bundle: str) -> ImportReport:
    return import_bundle(journal, read_bundle(bundle.encode(), "bundle.json"))


def log(journal: Journal, text: str, step: Step = Step.EVIDENCE, **how: str) -> int:
    measures = tuple(parse_measure(m) for m in how.pop("measures", "").split(";") if m)
    by = how.pop("by", None)
    assert not how
    saved = add_entry(journal, cycle_id=None, step=step, text=text, by=by, measures=measures)
    return saved.entry.id


def texts(journal: Journal, cycle_id: int = 1) -> list[str]:
    return [e.text for e in cycles.get_cycle(journal, cycle_id).entries]


def synced(journal: Journal) -> dict[str, str | None]:
    uids = [e.uid for e in cycles.get_cycle(journal, None).entries]
    with journal.read() as uow:
        return uow.sync.synced_hashes(uids)


def markdown(journal: Journal) -> str:
    return cycle_document(journal, Request([]), Format.markdown).text


def test_the_two_laptop_round_trip(ana: Journal, sam: Journal) -> None:
    start(ana, "Students explain their reasoning", teacher="Ana", partner="Sam")
    log(ana, "6 of 24 gave a reason", measures="gave a reason=6/24")
    log(ana, "a private worry", Step.INTERPRETATION)
    privacy.edit_entry(ana, 3, text=None, private=True)
    delivered: list[str] = []
    shown, left_out = share_cycle(
        ana, None, include_private=False, redact=True, deliver=delivered.append
    )
    assert (len(shown.entries), left_out) == (2, 1)

    first = take(sam, delivered[0])
    assert first.new_cycle and (len(first.added), first.updated, first.conflicts) == (2, [], [])
    assert first.cycle.goal == "Students explain their reasoning"
    assert cycles.get_cycle(sam, None).id == first.cycle.id  # an empty journal makes it current
    log(sam, "Maybe the word 'reason' is new to them", Step.INTERPRETATION, by="partner")
    log(sam, "15 of 24", Step.NEW_EVIDENCE, by="partner", measures="gave a reason=15/24")

    back = take(ana, share(sam))
    assert not back.new_cycle
    assert (len(back.added), back.unchanged, back.conflicts) == (2, 2, [])
    assert markdown(ana) == markdown(sam)
    assert "a private worry" not in texts(sam)
    assert "a private worry" in texts(ana)  # still on Ana's own machine
    measures = [m for e in cycles.get_cycle(ana, 1).entries for m in e.measures]
    assert [(m.value, m.total) for m in measures] == [(6, 24), (15, 24)]


def test_importing_twice_changes_nothing(ana: Journal, sam: Journal) -> None:
    start(ana, "g")
    log(ana, "e", measures="x=1/2")
    bundle = share(ana)
    take(sam, bundle)
    before = cycles.get_cycle(sam, 1)
    again = take(sam, bundle)
    assert (again.added, again.updated, again.unchanged, again.new_cycle) == ([], [], 2, False)
    assert cycles.get_cycle(sam, 1) == before


def test_an_edit_on_one_side_is_taken_and_an_older_bundle_does_not_undo_it(
    ana: Journal, sam: Journal
) -> None:
    start(ana, "g")
    log(ana, "first wording")
    old = share(ana)
    take(sam, old)
    privacy.edit_entry(ana, 2, text="second wording", private=None)
    result = take(sam, share(ana))
    assert (result.updated, result.conflicts) == ([2], [])
    assert texts(sam) == ["g", "second wording"]
    late = take(sam, old)
    assert (late.kept_ours, late.updated) == (1, [])
    assert texts(sam) == ["g", "second wording"]


def test_an_edit_on_both_sides_is_kept_on_both_and_reported_once(
    ana: Journal, sam: Journal
) -> None:
    start(ana, "g")
    log(ana, "original")
    take(sam, share(ana))
    privacy.edit_entry(ana, 2, text="Ana's wording", private=None)
    privacy.edit_entry(sam, 2, text="Sam's wording", private=None)
    from_ana, from_sam = share(ana), share(sam)
    at_ana, at_sam = take(ana, from_sam), take(sam, from_ana)
    assert at_ana.conflicts == [(2, 3)] and at_sam.conflicts == [(2, 3)]
    for side in (ana, sam):
        assert set(texts(side)) == {"g", "Ana's wording", "Sam's wording"}
        copy = cycles.get_cycle(side, 1).entries[2]
        assert copy.conflict_of == cycles.get_cycle(side, 1).entries[1].uid
    # exchanging again neither duplicates the versions nor reports the conflict again
    again = take(sam, share(ana))
    assert (again.conflicts, again.added) == ([], [])
    assert len(texts(sam)) == 3


def test_forgotten_entries_are_not_brought_back(ana: Journal, sam: Journal) -> None:
    start(ana, "g")
    log(ana, "to be forgotten")
    take(sam, share(ana))
    privacy.forget_entry(ana, 2)
    result = take(ana, share(sam))
    assert (result.forgotten, result.added) == (1, [])
    assert texts(ana) == ["g"]


def test_student_names_do_not_travel(ana: Journal, sam: Journal) -> None:
    privacy.add_students(ana, ["Lee"])
    start(ana, "g", teacher="Ana", partner="Sam")
    log(ana, "Lee gave a reason")
    bundle = share(ana)
    assert "Lee" not in bundle and "Student A gave a reason" in bundle
    take(sam, bundle)
    echoed = take(ana, share(sam))  # the alias coming back is not an edit
    assert (echoed.updated, echoed.conflicts, echoed.unchanged) == ([], [], 2)
    assert texts(ana) == ["g", "Lee gave a reason"]


def test_a_share_that_cannot_be_delivered_leaves_the_journal_unchanged(ana: Journal) -> None:
    start(ana, "g")
    log(ana, "e")

    def disk_full(text: str) -> None:
        assert '"format": "tpcycle-bundle"' in text  # the bundle was ready to go
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        share_cycle(ana, None, include_private=False, redact=True, deliver=disk_full)
    assert set(synced(ana).values()) == {None}  # nothing recorded as exchanged
    with ana.read() as uow:
        assert uow.sync.versions([e.uid for e in cycles.get_cycle(ana, 1).entries]) == {}
    bundle = json.loads(share(ana))
    assert [e["base"] for e in bundle["entries"]] == [None, None]
    assert set(synced(ana).values()) != {None}  # a delivered share is recorded


def test_a_failed_share_does_not_turn_the_next_edit_into_a_conflict(
    ana: Journal, sam: Journal
) -> None:
    start(ana, "g")
    log(ana, "first wording")
    take(sam, share(ana))
    privacy.edit_entry(ana, 2, text="second wording", private=None)

    def unplugged(text: str) -> None:
        raise OSError(5, "Input/output error")

    with pytest.raises(OSError):
        share_cycle(ana, None, include_private=False, redact=True, deliver=unplugged)
    result = take(sam, share(ana))  # Sam still has the first wording, untouched
    assert (result.updated, result.conflicts) == ([2], [])
    assert texts(sam) == ["g", "second wording"]


def test_private_entries_travel_only_when_asked(ana: Journal, sam: Journal) -> None:
    start(ana, "g")
    log(ana, "kept here", Step.INTERPRETATION)
    privacy.edit_entry(ana, 2, text=None, private=True)
    assert "kept here" not in share(ana)
    take(sam, share(ana, include_private=True))
    assert [(e.text, e.private) for e in cycles.get_cycle(sam, 1).entries] == [
        ("g", False),
        ("kept here", True),
    ]


def test_a_closed_cycle_closes_on_the_other_side_and_goals_are_not_overwritten(
    ana: Journal, sam: Journal
) -> None:
    start(ana, "g")
    take(sam, share(ana))
    cycles.close_cycle(ana, 1)
    privacy.edit_entry(sam, 1, text="Sam's goal", private=None)
    result = take(sam, share(ana))
    assert cycles.get_cycle(sam, 1).status.value == "closed"
    assert cycles.get_cycle(sam, 1).goal == "Sam's goal"
    assert len(result.notes) == 2  # closed here too; their goal reads differently


def test_an_entry_that_belongs_to_another_cycle_here_is_refused_whole(
    ana: Journal, sam: Journal
) -> None:
    start(ana, "g")
    log(ana, "e")
    take(sam, share(ana))
    first = cycles.get_cycle(ana, 1)
    second = start(ana, "h").cycle
    misfiled: Cycle = replace(second, entries=(first.entries[1],))
    bundle = write_bundle(misfiled, {}, "2026-09-14T16:00:00Z")
    before = cycles.list_cycles(sam, entries=True)
    with pytest.raises(InvalidInput, match="belongs to another cycle"):
        take(sam, bundle)
    after = cycles.list_cycles(sam, entries=True)
    assert after.cycles == before.cycles  # the new cycle added first was rolled back too


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
    ana: Journal, sam: Journal, damage: Callable[[str], str], message: str
) -> None:
    start(ana, "g")
    log(ana, "6 of 24")
    good = share(ana)
    start(sam, "Sam's own cycle")
    before = cycles.list_cycles(sam, entries=True)
    with pytest.raises(InvalidInput, match=message):
        take(sam, damage(good))
    assert cycles.list_cycles(sam, entries=True) == before


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
    """What the import above does with each entry, decided from hashes alone (pure)."""
    assert decide(theirs, mine, frozenset(seen), forgotten) is action


def test_the_lesson_date_goes_with_the_shared_entry(ana: Journal, sam: Journal) -> None:
    start(ana, "Students explain their reasoning", teacher="Ana", partner="Sam")
    add_entry(ana, cycle_id=None, step=None, text="Tuesday's tickets", happened_at="2026-11-24")
    take(sam, share(ana))
    arrived = cycles.get_cycle(sam, None).entries
    assert [e.happened_at for e in arrived] == [None, "2026-11-24"]
