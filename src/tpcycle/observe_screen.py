"""What each key does on the observation screen, and what the screen shows. Pure, no I/O.

The screen has three modes: counting (every key of the setup), typing a note (``n`` begins one,
Enter files it, Esc drops it) and picking who spoke (``s`` lists the roster with a key each). A
key becomes an ``Action`` the command carries out (saving an event, undoing, quitting), so this
module never touches the journal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from tpcycle.observation import (
    MAX_NOTE,
    NOTE,
    PICK_KEYS,
    QUIT,
    SPEAKER_KEY,
    UNDO,
    Event,
    Kind,
    Observation,
    clock_time,
)
from tpcycle.screen import Cell, View

ESC, ENTER, BACKSPACE, INTERRUPT, END = "\x1b", "\n", "\x7f", "\x03", "\x04"


class Mode(StrEnum):
    COUNTING = "counting"
    NOTE = "note"
    PICKING = "picking"


@dataclass(frozen=True)
class Action:
    """What the command does after a key: save ``event``, undo, quit; or just redraw."""

    event: Event | None = None
    undo: bool = False
    quit: bool = False
    bell: bool = False


@dataclass
class Keys:
    state: Observation
    roster: tuple[str, ...] = ()
    cycle: int = 0
    step: str = ""
    mode: Mode = Mode.COUNTING
    note: list[str] = field(default_factory=list)
    note_at: float = 0.0

    def press(self, key: str, seconds: float) -> Action:
        if self.mode is Mode.NOTE:
            return self._typing(key, seconds)
        if self.mode is Mode.PICKING:
            return self._picking(key, seconds)
        if key in (QUIT, "Q", INTERRUPT, END):
            return Action(quit=True)
        if key == UNDO:
            return Action(undo=True)
        if key == NOTE:
            self.mode, self.note, self.note_at = Mode.NOTE, [], seconds
            return Action()
        if key == SPEAKER_KEY and self.state.setup.speakers:
            self.mode = Mode.PICKING
            return Action()
        event = self.state.event_for(key, seconds)
        return Action(event=event) if event else Action(bell=key not in (ESC, ENTER, " "))

    def _typing(self, key: str, seconds: float) -> Action:
        if key == ESC:
            self.mode = Mode.COUNTING
            return Action()
        if key in (ENTER, INTERRUPT, END):
            written = " ".join("".join(self.note).split())
            self.mode = Mode.COUNTING
            event = Event(self.note_at, Kind.NOTE, NOTE, written) if written else None
            return Action(event=event, quit=key != ENTER)
        if key in (BACKSPACE, "\b"):
            if self.note:
                self.note.pop()
            return Action()
        if len(self.note) >= MAX_NOTE:
            return Action(bell=True)
        if key.isprintable() or key == "\t":
            self.note.append(" " if key == "\t" else key)
        return Action()

    def _picking(self, key: str, seconds: float) -> Action:
        if key in (INTERRUPT, END):
            return Action(quit=True)
        self.mode = Mode.COUNTING
        if key == ESC:
            return Action()
        index = PICK_KEYS.find(key)
        if 0 <= index < len(self.roster) and key:
            return Action(event=Event(seconds, Kind.SPOKE, SPEAKER_KEY, self.roster[index]))
        return Action(bell=True)

    # -- what the screen shows ----------------------------------------------------------------

    def view(self, seconds: float) -> View:
        setup = self.state.setup
        title = f"Observing cycle {self.cycle} · {self.step} · {clock_time(seconds)}"
        cells = [Cell(c.key, c.label, str(self.state.count(c.key))) for c in setup.codes]
        lines: list[str] = []
        counts = (f"{c.key} {self.state.count(c.key)}" for c in setup.codes)
        status = ["q save", clock_time(seconds), *counts]  # what to press first: the end gets cut
        if setup.interval is not None:
            since = self.state.running_since()
            spans = self.state.intervals(seconds)
            now = "stopped" if since is None else f"running {clock_time(seconds - since)}"
            cells.append(Cell(setup.interval.key, setup.interval.label, now))
            lines.append(
                f"{setup.interval.key}: {len(spans)} time{'' if len(spans) == 1 else 's'}"
                f" · in all {clock_time(sum(spans))}"
                f" · longest {clock_time(max(spans, default=0.0))}"
            )
            status.append(f"{setup.interval.key} {'stopped' if since is None else now}")
        if setup.speakers:
            spoke = self.state.speakers()
            turns, students = len(spoke), len(set(spoke))
            lines.append(
                f"who spoke: {turns} turn{'' if turns == 1 else 's'},"
                f" {students} student{'' if students == 1 else 's'}"
            )
        label = prompt = ""
        hint = ["u undo", "n note", *(["s who spoke"] if setup.speakers else []), "q save and quit"]
        if self.mode is Mode.NOTE:
            typed = "".join(self.note)
            label, prompt = f"Note at {clock_time(self.note_at)}:", f"{typed}▏"
            hint = ["Enter file the note", "Esc drop it"]
            status = ["Enter file · Esc drop", f"note: {typed[-24:]}"]
        elif self.mode is Mode.PICKING:
            cells = [Cell(k, name, "") for k, name in zip(PICK_KEYS, self.roster, strict=False)]
            hint = ["a key: who spoke", "Esc back"]
            lines = []
            status = ["Esc back", *(f"{c.key} {c.label}" for c in cells)]
        last = self.state.last_undoable()
        optional = (
            (f"last: {clock_time(last.seconds)} {self.state.describe(last)}",) if last else ()
        )
        return View(
            title=title,
            cells=tuple(cells),
            lines=tuple(lines),
            optional=optional,
            prompt=prompt,
            prompt_label=label,
            hint=tuple(hint),
            status=" · ".join(status),
        )
