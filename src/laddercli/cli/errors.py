"""The core's errors as the user sees them: one clear message on stderr and an exit code."""

import contextlib
from collections.abc import Iterator

import typer

from laddercli.errors import FileProblems, LadderError


@contextlib.contextmanager
def errors() -> Iterator[None]:
    """Turn the core's errors into one clear message on stderr and an exit code."""
    try:
        yield
    except FileProblems as exc:
        for problem in exc.problems:
            typer.echo(str(problem), err=True)
        raise typer.Exit(exc.exit_code) from None
    except LadderError as exc:
        typer.echo(f"ladder: {exc}", err=True)
        raise typer.Exit(exc.exit_code) from None
