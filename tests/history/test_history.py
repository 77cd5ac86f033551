"""Progress over time: the history kept by `ladder assess`, `ladder history`, `report
--last/--id`, `forget`, resuming an interrupted questionnaire, and the faults of the
history database."""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from prompt_toolkit.input import PipeInput

from laddercli.history import store
from tests.helpers import CTO_IDS, CTRL_C, ENTER, flat, rate

Ladder = Callable[..., Any]

# Three quarters of one VP's answers for the path to CTO: 21 ratings each, in the order of
# the questions (4 key shifts, 12 behaviours, 5 readiness indicators).
QUARTERS = {
    "2026-03-02T10:00:00+00:00": [1] * 21,
    "2026-06-10T10:00:00+00:00": [2, 1, 2, 1, 2, 2, 2, 1, 1, 1, 2, 2, 1, 2, 1, 2, 2, 1, 2, 2, 2],
    "2026-09-15T10:00:00+00:00": [2, 2, 3, 2, 3, 2, 3, 1, 0, 2, 3, 2, 1, 2, 1, 3, 3, 2, 1, 2, 3],
}


def answers_file(
    folder: Path, date: str | None, ratings: list[int], rater: str = "self", name: str = ""
) -> Path:
    lines = ["from: vp", "to: cto", f"rater: {rater}"]
    if date:
        lines.append(f'date: "{date}"')
    lines.append("answers:")
    lines += [f"  {qid}: {value}" for qid, value in zip(CTO_IDS, ratings, strict=True)]
    path = folder / (name or f"{rater}-{(date or 'undated')[:10]}.yaml")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def take_three(ladder: Ladder, tmp_path: Path) -> list[Any]:
    results = []
    for date, ratings in QUARTERS.items():
        result = ladder("assess", "--answers", str(answers_file(tmp_path, date, ratings)))
        assert result.exit_code == 0, result.output
        results.append(result)
    return results


def database(tmp_path: Path) -> Path:
    return tmp_path / "ladder-home" / "history.sqlite3"


# --- save and list --------------------------------------------------------------------------


def test_every_assessment_is_saved_and_listed(ladder: Ladder, tmp_path: Path) -> None:
    results = take_three(ladder, tmp_path)
    assert [r.stderr.strip() for r in results] == [
        f"Saved in your history as assessment #{n}." for n in (1, 2, 3)
    ]
    data = json.loads(ladder("history", "--format", "json").stdout)
    assert data["total"] == 3
    assert [(a["id"], a["date"][:10], a["readiness"], a["band"]) for a in data["assessments"]] == [
        (1, "2026-03-02", 33.3, "Early"),
        (2, "2026-06-10", 55.2, "Developing"),
        (3, "2026-09-15", 70.5, "Nearly ready"),
    ]
    first = data["assessments"][0]
    assert (first["from"], first["to"], first["rater"], first["digest"]) == (
        "vp",
        "cto",
        "self",
        "b5fce9c7e3d9",
    )
    text = ladder("history").stdout
    assert "│ 3  │ 2026-09-15 │ vp → cto │ self  │      70.5 │ Nearly ready │" in text


def test_the_same_answers_are_not_saved_twice(ladder: Ladder, tmp_path: Path) -> None:
    file = answers_file(tmp_path, "2026-03-02T10:00:00+00:00", [2] * 21)
    assert ladder("assess", "--answers", str(file)).exit_code == 0
    again = ladder("assess", "--answers", str(file))
    assert again.stderr == "Already in your history, with the same answers, as #1.\n"
    assert json.loads(ladder("history", "-f", "json").stdout)["total"] == 1


def test_an_edited_answers_file_replaces_the_assessment_it_was_saved_as(
    ladder: Ladder, tmp_path: Path
) -> None:
    """A correction is not progress (issue 16): scoring an answers file again after fixing
    a typo in it saved a second assessment of the same date, shown as "+1 since the
    previous"."""
    first = answers_file(tmp_path, "2026-06-10T10:00:00+00:00", [1] * 21)
    assert ladder("assess", "--answers", str(first)).exit_code == 0
    later = answers_file(tmp_path, "2026-09-15T10:00:00+00:00", [2] * 21)
    assert ladder("assess", "--answers", str(later)).exit_code == 0
    fixed = answers_file(tmp_path, "2026-09-15T10:00:00+00:00", [2] * 20 + [3])
    again = ladder("assess", "--answers", str(fixed), "-f", "json")
    assert again.exit_code == 0, again.output
    assert again.stderr == (
        "Replaced assessment #2 in your history: these answers, of the same date, were "
        "edited since it was saved (a correction is not progress).\n"
    )
    assert json.loads(again.stdout)["since_last"]["id"] == 1  # not the one it replaces
    listed = json.loads(ladder("history", "-f", "json").stdout)
    assert [(a["id"], a["date"][:10]) for a in listed["assessments"]] == [
        (1, "2026-06-10"),
        (2, "2026-09-15"),
    ]
    report = json.loads(ladder("report", "--id", "2", "-f", "json").stdout)
    assert report["items"][-1]["rating"] == 3
    other_rater = answers_file(tmp_path, "2026-09-15T10:00:00+00:00", [3] * 21, rater="manager")
    assert ladder("assess", "--answers", str(other_rater)).stderr == (
        "Saved in your history as assessment #3.\n"
    )


