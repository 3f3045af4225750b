"""The check command: what the record suggests the pair might look at, said kindly, and what
is going well."""

from __future__ import annotations

import datetime
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from tpcycle import service
from tpcycle.checks import DEFAULT_STALE_DAYS, Finding, Rules, check_cycle, load_rules
from tpcycle.cli.common import (
    CycleArgument,
    JsonOption,
    bullet,
    console,
    indented,
    opened,
    print_json,
    say,
)
from tpcycle.domain import CycleFilter, Status
from tpcycle.render import to_json

EARLIER_CYCLES = 5  # the pair's most recent closed cycles, read for patterns across cycles
CONFIDENCE_WORDS = {"high": "clear sign", "medium": "sign", "low": "faint sign"}


def check(
    ctx: typer.Context,
    cycle: CycleArgument = None,
    stale_days: Annotated[
        int,
        typer.Option("--stale-days", min=1, help="Quiet days before a cycle counts as drifting."),
    ] = DEFAULT_STALE_DAYS,
    rules: Annotated[
        Path | None,
        typer.Option(
            "--rules",
            help="A rules file (YAML) with your own words and phrases; see --print-rules.",
            dir_okay=False,
        ),
    ] = None,
    print_rules: Annotated[
        bool,
        typer.Option("--print-rules", help="Print the bundled English rules file and stop."),
    ] = False,
    show_all: Annotated[
        bool,
        typer.Option("--all", help="Also show faint signs (low confidence); --json always does."),
    ] = False,
    json: JsonOption = False,
) -> None:
    """Look over a cycle for the five partnership traps (fixer, complaint, compliance,
    strategy, perfection) and a few other patterns, and name what is going well.

    Never blocks anything and never scores anyone: each finding says what was noticed, why it
    matters, and a question that might help.
    """
    if print_rules:
        from tpcycle.checks.rules import bundled_text

        typer.echo(bundled_text(), nl=False)
        return
    chosen: Rules | None = load_rules(rules) if rules is not None else None
    with opened(ctx, create=False) as store:
        found = service.get_cycle(store, cycle)
        pair = CycleFilter(status=Status.CLOSED, partner=found.partner, last=EARLIER_CYCLES)
        earlier = [
            c
            for c in service.list_cycles(store, with_entries=True, only=pair).cycles
            if c.teacher == found.teacher and c.id != found.id
        ]
    findings = check_cycle(
        found,
        today=datetime.date.today(),
        stale_days=stale_days,
        rules=chosen,
        earlier=earlier,
    )
    if json:
        print_json(to_json([asdict(f) for f in findings]))
        return
    notices = [f for f in findings if f.kind != "strength"]
    shown = [f for f in notices if show_all or f.confidence != "low"]
    going_well = [f for f in findings if f.kind == "strength"]
    if not shown:
        say(f"Nothing to point out in cycle {found.id}. Keep going.")
    else:
        print_findings(shown)
    if going_well:
        out = console()
        out.print("[green]Going well[/green]")
        print_findings(going_well)
    hidden = len(notices) - len(shown)
    if hidden:
        faint = "1 faint sign" if hidden == 1 else f"{hidden} faint signs"
        say(f"[dim]({faint} not shown; 'tpcycle check --all' shows them.)[/dim]")


def print_findings(findings: list[Finding], *, stderr: bool = False) -> None:
    from rich.markup import escape

    out = console(stderr=stderr)
    for finding in findings:
        if finding.kind == "strength":
            bullet(out, escape(finding.noticed), indent=0, mark="+")
            indented(out, f"[dim]{escape(finding.why)}[/dim]")
        else:
            label = escape(f"({finding.trap}, {CONFIDENCE_WORDS.get(finding.confidence, '')})")
            bullet(out, f"{escape(finding.noticed)} [dim]{label}[/dim]", indent=0)
            indented(out, f"[dim]{escape(finding.why)}[/dim]")
        indented(out, f"[cyan]Ask:[/cyan] {escape(finding.question)}")
        out.print()
