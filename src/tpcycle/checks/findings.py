"""What a check finds (``Finding``), the names of the traps, and small helpers for
wording findings (quotes, entry lists, plurals) and for timestamps."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, replace

from tpcycle.clock import local
from tpcycle.domain import Entry

DEFAULT_STALE_DAYS = 14
TRAPS = ("fixer", "complaint", "compliance", "strategy", "perfection")
OTHER_AREAS = ("goal", "order", "measure", "drift", "mutual")
CONFIDENCES = ("low", "medium", "high")

QUOTE_LIMIT = 80
MAX_READ = 120  # entries of one cycle whose wording is read (the first and last half of these)
ONE_SITTING_MINUTES = 60
EMPTY_WORDS = 2  # an entry of this many words or fewer says next to nothing


@dataclass(frozen=True)
class Finding:
    """One thing noticed in the record, why it matters, and a question that might help."""

    id: str
    trap: str
    noticed: str
    why: str
    question: str
    entry_ids: tuple[int, ...] = ()
    author: str | None = None
    confidence: str = "medium"
    kind: str = "notice"  # or "strength": something going well, worth keeping


# -- small helpers ---------------------------------------------------------------------------


def _quote(text: str) -> str:
    one_line = " ".join(text.split())
    if len(one_line) > QUOTE_LIMIT:
        one_line = one_line[: QUOTE_LIMIT - 3].rstrip() + "..."
    return f'"{one_line}"'


def _ids(entries: Iterable[Entry]) -> str:
    numbers = [str(e.id) for e in entries]
    if len(numbers) == 1:
        return f"entry {numbers[0]}"
    return "entries " + ", ".join(numbers[:-1]) + " and " + numbers[-1]


def _plural(count: int, word: str) -> str:
    if count == 1:
        return f"{count} {word}"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return f"{count} {word[:-1]}ies"
    return f"{count} {word}s"


def _names(names: Iterable[str], quote: str = "'") -> str:
    quoted = [f"{quote}{n}{quote}" for n in names]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _order_key(entry: Entry) -> tuple[str, int]:
    return (entry.created_at, entry.id)


def _date(timestamp: str, zone: datetime.tzinfo = datetime.UTC) -> datetime.date | None:
    """The reader's day of a stored stamp; None for one that is not a timestamp."""
    try:
        return local(timestamp, zone).date()
    except (ValueError, OverflowError):
        return None


def _moment(timestamp: str) -> datetime.datetime | None:
    try:
        moment = datetime.datetime.fromisoformat(timestamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.replace(tzinfo=None)


def _raise(level: str, steps: int = 1) -> str:
    return CONFIDENCES[min(len(CONFIDENCES) - 1, CONFIDENCES.index(level) + steps)]


def _lower(level: str) -> str:
    return CONFIDENCES[max(0, CONFIDENCES.index(level) - 1)]


def _with(finding: Finding, *, confidence: str) -> Finding:
    return replace(finding, confidence=confidence)
