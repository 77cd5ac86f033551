"""What ``ladder report`` says for several raters' answers on one path: each rater beside
the others combined, blind spots and hidden strengths, as document blocks and JSON data."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from laddercli.assessment.groups import FLOOR, MERGED
from laddercli.assessment.panel import Column, Compared, Panel, Rated
from laddercli.assessment.scoring import ItemScore, Result, is_rated
from laddercli.render.document import Bar, Bars, Block, Bullets, Fields, Heading, Item, Para, Table
from laddercli.views.figures import (
    NOTHING,
    band_shown,
    band_text,
    counted,
    number,
    rating_text,
    readiness_shown,
    signed,
)
from laddercli.views.report import (
    and_list,
    area_radar,
    content_change_para,
    content_data,
    content_text,
    plan_blocks,
    report_date,
)

if TYPE_CHECKING:
    from laddercli.assessment.collect import Collected, Returned


COMBINED = "Others combined"  # the others' view: one name for one figure, everywhere
COMBINED_HEADING = "Others\ncombined"  # in a table's heading, on two lines (one in markdown)


def _others_mean(c: Compared) -> str:
    """The others' combined figure, saying so where fewer than all of them rated the
    question."""
    shown = number(c.others_mean)
    if c.others_rated == c.others:
        return shown
    return f"{shown} (rated by {c.others_rated} of {c.others})"


COLUMN_NAME = 10  # a column's name longer than this heads it as R1, R2 ...


def _columns(panel: Panel) -> tuple[str, ...]:
    """Each column's heading: the rater's or group's name, or R and its place where the
    name is long, so that five raters' columns fit beside the questions on an 80-column
    screen (the Raters field at the top gives each key its name)."""
    return tuple(
        name if len(name) <= COLUMN_NAME else f"R{n}" for n, name in enumerate(panel.names, 1)
    )


def _raters_field(panel: Panel) -> str:
    return ", ".join(
        name if key == name else f"{name} ({key})"
        for name, key in zip(panel.names, _columns(panel), strict=True)
    ) or ("none shown" if panel.withheld else "none")


def _column_rating(column: Column, question_id: str) -> str:
    """A rater's rating, or an anonymous group's mean, as the tables show it."""
    if column.kind != "group":
        item = next(i for i in column.result.items if i.id == question_id)
        return rating_text(item)
    if question_id in column.thin:
        return NOTHING
    rating = column.ratings.get(question_id)
    if is_rated(rating):
        return number(float(str(rating)))
    return "n/a" if rating is not None else "not answered"


def panel_blocks(
    panel: Panel, *, scored: str | None = None, collected: Collected | None = None
) -> list[Block]:
    """The several-raters report: each rater's (or group's) readiness and areas beside the
    others' combined, blind spots and hidden strengths, every question, and the others'
    plan. Raters in anonymous groups are never named, unless ``panel.named``. With
    ``collected`` (``ladder report DIR``): the forms returned and still out, per group."""
    items = {c.name: {i.id: i for i in c.result.items} for c in panel.columns}
    about = _about_panel(panel, scored)
    if collected is not None:
        about += collected_blocks(panel, collected)
    blocks = [*about[:1], *_summary(panel), *about[1:]]
    blocks += _readiness_by_rater(panel)
    blocks += _areas_by_rater(panel)
    blocks += _self_and_others(panel, items)
    blocks += _disagreements(panel)
    blocks += _every_question(panel)
    blocks += _others_plan(panel.combined)
    blocks += _checked_and_noted(panel)
    timeline = panel.questionnaire.view.timeline
    if timeline:
        blocks += [Heading(2, "The path"), Para(timeline, label="Timeline")]
    blocks.append(Fields((("Role content", content_text(panel.questionnaire)),)))
    return blocks


def _summary(panel: Panel) -> list[Block]:
    """The answer first: the others' combined readiness (and one's own beside it), their
    strongest and weakest areas, and the first actions of their plan."""
    from laddercli.assessment.plan import NEXT_ACTIONS, plan
    from laddercli.views.report import area_named, plan_entry, strongest_and_weakest

    combined = panel.combined
    bars = [Bar(COMBINED, combined.readiness, readiness_shown(combined))]
    if panel.own is not None:
        bars.insert(0, Bar("Self", panel.own.result.readiness, readiness_shown(panel.own.result)))
    blocks: list[Block] = [Bars(tuple(bars), label_heading="Rater", value_heading="Readiness")]
    if combined.readiness is None:
        return blocks
    strongest, weakest = strongest_and_weakest(combined.areas)
    if strongest:
        blocks.append(
            Fields(
                (
                    ("Strongest", "; ".join(area_named(a) for a in strongest)),
                    ("Weakest", "; ".join(area_named(a) for a in weakest)),
                )
            )
        )
    ranked = plan(combined.items, combined.pitfalls)
    if ranked:
        blocks += [
            Heading(2, f"Next actions ({COMBINED.lower()})"),
            Para(
                f"The first {min(NEXT_ACTIONS, len(ranked))} items of the plan below, in its "
                "order: gap times weight, raised where a rater checked a pitfall they guard "
                "against."
            ),
            Bullets(tuple(plan_entry(p) for p in ranked[:NEXT_ACTIONS]), ordered=True),
        ]
    return blocks


def _about_panel(panel: Panel, scored: str | None) -> list[Block]:
    q = panel.questionnaire
    pairs = [("Path", q.title)]
    if panel.person:
        pairs.append(("Person", panel.person))
    pairs += [
        ("Raters", _raters_field(panel)),
        ("Dates", _dates(panel, scored)),
    ]
    blocks: list[Block] = [
        Heading(1, f"Readiness for {q.target.title}: {counted(len(panel.raters), 'rater')}"),
        Fields(tuple(pairs)),
    ]
    if panel.named:
        blocks.append(
            Para(
                "every rater is shown by name and no response is withheld, as asked with "
                "--named: this report is for the facilitator, not to be passed on.",
                label="Named report",
            )
        )
    blocks += [
        Para(
            f"{c.group.label}, shown from {counted(c.group.minimum, 'response')} as the role "
            f"file declares (not the {FLOOR} that keep a group anonymous): its raters are not "
            "named, but may be recognised.",
            label="Small group",
        )
        for c in panel.columns
        if c.kind == "group" and c.group.minimum < FLOOR
    ]
    if panel.withheld:
        count = len(panel.withheld)
        blocks.append(
            Para(
                f"{count} {'response is' if count == 1 else 'responses are'} left out of "
                f"this report ({panel.withheld_why}); their ratings, notes and pitfalls "
                "count in no figure here, so that no one can be picked out.",
                label="Withheld",
            )
        )
    return blocks + _content_changes(panel)


def _dates(panel: Panel, scored: str | None) -> str:
    """When the answers were given: the named raters' dates; the responses shown without
    names (in a group, small or not) counted, never dated (a date may tell who answered)."""
    named = [c for c in panel.columns if c.kind != "group"]
    dates = sorted(
        {r.result.answers.date[:10] for c in named for r in c.members if r.result.answers.date}
    )
    undated = [c.name for c in named if not c.result.answers.date]
    anonymous = sum(len(c.members) for c in panel.columns if c.kind == "group")
    if dates:
        text = " to ".join(dict.fromkeys((dates[0], dates[-1])))
        text += f" ({and_list(undated)}: no date)" if undated else ""
    elif not anonymous:
        text = report_date(panel.combined.answers, scored)
    else:
        text = f"{scored} (scored)" if scored else "not recorded"
    if anonymous:
        text += f"; and {counted(anonymous, 'response')} shown without names, not dated"
    return text


def _content_changes(panel: Panel) -> list[Block]:
    """What changed in the role content since the answers were given: said once for the
    raters whose answers share a change (all of them, as a rule). Where some answers
    differ in it, named raters' are named (counted in a facilitator's report); a change in
    any anonymous response is said without a count or its old digest, as "some answers":
    a count or a digest of its own could single one out."""
    shown = [rated for column in panel.columns for rated in column.members]
    anonymous = {r.name for c in panel.columns if c.kind == "group" for r in c.members}
    changed: dict[object, list[Rated]] = {}
    for rated in shown:
        if rated.result.answers.change is not None:
            changed.setdefault(rated.result.answers.change, []).append(rated)
    texts: list[str] = []
    unsaid: list[Rated] = []  # changes in anonymous responses, said together
    for raters in changed.values():
        text = content_change_para(panel.questionnaire, raters[0].result.answers).text
        if len(raters) < len(shown) and panel.named:
            whose = f"{len(raters)} of the {len(shown)} raters"
            text = text.replace("these answers were", f"the answers of {whose} were", 1)
        elif len(raters) < len(shown) and any(r.name in anonymous for r in raters):
            unsaid += raters
            continue
        elif len(raters) < len(shown):
            whose = and_list([r.name for r in raters])
            text = text.replace("these answers were", f"the answers of {whose} were", 1)
        texts.append(text)
    if unsaid:
        texts.append(_some_changed(panel, unsaid))
    label = "The role content has changed"
    return [Para(text, label=label if n == 0 else None) for n, text in enumerate(texts)]


def _some_changed(panel: Panel, raters: list[Rated]) -> str:
    """The changes in anonymous responses' role content, together: no count, no digest."""
    q = panel.questionnaire
    changes = [r.result.answers.change for r in raters if r.result.answers.change]
    titles = {x.id: x.text for x in q.questions} | {p.id: p.text for p in q.pitfalls}
    added = sorted({i for c in changes for i in c.added})
    removed = sorted({i for c in changes for i in c.removed})
    text = (
        "some answers were given against earlier role content; the role files now give "
        f"{changes[0].current}."
    )
    if added:
        text += " Added since, so not answered in those: "
        text += "; ".join(f"{titles.get(i, i)} ({i})" for i in added) + "."
    if removed:
        text += f" Removed since, so left out of those: {', '.join(removed)}."
    return text


