"""A coach's caseload: one row per teacher the journal's partner works with."""

from __future__ import annotations

from datetime import UTC, date, tzinfo

from tpcycle.between import Caseload, Row, same_person
from tpcycle.checks import DEFAULT_STALE_DAYS
from tpcycle.clock import local_day, today
from tpcycle.domain import Cycle, CycleFilter, Role, Status, progress
from tpcycle.store import Journal
from tpcycle.usecases.identity import me_in


def caseload(
    journal: Journal, *, zone: tzinfo = UTC, stale_days: int = DEFAULT_STALE_DAYS
) -> Caseload:
    """Cycles grouped by teacher (names compared case and accents aside). On a partner's
    machine with a name set, only that partner's cycles count."""
    with journal.read() as uow:
        day = today(uow.started, zone)
        me = me_in(uow)
        partner = me.name if me is not None and me.role is Role.PARTNER else None
        every = [
            c
            for c in uow.cycles.matching(CycleFilter())
            if partner is None or same_person(c.partner, partner)
        ]
        groups: dict[str, list[Cycle]] = {}
        names: dict[str, str] = {}
        for c in every:
            key = " ".join(c.teacher.casefold().split())
            match = next((k for k, n in names.items() if same_person(n, c.teacher)), key)
            names.setdefault(match, c.teacher)
            groups.setdefault(match, []).append(c)
        activity = uow.cycles.activity([c.id for c in every])
        notes = uow.notes.last_contact()
        rows = []
        for key, cycles in groups.items():
            ids = [c.id for c in cycles]
            due = [p for p in uow.promises.of_cycles(ids, open_only=True) if p.due_by(day)]
            opened = [c for c in cycles if c.status is Status.OPEN]
            current = opened[-1] if opened else None
            step = progress(uow.entries.of_cycle(current.id)).next_step if current else None
            entry_stamps = [activity[i][1] for i in ids if i in activity]
            stamps = entry_stamps + [notes[i] for i in ids if i in notes]
            last_entry = _day(max(entry_stamps), zone) if entry_stamps else None
            last = _day(max(stamps), zone) if stamps else None
            since = (day - last).days if last else None
            quiet = _quiet_days(current, activity, notes, day, zone) if current else None
            rows.append(
                Row(
                    teacher=names[key],
                    cycles=len(cycles),
                    open_cycle=current.id if current else None,
                    next_step=step,
                    last_entry=last_entry,
                    promises_due=len(due),
                    days_since=since,
                    drifting=quiet is not None and quiet > stale_days,
                )
            )
    rows.sort(key=lambda r: (not r.drifting, -(r.days_since or 0), r.teacher.casefold()))
    return Caseload(partner, day, stale_days, rows)


def _quiet_days(
    cycle: Cycle,
    activity: dict[int, tuple[int, str]],
    notes: dict[int, str],
    day: date,
    zone: tzinfo,
) -> int:
    """Days since anything was added to the open cycle (the drift check's measure)."""
    stamps = [cycle.created_at, activity.get(cycle.id, (0, ""))[1], notes.get(cycle.id, "")]
    return (day - _day(max(stamps), zone)).days


def _day(stamp: str, zone: tzinfo) -> date:
    return date.fromisoformat(local_day(stamp, zone))
