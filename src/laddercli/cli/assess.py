"""``ladder assess``: the questionnaire (the session in assessment/session.py), a
template, or an answers file scored.

No ``from __future__ import annotations``: Typer reads these annotations at run time.
"""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from laddercli.assessment.raters import DEFAULT_RATER, is_others, name_problem
from laddercli.cli.application import Application
from laddercli.cli.errors import errors
from laddercli.cli.options import (
    FormatOption,
    OutputOption,
    flag,
    name_option,
    role_option,
    target_argument,
)
from laddercli.cli.root import app, examples
from laddercli.errors import ExitCode, UsageError
from laddercli.render.output import OutputFormat
from laddercli.visible import visible

if TYPE_CHECKING:
    from laddercli.assessment.answers import AnswerKeeper
    from laddercli.assessment.session import Halted, Request, Session
    from laddercli.cli.terminal import Terminal
    from laddercli.history.keeping import Kept
    from laddercli.roles.catalog import Catalog


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
    + examples(
        "ladder assess",
        "ladder assess cto --evidence",
        "ladder assess cto --template -o a.yaml",
        "ladder assess --answers a.yaml",
    )
)


# assess's own options
TargetArg = Annotated[
    Optional[str],  # noqa: UP045
    target_argument("The role to assess your readiness for, such as cto or ceo. Default: asked."),
]
FromOption = Annotated[
    Optional[str],  # noqa: UP045
    role_option(
        "--from",
        "The role you are in now, such as vp. Default: the only role with a path "
        "to TARGET, or asked.",
    ),
]
ToOption = Annotated[
    Optional[str],  # noqa: UP045
    role_option("--to", "The target role (the same as TARGET)."),
]
AnswersOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--answers",
        "-a",
        metavar="FILE",
        help="Score an answers file (YAML or JSON; - for standard input) instead of "
        "asking. Its path (from, to) is the one scored.",
        show_default=False,
    ),
]
TemplateFlag = Annotated[
    bool,
    flag(
        "--template",
        help="Write a fill-in answers file for the path instead of asking: every "
        "question with its scale as comments. To standard output, or to -o FILE.",
    ),
]
EvidenceFlag = Annotated[
    bool,
    flag("--evidence", help="After each rating, ask for an optional note of evidence."),
]
RaterOption = Annotated[
    Optional[str],  # noqa: UP045
    name_option(
        "--rater",
        "Who answers: self (the default), manager, peer-1 ... (kept in the answers file).",
    ),
]
PersonOption = Annotated[
    Optional[str],  # noqa: UP045
    name_option(
        "--person",
        "Whose readiness is rated, when others rate you too (kept in the answers "
        "file; ladder report brings together files about one person).",
    ),
]
GroupOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--group",
        metavar="GROUP",
        help="The rater's group: self, manager, peer, direct-report or other, or one the "
        "role file declares (kept in the answers file; without it, the group follows the "
        "rater's name).",
        show_default=False,
    ),
]
ResumeFlag = Annotated[
    bool,
    flag(
        "--resume",
        help="Continue the questionnaire you left unfinished on this path (or, with no "
        "target, the latest one), from the first question not yet answered.",
    ),
]
NoSaveFlag = Annotated[
    bool,
    flag("--no-save", help="Do not keep this assessment in your history (ladder history)."),
]
PulseFlag = Annotated[
    bool,
    flag(
        "--focus",
        help="A pulse: ask only your plan's focus items (ladder plan) and carry the other "
        "answers from your last full assessment.",
    ),
]
ForceFlag = Annotated[
    bool,
    flag(
        "--force",
        help="With --template: write over an -o FILE that already exists (without it, "
        "an existing file, which may hold answers, is never replaced).",
    ),
]


