"""The options and arguments several commands share, declared once, and their parsers.

No ``from __future__ import annotations``: Typer reads these annotations at run time.
"""

from typing import Annotated, Any, Optional

import typer

from laddercli.cli.application import Application
from laddercli.errors import LadderError
from laddercli.render.output import OutputFormat


def flag(*names: str, **options: Any) -> Any:
    """An on/off option. Typer 0.29 shows ``<bool>`` after each flag in the help, as if it
    took a value (``--evidence <bool>``); a flag shows nothing there."""
    return typer.Option(*names, metavar="", **options)


def name_option(name: str, help: str) -> Any:
    """--rater or --person: a name, with the command's own help."""
    return typer.Option(name, metavar="NAME", help=help, show_default=False)


def output_format(text: str) -> OutputFormat:
    """--format's value, in any case; md is markdown, as the file names say."""
    from laddercli.render.output import DOCUMENT_SUFFIXES

    name = text.strip().lower().removeprefix(".")
    name = {"md": "markdown", "htm": "html", "txt": "text"}.get(name, name)
    if name in OutputFormat.__members__:
        return OutputFormat(name)
    if f".{name}" in DOCUMENT_SUFFIXES:
        raise typer.BadParameter(
            f"ladder does not write {name.upper()}; write html and print it to PDF from a "
            "browser, or markdown to paste into a document"
        )
    raise typer.BadParameter(f"{text!r} is not a format: text, markdown, json or html")


def assessment_id(text: str) -> int:
    """An assessment's id, as ``ladder history`` lists them."""
    if not text.strip().isdigit():
        raise typer.BadParameter(
            f"{text!r} is not an id: ids are numbers; ladder history lists them"
        )
    return int(text)


def output_name(value: Optional[str]) -> Optional[str]:  # noqa: UP045
    """-o as given, but - for /dev/stdout and its other names (see output.destination)."""
    from laddercli.render.output import destination

    return destination(value)


def complete_role(ctx: typer.Context, incomplete: str) -> list[str]:
    """Role ids for the shell, from every layer, leaving out roles already named."""
    named = ctx.params.get("roles") or [] if ctx.command.name == "compare" else []
    try:
        ids = Application.of(ctx).catalog().ids
    except LadderError:
        return []
    wanted = incomplete.casefold()
    return [i for i in ids if i.startswith(wanted) and i not in named]


FormatOption = Annotated[
    Optional[OutputFormat],  # noqa: UP045
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        parser=output_format,
        help="Output format: text, markdown (or md), json or html. Default: what the -o "
        "file's name says (.md, .json, .html), else text.",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        callback=output_name,
        help="Write to FILE instead of the screen (- for standard output). A name ending "
        "in .md, .json or .html picks that format.",
        show_default=False,
    ),
]
RoleArgument = Annotated[
    str,
    typer.Argument(
        metavar="ROLE",
        help="A role id, such as vp, cto or ceo (any case).",
        autocompletion=complete_role,
        show_default=False,
    ),
]


def target_argument(help: str) -> Any:
    """An optional TARGET role, with the command's own help."""
    return typer.Argument(
        metavar="TARGET", help=help, autocompletion=complete_role, show_default=False
    )


def role_option(name: str, help: str) -> Any:
    """--from or --to: a role id, completed by the shell."""
    return typer.Option(
        name, metavar="ROLE", help=help, autocompletion=complete_role, show_default=False
    )
