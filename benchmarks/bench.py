"""Start-up and scaling benchmark for the tpcycle command line.

Run it with the interpreter that has tpcycle installed (the dev virtualenv, say)::

    python benchmarks/bench.py                # default: 15 interleaved rounds
    python benchmarks/bench.py --runs 25      # more runs, steadier medians
    python benchmarks/bench.py --json         # the figures as JSON on stdout
    python benchmarks/bench.py --keep /tmp/tpb  # keep the built journals in /tmp/tpb

It builds a journal of 10,000 cycles / 100,000 entries (schema made by tpcycle's own
migrations, rows inserted in one transaction, so the triggers fill the full-text index), a
journal with one cycle made through the CLI, and a bundle of one 1,000-entry cycle written by
``tpcycle share``; then it times commands as subprocesses. Absolute times mean little on a
shared machine, so every time figure is a RATIO against a floor command measured in the same
run (or, for the import, a difference against the start-up of the same program): each round
runs every (subject, floor) pair once, pairs in a shuffled order and the two commands of a
pair back to back in a random order, and a figure is the median over the rounds of
(subject's time / floor's time); the quartiles are shown too, so a noisy run shows itself.
Peak memory is the child's max RSS (the largest over all runs), read with os.wait4 by a tiny
spawner process, one fresh child per run.

The floors:

- the PHYSICAL floor (``PHYSICAL_FLOOR``): a bare Python script, run with the same
  interpreter and environment, that opens the same big journal with WAL and
  synchronous=FULL, inserts one entry row with tpcycle's columns and commits. It is what any
  program keeping this journal must pay to add an entry; ``log evidence`` is held to 4x it,
  and ``show``, ``status``, ``compare`` and ``check`` to 4.5x;
- ``python -c "import typer"``, for ``--help`` (3x, Rich help kept);
- for the commands that read across the journal (search, list, history, export), the same
  command on the one-cycle journal: the big journal may cost at most 1.5x;
- for ``import``, ``tpcycle db path``, the same program doing no work.

The old floor, ``import typer, rich.console, sqlite_utils, yaml``, is still measured against
``log evidence`` for information only: it counts the libraries issue 9 takes off the hot
path as if they were free, so no target rests on it.

tpcycle is run the way people run it: the ``tpcycle`` console script installed beside this
interpreter (falling back to ``python -m tpcycle`` only if there is no script). Floors run
``python -c ...`` with the same interpreter. Every child gets NO_COLOR=1, a TPCYCLE_DB
pointing at a temporary journal, stdin and stdout on /dev/null (so output is piped, not a
terminal).

A command the installed tpcycle does not have yet (``search``, ``list --last``, ``history``)
is reported as "not measured", with the reason, instead of failing the run.

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
import string
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
from typing import Any, Literal

DEFAULT_RUNS = 15
DEFAULT_CYCLES = 10_000
ENTRIES_PER_CYCLE = 10
BUNDLE_ENTRIES = 1_000
MIB = 1024 * 1024
SEED = 20240917
RSS_TARGET_MIB = 40.0
HELP_TARGET = 3.0  # figure 1: --help against ``import typer`` (Rich help kept)
SCALING_TARGET = 1.05  # figure 2: log evidence on the big journal against the empty one
LOG_TARGET = 4.0  # figure 3a: log evidence against the physical floor
READ_TARGET = 4.5  # figures 3b-e: show, status, compare, check against the physical floor
SCALE_TARGET = 1.5  # figures 5a-d: commands that read across the big journal, big vs empty
IMPORT_WORK_TARGET_MS = 1000.0  # figure 6a: importing a 1,000-entry bundle, beyond start-up
# A word in a large share of the big journal's entries (it is in every goal, in three of the
# four evidence sentences and in some interpretations and moves); the report says how many.
SEARCH_WORD = "students"
LIST_LAST = 20
# --huge: the whole-journal sizes of issue 14 (100,000 cycles / 1,000,000 entries).
HUGE_CYCLES = 100_000
HUGE_RATIO_TARGET = 1.5  # figures 8a-b: list and history against show, same journal
FORGET_TARGET = 2.0  # figure 8c: forget against show, where SQLite has FTS5 secure-delete
HUGE_RSS_TARGET_MIB = 60.0  # figures 8d-f: whole-journal output, streamed
SECURE_DELETE = sqlite3.sqlite_version_info >= (3, 43, 0)

# -- what is measured -----------------------------------------------------------------------

FLOOR_PHYSICAL = "floor: physical (bare sqlite3 insert)"
FLOOR_TYPER = "floor: import typer"
FLOOR_STACK = "old floor: import typer, rich.console, sqlite_utils, yaml"
HELP = "tpcycle --help"
LOG_BIG = "log evidence (big)"
LOG_EMPTY = "log evidence (empty)"
SHOW_BIG = "show (big)"
STATUS_BIG = "status (big)"
COMPARE_BIG = "compare (big)"
CHECK_BIG = "check (big)"
CHECK_COLD = "check (big, empty cache)"
EXPORT_BIG = "export N (big)"
EXPORT_EMPTY = "export 1 (empty)"
SEARCH_BIG = f"search {SEARCH_WORD} (big)"
SEARCH_EMPTY = f"search {SEARCH_WORD} (empty)"
LIST_BIG = f"list --last {LIST_LAST} (big)"
LIST_EMPTY = f"list --last {LIST_LAST} (empty)"
HISTORY_BIG = "history (big)"
HISTORY_EMPTY = "history (empty)"
IMPORT_BUNDLE = f"import {BUNDLE_ENTRIES:,}-entry bundle (fresh journal)"
DB_PATH = "db path (fresh journal)"
LIST_FIT_BIG = "list (big)"
FORGET_BIG = "forget N --yes (big, fresh copy)"
LIST_JSON_BIG = "list --json (big)"
EXPORT_ALL_BIG = "export --all -o DIR (big)"
PORTFOLIO_BIG = "export --portfolio (big)"
# Run once each in --huge (minutes at 100,000 cycles): only their peak memory is a figure.
HUGE_MEMORY = (LIST_JSON_BIG, EXPORT_ALL_BIG, PORTFOLIO_BIG)

# The physical floor: what any journal that keeps its entries in this SQLite file must do to
# add one. Start the same interpreter, open the journal, make sure it is in WAL mode, ask for
# synchronous=FULL (an fsync'd commit, as tpcycle does), take the write lock, read the current
# cycle, insert one entry row with the columns tpcycle writes (the search index's trigger
# fires as it does for tpcycle) and commit. No checks, no measures, no output.
PHYSICAL_FLOOR = """\
import os, sqlite3, uuid
from datetime import UTC, datetime
conn = sqlite3.connect(os.environ["TPCYCLE_DB"], timeout=10.0, isolation_level=None)
if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
    conn.execute("PRAGMA journal_mode = WAL")
