"""A cache of the checked catalog, so that a command need not parse and check unchanged
role files every time it runs.

Reading the role files costs a command more than anything else it does: importing PyYAML,
parsing each file three times over (see ``yamlsafe``), building pydantic's validators and
validating. So once a catalog has passed every check, its roles are kept in
``catalog.pickle`` in the cache folder (``LADDER_HOME/cache``, or the platform's user cache
folder), behind a stamp: a SHA-256 of every role file's path and bytes, the code that
checks them, and the versions of laddercli, Python and pydantic. The next command reads
the role files' bytes (cheap), and uses the cache only if the stamp is the same; a file
edited, added or removed, another ``--roles`` folder, or a new laddercli means the files
are read and checked as usual, and the cache is written anew. A digest of the cached bytes
themselves tells a cache damaged on disk.

The cache holds only catalogs without a problem; ``ladder validate`` never uses it. It is
read only if it belongs to the user and nobody else may write to it, since unpickling runs
what the file says. A cache that cannot be read or written is ignored: it only saves time.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from laddercli import __version__
from laddercli.locations import cache_dir

if TYPE_CHECKING:
    from laddercli.catalog import Layer, LoadedRole

FILE_NAME = "catalog.pickle"
MAGIC = b"laddercli-catalog-cache 1 "

# The modules whose code decides what a checked catalog is.
_CHECKING_CODE = ("catalog.py", "model.py", "yamlsafe.py")


class Stamp(NamedTuple):
    """What a cached catalog was made from, as one digest."""

    digest: bytes

    @classmethod
    def of(cls, layers: Sequence[Layer]) -> Stamp | None:
        """The stamp of these layers' files as they are now; None if one cannot be read
        (the usual loading then says what is wrong with it)."""
        from pydantic.version import VERSION as PYDANTIC

        h = hashlib.sha256()
        for part in (__version__, sys.version, PYDANTIC):
            _add(h, part.encode())
        here = Path(__file__).parent
        try:
            for name in _CHECKING_CODE:
                _add(h, (here / name).read_bytes())
            for files, builtin in layers:
                _add(h, b"built-in" if builtin else b"user")
                for file in files:
                    _add(h, os.fsencode(file.absolute()))
                    _add(h, file.read_bytes())
        except OSError:
            return None
        return cls(h.hexdigest().encode())


def _add(h: hashlib._Hash, data: bytes) -> None:
    h.update(len(data).to_bytes(8, "big"))
    h.update(data)


def read(stamp: Stamp) -> list[LoadedRole] | None:
    """The roles cached under ``stamp``, or None."""
    path = cache_dir() / FILE_NAME
    try:
        with path.open("rb") as fh:
            if not _trusted(os.fstat(fh.fileno())):
                return None
            header = fh.readline()
            payload = fh.read()
        if header != _header(stamp, payload):
            return None  # stale, or damaged on disk
        roles = pickle.loads(payload)
    except Exception:  # noqa: BLE001 - missing, damaged or stale: read the files instead
        return None
    return roles if isinstance(roles, list) else None


def write(stamp: Stamp, roles: list[LoadedRole]) -> None:
    """Keep ``roles`` under ``stamp``, atomically; a failure is no concern of the user's."""
    import tempfile

    folder = cache_dir()
    with contextlib.suppress(OSError, pickle.PicklingError):
        folder.mkdir(parents=True, exist_ok=True)
        payload = pickle.dumps(roles, pickle.HIGHEST_PROTOCOL)
        data = _header(stamp, payload) + payload
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{FILE_NAME}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, folder / FILE_NAME)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)


def _header(stamp: Stamp, payload: bytes) -> bytes:
    """The first line: what the roles were made from, and a digest of the roles' bytes, so
    that a cache damaged on disk is not read."""
    return MAGIC + stamp.digest + b" " + hashlib.sha256(payload).hexdigest().encode() + b"\n"


def _trusted(st: os.stat_result) -> bool:
    """The file is the user's own, and nobody else may change it."""
    if st.st_mode & 0o022:
        return False
    return not hasattr(os, "getuid") or st.st_uid == os.getuid()
