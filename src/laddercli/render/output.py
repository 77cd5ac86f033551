"""Choosing an output format and writing output safely.

Kept free of Rich, PyYAML and pydantic so that the CLI can import it at start-up.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Any

from laddercli.errors import OutputError, UsageError


class OutputFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"
    html = "html"


class CheckFormat(StrEnum):
    text = "text"
    json = "json"


SUFFIX_FORMATS = {
    ".md": OutputFormat.markdown,
    ".markdown": OutputFormat.markdown,
    ".json": OutputFormat.json,
    ".html": OutputFormat.html,
    ".htm": OutputFormat.html,
    ".txt": OutputFormat.text,
}


DOCUMENT_SUFFIXES = {".pdf", ".doc", ".docx", ".odt", ".rtf", ".pages"}


def choose_format(requested: OutputFormat | None, output: str | None) -> OutputFormat:
    """The format asked for; else the one the output file's name implies; else text.

    A name that promises a format ladder does not write (``report.pdf``) is refused, rather
    than filled with text under a misleading name."""
    if output is not None and not output.strip():
        raise UsageError("-o needs a file name (or - for standard output)")
    if output is not None and output.endswith(("/", os.sep)):
        raise UsageError(
            f"-o {output} ends with '{output[-1]}', so it names a folder; give a file name, "
            f"such as {output.rstrip('/' + os.sep) or 'report'}.md"
        )
    suffix = Path(output).suffix.lower() if output and output != "-" else ""
    if suffix in DOCUMENT_SUFFIXES:
        raise UsageError(
            f"ladder does not write {suffix[1:].upper()} files; write HTML (-o "
            f"{Path(output or '').with_suffix('.html').name}) and print it to PDF from a "
            "browser, or markdown (.md) to paste into a document"
        )
    implied = SUFFIX_FORMATS.get(suffix) if suffix else None
    if requested is not None:
        if implied is not None and implied != requested:
            raise UsageError(
                f"--format {requested.value} does not fit the output file {output!r}, whose name "
                f"says {implied.value}; drop one of them"
            )
        return requested
    return implied or OutputFormat.text


def to_json(data: Any) -> str:
    """JSON text, readable in any script; DEL, C1 and bidi controls written as escapes
    (``json.dumps`` escapes the other control characters itself)."""
    import json

    from laddercli.visible import json_escaped

    return json_escaped(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"


STANDARD_OUTPUT_NAMES = ("/dev/stdout", "/dev/fd/1", "/proc/self/fd/1")
# Compiled when first used (by re's own cache), not at every command's start-up.
_DESCRIPTOR = r"/dev/fd/(\d+)|/proc/self/fd/(\d+)|/dev/(stdin|stdout|stderr)"


def _open_descriptors() -> frozenset[int]:
    """The file descriptors open now. Where they cannot be listed: those of 0, 1 and 2
    that are open."""
    try:
        names = os.listdir("/proc/self/fd" if os.path.isdir("/proc/self/fd") else "/dev/fd")
        found = [int(n) for n in names if n.isdigit()]
    except OSError:
        found = [0, 1, 2]
    return frozenset(fd for fd in found if _is_open(fd))  # not the listing's own, closed now


def _is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


# The descriptors ladder was given (the shell's 3>log.txt), listed as this module is
# imported, when the CLI starts and before ladder opens anything: -o /dev/fd/N names only
# one of these, never one that ladder opened itself (the history's database).
GIVEN_DESCRIPTORS = _open_descriptors()


def destination(output: str | None) -> str | None:
    """``-o`` as given, but ``-`` for a name of the standard output (``/dev/stdout``,
    ``/dev/fd/1``, ``/proc/self/fd/1``): it is written through, as ``-`` is, so that
    ``>> log.txt`` appends to the log and a pipe works (a file renamed over the name would
    replace the log, and cannot be renamed into a pipe)."""
    return "-" if output in STANDARD_OUTPUT_NAMES else output


def descriptor(output: str) -> int | None:
    """The open file descriptor an output name such as ``/dev/fd/3`` or ``/dev/stderr``
    stands for, if it is one."""
    found = re.fullmatch(_DESCRIPTOR, output)
    if found is None:
        return None
    number, proc, std = found.groups()
    return int(number or proc) if std is None else {"stdin": 0, "stdout": 1, "stderr": 2}[std]


def write_text(
    text: str, output: str | None, *, inputs: Iterable[Path | int] = (), new: bool = False
) -> None:
    """Write to standard output (``None`` or ``-``, or a name of it), through an open file
    descriptor (``/dev/fd/3``, ``/dev/stderr``), or atomically to a file, which must not be
    one of ``inputs`` (the files the command reads) and, if ``new``, must not hold anything
    yet (see ``check_output``)."""
    output = destination(output)
    if output is None or output == "-":
        with writing_to("standard output"):
            sys.stdout.write(text)
            sys.stdout.flush()
        return
    fd = descriptor(output)
    if fd is not None:
        _check_descriptor(fd, output, inputs)
        _write_through(fd, text, output)
        return
    write_file(Path(output), text, inputs=inputs, new=new)


def _check_descriptor(fd: int, shown: str, inputs: Iterable[Path | int]) -> None:
    """Refuse a descriptor ladder was not given when it started, and one open on a file
    the command reads."""
    if fd not in GIVEN_DESCRIPTORS:
        raise UsageError(
            f"-o {shown}: ladder was not started with file descriptor {fd} open; name a file, "
            f"or open it in the shell ({fd}>FILE)"
        )
    try:
        found = os.fstat(fd)
    except OSError:
        return  # closed meanwhile: the write says so
    if stat.S_ISREG(found.st_mode):
        _not_an_input(shown, found, inputs)


def _write_through(fd: int, text: str, shown: str) -> None:
    """Write at an open file descriptor's own position: appended where it appends."""
    with writing_to(shown):
        if fd == 2:
            sys.stderr.write(text)
            sys.stderr.flush()
            return
        data = text.encode("utf-8")
        while data:
            data = data[os.write(fd, data) :]


