"""The history database: every completed readiness assessment, kept in SQLite.

The file is ``history.sqlite3`` in the data folder (``LADDER_HOME`` or the platform's user
data folder). Only the standard library is used, so importing this module is cheap.

Schema (version 2)
    ``assessments``: ``id`` (``INTEGER PRIMARY KEY AUTOINCREMENT``, so the id of a forgotten
    assessment is never given again), ``date`` (ISO 8601, as given), ``date_utc`` (the same
    instant in UTC, for ordering, so that dates with different offsets sort right; a date
    without an offset is taken as UTC), ``source``, ``target``, ``rater``, ``person``,
    ``digest``, ``readiness``, ``band``, ``areas`` (JSON list of ``[id, number, title,
    score]`` lists: compact, and quick to decode) and ``saved_at`` (the UTC time of saving,
    ISO 8601). Indexes on ``(target, date_utc)``, ``(date_utc)`` and
    ``(source, target, rater, date_utc)``.

    ``answers``: ``assessment_id`` (the assessment's id) and ``data`` (JSON object: the
    answers-file data, verbatim). Answers are a few kilobytes each; kept out of the main
    table, they are neither read nor decoded when assessments are listed, which keeps
    listing 10,000 assessments fast. Lists are ordered by date, then id, oldest first.

    ``plans`` (version 2): ``id``, ``source``, ``target``, ``assessment_id`` (the assessment
    the plan was made from) and ``created`` (an ISO 8601 date); the latest plan of a target
    is its plan. ``focus``: a plan's items, ``plan_id``, ``position``, ``item`` (a question
    id), ``text``, ``rating`` (when the plan was made), ``due`` (an ISO 8601 date or NULL),
    ``status`` (``open`` or ``done``) and ``closed`` (the date it was done). ``evidence``:
    ``id``, ``item`` (a question id), ``date`` (ISO 8601), ``text`` and ``saved_at``.
    ``pulses``: the assessments that are pulses (``assessment_id``: only a plan's focus
    items were asked, the other answers carried from the last full assessment) and the plan
    (``plan_id``) whose focus items they asked.

Migrations
    ``PRAGMA user_version`` holds the schema version; 0 is a new, empty file. ``MIGRATIONS``
    is a list of steps, step ``n`` taking a database from version ``n`` to ``n + 1``, so the
    version this module writes, ``SCHEMA_VERSION``, is ``len(MIGRATIONS)``. An older database
    is brought up to date on opening, all steps in one ``BEGIN IMMEDIATE`` transaction that
    also sets ``user_version``: a failed step leaves the database exactly as it was. Steps
    are only ever appended; a released step is never changed.

Concurrency
    The database is in WAL mode, so reading never waits for a writer, and every connection
    has a busy timeout (``BUSY_TIMEOUT`` seconds, 5 by default), so that two ladder
    processes saving at once both succeed: each write is one ``BEGIN IMMEDIATE``
    transaction and waits its turn. The switch to WAL mode, made once when the file is
    new, is retried for up to the same timeout, because SQLite does not wait there itself.

Faults
    The file is never overwritten, truncated or "repaired". Each fault is a ``StoreError``
    with a ``reason``, an exit code, and a message that names the file, says what happened
    and what to do:

    - ``corrupt``: not an SQLite database, damaged, or an SQLite database that is not a
      laddercli history: its schema is not exactly the one ``MIGRATIONS`` make (a view, a
      trigger, a table or index of its own), or reading it takes more work than any history
      needs (``WORK_BUDGET``). Left as it is; the message says to move it aside.
    - ``damaged``: one assessment's row is not what laddercli writes (its areas or answers
      are not JSON of the right shape, a field is of the wrong type or larger than
      anything laddercli writes: changed by hand, or by another program). Left as it is;
      the message names it and says how to forget it (``forget`` removes a damaged row
      too).
    - ``locked``: another connection kept the write lock for longer than the busy timeout.
    - ``newer``: ``user_version`` is above ``SCHEMA_VERSION``. Refused for reading as well
      as writing (the columns may mean something else now), before anything is written.
    - ``readonly``: the file or its folder cannot be written (or created).
    - ``missing``: saving through a store opened with ``create=False`` when there is no
      file. Reading a missing file is not a fault: it is an empty history.
    - ``unknown-id`` (exit code 2): ``get`` or ``forget`` of an id that is not there.
    - ``bad-date`` (exit code 2): saving an assessment whose date is not ISO 8601, or
      falls outside the years 1 to 9999 once in UTC.
    - ``failed``: the file is not a regular file (a folder, a named pipe), it or a side
      file of it (``-wal``, ``-shm``) is a symbolic link or another user's (never followed
      nor used), or any other SQLite or system error (an I/O error; a
      full disk, which the message names as such even where SQLite says only "disk I/O
      error").

    Messages do not start with "ladder:" (the CLI adds it) and do not say where answers
    files went (the caller knows and may add it).

Read-only folders
    ``Store.open(path, create=False)`` (for reading) first opens the file for writing, so
    that an older database can be migrated. If that fails because the file or its folder
    cannot be written, it opens the file read-only (``mode=ro``), and if SQLite cannot
    even do that (WAL mode needs its ``-shm`` side file, which a read-only folder may not
    let it create) with ``immutable=1``. An immutable read sees the main file only, which
    after a clean close holds everything; a history still in an un-checkpointed ``-wal``
    file (another ladder crashed while saving) would be missed. A database that needs
    migrating cannot be read this way: that is a ``readonly`` fault.
"""

from __future__ import annotations

import builtins
import errno
import json
import math
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Final, Literal, Self

from laddercli import locations
from laddercli.assessment.raters import name_key
from laddercli.errors import ExitCode, LadderError

DB_NAME: Final = "history.sqlite3"
BUSY_TIMEOUT: Final = 5.0  # seconds a write waits for another process's write to end

Reason = Literal[
    "corrupt",
    "damaged",
    "locked",
    "newer",
    "readonly",
    "missing",
    "unknown-id",
    "bad-date",
    "failed",
]
Migration = Callable[[sqlite3.Connection], None]
KeptAs = Literal["saved", "same", "replaced"]  # what became of an assessment kept


def database_path(home: Path | None = None) -> Path:
    """Where the history is kept: ``home`` (default: the data folder) / ``history.sqlite3``."""
    return (home if home is not None else locations.data_dir()) / DB_NAME