conn.execute("PRAGMA synchronous = FULL")
conn.execute("BEGIN IMMEDIATE")
cycle = int(conn.execute("SELECT value FROM settings WHERE key = 'current_cycle'").fetchone()[0])
conn.execute(
    "INSERT INTO entries (uid, cycle_id, step, author, role, text, question, private,"
    " created_at, updated_at, conflict_of, synced_hash)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [str(uuid.uuid4()), cycle, "new_evidence", "Dana Kowalski", "teacher",
     "Exit tickets: 14 of 24 students gave a reason for their answer.", None, 0,
     datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), None, None, None],
)
conn.execute("COMMIT")
conn.close()
"""

EVIDENCE_TEXT = "Exit tickets: 14 of 24 students gave a reason for their answer."


@dataclass(frozen=True)
class Command:
    name: str
    argv: tuple[str, ...]
    db: Path | None = None
    # When set, ``db`` is replaced by a fresh copy of this journal before every run (not timed).
    fresh_from: Path | None = None
    # When set, the command gets a cache folder of its own, emptied before every run (not
    # timed): what `check` keeps between runs is measured as missing, as on its first run.
    cold_cache: bool = False


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


Unit = Literal["x", "MiB", "ms"]


@dataclass(frozen=True)
class Figure:
    name: str
    value: float | None  # None: not measured (see note)
    target: float | None  # None: shown for information, no target
    unit: Unit  # "x" for a ratio, "MiB" for memory, "ms" for a difference of times
    subject: str
    floor: str | None
    low: float | None = None  # quartiles of the per-round ratios: how noisy the run was
    high: float | None = None
    cpu: float | None = None  # the same ratio of CPU times (user + system), for orientation
    note: str = ""

    @property
    def passed(self) -> bool | None:
        if self.value is None or self.target is None:
            return None
        # A time difference has a strict target ("under a second"); ratios and memory "at most".
        return self.value < self.target if self.unit == "ms" else self.value <= self.target

    @property
    def result(self) -> str:
        if self.value is None:
            return "not measured"
        if self.passed is None:
            return "info"
        return "PASS" if self.passed else "MISS"

    @property
    def cpu_passed(self) -> bool | None:
        """The verdict the CPU-time ratio would give (ratios with a target only)."""
        if self.cpu is None or self.target is None or self.unit != "x":
            return None
        return self.cpu <= self.target

    @property
    def close_call(self) -> bool:
        """Wall and CPU ratios disagree: the figure sits on its line in this run."""
        return self.cpu_passed is not None and self.cpu_passed != self.passed

    def as_dict(self) -> dict[str, Any]:
        return {
            "figure": self.name,
            "value": None if self.value is None else round(self.value, 3),
            "unit": self.unit,
            "target": self.target,
            "target_is": None if self.target is None else "<" if self.unit == "ms" else "<=",
            "pass": self.passed,
            "result": self.result,
            "subject": self.subject,
            "floor": self.floor,
            "quartiles" if self.unit == "ms" else "ratio_quartiles": None
            if self.low is None or self.high is None
            else [round(self.low, 3), round(self.high, 3)],
            "cpu_ratio": None if self.cpu is None else round(self.cpu, 3),
            "cpu_pass": self.cpu_passed,
            "note": self.note or None,
        }


# -- running one child ----------------------------------------------------------------------


def child_env(db: Path | None, cache: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "TPCYCLE_"))}
    env["NO_COLOR"] = "1"
    env["COLUMNS"] = "100"
    env.pop("FORCE_COLOR", None)
    if db is not None:
        env["TPCYCLE_DB"] = str(db)
    if cache is not None:
        # what `check` keeps between runs goes to the benchmark's folder, not the user's: the
        # warm-up run fills it, so the rounds measure a second and later check
        env["XDG_CACHE_HOME"] = str(cache)
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
    if command.fresh_from is not None and command.db is not None:
        remove_journal(command.db)
        shutil.copyfile(command.fresh_from, command.db)
    cache = cwd / "cache"
    if command.cold_cache:
        cache = cwd / "cache-cold"
        shutil.rmtree(cache, ignore_errors=True)
    done = subprocess.run(
        [sys.executable, "-I", "-S", "-c", SPAWNER, *command.argv],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=child_env(command.db, cache),
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
# The measure each cycle counts (out of 24 students), named after its skill.
MEASURE_NAMES = {
    "explain their reasoning in writing": "gave a reason",
    "justify an answer with evidence": "cited evidence",
    "ask a question of a classmate": "asked a classmate",
    "check their work before handing it in": "checked their work",
    "use the new vocabulary accurately": "used the vocabulary",
    "compare two methods": "compared methods",
    "cite the text": "cited the text",
}
CLASS_SIZE = 24
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


def _text(rng: random.Random, step: str, subject: str, skill: str) -> tuple[str, int | None]:
    """An entry's text, and the count out of CLASS_SIZE it reports or predicts, if any."""
    n = rng.randint(3, 22)
    skill_past = f"managed to {skill}"
    if step == "goal":
        return f"Students {skill} when working on {subject}.", None
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
        return first + second, n
    if step == "interpretation":
        return rng.choice(INTERPRETATIONS), None
    if step == "move":
        move = rng.choice(MOVES)
        return move.format(n=n), n if "{n}" in move else None
    return rng.choice(REFLECTIONS), None


