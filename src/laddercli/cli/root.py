"""The ``ladder`` Typer app: its help, how it shows arguments and flags, and the root
callback that makes the run's Application.

No ``from __future__ import annotations`` here: Typer reads the annotations of every
command at every run, several times over, and as strings each read would compile and
evaluate them again (8 ms of a command's start-up).
"""

from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from laddercli import __version__
from laddercli.cli.application import Application
from laddercli.cli.options import flag


def examples(*commands: str) -> str:
    """A help's examples, one command a line, so none is broken where it wraps."""
    return "Examples:\n" + "\n".join(commands)


class _Argument(typer.core.TyperArgument):
    """An argument shown as a user writes it: ``ROLE``, ``[TARGET]``, ``ROLE...``,
    ``[PATH]...`` in the usage line (Typer 0.29 writes ``{ROLE}`` and ``[[PATH]]...``), and
    no ``<str>`` or ``<list[str]>`` beside its help: its name says what it takes."""

    def display_type_rich(self, ctx: Any) -> None:
        return None

    def get_usage_pieces(self, ctx: Any) -> list[str]:
        name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
        return [name + ("..." if self.nargs != 1 else "")]


def _no_value_shown(params: list[Any]) -> list[Any]:
    """Typer's own flags (--help, --install-completion, --show-completion) shown without
    ``<bool>`` after them, as ours are (see ``options.flag``), and arguments as ``_Argument``
    shows them."""
    for param in params:
        if getattr(param, "is_flag", False) and param.metavar is None:
            param.metavar = ""
        elif type(param) is typer.core.TyperArgument:
            param.__class__ = _Argument
    return params


class _Group(typer.core.TyperGroup):
    def get_params(self, ctx: Any) -> list[Any]:
        return _no_value_shown(super().get_params(ctx))


class Command(typer.core.TyperCommand):
    def get_params(self, ctx: Any) -> list[Any]:
        return _no_value_shown(super().get_params(ctx))


app = typer.Typer(
    cls=_Group,
    name="ladder",
    help=(
        "How ready are you for your next engineering leadership role? ladder assess asks "
        "about twenty honest questions and answers with a scored gap report and the "
        "development actions that close the gaps; ladder history shows your progress over "
        "time. The other commands show the roles themselves: what each asks of you, how "
        "they compare, and the path from one to the next.\n\n"
        "The built-in roles are the VP of Engineering, the CTO and the CEO; add your own "
        "with --roles DIR."
    ),
    epilog=examples(
        "ladder assess",
        "ladder report answers.yaml -o report.html",
        "ladder history cto",
        "ladder compare vp cto ceo",
    ),
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
    ctx: typer.Context,
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
    no_pager: Annotated[
        bool,
        flag(
            "--no-pager",
            help="Never show output through a pager (on a terminal, output longer than the "
            "screen goes through $LADDER_PAGER, $PAGER or less -FRX).",
        ),
    ] = False,
    version: Annotated[
        bool,
        flag("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """The run's Application, with its --roles folders, kept in the context for the
    commands (see ``Application.of``)."""
    ctx.obj = Application(roles)
    ctx.obj.terminal.paging = not no_pager
