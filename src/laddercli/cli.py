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
from laddercli.errors import ExitCode, LadderError, RoleFileError, UsageError
from laddercli.output import CheckFormat, OutputFormat

if TYPE_CHECKING:
    from laddercli.answers import AnswerKeeper, Answers
    from laddercli.catalog import Catalog
    from laddercli.document import Block
    from laddercli.questions import Questionnaire
    from laddercli.scoring import Result

DEBUG_ENV = "LADDER_DEBUG"
DEFAULT_RATER = "self"  # as answers.DEFAULT_RATER, without importing the core at start-up

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
    elif chosen is OutputFormat.html:
        from laddercli.render_html import to_html

        write_text(to_html(blocks()), output)
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
        help="Output format: text, markdown, json or html. Default: what the -o file's name "
        "says (.md, .json, .html), else text.",
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
    "Examples: ladder assess · ladder assess cto --evidence · "
    "ladder assess cto --template -o a.yaml · ladder assess --answers a.yaml"
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
        typer.Option(
            "--template",
            help="Write a fill-in answers file for the path instead of asking: every "
            "question with its scale as comments. To standard output, or to -o FILE.",
        ),
    ] = False,
    evidence: Annotated[
        bool,
        typer.Option("--evidence", help="After each rating, ask for an optional note of evidence."),
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
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """The questionnaire, or a template, or a saved answers file, then the report."""
    with _errors():
        _check_assess_options(answers_file, template, evidence, rater, person)
        wanted = _target_name(target, to)
        catalog = _catalog(ctx)
        for name in (wanted, source):  # an unknown role is the first thing to say
            if name is not None:
                catalog.get(name)
        if answers_file is not None:
            _assess_file(catalog, answers_file, source, wanted, format, output)
        elif template:
            _write_template(catalog, source, wanted, rater or DEFAULT_RATER, person, format, output)
        elif not stdin_is_terminal():
            raise UsageError(NO_TERMINAL)
        else:
            _assess_interactively(
                catalog, source, wanted, rater or DEFAULT_RATER, person, evidence, format, output
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
    if person is not None and not person.strip():
        raise UsageError("--person needs a name")


def _target_name(target: str | None, to: str | None) -> str | None:
    if target is not None and to is not None and target.casefold() != to.casefold():
        raise UsageError(f"TARGET {target!r} and --to {to!r} disagree; give one of them")
    return target if target is not None else to


def _assess_file(
    catalog: Catalog,
    file: str,
    source: str | None,
    target: str | None,
    fmt: OutputFormat | None,
    output: str | None,
) -> None:
    from laddercli.scoring import score

    q, answers = _read_answers(catalog, file, source, target)
    _emit_report(score(q, answers), fmt, output)


def _read_answers(
    catalog: Catalog, file: str, source: str | None = None, target: str | None = None
) -> tuple[Questionnaire, Answers]:
    """An answers file (YAML or JSON; - for standard input), checked against the roles."""
    from laddercli import yamlsafe
    from laddercli.answers import KIND, load_answers, parse_answers

    if file == "-":
        doc = parse_answers(sys.stdin.read(), "<stdin>")
    else:
        doc = yamlsafe.load_file(Path(file), file, KIND)
    return load_answers(doc, catalog, source=source, target=target)


def _today() -> str:
    from datetime import date

    return date.today().isoformat()


def _emit_report(result: Result, fmt: OutputFormat | None, output: str | None) -> None:
    from laddercli import report

    scored = _today()
    _emit(
        fmt,
        output,
        lambda: report.report_blocks(result, scored=scored),
        lambda: report.report_data(result, scored=scored),
    )


def _write_template(
    catalog: Catalog,
    source: str | None,
    target: str | None,
    rater: str,
    person: str | None,
    fmt: OutputFormat | None,
    output: str | None,
) -> None:
    from laddercli.answers import Answers, answers_json, answers_yaml
    from laddercli.output import choose_format, write_text
    from laddercli.questions import build_questionnaire, named_path

    chosen = choose_format(fmt, output)
    if chosen in (OutputFormat.markdown, OutputFormat.html):
        raise UsageError("a template is YAML (the default) or JSON (--format json)")
    q = build_questionnaire(named_path(catalog, source, target))
    blank = Answers(q.source.id, q.target.id, rater=rater, person=person and person.strip())
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
    write_text(text, output)
    if output not in (None, "-"):
        typer.echo(
            f"Wrote the answers template for {q.title} ({q.steps} questions) to {output}.\n"
            f"Fill it in, then run: ladder assess --answers {output}",
            err=True,
        )


def _assess_interactively(
    catalog: Catalog,
    source: str | None,
    target: str | None,
    rater: str,
    person: str | None,
    evidence: bool,
    fmt: OutputFormat | None,
    output: str | None,
) -> None:
    from datetime import datetime

    from laddercli import prompts, report
    from laddercli.answers import AnswerKeeper, Answers, answers_file_name
    from laddercli.locations import answers_dir, shown
    from laddercli.output import check_writable, choose_format
    from laddercli.questions import build_questionnaire
    from laddercli.render_text import make_console, print_blocks
    from laddercli.scoring import score

    choose_format(fmt, output)  # a bad combination fails before any question
    if output not in (None, "-"):
        check_writable(Path(output))
    console = make_console(stderr=True)
    with prompts.session():
        try:
            view = prompts.pick_path(catalog, source, target)
        except (KeyboardInterrupt, EOFError):
            typer.echo("Cancelled before the first question: nothing to keep.", err=True)
            raise typer.Exit(ExitCode.CANCELLED) from None
        q = build_questionnaire(view)
        now = datetime.now().astimezone()
        answers = Answers(
            q.source.id,
            q.target.id,
            rater=rater,
            person=person and person.strip(),
            date=now.isoformat("T", "seconds"),
        )
        keeper = AnswerKeeper(
            answers_dir() / answers_file_name(answers, now.strftime("%Y%m%d-%H%M%S")), q, answers
        )
        console.print()
        print_blocks(
            console, report.intro_blocks(q, evidence=evidence, saved_to=shown(keeper.path))
        )
        warned = False

        def saved() -> None:
            nonlocal warned
            if not keeper.save() and not warned:
                warned = True
                typer.echo(
                    f"ladder: cannot save your answers to {shown(keeper.path)} "
                    f"({keeper.error}); they are kept in memory for now.",
                    err=True,
                )

        try:
            prompts.interview(q, answers, evidence=evidence, console=console, saved=saved)
        except prompts.Stopped as stop:
            count = answers.count_answered()
            console.print()
            _say_kept(
                keeper,
                f"Stopped at question {stop.step} of {q.steps}, with {count} "
                f"{'answer' if count == 1 else 'answers'} given.",
                "To score them as they are, or after filling in the rest in that file:",
            )
            raise typer.Exit(ExitCode.CANCELLED) from None
    result = score(q, answers)
    try:
        _emit_report(result, fmt, output)
    finally:  # the report may fail to be written; the answers are kept all the same
        _say_kept(keeper, "", "To see this report again, or after changing an answer there:")


def _say_kept(keeper: AnswerKeeper, lead: str, how: str) -> None:
    """Save the answers a last time and say where they are (or print them).

    Prose is wrapped to the terminal; paths and commands stand on lines of their own, so
    that they can be copied whole.
    """
    import shutil
    import textwrap

    from laddercli.locations import shown

    width = max(40, min(shutil.get_terminal_size().columns, 100))

    def say(text: str) -> None:
        typer.echo(textwrap.fill(text, width), err=True)

    where = keeper.keep()
    if where is None:
        say(
            f"{lead} Your answers could not be written ({keeper.error}). Here they are: save "
            "them as a .yaml file, and score them with ladder assess --answers FILE.".lstrip()
        )
        typer.echo("\n" + keeper.text(), err=True)
        return
    say(f"{lead} Your answers are in:".lstrip())
    typer.echo(f"  {shown(where)}", err=True)
    say(how)
    typer.echo(f"  ladder assess --answers {shown(where)}", err=True)


# --- ladder report -----------------------------------------------------------------------


REPORT_HELP = (
    "Render saved answers as a report, in any format, without asking anything.\n\n"
    "One answers file gives its gap report. Several files about one person and path, one "
    "per rater (rater: self, manager, peer-1 ...), give one report: each rater's "
    "readiness, a combined readiness from the others' ratings, and your blind spots and "
    "hidden strengths (where you rate yourself at least 1 point above or below the others' "
    "mean). If the role files have changed since the answers were saved, the report says "
    "which questions were added or removed.\n\n"
    "Examples: ladder report answers.yaml -o report.html · "
    "ladder report self.yaml manager.yaml peer-1.yaml -o 360.md"
)


@app.command(help=REPORT_HELP)
def report(
    ctx: typer.Context,
    files: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(
            metavar="FILE...",
            help="Answers files (YAML or JSON; - for standard input), one per rater.",
            show_default=False,
        ),
    ] = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Re-render saved answers; several raters' files make one report."""
    with _errors():
        if not files:
            raise UsageError(
                "name one or more answers files, such as: ladder report answers.yaml "
                "(ladder assess saves them, and --template writes one to fill in)"
            )
        if files.count("-") > 1:
            raise UsageError("standard input (-) can be read only once")
        catalog = _catalog(ctx)
        loaded = [(file, *_read_answers(catalog, file)) for file in files]
        if len(loaded) == 1:
            from laddercli.scoring import score

            _, q, answers = loaded[0]
            _emit_report(score(q, answers), format, output)
            return
        from laddercli import report as reports
        from laddercli.panel import combine

        panel = combine(loaded)
        scored = _today()
        _emit(
            format,
            output,
            lambda: reports.panel_blocks(panel, scored=scored),
            lambda: reports.panel_data(panel, scored=scored),
        )


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
