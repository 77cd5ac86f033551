"""A folder of answers for one person and one path (``ladder report DIR``), and the list
of the forms sent to the raters (``DIR/sent.json``, written by ``ladder form``).

- ``list_folder``: the answers files of a folder, sorted by name: ``*.json``,
  ``*.yaml`` and ``*.yml`` but ``sent.json`` (in any case); not its subfolders, not its
  hidden files or editor backups (``.x.yaml.swp``, ``x.yaml~``, ``.#x.yaml``), and nothing
  else (the HTML forms themselves); a note for an answers-named entry that is not a file
  (a subfolder, a named pipe, a broken link) and for a link to a file outside the folder.
  Every name as shown to the user is on one line (``visible_name``).
- ``read_sent``: ``sent.json``, read as the untrusted file it is (size and shape limits,
  every bad field named with its line).
- ``collect``: the folder's answers, each file read as if named on the command line; a
  form returned twice (one ``form`` id in two files) counted once, and a file about
  another person or path than ``sent.json`` refused by name.
- ``returned``: per group, how many forms were sent, came back and are still out, said of
  a report's groups as the report shows them (an anonymous group merged into "Others" is
  counted with it, so that the counts do not say which groups it holds).

Plain functions: no Typer, no printing; problems are raised as the errors of
``errors.py``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from laddercli.errors import FileProblems, Problem, UsageError
from laddercli.visible import visible_name

if TYPE_CHECKING:
    from laddercli.assessment.answers import Answers
    from laddercli.assessment.panel import Panel
    from laddercli.assessment.questions import Questionnaire
    from laddercli.roles.catalog import Catalog
    from laddercli.roles.checks import ProblemList
    from laddercli.roles.yamlsafe import YamlDocument

SENT = "sent.json"
SENT_KIND = "list of forms sent"
SENT_MARK = "forms sent"  # the value of its "ladder" field
SUFFIXES = (".json", ".yaml", ".yml")
SENT_KEYS = ("ladder", "person", "from", "to", "forms")
FORM_KEYS = ("form", "group", "rater", "file", "made", "digest")

Loaded = tuple[str, "Questionnaire", "Answers"]  # (origin, questionnaire, answers)


@dataclass(frozen=True)
class SentForm:
    """One form made and sent: its id, the group and rater it was made for (no rater for
    a form made with no rater name), and the form's file."""

    form: str
    group: str
    rater: str | None
    file: str
    made: str | None = None
    digest: str | None = None


@dataclass(frozen=True)
class Sent:
    """The list of forms sent for one person and one path (``sent.json``)."""

    file: str  # as shown to the user: DIR/sent.json
    person: str
    source: str  # role ids, as the catalog knows them
    target: str
    forms: tuple[SentForm, ...]
    path: str = ""  # the path as a person reads it: VP → CTO

    @cached_property
    def by_id(self) -> dict[str, SentForm]:
        return {f.form: f for f in self.forms}

    def find(self, form: str | None) -> SentForm | None:
        return self.by_id.get(form) if form else None


@dataclass(frozen=True)
class Collected:
    """What a folder holds: the answers that count, and what was left aside."""

    folder: str
    loaded: tuple[Loaded, ...]  # one file per form, in the order of the files' names
    sent: Sent | None = None
    twice: int = 0  # forms that came back in more than one file, each counted once
    set_aside: tuple[str, ...] = ()  # the files not counted: a copy of a form counted
    not_listed: int = 0  # answers from a form not in sent.json, counted all the same
    notes: tuple[str, ...] = ()  # entries not read, links read from outside (``Listing``)
    differing: int = 0  # of the forms back more than once, those whose copies differ


class Returned(NamedTuple):
    """One group's forms: sent, back, and still out (``outstanding``)."""

    group: str  # the group's id, or "others" for the groups a report merges
    label: str
    sent: int
    returned: int
    outstanding: tuple[SentForm, ...]


