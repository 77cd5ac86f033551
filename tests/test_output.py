"""-o: the names of standard output write through it, as - does."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.test_assess import CTO_IDS
from tests.test_faults import LADDER, child_env

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
    from laddercli.output import descriptor, destination

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
