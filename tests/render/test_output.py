"""-o never destroys what a user typed or keeps: a filled-in answers file, an input of the
command, a read-only file; and the names of standard output write through it, as - does."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import CTO_IDS
from tests.helpers.terminal import LADDER, child_env

Ladder = Callable[..., Any]

REPORT_START = "Readiness for CTO\n═════════════════\n"


def answers(folder: Path, name: str = "a.yaml", rating: int = 2) -> Path:
    path = folder / name
    lines = ["from: vp", "to: cto", "rater: self", "answers:"]
    path.write_text("\n".join(lines + [f"  {q}: {rating}" for q in CTO_IDS]) + "\n")
    return path


def filled_template(ladder: Ladder, path: Path, count: int = 10) -> str:
    """A template written to ``path``, with ``count`` ratings filled in by hand."""
    assert ladder("assess", "cto", "--template", "-o", str(path)).exit_code == 0
    text = path.read_text(encoding="utf-8").replace("rating: null", "rating: 3", count)
    path.write_text(text, encoding="utf-8")
    return text


# --- a template over a filled-in file -------------------------------------------------------


def test_a_template_is_never_written_over_a_file_that_holds_answers(
    ladder: Ladder, tmp_path: Path
) -> None:
    filled = tmp_path / "filled.yaml"
    text = filled_template(ladder, filled)
    assert text.count("rating: 3") == 10
    for fmt in ([], ["-f", "json"]):
        result = ladder("assess", "cto", "--template", "-o", str(filled), *fmt)
        assert (result.exit_code, result.stderr) == (
            2,
            f"ladder: {filled} already exists, and ladder does not write over it (it may hold "
            "answers): give another file name, or add --force to replace it\n",
        )
        assert filled.read_text(encoding="utf-8") == text
    # --force replaces it, and goes with --template only
    forced = ladder("assess", "cto", "--template", "-o", str(filled), "--force")
    assert forced.exit_code == 0, forced.output
    assert "rating: 3" not in filled.read_text(encoding="utf-8")
    alone = ladder("assess", "--answers", str(filled), "--force")
    assert (alone.exit_code, alone.stderr) == (
        2,
        "ladder: --force goes with --template -o FILE, to write over FILE\n",
    )


def test_a_template_may_fill_an_empty_file(ladder: Ladder, tmp_path: Path) -> None:
    empty = tmp_path / "new.yaml"
    empty.touch()
    assert ladder("assess", "cto", "--template", "-o", str(empty)).exit_code == 0
    assert "rating: null" in empty.read_text(encoding="utf-8")


# --- an input of the command ----------------------------------------------------------------


def link(tmp_path: Path, kind: str, target: Path) -> Path:
    """``target`` itself, or a symbolic or hard link to it."""
    if kind == "itself":
        return target
    other = tmp_path / f"{kind}.yaml"
    if kind == "symlink":
        other.symlink_to(target)
    else:
        os.link(target, other)
    return other


@pytest.mark.parametrize("kind", ["itself", "symlink", "hard link"])
@pytest.mark.parametrize("command", ["report", "assess --answers"])
def test_output_is_never_an_answers_file_read(
    ladder: Ladder, tmp_path: Path, command: str, kind: str
) -> None:
    read = answers(tmp_path)
    before = read.read_bytes()
    out = link(tmp_path, kind, read)
    result = ladder(*command.split(), str(read), "-o", str(out))
    also = "" if kind == "itself" else f"{read}, "
    assert (result.exit_code, result.stderr) == (
        2,
        f"ladder: -o {out} is {also}a file ladder reads, and it does not write over it: give -o "
        "another file name\n",
    )
    assert read.read_bytes() == before
    # Refused before anything was done: the assessment is not in the history.
    assert ladder("history", "-f", "json").stdout.count('"id"') == 0


def test_output_is_never_one_of_the_reports_files(ladder: Ladder, tmp_path: Path) -> None:
    first, second = answers(tmp_path, "self.yaml"), answers(tmp_path, "manager.yaml")
    text = second.read_text().replace("rater: self", "rater: manager")
    second.write_text(text)
    result = ladder("report", str(first), str(second), "-o", str(second))
    assert result.exit_code == 2
    assert "is a file ladder reads" in result.stderr
    assert second.read_text() == text


def test_output_is_never_a_role_file(
    ladder: Ladder, tmp_path: Path, role_dir: Callable[..., Path]
) -> None:
    folder = role_dir()
    vp = folder / "vp.yaml"
    from laddercli.roles.catalog import load_catalog

    vp.write_bytes(load_catalog([]).loaded("vp").path.read_bytes())
    before = vp.read_bytes()
    for args in (["show", "vp", "-f", "json"], ["assess", "cto", "--template", "--force"]):
        result = ladder("--roles", str(folder), *args, "-o", str(vp))
        assert result.exit_code == 2, result.output
        assert "is a file ladder reads" in result.stderr
        assert vp.read_bytes() == before


def test_output_is_never_the_history(ladder: Ladder, tmp_path: Path) -> None:
    assert ladder("assess", "--answers", str(answers(tmp_path))).exit_code == 0
    database = tmp_path / "ladder-home" / "history.sqlite3"
    before = database.read_bytes()
    for args in (["report", "--last"], ["history"], ["roles"]):
        result = ladder(*args, "-o", str(database))
        assert result.exit_code == 2, result.output
        assert "is a file ladder reads" in result.stderr
    assert database.read_bytes() == before
    assert ladder("report", "--last").exit_code == 0


# --- a read-only file -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["report", "{answers}"], ["show", "vp"], ["assess", "cto", "--template", "--force"]],
    ids=["report", "show", "template --force"],
)
def test_a_read_only_output_file_is_not_replaced(
    ladder: Ladder, tmp_path: Path, args: list[str]
) -> None:
    kept = tmp_path / "kept.txt"
    kept.write_text("mine\n")
    kept.chmod(0o444)
    read = str(answers(tmp_path))
    result = ladder(*[a.format(answers=read) for a in args], "-o", str(kept))
    assert (result.exit_code, result.stderr) == (
        1,
        f"ladder: cannot write {kept}: the file is read-only, and ladder does not write over "
        "it; make it writable, or write to another file\n",
    )
    assert kept.read_text() == "mine\n"
    assert oct(kept.stat().st_mode & 0o777) == oct(0o444)


def test_a_read_only_output_is_refused_before_any_question(
    ladder: Ladder, tmp_path: Path, keys: Any
) -> None:
    kept = tmp_path / "kept.md"
    kept.write_text("mine\n")
    kept.chmod(0o444)
    result = ladder("assess", "cto", "-o", str(kept))
    assert result.exit_code == 1
    assert "the file is read-only" in result.stderr and "1/22" not in result.stderr
    assert not (tmp_path / "ladder-home" / "drafts").exists()


# --- standard output by name ----------------------------------------------------------------

STDOUT_NAMES = ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"]


@pytest.mark.parametrize("name", STDOUT_NAMES)
def test_standard_output_by_name_is_standard_output(
    ladder: Ladder, tmp_path: Path, name: str
) -> None:
    result = ladder("report", str(answers(tmp_path)), "-o", name)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(REPORT_START)
    assert "Wrote" not in result.stderr
    template = ladder("assess", "cto", "--template", "-o", name, "-f", "json")
    assert json.loads(template.stdout)["to"] == "cto"


@pytest.mark.parametrize("name", STDOUT_NAMES)
def test_standard_output_by_name_appends_to_a_log(tmp_path: Path, name: str) -> None:
    """`ladder report a.yaml -o /dev/stdout >> log.txt` keeps the log."""
    read = answers(tmp_path)
    log = tmp_path / "log.txt"
    log.write_text("yesterday's log\n")
    with log.open("a") as out:
        done = subprocess.run(
            [*LADDER, "report", str(read), "-o", name],
            stdout=out,
            stderr=subprocess.PIPE,
            env=child_env(),
            check=False,
            timeout=60,
        )
    assert done.returncode == 0, done.stderr
    assert log.read_text().startswith("yesterday's log\n" + REPORT_START)


@pytest.mark.parametrize("name", STDOUT_NAMES)
def test_standard_output_by_name_into_a_pipe(tmp_path: Path, name: str) -> None:
    done = subprocess.run(
        [*LADDER, "report", str(answers(tmp_path)), "-o", name, "-f", "json"],
        capture_output=True,
        env=child_env(),
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["readiness"] == 66.7


def test_an_open_file_descriptor_by_name_is_written_through(tmp_path: Path) -> None:
    """`3>> log.txt` and `-o /dev/fd/3`: appended, as the shell opened it."""
    log = tmp_path / "log.txt"
    log.write_text("before\n")
    fd = os.open(log, os.O_WRONLY | os.O_APPEND)
    try:
        done = subprocess.run(
            [*LADDER, "report", str(answers(tmp_path)), "-o", f"/dev/fd/{fd}", "-f", "json"],
            capture_output=True,
            env=child_env(),
            pass_fds=(fd,),
            check=False,
            timeout=60,
        )
    finally:
        os.close(fd)
    assert done.returncode == 0, done.stderr
    text = log.read_text()
    assert text.startswith("before\n{") and json.loads(text[7:])["readiness"] == 66.7


def test_names_of_open_files() -> None:
    from laddercli.render.output import descriptor, destination

    assert [destination(n) for n in [*STDOUT_NAMES, "-", None, "out.md"]] == [
        "-",
        "-",
        "-",
        "-",
        None,
        "out.md",
    ]
    assert [descriptor(n) for n in ["/dev/fd/3", "/proc/self/fd/12", "/dev/stderr"]] == [3, 12, 2]
    assert descriptor("/dev/null") is None and descriptor("/dev/fd/x") is None


# --- a symbolic link someone else could have made -------------------------------------------


def planted(tmp_path: Path, mode: int = 0o777) -> tuple[Path, Path, bytes]:
    """A victim's file, and a link to it planted in a shared folder of ``mode``."""
    victim = tmp_path / "home" / ".bashrc"
    victim.parent.mkdir(parents=True, exist_ok=True)
    victim.write_bytes(b"alias ll='ls -l'\n")
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(mode)
    planted = shared / "dana-report.txt"
    planted.symlink_to(victim)
    return victim, planted, victim.read_bytes()


