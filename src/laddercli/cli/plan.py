"""``ladder plan`` and ``ladder log``: focus items taken from the latest assessment, with
due dates, tracked; evidence logged against a question.

No ``from __future__ import annotations``: Typer reads these annotations at run time.
"""

from typing import TYPE_CHECKING, Annotated, Optional

import typer

from laddercli.assessment.raters import DEFAULT_RATER
from laddercli.cli.application import Application
from laddercli.cli.errors import errors
from laddercli.cli.options import FormatOption, OutputOption, flag, target_argument
from laddercli.cli.root import app, examples
from laddercli.errors import UsageError
from laddercli.visible import visible

if TYPE_CHECKING:
    from laddercli.assessment.scoring import Result
    from laddercli.history.store import EvidenceRecord, Saved, Store
    from laddercli.views.plan import Tracked

PLAN_HELP = (
    "Your plan: up to three focus items of your latest assessment, with a due date, and "
    "what has become of each (status, evidence logged, rating then and now).\n\n"
    + examples(
        "ladder plan cto --focus internal-to-external --due 2027-03-31",
        "ladder plan",
        "ladder plan cto --done internal-to-external",
        "ladder plan cto --ics -o plan.ics",
    )
)


@app.command(name="plan", help=PLAN_HELP)
def plan_(
    ctx: typer.Context,
    target: Annotated[
        Optional[str],  # noqa: UP045
        target_argument("A target role, such as cto: its plan. Default: every plan."),
    ] = None,
    focus: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--focus",
            metavar="ID",
            help="Make a plan of this item of your latest assessment (a key shift, "
            "behaviour or indicator id; up to three --focus).",
            show_default=False,
        ),
    ] = None,
    due: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--due",
            metavar="YYYY-MM-DD",
            help="With --focus: the focus items' due date.",
            show_default=False,
        ),
    ] = None,
    done: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--done", metavar="ID", help="Close this focus item.", show_default=False),
    ] = None,
    ics: Annotated[
        bool,
        flag("--ics", help="Write the due dates and a check-in every four weeks as iCalendar."),
    ] = False,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Your plan: focus items with a due date, tracked."""
    from laddercli.history import store

    run = Application.of(ctx)
    with errors():
        if (focus or due is not None) and target is None:
            raise UsageError(
                "name the target role of the plan, such as: ladder plan cto --focus ID"
            )
        if due is not None and not focus:
            raise UsageError("--due goes with --focus: the focus items' due date")
        if done is not None and focus:
            raise UsageError("give --focus to make a plan or --done to close an item, not both")
        role_id = run.catalog().get(target).id if target is not None else None
        if focus:
            _make(run, role_id or "", focus, due)
        elif done is not None:
            _close(run, role_id, done)
            return
        elif role_id is not None and run.terminal.is_interactive() and not ics:
            with store.Store.open(store.database_path(), create=False) as db:
                has_plan = bool(db.plans(role_id))
            if not has_plan:
                _pick(run, role_id)
        with store.Store.open(store.database_path(), create=False) as db:
            tracked = _tracked(run, db, role_id)
        if role_id is not None and not tracked:
            _no_plan(run, role_id)
        if ics:
            _write_ics(run, tracked, output)
            return
        _show(run, tracked, role_id, format, output)


def _show(
    run: Application, tracked: "list[Tracked]", role_id: str | None, fmt: object, output: str | None
) -> None:
    from laddercli.render.output import OutputFormat
    from laddercli.views import plan as views

    data = (
        (lambda: views.plan_data(tracked[0]))
        if role_id is not None
        else (lambda: [views.plan_data(t) for t in tracked])
    )
    chosen = fmt if isinstance(fmt, OutputFormat) else None
    run.emit(chosen, output, lambda: views.plan_blocks(tracked), data, what="plan")


def _latest(run: Application, db: "Store", role_id: str) -> "tuple[Saved, Result]":
    """The latest assessment (your own) towards ``role_id``, scored; how to make one if
    there is none."""
    from laddercli.assessment.answers import load_saved_answers
    from laddercli.assessment.scoring import score

    saved = db.last(target=role_id, rater=DEFAULT_RATER)
    if saved is None:
        raise UsageError(
            f"no assessment towards {role_id} in your history yet: make one with "
            f"`{run.ladder('assess ' + role_id)}`, then pick its focus items"
        )
    q, answers = load_saved_answers(saved.answers, f"assessment #{saved.id}", run.catalog())
    return saved, score(q, answers)


def _make(run: Application, role_id: str, focus: list[str], due: str | None) -> None:
    from datetime import date

    from laddercli.assessment.focus import due_date, focus_items
    from laddercli.history import store

    when = None if due is None else due_date(due, date.today())
    with store.Store.open(store.database_path()) as db:
        saved, result = _latest(run, db, role_id)
        items = focus_items(result, focus)
        db.save_plan(
            result.questionnaire.source.id,
            role_id,
            saved.id,
            date.today().isoformat(),
            [store.FocusRecord(i.id, i.text, i.rating, when) for i in items],
        )
    run.terminal.echo(
        f"Planned {len(items)} focus item{'s' if len(items) != 1 else ''} from assessment "
        f"#{saved.id}" + (f", due {when}" if when else "") + "."
    )


def _pick(run: Application, role_id: str) -> None:
    """Offer the plan's first items to pick from, and make the plan of those picked."""
    from laddercli.assessment.focus import MAX_FOCUS, plan_items
    from laddercli.history import store

    with store.Store.open(store.database_path(), create=False) as db:
        _, result = _latest(run, db, role_id)
    offered = [
        (i.id, f"{i.text} ({i.label}, {i.rating:g} → {i.target})") for i in plan_items(result)[:8]
    ]
    if not offered:
        run.terminal.echo("Every item of your latest assessment is at target: nothing to plan.")
        return
    picked = run.terminal.pick_focus(offered, MAX_FOCUS)
    if picked:
        _make(run, role_id, picked, None)


