"""Shared fixtures: a pinned environment, an in-process runner, and role folders."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

from laddercli.cli import app
from laddercli.cli.terminal import Terminal

SEED = Path(__file__).parent / "data" / "vp-of-engineering.md"


@pytest.fixture(autouse=True)
def _pinned_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test depends on the terminal, the user's role folders or the real home."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("LADDER_HOME", str(tmp_path / "ladder-home"))
    monkeypatch.setenv("LADDER_PAGER", "")  # a pseudo-terminal's output is not paged
    for name in ("LADDER_ROLES", "LADDER_DEBUG", "FORCE_COLOR", "TERM", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def ladder(runner: CliRunner) -> Callable[..., object]:
    """Run ``ladder ARGS`` in-process; returns the click Result."""

    def run(*args: str, input: str | None = None) -> object:
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    return run


@pytest.fixture
def role_dir(tmp_path: Path) -> Callable[..., Path]:
    """Write role files into a fresh folder: ``role_dir(cfo="id: cfo\\n...")``."""

    def make(**files: str | bytes) -> Path:
        folder = tmp_path / "roles"
        folder.mkdir(exist_ok=True)
        for name, content in files.items():
            path = folder / f"{name}.yaml"
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(textwrap.dedent(content), encoding="utf-8")
        return folder

    return make


@pytest.fixture
def keys(monkeypatch: pytest.MonkeyPatch) -> Iterator[PipeInput]:
    """Key presses for the questionnaire, as if typed at a terminal."""
    monkeypatch.setattr(Terminal, "is_interactive", lambda self: True)
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe
