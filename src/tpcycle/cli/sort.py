"""tpcycle sort: which pile each student is in, one key per student or from a CSV file."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from tpcycle.cli import output as out
from tpcycle.cli.common import lesson_date, opened
from tpcycle.cli.options import (
    NUMBER_MAX,
    BaselineOption,
    ByOption,
    CycleOption,
    NewEvidenceOption,
    OnOption,
    PrivateOption,
)
from tpcycle.domain import visible
from tpcycle.messages_classroom import Classroom
from tpcycle.readfile import read_small_file
from tpcycle.sortcsv import MAX_BYTES, decode, piles_from_table, read_table
from tpcycle.sorting import (
    DEFAULT_PILES,
    Movement,
    Pile,
    Sorting,
    parse_piles,
    parse_rule,
    piles_of_rule,
)
from tpcycle.store import Journal
from tpcycle.usecases import cycles, privacy, recording
from tpcycle.usecases.sorting import SortSaved, Where, describe, names_to_sort, record_sort

Column = Annotated[str | None, typer.Option(metavar="NAME", show_default=False)]


def sort(
    ctx: typer.Context,
    text: Annotated[
        str | None,
        typer.Argument(
            help="The evidence's text, e.g. 'Exit tickets on fractions'.", show_default=False
        ),
    ] = None,
    from_file: Annotated[
        Path | None,
        typer.Option(
            "--from",
            metavar="FILE.csv",
            help="A CSV with a student column and a pile or score column.",
        ),
    ] = None,
    piles: Annotated[
        str | None,
        typer.Option(
            "--piles",
            metavar="KEY=PILE,...",
            help=f"The piles, best first [default: {DEFAULT_PILES}].",
        ),
    ] = None,
    rule: Annotated[
        str | None,
        typer.Option(
            "--rule",
            metavar="PILE>=SCORE,...",
            help="How scores map to piles, e.g. 'got it>=8,partly>=5,not yet>=0'.",
        ),
    ] = None,
    student_column: Column = None,
    pile_column: Column = None,
    score_column: Column = None,
    entry: Annotated[
        int | None,
        typer.Option(
            "--entry", min=1, max=NUMBER_MAX, help="Attach the sort to this evidence entry."
        ),
    ] = None,
    add_students: Annotated[
        bool, typer.Option("--add-students", help="Add students the roster lacks.")
    ] = False,
    baseline: BaselineOption = False,
    new: NewEvidenceOption = False,
    by: ByOption = None,
    private: PrivateOption = False,
    cycle: CycleOption = None,
    on: OnOption = None,
) -> None:
    """Record which pile each student is in for a piece of evidence, by key or from a CSV file.

    With no --from, the roster's students come one at a time: press a pile's key (g got it,
    p partly, n not yet unless --piles says otherwise), s to skip, u to undo, q to save. The
    sort is saved per student and as the group counts 'compare' uses; 'compare' then also
    shows who moved between piles. Without a terminal, keys are read from standard input.
    """
    chosen = piles_of_rule(rule) if rule and piles is None else parse_piles(piles or DEFAULT_PILES)
    scores = parse_rule(rule, chosen) if rule else None
    with opened(ctx, create=from_file is not None) as journal:
        where = Where(cycle, entry, text, by, private, baseline, new, lesson_date(journal, on))
        if from_file is not None:
            data = read_small_file(from_file, MAX_BYTES)
            decoded = decode(data)
            if decoded.guessed:
                out.warn(Classroom.SORT_CSV_GUESSED, path=from_file, encoding=decoded.encoding)
            rows = piles_from_table(
                read_table(decoded.text),
                chosen,
                student_column=student_column,
                pile_column=pile_column,
                score_column=score_column,
                rule=scores,
            )
            placed = [(r.name, r.rank, r.score) for r in rows]
        else:
            placed = _by_key(journal, names_to_sort(journal), chosen, where)
        if not placed:
            out.say(Classroom.SORT_NOTHING_SORTED)
            return
        saved = record_sort(journal, where, chosen, placed, add_unknown=add_students)
    _report(saved)


def _by_key(
    journal: Journal, names: list[str], piles: tuple[Pile, ...], where: Where
) -> list[tuple[str, int, float | None]]:
    """The roster one student at a time; the sort so far when q is pressed or input ends."""
    if where.entry_id is not None:  # sorting for evidence already logged: say which
        entry = privacy.get_entry(journal, where.entry_id)
        cycle_id, step = entry.cycle_id, entry.step
    else:
        cycle_id = cycles.get_cycle(journal, where.cycle_id).id
        step = recording.step_for_evidence(
            journal, cycle_id, baseline=where.baseline, new=where.new
        )
    state = Sorting(piles, tuple(names))
    out.say(
        Classroom.SORT_STARTED,
        count=len(names),
        cycle=cycle_id,
        step=step.label.lower(),
        keys=", ".join(f"{p.key} {p.name}" for p in piles),
    )
    live = sys.stdin.isatty()
    for key in _keys(live, state):
        if key in ("q", "Q", "\x03", "\x04"):
            break
        before = len(state.choices)
        if not state.press(key):
            if live and not key.isspace():
                sys.stderr.write("\a")
            continue
        if live:
            _show_step(state, before)
        if state.done:
            break
    if live:
        sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()
    return [(name, rank, None) for name, rank in state.sorted_names()]


def _width() -> int:
    try:
        return os.get_terminal_size(sys.stderr.fileno()).columns
    except OSError:
        return 80


def _fit(line: str) -> str:
    room = max(20, _width() - 1)
    return visible(line if len(line) <= room else line[: room - 1] + "…")


def _show_step(state: Sorting, before: int) -> None:
    """A line for the student just placed, skipped or taken back (one line each, scrolling)."""
    if len(state.choices) > before:
        index = len(state.choices) - 1
        rank = state.choices[index]
        pile = "—" if rank is None else state.piles[rank].name
        shown = f"{index + 1}/{len(state.students)} {state.students[index]} → {pile}"
    else:
        shown = f"↶ {state.students[len(state.choices)]}"
    sys.stderr.write("\r\x1b[K" + _fit(shown) + "\n")


def _prompt(state: Sorting) -> str:
    keys = "/".join(p.key for p in state.piles)
    counts = " ".join(f"{p.key}{n}" for p, n in zip(state.piles, state.counts(), strict=True))
    head = f"{len(state.choices) + 1}/{len(state.students)} "
    tail = f"  [{keys} s u q] {counts}"
    name = state.current or ""
    room = max(8, _width() - 1 - len(head) - len(tail))
    if len(name) > room:
        name = name[: room - 1] + "…"
    return visible(head + name + tail)[: max(20, _width() - 1)]


def _keys(live: bool, state: Sorting) -> Iterator[str]:
    """Single key presses: from a terminal in cbreak mode with the prompt redrawn, or piped."""
    if not live:
        while key := sys.stdin.read(1):
            yield key
        return
    import termios
    import tty

    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)
        while True:
            sys.stderr.write("\r\x1b[K" + _prompt(state))
            sys.stderr.flush()
            key = os.read(fd, 1).decode(errors="ignore")
            if not key:
                return
            yield key
    except KeyboardInterrupt:
        return
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def _report(saved: SortSaved) -> None:
    for warning in saved.warnings:
        out.warn(warning)
    if saved.added:
        out.say(Classroom.SORT_ADDED_STUDENTS, names=", ".join(saved.added))
    if saved.replaced:
        out.warn(Classroom.SORT_REPLACED, entry=saved.entry.id)
    out.saved(
        Classroom.SORT_SAVED,
        count=int(saved.groups[0].total or 0),
        entry=saved.entry.id,
        step=saved.entry.step.label.lower(),
        groups=describe(saved.groups),
    )


def print_movement(moved: Movement | None) -> None:
    """compare's list of who moved between piles (names: this is the teacher's screen)."""
    from tpcycle.render_sort import movement_groups

    if moved is None:
        return
    out.line((out.words(Classroom.SORT_MOVEMENT_HEADING), "bold"))
    for label, people in movement_groups(moved):
        out.indented((f"{label} ({len(people)}): ", "yellow"), ", ".join(people))
    out.blank()
