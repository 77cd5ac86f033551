"""A ``ladder`` process in a pseudo-terminal: keys in, screen out; and a child's environment."""

from __future__ import annotations

import os
import re
import select
import struct
import subprocess
import sys
import time
from pathlib import Path

ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-_])")

LADDER = (
    [str(Path(sys.executable).with_name("ladder"))]
    if Path(sys.executable).with_name("ladder").exists()
    else [sys.executable, "-m", "laddercli"]
)
# Make the pseudo-terminal the child's controlling terminal, so that closing it sends the
# child SIGHUP as a real terminal window closing does.
CONTROLLING = (
    "import fcntl, os, sys, termios; fcntl.ioctl(0, termios.TIOCSCTTY, 0); "
    "os.execv(sys.argv[1], sys.argv[1:])"
)


def child_env(**changes: str | None) -> dict[str, str]:
    """This test's environment (the pinned one of conftest.py), changed."""
    env = dict(os.environ)
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


class Terminal:
    """A command run in a pseudo-terminal of ``columns`` columns: keys in, screen out.

    ``PROMPT_TOOLKIT_NO_CPR`` spares prompt_toolkit from asking this terminal, which does
    not answer, where its cursor is (it would wait for the answer before each prompt).
    """

    def __init__(
        self,
        args: list[str],
        *,
        columns: int = 80,
        env: dict[str, str] | None = None,
        controlling: bool = False,
        stdout: int | None = None,
    ) -> None:
        import fcntl
        import termios

        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
        env = env or child_env(TERM="xterm", PROMPT_TOOLKIT_NO_CPR="1", COLUMNS=str(columns))
        if controlling:
            args = [sys.executable, "-c", CONTROLLING, *args]
        self.process = subprocess.Popen(
            args,
            stdin=slave,
            stdout=slave if stdout is None else stdout,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.raw = b""
        self.closed = False

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.hang_up()

    @property
    def text(self) -> str:
        """What the screen showed, escape codes removed."""
        return ANSI.sub("", self.raw.decode("utf-8", "replace")).replace("\r", "")

    def _read(self, timeout: float) -> bool:
        """Read what is there; False at the end of output."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # EIO: the other side is closed
            return False
        self.raw += chunk
        return bool(chunk)

    def expect(self, pattern: str, timeout: float = 20) -> None:
        """Wait until the screen shows ``pattern`` (a regular expression)."""
        deadline = time.monotonic() + timeout
        while not re.search(pattern, self.text):
            if time.monotonic() > deadline or not self._read(0.05):
                raise AssertionError(f"no {pattern!r} on the screen:\n{self.text[-2000:]}")

    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def wait(self, timeout: float = 20) -> int:
        """Read to the end of output; the exit status."""
        deadline = time.monotonic() + timeout
        while not self.closed and time.monotonic() < deadline and self._read(0.05):
            if self.process.poll() is not None and not select.select([self.master], [], [], 0)[0]:
                break
        return self.process.wait(max(deadline - time.monotonic(), 1))

    def hang_up(self) -> None:
        """Close the terminal, as closing its window does."""
        if not self.closed:
            os.close(self.master)
            self.closed = True


def question_waits(number: int) -> str:
    return rf"{number}/22 · [^\n]*\n(.*\n)*.*Your answer"
