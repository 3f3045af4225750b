"""What tpcycle says about the partnership itself: who is writing, the agreement,
promises, notes between meetings, the caseload and sync.

A catalogue like :class:`tpcycle.messages.Message` (see that module); pure.
"""

from __future__ import annotations

from enum import Enum, unique


@unique
class Partnership(Enum):
    DUE_NOT_A_DAY = (
        "'{text}' is not a day tpcycle can read; give 2026-12-04, a weekday (friday), today,"
        " tomorrow, +3d or +2w."
    )
    UNKNOWN_PERSON = (
        "'{name}' is neither of the two people in this cycle: use teacher ({teacher}) or"
        " partner ({partner}), or one of their names."
    )
    NO_SUCH_PROMISE = "There is no promise {number}; 'tpcycle todo --all' lists their numbers."
    PROMISE_OF_OTHER_PAIR = (
        "Promise {number} belongs to another pair's cycles, not to cycle {cycle}'s; choose that"
        " cycle with --cycle."
    )
    NO_SUCH_ASK = "There is no question {number} to answer; 'tpcycle show' lists them."
    PROMISE_SAVED = "Promise {number} saved for {owner}{due}."
    PROMISE_DUE_CLAUSE = ", due {day}"
    DUE_WITHOUT_TODO = "--due goes with --todo: say what is promised as well as by when."
    PROMISE_DONE = "Promise {number} is done: {text}"
    PROMISE_DROPPED = "Promise {number} was dropped: {text}"
    NO_PROMISES = "No open promises for {teacher} and {partner}. Add one with: tpcycle todo add"
    NO_PROMISES_AT_ALL = "No promises yet for {teacher} and {partner}."
    PROMISE_OVERDUE = "overdue"
    PROMISE_DUE_TODAY = "due today"
    PROMISE_NO_DAY = "no day set"
    NOTE_SAVED = "Note {number} saved on cycle {cycle}."
    ASK_SAVED = (
        "Question {number} saved on cycle {cycle}; the other person answers with:"
        " tpcycle answer {number} TEXT"
    )
    ASK_ANSWER_SAVED = "Answer {number} saved to question {ask}."
    BETWEEN_HEADING = "Between meetings"
    BETWEEN_NOTE = "note"
    BETWEEN_ASK = "question #{number}"
    BETWEEN_ANSWER = "answer to #{ask}"
    BETWEEN_PROMISE = "promise #{number}, {owner}, {due}, {state}"
    CATCHUP_HEADING = "Since you last looked on this machine:"
    CATCHUP_ENTRY = "{author} added to {step} (cycle {cycle}, #{number}):"
    CATCHUP_NOTE = "{author} · {kind} (cycle {cycle}):"
    CATCHUP_ASK = "{author} is waiting for your answer to question {number} (cycle {cycle}):"
    CATCHUP_MORE = "... and {count} more"
    CALENDAR_PROMISE = "Promise due: {text} ({owner})"
    CASELOAD_EMPTY = "No cycles yet, so no caseload; start one with 'tpcycle new goal'."
    CASELOAD_DRIFTING = "drifting"
    SYNC_NO_FOLDER = "There is no folder {path} to sync through; make it or check the path."
    SYNC_NOT_FOLDER = "{path} is not a folder; sync needs the folder you and your partner share."
    SYNC_READ_ONLY = "tpcycle cannot write into {path} ({reason}), so nothing was synced."
    SYNC_JOURNAL_INSIDE = (
        "The journal itself is inside {path}; a synced folder would copy a live database and"
        " can damage it. Sync through a folder that does not hold the journal."
    )
    IMPORT_BETWEEN = (
        "Between meetings: {notes} new {notes:note|notes} or answers,"
        " {promises} {promises:promise|promises} new or changed."
    )
    SYNC_SKIPPED = "Skipped {name}: {reason}"
    SYNC_NOT_BUNDLE = "not a tpcycle bundle"
    SYNC_CAME_IN = (
        "In: {name} (cycle {cycle}): {entries} new {entries:entry|entries},"
        " {notes} {notes:note|notes}, {promises} {promises:promise|promises}"
    )
    SYNC_WENT_OUT = "Out: {name} (cycle {cycle}, {entries} {entries:entry|entries})"
    SYNC_SUMMARY = (
        "Synced with {path}: {came} {came:bundle|bundles} in, {went} {went:bundle|bundles} out,"
        " {same} unchanged."
    )