@contextlib.contextmanager
def writing_to(what: str) -> Iterator[None]:
    """Turn a failed write to a stream (a full disk, say) into an OutputError."""
    try:
        yield
    except BrokenPipeError:
        raise  # a reader such as `head` stopped early: Typer ends quietly
    except OSError as exc:
        raise OutputError(f"cannot write to {what}: {exc.strerror or exc}") from None


def check_writable(path: Path) -> None:
    """Refuse, before any work is done, an output file that could not be written."""
    real = Path(os.path.realpath(path))
    folder = real.parent
    try:
        real.stat()
    except OSError as exc:  # a name too long for the system, say; not there is fine
        if exc.errno != errno.ENOENT:
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    if real.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder")
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK) and not os.access(real, os.W_OK):
        raise OutputError(f"cannot write {path}: the folder {folder} is not writable")


def check_output(path: Path, inputs: Iterable[Path | int] = (), *, new: bool = False) -> None:
    """Refuse, before any work is done, an output file that must not be written (see
    ``_refuse``; ``check_writable`` refuses one that could not be)."""
    fd = descriptor(str(path))
    if fd is None:
        _refuse(path, inputs, new=new)
    else:
        _check_descriptor(fd, str(path), inputs)


def _refuse(path: Path, inputs: Iterable[Path | int], *, new: bool) -> str:
    """Refuse to write over what a user typed or keeps: a file the command reads (under
    any name: a symbolic or hard link to it too), a read-only file (the rename of an atomic
    write would ignore its mode), and, if ``new``, a file that already holds something; and
    refuse to write through a symbolic link that someone else could have made or changed
    (see ``_follow``). ``inputs`` is only looked at when the output file exists. The file
    the name leads to, absolute."""
    real = _follow(path)
    try:
        found = os.stat(real)
    except (OSError, ValueError):
        return real  # a new file; or one the write itself will say what is wrong with
    if not stat.S_ISREG(found.st_mode):
        return real  # a device or a named pipe is written through, not replaced
    _not_an_input(str(path), found, inputs)
    if (not found.st_mode & 0o222 or not os.access(real, os.W_OK)) and not _on_read_only(real):
        raise OutputError(
            f"cannot write {path}: the file is read-only, and ladder does not write over it; "
            "make it writable, or write to another file"
        )
    if new and found.st_size:
        raise UsageError(
            f"{path} already exists, and ladder does not write over it (it may hold "
            "answers): give another file name, or add --force to replace it"
        )
    return real


FORM_MARK = b'id="form-meta"'  # in every page ladder form writes
# Patterns, compiled (and cached by ``re``) only when -o names a file that exists: not at
# the start of every command. YAML's top-level key, and the first field of a list of forms
# sent as ``ladder form`` writes it (``collect.SENT_MARK``).
_ANSWERS_KEY = rb"(?m)^answers[ \t]*:"
SENT_MARK = rb'\A\s*\{\s*"ladder"\s*:\s*"forms sent"'


