"""The ``ladder`` command: parses options, calls the core, renders, maps errors to exits.

Start-up matters here: this module imports only Typer and light modules of our own.
PyYAML, pydantic models and (later) Rich and questionary are imported inside the commands
that need them.

No ``from __future__ import annotations`` here: Typer reads the annotations of every
command at every run, several times over, and as strings each read would compile and
evaluate them again (8 ms of a command's start-up). Only the names imported for type
checking alone are written as strings.
"""

import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from laddercli import __version__
from laddercli.assessment.raters import DEFAULT_RATER, is_others, name_problem
from laddercli.errors import ExitCode, FileProblems, LadderError, UsageError
from laddercli.render.output import CheckFormat, OutputFormat
from laddercli.visible import visible, visible_name

if TYPE_CHECKING:
    from laddercli.assessment.answers import AnswerKeeper, Answers
    from laddercli.assessment.questions import Questionnaire
    from laddercli.assessment.scoring import Result
    from laddercli.history.progress import Since
    from laddercli.render.document import Block
    from laddercli.roles.catalog import Catalog

DEBUG_ENV = "LADDER_DEBUG"


def _examples(*commands: str) -> str:
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
    ``<bool>`` after them, as ours are (see ``_flag``), and arguments as ``_Argument``
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


class _Command(typer.core.TyperCommand):
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
    epilog=_examples(
        "ladder assess",
        "ladder report answers.yaml -o report.html",
        "ladder history cto",
        "ladder compare vp cto ceo",
    ),
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)


def _flag(*names: str, **options: Any) -> Any:
    """An on/off option. Typer 0.29 shows ``<bool>`` after each flag in the help, as if it
    took a value (``--evidence <bool>``); a flag shows nothing there."""
    return typer.Option(*names, metavar="", **options)


def _output_format(text: str) -> OutputFormat:
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


def _assessment_id(text: str) -> int:
    """An assessment's id, as ``ladder history`` lists them."""
    if not text.strip().isdigit():
        raise typer.BadParameter(
            f"{text!r} is not an id: ids are numbers; ladder history lists them"
        )
    return int(text)


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
        _flag("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Options read by the commands through the root context (see ``_role_dirs``); the
    --roles folders are also kept for the hints (see ``_program``)."""
    _HINT_ROLES[:] = [str(r) for r in roles or []]
    _READ.clear()


# The --roles folders of this run, so that a hint such as "ladder show director" names them
# too and works when copied (LADDER_ROLES needs nothing: it stays set), and -o knows the role
# files in use (see _inputs). Set by _root at every run; the hints are said once, at the end.
_HINT_ROLES: list[str] = []

# The answers files this run has read (0: standard input): -o never writes over one of
# them (see _inputs). Emptied by _root at every run.
_READ: list[Path | int] = []


def _inputs() -> Iterator[Path | int]:
    """The files this run reads or keeps, which -o must never write over, whichever the
    command: the history (and its side files), its answers files (standard input too, when
    it is a file), and every role file in use, found by listing the role folders (a command
    that never loads the roles is no exception). Looked at only when the -o file exists,
    and compared by device and inode."""
    from laddercli.history.store import database_path
    from laddercli.roles.files import builtin_roles_dir, role_files, user_role_dirs

    yield from _READ
    with contextlib.suppress(LadderError):  # a folder that is not there holds nothing
        db = database_path()
        yield from (db, db.with_name(f"{db.name}-wal"), db.with_name(f"{db.name}-shm"))
        yield from role_files(builtin_roles_dir())
        for folder in user_role_dirs([Path(r) for r in _HINT_ROLES]):  # as _role_dirs
            yield from role_files(folder)


def _ladder(args: str) -> str:
    """``ladder ARGS`` as a command to copy, with this run's --roles."""
    import shlex

    return "ladder " + "".join(f"--roles {shlex.quote(r)} " for r in _HINT_ROLES) + args


def _program() -> tuple[str, ...]:
    """How the hints' commands start in this run: ladder, with its --roles folders."""
    from laddercli.render.document import program

    return program(_HINT_ROLES)


# --- shared pieces ----------------------------------------------------------------------


@contextlib.contextmanager
def _errors() -> Iterator[None]:
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


def _role_dirs(ctx: typer.Context) -> list[Path]:
    """The user's role folders: LADDER_ROLES, then the root's --roles options.

    Read from the root context's parameters, which are there in a normal run and while
    the shell completes an argument (when the root callback does not run) alike.
    """
    from laddercli.roles.files import user_role_dirs

    return user_role_dirs([Path(p) for p in ctx.find_root().params.get("roles") or []])


def _catalog(ctx: typer.Context) -> "Catalog":
    from laddercli.roles.catalog import load_catalog

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
    blocks: "Callable[[], list[Block]]",
    data: Callable[[], Any],
    *,
    what: str = "report",
) -> None:
    """Show or write ``blocks`` (``data`` for JSON); a file written is named for users as
    ``what`` it holds, in its format: "Wrote the HTML report to report.html"."""
    from laddercli.render import output as out
    from laddercli.render.output import choose_format, to_json, writing_to

    def write_text(text: str, output: str | None) -> None:  # never over a file this run reads
        out.write_text(text, output, inputs=_inputs())

    chosen = choose_format(fmt, output)
    if chosen is OutputFormat.json:
        write_text(to_json(data()), output)
    elif chosen is OutputFormat.markdown:
        from laddercli.render.markdown import to_markdown

        write_text(to_markdown(blocks()), output)
    elif chosen is OutputFormat.html:
        from laddercli.render.html import to_html

        write_text(to_html(blocks()), output)
    else:
        from laddercli.render.text import print_blocks, render_plain, screen_of

        screen = screen_of(sys.stdout)
        if output in (None, "-") and screen.terminal:
            with writing_to("the terminal"):
                print_blocks(sys.stdout, blocks(), screen, program=_program())
        else:
            width = screen.width if output in (None, "-") else 80
            write_text(render_plain(blocks(), width, program=_program()), output)
    if output not in (None, "-"):
        name = FORMAT_NAMES[chosen]
        typer.echo(f"Wrote the {name} {what} to {visible(output)}", err=True)