# --- records ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AreaRecord:
    """One area's score as it was saved: the key action's id, number and title."""

    id: str
    number: int
    title: str
    score: float | None


@dataclass(frozen=True, slots=True)
class NewAssessment:
    """A completed assessment, to be saved."""

    date: str  # ISO 8601 with offset, e.g. "2026-11-22T10:15:00+00:00"
    source: str  # role id
    target: str  # role id
    rater: str  # "self", "manager", "peer-1" ...
    person: str | None  # whose readiness, if named
    digest: str  # short hex digest of the role content scored against
    readiness: float | None
    band: str | None
    areas: tuple[AreaRecord, ...]
    answers: dict[str, Any] = field(hash=False)  # the answers-file data, verbatim


@dataclass(frozen=True, slots=True)
class Saved(NewAssessment):
    """An assessment as saved. ``answers`` is ``{}`` when listed without answers."""

    id: int
    saved_at: str  # UTC, ISO 8601


@dataclass(frozen=True, slots=True)
class FocusRecord:
    """One focus item of a plan: a question of the path, its rating when the plan was
    made, a due date (ISO 8601 date) and its status ("open" or "done", closed on a date)."""

    item: str
    text: str
    rating: float | None
    due: str | None
    status: str = "open"
    closed: str | None = None


@dataclass(frozen=True, slots=True)
class PlanRecord:
    """A plan as saved: the focus items taken from assessment ``assessment_id``."""

    id: int
    source: str
    target: str
    assessment_id: int
    created: str  # ISO 8601 date
    focus: tuple[FocusRecord, ...]


@dataclass(frozen=True, slots=True)
class EvidenceRecord:
    """A dated piece of evidence logged against a question (its id)."""

    id: int
    item: str
    date: str  # ISO 8601 date
    text: str


# --- errors -------------------------------------------------------------------------------


class StoreError(LadderError):
    """The history database could not be used. ``reason`` says why, for callers and tests."""

    def __init__(self, reason: Reason, message: str, exit_code: ExitCode = ExitCode.ERROR) -> None:
        self.reason: Reason = reason
        self.exit_code = exit_code
        super().__init__(message)


def _the(path: Path) -> str:
    return f"the history database {locations.shown(path)}"


def corrupt_error(path: Path, detail: str) -> StoreError:
    return StoreError(
        "corrupt",
        f"{_the(path)} is damaged ({detail}); it was left as it is. "
        "Move it aside to start a new history.",
    )


def locked_error(path: Path) -> StoreError:
    return StoreError(
        "locked",
        f"{_the(path)} is locked: another ladder may be saving to it. Try again in a moment.",
    )


def newer_error(path: Path, version: int) -> StoreError:
    return StoreError(
        "newer",
        f"{_the(path)} was written by a newer laddercli (schema version {version}; this one "
        f"knows up to {len(MIGRATIONS)}); it was left as it is. Upgrade laddercli to use it.",
    )


def readonly_error(path: Path, detail: str) -> StoreError:
    folder = locations.shown(path.parent)
    return StoreError(
        "readonly",
        f"{_the(path)} cannot be written ({detail}); check that you may write to it "
        f"and to the folder {folder}.",
    )


def damaged_error(path: Path, assessment_id: object, what: str) -> StoreError:
    return StoreError(
        "damaged",
        f"{_the(path)} holds a damaged assessment, #{assessment_id} ({what}); it was left as "
        f"it is. `ladder forget {assessment_id}` removes it.",
    )


def not_a_file_error(path: Path, what: str) -> StoreError:
    return StoreError(
        "failed",
        f"{_the(path)} is not a file: it is {what}. It was left as it is; move it aside to "
        "start a new history.",
    )


def unknown_id_error(assessment_id: int) -> StoreError:
    return StoreError(
        "unknown-id",
        f"no saved assessment with id {assessment_id}; `ladder history` lists them",
        ExitCode.BAD_INPUT,
    )


_REASONS: Final[dict[str, Reason]] = {
    "SQLITE_NOTADB": "corrupt",
    "SQLITE_CORRUPT": "corrupt",
    "SQLITE_BUSY": "locked",
    "SQLITE_LOCKED": "locked",
    "SQLITE_READONLY": "readonly",
    "SQLITE_CANTOPEN": "readonly",
    "SQLITE_PERM": "readonly",
    "SQLITE_AUTH": "readonly",
}
# For errors that carry no code (raised by hand, or by older Pythons): words of the message.
_MESSAGE_REASONS: Final[tuple[tuple[str, Reason], ...]] = (
    ("not a database", "corrupt"),
    ("malformed", "corrupt"),
    ("locked", "locked"),
    ("busy", "locked"),
    ("readonly", "readonly"),
    ("read-only", "readonly"),
    ("unable to open", "readonly"),
    ("permission", "readonly"),
)


def reason_of(exc: sqlite3.Error) -> Reason:
    """The fault an SQLite error stands for: by its code if it has one, else its message."""
    name = getattr(exc, "sqlite_errorname", None)
    if isinstance(name, str):
        base = "_".join(name.split("_")[:2])  # SQLITE_READONLY_DBMOVED -> SQLITE_READONLY
        if base in _REASONS:
            return _REASONS[base]
    text = str(exc).lower()
    return next((reason for words, reason in _MESSAGE_REASONS if words in text), "failed")


def translate(exc: sqlite3.Error | OSError, path: Path) -> StoreError:
    """The StoreError users see for an SQLite or system error on ``path``."""
    if isinstance(exc, OSError):
        return readonly_error(path, exc.strerror or str(exc))
    reason = reason_of(exc)
    detail = str(exc)
    if reason == "corrupt":
        return corrupt_error(path, detail)
    if reason == "locked":
        return locked_error(path)
    if reason == "readonly":
        return readonly_error(path, _why_readonly(path) or detail)
    if _disk_full(exc, path):
        return StoreError(
            "failed",
            f"{_the(path)} could not be written: the disk is full ({detail}). Free some "
            "space, then try again.",
        )
    return StoreError("failed", f"{_the(path)} could not be used ({detail}).")


def _disk_full(exc: sqlite3.Error, path: Path) -> bool:
    """Whether SQLite failed for want of space. It says so ("database or disk is full")
    when a write does not fit, but only "disk I/O error" when the disk was full before it
    could grow its ``-shm`` file: then the file system is asked."""
    if getattr(exc, "sqlite_errorname", None) == "SQLITE_FULL" or "is full" in str(exc):
        return True
    try:
        return os.statvfs(path.parent).f_bavail == 0
    except (OSError, AttributeError):  # no such folder; no statvfs (Windows)
        return False