# --- the folder --------------------------------------------------------------------------


def is_answers_name(name: str) -> bool:
    """Whether a file of this name in a folder is read as an answers file."""
    lower = name.casefold()
    if lower == SENT or name.startswith((".", "#")) or name.endswith("~"):
        return False
    return lower.endswith(SUFFIXES)


class Listing(NamedTuple):
    """What a folder holds for ``ladder report DIR``: its answers files and its list of
    forms sent, each as (path, name shown), and a note for each answers-named entry that is
    not read (a subfolder, a named pipe, a broken link) or is read from outside (a link)."""

    files: tuple[tuple[Path, str], ...]
    sent: tuple[Path, str] | None
    notes: tuple[str, ...]


def list_folder(folder: Path, display: str) -> Listing:
    """The answers files of ``folder``, sorted by name (not its subfolders), and its
    ``sent.json`` (in any case: ``SENT.JSON`` is the list too; two are refused). A folder
    that cannot be listed is refused with its reason."""
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        shown = visible_name(display)
        raise UsageError(f"cannot read the folder {shown}: {exc.strerror or exc}") from None
    lists = [p for p in entries if p.name.casefold() == SENT]
    if len(lists) > 1:
        names = " and ".join(visible_name(p.name) for p in lists)
        raise UsageError(
            f"the folder {visible_name(display)} holds {len(lists)} lists of forms sent, "
            f"{names}: keep one, named {SENT}"
        )
    sent = (lists[0], shown_in(display, lists[0].name)) if lists else None
    files: list[tuple[Path, str]] = []
    notes: list[str] = []
    for path in entries:
        if not is_answers_name(path.name):
            continue
        shown = shown_in(display, path.name)
        kind = _not_a_file(path)
        if kind is not None:
            notes.append(f"Note: {shown} is not read: it is {kind}, not an answers file.")
            continue
        files.append((path, shown))
        outside = _outside(path, folder)
        if outside is not None:
            notes.append(
                f"Note: {shown} is a link to {visible_name(outside)}, outside the folder: "
                "read all the same."
            )
    return Listing(tuple(files), sent, tuple(notes))


def _not_a_file(path: Path) -> str | None:
    """What an entry is, if it is not a file to read (or a link to one); None if it is."""
    import stat

    try:
        mode = path.stat().st_mode
    except OSError:
        return "a link to nothing" if path.is_symlink() else "a file that cannot be read"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a named pipe" if stat.S_ISFIFO(mode) else "not a regular file"


def _outside(path: Path, folder: Path) -> str | None:
    """Where a link leads, if that is outside ``folder``; None for a file of the folder."""
    if not path.is_symlink():
        return None
    target = os.path.realpath(path)
    inside = os.path.dirname(target) == os.path.realpath(folder)
    return None if inside else target


def answers_files(folder: Path, display: str) -> list[Path]:
    """The answers files in ``folder``, sorted by name (see ``list_folder``)."""
    return [path for path, _ in list_folder(folder, display).files]


def shown_in(display: str, name: str) -> str:
    """A file of the folder as the user named the folder: ``answers/x.json``, on one line
    (a line break in a name, shown raw, would forge lines of a message or a report)."""
    return os.path.join(visible_name(display), visible_name(name))


# --- sent.json ---------------------------------------------------------------------------


def read_sent(path: Path, display: str, catalog: Catalog) -> Sent:
    """The list of forms sent, checked: every problem with its line and field (exit 2)."""
    from laddercli.roles import yamlsafe
    from laddercli.roles.checks import ProblemList

    doc = yamlsafe.load_file(path, display, SENT_KIND, regular=True)
    data = doc.data
    if not isinstance(data, Mapping) or data.get("ladder") != SENT_MARK:
        expected = f'expected the list of forms ladder form wrote ("ladder": "{SENT_MARK}")'
        raise FileProblems([doc.problem((), expected)])
    problems = ProblemList(doc)
    for key in data:
        if key not in SENT_KEYS:
            problems.add((str(key),), f"unknown field {key!r}", key=True)
    person = _name(doc, ("person",), problems)
    source, target, path_text, groups = _sent_path(doc, catalog, problems)
    forms = _sent_forms(doc, groups, problems)
    if problems:
        raise FileProblems(problems.problems())
    return Sent(display, person or "", source, target, forms, path_text)


