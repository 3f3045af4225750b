"""The agreement command: walked through on standard input, shown, edited, offered by status."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Run
from tpcycle.messages import text
from tpcycle.messages_partnership import Partnership


def test_walking_through_saves_each_answer_and_each_voice(cycle: Run) -> None:
    cycle("whoami", "--partner", "Sam Lee")
    walk = cycle(
        "agreement", input="Reasons in writing\n\nTime to think\nA second pair of eyes\n/stop\n"
    )
    assert text(Partnership.AGREEMENT_DONE, count=3) in walk.stderr
    assert "Sam Lee (partner) > " in walk.stderr and "Ana Ruiz (teacher) > " in walk.stderr
    shown = json.loads(cycle("agreement", "show", "--json").stdout)
    assert (shown["teacher"], shown["partner"]) == ("Ana Ruiz", "Sam Lee")
    assert sorted((a["key"], a["part"], a["author"]) for a in shown["answers"]) == [
        ("shared-impact", None, "Sam Lee"),
        ("what-i-need", "partner", "Sam Lee"),
        ("what-i-need", "teacher", "Ana Ruiz"),
    ]
    assert len(shown["changes"]) == 3


def test_show_and_edit_by_key(cycle: Run) -> None:
    none = cycle("agreement", "show")
    assert "no agreement yet" in none.stderr
    cycle("agreement", "edit", "how-often", "Every other Thursday, 20 minutes")
    again = cycle("agreement", "edit", "how-often", "Every other Thursday, 20 minutes")
    assert text(Partnership.AGREEMENT_SAME, key="how-often") in again.stderr
    cycle("agreement", "edit", "how-often", "-", input="Fridays at 3\n")
    shown = cycle("agreement", "show")
    assert "Fridays at 3" in shown.stdout and "[how-often]" in shown.stdout
    assert "Every other Thursday" not in shown.stdout  # kept in the history, not shown as now
    assert "2 changes" in shown.stdout


def test_an_unknown_key_or_half_a_pair_is_one_line(cycle: Run) -> None:
    bad = cycle("agreement", "edit", "nope", "x", ok=False)
    assert bad.exit_code == 1 and bad.stderr.count("\n") == 1 and "how-often" in bad.stderr
    half = cycle("agreement", "show", "--teacher", "Ana Ruiz", ok=False)
    assert half.exit_code == 1


def test_a_pair_named_without_a_cycle(run: Run) -> None:
    run("agreement", "edit", "shared-impact", "Talk", "--teacher", "Ana", "--partner", "Sam")
    shown = json.loads(run("agreement", "show", "--json", "-t", "ana", "-p", "SAM").stdout)
    assert shown["answers"][0]["text"] == "Talk"


def test_status_offers_the_agreement_after_three_cycles(cycle: Run) -> None:
    cycle("agreement", "edit", "shared-impact", "Reasons in writing")
    for n in range(3):
        cycle("new", "goal", f"Goal {n}", "--teacher", "Ana Ruiz", "--partner", "Sam Lee")
    status = cycle("status")
    # The cycle started in the same second as the agreement counts too (3 or 4 here).
    assert "cycles since your agreement last changed" in status.stderr
    assert status.stderr.count("tpcycle agreement") == 1


def test_export_with_agreement(cycle: Run) -> None:
    cycle("agreement", "edit", "shared-impact", "Reasons in writing")
    exported = cycle("export", "--with-agreement", "--no-front-matter").stdout
    assert exported.startswith("# Our agreement: Ana Ruiz and Sam Lee")
    refused = cycle("export", "--with-agreement", "--portfolio", ok=False)
    assert refused.exit_code == 1


def test_a_first_cycle_session_offers_the_agreement_until_there_is_one(run: Run) -> None:
    run("new", "goal", "g", "-t", "Ana", "-p", "Sam", "--protocol", "partnership-start")
    offer = text(Partnership.AGREEMENT_NONE_YET)
    assert offer in run("session", input="/stop\n").stderr
    assert offer in run("status").stderr
    run("agreement", "edit", "shared-impact", "Reasons in writing")
    assert offer not in run("session", input="/stop\n").stderr


def test_no_journal_is_made_when_there_is_no_pair(run: Run, db_path: Path) -> None:
    result = run("agreement", ok=False)
    assert result.exit_code == 1 and not db_path.exists()
