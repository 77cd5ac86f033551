"""Answers files: what a rater said about each question of a path, read and written.

An answers file is YAML (JSON is read too)::

    from: vp
    to: cto
    rater: self
    group: self            # optional: self, manager, peer, direct-report, other (groups.py)
    person: Dana Lee       # optional: whose readiness, when several raters assess one person
    digest: b5fce9c7e3d9   # the role content the questions came from (written by ladder)
    form: 3k7qmz2vx4ha     # optional: the form the answers came from (``ladder form``); a
                           # file with a form id must say its group, and with a group other
                           # than self needs no rater
    answers:
      partner-with-product:
        rating: 3          # a number on the scale, na (not applicable) or null (skipped)
        note: Ran the Q3 discovery with Product   # optional evidence
    pitfalls:
      isolation-from-business: false             # true where the pitfall applies today

The same format serves the fill-in template (``ladder assess --template``), the answers an
interactive run saves as it goes (so an interrupted run loses nothing), ``--answers`` and
``ladder report``. When the digest in a file differs from the role content's digest now,
the answers are still read: questions removed since are set aside (not an error), and
the report names them and the questions added since.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from laddercli.assessment.questions import (
    SOMEONE,
    Questionnaire,
    build_questionnaire,
    pitfalls_prompt,
    question_ids,
    scale_choices,
)
from laddercli.assessment.raters import DEFAULT_RATER, name_problem, rater_name
from laddercli.errors import AnswersFileError, LadderError, Problem
from laddercli.locations import private_file, private_folder
from laddercli.render.output import write_file_atomic
from laddercli.roles.catalog import Catalog
from laddercli.roles.checks import ProblemList, Suggester
from laddercli.roles.yamlsafe import (
    ANSWER_KEYS,
    NOTE_COLON,
    NOTE_FIX,
    CommentWithin,
    Loc,
    YamlDocument,
    format_loc,
    note_marked,
    parse,
)
from laddercli.visible import json_escaped, visible

NA = "na"
SKIP = "skip"
Rating = int | float | str | None  # a point on the scale, NA, or None for skipped; a
# float only in the mean of several raters' ratings (``panel.py``), never in a file
KIND = "answers file"
TOP_KEYS = (
    "from",
    "to",
    "rater",
    "group",
    "person",
    "date",
    "digest",
    "form",
    "answers",
    "pitfalls",
)
# A form's id (``ladder form``): the same form returned twice counts once.
FORM_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{3,63}")


def about_whom(answers: Answers) -> str | None:
    """Whom the questions are about for a rater other than self (the person rated, by
    name where the answers name them); None for self, who is asked about themselves."""
    if answers.rater == DEFAULT_RATER:
        return None
    return answers.person or SOMEONE


def answering_as(answers: Answers) -> str:
    """For a rater other than self, who answers about whom; else nothing."""
    about = about_whom(answers)
    if about is None:
        return ""
    return f"You answer as {answers.rater}, about {about}: the questions ask about them."


class ContentChange(NamedTuple):
    """How the role content differs from the content some answers were saved against."""

    saved: str  # the digest in the answers
    current: str  # the digest of the role content now
    added: tuple[str, ...]  # ids of questions (and pitfalls) asked now, not then
    removed: tuple[str, ...]  # ids answered then that are no longer asked


@dataclass
class Answers:
    """One rater's answers for one path. Mutable: an interactive run fills it in."""

    source: str
    target: str
    rater: str = DEFAULT_RATER
    ratings: dict[str, Rating] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    pitfalls: set[str] = field(default_factory=set)
    date: str | None = None
    person: str | None = None
    digest: str | None = None  # the role content's digest when the answers were saved
    change: ContentChange | None = None  # set when read against content that has changed
    group: str | None = None  # as the file or --group says; None: inferred from the rater
    form: str | None = None  # the id of the form the answers came from (``ladder form``)

    @property
    def rater_group(self) -> str:
        """The group the answers count in: as said, else inferred from the rater."""
        from laddercli.assessment.groups import inferred_group

        return self.group or inferred_group(self.rater)

    def rating(self, question_id: str) -> Rating:
        return self.ratings.get(question_id)

    def count_answered(self) -> int:
        return sum(1 for value in self.ratings.values() if value is not None)


# --- reading ------------------------------------------------------------------------------