def test_no_save_keeps_it_out(ladder: Ladder, tmp_path: Path) -> None:
    file = answers_file(tmp_path, None, [2] * 21)
    result = ladder("assess", "--answers", str(file), "--no-save")
    assert result.exit_code == 0 and result.stderr == ""
    assert not database(tmp_path).exists()
    assert "No assessments saved yet." in ladder("history").stdout


# --- trend and deltas -----------------------------------------------------------------------


def test_trend_and_deltas_for_one_target(ladder: Ladder, tmp_path: Path) -> None:
    take_three(ladder, tmp_path)
    data = json.loads(ladder("history", "cto", "--format", "json").stdout)
    assert data["readiness"] == [33.3, 55.2, 70.5]
    assert (data["since_previous"], data["since_first"]) == (15.3, 37.2)
    assert [
        (a["first"], a["previous"], a["now"], a["since_previous"], a["since_first"])
        for a in data["areas"]
    ] == [
        (33.3, 66.7, 96.3, 29.6, 63.0),
        (33.3, 33.3, 50.0, 16.7, 16.7),
        (33.3, 63.0, 66.7, 3.7, 33.4),
        (33.3, 61.1, 66.7, 5.6, 33.4),
    ]
    text = ladder("history", "cto").stdout
    assert "Readiness: ▃▅▆  33.3 → 55.2 → 70.5" in text
    assert "+15.3 since the previous assessment, +37.2 since the first." in text
    assert "#3  2026-09-15  ██████████████░░░░░░  70.5 (Nearly ready)" in text
    assert (
        "│ 1. Develop Deep     │  33.3 │     66.7 │ 96.3 │          +29.6 │         +63 │" in text
    )
    assert max(len(line) for line in text.splitlines()) <= 80


def test_a_new_assessment_says_how_readiness_moved(ladder: Ladder, tmp_path: Path) -> None:
    results = take_three(ladder, tmp_path)
    assert "Since last time" not in results[0].stdout
    assert (
        "Since last time: up 15.3 points, from 55.2 in assessment #2 on 2026-06-10.\n\n"
        "The trend:\n  ladder history cto\n" in results[2].stdout
    )
    data = json.loads(ladder("report", "--last", "-f", "json").stdout)
    assert data["since_last"] == {
        "id": 2,
        "date": "2026-06-10T10:00:00+00:00",
        "readiness": 55.2,
        "change": 15.3,
    }


def test_trend_for_another_rater_and_an_empty_one(ladder: Ladder, tmp_path: Path) -> None:
    take_three(ladder, tmp_path)
    manager = answers_file(tmp_path, "2026-09-20T09:00:00+00:00", [3] * 21, rater="manager")
    assert ladder("assess", "--answers", str(manager)).exit_code == 0
    data = json.loads(ladder("history", "cto", "--rater", "manager", "-f", "json").stdout)
    assert data["readiness"] == [100.0] and data["since_previous"] is None
    empty = flat(ladder("history", "ceo").stdout)
    assert "No assessments by rater self saved for this target yet. Take one: ladder " in empty
    assert "ladder assess ceo Every one saved: ladder history" in empty
    # the hints keep to the rater the list keeps to: the trend shown is the manager's
    listed = ladder("history", "--rater", "manager").stdout
    assert "The trend for one target:\n  ladder history cto --rater manager\n" in listed
    assert "The trend for one target:\n  ladder history cto\n" in ladder("history").stdout


# --- report --last / --id, and forget -------------------------------------------------------------


def test_report_a_saved_assessment(ladder: Ladder, tmp_path: Path) -> None:
    take_three(ladder, tmp_path)
    last = ladder("report", "--last")
    assert last.exit_code == 0
    assert (
        "70.5 / 100 (Nearly ready; self-rated)" in last.stdout
        and "Date   2026-09-15" in last.stdout
    )
    out = tmp_path / "first.md"
    assert ladder("report", "--id", "1", "-o", str(out)).exit_code == 0
    assert "**Readiness:** 33.3 / 100 (Early; self-rated)" in out.read_text(encoding="utf-8")
    missing = ladder("report", "--id", "9")
    assert missing.exit_code == 2
    assert missing.stderr == "ladder: no saved assessment with id 9; `ladder history` lists them\n"
    both = ladder("report", "--last", "--id", "1")
    assert both.stderr == "ladder: give answers files, --last or --id N: one of the three\n"
    assert both.exit_code == 2


