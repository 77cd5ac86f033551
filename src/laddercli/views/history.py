"""What ``ladder history`` shows: every assessment saved, or one target's trend over time,
as document blocks and as JSON data (what is kept, and read back, is ``history.progress``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from laddercli.assessment.raters import DEFAULT_RATER, rater_name, who_args
from laddercli.history.progress import AreaTrend, area_trends, change
from laddercli.history.store import Saved
from laddercli.render.document import Bar, Bars, Block, Heading, Para, Table, Trend
from laddercli.views.figures import number, signed
from laddercli.visible import visible_name

SHOWN = 20  # assessments ``ladder history`` lists unless asked for all
SPARK_SHOWN = (
    32  # readiness values in a trend's sparkline unless asked for all (8 years of quarters)
)
FIGURES_SHOWN = 4  # readiness figures written out beside the sparkline


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
            Para("Every one saved:", style="hint", command=("history",)),
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
            command=("history", targets[0], *who_args(rater, person)),
        ),
        Para(
            "To see one again in full:", style="hint", command=("report", "--id", str(found[-1].id))
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
    ``SPARK_SHOWN`` and ``SHOWN`` assessments (the changes always use them all)."""
    title = f"Readiness for {target_title} over time"
    if not found:
        # a trend keeps to one rater, self by default: said where it is another, or alone
        by = None if person and rater_name(rater) == DEFAULT_RATER else rater
        return [
            Heading(1, title),
            Para(f"No assessments{_whose(by, person)} saved for this target yet."),
            Para(
                "Take one:",
                style="hint",
                command=("assess", target_id, *who_args(rater, person)),
            ),
            Para("Every one saved:", style="hint", command=("history",)),
        ]
    blocks: list[Block] = [Heading(1, title), *_readiness_over_time(found, rater, person, every)]
    if others:  # after whose trend it is
        blocks.insert(
            2,
            Para(
                "Other people in this history, by the same rater: "
                f"{', '.join(map(visible_name, others))}; "
                "--person NAME shows one of them.",
                style="hint",
            ),
        )
    blocks += _assessment_bars(found, every)
    blocks.append(Heading(2, "Areas"))
    if len(found) == 1:
        blocks.append(Para("One assessment so far: the changes show from the second on."))
    blocks += [
        _area_table(area_trends(found)),
        Para("The latest in full:", style="hint", command=("report", "--id", str(found[-1].id))),
    ]
    return blocks


def _readiness_over_time(
    found: Sequence[Saved], rater: str, person: str | None, every: bool
) -> list[Block]:
    """Whose trend it is and over what time; readiness as a sparkline and its last figures,
    and how it changed."""
    about = f" · person: {visible_name(person)}" if person else ""
    paths = sorted({_path(s) for s in found})
    values = [s.readiness for s in found]
    first, latest = found[0], found[-1]
    line = values if every else values[-SPARK_SHOWN:]
    figures = line if len(line) <= FIGURES_SHOWN else line[-FIGURES_SHOWN:]
    earlier = "… → " if len(figures) < len(values) else ""
    blocks: list[Block] = [
        Para(
            f"{', '.join(paths)} · rater: {visible_name(rater)}{about} · {len(found)} "
            f"{'assessment' if len(found) == 1 else 'assessments'}, "
            + _span(first.date[:10], latest.date[:10])
        ),
        Trend(
            "Readiness",
            tuple(line),
            earlier + " → ".join(number(v) for v in figures),
            f"Readiness on a scale of 0 to 100, {_span(*_dates(found, len(line)))}: "
            + ", ".join(number(v) for v in line),
        ),
    ]
    if len(found) > 1:
        blocks.append(
            Para(
                f"{signed(change(latest.readiness, found[-2].readiness))} since the previous "
                f"assessment, {signed(change(latest.readiness, first.readiness))} since the "
                "first."
            )
        )
    return blocks


def _dates(found: Sequence[Saved], shown: int) -> tuple[str, str]:
    """The first and the last date of the ``shown`` most recent assessments."""
    return found[-shown].date[:10], found[-1].date[:10]


def _assessment_bars(found: Sequence[Saved], every: bool) -> list[Block]:
    recent = found if every else found[-SHOWN:]
    blocks: list[Block] = [
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
    return blocks


def _area_table(trends: Sequence[AreaTrend]) -> Table:
    return Table(
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
        "since_previous": change(latest.readiness, found[-2].readiness)
        if latest and len(found) > 1
        else None,
        "since_first": change(latest.readiness, found[0].readiness)
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
