"""Every command tpcycle has: its name, how its module is loaded, its panel in --help, and the
one line the root --help shows for it.

This is the one lazy-loading seam for commands: a command's module is imported, by a plain import
statement that grep, mypy and editors follow, only when that command runs.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import typer

RECORD = "Record the cycle"
LOOK = "See and choose cycles"
SHARE = "Between two machines"
PRIVATE = "Fix and forget: change entries and cycles, forget, student names"
MORE = "Protocols, the journal file, a demo"

Command = Callable[..., None] | typer.Typer


# The one lazy-loading seam: a command's module is imported, by a plain import statement that
# grep, mypy and editors follow, only when that command runs (or --help lists them all).
def _steps() -> ModuleType:
    from tpcycle.cli import steps

    return steps


def _goal() -> ModuleType:
    from tpcycle.cli import goal

    return goal


def load_cycles() -> ModuleType:
    from tpcycle.cli import cycles

    return cycles


def _evidence() -> ModuleType:
    from tpcycle.cli import evidence

    return evidence


def _observe() -> ModuleType:
    from tpcycle.cli import observe

    return observe


def _sort() -> ModuleType:
    from tpcycle.cli import sort

    return sort


def _attachments() -> ModuleType:
    from tpcycle.cli import attachments

    return attachments


def _session() -> ModuleType:
    from tpcycle.cli import session

    return session


def _talks() -> ModuleType:
    from tpcycle.cli import talks

    return talks


def _check() -> ModuleType:
    from tpcycle.cli import check

    return check


def _search() -> ModuleType:
    from tpcycle.cli import search

    return search


def _history() -> ModuleType:
    from tpcycle.cli import history

    return history


def _export() -> ModuleType:
    from tpcycle.cli import export

    return export


def _remind() -> ModuleType:
    from tpcycle.cli import remind

    return remind


def _exchange() -> ModuleType:
    from tpcycle.cli import exchange

    return exchange


def _privacy() -> ModuleType:
    from tpcycle.cli import privacy

    return privacy


def _protocols() -> ModuleType:
    from tpcycle.cli import protocols

    return protocols


def _db() -> ModuleType:
    from tpcycle.cli import db

    return db


def load_start() -> ModuleType:
    from tpcycle.cli import start

    return start


def _corrections() -> ModuleType:
    from tpcycle.cli import corrections

    return corrections


def _between() -> ModuleType:
    from tpcycle.cli import between

    return between


def _coach() -> ModuleType:
    from tpcycle.cli import coach

    return coach


def _demo() -> ModuleType:
    from tpcycle.cli import demo

    return demo


def _identity() -> ModuleType:
    from tpcycle.cli import identity

    return identity


def _agreement() -> ModuleType:
    from tpcycle.cli import agreement

    return agreement


# Every command: its name, how to load it, its panel in --help, and the one line --help shows for
# it, so that listing the commands loads none of them (a test keeps the line equal to the
# first paragraph of the command's own help).
COMMANDS: tuple[tuple[str, Callable[[], Command], str, str], ...] = (
    ("new", lambda: _goal().new_app, RECORD, "Start something new: a cycle's goal."),
    ("log", lambda: _steps().log_app, RECORD, "Log evidence for the current cycle."),
    (
        "session",
        lambda: _session().session,
        RECORD,
        "A guided conversation: asks the protocol's questions step by step, saving every answer.",
    ),
    (
        "tally",
        lambda: _evidence().tally,
        RECORD,
        "Count what you see during a lesson, one key press each; q saves the counts as evidence.",
    ),
    (
        "observe",
        lambda: _observe().observe,
        RECORD,
        "Observe a lesson live: counts, a stopwatch, timed notes and who spoke, saved as you go.",
    ),
    (
        "sort",
        lambda: _sort().sort,
        RECORD,
        "Record which pile each student is in for a piece of evidence, by key or from a CSV file.",
    ),
    (
        "interpret",
        lambda: _steps().interpret,
        RECORD,
        "Record what the evidence suggests and what might be in the way.",
    ),
    (
        "move",
        lambda: _steps().move,
        RECORD,
        "Record the one small instructional move to try, ideally with a prediction.",
    ),
    (
        "reflect",
        lambda: _steps().reflect,
        RECORD,
        "Record what changed, what to keep, adjust or drop, and what each of you learned.",
    ),
    (
        "status",
        lambda: load_cycles().status,
        LOOK,
        "Where the current cycle stands: steps done and missing, and what to ask next.",
    ),
    (
        "list",
        lambda: load_cycles().list_cycles,
        LOOK,
        "List cycles, oldest first (the latest that fit; --all for every one); the current"
        " one is marked with *.",
    ),
    (
        "show",
        lambda: load_cycles().show,
        LOOK,
        "Show a cycle with every entry, private ones marked.",
    ),
    (
        "use",
        lambda: load_cycles().use,
        LOOK,
        "Make cycle N the current cycle, used when --cycle is left out.",
    ),
    (
        "close",
        lambda: load_cycles().close,
        LOOK,
        "Close a cycle once its reflection is done (entries can still be added).",
    ),
    (
        "reopen",
        lambda: _corrections().reopen,
        LOOK,
        "Open a closed cycle again, to add what was missed (the current cycle if none given).",
    ),
    (
        "compare",
        lambda: _evidence().compare_command,
        LOOK,
        "Compare baseline with new evidence, measure by measure, with predictions and a chart.",
    ),
    (
        "check",
        lambda: _check().check,
        LOOK,
        "Look over a cycle for the five partnership traps (fixer, complaint, compliance,"
        " strategy, perfection) and a few other patterns, and name what is going well.",
    ),
    (
        "search",
        lambda: _search().search,
        LOOK,
        "Search every entry, best matches first, with the matching words highlighted.",
    ),
    (
        "history",
        lambda: _history().history,
        LOOK,
        "Across all cycles: how many, how long they ran, skipped steps; and, for recent"
        " cycles, what changed and which moves come back.",
    ),
    (
        "export",
        lambda: _export().export,
        LOOK,
        "Export cycles as Markdown, JSON or a printable HTML page to share or keep.",
    ),
    (
        "remind",
        lambda: _remind().remind,
        LOOK,
        "Write the cycle's check-ins as a calendar file (.ics) to open in any calendar app.",
    ),
    (
        "attachments",
        lambda: _attachments().attachments,
        LOOK,
        "List the photos, scans and PDFs kept with evidence, or write them into a folder.",
    ),
    (
        "share",
        lambda: _exchange().share,
        SHARE,
        "Write a cycle as a bundle file for your partner to import on their machine.",
    ),
    (
        "import",
        lambda: _exchange().import_command,
        SHARE,
        "Bring in a cycle your partner shared: new entries are added, nothing is overwritten.",
    ),
    (
        "edit",
        lambda: _privacy().edit,
        PRIVATE,
        "Fix an entry: its text, step, numbers, who wrote it, its cycle, or whether it is private.",
    ),
    (
        "forget",
        lambda: _privacy().forget,
        PRIVATE,
        "Delete entries (or a whole cycle) for good: they are gone from the journal file.",
    ),
    (
        "conversation",
        lambda: _talks().app,
        PRIVATE,
        "Conversation answers (numbered a1, a2 ... in show): reword or forget them.",
    ),
    (
        "cycle",
        lambda: _corrections().cycle_app,
        PRIVATE,
        "Fix a cycle: its people, goal, protocol.",
    ),
    (
        "students",
        lambda: _privacy().students_app,
        PRIVATE,
        "The roster of student names that exports replace with aliases (Student A, B ...).",
    ),
    (
        "protocols",
        lambda: _protocols().app,
        MORE,
        "The question sets (protocols) tpcycle asks from: list, show, validate.",
    ),
    (
        "agreement",
        lambda: _agreement().app,
        SHARE,
        "The pair's agreement: what you want together, how you work, what each wants to learn.",
    ),
    (
        "whoami",
        lambda: _identity().whoami,
        SHARE,
        "Who this machine speaks for: the default author of every entry written here.",
    ),
    ("db", lambda: _db().app, MORE, "The journal file itself."),
    (
        "demo",
        lambda: _demo().demo,
        MORE,
        "Run a short example cycle in a throwaway journal and print its Markdown export.",
    ),
    (
        "guide",
        lambda: load_start().guide,
        MORE,
        "Print the guide to a first cycle (it ships with tpcycle; no network needed).",
    ),
    # --- i11-between ---
    (
        "todo",
        lambda: _between().todo_app,
        RECORD,
        "Promises with an owner and a day: list the open ones, add, mark done or drop.",
    ),
    (
        "note",
        lambda: _between().note,
        RECORD,
        "A short note on the cycle between meetings, outside the six steps.",
    ),
    (
        "ask",
        lambda: _between().ask,
        RECORD,
        "A question for the other person, to answer before you next meet.",
    ),
    (
        "answer",
        lambda: _between().answer,
        RECORD,
        "Answer question N that the other person asked with 'tpcycle ask'.",
    ),
    (
        "caseload",
        lambda: _coach().caseload,
        LOOK,
        "One row per teacher you partner with: open cycle, next step, promises due, last contact.",
    ),
    (
        "sync",
        lambda: _coach().sync,
        SHARE,
        "Exchange through a shared folder: write this machine's bundles, bring in the others'.",
    ),
)
