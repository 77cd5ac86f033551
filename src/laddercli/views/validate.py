"""What ``ladder validate`` shows: a line per file (or its problems) and a summary, or the
same as JSON data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from laddercli.visible import visible

if TYPE_CHECKING:
    from collections.abc import Sequence

    from laddercli.roles.catalog import FileReport


def validate_lines(reports: Sequence[FileReport]) -> list[str]:
    """Each file's problems, or that it is valid, then the summary."""
    lines: list[str] = []
    for report in reports:
        if report.problems:
            lines.extend(str(problem) for problem in report.problems)
        else:
            lines.append(f"{visible(report.file)}: valid (role {report.role_id})")
    lines.append(summary(len(reports), sum(1 for r in reports if r.problems)))
    return lines


def summary(checked: int, bad: int) -> str:
    if checked == 1:
        return "The file has problems." if bad else "The file is valid."
    if not bad:
        return f"All {checked} files are valid."
    return f"{bad} of {checked} files {'has' if bad == 1 else 'have'} problems."


def validate_data(reports: Sequence[FileReport]) -> dict[str, Any]:
    """Whether every file is valid, and each file's problems, located."""
    return {
        "valid": not any(r.problems for r in reports),
        "files": [
            {
                "file": r.file,
                "role": r.role_id,
                "valid": not r.problems,
                "problems": [
                    {
                        "line": p.line,
                        "column": p.column,
                        "field": p.field,
                        "message": p.message,
                    }
                    for p in r.problems
                ],
            }
            for r in reports
        ],
    }
