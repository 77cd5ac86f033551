"""Plans and evidence in the history database (schema version 2, issue 16)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from laddercli.history import store
from laddercli.history.store import FocusRecord, Store, StoreError, database_path


def _v1_database(path: Path) -> None:
    """A history written by laddercli before plans: version 1, one assessment."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    store.MIGRATIONS[0](conn)
    conn.execute(
        "INSERT INTO assessments (date, date_utc, source, target, rater, person, digest, "
        "readiness, band, areas, saved_at) VALUES ('2026-01-10', '2026-01-10', 'vp', 'cto', "
        "'self', NULL, 'd', 50.0, 'Developing', '[]', '2026-01-10')"
    )
    conn.execute("INSERT INTO answers VALUES (1, '{}')")
    conn.execute("PRAGMA user_version = 1")
    conn.close()


def test_a_version_1_history_gains_plans_and_evidence_and_keeps_its_assessments() -> None:
    path = database_path()
    _v1_database(path)
    with Store.open(path) as db:
        assert [s.id for s in db.list()] == [1]
        plan_id = db.save_plan(
            "vp", "cto", 1, "2026-01-11", [FocusRecord("s1", "From A → B", 1.0, "2026-03-01")]
        )
        db.log_evidence("s1", "2026-01-12", "Ran the review")
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    conn.close()
    with Store.open(path, create=False) as db:
        (plan,) = db.plans("cto")
        assert (plan.id, plan.assessment_id, plan.created) == (plan_id, 1, "2026-01-11")
        assert plan.focus == (FocusRecord("s1", "From A → B", 1.0, "2026-03-01"),)
        assert [(e.item, e.date, e.text) for e in db.evidence()] == [
            ("s1", "2026-01-12", "Ran the review")
        ]


def test_the_latest_plan_of_a_target_is_its_plan_and_an_item_is_closed() -> None:
    with Store.open(database_path()) as db:
        db.save_plan("vp", "cto", 1, "2026-01-11", [FocusRecord("a", "A", 1.0, None)])
        second = db.save_plan(
            "vp",
            "cto",
            2,
            "2026-02-11",
            [FocusRecord("b", "B", 2.0, None), FocusRecord("c", "C", None, None)],
        )
        db.save_plan("cto", "ceo", 3, "2026-02-12", [FocusRecord("d", "D", 0.0, None)])
        db.close_focus(second, "c", "2026-02-20")
        plans = db.plans()
        assert [(p.target, p.id) for p in plans] == [("ceo", 3), ("cto", second)]
        assert [(f.item, f.status, f.closed) for f in plans[1].focus] == [
            ("b", "open", None),
            ("c", "done", "2026-02-20"),
        ]
        assert [e.text for e in db.evidence(["nothing"])] == []


def test_a_damaged_focus_row_is_named_not_a_traceback() -> None:
    path = database_path()
    with Store.open(path) as db:
        db.save_plan("vp", "cto", 1, "2026-01-11", [FocusRecord("a", "A", 1.0, None)])
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("UPDATE focus SET status = 'maybe'")
    conn.close()
    with Store.open(path, create=False) as db, pytest.raises(StoreError) as err:
        db.plans()
    assert err.value.reason == "damaged"
    assert "damaged plan, #1" in str(err.value)


def test_reading_plans_of_a_missing_history_is_empty() -> None:
    with Store.open(database_path(), create=False) as db:
        assert db.plans() == [] and db.evidence() == []
