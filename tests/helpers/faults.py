"""An interrupt or a signal armed at a point where ladder writes: in-process (with
monkeypatch.setattr) or in a child process (with setattr), which imports this module."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from laddercli.history import store

# Where an interrupt arrives: in the middle of the n-th write of a file (after its
# temporary file is written, before it is renamed over the file), or between the two
# INSERTs of the database save.
POINTS: dict[str, tuple[str, int]] = {
    "draft": ("vp-cto-self.yaml", 1),  # the save after question 21
    "answers-file": ("vp-cto-self.yaml", 3),  # the last save, as the questionnaire ends
    "database": ("INSERT INTO answers", 1),
    "report": ("report.md", 1),
    "template": ("template.yaml", 1),
}


def arm(
    point: str, action: Callable[[], None], patch: Callable[[Any, str, Any], None]
) -> list[str]:
    """Make ``action`` (raise KeyboardInterrupt, or send a signal) happen at ``point``.

    ``patch`` is monkeypatch.setattr in the test, setattr in a child process. Returns the
    list where what the file held at that moment goes ("" if there was no file yet)."""
    what, nth = POINTS[point]
    seen: list[str] = []
    count = 0

    def now() -> bool:
        nonlocal count
        count += 1
        return count == nth

    if what.startswith("INSERT"):

        class Tripwire:
            def __init__(self, conn: sqlite3.Connection) -> None:
                self._conn = conn

            def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
                if sql.startswith(what) and now():
                    action()
                return self._conn.execute(sql, *args)

            def __getattr__(self, name: str) -> Any:
                return getattr(self._conn, name)

        real_connect = store.connect
        patch(store, "connect", lambda *args: Tripwire(real_connect(*args)))
        return seen

    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        name = Path(os.readlink(f"/proc/self/fd/{fd}"))
        if name.name.startswith(f".{what}.") and now():
            final = name.with_name(what)
            seen.append(final.read_text(encoding="utf-8") if final.exists() else "")
            action()
        real_fsync(fd)

    patch(os, "fsync", fsync)
    return seen
