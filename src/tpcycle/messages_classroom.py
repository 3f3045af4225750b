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
    SORT_PILES_COUNT = "Give between 2 and {most} piles, like 'g=got it,p=partly,n=not yet'."
    SORT_PILE_NAME = "The pile '{pile}' needs a name of at most {most} letters."
    SORT_PILE_KEY = "In '{pile}' the key must be one letter or digit, like 'g=got it'."
    SORT_KEY_RESERVED = "The key '{key}' is kept for '{use}'; give the pile another key."
    SORT_KEY_TWICE = "The key '{key}' is given to two piles."
    SORT_PILE_TWICE = "The pile '{pile}' is named twice."
    SORT_RULE_SHAPE = "'{part}' is not a rule; write it like 'got it>=8,partly>=5,not yet>=0'."
    SORT_RULE_PILE = "The rule names '{pile}', which is not a pile ({piles})."
    SORT_RULE_ORDER = (
        "The rule's lowest scores must go down from the first pile to the last"
        " (got it>=8, partly>=5, not yet>=0)."
    )
    SORT_NOBODY = "No student was sorted, so nothing was saved."
    SORT_CSV_EMPTY = "The file is empty; nothing was saved."
    SORT_CSV_ENCODING = "The file looks like {encoding} but cannot be read as it; save it as UTF-8."
    SORT_CSV_TOO_MANY = "The file has more than {most} rows; is it the right file?"
    SORT_CSV_NO_ROWS = "The file has a header line but no students under it."
    SORT_CSV_UNREADABLE = (
        "Line {line} of the file cannot be read as CSV ({reason}); nothing was saved."
    )
    SORT_CSV_NO_COLUMN = "There is no column '{column}'; the columns are: {columns}."
    SORT_CSV_NO_STUDENT = (
        "No student column found (columns: {columns}); name it with --student-column."
    )
    SORT_CSV_NO_PILE = (
        "No pile or score column found (columns: {columns}); name one with --pile-column"
        " or --score-column."
    )
    SORT_CSV_NEEDS_RULE = (
        "The column '{column}' holds scores; say how they map to piles with --rule,"
        " like 'got it>=8,partly>=5,not yet>=0'."
    )
    SORT_CSV_BAD_ROWS = "{count} {count:row|rows} cannot be used, so nothing was saved: {rows}."
    SORT_CSV_GUESSED = (
        "Read {path} as {encoding} (a guess from its bytes); if names come out wrong, save it"
        " as CSV UTF-8."
    )
    SORT_CSV_NOT_TEXT = (
        "The file is not text (a picture, a program, or a spreadsheet's own format?); save it"
        " as CSV from your spreadsheet; nothing was saved."
    )
    SORT_UNKNOWN_STUDENTS = (
        "{count} {count:student is|students are} not on the roster: {names}. Add them with"
        " 'tpcycle students add', or give --add-students; nothing was saved."
    )
    SORT_DUPLICATE_STUDENTS = "{names} {count:is|are} listed more than once; nothing was saved."
    SORT_NO_ROSTER = (
        "The roster is empty: add your students first ('tpcycle students add \"Ana Lee\" ...')."
    )
    SORT_ENTRY_NOT_EVIDENCE = (
        "Entry {entry} is a {step}; a sort belongs to evidence or new evidence."
    )
    SORT_ENTRY_ELSEWHERE = "Entry {entry} is in cycle {other}, not cycle {cycle}."
    SORT_SAVED = (
        "Saved the sort of {count} {count:student|students} to entry {entry} ({step}): {groups}."
    )
    SORT_REPLACED = "Entry {entry} had a sort already; this one replaces it."
    SORT_ADDED_STUDENTS = "Added to the roster: {names}."
    SORT_STARTED = (
        "Sorting {count} {count:student|students} for cycle {cycle} ({step}). Keys: {keys};"
        " s skip · u undo · q save."
    )
    SORT_NOTHING_SORTED = "No student was sorted; nothing was saved."
    SORT_TEXT = "Sorted {count} {count:student|students}: {groups}."
    SORT_MOVED_UP = "Moved up"
    SORT_MOVED_DOWN = "Moved down"
    SORT_STILL_IN = "Still in '{pile}'"
    SORT_SAME_PILE = "Same pile"
    SORT_ONLY_BEFORE = "Sorted only before the move"
    SORT_ONLY_AFTER = "Sorted only after the move"
    SORT_MOVEMENT_HEADING = "Who moved between piles"
    SORT_IMPORTED = (
        "Kept {count} {count:sort|sorts} of students into piles from the bundle (students by"
        " the other machine's aliases)."
    )
    FILE_MISSING = "There is no file {path}."
    FILE_UNREADABLE = "Cannot read {path}: {reason}."
    FILE_IS_FOLDER = "{path} is a folder, not a file."
    FILE_NOT_REGULAR = "{path} is a pipe or a device, not a file; tpcycle reads files only."
    FILE_TOO_LARGE = "{path} is larger than {limit}, the most tpcycle takes."
    ATTACH_UNKNOWN_TYPE = (
        "{name} is not a photo (JPEG, PNG, GIF, WebP, HEIC) or a PDF by its content;"
        " nothing was saved."
    )
    ATTACH_RENAMED = "{name} holds a {kind}, whatever its name says; it is kept as {kept}."
    ATTACH_KEPT = "Kept {count} {count:file|files} with entry {entry}: {names}."
    ATTACH_NO_ENTRY = "There is no entry {entry}; 'tpcycle show' lists entry numbers."
    ATTACH_NOT_EVIDENCE = "Entry {entry} is a {step}; files are kept with evidence."
    ATTACH_NONE = "No files are kept with {what}."
    ATTACH_WROTE = "Wrote {path}"
    ATTACH_WROTE_BESIDE = "Wrote {path} ({name} is there already and was left as it was)"
    ATTACH_HEADING = "Attachments"
    ATTACH_BUNDLE_TOO_LARGE = (
        "The files kept with this cycle add up to more than {limit}, too much for one bundle;"
        " share without --with-attachments and send the files another way."
    )
    ATTACH_LEFT_OUT_OF_BUNDLE = (
        "{count} {count:file|files} kept with these entries stayed on this machine;"
        " --with-attachments puts them in the bundle."
    )
    ATTACH_IN_BUNDLE = (
        "{count} {count:file|files} went into the bundle: check them for names first."
    )
    ATTACH_IMPORTED = "Kept {count} {count:file|files} from the bundle with their entries."
    ATTACH_ALREADY_THERE = "{path} is there already with the same content; left as it was"
