"""The check command: what the record suggests the pair might look at, said kindly, and what
is going well."""

# No `from __future__ import annotations` in a command module: typer would then eval every
# annotation string again on each run (about 2 ms of `log evidence`).

from pathlib import Path
from typing import Annotated

import typer

from tpcycle.checks import DEFAULT_STALE_DAYS, Finding, Rules, bundled_rules, load_rules
from tpcycle.checks.rules import bundled_text
from tpcycle.cli import output as out
from tpcycle.cli.common import local_zone, opened
from tpcycle.cli.options import CycleArgument, JsonOption
from tpcycle.messages import Message
from tpcycle.places import user_cache_dir
from tpcycle.render import finding_dicts, to_json
from tpcycle.usecases.noticing import check as notice

CONFIDENCE_WORDS = {"high": "clear sign", "medium": "sign", "low": "faint sign"}


def check(
    ctx: typer.Context,
    cycle: CycleArgument = None,
    stale_days: Annotated[
        int,
        typer.Option(
            "--stale-days", min=1, max=36_500, help="Quiet days before a cycle counts as drifting."
        ),
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
        out.document(bundled_text())
        return
    chosen = load_rules(rules) if rules is not None else kept_rules()
    with opened(ctx, create=False) as journal:
        noticed = notice(journal, cycle, rules=chosen, stale_days=stale_days, zone=local_zone())
    if json:
        out.json_document(to_json(finding_dicts(noticed.findings)))
        return
    shown = [f for f in noticed.notices if show_all or f.confidence != "low"]
    if shown:
        print_findings(shown)
    else:
        out.say(Message.CHECK_NOTHING, cycle=noticed.cycle.id)
    if noticed.strengths:
        out.line((out.words(Message.CHECK_GOING_WELL), "green"))
        print_findings(noticed.strengths)
    hidden = len(noticed.notices) - len(shown)
    if hidden:
        out.say(Message.CHECK_FAINT_HIDDEN, count=hidden)


def kept_rules() -> Rules:
    """The bundled rules, kept with their compiled patterns in the user's cache folder between
    runs (``checks.saved``), so PyYAML is not loaded and the lists are not compiled again."""
    return bundled_rules(user_cache_dir())


def print_findings(findings: list[Finding], *, stderr: bool = False) -> None:
    for finding in findings:
        if finding.kind == "strength":
            out.bullet(finding.noticed, indent=0, mark="+", err=stderr)
        else:
            label = f" ({finding.trap}, {CONFIDENCE_WORDS.get(finding.confidence, '')})"
            out.bullet(finding.noticed, (label, "dim"), indent=0, err=stderr)
        out.indented((finding.why, "dim"), err=stderr)
        out.indented((out.words(Message.CHECK_ASK), "cyan"), " ", finding.question, err=stderr)
        out.blank(err=stderr)
