"""Conversation protocols: the strict loader's rules for them, and where a conversation is."""

from __future__ import annotations

from pathlib import Path

import pytest

from tpcycle.conversation import (
    Answer,
    Conversation,
    Spot,
    after_question,
    after_step,
    by_section,
    next_section,
    placed_after,
    previous_section,
    question_at,
    redacted,
)
from tpcycle.domain import Entry, Role, Step
from tpcycle.errors import ProtocolError
from tpcycle.protocol import Kind
from tpcycle.protocols import Library, bundled_dir, parse_protocol

CONVERSATION = """\
name: tiny-talk
version: "1"
kind: conversation
title: Tiny talk
description: Two parts.
sections:
  - name: First part
    questions:
      - id: one
        text: What happened?
        hint: One example.
        ask: teacher
      - {id: two, text: What else?}
  - name: Second part
    questions:
      - id: three
        text: What next?
        ask: partner
"""


def problems_of(text: str) -> tuple[str, ...]:
    with pytest.raises(ProtocolError) as caught:
        parse_protocol(text.encode(), Path("p.yaml"))
    return caught.value.problems


def test_a_conversation_protocol_loads_its_sections_in_order() -> None:
    protocol = parse_protocol(CONVERSATION.encode(), Path("p.yaml"))
    assert protocol.kind is Kind.CONVERSATION and protocol.is_conversation
    assert [s.name for s in protocol.sections] == ["First part", "Second part"]
    assert [q.id for q in protocol.sections[0].questions] == ["one", "two"]
    assert protocol.sections[0].questions[0].hint == "One example."
    assert protocol.sections[1].questions[0].ask.value == "partner"
    assert protocol.steps == {}


def test_the_four_bundled_conversations_are_conversations() -> None:
    library = Library(bundled=bundled_dir(), user=None)
    for name in ("pre-observation", "post-observation", "consultancy", "four-lenses"):
        protocol = library.load(name)
        assert protocol.is_conversation and len(protocol.sections) >= 3, name
    assert not library.load("default").is_conversation  # no kind: the six steps, as before


def test_steps_and_sections_together_are_refused_with_their_place() -> None:
    text = CONVERSATION + "steps:\n  goal:\n    - {id: g, text: Goal?}\n"
    (problem,) = problems_of(text)
    assert problem.startswith("p.yaml:6:1: a protocol has either 'steps'")


def test_sections_without_the_conversation_kind_are_refused() -> None:
    problems = problems_of(CONVERSATION.replace("kind: conversation\n", ""))
    assert problems == (
        "p.yaml:5:1: a cycle protocol has 'steps', not 'sections' (add 'kind: conversation')",
    )


def test_an_unknown_kind_is_refused() -> None:
    (problem,) = problems_of(CONVERSATION.replace("kind: conversation", "kind: chat"))
    assert problem == "p.yaml:3:7: 'kind' must be cycle or conversation"


def test_an_empty_section_is_refused() -> None:
    text = CONVERSATION.replace(
        "  - name: Second part\n    questions:\n", "  - name: Second part\n    questions: []\n"
    ).split("      - id: three")[0]
    problems = problems_of(text)
    assert any("section 'Second part' needs at least one question" in p for p in problems)
    assert problems[0].startswith("p.yaml:15:16:")


def test_duplicate_section_names_are_refused_whatever_their_case() -> None:
    problems = problems_of(CONVERSATION.replace("Second part", "first PART"))
    assert problems == ("p.yaml:14:11: the section name 'first PART' is used twice",)


def test_a_conversation_needs_sections_and_they_need_names_and_questions() -> None:
    assert problems_of(CONVERSATION.split("sections:")[0]) == (
        "p.yaml:1:1: missing required key 'sections'",
    )
    problems = problems_of(CONVERSATION.replace("  - name: Second part\n", "  - nom: Second\n"))
    assert any("unknown key 'nom' in a section" in p for p in problems)
    assert any("a section is missing 'name'" in p for p in problems)
    assert problems_of(CONVERSATION.split("  - name:")[0] + "  []\n")[0].endswith(
        "'sections' needs at least one section"
    )


def test_question_ids_are_unique_across_sections() -> None:
    problems = problems_of(CONVERSATION.replace("id: three", "id: one"))
    assert any("the question id 'one' is used twice" in p for p in problems)


def test_spots_move_through_sections() -> None:
    protocol = parse_protocol(CONVERSATION.encode(), Path("p.yaml"))
    assert question_at(protocol, Spot(0, 1)) is not None
    assert question_at(protocol, Spot(5)) is None
    assert after_question(protocol, Spot(0, 0)) == Spot(0, 1)
    assert after_question(protocol, Spot(0, 1)) == Spot(1, 0)
    assert after_question(protocol, Spot(1, 0)) is None
    assert next_section(protocol, Spot(1)) is None
    assert previous_section(Spot(0, 1)) == Spot(0)
    assert Spot.decode(Spot(1, 2).encode(7)) == (7, Spot(1, 2))
    for bad in (None, "", "x", "1:2", "1:-2:0", "a:b:c"):
        assert Spot.decode(bad) is None


def _entry(step: Step, at: str) -> Entry:
    return Entry(1, "u", 1, step, "Ana", Role.TEACHER, "t", False, at)


def _talk(at: str, answers: tuple[Answer, ...] = ()) -> Conversation:
    return Conversation(1, "c", 1, "pre-observation", "1", "Pre", at, answers)


def test_a_conversation_sits_after_the_furthest_step_written_before_it() -> None:
    entries = [
        _entry(Step.GOAL, "2026-01-01T09:00:00Z"),
        _entry(Step.EVIDENCE, "2026-01-02T09:00:00Z"),
        _entry(Step.MOVE, "2026-01-05T09:00:00Z"),
    ]
    early, middle = _talk("2025-12-31T09:00:00Z"), _talk("2026-01-03T09:00:00Z")
    assert placed_after(entries, early) is Step.GOAL
    assert placed_after(entries, middle) is Step.EVIDENCE
    assert after_step(entries, [middle, early], Step.EVIDENCE) == [middle]


def test_answers_group_by_section_in_time_order_and_redact() -> None:
    def answer(i: int, section: str, role: Role = Role.TEACHER) -> Answer:
        return Answer(
            i, f"a{i}", 1, section, "Q about Maria?", "Ana", role, "Maria", False, f"t{i}"
        )

    answers = (answer(2, "A"), answer(1, "A"), answer(3, "B"), answer(4, "A", Role.OTHER))
    assert [(s, [a.id for a in group]) for s, group in by_section(answers)] == [
        ("A", [1, 2]),
        ("B", [3]),
        ("A", [4]),
    ]
    hidden = redacted(_talk("t", answers), lambda t: t.replace("Maria", "Student A"), str.upper)
    assert {a.text for a in hidden.answers} == {"Student A"}
    assert {a.question for a in hidden.answers} == {"Q about Student A?"}
    assert [a.author for a in hidden.answers] == ["ANA", "ANA", "ANA", "Ana"]


def test_the_conversation_example_in_the_docs_loads() -> None:
    page = (Path(__file__).resolve().parents[1] / "docs" / "protocols.md").read_text()
    blocks = [e.split("```")[0] for e in page.split("```yaml\n")[1:]]
    examples = [b for b in blocks if "kind: conversation" in b]
    assert len(examples) == 1
    protocol = parse_protocol(examples[0].encode(), Path("docs-example.yaml"))
    assert protocol.is_conversation and [s.name for s in protocol.sections] == [
        "The teacher first",
        "What the observer wrote down",
        "One thing to try",
    ]