@contextmanager
def _errors(path: Path, conn: sqlite3.Connection | None = None) -> Iterator[None]:
    """SQLite's and the system's errors as StoreErrors; with ``conn``, its work bounded
    (see ``_bounded``)."""
    try:
        if conn is None:
            yield
        else:
            with _bounded(conn, path):
                yield
    except (sqlite3.Error, OSError) as exc:
        raise translate(exc, path) from exc


# --- bounded, interruptible work ----------------------------------------------------------

# SQLite runs a statement without returning to Python, where signal handlers run: a query
# that never ends (a view that recurses for ever, planted in a hostile file) could not be
# stopped by Ctrl-C or SIGTERM. A progress handler, called every PROGRESS_STEPS of SQLite's
# virtual machine instructions, returns to Python often enough to let a signal's handler
# run, and stops a statement that has worked longer than any history needs.
PROGRESS_STEPS: Final = 1000
# Calls of the progress handler allowed for one operation (a list, a save, opening):
# listing 10,000 assessments with their answers takes about 210 (50 ms); this is about a
# second of SQLite's work, or a history of two million assessments.
WORK_BUDGET: Final = 50_000


class _Watch:
    """The progress handler of one connection: counts SQLite's work, and stops it when the
    budget is spent (``spent`` set). A signal's handler that raises (KeyboardInterrupt)
    while it runs stops the statement too: SQLite then says "interrupted", with ``spent``
    not set. (Kept apart from the connection, so that the two make no reference cycle.)"""

    __slots__ = ("left", "spent")

    def __init__(self) -> None:
        self.left = WORK_BUDGET
        self.spent = False

    def __call__(self) -> int:
        self.left -= 1
        if self.left > 0:
            return 0
        self.spent = True
        return 1


class _Connection(sqlite3.Connection):
    """A connection with a ``_Watch`` as its progress handler, that trusts nothing in the
    file's schema (``PRAGMA trusted_schema = OFF``: views and triggers can call no function
    with side effects)."""

    watch: _Watch

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.watch = _Watch()
        self.set_progress_handler(self.watch, PROGRESS_STEPS)
        self.execute("PRAGMA trusted_schema = OFF")


@contextmanager
def _bounded(conn: sqlite3.Connection, path: Path) -> Iterator[None]:
    """A fresh budget of work for ``conn``; a statement it stopped is a ``corrupt`` fault
    (no laddercli history takes that much work), one a signal stopped is KeyboardInterrupt,
    as the signal would have raised outside SQLite."""
    watch = getattr(conn, "watch", None)
    if watch is None:
        yield
        return
    watch.left, watch.spent = WORK_BUDGET, False
    try:
        yield
    except sqlite3.Error as exc:
        if not _interrupted(exc):
            raise
        if watch.spent:
            raise corrupt_error(
                path, "reading it takes more work than any laddercli history needs"
            ) from None
        raise KeyboardInterrupt from None


def _interrupted(exc: sqlite3.Error) -> bool:
    name = getattr(exc, "sqlite_errorname", None)
    return name == "SQLITE_INTERRUPT" or (name is None and "interrupted" in str(exc))


# --- schema -------------------------------------------------------------------------------


