"""What the record suggests: the trap checks over a cycle and the same pair's earlier cycles."""

from __future__ import annotations

from datetime import UTC, tzinfo
from typing import NamedTuple

from tpcycle import clock
from tpcycle.checks import DEFAULT_STALE_DAYS, Finding, Rules, check_cycle
from tpcycle.domain import Cycle, CycleFilter, Status
from tpcycle.store import Journal
from tpcycle.usecases.choosing import chosen, with_entries

EARLIER_CYCLES = 5  # the pair's most recent closed cycles, read for patterns across cycles


# A NamedTuple, not a frozen dataclass: made at every import of `check`, where the
# dataclass's generated methods cost 0.6 ms a class and a NamedTuple 0.1 ms.
class Noticed(NamedTuple):
    """The cycle that was checked and everything the checks found in it."""

    cycle: Cycle
    findings: list[Finding]

    @property
    def notices(self) -> list[Finding]:
        return [f for f in self.findings if f.kind != "strength"]

    @property
    def strengths(self) -> list[Finding]:
        return [f for f in self.findings if f.kind == "strength"]


def check(
    journal: Journal,
    cycle_id: int | None,
    *,
    rules: Rules | None = None,
    stale_days: int = DEFAULT_STALE_DAYS,
    zone: tzinfo = UTC,
) -> Noticed:
    """The checks over cycle N (or the current one), on the reader's day in ``zone``."""
    with journal.read() as uow:
        cycle = chosen(uow, cycle_id)
        pair = CycleFilter(status=Status.CLOSED, partner=cycle.partner, last=EARLIER_CYCLES)
        earlier = [
            c
            for c in with_entries(uow, uow.cycles.matching(pair))
            if c.teacher == cycle.teacher and c.id != cycle.id
        ]
        today = clock.today(uow.started, zone)
    findings = check_cycle(
        cycle, today=today, stale_days=stale_days, rules=rules, earlier=earlier, zone=zone
    )
    return Noticed(cycle, findings)
