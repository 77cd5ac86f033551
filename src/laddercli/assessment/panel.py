"""Several raters' answers for one person and one path, brought together.

A self-assessment alone is biased. With answers files from several raters for the same
person and path, each in a group (``groups.py``: self, manager, peer, direct-report,
other):

- each rater's answers are scored on their own, as ``scoring.score`` does for one;
- the anonymity floors decide which responses are shown, in which groups, and which are
  withheld: a withheld response counts in nothing here;
- the **combined readiness**: per question, each rater's attainment is capped first
  (min(rating, target) / target), averaged within the group, then across the shown
  groups other than self, by the groups' weights; readiness is the usual weighted mean of
  those attainments (``scoring.score`` of ratings at target × attainment);
- per question, the self rating is set beside **the others' combined figure**: the
  combined readiness's rating of the question (capped, averaged within each group, then
  across the groups by weight), the one figure the report shows as the others' view of a
  question; and beside their spread (highest minus lowest of the ratings of the shown
  raters other than self who rated it on the scale, as given);
- a **blind spot** is a question where at least two others rated it and self's rating,
  counted up to the target as theirs are (a 4 as a 3), is at least 1 point above the
  others' combined figure, a **hidden strength** at least 1 point below; where the others'
  ratings spread 2 points or more, the raters disagree instead.

With no self-assessment among the files, every rater counts as an other. Files for
different paths or people, or two files from one rater, are refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

from laddercli.assessment.answers import NA, Answers, Rating
from laddercli.assessment.groups import (
    FLOOR,
    SELF,
    GroupRule,
    Shown,
    apply_floors,
    group_rules,
)
from laddercli.assessment.questions import Question, Questionnaire
from laddercli.assessment.raters import is_others, name_key
from laddercli.assessment.scoring import Result, attainment, is_rated, score
from laddercli.errors import UsageError

THRESHOLD = 1.0  # points between self and the others' combined figure: a blind spot
DISAGREE = 2.0  # points between the others' ratings that make them disagree
FEWEST_OTHERS = 2  # others who rated a question, for it to be a blind spot


class Rated(NamedTuple):
    """One rater's answers, where they came from, and their score."""

    name: str  # the rater
    origin: str  # the file, as the user named it
    result: Result
    group: str = SELF  # the group the answers are in


class Column(NamedTuple):
    """What a report shows as one rater: a rater by name, or an anonymous group."""

    name: str  # the rater's name, or the group's label and size: "Peers (3)"
    kind: str  # "self", "rater" or "group"
    result: Result  # scored: a group's capped mean attainments
    ratings: dict[str, Rating]  # per question: the rating, or the group's capped mean
    group: GroupRule
    members: tuple[Rated, ...]
    thin: frozenset[str] = frozenset()  # questions too few of an anonymous group rated


class Compared(NamedTuple):
    """One question: each column's rating, and self against the others' combined figure."""

    question: Question
    ratings: tuple[tuple[str, Rating], ...]  # (column, rating), in the panel's order
    own: Rating  # self's rating; None with no self-assessment
    others_mean: float | None  # the others' combined figure: the combined score's rating
    others_rated: int = 0  # how many of the others rated it on the scale
    others: int = 0  # how many others there are
    spread: float | None = None  # highest minus lowest of the others' ratings, as given
    target: float | None = None  # the path's target: self counts up to it, as others do

    @property
    def difference(self) -> float | None:
        """Self minus the others' combined figure, where both are numbers: self's rating
        counted up to the target, as each of the others' is in their figure (else self's
        4 beside others who all said 4 would read as a blind spot of 1)."""
        if not is_rated(self.own) or self.others_mean is None:
            return None
        own = float(str(self.own))
        if self.target is not None:
            own = min(own, self.target)
        return round(own - self.others_mean, 6)

    @property
    def disagree(self) -> bool:
        return self.others_rated >= 2 and (self.spread or 0) >= DISAGREE


