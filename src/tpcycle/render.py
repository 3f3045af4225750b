"""Cycles as text for other programs and people: stable JSON here, Markdown in render_markdown
and a printable page in render_html. Pure functions.

Every JSON shape tpcycle prints is built here (and documented in docs/json.md); the CLI only
calls these functions and prints the text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict
from datetime import UTC, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tpcycle import clock
from tpcycle.domain import HIGHLIGHT, Cycle, Entry, Hit, Measure, RosterName
from tpcycle.errors import ProtocolError, StoreError
from tpcycle.measures import Comparison, compare
from tpcycle.messages import Message

if TYPE_CHECKING:
    from tpcycle.checks import Finding
    from tpcycle.history import History
    from tpcycle.protocol import Protocol
    from tpcycle.voices import VoiceShare

JSON_FORMAT_VERSION = 1


# -- JSON -----------------------------------------------------------------------------------


def measure_dict(measure: Measure) -> dict[str, Any]:
    return {
        "name": measure.name,
        "value": measure.value,
        "total": measure.total,
        "unit": measure.unit,
        "percent": None if measure.percent is None else round(measure.percent, 1),
    }


def comparison_dict(comparison: Comparison) -> dict[str, Any]:
    return {
        "matched": [
            {
                "name": row.name,
                "baseline": measure_dict(row.baseline),
                "new": measure_dict(row.new),
                "change": row.change,
                "change_unit": row.change_unit,
                "prediction": None if row.prediction is None else measure_dict(row.prediction),
                "met_prediction": row.met_prediction,
            }
            for row in comparison.rows
        ],
        "only_baseline": [measure_dict(m) for m in comparison.only_baseline],
        "only_new": [measure_dict(m) for m in comparison.only_new],
        "predictions_without_result": [
            measure_dict(m) for m in comparison.predictions_without_result
        ],
    }


def entry_dict(entry: Entry, zone: tzinfo = UTC) -> dict[str, Any]:
    return {
        "id": entry.id,
        "uid": entry.uid,
        "step": entry.step.value,
        "author": entry.author,
        "role": entry.role.value,
        "text": entry.text,
        "question": entry.question,
        "private": entry.private,
        "created_at": entry.created_at,
        "updated_at": entry.updated_at,
        "created_local": clock.local_iso(entry.created_at, zone),
        "happened_on": entry.happened_at,
        "measures": [measure_dict(m) for m in entry.measures],
        "conflict_of": entry.conflict_of,
    }


def cycle_fields(cycle: Cycle) -> dict[str, str | None]:
    """What a cycle is, apart from its local numbers and entries: the same on every machine."""
    return {
        "uid": cycle.uid,
        "goal": cycle.goal,
        "teacher": cycle.teacher,
        "partner": cycle.partner,
        "protocol": cycle.protocol,
        "protocol_version": cycle.protocol_version,
        "status": cycle.status.value,
        "created_at": cycle.created_at,
        "closed_at": cycle.closed_at,
    }


def cycle_dict(cycle: Cycle, zone: tzinfo = UTC) -> dict[str, Any]:
    return {
        "id": cycle.id,
        **cycle_fields(cycle),
        "created_local": clock.local_iso(cycle.created_at, zone),
        "closed_local": clock.local_iso(cycle.closed_at, zone),
        "follows": cycle.follows,
        "entries": [entry_dict(e, zone) for e in cycle.entries],
        "comparison": comparison_dict(compare(cycle.entries)),
        "conversations": _conversations(cycle, zone),
    }


def _conversations(cycle: Cycle, zone: tzinfo) -> list[dict[str, Any]]:
    if not cycle.conversations:
        return []
    # Their module loads only for a cycle that has conversations: 'check' does not pay for it.
    from tpcycle.render_conversations import conversation_dicts

    return conversation_dicts(cycle, zone)


def cycles_json(cycles: Iterable[Cycle], zone: tzinfo = UTC) -> str:
    """``list --json``: every cycle object, oldest first."""
    return to_json([cycle_dict(c, zone) for c in cycles])


def cycles_json_parts(cycles: Iterable[Cycle], zone: tzinfo = UTC) -> Iterator[str]:
    """``list --json`` a cycle at a time: the same text as ``cycles_json``, never held whole."""
    first = True
    for cycle in cycles:
        item = to_json(cycle_dict(cycle, zone)).rstrip("\n").replace("\n", "\n  ")
        yield ("[\n  " if first else ",\n  ") + item
        first = False
    yield "[]\n" if first else "\n]\n"


def history_dict(h: History) -> dict[str, Any]:
    """``history --json``."""
    return {
        "cycles": h.total,
        "open": h.open,
        "closed": h.closed,
        "days": {
            "median": h.median_days,
            "shortest": round(h.days.shortest, 1) if h.days else None,
            "longest": round(h.days.longest, 1) if h.days else None,
        },
        "skipped_in_closed_cycles": {step.value: n for step, n in h.skipped.items()},
        "started_by_month": h.started_by_month,
        "recent_cycles": h.recent,
        "changes": [
            {
                "cycle": c.cycle_id,
                "goal": c.goal,
                "measure": c.name,
                "change": c.change,
                "unit": c.unit,
            }
            for c in h.changes
        ],
        "recurring_moves": [{"phrase": p, "cycles": n} for p, n in h.recurring_moves],
        "voices": voice_share_dicts(h.voices),
    }


def voice_share_dicts(shares: Iterable[VoiceShare]) -> list[dict[str, Any]]:
    """``history --json`` "voices": per cycle, whose interpretations and moves they were."""
    return [
        {
            "cycle": s.cycle_id,
            "started_at": s.started_at,
            "interpretations": {"teacher": s.interpretations[0], "partner": s.interpretations[1]},
            "moves": {"teacher": s.moves[0], "partner": s.moves[1]},
            "teacher_share": None if s.teacher_share is None else round(s.teacher_share, 3),
        }
        for s in shares
    ]


def hit_dict(hit: Hit, zone: tzinfo = UTC) -> dict[str, Any]:
    """One ``search --json`` hit; the matched words are marked with « and »."""
    start, end = HIGHLIGHT
    return {
        "entry": hit.entry_id,
        "cycle": hit.cycle_id,
        "goal": hit.goal,
        "step": hit.step.value,
        "author": hit.author,
        "role": hit.role.value,
        "private": hit.private,
        "created_at": hit.created_at,
        "created_local": clock.local_iso(hit.created_at, zone),
        "rank": round(hit.rank, 4),
        "snippet": hit.snippet.replace(start, "«").replace(end, "»"),
    }


def hit_dicts(hits: Iterable[Hit], zone: tzinfo = UTC) -> list[dict[str, Any]]:
    return [hit_dict(h, zone) for h in hits]


def roster_dicts(roster: Iterable[RosterName]) -> list[dict[str, Any]]:
    """``students list --json``: each name with its alias."""
    return [
        {
            "name": student.name,
            "alias": student.alias,
            "kept_parts": sorted(student.exempt),
            "every_case": student.every_case,
        }
        for student in roster
    ]


def protocol_dicts(loaded: Iterable[Protocol | ProtocolError]) -> list[dict[str, Any]]:
    """``protocols list --json``: each protocol found, or the error that kept it from loading."""
    return [
        {"error": p.message}
        if isinstance(p, ProtocolError)
        else {
            "name": p.name,
            "title": p.title,
            "version": p.version,
            "source": p.source,
            "path": str(p.path),
            "kind": p.kind.value,
        }
        for p in loaded
    ]


def journal_facts(
    path: Path, *, exists: bool, schema: str | None, counts: Mapping[str, int]
) -> dict[str, Any]:
    """``db status --json``: where the journal is, its schema, and how much it holds."""
    return {"path": str(path), "exists": exists, "schema": schema, **counts}


def finding_dicts(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    """``check --json``: every field of each finding (see docs/checks.md)."""
    return [asdict(f) for f in findings]


# json.dumps escapes C0 controls; these are the rest a terminal could act on or reorder by.
_JSON_HIDDEN = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def json_safe(document: str) -> str:
    """JSON text with C1 controls and bidi overrides written as ``\\u`` escapes.

    Such a character can only sit inside a JSON string, where the escape means the same
    character: a reader gets the same data, a terminal never receives the raw byte.
    """
    return _JSON_HIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", document)


def to_json(value: Any) -> str:
    """Indented JSON; a number that is not finite is refused, since JSON cannot hold it."""
    try:
        document = json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False)
    except ValueError as exc:
        raise StoreError(Message.NUMBER_NOT_FINITE) from exc
    return json_safe(document) + "\n"