def test_several_ids_make_one_panel_report(ladder: Ladder, tmp_path: Path) -> None:
    """`report --id 1 --id 3` brings saved assessments from several raters together, as
    their files would: not the last --id alone."""
    self_file = answers_file(tmp_path, "2026-09-15T10:00:00+00:00", [3] * 21)
    manager = answers_file(tmp_path, "2026-09-16T10:00:00+00:00", [2] * 21, rater="manager")
    peer = answers_file(tmp_path, "2026-09-17T10:00:00+00:00", [1] * 21, rater="peer-1")
    for path in (self_file, manager, peer):
        assert ladder("assess", "--answers", str(path)).exit_code == 0
    from_files = ladder("report", str(self_file), str(peer), "--named", "-f", "json")
    saved = ladder("report", "--id", "1", "--id", "3", "--named", "-f", "json")
    assert saved.exit_code == 0, saved.output
    data = json.loads(saved.stdout)
    assert [(r["rater"], r["file"]) for r in data["raters"]] == [
        ("self", "assessment #1"),
        ("peer-1", "assessment #3"),
    ]
    expected = json.loads(from_files.stdout)
    assert data["combined"] == expected["combined"]
    assert data["blind_spots"] == expected["blind_spots"]
    text = ladder("report", "--id", "3", "--id", "2", "--id", "1", "--named").stdout
    assert "Readiness for CTO: 3 raters" in text
    twice = ladder("report", "--id", "1", "--id", "1")
    assert (twice.exit_code, twice.stderr) == (
        2,
        "ladder: --id 1 is named twice; name each rater's assessment once\n",
    )
    missing = ladder("report", "--id", "1", "--id", "9")
    assert missing.exit_code == 2
    assert missing.stderr == "ladder: no saved assessment with id 9; `ladder history` lists them\n"


