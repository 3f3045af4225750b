"""The goal checks: about the teacher rather than students, too broad, no way to know."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tpcycle.checks.findings import (
    Finding,
    _plural,
    _quote,
)
from tpcycle.checks.record import in_language
from tpcycle.checks.text import MAX_SENTENCE, Rules, whole
from tpcycle.domain import Entry

# -- goal rules ------------------------------------------------------------------------------


def _goal_body(goal: str, rules: Rules) -> str:
    text = whole(goal[:MAX_SENTENCE])  # a goal is a sentence; a very long one is cut
    preamble = rules.matcher("goal_preamble")
    if preamble is not None:
        text = preamble.sub("", text, count=1).strip() if preamble.match(text) else text
    return text


def _students_doing(text: str, rules: Rules, *, teacher_first: bool = False) -> bool:
    """True when a student word is followed by something they do ("students explain").

    After a goal that opens with the teacher's action ("Giving students choice..."), the first
    student words are its object; only a student word after a connector ("so that students
    explain") says what students will do."""
    students = rules.matcher("student_words")
    connectors = rules.matcher("outcome_connectors")
    not_doing = rules.matcher("not_doing_words")
    passive = rules.matcher("passive_students")
    if students is None:
        return False
    for match in students.finditer(text):
        if teacher_first:
            before = text[: match.start()].rstrip(" ,")
            before = re.sub(
                r"(?:^| )(?:my|our|the|all|every|each|most|more|of|all of)$", "", before
            )
            before = before.rstrip(" ,")
            if connectors is None or not any(
                (" " + before).endswith(" " + c.group(0)) for c in connectors.finditer(before[-30:])
            ):
                continue
        rest = text[match.end() :].lstrip()
        if passive is not None and passive.match(rest):
            continue
        next_word = rest.split(" ", 1)[0] if rest else ""
        if next_word.startswith("'") or not next_word:
            continue
        if not_doing is not None and not_doing.fullmatch(next_word.strip(",")):
            continue
        return True
    return False


def _has_measure(text: str, rules: Rules) -> bool:
    """Whether normalised text hints at a way to know: a number, a share, a tool for counting."""
    labels = rules.matcher("not_a_measure")
    if labels is not None:
        text = labels.sub(" ", text)
    hints = rules.matcher("measure_hints")
    return hints is not None and hints.search(text) is not None


# "in my 4th period" says where, and "with my struggling readers" whom the practice is for,
# not who is doing something
_WHERE = re.compile(
    r"\b(?:(?:in|during|for|with|at|across) (?:my|our|the|all) (?:[a-z0-9]+ ){0,2}"
    r"(?:period|block|class|classes|group|homeroom|section)s?"
    r"|(?:with|for|to) (?:my|our|the|all my|every) (?:[a-z0-9-]+ )?"
    r"(?:students|kids|readers|writers|learners|ells|newcomers|groups?))\b"
)
_QUOTED = re.compile(r"\"[^\"]{0,120}\"|(?:^|(?<= ))'[^']{0,120}'(?= |$)")


def goal_about_teacher(goal: str, rules: Rules) -> Finding | None:
    # words students are to say ("ask using 'Can I have...'") are not the teacher speaking
    body = " ".join(_QUOTED.sub(" ", _goal_body(goal, rules)).split())
    starts = rules.matcher("teacher_starts")
    passive = rules.matcher("passive_students")
    students = rules.matcher("student_words")
    by_start = starts is not None and starts.match(body) is not None
    practice = rules.matcher("practice_phrases")
    if (
        not by_start
        and practice is not None
        and practice.match(body) is not None
        and (students is None or students.search(_WHERE.sub(" ", body)) is None)
    ):
        by_start = True  # "More think-pair-share in 4th period": a practice, no student
    done_to = False
    if passive is not None and students is not None:
        done_to = any(
            passive.match(body[m.end() :].lstrip()) is not None for m in students.finditer(body)
        )
    subject = rules.matcher("teacher_subject")
    by_subject = subject is not None and subject.search(body) is not None
    cultivate = rules.matcher("cultivate_starts")
    broad = rules.matcher("broad_goals")
    outcomes = rules.matcher("broad_outcomes")
    if (
        by_start
        and cultivate is not None
        and cultivate.match(body)
        and any(m is not None and m.search(body) for m in (broad, outcomes))
        and ((students is not None and students.search(body) is not None) or "love of" in body)
        and re.search(r"\bwith (?:all |)(?:of |)(?:my |our |the |)(?:students|kids|class)\b", body)
        is None
    ):
        by_start = False  # "Build stronger readers": a broad aim, not a teaching action
    # a goal about the adults' own work ("smoother hand-offs with my co-teacher") names no
    # student at all
    adults = rules.matcher("adult_words")
    adult_work = (
        adults is not None
        and adults.search(body) is not None
        and (students is None or students.search(body) is None)
    )
    if adult_work:
        pass
    elif by_subject and not by_start and not done_to:
        if _students_doing(body, rules):
            return None
    elif not done_to and (not by_start or _students_doing(body, rules, teacher_first=True)):
        return None
    # "Use of the word wall: students use two unit words..." says what students do after all
    later = re.split(r":|\s[-\u2013\u2014]\s", goal, maxsplit=1)[1:]
    if not done_to and later and _students_doing(whole(later[0][:MAX_SENTENCE]), rules):
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


def _who_left_out(text: str) -> str:
    """The goal without "all" or "every" before the students: they say who, not how much."""
    return _WHO.sub(" ", text)


_WHO = re.compile(
    r"\b(?:all|every|each)(?: of)?(?: the| my| our)? (?=(?:students?|kids?|learners?|pupils?"
    r"|child|children|scholars)\b)"
)


def goal_too_broad(goal: str, rules: Rules) -> Finding | None:
    body = _goal_body(goal, rules)
    words = body.split()
    broad_list = rules.matcher("broad_goals")
    narrowing = rules.matcher("narrowing")
    broad = broad_list.search(body) if broad_list is not None else None
    # "all students" or "every kid" says who, not how you would know: it narrows nothing
    narrowed = _has_measure(_who_left_out(body), rules) or (
        narrowing is not None and narrowing.search(body) is not None
    )
    outcomes = rules.matcher("broad_outcomes")
    outcome = outcomes.search(body) if outcomes is not None else None
    if outcome:
        noticed = (
            f'The goal {_quote(goal)} names an outcome ("{outcome.group(0)}") rather than '
            "something students do that you could watch for."
        )
    elif broad and not narrowed:
        noticed = (
            f'The goal {_quote(goal)} names a big aim ("{broad.group(0)}") that could '
            "mean many different things."
        )
    elif len(words) < 3:
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


def goal_without_measure(goal: str, goal_entries: Sequence[Entry], rules: Rules) -> Finding | None:
    texts = [goal[:MAX_SENTENCE], *(e.text[:MAX_SENTENCE] for e in goal_entries)]
    if any(e.measures for e in goal_entries):
        return None
    if any(_has_measure(whole(text), rules) for text in texts):
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
        confidence="low",
    )


_AMBIGUOUS = frozenset({"a", "no", "me", "us", "am"})  # common words other languages share


def _goal_in_language(text: str, rules: Rules) -> bool:
    """A goal is short, and terse English ("Give feedback on lab reports within 48 hours") has
    few common words: one in ten is enough, when the goal is plain ASCII and one of them is
    not a word other languages share too."""
    if in_language(text, rules):
        return True
    common = rules.matcher("common_words")
    if common is None or not text.isascii():
        return False
    hits = [w for w in text.split() if common.fullmatch(w) and w not in _AMBIGUOUS]
    return bool(hits) and len(hits) * 10 >= len(text.split())


def goal_findings(goal: str, goal_entries: Sequence[Entry], rules: Rules) -> list[Finding]:
    if not goal.strip() or not _goal_in_language(whole(goal), rules):
        return []
    found = [
        goal_about_teacher(goal, rules),
        goal_too_broad(goal, rules),
        goal_without_measure(goal, goal_entries, rules),
    ]
    return [f for f in found if f is not None]