def _v1_initial(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE assessments (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            date TEXT NOT NULL,
            date_utc TEXT NOT NULL,
            source TEXT NOT NULL,
            target TEXT NOT NULL,
            rater TEXT NOT NULL,
            person TEXT,
            digest TEXT NOT NULL,
            readiness REAL,
            band TEXT,
            areas TEXT NOT NULL,
            saved_at TEXT NOT NULL
        )"""
    )
    conn.execute(
        """CREATE TABLE answers (
            assessment_id INTEGER PRIMARY KEY REFERENCES assessments (id),
            data TEXT NOT NULL
        )"""
    )
    conn.execute("CREATE INDEX assessments_target_date ON assessments (target, date_utc)")
    conn.execute("CREATE INDEX assessments_date ON assessments (date_utc)")
    conn.execute(
        "CREATE INDEX assessments_path_rater ON assessments (source, target, rater, date_utc)"
    )


def _v2_plans_and_evidence(conn: sqlite3.Connection) -> None:
    """Plans (up to three focus items taken from an assessment, with a due date) and the
    evidence logged against a question (a key shift, behaviour or indicator id)."""
    conn.execute(
        """CREATE TABLE plans (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            source TEXT NOT NULL,
            target TEXT NOT NULL,
            assessment_id INTEGER NOT NULL,
            created TEXT NOT NULL
        )"""
    )
    conn.execute(
        """CREATE TABLE focus (
            plan_id INTEGER NOT NULL REFERENCES plans (id),
            position INTEGER NOT NULL,
            item TEXT NOT NULL,
            text TEXT NOT NULL,
            rating REAL,
            due TEXT,
            status TEXT NOT NULL,
            closed TEXT,
            PRIMARY KEY (plan_id, position)
        )"""
    )
    conn.execute(
        """CREATE TABLE evidence (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            item TEXT NOT NULL,
            date TEXT NOT NULL,
            text TEXT NOT NULL,
            saved_at TEXT NOT NULL
        )"""
    )
    conn.execute(
        """CREATE TABLE pulses (
            assessment_id INTEGER PRIMARY KEY REFERENCES assessments (id),
            plan_id INTEGER NOT NULL REFERENCES plans (id)
        )"""
    )
    conn.execute("CREATE INDEX plans_target ON plans (target, id)")
    conn.execute("CREATE INDEX evidence_item ON evidence (item, date)")


# Step n takes a database from version n to n + 1. Append only; never edit a released step.
MIGRATIONS: list[Migration] = [_v1_initial, _v2_plans_and_evidence]
SCHEMA_VERSION: Final = len(MIGRATIONS)


# One statement, so one snapshot: another process may be migrating the file meanwhile.
# A laddercli history has a handful of entries in its schema: more is not one.
_VERSION_AND_SCHEMA: Final = (
    "SELECT v.user_version, m.type, m.name, m.tbl_name, m.sql "
    "FROM pragma_user_version AS v LEFT JOIN sqlite_master AS m ON 1 LIMIT 64"
)
# What ANALYZE adds, should someone run it on the file: statistics, not data.
_STATISTICS: Final = frozenset({"sqlite_stat1", "sqlite_stat4"})
_Schema = frozenset[tuple[object, ...]]
_EXPECTED: dict[int, _Schema] = {}


def _schema(rows: Iterable[tuple[object, ...]]) -> _Schema:
    """The schema's entries (type, name, table, SQL with its spaces evened out)."""
    return frozenset(
        (kind, name, table, " ".join(sql.split()) if isinstance(sql, str) else sql)
        for _, kind, name, table, sql in rows
        if kind is not None and not (kind == "table" and name in _STATISTICS)
    )


def _expected_schema(version: int) -> _Schema:
    """The schema MIGRATIONS[:version] make, as SQLite keeps it (made once, in memory)."""
    if version not in _EXPECTED:
        conn = sqlite3.connect(":memory:", isolation_level=None)
        try:
            for step in MIGRATIONS[:version]:
                step(conn)
            _EXPECTED[version] = _schema(conn.execute(_VERSION_AND_SCHEMA))
        finally:
            conn.close()
    return _EXPECTED[version]


def _check(conn: sqlite3.Connection, path: Path) -> int:
    """The database's version, after refusing one that is newer or not ours. Writes nothing.

    Ours has the tables and indexes MIGRATIONS made, exactly: a view where a table should
    be could make any query run for ever, and a trigger could undo every save."""
    rows = conn.execute(_VERSION_AND_SCHEMA).fetchall()
    version = rows[0][0]
    if version > len(MIGRATIONS):
        raise newer_error(path, version)
    if version < 0:
        raise corrupt_error(path, f"its schema version, {version}, is not one laddercli writes")
    found = _schema(rows)
    if found != _expected_schema(version):
        kinds = {entry[0] for entry in found}
        if kinds & {"view", "trigger"}:
            detail = "it holds views or triggers, which a laddercli history never has"
        elif version == 0:
            detail = "it holds tables that are not a laddercli history"
        else:
            detail = "its tables and indexes are not those of a laddercli history"
        raise corrupt_error(path, detail)
    return int(version)


def migrate(conn: sqlite3.Connection, path: Path) -> int:
    """Bring the database up to ``len(MIGRATIONS)`` in one transaction; the new version."""
    latest = len(MIGRATIONS)
    with _transaction(conn):
        version = _check(conn, path)  # again: another process may have migrated meanwhile
        for step in MIGRATIONS[version:latest]:
            step(conn)
        if version != latest:
            conn.execute(f"PRAGMA user_version = {latest:d}")
    return latest


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            with suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise


# --- connecting ---------------------------------------------------------------------------


def connect(path: Path, mode: str, timeout: float) -> sqlite3.Connection:
    """Every connection to the history is opened here (``mode``: rwc, rw, ro or immutable):
    the seam for tests that watch or fail the database's connections."""
    query = "immutable=1" if mode == "immutable" else f"mode={mode}"
    uri = f"{path.absolute().as_uri()}?{query}"
    conn = sqlite3.connect(
        uri, uri=True, timeout=timeout, isolation_level=None, factory=_Connection
    )
    conn.create_function(NAME_KEY, 1, _sql_name_key, deterministic=True)
    return conn


# Raters and people are matched by name in any case and Unicode form (``raters.name_key``),
# as drafts and reports match them: SQLite's own NOCASE folds ASCII letters only.
NAME_KEY: Final = "ladder_name_key"


def _sql_name_key(value: str | None) -> str | None:
    return name_key(value) if isinstance(value, str) else None


def _open_writable(path: Path, timeout: float, *, create: bool) -> sqlite3.Connection:
    """A read-write connection to an up-to-date database in WAL mode."""
    conn = connect(path, "rwc" if create else "rw", timeout)
    try:
        with _bounded(conn, path):
            version = _check(conn, path)  # before anything is written
            _use_wal(conn, timeout)
            if version < len(MIGRATIONS):
                migrate(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn


def _use_wal(conn: sqlite3.Connection, timeout: float) -> None:
    """Switch to WAL mode (once per file). SQLite does not wait for a busy file here, as it
    does for other statements, so two processes creating the file at once retry."""
    deadline = time.monotonic() + timeout
    while conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        try:
            conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as exc:
            if reason_of(exc) != "locked" or time.monotonic() >= deadline:
                raise
            time.sleep(0.005)


def _open_readonly(path: Path, timeout: float) -> tuple[sqlite3.Connection, int]:
    """A read-only connection (``mode=ro``, else ``immutable=1``) and the version."""
    try:
        conn = connect(path, "ro", timeout)
        try:
            with _bounded(conn, path):
                return conn, _check(conn, path)
        except BaseException:
            conn.close()
            raise
    except sqlite3.Error as exc:
        if reason_of(exc) != "readonly":
            raise
    conn = connect(path, "immutable", timeout)
    try:
        with _bounded(conn, path):
            return conn, _check(conn, path)
    except BaseException:
        conn.close()
        raise


SIDE_FILES: Final = ("-wal", "-shm", "-journal")  # SQLite's, beside the database


def _theirs(uid: int) -> bool:
    """Whether ``uid`` is another user's (tests make the user's own files another's)."""
    return hasattr(os, "getuid") and uid != os.getuid()


def _not_planted(path: Path) -> None:
    """Refuse a history (or a side file of it) that someone else could have put there: a
    symbolic link, which SQLite would follow (to any file of the user's, which it would
    turn into a database), or a file another user owns. Never followed, left as it is."""
    for name in (path, *(path.with_name(path.name + side) for side in SIDE_FILES)):
        try:
            found = os.lstat(name)
        except (OSError, ValueError):
            continue  # nothing there; or what the open itself will say
        what = "the history database" if name == path else "the history's side file"
        if stat.S_ISLNK(found.st_mode):
            raise StoreError(
                "failed",
                f"{what} {_shown(name)} is a symbolic link, and ladder does not "
                "follow it (it could lead to any file of yours). It was left as it is; move "
                "it aside to use your history.",
            )
        if _theirs(found.st_uid):
            raise StoreError(
                "failed",
                f"{what} {_shown(name)} belongs to another user, and ladder does not "
                "use it (they could change your history). It was left as it is; move it aside "
                "to use your history.",
            )


def _shown(name: Path) -> str:
    """``name`` as users read it, itself, not where a link at it leads."""
    return str(Path(locations.shown(name.parent)) / name.name)


def _why_readonly(path: Path) -> str | None:
    """What keeps the history from being written, where it can be told: the file, a side
    file of it or its folder (where SQLite makes the side files) that is not writable."""
    for name in (path, *(path.with_name(path.name + side) for side in SIDE_FILES)):
        if os.path.lexists(name) and not os.access(name, os.W_OK):
            return f"{_shown(name)} is read-only"
    folder = path.parent
    if os.path.isdir(folder) and not os.access(folder, os.W_OK | os.X_OK):
        return f"the folder {locations.shown(folder)} is not writable"
    return None


def _regular_file(path: Path) -> bool:
    """Whether there is a file at ``path`` (False: none yet); a StoreError for anything
    there that SQLite should not open: a named pipe would make it wait for ever, a link or
    a file of another user's (see ``_not_planted``)."""
    _not_planted(path)
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):  # nothing there, or a link to nothing
            return False  # saving makes it, or says why it cannot
        if exc.errno == errno.ELOOP:
            raise not_a_file_error(path, "a symbolic link that leads back to itself") from None
        raise translate(exc, path) from None
    if stat.S_ISREG(mode):
        return True
    what = "a folder" if stat.S_ISDIR(mode) else "a named pipe, a device or a socket"
    raise not_a_file_error(path, what)


# --- the store ----------------------------------------------------------------------------

_INSERT: Final = (
    "INSERT INTO assessments (date_utc, date, source, target, rater, person, digest, readiness, "
    "band, areas, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
# Bounds on a row's size, far above anything laddercli writes (a role file or an answers
# file is at most 1 MiB, and a role file holds at most 100,000 values, a key action at least
# ten of them): a larger row was made by hand, and parsing it could take seconds and
# hundreds of megabytes. They are checked in SQL, before anything is parsed; a value too
# large is not even read into Python (the ``CASE`` gives NULL in its place).
MAX_TEXT: Final = 1 << 20  # characters of a date, an id, a name, the digest, the band
MAX_AREAS_TEXT: Final = 4 << 20  # characters of the areas' JSON
MAX_AREAS: Final = 10_000  # areas in one assessment
MAX_ANSWERS_TEXT: Final = 16 << 20  # characters of the answers' JSON
# The shortest area, ``["",0,"",null],``: text shorter than MAX_AREAS of them cannot hold
# more areas than that, and is not parsed by SQLite to count them.
_SHORTEST_AREA: Final = 15
_LIMITS: Final = {
    "date": MAX_TEXT,
    "source": MAX_TEXT,
    "target": MAX_TEXT,
    "rater": MAX_TEXT,
    "person": MAX_TEXT,
    "digest": MAX_TEXT,
    "readiness": MAX_TEXT,
    "band": MAX_TEXT,
    "areas": MAX_AREAS_TEXT,
    "saved_at": MAX_TEXT,
}


def _bounded_column(column: str, limit: int) -> str:
    return f"CASE WHEN length({column}) <= {limit:d} THEN {column} END"


_TOO_LARGE: Final = (
    "CASE "
    + " ".join(
        f"WHEN length(a.{name}) > {limit:d} THEN '{name}'" for name, limit in _LIMITS.items()
    )
    + f" WHEN length(a.areas) > {MAX_AREAS * _SHORTEST_AREA:d} AND json_valid(a.areas) "
    f"AND json_array_length(a.areas) > {MAX_AREAS:d} THEN 'areas' END"
)
_SELECT: Final = (
    "SELECT a.id, "
    + ", ".join(
        _bounded_column(f"a.{name}", _LIMITS[name]) if name in _LIMITS else f"a.{name}"
        for name in ("date source target rater person digest readiness band areas saved_at".split())
    )
    + f", {_TOO_LARGE}"
)
_FROM: Final = " FROM assessments AS a"
_WITH_ANSWERS: Final = (
    f", {_bounded_column('x.data', MAX_ANSWERS_TEXT)}, length(x.data) > {MAX_ANSWERS_TEXT:d} "
    "FROM assessments AS a LEFT JOIN answers AS x ON x.assessment_id = a.id"
)
_ORDER: Final = "ORDER BY a.date_utc, a.id"
_SAME_PATH: Final = (
    f"SELECT a.id, {_bounded_column('x.data', MAX_ANSWERS_TEXT)} "
    "FROM assessments AS a JOIN answers AS x ON x.assessment_id = a.id "
    f"WHERE a.source = ? AND a.target = ? AND {NAME_KEY}(a.rater) = ? "
    "ORDER BY a.date_utc, a.id"
)
_ORDER_LAST: Final = "ORDER BY a.date_utc DESC, a.id DESC"
# The assessment an edited answers file was saved as: its path, rater, person and date.
_SAME_DATE: Final = (
    f"SELECT a.id, {_bounded_column('x.data', MAX_ANSWERS_TEXT)} "
    "FROM assessments AS a JOIN answers AS x ON x.assessment_id = a.id "
    f"WHERE a.source = ? AND a.target = ? AND {NAME_KEY}(a.rater) = ? "
    f"AND coalesce({NAME_KEY}(a.person), '') = ? AND a.date = ? ORDER BY a.id DESC LIMIT 1"
)
_REPLACE: Final = (
    "UPDATE assessments SET date_utc = ?, date = ?, source = ?, target = ?, rater = ?, "
    "person = ?, digest = ?, readiness = ?, band = ?, areas = ?, saved_at = ? WHERE id = ?"
)


def _same_date_params(new: NewAssessment) -> tuple[str, ...]:
    return (new.source, new.target, name_key(new.rater), name_key(new.person or ""), new.date)


class Store:
    """The history database. Open with ``Store.open``; use as a context manager.

    With ``create=True`` (for saving) a missing file, and its folder, are created by the
    first ``save``, not before. With ``create=False`` (for reading) a missing file is an
    empty history, and a read-only file or folder is read read-only.
    """

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection | None,
        *,
        create: bool,
        read_only: bool,
        timeout: float,
    ) -> None:
        self.path = path
        self._conn = conn  # None: no file yet (or an empty one, read-only)
        self._create = create
        self.read_only = read_only
        self._timeout = timeout

    @classmethod
    def open(cls, path: Path, *, create: bool = True, timeout: float = BUSY_TIMEOUT) -> Self:
        """Open ``path``, migrating it if it is older; see the module for the faults."""
        if not _regular_file(path):
            return cls(path, None, create=create, read_only=False, timeout=timeout)
        with _errors(path):
            try:
                conn = _open_writable(path, timeout, create=False)
            except sqlite3.Error as exc:
                if create or reason_of(exc) != "readonly":
                    raise
                return cls._read_only(path, timeout)
        return cls(path, conn, create=create, read_only=False, timeout=timeout)

    @classmethod
    def _read_only(cls, path: Path, timeout: float) -> Self:
        conn, version = _open_readonly(path, timeout)
        if version == 0:  # a new, empty file: an empty history
            conn.close()
            return cls(path, None, create=False, read_only=True, timeout=timeout)
        if version < len(MIGRATIONS):
            conn.close()
            raise readonly_error(
                path, f"it is from an older laddercli, version {version}, and needs upgrading"
            )
        return cls(path, conn, create=False, read_only=True, timeout=timeout)

    # context manager

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # writing

    def save(self, new: NewAssessment) -> int:
        """Save ``new``; its id."""
        return self.save_many([new])[0]

    def save_many(self, news: Iterable[NewAssessment]) -> builtins.list[int]:
        """Save several assessments in one transaction, all or none; their ids."""
        saved_at = datetime.now(UTC).isoformat(timespec="seconds")
        rows = [(_row(new, saved_at=saved_at), _dumps(new.answers)) for new in news]
        conn = self._writer()
        ids = []
        with _errors(self.path, conn), _transaction(conn):
            for row, answers in rows:
                new_id = conn.execute(_INSERT, row).lastrowid
                assert new_id is not None
                conn.execute(
                    "INSERT INTO answers (assessment_id, data) VALUES (?, ?)", (new_id, answers)
                )
                ids.append(new_id)
        return ids

    def save_unless_kept(self, new: NewAssessment) -> tuple[int, bool]:
        """Save ``new`` unless an assessment on its path by its rater holds the very same
        answers: (the id of the one saved now, True), or (the id of the one kept before,
        False). The rater and the person may be written in another case or Unicode form
        (``Manager``, ``manager``): they are the same. The check and the save are one
        transaction, so that the same answers saved by several ladder processes at once
        are saved once."""
        ident, outcome = self.keep(new, replace=False)
        return ident, outcome == "saved"

    def keep(
        self, new: NewAssessment, *, replace: bool = True, pulse_of: int | None = None
    ) -> tuple[int, KeptAs]:
        """Keep ``new`` in the history, in one transaction: "same" (the id of an assessment
        on its path by its rater with the very same answers), "replaced" (with ``replace``:
        one on its path, by its rater, about the same person, with the very same date, whose
        answers were edited since: a correction, saved in its place under its id) or
        "saved" (a new assessment, its new id). With ``pulse_of`` (a plan's id) a new
        assessment is marked as a pulse of that plan, in the same transaction."""
        saved_at = datetime.now(UTC).isoformat(timespec="seconds")
        row, answers = _row(new, saved_at=saved_at), _dumps(new.answers)
        wanted = _compared(_decode(answers))  # as it reads back: dates as text
        conn = self._writer()
        with _errors(self.path, conn), _transaction(conn):
            kept = conn.execute(_SAME_PATH, (new.source, new.target, name_key(new.rater)))
            for ident, data in kept:
                if data == answers or _same_answers(data, wanted):
                    return ident, "same"
            if replace:
                edited = conn.execute(_SAME_DATE, (*_same_date_params(new),)).fetchone()
                if edited is not None and _readable(edited[1]):  # a damaged one is left be
                    conn.execute(_REPLACE, (*row, edited[0]))
                    conn.execute(
                        "UPDATE answers SET data = ? WHERE assessment_id = ?", (answers, edited[0])
                    )
                    return edited[0], "replaced"
            new_id = conn.execute(_INSERT, row).lastrowid
            assert new_id is not None
            conn.execute(
                "INSERT INTO answers (assessment_id, data) VALUES (?, ?)", (new_id, answers)
            )
            if pulse_of is not None:
                conn.execute("INSERT INTO pulses VALUES (?, ?)", (new_id, pulse_of))
        return new_id, "saved"

    def forget(self, assessment_id: int) -> Saved | None:
        """Remove an assessment; what was removed (None for a damaged one, removed all
        the same)."""
        conn = self._writer_for_existing(assessment_id)
        with _errors(self.path, conn), _transaction(conn):
            if (
                conn.execute("SELECT 1 FROM assessments WHERE id = ?", (assessment_id,)).fetchone()
                is None
            ):
                raise unknown_id_error(assessment_id)
            try:
                saved = self._one("WHERE a.id = ?", (assessment_id,), with_answers=True)
            except StoreError as exc:
                if exc.reason != "damaged":
                    raise
                saved = None
            conn.execute("DELETE FROM answers WHERE assessment_id = ?", (assessment_id,))
            conn.execute("DELETE FROM pulses WHERE assessment_id = ?", (assessment_id,))
            conn.execute("DELETE FROM assessments WHERE id = ?", (assessment_id,))
        return saved

    def _writer(self) -> sqlite3.Connection:
        if self.read_only:
            raise readonly_error(self.path, "it could only be opened for reading")
        if self._conn is not None:
            return self._conn
        if not self._create:
            raise StoreError("missing", f"{_the(self.path)} does not exist.")
        with _errors(self.path):
            locations.private_folder(self.path.parent)  # the user's alone: 0700,
            locations.private_file(self.path)  # and 0600, which -wal and -shm take too
            self._conn = _open_writable(self.path, self._timeout, create=True)
        return self._conn

    def _writer_for_existing(self, assessment_id: int) -> sqlite3.Connection:
        if self._conn is None:  # no file: nothing to forget, and nothing is created
            raise unknown_id_error(assessment_id)
        return self._writer()

    def save_plan(
        self,
        source: str,
        target: str,
        assessment_id: int,
        created: str,
        focus: Iterable[FocusRecord],
    ) -> int:
        """Save a plan for the path ``source`` → ``target``; its id. The latest plan of a
        target is its plan: an earlier one stays, as a record of what was planned."""
        conn = self._writer()
        with _errors(self.path, conn), _transaction(conn):
            plan_id = conn.execute(
                "INSERT INTO plans (source, target, assessment_id, created) VALUES (?, ?, ?, ?)",
                (source, target, assessment_id, created),
            ).lastrowid
            assert plan_id is not None
            conn.executemany(
                "INSERT INTO focus (plan_id, position, item, text, rating, due, status, closed) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (plan_id, n, f.item, f.text, f.rating, f.due, f.status, f.closed)
                    for n, f in enumerate(focus, 1)
                ],
            )
        return plan_id

    def close_focus(self, plan_id: int, item: str, closed: str) -> None:
        """Mark the focus item ``item`` of plan ``plan_id`` done on ``closed``."""
        conn = self._writer()
        with _errors(self.path, conn), _transaction(conn):
            conn.execute(
                "UPDATE focus SET status = 'done', closed = ? WHERE plan_id = ? AND item = ?",
                (closed, plan_id, item),
            )

    def log_evidence(self, item: str, date: str, text: str) -> int:
        """Keep ``text`` as evidence for question ``item`` on ``date``; its id."""
        saved_at = datetime.now(UTC).isoformat(timespec="seconds")
        conn = self._writer()
        with _errors(self.path, conn), _transaction(conn):
            new_id = conn.execute(
                "INSERT INTO evidence (item, date, text, saved_at) VALUES (?, ?, ?, ?)",
                (item, date, text, saved_at),
            ).lastrowid
        assert new_id is not None
        return new_id

    def plans(self, target: str | None = None) -> builtins.list[PlanRecord]:
        """The latest plan of each target (of ``target`` only, if given), by target."""
        if self._conn is None:
            return []
        where = "WHERE p.target = ?" if target is not None else ""
        sql = (
            "SELECT p.id, p.source, p.target, p.assessment_id, p.created FROM plans AS p "
            f"JOIN (SELECT target, max(id) AS id FROM plans GROUP BY target) AS l "
            f"ON l.id = p.id {where} ORDER BY p.target"
        )
        with _errors(self.path, self._conn):
            rows = self._conn.execute(sql, () if target is None else (target,)).fetchall()
            out = []
            for row in rows:
                focus = self._conn.execute(
                    "SELECT item, text, rating, due, status, closed FROM focus "
                    "WHERE plan_id = ? ORDER BY position",
                    (row[0],),
                ).fetchall()
                out.append(_plan(row, focus, self.path))
        return out

    def pulses(self) -> dict[int, int]:
        """The assessments that are pulses: {assessment id: the plan's id}."""
        if self._conn is None:
            return {}
        with _errors(self.path, self._conn):
            rows = self._conn.execute("SELECT assessment_id, plan_id FROM pulses").fetchall()
        return {a: p for a, p in rows if type(a) is int and type(p) is int}

    def evidence(self, items: Iterable[str] | None = None) -> builtins.list[EvidenceRecord]:
        """The evidence logged (for ``items`` only, if given), oldest first."""
        if self._conn is None:
            return []
        with _errors(self.path, self._conn):
            rows = self._conn.execute(
                "SELECT id, item, date, text FROM evidence ORDER BY date, id"
            ).fetchall()
        wanted = None if items is None else set(items)
        out = []
        for row in rows:
            if not all(type(v) is str for v in row[1:]) or type(row[0]) is not int:
                raise StoreError(
                    "damaged",
                    f"{_the(self.path)} holds a damaged piece of evidence, #{row[0]}; it was "
                    "left as it is.",
                )
            if wanted is None or row[1] in wanted:
                out.append(EvidenceRecord(*row))
        return out

    # reading

    def list(
        self,
        *,
        target: str | None = None,
        source: str | None = None,
        rater: str | None = None,
        with_answers: bool = False,
    ) -> builtins.list[Saved]:
        """The assessments that match (the rater's name in any case and Unicode form),
        oldest first (by date, then id)."""
        where, params = _filters(target=target, source=source, rater=rater)
        return self._many(f"{where} {_ORDER}", params, with_answers=with_answers)

    def get(self, assessment_id: int) -> Saved:
        saved = self._one("WHERE a.id = ?", (assessment_id,), with_answers=True)
        if saved is None:
            raise unknown_id_error(assessment_id)
        return saved

    def last(
        self, *, target: str | None = None, source: str | None = None, rater: str | None = None
    ) -> Saved | None:
        """The latest assessment that matches, or None."""
        where, params = _filters(target=target, source=source, rater=rater)
        return self._one(f"{where} {_ORDER_LAST}", params, with_answers=True)

    def saved_last(self) -> Saved | None:
        """The assessment saved most recently (whatever its date), or None."""
        return self._one("ORDER BY a.id DESC", (), with_answers=True)

    def previous(self, saved: Saved) -> Saved | None:
        """The assessment before ``saved`` (by date) on the same path, by the same rater,
        about the same person (or naming no one, as ``history.about`` has it; names in any
        case and Unicode form), or None. Listed without its answers (``{}``): "since last
        time" needs only its figures."""
        key = _utc_key(saved.date)
        where = (
            f"WHERE a.source = ? AND a.target = ? AND {NAME_KEY}(a.rater) = ? "
            f"AND (a.person IS NULL OR {NAME_KEY}(a.person) IN (?, '')) "
            "AND (a.date_utc < ? OR (a.date_utc = ? AND a.id < ?))"
        )
        rater, person = name_key(saved.rater), name_key(saved.person or "")
        params = (saved.source, saved.target, rater, person, key, key, saved.id)
        return self._one(f"{where} {_ORDER_LAST}", params, with_answers=False)

    def _one(self, tail: str, params: tuple[object, ...], *, with_answers: bool) -> Saved | None:
        found = self._many(f"{tail} LIMIT 1", params, with_answers=with_answers)
        return found[0] if found else None

    def _many(
        self, tail: str, params: tuple[object, ...], *, with_answers: bool
    ) -> builtins.list[Saved]:
        if self._conn is None:
            return []
        sql = f"{_SELECT}{_WITH_ANSWERS if with_answers else _FROM} {tail}"
        with _errors(self.path, self._conn):
            rows = self._conn.execute(sql, params).fetchall()
        try:
            return [_saved(row) for row in rows]
        except _Damaged as exc:
            raise damaged_error(self.path, exc.id, exc.what) from None


