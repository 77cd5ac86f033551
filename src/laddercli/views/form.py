"""What a browser form (``ladder form``) shows, as plain data built from the questionnaire:
whom it is about and who answers, how to answer, each question worded for its rater (the
third person for a rater other than self) with its own scale, the pitfalls, and the fields
of the answers file the page downloads (see ``answers_head``). ``render/form.py`` draws it.
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from laddercli.assessment.groups import FLOOR, SELF, GroupRule
from laddercli.assessment.questions import Questionnaire, pitfalls_prompt
from laddercli.render.form import Form, FormChoice, FormPitfall, FormQuestion
from laddercli.views.figures import counted

if TYPE_CHECKING:
    from laddercli.assessment.collect import Sent, SentForm

FORM_ID_CHARS = 12
ON_SCREEN = (
    "Your answers are kept in this browser as you go, so you may close the page and come "
    "back; they stay in this browser until you choose Forget these answers, once you have "
    "sent them (do so on a shared computer). At the end, Download answers saves them as a "
    "file to send back to whoever sent you this form. Nothing leaves your computer until "
    "you send it."
)
YOURS_ALONE = (
    "This form is yours alone: do not pass it on. Each rater gets a form of their own, and "
    "the answers of one form count once."
)
ON_PAPER = (
    "On paper: mark one answer to each question, write any note beside it, and give the "
    "pages back to whoever sent you this form."
)
PITFALLS_COUNTER = "After the questions"
NA_LABEL = "Not applicable"
SKIP_LABEL = "Skip"


def new_form_id() -> str:
    """A fresh random form id: 12 characters of lowercase base32 (a-z, 2-7)."""
    return base64.b32encode(secrets.token_bytes(10)).decode("ascii").lower()[:FORM_ID_CHARS]


@dataclass(frozen=True)
class Who:
    """For whom a form is made: the person rated, the rater's group and name (if any)."""

    person: str
    group: str
    rater: str | None = None


def form_view(
    q: Questionnaire, who: Who, form_id: str, rule: GroupRule, *, evidence: bool = False
) -> Form:
    """The form of ``q`` for one rater (``who``), with the id ``form_id``."""
    about = None if who.group == SELF else who.person
    total = len(q.questions)  # as the progress line counts them: the pitfalls come after
    questions = tuple(
        FormQuestion(
            x.id,
            f"{n} of {total}",
            x.area,
            x.text,
            x.asked(about),
            tuple(FormChoice(str(c.value), c.label, c.anchor) for c in x.choices)
            + (FormChoice("na", NA_LABEL), FormChoice("skip", SKIP_LABEL)),
        )
        for n, x in enumerate(q.questions, 1)
    )
    return Form(
        id=form_id,
        title=f"{q.target.title} readiness: {who.person}",
        heading=f"Is {who.person} ready for {q.target.title}?"
        if about
        else f"Are you ready for {q.target.title}?",
        lead=_lead(q, who, rule, evidence=evidence),
        on_screen=ON_SCREEN,
        on_paper=ON_PAPER,
        evidence=evidence,
        note_label=(
            "Evidence: an example that shows it (what, when, with whom)"
            if evidence
            else "Note (optional): an example, or why you chose this"
        ),
        questions=questions,
        pitfalls_counter=PITFALLS_COUNTER,
        pitfalls_prompt=pitfalls_prompt(about),
        pitfalls=tuple(FormPitfall(p.id, p.text) for p in q.pitfalls),
        head=answers_head(q, who, form_id),
        download_name=download_name(who, form_id),
    )


def answers_head(q: Questionnaire, who: Who, form_id: str) -> dict[str, Any]:
    """The answers file's fields before ``answers``, in the order the file has them; the
    page fills in ``date`` when the answers are downloaded."""
    head: dict[str, Any] = {"from": q.source.id, "to": q.target.id}
    if who.rater is not None:
        head["rater"] = who.rater
    head.update({"group": who.group, "person": who.person, "date": None, "digest": q.digest})
    head["form"] = form_id
    return head


def download_name(who: Who, form_id: str) -> str:
    """``answers-dana-lee-peer-3k7qmz2vx4ha.json``."""
    from laddercli.assessment.drafts import slug

    return f"answers-{slug(who.person) or 'person'}-{slug(who.group) or 'group'}-{form_id}.json"


