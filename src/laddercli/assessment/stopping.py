"""Stop signals as one object: Ctrl-C (SIGINT), SIGTERM and SIGHUP (a closed terminal).

A run holds one ``Stopping``. Around any command, ``signals()`` makes SIGTERM and SIGHUP stop
as Ctrl-C does: the first one raises KeyboardInterrupt, and later ones leave its clean-up to
finish. While a questionnaire runs, ``at_prompts()`` adds SIGINT, and a signal is never raised
as an exception from the handler: raised at whatever the program was doing, it can land in
the prompt library's or asyncio's clean-up, where it is reported with a traceback or
swallowed, or in the middle of the stop already under way. Instead the handler asks: the
prompt waiting for a key stops as Ctrl-C stops it (through the ``stop_prompt`` given), or,
between prompts, the next prompt stops before it shows (``check()``).

No module state: what a run has seen is this object's.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence


class Stopped(Exception):
    """The questionnaire was stopped (Ctrl-C, a stop signal, end of input) at question
    ``step``; the answers given so far are where the questionnaire kept them."""

    def __init__(self, step: int) -> None:
        super().__init__(step)
        self.step = step


class Stopping:
    """A run's stop signals: whether one has interrupted it, and whether the questionnaire
    has been asked to stop."""

    def __init__(self) -> None:
        self.interrupted = False  # a stop signal was raised as KeyboardInterrupt
        self.requested = False  # the questionnaire was asked to stop
        self._stop_prompt: Callable[[], bool] | None = None  # set while prompts run

    # --- from the signal handler ------------------------------------------------------

    def on_signal(self, signum: int, frame: object) -> None:
        """A stop signal: ask the questionnaire to stop, if one runs, or else interrupt
        what runs, once."""
        import signal

        if signum == getattr(signal, "SIGHUP", None):
            leave_closed_terminal()
        if self.request():
            return
        if not self.interrupted:
            self.interrupted = True
            raise KeyboardInterrupt

    def request(self) -> bool:
        """Stop the questionnaire at the prompt waiting for a key, or at the next one.
        False when no questionnaire is running (the caller stops as it can)."""
        if self._stop_prompt is None:
            return False
        self.requested = True
        self._stop_prompt()
        return True

    def check(self) -> None:
        """Before a prompt shows, and between two: a stop asked for stops it, as Ctrl-C
        does."""
        if self.requested:
            raise KeyboardInterrupt

    # --- around the work ----------------------------------------------------------------

    @contextlib.contextmanager
    def signals(self) -> Iterator[None]:
        """SIGTERM and SIGHUP (a closed terminal) stop as Ctrl-C does: the first one raises
        KeyboardInterrupt, and later ones leave its clean-up to finish."""
        import signal

        self.interrupted = False
        extra = [signal.SIGHUP] if hasattr(signal, "SIGHUP") else []
        with self._handling([signal.SIGTERM, *extra]):
            yield

    @contextlib.contextmanager
    def at_prompts(self, stop_prompt: Callable[[], bool]) -> Iterator[None]:
        """While the questionnaire runs, SIGTERM, SIGHUP and SIGINT only ask it to stop, at
        the prompt waiting for a key (``stop_prompt``, safe in a signal handler) or at the
        next one; the answers given so far stay in the draft. A stop under way, such as an
        impatient second Ctrl-C, is never cut short."""
        import signal

        self.requested = False
        self._stop_prompt = stop_prompt
        try:
            with self._handling([signal.SIGINT]):
                yield
        finally:
            self._stop_prompt = None

    @contextlib.contextmanager
    def _handling(self, signums: Sequence[int]) -> Iterator[None]:
        import signal

        previous = {}
        for signum in signums:
            with contextlib.suppress(ValueError):  # not in the main thread: leave them be
                previous[signum] = signal.signal(signum, self.on_signal)
        try:
            yield
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)


def leave_closed_terminal() -> None:
    """After a hang-up the terminal is gone: nobody can read it, and writing to it fails
    (EIO). Standard output and error, where they were that terminal, now go nowhere, so that
    the stop finishes as on a live terminal: the answers saved, and the exit code 130."""
    try:
        import errno
        import termios
    except ImportError:  # pragma: no cover - no terminals of this kind, and no SIGHUP
        return
    for fd in (1, 2):
        try:
            termios.tcgetattr(fd)
        except termios.error as error:
            if error.args[0] == errno.EIO:  # a hung-up terminal (a file or pipe: ENOTTY)
                with contextlib.suppress(OSError):
                    nowhere = os.open(os.devnull, os.O_WRONLY)
                    os.dup2(nowhere, fd)
                    os.close(nowhere)
