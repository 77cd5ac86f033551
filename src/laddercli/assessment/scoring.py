"""Scoring: readiness, area scores, bands, gaps and confidence, as pure functions.

The rules (the README's "How scoring works" states them with a worked example):

- attainment of an item = min(rating, target) / target; "not applicable" and skipped
  items count nowhere;
- readiness = 100 × Σ weight × attainment / Σ weight, over the rated items; the weights
  and the target come from the role file (``model.Assessment``);
- an area is a key action: its score is the same sum over its behaviours and the
  readiness indicators linked to it;
- the band comes from the readiness (``BANDS``), and "Ready now" also needs every
  readiness indicator answered and none rated more than one point under the target;
- gap = max(0, target − rating); priority = weight × gap;
- confidence: the share of questions answered, and the share of ratings at or above the
  target that carry an evidence note; under half answered marks the report incomplete;
- a key action of options to weigh (``kind: options``) counts nowhere: its answers (not
  considered, considered, acted on) are in no readiness, area, gap, plan or confidence;
  the report lists them as the options weighed.

Scores are rounded to one decimal, and the band is read from the rounded readiness, so
that the figure shown and the band always agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from laddercli.assessment.answers import Answers, Rating
from laddercli.assessment.questions import Question, Questionnaire
from laddercli.roles.model import KeyAction, Pitfall

# The lowest readiness of each band, highest first.
BANDS: tuple[tuple[float, str], ...] = (
    (85, "Ready now"),
    (65, "Nearly ready"),
    (40, "Developing"),
    (0, "Early"),
)
READY = BANDS[0][1]
TOP_GAPS = 5  # how many gaps the report lists
DEVELOPMENT_AREAS = 3  # how many of the weakest areas get suggested actions


# --- the rules, one function each -----------------------------------------------------------


def is_rated(rating: Rating) -> bool:
    """A number on the scale: not skipped (None) and not "not applicable"."""
    return isinstance(rating, int | float) and not isinstance(rating, bool)


def attainment(rating: float, target: int) -> float:
    return min(rating, target) / target


def gap(rating: float, target: int) -> float:
    """How far under the target; a whole number for one rater's rating, rounded to one
    decimal for a mean of several."""
    value = max(0, target - rating)
    return value if isinstance(value, int) else round(value, 1)


def priority(weight: float, item_gap: float) -> float:
    return weight * item_gap


def weighted_score(items: Iterable[tuple[float, float]]) -> float | None:
    """100 × Σ weight × attainment / Σ weight over (weight, attainment) pairs, rounded to
    one decimal; None when there is nothing to score."""
    pairs = list(items)
    total = sum(weight for weight, _ in pairs)
    if not pairs or total == 0:
        return None
    return round(100 * sum(weight * a for weight, a in pairs) / total, 1)


def band(readiness: float, indicator_ratings: Iterable[Rating], target: int) -> str:
    """The band of a readiness score. "Ready now" also needs every readiness indicator
    answered (rated, or not applicable) and none rated more than one point under the target
    (below 2, with the default target of 3)."""
    ratings = list(indicator_ratings)
    for floor, name in BANDS:
        if readiness >= floor:
            if name == READY and holding_back(ratings, target):
                continue
            return name
    return BANDS[-1][1]


def holding_back(indicator_ratings: Iterable[Rating], target: int) -> list[Rating]:
    """The indicator ratings that keep a high score out of "Ready now": skipped, or more
    than one point under the target."""
    return [
        r for r in indicator_ratings if r is None or (is_rated(r) and float(str(r)) < target - 1)
    ]


# --- the whole report -------------------------------------------------------------------------


class ItemScore(NamedTuple):
    question: Question
    rating: Rating
    target: int
    note: str | None
    skipped: bool = False  # rating None because the rater chose to skip, not yet answered

    @property
    def id(self) -> str:
        return self.question.id

    @property
    def weight(self) -> float:
        return self.question.weight

    @property
    def rated(self) -> bool:
        return is_rated(self.rating)

    @property
    def counted(self) -> bool:
        """Rated, and not an option to weigh: it counts in the scores."""
        return self.rated and not self.question.option

    @property
    def value(self) -> float:
        """The rating as a number; only for rated items."""
        if not isinstance(self.rating, int | float) or isinstance(self.rating, bool):
            raise ValueError(f"{self.id} is not rated")
        return self.rating

    @property
    def attainment(self) -> float | None:
        return attainment(self.value, self.target) if self.counted else None

    @property
    def gap(self) -> float | None:
        return gap(self.value, self.target) if self.counted else None

    @property
    def priority(self) -> float | None:
        item_gap = self.gap
        return None if item_gap is None else priority(self.weight, item_gap)


class AreaScore(NamedTuple):
    action: KeyAction
    number: int  # the key action's number on the path
    score: float | None
    answered: int
    questions: int


class DevelopmentAction(NamedTuple):
    area: AreaScore
    behaviours: tuple[ItemScore, ...]  # the behaviours to practise: rated under target
    indicators: tuple[ItemScore, ...]  # linked readiness indicators under target

    @property
    def action(self) -> KeyAction:
        return self.area.action


class CheckedPitfall(NamedTuple):
    pitfall: Pitfall
    instead: tuple[AreaScore, ...]  # the key actions of the path that guard against it


class Confidence(NamedTuple):
    questions: int
    answered: int  # rated or "not applicable"
    at_target: int  # ratings at or above the target
    evidenced: int  # of those, how many carry a note

    @property
    def answered_share(self) -> float:
        return self.answered / self.questions if self.questions else 0.0

    @property
    def evidence_share(self) -> float | None:
        return self.evidenced / self.at_target if self.at_target else None

    @property
    def incomplete(self) -> bool:
        return self.answered * 2 < self.questions


class Result(NamedTuple):
    questionnaire: Questionnaire
    answers: Answers
    readiness: float | None
    band: str | None
    items: tuple[ItemScore, ...]
    areas: tuple[AreaScore, ...]
    gaps: tuple[ItemScore, ...]  # the top gaps, largest priority first
    actions: tuple[DevelopmentAction, ...]
    pitfalls: tuple[CheckedPitfall, ...]
    confidence: Confidence

    @property
    def target(self) -> int:
        return self.questionnaire.target_rating

    @property
    def options(self) -> tuple[ItemScore, ...]:
        """The options to weigh and their answers, in the questionnaire's order."""
        return tuple(item for item in self.items if item.question.option)