# --- rows ---------------------------------------------------------------------------------


def _plan(row: tuple[Any, ...], focus: builtins.list[tuple[Any, ...]], path: Path) -> PlanRecord:
    """A plan row and its focus rows, checked to be what laddercli writes."""
    ok = (
        type(row[0]) is int
        and all(type(v) is str for v in (row[1], row[2], row[4]))
        and type(row[3]) is int
        and all(
            type(f[0]) is str
            and type(f[1]) is str
            and _score(f[2])
            and (f[3] is None or type(f[3]) is str)
            and f[4] in ("open", "done")
            and (f[5] is None or type(f[5]) is str)
            for f in focus
        )
    )
    if not ok:
        raise StoreError(
            "damaged",
            f"{_the(path)} holds a damaged plan, #{row[0]}; it was left as it is. Make a new "
            "plan with `ladder plan TARGET --focus ID`.",
        )
    ident, source, target, assessment_id, created = row
    return PlanRecord(
        ident, source, target, assessment_id, created, tuple(FocusRecord(*f) for f in focus)
    )


def _filters(**values: str | None) -> tuple[str, tuple[object, ...]]:
    """``WHERE a = ? AND b = ?`` for the values given (the names are ours, not the user's);
    the rater's name in any case and Unicode form."""
    given = {name: value for name, value in values.items() if value is not None}
    if not given:
        return "", ()
    tests = [f"{NAME_KEY}(a.rater) = ?" if name == "rater" else f"a.{name} = ?" for name in given]
    params = [name_key(v) if name == "rater" else v for name, v in given.items()]
    return "WHERE " + " AND ".join(tests), tuple(params)