def refuse_kept(output: str, command: str, reads: Iterable[str] = ()) -> None:
    """Refuse, before any work is done, to write a report over a file someone keeps: a
    form ladder form made (it may still be waiting for its rater), or a file that holds
    answers (an answers file's top-level ``answers``), as ``--template`` refuses to write
    over one. Standard output, descriptors, files that are not regular, and the files
    and folders the command reads (``reads``: refused as such, with their own message)
    are left to the write."""
    if output == "-" or descriptor(output) is not None or _read_by(output, reads):
        return
    try:
        if not stat.S_ISREG(os.stat(output).st_mode):
            return
        fd = os.open(output, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | _CLOEXEC)
        with open(fd, "rb") as fh:
            head = fh.read(1 << 20)
    except (OSError, ValueError):
        return  # not there, or the write will say what is wrong
    what = None
    if FORM_MARK in head:
        what = "is a form ladder form made (its rater may not have answered yet)"
    elif re.search(SENT_MARK, head):
        what = "is a list of forms sent (ladder form's sent.json)"
    elif _holds_answers(head):
        what = "holds answers"
    if what is not None:
        from laddercli.visible import visible

        raise UsageError(
            f"-o {visible(output)} {what}, and ladder {command} does not write over it: give "
            "-o another file name"
        )


def _read_by(output: str, reads: Iterable[str]) -> bool:
    """Whether ``output`` is one of the files ``reads`` names (``-``: standard input), or
    an answers file in one of its folders."""
    for name in reads:
        with contextlib.suppress(OSError, ValueError):
            if name == "-":  # standard input, when it is a file
                if os.path.samestat(os.stat(output), os.fstat(0)):
                    return True
            elif os.path.isdir(name):
                folder = os.path.dirname(os.path.abspath(output))
                if os.path.samefile(folder, name) and output.lower().endswith(
                    (".json", ".yaml", ".yml")
                ):
                    return True
            elif os.path.samefile(output, name):
                return True
    return False


def _holds_answers(head: bytes) -> bool:
    """Whether a file's first bytes are an answers file's: JSON with ``answers``, or a
    YAML line ``answers:`` at the top level."""
    import json

    try:
        data = json.loads(head.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        return re.search(_ANSWERS_KEY, head.removeprefix(b"\xef\xbb\xbf")) is not None
    return isinstance(data, dict) and "answers" in data


def _not_an_input(shown: str, found: os.stat_result, inputs: Iterable[Path | int]) -> None:
    """Refuse an output that is the file ``found`` when that is one of ``inputs``: a file
    by name, or an open descriptor (standard input, 0)."""
    for item in inputs:
        try:
            same = os.path.samestat(
                found, os.fstat(item) if isinstance(item, int) else os.stat(item)
            )
        except (OSError, ValueError):
            continue
        if same:
            if isinstance(item, int):
                also = "standard input, " if item == 0 else f"file descriptor {item}, "
            elif os.path.abspath(item) == os.path.abspath(shown):
                also = ""
            else:
                also = f"{item}, "
            raise UsageError(
                f"-o {shown} is {also}a file ladder reads, and it does not write over it: "
                "give -o another file name"
            )


def _on_read_only(path: str) -> bool:
    """Whether ``path`` is on a file system mounted read-only (the write says so itself)."""
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):  # no statvfs on Windows
        return False


# --- where -o leads -------------------------------------------------------------------------

_MAX_LINKS = 40  # links followed in one name, as Linux allows


def _follow(path: Path) -> str:
    """The file ``path`` names, as an absolute name with no symbolic link in it: each link
    on the way is followed only if someone else could not have made or changed it. A link
    another user owns, or one in a folder others can write to, is refused: a co-user who
    plants ``/shared/team/report.txt -> ~/.bashrc`` would have ladder write the report
    over the victim's file. (The superuser's links are followed: they are the system's.)

    Where a name cannot be looked at (nothing there yet, a name too long), the rest is
    joined on as it is: the write says what is wrong."""
    if not hasattr(os, "getuid"):  # pragma: no cover - Windows: no owners to compare
        return os.path.realpath(path)
    parts = os.path.join(os.getcwd(), os.fspath(path)).split("/")
    parts.reverse()  # the next part last
    resolved, followed = "/", 0
    while parts:
        part = parts.pop()
        if part in ("", "."):
            continue
        if part == "..":
            resolved = os.path.dirname(resolved)
            continue
        name = os.path.join(resolved, part)
        try:
            found = os.lstat(name)
        except (OSError, ValueError):
            rest = [p for p in reversed(parts) if p not in ("", ".")]
            return os.path.join(name, *rest)
        if not stat.S_ISLNK(found.st_mode):
            resolved = name
            continue
        followed += 1
        if followed > _MAX_LINKS:
            raise OutputError(f"cannot write {path}: {os.strerror(errno.ELOOP)}")
        last = all(p in ("", ".") for p in parts)
        _check_link(path, name, found, resolved, last=last)
        target = os.readlink(name)
        if target.startswith("/"):
            resolved = "/"
        parts.extend(reversed(target.split("/")))
    return resolved


