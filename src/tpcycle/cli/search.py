"""The search command: find words across every entry of every cycle."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

import typer

from tpcycle.cli.common import JsonOption, console, opened, print_json, say
from tpcycle.domain import HIGHLIGHT, Hit, SearchFilter, Step
from tpcycle.errors import InvalidInput
from tpcycle.render import to_json
from tpcycle.usecases import history

DateOption = Annotated[str | None, typer.Option(metavar="YYYY-MM-DD", show_default=False)]


def parse_day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise InvalidInput(f"{option} needs a date like 2026-09-01, not '{text}'.") from exc


def search(
    ctx: typer.Context,
    words: Annotated[
        list[str],
        typer.Argument(help="Words to find; all must appear. end* matches the start of a word."),
    ],
    step: Annotated[Step | None, typer.Option("--step", help="Only this step.")] = None,
    by: Annotated[
        str | None, typer.Option("--by", help="Only entries by this name or role.")
    ] = None,
    cycle: Annotated[
        int | None, typer.Option("--cycle", "-c", min=1, help="Only this cycle.")
    ] = None,
    since: DateOption = None,
    until: DateOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many results.")] = 20,
    json: JsonOption = False,
) -> None:
    """Search every entry, best matches first, with the matching words highlighted.

    --since and --until take dates (both included). For a word found in thousands of
    entries, the best are chosen from the newest 5,000 matches.
    """
    start, end = parse_day(since, "--since"), parse_day(until, "--until")
    with opened(ctx, create=False) as journal:
        only = SearchFilter(
            step=step,
            author=by,
            cycle_id=cycle,
            since=start.isoformat() if start else None,
            until=(end + timedelta(days=1)).isoformat() if end else None,
            limit=limit,
        )
        hits = history.search(journal, " ".join(words), only)
    if json:
        print_json(to_json([_hit_dict(h) for h in hits]))
        return
    if not hits:
        say("Nothing found.")
        return
    _print_hits(hits)


def _hit_dict(hit: Hit) -> dict[str, object]:
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
        "rank": round(hit.rank, 4),
        "snippet": hit.snippet.replace(start, "«").replace(end, "»"),
    }


def _print_hits(hits: list[Hit]) -> None:
    from rich.markup import escape

    start, end = HIGHLIGHT
    out = console()
    for hit in hits:
        private = " [magenta][PRIVATE][/magenta]" if hit.private else ""
        out.print(
            f"[bold]Cycle {hit.cycle_id}[/bold] · entry {hit.entry_id} ·"
            f" {hit.step.label.lower()} · {escape(hit.author)} ·"
            f" {hit.created_at[:10]}{private}"
        )
        snippet = escape(" ".join(hit.snippet.split()))
        out.print("  " + snippet.replace(start, "[bold yellow]").replace(end, "[/bold yellow]"))
