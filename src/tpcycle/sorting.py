"""Each student's evidence: piles, the rule that turns scores into piles, a sort done one key at
a time, and who moved between two sorts. Pure, no I/O.

A sort puts students (known by their roster alias, which never changes and is never reused)
into ordered piles: the first pile is the furthest along ("got it"), the last is the one still
to reach ("not yet"). A sort is summarised as one count per pile out of everyone sorted, the
same measures ``--groups`` records, so ``compare`` works on it unchanged.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from tpcycle.domain import Measure, measure_key
from tpcycle.errors import InvalidInput
from tpcycle.messages_classroom import Classroom

DEFAULT_PILES = "g=got it,p=partly,n=not yet"
# Keys the interactive sort keeps for itself.
RESERVED = {"u": "undo", "s": "skip", "q": "save and quit"}
MAX_PILES = 9
MAX_PILE_NAME = 40


@dataclass(frozen=True)
class Pile:
    """One pile of a sort: its key and its name."""

    key: str  # the one key that puts a student in this pile
    name: str

    @property
    def match(self) -> str:
        return measure_key(self.name)


def parse_piles(text: str) -> tuple[Pile, ...]:
    """``g=got it,p=partly,n=not yet``, or just ``got it,partly,not yet`` (each pile's key is
    the first letter of its name not already taken)."""
    items = [part.strip() for part in text.split(",") if part.strip()]
    if not 2 <= len(items) <= MAX_PILES:
        raise InvalidInput(Classroom.SORT_PILES_COUNT, most=MAX_PILES)
    named: list[tuple[str, str]] = []
    for item in items:
        key, sep, name = item.partition("=")
        key, name = (key.strip(), " ".join(name.split())) if sep else ("", " ".join(item.split()))
        if not name or len(name) > MAX_PILE_NAME:
            raise InvalidInput(
                Classroom.SORT_PILE_NAME, pile=item[:MAX_PILE_NAME], most=MAX_PILE_NAME
            )
        if sep and (len(key) != 1 or not key.isalnum()):
            raise InvalidInput(Classroom.SORT_PILE_KEY, pile=item)
        named.append((key.lower(), name))
    taken = {key for key, _ in named if key}
    piles: list[Pile] = []
    for key, name in named:
        if not key:
            free = [c for c in name.lower() if c.isalnum() and c not in taken and c not in RESERVED]
            if not free:
                raise InvalidInput(Classroom.SORT_PILE_KEY, pile=name)
            key = free[0]
            taken.add(key)
        if key in RESERVED:
            raise InvalidInput(Classroom.SORT_KEY_RESERVED, key=key, use=RESERVED[key])
        if any(p.key == key for p in piles):
            raise InvalidInput(Classroom.SORT_KEY_TWICE, key=key)
        if any(p.match == measure_key(name) for p in piles):
            raise InvalidInput(Classroom.SORT_PILE_TWICE, pile=name)
        piles.append(Pile(key, name))
    return tuple(piles)


def pile_named(piles: Sequence[Pile], text: str) -> int | None:
    """The position of the pile called ``text`` (case and spacing aside), or its key."""
    wanted = measure_key(text)
    for rank, pile in enumerate(piles):
        if pile.match == wanted or (len(wanted) == 1 and pile.key == wanted):
            return rank
    return None


# -- scores to piles ----------------------------------------------------------------------------

_RULE = re.compile(r"^\s*(?P<pile>[^<>=]+?)\s*>=\s*(?P<floor>[+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*$")


@dataclass(frozen=True)
class Rule:
    """Score floors, highest first: a score goes to the first pile whose floor it reaches."""

    floors: tuple[tuple[int, float], ...]  # (pile position, lowest score for it)

    def pile_for(self, score: float) -> int | None:
        for rank, floor in self.floors:
            if score >= floor:
                return rank
        return None


def parse_rule(text: str, piles: Sequence[Pile]) -> Rule:
    """``got it>=8,partly>=5,not yet>=0``: every part names a pile and its lowest score."""
    floors: list[tuple[int, float]] = []
    for part in (p for p in text.split(",") if p.strip()):
        found = _RULE.match(part)
        if not found:
            raise InvalidInput(Classroom.SORT_RULE_SHAPE, part=part.strip()[:60])
        rank = pile_named(piles, found["pile"])
        if rank is None:
            raise InvalidInput(
                Classroom.SORT_RULE_PILE, pile=found["pile"], piles=", ".join(p.name for p in piles)
            )
        if any(r == rank for r, _ in floors):
            raise InvalidInput(Classroom.SORT_PILE_TWICE, pile=piles[rank].name)
        floors.append((rank, float(found["floor"])))
    if not floors:
        raise InvalidInput(Classroom.SORT_RULE_SHAPE, part=text.strip()[:60])
    ordered = sorted(floors, key=lambda item: -item[1])
    if [rank for rank, _ in ordered] != sorted(rank for rank, _ in ordered):
        raise InvalidInput(Classroom.SORT_RULE_ORDER)
    return Rule(tuple(ordered))


def read_score(text: str) -> float | None:
    """A score as a spreadsheet writes it: ``7``, ``7.5``, ``7,5``, ``80%``; None if not one."""
    cleaned = text.strip().rstrip("%").strip().replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


# -- a sort ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Placed:
    """One student in one pile (``score`` when the pile came from a score)."""

    alias: str
    rank: int
    score: float | None = None


def group_measures(piles: Sequence[Pile], placed: Sequence[Placed]) -> tuple[Measure, ...]:
    """One count per pile, each out of everyone sorted: what ``--groups`` records."""
    total = len(placed)
    if total == 0:
        raise InvalidInput(Classroom.SORT_NOBODY)
    return tuple(
        Measure(pile.name, float(sum(1 for p in placed if p.rank == rank)), float(total))
        for rank, pile in enumerate(piles)
    )


@dataclass
class Sorting:
    """A sort done one student at a time: the key pressed for each, undo and skip."""

    piles: tuple[Pile, ...]
    students: tuple[str, ...]  # the names shown, in roster order
    choices: list[int | None] = field(default_factory=list)  # a rank, or None for skipped

    @property
    def done(self) -> bool:
        return len(self.choices) >= len(self.students)

    @property
    def current(self) -> str | None:
        return None if self.done else self.students[len(self.choices)]

    def press(self, key: str) -> bool:
        """One key: a pile's key, s (skip) or u (undo); False when the key means nothing."""
        key = key.lower()
        if key == "u":
            if self.choices:
                self.choices.pop()
            return True
        if self.done:
            return False
        if key == "s":
            self.choices.append(None)
            return True
        for rank, pile in enumerate(self.piles):
            if pile.key == key:
                self.choices.append(rank)
                return True
        return False

    def sorted_names(self) -> list[tuple[str, int]]:
        return [(n, r) for n, r in zip(self.students, self.choices, strict=False) if r is not None]

    def counts(self) -> list[int]:
        return [sum(1 for c in self.choices if c == rank) for rank in range(len(self.piles))]


