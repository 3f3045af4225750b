"""Read a cycle's whole record and point out, kindly, the patterns that tend to stall a
partnership (seed 002's five traps), and name what is going well.

Pure functions, no I/O. The words and phrases live in a rules file (``Rules``); the logic that
weighs them lives here: who wrote what, in what order and how quickly, what the numbers did,
how many different moves were tried, negation and hedging, and reported speech. A finding is a
prompt for the pair's next conversation, never a verdict: nothing here blocks a step or scores
anyone. Private entries count too, because findings are only ever shown to the pair.

Each finding has a ``confidence``: ``high`` when several independent signs agree, ``medium``
when one clear sign is there, ``low`` for a faint one worth a glance.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from tpcycle.checks.text import MAX_SENTENCE, Rules, Sentence, sentences, whole, word_count
from tpcycle.domain import Cycle, Entry, Measure, Role, Status, Step, progress
from tpcycle.measures import Comparison, compare

DEFAULT_STALE_DAYS = 14
TRAPS = ("fixer", "complaint", "compliance", "strategy", "perfection")
OTHER_AREAS = ("goal", "order", "measure", "drift", "mutual")
CONFIDENCES = ("low", "medium", "high")

QUOTE_LIMIT = 80
MAX_READ = 120  # entries of one cycle whose wording is read (the first and last half of these)
ONE_SITTING_MINUTES = 60
EMPTY_WORDS = 2  # an entry of this many words or fewer says next to nothing


@dataclass(frozen=True)
class Finding:
    """One thing noticed in the record, why it matters, and a question that might help."""

    id: str
    trap: str
    noticed: str
    why: str
    question: str
    entry_ids: tuple[int, ...] = ()
    author: str | None = None
    confidence: str = "medium"
    kind: str = "notice"  # or "strength": something going well, worth keeping


# -- small helpers ---------------------------------------------------------------------------


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
    if count == 1:
        return f"{count} {word}"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return f"{count} {word[:-1]}ies"
    return f"{count} {word}s"


def _names(names: Iterable[str], quote: str = "'") -> str:
    quoted = [f"{quote}{n}{quote}" for n in names]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _order_key(entry: Entry) -> tuple[str, int]:
    return (entry.created_at, entry.id)


def _date(timestamp: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(timestamp[:10])
    except ValueError:
        return None


def _moment(timestamp: str) -> datetime.datetime | None:
    try:
        moment = datetime.datetime.fromisoformat(timestamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.replace(tzinfo=None)


def _raise(level: str, steps: int = 1) -> str:
    return CONFIDENCES[min(len(CONFIDENCES) - 1, CONFIDENCES.index(level) + steps)]


def _lower(level: str) -> str:
    return CONFIDENCES[max(0, CONFIDENCES.index(level) - 1)]


# -- reading the record ----------------------------------------------------------------------


# "..." or '...' (a single quote only where it opens after a space, so "don't" is not one)
_QUOTED = re.compile(r"\"[^\"]{1,200}\"|(?:(?<=\s)|^)'[^']{1,200}'(?=[\s,.;:!?)]|$)")


@dataclass(frozen=True)
class Hit:
    entry: Entry
    sentence: int
    phrase: str


@dataclass
class Reader:
    """The cycle's entries read once, with every list match cached per entry."""

    cycle: Cycle
    rules: Rules
    ordered: tuple[Entry, ...] = ()
    view: tuple[Entry, ...] = ()
    _sentences: dict[int, tuple[Sentence, ...]] = field(default_factory=dict)
    _hits: dict[tuple[int, str], tuple[tuple[int, int, int, str], ...]] = field(
        default_factory=dict
    )

    def __post_init__(self) -> None:
        self.ordered = tuple(sorted(self.cycle.entries, key=_order_key))
        if len(self.ordered) > MAX_READ:
            half = MAX_READ // 2
            readable = self.ordered[:half] + self.ordered[-half:]
        else:
            readable = self.ordered
        self.view = readable  # what the wording checks read: bounded, however long the cycle
        self._readable = {e.id for e in readable}
        self._words: dict[int, int] = {}

    # which words a person wrote ------------------------------------------------------------

    def words(self, entry: Entry) -> int:
        if entry.id not in self._words:
            self._words[entry.id] = word_count(entry.text)
        return self._words[entry.id]

    def sentences(self, entry: Entry) -> tuple[Sentence, ...]:
        if entry.id not in self._sentences:
            if entry.id not in self._readable:
                self._sentences[entry.id] = ()
            else:
                found = sentences(entry.text)
                self._sentences[entry.id] = found if self._in_language(found) else ()
        return self._sentences[entry.id]

    def _in_language(self, found: tuple[Sentence, ...]) -> bool:
        common = self.rules.matcher("common_words")
        if common is None or not found:
            return True
        return in_language(" ".join(s.text for s in found), self.rules)

    def matches(self, entry: Entry, name: str) -> tuple[tuple[int, int, int, str], ...]:
        """(sentence index, start, end, text) of each match of list ``name`` in ``entry``."""
        key = (entry.id, name)
        if key not in self._hits:
            pattern = self.rules.matcher(name, self.cycle.teacher, self.cycle.partner)
            found: list[tuple[int, int, int, str]] = []
            if pattern is not None:
                for index, sentence in enumerate(self.sentences(entry)):
                    for match in pattern.finditer(sentence.text):
                        found.append((index, match.start(), match.end(), match.group(0)))
            self._hits[key] = tuple(found)
        return self._hits[key]

    def hits(self, entry: Entry, name: str, *, plain: bool = True) -> list[Hit]:
        """Matches of a list, leaving out (when ``plain``) negated ones ("not bad") and
        worries framed as an expectation that a later "but" turns around."""
        result = []
        for index, start, _end, text in self.matches(entry, name):
            if plain and (
                self._negated(entry, index, start)
                or self._expected(entry, index, start)
                or self._quoted(entry, index, start)
            ):
                continue
            result.append(Hit(entry, index, text))
        return result

    def has(self, entry: Entry, name: str, *, plain: bool = True) -> bool:
        return bool(self.hits(entry, name, plain=plain))

    def is_only(self, entry: Entry, name: str) -> bool:
        """Whether the entry says nothing but a phrase of the list ("Done.", "ok sounds good")."""
        if entry.id not in self._readable:
            return False
        pattern = self.rules.matcher(name, self.cycle.teacher, self.cycle.partner)
        if pattern is None or len(entry.text) > MAX_SENTENCE:
            return False  # a long entry is never "nothing but" a phrase (and stays quick)
        text = whole(entry.text)
        if not text:
            return False
        if pattern.fullmatch(text) is not None:
            return True
        found = self.sentences(entry)  # or every sentence is one ("Showed growth. Continue.")
        return len(found) > 1 and all(
            pattern.fullmatch(whole(sentence.text)) is not None for sentence in found
        )

    def _quoted(self, entry: Entry, index: int, start: int) -> bool:
        """Whether the match sits inside quotation marks: words quoted are someone else's."""
        sentence = self.sentences(entry)[index].text
        return any(m.start() < start < m.end() for m in _QUOTED.finditer(sentence))

    def _negated(self, entry: Entry, index: int, start: int) -> bool:
        negations = self.rules.matcher("negations")
        if negations is None:
            return False
        before = self.sentences(entry)[index].text[:start]
        clause = re.split(r",| but | and | so ", before)[-1]
        return any(negations.fullmatch(word) for word in clause.split()[-3:])

    def _expected(self, entry: Entry, index: int, start: int) -> bool:
        expectation = self.rules.matcher("expectation")
        contrast = self.rules.matcher("contrast")
        if expectation is None or contrast is None:
            return False
        found = self.sentences(entry)
        sentence = found[index].text
        if not expectation.search(sentence[:start]):
            return False
        if contrast.search(sentence[start:]):
            return True
        return index + 1 < len(found) and contrast.match(found[index + 1].text) is not None

    # who wrote what ---------------------------------------------------------------------

    def by_teacher(self, *steps: Step) -> list[Entry]:
        return [e for e in self.view if e.role is Role.TEACHER and (not steps or e.step in steps)]

    def by_others(self, *steps: Step) -> list[Entry]:
        return [
            e for e in self.view if e.role is not Role.TEACHER and (not steps or e.step in steps)
        ]

    def step(self, step: Step) -> list[Entry]:
        return [e for e in self.view if e.step is step]

    def first(self, step: Step) -> Entry | None:
        found = self.step(step)
        return found[0] if found else None


