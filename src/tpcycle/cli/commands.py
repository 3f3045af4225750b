"""Every command tpcycle has: its name, how its module is loaded, its panel in --help, and the
one line the root --help shows for it.

A command's module is imported only when that command runs, by its loader in
``tpcycle.cli.loaders``.
"""

from __future__ import annotations

from collections.abc import Callable

import typer

from tpcycle.cli import loaders as load

RECORD = "Record the cycle"
LOOK = "See and choose cycles"
SHARE = "Between two machines"
PRIVATE = "Fix and forget: change entries and cycles, forget, student names"
MORE = "Protocols, the journal file, a demo"

Command = Callable[..., None] | typer.Typer


# Every command: its name, how to load it, its panel in --help, and the one line --help shows for
# it, so that listing the commands loads none of them (a test keeps the line equal to the
# first paragraph of the command's own help).
COMMANDS: tuple[tuple[str, Callable[[], Command], str, str], ...] = (
    ("new", lambda: load.goal().new_app, RECORD, "Start something new: a cycle's goal."),
    ("log", lambda: load.steps().log_app, RECORD, "Log evidence for the current cycle."),
    (
        "session",
        lambda: load.session().session,
        RECORD,
        "A guided conversation: asks the protocol's questions step by step, saving every answer.",
    ),
    (
        "tally",
        lambda: load.evidence().tally,
        RECORD,
        "Count what you see during a lesson, one key press each; q saves the counts as evidence.",
    ),
    (
        "observe",
        lambda: load.observe().observe,
        RECORD,
        "Observe a lesson live: counts, a stopwatch, timed notes and who spoke, saved as you go.",
    ),
    (
        "sort",
        lambda: load.sort().sort,
        RECORD,
        "Record which pile each student is in for a piece of evidence, by key or from a CSV file.",
    ),
    (
        "interpret",
        lambda: load.steps().interpret,
        RECORD,
        "Record what the evidence suggests and what might be in the way.",
    ),
    (
        "move",
        lambda: load.steps().move,
        RECORD,
        "Record the one small instructional move to try, ideally with a prediction.",
    ),
    (
        "reflect",
        lambda: load.steps().reflect,
        RECORD,
        "Record what changed, what to keep, adjust or drop, and what each of you learned.",
    ),
    (
        "status",
        lambda: load.status().status,
        LOOK,
        "Where the current cycle stands: steps done and missing, and what to ask next.",
    ),
    (
        "list",
        lambda: load.cycles().list_cycles,
        LOOK,
        "List cycles, oldest first (the latest that fit; --all for every one); the current"
        " one is marked with *.",
    ),
    (
        "show",
        lambda: load.show().show,
        LOOK,
        "Show a cycle with every entry, private ones marked.",
    ),
    (
        "use",
        lambda: load.cycles().use,
        LOOK,
        "Make cycle N the current cycle, used when --cycle is left out.",
    ),
    (
        "close",
        lambda: load.cycles().close,
        LOOK,
        "Close a cycle once its reflection is done (entries can still be added).",
    ),
    (
        "reopen",
        lambda: load.corrections().reopen,
        LOOK,
        "Open a closed cycle again, to add what was missed (the current cycle if none given).",
    ),
    (
        "compare",
        lambda: load.compare().compare_command,
        LOOK,
        "Compare baseline with new evidence, measure by measure, with predictions and a chart.",
    ),
    (
        "check",
        lambda: load.check().check,
        LOOK,
        "Look over a cycle for the five partnership traps (fixer, complaint, compliance,"
        " strategy, perfection) and a few other patterns, and name what is going well.",
    ),
    (
        "search",
        lambda: load.search().search,
        LOOK,
        "Search every entry, best matches first, with the matching words highlighted.",
    ),
    (
        "history",
        lambda: load.history().history,
        LOOK,
        "Across all cycles: how many, how long they ran, skipped steps; and, for recent"
        " cycles, what changed and which moves come back.",
    ),
    (
        "export",
        lambda: load.export().export,
        LOOK,
        "Export cycles as Markdown, JSON or a printable HTML page to share or keep.",
    ),
    (
        "remind",
        lambda: load.remind().remind,
        LOOK,
        "Write the cycle's check-ins as a calendar file (.ics) to open in any calendar app.",
    ),
    (
        "attachments",
        lambda: load.attachments().attachments,
        LOOK,
        "List the photos, scans and PDFs kept with evidence, or write them into a folder.",
    ),
    (
        "share",
        lambda: load.exchange().share,
        SHARE,
        "Write a cycle as a bundle file for your partner to import on their machine.",
    ),
    (
        "import",
        lambda: load.exchange().import_command,
        SHARE,
        "Bring in a cycle your partner shared: new entries are added, nothing is overwritten.",
    ),
    (
        "edit",
        lambda: load.privacy().edit,
        PRIVATE,
        "Fix an entry: its text, step, numbers, who wrote it, its cycle, or whether it is private.",
    ),
    (
        "forget",
        lambda: load.privacy().forget,
        PRIVATE,
        "Delete entries (or a whole cycle) for good: they are gone from the journal file.",
    ),
    (
        "conversation",
        lambda: load.talks().app,
        PRIVATE,
        "Conversation answers (numbered a1, a2 ... in show): reword or forget them.",
    ),
    (
        "cycle",
        lambda: load.corrections().cycle_app,
        PRIVATE,
        "Fix a cycle: its people, goal, protocol.",
    ),
    (
        "students",
        lambda: load.privacy().students_app,
        PRIVATE,
        "The roster of student names that exports replace with aliases (Student A, B ...).",
    ),
    (
        "protocols",
        lambda: load.protocols().app,
        MORE,
        "The question sets (protocols) tpcycle asks from: list, show, validate.",
    ),
    (
        "agreement",
        lambda: load.agreement().app,
        SHARE,
        "The pair's agreement: what you want together, how you work, what each wants to learn.",
    ),
    (
        "whoami",
        lambda: load.identity().whoami,
        SHARE,
        "Who this machine speaks for: the default author of every entry written here.",
    ),
    ("db", lambda: load.db().app, MORE, "The journal file itself."),
    (
        "demo",
        lambda: load.demo().demo,
        MORE,
        "Run a short example cycle in a throwaway journal and print its Markdown export.",
    ),
    (
        "guide",
        lambda: load.start().guide,
        MORE,
        "Print the guide to a first cycle (it ships with tpcycle; no network needed).",
    ),
    (
        "todo",
        lambda: load.between().todo_app,
        RECORD,
        "Promises with an owner and a day: list the open ones, add, mark done or drop.",
    ),
    (
        "note",
        lambda: load.between().note,
        RECORD,
        "A short note on the cycle between meetings, outside the six steps.",
    ),
    (
        "ask",
        lambda: load.between().ask,
        RECORD,
        "A question for the other person, to answer before you next meet.",
    ),
    (
        "answer",
        lambda: load.between().answer,
        RECORD,
        "Answer question N that the other person asked with 'tpcycle ask'.",
    ),
    (
        "caseload",
        lambda: load.coach().caseload,
        LOOK,
        "One row per teacher you partner with: open cycle, next step, promises due, last contact.",
    ),
    (
        "sync",
        lambda: load.coach().sync,
        SHARE,
        "Exchange through a shared folder: write this machine's bundles, bring in the others'.",
    ),
)