def test_output_never_follows_a_link_in_a_folder_others_can_write_to(
    ladder: Ladder, tmp_path: Path
) -> None:
    victim, link, before = planted(tmp_path)
    for command in (["show", "vp"], ["report", str(answers(tmp_path))], ["schema"]):
        result = ladder(*command, "-o", str(link))
        assert (result.exit_code, result.stderr) == (
            2,
            f"ladder: -o {link} is a symbolic link in a folder others can write to; ladder "
            "does not write through it: give -o another file name\n",
        ), command
        assert victim.read_bytes() == before and link.is_symlink()
    # nor a name that goes through such a link to a folder
    (tmp_path / "shared" / "docs").symlink_to(victim.parent)
    through = tmp_path / "shared" / "docs" / ".bashrc"
    result = ladder("show", "vp", "-o", str(through))
    assert result.exit_code == 2
    assert f"leads through {tmp_path / 'shared' / 'docs'}, a symbolic link in a folder" in (
        result.stderr
    )
    assert victim.read_bytes() == before


def test_output_never_follows_another_users_link(
    ladder: Ladder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from laddercli.render import output

    victim, link, before = planted(tmp_path, 0o755)
    mine = os.lstat(link).st_uid
    monkeypatch.setattr(output, "someone_else", lambda uid: uid == mine)  # as if not ours
    result = ladder("show", "vp", "-o", str(link))
    assert (result.exit_code, result.stderr) == (
        2,
        f"ladder: -o {link} is a symbolic link owned by another user; ladder does not write "
        "through it: give -o another file name\n",
    )
    assert victim.read_bytes() == before and link.is_symlink()
    # Refused before anything is done: the assessment is not saved
    result = ladder("assess", "--answers", str(answers(tmp_path)), "-o", str(link))
    assert result.exit_code == 2 and "owned by another user" in result.stderr
    assert ladder("history", "-f", "json").stdout.count('"id"') == 0


def test_output_follows_the_users_own_link_in_a_folder_of_theirs_or_a_sticky_one(
    ladder: Ladder, tmp_path: Path
) -> None:
    for mode in (0o755, 0o1777):  # a sticky folder, as /tmp: others cannot replace the link
        victim, link, _ = planted(tmp_path / oct(mode), mode)
        assert ladder("show", "vp", "-o", str(link)).exit_code == 0
        assert victim.read_text().startswith("VP of Engineering") and link.is_symlink()


def test_the_atomic_write_replaces_a_link_at_the_name_not_its_target(tmp_path: Path) -> None:
    """Drafts and answers files: a link at the name is replaced; a folder reached through a
    link (a home folder that is a link, say) is written in."""
    from laddercli.render.output import write_file_atomic

    (tmp_path / "real").mkdir()
    (tmp_path / "via").symlink_to(tmp_path / "real")
    victim = tmp_path / "victim.txt"
    victim.write_text("kept")
    (tmp_path / "real" / "draft.yaml").symlink_to(victim)
    write_file_atomic(tmp_path / "via" / "draft.yaml", "new")
    assert victim.read_text() == "kept"
    written = tmp_path / "real" / "draft.yaml"
    assert not written.is_symlink() and written.read_text() == "new"


# --- an open file descriptor ladder was not given ---------------------------------------------


def run_ladder(*args: str, **options: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*LADDER, *args],
        capture_output=True,
        text=True,
        env=child_env(),
        check=False,
        timeout=60,
        **options,
    )