def test_forget_asks_first(ladder: Ladder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    take_three(ladder, tmp_path)
    refused = ladder("forget", "2")
    assert refused.exit_code == 2
    assert "without a terminal, add --yes" in refused.stderr
    from laddercli.cli.terminal import Terminal

    monkeypatch.setattr(Terminal, "is_interactive", lambda self: True)
    kept = ladder("forget", "2", input="n\n")
    assert kept.exit_code == 0 and "Nothing was removed." in kept.stderr
    gone = ladder("forget", "2", input="y\n")
    assert gone.exit_code == 0
    assert "Forgot assessment #2: vp → cto, rater self, 2026-06-10, readiness 55.2." in gone.stderr
    ids = [a["id"] for a in json.loads(ladder("history", "-f", "json").stdout)["assessments"]]
    assert ids == [1, 3]
    assert ladder("forget", "3", "--yes").exit_code == 0
    assert ladder("forget", "3", "--yes").exit_code == 2


# --- resume -----------------------------------------------------------------------------------


def draft(tmp_path: Path) -> Path:
    return tmp_path / "ladder-home" / "drafts" / "vp-cto-self.yaml"


def test_resume_after_ctrl_c_offers_to_continue(
    ladder: Ladder, keys: PipeInput, tmp_path: Path
) -> None:
    keys.send_text(rate(3, 2, "s") + CTRL_C)
    stopped = ladder("assess", "cto")
    assert stopped.exit_code == 130
    assert "ladder assess cto --resume" in stopped.stderr
    kept = yaml.safe_load(draft(tmp_path).read_text(encoding="utf-8"))["answers"]
    assert [kept[i]["rating"] for i in CTO_IDS[:4]] == [3, 2, "skip", None]

    # The next run offers to continue (y, then Enter) and starts at question 4; the
    # Enter after y answers the offer, not question 4.
    keys.send_text("y" + ENTER + rate(*[1] * 18) + ENTER + ENTER)
    resumed = ladder("assess", "cto", "-f", "json")
    assert resumed.exit_code == 0, resumed.output
    assert "You have an unfinished questionnaire for VP of Engineering → CTO, started " in flat(
        resumed.stderr
    )
    assert ": 2 answers given and 1 skipped; it goes on at question 4 of 22." in flat(
        resumed.stderr
    )
    assert "\n4/22 · Key shift" in resumed.stderr and "\n3/22 ·" not in resumed.stderr
    items = {i["id"]: i["rating"] for i in json.loads(resumed.stdout)["items"]}
    assert [items[i] for i in CTO_IDS[:5]] == [3, 2, None, 1, 1]
    assert not draft(tmp_path).exists()
    (filed,) = (tmp_path / "ladder-home" / "answers").glob("vp-cto-self-*.yaml")
    assert f"ladder assess --answers {filed}" in flat(resumed.stderr)


def test_resume_option_continues_directly(ladder: Ladder, keys: PipeInput, tmp_path: Path) -> None:
    keys.send_text(rate(*[2] * 20) + CTRL_C)
    assert ladder("assess", "cto").exit_code == 130
    keys.send_text(rate(4) + ENTER + ENTER)  # question 21, the pitfalls, the report
    resumed = ladder("assess", "--resume", "-f", "json")
    assert resumed.exit_code == 0, resumed.output
    assert (
        "Continuing your questionnaire for VP of Engineering → CTO from question 21 of 22."
        in flat(resumed.stderr)
    )
    data = json.loads(resumed.stdout)
    assert data["items"][-1]["rating"] == 4
    assert data["readiness"] == round(
        100 * (4 * 2 * 2 / 3 + 12 * 2 / 3 + 4 * 3 * 2 / 3 + 3) / 35, 1
    )


def test_declining_to_resume_keeps_the_draft_among_the_answers(
    ladder: Ladder, keys: PipeInput, tmp_path: Path
) -> None:
    keys.send_text(rate(3) + CTRL_C)
    assert ladder("assess", "cto").exit_code == 130
    keys.send_text("n" + ENTER + CTRL_C)  # decline, then stop before the first answer
    result = ladder("assess", "cto")
    assert result.exit_code == 130
    assert "Starting afresh. The unfinished answers are kept in:" in result.stderr
    assert "Stopped before the first answer: nothing to keep." in result.stderr
    assert not draft(tmp_path).exists()
    (filed,) = (tmp_path / "ladder-home" / "answers").glob("vp-cto-self-unfinished-*.yaml")
    assert yaml.safe_load(filed.read_text())["answers"][CTO_IDS[0]]["rating"] == 3


def test_a_manager_keeps_one_draft_per_person(
    ladder: Ladder, keys: PipeInput, tmp_path: Path
) -> None:
    """A manager who rates Dana and then Sam does not continue Dana's answers for Sam."""
    manager = ("assess", "cto", "--rater", "manager")
    keys.send_text(rate(1) + CTRL_C)
    stopped = ladder(*manager, "--person", "Dana Lee")
    assert stopped.exit_code == 130
    # the way on names the rater and the person: without them it would look for a self draft
    hint = "ladder assess cto --resume --rater manager --person 'Dana Lee'"
    assert f"To continue where you stopped: {hint}" in flat(stopped.stderr)
    keys.send_text(rate(3) + CTRL_C)  # no offer to continue: Sam has no draft yet
    result = ladder(*manager, "--person", "Sam Roe")
    assert result.exit_code == 130
    assert "unfinished" not in result.stderr
    drafts = tmp_path / "ladder-home" / "drafts"
    names = sorted(p.name for p in drafts.iterdir())  # each with a hash of the names
    assert [name.rsplit("-", 1)[0] for name in names] == [
        "vp-cto-manager-dana-lee",
        "vp-cto-manager-sam-roe",
    ]
    dana = yaml.safe_load((drafts / names[0]).read_text())
    assert (dana["person"], dana["answers"][CTO_IDS[0]]["rating"]) == ("Dana Lee", 1)

    keys.send_text(ENTER + CTRL_C)  # the offer names whose answers they are; yes
    again = ladder(*manager, "--person", "Dana Lee")
    assert "unfinished questionnaire for VP of Engineering → CTO (rater manager), about " in flat(
        again.stderr
    )
    assert "about Dana Lee" in flat(again.stderr)
    # continued, the questions still say "you": read as Dana
    assert "Not about you: you answer as manager, about Dana Lee: " in flat(again.stderr)
    keys.send_text(CTRL_C)  # the hint, as copied, goes on with Dana's answers
    hinted = ladder("assess", "cto", "--resume", "--rater", "manager", "--person", "Dana Lee")
    assert (
        "Continuing your questionnaire for VP of Engineering → CTO (rater manager), about "
        "Dana Lee, from question 2 of 22." in flat(hinted.stderr)
    )
    keys.send_text(CTRL_C)
    fresh = ladder("assess", "cto", "--rater", "Manager", "--person", "Ann Poe")
    said = flat(fresh.stderr)
    assert "Answer for what they do today, not what they intend" in said
    assert "Not about you: you answer as Manager, about Ann Poe: the questions ask about them." in (
        said
    )


def test_resuming_a_questionnaire_begun_with_evidence_asks_for_notes_again(
    ladder: Ladder, keys: PipeInput, tmp_path: Path
) -> None:
    keys.send_text(rate(3) + "Led the Q3 offsite" + ENTER + CTRL_C)
    assert ladder("assess", "cto", "--evidence").exit_code == 130
    keys.send_text(rate(2) + "Wrote the memo" + ENTER + CTRL_C)
    assert ladder("assess", "cto", "--resume").exit_code == 130
    notes = yaml.safe_load(draft(tmp_path).read_text())["answers"]
    assert [notes[qid]["note"] for qid in CTO_IDS[:2]] == ["Led the Q3 offsite", "Wrote the memo"]


def test_resume_with_nothing_to_resume(ladder: Ladder, keys: PipeInput) -> None:
    result = ladder("assess", "cto", "--resume")
    assert result.exit_code == 2
    assert "no unfinished questionnaire for vp → cto (rater self) to resume" in result.stderr
    assert ladder("assess", "--resume").stderr == (
        "ladder: there is no unfinished questionnaire to resume; start one with ladder assess\n"
    )


def test_sigterm_stops_the_questionnaire_and_keeps_the_draft(
    ladder: Ladder, keys: PipeInput, tmp_path: Path
) -> None:
    keys.send_text(rate(3, 1))
    timer = threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGTERM))
    timer.start()
    try:
        result = ladder("assess", "cto")
    finally:
        timer.cancel()
    assert result.exit_code == 130
    assert "Stopped at question 3 of 22, with 2 answers given." in result.stderr
    kept = yaml.safe_load(draft(tmp_path).read_text(encoding="utf-8"))["answers"]
    assert [kept[i]["rating"] for i in CTO_IDS[:3]] == [3, 1, None]
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # put back as it was


