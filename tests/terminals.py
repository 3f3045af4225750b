"""A real pseudo-terminal for tests, without pexpect's fixed pauses.

pexpect waits 50 ms before every ``send`` (for programs that print a password prompt before they
turn echo off) and 100 ms after every ``close`` (to give the kernel time to report the child's
exit). The tests always wait for tpcycle's prompt or screen before typing, and a child that has
closed the terminal (EOF) or was killed is waited for here until it has really exited, so neither
pause is needed: they were about 5 s of the test run, spent asleep.
"""

from __future__ import annotations

import time
from typing import Any

import pexpect


class Terminal(pexpect.spawn):  # type: ignore[misc]  # pexpect is untyped
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.delaybeforesend = None
        self.ptyproc.delayafterclose = 0
        self._killed = False

    def kill(self, sig: int) -> None:
        self._killed = True
        super().kill(sig)

    def close(self, force: bool = True) -> None:
        """Close the terminal once a child that is on its way out (it closed the terminal, or
        was killed) has exited, so its exit status is its own and not a hang-up's."""
        if not self.closed and (self.flag_eof or self._killed):
            deadline = time.monotonic() + (self.timeout or 20)
            while self.ptyproc.isalive() and time.monotonic() < deadline:
                time.sleep(0.002)  # polling the real end: the child's exit
        super().close(force=force)
