"""Progress over time: what is saved of an assessment, and what is read back.

``record`` turns a scored assessment into what the history database keeps
(``store.NewAssessment``); ``since`` is the last one for "since last time"; ``about`` and
``other_people`` pick the assessments of one person; ``area_trends`` follows each area
from the first assessment to the latest. What ``ladder history`` shows of them is
``views/history.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from laddercli.assessment.raters import name_key
from laddercli.history.store import AreaRecord, NewAssessment, Saved


def record(result: Any, data: dict[str, Any], date: str) -> NewAssessment:
    """What the history keeps of a scored assessment (``scoring.Result``) whose answers
    are ``data`` (as ``answers.answers_data`` gives them)."""
    q, answers = result.questionnaire, result.answers
    return NewAssessment(
        date=date,
        source=q.source.id,
        target=q.target.id,
        rater=answers.rater,
        person=answers.person,
        digest=q.digest,
        readiness=result.readiness,
        band=result.band,
        areas=tuple(
            AreaRecord(a.action.id, a.number, a.action.title, a.score) for a in result.areas
        ),
        answers=data,
    )


@dataclass(frozen=True)
class Since:
    """The last assessment on the same path and rater, for "since last time"."""

    id: int
    date: str
    readiness: float | None

    def change(self, now: float | None) -> float | None:
        if now is None or self.readiness is None:
            return None
        return round(now - self.readiness, 1)


def since(saved: Saved | None) -> Since | None:
    return None if saved is None else Since(saved.id, saved.date, saved.readiness)


NO_ONE = "(no one named)"


def about(found: Sequence[Saved], person: str | None) -> list[Saved]:
    """The assessments about ``person`` (in any case and Unicode form, as ``name_key`` has
    it), with those that name no one, as a report of several raters takes them; "" for only
    those that name no one; None for all.

    So a self-assessment that names its person for the first time goes on the trend of
    those before it, which did not."""
    if person is None:
        return list(found)
    wanted = {name_key(person), ""}
    return [s for s in found if name_key(s.person or "") in wanted]


def other_people(found: Sequence[Saved], person: str | None) -> list[str]:
    """The people of ``found`` that a trend about ``person`` leaves out, each once (as
    named last)."""
    shown = {name_key(s.person or "") for s in about(found, person)}
    names: dict[str, str] = {}
    for saved in reversed(found):
        key = name_key(saved.person or "")
        if key not in shown:
            names.setdefault(key, saved.person or NO_ONE)
    return sorted(names.values())


# --- one target over time -----------------------------------------------------------------------


@dataclass(frozen=True)
class AreaTrend:
    id: str
    number: int
    title: str
    first: float | None
    previous: float | None
    now: float | None
    first_before: bool = True  # the first score is an earlier assessment's, not this one's

    @property
    def since_previous(self) -> float | None:
        return change(self.now, self.previous)

    @property
    def since_first(self) -> float | None:
        """The change since the first score; none (not 0) when the first is this one."""
        return change(self.now, self.first) if self.first_before else None


def change(now: float | None, then: float | None) -> float | None:
    """How far ``then`` moved to ``now``, rounded as scores are; None if either is none."""
    return None if now is None or then is None else round(now - then, 1)


def area_trends(found: Sequence[Saved]) -> list[AreaTrend]:
    """Per area of the latest assessment: its score first, last time and now.

    Each assessment's areas are read once, into a dict: a path of hundreds of key actions
    would otherwise search every assessment once per area."""
    latest = found[-1]
    wanted = {a.id for a in latest.areas}
    first: dict[str, float] = {}  # the first score of each area before the latest
    for saved in found[:-1]:
        for area in saved.areas:
            if area.score is not None and area.id in wanted:
                first.setdefault(area.id, area.score)
        if len(first) == len(wanted):
            break
    previous: dict[str, float | None] = {}
    if len(found) > 1:
        for area in found[-2].areas:
            previous.setdefault(area.id, area.score)
    return [
        AreaTrend(
            a.id,
            a.number,
            a.title,
            first.get(a.id, a.score),
            previous.get(a.id),
            a.score,
            first_before=a.id in first,
        )
        for a in latest.areas
    ]


def logged_notes(source: str, target: str, rater: str, ids: Sequence[str]) -> dict[str, str]:
    """The evidence logged (``ladder log``) for the questions ``ids`` since the last
    assessment on the path ``source`` → ``target`` by ``rater`` (all of it, if there is
    none), as a note per question: "2026-11-28: Spoke at a meetup; 2026-12-01: ...". The
    next questionnaire offers it as the note. A history that cannot be read gives none:
    saving the assessment says why."""
    from laddercli.errors import LadderError
    from laddercli.history.store import Store, database_path

    try:
        with Store.open(database_path(), create=False) as db:
            last = db.last(target=target, source=source, rater=rater)
            found = db.evidence(ids)
    except LadderError:
        return {}
    after = "" if last is None else last.date[:10]
    notes: dict[str, list[str]] = {}
    for entry in found:
        if entry.date > after:
            notes.setdefault(entry.item, []).append(f"{entry.date}: {entry.text}")
    return {item: "; ".join(parts) for item, parts in notes.items()}
