"""The entry point (``cli/app.py``): how a run of tpcycle ends.

``main`` ends the process without Python's teardown (``finish``); these tests hold what that
teardown would have done: every byte written reaches the reader, the exit status is the
command's, ``atexit`` functions run, another thread's work is not cut short, and no journal is
left open (no ``-wal`` or ``-shm`` file beside it).
"""

from __future__ import annotations

import atexit
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.usecases.helpers import journal_at, start
from tpcycle.cli import app as app_module


class Ended(Exception):
    """What the stand-in for ``os._exit`` raises, with the status it was given."""


def test_finish_runs_atexit_flushes_and_ends_with_the_status(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    done: list[str] = []
    monkeypatch.setattr(atexit, "_run_exitfuncs", lambda: done.append("atexit"))

    def ended(status: int) -> None:
        done.append("exit")
        raise Ended(status)

    monkeypatch.setattr(os, "_exit", ended)
    with pytest.raises(Ended) as caught:
        app_module.finish(2)
    assert caught.value.args == (2,) and done == ["atexit", "exit"]


def test_finish_keeps_the_normal_exit_while_another_thread_runs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading

    monkeypatch.setattr(threading, "active_count", lambda: 2)
    monkeypatch.setattr(os, "_exit", None)  # would fail loudly if called
    with pytest.raises(SystemExit) as caught:
        app_module.finish(1)
    assert caught.value.code == 1


@pytest.mark.parametrize(
    ("code", "status", "said"),
    [(None, 0, ""), (0, 0, ""), (1, 1, ""), (2, 2, ""), (256, 0, ""), ("stopped", 1, "stopped\n")],
)
def test_the_status_is_the_one_sys_exit_would_give(
    code: object, status: int, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert app_module._status(code) == status
    assert capsys.readouterr().err == said


def tpcycle(db: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    # PYTHONUNBUFFERED would flush every write: left out, output waits in buffers as it would
    # for a person, so what finish() flushes is tested
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TPCYCLE_", "PYTHONUNBUF"))}
    return subprocess.run(
        [sys.executable, "-m", "tpcycle", "--db", str(db), *args],
        capture_output=True,
        text=True,
        input=stdin,
        env={**env, "NO_COLOR": "1"},
        check=False,
    )


@pytest.mark.slow  # runs tpcycle in another process
def test_every_byte_reaches_the_reader_and_the_status_is_the_command_s(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    journal = journal_at(db)
    for n in range(60):
        start(journal, f"Goal {n}: students explain their thinking " + "at length " * 40)
    journal.close()
    listed = tpcycle(db, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == 60  # about 200 KB, all of it, valid to the end
    assert tpcycle(db, "show", "999").returncode == 1  # an error a person can fix
    assert tpcycle(db, "show", "--no-such-option").returncode == 2  # a usage error
    assert tpcycle(db, "--version").returncode == 0
    assert [p.name for p in tmp_path.glob("journal.db*")] == ["journal.db"]  # closed: no -wal


@pytest.mark.slow  # runs tpcycle in another process
def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    journal = journal_at(db)
    for n in range(300):
        start(journal, f"Goal {n}: students explain their thinking")
    journal.close()
    command = [sys.executable, "-m", "tpcycle", "--db", str(db), "list"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as child:
        assert child.stdout is not None and child.stderr is not None
        child.stdout.readline()
        child.stdout.close()  # like `tpcycle list | head -1`
        status = child.wait(timeout=60)
        assert b"Traceback" not in child.stderr.read()
    assert status in (0, 1)


PROBE = """
import atexit, sys, threading, time
from pathlib import Path
marks = Path(sys.argv[1])
atexit.register(lambda: marks.joinpath("atexit").write_text("ran"))
def later():
    time.sleep(0.3)
    marks.joinpath("thread").write_text("ran")
if sys.argv[2] == "thread":
    threading.Thread(target=later).start()
sys.argv = ["tpcycle", "--db", str(marks / "journal.db"), "--version"]
from tpcycle.cli.app import main
main()
"""


@pytest.mark.slow  # runs tpcycle in another process
@pytest.mark.parametrize("with_thread", [False, True])
def test_atexit_functions_run_and_a_running_thread_is_waited_for(
    tmp_path: Path, with_thread: bool
) -> None:
    command = [sys.executable, "-c", PROBE, str(tmp_path), "thread" if with_thread else "-"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout.startswith("tpcycle ")) == (0, True), done.stderr
    assert (tmp_path / "atexit").read_text() == "ran"
    assert (tmp_path / "thread").exists() is with_thread