def _utc_key(when: str) -> str:
    """``when`` as a sortable UTC timestamp; a date without an offset is taken as UTC."""
    try:
        moment = datetime.fromisoformat(when)
    except (TypeError, ValueError):
        raise StoreError(
            "bad-date",
            f"cannot save an assessment dated {when!r}: it is not an ISO 8601 date and time",
            ExitCode.BAD_INPUT,
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC).isoformat(timespec="microseconds")
    except OverflowError:  # 9999-12-31T23:59:59-23:59 is in the year 10000 in UTC
        raise StoreError(
            "bad-date",
            f"cannot save an assessment dated {when!r}: in UTC it falls outside the years "
            "1 to 9999",
            ExitCode.BAD_INPUT,
        ) from None


_DECODER: Final = json.JSONDecoder()


def _json_default(value: object) -> str:
    if isinstance(value, date):  # YAML reads an unquoted date as one; datetime too
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_json_default)


def _row(new: NewAssessment, *, saved_at: str) -> tuple[object, ...]:
    areas = [[a.id, a.number, a.title, a.score] for a in new.areas]
    return (
        _utc_key(new.date),
        new.date,
        new.source,
        new.target,
        new.rater,
        new.person,
        new.digest,
        new.readiness,
        new.band,
        _dumps(areas),
        saved_at,
    )


