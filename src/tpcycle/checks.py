"""Read a cycle's record and point out, kindly, the patterns that tend to stall a partnership.

Pure functions, no I/O. Each rule is a small function that returns zero or one ``Finding``;
the words and patterns the rules look for live in the tables at the top of this module so they
are easy to read and change. A finding is a prompt for the pair's next conversation, never a
verdict: nothing here blocks a step or scores anyone.

Private entries count too, because findings are only ever shown to the pair on their machine.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from tpcycle.clock import local
from tpcycle.domain import Cycle, Entry, Role, Status, Step, progress
from tpcycle.measures import compare

DEFAULT_STALE_DAYS = 14


@dataclass(frozen=True)
class Finding:
    """One thing noticed in the record, why it matters, and a question that might help."""

    id: str
    trap: str
    noticed: str
    why: str
    question: str
    entry_ids: tuple[int, ...] = ()


# -- rule data -------------------------------------------------------------------------------
# Patterns are matched against lower-cased text with curly apostrophes straightened.

# Words that open a goal before its real content ("My goal is to ...", "Goal: ...", "To ...").
GOAL_PREAMBLE = re.compile(r"^(?:(?:my|our|the)\s+)?goal(?:\s+is)?\s*(?:to\b|:|-)\s*|^to\s+")

# Openings that describe what the teacher (or the pair) will do.
TEACHER_ACTION_STARTS: tuple[str, ...] = (
    r"i(?:'ll|\s+will|\s+shall|\s+am\s+going\s+to|'m\s+going\s+to|\s+want\s+to"
    r"|\s+would\s+like\s+to|'d\s+like\s+to|\s+need\s+to|\s+plan\s+to|\s+hope\s+to|\s+aim\s+to"
    r"|\s+intend\s+to|\s+try\s+to)\b",
    r"we(?:'ll|\s+will|\s+are\s+going\s+to|'re\s+going\s+to|\s+want\s+to|\s+plan\s+to)\b",
    r"(?:use|using|teach|teaching|implement|implementing|try|trying|incorporate|introduce"
    r"|model|give|provide|plan|create|design|add|include|do|differentiate|integrate|build"
    r"|set\s+up|run|start|stop|make|manage|deliver|cover|present|assign|lecture|adopt|apply"
    r"|spend|improve\s+my|work\s+on\s+my|focus\s+on\s+my|get\s+better|be\s+more|be\s+a)\b",
)

# Words that name the students as a group or a person in the class.
STUDENT_WORDS = (
    r"students?|learners?|kids?|pupils?|child|children|the\s+class|my\s+class|class\s+members"
    r"|everyone|everybody|readers|writers|mathematicians|scientists|scholars"
)

# Words that, right after a student word, mean the students are not the ones doing something
# ("group work with students", "give students more time").
NOT_A_DOING_WORD = frozenset(
    [
        "in",
        "with",
        "for",
        "on",
        "at",
        "by",
        "from",
        "of",
        "about",
        "during",
        "and",
        "or",
        "but",
        "so",
        "because",
        "when",
        "while",
        "through",
        "into",
        "as",
        "than",
        "like",
        "this",
        "that",
        "these",
        "next",
        "each",
        "every",
        "more",
        "less",
        "better",
        "well",
        "effectively",
        "time",
        "feedback",
        "support",
        "help",
    ]
)

# Aims so big they could mean almost anything when nothing narrows them down.
BROAD_GOAL_PATTERNS: tuple[str, ...] = (
    r"\bimprove\s+(?:my|our)\s+(?:teaching|practice|instruction|lessons?|classroom|class)\b",
    r"\bbe(?:come)?\s+(?:a\s+)?(?:better|good|great)\s+(?:teacher|educator|coach)\b",
    r"\b(?:better|more|increased?|improved?|improving|greater|higher|boost)\s+"
    r"(?:student\s+|class\s+|classroom\s+)?engagement\b",
    r"\b(?:student|classroom|class)\s+engagement\b",
    r"\bengage\s+(?:my\s+|the\s+|all\s+)?(?:students|learners|pupils|kids|class)\b",
    r"\bclassroom\s+management\b",
    r"\bimprove\s+(?:student\s+|students'\s+)?(?:learning|achievement|outcomes|results"
    r"|performance|behaviou?r|attainment|grades)\b",
    r"\braise\s+(?:standards|achievement|attainment|results)\b",
    r"\b(?:do|get)\s+better\b",
    r"\b(?:better|good|great|more\s+engaging)\s+lessons\b",
    r"\bstudent\s+success\b",
    r"\bmake\s+(?:learning|lessons|class|it)\s+(?:more\s+)?(?:fun|engaging|better|interesting)\b",
)

# A goal this short rarely says what students will do, where, or how anyone will know.
MIN_GOAL_WORDS = 4

NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|hundred"
)

# Anything here, in the goal or in the goal step's notes, suggests a way to know.
MEASURE_HINTS: tuple[str, ...] = (
    r"\d",
    r"%|\bper\s?cent\b|\bpercentage\b",
    r"\bout\s+of\b",
    rf"\b(?:{NUMBER_WORDS}|half|most|majority|all|none|quarter|third|thirds|many|few)\s+of\b",
    rf"\b(?:{NUMBER_WORDS})\b",
    r"\b(?:half|twice|double|majority|at\s+least|at\s+most|fewer\s+than|more\s+than"
    r"|how\s+many|how\s+often)\b",
    r"\b(?:every|each)\s+(?:student|child|learner|pupil|kid)\b",
    r"\ball\s+(?:students|learners|pupils|kids|children)\b",
    r"\bexit\s+(?:tickets?|slips?|cards?)\b",
    r"\b(?:quiz|quizzes|tally|tallies|tallied|rubrics?|checklists?|surveys?|polls?|tests?"
    r"|assessments?|scores?|counts?|counted|counting|measured?|measuring|baseline|data"
    r"|observations?|samples?|timer|timed|minutes|seconds|per\s+(?:week|lesson|day|class))\b",
    r"\b(?:track|tracked|tracking|record|recorded|recording)\b",
)

# Numbers that label a group or a place rather than count anything ("period 3", "5th grade");
# they are taken out before looking for a measure.
NOT_A_MEASURE: tuple[str, ...] = (
    r"\b(?:period|grade|year|yr|room|class|unit|chapter|lesson|block|module|section|form"
    r"|group|table|p|y|g)\s*-?\d+\b",
    r"\b\d+(?:st|nd|rd|th)\b",
)

# Words that say something went wrong.
NEGATIVE_PATTERNS: tuple[str, ...] = (
    r"\b(?:didn't|did\s+not|doesn't|does\s+not|won't|will\s+not)\s+work\b",
    r"\bterrible\b",
    r"\bfail(?:ed|s|ure|ing)?\b",
    r"\bdisaster(?:s|ous)?\b",
    r"\bbad(?:ly)?\b",
    r"\bwrong\b",
    r"\bnothing\b",
    r"\bworst\b",
    r"\bworse\b",
    r"\bchao(?:s|tic)\b",
    r"\bawful\b",
    r"\bhorrible\b",
    r"\buseless\b",
    r"\bpointless\b",
    r"\bwaste\b",
    r"\bhopeless\b",
    r"\bmess\b",
    r"\bg(?:ive|ave)\s+up\b",
    r"\bno\s*one\b|\bnobody\b",
    r"\bfrustrat\w*\b",
    r"\bembarrass\w*\b",
)

# Words that say something went well, surprised someone, or was learned.
POSITIVE_PATTERNS: tuple[str, ...] = (
    r"\bbetter\b",
    r"\bwork(?:ed|s)\b",
    r"\bimprov(?:ed|ing|ement|es)?\b",
    r"\blearn(?:ed|t|ing)?\b",
    r"\bsurpris\w*\b",
    r"\bkeep\b",
    r"\bglad\b",
    r"\bprogress\b",
    r"\bmore\s+(?:students|kids|learners|pupils|of\s+them)\b",
    r"\bgr(?:ew|own|owth)\b",
    r"\bhelp(?:ed|ful|s)?\b",
    r"\bsuccess\w*\b",
    r"\bgood\b",
    r"\bliked\b|\benjoy\w*\b",
    r"\bproud\b",
    r"\binteresting\b",
    r"\bnoticed\b",
    r"\bup\s+from\b",
    r"\bnext\s+time\b",
    r"\btry\s+(?:again|it\s+again)\b",
    r"\badjust\w*\b",
    r"\bpromising\b",
    r"\bpleased\b",
    r"\bhappy\b",
)

# A positive word right after one of these is read as negative ("not better", "never worked").
NEGATIONS = frozenset(
    [
        "not",
        "never",
        "no",
        "didn't",
        "don't",
        "doesn't",
        "isn't",
        "wasn't",
        "weren't",
        "hasn't",
        "haven't",
        "hardly",
        "barely",
        "nothing",
        "none",
    ]
)

QUOTE_LIMIT = 80


# -- small helpers ---------------------------------------------------------------------------


def _normal(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").replace("\u2018", "'").casefold().split())


def _any(patterns: Iterable[str], text: str) -> re.Match[str] | None:
    for pattern in patterns:
        match = re.search(pattern, text)
        if match:
            return match
    return None


def _has_measure(text: str) -> bool:
    """Whether normalised text hints at a way to know: a number, a share, a tool for counting."""
    for label in NOT_A_MEASURE:
        text = re.sub(label, " ", text)
    return _any(MEASURE_HINTS, text) is not None


def _quote(text: str) -> str:
    one_line = " ".join(text.split())
    if len(one_line) > QUOTE_LIMIT:
        one_line = one_line[: QUOTE_LIMIT - 3].rstrip() + "..."
    return f'"{one_line}"'


def _ids(entries: Iterable[Entry]) -> str:
    numbers = [str(e.id) for e in entries]
    if len(numbers) == 1:
        return f"entry {numbers[0]}"
    return "entries " + ", ".join(numbers[:-1]) + " and " + numbers[-1]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _order_key(entry: Entry) -> tuple[str, int]:
    return (entry.created_at, entry.id)


def _first(cycle: Cycle, step: Step) -> Entry | None:
    entries = cycle.entries_for(step)
    return min(entries, key=_order_key) if entries else None


def _names(names: Iterable[str], quote: str = "'") -> str:
    quoted = [f"{quote}{n}{quote}" for n in names]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _date(timestamp: str, zone: datetime.tzinfo = datetime.UTC) -> datetime.date | None:
    """The reader's day of a stored stamp; None for one that is not a timestamp."""
    try:
        return local(timestamp, zone).date()
    except (ValueError, OverflowError):
        return None