def _close(run: Application, role_id: str | None, item: str) -> None:
    from datetime import date

    from laddercli.history import store
    from laddercli.roles.checks import did_you_mean

    with store.Store.open(store.database_path(), create=False) as db:
        plans = db.plans(role_id)
        holding = [p for p in plans if any(f.item == item for f in p.focus)]
        if not holding:
            known = [f.item for p in plans for f in p.focus]
            where = f"your plan towards {role_id}" if role_id else "any of your plans"
            raise UsageError(
                f"{item!r} is not a focus item of {where}{did_you_mean(item, known)}; "
                f"`{run.ladder('plan')}` shows them"
            )
        if len(holding) > 1:
            raise UsageError(
                f"{item!r} is a focus item of several plans ("
                + ", ".join(p.target for p in holding)
                + "): name the target, such as "
                + f"`{run.ladder(f'plan {holding[0].target} --done {item}')}`"
            )
        db.close_focus(holding[0].id, item, date.today().isoformat())
    run.terminal.echo(visible(f"Done: {item} (plan towards {holding[0].target})."))


def _tracked(run: Application, db: "Store", role_id: str | None) -> "list[Tracked]":
    from laddercli.assessment.answers import load_saved_answers
    from laddercli.assessment.focus import ratings
    from laddercli.assessment.scoring import score
    from laddercli.views.plan import Tracked

    out = []
    catalog = run.catalog()
    pulses = db.pulses()
    for plan in db.plans(role_id):
        ids = [f.item for f in plan.focus]
        latest = db.last(target=plan.target, source=plan.source, rater=DEFAULT_RATER)
        now = {}
        if latest is not None:
            q, answers = load_saved_answers(latest.answers, f"assessment #{latest.id}", catalog)
            now = ratings(score(q, answers), ids)
        evidence: dict[str, list[EvidenceRecord]] = {}
        for e in db.evidence(ids):
            evidence.setdefault(e.item, []).append(e)
        title = catalog.get(plan.target).title if plan.target in catalog.ids else plan.target
        pulse = latest is not None and latest.id in pulses
        out.append(
            Tracked(plan, title, now, None if latest is None else latest.id, evidence, pulse)
        )
    return out


