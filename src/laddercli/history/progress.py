"""Progress over time: what is saved of an assessment, and the history views.

``record`` turns a scored assessment into what the history database keeps
(``store.NewAssessment``); ``list_blocks`` and ``trend_blocks`` (with their ``_data``
twins) say what ``ladder history`` shows. Readiness over time is drawn as a sparkline on
a fixed 0 to 100 scale, so that the same height always means the same readiness, and as
one bar per assessment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from laddercli.assessment.raters import DEFAULT_RATER, name_key, rater_name, who_options
from laddercli.history.store import AreaRecord, NewAssessment, Saved
from laddercli.render.document import Bar, Bars, Block, Heading, Para, Table
from laddercli.views.figures import number, signed
from laddercli.visible import visible_name

SPARKS = "▁▂▃▄▅▆▇█"
SHOWN = 20  # assessments ``ladder history`` lists unless asked for all
SPARK_SHOWN = (
    32  # readiness values in a trend's sparkline unless asked for all (8 years of quarters)
)
FIGURES_SHOWN = 4  # readiness figures written out beside the sparkline


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


def sparkline(values: Sequence[float | None], maximum: float = 100) -> str:
    """One character per value, on a fixed scale from 0 to ``maximum``; a space for none."""
    out = []
    for value in values:
        if value is None:
            out.append(" ")
            continue
        share = max(0.0, min(value, maximum)) / maximum
        out.append(SPARKS[min(len(SPARKS) - 1, int(share * len(SPARKS)))])
    return "".join(out)


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


def _whose(rater: str | None, person: str | None) -> str:
    """`` about Dana Lee by rater manager``: the person and rater a list or trend keeps to."""
    about = f" about {visible_name(person)}" if person else ""
    return about + (f" by rater {visible_name(rater)}" if rater else "")


def _span(first: str, last: str) -> str:
    return f"on {first}" if first == last else f"{first} to {last}"


def _path(saved: Saved) -> str:
    return f"{saved.source} → {saved.target}"


# --- every assessment ---------------------------------------------------------------------------


def list_blocks(
    found: Sequence[Saved], total: int, *, rater: str | None = None, person: str | None = None
) -> list[Block]:
    """The assessments ``found`` (the last of ``total``), listed by ``rater`` and about
    ``person`` where the list keeps to them, as the hints then do."""
    if not found and (rater or person):  # the history may hold others'
        return [
            Heading(1, "Assessment history"),
            Para(f"No assessments{_whose(rater, person)} saved yet."),
            Para("Every one saved:", style="hint", command="ladder history"),
        ]
    if not found:
        return [
            Heading(1, "Assessment history"),
            Para(
                "No assessments saved yet. Each finished ladder assess is kept here (unless "
                "--no-save), to show your progress over time."
            ),
        ]
    people = any(s.person for s in found)
    blocks: list[Block] = [
        Heading(1, "Assessment history"),
        Table(
            ("ID", "Date", "Path", "Rater", *(("Person",) if people else ()), "Readiness", "Band"),
            tuple(
                (
                    str(s.id),
                    s.date[:10],
                    _path(s),
                    visible_name(s.rater),
                    *((visible_name(s.person or ""),) if people else ()),
                    number(s.readiness),
                    s.band or "not rated",
                )
                for s in found
            ),
            key_column=False,
            widths=(1, 2, 2, 2, *((2,) if people else ()), 2, 3),
        ),
    ]
    if total > len(found):
        blocks.append(
            Para(f"The last {len(found)} of {total}, oldest first; --all lists every one.")
        )
    targets = sorted({s.target for s in found})
    blocks += [
        Para(
            "The trend for one target:",
            style="hint",
            command=f"ladder history {targets[0]}{who_options(rater, person)}",
        ),
        Para(
            "To see one again in full:", style="hint", command=f"ladder report --id {found[-1].id}"
        ),
    ]
    return blocks


def _row(saved: Saved) -> dict[str, Any]:
    return {
        "id": saved.id,
        "date": saved.date,
        "from": saved.source,
        "to": saved.target,
        "rater": saved.rater,
        "person": saved.person,
        "readiness": saved.readiness,
        "band": saved.band,
        "digest": saved.digest,
        "areas": [
            {"id": a.id, "number": a.number, "title": a.title, "score": a.score}
            for a in saved.areas
        ],
    }


def list_data(found: Sequence[Saved], total: int) -> dict[str, Any]:
    return {"total": total, "assessments": [_row(s) for s in found]}


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
        return _delta(self.now, self.previous)

    @property
    def since_first(self) -> float | None:
        """The change since the first score; none (not 0) when the first is this one."""
        return _delta(self.now, self.first) if self.first_before else None


def _delta(now: float | None, then: float | None) -> float | None:
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


def trend_blocks(
    found: Sequence[Saved],
    target_title: str,
    rater: str,
    *,
    target_id: str,
    person: str | None = None,
    others: Sequence[str] = (),
    every: bool = False,
) -> list[Block]:
    """The trend: with ``every`` false, the sparkline and the bars show the last
    ``SPARK_SHOWN`` and ``SHOWN`` assessments (the deltas always use them all)."""
    title = f"Readiness for {target_title} over time"
    about = f" · person: {visible_name(person)}" if person else ""
    if not found:
        # a trend keeps to one rater, self by default: said where it is another, or alone
        by = None if person and rater_name(rater) == DEFAULT_RATER else rater
        whose = _whose(by, person)
        return [
            Heading(1, title),
            Para(f"No assessments{whose} saved for this target yet."),
            Para(
                "Take one:",
                style="hint",
                command=f"ladder assess {target_id}{who_options(rater, person)}",
            ),
            Para("Every one saved:", style="hint", command="ladder history"),
        ]
    paths = sorted({_path(s) for s in found})
    values = [s.readiness for s in found]
    first, latest = found[0], found[-1]
    recent = found if every else found[-SHOWN:]
    line = values if every else values[-SPARK_SHOWN:]
    figures = line if len(line) <= FIGURES_SHOWN else line[-FIGURES_SHOWN:]
    earlier = "… → " if len(figures) < len(values) else ""
    blocks: list[Block] = [
        Heading(1, title),
        Para(
            f"{', '.join(paths)} · rater: {visible_name(rater)}{about} · {len(found)} "
            f"{'assessment' if len(found) == 1 else 'assessments'}, "
            + _span(first.date[:10], latest.date[:10])
        ),
        Para(
            f"{sparkline(line)}  {earlier}" + " → ".join(number(v) for v in figures),
            label="Readiness",
        ),
    ]
    if len(found) > 1:
        blocks.append(
            Para(
                f"{signed(_delta(latest.readiness, found[-2].readiness))} since the previous "
                f"assessment, {signed(_delta(latest.readiness, first.readiness))} since the "
                "first."
            )
        )
    blocks += [
        Heading(2, "Assessments"),
        Bars(
            tuple(
                Bar(
                    f"#{s.id}  {s.date[:10]}",
                    s.readiness,
                    f"{number(s.readiness)} ({s.band})" if s.band else "not rated",
                )
                for s in recent
            ),
            label_heading="Assessment",
            value_heading="Readiness",
        ),
    ]
    if len(recent) < len(found):
        blocks.append(
            Para(f"The last {len(recent)} of {len(found)}; --all shows every one.", style="hint")
        )
    blocks.append(Heading(2, "Areas"))
    trends = area_trends(found)
    if others:
        blocks.insert(
            2,
            Para(
                "Other people in this history, by the same rater: "
                f"{', '.join(map(visible_name, others))}; "
                "--person NAME shows one of them.",
                style="hint",
            ),
        )
    if len(found) == 1:
        blocks.append(Para("One assessment so far: the changes show from the second on."))
    blocks.append(
        Table(
            ("Key action", "First", "Previous", "Now", "Since previous", "Since first"),
            tuple(
                (
                    f"{t.number}. {t.title}",
                    number(t.first),
                    number(t.previous),
                    number(t.now),
                    signed(t.since_previous),
                    signed(t.since_first),
                )
                for t in trends
            ),
            widths=(6, 2, 2, 2, 2, 2),
        )
    )
    blocks.append(
        Para("The latest in full:", style="hint", command=f"ladder report --id {latest.id}")
    )
    return blocks


def trend_data(
    found: Sequence[Saved], target: str, rater: str, *, person: str | None = None
) -> dict[str, Any]:
    latest = found[-1] if found else None
    return {
        "target": target,
        "rater": rater,
        "person": person or None,
        "total": len(found),
        "assessments": [_row(s) for s in found],
        "readiness": [s.readiness for s in found],
        "since_previous": _delta(latest.readiness, found[-2].readiness)
        if latest and len(found) > 1
        else None,
        "since_first": _delta(latest.readiness, found[0].readiness)
        if latest and len(found) > 1
        else None,
        "areas": [
            {
                "id": t.id,
                "number": t.number,
                "title": t.title,
                "first": t.first,
                "previous": t.previous,
                "now": t.now,
                "since_previous": t.since_previous,
                "since_first": t.since_first,
            }
            for t in (area_trends(found) if found else [])
        ],
    }
