"""The role reference: ``ladder roles``, ``show``, ``compare``, ``validate`` and ``schema``.

No ``from __future__ import annotations``: Typer reads these annotations at run time.
"""

from pathlib import Path
from typing import Annotated, Optional

import typer

from laddercli.cli.application import Application
from laddercli.cli.errors import errors
from laddercli.cli.options import (
    FormatOption,
    OutputOption,
    RoleArgument,
    complete_role,
    flag,
)
from laddercli.cli.root import app
from laddercli.errors import ExitCode
from laddercli.render.output import CheckFormat
from laddercli.visible import visible


@app.command()
def roles(ctx: typer.Context, format: FormatOption = None, output: OutputOption = None) -> None:
    """List the roles: ids, titles and the paths that lead from each."""
    from laddercli.views import roles as views

    run = Application.of(ctx)
    with errors():
        catalog = run.catalog()
        run.emit(
            format,
            output,
            lambda: views.roles_blocks(catalog),
            lambda: views.roles_data(catalog),
            what="list of roles",
        )


@app.command()
def show(
    ctx: typer.Context,
    role: RoleArgument,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Show a role's whole profile, with the paths that lead from it in full."""
    from laddercli.views import roles as views

    run = Application.of(ctx)
    with errors():
        catalog = run.catalog()
        found = catalog.get(role)
        run.emit(
            format,
            output,
            lambda: views.role_blocks(catalog, found),
            lambda: views.role_data(found),
            what="role profile",
        )


@app.command()
def compare(
    ctx: typer.Context,
    roles: Annotated[
        list[str],
        typer.Argument(
            metavar="ROLE",
            help="Two or more role ids, such as vp cto ceo; one column each, in this order.",
            autocompletion=complete_role,
            show_default=False,
        ),
    ],
    diff: Annotated[bool, flag("--diff", help="Keep only the rows whose values differ.")] = False,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Compare roles side by side, with the paths that join them."""
    from laddercli.views import roles as views

    run = Application.of(ctx)
    with errors():
        catalog = run.catalog()
        found = [catalog.get(r) for r in roles]
        run.emit(
            format,
            output,
            lambda: views.comparison_blocks(catalog, found, diff=diff),
            lambda: views.comparison_data(catalog, found, diff=diff),
            what="comparison",
        )


@app.command()
def validate(
    ctx: typer.Context,
    paths: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Argument(
            metavar="PATH",
            help="Role files or folders to check. Default: every role in use (the built-in "
            "roles and your --roles / LADDER_ROLES folders).",
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        CheckFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="Output format: text or json.",
            case_sensitive=False,
        ),
    ] = CheckFormat.text,
) -> None:
    """Check role files and say which are valid. Exit 2 if any has a problem."""
    from laddercli.render.output import to_json
    from laddercli.roles import catalog as cat
    from laddercli.views.validate import validate_data, validate_lines

    with errors():
        reports = cat.validate(paths or [], Application.of(ctx).role_dirs())
        if format is CheckFormat.json:
            typer.echo(to_json(validate_data(reports)), nl=False)
        else:
            for line in validate_lines(reports):
                typer.echo(line)
        if any(r.problems for r in reports):
            raise typer.Exit(ExitCode.BAD_INPUT)


@app.command()
def schema(
    ctx: typer.Context,
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
    from laddercli.render.output import to_json
    from laddercli.roles.model import json_schema

    run = Application.of(ctx)
    with errors():
        run.write_text(to_json(json_schema()), output)
        if output not in (None, "-"):
            run.terminal.echo(f"Wrote the role file schema to {visible(output)}")