def _decode(text: str) -> Any:
    """JSON we wrote ourselves: without ``json.loads``'s checks, a third of its time."""
    return _DECODER.raw_decode(text)[0]


def _same_answers(data: object, wanted: object) -> bool:
    """Whether answers saved as ``data`` (JSON text) are ``wanted`` (as ``_compared`` gives
    them); a damaged row is not."""
    try:
        return type(data) is str and _compared(_decode(data)) == wanted
    except (ValueError, RecursionError):
        return False


def _readable(data: object) -> bool:
    """Whether saved answers (JSON text) are a JSON object, as laddercli writes them."""
    try:
        return type(data) is str and type(_decode(data)) is dict
    except (ValueError, RecursionError):
        return False


def _compared(data: Any) -> Any:
    """Answers as two are compared: the rater and the person by name, in any case and
    Unicode form."""
    if type(data) is dict:
        data = dict(data)
        for name in ("rater", "person"):
            if isinstance(data.get(name), str):
                data[name] = name_key(data[name])
    return data


class _Damaged(Exception):
    """A row that is not what laddercli writes: ``what`` says how."""

    def __init__(self, ident: object, what: str) -> None:
        super().__init__(what)
        self.id = ident
        self.what = what


_TEXT_COLUMNS: Final = ("date", "source", "target", "rater", "digest", "saved_at")