def _name(doc: YamlDocument, loc: tuple[str | int, ...], problems: ProblemList) -> str | None:
    from laddercli.assessment.raters import name_problem

    value: Any = doc.data
    for part in loc:
        if isinstance(value, list) and isinstance(part, int):
            value = value[part] if part < len(value) else None
        else:
            value = value.get(part) if isinstance(value, Mapping) else None
    if not isinstance(value, str) or not value.strip():
        problems.add(loc, "expected a name")
        return None
    problem = name_problem(value)
    if problem is not None:
        problems.add(loc, f"the name {problem}: write it as plain text on one line")
        return None
    return value.strip()


def _sent_path(
    doc: YamlDocument, catalog: Catalog, problems: ProblemList
) -> tuple[str, str, str, Mapping[str, object]]:
    """The path the forms were made for: its role ids, its name and its groups."""
    from laddercli.assessment.groups import group_rules
    from laddercli.errors import LadderError

    roles = {}
    for key in ("from", "to"):
        value = doc.data.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.add((key,), "expected a role id, such as vp")
            continue
        try:
            roles[key] = catalog.get(value)
        except LadderError as exc:
            problems.add((key,), str(exc))
    if len(roles) < 2:
        return "", "", "", {}
    view = catalog.path(roles["from"], roles["to"])
    if view is None:
        problems.add(("to",), f"there is no path from {roles['from'].id} to {roles['to'].id}")
        return "", "", "", {}
    text = f"{roles['from'].short} → {roles['to'].short}"
    return roles["from"].id, roles["to"].id, text, group_rules(view.source.assessment.groups)


def _sent_forms(
    doc: YamlDocument, groups: Mapping[str, object], problems: ProblemList
) -> tuple[SentForm, ...]:
    from laddercli.assessment.answers import FORM_ID

    forms = doc.data.get("forms")
    if not isinstance(forms, list):
        problems.add(("forms",), "expected the list of forms sent")
        return ()
    out: list[SentForm] = []
    seen: set[str] = set()
    for n, entry in enumerate(forms):
        if not isinstance(entry, Mapping):
            problems.add(("forms", n), "expected a form: form, group, rater, file, made")
            continue
        for key in entry:
            if key not in FORM_KEYS:
                problems.add(("forms", n, str(key)), f"unknown field {key!r}", key=True)
        form = entry.get("form")
        if not isinstance(form, str) or not FORM_ID.fullmatch(form):
            problems.add(("forms", n, "form"), "expected the form id ladder form wrote")
            continue
        if form in seen:
            problems.add(("forms", n, "form"), f"the form {form} is listed twice")
        seen.add(form)
        group = entry.get("group")
        if not isinstance(group, str) or (groups and group not in groups):
            known = ", ".join(map(str, groups))
            problems.add(
                ("forms", n, "group"),
                f"expected a group of this path: one of {known} (a group your own role files "
                "declare needs them named again, with --roles or LADDER_ROLES)",
            )
            continue
        rater = _name(doc, ("forms", n, "rater"), problems) if "rater" in entry else None
        texts = [entry.get(k) for k in ("file", "made", "digest")]
        for key, value in zip(("file", "made", "digest"), texts, strict=True):
            if value is not None and not isinstance(value, str):
                problems.add(("forms", n, key), "expected text")
        file, made, digest = (v if isinstance(v, str) else None for v in texts)
        out.append(SentForm(form, group, rater, file or f"form {form}", made, digest))
    return tuple(out)