@app.command(help=ASSESS_HELP)
def assess(
    ctx: typer.Context,
    target: TargetArg = None,
    source: FromOption = None,
    to: ToOption = None,
    answers_file: AnswersOption = None,
    template: TemplateFlag = False,
    evidence: EvidenceFlag = False,
    rater: RaterOption = None,
    person: PersonOption = None,
    group: GroupOption = None,
    resume: ResumeFlag = False,
    no_save: NoSaveFlag = False,
    force: ForceFlag = False,
    focus: PulseFlag = False,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """The questionnaire, or a template, or a saved answers file, then the report."""
    run = Application.of(ctx)
    with errors():
        _check_assess_options(answers_file, template, evidence, rater, person)
        if group is not None and answers_file is not None:
            raise UsageError(
                "--group names the group of a new questionnaire or template; an answers "
                "file says it under group:"
            )
        if force and not template:
            raise UsageError("--force goes with --template -o FILE, to write over FILE")
        if resume and (answers_file is not None or template):
            raise UsageError(
                "--resume continues a questionnaire; it goes with neither --answers nor --template"
            )
        wanted = _target_name(target, to)
        catalog = run.catalog()
        for name in (wanted, source):  # an unknown role is the first thing to say
            if name is not None:
                catalog.get(name)
        if focus:
            _check_pulse(wanted, answers_file, template, resume, rater, person)
            _pulse(run, catalog.get(wanted or "").id, format, output, save=not no_save)
        elif answers_file is not None:
            _assess_file(run, answers_file, source, wanted, format, output, save=not no_save)
        elif template:
            _write_template(
                run, source, wanted, (rater or DEFAULT_RATER, person, group), format, output, force
            )
        elif not run.terminal.is_interactive():
            _check_path(catalog, source, wanted)  # "no such path" says more than this
            raise UsageError(NO_TERMINAL)
        else:
            from laddercli.assessment.session import Request  # its dataclasses: 5 ms

            _assess_interactively(
                run,
                Request(source, wanted, rater, person, evidence, resume, not no_save, group=group),
                format,
                output,
            )


def _check_pulse(
    target: str | None,
    answers_file: str | None,
    template: bool,
    resume: bool,
    rater: str | None,
    person: str | None,
) -> None:
    if target is None:
        raise UsageError("name the target of the plan: ladder assess cto --focus")
    if answers_file is not None or template or resume or rater is not None or person:
        raise UsageError(
            "--focus asks your own plan's focus items: it goes with none of --answers, "
            "--template, --resume, --rater and --person"
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
    run: Application,
    file: str,
    source: str | None,
    target: str | None,
    fmt: OutputFormat | None,
    output: str | None,
    *,
    save: bool,
) -> None:
    from laddercli.assessment.scoring import score
    from laddercli.history.keeping import keep_in_history

    q, answers = run.read_answers(file, source, target)
    run.check_output(fmt, output)  # before the assessment is saved
    result = score(q, answers)
    kept = keep_in_history(result, save=save)
    run.emit_report(result, fmt, output, since=kept.since)
    tell(run, kept, f"Your answers are in {file}, as they were.")


def _write_template(
    run: Application,
    source: str | None,
    target: str | None,
    who: tuple[str, str | None, str | None],
    fmt: OutputFormat | None,
    output: str | None,
    force: bool = False,
) -> None:
    """A fill-in answers file; never written over a file that holds anything (it may hold
    someone's answers), unless ``force``."""
    from laddercli.assessment.answers import Answers, answers_json, answers_yaml
    from laddercli.assessment.questions import build_questionnaire, named_path
    from laddercli.assessment.raters import rater_name
    from laddercli.render.output import choose_format
    from laddercli.views.figures import counted

    chosen = choose_format(fmt, output)
    if chosen in (OutputFormat.markdown, OutputFormat.html):
        raise UsageError("a template is YAML (the default) or JSON (--format json)")
    from laddercli.assessment.session import check_group

    rater, person, group = who
    q = build_questionnaire(named_path(run.catalog(), source, target))
    check_group(q, group and group.strip(), rater_name(rater))
    from laddercli.history.progress import logged_notes

    blank = Answers(
        q.source.id,
        q.target.id,
        rater=rater_name(rater),
        person=person and person.strip(),
        group=group and group.strip(),
    )
    blank.notes.update(logged_notes(q.source.id, q.target.id, blank.rater, q.ids()))
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
    run.write_text(text, output, new=not force)
    if output not in (None, "-"):
        import shlex

        run.terminal.echo(
            visible(
                f"Wrote the answers template for {q.title} ({counted(q.steps, 'question')}) "
                f"to {output}.\n"
                "Fill it in, then run:\n"
                f"  {run.ladder('assess --answers ' + shlex.quote(output))}"
            )
        )


def _assess_interactively(
    run: Application, request: "Request", fmt: OutputFormat | None, output: str | None
) -> None:
    import gc

    from laddercli.assessment.session import Halted, Session
    from laddercli.cli import prompts
    from laddercli.render.output import check_writable

    gc.enable()  # off for short commands (see laddercli.main); this one may run for long
    run.check_output(fmt, output)  # a bad combination fails before any question
    if output not in (None, "-"):
        check_writable(Path(output))
    terminal = run.terminal
    from laddercli.history.progress import logged_notes

    session = Session(
        run.catalog(), terminal, lambda path: run.read_answers(str(path)), logged_notes
    )
    with run.stopping.signals():
        with run.stopping.at_prompts(prompts.stop_running_prompt), prompts.session():
            try:
                started = session.start(request)
            except (KeyboardInterrupt, EOFError):
                terminal.quietly(
                    lambda: terminal.echo("Cancelled before the first question: nothing to keep.")
                )
                raise typer.Exit(ExitCode.CANCELLED) from None
            answered = session.answer(started)
            if isinstance(answered, Halted):  # said while a second stop only asks again
                _say_halted(terminal, answered)
                raise typer.Exit(ExitCode.CANCELLED)
        _finish(run, session, answered, fmt, output, save=request.save)


def _say_halted(terminal: "Terminal", halted: "Halted") -> None:
    from laddercli.cli.terminal import given, question_of

    if halted.nothing:
        terminal.quietly(
            lambda: terminal.echo("\nStopped before the first answer: nothing to keep.")
        )
        return
    keeper = halted.keeper
    lead = f"Stopped at {question_of(halted.step, keeper.q.steps)}, with {given(keeper.answers)}."
    terminal.quietly(lambda: terminal.say_kept(keeper, lead, resume=True))


def _finish(
    run: Application,
    session: "Session",
    keeper: "AnswerKeeper",
    fmt: OutputFormat | None,
    output: str | None,
    *,
    save: bool,
) -> None:
    """The questionnaire is done: the session files the draft among the answers and keeps
    the assessment in the history, then the report."""
    from laddercli.history.keeping import keeping

    terminal = run.terminal
    try:
        finished = session.finish(keeper, keep=keeping(save=save))
        terminal.echo()  # the questionnaire (on stderr) ends; the report begins
        run.emit_report(finished.result, fmt, output, since=finished.kept.since)
    except KeyboardInterrupt:  # Ctrl-C, SIGTERM or SIGHUP while saving or reporting
        terminal.quietly(
            lambda: terminal.say_kept(
                keeper, "Stopped before the report was complete.", stopped=True
            )
        )
        raise typer.Exit(ExitCode.CANCELLED) from None
    except BaseException:  # the report could not be written; the answers are kept all the same
        terminal.say_kept(keeper, "")
        raise
    terminal.say_kept(keeper, "")
    tell(run, finished.kept, "Your answers are kept in the file above.")


def tell(run: Application, kept: "Kept", where_answers: str) -> None:
    """Say what became of keeping the assessment in the history; an error that kept it
    out ends the run with its exit code."""
    if kept.error is not None:
        said = str(kept.error)
        run.terminal.echo(
            f"ladder: {said}{'' if said.endswith('.') else '.'} {visible(where_answers)}"
        )
        raise typer.Exit(kept.error.exit_code)
    if kept.id is not None:
        run.terminal.echo(f"Saved in your history as assessment #{kept.id}.")
    elif kept.same_as is not None:
        run.terminal.echo(f"Already in your history, with the same answers, as #{kept.same_as}.")
    elif kept.replaced is not None:
        run.terminal.echo(
            f"Replaced assessment #{kept.replaced} in your history: these answers, of the same "
            "date, were edited since it was saved (a correction is not progress)."
        )


def _pulse(run: Application, role_id: str, fmt: object, output: str | None, *, save: bool) -> None:
    """``ladder assess TARGET --focus``: ask only the plan's open focus items, carry the
    other answers from the last full assessment on the plan's path, score, and keep it in
    the history as a pulse of the plan."""
    from datetime import datetime

    from laddercli.assessment.answers import load_saved_answers
    from laddercli.assessment.scoring import score
    from laddercli.history import store
    from laddercli.history.keeping import keep_in_history
    from laddercli.history.progress import logged_notes
    from laddercli.render.output import OutputFormat

    with store.Store.open(store.database_path(), create=False) as db:
        plans = db.plans(role_id)
        if not plans:
            raise UsageError(
                f"a pulse asks your plan's focus items, and you have no plan towards {role_id}: "
                f"make one with `{run.ladder(f'plan {role_id} --focus ID')}`"
            )
        plan = plans[0]
        pulses = db.pulses()
        full = [
            s
            for s in db.list(target=role_id, source=plan.source, rater=DEFAULT_RATER)
            if s.id not in pulses
        ]
        base = db.get(full[-1].id) if full else None
    if base is None:
        raise UsageError(
            f"a pulse carries the answers of your last full assessment towards {role_id}, and "
            f"there is none: take one with `{run.ladder('assess ' + role_id)}`"
        )
    ids = [f.item for f in plan.focus if f.status == "open"]
    if not ids:
        raise UsageError(
            f"every focus item of your plan towards {role_id} is done: make a new plan with "
            f"`{run.ladder(f'plan {role_id} --focus ID')}`"
        )
    if not run.terminal.is_interactive():
        raise UsageError("a pulse asks its questions on a terminal, and standard input is not one")
    q, answers = load_saved_answers(base.answers, f"assessment #{base.id}", run.catalog())
    answers.date = datetime.now().astimezone().isoformat("T", "seconds")
    answers.digest = q.digest
    answers.notes.update(logged_notes(q.source.id, q.target.id, answers.rater, ids))
    run.terminal.say(
        f"A pulse: your {len(ids)} focus item{'s' if len(ids) != 1 else ''} towards "
        f"{q.target.title}; the other answers are those of assessment #{base.id} "
        f"({base.date[:10]})."
    )
    run.terminal.pulse(q, answers, ids)
    result = score(q, answers)
    kept = keep_in_history(result, save=save, pulse_of=plan.id)
    chosen = fmt if isinstance(fmt, OutputFormat) else None
    run.emit_report(result, chosen, output, since=kept.since)
    tell(run, kept, "")