def parse_answers(text: str, name: str) -> YamlDocument:
    return parse(text, name, KIND)


@dataclass(frozen=True)
class SavedDocument(YamlDocument):
    """Answers kept as data (in the history), not as a YAML text: a problem names the
    document (``assessment #3``) and the field, without a line."""

    def problem(self, loc: Loc, message: str, *, key: bool = False) -> Problem:
        return Problem(self.file, message, None, None, format_loc(loc))


def load_saved_answers(data: Any, name: str, catalog: Catalog) -> tuple[Questionnaire, Answers]:
    """Answers read back from the history, as their data: checked as a file's are."""
    return load_answers(SavedDocument(name, data, ""), catalog, saved=True)


def load_answers(
    doc: YamlDocument,
    catalog: Catalog,
    *,
    source: str | None = None,
    target: str | None = None,
    saved: bool = False,
) -> tuple[Questionnaire, Answers]:
    """Check an answers document against the catalog; answer its questionnaire and answers.

    ``source`` and ``target`` are the path named on the command line, if any: a file for
    another path is refused. Every problem found is reported at once, with its line.
    ``saved`` is for answers read back from the history, whose names were accepted when
    they were saved (perhaps before the rules of ``raters.name_problem``): kept as they
    are, for the reports to show visibly.
    """
    data = doc.data
    if not isinstance(data, Mapping):
        raise AnswersFileError([doc.problem((), "expected a mapping with from, to and answers")])
    # A hostile file holds tens of thousands of unknown ids: the first hundred problems are
    # listed and the rest counted, and suggestions have a budget (see catalog.Suggester).
    problems = ProblemList(doc)
    suggest = Suggester()
    for key in data:
        if key not in TOP_KEYS and problems.full:
            problems.skip()
        elif key in ANSWER_KEYS:  # the file's indentation lost, in an e-mail say
            message = f"unknown field {key!r}: {_indent_lost(str(key), 'not indented')}"
            problems.add((str(key),), message, key=True)
        elif key not in TOP_KEYS:
            message = f"unknown field {key!r}" + suggest(str(key), TOP_KEYS)
            problems.add((str(key),), message, key=True)
    questionnaire = _path_of(doc, catalog, source, target)
    rater = data.get("rater")
    form = _form_id(doc, problems)
    if rater is None and form is not None and _other_group(data.get("group")):
        rater = f"{str(data['group']).strip()}-{form}"  # a form made for no rater by name
    elif rater is None:
        rater = DEFAULT_RATER
    elif not isinstance(rater, str) or not rater.strip():
        problems.add(("rater",), "expected a name, such as self or manager")
        rater = DEFAULT_RATER
    person = _text_field(doc, "person", "expected a name", problems)
    if not saved:  # the history keeps what was accepted then, and shows it visibly
        for key, name in (("rater", rater), ("person", person)):
            problem = name_problem(name) if name is not None else None
            if problem is not None:
                problems.add((key,), f"the name {problem}: write it as plain text on one line")
                rater = DEFAULT_RATER if key == "rater" else rater
    date = _date(doc, problems)
    group = _group(doc, questionnaire, rater_name(rater), problems)
    if form is not None and data.get("group") is None and not saved:
        problems.append(_no_group(doc, form))
    answers = Answers(
        questionnaire.source.id,
        questionnaire.target.id,
        rater=rater_name(rater),
        date=date,
        person=person,
        digest=_text_field(doc, "digest", "expected the digest ladder wrote", problems),
        group=group,
        form=form,
    )
    changed = answers.digest is not None and answers.digest != questionnaire.digest
    removed: list[str] = []
    aside = removed if changed else None
    _read_ratings(doc, questionnaire, answers, catalog, problems, suggest, aside)
    _read_pitfalls(doc, questionnaire, answers, problems, suggest, aside)
    if problems:
        raise AnswersFileError(problems.problems())
    if changed and answers.digest is not None:
        answers.change = _change(doc, questionnaire, answers.digest, removed)
    return questionnaire, answers


def _form_id(doc: YamlDocument, problems: ProblemList) -> str | None:
    value = doc.data.get("form")
    if value is None:
        return None
    if not isinstance(value, str) or not FORM_ID.fullmatch(value):
        problems.add(("form",), "expected the form id ladder form wrote, such as 3k7qmz2vx4ha")
        return None
    return value


