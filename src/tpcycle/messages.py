"""Every sentence tpcycle says to a person, by id: catalogues, so wording lives in one place.

A message is a member of a catalogue: :class:`Message` here for the journal and its six steps,
``Partnership`` and ``Classroom`` beside it (one enum per area keeps each file readable). Its
value is a template with ``{named}`` fields. Code says *which* message and *what values*
(:class:`Said`); the output layer turns that into text. Tests compare ids and values, or the text
:func:`text` renders from the catalogue, so a rewording changes a catalogue only.

Two small additions to ``str.format``:

- ``{count:entry|entries}`` picks the singular when ``count`` is 1 and the plural otherwise;
- a value may itself be a :class:`Said` (an optional clause), rendered from the catalogue.

Pure: no I/O, importable from every layer.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum, unique
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:  # each catalogue loads with the code that says its sentences
    from tpcycle.messages_classroom import Classroom
    from tpcycle.messages_partnership import Partnership


@unique
class Message(Enum):
    # -- recording ------------------------------------------------------------------------
    ENTRY_SAVED = "Saved entry {entry} to cycle {cycle}: {step} by {author} ({role})."
    PRIVATE_ENTRY_SAVED = (
        "Saved entry {entry} to cycle {cycle}: {step} by {author} ({role}) (private)."
    )
    CYCLE_STARTED = "Cycle {cycle} started and is now the current cycle."
    EARLIER_CYCLE_ENDED = "Cycle {cycle} ({goal}) ended with:"
    NO_REFLECTION = "(no reflection was recorded)"
    GOAL_THOUGHT = "A thought on the goal (it is saved; 'tpcycle edit {entry}' rewords it):"
    NEW_CYCLE_HEADING = "A new cycle ({protocol})"
    STEP_HEADING = "Cycle {cycle} · {step}"
    # -- asking questions -----------------------------------------------------------------
    ASK_HELP = "Press Enter to skip a question, type ? for a hint, Ctrl-D to stop."
    ASK_STOPPED = "Stopped. {saved}"
    ASK_DONE = "Done with {step}. {saved}"
    ANSWERS_SAVED = "{count} {count:answer|answers} saved."
    NOTHING_SAVED = "Nothing was saved."
    NO_HINT = "No hint for this question."
    FIRST_ANSWER_NEEDED = "This one is needed to go on; type it, or Ctrl-D to stop."
    ANSWER_SAVED = "Saved."
    # -- looking at cycles ----------------------------------------------------------------
    STEP_ENTRIES = "{count} {count:entry|entries}"
    STEP_MISSING = "missing"
    ALL_STEPS_RECORDED = (
        "Every step has something recorded. Add more, or close the cycle with 'tpcycle close'."
    )
    NEXT_STEP = "Next: {step}"
    NO_CYCLES_YET = 'No cycles yet. Start one with: tpcycle new goal "..."'
    NO_CYCLES_MATCH = "No cycles match."
    NOTHING_RECORDED = "nothing recorded"
    CYCLE_NOW_CURRENT = "Cycle {cycle} is now current: {goal}"
    CYCLE_CLOSED = "Cycle {cycle} is closed."
    COMPARISON_HEADING = "Baseline compared with new evidence"
    # -- numbers ----------------------------------------------------------------------------
    NO_MEASURES_YET = (
        "Cycle {cycle} has no measures yet. Add numbers to evidence with --measure,"
        ' e.g. tpcycle log evidence "..." --measure "gave a reason=6/24".'
    )
    ONLY_IN_BASELINE = "Only in the baseline (no new evidence with the same name):"
    ONLY_IN_NEW = "Only in the new evidence (no baseline with the same name):"
    PREDICTED_NOT_MEASURED = "Predicted, not yet measured after the move:"
    PREDICTION_REACHED = "reached"
    PREDICTION_NOT_REACHED = "not reached"
    TALLY_STARTED = "Tallying for cycle {cycle} ({step}). Keys: {keys}; u undo; q save and quit."
    TALLY_NOTHING_COUNTED = "Nothing was counted, so nothing was saved."
    TALLY_SAVED = "Saved entry {entry}: {text}"
    # -- history ------------------------------------------------------------------------------
    HISTORY_CYCLES = "{total} {total:cycle|cycles}"
    HISTORY_OPEN_CLOSED = " · {open} open · {closed} closed"
    HISTORY_DAYS = "They ran a median of {median} days (shortest {shortest}, longest {longest})."
    HISTORY_SKIPPED = "Steps left empty in closed cycles: {skipped}"
    HISTORY_NONE_SKIPPED = "Steps left empty in closed cycles: none."
    HISTORY_PER_MONTH = "Cycles started per month"
    HISTORY_CHANGES = "Measured changes"
    HISTORY_CHANGES_SCOPE = " (baseline to new evidence; the latest 10 in the last {recent} cycles)"
    HISTORY_MOVES = "Moves that come back"
    HISTORY_MOVES_SCOPE = " (in the last {recent} cycles)"
    HISTORY_MOVE = "{phrase} ({count} cycles)"
    # -- search ---------------------------------------------------------------------------------
    NOTHING_FOUND = "Nothing found."
    NOT_A_DATE = "{option} needs a date like 2026-09-01, not '{text}'."
    # -- export, share, import, remind ------------------------------------------------------
    PRIVATE_LEFT_OUT = "{count} private {count:entry|entries} left out"
    IN_PARENTHESES = " ({clause})"
    AFTER_SEMICOLON = "; {clause}"
    TO_PATH = " to {path}"
    WROTE_CYCLE = "Wrote cycle {cycle} to {path}{left_out}."
    WROTE_PORTFOLIO = "Wrote the portfolio to {path}{left_out}."
    WROTE_FOLDER = "Wrote {count} cycle files and index.md to {folder}{left_out}."
    EXPORT_ALL_OR_PORTFOLIO = "Choose --all (a file per cycle) or --portfolio (one document)."
    EXPORT_MARKDOWN_ONLY = (
        "--all writes Markdown files only, and --portfolio Markdown or HTML; pick one of those."
    )
    EXPORT_ONE_CYCLE = "Give one cycle number, or several with --portfolio."
    EXPORT_NOTHING = "There are no cycles to export yet."
    EXPORT_NEEDS_FOLDER = "--all writes a folder of files; name it with -o FOLDER."
    OUTPUT_IS_FOLDER = "{path} is a folder; give a file name (or use --all)."
    CANNOT_CREATE_FOLDER = "Cannot create the folder {folder}: {reason}."
    CANNOT_WRITE_IN = "Cannot write to {folder}: {reason}."
    CANNOT_WRITE_FILE = "Cannot write {path}: {reason}; nothing was changed."
    SHARED = "Shared cycle {cycle} ({entries} {entries:entry|entries}{left_out}){where}."
    STANDARD_INPUT = "standard input"
    IMPORTED_NEW = "Imported new cycle {cycle}: {goal}"
    IMPORTED_UPDATE = "Updated cycle {cycle}: {goal}"
    IMPORT_COUNTS = (
        "{added} added, {updated} updated with their newer version, {unchanged} already here"
        "{kept}{forgotten}"
    )
    IMPORT_KEPT_OURS = ", {count} kept as yours (theirs was older)"
    IMPORT_FORGOTTEN = ", {count} you had forgotten left out"
    IMPORT_CONFLICT = (
        "Entry {ours} was changed on both machines: yours is kept as entry {ours}, theirs"
        " was added as entry {theirs}. Keep one with 'tpcycle forget'."
    )
    CHECK_NOTHING = "Nothing to point out in cycle {cycle}. Keep going."
    CHECK_GOING_WELL = "Going well"
    CHECK_FAINT_HIDDEN = (
        "({count} faint {count:sign|signs} not shown; 'tpcycle check --all' shows them.)"
    )
    CHECK_ASK = "Ask:"
    CHECK_IN_SUMMARY = "Check-in, cycle {cycle}: {goal}"
    CHECK_IN_DESCRIPTION = (
        "{teacher} and {partner}. Goal: {goal}. {plan} Start with: tpcycle status"
    )
    CHECK_IN_NEXT = "Next: {step}."
    CHECK_IN_ALL_DONE = "Every step has an entry."
    CHECK_INS_WRITTEN = (
        "Wrote {count} check-ins every {every} from {first} at {at} to {path};"
        " open it with your calendar."
    )
    # -- privacy ----------------------------------------------------------------------------
    EDIT_NOTHING_CHANGED = "Nothing changed."
    EDIT_NEEDS_SOMETHING = (
        "Give the new text, --edit, --private/--public, --step, --baseline/--new, --measure,"
        " --by or --cycle."
    )
    ENTRY_NOW_PRIVATE = "Changed entry {entry} (now private)."
    ENTRY_NOW_SHAREABLE = "Changed entry {entry} (now shareable)."
    FORGET_WHICH = "Name one entry number, or a whole cycle with --cycle N."
    FORGET_CYCLE_WHAT = "cycle {cycle} ('{goal}') and all {count} of its entries"
    FORGET_ENTRY_WHAT = "entry {entry} ({step}, '{preview}')"
    FORGET_CONFIRM = "Forget {what}? This cannot be undone."
    FORGOTTEN = "Forgotten: {what}."
    NOT_YET_WIPED = (
        "Another program has the journal open, so the old text stays in the file until it"
        " closes; tpcycle finishes wiping it the next time the journal is opened."
    )
    CONFIRM_NEEDS_YES = "Nothing was changed; add --yes to confirm when not in a terminal."
    CONFIRM_DECLINED = "Nothing was changed."
    STUDENT_ADDED = "Added {name} → {alias}"
    STUDENT_ALREADY_ON_ROSTER = "Already on the roster: {name} → {alias}"
    ROSTER_EMPTY = 'The roster is empty. Add names with: tpcycle students add "Name" ...'
    STUDENT_REMOVED = "Removed {name} ({alias}). Exports will show the name again if it appears."
    # -- protocols --------------------------------------------------------------------------
    PROTOCOLS_FOLDER = "Your own protocols go in {folder}"
    PROTOCOL_BROKEN = "broken"
    PROTOCOL_OVERRIDES = "user (overrides bundled)"
    PROTOCOL_ASKS = " (asks the {who})"
    PROTOCOL_FILE = "File: {path}"
    PROTOCOL_NORMS = "Norms"
    PROTOCOL_CREATED = (
        "Created {path}. Edit it, then check it with: tpcycle protocols validate {path}"
    )
    PROTOCOL_OK = "{path}: ok"
    # -- the journal file -------------------------------------------------------------------
    NO_JOURNAL_TO_BACK_UP = "There is no journal at {path} to back up yet."
    BACKED_UP = "Backed up the journal to {path}."
    RESTORE_CONFIRM = "Replace the journal at {journal} with {source}? A safety copy is kept."
    RESTORED = "Restored {source}. The journal as it was before is in {safety}."
    NO_JOURNAL_YET = "There is no journal at {path} yet; it is created by 'tpcycle new goal'."
    JOURNAL_HEALTHY = "The journal at {path} is healthy."
    JOURNAL_PROBLEM = "Problem: {problem}"
    DOCTOR_ADVICE = (
        "Advice: the file was not changed. Copy it somewhere safe first; then restore your"
        " latest backup with 'tpcycle db restore FILE', or ask someone comfortable with"
        " SQLite to run '.recover' on the copy."
    )
    # -- the guided session -----------------------------------------------------------------
    # One command a line, each under 60 columns, so a narrow terminal never folds them.
    SESSION_COMMANDS = (
        "  Enter      skip this question\n"
        "  ?          show a hint\n"
        "  /teacher   the teacher is speaking\n"
        "  /partner   the partner is speaking\n"
        "  /private   the next answer is private (again: undo)\n"
        "  /long      several lines; end with a line of only .\n"
        "  /edit      write the answer in your editor\n"
        "  /next      go on to the next step\n"
        "  /back      go back a step\n"
        "  /stop      stop (or Ctrl-D); next time goes on here"
    )
    SESSION_CYCLE = "Cycle {cycle}: {goal}"
    SESSION_PAIR = "{teacher} (teacher) and {partner} (partner) · {protocol}"
    SESSION_SO_FAR = "So far: {done}."
    SESSION_NOTHING_YET = "So far: nothing yet."
    SESSION_NORMS = "Before you start, agree on these:"
    SESSION_STEP = "Step {number} of 6 · {step}"
    SESSION_NO_HINT = "No hint for this one."
    SESSION_PROMPT = "{name} ({role}){private} > "
    SESSION_PRIVATE_FLAG = " [private]"
    SESSION_STOPPED = (
        "Stopped. Everything you answered is saved; 'tpcycle session' goes on from here."
    )
    SESSION_UNKNOWN_COMMAND = "'{command}' is not a session command; /help lists them."
    SESSION_NOTHING_WRITTEN = "Nothing written; the question is still open."
    SESSION_LONG_ANSWER = "Write as many lines as you like; a line with only . ends the answer."
    SESSION_SAVED = "Saved as {step}."
    SESSION_SAVED_PRIVATE = "Saved as {step} (private)."
    SESSION_DONE = (
        "That was the last question of the cycle. Look at it with tpcycle show;"
        " when you are done, tpcycle close."
    )
    # -- the demo ---------------------------------------------------------------------------
    DEMO_START = "A demo cycle in a throwaway journal (yours is untouched):"
    DEMO_EXPORT = "tpcycle export prints this Markdown (the private note is left out):"
    DEMO_NEXT = (
        "Start your own: tpcycle new goal (it asks the questions), then tpcycle status."
        " The guide to a first cycle: tpcycle guide"
    )
    # -- text people give -------------------------------------------------------------------
    TEXT_AND_EDIT = "Give the text as an argument or use --edit, not both."
    NO_TEXT_GIVEN = (
        "No {what} given; pass it as an argument, use - to read standard input, or --edit."
    )
    EDITOR_WONT_START = "Cannot start the editor '{editor}': {reason}."
    EDITOR_FAILED = "The editor '{editor}' exited with code {code}; nothing was saved."
    EDITOR_UNREADABLE = (
        "The editor setting '{editor}' (VISUAL or EDITOR) cannot be read as a command ({reason});"
        " fix it, or give the text as an argument."
    )
    EDITOR_REMOVED_FILE = "The editor removed the file it was given, so there was nothing to save."
    EDITOR_NOT_UTF8 = (
        "The editor saved the text in another encoding than UTF-8; it was read as Windows-1252"
        " (Latin-1). Check it with 'tpcycle show' and fix it with 'tpcycle edit'."
    )
    TEXT_KEPT_IN = "Your text was kept in {path}."
    TEXT_PRINTED_ABOVE = "Your text is printed above so you can copy it."
    # -- output -----------------------------------------------------------------------------
    NUMBER_NOT_FINITE = (
        "A number in this journal is not finite (infinite or not a number),"
        " so it cannot be written as JSON."
    )
    # -- issue 14: exports and prompts --
    EXPORT_FRONT_MATTER_IS_MARKDOWN = "--no-front-matter only applies to Markdown; leave it out."
    NOTHING_WRITTEN = "Nothing was written (only comment lines), so nothing was saved."
    EDITOR_WRITE_ABOVE = "Write the {what} above these lines, then save and close the editor."
    EDITOR_ANSWER_ABOVE = "Write your answer above these lines, then save and close the editor."
    EDITOR_GUIDE = (
        "Lines like these, starting with '#', are left out; with nothing else, nothing is saved."
    )
    # -- issue 14: local time -----------------------------------------------------------------
    UNKNOWN_TIME_ZONE = (
        "{variable} is set to '{name}', which is not a time zone tpcycle knows;"
        " use a name like America/Chicago or Europe/London."
    )
    NOT_A_LESSON_DATE = (
        "--on needs a day like 2026-11-24, today, yesterday or tue,"
        " with a time if you like (tue 3pm, 2026-11-24 15:10), not '{text}'."
    )
    LESSON_IN_FUTURE = "{when} is still to come; the entry is dated that way anyway."
    # -- issue 14: forgiving commands, fixing mistakes, the guide ---------------------------
    NOT_A_COMMAND = "'{word}' is not a tpcycle command."
    NOT_A_SUBCOMMAND = "'{word}' is not something 'tpcycle {group}' knows."
    DID_YOU_MEAN = "Did you mean:  {command}"
    SEE_HELP = "'tpcycle --help' lists every command."
    NO_JOURNAL_AT = (
        "There is no journal at {path}; check the path, or start one there with"
        " 'tpcycle new goal --db {path}'."
    )
    CREATING_JOURNAL = "Started a new journal at {path}."
    WELCOME = "tpcycle keeps a journal of short inquiry cycles, run by a teacher and a partner."
    WELCOME_START = (
        "Try 'tpcycle demo' to see one, read 'tpcycle guide', then start yours with"
        " 'tpcycle new goal \"...\"'."
    )
    NO_CURRENT_CYCLE = (
        "There is no current cycle. 'tpcycle list' shows your cycles, 'tpcycle use N' picks one,"
        " 'tpcycle new goal' starts one."
    )
    ENTRY_CHANGED = "Changed entry {entry}'s {what}."
    ENTRY_NOW_PRIVATE_TOO = "Changed entry {entry}'s {what}; it is now private."
    ENTRY_NOW_SHAREABLE_TOO = "Changed entry {entry}'s {what}; it is shareable again."
    EDIT_SAME = "Entry {entry} already has that; nothing changed."
    EDIT_BEFORE_MOVE = (
        "That would leave new evidence (entry {entry}) in cycle {cycle} with no move before it;"
        " record the move first, or keep the evidence as baseline."
    )
    EDIT_GOAL_STEP = (
        "Entry {entry} is the goal of cycle {cycle}; change the goal with"
        " 'tpcycle cycle edit {cycle} --goal ...'."
    )
    EDIT_TO_GOAL = "An entry cannot become a goal; a cycle has one goal ('tpcycle cycle edit')."
    EDIT_BASELINE_OR_NEW = "--baseline and --new only apply to evidence."
    EDIT_MEASURES_NOT_HERE = "Measures belong to evidence and moves, not to a {step}."
    CYCLE_CHANGED = "Changed cycle {cycle}: {what}."
    CYCLE_EDIT_NEEDS = "Give what to change: --teacher, --partner, --goal or --protocol."
    CYCLE_EDIT_SAME = "Cycle {cycle} already has that; nothing changed."
    CYCLE_REOPENED = "Cycle {cycle} is open again."
    CYCLE_ALREADY_OPEN = "Cycle {cycle} is open already; only a closed cycle can be reopened."
    FORGET_UNKNOWN = (
        "There {count:is no entry|are no entries} {entries}, so nothing was forgotten;"
        " 'tpcycle show' lists entry numbers."
    )
    FORGET_ENTRIES_WHAT = "{count} entries ({entries})"
    EDIT_MEASURES_OR_NONE = "Give new numbers with --measure, or --no-measures; not both."
    GUIDE_UNREADABLE = "The guide that ships with tpcycle cannot be read ({reason})."
    # -- issue 14: whole-journal commands --
    LIST_OLDER = "{count} older {count:cycle|cycles}: tpcycle list --all"
    LIST_CYCLE_LINE = "{entries} {entries:entry|entries} · last {latest}"
    BY_UNKNOWN = (
        "'{by}' is neither the teacher ({teacher}) nor the partner ({partner}); use teacher,"
        " partner, a name, first or last name, initials, or other:NAME for a third voice."
    )
    BY_AMBIGUOUS = (
        "'{by}' could be the teacher ({teacher}) or the partner ({partner}); give more of the"
        " name, or say teacher or partner."
    )
    BY_OTHER_EMPTY = "Give the third person's name after other:, as in --by other:Dana."


# The catalogues by area: Message for the journal and its six steps, the others beside it.
AnyMessage: TypeAlias = "Message | Partnership | Classroom"


@dataclass(frozen=True)
class Said:
    """A message and the values that fill it: what the output layer shows, what tests compare."""

    id: AnyMessage
    values: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return text(self.id, **self.values)


def said(message: AnyMessage, **values: Any) -> Said:
    return Said(message, values)


class _Formatter(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        if "|" in format_spec:
            singular, _, plural = format_spec.partition("|")
            return singular if value == 1 else plural
        if isinstance(value, Said):
            return str(value)
        return str(super().format_field(value, format_spec))


_FORMATTER = _Formatter()


def fields(message: AnyMessage) -> set[str]:
    """The names a message's template needs."""
    return {name for _, name, _, _ in _FORMATTER.parse(message.value) if name}


def text(message: AnyMessage, **values: Any) -> str:
    """The sentence for ``message`` with ``values`` filled in (``None`` fills as nothing)."""
    filled = {k: "" if v is None else v for k, v in values.items()}
    return _FORMATTER.vformat(message.value, (), filled)


def clause(message: AnyMessage, when: object = True, **values: Any) -> Said | str:
    """An optional part of a sentence: the message when ``when`` is truthy, else nothing."""
    return Said(message, values) if when else ""
