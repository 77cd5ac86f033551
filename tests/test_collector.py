"""The cyclic garbage collector in a real ``ladder`` process: off for a command that asks
nothing, and what survives frozen at exit (a fifth of the CPU time of ``ladder show``);
back on for the questionnaire, which runs for minutes and must clean up as usual."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import CTRL_C
from tests.helpers.terminal import Terminal, question_waits

# The console script's own call, with a report of the collector's state at the very end.
PROBE = """
import atexit, gc, json, sys
def said():
    state = {"enabled": gc.isenabled(), "frozen": gc.get_freeze_count()}
    print("collector: " + json.dumps(state), file=sys.stderr, flush=True)
atexit.register(said)
sys.argv = ["ladder", *sys.argv[1:]]
from laddercli import main
main()
"""


def collector(stderr: str) -> dict[str, Any]:
    found = re.search(r"collector: (\{.*\})", stderr)
    assert found, stderr
    return dict(json.loads(found.group(1)))


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_short_command_runs_without_the_collector_and_freezes_at_exit(ladder: Any) -> None:
    done = run("show", "vp")
    assert done.returncode == 0, done.stderr
    assert done.stdout == ladder("show", "vp").output  # every line written, to the last
    state = collector(done.stderr)
    assert not state["enabled"]
    assert state["frozen"] > 10_000  # Typer, pydantic, Rich and the roles


@pytest.mark.parametrize(
    ("args", "code"), [(["show", "nosuch"], 2), (["--version"], 0), (["--help"], 0)]
)
def test_exit_codes_and_messages_stay_as_they_were(args: list[str], code: int) -> None:
    done = run(*args)
    assert done.returncode == code, done.stderr
    assert collector(done.stderr)["frozen"] > 0
    if code:
        assert done.stderr.startswith("ladder: unknown role 'nosuch'")


def test_the_questionnaire_turns_the_collector_back_on(tmp_path: Path) -> None:
    with Terminal([sys.executable, "-c", PROBE, "assess", "cto"]) as term:
        term.expect(question_waits(1))
        term.send(CTRL_C)
        status = term.wait()
    assert status == 130, term.text
    assert collector(term.text) == {"enabled": True, "frozen": 0}