# --- two processes at once ------------------------------------------------------------------


def test_two_processes_saving_at_once_both_succeed(tmp_path: Path) -> None:
    env = {**os.environ, "LADDER_HOME": str(tmp_path / "ladder-home"), "NO_COLOR": "1"}
    files = [
        answers_file(tmp_path, "2026-09-15T10:00:00+00:00", [2] * 21, rater=f"peer-{n}")
        for n in range(1, 5)
    ]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "laddercli", "assess", "--answers", str(f), "-f", "json"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for f in files
    ]
    errors = [p.communicate(timeout=60)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], errors
    assert all(e.startswith("Saved in your history as assessment #") for e in errors), errors
    with store.Store.open(database(tmp_path), create=False) as db:
        saved = db.list()
    assert sorted(s.rater for s in saved) == ["peer-1", "peer-2", "peer-3", "peer-4"]
    assert sorted(s.id for s in saved) == [1, 2, 3, 4]


# --- faults: the database is never damaged, the answers never lost -------------------------


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_damaged_database_is_left_alone(ladder: Ladder, tmp_path: Path) -> None:
    db = database(tmp_path)
    db.parent.mkdir(parents=True)
    db.write_bytes(b"not a database, but someone's notes\n" * 100)
    before = digest(db)
    file = answers_file(tmp_path, None, [2] * 21)
    result = ladder("assess", "--answers", str(file))
    assert result.exit_code == 1
    assert "Readiness  █████████████░░░░░░░  66.7 / 100 (Nearly ready; self-rated)" in result.stdout
    message = flat(result.stderr)
    assert "history.sqlite3 is damaged (file is not a database); it was left as it is." in message
    assert f"Move it aside to start a new history. Your answers are in {file}, as they were." in (
        message
    )
    listed = ladder("history")
    assert listed.exit_code == 1 and "is damaged" in listed.stderr
    assert digest(db) == before
    assert sorted(p.name for p in db.parent.iterdir()) == ["cache", "history.sqlite3"]


def test_a_database_from_a_newer_version_is_left_alone(ladder: Ladder, tmp_path: Path) -> None:
    file = answers_file(tmp_path, None, [2] * 21)
    assert ladder("assess", "--answers", str(file)).exit_code == 0
    db = database(tmp_path)
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA user_version = {store.SCHEMA_VERSION + 1}")
    conn.close()
    before = digest(db)
    result = ladder("assess", "--answers", str(answers_file(tmp_path, None, [3] * 21, name="b")))
    assert result.exit_code == 1
    assert "was written by a newer laddercli" in result.stderr
    assert "Upgrade laddercli to use it." in flat(result.stderr)
    assert digest(db) == before