@pytest.mark.parametrize("name", ["/dev/fd/3", "/proc/self/fd/3"])
def test_output_is_never_a_descriptor_ladder_opened_itself(
    ladder: Ladder, tmp_path: Path, name: str
) -> None:
    """fd 3 is the history's database, opened after -o was read."""
    assert ladder("assess", "--answers", str(answers(tmp_path))).exit_code == 0
    db = tmp_path / "ladder-home" / "history.sqlite3"
    before = db.read_bytes()
    done = run_ladder("history", "-o", name)
    assert (done.returncode, done.stderr) == (
        2,
        f"ladder: -o {name}: ladder was not started with file descriptor 3 open; name a file, "
        "or open it in the shell (3>FILE)\n",
    )
    assert db.read_bytes() == before


def test_output_is_never_a_given_descriptor_of_an_input(tmp_path: Path, ladder: Ladder) -> None:
    """`3<> history.sqlite3`, or `3<> a.yaml` with a.yaml read: refused, nothing written."""
    read = answers(tmp_path)
    assert ladder("assess", "--answers", str(read)).exit_code == 0
    db = tmp_path / "ladder-home" / "history.sqlite3"
    for command, opened in ((["history"], db), (["report", str(read)], read)):
        before = opened.read_bytes()
        fd = os.open(opened, os.O_RDWR)
        try:
            done = run_ladder(*command, "-o", f"/dev/fd/{fd}", pass_fds=(fd,))
        finally:
            os.close(fd)
        assert done.returncode == 2, done.stderr
        assert done.stderr.endswith(
            "a file ladder reads, and it does not write over it: give -o another file name\n"
        )
        assert opened.read_bytes() == before


