"""No internal errors: odd files, folders, settings and history rows a user (or another
user of a shared folder) may give ladder each get a one-line message and exit 1 or 2,
never "internal error" and never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.input import PipeInput

from tests.helpers import DATA, ROOT

Ladder = Callable[..., Any]


def refused(result: Any, code: int, message: str) -> None:
    """Exit ``code``, with ``message`` as the whole of standard error, on one line."""
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    assert result.stderr == message + "\n"


# --- settings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variable", "command"), [("LADDER_HOME", "history"), ("LADDER_ROLES", "roles")]
)
def test_a_folder_in_the_home_of_a_user_that_does_not_exist(
    ladder: Ladder, monkeypatch: pytest.MonkeyPatch, variable: str, command: str
) -> None:
    monkeypatch.setenv(variable, "~nouser-of-ladder/x")
    refused(
        ladder(command),
        2,
        f"ladder: {variable}: '~nouser-of-ladder/x' names the home folder of user "
        "'nouser-of-ladder', and there is no such user here; give the folder in full",
    )


# --- role files and folders -------------------------------------------------------------------

SETPRIV = shutil.which("setpriv")


def test_validate_dev_null(ladder: Ladder) -> None:
    result = ladder("validate", "/dev/null")
    assert result.exit_code == 2, result.output
    assert result.stdout == "/dev/null:1:1: the file is empty\nThe file has problems.\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_validate_a_named_pipe_does_not_wait_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "role.yaml"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "laddercli", "validate", str(fifo)],
        capture_output=True,
        text=True,
        timeout=20,  # before the fix, it waited for ever
        check=False,
    )
    assert (done.returncode, done.stderr) == (2, "")
    assert done.stdout == f"{fifo}:1:1: the file is empty\nThe file has problems.\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_an_answers_file_that_is_a_named_pipe_does_not_wait_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "answers.yaml"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "laddercli", "assess", "--answers", str(fifo)],
        capture_output=True,
        text=True,
        timeout=20,  # before the fix, it waited for ever
        check=False,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"{fifo}:1:1: the file is empty\n"


def test_a_role_file_read_from_a_pipe(tmp_path: Path) -> None:
    """A pipe with a writer (``ladder validate <(cat vp.yaml)``) is read whole."""
    vp = (ROOT / "roles" / "vp.yaml").read_bytes()
    read, write = os.pipe()
    done = subprocess.Popen(
        [sys.executable, "-m", "laddercli", "validate", f"/dev/fd/{read}"],
        pass_fds=(read,),
        stdout=subprocess.PIPE,
        text=True,
    )
    os.close(read)
    with os.fdopen(write, "wb") as fh:
        fh.write(vp)
    out, _ = done.communicate(timeout=20)
    assert (done.returncode, out) == (0, f"/dev/fd/{read}: valid (role vp)\nThe file is valid.\n")


@pytest.mark.parametrize("how", ["--roles", "LADDER_ROLES"])
def test_a_role_folder_that_is_not_a_folder(
    ladder: Ladder, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    if how == "--roles":
        result = ladder("--roles", "/dev/null", "roles")
    else:
        monkeypatch.setenv("LADDER_ROLES", "/dev/null")
        result = ladder("roles")
    refused(
        result,
        2,
        f"ladder: {how}: '/dev/null' is not a folder; name the folder that holds your role files",
    )


def test_a_role_file_as_a_role_folder_is_read_as_ever(ladder: Ladder, tmp_path: Path) -> None:
    role = tmp_path / "cfo.yaml"
    role.write_text(
        (ROOT / "roles" / "vp.yaml")
        .read_text()
        .replace("id: vp\ntitle: VP of Engineering", "id: cfo\ntitle: CFO")
    )
    shown = ladder("--roles", str(role), "roles", "-f", "json")
    assert shown.exit_code == 0, shown.output
    assert "cfo" in [r["id"] for r in json.loads(shown.stdout)["roles"]]


def as_a_user() -> list[str]:
    """How to run ladder so that a folder of mode 000 cannot be read: as it is for a user;
    for root, without the capabilities that let root read any folder."""
    ladder = [sys.executable, "-m", "laddercli"]
    if os.geteuid() != 0:
        return ladder
    if SETPRIV is None:
        pytest.skip("root reads any folder, and there is no setpriv to drop that right")
    return [SETPRIV, "--bounding-set", "-dac_override,-dac_read_search", *ladder]


@pytest.mark.skipif(sys.platform == "win32", reason="folder modes are POSIX")
def test_a_role_folder_that_cannot_be_read(tmp_path: Path) -> None:
    folder = tmp_path / "roles"
    folder.mkdir()
    folder.chmod(0)
    try:
        done = subprocess.run(
            [*as_a_user(), "roles"],
            env={**os.environ, "LADDER_ROLES": str(folder)},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        folder.chmod(0o755)
    assert (done.returncode, done.stdout) == (1, ""), done.stderr
    assert done.stderr == f"ladder: cannot read the role folder {folder}: Permission denied\n"


# --- output files -----------------------------------------------------------------------------

LONG = "a" * 300  # a file name longer than any file system allows (255 bytes)


@pytest.mark.parametrize("where", ["name", "folder"])
def test_an_output_file_name_too_long(ladder: Ladder, tmp_path: Path, where: str) -> None:
    output = tmp_path / (f"{LONG}.md" if where == "name" else f"{LONG}/vp.md")
    refused(
        ladder("show", "vp", "-o", str(output)),
        1,
        f"ladder: cannot write {output}: File name too long",
    )
    assert [p.name for p in tmp_path.iterdir() if "aaa" in p.name] == []  # no temporary file


def test_an_output_file_name_too_long_is_refused_before_the_first_question(
    ladder: Ladder, keys: PipeInput, tmp_path: Path
) -> None:
    output = tmp_path / f"{LONG}.md"
    refused(
        ladder("assess", "cto", "-o", str(output)),
        1,
        f"ladder: cannot write {output}: File name too long",
    )


# --- the history database ---------------------------------------------------------------------

ANSWERS = DATA / "answers-vp-cto.yaml"


def database(tmp_path: Path) -> Path:
    return tmp_path / "ladder-home" / "history.sqlite3"


def saved_once(ladder: Ladder, tmp_path: Path) -> sqlite3.Connection:
    """The history, with one assessment saved (#1), open for changing behind ladder's back."""
    return saved_once_from(ladder, ANSWERS, tmp_path)


def saved_once_from(ladder: Ladder, answers: Path, tmp_path: Path) -> sqlite3.Connection:
    result = ladder("assess", "--answers", str(answers))
    assert result.exit_code == 0, result.output
    return sqlite3.connect(database(tmp_path), isolation_level=None)


def test_a_history_database_linked_to_itself(ladder: Ladder, tmp_path: Path) -> None:
    db = database(tmp_path)
    db.parent.mkdir()
    db.symlink_to(db.name)
    said = (
        f"ladder: the history database {db} is a symbolic link, and ladder does not follow it "
        "(it could lead to any file of yours). It was left as it is; move it aside to use your "
        "history."
    )
    refused(ladder("history"), 1, said)
    result = ladder("assess", "--answers", str(ANSWERS))  # the report, then the problem
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith("Readiness for CTO\n")
    assert result.stderr == f"{said} Your answers are in {ANSWERS}, as they were.\n"
    assert db.is_symlink() and os.readlink(db) == db.name


@pytest.mark.parametrize("side", ["", "-wal", "-shm"])
def test_a_history_file_that_is_a_link_is_never_followed(
    ladder: Ladder, tmp_path: Path, side: str
) -> None:
    """In a shared LADDER_HOME a co-user plants history.sqlite3 (or its -wal, -shm) as a
    link to an empty file of the victim's: even ladder history turned it into a database."""
    if side:
        saved_once(ladder, tmp_path).close()
    db = database(tmp_path)
    db.parent.mkdir(exist_ok=True)
    victim = tmp_path / "notes.txt"
    victim.touch()
    planted = db.with_name(db.name + side)
    planted.symlink_to(victim)
    what = "the history's side file" if side else "the history database"
    said = (
        f"ladder: {what} {planted} is a symbolic link, and ladder does not follow it (it "
        "could lead to any file of yours). It was left as it is; move it aside to use your "
        "history."
    )
    for args in (["history"], ["report", "--last"], ["assess", "--answers", str(ANSWERS)]):
        result = ladder(*args)
        assert result.exit_code == 1, args
        assert result.stderr.startswith(said), args
    assert victim.read_bytes() == b"" and planted.is_symlink()


def test_a_history_file_of_another_user_is_not_used(
    ladder: Ladder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from laddercli.history import store

    saved_once(ladder, tmp_path).close()
    db = database(tmp_path)
    theirs = db.stat().st_uid
    monkeypatch.setattr(store, "_theirs", lambda uid: uid == theirs)  # as if a co-user's
    refused(
        ladder("history"),
        1,
        f"ladder: the history database {db} belongs to another user, and ladder does not use "
        "it (they could change your history). It was left as it is; move it aside to use your "
        "history.",
    )


def test_a_history_that_cannot_be_written_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite says only "unable to open database file": the message names the file."""
    from laddercli.history import store

    db = database(tmp_path)
    wal = db.with_name(db.name + "-wal")
    monkeypatch.setattr(os, "access", lambda name, mode: Path(name) != wal)
    db.parent.mkdir()
    wal.touch()
    error = store.translate(sqlite3.OperationalError("unable to open database file"), db)
    assert str(error) == (
        f"the history database {db} cannot be written ({wal} is read-only); check that you "
        f"may write to it and to the folder {db.parent}."
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_history_database_that_is_a_named_pipe(tmp_path: Path) -> None:
    db = database(tmp_path)
    db.parent.mkdir()
    os.mkfifo(db)
    done = subprocess.run(
        [sys.executable, "-m", "laddercli", "history"],
        capture_output=True,
        text=True,
        timeout=20,
        check=False,
    )
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        f"ladder: the history database {db} is not a file: it is a named pipe, a device or a "
        "socket. It was left as it is; move it aside to start a new history.\n"
    )


DAMAGED_ROWS = {
    "areas-not-json": ("assessments", "areas", "'not json'", "its areas are not valid JSON"),
    "areas-an-object": ("assessments", "areas", "'{}'", "its areas are not a list"),
    "areas-short": (
        "assessments",
        "areas",
        "'[[\"x\", 1]]'",
        "its areas are not [id, number, title, score] lists",
    ),
    "areas-deep": (
        "assessments",
        "areas",
        "'" + "[" * 100_000 + "'",
        "its areas are not valid JSON",
    ),
    "readiness-text": (
        "assessments",
        "readiness",
        "'high'",
        "its readiness is not a score from 0 to 100",
    ),
    "readiness-infinite": (
        "assessments",
        "readiness",
        "9e999",
        "its readiness is not a score from 0 to 100",
    ),
    "date": ("assessments", "date", "'yesterday'", "its date is not an ISO 8601 date"),
    "rater-bytes": ("assessments", "rater", "x'00ff'", "its rater is not text"),
    "answers-a-number": ("answers", "data", "'5'", "its answers are not a JSON object"),
    "answers-not-json": ("answers", "data", "'{'", "its answers are not valid JSON"),
}


@pytest.mark.parametrize("case", DAMAGED_ROWS)
def test_a_damaged_row_in_the_history(ladder: Ladder, tmp_path: Path, case: str) -> None:
    table, column, value, what = DAMAGED_ROWS[case]
    saved_once(ladder, tmp_path).execute(f"UPDATE {table} SET {column} = {value}")
    said = (
        f"ladder: the history database {database(tmp_path)} holds a damaged assessment, #1 "
        f"({what}); it was left as it is. `ladder forget 1` removes it."
    )
    commands = [["report", "--last"], ["report", "--id", "1"]]
    if table == "assessments":  # listing leaves the answers unread
        commands += [["history"], ["history", "cto"]] if column != "rater" else [["history"]]
    for command in commands:
        refused(ladder(*command), 1, said)
    # Scoring the same answers again saves them: the damaged row is not the same answers.
    again = ladder("assess", "--answers", str(ANSWERS), "-f", "json")
    if table == "answers":
        assert again.exit_code == 0, again.output
        assert again.stderr == "Saved in your history as assessment #2.\n"
    forgotten = ladder("forget", "1", "--yes")
    assert forgotten.exit_code == 0, forgotten.output
    assert forgotten.stderr == "Forgot assessment #1 (damaged).\n"
    assert ladder("history").exit_code == 0


@pytest.mark.parametrize(
    ("answers", "said"),
    [
        ("{}", "assessment #1: missing field 'from' (a role id, such as vp)"),
        ('{"from": "vp", "to": "cto", "answers": [1]}', "answers: expected a mapping"),
    ],
)
def test_saved_answers_of_the_wrong_shape(
    ladder: Ladder, tmp_path: Path, answers: str, said: str
) -> None:
    saved_once(ladder, tmp_path).execute("UPDATE answers SET data = ?", (answers,))
    result = ladder("report", "--last")
    assert result.exit_code == 2, result.output
    assert said in result.stderr and len(result.stderr.splitlines()) == 1


def test_an_answers_date_out_of_range_once_in_utc(ladder: Ladder, tmp_path: Path) -> None:
    """The report is shown first; then the history says why it could not keep it."""
    far = tmp_path / "far.yaml"
    far.write_text(
        ANSWERS.read_text().replace("2026-11-20T18:05:00+00:00", "9999-12-31T23:59:59-23:59")
    )
    result = ladder("assess", "--answers", str(far))
    assert result.exit_code == 2, result.output
    assert result.stdout.startswith("Readiness for CTO\n")
    assert "9999-12-31" in result.stdout
    assert result.stderr == (
        "ladder: cannot save an assessment dated '9999-12-31T23:59:59-23:59': in UTC it falls "
        f"outside the years 1 to 9999. Your answers are in {far}, as they were.\n"
    )
    assert not database(tmp_path).exists()


def has_open(pid: int, file: Path) -> bool:
    """Whether process ``pid`` has ``file`` open (Linux: its /proc entry)."""
    try:
        fds = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return False
    return any(os.path.realpath(fd) == str(file) for fd in fds)


def test_the_same_answers_saved_by_8_processes_at_once_are_saved_once(
    ladder: Ladder, tmp_path: Path
) -> None:
    """The check for the same answers and the save are one transaction. To have all 8 at
    the point of saving at once, the test holds the database's write lock until each of
    them has opened the database, and a moment more."""
    other = tmp_path / "other.yaml"  # another assessment, so that the database is there
    other.write_text(ANSWERS.read_text().replace("rater: self", "rater: manager"))
    lock = saved_once_from(ladder, other, tmp_path)
    lock.execute("BEGIN IMMEDIATE")
    command = [sys.executable, "-m", "laddercli", "assess", "--answers", str(ANSWERS)]
    runs = [
        subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for _ in range(8)
    ]
    deadline = time.monotonic() + 30
    db = database(tmp_path).resolve()
    while time.monotonic() < deadline and not all(has_open(r.pid, db) for r in runs):
        time.sleep(0.02)
    time.sleep(0.3)  # from opening the database to saving: the old code's check, a read
    lock.execute("COMMIT")
    said = sorted(run.communicate(timeout=60)[1] for run in runs)
    assert [run.returncode for run in runs] == [0] * 8, said
    assert lock.execute("SELECT count(*) FROM assessments WHERE rater = 'self'").fetchone() == (1,)
    lock.close()
    assert said == ["Already in your history, with the same answers, as #2.\n"] * 7 + [
        "Saved in your history as assessment #2.\n"
    ]


# --- a rater named others -----------------------------------------------------------------------


def test_a_rater_named_others_is_refused_in_a_report_of_several(
    ladder: Ladder, tmp_path: Path
) -> None:
    """ "others" is the combined view's name: a rater of that name would be shown as two
    columns of the same name."""
    others = tmp_path / "others.yaml"
    others.write_text(
        (DATA / "panel-peer-1.yaml").read_text().replace("rater: peer-1", "rater: Others")
    )
    refused(
        ladder("report", str(DATA / "panel-self.yaml"), str(others)),
        2,
        f"ladder: {others} is from a rater named Others, the name this report gives the combined "
        "view of the other raters; rename that rater in the file (rater: peer-1, say)",
    )
    alone = ladder("report", str(others))  # alone, it is a name like any other
    assert alone.exit_code == 0, alone.output


@pytest.mark.parametrize("how", [["--template"], []])
def test_rater_others_is_refused_for_a_new_questionnaire(
    ladder: Ladder, keys: PipeInput, how: list[str]
) -> None:
    keys.close()  # no question is asked
    refused(
        ladder("assess", "cto", "--rater", "others", *how),
        2,
        "ladder: --rater others is the name reports give the combined view of the raters other "
        "than self; choose another name, such as peer-1",
    )
