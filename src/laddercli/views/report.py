"""What ``ladder assess`` says: the questionnaire's introduction and the gap report, as
document blocks (for the terminal and markdown) and as JSON data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from laddercli.assessment.answers import Answers, answering_as
from laddercli.assessment.plan import NEXT_ACTIONS, PlanItem, plan
from laddercli.assessment.questions import Questionnaire
from laddercli.assessment.raters import DEFAULT_RATER, who_args
from laddercli.assessment.scoring import TOP_GAPS, AreaScore, ItemScore, Result
from laddercli.render.document import (
    Bar,
    Bars,
    Block,
    Bullets,
    Fields,
    Heading,
    Item,
    Para,
    Radar,
    Series,
    SeriesKind,
)
from laddercli.views.figures import (
    band_shown,
    band_text,
    counted,
    number,
    rating_text,
    self_rated,
)
from laddercli.visible import visible_name

if TYPE_CHECKING:
    from laddercli.history.progress import Since


# --- before the questions -----------------------------------------------------------------


def intro_blocks(
    q: Questionnaire, answers: Answers, *, evidence: bool, saved_to: str
) -> list[Block]:
    counts = q.counts()
    a = q.assessment
    parts = [
        counted(counts["shift"], "key shift"),
        f"{counted(counts['behaviour'], 'behaviour')} of the "
        + counted(len(q.actions), "key action"),
        counted(counts["indicator"], "readiness indicator"),
    ]
    if q.pitfalls:
        parts.append("the common pitfalls")
    other = answering_as(answers)  # a manager or peer rating someone: "they", not "you"
    they = ("they do", "they intend") if other else ("you do", "you intend")
    blocks: list[Block] = [
        Heading(1, f"Readiness for {q.target.title}: {q.title}"),
        Para(
            f"{counted(q.steps, 'question')}, about "
            f"{counted(q.minutes(evidence=evidence), 'minute')}: "
            + ", ".join(parts[:-1])
            + f", then {parts[-1]}. Answer for what {they[0]} today, not what {they[1]}: "
            "the report is only as useful as it is honest."
        ),
        *not_about_you(answers),
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
            + (
                " After each rating you may add a note of evidence (b alone goes back to "
                "the rating)."
                if evidence
                else ""
            )
        ),
        Para(
            f"Ctrl-C stops at any time and keeps every answer given so far in {saved_to}",
            label="Nothing is lost",
        ),
    ]
    return blocks


def not_about_you(answers: Answers) -> list[Block]:
    """For a manager or peer rating someone, how to read "you" in the questions: said
    before the first question, whether the questionnaire starts or continues."""
    other = answering_as(answers)
    return [Para(other[0].lower() + other[1:], label="Not about you")] if other else []


# --- the report -----------------------------------------------------------------------------


def report_date(answers: Answers, scored: str | None) -> str:
    """The day the answers were given; else the day they were scored, said as such."""
    if answers.date:
        return answers.date[:10]
    return f"{scored} (scored; the answers carry no date)" if scored else "not recorded"


def about_blocks(
    q: Questionnaire, answers: Answers, *, scored: str | None, raters: str | None = None
) -> list[Block]:
    """What a report was made from: the path, the person and rater, and the date."""
    pairs = [("Path", q.title)]
    if answers.person:
        pairs.append(("Person", visible_name(answers.person)))
    pairs.append(("Raters", raters) if raters else ("Rater", visible_name(answers.rater)))
    pairs.append(("Date", report_date(answers, scored)))
    return [Fields(tuple(pairs))]


def content_blocks(q: Questionnaire, answers: Answers) -> list[Block]:
    """The report's last lines: the digest of the role content it was scored against, and
    what has changed in it since the answers were given."""
    blocks: list[Block] = [Fields((("Role content", content_text(q)),))]
    if answers.change is not None:
        blocks.append(content_change_para(q, answers))
    return blocks


def and_list(names: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return " and ".join(filter(None, (", ".join(names[:-1]), names[-1]))) if names else ""


def content_text(q: Questionnaire) -> str:
    """The role content a report was scored against: its size and digest."""
    pitfalls = f", {counted(len(q.pitfalls), 'pitfall')}" if q.pitfalls else ""
    return f"digest {q.digest} ({counted(len(q.questions), 'question')}{pitfalls})"


def content_change_para(q: Questionnaire, answers: Answers) -> Para:
    change = answers.change
    assert change is not None
    text = (
        f"these answers were given against role content {change.saved}; the role files now "
        f"give {change.current}."
    )
    titles = {x.id: x.text for x in q.questions} | {p.id: p.text for p in q.pitfalls}
    if change.added:
        added = "; ".join(f"{titles.get(i, i)} ({i})" for i in change.added)
        text += f" Added since, so not answered here: {added}."
    if change.removed:
        text += f" Removed since, so left out here: {', '.join(change.removed)}."
    if not change.added and not change.removed:
        text += " The questions are the same; their wording, scale or weights changed."
    return Para(text, label="The role content has changed")


def report_blocks(
    result: Result, *, scored: str | None = None, since: Since | None = None
) -> list[Block]:
    """The one-rater report: the answer first (readiness, strongest and weakest areas, the
    next actions), then what it was made from, the areas, the plan, what the rater wrote,
    and last the role content it was scored against."""
    q, answers = result.questionnaire, result.answers
    ranked = plan(result.items, result.pitfalls)
    blocks: list[Block] = [Heading(1, f"Readiness for {q.target.title}")]
    blocks += _summary_blocks(result, ranked)
    blocks += about_blocks(q, answers, scored=scored)
    blocks += _readiness_details(result, since)
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
        area_radar(result.areas, ((answers.rater, result, _kind(answers.rater)),)),
    ]
    blocks += plan_blocks(result, ranked)
    blocks += options_blocks(result)
    blocks += _what_the_rater_wrote(result)
    timeline = q.view.timeline
    if timeline:
        blocks += [Heading(2, "The path"), Para(timeline, label="Timeline")]
    blocks.append(
        Para(
            f"The whole path to {q.target.short}:",
            style="hint",
            command=("show", q.source.id),
        )
    )
    blocks += content_blocks(q, answers)
    return blocks


def _summary_blocks(result: Result, ranked: tuple[PlanItem, ...]) -> list[Block]:
    """The answer, on the first screen: the readiness and its band, what it rests on, the
    strongest and weakest areas, and the plan's first items."""
    q, c = result.questionnaire, result.confidence
    if result.readiness is None:
        return [
            Para(
                "no question has a rating on the scale, so there is nothing to score. Rate at "
                f"least some of them from 0 to {q.assessment.scale[-1].value} in the answers "
                "file, and score it again (not applicable and skipped questions count "
                "nowhere).",
                label="No readiness score",
            )
        ]
    shown = f"{number(result.readiness)} / 100 ({band_shown(result, alone=True)})"
    blocks: list[Block] = [
        Bars((Bar("Readiness", result.readiness, shown),), value_heading="Readiness"),
        Para(band_text(result)),
    ]
    if c.incomplete:
        blocks.append(
            Para(
                f"only {c.answered} of the {counted(c.questions, 'question')} "
                f"{'is' if c.answered == 1 else 'are'} answered, so this figure says "
                "little. Rate the rest in the answers file and score it again.",
                label="Incomplete",
            )
        )
    blocks.append(Para(_confidence_text(result), label="It rests on"))
    strongest, weakest = strongest_and_weakest(result.areas)
    if strongest:
        blocks.append(
            Fields(
                (
                    ("Strongest", "; ".join(area_named(a) for a in strongest)),
                    ("Weakest", "; ".join(area_named(a) for a in weakest)),
                )
            )
        )
    if ranked:
        blocks += [
            Heading(2, "Next actions"),
            Bullets(tuple(plan_entry(p) for p in ranked[:NEXT_ACTIONS]), ordered=True),
        ]
    return blocks


