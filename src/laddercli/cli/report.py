"""``ladder report``: saved answers rendered again, one rater's or several raters' in one.

No ``from __future__ import annotations``: Typer reads these annotations at run time.
"""

import os
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from laddercli.cli.application import Application, today
from laddercli.cli.errors import errors
from laddercli.cli.options import FormatOption, OutputOption, assessment_id, flag
from laddercli.cli.root import app, examples
from laddercli.errors import UsageError
from laddercli.render.output import OutputFormat, refuse_kept
from laddercli.visible import visible_name

if TYPE_CHECKING:
    from laddercli.assessment.collect import SentForm

REPORT_HELP = (
    "Render saved answers as a report, in any format, without asking anything.\n\n"
    "One answers file gives its gap report. Several files about one person and path, one "
    "per rater (rater: self, manager, peer-1 ...), give one report: each rater's "
    "readiness, a combined readiness from the others' ratings, and your blind spots and "
    "hidden strengths (where you rate yourself at least 1 point above or below the others' "
    "mean). If the role files have changed since the answers were saved, the report says "
    "which questions were added or removed.\n\n"
    "A folder reads every answers file in it (*.json, *.yaml, *.yml; not sent.json, the "
    "forms, hidden files or subfolders), as if each were named. Where it holds the list of "
    "forms ladder form sent (sent.json), the report says per group how many came back and "
    "how many are still out; whose are out is said on standard error, not in the report. "
    "A form returned twice counts once.\n\n"
    + examples(
        "ladder report answers.yaml -o report.html",
        "ladder report self.yaml manager.yaml peer-1.yaml -o 360.md",
        "ladder report answers/ -o dana-cto.html",
        "ladder report --id 1 --id 4",
    )
)

NOTHING_NAMED = (
    "name one or more answers files (or a folder of them), or a saved assessment with --last "
    "or --id N, such as: ladder report answers.yaml · ladder report answers/ · ladder report "
    "--last"
)


@app.command(help=REPORT_HELP)
def report(
    ctx: typer.Context,
    files: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(
            metavar="FILE",
            help="Answers files (YAML or JSON; - for standard input), one per rater; or "
            "one folder of them.",
            show_default=False,
        ),
    ] = None,
    last: Annotated[
        bool, flag("--last", help="The assessment saved last in your history.")
    ] = False,
    id_: Annotated[
        Optional[list[int]],  # noqa: UP045
        typer.Option(
            "--id",
            metavar="N",
            parser=assessment_id,
            help=(
                "Assessment N of your history (ladder history lists them); several --id, "
                "one per rater, give one report."
            ),
            show_default=False,
        ),
    ] = None,
    named: Annotated[
        bool,
        flag(
            "--named",
            help="For a facilitator: every rater by name, with no anonymity floors, and "
            "whose forms are still out (the report says so at its top).",
        ),
    ] = False,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Re-render saved answers; several raters' files make one report."""
    run = Application.of(ctx)
    with errors():
        given = sum((bool(files), last, bool(id_)))
        if given > 1:
            raise UsageError("give answers files, --last or --id N: one of the three")
        if given == 0:
            raise UsageError(NOTHING_NAMED)
        if output is not None:
            refuse_kept(output, "report", files or ())
        run.catalog()  # the roles are checked before any file is read
        if files is not None and any(os.path.isdir(f) for f in files):
            _report_folder(run, files, named, format, output)
            return
        if files is None and len(id_ or ()) < 2:
            _report_saved(run, id_[0] if id_ else None, format, output)
            return
        if files is None:
            loaded = _saved_panel(run, id_ or [])
        else:
            twice = next((f for i, f in enumerate(files) if _same_file(f, files[:i])), None)
            if twice is not None:
                raise UsageError(f"{twice} is named twice; name each rater's file once")
            loaded = [(file, *run.read_answers(file)) for file in files]
        if len(loaded) == 1:
            from laddercli.assessment.scoring import score

            _, q, answers = loaded[0]
            run.emit_report(score(q, answers), format, output)
            return
        from laddercli.assessment.panel import combine
        from laddercli.views.panel import panel_blocks, panel_data

        panel = combine(loaded, named=named)
        scored = today()
        run.emit(
            format,
            output,
            lambda: panel_blocks(panel, scored=scored),
            lambda: panel_data(panel, scored=scored),
        )