def _check_link(given: Path, link: str, found: os.stat_result, folder: str, *, last: bool) -> None:
    """Refuse a link of another user's, or one in a folder others may change."""
    if someone_else(found.st_uid):
        whose = "owned by another user"
    else:
        try:
            open_to_others = _open_to_others(os.stat(folder))
        except OSError:
            open_to_others = True
        if not open_to_others:
            return
        whose = "in a folder others can write to"
    what = "is a symbolic link" if last else f"leads through {link}, a symbolic link"
    raise UsageError(
        f"-o {given} {what} {whose}; ladder does not write through it: give -o another file name"
    )


def yours(uid: int) -> bool:
    """Whether ``uid`` is the user's (tests make it another's)."""
    return not hasattr(os, "getuid") or uid == os.getuid()  # Windows: no owners


def someone_else(uid: int) -> bool:
    """Whether ``uid`` is neither the user's nor the superuser's (the system's)."""
    return not yours(uid) and uid != 0


def _open_to_others(folder: os.stat_result) -> bool:
    """Whether someone other than the user (or the superuser) may replace what ``folder``
    holds: its owner, if that is another user; anyone, if anyone may write to it; its
    group, if the group is not the user's own. In a sticky folder (``/tmp``) others may add
    names but not replace or remove the user's, and the links asked about are the user's."""
    if someone_else(folder.st_uid):
        return True
    if folder.st_mode & stat.S_ISVTX:
        return False
    if folder.st_mode & stat.S_IWOTH:
        return True
    return bool(folder.st_mode & stat.S_IWGRP) and not _private_group(folder.st_gid)


def _private_group(gid: int) -> bool:
    """Whether ``gid`` is the user's private group (named after the user, with no other
    member), as systems that give each user a group of their own make it: the folders of
    a user whose umask is 002 are group-writable, and nobody else is in the group."""
    try:
        import grp
        import pwd

        user = pwd.getpwuid(os.getuid()).pw_name
        group = grp.getgrgid(gid)
    except (ImportError, KeyError):
        return False
    return gid == os.getgid() and group.gr_name == user and set(group.gr_mem) <= {user}


# --- writing --------------------------------------------------------------------------------