SUMMARY_AREAS = 3  # how many strongest and weakest areas the summary names


def strongest_and_weakest(
    areas: tuple[AreaScore, ...],
) -> tuple[tuple[AreaScore, ...], tuple[AreaScore, ...]]:
    """The three strongest and the three weakest scored areas (fewer, and none in both,
    when there are under six); a key action of options to weigh is neither."""
    scored = [a for a in areas if a.score is not None and a.action.kind != "options"]
    each = min(SUMMARY_AREAS, len(scored) // 2)
    if each == 0:
        return (), ()
    ranked = sorted(scored, key=lambda a: -(a.score or 0))
    return tuple(ranked[:each]), tuple(reversed(ranked[-each:]))


def area_named(area: AreaScore) -> str:
    return f"{area.action.title} ({_area_shown(area)})"


def _readiness_details(result: Result, since: Since | None) -> list[Block]:
    """Since last time, and the commands that make the figure surer."""
    blocks: list[Block] = []
    if result.readiness is not None and since is not None:
        blocks += [_since_para(result, since), _trend_hint(result)]
    if _needs_evidence(result):
        blocks += _evidence_hints(result)
    return blocks


def plan_entry(p: PlanItem) -> Item:
    i = p.item
    return Item(f"{i.question.label}: {i.question.text}", link=f"{rating_text(i)} → {i.target}")


def plan_blocks(
    result: Result,
    ranked: tuple[PlanItem, ...],
    *,
    heading: str = "The plan",
    checked: str = "a pitfall you checked",
) -> list[Block]:
    """The whole plan, one item per question under the target, in the order of the rules
    (``assessment/plan.py``), each with its id for ``ladder plan --focus``. ``checked``
    says whose checked pitfalls raise items (the several-raters report: any rater's)."""
    weights = result.questionnaire.assessment.weights
    if not ranked:
        if result.readiness is None:
            return []
        return [Heading(2, heading), Para("None: every rated question is at the target.")]
    titles = {a.action.id: a for a in result.areas}
    examples_shown: set[str] = set()
    entries = []
    for p in ranked:
        children: list[Block] = []
        areas = [titles[a] for a in dict.fromkeys(p.item.question.actions) if a in titles]
        if areas:
            children.append(
                Para(
                    ", ".join(f"{a.action.title} (key action {a.number})" for a in areas),
                    label="For",
                )
            )
        if p.raised_by:
            pitfalls = {c.pitfall.id: c.pitfall.text for c in result.pitfalls}
            children.append(
                Para("; ".join(pitfalls[x] for x in p.raised_by), label="Guards against")
            )
        for a in areas:
            if a.action.example and a.action.id not in examples_shown:
                examples_shown.add(a.action.id)
                children.append(Para(a.action.example, label="Example", style="example"))
        entry = plan_entry(p)
        entries.append(
            entry._replace(
                link=f"{entry.link}, priority {number(p.rank)}",
                children=tuple(children),
            )
        )
    return [
        Heading(2, heading),
        Para(
            f"Every question under the target, the biggest gap first: priority is the gap "
            f"times the weight (readiness indicator {number(weights.indicator)}, key shift "
            f"{number(weights.shift)}, behaviour {number(weights.behaviour)}), and {checked} "
            "raises the items that guard against it by one point of gap."
        ),
        Bullets(tuple(entries), ordered=True, checklist=True),
    ]


def option_answer(item: ItemScore) -> str:
    """An option's answer in words: "Considered", "Acted on"; "not answered", "n/a"."""
    if item.rated:
        for choice in item.question.choices:
            if choice.value == item.value:
                return choice.label
    return rating_text(item)


def options_blocks(result: Result) -> list[Block]:
    """The options weighed: each key action of options to weigh, each option and its
    answer. They are no area and no gap: they count in no score."""
    if not result.options:
        return []
    blocks: list[Block] = [
        Heading(2, "Options weighed"),
        Para(
            "Options to weigh, not habits to build: how far you have considered or acted on "
            "each. They count in no score and are in no plan."
        ),
    ]
    for action in result.questionnaire.actions:
        mine = [i for i in result.options if action.id in i.question.actions]
        if not mine:
            continue
        blocks.append(
            Bullets(
                (
                    Item(
                        "",
                        label=action.title,
                        children=(
                            Bullets(
                                tuple(
                                    Item(
                                        i.question.text,
                                        link=option_answer(i),
                                        children=(Para(i.note, label="Note"),) if i.note else (),
                                    )
                                    for i in mine
                                )
                            ),
                        ),
                    ),
                )
            )
        )
    return blocks


def _what_the_rater_wrote(result: Result) -> list[Block]:
    """The pitfalls checked, the evidence noted, and the questions not rated."""
    rater = result.answers.rater
    own = rater.casefold() == "self"
    blocks: list[Block] = []
    if result.pitfalls:
        blocks += [
            Heading(2, "Pitfalls you checked" if own else f"Pitfalls checked by {rater}"),
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
    # an option's note and answer are under "Options weighed"
    evidenced = [i for i in result.items if i.note and not i.question.option]
    if evidenced:
        blocks += [
            Heading(2, "Your evidence" if own else f"Evidence from {rater}"),
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
    unrated = [i for i in result.items if not i.rated and not i.question.option]
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
    return blocks


def _since_para(result: Result, since: Since) -> Para:
    change = since.change(result.readiness)
    moved = (
        "no readiness score then"
        if change is None
        else "no change"
        if change == 0
        else f"{'up' if change > 0 else 'down'} {number(abs(change))} "
        + ("point" if number(abs(change)) == "1" else "points")
    )
    return Para(
        f"{moved}, from {number(since.readiness)} in assessment #{since.id} on {since.date[:10]}.",
        label="Since last time",
    )


def _trend_hint(result: Result) -> Para:
    """The command for this rater's trend towards the target."""
    who = who_args(result.answers.rater, result.answers.person)
    target = result.questionnaire.target.id
    return Para("The trend:", style="hint", command=("history", target, *who))


def _area_shown(area: AreaScore) -> str:
    return "not rated" if area.score is None else number(area.score)


def _confidence_text(result: Result) -> str:
    c = result.confidence
    verb = "is" if c.answered == 1 else "are"
    text = f"{c.answered} of the {counted(c.questions, 'question')} to rate {verb} answered"
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
    if _needs_evidence(result):
        text += " Ratings without evidence are easy to overrate: add notes (--evidence)"
        if result.answers.rater == DEFAULT_RATER:
            text += ", and ask your manager to rate you too"
        text += "."
    return text


def _needs_evidence(result: Result) -> bool:
    """Whether most of the ratings at or above the target (three at least) have no note."""
    c = result.confidence
    share = c.evidence_share
    return share is not None and share < 0.5 and c.at_target >= 3


def _evidence_hints(result: Result) -> list[Para]:
    """The commands that add notes (for this rater and person) and, to a self-assessment,
    a manager's view."""
    answers, target = result.answers, result.questionnaire.target.id
    who = who_args(answers.rater, answers.person)
    hints = [Para("To add notes:", style="hint", command=("assess", target, "--evidence", *who))]
    if answers.rater == DEFAULT_RATER:
        manager = ("assess", target, *who_args("manager", answers.person))
        hints.append(Para("For your manager to rate you:", style="hint", command=manager))
    return hints


def area_radar(
    areas: tuple[AreaScore, ...], series: tuple[tuple[str, Result, SeriesKind], ...]
) -> Radar:
    """The areas as a radar chart: one series per (name, result, kind)."""
    return Radar(
        tuple(f"{a.number}. {a.action.title}" for a in areas),
        tuple(Series(name, tuple(a.score for a in r.areas), kind) for name, r, kind in series),
        title="Areas, out of 100",
    )


def _kind(rater: str) -> SeriesKind:
    return "self" if rater == DEFAULT_RATER else "rater"


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


def _option_data(item: ItemScore) -> dict[str, Any]:
    return {
        "id": item.id,
        "action": item.question.actions[0],
        "text": item.question.text,
        "rating": item.rating,
        "answer": option_answer(item),
        "note": item.note,
    }


def content_data(q: Questionnaire, answers: Answers) -> dict[str, Any]:
    change = answers.change
    return {
        "digest": q.digest,
        "questions": len(q.questions),
        "answered_digest": answers.digest,
        "changed": None
        if change is None
        else {"added": list(change.added), "removed": list(change.removed)},
    }


def report_data(
    result: Result, *, scored: str | None = None, since: Since | None = None
) -> dict[str, Any]:
    q, answers, c = result.questionnaire, result.answers, result.confidence
    ranked = plan(result.items, result.pitfalls)
    return {
        "from": q.source.id,
        "to": q.target.id,
        "rater": answers.rater,
        "person": answers.person,
        "date": answers.date,
        "scored": scored,
        "digest": q.digest,
        "content": content_data(q, answers),
        "readiness": result.readiness,
        "band": result.band,
        "self_rated": self_rated(result),
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
        "gaps": [p.id for p in ranked[:TOP_GAPS]],
        "plan": [
            _item_data(p.item) | {"rank": p.rank, "raised_by": list(p.raised_by)} for p in ranked
        ],
        "options": [_option_data(i) for i in result.options],
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
        "since_last": None
        if since is None
        else {
            "id": since.id,
            "date": since.date,
            "readiness": since.readiness,
            "change": since.change(result.readiness),
        },
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


# --- in one line ------------------------------------------------------------------------------


def headline_text(result: Result) -> str:
    """One line: "Readiness for CTO: 68.6 out of 100 (Nearly ready)." """
    title = result.questionnaire.target.title
    if result.readiness is None:
        return f"Readiness for {title}: not rated."
    band = band_shown(result, alone=True)
    return f"Readiness for {title}: {number(result.readiness)} out of 100 ({band})."
