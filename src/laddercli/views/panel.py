"""What ``ladder report`` says for several raters' answers on one path: each rater beside
the others combined, blind spots and hidden strengths, as document blocks and JSON data."""

from __future__ import annotations

from typing import Any

from laddercli.assessment.panel import Compared, Panel, Rated
from laddercli.assessment.scoring import ItemScore, Result
from laddercli.render.document import Bar, Bars, Block, Bullets, Fields, Heading, Item, Para, Table
from laddercli.views.figures import band_text, number, rating_text, readiness_shown, signed
from laddercli.views.report import (
    and_list,
    area_radar,
    content_change_para,
    content_data,
    content_text,
    development_plan,
    gaps_table,
    report_date,
)


def _others_mean(c: Compared) -> str:
    """The others' mean, saying so where fewer than all of them rated the question."""
    shown = number(c.others_mean)
    return shown if c.others_rated == c.others else f"{shown} ({c.others_rated} of {c.others})"


COLUMN_NAME = 10  # a rater's name longer than this heads a column as R1, R2 ...


def _columns(panel: Panel) -> tuple[str, ...]:
    """Each rater's column heading: the name, or R and its place among the raters where the
    name is long, so that five raters' columns fit beside the questions on an 80-column
    screen (the Raters field at the top gives each key its name)."""
    return tuple(
        name if len(name) <= COLUMN_NAME else f"R{n}" for n, name in enumerate(panel.names, 1)
    )


def _raters_field(panel: Panel) -> str:
    return ", ".join(
        name if key == name else f"{name} ({key})"
        for name, key in zip(panel.names, _columns(panel), strict=True)
    )


def panel_blocks(panel: Panel, *, scored: str | None = None) -> list[Block]:
    """The several-raters report: each rater's readiness and areas beside the others'
    combined, blind spots and hidden strengths, every question, and the others' plan."""
    items = {r.name: {i.id: i for i in r.result.items} for r in panel.raters}
    blocks = _about_panel(panel, scored)
    blocks += _readiness_by_rater(panel)
    blocks += _areas_by_rater(panel)
    blocks += _self_and_others(panel, items)
    blocks += _every_question(panel, items)
    blocks += _others_plan(panel.combined)
    blocks += _checked_and_noted(panel)
    timeline = panel.questionnaire.view.timeline
    if timeline:
        blocks += [Heading(2, "The path"), Para(timeline, label="Timeline")]
    return blocks


def _about_panel(panel: Panel, scored: str | None) -> list[Block]:
    q, combined = panel.questionnaire, panel.combined
    dates = sorted({r.result.answers.date[:10] for r in panel.raters if r.result.answers.date})
    undated = [r.name for r in panel.raters if not r.result.answers.date]
    pairs = [("Path", q.title)]
    if panel.person:
        pairs.append(("Person", panel.person))
    pairs += [
        ("Raters", _raters_field(panel)),
        (
            "Dates",
            " to ".join(dict.fromkeys((dates[0], dates[-1])))
            + (f" ({and_list(undated)}: no date)" if undated else "")
            if dates
            else report_date(combined.answers, scored),
        ),
        ("Role content", content_text(q)),
    ]
    blocks: list[Block] = [
        Heading(1, f"Readiness for {q.target.title}: {len(panel.raters)} raters"),
        Fields(tuple(pairs)),
    ]
    return blocks + _content_changes(panel)


def _content_changes(panel: Panel) -> list[Block]:
    """What changed in the role content since the answers were given: said once for the
    raters whose answers share a change (all of them, as a rule), counting them where the
    raters' answers differ in it (counted, not named: a rater may be anonymous)."""
    changed: dict[object, list[Rated]] = {}
    for rated in panel.raters:
        if rated.result.answers.change is not None:
            changed.setdefault(rated.result.answers.change, []).append(rated)
    blocks: list[Block] = []
    for n, raters in enumerate(changed.values()):
        para = content_change_para(panel.questionnaire, raters[0].result.answers)
        text = para.text
        if len(raters) < len(panel.raters):
            whose = f"{len(raters)} of the {len(panel.raters)} raters"
            text = text.replace("these answers were", f"the answers of {whose} were", 1)
        blocks.append(Para(text, label=para.label if n == 0 else None))
    return blocks


