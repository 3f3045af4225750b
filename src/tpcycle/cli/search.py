"""The search command: find words across every entry of every cycle."""

from __future__ import annotations

from datetime import tzinfo
from typing import Annotated

import typer

from tpcycle import clock
from tpcycle.cli import output as out
from tpcycle.cli.common import local_zone, opened
from tpcycle.cli.options import NUMBER_MAX, DateOption, JsonOption
from tpcycle.dates import parse_day
from tpcycle.domain import HIGHLIGHT, Hit, SearchFilter, Step
from tpcycle.messages import Message
from tpcycle.render import hit_dicts, to_json
from tpcycle.usecases import history


def search(
    ctx: typer.Context,
    words: Annotated[
        list[str],
        typer.Argument(help="Words to find; all must appear. end* matches the start of a word."),
    ],
    step: Annotated[
        Step | None,
        typer.Option(
            "--step",
            metavar="STEP",  # the choices in the help text, where they wrap between words
            help="Only this step: " + ", ".join(s.value for s in Step) + ".",
            show_default=False,
        ),
    ] = None,
    by: Annotated[
        str | None, typer.Option("--by", help="Only entries by this name or role.")
    ] = None,
    cycle: Annotated[
        int | None, typer.Option("--cycle", "-c", min=1, max=NUMBER_MAX, help="Only this cycle.")
    ] = None,
    since: DateOption = None,
    until: DateOption = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, max=NUMBER_MAX, help="How many results.")
    ] = 20,
    json: JsonOption = False,
) -> None:
    """Search every entry, best matches first, with the matching words highlighted.

    --since and --until take dates (both included, days in your time zone). For a word found
    in thousands of entries, the best are chosen from the newest 5,000 matches.
    """
    start, end = parse_day(since, "--since"), parse_day(until, "--until")
    zone = local_zone()
    with opened(ctx, create=False) as journal:
        only = SearchFilter(
            step=step,
            author=by,
            cycle_id=cycle,
            since=clock.start_of_day(start, zone) if start else None,
            until=clock.end_of_day(end, zone) if end else None,
            limit=limit,
        )
        hits = history.search(journal, " ".join(words), only)
    if json:
        out.json_document(to_json(hit_dicts(hits, zone)))
        return
    if not hits:
        out.say(Message.NOTHING_FOUND)
        return
    _print_hits(hits, zone)


def _highlighted(snippet: str) -> list[out.Piece]:
    """The snippet as pieces, the matched words (between HIGHLIGHT marks) in bold yellow."""
    start, end = HIGHLIGHT
    pieces: list[out.Piece] = []
    for index, part in enumerate(snippet.split(start)):
        found, marked, rest = part.partition(end)
        if index and marked:
            pieces += [(found, "bold yellow"), rest]
        else:
            pieces.append(part.replace(end, ""))
    return pieces


def _print_hits(hits: list[Hit], zone: tzinfo) -> None:
    for hit in hits:
        private: list[out.Piece] = [" ", ("[PRIVATE]", "magenta")] if hit.private else []
        out.line(
            (f"Cycle {hit.cycle_id}", "bold"),
            f" · entry {hit.entry_id} · {hit.step.label.lower()} · ",
            hit.author,
            f" · {clock.local_day(hit.created_at, zone)}",
            *private,
        )
        out.indented(*_highlighted(" ".join(hit.snippet.split())))
