"""An after-school debrief in Chicago: what the use cases store and show, with the zone injected.

The clock reads Wednesday 25 November 18:31 in Chicago, which is already Thursday 26 November
00:31 in UTC: every date a person reads must be the Wednesday.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.usecases.helpers import LIBRARY, Clock, journal_at
from tpcycle import clock
from tpcycle.domain import Step
from tpcycle.ics import parse_every
from tpcycle.render_markdown import byline_date
from tpcycle.store import Journal
from tpcycle.usecases import cycles, history
from tpcycle.usecases.export import (
    CheckIns,
    Format,
    Request,
    calendar,
    cycle_document,
    export_folder,
    portfolio_document,
)
from tpcycle.usecases.recording import Answers, add_entry

CHICAGO = ZoneInfo("America/Chicago")
EVENING = datetime(2026, 11, 26, 0, 30, tzinfo=UTC)  # Wed 25 Nov 18:30 in Chicago


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    journal = journal_at(tmp_path / "journal.db", Clock(EVENING))
    new = cycles.plan_cycle(LIBRARY, teacher="Ana", partner="Sam", protocol=None)
    cycles.start_cycle(journal, new, "Students explain their reasoning")
    return journal


def test_the_lesson_date_is_stored_and_read_back(journal: Journal) -> None:
    tuesday = clock.parse_when("tue 3pm", journal.clock(), CHICAGO).stored
    saved = add_entry(
        journal, cycle_id=None, step=None, text="Exit tickets: 5 of 20", happened_at=tuesday
    )
    assert saved.entry.happened_at == "2026-11-24T15:00-06:00"
    again = cycles.get_cycle(journal, None).entries[-1]
    assert again.happened_at == tuesday
    assert byline_date(again, CHICAGO).startswith("Tue 24 Nov 15:00, written Wed 25 Nov 18:3")
    # entries without --on keep their order by when they were written
    add_entry(journal, cycle_id=None, step=Step.INTERPRETATION, text="They guess")
    order = [e.text for e in cycles.get_cycle(journal, None).entries]
    assert order == ["Students explain their reasoning", "Exit tickets: 5 of 20", "They guess"]


def test_answers_to_a_step_all_carry_the_lesson_date(journal: Journal) -> None:
    questions = LIBRARY.load("default").questions(Step.INTERPRETATION)
    answers = Answers(
        journal, 1, Step.INTERPRETATION, by=None, private=False, happened_at="2026-11-24"
    )
    for question in questions[:2]:
        answers.save(question, "An answer")
    dated = [e.happened_at for e in cycles.get_cycle(journal, 1).entries_for(Step.INTERPRETATION)]
    assert dated == ["2026-11-24"] * len(questions[:2])


def test_the_goal_can_be_dated_too(tmp_path: Path) -> None:
    journal = journal_at(tmp_path / "goal.db", Clock(EVENING))
    new = cycles.plan_cycle(LIBRARY, teacher="Ana", partner="Sam", protocol=None)
    new = type(new)(**{**new.__dict__, "happened_at": "2026-11-23"})
    saved = cycles.start_cycle(journal, new, "Students ask each other questions")
    assert saved.entry.happened_at == "2026-11-23"


def test_exports_show_the_local_day(journal: Journal, tmp_path: Path) -> None:
    here = Request([], zone=CHICAGO)
    text = cycle_document(journal, here, Format.markdown).text
    assert "Started 2026-11-25" in text and "2026-11-26" not in text
    assert 'created_at: "2026-11-25T18:3' in text and '-06:00"' in text
    in_utc = cycle_document(journal, Request([]), Format.markdown).text
    assert "Started 2026-11-26" in in_utc  # the same moment, read in UTC
    data = json.loads(cycle_document(journal, here, Format.json).text)
    assert data["created_at"].startswith("2026-11-26T00:3")  # JSON keeps UTC ...
    moment = clock.instant(data["created_at"]).astimezone(CHICAGO)
    assert data["created_local"] == moment.isoformat()  # ... and adds the local time
    assert data["created_local"].startswith("2026-11-25T18:3")
    assert data["entries"][0]["created_local"].startswith("2026-11-25T18:3")
    assert data["entries"][0]["happened_on"] is None
    parts: list[str] = []
    portfolio_document(journal, here, parts.extend)
    whole = "".join(parts)
    assert "Started 2026-11-25" in whole and 'generated: "2026-11-25T18:' in whole
    export_folder(journal, here, tmp_path / "out")
    index = (tmp_path / "out" / "index.md").read_text()
    assert "| 2026-11-25 |" in index and "2026-11-26" not in index


def test_history_counts_a_late_october_cycle_in_october(tmp_path: Path) -> None:
    halloween = datetime(2026, 11, 1, 3, 0, tzinfo=UTC)  # Sat 31 Oct 22:00 in Chicago
    journal = journal_at(tmp_path / "months.db", Clock(halloween))
    new = cycles.plan_cycle(LIBRARY, teacher="Ana", partner="Sam", protocol=None)
    cycles.start_cycle(journal, new, "Students explain their reasoning")
    assert history.history(journal, zone=CHICAGO).started_by_month == {"2026-10": 1}
    assert history.history(journal).started_by_month == {"2026-11": 1}
    kolkata = history.history(journal, zone=ZoneInfo("Asia/Kolkata"))
    assert kolkata.started_by_month == {"2026-11": 1}


EDGES = [
    datetime(2026, 1, 1, 0, 30, tzinfo=UTC),  # New Year in UTC, still 2025 west of it
    datetime(2026, 1, 1, 11, 50, tzinfo=UTC),
    datetime(2026, 1, 31, 10, 5, tzinfo=UTC),  # already February far east
    datetime(2026, 3, 31, 23, 59, tzinfo=UTC),
    datetime(2026, 6, 15, 12, 0, tzinfo=UTC),  # mid-month: the same month everywhere
    datetime(2026, 11, 1, 5, 10, tzinfo=UTC),  # the night summer time ends in Chicago
    datetime(2026, 12, 31, 18, 0, tzinfo=UTC),
]


@pytest.mark.parametrize(
    "zone",
    ["America/Chicago", "Pacific/Kiritimati", "Etc/GMT+12", "Asia/Kolkata", "Australia/Lord_Howe"],
)
def test_every_start_counts_in_exactly_its_local_month(tmp_path: Path, zone: str) -> None:
    moments = Clock(EDGES[0])
    journal = journal_at(tmp_path / "edges.db", moments)
    new = cycles.plan_cycle(LIBRARY, teacher="Ana", partner="Sam", protocol=None)
    for edge in EDGES:
        moments.moment = edge - timedelta(minutes=1)  # the next read is the edge itself
        cycles.start_cycle(journal, new, "Students explain their reasoning")
    stamps = [cycles.get_cycle(journal, n).created_at for n in range(1, len(EDGES) + 1)]
    assert stamps[0] == "2026-01-01T00:30:00Z"
    expected = Counter(clock.local_month(stamp, ZoneInfo(zone)) for stamp in stamps)
    found = history.history(journal, zone=ZoneInfo(zone)).started_by_month
    assert found == dict(sorted(expected.items())) and sum(found.values()) == len(EDGES)


def test_the_first_check_in_counts_from_the_local_today(journal: Journal) -> None:
    plan = CheckIns(None, time(15, 30), 30, parse_every("1w"), 1, zone=CHICAGO)
    _, first = calendar(journal, None, plan)
    assert first == date(2026, 12, 2)  # Wednesday 25 November + one week
    _, in_utc = calendar(journal, None, CheckIns(None, time(15, 30), 30, parse_every("1w"), 1))
    assert in_utc == date(2026, 12, 3)