def _uid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _stamp(at: datetime) -> str:
    return at.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Rows:
    """Rows for the cycles, entries and measures tables, inserted in one transaction."""

    cycles: list[tuple[Any, ...]] = field(default_factory=list)
    entries: list[tuple[Any, ...]] = field(default_factory=list)
    measures: list[tuple[Any, ...]] = field(default_factory=list)

    def add_cycle(
        self,
        rng: random.Random,
        cycle_id: int,
        *,
        entries: int,
        began: datetime,
        closed: bool,
        version: str,
        private_share: float,
    ) -> None:
        """One cycle: its goal, then ``entries - 1`` entries over the other steps in step
        order, by the teacher, the partner or now and then a visitor; evidence and new
        evidence carry a count out of 24 and the 'Prediction' move a predicted count.

        The measures take nothing from ``rng``, so the text is the same as it was before the
        journal had measures."""
        teacher, partner = rng.choice(TEACHERS), rng.choice(PARTNERS)
        subject, skill = rng.choice(SUBJECTS), rng.choice(SKILLS)
        steps = [
            "goal",
            *sorted(
                rng.choices(list(STEP_WEIGHTS), list(STEP_WEIGHTS.values()), k=entries - 1),
                key=STEP_ORDER.index,
            ),
        ]
        at = began
        for step in steps:
            entry_id = len(self.entries) + 1
            voice = rng.random()
            author, role = (teacher, "teacher") if voice < 0.6 else (partner, "partner")
            if voice > 0.97:
                author, role = "Visiting coach", "other"
            question = rng.choice(QUESTIONS) if rng.random() < 0.3 else None
            uid = _uid(rng)
            text, count = _text(rng, step, subject, skill)
            private = int(rng.random() < private_share)
            self.entries.append(
                (entry_id, uid, cycle_id, step, author, role, text, question, private, _stamp(at))
            )
            if count is not None:
                self.measures.append(
                    (
                        str(uuid.uuid5(uuid.NAMESPACE_OID, uid)),
                        entry_id,
                        cycle_id,
                        step,
                        MEASURE_NAMES[skill],
                        float(count),
                        float(CLASS_SIZE),
                        None,
                    )
                )
            at += timedelta(minutes=rng.randint(1, 9))
        self.cycles.append(
            (
                cycle_id,
                _uid(rng),
                _text(rng, "goal", subject, skill)[0],
                teacher,
                partner,
                "default",
                version,
                "closed" if closed else "open",
                _stamp(began),
                _stamp(at) if closed else None,
            )
        )

    def insert(self, path: Path, current: int) -> None:
        """Into a journal that tpcycle's migrations made; the triggers fill the search index."""
        conn = sqlite3.connect(str(path), isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany(
                "INSERT INTO cycles (id, uid, goal, teacher, partner, protocol, protocol_version,"
                " status, created_at, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                self.cycles,
            )
            conn.executemany(
                "INSERT INTO entries (id, uid, cycle_id, step, author, role, text, question,"
                " private, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                self.entries,
            )
            conn.executemany(
                "INSERT INTO measures (uid, entry_id, cycle_id, step, name, value, total, unit)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                self.measures,
            )
            conn.execute(
                "INSERT INTO settings (key, value) VALUES ('current_cycle', ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [str(current)],
            )
            conn.execute("COMMIT")
            conn.execute("ANALYZE")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()


def protocol_version() -> str:
    """The bundled default protocol's version, so cycles do not look out of date."""
    from tpcycle.protocols import Library, bundled_dir

    return Library(bundled=bundled_dir(), user=None).load("default").version


def new_journal(path: Path) -> None:
    """An empty journal with tpcycle's own schema (every migration, the search index too)."""
    from tpcycle.store import open_journal

    open_journal(path, create=True).close()
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


START = datetime(2022, 8, 29, 7, 30, tzinfo=UTC)


@dataclass(frozen=True)
class BigJournal:
    current: int
    entries: int
    measures: int
    word_entries: int | None  # entries the search index finds SEARCH_WORD in, if any


def build_big(path: Path, cycles: int) -> BigJournal:
    """A journal of ``cycles`` cycles with ENTRIES_PER_CYCLE entries each. All but the last
    twenty cycles are closed; the current one is in the middle, open."""
    new_journal(path)
    rng = random.Random(SEED)
    version = protocol_version()
    current = max(1, cycles // 2)
    rows = Rows()
    for cycle_id in range(1, cycles + 1):
        rows.add_cycle(
            rng,
            cycle_id,
            entries=ENTRIES_PER_CYCLE,
            began=START + timedelta(minutes=97 * cycle_id),
            closed=cycle_id < cycles - 20 and cycle_id != current,
            version=version,
            private_share=0.1,
        )
    rows.insert(path, current)
    conn = sqlite3.connect(str(path))
    try:
        indexed = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'entries_fts'").fetchone()
        found = (
            conn.execute(
                "SELECT count(*) FROM entries_fts WHERE entries_fts MATCH ?", [f'"{SEARCH_WORD}"']
            ).fetchone()[0]
            if indexed
            else None
        )
    finally:
        conn.close()
    if found == 0:
        raise RuntimeError(f"the search index of {path} finds no '{SEARCH_WORD}'")
    return BigJournal(current, len(rows.entries), len(rows.measures), found)


def build_small(path: Path, entries: int) -> None:
    """A journal with one open cycle of ``entries`` entries, none private, so that all of
    them go into the bundle."""
    new_journal(path)
    rows = Rows()
    rows.add_cycle(
        random.Random(SEED + 1),
        1,
        entries=entries,
        began=START,
        closed=False,
        version=protocol_version(),
        private_share=0.0,
    )
    rows.insert(path, 1)


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


def run_tpcycle(argv: Sequence[str]) -> subprocess.CompletedProcess[str]:
    """Run tpcycle once outside the measurements (setting up, finding what it can do)."""
    return subprocess.run(
        list(argv),
        env=child_env(None),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )


def missing(tp: Sequence[str], db: Path, command: str, option: str | None = None) -> str | None:
    """Why this tpcycle cannot run ``command`` (with ``option``), or None if it can."""
    done = run_tpcycle([*tp, "--db", str(db), command, "--help"])
    if done.returncode != 0:
        return f"this tpcycle has no '{command}' command"
    if option is not None and option not in done.stdout:
        return f"this tpcycle's '{command}' has no {option} option"
    return None


def make_bundle(tp: Sequence[str], small: Path, bundle: Path) -> int:
    """``tpcycle share`` of the small journal's cycle; returns the entries in the bundle."""
    done = run_tpcycle([*tp, "--db", str(small), "share", "-o", str(bundle)])
    if done.returncode != 0:
        raise RuntimeError(f"tpcycle share failed:\n{done.stderr}")
    entries = json.loads(bundle.read_text(encoding="utf-8")).get("entries")
    if not isinstance(entries, list) or len(entries) != BUNDLE_ENTRIES:
        raise RuntimeError(f"the bundle has {len(entries or [])} entries, not {BUNDLE_ENTRIES}")
    return len(entries)


# -- the benchmark --------------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    """A subject command and the floor it is compared with, run back to back each round."""

    key: str
    subject: Command
    floor: Command


@dataclass(frozen=True)
class Target:
    """A figure: a pair seen as a ratio (or, for "difference", subject minus floor in ms)."""

    label: str
    pair: str
    limit: float | None
    kind: Literal["ratio", "difference"] = "ratio"


@dataclass
class Measured:
    by_command: dict[str, Samples]
    by_pair: dict[str, list[tuple[float, float]]]  # (subject, floor) wall seconds per round
    # (subject, floor) CPU seconds (user + system) per round: steadier than wall time on a
    # busy machine, but blind to waiting (fsync, the write lock), so shown, not judged.
    cpu_by_pair: dict[str, list[tuple[float, float]]] = field(default_factory=dict)


def measure(pairs: Sequence[Pair], runs: int, cwd: Path, log: Callable[[str], None]) -> Measured:
    """Each round runs every pair once, pairs in a shuffled order and the two commands of a
    pair back to back in a random order, so both see the same moment of a noisy machine."""
    commands = {c.name: c for p in pairs for c in (p.subject, p.floor)}
    result = Measured(
        {name: Samples() for name in commands},
        {p.key: [] for p in pairs},
        {p.key: [] for p in pairs},
    )
    shuffler = random.Random(SEED)
    for c in commands.values():  # warm-up: byte-code caches, page cache; not counted
        run_once(c, cwd)

    def timed(c: Command) -> tuple[float, float]:
        wall, cpu, rss = run_once(c, cwd)
        samples = result.by_command[c.name]
        samples.wall.append(wall)
        samples.cpu.append(cpu)
        samples.rss_kib.append(rss)
        return wall, cpu

    order = list(pairs)
    started = time.perf_counter()
    for round_no in range(1, runs + 1):
        shuffler.shuffle(order)
        for pair in order:
            if shuffler.random() < 0.5:
                subject = timed(pair.subject)
                floor = timed(pair.floor)
            else:
                floor = timed(pair.floor)
                subject = timed(pair.subject)
            result.by_pair[pair.key].append((subject[0], floor[0]))
            result.cpu_by_pair[pair.key].append((subject[1], floor[1]))
        left = (time.perf_counter() - started) / round_no * (runs - round_no)
        log(f"  round {round_no}/{runs} done, about {left:.0f} s to go")
    return result


def quartiles(values: Sequence[float]) -> tuple[float, float]:
    if len(values) >= 4:
        low, _mid, high = statistics.quantiles(values, n=4)
        return low, high
    return min(values), max(values)


def figures(
    pairs: Sequence[Pair],
    targets: Sequence[Target],
    measured: Measured,
    rss_of: Sequence[str],
    not_measured: dict[str, str],
) -> list[Figure]:
    """``not_measured`` maps a pair key or command name that could not run to the reason."""
    by_key = {p.key: p for p in pairs}
    result = []
    for t in targets:
        unit: Unit = "ms" if t.kind == "difference" else "x"
        pair = by_key.get(t.pair)
        if pair is None:
            reason = not_measured.get(t.pair, "not run")
            result.append(Figure(t.label, None, t.limit, unit, t.pair, None, note=reason))
            continue
        rounds = measured.by_pair[pair.key]
        cpu: float | None = None
        if t.kind == "difference":
            subject = measured.by_command[pair.subject.name].wall_median
            floor = measured.by_command[pair.floor.name].wall_median
            value = (subject - floor) * 1000
            low, high = quartiles([(s - f) * 1000 for s, f in rounds])
            note = "difference of the two medians; middle half: of the per-round differences"
        else:
            ratios = [s / f for s, f in rounds]
            value = statistics.median(ratios)
            low, high = quartiles(ratios)
            cpu = statistics.median(s / f for s, f in measured.cpu_by_pair[pair.key])
            note = ""
        result.append(
            Figure(
                t.label,
                value,
                t.limit,
                unit,
                pair.subject.name,
                pair.floor.name,
                low,
                high,
                cpu,
                note,
            )
        )
    for n, name in enumerate(rss_of):
        label = f"4{string.ascii_lowercase[n]}. peak RSS, {name}"
        if name in measured.by_command:
            peak = measured.by_command[name].rss_peak_mib
            result.append(Figure(label, peak, RSS_TARGET_MIB, "MiB", name, None))
        else:
            reason = not_measured.get(name, "not run")
            result.append(Figure(label, None, RSS_TARGET_MIB, "MiB", name, None, note=reason))
    for n, name in enumerate(HUGE_MEMORY):
        if name in measured.by_command:
            label = f"8{string.ascii_lowercase[3 + n]}. peak RSS, {name}"
            peak = measured.by_command[name].rss_peak_mib
            result.append(Figure(label, peak, HUGE_RSS_TARGET_MIB, "MiB", name, None))
    return sorted(result, key=lambda f: f.name.split(".")[0])


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


def _amount(value: float, unit: Unit) -> str:
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "ms":
        return f"{value:.0f} ms"
    return f"{value:.1f} MiB"


def _target(f: Figure) -> str:
    if f.target is None:
        return "-"
    if f.unit == "ms":
        return f"< {f.target:g} ms"
    return f"<= {f.target:g}x" if f.unit == "x" else f"<= {f.target:g} MiB"


def banner(meta: dict[str, Any]) -> list[str]:
    """What was measured: the commit, the journals, the search word, the bundle, and which
    figures this tpcycle could not give."""
    found = meta["search_word_entries"]
    lines = [
        f"tpcycle benchmark {meta['date']} · {meta['cpus']} CPUs · Python {meta['python']}"
        f" · {meta['runs']} rounds",
        f"measured commit: {meta['source']} · tpcycle run as: {meta['tpcycle']}",
        f"big journal: {meta['cycles']:,} cycles / {meta['entries']:,} entries /"
        f" {meta['measures']:,} measures ({meta['big_db_mib']:.1f} MiB),"
        f" current cycle {meta['current_cycle']}",
        "search index: none in this tpcycle's journal"
        if found is None
        else f"search word '{meta['search_word']}': in {found:,} of {meta['entries']:,} entries"
        f" ({found / meta['entries']:.0%})",
        f"SQLite {meta['sqlite']}"
        + (" (FTS5 secure-delete)" if SECURE_DELETE else " (no FTS5 secure-delete: 3.43+)"),
        f"import bundle: one cycle of {meta['bundle_entries']:,} entries"
        f" ({meta['bundle_kib']:.0f} KiB) from 'tpcycle share', into a fresh copy of an empty"
        " journal every run",
    ]
    lines.extend(f"NOT MEASURED: {what}: {why}" for what, why in meta["not_measured"].items())
    return [*lines, ""]


def report_text(figs: Sequence[Figure], samples: dict[str, Samples], meta: dict[str, Any]) -> str:
    head = banner(meta)
    rows = [["figure", "value", "middle half", "target", "result", "cpu ratio"]]
    for f in figs:
        value = "-" if f.value is None else _amount(f.value, f.unit)
        spread = (
            ""
            if f.low is None or f.high is None
            else f"{_amount(f.low, f.unit)}-{_amount(f.high, f.unit)}"
        )
        cpu = "" if f.cpu is None else f"{f.cpu:.2f}x"
        if f.close_call:
            cpu += f" ({'PASS' if f.cpu_passed else 'MISS'})"
        rows.append([f.name, value, spread, _target(f), f.result, cpu])
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
    judged = [f for f in figs if f.passed is not None]
    missed = [f.name for f in judged if not f.passed]
    if meta["runs"] < 10:
        head.insert(
            0, f"Only {meta['runs']} rounds: these ratios are rough; use --runs 15 or more."
        )
    tail = (
        f"\n{len(missed)} of {len(judged)} targets MISSED: " + "; ".join(missed)
        if missed
        else f"\nAll {len(judged)} targets measured pass."
    )
    close = [f.name for f in judged if f.close_call]
    if close:
        tail += (
            f"\n{len(close)} on the line (the CPU-time ratio gives the other verdict): "
            + "; ".join(close)
        )
    unmeasured = [f.name for f in figs if f.value is None]
    if unmeasured:
        tail += f"\n{len(unmeasured)} figures not measured: " + "; ".join(unmeasured)
    return "\n".join(
        [
            *head,
            table(rows, {1, 2, 3, 5}),
            "value: median over rounds of subject/floor wall time, the two run back to back;"
            " middle half: quartiles of those ratios; RSS: the largest over all runs;"
            " 6a: median import time minus median 'db path' time; cpu ratio: the same median"
            " of (user + system) CPU times, steadier on a busy machine but blind to waiting"
            " (fsync, locks), so shown, not judged.",
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
    parser.add_argument(
        "--huge",
        action="store_true",
        help=f"the whole-journal figures (8a-f) on {HUGE_CYCLES:,} cycles unless --cycles is"
        " given; slow (list --json and export --all run once, minutes each)",
    )
    args = parser.parse_args(argv)
    if args.huge and args.cycles == DEFAULT_CYCLES:
        args.cycles = HUGE_CYCLES
    if args.runs < 1 or args.cycles < 1:
        parser.error("--runs and --cycles must be at least 1")
    return args


@dataclass(frozen=True)
class Files:
    """Every journal and file the benchmark makes, in one folder."""

    folder: Path

    @property
    def big(self) -> Path:  # read by show, export, search, list and history
        return self.folder / "bench-big.db"

    @property
    def big_log(self) -> Path:
        # log evidence writes to the current cycle, so it gets its own copy of the big
        # journal: show and export then read the same ten-entry cycle in every round.
        return self.folder / "bench-big-log.db"

    @property
    def empty(self) -> Path:  # one cycle, made with 'tpcycle new goal'; log evidence adds to it
        return self.folder / "bench-empty.db"

    @property
    def empty_read(self) -> Path:
        # A copy of the empty journal made before any run, for the commands that read it
        # (figures 5a-d), so they read the same one-entry cycle in every round.
        return self.folder / "bench-empty-read.db"

    @property
    def small(self) -> Path:  # one cycle of BUNDLE_ENTRIES entries, to share
        return self.folder / "bench-small.db"

    @property
    def blank(self) -> Path:  # no cycles at all; copied afresh before every import
        return self.folder / "bench-blank.db"

    @property
    def bundle(self) -> Path:
        return self.folder / "bundle.json"

    @property
    def big_forget(self) -> Path:
        # --huge: the big journal after one forget (so secure-delete, where SQLite has it, is
        # already on), copied afresh to forget_run before every timed forget.
        return self.folder / "bench-big-forget.db"

    @property
    def forget_run(self) -> Path:
        return self.folder / "bench-forget-run.db"

    @property
    def export_folder(self) -> Path:
        return self.folder / "export-all"

    def journals(self) -> tuple[Path, ...]:
        return (
            self.big,
            self.big_log,
            self.empty,
            self.empty_read,
            self.small,
            self.blank,
            self.big_forget,
            self.forget_run,
        )


def plan(
    tp: tuple[str, ...], files: Files, big: BigJournal, forget: int | None = None
) -> tuple[list[Pair], list[Target], list[str], dict[str, str]]:
    """The pairs to run, the figures made of them, the commands whose memory is a figure, and
    what this tpcycle cannot run (with the reason)."""
    py = sys.executable
    folder, big_db, big_log, empty = files.folder, files.big, files.big_log, files.empty
    empty_read = files.empty_read
    blank, bundle = files.blank, files.bundle
    log_args = ("log", "evidence", EVIDENCE_TEXT)
    floor_typer = Command(FLOOR_TYPER, (py, "-c", "import typer"))
    floor_stack = Command(FLOOR_STACK, (py, "-c", "import typer, rich.console, sqlite_utils, yaml"))
    # The physical floor writes to the same journal as 'log evidence (big)'.
    physical = Command(FLOOR_PHYSICAL, (py, "-c", PHYSICAL_FLOOR), big_log)
    log_big = Command(LOG_BIG, (*tp, *log_args), big_log)
    pairs = [
        Pair(HELP, Command(HELP, (*tp, "--help"), empty), floor_typer),
        Pair("log scaling", log_big, Command(LOG_EMPTY, (*tp, *log_args), empty)),
        Pair(LOG_BIG, log_big, physical),
        Pair("log vs old floor", log_big, floor_stack),
        Pair(SHOW_BIG, Command(SHOW_BIG, (*tp, "show"), big_db), physical),
        Pair(STATUS_BIG, Command(STATUS_BIG, (*tp, "status"), big_db), physical),
        Pair(COMPARE_BIG, Command(COMPARE_BIG, (*tp, "compare"), big_db), physical),
        Pair(CHECK_BIG, Command(CHECK_BIG, (*tp, "check"), big_db), physical),
        Pair(CHECK_COLD, Command(CHECK_COLD, (*tp, "check"), big_db, cold_cache=True), physical),
        Pair(
            EXPORT_BIG,
            Command(EXPORT_BIG, (*tp, "export", str(big.current)), big_db),
            Command(EXPORT_EMPTY, (*tp, "export", "1"), empty_read),
        ),
        Pair(
            IMPORT_BUNDLE,
            Command(
                IMPORT_BUNDLE,
                (*tp, "--db", str(folder / "fresh-import.db"), "import", str(bundle)),
                folder / "fresh-import.db",
                fresh_from=blank,
            ),
            Command(
                DB_PATH,
                (*tp, "--db", str(folder / "fresh-path.db"), "db", "path"),
                folder / "fresh-path.db",
                fresh_from=blank,
            ),
        ),
    ]
    not_measured: dict[str, str] = {}
    scale = (
        (SEARCH_BIG, SEARCH_EMPTY, ("search", SEARCH_WORD), "search", None),
        (LIST_BIG, LIST_EMPTY, ("list", "--last", str(LIST_LAST)), "list", "--last"),
        (HISTORY_BIG, HISTORY_EMPTY, ("history",), "history", None),
    )
    for name, on_empty, args, command, option in scale:
        reason = missing(tp, empty, command, option)
        if reason is None:
            pairs.append(
                Pair(
                    name,
                    Command(name, (*tp, *args), big_db),
                    Command(on_empty, (*tp, *args), empty_read),
                )
            )
        else:
            not_measured[name] = reason
    targets = [
        Target("1. --help vs import typer", HELP, HELP_TARGET),
        Target("2. log evidence: big vs empty journal", "log scaling", SCALING_TARGET),
        Target("3a. log evidence (big) vs physical floor", LOG_BIG, LOG_TARGET),
        Target("3b. show (big) vs physical floor", SHOW_BIG, READ_TARGET),
        Target("3c. status (big) vs physical floor", STATUS_BIG, READ_TARGET),
        Target("3d. compare (big) vs physical floor", COMPARE_BIG, READ_TARGET),
        Target("3e. check (big) vs physical floor", CHECK_BIG, READ_TARGET),
        Target("3f. check (big), first run (empty cache) vs physical floor", CHECK_COLD, None),
        Target(f"5a. search {SEARCH_WORD}: big vs empty journal", SEARCH_BIG, SCALE_TARGET),
        Target(f"5b. list --last {LIST_LAST}: big vs empty journal", LIST_BIG, SCALE_TARGET),
        Target("5c. history: big vs empty journal", HISTORY_BIG, SCALE_TARGET),
        Target("5d. export N: big vs empty journal", EXPORT_BIG, SCALE_TARGET),
        Target(
            f"6a. import {BUNDLE_ENTRIES:,} entries: work beyond start-up",
            IMPORT_BUNDLE,
            IMPORT_WORK_TARGET_MS,
            "difference",
        ),
        Target(f"6b. import {BUNDLE_ENTRIES:,} entries vs db path", IMPORT_BUNDLE, None),
        Target("7. log evidence (big) vs the old stack floor", "log vs old floor", None),
    ]
    if forget is not None:  # --huge: whole-journal commands against show on the same journal
        show_big = Command(SHOW_BIG, (*tp, "show"), big_db)
        forget_run = Command(
            FORGET_BIG,
            (*tp, "forget", str(forget), "--yes"),
            files.forget_run,
            fresh_from=files.big_forget,
        )
        pairs += [
            Pair("list vs show", Command(LIST_FIT_BIG, (*tp, "list"), big_db), show_big),
            Pair("history vs show", Command(HISTORY_BIG, (*tp, "history"), big_db), show_big),
            Pair("forget vs show", forget_run, show_big),
        ]
        targets += [
            Target("8a. list (latest 20) vs show, big journal", "list vs show", HUGE_RATIO_TARGET),
            Target("8b. history vs show, big journal", "history vs show", HUGE_RATIO_TARGET),
            Target(
                "8c. forget N vs show, big journal"
                + ("" if SECURE_DELETE else f" (SQLite {sqlite3.sqlite_version}: no target)"),
                "forget vs show",
                FORGET_TARGET if SECURE_DELETE else None,
            ),
        ]
    # Every tpcycle command measured (not the floors) has its peak memory as a figure.
    rss_of = [
        HELP,
        LOG_BIG,
        SHOW_BIG,
        STATUS_BIG,
        COMPARE_BIG,
        CHECK_BIG,
        EXPORT_BIG,
        SEARCH_BIG,
        LIST_BIG,
        HISTORY_BIG,
        IMPORT_BUNDLE,
        DB_PATH,
    ]
    if forget is not None:
        rss_of += [LIST_FIT_BIG, FORGET_BIG]
    return pairs, targets, rss_of, not_measured


def huge_memory_commands(tp: tuple[str, ...], files: Files) -> list[Command]:
    """--huge: whole-journal output, each run once for its peak memory."""
    big_db = files.big
    return [
        Command(LIST_JSON_BIG, (*tp, "list", "--json"), big_db),
        Command(EXPORT_ALL_BIG, (*tp, "export", "--all", "-o", str(files.export_folder)), big_db),
        Command(PORTFOLIO_BIG, (*tp, "export", "--portfolio"), big_db),
    ]


def forgettable_entry(path: Path) -> int:
    """An entry in the middle of the big journal that is not a goal (forget refuses goals)."""
    conn = sqlite3.connect(str(path))
    try:
        middle = conn.execute("SELECT max(id) / 2 FROM entries").fetchone()[0]
        row = conn.execute(
            "SELECT min(id) FROM entries WHERE id >= ? AND step = 'evidence'", [middle]
        ).fetchone()
    finally:
        conn.close()
    return int(row[0])


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
    work = Path(tempfile.mkdtemp(prefix="tpcycle-bench-"))
    folder = args.keep.resolve() if args.keep else work
    folder.mkdir(parents=True, exist_ok=True)
    files = Files(folder)
    big, big_log, empty, small, bundle = (
        files.big,
        files.big_log,
        files.empty,
        files.small,
        files.bundle,
    )
    try:
        for path in files.journals():
            remove_journal(path)
        bundle.unlink(missing_ok=True)
        log(
            f"building {args.cycles:,} cycles / {args.cycles * ENTRIES_PER_CYCLE:,} entries"
            f" in {big} ..."
        )
        started = time.perf_counter()
        try:
            built = build_big(big, args.cycles)
        except RuntimeError as exc:
            log(f"could not build the big journal: {exc}")
            return 2
        shutil.copyfile(big, big_log)
        log(f"  built in {time.perf_counter() - started:.1f} s")
        made = run_tpcycle(
            [*tp, "--db", str(empty), "new", "goal", "Students explain their reasoning in writing"]
        )
        if made.returncode != 0:
            log(f"could not create the empty journal: {made.stderr}")
            return 2
        shutil.copyfile(empty, files.empty_read)
        log(f"building a {BUNDLE_ENTRIES:,}-entry cycle in {small} and sharing it ...")
        build_small(small, BUNDLE_ENTRIES)
        new_journal(files.blank)
        try:
            bundle_entries = make_bundle(tp, small, bundle)
        except RuntimeError as exc:
            log(f"could not make the bundle: {exc}")
            return 2
        forget: int | None = None
        if args.huge:
            forget = forgettable_entry(big)
            shutil.copyfile(big, files.big_forget)
            # One forget first, as a person's journal would have had: it switches FTS5
            # secure-delete on where SQLite has it, so the timed forgets show the steady cost.
            first = run_tpcycle(
                [*tp, "--db", str(files.big_forget), "forget", str(forget), "--yes"]
            )
            if first.returncode != 0:
                log(f"could not forget an entry of the big journal: {first.stderr}")
                return 2
            forget = forgettable_entry(files.big_forget)
        pairs, targets, rss_of, not_measured = plan(tp, files, built, forget)
        for name, why in not_measured.items():
            log(f"not measured: {name}: {why}")
        log(f"measuring {len(pairs)} pairs x {args.runs} rounds (shuffled each round) ...")
        try:
            measured = measure(pairs, args.runs, work, log)
        except RuntimeError as exc:
            log(f"a command failed, so nothing was measured:\n{exc}")
            return 2
        if args.huge:
            for command in huge_memory_commands(tp, files):
                log(f"once, for its memory: {command.name} ...")
                shutil.rmtree(files.export_folder, ignore_errors=True)
                wall, cpu, rss = run_once(command, work)
                measured.by_command[command.name] = Samples([wall], [cpu], [rss])
            shutil.rmtree(files.export_folder, ignore_errors=True)
        samples = measured.by_command
        figs = figures(pairs, targets, measured, rss_of, not_measured)
        meta: dict[str, Any] = {
            "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "runs": args.runs,
            "tpcycle": how,
            "source": source_revision(),
            "cycles": args.cycles,
            "entries": built.entries,
            "measures": built.measures,
            "current_cycle": built.current,
            "big_db_mib": big.stat().st_size / MIB,
            "search_word": SEARCH_WORD,
            "search_word_entries": built.word_entries,
            "bundle_entries": bundle_entries,
            "bundle_kib": bundle.stat().st_size / 1024,
            "not_measured": not_measured,
            "sqlite": sqlite3.sqlite_version,
            "huge": args.huge,
        }
        if args.keep:
            log(f"kept the journals and the bundle in {folder}")
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
