"""The ``ladder`` command: parses options, calls the core, renders, maps errors to exits.

Start-up matters here: this module imports only Typer and light modules of our own.
PyYAML, pydantic models, Rich renderers and (later) questionary are imported inside the
commands that need them.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from laddercli import __version__
from laddercli.errors import ExitCode, LadderError, RoleFileError
from laddercli.output import CheckFormat, OutputFormat

if TYPE_CHECKING:
    from laddercli.catalog import Catalog
    from laddercli.document import Block

DEBUG_ENV = "LADDER_DEBUG"

app = typer.Typer(
    name="ladder",
    help=(
        "Engineering leadership roles: what each asks of you, how they compare, and the "
        "path from one to the next.\n\n"
        "The built-in roles are the VP of Engineering, the CTO and the CEO; add your own "
        "with --roles DIR."
    ),
    epilog="Examples: ladder roles · ladder show vp · ladder compare vp cto ceo",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ladder {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    roles: Annotated[
        Optional[list[Path]],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Option(
            "--roles",
            metavar="DIR",
            help="A folder of your own role files, layered over the built-in roles (a file "
            "with a built-in id replaces it). Repeat for several; the LADDER_ROLES variable "
            "adds folders too, separated like PATH.",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Options read by the commands through the root context (see ``_role_dirs``)."""


# --- shared pieces ----------------------------------------------------------------------


@contextlib.contextmanager
def _errors() -> Iterator[None]:
    """Turn the core's errors into one clear message on stderr and an exit code."""
    try:
        yield
    except RoleFileError as exc:
        for problem in exc.problems:
            typer.echo(str(problem), err=True)
        raise typer.Exit(exc.exit_code) from None
    except LadderError as exc:
        typer.echo(f"ladder: {exc}", err=True)
        raise typer.Exit(exc.exit_code) from None


def _role_dirs(ctx: typer.Context) -> list[Path]:
    """The user's role folders: LADDER_ROLES, then the root's --roles options.

    Read from the root context's parameters, which are there in a normal run and while
    the shell completes an argument (when the root callback does not run) alike.
    """
    from laddercli.catalog import user_role_dirs

    return user_role_dirs([Path(p) for p in ctx.find_root().params.get("roles") or []])


def _catalog(ctx: typer.Context) -> Catalog:
    from laddercli.catalog import load_catalog

    return load_catalog(_role_dirs(ctx))


def _complete_role(ctx: typer.Context, incomplete: str) -> list[str]:
    """Role ids for the shell, from every layer, leaving out roles already named."""
    named = ctx.params.get("roles") or [] if ctx.command.name == "compare" else []
    try:
        ids = _catalog(ctx).ids
    except LadderError:
        return []
    wanted = incomplete.casefold()
    return [i for i in ids if i.startswith(wanted) and i not in named]


def _emit(
    fmt: OutputFormat | None,
    output: str | None,
    blocks: Callable[[], list[Block]],
    data: Callable[[], Any],
) -> None:
    from laddercli.output import choose_format, to_json, write_text, writing_to

    chosen = choose_format(fmt, output)
    if chosen is OutputFormat.json:
        write_text(to_json(data()), output)
    elif chosen is OutputFormat.markdown:
        from laddercli.render_markdown import to_markdown

        write_text(to_markdown(blocks()), output)
    else:
        from laddercli.render_text import make_console, print_blocks, render_plain

        console = make_console()
        if output in (None, "-") and console.is_terminal:
            with writing_to("the terminal"):
                print_blocks(console, blocks())
        else:
            width = console.width if output in (None, "-") else 80
            write_text(render_plain(blocks(), width), output)
    if output not in (None, "-"):
        typer.echo(f"Wrote {chosen.value} to {output}", err=True)


FormatOption = Annotated[
    Optional[OutputFormat],  # noqa: UP045
    typer.Option(
        "--format",
        "-f",
        help="Output format. Default: what the -o file's name says (.md, .json), else text.",
        show_default=False,
        case_sensitive=False,
    ),
]
OutputOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE instead of the screen (- for standard output). A name ending "
        "in .md or .json picks that format.",
        show_default=False,
    ),
]
RoleArgument = Annotated[
    str,
    typer.Argument(
        metavar="ROLE",
        help="A role id, such as vp, cto or ceo (any case).",
        autocompletion=_complete_role,
        show_default=False,
    ),
]