def _no_group(doc: YamlDocument, form: str) -> Problem:
    """A form's answers with no group: read as self (or as other), an anonymous rater's
    answers would be shown as the person's own, with their date and file."""
    message = (
        f"missing: answers from a form say the group the form was made for; add the group "
        f"the form {form} was sent to (such as group: peer; a folder's sent.json lists it)"
    )
    return doc.problem(("form",), message, key=True)._replace(field="group")


def _other_group(value: object) -> bool:
    from laddercli.assessment.groups import SELF

    return isinstance(value, str) and bool(value.strip()) and value.strip() != SELF


def _group(doc: YamlDocument, q: Questionnaire, rater: str, problems: ProblemList) -> str | None:
    """The group the file says, which must be one of the path's (built in or declared in
    the role file); self is the group of rater self alone."""
    from laddercli.assessment.groups import group_rules

    value = doc.data.get("group")
    if value is None:
        return None
    known = group_rules(q.assessment.groups)
    problem = group_problem(value, known, rater)
    if problem is not None:
        problems.add(("group",), problem)
        return None
    return str(value).strip()


def group_problem(value: object, known: Mapping[str, object], rater: str) -> str | None:
    """Why ``value`` cannot be the group of answers from ``rater``; None if it can."""
    from laddercli.assessment.groups import SELF

    names = ", ".join(known)
    if not isinstance(value, str) or value.strip() not in known:
        shown = repr(value) if isinstance(value, str) else "that"
        return f"{visible(shown)} is not a group of this path: use one of {names}"
    if (value.strip() == SELF) != (rater == SELF):
        return (
            "the group self is for answers from rater: self"
            if value.strip() == SELF
            else f"answers from rater: self are in the group self, not {value.strip()}"
        )
    return None


def _date(doc: YamlDocument, problems: ProblemList) -> str | None:
    """The date the answers were given: ISO 8601, a day or a moment (``2026-11-22``,
    ``2026-11-22T10:15:00+01:00``)."""
    from datetime import date, datetime

    value = doc.data.get("date")
    if value is None:
        return None
    if isinstance(value, date):  # YAML reads an unquoted 2026-11-22 as a date
        return value.isoformat()
    text = str(value).strip()
    try:
        datetime.fromisoformat(text)
    except ValueError:
        problems.add(
            ("date",),
            f"{value!r} is not a date: write it as 2026-11-22, or 2026-11-22T10:15:00+01:00",
        )
        return None
    return text


def _text_field(doc: YamlDocument, key: str, expected: str, problems: ProblemList) -> str | None:
    value = doc.data.get(key)
    if value is None:
        return None
    if isinstance(value, Mapping | list | bool) or not str(value).strip():
        problems.add((key,), expected)
        return None
    return str(value).strip()


def _change(doc: YamlDocument, q: Questionnaire, saved: str, removed: list[str]) -> ContentChange:
    """What was asked now and not then: the questions and pitfalls the file does not hold."""
    raw_answers = doc.data.get("answers")
    raw_pitfalls = doc.data.get("pitfalls")
    held = set(map(str, raw_answers)) if isinstance(raw_answers, Mapping) else set()
    if isinstance(raw_pitfalls, Mapping):
        held |= set(map(str, raw_pitfalls))
    elif isinstance(raw_pitfalls, list):
        held |= set(map(str, raw_pitfalls))
    asked = q.ids() + ([p.id for p in q.pitfalls] if isinstance(raw_pitfalls, Mapping) else [])
    added = tuple(i for i in asked if i not in held)
    return ContentChange(saved, q.digest, added, tuple(removed))


