"""The protocols command group: list, show and validate the question sets."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tpcycle.cli.common import (
    ErrorHandlingGroup,
    JsonOption,
    bullet,
    console,
    indented,
    print_json,
    say,
    settings,
)
from tpcycle.domain import STEPS
from tpcycle.errors import ProtocolError
from tpcycle.protocols import DEFAULT_PROTOCOL, Protocol, copy_protocol, load_protocol
from tpcycle.render import to_json

app = typer.Typer(
    cls=ErrorHandlingGroup,
    no_args_is_help=True,
    help="The question sets (protocols) tpcycle asks from: list, show, validate.",
)


@app.command("list")
def list_protocols(
    ctx: typer.Context,
    json: JsonOption = False,
) -> None:
    """List bundled and user protocols; a user protocol overrides a bundled one of its name."""
    from rich.markup import escape
    from rich.table import Table

    library = settings(ctx).library()
    loaded = list(library.load_all())
    if json:
        print_json(
            to_json(
                [
                    {
                        "name": p.name,
                        "title": p.title,
                        "version": p.version,
                        "source": p.source,
                        "path": str(p.path),
                    }
                    if isinstance(p, Protocol)
                    else {"error": p.message}
                    for p in loaded
                ]
            )
        )
        return
    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("name", "title", "version", "source"):
        table.add_column(column)
    bundled = {p.stem for p in library.bundled.glob("*.y*ml")}
    for item in loaded:
        if isinstance(item, ProtocolError):
            table.add_row("[red]broken[/red]", escape(item.message), "", "")
            continue
        source = item.source
        if source == "user" and item.name in bundled:
            source = "user (overrides bundled)"
        table.add_row(item.name, escape(item.title), item.version, source)
    console().print(table)
    console(stderr=True).print(f"[dim]Your own protocols go in {library.user}[/dim]")


@app.command("show")
def show_protocol(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The protocol's name, e.g. default.")],
) -> None:
    """Show a protocol's norms and questions, step by step."""
    from rich.markup import escape

    protocol = settings(ctx).library().load(name)
    out = console()
    out.print(
        f"[bold]{escape(protocol.title)}[/bold] ({protocol.name}, version {protocol.version},"
        f" {protocol.source})"
    )
    out.print(escape(protocol.description))
    if protocol.norms:
        out.print()
        out.print("[bold]Norms[/bold]")
        for norm in protocol.norms:
            bullet(out, escape(norm))
    for step in STEPS:
        out.print()
        out.print(f"[bold]{step.number}. {step.label}[/bold]")
        for q in protocol.questions(step):
            who = "" if q.ask == "both" else f" [dim](asks the {q.ask})[/dim]"
            bullet(out, f"{escape(q.text)}{who}")
            if q.hint:
                indented(out, f"[dim]{escape(q.hint)}[/dim]", indent=4)
    out.print()
    out.print(f"[dim]File: {protocol.path}[/dim]")


@app.command("new")
def new_protocol(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name for your protocol, like my-check-in.")],
    start_from: Annotated[
        str, typer.Option("--from", help="The protocol to copy.")
    ] = DEFAULT_PROTOCOL,
) -> None:
    """Copy a protocol into your protocols folder under a new name, ready to edit."""
    library = settings(ctx).library()
    target = copy_protocol(library, start_from, name)
    typer.echo(str(target))
    say(f"Created {target}. Edit it, then check it with: tpcycle protocols validate {target}")


@app.command("validate")
def validate(
    files: Annotated[list[Path], typer.Argument(help="Protocol files to check.", exists=False)],
) -> None:
    """Check protocol files; prints file:line:column: problem for each problem and exits 1."""
    problems: list[str] = []
    for path in files:
        try:
            load_protocol(path)
        except ProtocolError as exc:
            problems.extend(exc.problems)
        else:
            typer.echo(f"{path}: ok")
    for problem in problems:
        typer.echo(problem, err=True)
    if problems:
        raise typer.Exit(1)
