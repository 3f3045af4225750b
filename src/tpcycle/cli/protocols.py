"""The protocols command group: list, show and validate the question sets."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tpcycle.cli import output as out
from tpcycle.cli.common import ErrorHandlingGroup, settings
from tpcycle.cli.options import JsonOption
from tpcycle.domain import STEPS
from tpcycle.errors import ProtocolError
from tpcycle.messages import Message
from tpcycle.messages_classroom import Classroom
from tpcycle.messages_partnership import Partnership
from tpcycle.protocol import DEFAULT_PROTOCOL, Ask, Question
from tpcycle.protocols import copy_protocol, load_protocol
from tpcycle.render import protocol_dicts, to_json

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
    library = settings(ctx).library()
    loaded = list(library.load_all())
    if json:
        out.json_document(to_json(protocol_dicts(loaded)))
        return
    bundled = {p.stem for p in library.bundled.glob("*.y*ml")}
    rows: list[tuple[out.Piece, ...]] = []
    for item in loaded:
        if isinstance(item, ProtocolError):
            rows.append(((out.words(Message.PROTOCOL_BROKEN), "red"), item.message, "", ""))
            continue
        source = item.source
        if source == "user" and item.name in bundled:
            source = out.words(Message.PROTOCOL_OVERRIDES)
        rows.append((item.name, item.title, item.version, source))
    out.table(("name", "title", "version", "source"), rows)
    talks = [p.name for p in loaded if not isinstance(p, ProtocolError) and p.is_conversation]
    if talks:
        out.line(
            (out.words(Classroom.PROTOCOLS_CONVERSATIONS, names=", ".join(talks)), "dim"), err=True
        )
    out.line((out.words(Message.PROTOCOLS_FOLDER, folder=library.user), "dim"), err=True)


@app.command("show")
def show_protocol(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The protocol's name, e.g. default.")],
) -> None:
    """Show a protocol's norms and questions, step by step."""
    protocol = settings(ctx).library().load(name)
    out.line(
        (protocol.title, "bold"),
        f" ({protocol.name}, version {protocol.version}, {protocol.source})",
    )
    out.line(protocol.description)
    if protocol.norms:
        out.blank()
        out.heading(out.words(Message.PROTOCOL_NORMS))
        for norm in protocol.norms:
            out.bullet(norm)
    parts: list[tuple[str, tuple[Question, ...]]] = [
        (f"{step.number}. {step.label}", protocol.questions(step)) for step in STEPS
    ]
    if protocol.is_conversation:
        parts = [(f"{n}. {s.name}", s.questions) for n, s in enumerate(protocol.sections, 1)]
    for heading, questions in parts:
        out.blank()
        out.heading(heading)
        for q in questions:
            who = _who(q.ask)
            out.bullet(q.text, (who, "dim"))
            if q.hint:
                out.indented((q.hint, "dim"), indent=4)
    out.blank()
    out.line((out.words(Message.PROTOCOL_FILE, path=protocol.path), "dim"))


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
    out.line(str(target))
    out.say(Message.PROTOCOL_CREATED, path=target)


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
            out.line(out.words(Message.PROTOCOL_OK, path=path))
    for problem in problems:
        out.line(problem, err=True)
    if problems:
        raise typer.Exit(1)


def _who(ask: Ask) -> str:
    if ask is Ask.EITHER:
        return ""
    if ask is Ask.BOTH:
        return out.words(Partnership.PROTOCOL_ASKS_EACH)
    return out.words(Message.PROTOCOL_ASKS, who=ask)