def _path_of(
    doc: YamlDocument, catalog: Catalog, source: str | None, target: str | None
) -> Questionnaire:
    """The questionnaire of the path the file names, which must be the one asked for."""
    data = doc.data
    roles = {}
    for key, example in (("from", "vp"), ("to", "cto")):
        value = data.get(key)
        if key not in data:
            raise AnswersFileError(
                [doc.problem((), f"missing field {key!r} (a role id, such as {example})")]
            )
        if not isinstance(value, str) or not value.strip():
            raise AnswersFileError([doc.problem((key,), f"expected a role id, such as {example}")])
        try:
            roles[key] = catalog.get(value)
        except LadderError as exc:
            raise AnswersFileError([doc.problem((key,), str(exc))]) from None
    # Both roles known: the message names them by id (the file may lack 'to', or hold
    # control characters around a name that still matches a role).
    for key, asked in (("from", source), ("to", target)):
        if asked is not None and catalog.get(asked) != roles[key]:
            option = "--from" if key == "from" else "the target"
            raise AnswersFileError(
                [
                    doc.problem(
                        (key,),
                        f"this file is for the path {roles['from'].id} → {roles['to'].id}, but the "
                        f"command names {catalog.get(asked).id} as {option}; leave "
                        f"{option} out to score the file's own path",
                    )
                ]
            )
    view = catalog.path(roles["from"], roles["to"])
    if view is None:
        message = f"there is no path from {roles['from'].id} to {roles['to'].id}"
        raise AnswersFileError([doc.problem(("to",), message)])
    return build_questionnaire(view)


def _read_ratings(
    doc: YamlDocument,
    q: Questionnaire,
    answers: Answers,
    catalog: Catalog,
    problems: ProblemList,
    suggest: Suggester,
    removed: list[str] | None = None,
) -> None:
    """The ratings and notes. ``removed`` collects the ids no longer asked, where the file
    says it was saved against other role content; else an unknown id is a problem."""
    raw = doc.data.get("answers")
    if raw is None:
        return
    if not isinstance(raw, Mapping):
        problems.add(("answers",), "expected a mapping of question ids to answers")
        return
    asked = set(q.ids())
    wrong_path = _other_path(q, [str(k) for k in raw if str(k) not in asked], catalog)
    if wrong_path is not None:
        problems.append(wrong_path(doc))
        return
    for qid, entry in raw.items():
        loc: Loc = ("answers", str(qid))
        if str(qid) not in asked and removed is not None:
            removed.append(str(qid))
            continue
        if str(qid) not in asked:
            if problems.full:  # a suggestion costs more than counting
                problems.skip()
                continue
            problems.add(
                loc,
                f"unknown question id {qid!r} for {q.source.id} → {q.target.id}"
                + (
                    f": {_indent_lost(str(qid), 'indented as a question id is')}"
                    if qid in ANSWER_KEYS
                    else suggest(str(qid), asked)
                ),
                key=True,
            )
            continue
        if entry is None:
            continue
        if not isinstance(entry, Mapping):  # the short form: "id: 3"
            entry = {"rating": entry}
            rating_loc: Loc = loc
        else:
            rating_loc = (*loc, "rating")
            for key in entry:
                if key not in ANSWER_KEYS:
                    problems.add(
                        (*loc, str(key)),
                        f"unknown field {key!r} (an answer has rating and note)",
                        key=True,
                    )
        question = q.get(str(qid))  # an option to weigh has its own, shorter scale
        top = question.choices[-1].value if question is not None else q.assessment.top
        rating, problem = _rating(entry.get("rating"), top)
        if problem:
            problems.add(rating_loc, problem)
        if entry.get("rating") is not None:  # null: not answered yet; skip: skipped
            answers.ratings[str(qid)] = rating
        note = _note(doc, (*loc, "note"), entry.get("note"), problems)
        if note:
            answers.notes[str(qid)] = note


def _indent_lost(key: str, indented: str) -> str:
    """What most likely happened to a rating or note that is not under a question's id."""
    return (
        f"this line is {indented}, and a question's {key} goes under its id, indented "
        "further: was the indentation lost (in an e-mail, say)? Indent it under its "
        "question's id, as in ladder's template"
    )