# --- every command, and standard input --------------------------------------------------------


def test_every_command_with_o_refuses_the_history_and_the_role_files_in_use(
    ladder: Ladder, tmp_path: Path, role_dir: Callable[..., Path]
) -> None:
    """schema, and history without a target, never load the roles: -o refuses their files
    all the same."""
    assert ladder("assess", "--answers", str(answers(tmp_path))).exit_code == 0
    database = tmp_path / "ladder-home" / "history.sqlite3"
    folder = role_dir(director="id: director\n")  # not even read: never a valid role
    director = folder / "director.yaml"
    kept = {p: p.read_bytes() for p in (database, director)}
    for args, output in (
        (["schema"], database),
        (["--roles", str(folder), "schema"], director),
        (["--roles", str(folder), "history"], director),
        (["--roles", str(folder), "history", "-f", "json"], database),
    ):
        result = ladder(*args, "-o", str(output))
        assert (result.exit_code, result.stderr) == (
            2,
            f"ladder: -o {output} is a file ladder reads, and it does not write over it: give "
            "-o another file name\n",
        ), args
    assert {p: p.read_bytes() for p in kept} == kept


@pytest.mark.parametrize("output", ["a.yaml", "/dev/stdin"])
def test_output_is_never_standard_input_read_as_a_file(tmp_path: Path, output: str) -> None:
    """`ladder report - -o a.yaml < a.yaml`, and -o /dev/stdin."""
    read = answers(tmp_path)
    before = read.read_bytes()
    with read.open("rb") as stdin:
        done = run_ladder("report", "-", "-o", output, cwd=tmp_path, stdin=stdin)
    assert (done.returncode, done.stderr) == (
        2,
        f"ladder: -o {output} is standard input, a file ladder reads, and it does not write "
        "over it: give -o another file name\n",
    )
    assert read.read_bytes() == before


# --- the mode of the file replaced ------------------------------------------------------------


def umasked() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def test_output_drops_setuid_setgid_and_sticky_from_the_mode_it_keeps(
    ladder: Ladder, tmp_path: Path
) -> None:
    out = tmp_path / "report.md"
    out.write_text("old")
    out.chmod(0o6775)
    assert ladder("show", "vp", "-o", str(out)).exit_code == 0
    assert oct(out.stat().st_mode & 0o7777) == oct(0o775)


def test_output_never_takes_the_mode_of_another_users_file(
    ladder: Ladder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from laddercli.render import output

    out = tmp_path / "report.md"
    out.write_text("old")
    out.chmod(0o6777)
    theirs = out.stat().st_uid
    monkeypatch.setattr(output, "yours", lambda uid: uid != theirs)  # as if a co-user's
    assert ladder("show", "vp", "-o", str(out)).exit_code == 0
    assert out.read_text().startswith("# VP of Engineering")
    assert oct(out.stat().st_mode & 0o7777) == oct(umasked())