def _readiness_by_rater(panel: Panel) -> list[Block]:
    combined = panel.combined
    others = [c for c in panel.columns if c.kind != "self"]
    other_names = and_list([c.name for c in others])
    weights = {c.group.weight for c in others}
    if not others:
        explained = f"{COMBINED}: no other rater's answers are shown."
    elif len(panel.others) > 1:
        explained = (
            f"{COMBINED}, the others' view of a question wherever this report shows it: "
            "each rater's rating counts up to the target (a 4 counts the same as a 3), "
            "averaged within their group, then across the groups "
            + ("equally" if len(weights) == 1 else "by the weights the role file gives them")
            + f": {other_names}"
        )
    else:
        explained = (
            f"{COMBINED}, the others' view of a question wherever this report shows it: "
            f"{other_names}'s ratings, each counted up to the target (a 4 counts the same "
            "as a 3)"
        )
    if others:
        explained += "; the view from outside, to set beside your own." if panel.own else "."
    groups = any(c.kind == "group" for c in panel.columns)
    return [
        Heading(2, "Readiness by rater and group" if groups else "Readiness by rater"),
        Bars(
            tuple(Bar(c.name, c.result.readiness, _readiness(panel, c)) for c in panel.columns)
            + (Bar(COMBINED, combined.readiness, readiness_shown(combined)),),
            label_heading="Rater",
            value_heading="Readiness",
        ),
        Para(explained),
        *_short_of_ready(panel),
    ]