def _note(doc: YamlDocument, loc: Loc, value: object, problems: ProblemList) -> str | None:
    """A note as its rater wrote it, or refused at its line with the fix: never cut short or
    changed without a word.

    YAML reads ' #' as the start of a comment, which cut ``note: Budget owner for teams #2
    and #3`` to its first words: in ladder's files a note is never followed by a comment, so
    the note runs to the end of its line. Where the rest of the line cannot be the note's
    (after a closing quote; within braces, ``{rating: 3, note: ...}``, where it may close
    them), or a comment is indented under note: (``#2 is next`` on the line below), the
    note is refused. A null written as a word (``note: null  # nothing to add``) is no note,
    its comment a comment. Text YAML reads as another value (``no``, ``3.10``, a date) is
    kept as written; an anchor, alias or tag, which YAML takes out of the text, is refused.
    """
    marked = doc.marked(loc)
    if marked is not None:
        _refuse(doc, loc, problems, note_marked(marked[0]), marked[1], marked[2])
        return None
    commented = doc.commented(loc)
    if commented is not None and value is None and commented.read:  # null # a comment
        commented = None
    within = doc.comment_within(loc)
    if within is not None:
        _refuse(doc, loc, problems, _within(within), within.line, within.column)
        return None
    if commented is not None and (commented.flow or commented.quoted):
        message = (
            QUOTED_THEN_COMMENT
            if commented.quoted
            else "YAML reads ' #' as the start of a comment, which cuts this note short: "
            'put the note in double quotes (note: "...", a backslash written \\\\)'
        )
        _refuse(doc, loc, problems, message, commented.line, commented.column)
        return None
    if commented is not None:
        value = commented.whole
    if value is None:
        return None
    if isinstance(value, Mapping | list):
        colon = doc.block_colon(loc)
        if colon is None:
            problems.add(loc, "a note is text")
        else:
            _refuse(doc, loc, problems, NOTE_COLON, *colon)
        return None
    if not isinstance(value, str):  # true, a number, a date: the text as written
        value = doc.written(loc) or value
    return str(value).strip()


QUOTED_THEN_COMMENT = (
    "the text after the note's closing quote starts with ' #', which YAML reads as a comment "
    "and drops: put all the text inside the quotes"
)


def _within(within: CommentWithin) -> str:
    if within.key_line is not None:
        return (
            f"the note goes on to this line, but YAML reads the ' #' on line {within.key_line} "
            f"as the start of a comment, which it leaves out of the note: {NOTE_FIX}"
        )
    return (
        "this line is indented under note:, but YAML reads a line that starts with '#' as a "
        f"comment, which it leaves out of the note: {NOTE_FIX}; if it is a comment, indent it "
        "no further than note:"
    )


def _refuse(
    doc: YamlDocument, loc: Loc, problems: ProblemList, message: str, line: int, column: int
) -> None:
    problems.append(Problem(doc.file, message, line, column, format_loc(loc)))


def _other_path(
    q: Questionnaire, unknown: list[str], catalog: Catalog
) -> Callable[[YamlDocument], Problem] | None:
    """When several ids are unknown and all belong to another path: one clear problem
    (at ``to:`` or ``from:``) instead of a wall of unknown ids."""
    if len(unknown) < 3:
        return None
    wanted = set(unknown)
    for role in catalog.roles:
        for view in catalog.paths_from(role):
            if view.source.id == q.source.id and view.target.id == q.target.id:
                continue
            if wanted <= question_ids(view):
                key = "to" if view.source.id == q.source.id else "from"
                right = view.target.id if key == "to" else view.source.id
                message = (
                    f"these answers are for the path {view.source.id} → {view.target.id} "
                    f"({len(unknown)} of its question ids), not {q.source.id} → {q.target.id}: "
                    f"set {key}: {right}"
                )
                return lambda doc: doc.problem((key,), message)
    return None


def _rating(value: object, top: int) -> tuple[Rating, str | None]:
    scale = f"use a whole number from 0 to {top}, na (not applicable), skip, or null (not yet)"
    if value is None:
        return None, None
    if isinstance(value, bool):
        return None, (
            f"rating {str(value).lower()} is not on the scale (YAML reads yes, no, on and off "
            f"as true or false): {scale}"
        )
    if isinstance(value, int):
        if 0 <= value <= top:
            return value, None
        return None, f"rating {value} is off the scale: {scale}"
    if isinstance(value, float):
        return None, f"rating {value} is off the scale: {scale}"
    if isinstance(value, str):
        word = value.strip().casefold()
        if word == NA:
            return NA, None
        if word in {"n/a", "not applicable"}:
            return None, f"rating {value!r}: write na for not applicable"
        if word in {"", SKIP, "~"}:
            return None, None
        if word.isascii() and word.isdigit():  # "3", quoted as JSON or a spreadsheet may
            return _rating(int(word), top)
    return None, f"rating {value!r} is not on the scale: {scale}"


