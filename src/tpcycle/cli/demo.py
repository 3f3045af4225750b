"""The demo command: a whole cycle, start to finish, in a throwaway journal."""

from __future__ import annotations

import tempfile
from pathlib import Path

import typer

from tpcycle import service
from tpcycle.cli.common import say, settings
from tpcycle.domain import Step
from tpcycle.render import markdown
from tpcycle.store import open_store

# Two voices, a private note and numbers that compare: everything a real cycle has.
SCRIPT: tuple[tuple[Step | None, str, str, bool], ...] = (
    (None, "teacher", "Exit tickets: 6 of 24 students gave a reason for their answer.", False),
    (
        Step.INTERPRETATION,
        "partner",
        "Most answers are right but bare. They may not know what a written reason looks like.",
        False,
    ),
    (Step.INTERPRETATION, "teacher", "I rush the explaining part when time runs short.", True),
    (
        Step.MOVE,
        "teacher",
        "Model one worked explanation with the frame 'I know ... because ...' before the exit"
        " ticket. Prediction: at least 12 of 24 give a reason.",
        False,
    ),
    (None, "partner", "Exit tickets after two lessons: 15 of 24 gave a reason.", False),
    (
        Step.REFLECTION,
        "teacher",
        "The frame helped more than I expected. Keep it; next, work on reasons that cite the"
        " numbers.",
        False,
    ),
    (
        Step.REFLECTION,
        "partner",
        "I learned to ask what students wrote before suggesting anything.",
        False,
    ),
)


def demo(ctx: typer.Context) -> None:
    """Run a short example cycle in a throwaway journal and print its Markdown export.

    Your own journal is not touched.
    """
    library = settings(ctx).library()
    with tempfile.TemporaryDirectory(prefix="tpcycle-demo-") as folder:
        store = open_store(Path(folder) / "demo.db", create=True)
        try:
            say("[bold]A demo cycle[/bold] in a throwaway journal (yours is untouched):")
            started = service.start_cycle(
                store,
                goal="Students explain their reasoning in writing",
                teacher="Ana Ruiz",
                partner="Sam Lee",
                protocol=library.load("default"),
            )
            say(
                f'  tpcycle new goal "{started.cycle.goal}" --teacher "Ana Ruiz"'
                ' --partner "Sam Lee"'
            )
            for step, by, text, private in SCRIPT:
                saved = service.add_entry(
                    store, cycle_id=started.cycle.id, step=step, text=text, by=by, private=private
                )
                flag = " --private" if private else ""
                say(f'  tpcycle {_command(saved.entry.step)} "{text[:40]}..." --by {by}{flag}')
            cycle = service.get_cycle(store, started.cycle.id)
        finally:
            store.close()
    say("\n[bold]tpcycle export[/bold] prints this Markdown (the private note is left out):\n")
    typer.echo(markdown(cycle), nl=False)
    say(
        "\nStart your own: [bold]tpcycle new goal[/bold] (it asks the questions), then"
        " [bold]tpcycle status[/bold]."
    )


def _command(step: Step) -> str:
    if step in (Step.EVIDENCE, Step.NEW_EVIDENCE):
        return "log evidence"
    return {Step.INTERPRETATION: "interpret", Step.MOVE: "move", Step.REFLECTION: "reflect"}[step]
