"""The whoami command and --by on the command line."""

from __future__ import annotations

import json

from tests.conftest import Run
from tpcycle.messages import text
from tpcycle.messages_partnership import Partnership


def test_whoami_sets_shows_and_clears(run: Run) -> None:
    assert "does not say whom" in run("whoami").stderr
    assert json.loads(run("whoami", "--json").stdout) == {"role": None, "name": None}
    set_ = run("whoami", "--partner", "Sam Lee")
    assert text(Partnership.WHOAMI_SET, name="Sam Lee", role="partner") in set_.stderr
    assert run("whoami").stdout.strip() == text(
        Partnership.WHOAMI_IS, name="Sam Lee", role="partner"
    )
    assert json.loads(run("whoami", "--json").stdout) == {"role": "partner", "name": "Sam Lee"}
    run("whoami", "--clear")
    assert json.loads(run("whoami", "--json").stdout)["role"] is None


def test_whoami_refuses_two_roles_or_clear_with_a_name(run: Run) -> None:
    both = run("whoami", "--teacher", "A", "--partner", "B", ok=False)
    assert both.exit_code == 1 and "not both" in both.stderr
    mixed = run("whoami", "--clear", "--teacher", "A", ok=False)
    assert mixed.exit_code == 1


def test_without_by_the_partner_laptop_writes_as_the_partner(cycle: Run) -> None:
    cycle("whoami", "--partner", "sam lee")
    saved = cycle("reflect", "Sorting first is what I will take to my own room")
    assert "by Sam Lee (partner)" in saved.stderr
    saved = cycle("interpret", "They guess", "--by", "Ana")
    assert "by Ana Ruiz (teacher)" in saved.stderr


def test_an_unknown_by_is_one_line_naming_both_people(cycle: Run) -> None:
    result = cycle("interpret", "They guess", "--by", "Jordan", ok=False)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "Ana Ruiz" in result.stderr and "Sam Lee" in result.stderr
    third = cycle("interpret", "They guess", "--by", "other:Jordan")
    assert "Jordan (other)" in third.stderr


def test_history_shows_whose_ideas_became_the_moves(cycle: Run) -> None:
    cycle("interpret", "They guess", "--by", "partner")
    cycle("move", "Model one reason")
    shown = cycle("history").stdout
    assert "Whose ideas" in shown and "50%" in shown
    data = json.loads(cycle("history", "--json").stdout)
    assert data["voices"][0]["teacher_share"] == 0.5