def _readiness_by_rater(panel: Panel) -> list[Block]:
    combined, others = panel.combined, panel.others
    other_names = and_list([r.name for r in others])
    return [
        Heading(2, "Readiness by rater"),
        Bars(
            tuple(Bar(r.name, r.result.readiness, readiness_shown(r.result)) for r in panel.raters)
            + (Bar("others combined", combined.readiness, readiness_shown(combined)),),
            label_heading="Rater",
            value_heading="Readiness",
        ),
        Para(
            (
                f"Others combined is the mean of the ratings of {other_names} for each "
                "question, scored like one rater's answers"
                if len(others) > 1
                else f"Others combined is {other_names}'s ratings, scored as they are"
            )
            + (": the view from outside, to set beside your own." if panel.own else ".")
        ),
        *_short_of_ready(panel),
    ]


def _short_of_ready(panel: Panel) -> list[Block]:
    """Why a readiness at or above the floor of "Ready now" is in a lower band (the
    readiness-indicator gate), for each rater and the others combined where it is: a
    manager's 90.1 "Nearly ready" beside a peer's 87.8 "Ready now" would read as a slip."""
    from laddercli.assessment.scoring import BANDS, READY

    shown = [(r.name, r.result) for r in panel.raters] + [("others combined", panel.combined)]
    return [
        Para(
            band_text(result),
            label=f"Why {name}'s {number(result.readiness)} is {result.band}",
        )
        for name, result in shown
        if result.band != READY and (result.readiness or 0) >= BANDS[0][0]
    ]


def _areas_by_rater(panel: Panel) -> list[Block]:
    combined = panel.combined
    columns = ("Key action", *_columns(panel), "others")
    return [
        Heading(2, "Areas"),
        Table(
            columns,
            tuple(
                (
                    f"{area.number}. {area.action.title}",
                    *(number(r.result.areas[i].score) for r in panel.raters),
                    number(combined.areas[i].score),
                )
                for i, area in enumerate(combined.areas)
            ),
            widths=(4, *(1 for _ in columns[1:])),
        ),
        area_radar(
            combined.areas,
            tuple((r.name, r.result, "self" if r is panel.own else "rater") for r in panel.raters)
            + (("others", combined, "others"),),
        ),
    ]


def _self_and_others(panel: Panel, items: dict[str, dict[str, ItemScore]]) -> list[Block]:
    """Blind spots and hidden strengths; or why there are none to show."""
    if panel.own is None:
        return [
            Para(
                "none of these answers is a self-assessment (rater: self), so there are no "
                "blind spots or hidden strengths to show.",
                label="No self-assessment",
            )
        ]
    own_items = items[panel.own.name]
    return _differences(
        own_items,
        "Blind spots",
        "Where you rate yourself at least 1 point above the others' mean: worth asking "
        "them what they see.",
        panel.blind_spots,
        "None: on no question do you rate yourself 1 point or more above the others.",
    ) + _differences(
        own_items,
        "Hidden strengths",
        "Where you rate yourself at least 1 point below the others' mean: they see more "
        "than you give yourself credit for.",
        panel.hidden_strengths,
        "None: on no question do you rate yourself 1 point or more below the others.",
    )


def _every_question(panel: Panel, items: dict[str, dict[str, ItemScore]]) -> list[Block]:
    own = panel.own
    other_names = and_list([r.name for r in panel.others])
    return [
        Heading(2, "Every question"),
        Para(
            f"Others is the mean of {other_names}"
            + ("; Diff. is self minus others." if own else ".")
        ),
        Table(
            ("Question", *_columns(panel), "others", *(("Diff.",) if own else ())),
            tuple(
                (
                    f"{c.question.label}: {c.question.text}",
                    *(rating_text(items[name][c.question.id]) for name, _ in c.ratings),
                    number(c.others_mean),
                    *((signed(c.difference),) if own else ()),
                )
                for c in panel.compared
            ),
            key_column=False,
            widths=(12, *(1 for _ in range(len(panel.names) + (2 if own else 1)))),
        ),
    ]


