"""Several raters' answers for one person and one path, brought together.

A self-assessment alone is biased. With answers files from several raters (``rater:
self``, ``rater: manager``, ``rater: peer-1`` ...) for the same person and path:

- each rater's answers are scored on their own, as ``scoring.score`` does for one;
- per question, the self rating is set beside the others' mean (the raters other than
  ``self`` who rated it on the scale);
- a **blind spot** is a question where self is at least 1 point above the others' mean,
  a **hidden strength** one where self is at least 1 point below it;
- the **combined readiness** scores the others' mean ratings as if one rater had given
  them (a question only "not applicable" to every other rater stays not applicable). With
  no self-assessment among the files, every rater counts as an other.

Files for different paths or people, or two files from one rater, are refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from laddercli.assessment.answers import NA, Answers, Rating
from laddercli.assessment.questions import Question, Questionnaire
from laddercli.assessment.raters import DEFAULT_RATER, is_others, name_key
from laddercli.assessment.scoring import Result, is_rated, score
from laddercli.errors import UsageError

SELF = DEFAULT_RATER
THRESHOLD = 1.0  # points between self and the others' mean that make a blind spot


class Rated(NamedTuple):
    """One rater's answers, where they came from, and their score."""

    name: str  # the rater
    origin: str  # the file, as the user named it
    result: Result


class Compared(NamedTuple):
    """One question: each rater's rating, and self against the others' mean."""

    question: Question
    ratings: tuple[tuple[str, Rating], ...]  # (rater, rating), in the panel's order
    own: Rating  # self's rating; None with no self-assessment
    others_mean: float | None
    others_rated: int = 0  # how many of the others rated it on the scale
    others: int = 0  # how many others there are

    @property
    def difference(self) -> float | None:
        """Self minus the others' mean, where both are numbers."""
        if not is_rated(self.own) or self.others_mean is None:
            return None
        return round(float(str(self.own)) - self.others_mean, 6)


class Panel(NamedTuple):
    questionnaire: Questionnaire
    person: str | None
    raters: tuple[Rated, ...]  # self first, then the others in the order given
    combined: Result  # the others' mean ratings, scored
    compared: tuple[Compared, ...]
    blind_spots: tuple[Compared, ...]  # largest difference first
    hidden_strengths: tuple[Compared, ...]  # largest difference first

    @property
    def own(self) -> Rated | None:
        return next((r for r in self.raters if r.name == SELF), None)

    @property
    def others(self) -> tuple[Rated, ...]:
        if self.own is None:
            return self.raters
        return tuple(r for r in self.raters if r.name != SELF)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(r.name for r in self.raters)


def combine(loaded: Sequence[tuple[str, Questionnaire, Answers]]) -> Panel:
    """Bring several raters' answers together: ``loaded`` holds (origin, questionnaire,
    answers) for each file, as ``answers.load_answers`` gives them."""
    if len(loaded) < 2:
        raise ValueError("a panel needs at least two raters' answers")
    check_together(loaded)
    q = loaded[0][1]
    rated = [Rated(a.rater, origin, score(q, a)) for origin, _, a in loaded]
    rated.sort(key=lambda r: r.name != SELF)  # stable: self first, the rest as given
    own = next((r for r in rated if r.name == SELF), None)
    others = [r for r in rated if r is not own]
    combined = score(q, mean_answers(q, [r.result.answers for r in others]))
    compared = tuple(_compare(question, rated, own, others) for question in q.questions)
    spots = [c for c in compared if (c.difference or 0) >= THRESHOLD]
    strengths = [c for c in compared if (c.difference or 0) <= -THRESHOLD]
    return Panel(
        questionnaire=q,
        person=next((a.person for _, _, a in loaded if a.person), None),
        raters=tuple(rated),
        combined=combined,
        compared=compared,
        blind_spots=tuple(sorted(spots, key=lambda c: -(c.difference or 0))),
        hidden_strengths=tuple(sorted(strengths, key=lambda c: c.difference or 0)),
    )


def check_together(loaded: Sequence[tuple[str, Questionnaire, Answers]]) -> None:
    """Refuse files that do not belong in one report: another path, another person, or a
    second file from the same rater."""
    first_origin, first_q, _ = loaded[0]
    for origin, q, _ in loaded[1:]:
        if (q.source.id, q.target.id) != (first_q.source.id, first_q.target.id):
            raise UsageError(
                f"{first_origin} is for the path {first_q.source.id} → {first_q.target.id} "
                f"and {origin} for {q.source.id} → {q.target.id}; one report brings "
                "together answers for one path"
            )
    named = [(origin, a.person) for origin, _, a in loaded if a.person]
    for origin, person in named[1:]:
        if person is not None and name_key(person) != name_key(named[0][1] or ""):
            raise UsageError(
                f"{named[0][0]} is about {named[0][1]} and {origin} about {person}; one "
                "report brings together answers about one person"
            )
    seen: dict[str, str] = {}
    for origin, _, answers in loaded:
        if is_others(answers.rater):
            raise UsageError(
                f"{origin} is from a rater named {answers.rater}, the name this report gives "
                "the combined view of the other raters; rename that rater in the file "
                "(rater: peer-1, say)"
            )
        key = name_key(answers.rater)
        if key in seen:
            raise UsageError(
                f"{seen[key]} and {origin} are both from rater {answers.rater}; give each "
                "rater a name of their own (rater: manager, peer-1, peer-2 ...)"
            )
        seen[key] = origin


def mean_answers(q: Questionnaire, others: Sequence[Answers]) -> Answers:
    """One set of answers holding, per question, the mean of the others' ratings."""
    first = others[0]
    names = ", ".join(a.rater for a in others)
    combined = Answers(first.source, first.target, rater=f"others ({names})", person=first.person)
    dates = sorted(a.date for a in others if a.date)
    combined.date = dates[-1] if dates else None
    for question in q.questions:
        combined.ratings[question.id] = _mean_rating([a.rating(question.id) for a in others])
    combined.pitfalls = {p for a in others for p in a.pitfalls}
    return combined


def _mean_rating(ratings: Sequence[Rating]) -> Rating:
    numbers = [float(str(r)) for r in ratings if is_rated(r)]
    if numbers:
        mean = sum(numbers) / len(numbers)
        return int(mean) if mean.is_integer() else mean
    return NA if any(r == NA for r in ratings) else None


def _compare(
    question: Question, rated: Sequence[Rated], own: Rated | None, others: Sequence[Rated]
) -> Compared:
    ratings = [r.result.answers.rating(question.id) for r in others]
    others_mean = _mean_rating(ratings)
    return Compared(
        question=question,
        ratings=tuple((r.name, r.result.answers.rating(question.id)) for r in rated),
        own=None if own is None else own.result.answers.rating(question.id),
        others_mean=float(str(others_mean)) if is_rated(others_mean) else None,
        others_rated=sum(1 for rating in ratings if is_rated(rating)),
        others=len(others),
    )
