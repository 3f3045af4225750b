"""Start-up and scaling benchmark for the tpcycle command line.

Run it with the interpreter that has tpcycle installed (the dev virtualenv, say)::

    python benchmarks/bench.py                # default: 15 interleaved rounds
    python benchmarks/bench.py --runs 25      # more runs, steadier medians
    python benchmarks/bench.py --json         # the figures as JSON on stdout
    python benchmarks/bench.py --keep /tmp/tpb  # keep the built journals in /tmp/tpb

It builds a journal of 10,000 cycles / 100,000 entries (schema made by tpcycle's own
migrations, rows inserted in one transaction) and a journal with one cycle made through the
CLI, then times commands as subprocesses. Absolute times mean little on a shared machine, so
every time figure is a RATIO against a floor command measured in the same run: each round
runs every (subject, floor) pair once, pairs in a shuffled order and the two commands of a
pair back to back in a random order, and a figure is the median over the rounds of
(subject's time / floor's time); the quartiles are shown too, so a noisy run shows itself.
Peak memory is the child's max RSS (the largest over all runs), read with os.wait4 by a tiny
spawner process, one fresh child per run.

tpcycle is run the way people run it: the ``tpcycle`` console script installed beside this
interpreter (falling back to ``python -m tpcycle`` only if there is no script). Floors run
``python -c "import ..."`` with the same interpreter. Every child gets NO_COLOR=1, a
TPCYCLE_DB pointing at a temporary journal, stdin and stdout on /dev/null.

The script always exits 0 when it could measure (a MISS is a finding, not a failure); it
exits 2 if it could not run the commands at all. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

DEFAULT_RUNS = 15
DEFAULT_CYCLES = 10_000
ENTRIES_PER_CYCLE = 10
MIB = 1024 * 1024
SEED = 20240917
RSS_TARGET_MIB = 40.0

# -- what is measured -----------------------------------------------------------------------

FLOOR_TYPER = "floor: import typer"
FLOOR_DEPS = "floor: import typer, rich.console, sqlite_utils, yaml"
HELP = "tpcycle --help"
LOG_BIG = "log evidence (big)"
LOG_EMPTY = "log evidence (empty)"
SHOW_BIG = "show (big)"
EXPORT_BIG = "export (big)"

EVIDENCE_TEXT = "Exit tickets: 14 of 24 students gave a reason for their answer."


@dataclass(frozen=True)
class Command:
    name: str
    argv: tuple[str, ...]
    db: Path | None = None


@dataclass
class Samples:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)

    @property
    def wall_median(self) -> float:
        return statistics.median(self.wall)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    @property
    def rss_peak_mib(self) -> float:
        return max(self.rss_kib) * 1024 / MIB


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    target: float
    unit: str  # "x" for a ratio, "MiB" for memory
    subject: str
    floor: str | None
    low: float | None = None  # quartiles of the per-round ratios: how noisy the run was
    high: float | None = None

    @property
    def passed(self) -> bool:
        return self.value <= self.target

    def as_dict(self) -> dict[str, Any]:
        return {
            "figure": self.name,
            "value": round(self.value, 3),
            "unit": self.unit,
            "target": self.target,
            "pass": self.passed,
            "subject": self.subject,
            "floor": self.floor,
            "ratio_quartiles": None
            if self.low is None or self.high is None
            else [round(self.low, 3), round(self.high, 3)],
        }


# -- running one child ----------------------------------------------------------------------


def child_env(db: Path | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "TPCYCLE_"))}
    env["NO_COLOR"] = "1"
    env["COLUMNS"] = "100"
    env.pop("FORCE_COLOR", None)
    if db is not None:
        env["TPCYCLE_DB"] = str(db)
    return env


# A small stdlib-only process that starts the command, so the command's max RSS is its own.
# On Linux a child's ru_maxrss starts at the high-water mark of the process it was forked
# from (the kernel keeps it across exec), so spawning from this script, which has imported
# tpcycle and built the journal, would report this script's memory for every command.
# ``python -I -S`` stays near 10 MiB, below anything measured here. The helper also does
# the timing, so its own start-up is not counted.
SPAWNER = """
import os, sys, time
argv = sys.argv[1:]
null = os.open(os.devnull, os.O_RDWR)
actions = [(os.POSIX_SPAWN_DUP2, null, 0), (os.POSIX_SPAWN_DUP2, null, 1)]
t = time.perf_counter()
pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=actions)
_, status, ru = os.wait4(pid, 0)
wall = time.perf_counter() - t
print(os.waitstatus_to_exitcode(status), wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss)
"""


def run_once(command: Command, cwd: Path) -> tuple[float, float, int]:
    """Run a command once; wall seconds, CPU seconds (user+sys) and max RSS in KiB.

    os.wait4 in the spawner gives the rusage of exactly this child, so every run is measured
    on its own.
    """
    done = subprocess.run(
        [sys.executable, "-I", "-S", "-c", SPAWNER, *command.argv],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=child_env(command.db),
        cwd=cwd,
        check=False,
    )
    fields = done.stdout.split()
    if done.returncode != 0 or len(fields) != 4 or fields[0] != b"0":
        raise RuntimeError(
            f"{command.name} failed ({fields[0].decode() if fields else done.returncode}):"
            f" {' '.join(command.argv)}\n" + done.stderr.decode(errors="replace")
        )
    return float(fields[1]), float(fields[2]), int(fields[3])


# -- building the journals ------------------------------------------------------------------

TEACHERS = ("Ana Ruiz", "Ben Okafor", "Chen Wei", "Dana Kowalski", "Elif Demir", "Femi Adeyemi")
PARTNERS = ("Sam Lee", "Priya Nair", "Jonas Berg", "Maria Rossi")
SUBJECTS = (
    "fractions",
    "persuasive writing",
    "photosynthesis",
    "the water cycle",
    "ratios",
    "primary sources",
    "lab reports",
    "reading fluency",
    "linear equations",
    "map skills",
)
SKILLS = (
    "explain their reasoning in writing",
    "justify an answer with evidence",
    "ask a question of a classmate",
    "check their work before handing it in",
    "use the new vocabulary accurately",
    "compare two methods",
    "cite the text",
)
EVIDENCE = (
    "Exit tickets on {subject}: {n} of 24 students {skill_past}.",
    "Observation tally during group work: {n} students {skill_past} without a prompt.",
    "Student voice: several said they 'just knew' the answer; {n} could say why.",
    "Quiz on {subject}: most answers right, but only {n} of 24 showed any working.",
)
INTERPRETATIONS = (
    "Most answers are right but bare. They may not know what a good reason looks like.",
    "The quieter students wait for someone else to speak first; the task rewards speed.",
    "I rush the explaining part when time runs short, so it looks optional to them.",
    "They can do it orally but lose it when writing; the writing load is in the way.",
)
MOVES = (
    "Model one worked example with the frame 'I know ... because ...'. Prediction: {n} of 24.",
    "Give thirty seconds of silent thinking time before anyone answers, every time.",
    "Post three sentence starters and point to them when a student stalls.",
    "Swap the last five minutes of practice for a paired check of one answer each.",
)
REFLECTIONS = (
    "The frame helped more than I expected. Keep it; next, work on reasons that cite numbers.",
    "Thinking time changed who spoke. Adjust: shorter pause, but keep it consistent.",
    "I learned to ask what students wrote before suggesting anything. Drop the starters.",
    "Smaller gain than predicted; the move was right but we tried it for only two lessons.",
)
QUESTIONS = (
    "What evidence do you have today? Describe what students did, said or wrote.",
    "What might be getting in the way?",
    "What will you try, and what do you predict will happen?",
    "What changed, and what will you keep, adjust or drop?",
)
# Weights of the nine entries after the goal over the remaining five steps.
STEP_WEIGHTS = {"evidence": 3, "interpretation": 2, "move": 1, "new_evidence": 2, "reflection": 2}
STEP_ORDER = ("goal", "evidence", "interpretation", "move", "new_evidence", "reflection")


def _text(rng: random.Random, step: str, subject: str, skill: str) -> str:
    n = rng.randint(3, 22)
    skill_past = f"managed to {skill}"
    if step == "goal":
        return f"Students {skill} when working on {subject}."
    if step in ("evidence", "new_evidence"):
        first = rng.choice(EVIDENCE).format(n=n, subject=subject, skill_past=skill_past)
        second = rng.choice(
            (
                "",
                " The rest stopped after the first step.",
                " Two were absent.",
                " The same five students led every time.",
            )
        )
        return first + second
    if step == "interpretation":
        return rng.choice(INTERPRETATIONS)
    if step == "move":
        return rng.choice(MOVES).format(n=n)
    return rng.choice(REFLECTIONS)


def _uid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def protocol_version() -> str:
    """The bundled default protocol's version, so cycles do not look out of date."""
    from tpcycle.protocols import Library, bundled_dir

    return Library(bundled=bundled_dir(), user=None).load("default").version