# --- commands ---------------------------------------------------------------------------


@app.command()
def roles(ctx: typer.Context, format: FormatOption = None, output: OutputOption = None) -> None:
    """List the roles: ids, titles and the paths that lead from each."""
    from laddercli import views

    with _errors():
        catalog = _catalog(ctx)
        _emit(
            format, output, lambda: views.roles_blocks(catalog), lambda: views.roles_data(catalog)
        )


@app.command()
def show(
    ctx: typer.Context,
    role: RoleArgument,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Show a role's whole profile, with the paths that lead from it in full."""
    from laddercli import views

    with _errors():
        catalog = _catalog(ctx)
        found = catalog.get(role)
        _emit(
            format,
            output,
            lambda: views.role_blocks(catalog, found),
            lambda: views.role_data(found),
        )


@app.command()
def compare(
    ctx: typer.Context,
    roles: Annotated[
        list[str],
        typer.Argument(
            metavar="ROLE",
            help="Two or more role ids, such as vp cto ceo; one column each, in this order.",
            autocompletion=_complete_role,
            show_default=False,
        ),
    ],
    diff: Annotated[
        bool, typer.Option("--diff", help="Keep only the rows whose values differ.")
    ] = False,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Compare roles side by side, with the paths that join them."""
    from laddercli import views

    with _errors():
        catalog = _catalog(ctx)
        found = [catalog.get(r) for r in roles]
        _emit(
            format,
            output,
            lambda: views.comparison_blocks(catalog, found, diff=diff),
            lambda: views.comparison_data(catalog, found, diff=diff),
        )


@app.command()
def validate(
    ctx: typer.Context,
    paths: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Argument(
            metavar="[PATH...]",
            help="Role files or folders to check. Default: every role in use (the built-in "
            "roles and your --roles / LADDER_ROLES folders).",
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        CheckFormat,
        typer.Option("--format", "-f", help="text or json.", case_sensitive=False),
    ] = CheckFormat.text,
) -> None:
    """Check role files and say which are valid. Exit 2 if any has a problem."""
    from laddercli import catalog as cat
    from laddercli.output import to_json

    with _errors():
        reports = cat.validate(paths or [], _role_dirs(ctx))
        bad = [r for r in reports if r.problems]
        if format is CheckFormat.json:
            typer.echo(
                to_json(
                    {
                        "valid": not bad,
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
                ),
                nl=False,
            )
        else:
            for report in reports:
                if report.problems:
                    for problem in report.problems:
                        typer.echo(str(problem))
                else:
                    typer.echo(f"{report.file}: valid (role {report.role_id})")
            typer.echo(_summary(len(reports), len(bad)))
        if bad:
            raise typer.Exit(ExitCode.BAD_INPUT)


def _summary(checked: int, bad: int) -> str:
    if checked == 1:
        return "The file has problems." if bad else "The file is valid."
    if not bad:
        return f"All {checked} files are valid."
    return f"{bad} of {checked} files {'has' if bad == 1 else 'have'} problems."


@app.command()
def schema(
    output: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            show_default=False,
            help="Write the schema to FILE instead of standard output.",
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of role files, for editors that check YAML as you type."""
    from laddercli.model import json_schema
    from laddercli.output import to_json, write_text

    with _errors():
        write_text(to_json(json_schema()), output)
        if output not in (None, "-"):
            typer.echo(f"Wrote the role file schema to {output}", err=True)


def main() -> None:
    """Console entry point: no traceback for users unless LADDER_DEBUG is set."""
    try:
        app(prog_name="ladder")
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        if os.environ.get(DEBUG_ENV):
            raise
        typer.echo(
            f"ladder: internal error: {type(exc).__name__}: {exc}\n"
            f"Set {DEBUG_ENV}=1 to see the traceback, and please report it.",
            err=True,
        )
        sys.exit(ExitCode.ERROR)
