"""The history database: saving, listing, migrations, concurrent writers and faults."""

from __future__ import annotations

import dataclasses
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from laddercli.errors import ExitCode
from laddercli.history import store
from laddercli.history.store import (
    DB_NAME,
    SCHEMA_VERSION,
    AreaRecord,
    NewAssessment,
    Saved,
    Store,
    StoreError,
    database_path,
)
from laddercli.locations import shown

AREAS = (
    AreaRecord("product-intuition", 1, "Build product intuition", 72.5),
    AreaRecord("external-presence", 2, "Build an external presence", None),
)
ANSWERS: dict[str, Any] = {
    "from": "vp",
    "to": "cto",
    "rater": "self",
    "answers": {"product-intuition": {"rating": 3, "note": "Ran the Q3 discovery — with Product"}},
    "pitfalls": {"isolation-from-business": False},
}


def assessment(when: str = "2026-11-22T10:15:00+00:00", **changes: Any) -> NewAssessment:
    fields: dict[str, Any] = {
        "date": when,
        "source": "vp",
        "target": "cto",
        "rater": "self",
        "person": "Ann",
        "digest": "3f9a0c1b",
        "readiness": 61.5,
        "band": "Nearly ready",
        "areas": AREAS,
        "answers": ANSWERS,
    }
    fields.update(changes)
    return NewAssessment(**fields)


@pytest.fixture
def path() -> Path:
    return database_path()


@pytest.fixture
def saved_three(path: Path) -> list[int]:
    with Store.open(path) as history:
        return [
            history.save(assessment("2026-01-10T09:00:00+00:00")),
            history.save(assessment("2026-02-10T09:00:00+00:00", rater="manager")),
            history.save(assessment("2026-03-10T09:00:00+00:00")),
        ]


def raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def version_of(path: Path) -> int:
    conn = raw(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def raising(
    message: str, kind: type[sqlite3.Error] = sqlite3.OperationalError
) -> Callable[..., Any]:
    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        raise kind(message)

    return connect


# --- where, and when the file is made ------------------------------------------------------


def test_the_database_lives_in_the_data_folder(tmp_path: Path) -> None:
    assert database_path() == tmp_path / "ladder-home" / DB_NAME
    assert database_path(tmp_path / "x") == tmp_path / "x" / "history.sqlite3"


def test_nothing_is_created_until_the_first_save(path: Path) -> None:
    with Store.open(path) as history:
        assert history.list() == []
        assert history.last() is None
        assert not path.parent.exists()
        assert history.save(assessment()) == 1
    assert path.is_file()


def test_reading_a_missing_file_is_an_empty_history_and_creates_nothing(path: Path) -> None:
    with Store.open(path, create=False) as history:
        assert history.list(target="cto", with_answers=True) == []
        assert history.last(target="cto") is None
        with pytest.raises(StoreError) as err:
            history.get(1)
        assert err.value.reason == "unknown-id"
        with pytest.raises(StoreError) as err:
            history.forget(1)
        assert err.value.reason == "unknown-id"
        with pytest.raises(StoreError) as err:
            history.save(assessment())
        assert err.value.reason == "missing"
        assert str(err.value) == f"the history database {shown(path)} does not exist."
    assert not path.parent.exists()


# --- saving and reading --------------------------------------------------------------------


def test_save_then_get_gives_back_every_field(path: Path) -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    with Store.open(path) as history:
        new_id = history.save(assessment("2026-11-22T11:15:00+01:00"))
        got = history.get(new_id)
    assert new_id == 1
    given = assessment("2026-11-22T11:15:00+01:00")
    fields = {f.name: getattr(given, f.name) for f in dataclasses.fields(given)}
    assert got == Saved(**fields, id=1, saved_at=got.saved_at)
    assert got.date == "2026-11-22T11:15:00+01:00"  # as given, offset and all
    assert got.areas == AREAS and got.areas[1].score is None
    assert got.answers == ANSWERS
    saved_at = datetime.fromisoformat(got.saved_at)
    assert saved_at.utcoffset() == timedelta(0)
    assert before <= saved_at <= datetime.now(UTC)


def test_answers_and_areas_are_json_text_columns(path: Path) -> None:
    with Store.open(path) as history:
        history.save(assessment())
    conn = raw(path)
    areas, data = conn.execute(
        "SELECT a.areas, x.data FROM assessments a JOIN answers x ON x.assessment_id = a.id"
    ).fetchone()
    conn.close()
    assert areas.startswith('[["product-intuition",1,"Build product intuition",72.5]')
    assert '"note":"Ran the Q3 discovery — with Product"' in data


def test_dates_read_by_yaml_inside_answers_are_saved_as_iso_text(path: Path) -> None:
    answers = {"date": date(2026, 11, 22), "answers": {}}
    with Store.open(path) as history:
        saved = history.get(history.save(assessment(answers=answers)))
    assert saved.answers == {"date": "2026-11-22", "answers": {}}


def test_a_date_that_is_not_iso_8601_is_refused_before_anything_is_created(path: Path) -> None:
    with Store.open(path) as history, pytest.raises(StoreError) as err:
        history.save(assessment("22/11/2026"))
    assert (err.value.reason, err.value.exit_code) == ("bad-date", ExitCode.BAD_INPUT)
    assert "'22/11/2026'" in str(err.value)
    assert not path.parent.exists()


def test_list_is_ordered_by_instant_then_id_whatever_the_offset(path: Path) -> None:
    with Store.open(path) as history:
        late = history.save(assessment("2026-01-02T08:00:00+00:00"))
        early = history.save(assessment("2026-01-02T09:00:00+02:00"))  # 07:00 UTC
        same_a = history.save(assessment("2026-01-01T12:00:00+00:00"))
        same_b = history.save(assessment("2026-01-01T12:00:00+00:00"))
        naive = history.save(assessment("2026-01-01T11:00:00"))  # no offset: taken as UTC
        assert [s.id for s in history.list()] == [naive, same_a, same_b, early, late]


def test_list_filters_and_leaves_answers_out_unless_asked(path: Path) -> None:
    with Store.open(path) as history:
        a = history.save(assessment("2026-01-01T00:00:00+00:00"))
        b = history.save(assessment("2026-01-02T00:00:00+00:00", target="ceo"))
        c = history.save(assessment("2026-01-03T00:00:00+00:00", source="cto", target="ceo"))
        d = history.save(assessment("2026-01-04T00:00:00+00:00", rater="peer-1"))
        assert [s.id for s in history.list()] == [a, b, c, d]
        assert [s.id for s in history.list(target="cto")] == [a, d]
        assert [s.id for s in history.list(target="ceo", source="vp")] == [b]
        assert [s.id for s in history.list(rater="peer-1")] == [d]
        assert [s.id for s in history.list(source="nobody")] == []
        assert {s.answers == {} for s in history.list()} == {True}
        assert [s.answers for s in history.list(with_answers=True)] == [ANSWERS] * 4
        assert history.list()[0].areas == AREAS  # areas are always there


def test_target_date_index_is_used_for_listing_one_target(path: Path) -> None:
    with Store.open(path) as history:
        history.save(assessment())
    conn = raw(path)
    indexes = {
        name: [col for (_, _, col) in conn.execute(f"PRAGMA index_info({name})")]
        for (_, name, *_) in conn.execute("PRAGMA index_list(assessments)")
    }
    listing = f"{store._SELECT}{store._FROM} WHERE a.target = ? {store._ORDER}"
    plan = conn.execute(f"EXPLAIN QUERY PLAN {listing}", ("cto",)).fetchall()
    conn.close()
    assert indexes["assessments_target_date"] == ["target", "date_utc"]
    assert "assessments_target_date" in str(plan)
    assert "TEMP B-TREE" not in str(plan)


def test_last_and_previous_follow_the_path_and_the_rater(path: Path) -> None:
    with Store.open(path) as history:
        first = history.save(assessment("2026-01-01T00:00:00+00:00"))
        history.save(assessment("2026-01-05T00:00:00+00:00", rater="manager"))
        history.save(assessment("2026-01-06T00:00:00+00:00", source="cto", target="cto"))
        second = history.save(assessment("2026-01-03T00:00:00+00:00"))
        third = history.save(assessment("2026-01-03T00:00:00+00:00"))  # same date: by id
        last = history.last(target="cto", source="vp", rater="self")
        assert last is not None and last.id == third
        assert last.answers == ANSWERS
        before = history.previous(last)
        assert before is not None and before.id == second
        before = history.previous(before)
        assert before is not None and before.id == first
        assert history.previous(before) is None
        newest = history.last()
        assert newest is not None and newest.source == "cto"
        assert history.last(rater="peer-9") is None


def test_get_of_an_unknown_id_says_how_to_find_one(saved_three: list[int], path: Path) -> None:
    with Store.open(path, create=False) as history, pytest.raises(StoreError) as err:
        history.get(7)
    assert str(err.value) == "no saved assessment with id 7; `ladder history` lists them"
    assert (err.value.reason, err.value.exit_code) == ("unknown-id", ExitCode.BAD_INPUT)


def test_forget_removes_one_and_its_id_is_never_given_again(
    saved_three: list[int], path: Path
) -> None:
    with Store.open(path) as history:
        removed = history.forget(saved_three[1])
        assert removed is not None
        assert (removed.id, removed.rater, removed.answers) == (2, "manager", ANSWERS)
        assert [s.id for s in history.list()] == [1, 3]
        with pytest.raises(StoreError) as err:
            history.forget(2)
        assert err.value.exit_code == ExitCode.BAD_INPUT
        assert "no saved assessment with id 2" in str(err.value)
        assert history.save(assessment()) == 4
    conn = raw(path)
    assert conn.execute("SELECT assessment_id FROM answers ORDER BY 1").fetchall() == [
        (1,),
        (3,),
        (4,),
    ]
    conn.close()


# --- schema version and migrations ---------------------------------------------------------


def test_a_new_database_has_the_schema_version_and_wal_mode(path: Path) -> None:
    with Store.open(path) as history:
        history.save(assessment())
    assert version_of(path) == SCHEMA_VERSION == len(store.MIGRATIONS) == 2
    conn = raw(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


@pytest.mark.parametrize("create", [True, False])
def test_an_empty_file_at_version_0_is_brought_up_to_date(path: Path, create: bool) -> None:
    path.parent.mkdir(parents=True)
    raw(path).close()  # what sqlite3.connect leaves: an empty file, user_version 0
    assert path.stat().st_size == 0
    with Store.open(path, create=create) as history:
        assert history.list() == []
        assert history.save(assessment()) == 1
    assert version_of(path) == SCHEMA_VERSION


def _v2_adds_a_column(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE assessments ADD COLUMN note TEXT NOT NULL DEFAULT 'none'")


def test_an_older_database_is_migrated_and_keeps_its_data(
    saved_three: list[int], path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = Store.open(path, create=False)
    rows = before.list(with_answers=True)
    before.close()
    monkeypatch.setattr(store, "MIGRATIONS", [*store.MIGRATIONS, _v2_adds_a_column])
    with Store.open(path, create=False) as history:
        assert history.list(with_answers=True) == rows
        assert history.save(assessment()) == 4
    assert version_of(path) == 3
    conn = raw(path)
    assert conn.execute("SELECT id, note FROM assessments ORDER BY id").fetchall() == [
        (1, "none"),
        (2, "none"),
        (3, "none"),
        (4, "none"),
    ]
    conn.close()


def test_every_step_runs_in_order_from_version_0(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps: list[int] = []

    def step(n: int, migration: store.Migration | None = None) -> store.Migration:
        def run(conn: sqlite3.Connection) -> None:
            steps.append(n)
            if migration is not None:
                migration(conn)

        return run

    v1, v2 = store.MIGRATIONS[:2]
    monkeypatch.setattr(
        store, "MIGRATIONS", [step(1, v1), step(2, v2), step(3, _v2_adds_a_column), step(4)]
    )
    with Store.open(path) as history:
        history.save(assessment())
    assert (steps, version_of(path)) == ([1, 2, 3, 4], 4)


def test_a_failed_migration_leaves_the_database_as_it_was(
    saved_three: list[int], path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(conn: sqlite3.Connection) -> None:
        _v2_adds_a_column(conn)
        conn.execute("CREATE TABLE half_done (x)")
        conn.execute("SELECT no_such_column FROM assessments")

    monkeypatch.setattr(store, "MIGRATIONS", [*store.MIGRATIONS, broken])
    with pytest.raises(StoreError) as err:
        Store.open(path)
    assert err.value.reason == "failed"
    assert shown(path) in str(err.value) and "no_such_column" in str(err.value)
    assert version_of(path) == SCHEMA_VERSION
    conn = raw(path)
    columns = [row[1] for row in conn.execute("PRAGMA table_info(assessments)")]
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert conn.execute("SELECT count(*) FROM assessments").fetchone()[0] == 3
    conn.close()
    assert "note" not in columns and "half_done" not in tables


# --- two ladder processes saving at once ---------------------------------------------------

WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from laddercli.history.store import NewAssessment, Store

    path, rater, go = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    while not go.exists():
        time.sleep(0.005)
    for i in range(50):
        with Store.open(path) as history:  # a fresh "ladder" each time, as the CLI does
            history.save(NewAssessment(
                f"2026-11-22T10:{i:02d}:00+00:00", "vp", "cto", rater, None, "ab12",
                50.0, "Developing", (), {"i": i},
            ))
    print("done", rater)
    """
)


def test_two_processes_saving_at_once_both_succeed(path: Path, tmp_path: Path) -> None:
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), rater, str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for rater in ("one", "two")
    ]
    go.touch()  # both start together, onto a file that does not exist yet
    results = [proc.communicate(timeout=120) for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], results
    with Store.open(path, create=False) as history:
        saved = history.list()
        ones = history.list(rater="one")
    assert len(saved) == 100 and len(ones) == 50
    assert sorted(s.id for s in saved) == list(range(1, 101))
    assert results[0][0] == "done one\n" and results[1][0] == "done two\n"


def test_switching_a_new_file_to_wal_waits_for_another_process(path: Path) -> None:
    """SQLite does not wait by itself there: two ladders creating the file at once."""
    path.parent.mkdir(parents=True)
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # the other ladder, in the middle of creating it
    release = threading.Timer(0.2, other.execute, ["COMMIT"])
    release.start()
    started = time.monotonic()
    try:
        with Store.open(path, timeout=5) as history:
            assert history.save(assessment()) == 1
    finally:
        release.join()
        other.close()
    assert time.monotonic() - started >= 0.15


# --- faults --------------------------------------------------------------------------------


def assert_left_as_it_was(path: Path, content: bytes) -> None:
    assert path.read_bytes() == content
    assert sorted(p.name for p in path.parent.iterdir()) == [DB_NAME]  # no -wal, no -shm


CORRUPT = {
    "random bytes": random.Random(7).randbytes(8192),
    "a text file": b"these are my notes, not a database\n" * 40,
}


@pytest.mark.parametrize("content", CORRUPT.values(), ids=CORRUPT.keys())
@pytest.mark.parametrize("create", [True, False])
def test_a_damaged_file_is_left_untouched(path: Path, content: bytes, create: bool) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    with pytest.raises(StoreError) as err:
        with Store.open(path, create=create) as history:
            history.save(assessment())
    assert (err.value.reason, err.value.exit_code) == ("corrupt", ExitCode.ERROR)
    assert str(err.value) == (
        f"the history database {shown(path)} is damaged (file is not a database); it was left "
        "as it is. Move it aside to start a new history."
    )
    assert_left_as_it_was(path, content)


def test_a_truncated_history_is_reported_as_damaged(path: Path) -> None:
    with Store.open(path) as history:
        for day in range(1, 29):
            history.save(assessment(f"2026-02-{day:02d}T00:00:00+00:00", digest="x" * 400))
    content = path.read_bytes()[: 4096 * 4]
    path.write_bytes(content)
    with pytest.raises(StoreError) as err:
        with Store.open(path, create=False) as history:
            history.list()
    assert err.value.reason == "corrupt"
    assert "database disk image is malformed" in str(err.value)
    assert_left_as_it_was(path, content)


def test_another_programs_database_is_not_taken_over(path: Path) -> None:
    path.parent.mkdir(parents=True)
    conn = raw(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.close()
    content = path.read_bytes()
    with pytest.raises(StoreError) as err:
        Store.open(path)
    assert err.value.reason == "corrupt"
    assert "it holds tables that are not a laddercli history" in str(err.value)
    assert_left_as_it_was(path, content)


def test_a_database_from_a_newer_laddercli_is_refused_without_writing(
    saved_three: list[int], path: Path
) -> None:
    conn = raw(path)
    conn.execute("PRAGMA journal_mode = DELETE")  # so that any write would show in the file
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    content = path.read_bytes()
    for create in (True, False):
        with pytest.raises(StoreError) as err:
            Store.open(path, create=create)
        assert (err.value.reason, err.value.exit_code) == ("newer", ExitCode.ERROR)
        assert str(err.value) == (
            f"the history database {shown(path)} was written by a newer laddercli (schema "
            f"version {SCHEMA_VERSION + 1}; this one knows up to {SCHEMA_VERSION}); it was left "
            "as it is. Upgrade laddercli to use it."
        )
        assert_left_as_it_was(path, content)


@pytest.fixture
def write_lock(saved_three: list[int], path: Path) -> Iterator[sqlite3.Connection]:
    """Another process in the middle of saving: it holds the write lock."""
    other = raw(path)
    other.execute("BEGIN IMMEDIATE")
    other.execute("DELETE FROM answers")
    yield other
    other.execute("ROLLBACK")
    other.close()


def test_a_save_waits_for_the_lock_then_says_another_ladder_is_saving(
    write_lock: sqlite3.Connection, path: Path
) -> None:
    with Store.open(path, timeout=0.2) as history:
        started = datetime.now(UTC)
        with pytest.raises(StoreError) as err:
            history.save(assessment())
        waited = datetime.now(UTC) - started
        assert [s.id for s in history.list()] == [1, 2, 3]  # reading does not wait (WAL)
    assert (err.value.reason, err.value.exit_code) == ("locked", ExitCode.ERROR)
    assert str(err.value) == (
        f"the history database {shown(path)} is locked: another ladder may be saving to it. "
        "Try again in a moment."
    )
    assert waited >= timedelta(seconds=0.15)


def test_once_the_lock_is_released_the_save_goes_through(
    saved_three: list[int], path: Path
) -> None:
    other = raw(path)
    other.execute("BEGIN IMMEDIATE")
    with Store.open(path, timeout=0.1) as history:
        with pytest.raises(StoreError):
            history.save(assessment())
        other.execute("COMMIT")
        other.close()
        assert history.save(assessment()) == 4


@pytest.mark.parametrize(
    ("error", "kind", "reason"),
    [
        ("attempt to write a readonly database", sqlite3.OperationalError, "readonly"),
        ("unable to open database file", sqlite3.OperationalError, "readonly"),
        ("database is locked", sqlite3.OperationalError, "locked"),
        ("file is not a database", sqlite3.DatabaseError, "corrupt"),
        ("database disk image is malformed", sqlite3.DatabaseError, "corrupt"),
        ("disk I/O error", sqlite3.OperationalError, "failed"),
    ],
)
def test_each_sqlite_error_is_mapped_to_a_reason(
    path: Path,
    monkeypatch: pytest.MonkeyPatch,
    error: str,
    kind: type[sqlite3.Error],
    reason: str,
) -> None:
    monkeypatch.setattr(sqlite3, "connect", raising(error, kind))
    with Store.open(path) as history, pytest.raises(StoreError) as err:
        history.save(assessment())
    assert (err.value.reason, err.value.exit_code) == (reason, ExitCode.ERROR)
    assert shown(path) in str(err.value)
    assert not str(err.value).startswith("ladder:")
    assert isinstance(err.value.__cause__, kind)


def test_the_read_only_message(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sqlite3, "connect", raising("attempt to write a readonly database"))
    with Store.open(path) as history, pytest.raises(StoreError) as err:
        history.save(assessment())
    assert str(err.value) == (
        f"the history database {shown(path)} cannot be written (attempt to write a readonly "
        f"database); check that you may write to it and to the folder {shown(path.parent)}."
    )


def test_a_data_folder_that_cannot_be_made_is_a_read_only_fault(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n")
    path = database_path(blocker / "ladder")
    with Store.open(path) as history, pytest.raises(StoreError) as err:
        history.save(assessment())
    assert err.value.reason == "readonly"
    assert "Not a directory" in str(err.value) and shown(path) in str(err.value)
    assert blocker.read_text() == "not a folder\n"


class ReadOnlyFolder:
    """sqlite3.connect as a read-only folder makes it behave, for the modes listed."""

    def __init__(self, failing: dict[str, str]) -> None:
        self.failing = failing
        self.modes: list[str] = []
        self.real: Callable[..., sqlite3.Connection] = sqlite3.connect

    def __call__(self, database: str, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        mode = database.rpartition("?")[2]
        self.modes.append(mode)
        if mode in self.failing:
            raise sqlite3.OperationalError(self.failing[mode])
        return self.real(database, *args, **kwargs)


def test_a_read_only_history_is_still_read_with_mode_ro(
    saved_three: list[int], path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = ReadOnlyFolder({"mode=rw": "attempt to write a readonly database"})
    monkeypatch.setattr(sqlite3, "connect", fake)
    with Store.open(path, create=False) as history:
        assert history.read_only
        assert [s.id for s in history.list()] == [1, 2, 3]
        assert history.get(2).rater == "manager"
        with pytest.raises(StoreError) as err:
            history.forget(2)
    assert fake.modes == ["mode=rw", "mode=ro"]
    assert err.value.reason == "readonly"
    assert "it could only be opened for reading" in str(err.value)


def test_where_sqlite_cannot_read_it_either_it_is_read_as_immutable(
    saved_three: list[int], path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cannot = "unable to open database file"
    fake = ReadOnlyFolder({"mode=rw": cannot, "mode=ro": cannot})
    monkeypatch.setattr(sqlite3, "connect", fake)
    with Store.open(path, create=False) as history:
        assert [s.id for s in history.list()] == [1, 2, 3]
    assert fake.modes == ["mode=rw", "mode=ro", "immutable=1"]


def test_saving_into_a_read_only_history_is_refused_at_open(
    saved_three: list[int], path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = ReadOnlyFolder({"mode=rw": "attempt to write a readonly database"})
    monkeypatch.setattr(sqlite3, "connect", fake)
    with pytest.raises(StoreError) as err:
        Store.open(path)
    assert err.value.reason == "readonly"
    assert fake.modes == ["mode=rw"]


def test_a_read_only_history_that_needs_upgrading_cannot_be_read(
    saved_three: list[int], path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "MIGRATIONS", [*store.MIGRATIONS, _v2_adds_a_column])
    fake = ReadOnlyFolder({"mode=rw": "attempt to write a readonly database"})
    monkeypatch.setattr(sqlite3, "connect", fake)
    with pytest.raises(StoreError) as err:
        Store.open(path, create=False)
    assert err.value.reason == "readonly"
    assert "it is from an older laddercli, version 2, and needs upgrading" in str(err.value)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write anywhere"
)
def test_a_really_read_only_folder(saved_three: list[int], path: Path) -> None:
    content = path.read_bytes()
    path.chmod(0o444)
    path.parent.chmod(0o555)
    try:
        with Store.open(path, create=False) as history:
            assert [s.id for s in history.list()] == [1, 2, 3]
        with pytest.raises(StoreError) as err:
            Store.open(path)
        assert err.value.reason == "readonly"
    finally:
        path.parent.chmod(0o755)
        path.chmod(0o644)
    assert path.read_bytes() == content


READER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from laddercli.history.store import Store, StoreError

    path = Path(sys.argv[1])
    with Store.open(path, create=False) as history:
        print(*(s.id for s in history.list()))
    try:
        Store.open(path)
    except StoreError as err:
        print(err.reason)
    """
)


def test_a_read_only_file_system(saved_three: list[int], path: Path) -> None:
    """As root, chmod stops nothing: mount the folder read-only in a private namespace."""
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("no unshare command")
    folder = str(path.parent)
    script = 'mount --bind -o ro "$1" "$1" && exec "$2" -c "$3" "$4"'
    done = subprocess.run(
        [unshare, "-m", "sh", "-c", script, "sh", folder, sys.executable, READER, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if "mount" in done.stderr or "unshare" in done.stderr:
        pytest.skip(f"cannot mount read-only here: {done.stderr.strip()}")
    assert (done.returncode, done.stdout) == (0, "1 2 3\nreadonly\n"), done.stderr


def test_save_many_saves_all_in_one_transaction_or_none(path: Path) -> None:
    with Store.open(path) as history:
        ids = history.save_many(
            [assessment(f"2026-0{month}-10T09:00:00+00:00") for month in (1, 2, 3)]
        )
        assert ids == [1, 2, 3]
        assert [s.date[:7] for s in history.list()] == ["2026-01", "2026-02", "2026-03"]
        with pytest.raises(StoreError) as err:  # the third is refused: the two before it too
            history.save_many([assessment(), assessment(), assessment("last Tuesday")])
        assert err.value.reason == "bad-date"
        assert len(history.list()) == 3


# --- a schema that is not ours, and work without end (issue 12, finding 4) ---------------

NOT_OUR_SCHEMA = {
    "a missing index": (
        "DROP INDEX assessments_date",
        "its tables and indexes are not those of a laddercli history",
    ),
    "an index of its own": (
        "CREATE INDEX mine ON assessments (rater)",
        "its tables and indexes are not those of a laddercli history",
    ),
    "a table of its own": (
        "CREATE TABLE notes (text TEXT)",
        "its tables and indexes are not those of a laddercli history",
    ),
    "a column of its own": (
        "ALTER TABLE answers ADD COLUMN extra TEXT",
        "its tables and indexes are not those of a laddercli history",
    ),
    "a view": (
        "CREATE VIEW latest AS SELECT * FROM assessments",
        "it holds views or triggers, which a laddercli history never has",
    ),
    "a trigger": (
        "CREATE TRIGGER keep BEFORE DELETE ON assessments BEGIN SELECT 1; END",
        "it holds views or triggers, which a laddercli history never has",
    ),
    "a negative version": (
        "PRAGMA user_version = -1",
        "its schema version, -1, is not one laddercli writes",
    ),
}


@pytest.mark.parametrize("create", [True, False])
@pytest.mark.parametrize(("change", "detail"), NOT_OUR_SCHEMA.values(), ids=NOT_OUR_SCHEMA.keys())
def test_a_schema_that_is_not_ours_is_refused_before_use(
    saved_three: list[int], path: Path, change: str, detail: str, create: bool
) -> None:
    conn = raw(path)
    conn.execute("PRAGMA journal_mode = DELETE")  # so that any write would show in the file
    conn.execute(change)
    conn.close()
    content = path.read_bytes()
    with pytest.raises(StoreError) as err:
        with Store.open(path, create=create) as history:
            history.save(assessment())
    assert (err.value.reason, err.value.exit_code) == ("corrupt", ExitCode.ERROR)
    assert str(err.value) == (
        f"the history database {shown(path)} is damaged ({detail}); it was left as it is. "
        "Move it aside to start a new history."
    )
    assert_left_as_it_was(path, content)


def test_statistics_and_spacing_are_still_ours(saved_three: list[int], path: Path) -> None:
    """ANALYZE's statistics, and the schema's text as any laddercli wrote it, pass."""
    conn = raw(path)
    conn.execute("ANALYZE")
    conn.close()
    with Store.open(path, create=False) as history:
        assert [saved.id for saved in history.list()] == saved_three


def test_a_schema_trusts_no_function_with_side_effects(path: Path) -> None:
    with Store.open(path) as history:
        history.save(assessment())
        conn = history._conn
        assert conn is not None
        assert conn.execute("PRAGMA trusted_schema").fetchone() == (0,)


def test_work_beyond_the_budget_is_stopped_as_damage(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(path) as history:
        history.save_many(assessment(f"2026-01-01T00:00:{n % 60:02d}+00:00") for n in range(300))
    monkeypatch.setattr(store, "WORK_BUDGET", 3)  # listing 300 takes about 7 calls
    with Store.open(path, create=False) as history:
        with pytest.raises(StoreError) as err:
            history.list(with_answers=True)
    assert err.value.reason == "corrupt"
    assert str(err.value) == (
        f"the history database {shown(path)} is damaged (reading it takes more work than any "
        "laddercli history needs); it was left as it is. Move it aside to start a new history."
    )


ENDLESS = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"


@pytest.mark.parametrize("signum", ["SIGINT", "SIGTERM"])
def test_a_stop_signal_interrupts_sqlite(
    path: Path, monkeypatch: pytest.MonkeyPatch, signum: str
) -> None:
    """A signal stops a statement SQLite is running as it stops Python: KeyboardInterrupt,
    from Ctrl-C's handler or the one ladder sets for SIGTERM, within moments."""
    import signal

    from laddercli.assessment.stopping import Stopping

    monkeypatch.setattr(store, "WORK_BUDGET", 10**12)  # only the signal can stop it
    with Store.open(path) as history:
        history.save(assessment())
        conn = history._conn
        assert conn is not None
        timer = threading.Timer(0.2, os.kill, (os.getpid(), getattr(signal, signum)))
        with Stopping().signals(), pytest.raises(KeyboardInterrupt):
            timer.start()
            started = time.monotonic()
            try:
                with store._errors(path, conn):
                    conn.execute(ENDLESS).fetchall()
            finally:
                timer.cancel()
        assert time.monotonic() - started < 2
        assert len(history.list()) == 1  # and the connection goes on working


# --- rows larger than anything laddercli writes (issue 12, finding 16) --------------------

AREA = '["a",1,"t",50.0]'
TOO_LARGE = {
    "200,000 areas": (
        "areas",
        "[" + ",".join([AREA] * 200_000) + "]",
        "its areas are larger than anything laddercli writes",
    ),
    "areas of 5 MB": (
        "areas",
        '[["a",1,"' + "t" * (5 << 20) + '",50.0]]',
        "its areas are larger than anything laddercli writes",
    ),
    "a name of 2 MB": (
        "person",
        "P" * (2 << 20),
        "its person is larger than anything laddercli writes",
    ),
    "a date of 2 MB": (
        "date",
        "2" * (2 << 20),
        "its date is larger than anything laddercli writes",
    ),
}


@pytest.mark.parametrize(("column", "value", "what"), TOO_LARGE.values(), ids=TOO_LARGE.keys())
def test_a_row_larger_than_laddercli_writes_is_damaged(
    path: Path, column: str, value: str, what: str
) -> None:
    with Store.open(path) as history:
        ident = history.save(assessment())
    conn = raw(path)
    conn.execute(f"UPDATE assessments SET {column} = ?", (value,))
    conn.close()
    with Store.open(path, create=False) as history:
        started = time.process_time()
        for read in (history.list, lambda: history.list(target="cto"), lambda: history.get(ident)):
            with pytest.raises(StoreError) as err:
                read()
            assert err.value.reason == "damaged"
            assert str(err.value) == (
                f"the history database {shown(path)} holds a damaged assessment, #{ident} "
                f"({what}); it was left as it is. `ladder forget {ident}` removes it."
            )
        assert time.process_time() - started < 0.5
    with Store.open(path) as history:
        assert history.forget(ident) is None
        assert history.list() == []


def test_answers_larger_than_laddercli_writes_are_damaged(path: Path) -> None:
    with Store.open(path) as history:
        ident = history.save(assessment())
    huge = '{"notes":"' + "n" * (store.MAX_ANSWERS_TEXT + 1) + '"}'
    conn = raw(path)
    conn.execute("UPDATE answers SET data = ?", (huge,))
    conn.close()
    with Store.open(path) as history:
        assert len(history.list()) == 1  # listed without answers, it is not read
        with pytest.raises(StoreError) as err:
            history.get(ident)
        assert err.value.reason == "damaged"
        assert "(its answers are larger than anything laddercli writes)" in str(err.value)
        # saving the same answers again is not taken for that row: it is saved anew
        assert history.save_unless_kept(assessment())[1] is True


def test_the_most_areas_laddercli_could_write_are_read(path: Path) -> None:
    areas = tuple(AreaRecord(f"a{n}", n, "A title", 50.0) for n in range(store.MAX_AREAS))
    with Store.open(path) as history:
        history.save(assessment(areas=areas))
        assert history.list()[0].areas == areas


def test_keep_replaces_the_assessment_an_edited_file_was_saved_as(path: Path) -> None:
    edited = {**ANSWERS, "answers": {"product-intuition": {"rating": 4, "note": None}}}
    with Store.open(path) as history:
        assert history.keep(assessment()) == (1, "saved")
        assert history.keep(assessment()) == (1, "same")
        assert history.keep(assessment(answers=edited, readiness=70.0)) == (1, "replaced")
        about_bo = {**ANSWERS, "person": "Bo"}
        assert history.keep(assessment(answers=about_bo, person="Bo")) == (2, "saved")
        assert history.save_unless_kept(assessment()) == (3, True)  # it never replaces
        kept = history.get(1)
    assert (kept.answers, kept.readiness, kept.date) == (edited, 70.0, assessment().date)
