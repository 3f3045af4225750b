"""The protocol model: who a question is for; protocol text is cleaned on the way in."""

from __future__ import annotations

from pathlib import Path

import yaml

from tpcycle.domain import Role, Step
from tpcycle.protocol import Ask
from tpcycle.protocols import bundled_dir, parse_protocol


def test_a_question_asks_one_person_or_both() -> None:
    assert (Ask.TEACHER.role, Ask.PARTNER.role, Ask.BOTH.role) == (Role.TEACHER, Role.PARTNER, None)


def test_control_characters_in_a_protocol_file_never_reach_a_question(tmp_path: Path) -> None:
    source = yaml.safe_load((bundled_dir() / "default.yaml").read_text())
    source["title"] = "Title \x1b]0;owned\x07"
    source["norms"] = ["Norm \x9b2J"]
    source["steps"]["goal"][0]["text"] = "What \u202eevil?"
    source["steps"]["goal"][0]["hint"] = "Hint \x1b[2J"
    source["steps"]["goal"][0]["ask"] = "partner"
    raw = yaml.safe_dump(source, allow_unicode=False).encode()
    protocol = parse_protocol(raw, tmp_path / "default.yaml")
    question = protocol.questions(Step.GOAL)[0]
    assert (protocol.title, protocol.norms) == ("Title ]0;owned", ("Norm 2J",))
    assert (question.text, question.hint, question.ask) == ("What evil?", "Hint [2J", Ask.PARTNER)
