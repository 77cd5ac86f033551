"""No internal errors: odd files, folders, settings and history rows a user (or another
user of a shared folder) may give ladder each get a one-line message and exit 1 or 2,
never "internal error" and never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Ladder = Callable[..., Any]
DATA = Path(__file__).parent / "data"


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
