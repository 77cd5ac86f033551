"""The plan: one ranking of what to work on, that the report's summary, its plan and the
plan's focus items (``ladder plan``) all read.

The rules (the README's "How scoring works" states them):

- every rated question under the target is one item of the plan, whatever the number of
  key actions it counts towards: a key shift is an item of its own, a readiness indicator
  linked to two key actions is one item;
- items are ranked by priority (gap × weight), largest first, so the first item addresses
  the biggest gap; a checked pitfall raises the items of the key actions that guard against
  it by one point of gap (their weight once more); ties go to the larger gap × weight
  before raising, then to the heavier item, then to the questionnaire's order;
- a behaviour that is an option to weigh (a key action with its own scale) is no habit to
  build: it is left out of the plan;
- an item's id is its question's id, stable from one assessment to the next.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from laddercli.assessment.scoring import CheckedPitfall, ItemScore

NEXT_ACTIONS = 3  # how many of the plan's items the summary shows


class PlanItem(NamedTuple):
    item: ItemScore
    rank: float  # the priority, raised for a checked pitfall's key actions
    raised_by: tuple[str, ...]  # the ids of the checked pitfalls that raised it

    @property
    def id(self) -> str:
        return self.item.id


def plan(items: Sequence[ItemScore], pitfalls: Sequence[CheckedPitfall]) -> tuple[PlanItem, ...]:
    """Every rated question under the target, except options to weigh, ranked."""
    guards: dict[str, list[str]] = {}
    for checked in pitfalls:
        for area in checked.instead:
            guards.setdefault(area.action.id, []).append(checked.pitfall.id)
    out = []
    for item in items:
        if not item.rated or not item.gap or item.question.option:
            continue
        raised = tuple(
            dict.fromkeys(p for action in item.question.actions for p in guards.get(action, ()))
        )
        rank = (item.priority or 0) + (item.weight if raised else 0)
        out.append(PlanItem(item, rank, raised))
    order = {item.id: n for n, item in enumerate(items)}
    out.sort(key=lambda p: (-p.rank, -(p.item.priority or 0), -p.item.weight, order[p.id]))
    return tuple(out)
