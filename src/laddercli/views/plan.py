"""What ``ladder plan`` and ``ladder log`` show: each plan's focus items with their status,
due date, evidence logged and rating then and now, and the evidence log, as document
blocks and as JSON data (the fields ``target``, ``assessment``, ``created`` and ``focus``,
each ``id``, ``text``, ``due``, ``status``, ``evidence``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from laddercli.history.store import EvidenceRecord, PlanRecord
from laddercli.render.calendar import Event
from laddercli.render.document import Block, Bullets, Heading, Item, Para, Table
from laddercli.views.figures import number
from laddercli.visible import visible


@dataclass(frozen=True)
class Tracked:
    """A plan and what has become of it: the ratings of the latest assessment on its path
    (``now_from``: its id, None if there is none) and the evidence logged for its items."""

    plan: PlanRecord
    title: str  # the target role's title
    now: dict[str, float | None] = field(default_factory=dict)
    now_from: int | None = None
    evidence: dict[str, list[EvidenceRecord]] = field(default_factory=dict)
    now_pulse: bool = False  # the latest assessment is a pulse (ladder assess --focus)


def _rating(value: float | None) -> str:
    return "—" if value is None else number(value)


def plan_blocks(tracked: Sequence[Tracked]) -> list[Block]:
    """Each plan: a table of its focus items, then the evidence logged under each."""
    if not tracked:
        return [
            Heading(1, "Your plan"),
            Para(
                "You have no plan yet. Pick up to three items of your latest assessment:",
                style="hint",
                command=("plan", "TARGET", "--focus", "ID", "--due", "YYYY-MM-DD"),
            ),
        ]
    out: list[Block] = []
    for one in tracked:
        out.extend(_one_plan(one))
    return out


def _one_plan(one: Tracked) -> list[Block]:
    plan = one.plan
    now_note = (
        f"; now: assessment #{one.now_from}{' (a pulse)' if one.now_pulse else ''}"
        if one.now_from not in (None, plan.assessment_id)
        else ""
    )
    rows = tuple(
        (
            visible(f.item),
            f.status if f.closed is None else f"{f.status} {f.closed}",
            f.due or "—",
            str(len(one.evidence.get(f.item, []))),
            _rating(f.rating),
            _rating(one.now.get(f.item, f.rating)),
        )
        for f in plan.focus
    )
    out: list[Block] = [
        Heading(1, f"Plan towards {visible(one.title)}"),
        Para(
            f"Made on {plan.created} from assessment #{plan.assessment_id} "
            f"({plan.source} → {plan.target}){now_note}."
        ),
        Table(("Focus item", "Status", "Due", "Evidence", "Then", "Now"), rows),
    ]
    items = []
    for f in plan.focus:
        logged = one.evidence.get(f.item, [])
        children: tuple[Block, ...] = ()
        if logged:
            children = (Bullets(tuple(Item(visible(e.text), label=e.date) for e in logged)),)
        items.append(Item(visible(f.text), label=visible(f.item), children=children))
    out.append(Bullets(tuple(items)))
    return out


def _as_saved(value: float | None) -> float | int | None:
    """A rating as it was given: 2, not 2.0 (the database keeps numbers as REAL)."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def plan_data(one: Tracked) -> dict[str, Any]:
    """A plan as JSON data."""
    plan = one.plan
    return {
        "target": plan.target,
        "source": plan.source,
        "assessment": plan.assessment_id,
        "created": plan.created,
        "focus": [
            {
                "id": f.item,
                "text": f.text,
                "due": f.due,
                "status": f.status,
                "closed": f.closed,
                "rating_then": _as_saved(f.rating),
                "rating_now": _as_saved(one.now.get(f.item, f.rating)),
                "evidence": [
                    {"date": e.date, "text": e.text} for e in one.evidence.get(f.item, [])
                ],
            }
            for f in plan.focus
        ],
    }


