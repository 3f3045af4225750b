"""JSON shapes for the partnership: who this machine speaks for, the agreement, whose ideas.

Documented in docs/json.md. Pure.
"""

from __future__ import annotations

from typing import Any

from tpcycle.domain import Me


def me_dict(me: Me | None) -> dict[str, Any]:
    """``{"role": "partner", "name": "Sam Lee"}``; both null when nobody was named."""
    return {"role": None if me is None else me.role.value, "name": None if me is None else me.name}
