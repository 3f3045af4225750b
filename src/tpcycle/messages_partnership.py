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
    WHOAMI_SET = "This machine now speaks for {name} ({role}); it is the default --by here."
    WHOAMI_IS = "This machine speaks for {name} ({role})."
    WHOAMI_UNSET = (
        "This machine does not say whom it speaks for, so entries default to the teacher;"
        " set it with 'tpcycle whoami --teacher NAME' or '--partner NAME'."
    )
    WHOAMI_CLEARED = "This machine no longer speaks for anyone; entries default to the teacher."
    WHOAMI_ONE_ROLE = "Give --teacher NAME or --partner NAME, not both."
    WHOAMI_CLEAR_ALONE = "--clear forgets who this machine speaks for; give it on its own."
    WHOAMI_NAME_EMPTY = "Give a name, as in 'tpcycle whoami --partner \"Sam Lee\"'."
    PROTOCOL_ASKS_EACH = " (each of you answers, in turn)"
    SESSION_EACH_OF_YOU = "(Each of you answers this one in turn.)"
    AGREEMENT_NAME_BOTH = (
        "Name the pair with both --teacher NAME and --partner NAME, or leave both out to use"
        " the current cycle's pair."
    )
    AGREEMENT_UNKNOWN_KEY = "The agreement has no question '{key}'; its questions are: {keys}."
    AGREEMENT_NONE_YET = (
        "This pair has no agreement yet: 'tpcycle agreement' walks you through one together."
    )
    AGREEMENT_DUE = (
        "{cycles} cycles since your agreement last changed: 'tpcycle agreement' to look at it"
        " again."
    )
    AGREEMENT_NONE = (
        "{teacher} and {partner} have no agreement yet; 'tpcycle agreement' walks you through one."
    )
    AGREEMENT_HEADING = "The agreement between {teacher} (teacher) and {partner} (partner)"
    AGREEMENT_DATES = "Agreed {started}; last changed {changed} ({count} {count:change|changes})."
    AGREEMENT_ANSWER_BY = "{author} ({role}), {when}"
    AGREEMENT_NOT_ANSWERED = "(not answered yet)"
    AGREEMENT_INTRO = (
        "Your agreement, {teacher} and {partner}: press Enter to keep an answer as it is,"
        " /stop to stop; every answer is saved as it is given."
    )
    AGREEMENT_NOW = "Now: {text}"
    AGREEMENT_SAVED = "Saved in the agreement ({key})."
    AGREEMENT_SAME = "The agreement already says that ({key}); nothing changed."
    AGREEMENT_DONE = (
        "{count} {count:answer|answers} saved in the agreement; 'tpcycle agreement show' shows it."
    )
    AGREEMENT_DAMAGED = (
        "The agreement in this bundle is damaged ({problem}); the cycle was imported without it."
    )
    AGREEMENT_ARRIVED = "{count} agreement {count:answer|answers} came in with the bundle."
    AGREEMENT_EXPORT_ONE_CYCLE = (
        "--with-agreement goes with one cycle's Markdown or JSON export, not --all,"
        " --portfolio or HTML."
    )
    HISTORY_VOICES = "Whose ideas"
    HISTORY_VOICES_SCOPE = (
        " (the teacher's share of interpretations and moves, recent cycles; rising means"
        " growing confidence, falling means leaning on the partner)"
    )
    HISTORY_VOICE_COUNTS = (
        "interpretations {interpretations} of {of_interpretations} · moves {moves} of {of_moves}"
    )
    SAME_VOICE_TWICE = (
        "{count} new {count:entry|entries} in this bundle {count:is|are} in your own voice"
        " ({name}, {role}) but {count:was|were} written on the other machine; both machines may"
        " be set to the same person (check 'tpcycle whoami' on each). Both are kept."
    )