def write_file(
    path: Path, text: str, *, inputs: Iterable[Path | int] = (), new: bool = False
) -> None:
    """Write ``text`` to ``path``: atomically for a regular file or a new one.

    A symbolic link is followed, so the file it points at is replaced, not the link; but
    only a link that is safe to follow (see ``_follow``). A device or a named pipe
    (``/dev/null``, a FIFO) is written through: renaming a file over it would replace the
    device itself. What must not be written over is refused (see ``_refuse``).
    """
    real = _refuse(path, inputs, new=new)
    try:
        found = os.stat(real)
        special = not stat.S_ISREG(found.st_mode) and not stat.S_ISDIR(found.st_mode)
    except (OSError, ValueError):
        special = False
    if not special:
        _write_atomic(real, text.encode("utf-8"), shown=path)
        return
    try:
        fd = os.open(real, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | _CLOEXEC)
        with open(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None


def _mode_for(before: os.stat_result | None) -> int:
    """The mode of the file replaced, if it is the user's own, less setuid, setgid and
    sticky (a report is not a program); else the mode open() gives a new file (0666 less
    the umask): a co-user who made the file 6777 (or 0666) does not get to rewrite the
    user's report, nor to make it run as the user."""
    if before is not None and stat.S_ISREG(before.st_mode) and yours(before.st_uid):
        return before.st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_file_atomic(path: Path, text: str, *, shown: Path | None = None) -> None:
    """Write a temporary file beside ``path``, then rename it over ``path``.

    An interrupted or failed write leaves no half-written file and never damages an
    existing one. A symbolic link at ``path`` is replaced, not followed.
    """
    folder = os.path.realpath(os.path.dirname(os.path.abspath(path)))  # the user's own
    _write_atomic(os.path.join(folder, path.name), text.encode("utf-8"), shown=shown or path)


_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
# Work in a folder through a descriptor of it, so that the checks and the rename are about
# the same folder whatever is renamed meanwhile (O_PATH: it needs no right to read it).
_AT_FOLDER = os.open in os.supports_dir_fd and hasattr(os, "O_NOFOLLOW")
_FOLDER_FLAGS = getattr(os, "O_PATH", os.O_RDONLY) | getattr(os, "O_DIRECTORY", 0) | _CLOEXEC


def _write_atomic(real: str, data: bytes, *, shown: Path) -> None:
    """Write ``data`` to a new file beside ``real`` (an absolute name), then put it in
    ``real``'s place in one rename. The folder is opened once, each part of its name
    without following a link (``_follow`` has followed those that may be), and everything
    after is done in it; the temporary file is made anew (O_EXCL), never an existing file
    or link; and ``real`` is looked at before and after the writing: if it changed
    meanwhile, nothing is replaced. A new file is put in place as a hard link where the
    file system allows it, which fails rather than replace a file made meanwhile."""
    folder_name, name = os.path.split(real)
    try:
        folder = _open_folder(folder_name)
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):  # say which, not just ENOENT
            raise OutputError(
                f"cannot write {shown}: the folder {shown.parent} does not exist"
            ) from None
        raise OutputError(f"cannot write {shown}: {exc.strerror or exc}") from None
    here = (lambda n: n) if folder is not None else (lambda n: os.path.join(folder_name, n))
    tmp: str | None = None
    try:
        before = _look(here(name), folder)
        if before is not None and stat.S_ISDIR(before.st_mode):
            raise OutputError(f"cannot write {shown}: it is a folder")
        tmp, fd = _new_file(name, folder, here)
        with open(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.chmod(fh.fileno(), _mode_for(before))
            os.fsync(fh.fileno())
        placed = _same(before, _look(here(name), folder)) and (
            _put_new(here(tmp), here(name), folder) if before is None else None
        )
        if placed is False:
            raise OutputError(
                f"cannot write {shown}: it changed while ladder was writing it, and was left "
                "as it is; try again"
            )
        if placed is None:
            os.replace(here(tmp), here(name), src_dir_fd=folder, dst_dir_fd=folder)
            tmp = None
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {exc.strerror or exc}") from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(here(tmp), dir_fd=folder)
        if folder is not None:
            os.close(folder)


def _open_folder(name: str) -> int | None:
    """``name`` (absolute) opened as a folder, part by part, following no link; None where
    the system cannot work in a folder through a descriptor."""
    if not _AT_FOLDER:  # pragma: no cover - Windows
        if not os.path.isdir(name):
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), name)
        return None
    fd = os.open("/", _FOLDER_FLAGS)
    try:
        for part in name.split("/"):
            if part:
                inner = os.open(part, _FOLDER_FLAGS | os.O_NOFOLLOW, dir_fd=fd)
                os.close(fd)
                fd = inner
    except BaseException:
        os.close(fd)
        raise
    return fd


def _look(name: str, folder: int | None) -> os.stat_result | None:
    """What is at ``name`` itself (a link is not followed), or None."""
    try:
        return os.stat(name, dir_fd=folder, follow_symlinks=False)
    except FileNotFoundError:
        return None


def _same(before: os.stat_result | None, after: os.stat_result | None) -> bool:
    if before is None or after is None:
        return before is after
    return (before.st_dev, before.st_ino, stat.S_IFMT(before.st_mode)) == (
        after.st_dev,
        after.st_ino,
        stat.S_IFMT(after.st_mode),
    )


def _new_file(name: str, folder: int | None, here: Callable[[str], str]) -> tuple[str, int]:
    """A temporary file made anew beside ``name``, for the user alone until it is complete:
    its name, and a descriptor open for writing."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | _CLOEXEC
    for _ in range(100):
        tmp = f".{name[:200]}.{os.urandom(4).hex()}.tmp"
        try:
            return tmp, os.open(here(tmp), flags, 0o600, dir_fd=folder)
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), here(name))


def _put_new(tmp: str, name: str, folder: int | None) -> bool | None:
    """Put a hard link to ``tmp`` at ``name``, where nothing was: True; False if a file was
    made there meanwhile (the link fails rather than replace it); None where the file
    system has no hard links (the rename puts ``tmp`` in place instead)."""
    try:
        os.link(tmp, name, src_dir_fd=folder, dst_dir_fd=folder, follow_symlinks=False)
    except FileExistsError:
        return False
    except OSError as exc:
        if exc.errno in (errno.EPERM, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS):
            return None
        raise
    return True
