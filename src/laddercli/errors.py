"""Errors raised by the core, and the exit codes the CLI maps them to.

The core never prints or exits: it raises one of these, and ``cli.py`` turns it into
one message on stderr and an exit code, once, at the boundary.
"""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple

from laddercli.visible import visible


class ExitCode(IntEnum):
    OK = 0
    ERROR = 1
    BAD_INPUT = 2
    CANCELLED = 130


class LadderError(Exception):
    """Base of every error a user may see. ``str(err)`` is the whole message, with any
    control characters from data (a file or person's name) shown as escapes."""

    exit_code: ExitCode = ExitCode.ERROR

    def __str__(self) -> str:
        return visible(super().__str__())


class Problem(NamedTuple):
    """One problem in one role file, located as precisely as we can."""

    file: str
    message: str
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    field: str = ""  # data path such as ``paths.cto.indicators[2]``

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" {self.field}:" if self.field else ""
        return visible(f"{where}:{field} {self.message}")


class FileProblems(LadderError):
    """One or more located problems in files a user gave: each is shown on a line of its
    own (``Problem``), and the exit code says bad input. ``kind`` names the sort of file
    in messages."""

    exit_code = ExitCode.BAD_INPUT
    kind = "file"

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError(f"{type(self).__name__} needs at least one problem")
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class RoleFileError(FileProblems):
    """One or more problems in role files."""

    kind = "role file"


class AnswersFileError(FileProblems):
    """One or more problems in an answers file (or a draft, or answers from the history)."""

    kind = "answers file"


def problems_in(kind: str, problems: list[Problem]) -> FileProblems:
    """The error for ``problems`` in a file of ``kind`` ("role file", "answers file")."""
    for error in (RoleFileError, AnswersFileError):
        if error.kind == kind:
            return error(problems)
    return FileProblems(problems)


class UnknownRoleError(LadderError):
    exit_code = ExitCode.BAD_INPUT

    def __init__(self, name: str, known: list[str], suggestion: str | None) -> None:
        self.name = name
        self.known = known
        self.suggestion = suggestion
        message = f"unknown role {name!r}."
        if suggestion:
            message += f" Did you mean {suggestion!r}?"
        message += f" Known roles: {', '.join(known) if known else '(none)'}."
        super().__init__(message)


class UsageError(LadderError):
    """The user's options do not fit together."""

    exit_code = ExitCode.BAD_INPUT


class OutputError(LadderError):
    """A report or export could not be written."""

    exit_code = ExitCode.ERROR
