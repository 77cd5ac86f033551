"""``ladder report``: saved answers rendered again, one rater's or several raters' in one.

No ``from __future__ import annotations``: Typer reads these annotations at run time.
"""

import os
from typing import Annotated, Optional

import typer

from laddercli.cli.application import Application, today
from laddercli.cli.errors import errors
from laddercli.cli.options import FormatOption, OutputOption, assessment_id, flag
from laddercli.cli.root import app, examples
from laddercli.errors import UsageError
from laddercli.render.output import OutputFormat

REPORT_HELP = (
    "Render saved answers as a report, in any format, without asking anything.\n\n"
    "One answers file gives its gap report. Several files about one person and path, one "
    "per rater (rater: self, manager, peer-1 ...), give one report: each rater's "
    "readiness, a combined readiness from the others' ratings, and your blind spots and "
    "hidden strengths (where you rate yourself at least 1 point above or below the others' "
    "mean). If the role files have changed since the answers were saved, the report says "
    "which questions were added or removed.\n\n"
    + examples(
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
        bool, flag("--last", help="The assessment saved last in your history.")
    ] = False,
    id_: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--id",
            metavar="N",
            parser=assessment_id,
            help="Assessment N of your history (ladder history lists them).",
            show_default=False,
        ),
    ] = None,
    named: Annotated[
        bool,
        flag(
            "--named",
            help="For a facilitator: every rater by name, with no anonymity floors (the "
            "report says so at its top).",
        ),
    ] = False,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Re-render saved answers; several raters' files make one report."""
    run = Application.of(ctx)
    with errors():
        given = sum((bool(files), last, id_ is not None))
        if given > 1:
            raise UsageError("give answers files, --last or --id N: one of the three")
        if given == 0:
            raise UsageError(
                "name one or more answers files, or a saved assessment with --last or --id N, "
                "such as: ladder report answers.yaml · ladder report --last"
            )
        run.catalog()  # the roles are checked before any file is read
        if files is None:
            _report_saved(run, id_, format, output)
            return
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


def _same_file(file: str, earlier: list[str]) -> bool:
    if file == "-":
        return "-" in earlier
    try:
        return any(f != "-" and os.path.samefile(f, file) for f in earlier)
    except OSError:
        return file in earlier


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