def build_big(path: Path, cycles: int) -> int:
    """A journal of ``cycles`` cycles with ENTRIES_PER_CYCLE entries each; returns the current
    cycle id. The schema comes from tpcycle's own migrations."""
    from tpcycle.store import open_store

    open_store(path, create=True).close()
    rng = random.Random(SEED)
    version = protocol_version()
    current = max(1, cycles // 2)
    start = datetime(2022, 8, 29, 7, 30, tzinfo=UTC)
    step_names = list(STEP_WEIGHTS)
    weights = list(STEP_WEIGHTS.values())
    cycle_rows: list[tuple[Any, ...]] = []
    entry_rows: list[tuple[Any, ...]] = []
    entry_id = 0
    for cycle_id in range(1, cycles + 1):
        teacher, partner = rng.choice(TEACHERS), rng.choice(PARTNERS)
        subject, skill = rng.choice(SUBJECTS), rng.choice(SKILLS)
        began = start + timedelta(minutes=97 * cycle_id)
        steps = [
            "goal",
            *sorted(
                rng.choices(step_names, weights, k=ENTRIES_PER_CYCLE - 1), key=STEP_ORDER.index
            ),
        ]
        at = began
        for step in steps:
            entry_id += 1
            voice = rng.random()
            author, role = (teacher, "teacher") if voice < 0.6 else (partner, "partner")
            if voice > 0.97:
                author, role = "Visiting coach", "other"
            question = rng.choice(QUESTIONS) if rng.random() < 0.3 else None
            entry_rows.append(
                (
                    entry_id,
                    _uid(rng),
                    cycle_id,
                    step,
                    author,
                    role,
                    _text(rng, step, subject, skill),
                    question,
                    int(rng.random() < 0.1),
                    at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                )
            )
            at += timedelta(minutes=rng.randint(1, 9))
        closed = cycle_id < cycles - 20 and cycle_id != current
        cycle_rows.append(
            (
                cycle_id,
                _uid(rng),
                _text(rng, "goal", subject, skill),
                teacher,
                partner,
                "default",
                version,
                "closed" if closed else "open",
                began.strftime("%Y-%m-%dT%H:%M:%SZ"),
                at.strftime("%Y-%m-%dT%H:%M:%SZ") if closed else None,
            )
        )
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "INSERT INTO cycles (id, uid, goal, teacher, partner, protocol, protocol_version,"
            " status, created_at, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            cycle_rows,
        )
        conn.executemany(
            "INSERT INTO entries (id, uid, cycle_id, step, author, role, text, question,"
            " private, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            entry_rows,
        )
        conn.execute(
            "INSERT INTO settings (key, value) VALUES ('current_cycle', ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [str(current)],
        )
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("ANALYZE")
    finally:
        conn.close()
    return current