class Panel(NamedTuple):
    questionnaire: Questionnaire
    person: str | None
    raters: tuple[Rated, ...]  # shown: self first, then by group; within one, as given
    combined: Result  # the others' capped attainments, scored
    compared: tuple[Compared, ...]
    blind_spots: tuple[Compared, ...]  # largest difference first
    hidden_strengths: tuple[Compared, ...]  # largest difference first
    columns: tuple[Column, ...] = ()
    withheld: tuple[Rated, ...] = ()
    withheld_why: str | None = None
    named: bool = False  # a facilitator's report: every rater by name, nothing withheld
    disagreements: tuple[Compared, ...] = ()  # where the others spread 2 points or more

    @property
    def own(self) -> Rated | None:
        return next((r for r in self.raters if r.group == SELF), None)

    @property
    def others(self) -> tuple[Rated, ...]:
        return tuple(r for r in self.raters if r.group != SELF)

    @property
    def names(self) -> tuple[str, ...]:
        """The columns' names: raters by name, anonymous groups by label."""
        return tuple(c.name for c in self.columns)


def combine(loaded: Sequence[tuple[str, Questionnaire, Answers]], *, named: bool = False) -> Panel:
    """Bring several raters' answers together: ``loaded`` holds (origin, questionnaire,
    answers) for each file, as ``answers.load_answers`` gives them. ``named``: the
    facilitator's report, with no anonymity floors."""
    if not loaded:  # one alone is a panel too: a folder's answers, under the floors
        raise ValueError("a panel needs at least one rater's answers")
    check_together(loaded)
    q = loaded[0][1]
    rules = group_rules(q.assessment.groups)
    rated = [Rated(a.rater, origin, score(q, a), a.rater_group) for origin, _, a in loaded]
    floored = apply_floors([(r.group, r) for r in rated], rules, named=named)
    kept = {r.name: a for g in floored.shown for r, a in _kept(q, g, named) if g.rule.id != SELF}
    columns = _columns(q, floored.shown, named, kept)
    shown = tuple(r for c in columns for r in c.members)
    own = next((r for r in shown if r.group == SELF), None)
    others = [kept[r.name] for r in shown if r is not own]
    groups = [
        (g.rule.weight, [kept[r.name] for r in g.members])
        for g in floored.shown
        if g.rule.id != SELF
    ]
    capped = capped_answers(q, groups)
    combined = score(q, capped)
    compared = tuple(
        _compare(question, columns, own, others, capped.ratings.get(question.id), q.target_rating)
        for question in q.questions
    )
    # an option to weigh (kind: options) is the person's own to weigh: no blind spot
    scored = [c for c in compared if not c.question.option]
    worth = [c for c in scored if c.others_rated >= FEWEST_OTHERS and not c.disagree]
    spots = [c for c in worth if (c.difference or 0) >= THRESHOLD]
    strengths = [c for c in worth if (c.difference or 0) <= -THRESHOLD]
    return Panel(
        questionnaire=q,
        person=next((a.person for _, _, a in loaded if a.person), None),
        raters=shown,
        combined=combined,
        compared=compared,
        blind_spots=tuple(sorted(spots, key=lambda c: -(c.difference or 0))),
        hidden_strengths=tuple(sorted(strengths, key=lambda c: c.difference or 0)),
        columns=columns,
        withheld=floored.withheld,
        withheld_why=floored.why,
        named=named,
        disagreements=tuple(c for c in scored if c.disagree),
    )


def thin_questions(q: Questionnaire, group: Shown[Rated], named: bool) -> frozenset[str]:
    """The questions that too few of an anonymous group rated on the scale for the
    group's figures of them to be shown: fewer than 3 (or than the group's minimum,
    where the role file declares one under 3). Those ratings count in no figure of the
    question: not the group's, not the others' combined figure, spread or score."""
    if named or not group.rule.anonymous:
        return frozenset()
    floor = min(group.rule.minimum, FLOOR)
    answers = [r.result.answers for r in group.members]
    return frozenset(
        x.id for x in q.questions if 0 < sum(1 for a in answers if is_rated(a.rating(x.id))) < floor
    )