FORMAT_NAMES = {
    OutputFormat.text: "text",
    OutputFormat.markdown: "Markdown",
    OutputFormat.json: "JSON",
    OutputFormat.html: "HTML",
}


FormatOption = Annotated[
    Optional[OutputFormat],  # noqa: UP045
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        parser=_output_format,
        help="Output format: text, markdown (or md), json or html. Default: what the -o "
        "file's name says (.md, .json, .html), else text.",
        show_default=False,
    ),
]


def _output_name(value: Optional[str]) -> Optional[str]:  # noqa: UP045
    """-o as given, but - for /dev/stdout and its other names (see output.destination)."""
    from laddercli.render.output import destination

    return destination(value)


OutputOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        callback=_output_name,
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
        autocompletion=_complete_role,
        show_default=False,
    ),
]


# --- commands ---------------------------------------------------------------------------


@app.command()
def roles(ctx: typer.Context, format: FormatOption = None, output: OutputOption = None) -> None:
    """List the roles: ids, titles and the paths that lead from each."""
    from laddercli.views import roles as views

    with _errors():
        catalog = _catalog(ctx)
        _emit(
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

    with _errors():
        catalog = _catalog(ctx)
        found = catalog.get(role)
        _emit(
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
            autocompletion=_complete_role,
            show_default=False,
        ),
    ],
    diff: Annotated[bool, _flag("--diff", help="Keep only the rows whose values differ.")] = False,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Compare roles side by side, with the paths that join them."""
    from laddercli.views import roles as views

    with _errors():
        catalog = _catalog(ctx)
        found = [catalog.get(r) for r in roles]
        _emit(
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
                    typer.echo(f"{visible(report.file)}: valid (role {report.role_id})")
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
    from laddercli.render.output import to_json, write_text
    from laddercli.roles.model import json_schema

    with _errors():
        write_text(to_json(json_schema()), output, inputs=_inputs())
        if output not in (None, "-"):
            typer.echo(f"Wrote the role file schema to {visible(output)}", err=True)


# --- ladder assess ------------------------------------------------------------------------


def stdin_is_terminal() -> bool:
    """Whether the questionnaire can be asked. Tests that drive it with key presses
    replace this."""
    return sys.stdin.isatty()


NO_TERMINAL = (
    "the questionnaire needs a terminal, and standard input is not one. Without a "
    "terminal, write a fill-in answers file with --template, then score it with "
    "--answers:\n"
    "  ladder assess cto --template -o answers.yaml\n"
    "  ladder assess --answers answers.yaml"
)


ASSESS_HELP = (
    "Assess your readiness for a role: a questionnaire, then a scored gap report.\n\n"
    "Asks about 20 questions on the path's key shifts, key-action behaviours and readiness "
    "indicators (rated 0 to 4), then which common pitfalls apply. The report gives your "
    "readiness out of 100, a score per key action, the top gaps and the development actions "
    "that close them. Your answers are saved as you go: Ctrl-C keeps them.\n\n"
    + _examples(
        "ladder assess",
        "ladder assess cto --evidence",
        "ladder assess cto --template -o a.yaml",
        "ladder assess --answers a.yaml",
    )
)


@app.command(help=ASSESS_HELP)
def assess(
    ctx: typer.Context,
    target: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(
            metavar="TARGET",
            help="The role to assess your readiness for, such as cto or ceo. Default: asked.",
            autocompletion=_complete_role,
            show_default=False,
        ),
    ] = None,
    source: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--from",
            metavar="ROLE",
            help="The role you are in now, such as vp. Default: the only role with a path "
            "to TARGET, or asked.",
            autocompletion=_complete_role,
            show_default=False,
        ),
    ] = None,
    to: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--to",
            metavar="ROLE",
            help="The target role (the same as TARGET).",
            autocompletion=_complete_role,
            show_default=False,
        ),
    ] = None,
    answers_file: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--answers",
            "-a",
            metavar="FILE",
            help="Score an answers file (YAML or JSON; - for standard input) instead of "
            "asking. Its path (from, to) is the one scored.",
            show_default=False,
        ),
    ] = None,
    template: Annotated[
        bool,
        _flag(
            "--template",
            help="Write a fill-in answers file for the path instead of asking: every "
            "question with its scale as comments. To standard output, or to -o FILE.",
        ),
    ] = False,
    evidence: Annotated[
        bool,
        _flag("--evidence", help="After each rating, ask for an optional note of evidence."),
    ] = False,
    rater: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--rater",
            metavar="NAME",
            help="Who answers: self (the default), manager, peer-1 ... (kept in the answers file).",
            show_default=False,
        ),
    ] = None,
    person: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--person",
            metavar="NAME",
            help="Whose readiness is rated, when others rate you too (kept in the answers "
            "file; ladder report brings together files about one person).",
            show_default=False,
        ),
    ] = None,
    resume: Annotated[
        bool,
        _flag(
            "--resume",
            help="Continue the questionnaire you left unfinished on this path (or, with no "
            "target, the latest one), from the first question not yet answered.",
        ),
    ] = False,
    no_save: Annotated[
        bool,
        _flag("--no-save", help="Do not keep this assessment in your history (ladder history)."),
    ] = False,
    force: Annotated[
        bool,
        _flag(
            "--force",
            help="With --template: write over an -o FILE that already exists (without it, "
            "an existing file, which may hold answers, is never replaced).",
        ),
    ] = False,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """The questionnaire, or a template, or a saved answers file, then the report."""
    with _errors():
        _check_assess_options(answers_file, template, evidence, rater, person)
        if force and not template:
            raise UsageError("--force goes with --template -o FILE, to write over FILE")
        if resume and (answers_file is not None or template):
            raise UsageError(
                "--resume continues a questionnaire; it goes with neither --answers nor --template"
            )
        wanted = _target_name(target, to)
        catalog = _catalog(ctx)
        for name in (wanted, source):  # an unknown role is the first thing to say
            if name is not None:
                catalog.get(name)
        if answers_file is not None:
            _assess_file(catalog, answers_file, source, wanted, format, output, save=not no_save)
        elif template:
            _write_template(
                catalog, source, wanted, rater or DEFAULT_RATER, person, format, output, force
            )
        elif not stdin_is_terminal():
            _check_path(catalog, source, wanted)  # "no such path" says more than this
            raise UsageError(NO_TERMINAL)
        else:
            _assess_interactively(
                catalog,
                _Asked(source, wanted, rater, person, evidence, resume, save=not no_save),
                format,
                output,
            )


def _check_path(catalog: "Catalog", source: str | None, target: str | None) -> None:
    """Refuse a path that does not exist, as the questionnaire would before asking."""
    from laddercli.assessment import questions

    if target is not None:
        goal = catalog.get(target)
        start = questions.resolve_source(catalog, goal, source)
        if start is not None:
            questions.find_path(catalog, start, goal)
    elif source is not None:
        start = catalog.get(source)
        if not catalog.paths_from(start):
            raise UsageError(
                f"{start.short} has no path to assess from; the paths: "
                f"{questions.paths_hint(catalog)}"
            )


def _check_assess_options(
    answers_file: str | None, template: bool, evidence: bool, rater: str | None, person: str | None
) -> None:
    if answers_file is not None and template:
        raise UsageError("use --answers or --template, not both")
    if evidence and (answers_file is not None or template):
        raise UsageError(
            "--evidence asks for notes during the questionnaire; in an answers file, "
            "write them under note:"
        )
    if rater is not None and answers_file is not None:
        raise UsageError(
            "--rater names who answers a new questionnaire or template; an answers file "
            "says who answered it under rater:"
        )
    if person is not None and answers_file is not None:
        raise UsageError(
            "--person names who is rated in a new questionnaire or template; an answers "
            "file says it under person:"
        )
    for option, name in (("--rater", rater), ("--person", person)):
        # it would go into the answers, the history and file names
        problem = name_problem(name) if name is not None else None
        if problem == "is blank":
            raise UsageError(f"{option} needs a name")
        if problem is not None:
            raise UsageError(f"{option} {problem}; give the name as plain text on one line")
    if rater is not None and is_others(rater):
        raise UsageError(
            f"--rater {rater} is the name reports give the combined view of the raters "
            "other than self; choose another name, such as peer-1"
        )


def _target_name(target: str | None, to: str | None) -> str | None:
    if target is not None and to is not None and target.casefold() != to.casefold():
        raise UsageError(f"TARGET {target!r} and --to {to!r} disagree; give one of them")
    return target if target is not None else to


def _assess_file(
    catalog: "Catalog",
    file: str,
    source: str | None,
    target: str | None,
    fmt: OutputFormat | None,
    output: str | None,
    *,
    save: bool,
) -> None:
    from laddercli.assessment.scoring import score

    q, answers = _read_answers(catalog, file, source, target)
    _check_output(fmt, output)  # before the assessment is saved
    result = score(q, answers)
    kept = _keep_in_history(result, save=save)
    _emit_report(result, fmt, output, since=kept.since)
    kept.tell(f"Your answers are in {file}, as they were.")


def _read_answers(
    catalog: "Catalog", file: str, source: str | None = None, target: str | None = None
) -> "tuple[Questionnaire, Answers]":
    """An answers file (YAML or JSON; - for standard input), checked against the roles."""
    from laddercli.assessment.answers import KIND, load_answers, parse_answers
    from laddercli.roles import yamlsafe

    if file == "-":  # as a file is read: at most 1 MiB, and UTF-8 whatever the locale
        _READ.append(0)
        try:
            text = yamlsafe.read_stream(sys.stdin.buffer, "<stdin>", KIND)
        except OSError as exc:
            raise LadderError(f"cannot read standard input: {exc.strerror or exc}") from None
        doc = parse_answers(text, "<stdin>")
    else:
        _READ.append(Path(file))
        doc = yamlsafe.load_file(Path(file), file, KIND)
    return load_answers(doc, catalog, source=source, target=target)


def _check_output(fmt: OutputFormat | None, output: str | None) -> None:
    """Refuse, before any work is done, an output that must not be written: a format that
    does not fit, a file this run reads, a read-only file."""
    from laddercli.render.output import check_output, choose_format

    choose_format(fmt, output)
    if output not in (None, "-"):
        check_output(Path(output), _inputs())


def _today() -> str:
    from datetime import date

    return date.today().isoformat()


def _emit_report(
    result: "Result", fmt: OutputFormat | None, output: str | None, since: "Since | None" = None
) -> None:
    from laddercli.views import report

    scored = _today()
    _emit(
        fmt,
        output,
        lambda: report.report_blocks(result, scored=scored, since=since),
        lambda: report.report_data(result, scored=scored, since=since),
    )
    if output not in (None, "-"):  # the report went to a file: its headline still shows
        typer.echo(visible(report.headline_text(result)), err=True)


class _Kept:
    """What became of saving an assessment in the history: its id and the assessment
    before it, or the error that kept it out (said after the report, with an exit code)."""

    def __init__(self) -> None:
        self.id: int | None = None
        self.same_as: int | None = None  # already saved, with the very same answers
        self.since: Since | None = None
        self.error: LadderError | None = None

    def tell(self, where_answers: str) -> None:
        if self.error is not None:
            said = str(self.error)
            typer.echo(
                f"ladder: {said}{'' if said.endswith('.') else '.'} {visible(where_answers)}",
                err=True,
            )
            raise typer.Exit(self.error.exit_code)
        if self.id is not None:
            typer.echo(f"Saved in your history as assessment #{self.id}.", err=True)
        elif self.same_as is not None:
            typer.echo(
                f"Already in your history, with the same answers, as #{self.same_as}.", err=True
            )


def _keep_in_history(result: "Result", *, save: bool) -> _Kept:
    """Save a finished assessment (unless ``save`` is false), noting the one before it."""
    kept = _Kept()
    if not save:
        return kept
    from datetime import datetime

    from laddercli.assessment.answers import answers_data
    from laddercli.history import progress as history
    from laddercli.history import store

    q, answers = result.questionnaire, result.answers
    data = answers_data(q, answers)
    date = answers.date or datetime.now().astimezone().isoformat("T", "seconds")
    try:
        with store.Store.open(store.database_path(), timeout=store.BUSY_TIMEOUT) as db:
            ident, new = db.save_unless_kept(history.record(result, data, date))
            if new:
                kept.id = ident
            else:
                kept.same_as = ident
            kept.since = history.since(db.previous(db.get(ident)))
    except LadderError as exc:
        kept.error = exc
    return kept


def _write_template(
    catalog: "Catalog",
    source: str | None,
    target: str | None,
    rater: str,
    person: str | None,
    fmt: OutputFormat | None,
    output: str | None,
    force: bool = False,
) -> None:
    """A fill-in answers file; never written over a file that holds anything (it may hold
    someone's answers), unless ``force``."""
    from laddercli.assessment.answers import Answers, answers_json, answers_yaml
    from laddercli.assessment.questions import build_questionnaire, named_path
    from laddercli.assessment.raters import rater_name
    from laddercli.render.output import choose_format, write_text
    from laddercli.views.figures import counted

    chosen = choose_format(fmt, output)
    if chosen in (OutputFormat.markdown, OutputFormat.html):
        raise UsageError("a template is YAML (the default) or JSON (--format json)")
    q = build_questionnaire(named_path(catalog, source, target))
    blank = Answers(
        q.source.id, q.target.id, rater=rater_name(rater), person=person and person.strip()
    )
    name = output if output not in (None, "-") else "FILE"
    if chosen is OutputFormat.json:
        text = answers_json(q, blank)
    else:
        text = answers_yaml(
            q,
            blank,
            how_to_use="Fill in a rating for each question, then run:\n"
            f"  ladder assess --answers {name}",
        )
    write_text(text, output, inputs=_inputs(), new=not force)
    if output not in (None, "-"):
        import shlex

        typer.echo(
            visible(
                f"Wrote the answers template for {q.title} ({counted(q.steps, 'question')}) "
                f"to {output}.\n"
                "Fill it in, then run:\n"
                f"  {_ladder('assess --answers ' + shlex.quote(output))}"
            ),
            err=True,
        )


@dataclass(frozen=True)
class _Asked:
    """What the command line says about a questionnaire to ask."""

    source: str | None
    target: str | None
    rater: str | None
    person: str | None
    evidence: bool
    resume: bool
    save: bool


def _assess_interactively(
    catalog: "Catalog", asked: _Asked, fmt: OutputFormat | None, output: str | None
) -> None:
    import gc

    from laddercli.cli import prompts
    from laddercli.render.output import check_writable

    gc.enable()  # off for short commands (see laddercli.main); this one may run for long
    _check_output(fmt, output)  # a bad combination fails before any question
    if output not in (None, "-"):
        check_writable(Path(output))
    with _stop_on_signals():
        with _questionnaire_stops(), prompts.session():
            try:
                q, answers, start, draft = _start_questionnaire(catalog, asked)
            except (KeyboardInterrupt, EOFError):
                with contextlib.suppress(OSError):  # the terminal may be gone (SIGHUP)
                    typer.echo("Cancelled before the first question: nothing to keep.", err=True)
                raise typer.Exit(ExitCode.CANCELLED) from None
            # A questionnaire begun with --evidence goes on with it when resumed
            evidence = asked.evidence or bool(answers.notes)
            keeper = _ask_questions(q, answers, draft, evidence, start)
        _finish(keeper, fmt, output, save=asked.save)


_interrupted = False  # a stop signal was raised as KeyboardInterrupt: see _stop_on_signals


def _on_stop_signal(signum: int, frame: object) -> None:
    """A stop signal: ask the questionnaire to stop, if one runs, or else interrupt what
    runs, once."""
    import signal

    global _interrupted
    if signum == getattr(signal, "SIGHUP", None):
        _leave_closed_terminal()
    prompts = sys.modules.get("laddercli.cli.prompts")
    if prompts is not None and prompts.request_stop():
        return
    if not _interrupted:
        _interrupted = True
        raise KeyboardInterrupt


@contextlib.contextmanager
def _handling(signums: Sequence[int]) -> Iterator[None]:
    import signal

    previous = {}
    for signum in signums:
        with contextlib.suppress(ValueError):  # not in the main thread: leave them be
            previous[signum] = signal.signal(signum, _on_stop_signal)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextlib.contextmanager
def _stop_on_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP (a closed terminal) stop as Ctrl-C does: the first one raises
    KeyboardInterrupt, and later ones leave its clean-up to finish. (``main`` does this for
    every command; ``ladder assess`` does it again for runs that do not go through ``main``.)
    """
    import signal

    global _interrupted
    _interrupted = False
    with _handling([signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])):
        yield


@contextlib.contextmanager
def _questionnaire_stops() -> Iterator[None]:
    """While the questionnaire runs, SIGTERM, SIGHUP and SIGINT only ask it to stop, at the
    prompt waiting for a key or at the next one (prompts.request_stop), and the answers
    given so far stay in the draft, ready to resume. A stop under way, such as an impatient
    second Ctrl-C, is never cut short."""
    import signal

    from laddercli.cli import prompts

    with _handling([signal.SIGINT]), prompts.stops_at_prompts():
        yield


def _leave_closed_terminal() -> None:
    """After a hang-up the terminal is gone: nobody can read it, and writing to it fails
    (EIO). Standard output and error, where they were that terminal, now go nowhere, so that
    the stop finishes as on a live terminal: the answers saved, and the exit code 130."""
    try:
        import errno
        import termios
    except ImportError:  # pragma: no cover - no terminals of this kind, and no SIGHUP
        return
    for fd in (1, 2):
        try:
            termios.tcgetattr(fd)
        except termios.error as error:
            if error.args[0] == errno.EIO:  # a hung-up terminal (a file or pipe: ENOTTY)
                with contextlib.suppress(OSError):
                    nowhere = os.open(os.devnull, os.O_WRONLY)
                    os.dup2(nowhere, fd)
                    os.close(nowhere)


def _start_questionnaire(
    catalog: "Catalog", asked: _Asked
) -> "tuple[Questionnaire, Answers, int, Path]":
    """The path, and the answers to start from: a draft's to continue, or none."""
    from datetime import datetime

    from laddercli.assessment import drafts
    from laddercli.assessment.answers import Answers, first_unanswered
    from laddercli.assessment.questions import build_questionnaire
    from laddercli.assessment.raters import rater_name
    from laddercli.cli import prompts

    source, target, rater = asked.source, asked.target, asked.rater
    person = asked.person and asked.person.strip()
    latest = None
    if asked.resume and target is None and source is None:
        latest = drafts.latest_draft()
        if latest is None:
            raise UsageError(
                "there is no unfinished questionnaire to resume; start one with ladder assess"
            )
        q, answers = _read_answers(catalog, str(latest))
        source, target = q.source.id, q.target.id
        rater, person = rater or answers.rater, person or answers.person
    rater = rater_name(rater or DEFAULT_RATER)
    q = build_questionnaire(prompts.pick_path(catalog, source, target))
    who = (q.source.id, q.target.id, rater, person)
    found = latest if latest and drafts.belongs(latest, *who) else drafts.find_draft(*who)
    if found is not None:
        resumed = _resume(catalog, q, found, asked.resume)
        if resumed is not None:
            return q, resumed, first_unanswered(q, resumed), found
    elif asked.resume:
        about = f", about {person}" if person else ""
        raise UsageError(
            f"there is no unfinished questionnaire for {q.source.id} → {q.target.id} "
            f"(rater {rater}{about}) to resume; start one with ladder assess {q.target.id}"
        )
    now = datetime.now().astimezone()
    answers = Answers(
        q.source.id,
        q.target.id,
        rater=rater,
        person=person or None,
        date=now.isoformat("T", "seconds"),
        digest=q.digest,  # answered against today's roles, as the draft records
    )
    return q, answers, 0, drafts.new_draft_path(*who)


def _resume(catalog: "Catalog", q: "Questionnaire", draft: Path, resume: bool) -> "Answers | None":
    """The draft's answers, if the user continues it; else the draft is filed away."""
    from laddercli.assessment.answers import first_unanswered
    from laddercli.cli import prompts
    from laddercli.locations import shown

    try:
        _, answers = _read_answers(catalog, str(draft))
    except LadderError as exc:
        kept = _file_away(draft)
        typer.echo(
            f"An unfinished questionnaire could not be read ({exc}); it is kept in "
            f"{visible(kept)}. Starting afresh.",
            err=True,
        )
        return None
    at = first_unanswered(q, answers) + 1
    started = (answers.date or "")[:16].replace("T", " ")
    whose = (f" (rater {answers.rater})" if answers.rater != DEFAULT_RATER else "") + (
        f", about {answers.person}" if answers.person else ""
    )
    if resume:  # whose it is, as the offer below says: --resume alone takes the latest
        _say(
            f"Continuing your questionnaire for {q.title}{whose}"
            + (", " if answers.person else " ")
            + f"from {_question_of(min(at, q.steps), q.steps)}."
        )
        return answers
    _say(
        f"You have an unfinished questionnaire for {q.title}{whose}"
        + (f", started {started}" if started else "")
        + f": {_given(answers)}; it goes on at {_question_of(min(at, q.steps), q.steps)}."
    )
    if prompts.ask_resume("Continue it?"):
        return answers
    kept = _file_away(draft)
    _say("Starting afresh. The unfinished answers are kept in:")
    typer.echo(f"  {visible(shown(Path(kept)))}", err=True)
    return None


def _file_away(draft: Path) -> str:
    """Move a draft among the answers files; where it is now (or still is)."""
    from datetime import datetime

    from laddercli.assessment import drafts

    try:
        when = datetime.fromtimestamp(draft.stat().st_mtime)
        return str(drafts.file_away(draft, drafts.unfinished_name(draft, when)))
    except OSError:
        return str(draft)


def _ask_questions(
    q: "Questionnaire", answers: "Answers", draft: Path, evidence: bool, start: int
) -> "AnswerKeeper":
    from laddercli.assessment.answers import AnswerKeeper
    from laddercli.cli import prompts
    from laddercli.locations import shown
    from laddercli.render.text import print_blocks
    from laddercli.views import report

    console = prompts.make_console(stderr=True)
    keeper = AnswerKeeper(draft, q, answers)
    console.print()
    if start == 0:
        intro = report.intro_blocks(q, answers, evidence=evidence, saved_to=shown(draft))
        print_blocks(sys.stderr, intro)
    elif report.not_about_you(answers):  # continued: "you" is still someone else
        print_blocks(sys.stderr, report.not_about_you(answers))
    warned = False

    def saved() -> None:
        nonlocal warned
        if not keeper.save() and not warned:
            warned = True
            typer.echo(
                visible(
                    f"ladder: cannot save your answers to {shown(keeper.path)} "
                    f"({keeper.error}); they are kept in memory for now."
                ),
                err=True,
            )

    try:
        prompts.interview(q, answers, evidence=evidence, console=console, saved=saved, start=start)
    except prompts.Stopped as stop:
        if not answers.ratings and not answers.pitfalls and start == 0:
            with contextlib.suppress(OSError):
                draft.unlink()
            with contextlib.suppress(OSError):  # the terminal may be gone (SIGHUP)
                typer.echo("\nStopped before the first answer: nothing to keep.", err=True)
            raise typer.Exit(ExitCode.CANCELLED) from None
        with contextlib.suppress(OSError):  # the terminal may be gone (SIGHUP)
            _say_kept(
                keeper,
                f"Stopped at {_question_of(stop.step, q.steps)}, with {_given(answers)}.",
                resume=True,
            )
        raise typer.Exit(ExitCode.CANCELLED) from None
    return keeper


def _question_of(at: int, steps: int) -> str:
    """``question 14 of 22``, held together by no-break spaces so that ``_say`` never
    breaks it across two lines."""
    return f"question\N{NO-BREAK SPACE}{at}\N{NO-BREAK SPACE}of\N{NO-BREAK SPACE}{steps}"


def _given(answers: "Answers") -> str:
    """The answers given so far, and the questions skipped: ``9 answers given and 1
    skipped`` (a skip is no answer, but it was not left out either)."""
    from laddercli.views.figures import counted

    given = answers.count_answered()
    skipped = len(answers.ratings) - given
    return counted(given, "answer") + " given" + (f" and {skipped} skipped" if skipped else "")


def _finish(
    keeper: "AnswerKeeper", fmt: OutputFormat | None, output: str | None, *, save: bool
) -> None:
    """The questionnaire is done: file the draft among the answers, keep the assessment in
    the history, then the report."""
    from datetime import datetime

    from laddercli.assessment import drafts
    from laddercli.assessment.scoring import score

    answers = keeper.answers
    try:
        keeper.keep()
        when = datetime.fromisoformat(answers.date) if answers.date else datetime.now()
        name = drafts.answers_name(
            answers.source, answers.target, answers.rater, answers.person, when
        )
        with contextlib.suppress(OSError):
            if keeper.path.exists() and keeper.path.parent == drafts.drafts_dir():
                keeper.path = drafts.file_away(keeper.path, name)
        result = score(keeper.q, answers)
        kept = _keep_in_history(result, save=save)
        typer.echo(err=True)  # the questionnaire (on stderr) ends; the report begins
        _emit_report(result, fmt, output, since=kept.since)
    except KeyboardInterrupt:  # Ctrl-C, SIGTERM or SIGHUP while saving or reporting
        with contextlib.suppress(OSError):  # the terminal may be gone (SIGHUP)
            _say_kept(keeper, "Stopped before the report was complete.", stopped=True)
        raise typer.Exit(ExitCode.CANCELLED) from None
    except BaseException:  # the report could not be written; the answers are kept all the same
        _say_kept(keeper, "")
        raise
    _say_kept(keeper, "")
    kept.tell("Your answers are kept in the file above.")


def _say(text: str) -> None:
    """Prose for the user on stderr, wrapped to the terminal (at most 100 columns). Words
    joined by a no-break space (``question 14 of 22``) stay on one line, and are shown
    with ordinary spaces."""
    import shutil
    import textwrap

    width = max(40, min(shutil.get_terminal_size().columns, 100))
    lines = textwrap.fill(visible(text), width)  # breaks at ASCII blanks only
    typer.echo(lines.replace("\N{NO-BREAK SPACE}", " "), err=True)


def _say_kept(
    keeper: "AnswerKeeper", lead: str, *, resume: bool = False, stopped: bool = False
) -> None:
    """Save the answers a last time and say where they are (or print them).

    Saved before a word is written: after a hang-up (SIGHUP) the terminal is gone, and
    writing to it fails. Prose is wrapped to the terminal; paths and commands stand on
    lines of their own, so that they can be copied whole.
    """
    import shlex

    from laddercli.assessment.raters import who_options
    from laddercli.locations import shown

    say = _say
    where = keeper.keep()
    typer.echo(err=True)
    if where is None:
        say(
            f"{lead} Your answers could not be written ({keeper.error}). Here they are: save "
            "them as a .yaml file, and score them with:".lstrip()
        )
        typer.echo(f"  {_ladder('assess --answers FILE')}", err=True)
        typer.echo("\n" + keeper.text(), err=True)
        return
    say(f"{lead} Your answers are in:".lstrip())
    typer.echo(f"  {visible(shown(where))}", err=True)
    if resume and where == keeper.path:  # the draft, not a file in the current folder
        answers = keeper.answers
        say("To continue where you stopped:")
        again = f"assess {keeper.q.target.id} --resume"
        command = _ladder(again + who_options(answers.rater, answers.person))
        typer.echo(f"  {visible(command)}", err=True)
    if resume:
        say("To score them as they are:")
    elif stopped:
        say("To see the report:")
    else:
        say("To see this report again, or after changing an answer there:")
    command = _ladder("assess --answers " + shlex.quote(shown(where)))
    typer.echo(f"  {visible(command)}", err=True)


# --- ladder report -----------------------------------------------------------------------


REPORT_HELP = (
    "Render saved answers as a report, in any format, without asking anything.\n\n"
    "One answers file gives its gap report. Several files about one person and path, one "
    "per rater (rater: self, manager, peer-1 ...), give one report: each rater's "
    "readiness, a combined readiness from the others' ratings, and your blind spots and "
    "hidden strengths (where you rate yourself at least 1 point above or below the others' "
    "mean). If the role files have changed since the answers were saved, the report says "
    "which questions were added or removed.\n\n"
    + _examples(
        "ladder report answers.yaml -o report.html",
        "ladder report self.yaml manager.yaml peer-1.yaml -o 360.md",
    )
)


@app.command(help=REPORT_HELP)
def report(
    ctx: typer.Context,
    files: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(
            metavar="FILE",
            help="Answers files (YAML or JSON; - for standard input), one per rater.",
            show_default=False,
        ),
    ] = None,
    last: Annotated[
        bool, _flag("--last", help="The assessment saved last in your history.")
    ] = False,
    id_: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--id",
            metavar="N",
            parser=_assessment_id,
            help="Assessment N of your history (ladder history lists them).",
            show_default=False,
        ),
    ] = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Re-render saved answers; several raters' files make one report."""
    with _errors():
        given = sum((bool(files), last, id_ is not None))
        if given > 1:
            raise UsageError("give answers files, --last or --id N: one of the three")
        if given == 0:
            raise UsageError(
                "name one or more answers files, or a saved assessment with --last or --id N, "
                "such as: ladder report answers.yaml · ladder report --last"
            )
        catalog = _catalog(ctx)
        if files is None:
            _report_saved(catalog, id_, format, output)
            return
        twice = next((f for i, f in enumerate(files) if _same_file(f, files[:i])), None)
        if twice is not None:
            raise UsageError(f"{twice} is named twice; name each rater's file once")
        loaded = [(file, *_read_answers(catalog, file)) for file in files]
        if len(loaded) == 1:
            from laddercli.assessment.scoring import score

            _, q, answers = loaded[0]
            _emit_report(score(q, answers), format, output)
            return
        from laddercli.assessment.panel import combine
        from laddercli.views.panel import panel_blocks, panel_data

        panel = combine(loaded)
        scored = _today()
        _emit(
            format,
            output,
            lambda: panel_blocks(panel, scored=scored),
            lambda: panel_data(panel, scored=scored),
        )


