"""Who answers a question in a guided session, and in what order. Pure.

A question for both people (``ask: both``) is asked of each in turn, starting with the voice
of the machine the session runs on; a person who already answered it (before a stop, say) is
not asked again.
"""

from __future__ import annotations

from collections.abc import Collection

from tpcycle.domain import Role
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
