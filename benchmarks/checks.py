"""Score tpcycle's trap checks and goal checks on the labelled corpus in benchmarks/corpus/.

    python benchmarks/checks.py                  # the development set
    python benchmarks/checks.py --set holdout    # unseen cycles (score only; never tune on them)
    python benchmarks/checks.py --set holdout2   # a second held-out set (read since round 3)
    python benchmarks/checks.py --set holdout3   # a third set, written blind to round 3's rules
    python benchmarks/checks.py --set holdout4   # a fourth, written blind to round 4's rules
    python benchmarks/checks.py --floor          # exit 1 if any figure misses the issue's targets
    python benchmarks/checks.py --json           # the figures as JSON
    python benchmarks/checks.py --speed          # check vs. loading a 10,000-entry cycle

A cycle counts as showing a trap when check_cycle gives a finding of that trap with `medium` or
`high` confidence (`low` findings are gentle hints and are not counted). Goals count as
`about_teacher` / `too_broad` when goal-about-teacher / goal-too-broad fires.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tpcycle.checks import TRAPS, Finding, check_cycle, check_goal, trap_confidence
from tpcycle.domain import Cycle, Entry, Role, Status, Step
from tpcycle.measures import parse_measure

CORPUS = Path(__file__).resolve().parent / "corpus"
FILES = {
    "dev": ("cycles.yaml", "goals.yaml"),
    "holdout": ("holdout-cycles.yaml", "holdout-goals.yaml"),
    "holdout2": ("holdout2-cycles.yaml", "holdout2-goals.yaml"),
    "holdout3": ("holdout3-cycles.yaml", "holdout3-goals.yaml"),
    "holdout4": ("holdout4-cycles.yaml", "holdout4-goals.yaml"),
    "holdout5": ("holdout5-cycles.yaml", "holdout5-goals.yaml"),
    "holdout6": ("holdout6-cycles.yaml", "holdout6-goals.yaml"),
    "holdout7": ("holdout7-cycles.yaml", "holdout7-goals.yaml"),
    "holdout8": ("holdout8-cycles.yaml", "holdout8-goals.yaml"),
    "holdout9": ("holdout9-cycles.yaml", "holdout9-goals.yaml"),
    "holdout10": ("holdout10-cycles.yaml", "holdout10-goals.yaml"),
    "holdout11": ("holdout11-cycles.yaml", "holdout11-goals.yaml"),
}
GOAL_LABELS = {"about_teacher": "goal-about-teacher", "too_broad": "goal-too-broad"}
COUNTED = ("medium", "high")

# The targets issue 12 sets; --floor checks them.
TARGETS = {
    "precision": 0.85,
    "recall": 0.75,
    "trap_recall": 0.6,
    "healthy_alarm_rate": 0.10,
    "goal_precision": 0.85,
    "goal_recall": 0.75,
}


@dataclass(frozen=True)
class LabelledCycle:
    id: str
    traps: frozenset[str]
    note: str
    cycle: Cycle


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, truth: bool, said: bool) -> None:
        if truth and said:
            self.tp += 1
        elif said:
            self.fp += 1
        elif truth:
            self.fn += 1


@dataclass
class Scores:
    cycles: int = 0
    healthy: int = 0
    healthy_alarms: int = 0
    overall: Tally = field(default_factory=Tally)
    per_trap: dict[str, Tally] = field(default_factory=lambda: {t: Tally() for t in TRAPS})
    goals: int = 0
    goal_overall: Tally = field(default_factory=Tally)
    per_goal_label: dict[str, Tally] = field(
        default_factory=lambda: {label: Tally() for label in GOAL_LABELS}
    )
    misreads: list[dict[str, Any]] = field(default_factory=list)
    goal_misreads: list[dict[str, Any]] = field(default_factory=list)

    @property
    def healthy_alarm_rate(self) -> float:
        return self.healthy_alarms / self.healthy if self.healthy else 0.0

    def figures(self) -> dict[str, Any]:
        return {
            "cycles": self.cycles,
            "healthy": self.healthy,
            "precision": round(self.overall.precision, 3),
            "recall": round(self.overall.recall, 3),
            "per_trap": {
                t: {
                    "precision": round(s.precision, 3),
                    "recall": round(s.recall, 3),
                    "tp": s.tp,
                    "fp": s.fp,
                    "fn": s.fn,
                }
                for t, s in self.per_trap.items()
            },
            "healthy_alarm_rate": round(self.healthy_alarm_rate, 3),
            "healthy_alarms": self.healthy_alarms,
            "goals": self.goals,
            "goal_precision": round(self.goal_overall.precision, 3),
            "goal_recall": round(self.goal_overall.recall, 3),
            "per_goal_label": {
                label: {"precision": round(s.precision, 3), "recall": round(s.recall, 3)}
                for label, s in self.per_goal_label.items()
            },
        }

    def below_targets(self) -> list[str]:
        missed = []
        if self.overall.precision < TARGETS["precision"]:
            missed.append(f"overall precision {self.overall.precision:.2f}")
        if self.overall.recall < TARGETS["recall"]:
            missed.append(f"overall recall {self.overall.recall:.2f} < {TARGETS['recall']}")
        for trap, tally in self.per_trap.items():
            if tally.recall < TARGETS["trap_recall"]:
                missed.append(f"{trap} recall {tally.recall:.2f} < {TARGETS['trap_recall']}")
        if self.healthy_alarm_rate > TARGETS["healthy_alarm_rate"]:
            missed.append(
                f"healthy alarm rate {self.healthy_alarm_rate:.2f} > "
                f"{TARGETS['healthy_alarm_rate']}"
            )
        if self.goal_overall.precision < TARGETS["goal_precision"]:
            missed.append(f"goal precision {self.goal_overall.precision:.2f}")
        if self.goal_overall.recall < TARGETS["goal_recall"]:
            missed.append(f"goal recall {self.goal_overall.recall:.2f}")
        return missed


# -- loading the corpus ----------------------------------------------------------------------


def _stamp(value: Any) -> str:
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S")
    text = str(value)
    return text + ":00" if len(text) == 16 else text


def build_cycle(number: int, raw: dict[str, Any]) -> Cycle:
    teacher, partner = str(raw["teacher"]), str(raw["partner"])
    entries = []
    for index, item in enumerate(raw.get("entries") or (), start=1):
        by = str(item.get("by", "teacher"))
        role = {"teacher": Role.TEACHER, "partner": Role.PARTNER}.get(by, Role.OTHER)
        author = {Role.TEACHER: teacher, Role.PARTNER: partner}.get(role, by)
        entries.append(
            Entry(
                id=number * 100 + index,
                uid=f"{raw['id']}-{index}",
                cycle_id=number,
                step=Step(str(item["step"])),
                author=author,
                role=role,
                text=str(item["text"]),
                private=bool(item.get("private", False)),
                created_at=_stamp(item["at"]),
                measures=tuple(parse_measure(str(m)) for m in item.get("measures") or ()),
            )
        )
    goal_entries = [e for e in entries if e.step is Step.GOAL]
    return Cycle(
        id=number,
        uid=str(raw["id"]),
        goal=goal_entries[0].text if goal_entries else "",
        teacher=teacher,
        partner=partner,
        protocol="default",
        protocol_version="1",
        status=Status(str(raw.get("status", "open"))),
        created_at=entries[0].created_at if entries else "2025-01-01T00:00:00",
        entries=tuple(entries),
    )


# libyaml's loader when PyYAML was built with it: the corpus reads in a tenth of the time
FAST_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=FAST_LOADER)


def load_cycles(path: Path) -> list[LabelledCycle]:
    raw = read_yaml(path) or []
    return [
        LabelledCycle(
            id=str(item["id"]),
            traps=frozenset(item.get("traps") or ()),
            note=str(item.get("note", "")),
            cycle=build_cycle(number, item),
        )
        for number, item in enumerate(raw, start=1)
    ]


def load_goals(path: Path) -> list[tuple[str, frozenset[str]]]:
    raw = read_yaml(path) or []
    return [(str(item["text"]), frozenset(item.get("labels") or ())) for item in raw]


# -- scoring ---------------------------------------------------------------------------------


def _today(cycle: Cycle) -> datetime.date:
    stamps = [e.created_at for e in cycle.entries] or [cycle.created_at]
    return datetime.date.fromisoformat(max(stamps)[:10]) + datetime.timedelta(days=1)


def said_traps(findings: Iterable[Finding]) -> set[str]:
    return {t for t, level in trap_confidence(findings).items() if t in TRAPS and level in COUNTED}


def score(cycles: list[LabelledCycle], goals: list[tuple[str, frozenset[str]]]) -> Scores:
    scores = Scores(cycles=len(cycles), goals=len(goals))
    for item in cycles:
        findings = check_cycle(item.cycle, today=_today(item.cycle))
        said = said_traps(findings)
        for trap in TRAPS:
            truth = trap in item.traps
            scores.per_trap[trap].add(truth, trap in said)
            scores.overall.add(truth, trap in said)
        if not item.traps:
            scores.healthy += 1
            scores.healthy_alarms += bool(said)
        if said != set(item.traps):
            scores.misreads.append(
                {
                    "id": item.id,
                    "labelled": sorted(item.traps),
                    "found": sorted(said),
                    "note": item.note,
                    "findings": [
                        f"{f.id}({f.trap},{f.confidence})" for f in findings if f.kind == "notice"
                    ],
                }
            )
    for text, labels in goals:
        ids = {f.id for f in check_goal(text)}
        said_labels = {label for label, fid in GOAL_LABELS.items() if fid in ids}
        for label in GOAL_LABELS:
            scores.per_goal_label[label].add(label in labels, label in said_labels)
            scores.goal_overall.add(label in labels, label in said_labels)
        if said_labels != set(labels) & set(GOAL_LABELS):
            scores.goal_misreads.append(
                {"text": text, "labelled": sorted(labels), "found": sorted(said_labels)}
            )
    return scores


def score_set(name: str) -> Scores:
    cycles_file, goals_file = FILES[name]
    return score(load_cycles(CORPUS / cycles_file), load_goals(CORPUS / goals_file))


def report(scores: Scores, name: str) -> str:
    lines = [
        f"Trap checks on the {name} corpus: {scores.cycles} cycles ({scores.healthy} healthy), "
        f"{scores.goals} goals",
        "",
        f"{'trap':<12} {'precision':>9} {'recall':>7}   tp  fp  fn",
    ]
    for trap, tally in scores.per_trap.items():
        lines.append(
            f"{trap:<12} {tally.precision:>9.2f} {tally.recall:>7.2f}  {tally.tp:>3} {tally.fp:>3} "
            f"{tally.fn:>3}"
        )
    lines += [
        f"{'overall':<12} {scores.overall.precision:>9.2f} {scores.overall.recall:>7.2f}  "
        f"{scores.overall.tp:>3} {scores.overall.fp:>3} {scores.overall.fn:>3}",
        "",
        f"healthy cycles with a medium/high trap finding: {scores.healthy_alarms} of "
        f"{scores.healthy} ({scores.healthy_alarm_rate:.0%})",
        "",
        f"{'goal check':<14} {'precision':>9} {'recall':>7}",
    ]
    for label, tally in scores.per_goal_label.items():
        lines.append(f"{label:<14} {tally.precision:>9.2f} {tally.recall:>7.2f}")
    lines.append(
        f"{'goals overall':<14} {scores.goal_overall.precision:>9.2f} "
        f"{scores.goal_overall.recall:>7.2f}"
    )
    if scores.misreads:
        lines += ["", "Misread cycles:"]
        for miss in scores.misreads:
            lines.append(
                f"  {miss['id']}: labelled {miss['labelled'] or 'healthy'}, found "
                f"{miss['found'] or 'nothing'} -- {miss['note']}"
            )
            lines.append(f"      findings: {', '.join(miss['findings']) or 'none'}")
    if scores.goal_misreads:
        lines += ["", "Misread goals:"]
        for miss in scores.goal_misreads:
            lines.append(
                f"  {miss['text']!r}: labelled {miss['labelled'] or 'good'}, found "
                f"{miss['found'] or 'nothing'}"
            )
    return "\n".join(lines)


def speed(entries: int = 10_000, rounds: int = 5) -> dict[str, float]:
    """Median seconds to load a cycle of ``entries`` entries from a journal (what `show` must do
    before printing anything) and to check it, measured in-process."""
    import importlib.util
    import statistics
    import tempfile
    import time

    from tpcycle.store import open_journal
    from tpcycle.usecases.cycles import get_cycle

    spec = importlib.util.spec_from_file_location(
        "tpcycle_bench", Path(__file__).with_name("bench.py")
    )
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules["tpcycle_bench"] = bench
    spec.loader.exec_module(bench)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.db"
        bench.build_small(path, entries)
        loads, checks = [], []
        for _ in range(rounds):
            started = time.perf_counter()
            journal = open_journal(path, create=False)
            try:
                cycle = get_cycle(journal, 1)
            finally:
                journal.close()
            loads.append(time.perf_counter() - started)
            started = time.perf_counter()
            check_cycle(cycle, today=datetime.date.today())
            checks.append(time.perf_counter() - started)
    return {
        "entries": float(len(cycle.entries)),
        "load_s": statistics.median(loads),
        "check_s": statistics.median(checks),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(FILES), default="dev", dest="which")
    parser.add_argument("--floor", action="store_true", help="exit 1 below the issue's targets")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--speed", action="store_true", help="time check against loading")
    args = parser.parse_args(argv)
    if args.speed:
        timing = speed()
        print(
            f"{int(timing['entries'])}-entry cycle: loading {timing['load_s'] * 1000:.0f} ms, "
            f"check_cycle {timing['check_s'] * 1000:.0f} ms "
            f"({timing['check_s'] / timing['load_s']:.2f}x the load)"
        )
        return 0
    missing = [name for name in FILES[args.which] if not (CORPUS / name).is_file()]
    if missing:
        print(f"The {args.which} set is not there yet: {', '.join(missing)}.", file=sys.stderr)
        return 2
    scores = score_set(args.which)
    if args.json:
        print(json.dumps(scores.figures(), indent=2))
    else:
        print(report(scores, args.which))
    if args.floor:
        missed = scores.below_targets()
        if missed:
            print("Below the targets: " + "; ".join(missed), file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