def _others_plan(combined: Result) -> list[Block]:
    blocks: list[Block] = []
    if combined.gaps:
        blocks += [
            Heading(2, "Top gaps, in the others' view"),
            gaps_table(combined.gaps, "Others → target"),
        ]
    if combined.actions:
        blocks += [
            Heading(2, "Development plan"),
            Para(
                "Suggested development actions for the weakest areas in the others' view, "
                "weakest first, to tick off as each reaches the target."
            ),
            development_plan(combined),
        ]
    return blocks


def _checked_and_noted(panel: Panel) -> list[Block]:
    """The pitfalls each rater checked, and every rater's evidence."""
    blocks: list[Block] = []
    checked = [
        (p, [r.name for r in panel.raters if p.id in r.result.answers.pitfalls])
        for p in panel.questionnaire.pitfalls
    ]
    checked = [(p, names) for p, names in checked if names]
    if checked:
        blocks += [
            Heading(2, "Pitfalls checked"),
            Bullets(tuple(Item(p.text, link=", ".join(names)) for p, names in checked)),
        ]
    evidence = [
        Item(
            i.question.text,
            link=f"{r.name}: rated {rating_text(i)}",
            children=(Para(i.note or "", style="quote"),),
        )
        for r in panel.raters
        for i in r.result.items
        if i.note
    ]
    if evidence:
        blocks += [Heading(2, "Evidence"), Bullets(tuple(evidence))]
    return blocks


def _differences(
    own: dict[str, ItemScore], title: str, lead: str, found: tuple[Compared, ...], none: str
) -> list[Block]:
    if not found:
        return [Heading(2, title), Para(none)]
    return [
        Heading(2, title),
        Para(lead),
        Table(
            ("Question", "Self", "Others' mean", "Difference"),
            tuple(
                (
                    f"{c.question.label}: {c.question.text}",
                    rating_text(own[c.question.id]),
                    _others_mean(c),
                    signed(c.difference),
                )
                for c in found
            ),
            key_column=False,
            widths=(8, 1, 2, 2),
        ),
    ]


def _compared_data(c: Compared) -> dict[str, Any]:
    return {
        "id": c.question.id,
        "kind": c.question.kind,
        "area": c.question.area,
        "text": c.question.text,
        "ratings": dict(c.ratings),
        "self": c.own,
        "others_mean": None if c.others_mean is None else round(c.others_mean, 4),
        "difference": None if c.difference is None else round(c.difference, 4),
    }


def panel_data(panel: Panel, *, scored: str | None = None) -> dict[str, Any]:
    q, combined = panel.questionnaire, panel.combined
    return {
        "from": q.source.id,
        "to": q.target.id,
        "person": panel.person,
        "scored": scored,
        "digest": q.digest,
        "raters": [
            {
                "rater": r.name,
                "file": r.origin,
                "date": r.result.answers.date,
                "readiness": r.result.readiness,
                "band": r.result.band,
                "answered": r.result.confidence.answered,
                "content": content_data(q, r.result.answers),
                "areas": [{"id": a.action.id, "score": a.score} for a in r.result.areas],
            }
            for r in panel.raters
        ],
        "combined": {
            "raters": [r.name for r in panel.others],
            "readiness": combined.readiness,
            "band": combined.band,
            "areas": [
                {"id": a.action.id, "number": a.number, "title": a.action.title, "score": a.score}
                for a in combined.areas
            ],
            "gaps": [i.id for i in combined.gaps],
        },
        "questions": [_compared_data(c) for c in panel.compared],
        "blind_spots": [_compared_data(c) for c in panel.blind_spots],
        "hidden_strengths": [_compared_data(c) for c in panel.hidden_strengths],
    }
