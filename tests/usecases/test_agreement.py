"""The pair's agreement: answers kept as dated rows, offered again, carried in bundles."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.usecases.helpers import LIBRARY, journal_at, start
from tpcycle.agreement_bundle import checksum
from tpcycle.bundle import read_bundle
from tpcycle.cli.agreement import questions
from tpcycle.domain import Role, Step
from tpcycle.errors import InvalidInput, NotFound
from tpcycle.messages_partnership import Partnership
from tpcycle.protocol import Protocol
from tpcycle.store import Journal
from tpcycle.usecases import agreement as agreed
from tpcycle.usecases import choosing, cycles, identity, privacy, recording
from tpcycle.usecases.agreement import Pair
from tpcycle.usecases.exchange import import_bundle, share_cycle

PAIR = Pair("Ana Ruiz", "Sam Lee")


@pytest.fixture
def protocol() -> Protocol:
    return questions()


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    j = journal_at(tmp_path / "j.db")
    yield j
    j.close()


def say(journal: Journal, protocol: Protocol, key: str, text: str, by: str | None = None) -> None:
    agreed.answer(journal, PAIR, agreed.question_by_key(protocol, key), text, by=by)


def test_the_agreement_protocol_has_the_pairs_questions(protocol: Protocol) -> None:
    keys = [q.id for q in agreed.all_questions(protocol)]
    for key in ("shared-impact", "how-we-work", "keeping-it-connected", "between-us"):
        assert key in keys
    assert {"disagreeing", "what-i-want-to-learn", "how-often"} <= set(keys)
    assert "agreement" not in LIBRARY.files()  # never offered as a cycle's protocol


def test_every_change_is_kept_with_its_date(journal: Journal, protocol: Protocol) -> None:
    assert agreed.get_agreement(journal, PAIR) is None
    say(journal, protocol, "how-often", "Every Thursday")
    say(journal, protocol, "how-often", "Every other Thursday", by="partner")
    say(journal, protocol, "how-often", "Every other Thursday")  # the same words: no new row
    now = agreed.get_agreement(journal, PAIR)
    assert now is not None
    assert [a.text for a in now.changes] == ["Every Thursday", "Every other Thursday"]
    assert [(a.text, a.role) for a in now.answers_to("how-often")] == [
        ("Every other Thursday", Role.PARTNER)
    ]
    assert now.started_at < now.revisited_at


def test_a_question_for_both_keeps_each_persons_answer(
    journal: Journal, protocol: Protocol
) -> None:
    say(journal, protocol, "what-i-want-to-learn", "Wait time", by="teacher")
    say(journal, protocol, "what-i-want-to-learn", "Asking less", by="Sam")
    now = agreed.get_agreement(journal, PAIR)
    assert now is not None
    assert sorted((a.part, a.text) for a in now.answers_to("what-i-want-to-learn")) == [
        ("partner", "Asking less"),
        ("teacher", "Wait time"),
    ]


def test_the_pair_is_found_by_name_whatever_the_accents(
    journal: Journal, protocol: Protocol
) -> None:
    say(journal, protocol, "shared-impact", "More reasons in writing")
    assert agreed.get_agreement(journal, Pair("ANA RUÍZ", "sam  lee")) is not None
    assert agreed.get_agreement(journal, Pair("Ana Ruiz", "Jo Park")) is None


def test_bad_keys_names_and_text_are_refused(journal: Journal, protocol: Protocol) -> None:
    with pytest.raises(InvalidInput) as caught:
        agreed.question_by_key(protocol, "nope")
    assert caught.value.message_id is Partnership.AGREEMENT_UNKNOWN_KEY
    assert "how-often" in caught.value.message
    with pytest.raises(InvalidInput):
        say(journal, protocol, "how-often", "  \x1b  ")
    with pytest.raises(InvalidInput):
        say(journal, protocol, "how-often", "x", by="Jordan")
    with pytest.raises(InvalidInput) as only_one:
        agreed.find_pair(journal, None, "Ana", None)
    assert only_one.value.message_id is Partnership.AGREEMENT_NAME_BOTH
    with pytest.raises(NotFound):
        agreed.find_pair(journal, None, None, None)  # no cycle to take the pair from
    assert agreed.get_agreement(journal, PAIR) is None


def _cycle(journal: Journal, protocol: str = "default") -> int:
    new = cycles.NewCycle("Ana Ruiz", "Sam Lee", LIBRARY.load(protocol))
    return cycles.start_cycle(journal, new, "Students explain their reasoning").cycle.id


def test_the_agreement_is_offered_again_after_three_cycles(
    journal: Journal, protocol: Protocol
) -> None:
    first = _cycle(journal, "partnership-start")
    with journal.read() as uow:
        cycle = choosing.cycle_or_error(uow, first)
        assert agreed.nudge(uow, cycle) is not None
        assert agreed.nudge(uow, cycle).id is Partnership.AGREEMENT_NONE_YET  # type: ignore[union-attr]
    say(journal, protocol, "shared-impact", "More reasons in writing")
    for _ in range(2):
        _cycle(journal)
    cycle = cycles.get_cycle(journal, None)
    assert agreed.nudge_for(journal, cycle) is None
    _cycle(journal)
    offer = agreed.nudge_for(journal, cycles.get_cycle(journal, None))
    assert offer is not None and offer.id is Partnership.AGREEMENT_DUE
    say(journal, protocol, "how-often", "Fridays")  # revisited: quiet again
    assert agreed.nudge_for(journal, cycles.get_cycle(journal, None)) is None


def test_partnership_start_no_longer_records_agreements_as_interpretations() -> None:
    protocol = LIBRARY.load("partnership-start")
    texts = " ".join(q.text for q in protocol.questions(Step.INTERPRETATION)).lower()
    assert "agree" not in texts and "how often we meet" not in texts
    assert any("agreement" in norm for norm in protocol.norms)


def _share(journal: Journal) -> str:
    sent: list[str] = []
    share_cycle(journal, None, include_private=False, redact=True, deliver=sent.append)
    return sent[0]


def test_the_agreement_travels_in_the_bundle_once(tmp_path: Path, protocol: Protocol) -> None:
    ana, sam = journal_at(tmp_path / "a.db"), journal_at(tmp_path / "s.db")
    start(ana)
    say(ana, protocol, "shared-impact", "More reasons in writing")
    say(ana, protocol, "what-i-want-to-learn", "Asking less", by="partner")
    bundle = _share(ana)
    first = import_bundle(sam, read_bundle(bundle.encode(), "b.json"))
    assert any("2 agreement answers" in note for note in first.notes)
    again = import_bundle(sam, read_bundle(bundle.encode(), "b.json"))
    assert not any("agreement" in note for note in again.notes)
    now = agreed.get_agreement(sam, PAIR)
    assert now is not None and len(now.changes) == 2
    # An older tpcycle's bundle has no agreement list and still imports.
    document = json.loads(bundle)
    del document["agreement"], document["agreement_checksum"]
    plain = import_bundle(sam, read_bundle(json.dumps(document).encode(), "old.json"))
    assert plain.notes == []


Damage = Callable[[dict[str, Any]], None]


@pytest.mark.parametrize(
    ("damage", "reseal"),
    [
        (lambda d: d["agreement"][0].update(text="changed"), False),  # the checksum fails
        (lambda d: d.update(agreement="nonsense"), True),
        (lambda d: d["agreement"][0].update(role="coach"), True),
        (lambda d: d["agreement"][0].update(key="../etc"), True),
        (lambda d: d["agreement"][0].update(text=""), True),
        (lambda d: d["agreement"][0].pop("uid"), True),
    ],
)
def test_a_damaged_agreement_is_left_out_and_the_cycle_still_imports(
    tmp_path: Path, protocol: Protocol, damage: Damage, reseal: bool
) -> None:
    ana, sam = journal_at(tmp_path / "a.db"), journal_at(tmp_path / "s.db")
    start(ana)
    say(ana, protocol, "shared-impact", "More reasons in writing")
    document = json.loads(_share(ana))
    damage(document)
    if reseal:  # a matching checksum, so the field check is what refuses it
        document["agreement_checksum"] = checksum(document["agreement"])
    report = import_bundle(sam, read_bundle(json.dumps(document).encode(), "b.json"))
    assert report.new_cycle and any("damaged" in note for note in report.notes)
    assert agreed.get_agreement(sam, PAIR) is None


def test_entries_in_my_own_voice_from_the_other_machine_are_kept_and_said(
    tmp_path: Path,
) -> None:
    ana, sam = journal_at(tmp_path / "a.db"), journal_at(tmp_path / "s.db")
    identity.set_me(ana, Role.PARTNER, "Sam Lee")  # Ana's laptop wrongly claims to be Sam
    identity.set_me(sam, Role.PARTNER, "Sam Lee")
    start(ana)
    recording.add_entry(ana, cycle_id=None, step=Step.EVIDENCE, text="6 of 24")
    report = import_bundle(sam, read_bundle(_share(ana).encode(), "b.json"))
    assert len(report.added) == 2
    assert any("your own voice" in note for note in report.notes)


def test_the_agreement_goes_on_top_of_an_export_when_asked(
    journal: Journal, protocol: Protocol
) -> None:
    from tpcycle.usecases.export import Format, Request, cycle_document

    start(journal)
    privacy.add_students(journal, ["Maya"])
    say(journal, protocol, "shared-impact", "Maya and the others [x](y) *write* reasons")
    plain = cycle_document(journal, Request([]), Format.markdown).text
    assert "Our agreement" not in plain
    text = cycle_document(journal, Request([], with_agreement=True), Format.markdown).text
    assert text.startswith("---\n")
    assert text.index("# Our agreement") < text.index("# Cycle 1")
    assert "Maya" not in text and "\\[x\\]" in text
    data = json.loads(cycle_document(journal, Request([], with_agreement=True), Format.json).text)
    assert data["agreement"]["answers"][0]["key"] == "shared-impact"
    assert data["id"] == 1


def test_the_partners_words_typed_on_the_teachers_laptop_are_no_alarm(tmp_path: Path) -> None:
    ana, sam = journal_at(tmp_path / "a.db"), journal_at(tmp_path / "s.db")
    identity.set_me(ana, Role.TEACHER, "Ana Ruiz")
    identity.set_me(sam, Role.PARTNER, "Sam Lee")
    start(ana)
    recording.add_entry(ana, cycle_id=None, step=Step.REFLECTION, text="I learned", by="partner")
    bundle = _share(ana)
    assert json.loads(bundle)["speaks_for"] == {"role": "teacher", "name": "Ana Ruiz"}
    report = import_bundle(sam, read_bundle(bundle.encode(), "b.json"))
    assert len(report.added) == 2 and report.notes == []


@pytest.mark.parametrize("bad", ["Sam", {"role": "coach", "name": "Sam"}, {"role": "partner"}])
def test_a_bad_speaks_for_is_ignored(tmp_path: Path, bad: object) -> None:
    ana, sam = journal_at(tmp_path / "a.db"), journal_at(tmp_path / "s.db")
    identity.set_me(sam, Role.TEACHER, "Ana Ruiz")
    start(ana)
    document = json.loads(_share(ana))
    document["speaks_for"] = bad
    bundle = read_bundle(json.dumps(document).encode(), "b.json")
    assert bundle.speaks_for is None
    assert import_bundle(sam, bundle).notes == []