def _same_file(file: str, earlier: list[str]) -> bool:
    if file == "-":
        return "-" in earlier
    try:
        return any(f != "-" and os.path.samefile(f, file) for f in earlier)
    except OSError:
        return file in earlier


def _report_saved(
    catalog: "Catalog", id_: int | None, fmt: OutputFormat | None, output: str | None
) -> None:
    """Re-render an assessment from the history: its answers, scored as they were saved
    (against today's role files, which the report compares by digest)."""
    from laddercli.assessment.answers import load_answers, parse_answers
    from laddercli.assessment.scoring import score
    from laddercli.history import progress as history
    from laddercli.history import store
    from laddercli.render.output import to_json

    with store.Store.open(store.database_path(), create=False) as db:
        saved = db.saved_last() if id_ is None else db.get(id_)
        if saved is None:
            raise UsageError("your history is empty: no assessment has been saved yet")
        before = db.previous(saved)
    doc = parse_answers(to_json(saved.answers), f"assessment #{saved.id}")
    q, answers = load_answers(doc, catalog, saved=True)
    if answers.date is None:
        answers.date = saved.date
    _emit_report(score(q, answers), fmt, output, since=history.since(before))


# --- ladder history and forget -------------------------------------------------------------


HISTORY_HELP = "Your saved assessments; with a TARGET, your progress towards it.\n\n" + _examples(
    "ladder history",
    "ladder history cto",
    "ladder history cto --rater manager --person 'Dana Lee'",
    "ladder history cto -o progress.html",
)


