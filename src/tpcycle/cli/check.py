"""The check command: what the record suggests the pair might look at, said kindly."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer

from tpcycle.checks import DEFAULT_STALE_DAYS, Finding, check_cycle
from tpcycle.cli.common import (
    CycleArgument,
    JsonOption,
    bullet,
    console,
    indented,
    local_zone,
    opened,
    print_json,
    say,
)
from tpcycle.clock import today as local_today
from tpcycle.render import to_json
from tpcycle.usecases import cycles


def check(
    ctx: typer.Context,
    cycle: CycleArgument = None,
    stale_days: Annotated[
        int,
        typer.Option(
            "--stale-days", min=1, max=36_500, help="Quiet days before a cycle counts as drifting."
        ),
    ] = DEFAULT_STALE_DAYS,
    json: JsonOption = False,
) -> None:
    """Look over a cycle for the common traps (fixer, complaint, strategy, drifting...).

    Never blocks anything and never scores anyone: each finding says what was noticed, why it
    matters, and a question that might help.
    """
    zone = local_zone()
    with opened(ctx, create=False) as journal:
        found = cycles.get_cycle(journal, cycle)
        today = local_today(journal.clock(), zone)
    findings = check_cycle(found, today=today, stale_days=stale_days, zone=zone)
    if json:
        print_json(to_json([asdict(f) for f in findings]))
        return
    if not findings:
        say(f"Nothing to point out in cycle {found.id}. Keep going.")
        return
    print_findings(findings)


def print_findings(findings: list[Finding], *, stderr: bool = False) -> None:
    from rich.markup import escape

    out = console(stderr=stderr)
    for finding in findings:
        bullet(out, escape(finding.noticed), indent=0)
        indented(out, f"[dim]{escape(finding.why)}[/dim]")
        indented(out, f"[cyan]Ask:[/cyan] {escape(finding.question)}")
        out.print()
