"""The compare command: baseline against new evidence, measure by measure."""

from __future__ import annotations

import typer

from tpcycle.cli import output as out
from tpcycle.cli.common import opened
from tpcycle.cli.comparing import print_comparison
from tpcycle.cli.options import CycleArgument, JsonOption
from tpcycle.cli.sort import print_movement
from tpcycle.measures import compare
from tpcycle.messages import Message
from tpcycle.render import comparison_dict, to_json
from tpcycle.render_sort import movement_dict
from tpcycle.usecases import cycles, sorting


def compare_command(
    ctx: typer.Context,
    cycle: CycleArgument = None,
    json: JsonOption = False,
) -> None:
    """Compare baseline with new evidence, measure by measure, with predictions and a chart."""
    with opened(ctx, create=False) as journal:
        found = cycles.get_cycle(journal, cycle)
        moved = sorting.cycle_movement(journal, found.id)  # who moved between piles, if sorted
    comparison = compare(found.entries)
    if json:
        piles = {} if moved is None else {"piles": movement_dict(moved)}  # only once sorted
        out.json_document(to_json({**comparison_dict(comparison), **piles}))
        return
    if comparison.empty:
        out.say(Message.NO_MEASURES_YET, cycle=found.id)
        return
    print_comparison(comparison)
    print_movement(moved)
