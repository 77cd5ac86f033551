"""The pager, as git has it: on a terminal, output longer than the screen goes through
$LADDER_PAGER, $PAGER or less -FRX; never when piped, nor with --no-pager."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.helpers.terminal import LADDER, Terminal, child_env

ANSWERS = Path(__file__).parents[1] / "data" / "answers-vp-cto.yaml"


def pager_env(tmp_path: Path, **more: str) -> dict[str, str]:
    """A pager that keeps what it is given in paged.txt, on a 24-row terminal."""
    script = tmp_path / "pager.sh"
    script.write_text(f'#!/bin/sh\ncat > "{tmp_path / "paged.txt"}"\n')
    script.chmod(0o755)
    changes: dict[str, str | None] = {"LADDER_PAGER": str(script), "PAGER": None, **more}
    return child_env(TERM="xterm", COLUMNS="80", LINES="24", **changes)


def test_a_long_report_on_a_terminal_goes_through_the_pager(tmp_path: Path) -> None:
    with Terminal([*LADDER, "report", str(ANSWERS)], env=pager_env(tmp_path)) as term:
        assert term.wait() == 0
    paged = (tmp_path / "paged.txt").read_text(encoding="utf-8")
    assert "68.6 / 100 (Nearly ready; self-rated)" in paged
    assert "Role content" in paged
    assert "68.6 / 100" not in term.text  # shown by the pager only


def test_not_when_piped_nor_with_no_pager(tmp_path: Path) -> None:
    env = pager_env(tmp_path)
    piped = subprocess.run(
        [*LADDER, "report", str(ANSWERS)], env=env, capture_output=True, text=True, check=True
    )
    assert "68.6 / 100 (Nearly ready; self-rated)" in piped.stdout
    args = [*LADDER, "--no-pager", "report", str(ANSWERS)]
    with Terminal(args, env=env) as term:
        assert term.wait() == 0
    assert "68.6 / 100 (Nearly ready; self-rated)" in term.text
    assert not (tmp_path / "paged.txt").exists()


def test_short_output_and_an_empty_pager_are_written_as_they_are(tmp_path: Path) -> None:
    with Terminal([*LADDER, "roles"], env=pager_env(tmp_path)) as term:
        assert term.wait() == 0
    assert not (tmp_path / "paged.txt").exists()
    with Terminal([*LADDER, "report", str(ANSWERS)], env=pager_env(tmp_path, LADDER_PAGER="")) as t:
        assert t.wait() == 0
    assert "68.6 / 100 (Nearly ready; self-rated)" in t.text
    assert not (tmp_path / "paged.txt").exists()
