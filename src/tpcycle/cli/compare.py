"""The compare command: baseline against new evidence, measure by measure."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from tpcycle.cli import output as out
from tpcycle.cli.common import opened
from tpcycle.cli.comparing import print_comparison
from tpcycle.cli.options import CycleArgument, JsonOption
from tpcycle.domain import Cycle
from tpcycle.measures import compare
from tpcycle.messages import Message
from tpcycle.render import comparison_dict, to_json
from tpcycle.store import Journal
from tpcycle.usecases import cycles
from tpcycle.usecases.showing import has_sorts

if TYPE_CHECKING:
    from tpcycle.sorting import Movement


def compare_command(
    ctx: typer.Context,
    cycle: CycleArgument = None,
    json: JsonOption = False,
) -> None:
    """Compare baseline with new evidence, measure by measure, with predictions and a chart."""
    with opened(ctx, create=False) as journal:
        found = cycles.get_cycle(journal, cycle)
        moved = _movement(journal, found)  # who moved between piles, if sorted
    comparison = compare(found.entries)
    if json:
        piles = {} if moved is None else {"piles": _movement_dict(moved)}  # only once sorted
        out.json_document(to_json({**comparison_dict(comparison), **piles}))
        return
    if comparison.empty:
        out.say(Message.NO_MEASURES_YET, cycle=found.id)
        return
    print_comparison(comparison)
    if moved is not None:
        from tpcycle.cli.sort import print_movement  # (see _movement)

        print_movement(moved)


# The sorting modules (the roster, the CSV reader, the sort command) load only for a cycle with
# a sorted class: 'compare' of any other cycle does not pay for them.


def _movement(journal: Journal, cycle: Cycle) -> Movement | None:
    if not has_sorts(journal, cycle):
        return None
    from tpcycle.usecases import sorting

    return sorting.cycle_movement(journal, cycle.id)


def _movement_dict(moved: Movement) -> dict[str, Any] | None:
    from tpcycle.render_sort import movement_dict

    return movement_dict(moved)