def _report_folder(
    run: Application, files: list[str], named: bool, fmt: OutputFormat | None, output: str | None
) -> None:
    """Every answers file of one folder in one report of its raters (even one rater: the
    anonymity floors apply), with the forms returned and still out where the folder holds
    the list of forms sent; whose forms are out is said on standard error, to whoever
    collects, never in the report (but a facilitator's, --named)."""
    from pathlib import Path

    from laddercli.assessment.collect import SENT, collect, is_answers_name, returned
    from laddercli.assessment.panel import combine
    from laddercli.views.panel import panel_blocks, panel_data

    if len(files) > 1:
        raise UsageError(
            "name one folder (ladder report answers/) or answers files (ladder report "
            "a.yaml b.yaml), not both: a folder holds one person's answers for one path"
        )
    folder = files[0]
    if (
        output not in (None, "-")
        and _in_folder(output, folder)
        and is_answers_name(Path(output).name)
    ):
        raise UsageError(
            f"{output} is in the folder the answers are read from, and would be read as "
            "answers next time: write the report outside it, or as HTML (.html)"
        )
    run.read.append(Path(folder) / SENT)
    collected = collect(
        Path(folder),
        folder,
        run.catalog(),
        lambda path, shown: run.read_answers(str(path), regular=True, display=shown),
    )
    if collected.sent is not None:
        run.read.append(Path(folder) / Path(collected.sent.file).name)  # SENT.JSON, say
    for note in collected.notes:
        run.terminal.echo(note)
    panel = combine(collected.loaded, named=named)
    scored = today()
    run.emit(
        fmt,
        output,
        lambda: panel_blocks(panel, scored=scored, collected=collected),
        lambda: panel_data(panel, scored=scored, collected=collected),
    )
    _still_out(run, panel, [f for r in returned(collected, panel) for f in r.outstanding])


def _still_out(run: Application, panel: Any, forms: "list[SentForm]") -> None:
    """Whose forms are still out, on standard error: a reminder for whoever collects (who
    holds sent.json and the files), never part of the report."""
    from laddercli.assessment.groups import group_rules
    from laddercli.views.figures import counted

    if not forms:
        return
    rules = group_rules(panel.questionnaire.assessment.groups)
    run.terminal.echo(f"{counted(len(forms), 'form')} still out (said here, not in the report):")
    for form in forms:
        # on one line: a line break in a name from sent.json would forge lines of the list
        whose = form.rater or f"a form with no rater name, {form.file}"
        run.terminal.echo(f"  {visible_name(rules[form.group].label)}: {visible_name(whose)}")


def _in_folder(output: str, folder: str) -> bool:
    try:
        return os.path.samefile(os.path.dirname(os.path.abspath(output)), folder)
    except OSError:
        return False


def _same_file(file: str, earlier: list[str]) -> bool:
    if file == "-":
        return "-" in earlier
    try:
        return any(f != "-" and os.path.samefile(f, file) for f in earlier)
    except OSError:
        return file in earlier


def _saved_panel(run: Application, ids: list[int]) -> list[tuple[str, Any, Any]]:
    """Several assessments of the history, one per rater, as (origin, questionnaire,
    answers) for one panel report; an id named twice, or not in the history, is refused."""
    from laddercli.assessment.answers import load_saved_answers
    from laddercli.history import store

    twice = next((n for i, n in enumerate(ids) if n in ids[:i]), None)
    if twice is not None:
        raise UsageError(f"--id {twice} is named twice; name each rater's assessment once")
    with store.Store.open(store.database_path(), create=False) as db:
        found = [db.get(n) for n in ids]  # an unknown id is refused, as for one --id
    loaded: list[tuple[str, Any, Any]] = []
    for saved in found:
        origin = f"assessment #{saved.id}"
        q, answers = load_saved_answers(saved.answers, origin, run.catalog())
        if answers.date is None:
            answers.date = saved.date
        loaded.append((origin, q, answers))
    return loaded


def _report_saved(
    run: Application, id_: int | None, fmt: OutputFormat | None, output: str | None
) -> None:
    """Re-render an assessment from the history: its answers, scored as they were saved
    (against today's role files, which the report compares by digest)."""
    from laddercli.assessment.answers import load_saved_answers
    from laddercli.assessment.scoring import score
    from laddercli.history import progress, store

    with store.Store.open(store.database_path(), create=False) as db:
        saved = db.saved_last() if id_ is None else db.get(id_)
        if saved is None:
            raise UsageError("your history is empty: no assessment has been saved yet")
        before = db.previous(saved)
    q, answers = load_saved_answers(saved.answers, f"assessment #{saved.id}", run.catalog())
    if answers.date is None:
        answers.date = saved.date
    run.emit_report(score(q, answers), fmt, output, since=progress.since(before))
