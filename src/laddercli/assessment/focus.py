"""A plan you can track: focus items picked from an assessment's plan with a due date, and
what has become of each since.

The plan's order is the report's one plan (``assessment/plan.py``): every question rated
under target, ranked by gap × weight, key shifts included, raised by a checked pitfall; an
option to weigh is never in it. An item's id is its question's id in the role file (a key
shift, behaviour or indicator id).

Pure functions over a scored assessment (``scoring.Result``) and the history's records:
no printing, no prompting; bad input raises ``UsageError``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from laddercli.errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from laddercli.assessment.scoring import ItemScore, Result

MAX_FOCUS = 3  # focus items at a time: more is a list, not a focus
CHECK_IN_WEEKS = 4  # a check-in on the plan every four weeks


@dataclass(frozen=True)
class FocusItem:
    """An item of the plan: a question under target, with its rating and gap."""

    id: str
    text: str
    label: str  # "Key shift", "Behaviour", "Readiness indicator"
    area: str
    rating: float | None
    target: int


def plan_items(result: Result) -> list[FocusItem]:
    """The plan of an assessment, first item first: the report's one plan."""
    from laddercli.assessment.plan import plan

    return [_item(ranked.item) for ranked in plan(result.items, result.pitfalls)]


def _item(item: ItemScore) -> FocusItem:
    q = item.question
    rating = item.value if item.rated else None
    return FocusItem(q.id, q.text, q.label, q.area, rating, item.target)


def item_of(result: Result, item_id: str) -> FocusItem:
    """The question ``item_id`` of the assessment's path, as a plan item (it may be at
    target already: a focus may keep a strength); a UsageError with "did you mean" and the
    path for an id the path does not have, or an option to weigh."""
    from laddercli.roles.checks import did_you_mean

    q = result.questionnaire
    found = next((i for i in result.items if i.id == item_id), None)
    if found is None:
        known = [i.id for i in result.items if not i.question.option]
        first = ", ".join(i.id for i in plan_items(result)[:MAX_FOCUS])
        raise UsageError(
            f"{item_id!r} is not an item of the path {q.source.id} → {q.target.id}"
            f"{did_you_mean(item_id, known)}"
            + (f"; the plan's first items: {first}" if first else "")
        )
    if found.question.option:
        raise UsageError(
            f"{item_id!r} is an option to weigh, not a habit to build: it cannot be a focus item"
        )
    return _item(found)


def focus_items(result: Result, ids: Sequence[str]) -> list[FocusItem]:
    """The focus items named (each once, in the order given), at most ``MAX_FOCUS``."""
    wanted = list(dict.fromkeys(ids))
    if len(wanted) > MAX_FOCUS:
        raise UsageError(
            f"{len(wanted)} focus items named; a plan holds at most {MAX_FOCUS}: pick the "
            "ones that matter most"
        )
    return [item_of(result, item_id) for item_id in wanted]


def due_date(text: str, today: date) -> str:
    """``--due`` as an ISO date: a date (YYYY-MM-DD) not before today."""
    try:
        due = date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"--due {text!r} is not a date: give it as YYYY-MM-DD") from None
    if due < today:
        raise UsageError(
            f"--due {due.isoformat()} is in the past (today is {today.isoformat()}); give a "
            "date from today on"
        )
    return due.isoformat()


def evidence_date(text: str, today: date) -> str:
    """``--date`` of a piece of evidence: a date (YYYY-MM-DD) not after today."""
    try:
        when = date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"--date {text!r} is not a date: give it as YYYY-MM-DD") from None
    if when > today:
        raise UsageError(
            f"--date {when.isoformat()} is in the future (today is {today.isoformat()}): "
            "log evidence once it happened"
        )
    return when.isoformat()


def check_ins(created: date, last: date, weeks: int = CHECK_IN_WEEKS) -> list[date]:
    """The check-ins of a plan made on ``created``: every ``weeks`` weeks, up to ``last``
    (at least one)."""
    from datetime import timedelta

    out = [created + timedelta(weeks=weeks)]
    while out[-1] + timedelta(weeks=weeks) <= last:
        out.append(out[-1] + timedelta(weeks=weeks))
    return out


def ratings(result: Result | None, ids: Iterable[str]) -> dict[str, float | None]:
    """The rating of each of ``ids`` in ``result`` (None: not rated, or no assessment)."""
    if result is None:
        return dict.fromkeys(ids)
    by_id = {i.id: i for i in result.items}
    out: dict[str, float | None] = {}
    for item_id in ids:
        found = by_id.get(item_id)
        out[item_id] = found.value if found is not None and found.rated else None
    return out
