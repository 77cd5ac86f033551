"""Smaller faults found by new users: what is said first without a terminal, how a stop
counts the answers, singular and plural, tables and prose at 50, 80 and 200 columns, the
help, role-file messages in our words, and the history of someone not yet assessed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.input import PipeInput

from tests.test_assess import CTRL_C, ENTER, flat, rate

Ladder = Callable[..., Any]
DATA = Path(__file__).parent / "data"


def refused(result: Any, code: int, message: str) -> None:
    """Exit ``code``, with ``message`` as the whole of standard error."""
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    assert result.stderr == message + "\n"


# --- no such path, before "needs a terminal" ----------------------------------------------------


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["cto", "--from", "ceo"], "there is no path from CEO to CTO. Paths into CTO: vp → cto."),
        (
            ["vp"],
            "no role has a path into VP; VP is where paths start: name where you are going, "
            "such as ladder assess cto --from vp (the paths: vp → cto, vp → ceo)",
        ),
        (["--from", "cto"], "CTO has no path to assess from; the paths: vp → cto, vp → ceo"),
    ],
)
def test_without_a_terminal_a_path_that_does_not_exist_is_said_first(
    ladder: Ladder, args: list[str], said: str
) -> None:
    refused(ladder("assess", *args), 2, f"ladder: {said}")


def test_without_a_terminal_a_path_that_exists_needs_a_terminal(ladder: Ladder) -> None:
    result = ladder("assess", "cto", "--from", "vp")
    assert result.exit_code == 2
    assert result.stderr.startswith("ladder: the questionnaire needs a terminal")


# --- a stop counts the skips --------------------------------------------------------------------


def test_a_stop_says_how_many_were_skipped(ladder: Ladder, keys: PipeInput) -> None:
    keys.send_text(rate(3, 2, 1, 0, "s", 4, 3, 2, 1, 0) + CTRL_C)
    stopped = ladder("assess", "cto")
    assert stopped.exit_code == 130, stopped.output
    assert "Stopped at question 11 of 22, with 9 answers given and 1 skipped." in flat(
        stopped.stderr
    )


def test_the_offer_to_continue_counts_as_the_stop_did(ladder: Ladder, keys: PipeInput) -> None:
    keys.send_text(rate("s", 2) + CTRL_C)
    assert ladder("assess", "cto").exit_code == 130
    keys.send_text("n" + ENTER + CTRL_C)
    offered = flat(ladder("assess", "cto").stderr)
    assert ": 1 answer given and 1 skipped; it goes on at question 3 of 22." in offered
