"""Who moved between piles, for people (Markdown, the terminal's lines) and scripts (JSON).
Pure: a ``Movement`` in, text or plain data out. Student names appear only if the movement
was built with them (on the teacher's machine); everything that leaves it is built with aliases.
"""

from __future__ import annotations

from typing import Any

from tpcycle.messages import text
from tpcycle.messages_classroom import Classroom
from tpcycle.render_markdown import escape_inline
from tpcycle.sorting import Movement


def movement_dict(moved: Movement | None) -> dict[str, Any] | None:
    """The JSON shape (docs/json.md, "Who moved between piles")."""
    if moved is None:
        return None
    return {
        "piles_before": list(moved.piles_before),
        "piles_after": list(moved.piles_after),
        "moved_up": [_move(m) for m in moved.up],
        "moved_down": [_move(m) for m in moved.down],
        "same_pile": [{"student": s, "pile": p} for s, p in moved.stayed],
        "still_in_last_pile": list(moved.still_last),
        "only_before": list(moved.only_before),
        "only_after": list(moved.only_after),
    }


def _move(move: tuple[str, str, str]) -> dict[str, str]:
    student, before, after = move
    return {"student": student, "before": before, "after": after}


def movement_groups(moved: Movement) -> list[tuple[str, list[str]]]:
    """Each group of students with its heading, the groups that have someone in them."""
    groups = [
        (text(Classroom.SORT_MOVED_UP), [f"{s} ({b} → {a})" for s, b, a in moved.up]),
        (text(Classroom.SORT_MOVED_DOWN), [f"{s} ({b} → {a})" for s, b, a in moved.down]),
        (text(Classroom.SORT_STILL_IN, pile=moved.last_pile), list(moved.still_last)),
        (text(Classroom.SORT_SAME_PILE), [f"{s} ({p})" for s, p in moved.stayed]),
        (text(Classroom.SORT_ONLY_BEFORE), list(moved.only_before)),
        (text(Classroom.SORT_ONLY_AFTER), list(moved.only_after)),
    ]
    return [(label, people) for label, people in groups if people]


def movement_markdown(moved: Movement | None, *, level: int = 3) -> list[str]:
    """A section listing who moved, or nothing when there are not two sorts to compare."""
    if moved is None:
        return []
    out = [f"{'#' * level} {text(Classroom.SORT_MOVEMENT_HEADING)}", ""]
    for label, people in movement_groups(moved):
        out.append(f"- **{label}** ({len(people)}): {escape_inline(', '.join(people))}")
    return [*out, ""]
