"""What ``ladder assess`` says: the questionnaire's introduction and the gap report, as
document blocks (for the terminal and markdown) and as JSON data."""

from __future__ import annotations

from typing import Any

from laddercli.document import Bar, Bars, Block, Bullets, Fields, Heading, Item, Para, Table
from laddercli.questions import Questionnaire
from laddercli.scoring import BANDS, READY, AreaScore, ItemScore, Result, band_range


def number(value: float | None) -> str:
    """A score or weight as text: ``66.7``, ``100``, ``3``; a dash for nothing."""
    if value is None:
        return "—"
    return f"{value:.1f}".removesuffix(".0")


def rating_text(item: ItemScore) -> str:
    if item.rating is None:
        return "skipped"
    if not item.rated:
        return "n/a"
    return str(item.rating)


# --- before the questions -----------------------------------------------------------------


def intro_blocks(q: Questionnaire, *, evidence: bool, saved_to: str) -> list[Block]:
    counts = q.counts()
    a = q.assessment
    parts = [
        f"{counts['shift']} key shifts",
        f"{counts['behaviour']} behaviours of the {len(q.actions)} key actions",
        f"{counts['indicator']} readiness indicators",
    ]
    if q.pitfalls:
        parts.append("the common pitfalls")
    blocks: list[Block] = [
        Heading(1, f"Readiness for {q.target.title}: {q.title}"),
        Para(
            f"{q.steps} questions, about {q.minutes(evidence=evidence)} minutes: "
            + ", ".join(parts[:-1])
            + f", then {parts[-1]}. Answer for what you do today, not what you intend: "
            "the report is only as useful as it is honest."
        ),
        Para(f"Rate each on this scale; {a.target} is the target, ready for the role:"),
        Fields(
            tuple((f"{p.value}  {p.label}", p.anchor) for p in a.scale)
            + (
                ("n  Not applicable", "left out of the score"),
                ("s  Skip", "left out of the score, for now"),
            )
        ),
        Para(
            "Type a number (or use the arrow keys) and press Enter. b goes back to the "
            "previous question."
            + (" After each rating you may add a note of evidence." if evidence else "")
        ),
        Para(
            f"Ctrl-C stops at any time and keeps every answer given so far in {saved_to}",
            label="Nothing is lost",
        ),
    ]
    return blocks


# --- the report -----------------------------------------------------------------------------


def report_blocks(result: Result) -> list[Block]:
    q, answers = result.questionnaire, result.answers
    blocks: list[Block] = [Heading(1, f"Readiness for {q.target.title}")]
    about = [q.title, f"rater: {answers.rater}"]
    if answers.date:
        about.append(answers.date[:10])
    blocks.append(Para(" · ".join(about)))

    c = result.confidence
    if result.readiness is None:
        blocks.append(
            Para(
                "no question has a rating on the scale, so there is nothing to score. Rate at "
                "least some of them (not applicable and skipped questions count nowhere).",
                label="No readiness score",
            )
        )
    else:
        band = f"{result.band}; incomplete" if c.incomplete else result.band
        shown = f"{number(result.readiness)} / 100 ({band})"
        blocks.append(Bars((Bar("Readiness", result.readiness, shown),), value_heading="Readiness"))
        if c.incomplete:
            blocks.append(
                Para(
                    f"only {c.answered} of the {c.questions} questions "
                    f"{'is' if c.answered == 1 else 'are'} answered, so this figure says "
                    "little. Rate the rest in the answers file and score it again.",
                    label="Incomplete",
                )
            )
        blocks.append(Para(_band_text(result)))
    blocks.append(Para(_confidence_text(result), label="Confidence"))

    blocks += [
        Heading(2, "Areas"),
        Para(
            "One per key action: its behaviours and the readiness indicators linked to it, "
            "out of 100."
        ),
        Bars(
            tuple(
                Bar(f"{a.number}. {a.action.title}", a.score, _area_shown(a)) for a in result.areas
            ),
            label_heading="Key action",
        ),
    ]

    if result.gaps:
        blocks += [
            Heading(2, "Top gaps"),
            Table(
                ("Question", "Now → target", "Gap", "Priority"),
                tuple(
                    (
                        f"{i.question.label}: {i.question.text}",
                        f"{rating_text(i)} → {i.target}",
                        str(i.gap),
                        number(i.priority),
                    )
                    for i in result.gaps
                ),
                key_column=False,
                widths=(8, 2, 1, 1),
            ),
            Para(
                f"Priority is the gap times the weight (readiness indicator "
                f"{number(q.assessment.weights.indicator)}, key shift "
                f"{number(q.assessment.weights.shift)}, behaviour "
                f"{number(q.assessment.weights.behaviour)})."
            ),
        ]
    elif result.readiness is not None:
        blocks += [Heading(2, "Top gaps"), Para("None: every rated question is at the target.")]

    if result.actions:
        blocks += [Heading(2, "Suggested development actions"), _actions(result)]

    if result.pitfalls:
        blocks += [
            Heading(2, "Pitfalls you checked"),
            Bullets(
                tuple(
                    Item(
                        c.pitfall.text,
                        children=(Para(_instead(c.instead), label="Instead"),) if c.instead else (),
                    )
                    for c in result.pitfalls
                )
            ),
        ]

    evidenced = [i for i in result.items if i.note]
    if evidenced:
        blocks += [
            Heading(2, "Your evidence"),
            Bullets(
                tuple(
                    Item(
                        i.question.text,
                        link=f"rated {rating_text(i)}",
                        children=(Para(i.note or "", style="quote"),),
                    )
                    for i in evidenced
                )
            ),
        ]
    unrated = [i for i in result.items if not i.rated]
    if unrated:
        blocks += [
            Heading(2, "Not rated"),
            Para("These count nowhere in the scores above."),
            Bullets(
                tuple(
                    Item(f"{i.question.label}: {i.question.text}", link=rating_text(i))
                    for i in unrated
                )
            ),
        ]

    timeline = q.view.timeline
    if timeline:
        blocks += [Heading(2, "The path"), Para(timeline, label="Timeline")]
    blocks.append(
        Para(f"The whole path to {q.target.short}: ladder show {q.source.id}", style="hint")
    )
    return blocks