# --- the answers -------------------------------------------------------------------------


def collect(
    folder: Path,
    display: str,
    catalog: Catalog,
    read: Callable[[Path, str], tuple[Questionnaire, Answers]],
) -> Collected:
    """Every answers file of ``folder`` read with ``read`` (as a file named on the command
    line is, given its path and its name as shown), checked against the folder's
    ``sent.json`` where there is one, with each form counted once. ``display`` is the
    folder as the user named it."""
    listing = list_folder(folder, display)
    # a broken link or a subfolder named sent.json too: refused, with its reason
    sent = read_sent(*listing.sent, catalog) if listing.sent else None
    files = listing.files
    if not files:
        count = len(sent.forms) if sent else 0
        waiting = f" ({count} form{'' if count == 1 else 's'} sent, none back yet)" if sent else ""
        raise UsageError(
            f"the folder {visible_name(display)} holds no answers file{waiting}: ladder report "
            "reads its *.json, *.yaml and *.yml files (the answers the forms download, or "
            "files of ladder assess), not sent.json or the forms"
        )
    loaded: list[Loaded] = []
    for path, origin in files:
        q, answers = read(path, origin)
        if sent is not None:
            _check_sent(sent, origin, q, answers)
        loaded.append((origin, q, answers))
    kept, set_aside, twice = once_per_form(loaded)
    not_listed = 0
    if sent is not None:
        not_listed = sum(1 for _, _, a in kept if a.form and sent.find(a.form) is None)
    return Collected(
        display,
        tuple(kept),
        sent,
        twice,
        tuple(set_aside),
        not_listed,
        listing.notes,
        differing(loaded),
    )


def differing(loaded: Sequence[Loaded]) -> int:
    """How many forms came back in several files whose answers differ (ratings, notes or
    pitfalls): a form passed on to more than one rater, most likely, rather than one
    rater's answers sent twice or corrected."""
    seen: dict[str, set[tuple[object, ...]]] = {}
    for _, _, answers in loaded:
        if answers.form:
            said = (
                tuple(sorted(answers.ratings.items(), key=lambda kv: kv[0])),
                tuple(sorted(answers.notes.items())),
                tuple(sorted(answers.pitfalls)),
            )
            seen.setdefault(answers.form, set()).add(said)
    return sum(1 for copies in seen.values() if len(copies) > 1)


def _check_sent(sent: Sent, origin: str, q: Questionnaire, answers: Answers) -> None:
    """Refuse a file about another person or path than the forms sent, or one whose form
    was sent to another group or rater than it says."""
    from laddercli.assessment.raters import name_key

    other_path = (q.source.id, q.target.id) != (sent.source, sent.target)
    person = answers.person
    other_person = person is not None and name_key(person) != name_key(sent.person)
    if other_path or other_person:
        whose = person or sent.person
        path = f"{q.source.short} → {q.target.short}"
        what = "form was made" if answers.form else "file is"
        home = f"{whose}'s folder" if other_person else f"a folder of {path} forms"
        message = (
            f"this {what} for {whose} ({path}), not for {sent.person} ({sent.path}), whose "
            f"forms this folder holds ({SENT}): it belongs in {home}"
        )
        raise FileProblems([Problem(origin, message)])
    form = sent.find(answers.form)
    if form is None:
        return
    if answers.group is not None and answers.group != form.group:
        message = f"the form {form.form} was sent to the group {form.group} ({SENT}), but "
        raise FileProblems([Problem(origin, message + f"this file says {answers.group}")])
    if form.rater is not None and name_key(form.rater) != name_key(answers.rater):
        message = f"the form {form.form} was sent to {form.rater} ({SENT}), but "
        raise FileProblems([Problem(origin, message + f"this file is from {answers.rater}")])


