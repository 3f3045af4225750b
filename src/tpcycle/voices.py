"""Who answers a question in a guided session, and in what order. Pure.

A question for both people (``ask: both``) is asked of each in turn, starting with the voice
of the machine the session runs on; a person who already answered it (before a stop, say) is
not asked again.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from tpcycle.domain import Role, Step
from tpcycle.protocol import Ask

PAIR = (Role.TEACHER, Role.PARTNER)


def other_voice(role: Role) -> Role:
    return Role.PARTNER if role is Role.TEACHER else Role.TEACHER


def voices_for(ask: Ask, first: Role, answered: Collection[Role] = ()) -> tuple[Role, ...]:
    """The people to ask, in order. A question for one person goes to that person; one for
    both goes to each who has not answered it yet (to both again if both have)."""
    if ask.role is not None:
        return (ask.role,)
    start = first if first in PAIR else Role.TEACHER
    if ask is Ask.EITHER:
        return (start,)
    order = (start, other_voice(start))
    waiting = tuple(v for v in order if v not in answered)
    return waiting or order


# -- whose ideas became the moves -----------------------------------------------------------------

IDEA_STEPS = (Step.INTERPRETATION, Step.MOVE)


@dataclass(frozen=True)
class VoiceShare:
    """One cycle's interpretations and moves counted by who wrote them (teacher, partner)."""

    cycle_id: int
    started_at: str
    interpretations: tuple[int, int] = (0, 0)
    moves: tuple[int, int] = (0, 0)

    @property
    def teacher_share(self) -> float | None:
        """The teacher's share of the interpretations and moves, 0 to 1 (None: none yet)."""
        teacher = self.interpretations[0] + self.moves[0]
        both = teacher + self.interpretations[1] + self.moves[1]
        return None if not both else teacher / both


def voice_shares(counts: Iterable[tuple[int, str, Step, Role, int]]) -> tuple[VoiceShare, ...]:
    """Per cycle, oldest first: ``counts`` are (cycle id, started, step, role, entries); a
    third voice's ideas are neither the teacher's nor the partner's and are left out."""
    started: dict[int, str] = {}
    tally: dict[tuple[int, Step, Role], int] = {}
    for cycle_id, when, step, role, n in counts:
        started[cycle_id] = when
        if step in IDEA_STEPS and role in PAIR:
            tally[(cycle_id, step, role)] = tally.get((cycle_id, step, role), 0) + n

    def both(cycle_id: int, step: Step) -> tuple[int, int]:
        return tally.get((cycle_id, step, Role.TEACHER), 0), tally.get(
            (cycle_id, step, Role.PARTNER), 0
        )

    found = {
        cycle_id: VoiceShare(
            cycle_id, when, both(cycle_id, Step.INTERPRETATION), both(cycle_id, Step.MOVE)
        )
        for cycle_id, when in started.items()
    }
    return tuple(sorted(found.values(), key=lambda s: (s.started_at, s.cycle_id)))
