"""The message catalogue: ids, templates and the errors that carry them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tpcycle.errors import InvalidInput, NotFound, ProtocolError, StoreError, TpcycleError
from tpcycle.messages import AnyMessage, Message, Said, clause, fields, said, text
from tpcycle.messages_classroom import Classroom
from tpcycle.messages_partnership import Partnership

CLI = Path(__file__).resolve().parents[1] / "src" / "tpcycle" / "cli"


CATALOGUES = (Message, Partnership, Classroom)
EVERY_MESSAGE: list[AnyMessage] = [m for catalogue in CATALOGUES for m in catalogue]


@pytest.mark.parametrize("message", EVERY_MESSAGE, ids=lambda m: m.name)
def test_every_template_fills_with_its_own_fields(message: AnyMessage) -> None:
    values = {name: f"<{name}>" for name in fields(message)}
    sentence = text(message, **values)
    assert "{" not in sentence.replace("{}", "") and "}" not in sentence
    for value in values.values():
        assert value in sentence or "|" in message.value


def test_a_missing_value_is_a_programming_error_not_a_silent_gap() -> None:
    with pytest.raises(KeyError):
        text(Message.CYCLE_CLOSED)


def test_plural_choice_follows_the_count() -> None:
    assert text(Message.STEP_ENTRIES, count=1) == "1 entry"
    assert text(Message.STEP_ENTRIES, count=0) == "0 entries"
    assert text(Message.STEP_ENTRIES, count=2) == "2 entries"


def test_an_optional_clause_is_rendered_from_the_catalogue_or_left_out() -> None:
    left_out = said(Message.PRIVATE_LEFT_OUT, count=2)
    with_note = text(
        Message.WROTE_CYCLE,
        cycle=3,
        path="x.md",
        left_out=clause(Message.IN_PARENTHESES, 2, clause=left_out),
    )
    without = text(
        Message.WROTE_CYCLE,
        cycle=3,
        path="x.md",
        left_out=clause(Message.IN_PARENTHESES, 0, clause=left_out),
    )
    assert with_note == without[:-1] + " (" + text(Message.PRIVATE_LEFT_OUT, count=2) + ")."
    assert str(left_out) == text(Message.PRIVATE_LEFT_OUT, count=2)


def test_user_values_are_not_formatted_again() -> None:
    # A value holding braces or format fields is inserted as it is, never re-read.
    sentence = text(Message.CYCLE_NOW_CURRENT, cycle=1, goal="{cycle} {0} {goal!r} [/x]")
    assert sentence.endswith(": {cycle} {0} {goal!r} [/x]")


def test_errors_carry_an_id_and_values_or_a_plain_sentence() -> None:
    with_id = InvalidInput(Message.NOT_A_DATE, option="--since", text="zzz")
    assert with_id.message_id is Message.NOT_A_DATE
    assert with_id.said == Said(Message.NOT_A_DATE, {"option": "--since", "text": "zzz"})
    assert with_id.message == text(Message.NOT_A_DATE, option="--since", text="zzz")
    assert str(with_id) == with_id.message
    plain = NotFound("There is no cycle 9.")
    assert plain.message == "There is no cycle 9." and plain.message_id is None
    assert isinstance(StoreError(Message.EXPORT_NOTHING), TpcycleError)
    protocol = ProtocolError("bad.yaml:1:1: broken", ("a", "b"))
    assert protocol.problems == ("a", "b") and protocol.message_id is None


def _literal_sentences(path: Path) -> list[str]:
    """String literals passed straight to a printing or raising call in a cli module."""
    tree = ast.parse(path.read_text())
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else ""
        name = name or (node.func.id if isinstance(node.func, ast.Name) else "")
        if name not in {"say", "warn", "saved", "InvalidInput", "StoreError", "NotFound", "echo"}:
            continue
        for arg in node.args[:1]:
            if isinstance(arg, ast.Constant | ast.JoinedStr):
                found.append(ast.unparse(arg))
    return found


@pytest.mark.parametrize("module", sorted(p.name for p in CLI.glob("*.py")))
def test_cli_sentences_come_from_the_catalogue(module: str) -> None:
    assert _literal_sentences(CLI / module) == []


def test_every_message_is_said_somewhere() -> None:
    # A sentence nobody says is one nobody proofreads: remove it with the code that said it.
    source = "".join(
        path.read_text()
        for path in (CLI.parent).rglob("*.py")
        if not path.name.startswith("messages")
    )
    unsaid = [m for m in EVERY_MESSAGE if f"{type(m).__name__}.{m.name}" not in source]
    assert unsaid == []


def test_a_name_means_one_message_across_the_catalogues() -> None:
    names = [m.name for m in EVERY_MESSAGE]
    assert len(names) == len(set(names))