def _read_pitfalls(
    doc: YamlDocument,
    q: Questionnaire,
    answers: Answers,
    problems: ProblemList,
    suggest: Suggester,
    removed: list[str] | None = None,
) -> None:
    raw = doc.data.get("pitfalls")
    if raw is None:
        return
    known = {p.id for p in q.pitfalls}
    if isinstance(raw, list) and all(isinstance(item, str) for item in raw):
        raw = dict.fromkeys(raw, True)  # the short form: a list of the pitfalls that apply
    if not isinstance(raw, Mapping):
        problems.add(("pitfalls",), "expected a mapping of pitfall ids to true or false")
        return
    for pid, value in raw.items():
        loc: Loc = ("pitfalls", str(pid))
        if pid not in known and removed is not None:
            removed.append(str(pid))
        elif pid not in known:
            if problems.full:  # a suggestion costs more than counting
                problems.skip()
                continue
            problems.add(loc, f"unknown pitfall id {pid!r}" + suggest(str(pid), known), key=True)
        elif not isinstance(value, bool) and value is not None:
            problems.add(loc, "expected true or false")
        elif value:
            answers.pitfalls.add(str(pid))


# --- writing ------------------------------------------------------------------------------

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 _.-]*$")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "na"}
WRAP = 88


def _scalar(value: object) -> str:
    """A YAML scalar: plain where that reads back the same, else double-quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool | int):
        return str(value).lower()
    text = str(value)
    if _PLAIN.match(text) and text.casefold() not in _YAML_WORDS and text == text.strip():
        return text
    # json.dumps escapes C0 controls; the rest (DEL, C1, which YAML refuses raw, and the
    # line breaks and bidi controls) as escapes too, so that the file reads back the same
    return json_escaped(json.dumps(text, ensure_ascii=False))


def answers_data(q: Questionnaire, answers: Answers) -> dict[str, Any]:
    data: dict[str, Any] = {"from": answers.source, "to": answers.target, "rater": answers.rater}
    if answers.group:
        data["group"] = answers.group
    if answers.person:
        data["person"] = answers.person
    if answers.date:
        data["date"] = answers.date
    data["digest"] = q.digest
    if answers.form:
        data["form"] = answers.form
    data["answers"] = {
        qid: {"rating": written_rating(answers, qid), "note": answers.notes.get(qid)}
        for qid in q.ids()
    }
    data["pitfalls"] = {p.id: p.id in answers.pitfalls for p in q.pitfalls}
    return data


def written_rating(answers: Answers, question_id: str) -> Rating:
    """A rating as a file holds it: ``skip`` for a question skipped, null for one not
    answered yet (both count nowhere; a resumed questionnaire starts at the first null)."""
    if question_id in answers.ratings and answers.ratings[question_id] is None:
        return SKIP
    return answers.rating(question_id)


def first_unanswered(q: Questionnaire, answers: Answers) -> int:
    """The index of the first question neither answered nor skipped (or the number of
    questions, when all are)."""
    return next(
        (i for i, x in enumerate(q.questions) if x.id not in answers.ratings), len(q.questions)
    )


def answers_json(q: Questionnaire, answers: Answers) -> str:
    return json_escaped(json.dumps(answers_data(q, answers), indent=2, ensure_ascii=False)) + "\n"


def _comment(text: str, indent: int = 0) -> list[str]:
    """``text`` as comment lines; each line of it wrapped on its own, never mid-word.

    Control characters are shown as escapes, and every line break YAML knows (the line
    and paragraph separators too) starts a comment line: what follows one must not be
    read as data."""
    pad = " " * indent + "# "
    out = []
    for line in visible(text).splitlines() or [""]:
        out += textwrap.wrap(
            line,
            WRAP - len(pad),
            initial_indent=pad,
            subsequent_indent=pad + "  ",
            break_long_words=False,
            break_on_hyphens=False,
        ) or [pad.rstrip()]
    return out


def answers_yaml(q: Questionnaire, answers: Answers, *, how_to_use: str | None = None) -> str:
    """The answers as a commented YAML file: each question's text and scale beside it."""
    a = q.assessment
    scale = scale_choices(a.scale)
    lines = _comment(f"Readiness questionnaire: {q.title}")
    if how_to_use:
        lines += _comment(how_to_use)
    if answering_as(answers):
        lines += _comment(answering_as(answers))
    lines += [
        "#",
        "# rating: one of the numbers below, na (not applicable), skip, or null (not answered",
        "# yet). Only numbers count in the score. note: optional evidence, such as what you",
        "# did, when, and who saw it, typed after note: in place of null; it runs to the end",
        "# of its line, '#' included. A note that holds ': ' goes in double quotes",
        '# (note: "Ran it: with Product"; a backslash there is written \\\\), or write',
        "# note: | and the note on the lines below, indented further than note:, as many",
        "# lines as you like.",
        "#",
        f"# The scale (the target is {a.target}; a higher rating counts the same as the target):",
    ]
    for point in a.scale:
        lines += _comment(f"  {point.value}  {point.label}: {point.anchor}")
    lines += [
        "# Key shifts word the same scale in their own terms, shown with each. Options to",
        "# weigh are asked on a scale of their own, shown with each, and count in no score.",
        "# pitfalls: set to true each one that applies today.",
        "",
        f"from: {_scalar(answers.source)}",
        f"to: {_scalar(answers.target)}",
        f"rater: {_scalar(answers.rater)}",
    ]
    if answers.group:
        lines.append(f"group: {_scalar(answers.group)}")
    if answers.person:
        lines.append(f"person: {_scalar(answers.person)}")
    if answers.date:
        lines.append(f"date: {_scalar(answers.date)}")
    if answers.form:
        lines.append(f"form: {_scalar(answers.form)}")
    lines += [
        "# The role content these questions come from: ladder report says if it has changed.",
        f"digest: {_scalar(q.digest)}",
        "answers:",
    ]
    for number, question in enumerate(q.questions, start=1):
        lines.append("")
        lines += _comment(f"{number}/{q.steps} · {question.area}", indent=2)
        lines += _comment(question.text, indent=2)
        lines += _comment(question.asked(about_whom(answers)), indent=2)
        if question.choices != scale:  # a key shift, or a key action's own wording
            for choice in question.choices:
                lines += _comment(f"  {choice.value}  {choice.title}", indent=2)
        lines += [
            f"  {question.id}:",
            f"    rating: {_scalar(written_rating(answers, question.id))}",
            f"    note: {_scalar(answers.notes.get(question.id))}",
        ]
    if q.pitfalls:
        lines += ["", "pitfalls:"]
        ticks = pitfalls_prompt(about_whom(answers)).replace("Tick each", "Set to true each one")
        lines += _comment(f"{q.steps}/{q.steps} · Common pitfalls. {ticks}", indent=2)
        for pitfall in q.pitfalls:
            lines += _comment(pitfall.text, indent=2)
            lines.append(f"  {pitfall.id}: {_scalar(pitfall.id in answers.pitfalls)}")
    return "\n".join(lines) + "\n"