# -- goal rules ------------------------------------------------------------------------------


def _goal_body(goal: str) -> str:
    text = _normal(goal)
    return GOAL_PREAMBLE.sub("", text, count=1)


def _students_doing(text: str) -> bool:
    """True when a student word is followed by something they do ("students explain")."""
    pattern = rf"\b(?:{STUDENT_WORDS})\b(?!')\s+([a-z][\w'-]*)"
    return any(m.group(1) not in NOT_A_DOING_WORD for m in re.finditer(pattern, text))


def goal_about_teacher(goal: str, _entries: Sequence[Entry] = ()) -> Finding | None:
    body = _goal_body(goal)
    starts = any(re.match(pattern, body) for pattern in TEACHER_ACTION_STARTS)
    if not starts or _students_doing(body):
        return None
    return Finding(
        id="goal-about-teacher",
        trap="goal",
        noticed=f"The goal {_quote(goal)} describes a change in the teaching rather than "
        "something students will do.",
        why="A goal framed around students keeps the cycle about learning and tells you what "
        "to look for in class.",
        question="If this goes well, what will students be doing differently, and how would "
        "you notice?",
    )


def goal_too_broad(goal: str, _entries: Sequence[Entry] = ()) -> Finding | None:
    body = _goal_body(goal)
    words = re.findall(r"[\w']+", body)
    broad = _any(BROAD_GOAL_PATTERNS, body)
    if broad and not _has_measure(body):
        noticed = (
            f'The goal {_quote(goal)} names a big aim ("{broad.group(0)}") that could '
            "mean many different things."
        )
    elif len(words) < MIN_GOAL_WORDS:
        noticed = (
            f"The goal {_quote(goal)} is only {_plural(len(words), 'word')} long, so it "
            "leaves open which students, doing what, and when."
        )
    else:
        return None
    return Finding(
        id="goal-too-broad",
        trap="goal",
        noticed=noticed,
        why="A narrow goal makes it easier to pick one small move and to see whether it helped.",
        question="Picture a good day in this class: what would you see or hear students "
        "doing that you don't see yet?",
    )


