"""A cache of the checked catalog, so that a command need not parse and check unchanged
role files every time it runs.

Reading the role files costs a command more than anything else it does: importing PyYAML,
parsing each file three times over (see ``yamlsafe``), building pydantic's validators and
validating. So once a catalog has passed every check, it is kept in ``catalog.cache`` in
the cache folder (``LADDER_HOME/cache``, or the platform's user cache folder), behind a
stamp: a SHA-256 of every role file's path and bytes, the code that checks them, and the
versions of laddercli, Python and pydantic. The next command reads the role files' bytes
(cheap), and uses the cache only if the stamp is the same; a file edited, added or removed,
another ``--roles`` folder, or a new laddercli means the files are checked as usual, and
the cache is written anew, under the stamp of the very bytes that were checked
(``Stamper``): a file changed between the reading for the stamp and the reading to check
it cannot be cached under the stamp of what was there before.

The file is plain data, which nothing can make run code: a header line (the stamp, and the
length and digest of the index), then the index: per role, in the catalog's order, what
listing roles, finding one by name and following paths and notes need, and where the role's
own data is; then each role's data, with its digest in the index. Index and data are JSON
of plain values (text, numbers, None, lists and mappings), not pickle: reading them makes
values and never runs code, whatever the bytes, and they are checked to be of the shape the
cache writes before anything is made of them. (Not ``marshal``, which is quicker to read
but believes the sizes its data claims: a few crafted bytes, each a list claiming a billion
items, cost seconds of CPU and gigabytes before failing. JSON claims no sizes: reading it
costs time in proportion to its length, and nesting deeper than Python's recursion limit
is an error.) A command reads the index
only; a role's data is read, checked against its digest and made into the role's objects
(without validating it again: it was valid when it was cached) only when the command asks
for that role. Data of any other shape than the cache's own is a miss.

The cache is the user's alone: its folder and its file must belong to the user and be
writable by nobody else, the file must be a regular file with no other name (no symbolic or
hard link), and the folder a real folder. Anything else is a miss, and the catalog is read
from the role files; a cache is never written into a folder others may write to. Opening it
never waits (a FIFO in its place is not read). A cache that cannot be read or written is
ignored: it only saves time.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import sys
import types
import typing
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from laddercli import __version__
from laddercli.locations import cache_dir, private_folder

if TYPE_CHECKING:
    from pydantic import BaseModel

    from laddercli.roles.files import Layer, LoadedRole, RoleSummary
    from laddercli.roles.model import Role

FILE_NAME = "catalog.cache"
MAGIC = b"laddercli-catalog-cache 3 "
_OLD_FILE_NAMES = ("catalog.pickle",)  # left by earlier versions: removed when writing

# The modules whose code decides what a checked catalog is, and how it is cached.
# Every module of roles/ (a test checks none is missing).
_CHECKING_CODE = ("cache.py", "catalog.py", "checks.py", "files.py", "model.py", "yamlsafe.py")
# A role file larger than this is refused by ``yamlsafe`` (its MAX_FILE_BYTES; a test
# checks they agree): the stamp reads no more of a file than that.
MAX_FILE_BYTES = 1024 * 1024

# What the cache needs of the platform: opening a file relative to a folder already
# checked, without following a symbolic link.
_SUPPORTED = (
    hasattr(os, "O_NOFOLLOW")
    and hasattr(os, "O_DIRECTORY")
    and hasattr(os, "getuid")
    and os.open in os.supports_dir_fd
)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


class Stamp(NamedTuple):
    """What a cached catalog was made from, as one digest."""

    digest: bytes

    @classmethod
    def of(cls, layers: Sequence[Layer]) -> Stamp | None:
        """The stamp of these layers' files as they are now; None if one cannot be read or
        is larger than a role file may be (the usual loading then says what is wrong)."""
        stamper = Stamper()
        for files, builtin in layers:
            stamper.layer(builtin)
            for file in files:
                if stamper.read(file) is None:
                    return None
        return stamper.stamp()


class Stamper:
    """A stamp made as the role files are read, layer by layer (``layer``), file by file
    (``read``, which gives the bytes it adds). A catalog made from those very bytes is
    cached under ``stamp()``: a file changed after it was read for a stamp, and read again
    to be checked, can then never have its new content cached under its old stamp."""

    def __init__(self) -> None:
        from pydantic.version import VERSION as PYDANTIC

        self._h = hashlib.sha256()
        self._whole = True  # every file read, and each a regular file of a role file's size
        for part in (__version__, sys.version, PYDANTIC):
            _add(self._h, part.encode())
        here = Path(__file__).parent
        try:
            for name in _CHECKING_CODE:
                _add(self._h, (here / name).read_bytes())
        except OSError:
            self._whole = False

    def layer(self, builtin: bool) -> None:
        _add(self._h, b"built-in" if builtin else b"user")

    def read(self, file: Path) -> bytes | None:
        """The file's bytes, added to the stamp; None if it is not a regular file of at
        most MAX_FILE_BYTES or cannot be read (then there is no stamp)."""
        try:
            data = _read_role_file(file)
        except OSError:
            data = None
        if data is None:
            self._whole = False
            return None
        _add(self._h, os.fsencode(file.absolute()))
        _add(self._h, data)
        return data

    def stamp(self) -> Stamp | None:
        return Stamp(self._h.hexdigest().encode()) if self._whole else None


def _read_role_file(file: Path) -> bytes | None:
    """The bytes of a regular file of at most MAX_FILE_BYTES, else None; never more than
    MAX_FILE_BYTES + 1 bytes are read, and opening never waits."""
    fd = os.open(file, _OPEN_FLAGS)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_FILE_BYTES:
            return None
        chunks: list[bytes] = []
        size, want = 0, st.st_size + 1  # not a buffer of the largest size for every file
        while chunk := os.read(fd, min(want, MAX_FILE_BYTES + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_FILE_BYTES:
                return None
            want = 64 * 1024
        return b"".join(chunks)
    finally:
        os.close(fd)


def _add(h: hashlib._Hash, data: bytes) -> None:
    h.update(len(data).to_bytes(8, "big"))
    h.update(data)


# --- reading ------------------------------------------------------------------------------


class _Odd(Exception):
    """The cache holds something it would not have written: a miss."""


# A cached catalog: its roles' summaries in the catalog's order, and a way to build any one
# role in full (None: its data is damaged). Plain tuples, as the slots below: a named
# tuple costs a command 0.2 ms to make at import.
Cached = tuple[list["RoleSummary"], Callable[[str], "Role | None"]]
_Slot = tuple[int, int, str]  # where a role's data is: offset, length, digest


def read(stamp: Stamp) -> Cached | None:
    """The catalog cached under ``stamp``, or None."""
    if not _SUPPORTED:
        return None
    try:
        folder = _open_folder(create=False)
    except OSError:
        return None
    try:
        fd = os.open(FILE_NAME, _OPEN_FLAGS | os.O_NOFOLLOW, dir_fd=folder)
    except OSError:
        return None
    finally:
        os.close(folder)
    try:
        cached = _read_index(fd, stamp)
    except Exception:  # noqa: BLE001 - missing, damaged, stale or odd: read the files instead
        cached = None
    if cached is None:
        os.close(fd)
    return cached


def _read_index(fd: int, stamp: Stamp) -> Cached | None:
    st = os.fstat(fd)
    if not (stat.S_ISREG(st.st_mode) and _users_own(st) and st.st_nlink == 1):
        return None
    head = os.pread(fd, 256, 0)
    line, newline, _ = head.partition(b"\n")
    fields = line.removeprefix(MAGIC + stamp.digest + b" ").split(b" ")
    if not newline or len(fields) != 2 or not line.startswith(MAGIC + stamp.digest):
        return None  # stale, or not a cache at all
    digest, length = fields[0].decode("ascii"), int(fields[1])
    start = len(line) + 1
    if not 0 < length <= st.st_size - start:
        return None
    index = os.pread(fd, length, start)
    if len(index) != length or hashlib.sha256(index).hexdigest() != digest:
        return None  # damaged on disk
    summaries, slots = _parse_index(_loads(index))
    if st.st_size != start + length + sum(slot[1] for slot in slots.values()):
        return None  # cut short, or more than the cache wrote
    return summaries, _RoleReader(fd, start + length, slots)


def _parse_index(index: object) -> tuple[list[RoleSummary], dict[str, _Slot]]:
    from laddercli.roles.files import RoleSummary

    summaries: list[RoleSummary] = []
    slots: dict[str, _Slot] = {}
    for entry in _expect(index, list):
        fields = _expect(entry, list)
        if len(fields) != 11:
            raise _Odd
        role_id, title, short, targets, notes, dims, path, builtin, offset, length, digest = fields
        summary = RoleSummary(
            _text(role_id),
            _text(title),
            None if short is None else _text(short),
            tuple(_text(t) for t in _expect(targets, list)),
            tuple(_note(n) for n in _expect(notes, list)),
            _expect(dims, bool),
            Path(_text(path)),
            _expect(builtin, bool),
        )
        if summary.id in slots or not summary.path.is_absolute():
            raise _Odd
        slots[summary.id] = (_count(offset), _count(length), _text(digest))
        summaries.append(summary)
    return summaries, slots


def _note(note: object) -> tuple[str, tuple[str, ...]]:
    text, about = _expect(note, list)
    return _text(text), tuple(_text(r) for r in _expect(about, list))


_T = typing.TypeVar("_T")


def _expect(value: object, kind: type[_T]) -> _T:
    if type(value) is not kind:
        raise _Odd
    return value


def _odd() -> typing.NoReturn:
    raise _Odd


def _text(value: object) -> str:
    return _expect(value, str)


def _count(value: object) -> int:
    number = _expect(value, int)
    if number < 0:
        raise _Odd
    return number


class _RoleReader:
    """Builds a role from its data in the cache file, which it holds open until it is no
    longer needed (what it reads is then what was checked, whatever replaces the file)."""

    def __init__(self, fd: int, base: int, slots: dict[str, _Slot]) -> None:
        self._fd = fd
        self._base = base
        self._slots = slots

    def __del__(self, close: Callable[[int], None] = os.close) -> None:
        # ``close`` is bound here: at exit, module globals (os, contextlib) may be gone
        try:
            close(self._fd)
        except OSError:
            pass

    def __call__(self, role_id: str) -> Role | None:
        from laddercli.roles.model import Role

        offset, length, digest = self._slots[role_id]
        try:
            data = os.pread(self._fd, length, self._base + offset)
            if len(data) != length or _digest(data) != digest:
                raise _Odd
            role = _builder(Role)(_loads(data))
            if role.id != role_id:
                raise _Odd
        except Exception:  # noqa: BLE001 - damaged: the caller reads the role file instead
            _discard()
            return None
        return typing.cast("Role", role)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


# --- from plain data back to the model's objects --------------------------------------------

_Build = Callable[[object], Any]
# What a field may hold: plain values of these types (text, a number, None), taken as
# they are; or what a function builds from the data, checking it as it goes.
_Shape = frozenset[type] | _Build
_BUILDERS: dict[type[BaseModel], _Build] = {}
_SHAPES: dict[Any, _Shape] = {}  # many fields share a type: Text | None, list[Id] ...


def _builder(model: type[BaseModel]) -> _Build:
    """A function making a ``model`` from its ``model_dump()`` without validating it again
    (as ``model_construct`` does, all the way down), that raises _Odd for data of another
    shape."""
    found = _BUILDERS.get(model)
    if found is not None:
        return found
    names: set[str] = set()
    plain: list[tuple[str, frozenset[type]]] = []
    built: list[tuple[str, _Build]] = []

    # What model_construct does when every field is given (and unpickling does): a role
    # is a hundred objects, and model_construct's general case costs three times as much.
    simple = (
        model.__pydantic_post_init__ is None
        and not model.__private_attributes__
        and model.model_config.get("extra") != "allow"
    )
    new, set_ = model.__new__, object.__setattr__

    def build(value: object) -> Any:
        if type(value) is not dict or value.keys() != names:
            raise _Odd
        for name, kinds in plain:
            if type(value[name]) not in kinds:
                raise _Odd
        for name, make in built:
            value[name] = make(value[name])
        if not simple:
            return model.model_construct(**value)
        made = new(model)
        set_(made, "__dict__", value)
        set_(made, "__pydantic_fields_set__", set(names))
        set_(made, "__pydantic_extra__", None)
        set_(made, "__pydantic_private__", None)
        return made

    _BUILDERS[model] = build
    for name, info in model.model_fields.items():
        names.add(name)
        shape = _shape(info.annotation)
        if isinstance(shape, frozenset):
            plain.append((name, shape))
        else:
            built.append((name, shape))
    return build


def _shape(tp: Any) -> _Shape:
    found = _SHAPES.get(tp)
    if found is None:
        found = _SHAPES[tp] = _new_shape(tp)
    return found


def _new_shape(tp: Any) -> _Shape:
    from pydantic import BaseModel

    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Annotated:
        return _shape(args[0])
    if origin in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args:
        inner = _shape(next(a for a in args if a is not type(None)))
        if isinstance(inner, frozenset):
            return inner | {type(None)}
        make = inner
        return lambda v: None if v is None else make(v)
    if origin is list:
        return _list_of(_shape(args[0]))
    if origin is dict and _shape(args[0]) == frozenset({str}):
        return _dict_of(_shape(args[1]))
    if origin is typing.Literal:  # a key action's kind: one of the words, nothing else
        words = frozenset(args)
        return lambda v: v if type(v) is str and v in words else _odd()
    if tp is str or tp is int:
        return frozenset({tp})
    if tp is float:
        return frozenset({int, float})  # a default such as 3 stays the int it is
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return _builder(tp)
    raise TypeError(f"the catalog cache cannot hold a {tp!r}")  # pragma: no cover


def _list_of(item: _Shape) -> _Build:
    if not isinstance(item, frozenset):
        return lambda v: [item(x) for x in _expect(v, list)]
    kinds = item

    def plain_list(value: object) -> list[object]:
        items = _expect(value, list)
        if not all(type(x) in kinds for x in items):
            raise _Odd
        return items

    return plain_list


def _dict_of(value_shape: _Shape) -> _Build:
    def check_keys(value: object) -> dict[object, object]:
        found = _expect(value, dict)
        if not all(type(k) is str for k in found):
            raise _Odd
        return found

    if not isinstance(value_shape, frozenset):
        make = value_shape
        return lambda v: {k: make(x) for k, x in check_keys(v).items()}
    kinds = value_shape

    def plain_dict(value: object) -> dict[object, object]:
        found = check_keys(value)
        if not all(type(x) in kinds for x in found.values()):
            raise _Odd
        return found

    return plain_dict


# --- writing ------------------------------------------------------------------------------


def write(stamp: Stamp, roles: Sequence[LoadedRole]) -> None:
    """Keep ``roles`` (in the catalog's order) under ``stamp``, atomically; a failure is no
    concern of the user's."""
    from laddercli.roles.files import RoleSummary

    if not _SUPPORTED:
        return
    index: list[list[object]] = []
    blobs: list[bytes] = []
    offset = 0
    for lr in roles:
        blob = _dumps(lr.role.model_dump())
        s = RoleSummary.of(lr)
        notes = [[text, list(about)] for text, about in s.notes]
        index.append(
            [s.id, s.title, s.short_title, list(s.targets), notes, s.has_dimensions]
            + [os.fsdecode(s.path), s.builtin, offset, len(blob), _digest(blob)]
        )
        blobs.append(blob)
        offset += len(blob)
    head = _dumps(index)
    digest = hashlib.sha256(head).hexdigest().encode()
    header = MAGIC + stamp.digest + b" " + digest + b" " + str(len(head)).encode() + b"\n"
    with contextlib.suppress(OSError):
        folder = _open_folder(create=True)
        try:
            _replace(folder, [header, head, *blobs])
        finally:
            os.close(folder)


def _dumps(data: list[Any] | dict[str, Any]) -> bytes:
    """Plain data (text, numbers, None, lists and mappings of them) as JSON."""
    import json

    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.encode("utf-8", "surrogatepass")


def _loads(data: bytes) -> Any:
    """What ``_dumps`` wrote; ValueError (or RecursionError) for anything else."""
    import json

    text = data.decode("utf-8", "surrogatepass")
    value, end = json.JSONDecoder().raw_decode(text)
    if end != len(text):
        raise _Odd
    return value


def _replace(folder: int, parts: list[bytes]) -> None:
    """Write ``parts`` to a new file in ``folder``, then put it in the cache's place."""
    tmp = f".{FILE_NAME}.{os.urandom(6).hex()}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(tmp, flags, 0o600, dir_fd=folder)
    try:
        with open(fd, "wb") as fh:
            fh.writelines(parts)
        os.replace(tmp, FILE_NAME, src_dir_fd=folder, dst_dir_fd=folder)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp, dir_fd=folder)
    for old in _OLD_FILE_NAMES:
        with contextlib.suppress(OSError):
            os.unlink(old, dir_fd=folder)


def _discard() -> None:
    """Remove a cache found damaged, so that the next command writes it anew."""
    with contextlib.suppress(OSError):
        folder = _open_folder(create=False)
        try:
            os.unlink(FILE_NAME, dir_fd=folder)
        finally:
            os.close(folder)


# --- the folder ---------------------------------------------------------------------------


def _open_folder(*, create: bool) -> int:
    """The cache folder, opened: OSError unless it is a real folder of the user's that
    nobody else may write to. ``create`` makes it, for the user only, if it is missing."""
    path = cache_dir()
    if create:
        private_folder(path.parent)  # LADDER_HOME, when it holds the cache: 0700
        with contextlib.suppress(FileExistsError):
            path.mkdir(mode=0o700)
    fd = os.open(path, _OPEN_FLAGS | os.O_DIRECTORY | os.O_NOFOLLOW)
    if not _users_own(os.fstat(fd)):
        os.close(fd)
        raise PermissionError(f"{path} is not the user's own")
    return fd


def _users_own(st: os.stat_result) -> bool:
    """It belongs to the user, and nobody else may change it."""
    return st.st_uid == os.getuid() and not st.st_mode & 0o022