def score(q: Questionnaire, answers: Answers) -> Result:
    target = q.target_rating
    items = tuple(
        ItemScore(
            question,
            answers.rating(question.id),
            target,
            answers.notes.get(question.id),
            skipped=question.id in answers.ratings and answers.rating(question.id) is None,
        )
        for question in q.questions
    )
    rated = [item for item in items if item.counted]
    readiness = weighted_score((i.weight, _attained(i)) for i in rated)
    indicator_ratings = [i.rating for i in items if i.question.kind == "indicator"]
    by_action = _by_action(items)
    areas = tuple(
        _area(number, action, by_action.get(action.id, []))
        for number, action in enumerate(q.actions, 1)
        if action.kind != "options"
    )
    return Result(
        questionnaire=q,
        answers=answers,
        readiness=readiness,
        band=None if readiness is None else band(readiness, indicator_ratings, target),
        items=items,
        areas=areas,
        gaps=top_gaps(items),
        actions=development_actions(areas, items),
        pitfalls=checked_pitfalls(q, answers, areas),
        confidence=confidence([item for item in items if not item.question.option]),
    )


def _attained(item: ItemScore) -> float:
    value = item.attainment
    if value is None:  # pragma: no cover - only rated items are scored
        raise ValueError(f"{item.id} is not rated")
    return value


def _by_action(items: Iterable[ItemScore]) -> dict[str, list[ItemScore]]:
    """The items of each key action, in the questionnaire's order: one pass over the items,
    where asking each key action for its items would take time quadratic in the path."""
    out: dict[str, list[ItemScore]] = {}
    for item in items:
        for action_id in dict.fromkeys(item.question.actions):
            out.setdefault(action_id, []).append(item)
    return out


def _area(number: int, action: KeyAction, mine: Sequence[ItemScore]) -> AreaScore:
    """The score of a key action over its items (``mine``)."""
    rated = [item for item in mine if item.counted]
    return AreaScore(
        action=action,
        number=number,
        score=weighted_score((i.weight, _attained(i)) for i in rated),
        answered=len(rated),
        questions=len(mine),
    )


def top_gaps(items: Sequence[ItemScore], limit: int = TOP_GAPS) -> tuple[ItemScore, ...]:
    """The items under target, largest priority first; on a tie the heavier item (a
    readiness indicator before a behaviour), then the questionnaire's order."""
    under = [item for item in items if item.counted and (item.gap or 0) > 0]
    under.sort(key=lambda item: (-(item.priority or 0), -item.weight))
    return tuple(under[:limit])


def development_actions(
    areas: Sequence[AreaScore], items: Sequence[ItemScore], limit: int = DEVELOPMENT_AREAS
) -> tuple[DevelopmentAction, ...]:
    """For the weakest areas with something under target: what to practise."""
    out = []
    under = _by_action(item for item in items if item.counted and (item.gap or 0) > 0)
    for area in sorted((a for a in areas if a.score is not None), key=lambda a: a.score or 0):
        behaviour_ids = {b.id for b in area.action.behaviours}
        mine = under.get(area.action.id, [])
        behaviours = tuple(i for i in mine if i.id in behaviour_ids)
        indicators = tuple(i for i in mine if i.question.kind == "indicator")
        if behaviours or indicators:
            out.append(DevelopmentAction(area, behaviours, indicators))
        if len(out) == limit:
            break
    return tuple(out)


def checked_pitfalls(
    q: Questionnaire, answers: Answers, areas: Sequence[AreaScore]
) -> tuple[CheckedPitfall, ...]:
    by_id = {area.action.id: area for area in areas}
    return tuple(
        CheckedPitfall(p, tuple(by_id[a] for a in p.actions if a in by_id))
        for p in q.pitfalls
        if p.id in answers.pitfalls
    )


def confidence(items: Sequence[ItemScore]) -> Confidence:
    answered = [item for item in items if item.rating is not None]
    at_target = [item for item in items if item.counted and item.value >= item.target]
    return Confidence(
        questions=len(items),
        answered=len(answered),
        at_target=len(at_target),
        evidenced=sum(1 for item in at_target if item.note),
    )