def goal_without_measure(goal: str, goal_entries: Sequence[Entry]) -> Finding | None:
    texts = [goal, *(e.text for e in goal_entries)]
    if any(e.measures for e in goal_entries):
        return None
    if any(_has_measure(_normal(text)) for text in texts):
        return None
    where = "Neither the goal nor its notes say" if goal_entries else "The goal does not say"
    return Finding(
        id="goal-no-measure",
        trap="measure",
        noticed=f"{where} how you will know it is happening "
        "(a count, a tally, an exit ticket, a share of the class...).",
        why="Choosing the measure now lets the first evidence and the later evidence be set "
        "side by side fairly.",
        question="What could you count or collect now, and again after the move, that would "
        "show a change?",
        entry_ids=tuple(e.id for e in goal_entries),
    )


GOAL_RULES: tuple[Callable[[str, Sequence[Entry]], Finding | None], ...] = (
    goal_about_teacher,
    goal_too_broad,
    goal_without_measure,
)


def check_goal(goal: str, goal_entries: Sequence[Entry] = ()) -> list[Finding]:
    """What the goal alone suggests; ``tpcycle new goal`` runs this as soon as a goal is typed."""
    found = (rule(goal, goal_entries) for rule in GOAL_RULES)
    return [finding for finding in found if finding is not None]


