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
from collections.abc import Iterable, Iterator
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
_DESCRIPTOR = r"/dev/fd/(\d+)|/proc/self/fd/(\d+)|/dev/(stdout|stderr)"


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
    return int(number or proc) if std is None else {"stdout": 1, "stderr": 2}[std]


def write_text(
    text: str, output: str | None, *, inputs: Iterable[Path] = (), new: bool = False
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
        _write_through(fd, text, output)
        return
    write_file(Path(output), text, inputs=inputs, new=new)


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


def check_output(path: Path, inputs: Iterable[Path] = (), *, new: bool = False) -> None:
    """Refuse, before any work is done, an output file that must not be written (see
    ``_refuse``; ``check_writable`` refuses one that could not be)."""
    if descriptor(str(path)) is None:
        _refuse(path, inputs, new=new)


def _refuse(path: Path, inputs: Iterable[Path], *, new: bool) -> None:
    """Refuse to write over what a user typed or keeps: a file the command reads (under
    any name: a symbolic or hard link to it too), a read-only file (the rename of an atomic
    write would ignore its mode), and, if ``new``, a file that already holds something.
    ``inputs`` is only looked at when the output file exists."""
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return  # a new file; or one the write itself will say what is wrong with
    if not stat.S_ISREG(found.st_mode):
        return  # a device or a named pipe is written through, not replaced
    for item in inputs:
        try:
            same = os.path.samestat(found, os.stat(item))
        except (OSError, ValueError):
            continue
        if same:
            also = "" if os.path.abspath(item) == os.path.abspath(path) else f"{item}, "
            raise UsageError(
                f"-o {path} is {also}a file ladder reads, and it does not write over it: "
                "give -o another file name"
            )
    if (not found.st_mode & 0o222 or not os.access(path, os.W_OK)) and not _on_read_only(path):
        raise OutputError(
            f"cannot write {path}: the file is read-only, and ladder does not write over it; "
            "make it writable, or write to another file"
        )
    if new and found.st_size:
        raise UsageError(
            f"{path} already exists, and ladder does not write over it (it may hold "
            "answers): give another file name, or add --force to replace it"
        )


def _on_read_only(path: Path) -> bool:
    """Whether ``path`` is on a file system mounted read-only (the write says so itself)."""
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):  # no statvfs on Windows
        return False


def write_file(path: Path, text: str, *, inputs: Iterable[Path] = (), new: bool = False) -> None:
    """Write ``text`` to ``path``: atomically for a regular file or a new one.

    A symbolic link is followed, so the file it points at is replaced, not the link. A
    device or a named pipe (``/dev/null``, a FIFO) is written through: renaming a file over
    it would replace the device itself. What must not be written over is refused (see
    ``_refuse``).
    """
    _refuse(path, inputs, new=new)
    real = Path(os.path.realpath(path))
    try:
        special = real.exists() and not real.is_file() and not real.is_dir()
    except OSError:
        special = False
    if not special:
        write_file_atomic(real, text, shown=path)
        return
    try:
        with real.open("w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None


def _mode_for(path: Path) -> int:
    """Keep an existing file's mode; give a new one the mode open() would (0666 - umask)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_file_atomic(path: Path, text: str, *, shown: Path | None = None) -> None:
    """Write a temporary file beside ``path``, then rename it over ``path``.

    An interrupted or failed write leaves no half-written file and never damages an
    existing one.
    """
    import tempfile  # not at start-up: it pulls in random and shutil

    shown = shown or path
    folder = path.parent if str(path.parent) else Path(".")
    tmp_name = None
    try:
        if path.is_dir():  # in the try: a name too long for the system raises here
            raise OutputError(f"cannot write {shown}: it is a folder")
        with tempfile.NamedTemporaryFile(
            "w",
            encoding="utf-8",
            dir=folder,
            prefix=f".{path.name}.",
            suffix=".tmp",
            delete=False,
        ) as tmp:
            tmp_name = tmp.name
            tmp.write(text)
            tmp.flush()
            os.chmod(tmp_name, _mode_for(path))
            os.fsync(tmp.fileno())
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as exc:
        if tmp_name is None and not _folder_there(folder):  # say which, not just ENOENT
            raise OutputError(
                f"cannot write {shown}: the folder {shown.parent} does not exist"
            ) from None
        raise OutputError(f"cannot write {shown}: {exc.strerror or exc}") from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _folder_there(folder: Path) -> bool:
    """Whether ``folder`` is a folder; True where that cannot be told (a name too long)."""
    try:
        return folder.is_dir()
    except OSError:
        return True