def _self_rated(panel: Panel) -> bool:
    """Whether the only answers shown are the person's own (the rest withheld)."""
    return all(c.kind == "self" for c in panel.columns)


def _readiness(panel: Panel, column: Column) -> str:
    """A column's readiness and band; "self-rated" where self's are the only answers shown."""
    if column.result.readiness is None or not _self_rated(panel):
        return readiness_shown(column.result)
    shown = band_shown(column.result, alone=True)
    return f"{number(column.result.readiness)} ({shown})"


def _short_of_ready(panel: Panel) -> list[Block]:
    """Why a readiness at or above the floor of "Ready now" is in a lower band (the
    readiness-indicator gate), for each rater or group and the others combined where it
    is: a manager's 90.1 "Nearly ready" beside a peer's 87.8 "Ready now" would read as a
    slip."""
    from laddercli.assessment.scoring import BANDS, READY

    shown = [(c.name, c.result, c.thin) for c in panel.columns]
    shown.append((COMBINED, panel.combined, frozenset()))
    return [
        Para(
            band_text(result, too_few=thin),
            label=f"Why {name}'s {number(result.readiness)} is {result.band}",
        )
        for name, result, thin in shown
        if result.band != READY and (result.readiness or 0) >= BANDS[0][0]
    ]


def _areas_by_rater(panel: Panel) -> list[Block]:
    combined = panel.combined
    columns = ("Key action", *_columns(panel), COMBINED_HEADING)
    return [
        Heading(2, "Areas"),
        Table(
            columns,
            tuple(
                (
                    f"{area.number}. {area.action.title}",
                    *(number(c.result.areas[i].score) for c in panel.columns),
                    number(combined.areas[i].score),
                )
                for i, area in enumerate(combined.areas)
            ),
            widths=(4, *(1 for _ in columns[1:])),
        ),
        area_radar(
            combined.areas,
            tuple(
                (c.name, c.result, "self" if c.kind == "self" else "rater") for c in panel.columns
            )
            + ((COMBINED, combined, "others"),),
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
    own_items = items[panel.columns[0].name]
    return _differences(
        own_items,
        "Blind spots",
        "Where at least two others rated it and you rate yourself at least 1 point above "
        f"{COMBINED} (your rating counted up to the target, as theirs are): worth asking "
        "them what they see.",
        panel.blind_spots,
        "None: on no question rated by two others or more do you rate yourself 1 point or "
        "more above them.",
    ) + _differences(
        own_items,
        "Hidden strengths",
        "Where at least two others rated it and you rate yourself at least 1 point below "
        f"{COMBINED} (your rating counted up to the target, as theirs are): they see more "
        "than you give yourself credit for.",
        panel.hidden_strengths,
        "None: on no question rated by two others or more do you rate yourself 1 point or "
        "more below them.",
    )


def _disagreements(panel: Panel) -> list[Block]:
    """Where the others' ratings spread 2 points or more: neither a blind spot nor a
    hidden strength, whatever self says."""
    if not panel.disagreements:
        return []
    return [
        Heading(2, "Raters disagree"),
        Para(
            "Where the others' ratings are 2 points or more apart: their combined figure "
            "says little, so these are no blind spots or hidden strengths; worth asking what "
            "each saw."
        ),
        Table(
            ("Question", COMBINED_HEADING, "Spread"),
            tuple(
                (f"{c.question.label}: {c.question.text}", _others_mean(c), number(c.spread))
                for c in panel.disagreements
            ),
            key_column=False,
            widths=(8, 2, 1),
        ),
    ]


def _every_question(panel: Panel) -> list[Block]:
    own = panel.own
    others = [c.name for c in panel.columns if c.kind != "self"]
    thin = [c for c in panel.columns if c.thin]
    floors = and_list([f"{c.group.label} {min(c.group.minimum, FLOOR)}" for c in thin])
    too_few = (
        f" {NOTHING} in a group's column: fewer of its raters rated the question than the "
        f"group is shown from ({floors}); so that no one can be picked out, those ratings "
        "count in no figure of the question."
        if thin
        else ""
    )
    lead = (
        f"{COMBINED}: the figure of {and_list(others)} described above, the one the "
        "readiness, gaps and plan use; Spread, how far apart their ratings are as given "
        "(highest minus lowest)"
        + (
            f"; Diff. is self, counted up to the target as theirs are, minus {COMBINED}."
            if own
            else "."
        )
        if others
        else "No other rater's answers are shown: there is no others' figure or spread."
    )
    return [
        Heading(2, "Every question"),
        Para(
            lead
            + (
                " A group's column is its raters' ratings, each counted up to the target "
                "(a 4 as a 3), averaged."
                if any(c.kind == "group" for c in panel.columns)
                else ""
            )
            + too_few
        ),
        Table(
            (
                "Question",
                *_columns(panel),
                COMBINED_HEADING,
                "Spread",
                *(("Diff.",) if own else ()),
            ),
            tuple(
                (
                    f"{c.question.label}: {c.question.text}",
                    *(_column_rating(col, c.question.id) for col in panel.columns),
                    number(c.others_mean),
                    number(c.spread),
                    *((signed(c.difference),) if own else ()),
                )
                for c in panel.compared
            ),
            key_column=False,
            widths=(12, *(1 for _ in range(len(panel.names) + (3 if own else 2)))),
        ),
    ]


def _others_plan(combined: Result) -> list[Block]:
    """The one plan (``assessment/plan.py``) of the others combined: the order of the next
    actions at the top, and of the JSON's ``gaps`` and ``plan``."""
    from laddercli.assessment.plan import plan

    if combined.readiness is None:
        return []
    return plan_blocks(
        combined,
        plan(combined.items, combined.pitfalls),
        heading=f"The plan ({COMBINED.lower()})",
        checked="a pitfall any rater checked",
    )


def _checked_and_noted(panel: Panel) -> list[Block]:
    """The pitfalls each rater (or group) checked, and the evidence: a named rater's under
    their name, an anonymous group's under the group, in an order of their own (by
    question, then by the note's text), not the files'."""
    blocks: list[Block] = []
    checked = []
    for p in panel.questionnaire.pitfalls:
        who = []
        for c in panel.columns:
            ticked = sum(1 for r in c.members if p.id in r.result.answers.pitfalls)
            if ticked and c.kind != "group":
                who.append(c.name)
            elif ticked:
                who.append(f"{c.name.rsplit(' (', 1)[0]}: {ticked} of {len(c.members)}")
        if who:
            checked.append((p, who))
    if checked:
        blocks += [
            Heading(2, "Pitfalls checked"),
            Bullets(tuple(Item(p.text, link=", ".join(names)) for p, names in checked)),
        ]
    evidence = []
    for c in panel.columns:
        notes = [
            (order, i.note or "", i)
            for r in c.members
            for order, i in enumerate(r.result.items)
            if i.note
        ]
        if c.kind == "group":
            notes.sort(key=lambda n: (n[0], n[1]))
        for _, note, i in notes:
            link = f"{c.name}: rated {rating_text(i)}" if c.kind != "group" else c.name
            evidence.append(Item(i.question.text, link=link, children=(Para(note, style="quote"),)))
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
            ("Question", "Self", COMBINED_HEADING, "Difference"),
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
        # the others' combined figure (the name is older than the figure: kept for tools)
        "others_mean": None if c.others_mean is None else round(c.others_mean, 4),
        "others_rated": c.others_rated,
        "spread": c.spread,
        "difference": None if c.difference is None else round(c.difference, 4),
    }


def _response_data(panel: Panel, c: Column) -> list[dict[str, Any]]:
    """Each response of a column: a named rater's with its name and file, an anonymous
    one's with its group alone."""
    q = panel.questionnaire
    if c.kind == "group" and c.group.id == MERGED:
        # merged: the groups they came from would let a reader count one direct report
        return [{"shown_in": c.group.id} for _ in c.members]
    if c.kind == "group":
        return [{"group": r.group, "shown_in": c.group.id} for r in c.members]
    return [
        {
            "rater": r.name,
            "file": r.origin,
            "group": r.group,
            "shown_in": c.group.id,
            "date": r.result.answers.date,
            "readiness": r.result.readiness,
            "band": r.result.band,
            "answered": r.result.confidence.answered,
            "content": content_data(q, r.result.answers),
            "areas": [{"id": a.action.id, "score": a.score} for a in r.result.areas],
        }
        for r in c.members
    ]


def panel_data(
    panel: Panel, *, scored: str | None = None, collected: Collected | None = None
) -> dict[str, Any]:
    """The report as data. Raters in anonymous groups are in it by their group alone:
    neither their names nor their files (unless ``panel.named``). With ``collected``:
    ``returned``, ``returned_twice`` and ``not_listed`` (``collected_data``)."""
    data = _panel_data(panel, scored)
    if collected is not None:
        data.update(collected_data(panel, collected))
    return data


def _panel_data(panel: Panel, scored: str | None) -> dict[str, Any]:
    from laddercli.assessment.plan import plan
    from laddercli.assessment.scoring import TOP_GAPS

    q, combined = panel.questionnaire, panel.combined
    ranked = plan(combined.items, combined.pitfalls)
    groups = [c for c in panel.columns if c.kind == "group"]
    return {
        "from": q.source.id,
        "to": q.target.id,
        "person": panel.person,
        "scored": scored,
        "digest": q.digest,
        "named": panel.named,
        "self_rated": _self_rated(panel),
        "raters": [d for c in panel.columns if c.kind != "group" for d in _response_data(panel, c)],
        "groups": [
            {
                "group": c.group.id,
                "label": c.group.label,
                "responses": len(c.members),
                "minimum": c.group.minimum,
                "weight": c.group.weight,
                "readiness": c.result.readiness,
                "band": c.result.band,
                "areas": [{"id": a.action.id, "score": a.score} for a in c.result.areas],
            }
            for c in groups
        ],
        "responses": [
            {k: d[k] for k in ("group", "shown_in") if k in d}
            for c in panel.columns
            for d in _response_data(panel, c)
        ]
        + [
            {"group": _withheld_group(panel, r.group), "shown_in": None}
            for r in sorted(panel.withheld, key=lambda r: r.group)
        ],
        "withheld": {"responses": len(panel.withheld), "why": panel.withheld_why},
        "combined": {
            "raters": [c.name for c in panel.columns if c.kind != "self"],
            "readiness": combined.readiness,
            "band": combined.band,
            "areas": [
                {"id": a.action.id, "number": a.number, "title": a.action.title, "score": a.score}
                for a in combined.areas
            ],
            "gaps": [p.id for p in ranked[:TOP_GAPS]],
            "plan": [{"id": p.id, "rank": p.rank, "raised_by": list(p.raised_by)} for p in ranked],
        },
        "questions": [_compared_data(c) for c in panel.compared],
        "blind_spots": [_compared_data(c) for c in panel.blind_spots],
        "hidden_strengths": [_compared_data(c) for c in panel.hidden_strengths],
        "raters_disagree": [_compared_data(c) for c in panel.disagreements],
    }


# --- a folder's answers: the forms returned and still out ----------------------------------


def _returned_text(r: Returned, named: bool) -> str:
    """ "Board: 3 of 4 returned, 1 outstanding"; in a facilitator's report, whose."""
    text = f"{r.label}: {r.returned} of {r.sent} returned"
    if not r.outstanding:
        return text
    text += f", {len(r.outstanding)} outstanding"
    if named:
        names = [f.rater for f in r.outstanding if f.rater]
        unnamed = len(r.outstanding) - len(names)
        if unnamed:
            names.append(counted(unnamed, "form with no rater name", "forms with no rater name"))
        text += f" ({and_list(names)})"
    return text


def _withheld_group(panel: Panel, group: str) -> str | None:
    """A withheld response's group in the JSON: none where responses of several anonymous
    groups are withheld together (their groups would say what a later "Others" holds)."""
    from laddercli.assessment.groups import group_rules

    if panel.named:
        return group
    rules = group_rules(panel.questionnaire.assessment.groups)
    anonymous = {
        r.group for r in panel.withheld if r.group not in rules or rules[r.group].anonymous
    }
    return None if group in anonymous and len(anonymous) > 1 else group


def _twice_text(collected: Collected, named: bool) -> str:
    """What became of a form returned twice: which copy counts, never whose it is."""
    text = (
        f"{counted(collected.twice, 'form')} came back in more than one file and "
        f"{'counts' if collected.twice == 1 else 'count'} once: the answers with the later "
        "date, or, where the dates are the same or one is missing, those of the file whose "
        "name sorts last."
    )
    if collected.differing:
        text += (
            f" {counted(collected.differing, 'form')} came back with different answers in its "
            "copies: a form is for one rater, so if it was passed on, the other raters' "
            "answers are not counted; give each rater a form of their own (ladder form "
            "--count N)."
        )
    if named:
        text += f" Set aside: {and_list(list(collected.set_aside))}."
    return text


def collected_blocks(panel: Panel, collected: Collected) -> list[Block]:
    """The forms sent, returned and still out per group (where the folder holds its
    sent.json), and what was set aside: counts alone, never a file or a rater's name
    (but in a facilitator's report), so that an anonymous answer cannot be traced."""
    from laddercli.assessment.collect import SENT, returned

    blocks: list[Block] = []
    lines = returned(collected, panel)
    if lines:
        blocks += [
            Heading(2, "Forms returned"),
            Bullets(tuple(Item(_returned_text(r, panel.named)) for r in lines)),
        ]
    out = _still_out(panel, lines)
    if out:
        blocks.append(
            Para(
                f"{counted(out, 'form')} of groups shown without names "
                f"{'is' if out == 1 else 'are'} still out. This report, set beside one made "
                "when more have come back, would show what the later raters said: share one "
                "report, made once the forms are back.",
                label="Interim",
            )
        )
    if collected.twice:
        blocks.append(Para(_twice_text(collected, panel.named), label="Returned twice"))
    if collected.not_listed:
        n = collected.not_listed
        blocks.append(
            Para(
                f"{counted(n, 'answer')} came from {'a form' if n == 1 else 'forms'} not in "
                f"the list of forms sent ({SENT}), and {'counts' if n == 1 else 'count'} "
                "all the same.",
                label="Not in the list",
            )
        )
    return blocks


def _still_out(panel: Panel, lines: Sequence[Returned]) -> int:
    """The forms still out of groups shown without names (the manager's are named)."""
    from laddercli.assessment.groups import group_rules

    rules = group_rules(panel.questionnaire.assessment.groups)
    return sum(
        len(r.outstanding) for r in lines if r.group not in rules or rules[r.group].anonymous
    )


def collected_data(panel: Panel, collected: Collected) -> dict[str, Any]:
    """``returned``: per group (or "others", the groups the report merges), the forms
    ``sent``, ``returned`` and ``outstanding`` (null without sent.json); ``returned_twice``
    and ``not_listed``. Whose forms are out only in a facilitator's report."""
    from laddercli.assessment.collect import returned

    lines = returned(collected, panel) if collected.sent is not None else None
    out: dict[str, Any] = {"returned": None}
    if lines is not None:
        out["returned"] = {
            r.group: {
                "label": r.label,
                "sent": r.sent,
                "returned": r.returned,
                "outstanding": len(r.outstanding),
            }
            | (
                {"outstanding_forms": [{"rater": f.rater, "file": f.file} for f in r.outstanding]}
                if panel.named
                else {}
            )
            for r in lines
        }
    out["interim"] = _still_out(panel, lines or ()) > 0
    out["returned_twice"] = collected.twice
    out["returned_differing"] = collected.differing
    out["not_listed"] = collected.not_listed
    if panel.named:
        out["set_aside"] = list(collected.set_aside)
    return out