# -- cycle rules -----------------------------------------------------------------------------


def _ahead_of_evidence(cycle: Cycle, step: Step) -> tuple[Entry, Entry | None] | None:
    """The first entry of ``step`` if no evidence came before it, with the first evidence."""
    first = _first(cycle, step)
    if first is None:
        return None
    evidence = _first(cycle, Step.EVIDENCE)
    if evidence is not None and _order_key(evidence) < _order_key(first):
        return None
    return first, evidence


def move_before_evidence(cycle: Cycle) -> Finding | None:
    found = _ahead_of_evidence(cycle, Step.MOVE)
    if found is None:
        return None
    move, evidence = found
    if evidence is None:
        noticed = f"A move (entry {move.id}) is recorded, but there is no evidence from before it."
        question = "What could you collect this week that shows where students are now?"
    else:
        noticed = (
            f"The move (entry {move.id}) was recorded before the first evidence "
            f"(entry {evidence.id})."
        )
        question = (
            f"Does entry {evidence.id} show how things were before the move, or already after it?"
        )
    return Finding(
        id="move-before-evidence",
        trap="strategy",
        noticed=noticed,
        why="Without a starting point it is hard to tell whether the move made a difference.",
        question=question,
        entry_ids=(move.id,),
    )


def interpretation_before_evidence(cycle: Cycle) -> Finding | None:
    found = _ahead_of_evidence(cycle, Step.INTERPRETATION)
    if found is None:
        return None
    interpretation, evidence = found
    if evidence is None:
        noticed = (
            f"There is an interpretation (entry {interpretation.id}) but no evidence yet "
            "for it to rest on."
        )
    else:
        noticed = (
            f"The interpretation (entry {interpretation.id}) was written before the first "
            f"evidence (entry {evidence.id})."
        )
    return Finding(
        id="interpretation-before-evidence",
        trap="order",
        noticed=noticed,
        why="Describing what students did before explaining it keeps early guesses from "
        "shaping what you see.",
        question="What did students actually say, write or do, before either of you says why?",
        entry_ids=(interpretation.id,),
    )


def new_evidence_without_measure(cycle: Cycle) -> Finding | None:
    baseline = [e for e in cycle.entries_for(Step.EVIDENCE) if e.measures]
    new = cycle.entries_for(Step.NEW_EVIDENCE)
    if not baseline or not new or any(e.measures for e in new):
        return None
    names = _names(dict.fromkeys(m.name for e in baseline for m in e.measures))
    return Finding(
        id="new-evidence-no-measure",
        trap="measure",
        noticed=f"The first evidence measured {names}, but the new evidence "
        f"({_ids(new)}) has no numbers to set beside it.",
        why="The same measure before and after is the clearest way to see what the move changed.",
        question="Could you take the same measure again, the same way, for the new evidence?",
        entry_ids=tuple(e.id for e in new),
    )


def new_evidence_unmatched(cycle: Cycle) -> Finding | None:
    baseline = [e for e in cycle.entries_for(Step.EVIDENCE) if e.measures]
    new = [e for e in cycle.entries_for(Step.NEW_EVIDENCE) if e.measures]
    if not baseline or not new:
        return None
    comparison = compare(cycle.entries)
    if comparison.rows:
        return None
    before = {m.key: m.name for m in comparison.only_baseline}
    after = {m.key: m.name for m in comparison.only_new}
    shared = [before[key] for key in before if key in after]
    noticed = (
        f"The first evidence measured {_names(before.values())}; the new evidence measured "
        f"{_names(after.values())}, so nothing lines up."
    )
    if shared:
        noticed += f" ({_names(shared)} appears in both but is written in different forms.)"
    return Finding(
        id="new-evidence-unmatched",
        trap="measure",
        noticed=noticed,
        why="When the measures match, tpcycle can show the change; when they don't, the "
        "before and after are hard to compare.",
        question="Which of the first measures could you record again under the same name "
        "and in the same form?",
        entry_ids=tuple(e.id for e in new),
    )