@app.command(name="history", help=HISTORY_HELP)
def history_(
    ctx: typer.Context,
    target: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(
            metavar="TARGET",
            help="A target role, such as cto: its readiness over time, and per area the "
            "change since the previous and the first assessment.",
            autocompletion=_complete_role,
            show_default=False,
        ),
    ] = None,
    rater: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--rater",
            metavar="NAME",
            help="Only this rater's assessments. With TARGET the default is self.",
            show_default=False,
        ),
    ] = None,
    person: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--person",
            metavar="NAME",
            help="Only assessments about this person. With TARGET the default is the person "
            "of the latest assessment.",
            show_default=False,
        ),
    ] = None,
    all_: Annotated[
        bool,
        _flag(
            "--all",
            help="Every assessment, not only the last 20 (in a trend's sparkline: the last 32).",
        ),
    ] = False,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Your saved assessments; with a TARGET, your progress towards it."""
    from laddercli.history import store
    from laddercli.history.progress import about, other_people
    from laddercli.views import history as views

    with _errors():
        if rater is not None and not rater.strip():
            raise UsageError("--rater needs a name")
        with store.Store.open(store.database_path(), create=False) as db:
            if target is None:
                found = about(db.list(rater=rater), person)
                shown = found if all_ else found[-views.SHOWN :]
                _emit(
                    format,
                    output,
                    lambda: views.list_blocks(shown, len(found), rater=rater, person=person),
                    lambda: views.list_data(shown, len(found)),
                    what="history",
                )
                return
            role = _catalog(ctx).get(target)
            who = rater or DEFAULT_RATER
            every = db.list(target=role.id, rater=who)
        if person is None and every:
            person = every[-1].person or ""
        trend = about(every, person)
        others = other_people(every, person)
        _emit(
            format,
            output,
            lambda: views.trend_blocks(
                trend,
                role.title,
                who,
                target_id=role.id,
                person=person,
                others=others,
                every=all_,
            ),
            lambda: views.trend_data(trend, role.id, who, person=person),
            what="progress report",
        )


@app.command()
def forget(
    assessment_id: Annotated[
        int,
        typer.Argument(
            metavar="ID",
            parser=_assessment_id,
            help="The assessment's id, as ladder history shows.",
        ),
    ],
    yes: Annotated[bool, _flag("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Remove one assessment from your history (its answers file, if any, stays)."""
    from laddercli.history import store
    from laddercli.views.figures import number

    with _errors():
        with store.Store.open(store.database_path(), create=False) as db:
            try:
                saved = db.get(assessment_id)
            except store.StoreError as exc:
                if exc.reason != "damaged":
                    raise
                what = f"assessment #{assessment_id} (damaged)"
            else:
                what = visible(
                    f"assessment #{saved.id}: {saved.source} → {saved.target}, rater "
                    f"{visible_name(saved.rater)}"
                    f"{f', about {visible_name(saved.person)}' if saved.person else ''}, "
                    f"{saved.date[:10]}, readiness {number(saved.readiness)}"
                )
            if not yes:
                if not stdin_is_terminal():
                    raise UsageError(f"without a terminal, add --yes to forget {what}")
                if not typer.confirm(f"Forget {what}?", default=False, err=True):
                    typer.echo("Nothing was removed.", err=True)
                    return
            db.forget(assessment_id)
        typer.echo(f"Forgot {what}.", err=True)


# Commands in the order a user meets them: assess first, the role reference after.
ORDER = ("assess", "report", "history", "forget", "roles", "show", "compare", "validate", "schema")
app.registered_commands.sort(
    key=lambda c: ORDER.index(c.name or (c.callback.__name__ if c.callback else ""))
)
for _info in app.registered_commands:  # Typer's --help shown as our flags are
    _info.cls = _Command


def main() -> None:
    """Console entry point: no traceback for users unless LADDER_DEBUG is set.

    SIGTERM and SIGHUP end any command as Ctrl-C does (exit 130), so that what it was
    doing is cleaned up: a file being written leaves no temporary file behind, and a
    database transaction is rolled back.
    """
    try:
        with _stop_on_signals():
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
