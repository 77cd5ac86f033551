"""The ``ladder`` command: parses options, calls the core, renders, maps errors to exits.

The Typer app is made in ``root``; each command module registers its commands on it when
imported here: ``roles`` (roles, show, compare, validate, schema), ``assess``, ``form``,
``report`` and ``history`` (history, forget). Per-run state is the ``Application`` in
Typer's context.

Start-up matters here: these modules import only Typer and light modules of our own.
PyYAML, pydantic models, Rich and questionary are imported inside the commands that need
them.
"""

import os
import sys

import typer
from typer.models import CommandInfo

from laddercli.assessment.stopping import Stopping
from laddercli.cli import assess, form, history, plan, report, roles
from laddercli.cli.root import Command, app
from laddercli.errors import ExitCode
from laddercli.visible import visible

__all__ = ["app", "assess", "form", "history", "main", "plan", "report", "roles"]

DEBUG_ENV = "LADDER_DEBUG"


# Commands in the order a user meets them: assess first, the role reference after.
ORDER = (
    "assess",
    "form",
    "report",
    "history",
    "plan",
    "log",
    "forget",
    "roles",
    "show",
    "compare",
    "validate",
    "schema",
)


def _name(info: CommandInfo) -> str:
    return info.name or (info.callback.__name__ if info.callback else "")


app.registered_commands.sort(key=lambda c: ORDER.index(_name(c)))
for _info in app.registered_commands:  # Typer's --help shown as our flags are
    _info.cls = Command


def _commands_to_build(args: list[str]) -> list[CommandInfo]:
    """The commands Typer is to make for this run: the one the command line names first,
    else all. Typer turns every command's parameters into click's at each run, though it
    runs one (all twelve: about 3 ms of CPU time; one: a tenth of that); the group's
    --help, a mistyped command or options before the command still see every command."""
    named = [c for c in app.registered_commands if args[:1] == [_name(c)]]
    return named or app.registered_commands


def main() -> None:
    """Console entry point: no traceback for users unless LADDER_DEBUG is set.

    SIGTERM and SIGHUP end any command as Ctrl-C does (exit 130), so that what it was
    doing is cleaned up: a file being written leaves no temporary file behind, and a
    database transaction is rolled back.
    """
    every = app.registered_commands
    app.registered_commands = _commands_to_build(sys.argv[1:])
    try:
        with Stopping().signals():
            app(prog_name="ladder")
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        if os.environ.get(DEBUG_ENV):
            raise
        typer.echo(
            f"ladder: internal error: {type(exc).__name__}: {visible(str(exc))}\n"
            f"Set {DEBUG_ENV}=1 to see the traceback, and please report it.",
            err=True,
        )
        sys.exit(ExitCode.ERROR)
    finally:
        app.registered_commands = every