def teacher_voice_missing(cycle: Cycle, minimum: int = 2) -> Finding | None:
    thinking = sorted(
        (*cycle.entries_for(Step.INTERPRETATION), *cycle.entries_for(Step.MOVE)),
        key=_order_key,
    )
    if len(thinking) < minimum or any(e.role is Role.TEACHER for e in thinking):
        return None
    authors = _names(dict.fromkeys(e.author for e in thinking), quote="")
    return Finding(
        id="teacher-voice-missing",
        trap="fixer",
        noticed=f"Every interpretation and move so far ({_ids(thinking)}) was written by "
        f"{authors}; none by {cycle.teacher}.",
        why="The teacher knows these students best, and a move the teacher shapes is one the "
        "teacher is more likely to keep.",
        question=f"{cycle.teacher}, what do you make of the evidence, and what would you "
        "like to try?",
        entry_ids=tuple(e.id for e in thinking),
    )


def _positive(text: str) -> bool:
    for pattern in POSITIVE_PATTERNS:
        for match in re.finditer(pattern, text):
            before = text[: match.start()].split()
            if not before or before[-1].strip(".,;:!?") not in NEGATIONS:
                return True
    return False


def reflection_only_problems(cycle: Cycle) -> Finding | None:
    reflections = cycle.entries_for(Step.REFLECTION)
    if not reflections:
        return None
    text = _normal(" ".join(e.text for e in reflections))
    negative = _any(NEGATIVE_PATTERNS, text)
    if negative is None or _positive(text):
        return None
    return Finding(
        id="reflection-only-problems",
        trap="complaint",
        noticed=f"The reflection ({_ids(reflections)}) talks about what went wrong "
        f'("{negative.group(0)}") and doesn\'t yet mention anything that went well or was '
        "learned.",
        why="Lessons that disappoint are full of information, and naming what shifted, even "
        "a little, shows what to keep.",
        question="What went better than expected, even slightly, and what did each of you "
        "learn from this cycle?",
        entry_ids=tuple(e.id for e in reflections),
    )


def cycle_drifting(
    cycle: Cycle, today: datetime.date, stale_days: int, zone: datetime.tzinfo = datetime.UTC
) -> Finding | None:
    if cycle.status is not Status.OPEN:
        return None
    stamps = [e.created_at for e in cycle.entries] or [cycle.created_at]
    last = _date(max(stamps), zone)
    if last is None:
        return None
    days = (today - last).days
    if days <= stale_days:
        return None
    following = progress(cycle.entries).next_step
    next_part = f" The next step is {following.label.lower()}." if following else ""
    return Finding(
        id="cycle-drifting",
        trap="drift",
        noticed=f"Nothing has been added to this cycle for {_plural(days, 'day')} "
        f"(last on {last.isoformat()}).{next_part}",
        why="Short cycles keep the goal fresh, and a pause is a good moment to decide "
        "together what comes next.",
        question="Is this still the goal you want to work on, or is it time to reflect on "
        "what you have and close the cycle?",
    )


CYCLE_RULES: tuple[Callable[[Cycle], Finding | None], ...] = (
    move_before_evidence,
    interpretation_before_evidence,
    new_evidence_without_measure,
    new_evidence_unmatched,
    teacher_voice_missing,
    reflection_only_problems,
)


def check_cycle(
    cycle: Cycle,
    *,
    today: datetime.date,
    stale_days: int = DEFAULT_STALE_DAYS,
    zone: datetime.tzinfo = datetime.UTC,
) -> list[Finding]:
    """Everything the record suggests, goal first, in the order of the cycle's steps.
    ``today`` and the days entries were written are the reader's (``zone``)."""
    findings = check_goal(cycle.goal, cycle.entries_for(Step.GOAL))
    for rule in CYCLE_RULES:
        finding = rule(cycle)
        if finding is not None:
            findings.append(finding)
    drifting = cycle_drifting(cycle, today, stale_days, zone)
    if drifting is not None:
        findings.append(drifting)
    return findings