def once_per_form(loaded: Sequence[Loaded]) -> tuple[list[Loaded], list[str], int]:
    """Each form once: of the files holding one form id, the answers with the later date
    count; where a copy has no date, or the dates are the same, the file whose name sorts
    last. Answers the kept files, the files set aside, and how many forms came back more
    than once. ``loaded`` is in the order of the files' names."""
    copies: dict[str, list[int]] = {}
    for n, (_, _, answers) in enumerate(loaded):
        if answers.form:
            copies.setdefault(answers.form, []).append(n)
    aside: set[int] = set()
    for places in copies.values():
        if len(places) > 1:
            dated = all(loaded[n][2].date for n in places)
            last = max(places, key=lambda n: (_moment(loaded[n][2].date) if dated else 0, n))
            aside.update(n for n in places if n != last)
    kept = [entry for n, entry in enumerate(loaded) if n not in aside]
    twice = sum(1 for places in copies.values() if len(places) > 1)
    return kept, [loaded[n][0] for n in sorted(aside)], twice


def _moment(date: str | None) -> float:
    """An answers file's date as a point in time (a day: its start; no offset: UTC)."""
    when = datetime.fromisoformat(date or "1970-01-01")
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.timestamp()


# --- returned and outstanding ------------------------------------------------------------


def returned(collected: Collected, panel: Panel) -> tuple[Returned, ...]:
    """Per group of the forms sent: how many were sent, came back and are still out, in
    the order of the path's groups. The groups a report merges into "Others" (or withholds
    together) are counted together under that name, with every anonymous group the report
    does not show on its own (none or too few of its forms back): counts per group would
    say which groups "Others" holds, and how many of each. The group other, shown on its
    own beside them, is counted with them too, as "Other and Others"."""
    from laddercli.assessment.groups import MERGED, MERGED_LABEL, OTHER, group_rules

    sent = collected.sent
    if sent is None:
        return ()
    rules = group_rules(panel.questionnaire.assessment.groups)
    pooled, merged_label = _pooled(panel), MERGED_LABEL
    if pooled:
        # An anonymous group not shown on its own (none of its forms back, or too few) is
        # counted in "Others" too: listed apart, "Other: 0 of 2 returned" beside "Others: 3
        # of 4" said which groups "Others" holds. The built-in group other, shown on its
        # own, is counted with them as well, in one line: "Other" beside "Others" confuses.
        own = {c.group.id for c in panel.columns}
        pooled |= {r.id for r in rules.values() if r.anonymous and r.id not in own}
        if OTHER in own and any(f.group in pooled for f in sent.forms):
            pooled.add(OTHER)
            merged_label = f"{rules[OTHER].label} and {MERGED_LABEL}"
    back = {a.form for _, _, a in collected.loaded if a.form}
    counts: dict[str, tuple[str, list[SentForm], list[SentForm]]] = {}
    for rule in rules.values():
        for form in sent.forms:
            if form.group != rule.id:
                continue
            key, label = (MERGED, merged_label) if rule.id in pooled else (rule.id, rule.label)
            _, forms, out = counts.setdefault(key, (label, [], []))
            forms.append(form)
            if form.form not in back:
                out.append(form)
    ordered = sorted(counts.items(), key=lambda kv: kv[0] == MERGED)
    return tuple(
        Returned(key, label, len(forms), len(forms) - len(out), tuple(out))
        for key, (label, forms, out) in ordered
    )


def _pooled(panel: Panel) -> set[str]:
    """The groups whose responses the report pools: merged into "Others", or two groups
    or more withheld together as too few even merged. None in a facilitator's (named)
    report."""
    from laddercli.assessment.groups import MERGED, group_rules

    if panel.named:
        return set()
    rules = group_rules(panel.questionnaire.assessment.groups)
    merged = {r.group for c in panel.columns if c.group.id == MERGED for r in c.members}
    withheld = {r.group for r in panel.withheld if rules[r.group].anonymous}
    return merged | (withheld if len(withheld) > 1 else set())