def _lead(q: Questionnaire, who: Who, rule: GroupRule, *, evidence: bool) -> tuple[str, ...]:
    about = who.group != SELF
    rater = who.rater or f"one of the {rule.label.lower()}"
    lines = [
        f"You answer as {rater}, about {who.person}." if about else "You answer about yourself.",
        *((YOURS_ALONE,) if about else ()),
        f"{counted(len(q.questions), 'question')} on the path from {q.source.title} to "
        f"{q.target.title}{', then the common pitfalls' if q.pitfalls else ''}, about "
        f"{counted(q.minutes(evidence=evidence), 'minute')}. Answer "
        f"for what {'they do' if about else 'you do'} today, not what "
        f"{'they intend' if about else 'you intend'}.",
        f"Each question has its own scale, where {q.target_rating} is ready for the role. "
        f"Choose {NA_LABEL} where a question does not fit, {SKIP_LABEL} to leave it out.",
    ]
    if about:
        lines += _shown_how(rule, who)
    return tuple(lines)


def _shown_how(rule: GroupRule, who: Who) -> tuple[str, ...]:
    """How the report shows this rater's answers: by name, or within their group; and,
    for a group shown without names, who may still know them (the answers file names a
    rater named on the form; a facilitator's report names raters) and that a note is
    shown as written."""
    label, person = rule.label, who.person
    if not rule.anonymous:
        return (f"The report shows your answers by name, as the {label.lower()}'s.",)
    if rule.minimum < FLOOR:
        shown = (
            f"The report shows your answers with those of the rest of the group ({label}), "
            f"without names, once {rule.minimum} have answered: with so few, {person} may "
            "be able to tell who said what."
        )
    else:
        shown = (
            f"The report shows your answers only together with those of the rest of the "
            f"group ({label}), without your name, and only once at least {rule.minimum} "
            "have answered."
        )
    known = (
        "Your answers file names you, for whoever collects the answers; a facilitator's "
        "report, for whoever runs the review, may show them by name."
        if who.rater is not None
        else "Your answers file does not name you, but whoever sent you this form may know "
        "it is yours."
    )
    notes = (
        f"Your notes are shown to {person} as you write them, without your name: leave out "
        "what would tell who wrote them."
    )
    return shown, known, notes


# --- the list of forms sent (``sent.json`` in a folder of forms) ----------------------------

SENT = "forms sent"
SENT_FILE = "sent.json"
SENT_LOCK = ".sent.json.lock"  # hidden: ladder report DIR leaves it out


def form_file_name(who: Who, form_id: str) -> str:
    """``form-dana-lee-peer-ana-ruiz.html``; the form id where no rater is named."""
    from laddercli.assessment.drafts import slug

    last = (slug(who.rater) or "rater") if who.rater is not None else form_id
    return f"form-{slug(who.person) or 'person'}-{slug(who.group) or 'group'}-{last}.html"


def sent_entry(form: Form, who: Who, file: str, made: str) -> dict[str, Any]:
    """One form in ``sent.json``: its id, group, rater (if named), file, day and digest."""
    entry: dict[str, Any] = {"form": form.id, "group": who.group}
    if who.rater is not None:
        entry["rater"] = who.rater
    entry.update({"file": file, "made": made, "digest": form.head["digest"]})
    return entry


def sent_list(
    existing: Sent | None,
    q: Questionnaire,
    person: str,
    entries: list[dict[str, Any]],
    replaced: Collection[str] = (),
) -> dict[str, Any]:
    """``sent.json``: the forms listed there already (``existing``, as
    ``collect.read_sent`` checked it, or None), less those ``replaced`` (their ids) or
    whose file is made again, and ``entries``. A list for another person or path is
    refused by name: one person and one path per folder."""
    from laddercli.assessment.raters import name_key
    from laddercli.errors import UsageError
    from laddercli.visible import visible

    data: dict[str, Any] = {"ladder": SENT, "person": person, "from": q.source.id}
    data.update({"to": q.target.id, "forms": []})
    if existing is None:
        data["forms"] = entries
        return data
    shown = existing.file
    if name_key(existing.person) != name_key(person):
        raise UsageError(
            f"{shown} lists forms about {visible(existing.person)}, not {visible(person)}: "
            "make each person's forms in a folder of their own"
        )
    if (existing.source, existing.target) != (q.source.id, q.target.id):
        raise UsageError(
            f"{shown} lists forms for the path {visible(existing.path)}, not "
            f"{q.source.short} → {q.target.short}: make "
            "the forms of each path in a folder of their own"
        )
    data["person"] = existing.person
    made = {e["file"] for e in entries}
    kept = [
        sent_form_data(f) for f in existing.forms if f.file not in made and f.form not in replaced
    ]
    data["forms"] = kept + entries
    return data


def sent_form_data(form: SentForm) -> dict[str, Any]:
    """A form of ``sent.json`` as the file holds it (no rater for a form with none)."""
    entry: dict[str, Any] = {"form": form.form, "group": form.group}
    if form.rater is not None:
        entry["rater"] = form.rater
    entry["file"] = form.file
    for key, value in (("made", form.made), ("digest", form.digest)):
        if value is not None:
            entry[key] = value
    return entry