def _no_plan(run: Application, role_id: str) -> None:
    from laddercli.assessment.focus import plan_items
    from laddercli.history import store

    with store.Store.open(store.database_path(), create=False) as db:
        _, result = _latest(run, db, role_id)
    first = ", ".join(i.id for i in plan_items(result)[:3])
    raise UsageError(
        f"no plan towards {role_id} yet: make one with "
        f"`{run.ladder(f'plan {role_id} --focus ID --due YYYY-MM-DD')}`"
        + (f" (the plan's first items: {first})" if first else "")
    )


def _write_ics(run: Application, tracked: "list[Tracked]", output: str | None) -> None:
    from datetime import date

    from laddercli.render.calendar import to_ics
    from laddercli.views.plan import calendar_events

    if not tracked:
        raise UsageError(f"no plan yet: make one with `{run.ladder('plan TARGET --focus ID')}`")
    run.write_text(to_ics(calendar_events([t.plan for t in tracked]), date.today()), output)
    if output not in (None, "-"):
        run.terminal.echo(f"Wrote the calendar of your plan to {visible(output)}")


LOG_HELP = (
    "Log a dated piece of evidence against a question (a key shift, behaviour or indicator "
    "id), or, with no TEXT, list what you logged. The next questionnaire shows it under "
    "that question.\n\n"
    + examples(
        "ladder log 'Spoke at a CTO meetup' --item internal-to-external",
        "ladder log 'Board talk' --item internal-to-external --date 2026-11-28",
        "ladder log",
    )
)


@app.command(name="log", help=LOG_HELP)
def log_(
    ctx: typer.Context,
    text: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(metavar="TEXT", help="What you did, in a sentence.", show_default=False),
    ] = None,
    item: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--item",
            metavar="ID",
            help="The question it is evidence for (ladder plan shows the ids); when "
            "listing, only this one's.",
            show_default=False,
        ),
    ] = None,
    when: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="When it happened. Default: today.",
            show_default=False,
        ),
    ] = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Log evidence against a question, or list the evidence logged."""
    from datetime import date

    from laddercli.assessment.focus import evidence_date
    from laddercli.history import store
    from laddercli.views import plan as views

    run = Application.of(ctx)
    with errors():
        if text is None:
            if when is not None:
                raise UsageError("--date goes with a TEXT to log")
            with store.Store.open(store.database_path(), create=False) as db:
                found = db.evidence(None if item is None else [item])
            run.emit(
                format,
                output,
                lambda: views.evidence_blocks(found),
                lambda: views.evidence_data(found),
                what="evidence log",
            )
            return
        if not text.strip():
            raise UsageError("the evidence is empty: say what you did, in a sentence")
        if item is None:
            raise UsageError(
                "name the question it is evidence for: --item ID (ladder plan shows the ids)"
            )
        if format is not None or output is not None:
            raise UsageError("-f and -o go with listing the log (ladder log), not with logging")
        day = date.today().isoformat() if when is None else evidence_date(when, date.today())
        _known_item(run, item)
        with store.Store.open(store.database_path()) as db:
            db.log_evidence(item, day, text.strip())
        run.terminal.echo(visible(f"Logged for {item} on {day}."))


def _known_item(run: Application, item: str) -> None:
    """Refuse an id that is no question of any path, with "did you mean" and the paths."""
    import difflib

    from laddercli.assessment.questions import all_paths, question_ids

    catalog = run.catalog()
    by_path = {f"{v.source.id} → {v.target.id}": question_ids(v) for v in all_paths(catalog)}
    if any(item in ids for ids in by_path.values()):
        return
    known = sorted({i for ids in by_path.values() for i in ids})
    close = difflib.get_close_matches(item, known, n=1) if len(item) <= 200 else []
    hint = ""
    if close:
        paths = ", ".join(path for path, ids in by_path.items() if close[0] in ids)
        hint = f" (did you mean {close[0]!r}, on the path {paths}?)"
    raise UsageError(
        f"{item!r} is not a key shift, behaviour or indicator of any path{hint}; "
        f"`{run.ladder('plan')}` shows your focus items' ids"
    )