class AnswerKeeper:
    """Keeps an interactive run's answers in a file, rewritten (atomically) after each one.

    If the file cannot be written, the run goes on with the answers in memory, and
    ``keep`` tries a file in the current folder at the end. Nothing the user typed is lost
    unless both fail, and then the caller prints the answers instead.
    """

    def __init__(self, path: Path, q: Questionnaire, answers: Answers) -> None:
        self.path = path
        self.q = q
        self.answers = answers
        self.error: str | None = None  # why the last save failed

    def text(self) -> str:
        return answers_yaml(
            self.q,
            self.answers,
            how_to_use="Saved by ladder assess as you answered. Score it (after filling in "
            f"the rest, if you like) with:\n  ladder assess --answers {self.path}",
        )

    def save(self) -> bool:
        """Write the answers to the file, and say whether that worked. In the user's data
        folder a new file and the folders made for it are the user's alone (0600, 0700)."""
        made = False
        try:
            private_folder(self.path.parent)
            made = private_file(self.path)  # its mode kept by the write
            write_file_atomic(self.path, self.text())
        except (OSError, LadderError) as exc:
            if made:  # not an empty draft in its place
                with contextlib.suppress(OSError):
                    os.unlink(self.path)
            self.error = getattr(exc, "strerror", None) or str(exc)
            return False
        self.error = None
        return True

    def keep(self) -> Path | None:
        """Save once more; where the answers are, or None if they could not be written."""
        if self.save():
            return self.path
        from datetime import datetime

        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        try:
            fallback = Path.cwd() / f"{self.path.stem}-{stamp}.yaml"
            if os.path.lexists(fallback):  # never over a file of the user's
                return None
            write_file_atomic(fallback, self.text())
        except (OSError, LadderError):
            return None
        return fallback