# -- goal rules ------------------------------------------------------------------------------


def _goal_body(goal: str, rules: Rules) -> str:
    text = whole(goal[:MAX_SENTENCE])  # a goal is a sentence; a very long one is cut
    preamble = rules.matcher("goal_preamble")
    if preamble is not None:
        text = preamble.sub("", text, count=1).strip() if preamble.match(text) else text
    return text


def in_language(text: str, rules: Rules) -> bool:
    """Whether enough of the words are common words of the rules' language to read it; text
    in another language gets no finding rather than a wrong one."""
    common = rules.matcher("common_words")
    words = [w.strip("\"'(),:-") for w in text.split()[:60]]
    if common is None or len(words) < 6:
        return True
    hits = sum(1 for w in words if common.fullmatch(w))
    return hits * 6 >= len(words)


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


def goal_about_teacher(goal: str, rules: Rules) -> Finding | None:
    body = _goal_body(goal, rules)
    starts = rules.matcher("teacher_starts")
    passive = rules.matcher("passive_students")
    students = rules.matcher("student_words")
    by_start = starts is not None and starts.match(body) is not None
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
    ):
        by_start = False  # "Build stronger readers": a broad aim, not a teaching action
    if by_subject and not by_start and not done_to:
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


def goal_too_broad(goal: str, rules: Rules) -> Finding | None:
    body = _goal_body(goal, rules)
    words = body.split()
    broad_list = rules.matcher("broad_goals")
    narrowing = rules.matcher("narrowing")
    broad = broad_list.search(body) if broad_list is not None else None
    narrowed = _has_measure(body, rules) or (
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


def goal_findings(goal: str, goal_entries: Sequence[Entry], rules: Rules) -> list[Finding]:
    if not goal.strip() or not in_language(whole(goal), rules):
        return []
    found = [
        goal_about_teacher(goal, rules),
        goal_too_broad(goal, rules),
        goal_without_measure(goal, goal_entries, rules),
    ]
    return [f for f in found if f is not None]


# -- fixer -----------------------------------------------------------------------------------


def _accepts(r: Reader, entry: Entry) -> bool:
    """A teacher's reply that only takes up what was said: "ok", "sounds good, will do", a
    thumbs-up, "ok will set them all up this week"."""
    if entry.step in (Step.GOAL, Step.EVIDENCE, Step.NEW_EVIDENCE) or r.has(entry, "reshape"):
        return False
    words = r.words(entry)
    if words == 0 or r.is_only(entry, "acceptance"):
        return True
    found = r.sentences(entry)
    acceptance = r.rules.matcher("acceptance")
    return (
        words <= 10
        and bool(found)
        and acceptance is not None
        and acceptance.match(found[0].text) is not None
    )


def fixer(r: Reader) -> list[Finding]:
    cycle = r.cycle
    teacher_entries = r.by_teacher()
    deferring = [e for e in teacher_entries if r.has(e, "deference") and not r.has(e, "reshape")]
    thinking_steps = (Step.INTERPRETATION, Step.MOVE)
    credited = [e for e in r.by_others(*thinking_steps, Step.REFLECTION) if r.has(e, "attribution")]
    prescribing = [
        e
        for e in r.by_others(Step.EVIDENCE, *thinking_steps, Step.NEW_EVIDENCE, Step.REFLECTION)
        if e not in credited
        and r.words(e) > 3
        and any(not r.sentences(e)[h.sentence].question for h in r.hits(e, "prescriptive"))
    ]
    teacher_thinking = [
        e
        for e in r.by_teacher(*thinking_steps)
        if e not in deferring and not r.is_only(e, "acceptance") and r.words(e) > 3
    ] + [e for e in credited if e.step in thinking_steps]
    partner_thinking = [
        e
        for e in r.by_others(*thinking_steps)
        if e not in credited and not r.is_only(e, "filler") and r.words(e) > EMPTY_WORDS
    ]
    accepting = [e for e in teacher_entries if _accepts(r, e)]
    no_teacher_thinking = not teacher_thinking and bool(r.step(Step.MOVE) or partner_thinking)
    # A partner who types (nearly) everything, the goal included, is the pair's scribe: who
    # typed the thinking then says little about whose thinking it is.
    others = r.by_others()
    scribe = bool(others) and (
        any(e.step is Step.GOAL for e in others) or len(others) * 5 >= len(r.view) * 4
    )

    signals: list[str] = []
    level: str | None = None
    entries: list[Entry] = []
    own_move = [
        e
        for e in r.by_teacher(Step.MOVE)
        if e not in deferring and not _accepts(r, e) and r.words(e) > 3
    ]
    if deferring:
        # crediting the partner in a reflection, after a move of one's own, is not handing over
        late = all(e.step is Step.REFLECTION for e in deferring) and bool(own_move)
        level = "low" if late else "medium"
        quote = r.hits(deferring[0], "deference")[0].phrase
        signals.append(
            f'{cycle.teacher} writes that the idea came from someone else ("{quote}", '
            f"{_ids(deferring[:1])})"
        )
        entries += deferring
    if len(partner_thinking) >= 2 and no_teacher_thinking and not scribe:
        level = _raise(level) if level else "medium"
        signals.append(
            f"every interpretation and move ({_ids(partner_thinking)}) was written by "
            f"{_names(dict.fromkeys(e.author for e in partner_thinking), quote='')}"
        )
        entries += partner_thinking
    if prescribing:
        strong = len(prescribing) >= 2 or bool(accepting) or no_teacher_thinking
        if level:
            level = _raise(level)
        elif strong and (accepting or no_teacher_thinking or len(prescribing) >= 2):
            level = "medium"
        else:
            level = "low"
        quote = r.hits(prescribing[0], "prescriptive")[0].phrase
        signals.append(
            f'the partner\'s notes tell rather than ask ("{quote}", {_ids(prescribing)})'
        )
        entries += prescribing
    if level is None:
        return []
    if accepting and level != "low":
        signals.append(f"{cycle.teacher}'s replies are short agreements ({_ids(accepting)})")
        entries += accepting
    if len(partner_thinking) >= 2 and no_teacher_thinking and not scribe:
        finding_id = "teacher-voice-missing"
    elif deferring:
        finding_id = "teacher-defers"
    else:
        finding_id = "partner-prescribes"
    if level == "medium" and no_teacher_thinking and len(signals) >= 2:
        level = "high"
    seen: dict[int, Entry] = {e.id: e for e in entries}
    return [
        Finding(
            id=finding_id,
            trap="fixer",
            noticed="It looks as if one person is doing most of the thinking: "
            + "; ".join(signals)
            + ".",
            why="The teacher knows these students best, and a move the teacher shapes is one "
            "the teacher is more likely to keep.",
            question=f"{cycle.teacher}, what do you make of the evidence yourself, and what "
            "would you change about the idea to fit your class?",
            entry_ids=tuple(sorted(seen)),
            author=cycle.teacher if deferring or accepting else None,
            confidence=level,
        )
    ]


# -- complaint -------------------------------------------------------------------------------


GAIN_POINTS = 10.0  # a change of at least this many points (or 10% of a value) is a gain


def _gain(comparison: Comparison) -> bool:
    """Whether a measure clearly moved the way the prediction (or, without one, upward) hoped."""
    for row in comparison.rows:
        wanted_down = row.prediction is not None and _level(row.prediction) < _level(row.baseline)
        change = -row.change if wanted_down else row.change
        if row.baseline.is_count and change >= GAIN_POINTS:
            return True
        if not row.baseline.is_count and change >= 0.1 * abs(row.baseline.value or 1.0):
            return True
    return False


def _level(measure: Measure) -> float:
    return measure.percent if measure.percent is not None else measure.value


def _turns(r: Reader, e: Entry, complaining: set[tuple[int, int]]) -> bool:
    """A plan, a wondering or a real question, in a sentence that is not itself a complaint
    ("I'll keep assigning it, but I'm not expecting miracles" is not a turn)."""
    forward = any((e.id, h.sentence) not in complaining for h in r.hits(e, "forward"))
    asking = any(
        sentence.question and (e.id, index) not in complaining
        for index, sentence in enumerate(r.sentences(e))
    )
    return forward or asking


def complaint(r: Reader, comparison: Comparison) -> list[Finding]:
    findings = []
    people: dict[str, list[Entry]] = {}
    for entry in r.view:
        if entry.step is not Step.GOAL:
            people.setdefault(entry.author, []).append(entry)
    for author, entries in people.items():
        blame = [h for e in entries for h in r.hits(e, "blame")]
        venting = [h for e in entries for h in r.hits(e, "venting")]
        complaints = blame + venting
        if not complaints:
            continue
        sentences_hit = {(h.entry.id, h.sentence) for h in complaints}
        last = max(_order_key(h.entry) for h in complaints)
        first = min(_order_key(h.entry) for h in complaints)

        turned = (
            any(_turns(r, e, sentences_hit) for e in entries if _order_key(e) >= last)
            or any(
                _turns(r, e, sentences_hit) and e.step in (Step.MOVE, Step.REFLECTION)
                for e in entries
                if _order_key(e) > first
            )
            # a move of their own, after the last complaint, is a turn toward what can change
            or any(
                e.step is Step.MOVE
                and r.words(e) >= 5
                and not r.has(e, "deference")
                and not _accepts(r, e)
                and not r.hits(e, "blame")
                and not r.hits(e, "venting")
                for e in entries
                if _order_key(e) > last
            )
        )
        count = len(sentences_hit)
        if count >= 2 and not turned:
            level = "high"
        elif not turned or count >= 3:
            level = "medium"
        else:
            level = "low"
        if _gain(comparison) and not blame:
            level = _lower(level)
        quote = (blame or venting)[0].phrase
        hit_entries = sorted({h.entry.id for h in complaints})
        findings.append(
            Finding(
                id="complaint-blame" if blame else "complaint-venting",
                trap="complaint",
                noticed=f'{author}\'s notes stay with what is hard ("{quote}", '
                f"{_ids(h.entry for h in complaints[:1])}"
                + (
                    f" and {_plural(len(hit_entries) - 1, 'more entry')}"
                    if len(hit_entries) > 1
                    else ""
                )
                + ")"
                + (" and don't yet turn to what could change." if not turned else "."),
                why="Naming the frustration matters, and the conversation moves once it lands on "
                "something within the pair's reach.",
                question="What is one part of this that is within your control, and what could "
                "you try or look at next?",
                entry_ids=tuple(hit_entries),
                author=author,
                confidence=level,
            )
        )
    return findings


# -- compliance ------------------------------------------------------------------------------


def compliance(r: Reader, explained: set[int], other_traps: bool = False) -> list[Finding]:
    """``explained``: entries another trap already accounts for (a teacher's "ok" to a
    partner's advice is the fixer trap, not a form being filled in)."""
    body = [e for e in r.view if e.step is not Step.GOAL and e.id not in explained]
    empty = [
        e
        for e in body
        if (r.is_only(e, "filler") or (r.words(e) <= EMPTY_WORDS and not e.measures))
        # a partner's "agree" to the teacher's thinking is the partnership working
        and not (e.role is not Role.TEACHER and r.is_only(e, "acceptance"))
    ]
    thin = [e for e in body if r.words(e) <= 6 and not e.measures]
    signals: list[str] = []
    level: str | None = None
    ids: list[int] = []
    if empty:
        level = "high" if len(empty) >= 3 else "medium" if len(empty) >= 2 else "low"
        if len(empty) == 1 and len(thin) * 2 >= len(body) >= 3 and not other_traps:
            level = "medium"
        signals.append(
            f"{_plural(len(empty), 'entry')} {'says' if len(empty) == 1 else 'say'} almost nothing "
            f"({_ids(empty[:4])}"
            + (", ..." if len(empty) > 4 else "")
            + f": {_quote(empty[0].text)})"
        )
        ids += [e.id for e in empty]
    steps_present = {e.step for e in r.ordered}
    stamps = [e.created_at for e in r.ordered]
    first = _moment(min(stamps)) if stamps else None
    last = _moment(max(stamps)) if stamps else None
    if (
        len(steps_present) >= 5
        and Step.NEW_EVIDENCE in steps_present
        and first is not None
        and last is not None
        and (last - first) <= datetime.timedelta(minutes=ONE_SITTING_MINUTES)
    ):
        minutes = int((last - first).total_seconds() // 60)
        words = sorted(r.words(e) for e in body) or [0]
        substantive = not empty and words[len(words) // 2] >= 12
        level = _raise(level) if level else ("low" if substantive else "medium")
        signals.append(
            f"all {_plural(len(steps_present), 'step')}, new evidence included, were written "
            "within "
            f"{_plural(max(minutes, 1), 'minute')}"
        )
    plan = _plan_hit(r)
    if plan is not None:
        level = _raise(level) if level else "medium"
        signals.append(f'the goal seems to come from a plan or a form ("{plan}")')
    if level is None:
        return []
    return [
        Finding(
            id="compliance-going-through-motions",
            trap="compliance",
            noticed="Parts of this record read more like a form than a conversation: "
            + "; ".join(signals)
            + ".",
            why="A cycle pays off when the notes hold what you both saw and thought, written "
            "as it happens.",
            question="What did you actually see students do, and what surprised you, that "
            "these notes don't say yet?",
            entry_ids=tuple(ids),
            confidence=level,
        )
    ]


def _plan_hit(r: Reader) -> str | None:
    plan = r.rules.matcher("plan_copied")
    if plan is None:
        return None
    found = plan.search(whole(r.cycle.goal[:MAX_SENTENCE]))
    if found:
        return found.group(0)
    for entry in r.step(Step.GOAL):
        hits = r.hits(entry, "plan_copied")
        if hits:
            return hits[0].phrase
    return None


# -- strategy --------------------------------------------------------------------------------


def strategy(r: Reader) -> list[Finding]:
    found: list[Finding] = []
    moves = r.step(Step.MOVE)
    evidence = r.first(Step.EVIDENCE)
    first_move = moves[0] if moves else None
    signals = 0
    if first_move is not None and (
        evidence is None or _order_key(first_move) < _order_key(evidence)
    ):
        signals += 1
        if evidence is None:
            noticed = (
                f"A move (entry {first_move.id}) is recorded, but there is no evidence from "
                "before it."
            )
            question = "What could you collect this week that shows where students are now?"
        else:
            noticed = (
                f"The move (entry {first_move.id}) was recorded before the first evidence "
                f"(entry {evidence.id})."
            )
            question = (
                f"Does entry {evidence.id} show how things were before the move, or already "
                "after it?"
            )
        found.append(
            Finding(
                id="move-before-evidence",
                trap="strategy",
                noticed=noticed,
                why="Without a starting point it is hard to tell whether the move made a "
                "difference.",
                question=question,
                entry_ids=(first_move.id,),
                confidence="medium",
            )
        )
    interpretation = r.first(Step.INTERPRETATION)
    if (
        first_move is not None
        and evidence is not None
        and _order_key(evidence) < _order_key(first_move)
        and (interpretation is None or _order_key(first_move) < _order_key(interpretation))
    ):
        signals += 1
        found.append(
            Finding(
                id="move-without-interpretation",
                trap="strategy",
                noticed=f"The move (entry {first_move.id}) came straight after the evidence, "
                "with no interpretation of what might be in the way.",
                why="A move chosen for a reason you have named is easier to judge and to adjust.",
                question="What do you think is getting in the students' way, and how does this "
                "move address it?",
                entry_ids=(first_move.id,),
                confidence="low",
            )
        )
    # several moves at once, or hopping from tool to tool
    tool_entries = [e for e in r.view if e.step in (Step.MOVE, Step.NEW_EVIDENCE, Step.REFLECTION)]
    tools: dict[str, Entry] = {}
    for entry in tool_entries:
        for hit in r.hits(entry, "tools", plain=False):
            key = hit.phrase.rstrip("s")
            tools.setdefault(key, entry)
    move_tools = {h.phrase.rstrip("s") for e in moves for h in r.hits(e, "tools", plain=False)}
    switching = [
        e for e in r.view if e.step is not Step.GOAL and r.has(e, "switching", plain=False)
    ]
    many = (
        (len(moves) >= 3 and (len(move_tools) >= 2 or bool(switching)))
        or len(move_tools) >= 3
        or (len(tools) >= 4 and bool(switching))
    )
    if (
        many
        or (len(tools) >= 3 and switching)
        or (len(moves) >= 2 and len(move_tools) >= 2 and switching)
    ):
        signals += 1
        names = list(tools)[:5]
        noticed = (
            f"This cycle tries several things at once or in quick turns ({_names(names)})"
            if names
            else f"This cycle records {_plural(len(moves), 'move')}"
        )
        found.append(
            Finding(
                id="several-moves",
                trap="strategy",
                noticed=noticed + ", so it is hard to tell which one made a difference.",
                why="One small move at a time, checked against the same evidence, shows what "
                "actually helps these students.",
                question="If you could keep only one of these moves for the next two weeks, "
                "which would it be, and what would tell you it is working?",
                entry_ids=tuple(
                    sorted(
                        {e.id for e in tools.values()} | {e.id for e in moves if len(moves) >= 3}
                    )
                ),
                confidence="medium" if many or len(tools) >= 3 else "low",
            )
        )
    # evidence about enjoyment, not learning
    after = r.step(Step.NEW_EVIDENCE) or r.step(Step.EVIDENCE)
    liking = [
        e
        for e in after
        if not e.measures and r.has(e, "enjoyment") and not r.has(e, "learning", plain=False)
    ]
    if liking and len(liking) == len(after):
        signals += 1
        found.append(
            Finding(
                id="evidence-about-enjoyment",
                trap="strategy",
                noticed=f"The evidence ({_ids(liking)}) says how students felt about the "
                f"activity ({_quote(liking[0].text)}) but not what they learned.",
                why="Enjoyment matters, and the goal is about learning, so the evidence needs to "
                "show that too.",
                question="What did students say, write or do that shows whether they learned "
                "what the goal names?",
                entry_ids=tuple(e.id for e in liking),
                confidence="medium",
            )
        )
    if signals >= 2:
        found = [
            f if f.confidence == "high" else _with(f, confidence=_raise(f.confidence))
            for f in found
        ]
    return found


def _with(finding: Finding, *, confidence: str) -> Finding:
    return replace(finding, confidence=confidence)


# -- perfection ------------------------------------------------------------------------------

_TARGET_COUNT = re.compile(r"(\d+) ?(?:of|out of|/) ?(?:the |my |our |)(\d+)")
_TARGET_PERCENT = re.compile(r"(\d+(?:\.\d+)?) ?(?:%|percent|per cent)")


_TIME_TARGET = re.compile(
    r"(?:under|less than|within|in|below|fewer than|at most|no more than) "
    r"(\d+(?:\.\d+)?|a|an|one|two|three|five|ten) ?(seconds?|secs?|s|minutes?|mins?|m)(?!\w)"
)
_SMALL_NUMBERS = {
    "a": 1.0,
    "an": 1.0,
    "one": 1.0,
    "two": 2.0,
    "three": 3.0,
    "five": 5.0,
    "ten": 10.0,
}


def _seconds(value: float, unit: str | None) -> float | None:
    name = (unit or "").strip().lower()
    if name in ("s", "sec", "secs", "second", "seconds"):
        return value
    if name in ("m", "min", "mins", "minute", "minutes"):
        return value * 60
    return None


def _time_target(goal: str) -> float | None:
    """The seconds a goal like "line up in under 1 minute" allows, if it names a time."""
    found = _TIME_TARGET.search(whole(goal))
    if found is None:
        return None
    amount = _SMALL_NUMBERS.get(found.group(1))
    return _seconds(amount if amount is not None else float(found.group(1)), found.group(2))


_TARGET_AT_LEAST = re.compile(
    r"(?:at least|a minimum of|minimum of|no fewer than) (\d+) (?:of (?:my |the |)|)"
    r"(?:students|kids|pupils|learners|children|scholars|of them)"
)


def _target_count(goal: str) -> float | None:
    """N in a goal like "at least 20 students ..." (compared with a count's value)."""
    found = _TARGET_AT_LEAST.search(whole(goal))
    return float(found.group(1)) if found else None


def _target_percent(goal: str) -> float | None:
    text = whole(goal)
    count = _TARGET_COUNT.search(text)
    if count and int(count.group(2)) > 0:
        return 100.0 * int(count.group(1)) / int(count.group(2))
    percent = _TARGET_PERCENT.search(text)
    if percent:
        return float(percent.group(1))
    return None


def perfection(r: Reader, comparison: Comparison, complaining: bool) -> list[Finding]:
    """``complaining``: the complaint trap was found, so short "nothing to report" notes are
    not read as pride in a flawless lesson."""
    found: list[Finding] = []
    cycle = r.cycle
    # a goal already met at baseline
    baseline = [m for e in r.step(Step.EVIDENCE) for m in e.measures if m.is_count]
    target = _target_percent(cycle.goal)
    predicted = [m for e in r.step(Step.MOVE) for m in e.measures if m.is_count]
    met: str | None = None
    timed = _time_target(cycle.goal)
    if timed is not None:
        for measure in (m for e in r.step(Step.EVIDENCE) for m in e.measures):
            seconds = _seconds(measure.value, measure.unit)
            if not measure.is_count and seconds is not None and seconds <= timed:
                met = (
                    f"the first evidence ({measure.name} {measure.display()}) is already "
                    "within the goal's time"
                )
    # the goal's own measure: the one that comes back in the new evidence or the prediction
    later_keys = {
        m.key for e in (*r.step(Step.NEW_EVIDENCE), *r.step(Step.MOVE)) for m in e.measures
    }
    tracked = [m for m in baseline if m.key in later_keys] or baseline
    if tracked and met is None:
        best = max(tracked, key=lambda m: m.percent or 0.0)
        least = _target_count(cycle.goal)
        if (target is not None and (best.percent or 0.0) >= target) or (
            least is not None and best.value >= least
        ):
            met = (
                f"the first evidence ({best.name} {best.display()}) already reaches the "
                "goal's target"
            )
        else:
            for p in predicted:
                base = next((b for b in baseline if b.key == p.key), None)
                if (
                    base is not None
                    and (base.percent or 0) >= (p.percent or 0)
                    and (base.percent or 0) >= 75
                ):
                    met = (
                        f"the first evidence ({base.name} {base.display()}) is already at the "
                        f"level the move predicts ({p.display()})"
                    )
                    break
    if met:
        found.append(
            Finding(
                id="goal-met-at-baseline",
                trap="perfection",
                noticed=f"This goal looks met before the move: {met}.",
                why="A cycle teaches most when it aims at something students can't do yet.",
                question="Which students, or which part of this skill, is still not where you "
                "want it, and could that be the goal?",
                entry_ids=tuple(e.id for e in r.step(Step.EVIDENCE) if e.measures),
                confidence="high",
            )
        )
    # only success, no struggle ever named
    later = [
        e for e in r.view if e.step in (Step.NEW_EVIDENCE, Step.REFLECTION, Step.INTERPRETATION)
    ]
    perfect = [h for e in later for h in r.hits(e, "perfect")]
    body = [e for e in r.view if e.step is not Step.GOAL]
    topic = whole(cycle.goal)  # "errors" in a goal about finding errors names no struggle
    struggle = [h for e in body for h in r.hits(e, "struggle") if h.phrase not in topic]
    reflections = r.step(Step.REFLECTION)
    if perfect and len(struggle) <= 1 and not complaining:
        level = "high" if not struggle and (len(perfect) >= 2 or reflections) else "medium"
        found.append(
            Finding(
                id="only-success",
                trap="perfection",
                noticed=f'The notes describe only success ("{perfect[0].phrase}", '
                f"{_ids([perfect[0].entry])}) and name nothing that was hard or still uneven.",
                why="The parts that didn't land yet are where the next cycle's learning is.",
                question="Which students, or which moment, surprised you or went less well than "
                "the rest?",
                entry_ids=tuple(sorted({h.entry.id for h in perfect})),
                confidence=level,
            )
        )
    elif (
        not struggle
        and cycle.status is Status.CLOSED
        and reflections
        and len(body) >= 4
        and not met
    ):
        found.append(
            Finding(
                id="no-struggle-named",
                trap="perfection",
                noticed="Nothing in this cycle names a struggle, a surprise or something to "
                "change.",
                why="The parts that didn't land yet are where the next cycle's learning is.",
                question="What was harder than you expected, for you or for the students?",
                entry_ids=tuple(e.id for e in reflections),
                confidence="low",
            )
        )
    return found


# -- other patterns --------------------------------------------------------------------------


def interpretation_before_evidence(r: Reader) -> Finding | None:
    interpretation = r.first(Step.INTERPRETATION)
    if interpretation is None:
        return None
    evidence = r.first(Step.EVIDENCE)
    if evidence is not None and _order_key(evidence) < _order_key(interpretation):
        return None
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


def new_evidence_without_measure(r: Reader) -> Finding | None:
    baseline = [e for e in r.step(Step.EVIDENCE) if e.measures]
    new = r.step(Step.NEW_EVIDENCE)
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


def new_evidence_unmatched(r: Reader, comparison: Comparison) -> Finding | None:
    baseline = [e for e in r.step(Step.EVIDENCE) if e.measures]
    new = [e for e in r.step(Step.NEW_EVIDENCE) if e.measures]
    if not baseline or not new or comparison.rows:
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


def cycle_drifting(cycle: Cycle, today: datetime.date, stale_days: int) -> Finding | None:
    if cycle.status is not Status.OPEN:
        return None
    stamps = [e.created_at for e in cycle.entries] or [cycle.created_at]
    last = _date(max(stamps))
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


def partner_learning_missing(r: Reader) -> Finding | None:
    cycle = r.cycle
    reflections = r.step(Step.REFLECTION)
    if cycle.status is not Status.CLOSED or not reflections:
        return None
    if any(e.role is not Role.TEACHER for e in reflections):
        return None
    return Finding(
        id="partner-reflection-missing",
        trap="mutual",
        noticed=f"Only {cycle.teacher} reflected; the cycle has no note of what {cycle.partner} "
        "learned.",
        why="A partnership works best when both people learn, and saying so keeps it mutual.",
        question=f"{cycle.partner}, what did this cycle teach you about students or about "
        "coaching?",
        entry_ids=tuple(e.id for e in reflections),
        confidence="low",
    )


# -- strengths -------------------------------------------------------------------------------


def strengths(r: Reader, comparison: Comparison, traps: set[str]) -> list[Finding]:
    found: list[Finding] = []
    reached = [row for row in comparison.rows if row.met_prediction]
    if reached:
        row = reached[0]
        prediction = row.prediction.display() if row.prediction else ""
        found.append(
            Finding(
                id="prediction-reached",
                trap="measure",
                noticed=f"The move reached its prediction: {row.name} went from "
                f"{row.baseline.display()} to {row.new.display()} (predicted {prediction}).",
                why="A prediction that comes true is evidence the move, and your reading of the "
                "problem, were on target.",
                question="What exactly about the move do you think made the difference?",
                entry_ids=tuple(e.id for e in r.step(Step.NEW_EVIDENCE) if e.measures),
                kind="strength",
            )
        )
    teacher_moves = [
        e for e in r.by_teacher(Step.MOVE) if r.words(e) > 4 and not r.has(e, "deference")
    ]
    if teacher_moves and "fixer" not in traps:
        found.append(
            Finding(
                id="teacher-shaped-move",
                trap="fixer",
                noticed=f"{r.cycle.teacher} wrote the move ({_ids(teacher_moves[:1])}), in "
                "their own words.",
                why="A move the teacher shapes fits the class and is more likely to last.",
                question="What made this move feel right for these students?",
                entry_ids=tuple(e.id for e in teacher_moves),
                author=r.cycle.teacher,
                kind="strength",
            )
        )
    for entry in r.step(Step.REFLECTION):
        if r.has(entry, "keep") and r.has(entry, "change") and "complaint" not in traps:
            found.append(
                Finding(
                    id="reflection-keep-and-change",
                    trap="perfection",
                    noticed=f"{entry.author}'s reflection (entry {entry.id}) names both what to "
                    "keep and what to change.",
                    why="Keeping what worked and adjusting what didn't is how one cycle feeds "
                    "the next.",
                    question="Which of these changes will you test first in the next cycle?",
                    entry_ids=(entry.id,),
                    author=entry.author,
                    kind="strength",
                )
            )
            break
    return found


# -- putting it together ---------------------------------------------------------------------


def check_goal(goal: str, goal_entries: Sequence[Entry], rules: Rules) -> list[Finding]:
    """What the goal alone suggests; ``tpcycle new goal`` runs this as soon as a goal is typed."""
    return goal_findings(goal, goal_entries, rules)


def _names_struggle(r: Reader) -> bool:
    topic = whole(r.cycle.goal)
    return any(
        h.phrase not in topic
        for e in r.view
        if e.step is not Step.GOAL
        for h in r.hits(e, "struggle")
    )


def never_struggling(r: Reader, earlier: Sequence[Cycle]) -> Finding | None:
    """The perfection trap across cycles: the pair's earlier closed cycles and this one (once
    it has a reflection) never name anything hard, surprising or to change."""
    closed = [c for c in earlier if c.status is Status.CLOSED and c.id != r.cycle.id]
    if len(closed) < 2 or not r.step(Step.REFLECTION) or _names_struggle(r):
        return None
    if any(_names_struggle(Reader(c, r.rules)) for c in closed):
        return None
    return Finding(
        id="no-struggle-across-cycles",
        trap="perfection",
        noticed=f"Neither this cycle nor the {_plural(len(closed), 'earlier cycle')} before it "
        "names anything that was hard, surprising or worth changing.",
        why="Cycles that only record success leave little to learn from, and the hard parts "
        "are safe to write here.",
        question="Looking back over these cycles, what has been harder than the notes say?",
        entry_ids=tuple(e.id for e in r.step(Step.REFLECTION)),
        confidence="medium",
    )


def check_cycle(
    cycle: Cycle,
    *,
    today: datetime.date,
    rules: Rules,
    stale_days: int = DEFAULT_STALE_DAYS,
    earlier: Sequence[Cycle] = (),
) -> list[Finding]:
    """Everything the record suggests: goal first, then the traps, the rest, and strengths."""
    r = Reader(cycle, rules)
    comparison = compare(r.ordered)
    findings = goal_findings(cycle.goal, cycle.entries_for(Step.GOAL), rules)
    if any(e.measures for e in r.ordered if e.step in (Step.EVIDENCE, Step.NEW_EVIDENCE)):
        findings = [f for f in findings if f.id != "goal-no-measure"]
    fixing = fixer(r)
    explained = {
        entry_id
        for f in fixing
        if f.confidence != "low"
        for entry_id in f.entry_ids
        if entry_id in {e.id for e in r.view if e.role is Role.TEACHER}
    }
    findings.extend(fixing)
    complaints = complaint(r, comparison)
    findings.extend(complaints)
    strategies = strategy(r)
    complaining = any(f.confidence != "low" for f in complaints)
    perfect = perfection(r, comparison, complaining)
    other_traps = any(f.confidence != "low" for f in (*fixing, *complaints, *strategies, *perfect))
    findings.extend(compliance(r, explained, other_traps))
    findings.extend(strategies)
    findings.extend(perfect)
    across = never_struggling(r, earlier)
    if across is not None and not complaining:
        findings.append(across)
    for single in (
        interpretation_before_evidence(r),
        new_evidence_without_measure(r),
        new_evidence_unmatched(r, comparison),
        partner_learning_missing(r),
        cycle_drifting(cycle, today, stale_days),
    ):
        if single is not None:
            findings.append(single)
    traps = {f.trap for f in findings if f.confidence != "low"}
    findings.extend(strengths(r, comparison, traps))
    return findings


def trap_confidence(findings: Iterable[Finding]) -> dict[str, str]:
    """The highest confidence per trap among the findings (strengths left out)."""
    best: dict[str, str] = {}
    for finding in findings:
        if finding.kind != "notice":
            continue
        current = best.get(finding.trap)
        if current is None or CONFIDENCES.index(finding.confidence) > CONFIDENCES.index(current):
            best[finding.trap] = finding.confidence
    return best