BAND_MEANINGS = {
    "Ready now": "ready for the role today",
    "Nearly ready": "a few gaps to close",
    "Developing": "a clear direction, with real gaps to close",
    "Early": "the path starts here",
}


def _band_text(result: Result) -> str:
    name = result.band or ""
    text = f"{name} is {band_range(name)} out of 100: {BAND_MEANINGS.get(name, '')}."
    ready_floor = BANDS[0][0]
    if name == READY or (result.readiness or 0) < ready_floor:
        return text
    floor = result.target - 1
    indicators = [i for i in result.items if i.question.kind == "indicator"]
    low = [i.question.text for i in indicators if i.rated and i.value < floor]
    skipped = [i.question.text for i in indicators if i.rating is None]
    reasons = []
    if low:
        reasons.append(f"rated under {floor}: {'; '.join(low)}")
    if skipped:
        reasons.append(f"not answered: {'; '.join(skipped)}")
    return (
        f"{number(ready_floor)} or more, but {READY} also needs every readiness indicator "
        f"answered and rated {floor} or above. "
        + " ".join(r[0].upper() + r[1:] + "." for r in reasons)
    )


def _area_shown(area: AreaScore) -> str:
    return "not rated" if area.score is None else number(area.score)


def _confidence_text(result: Result) -> str:
    c = result.confidence
    text = f"{c.answered} of the {c.questions} questions to rate are answered"
    if c.answered_share < 1:
        text += f" ({round(100 * c.answered_share)}%)"
    if c.at_target == 1:
        text += "; the one rating at or above the target " + (
            "has a note of evidence" if c.evidenced else "has no note of evidence"
        )
    elif c.at_target:
        verb = "has" if c.evidenced == 1 else "have"
        text += (
            f"; {c.evidenced} of the {c.at_target} ratings at or above the target "
            f"{verb} a note of evidence"
        )
    text += "."
    share = c.evidence_share
    if share is not None and share < 0.5 and c.at_target >= 3:
        text += (
            " Ratings without evidence are easy to overrate: add notes (ladder assess "
            "--evidence), and ask your manager to rate you too (--rater manager)."
        )
    return text


def _actions(result: Result) -> Bullets:
    items = []
    for action in result.actions:
        children: list[Block] = []
        practise = [
            Item(i.question.text, link=f"{rating_text(i)} → {i.target}") for i in action.behaviours
        ]
        if practise:
            lead = "To weigh or act on:" if action.action.scale else "Practise:"
            children += [Para(lead), Bullets(tuple(practise))]
        if action.indicators:
            children += [
                Para("Readiness indicators under the target:"),
                Bullets(
                    tuple(
                        Item(i.question.text, link=f"{rating_text(i)} → {i.target}")
                        for i in action.indicators
                    )
                ),
            ]
        if action.action.example:
            children.append(Para(action.action.example, label="Example", style="example"))
        items.append(
            Item(
                "",
                label=action.action.title,
                link=f"area {number(action.area.score)}",
                children=tuple(children),
            )
        )
    return Bullets(tuple(items), ordered=True)


def _instead(areas: tuple[AreaScore, ...]) -> str:
    return "; ".join(f"{a.action.title} (key action {a.number})" for a in areas)


# --- as data ----------------------------------------------------------------------------------


def _item_data(item: ItemScore) -> dict[str, Any]:
    return {
        "id": item.id,
        "kind": item.question.kind,
        "area": item.question.area,
        "text": item.question.text,
        "rating": item.rating,
        "target": item.target,
        "gap": item.gap,
        "weight": item.weight,
        "attainment": None if item.attainment is None else round(item.attainment, 4),
        "priority": item.priority,
        "note": item.note,
    }


def report_data(result: Result) -> dict[str, Any]:
    q, answers, c = result.questionnaire, result.answers, result.confidence
    return {
        "from": q.source.id,
        "to": q.target.id,
        "rater": answers.rater,
        "date": answers.date,
        "readiness": result.readiness,
        "band": result.band,
        "areas": [
            {
                "id": a.action.id,
                "number": a.number,
                "title": a.action.title,
                "score": a.score,
                "answered": a.answered,
                "questions": a.questions,
            }
            for a in result.areas
        ],
        "items": [_item_data(i) for i in result.items],
        "gaps": [i.id for i in result.gaps],
        "actions": [
            {
                "id": d.action.id,
                "title": d.action.title,
                "score": d.area.score,
                "behaviours": [_item_data(i) for i in d.behaviours],
                "indicators": [_item_data(i) for i in d.indicators],
                "example": d.action.example,
            }
            for d in result.actions
        ],
        "pitfalls": [
            {
                "id": p.pitfall.id,
                "text": p.pitfall.text,
                "instead": [{"id": a.action.id, "title": a.action.title} for a in p.instead],
            }
            for p in result.pitfalls
        ],
        "timeline": q.view.timeline,
        "confidence": {
            "questions": c.questions,
            "answered": c.answered,
            "answered_share": round(c.answered_share, 4),
            "at_target": c.at_target,
            "evidenced": c.evidenced,
            "evidence_share": None if c.evidence_share is None else round(c.evidence_share, 4),
            "incomplete": c.incomplete,
        },
    }
