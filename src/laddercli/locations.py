"""Where laddercli keeps what it saves: the user's data folder, or ``LADDER_HOME``."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from laddercli.errors import UsageError

HOME_ENV = "LADDER_HOME"


def expand(text: str, origin: str) -> Path:
    """A folder a user named (``origin`` says where: ``LADDER_HOME``, ``--roles``), with
    ``~`` and ``~user`` expanded; a UsageError if that home folder cannot be found."""
    try:
        return Path(text).expanduser()
    except RuntimeError:  # ~user for a user this system does not know, or no home at all
        user = text[1:].replace(os.sep, "/").split("/")[0]
        why = (
            f"names the home folder of user {user!r}, and there is no such user here"
            if user
            else "starts with ~, and your home folder is not known"
        )
        raise UsageError(f"{origin}: {text!r} {why}; give the folder in full") from None


def _ladder_home(environ: Mapping[str, str]) -> Path | None:
    home = environ.get(HOME_ENV, "").strip()
    return expand(home, HOME_ENV) if home else None


def data_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """``LADDER_HOME`` if set, else the platform's user data folder for laddercli
    (``~/.local/share/laddercli`` on Linux)."""
    home = _ladder_home(environ)
    if home is not None:
        return home
    import platformdirs  # only commands that save anything need it

    return Path(platformdirs.user_data_dir("laddercli", appauthor=False))


def cache_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """``LADDER_HOME/cache`` if ``LADDER_HOME`` is set, else the platform's user cache
    folder for laddercli (``~/.cache/laddercli`` on Linux)."""
    home = _ladder_home(environ)
    if home is not None:
        return home / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir("laddercli", appauthor=False))


def private_folder(folder: Path) -> Path:
    """Create ``folder`` and the folders missing above it, each readable by its owner only
    (0700, whatever the umask), as ``mkdir -p`` would; folders already there keep their
    modes. Raises OSError as ``Path.mkdir`` does (FileExistsError: a file of that name)."""
    try:
        os.mkdir(folder, 0o700)
    except FileNotFoundError:
        if folder.parent == folder:
            raise
        private_folder(folder.parent)
        return private_folder(folder)
    except FileExistsError:
        if not folder.is_dir():
            raise
        return folder
    os.chmod(folder, 0o700)  # the umask may have taken the owner's bits away
    return folder


def private_file(path: Path) -> bool:
    """Make ``path``, if it is not there yet, an empty file readable by its owner only
    (0600, whatever the umask), so that what is written to it later (which keeps the
    file's mode) is private from the start; whether it was made. Anything already there
    is left as it is."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o600)
    except FileExistsError:
        return False
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)
    return True


def answers_dir(environ: Mapping[str, str] = os.environ) -> Path:
    return data_dir(environ) / "answers"


def shown(path: Path) -> str:
    """A path as users read it: relative to the current folder if inside it, else with
    ``~`` for the home folder. The one way a path is shown (``shown_all`` for many)."""
    return shown_all([path])[0]


def shown_all(paths: Iterable[Path]) -> list[str]:
    """``shown`` of each path, resolving each folder once (a file that is not a symbolic
    link is in its folder's real folder): 10,000 files in 40 ms, not 400."""
    cwd = _folder(lambda: str(Path.cwd().resolve()))
    home = _folder(lambda: str(Path.home()))
    folders: dict[Path, Path] = {}
    names = []
    for path in paths:
        try:
            if path.name in ("", ".", "..") or path.is_symlink():
                real: Path | None = path.resolve()
            else:
                folder = folders.get(path.parent)
                if folder is None:
                    folder = folders[path.parent] = path.parent.resolve()
                real = folder / path.name
        except (OSError, RuntimeError):  # RuntimeError: a symbolic link loop
            real = None
        given = str(path)
        here = None if real is None else _under(str(real), cwd)
        if here is not None:
            names.append(here)
        else:
            at_home = _under(given, home)
            names.append(given if at_home is None else "~/" + at_home)
    return names


def _folder(find: Callable[[], str]) -> str | None:
    try:
        return find()
    except (OSError, RuntimeError):  # RuntimeError: no home folder known
        return None


def _under(path: str, folder: str | None) -> str | None:
    """``path`` relative to ``folder`` as ``Path.relative_to`` writes it; None if it is not
    in it. (Compared as text: the error ``relative_to`` raises for the many paths outside
    cost a tenth of ``ladder roles`` with 10,000 roles in use.)"""
    if folder is None:
        return None
    if path == folder:
        return "."
    inside = folder if folder.endswith(os.sep) else folder + os.sep
    return path[len(inside) :] if path.startswith(inside) else None