def evidence_blocks(found: Sequence[EvidenceRecord]) -> list[Block]:
    """The evidence log, oldest first."""
    if not found:
        return [
            Heading(1, "Evidence log"),
            Para(
                "Nothing logged yet. Log what you did against an item of your plan:",
                style="hint",
                command=("log", "TEXT", "--item", "ID"),
            ),
        ]
    rows = tuple((e.date, visible(e.item), visible(e.text)) for e in found)
    return [
        Heading(1, "Evidence log"),
        Table(("Date", "Item", "Evidence"), rows, key_column=False, widths=(10, 20, 50)),
    ]


def evidence_data(found: Sequence[EvidenceRecord]) -> list[dict[str, Any]]:
    return [{"id": e.id, "item": e.item, "date": e.date, "text": e.text} for e in found]


def calendar_events(plans: Sequence[PlanRecord]) -> list[Event]:
    """The events of the plans' calendar: each open focus item's due date, and a check-in
    every four weeks from the day a plan was made up to its last due date."""
    from laddercli.assessment.focus import check_ins

    out: list[Event] = []
    for plan in plans:
        dues = [date.fromisoformat(f.due) for f in plan.focus if f.due]
        for f in plan.focus:
            if f.due and f.status == "open":
                out.append(
                    Event(
                        f"plan-{plan.id}-{f.item}@laddercli",
                        date.fromisoformat(f.due),
                        f"Due: {f.text}",
                        f"Focus item {f.item} of your plan towards {plan.target} "
                        f"(ladder plan {plan.target} --done {f.item} closes it).",
                    )
                )
        created = date.fromisoformat(plan.created)
        for n, day in enumerate(check_ins(created, max(dues, default=created)), 1):
            out.append(
                Event(
                    f"plan-{plan.id}-check-in-{n}@laddercli",
                    day,
                    f"Check-in: plan towards {plan.target}",
                    f"Review your focus items and log what you did: ladder plan {plan.target}",
                )
            )
    return out


@dataclass(frozen=True)
class Movement:
    """A plan's focus items over the assessments of a trend: which are pulses, and each
    item's rating in each (None: not rated)."""

    plan: PlanRecord
    assessments: tuple[tuple[int, str, bool], ...]  # id, date, a pulse
    ratings: dict[str, tuple[float | None, ...]]  # per focus item, one per assessment


def _rating_in(answers: dict[str, Any], item: str) -> float | None:
    """A question's rating in saved answers data (``answers_data``'s shape), if a number."""
    given = answers.get("answers")
    value = given.get(item) if isinstance(given, dict) else None
    if isinstance(value, dict):
        value = value.get("rating")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def movement(
    plan: PlanRecord, found: Sequence[tuple[int, str, dict[str, Any]]], pulses: set[int]
) -> Movement:
    """The focus items' movement over ``found`` (id, date, answers data), oldest first."""
    return Movement(
        plan,
        tuple((ident, when[:10], ident in pulses) for ident, when, _ in found),
        {f.item: tuple(_rating_in(data, f.item) for _, _, data in found) for f in plan.focus},
    )


MOVEMENT_SHOWN = 5  # assessments in the focus items' table (the JSON has them all)


def movement_blocks(move: Movement) -> list[Block]:
    """A table: one row per focus item, a column per assessment (the last few; pulses
    marked), with the rating in each."""
    shown = move.assessments[-MOVEMENT_SHOWN:]
    skip = len(move.assessments) - len(shown)
    columns = tuple(f"#{ident} {'pulse' if is_pulse else 'full'}" for ident, _, is_pulse in shown)
    rows = tuple(
        (visible(f.item), *(_rating(v) for v in move.ratings[f.item][skip:]))
        for f in move.plan.focus
    )
    return [
        Heading(2, "Focus items"),
        Para(
            f"The focus items of your plan of {move.plan.created}, rated in each assessment "
            f"from {shown[0][1]} to {shown[-1][1]}; a pulse asked only these."
        ),
        Table(("Focus item", *columns), rows),
    ]


def movement_data(move: Movement) -> dict[str, Any]:
    return {
        "pulses": [ident for ident, _, is_pulse in move.assessments if is_pulse],
        "focus": {item: [_as_saved(v) for v in values] for item, values in move.ratings.items()},
    }