def _kept(q: Questionnaire, group: Shown[Rated], named: bool) -> list[tuple[Rated, Answers]]:
    """Each member of a group with the answers that count: without the ratings of the
    questions too few of an anonymous group rated (``thin_questions``)."""
    thin = thin_questions(q, group, named)
    return [
        (
            r,
            replace(
                r.result.answers,
                ratings={k: v for k, v in r.result.answers.ratings.items() if k not in thin},
            )
            if thin
            else r.result.answers,
        )
        for r in group.members
    ]


def _columns(
    q: Questionnaire, shown: Sequence[Shown[Rated]], named: bool, kept: dict[str, Answers]
) -> tuple[Column, ...]:
    """Self first, then the named raters and the anonymous groups."""
    out: list[Column] = []
    for group in sorted(shown, key=lambda g: g.rule.id != SELF):
        if named or not group.rule.anonymous:
            for r in group.members:
                kind = "self" if group.rule.id == SELF else "rater"
                ratings = dict(r.result.answers.ratings)
                out.append(Column(r.name, kind, r.result, ratings, group.rule, (r,)))
            continue
        members = tuple(group.members)
        answers = [kept[r.name] for r in members]
        label = f"{group.rule.label} ({len(members)})"
        capped = capped_answers(q, [(1.0, answers)], rater=label)
        # one figure per group and question: the capped mean its readiness and band use
        figures = dict(capped.ratings)
        thin = thin_questions(q, group, named)
        out.append(Column(label, "group", score(q, capped), figures, group.rule, members, thin))
    return tuple(out)


def capped_answers(
    q: Questionnaire, groups: Sequence[tuple[float, Sequence[Answers]]], *, rater: str = "others"
) -> Answers:
    """One set of answers whose ratings score the capped attainments: per question, each
    rater's attainment averaged within their group, then across the groups by their
    weights (``groups`` holds (weight, answers) for each), as a rating of target ×
    attainment."""
    answers = [a for _, members in groups for a in members]
    target = q.target_rating
    person = next((a.person for a in answers if a.person), None)
    combined = Answers(q.source.id, q.target.id, rater=rater, person=person)
    dates = sorted(a.date for a in answers if a.date)
    combined.date = dates[-1] if dates else None
    for question in q.questions:
        parts: list[tuple[float, float]] = []
        said_na = False
        for weight, members in groups:
            ratings = [a.rating(question.id) for a in members]
            said_na = said_na or any(r == NA for r in ratings)
            numbers = [attainment(float(str(r)), target) for r in ratings if is_rated(r)]
            if numbers:
                parts.append((weight, sum(numbers) / len(numbers)))
        total = sum(w for w, _ in parts)
        if parts and total > 0:
            value = target * sum(w * a for w, a in parts) / total
            combined.ratings[question.id] = (
                round(value, 6) if not value.is_integer() else int(value)
            )
        elif said_na:
            combined.ratings[question.id] = NA
    combined.pitfalls = {p for a in answers for p in a.pitfalls}
    return combined


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


def _compare(
    question: Question,
    columns: Sequence[Column],
    own: Rated | None,
    others: Sequence[Answers],
    figure: Rating,
    target: float,
) -> Compared:
    """One question: ``figure`` is the others' combined figure of it (the combined
    score's rating), the one the report shows as their view."""
    ratings = [a.rating(question.id) for a in others]
    numbers = [float(str(r)) for r in ratings if is_rated(r)]
    return Compared(
        question=question,
        ratings=tuple((c.name, c.ratings.get(question.id)) for c in columns),
        own=None if own is None else own.result.answers.rating(question.id),
        others_mean=float(str(figure)) if is_rated(figure) else None,
        others_rated=len(numbers),
        others=len(others),
        spread=max(numbers) - min(numbers) if numbers else None,
        target=target,
    )