def tpcycle_argv() -> tuple[tuple[str, ...], str]:
    """How to start tpcycle with this interpreter: its console script if installed."""
    scripts = Path(sysconfig.get_path("scripts"))
    for folder in (scripts, Path(sys.executable).parent):
        script = folder / ("tpcycle.exe" if os.name == "nt" else "tpcycle")
        if script.is_file() and os.access(script, os.X_OK):
            return (str(script),), f"console script {script}"
    return (sys.executable, "-m", "tpcycle"), f"{sys.executable} -m tpcycle (no console script)"


def source_revision() -> str:
    """The commit of the tree being measured, marked when src/ has uncommitted changes."""
    root = Path(__file__).resolve().parents[1]
    try:
        head = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--", "src"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head} + uncommitted changes in src/" if dirty else head


def remove_journal(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


# -- the benchmark --------------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    """One time figure: a subject command against its floor command."""

    figure: str
    subject: Command
    floor: Command
    target: float


@dataclass
class Measured:
    by_command: dict[str, Samples]
    by_pair: dict[str, list[tuple[float, float]]]  # (subject, floor) wall seconds per round


def measure(pairs: Sequence[Pair], runs: int, cwd: Path, log: Callable[[str], None]) -> Measured:
    """Each round runs every pair once, pairs in a shuffled order and the two commands of a
    pair back to back in a random order, so both see the same moment of a noisy machine."""
    commands = {c.name: c for p in pairs for c in (p.subject, p.floor)}
    result = Measured({name: Samples() for name in commands}, {p.figure: [] for p in pairs})
    shuffler = random.Random(SEED)
    for c in commands.values():  # warm-up: byte-code caches, page cache; not counted
        run_once(c, cwd)

    def timed(c: Command) -> float:
        wall, cpu, rss = run_once(c, cwd)
        samples = result.by_command[c.name]
        samples.wall.append(wall)
        samples.cpu.append(cpu)
        samples.rss_kib.append(rss)
        return wall

    order = list(pairs)
    for round_no in range(1, runs + 1):
        shuffler.shuffle(order)
        for pair in order:
            if shuffler.random() < 0.5:
                subject = timed(pair.subject)
                floor = timed(pair.floor)
            else:
                floor = timed(pair.floor)
                subject = timed(pair.subject)
            result.by_pair[pair.figure].append((subject, floor))
        log(f"  round {round_no}/{runs} done")
    return result


def figures(pairs: Sequence[Pair], measured: Measured, rss_of: Sequence[str]) -> list[Figure]:
    result = []
    for pair in pairs:
        ratios = [subject / floor for subject, floor in measured.by_pair[pair.figure]]
        if len(ratios) >= 4:
            low, _mid, high = statistics.quantiles(ratios, n=4)
        else:
            low, high = min(ratios), max(ratios)
        result.append(
            Figure(
                pair.figure,
                statistics.median(ratios),
                pair.target,
                "x",
                pair.subject.name,
                pair.floor.name,
                low,
                high,
            )
        )
    for n, name in enumerate(rss_of):
        peak = measured.by_command[name].rss_peak_mib
        label = f"4{'abcdefgh'[n]}. peak RSS, {name}"
        result.append(Figure(label, peak, RSS_TARGET_MIB, "MiB", name, None))
    return result


def table(rows: Sequence[Sequence[str]], right: set[int]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def report_text(figs: Sequence[Figure], samples: dict[str, Samples], meta: dict[str, Any]) -> str:
    head = [
        f"tpcycle benchmark {meta['date']} · {meta['cpus']} CPUs · Python {meta['python']}"
        f" · {meta['runs']} rounds",
        f"tpcycle run as: {meta['tpcycle']} · source {meta['source']}",
        f"big journal: {meta['cycles']:,} cycles / {meta['entries']:,} entries"
        f" ({meta['big_db_mib']:.1f} MiB), current cycle {meta['current_cycle']}",
        "",
    ]
    rows = [["figure", "value", "middle half", "target", "result"]]
    for f in figs:
        value = f"{f.value:.2f}x" if f.unit == "x" else f"{f.value:.1f} MiB"
        spread = "" if f.low is None or f.high is None else f"{f.low:.2f}-{f.high:.2f}"
        target = f"<= {f.target:g}x" if f.unit == "x" else f"<= {f.target:g} MiB"
        rows.append([f.name, value, spread, target, "PASS" if f.passed else "MISS"])
    detail = [["command", "wall median", "wall min", "cpu median", "peak RSS"]]
    for name, s in samples.items():
        detail.append(
            [
                name,
                f"{s.wall_median * 1000:.0f} ms",
                f"{min(s.wall) * 1000:.0f} ms",
                f"{s.cpu_median * 1000:.0f} ms",
                f"{s.rss_peak_mib:.1f} MiB",
            ]
        )
    missed = [f.name for f in figs if not f.passed]
    if meta["runs"] < 10:
        head.insert(
            0, f"Only {meta['runs']} rounds: these ratios are rough; use --runs 15 or more."
        )
    tail = (
        f"\n{len(missed)} of {len(figs)} targets MISSED: " + "; ".join(missed)
        if missed
        else f"\nAll {len(figs)} targets pass."
    )
    return "\n".join(
        [
            *head,
            table(rows, {1, 2, 3}),
            "value: median over rounds of subject/floor wall time, the two run back to back;"
            " middle half: quartiles of those ratios; RSS: the largest over all runs.",
            "",
            "Absolute times (this run only; compare ratios, not these):",
            table(detail, {1, 2, 3, 4}),
            tail,
        ]
    )


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Measure tpcycle start-up and scaling as ratios against same-run floors."
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=DEFAULT_RUNS,
        help=f"measured rounds: each pair runs once per round (default {DEFAULT_RUNS})",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--keep", type=Path, metavar="DIR", help="build the journals in DIR and keep them"
    )
    parser.add_argument(
        "--cycles",
        type=int,
        default=DEFAULT_CYCLES,
        help=f"cycles in the big journal, {ENTRIES_PER_CYCLE} entries each"
        f" (default {DEFAULT_CYCLES:,})",
    )
    args = parser.parse_args(argv)
    if args.runs < 1 or args.cycles < 1:
        parser.error("--runs and --cycles must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    try:
        import tpcycle  # noqa: F401  (only to fail early with a clear message)
    except ImportError:
        log(
            f"tpcycle is not importable by {sys.executable}; run this with the interpreter"
            " tpcycle is installed in (e.g. the dev virtualenv)."
        )
        return 2
    tp, how = tpcycle_argv()
    py = sys.executable
    work = Path(tempfile.mkdtemp(prefix="tpcycle-bench-"))
    folder = args.keep.resolve() if args.keep else work
    folder.mkdir(parents=True, exist_ok=True)
    big, empty = folder / "bench-big.db", folder / "bench-empty.db"
    # log evidence writes to the current cycle, so it gets its own copy of the big journal:
    # show and export then read the same ten-entry cycle in every round.
    big_log = folder / "bench-big-log.db"
    try:
        for path in (big, big_log, empty):
            remove_journal(path)
        log(
            f"building {args.cycles:,} cycles / {args.cycles * ENTRIES_PER_CYCLE:,} entries"
            f" in {big} ..."
        )
        started = time.perf_counter()
        current = build_big(big, args.cycles)
        shutil.copyfile(big, big_log)
        log(f"  built in {time.perf_counter() - started:.1f} s")
        made = subprocess.run(
            [*tp, "--db", str(empty), "new", "goal", "Students explain their reasoning in writing"],
            env=child_env(None),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=False,
        )
        if made.returncode != 0:
            log(f"could not create the empty journal: {made.stderr.decode(errors='replace')}")
            return 2
        log_args = ("log", "evidence", EVIDENCE_TEXT)
        floor_typer = Command(FLOOR_TYPER, (py, "-c", "import typer"))
        floor_deps = Command(
            FLOOR_DEPS, (py, "-c", "import typer, rich.console, sqlite_utils, yaml")
        )
        log_big = Command(LOG_BIG, (*tp, *log_args), big_log)
        pairs = [
            Pair(
                "1. --help vs import typer", Command(HELP, (*tp, "--help"), empty), floor_typer, 2.5
            ),
            Pair(
                "2. log evidence: big vs empty journal",
                log_big,
                Command(LOG_EMPTY, (*tp, *log_args), empty),
                1.05,
            ),
            Pair("3a. log evidence (big) vs import deps", log_big, floor_deps, 1.3),
            Pair(
                "3b. show (big) vs import deps",
                Command(SHOW_BIG, (*tp, "show"), big),
                floor_deps,
                1.3,
            ),
            Pair(
                "3c. export (big) vs import deps",
                Command(EXPORT_BIG, (*tp, "export"), big),
                floor_deps,
                1.3,
            ),
        ]
        log(f"measuring {len(pairs)} pairs x {args.runs} rounds (shuffled each round) ...")
        try:
            measured = measure(pairs, args.runs, work, log)
        except RuntimeError as exc:
            log(f"a command failed, so nothing was measured:\n{exc}")
            return 2
        samples = measured.by_command
        figs = figures(pairs, measured, (LOG_BIG, SHOW_BIG, EXPORT_BIG))
        meta: dict[str, Any] = {
            "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "runs": args.runs,
            "tpcycle": how,
            "source": source_revision(),
            "cycles": args.cycles,
            "entries": args.cycles * ENTRIES_PER_CYCLE,
            "current_cycle": current,
            "big_db_mib": big.stat().st_size / MIB,
        }
        if args.keep:
            log(f"kept the journals: {big}, {big_log} and {empty}")
        if args.json:
            out = {
                **meta,
                "figures": [f.as_dict() for f in figs],
                "commands": {
                    name: {
                        "wall_median_s": round(s.wall_median, 4),
                        "wall_min_s": round(min(s.wall), 4),
                        "cpu_median_s": round(s.cpu_median, 4),
                        "peak_rss_mib": round(s.rss_peak_mib, 2),
                        "wall_s": [round(w, 4) for w in s.wall],
                    }
                    for name, s in samples.items()
                },
            }
            print(json.dumps(out, indent=2))
        else:
            print(report_text(figs, samples, meta))
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
