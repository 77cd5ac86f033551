"""Where laddercli keeps what it saves: the user's data folder, or ``LADDER_HOME``."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

HOME_ENV = "LADDER_HOME"


def data_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """``LADDER_HOME`` if set, else the platform's user data folder for laddercli
    (``~/.local/share/laddercli`` on Linux)."""
    home = environ.get(HOME_ENV, "").strip()
    if home:
        return Path(home).expanduser()
    import platformdirs  # only commands that save anything need it

    return Path(platformdirs.user_data_dir("laddercli", appauthor=False))


def cache_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """``LADDER_HOME/cache`` if ``LADDER_HOME`` is set, else the platform's user cache
    folder for laddercli (``~/.cache/laddercli`` on Linux)."""
    home = environ.get(HOME_ENV, "").strip()
    if home:
        return Path(home).expanduser() / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir("laddercli", appauthor=False))


def answers_dir(environ: Mapping[str, str] = os.environ) -> Path:
    return data_dir(environ) / "answers"


def shown(path: Path) -> str:
    """A path as users read it: relative to the current folder if inside it, else with
    ``~`` for the home folder."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        pass
    home = Path.home()
    try:
        return "~/" + str(path.relative_to(home))
    except ValueError:
        return str(path)
