"""What tpcycle says about the classroom work beside the six steps: conversations,
live observation, sorted student evidence and attachments.

A catalogue like :class:`tpcycle.messages.Message` (see that module); pure.
"""

from __future__ import annotations

from enum import Enum, unique


@unique
class Classroom(Enum):
    CONVERSATION_NOT_CONVERSATION = "'{name}' is a six-step protocol; conversations are: {known}."
    CONVERSATION_NO_CYCLE = (
        "A conversation belongs to a cycle, and there is no current cycle; start one with"
        " 'tpcycle new goal' (or pick one with 'tpcycle use N'), then run this again."
    )
    CONVERSATION_HEADING = "{title} · cycle {cycle}: {goal}"
    CONVERSATION_RESUMED = "Going on from {started}: {answers} {answers:answer|answers} so far."
    CONVERSATION_SECTION = "Part {number} of {count} · {section}"
    CONVERSATION_SAVED = "Saved in '{section}'."
    CONVERSATION_SAVED_PRIVATE = "Saved in '{section}' (private)."
    CONVERSATION_STOPPED = (
        "Stopped. Every answer is saved; 'tpcycle session --protocol {name}' goes on from here."
    )
    CONVERSATION_DONE = "That was the last question; 'tpcycle show' lists the conversation."
    CONVERSATION_COMMANDS = (
        "  Enter      skip this question\n"
        "  ?          show a hint\n"
        "  /teacher   the teacher is speaking\n"
        "  /partner   the partner is speaking\n"
        "  /private   the next answer is private (again: undo)\n"
        "  /long      several lines; end with a line of only .\n"
        "  /edit      write the answer in your editor\n"
        "  /next      go on to the next part\n"
        "  /back      go back a part\n"
        "  /stop      stop (or Ctrl-D); next time goes on here"
    )
    CONVERSATION_OTHER_CYCLE = "Conversation {uid} in the bundle belongs to another cycle here."
    CONVERSATIONS_MERGED = "Conversations: {added} {added:answer|answers} added, {updated} updated."
    PROTOCOLS_CONVERSATIONS = "Conversations, held with 'tpcycle session --protocol NAME': {names}"
    CONVERSATION_NO_ON = "--on is for the six steps; a conversation is dated when it is held."
    CONVERSATION_EDIT_NEEDS = "Give the new text, or --private or --shared."
    CONVERSATION_ANSWER_UNKNOWN = "No conversation answer {answers}; 'tpcycle show' lists them."
    CONVERSATION_ANSWER_CHANGED = "Changed conversation answer a{answer}."
    CONVERSATION_ANSWERS_FORGOTTEN = "Forgot {count} conversation {count:answer|answers} for good."
    SESSION_MEASURE_ASK = "A number to compare? NAME=COUNT/TOTAL or NAME=VALUE (Enter: none)"
    SESSION_PREDICTION_ASK = "A prediction? NAME=COUNT/TOTAL or NAME=VALUE (Enter: none)"
    SESSION_MEASURE_NAMES = "Baseline measures: {names}"
    SESSION_MEASURE_SAVED = "Recorded {measure} with entry {entry}."
    SESSION_PREDICTION_SAVED = "Recorded the prediction {measure} with entry {entry}."
    OBSERVE_CODE_SHAPE = "'{spec}' needs a key and what it {what}, like o=\"open question\"."
    OBSERVE_KEY_SHAPE = "In '{spec}' the key must be one letter, digit or sign."
    OBSERVE_LABEL_LONG = "In '{spec}' the label is longer than {most} letters; shorten it."
    OBSERVE_KEY_RESERVED = (
        "The key '{key}' is kept for the screen (q save and quit, u undo, n note,"
        " s who spoke); choose another."
    )
    OBSERVE_KEY_TWICE = "The key '{key}' is used twice."
    OBSERVE_LABEL_TWICE = "'{label}' has two keys."
    OBSERVE_NEEDS_WHAT = 'Name what to watch for, like o="open question", --interval or --speakers.'
    OBSERVE_NO_ROSTER = (
        "--speakers picks students from the roster, which is empty; add them with"
        " 'tpcycle students add'."
    )
    OBSERVE_OPEN_ELSEWHERE = (
        "An observation of cycle {cycle} is still open; run 'tpcycle observe' without codes"
        " or --cycle to go on with it, and q to save it."
    )
    OBSERVE_OPEN_DIFFERENT = (
        "An observation of cycle {cycle} is still open with other keys ({keys}); run"
        " 'tpcycle observe' without codes to go on with it, and q to save it."
    )
    OBSERVE_STARTED = "Observing cycle {cycle} ({step}); everything is saved as it happens."
    OBSERVE_RESUMED = (
        "Going on with the observation of cycle {cycle} at {time} ({events} {events:event|events}"
        " so far)."
    )
    OBSERVE_KEYS = "Keys: {keys}."
    OBSERVE_QUIT_HINT = "q (or Ctrl-C) saves it as evidence; u undoes the last event."
    OBSERVE_NOTHING = "Nothing was observed, so nothing was saved."
    OBSERVE_SAVED = (
        "Saved entry {entry} with {measures} {measures:measure|measures} and a timeline of"
        " {events} {events:event|events}."
    )
    OBSERVE_BAD_LINE = (
        "Line {line} ('{text}') is not 'TIME KEY [TEXT]', like '01:10 n Kids stuck on step 2';"
        " the lines before it are kept."
    )
    OBSERVE_UNKNOWN_KEY = "Line {line}: the key '{key}' means nothing in this observation."
    OBSERVE_TIME_BACKWARDS = (
        "Line {line}: {time} is before {last}, the time already reached; times only go forward."
    )
    OBSERVE_NOTE_EMPTY = "Line {line}: the note is empty."
    OBSERVE_UNKNOWN_STUDENT = (
        "Line {line}: '{name}' is not on the roster; 'tpcycle students list' shows it."
    )
    OBSERVE_SUMMARY = "Observed for {time}: {parts}."
    OBSERVE_SUMMARY_INTERVAL = (
        "{label} {count} {count:time|times}, {total} in all, longest {longest}"
    )
    OBSERVE_SUMMARY_TURNS = "{count} {count:turn|turns} spoken"
    OBSERVE_SUMMARY_NOTES = "{count} {count:note|notes}"
    OBSERVE_TIMELINE_HEADING = "Timeline (time since the start):"
    OBSERVE_EVENT_START = "{label}: started"
    OBSERVE_EVENT_STOP = "{label}: stopped"
    OBSERVE_EVENT_NOTE = "note: {note}"
    OBSERVE_EVENT_SPOKE = "spoke: {name}"
    OBSERVE_EVENT_RESUMED = "observation went on after a break"
    OBSERVE_EVENT_END = "end"
    OBSERVE_TURNS = "turns spoken"
    OBSERVE_WHO_SPOKE = "students who spoke"
    OBSERVE_MINUTES = "minutes observed"