# -- who moved ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Movement:
    """Two sorts of the same students, before and after the move."""

    piles_before: tuple[str, ...]
    piles_after: tuple[str, ...]
    up: tuple[tuple[str, str, str], ...]  # (student, pile before, pile after)
    down: tuple[tuple[str, str, str], ...]
    stayed: tuple[tuple[str, str], ...]  # (student, pile), the last pile left out
    still_last: tuple[str, ...]  # in the last pile both times ("not yet")
    only_before: tuple[str, ...]
    only_after: tuple[str, ...]

    @property
    def last_pile(self) -> str:
        return self.piles_after[-1] if self.piles_after else ""


def movement(
    before: Mapping[str, int],
    after: Mapping[str, int],
    piles_before: Sequence[str],
    piles_after: Sequence[str],
    names: Mapping[str, str],
) -> Movement:
    """Who moved between two sorts, by student alias; ``names`` shows an alias as a name (or
    as itself). A pile's position is compared when the two sorts' piles differ in name."""

    def shown(aliases: Iterable[str]) -> list[str]:
        return sorted(aliases, key=lambda a: names.get(a, a).casefold())

    def name(alias: str) -> str:
        return names.get(alias, alias)

    last_before, last_after = len(piles_before) - 1, len(piles_after) - 1
    both = [a for a in shown(before) if a in after]
    up = tuple(
        (name(a), piles_before[before[a]], piles_after[after[a]])
        for a in both
        if after[a] < before[a]
    )
    down = tuple(
        (name(a), piles_before[before[a]], piles_after[after[a]])
        for a in both
        if after[a] > before[a]
    )
    still = tuple(name(a) for a in both if before[a] == last_before and after[a] == last_after)
    stayed = tuple(
        (name(a), piles_after[after[a]])
        for a in both
        if after[a] == before[a] and not (before[a] == last_before and after[a] == last_after)
    )
    return Movement(
        piles_before=tuple(piles_before),
        piles_after=tuple(piles_after),
        up=up,
        down=down,
        stayed=stayed,
        still_last=still,
        only_before=tuple(name(a) for a in shown(before) if a not in after),
        only_after=tuple(name(a) for a in shown(after) if a not in before),
    )


def piles_of_rule(text: str) -> tuple[Pile, ...]:
    """The piles a rule names, from the highest score's pile to the lowest, for a rule given
    without ``--piles``."""
    parts = [_RULE.match(p) for p in text.split(",") if p.strip()]
    named = [(float(m["floor"]), " ".join(m["pile"].split())) for m in parts if m is not None]
    if len(named) != len(parts) or not named:
        bad = next((p for p in text.split(",") if p.strip() and not _RULE.match(p)), text)
        raise InvalidInput(Classroom.SORT_RULE_SHAPE, part=bad.strip()[:60])
    return parse_piles(",".join(name for _, name in sorted(named, key=lambda n: -n[0])))