def _saved(row: tuple[Any, ...]) -> Saved:
    ident, when, source, target, rater, person, digest, readiness, band, areas, at = row[:11]
    if row[11] is not None:
        what = "areas are" if row[11] == "areas" else f"{row[11]} is"
        raise _Damaged(ident, f"its {what} larger than anything laddercli writes")
    answers = row[12] if len(row) > 12 else None
    if len(row) > 13 and row[13]:
        raise _Damaged(ident, "its answers are larger than anything laddercli writes")
    for name, value in zip(_TEXT_COLUMNS, (when, source, target, rater, digest, at), strict=True):
        if type(value) is not str:
            raise _Damaged(ident, f"its {name} is not text")
    for name, value in (("person", person), ("band", band)):
        if value is not None and type(value) is not str:
            raise _Damaged(ident, f"its {name} is not text")
    if not _score(readiness):
        raise _Damaged(ident, "its readiness is not a score from 0 to 100")
    try:
        datetime.fromisoformat(when)
    except ValueError:
        raise _Damaged(ident, "its date is not an ISO 8601 date") from None
    return Saved(  # by position: listing makes thousands of these
        when,
        source,
        target,
        rater,
        person,
        digest,
        readiness,
        band,
        _areas(ident, areas),
        _answers(ident, answers) if answers is not None else {},
        ident,
        at,
    )


def _score(value: object) -> bool:
    """None, or a finite number from 0 to 100."""
    if value is None:
        return True
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return math.isfinite(value) and 0 <= value <= 100


def _json(ident: object, text: object, what: str) -> Any:
    if type(text) is not str:
        raise _Damaged(ident, f"its {what} are not JSON text")
    try:
        return _decode(text)
    except (ValueError, RecursionError):
        raise _Damaged(ident, f"its {what} are not valid JSON") from None


def _areas(ident: object, text: object) -> tuple[AreaRecord, ...]:
    """The areas as saved: a JSON list of ``[id, number, title, score]`` lists."""
    data = _json(ident, text, "areas")
    if type(data) is not list:
        raise _Damaged(ident, "its areas are not a list")
    out = []
    for area in data:
        if not (
            type(area) is list
            and len(area) == 4
            and type(area[0]) is str
            and type(area[1]) is int
            and type(area[2]) is str
            and _score(area[3])
        ):
            raise _Damaged(ident, "its areas are not [id, number, title, score] lists")
        out.append(AreaRecord(*area))
    return tuple(out)


def _answers(ident: object, text: object) -> dict[str, Any]:
    data = _json(ident, text, "answers")
    if type(data) is not dict:
        raise _Damaged(ident, "its answers are not a JSON object")
    return data