def test_a_locked_database(ladder: Ladder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    file = answers_file(tmp_path, None, [2] * 21)
    assert ladder("assess", "--answers", str(file), "--no-save").exit_code == 0
    assert ladder("assess", "--answers", str(file)).exit_code == 0
    monkeypatch.setattr(store, "BUSY_TIMEOUT", 0.2)
    holder = sqlite3.connect(database(tmp_path), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        other = answers_file(tmp_path, None, [3] * 21, name="other.yaml")
        result = ladder("assess", "--answers", str(other))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 1
    assert "is locked: another ladder may be saving to it. Try again in a moment." in flat(
        result.stderr
    )
    assert "100 / 100 (Ready now; self-rated)" in result.stdout


def test_a_read_only_database_folder(
    ladder: Ladder, keys: PipeInput, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Simulated, since root writes anywhere: SQLite cannot open the file for writing."""
    real_connect = sqlite3.connect

    def read_only(database: str, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        if "history.sqlite3" in str(database):
            raise sqlite3.OperationalError("attempt to write a readonly database")
        connection: sqlite3.Connection = real_connect(database, *args, **kwargs)
        return connection

    monkeypatch.setattr(sqlite3, "connect", read_only)
    keys.send_text(rate(*[2] * 21) + ENTER + ENTER)
    result = ladder("assess", "cto")
    assert result.exit_code == 1
    assert "Readiness" in result.stdout
    assert "cannot be written (attempt to write a readonly database)" in flat(result.stderr)
    (filed,) = (tmp_path / "ladder-home" / "answers").glob("vp-cto-self-*.yaml")
    assert yaml.safe_load(filed.read_text())["answers"][CTO_IDS[0]]["rating"] == 2
    assert str(filed.name) in result.stderr


def test_an_older_assessment_entered_late_takes_its_place_by_date(
    ladder: Ladder, tmp_path: Path
) -> None:
    dates = list(QUARTERS)
    files = [answers_file(tmp_path, d, r) for d, r in QUARTERS.items()]
    for file in (files[2], files[0]):
        assert ladder("assess", "--answers", str(file)).exit_code == 0
    middle = ladder("assess", "--answers", str(files[1]))
    # June comes after March, whatever the order they were entered in
    assert "up 21.9 points, from 33.3 in assessment #2 on 2026-03-02" in flat(middle.stdout)
    for file in files:  # none of them is saved twice
        again = ladder("assess", "--answers", str(file))
        assert again.stderr.startswith("Already in your history, with the same answers, as #")
    data = json.loads(ladder("history", "cto", "-f", "json").stdout)
    assert [a["date"] for a in data["assessments"]] == dates
    assert data["readiness"] == [33.3, 55.2, 70.5]
    assert json.loads(ladder("report", "--last", "-f", "json").stdout)["readiness"] == 55.2


def test_history_keeps_people_apart(ladder: Ladder, tmp_path: Path) -> None:
    for n, (person, value) in enumerate((("Dana Lee", 2), ("Sam Roe", 1), ("Dana Lee", 3))):
        file = answers_file(
            tmp_path, f"2026-0{n + 1}-01", [value] * 21, rater="manager", name=f"{n}.yaml"
        )
        text = file.read_text(encoding="utf-8").replace(
            "rater: manager", f"rater: manager\nperson: {person}"
        )
        file.write_text(text, encoding="utf-8")
        result = ladder("assess", "--answers", str(file))
        assert result.exit_code == 0, result.output
    assert "up 33.3 points, from 66.7 in assessment #1" in flat(result.stdout)
    data = json.loads(ladder("history", "cto", "--rater", "manager", "-f", "json").stdout)
    assert (data["person"], data["readiness"]) == ("Dana Lee", [66.7, 100.0])
    sam = json.loads(
        ladder("history", "cto", "--rater", "manager", "--person", "sam roe", "-f", "json").stdout
    )
    assert sam["readiness"] == [33.3]
    text = ladder("history", "cto", "--rater", "manager").stdout
    assert "Other people in this history, by the same rater: Sam Roe" in flat(text)
    listed = ladder("history").stdout
    assert "Person" in listed and "Sam Roe" in listed
    sams = ladder("history", "--rater", "manager", "--person", "Sam Roe").stdout
    assert "ladder history cto --rater manager --person 'Sam Roe'\n" in sams
    forgot = ladder("forget", "2", "--yes")
    assert "Forgot assessment #2: vp → cto, rater manager, about Sam Roe, 2026-02-01" in (
        forgot.stderr
    )


def test_naming_yourself_later_keeps_your_trend(ladder: Ladder, tmp_path: Path) -> None:
    """Assessments that name no one count with any person's: a VP who adds person: to the
    fourth self-assessment keeps the three before it, and the report says how it moved."""
    take_three(ladder, tmp_path)
    file = answers_file(tmp_path, "2026-12-01T10:00:00+00:00", [3] * 21, name="named.yaml")
    file.write_text(
        file.read_text(encoding="utf-8").replace("rater: self", "rater: self\nperson: Dana Lee"),
        encoding="utf-8",
    )
    result = ladder("assess", "--answers", str(file))
    assert result.exit_code == 0, result.output
    assert "up 29.5 points, from 70.5 in assessment #3" in flat(result.stdout)
    data = json.loads(ladder("history", "cto", "-f", "json").stdout)
    assert (data["person"], data["readiness"]) == ("Dana Lee", [33.3, 55.2, 70.5, 100.0])
    text = flat(ladder("history", "cto").stdout)
    assert "Other people in this history" not in text
    assert "4 assessments, 2026-03-02 to 2026-12-01" in text
    unnamed = json.loads(ladder("history", "cto", "--person", "", "-f", "json").stdout)
    assert unnamed["readiness"] == [33.3, 55.2, 70.5]


def test_a_trend_of_one_day_says_so(ladder: Ladder, tmp_path: Path) -> None:
    for n, value in enumerate((1, 2)):
        file = answers_file(tmp_path, f"2026-05-0{1}T1{n}:00:00+00:00", [value] * 21, name=f"{n}")
        assert ladder("assess", "--answers", str(file)).exit_code == 0
    assert "rater: self · 2 assessments, on 2026-05-01" in flat(ladder("history", "cto").stdout)


def test_a_long_trend_shows_the_recent_part(ladder: Ladder, tmp_path: Path) -> None:
    with store.Store.open(database(tmp_path)) as db:
        for n in range(40):
            db.save(
                store.NewAssessment(
                    date=f"{2020 + n // 4}-{1 + 3 * (n % 4):02d}-01",
                    source="vp",
                    target="cto",
                    rater="self",
                    person=None,
                    digest="b5fce9c7e3d9",
                    readiness=float(n + 40),
                    band="Developing",
                    areas=(),
                    answers={},
                )
            )
    text = ladder("history", "cto").stdout
    # the last 32 of 40: 48 and 49 are ▄, 50 to 62 ▅, 63 to 74 ▆, 75 to 79 ▇ (each eighth
    # of 0 to 100 a step higher)
    spark = "▄" * 2 + "▅" * 13 + "▆" * 12 + "▇" * 5
    assert f"Readiness: {spark}  … → 76 → 77 → 78 → 79" in text
    assert "The last 20 of 40; --all shows every one." in text
    assert text.count("█░") + text.count("██ ") >= 20 and "#20 " not in text and "#21 " in text
    assert "#1 " in ladder("history", "cto", "--all").stdout


def test_a_trend_in_html_is_a_line_chart_on_the_fixed_scale(ladder: Ladder, tmp_path: Path) -> None:
    """Issue 16: the HTML trend drew its readiness as the text's two or three glyphs. It is a
    small SVG chart: a line through the values with a dot at each, on the fixed scale from 0
    (the bottom) to 100 (the top), described for a screen reader; text and markdown keep
    their sparkline."""
    from laddercli.render.html import TREND_HEIGHT, TREND_PAD, TREND_SCALE, TREND_STEP

    take_three(ladder, tmp_path)
    page = ladder("history", "cto", "-f", "html").stdout
    assert "▃▅▆" not in page
    trend = re.search(r'<p class="trend">(.*?)</p>', page)
    assert trend, page
    svg = re.search(r'<svg class="trend" [^>]*>', trend[1])
    assert svg
    assert 'role="img"' in svg[0]
    assert (
        'aria-label="Readiness on a scale of 0 to 100, 2026-03-02 to 2026-09-15: '
        '33.3, 55.2, 70.5"' in svg[0]
    )
    assert trend[1].endswith("<span>33.3 → 55.2 → 70.5</span>")
    line = re.findall(r'<polyline points="([^"]*)"', trend[1])
    assert len(line) == 1
    points = [tuple(map(float, xy.split(","))) for xy in line[0].split()]
    dots = [
        tuple(map(float, d)) for d in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', trend[1])
    ]
    assert dots == points
    # evenly spaced across; up by the value, 0 at the bottom and 100 at the top
    assert [x for x, _ in points] == [TREND_SCALE + TREND_PAD + k * TREND_STEP for k in range(3)]
    for (_, y), value in zip(points, (33.3, 55.2, 70.5), strict=True):
        assert y == pytest.approx(TREND_PAD + TREND_HEIGHT * (1 - value / 100), abs=0.05)
    # the scale's figures at its rules
    assert re.findall(r'<text class="tick" [^>]*y="([\d.]+)"[^>]*>(\d+)</text>', trend[1]) == [
        (str(TREND_PAD), "100"),
        (str(TREND_PAD + TREND_HEIGHT), "0"),
    ]
    assert (
        "**Readiness:** ▃▅▆ 33.3 → 55.2 → 70.5" in ladder("history", "cto", "-f", "markdown").stdout
    )


def test_a_trend_chart_breaks_its_line_at_a_missing_value() -> None:
    from laddercli.render.document import Trend
    from laddercli.render.html import TREND_HEIGHT, TREND_PAD, trend_svg

    svg = trend_svg(Trend("Readiness", (0.0, 100.0, None, 150.0), "…", "0, 100, —, 100"))
    lines = re.findall(r'<polyline points="([^"]*)"', svg)
    assert len(lines) == 1 and len(lines[0].split()) == 2  # the first two; the last alone
    heights = [float(y) for y in re.findall(r'<circle cx="[\d.]+" cy="([\d.]+)"', svg)]
    # 0 at the bottom, 100 at the top, and above it held to the top
    assert heights == [TREND_PAD + TREND_HEIGHT, TREND_PAD, TREND_PAD]


def test_raters_and_people_match_in_any_case_and_form(ladder: Ladder, tmp_path: Path) -> None:
    """Manager, manager and ＭＡＮＡＧＥＲ are one rater, and Dana Lee, DANA LEE and
    Ｄａｎａ Ｌｅｅ one person, as in drafts and reports: in the lists, the trends, "since
    last time" and the check that the same answers are not saved twice."""

    def assess(date: str, value: int, rater: str, person: str, name: str) -> Any:
        file = answers_file(tmp_path, date, [value] * 21, rater=rater, name=name)
        text = file.read_text(encoding="utf-8")
        file.write_text(text.replace(f"rater: {rater}", f"rater: {rater}\nperson: {person}"))
        result = ladder("assess", "--answers", str(file))
        assert result.exit_code == 0, result.output
        return result

    assess("2026-01-01T10:00:00+00:00", 2, "Manager", "Dana Lee", "1.yaml")
    second = assess("2026-02-01T10:00:00+00:00", 3, "manager", "DANA LEE", "2.yaml")
    assert "Since last time: up 33.3 points, from 66.7 in assessment #1" in flat(second.stdout)
    again = assess("2026-02-01T10:00:00+00:00", 3, "ＭＡＮＡＧＥＲ", "Ｄａｎａ Ｌｅｅ", "3.yaml")
    assert again.stderr == "Already in your history, with the same answers, as #2.\n"
    assess("2026-03-01T10:00:00+00:00", 1, "MANAGER", "Sam Roe", "4.yaml")
    assess("2026-04-01T10:00:00+00:00", 1, "manager", "ＳＡＭ ＲＯＥ", "5.yaml")

    listed = json.loads(ladder("history", "--rater", "manager", "-f", "json").stdout)
    assert [a["id"] for a in listed["assessments"]] == [1, 2, 3, 4]
    dana = ladder("history", "cto", "--rater", "manager", "--person", "dana lee", "-f", "json")
    assert json.loads(dana.stdout)["readiness"] == [66.7, 100.0]
    sams = ladder("history", "cto", "--rater", "Ｍａｎａｇｅｒ", "--person", "sam roe", "-fjson")
    assert json.loads(sams.stdout)["readiness"] == [33.3, 33.3]
    text = flat(ladder("history", "cto", "--rater", "manager", "--person", "Dana Lee").stdout)
    assert "Other people in this history, by the same rater: ＳＡＭ ＲＯＥ;" in text


# --- a hostile history database (issue 12, finding 4) -----------------------------------

# A view where the assessments table should be, counting for ever: every query ran until
# killed, and SQLite held off SIGINT and SIGTERM meanwhile.
ENDLESS_VIEW = """
CREATE TABLE answers (assessment_id INTEGER PRIMARY KEY, data TEXT NOT NULL);
CREATE VIEW assessments AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c)
  SELECT x AS id, '2026-01-01' AS date, '2026' AS date_utc, 'vp' AS source, 'cto' AS target,
  'self' AS rater, NULL AS person, 'd' AS digest, 1.0 AS readiness, 'Early' AS band,
  '[]' AS areas, 's' AS saved_at FROM c;
PRAGMA user_version = 1;
"""
# A trigger that undid every save, silently.
WIPING_TRIGGER = """
CREATE TRIGGER wipe AFTER INSERT ON answers BEGIN DELETE FROM answers;
DELETE FROM assessments; END;
"""
HOSTILE_COMMANDS = {
    "history": ["history"],
    "history-cto": ["history", "cto"],
    "report-last": ["report", "--last"],
    "assess-answers": ["assess", "--answers", "{answers}"],
}


@pytest.mark.parametrize("planted", ["endless-view", "wiping-trigger"])
@pytest.mark.parametrize("command", HOSTILE_COMMANDS.values(), ids=HOSTILE_COMMANDS.keys())
def test_a_hostile_history_database_is_refused_at_once(
    ladder: Ladder, tmp_path: Path, planted: str, command: list[str]
) -> None:
    """Every command that reads or saves ends at once with the damaged-database message,
    and leaves the file as it was: nothing is saved into it, and no save is undone."""
    path = database(tmp_path)
    if planted == "endless-view":
        path.parent.mkdir(parents=True)
        conn = sqlite3.connect(path, isolation_level=None)
        conn.executescript(ENDLESS_VIEW)
    else:
        take_three(ladder, tmp_path)
        conn = sqlite3.connect(path, isolation_level=None)
        conn.executescript(WIPING_TRIGGER)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = path.read_bytes()
    answers = answers_file(tmp_path, "2026-12-01T10:00:00+00:00", [2] * 21)
    started = time.monotonic()
    result = ladder(*(arg.format(answers=answers) for arg in command))
    assert time.monotonic() - started < 5
    assert result.exit_code == 1, result.output
    assert (
        f"ladder: the history database {path} is damaged (it holds views or triggers, which a "
        "laddercli history never has); it was left as it is. Move it aside to start a new "
        "history." in " ".join(result.output.split())
    )
    assert path.read_bytes() == before
    if command[0] == "assess":  # the report is shown all the same, and said to be unsaved
        assert "Readiness" in result.output


@pytest.mark.parametrize("command", [["history", "cto"], ["history", "--all", "-f", "json"]])
def test_a_history_row_larger_than_ladder_writes_is_damaged_at_once(
    ladder: Ladder, tmp_path: Path, command: list[str]
) -> None:
    """A row of 200,000 areas (3 MB) took 7 s and 255 MB to show: it is damaged, and says
    so at once (issue 12, finding 16)."""
    take_three(ladder, tmp_path)
    conn = sqlite3.connect(database(tmp_path), isolation_level=None)
    conn.execute(
        "UPDATE assessments SET areas = ? WHERE id = 2",
        ("[" + ",".join(['["a",1,"t",50.0]'] * 200_000) + "]",),
    )
    conn.close()
    started = time.process_time()
    result = ladder(*command)
    assert time.process_time() - started < 1
    assert result.exit_code == 1, result.output
    assert result.output == (
        f"ladder: the history database {database(tmp_path)} holds a damaged assessment, #2 (its "
        "areas are larger than anything laddercli writes); it was left as it is. `ladder "
        "forget 2` removes it.\n"
    )
