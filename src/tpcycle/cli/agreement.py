"""The agreement command: walk a pair through their agreement, show it, change one answer."""

from __future__ import annotations

from typing import Annotated

import typer

from tpcycle.agreement import SHARED, Agreement
from tpcycle.cli import output as out
from tpcycle.cli.asking import read_line
from tpcycle.cli.common import ErrorHandlingGroup, local_zone, opened, settings
from tpcycle.cli.editing import Given, given_text, keeping
from tpcycle.cli.options import ByOption, CycleOption, EditOption, JsonOption
from tpcycle.clock import local_day
from tpcycle.domain import Role, resolve_author
from tpcycle.errors import InvalidInput
from tpcycle.messages import Message
from tpcycle.messages_partnership import Partnership
from tpcycle.protocol import Ask, Protocol, Question
from tpcycle.protocols import bundled_dir, load_protocol
from tpcycle.render import to_json
from tpcycle.render_partnership import agreement_dict
from tpcycle.store import Journal
from tpcycle.usecases import agreement as agreed
from tpcycle.usecases import identity
from tpcycle.voices import voices_for

app = typer.Typer(
    cls=ErrorHandlingGroup,
    invoke_without_command=True,
    help="The pair's agreement: what you want together, how you work, what each wants to learn.",
)

PairTeacher = Annotated[
    str | None, typer.Option("--teacher", "-t", help="The pair's teacher (with --partner).")
]
PairPartner = Annotated[
    str | None, typer.Option("--partner", "-p", help="The pair's partner (with --teacher).")
]


def questions() -> Protocol:
    """The agreement's questions: the bundled 'agreement' protocol, kept in its own folder."""
    folder = bundled_dir() / "agreement"
    return load_protocol(folder / "agreement.yaml", source="bundled", expect_name="agreement")


@app.callback()
def agreement(
    ctx: typer.Context,
    cycle: CycleOption = None,
    teacher: PairTeacher = None,
    partner: PairPartner = None,
    by: ByOption = None,
) -> None:
    """The pair's agreement: what you want together, how you work, what each wants to learn.

    Without a subcommand, walks the two of you through it one question at a time (a question
    for both is asked of each of you). One agreement per pair of people, not per cycle; every
    change keeps its date. The pair is the current cycle's unless --teacher and --partner say.
    """
    if ctx.invoked_subcommand is not None:
        return
    protocol = questions()
    named = teacher is not None and partner is not None  # else the pair is a cycle's: it exists
    with opened(ctx, create=named) as journal:
        pair = agreed.find_pair(journal, cycle, teacher, partner)
        now = agreed.get_agreement(journal, pair)
        me = identity.whoami(journal)
        first = resolve_author(by, pair.teacher, pair.partner, me)[1]
        out.say(Partnership.AGREEMENT_INTRO, teacher=pair.teacher, partner=pair.partner)
        count = _walk(journal, pair, protocol, now, first, by, ctx)
    out.say(Partnership.AGREEMENT_DONE, count=count)


def _walk(
    journal: Journal,
    pair: agreed.Pair,
    protocol: Protocol,
    now: Agreement | None,
    first: Role,
    by: str | None,
    ctx: typer.Context,
) -> int:
    count = 0
    for question in agreed.all_questions(protocol):
        out.blank(err=True)
        out.line((question.text, "bold cyan"), err=True)
        if question.hint:
            out.line((question.hint, "dim"), err=True)
        for voice in voices_for(question.ask, first):
            part = voice.value if question.ask is Ask.BOTH else SHARED
            for current in () if now is None else now.answers_to(question.id):
                if current.part == part:
                    out.line(
                        (out.words(Partnership.AGREEMENT_NOW, text=current.text), "dim"), err=True
                    )
            name = pair.teacher if voice is Role.TEACHER else pair.partner
            line = read_line(f"{name} ({voice.value}) > ")
            if line is None or line.strip() == "/stop":
                return count
            if not line.strip():
                continue
            who = voice.value if question.ask is Ask.BOTH else by
            with keeping(Given(line, precious=True), settings(ctx)):
                saved = agreed.answer(journal, pair, question, line, by=who)
            if saved is not None:
                count += 1
                out.saved(Partnership.AGREEMENT_SAVED, key=question.id)
    return count


@app.command("show")
def show(
    ctx: typer.Context,
    cycle: CycleOption = None,
    teacher: PairTeacher = None,
    partner: PairPartner = None,
    json: JsonOption = False,
) -> None:
    """Show the pair's agreement as it stands, each answer with who gave it and when."""
    zone = local_zone()
    with opened(ctx, create=False) as journal:
        pair = agreed.find_pair(journal, cycle, teacher, partner)
        now = agreed.get_agreement(journal, pair)
    if json:
        out.json_document(to_json(agreement_dict(pair.teacher, pair.partner, now, zone)))
        return
    if now is None:
        out.say(Partnership.AGREEMENT_NONE, teacher=pair.teacher, partner=pair.partner)
        return
    out.heading(
        out.words(Partnership.AGREEMENT_HEADING, teacher=pair.teacher, partner=pair.partner)
    )
    out.line(
        (
            out.words(
                Partnership.AGREEMENT_DATES,
                started=local_day(now.started_at, zone),
                changed=local_day(now.revisited_at, zone),
                count=len(now.changes),
            ),
            "dim",
        )
    )
    for question in agreed.all_questions(questions()):
        out.blank()
        out.line((question.text, "bold"), f" [{question.id}]")
        answers = now.answers_to(question.id)
        if not answers:
            out.indented((out.words(Partnership.AGREEMENT_NOT_ANSWERED), "dim"))
        for a in answers:
            out.indented(a.text)
            when = local_day(a.created_at, zone)
            by = out.words(Partnership.AGREEMENT_ANSWER_BY, author=a.author, role=a.role, when=when)
            out.indented((by, "dim"), indent=4)


@app.command("edit")
def edit(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="The question's key, as 'agreement show' lists.")],
    text: Annotated[
        str | None,
        typer.Argument(help="The new answer; - reads standard input.", show_default=False),
    ] = None,
    cycle: CycleOption = None,
    teacher: PairTeacher = None,
    partner: PairPartner = None,
    by: ByOption = None,
    use_editor: EditOption = False,
) -> None:
    """Change one answer of the agreement, by its question's key; the old answer is kept."""
    question: Question = agreed.question_by_key(questions(), key)
    given = given_text(text, edit=use_editor, what="answer")
    if given is None:  # a terminal and nothing given: ask for the one answer
        out.line((question.text, "bold cyan"), err=True)
        line = read_line()
        if line is None or not line.strip():
            raise InvalidInput(Message.NOTHING_WRITTEN)
        given = Given(line, precious=True)
    named = teacher is not None and partner is not None
    with opened(ctx, create=named) as journal, keeping(given, settings(ctx)):
        pair = agreed.find_pair(journal, cycle, teacher, partner)
        saved = agreed.answer(journal, pair, question, given.text, by=by)
    if saved is None:
        out.say(Partnership.AGREEMENT_SAME, key=key)
    else:
        out.saved(Partnership.AGREEMENT_SAVED, key=key)
