"""``ladder history`` and ``ladder forget``: the saved assessments, a trend, one removed.

No ``from __future__ import annotations``: Typer reads these annotations at run time.
"""

from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from laddercli.assessment.raters import DEFAULT_RATER
from laddercli.cli.application import Application
from laddercli.cli.errors import errors
from laddercli.cli.options import (
    FormatOption,
    OutputOption,
    assessment_id,
    flag,
    name_option,
    target_argument,
)
from laddercli.cli.root import app, examples
from laddercli.errors import UsageError
from laddercli.visible import visible, visible_name

if TYPE_CHECKING:
    from laddercli.history.store import Saved, Store
    from laddercli.render.document import Block
    from laddercli.views.plan import Movement

HISTORY_HELP = "Your saved assessments; with a TARGET, your progress towards it.\n\n" + examples(
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
        target_argument(
            "A target role, such as cto: its readiness over time, and per area the "
            "change since the previous and the first assessment."
        ),
    ] = None,
    rater: Annotated[
        Optional[str],  # noqa: UP045
        name_option("--rater", "Only this rater's assessments. With TARGET the default is self."),
    ] = None,
    person: Annotated[
        Optional[str],  # noqa: UP045
        name_option(
            "--person",
            "Only assessments about this person. With TARGET the default is the person "
            "of the latest assessment.",
        ),
    ] = None,
    all_: Annotated[
        bool,
        flag(
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

    run = Application.of(ctx)
    with errors():
        if rater is not None and not rater.strip():
            raise UsageError("--rater needs a name")
        with store.Store.open(store.database_path(), create=False) as db:
            if target is None:
                found = about(db.list(rater=rater), person)
                shown = found if all_ else found[-views.SHOWN :]
                run.emit(
                    format,
                    output,
                    lambda: views.list_blocks(shown, len(found), rater=rater, person=person),
                    lambda: views.list_data(shown, len(found)),
                    what="history",
                )
                return
            role = run.catalog().get(target)
            who = rater or DEFAULT_RATER
            every = db.list(target=role.id, rater=who)
            if person is None and every:
                person = every[-1].person or ""
            trend = about(every, person)
            others = other_people(every, person)
            move = _focus_movement(db, role.id, trend) if who == DEFAULT_RATER else None
        run.emit(
            format,
            output,
            lambda: (
                views.trend_blocks(
                    trend,
                    role.title,
                    who,
                    target_id=role.id,
                    person=person,
                    others=others,
                    every=all_,
                )
                + _movement_blocks(move)
            ),
            lambda: views.trend_data(trend, role.id, who, person=person) | _movement_data(move),
            what="progress report",
        )


def _focus_movement(db: "Store", target: str, trend: "list[Saved]") -> "Movement | None":
    """Your plan's focus items over the trend's assessments (the last 20), if you have a
    plan towards ``target``."""
    from laddercli.views.plan import movement

    plans = db.plans(target)
    if not plans or not trend:
        return None
    shown = trend[-20:]
    found = [(s.id, s.date, db.get(s.id).answers) for s in shown]
    return movement(plans[0], found, set(db.pulses()))


def _movement_blocks(move: "Movement | None") -> "list[Block]":
    from laddercli.views.plan import movement_blocks

    return [] if move is None else movement_blocks(move)


def _movement_data(move: "Movement | None") -> "dict[str, Any]":
    from laddercli.views.plan import movement_data

    return {} if move is None else movement_data(move)


@app.command()
def forget(
    ctx: typer.Context,
    assessment_id: Annotated[
        int,
        typer.Argument(
            metavar="ID",
            parser=assessment_id,
            help="The assessment's id, as ladder history shows.",
        ),
    ],
    yes: Annotated[bool, flag("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Remove one assessment from your history (its answers file, if any, stays)."""
    from laddercli.history import store
    from laddercli.views.figures import number

    run = Application.of(ctx)
    with errors():
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
                if not run.terminal.is_interactive():
                    raise UsageError(f"without a terminal, add --yes to forget {what}")
                if not run.terminal.confirm(f"Forget {what}?"):
                    run.terminal.echo("Nothing was removed.")
                    return
            db.forget(assessment_id)
        run.terminal.echo(f"Forgot {what}.")
