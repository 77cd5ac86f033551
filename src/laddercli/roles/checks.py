"""Checks of role files beyond their model: ids unique within a file, links between the
items of a file and between roles, pydantic's errors as located problems, "did you mean",
and how many problems of one file are listed, all in bounded time."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from laddercli.errors import Problem
from laddercli.roles.files import LoadedRole
from laddercli.roles.model import TEXT_PATTERN, Indicator, Pitfall, Role
from laddercli.visible import hidden_character, what_is

if TYPE_CHECKING:  # PyYAML is loaded only when role files are read, not from the cache
    from laddercli.roles.yamlsafe import Loc, YamlDocument


def check_ids(role: Role, doc: YamlDocument) -> list[Problem]:
    """Ids are unique within a file, and links between items point at real items."""
    found = ProblemList(doc)
    suggest = Suggester()
    _duplicate_ids(role, doc, found)
    path_actions = {target: {a.id for a in path.actions} for target, path in role.paths.items()}
    _links_to_actions(role, path_actions, found, suggest)
    _shared_pitfalls(role, path_actions, found, suggest)
    if role.id in role.paths:
        found.add(("paths", role.id), "a path cannot lead to its own role", key=True)
    _scales(role, found)
    return found.problems()


def _duplicate_ids(role: Role, doc: YamlDocument, found: ProblemList) -> None:
    """Every id of an item is given once in the file."""
    first: dict[str, Loc] = {}

    def claim(item_id: str, loc: Loc) -> None:
        if item_id in first:
            if found.full:  # locating the first one costs as much as the problem
                found.skip()
                return
            line, _ = doc.locate(first[item_id])
            found.add(loc, f"duplicate id {item_id!r} (first at line {line})")
        else:
            first[item_id] = loc

    shared = role.transitions.pitfalls if role.transitions else []
    for i, pitfall in enumerate(shared):
        claim(pitfall.id, ("transitions", "pitfalls", i, "id"))
    for target, path in role.paths.items():
        base: tuple[str | int, ...] = ("paths", target)
        for i, shift in enumerate(path.shifts):
            claim(shift.id, (*base, "shifts", i, "id"))
        for i, action in enumerate(path.actions):
            claim(action.id, (*base, "actions", i, "id"))
            for j, behaviour in enumerate(action.behaviours):
                claim(behaviour.id, (*base, "actions", i, "behaviours", j, "id"))
        for i, indicator in enumerate(path.indicators):
            claim(indicator.id, (*base, "indicators", i, "id"))
        for i, pitfall in enumerate(path.pitfalls):
            claim(pitfall.id, (*base, "pitfalls", i, "id"))


def _links_to_actions(
    role: Role, path_actions: Mapping[str, set[str]], found: ProblemList, suggest: Suggester
) -> None:
    """A path's indicators and pitfalls name key actions of that path."""
    for target, path in role.paths.items():
        base = ("paths", target)
        actions = path_actions[target]
        linked: tuple[tuple[str, Sequence[Indicator | Pitfall]], ...] = (
            ("indicators", path.indicators),
            ("pitfalls", path.pitfalls),
        )
        for kind, items in linked:
            for i, item in enumerate(items):
                for j, ref in enumerate(item.actions):
                    if ref not in actions:
                        found.add(
                            (*base, kind, i, "actions", j),
                            f"no key action {ref!r} in paths.{target}.actions"
                            + suggest(ref, actions),
                        )


def _shared_pitfalls(
    role: Role, path_actions: Mapping[str, set[str]], found: ProblemList, suggest: Suggester
) -> None:
    """A shared pitfall names key actions of some path, and one of every path."""
    # The paths of each key action (one, unless its id is repeated, reported above): the
    # paths a shared pitfall guards are found without trying every path for every pitfall.
    paths_of: dict[str, list[str]] = {}
    for target, ids in path_actions.items():
        for action_id in ids:
            paths_of.setdefault(action_id, []).append(target)
    all_actions = paths_of.keys()
    shared = role.transitions.pitfalls if role.transitions else []
    for i, pitfall in enumerate(shared):
        loc = ("transitions", "pitfalls", i, "actions")
        for j, ref in enumerate(pitfall.actions):
            if ref not in all_actions:
                found.add(
                    (*loc, j), f"no key action {ref!r} in any path" + suggest(ref, all_actions)
                )
        guarded = {t for a in pitfall.actions for t in paths_of.get(a, ())}
        unguarded = len(role.paths) - len(guarded)
        for target in role.paths:
            if found.full or not unguarded:
                found.skip(unguarded)
                break
            if target not in guarded:
                unguarded -= 1
                found.add(
                    loc,
                    f"pitfall {pitfall.id!r} names no key action of paths.{target}; "
                    "name one that guards against it there",
                )


def _scales(role: Role, found: ProblemList) -> None:
    """A key action's own scale has as many points as the assessment's (options to weigh
    are scored nowhere, so theirs may have any number)."""
    points = len(role.assessment.scale)
    for target, path in role.paths.items():
        for i, action in enumerate(path.actions):
            if action.kind == "habits" and action.scale is not None and len(action.scale) != points:
                given = len(action.scale)
                found.add(
                    ("paths", target, "actions", i, "scale"),
                    f"this scale has {given:,} point{'' if given == 1 else 's'} and the "
                    f"assessment's scale {points}: give it the same points, 0 to {points - 1}",
                )


def check_links(
    lr: LoadedRole,
    loaded: Mapping[str, LoadedRole],
    suggest: Suggester | None = None,
    *,
    regular: bool = False,
) -> list[Problem]:
    """Paths and notes name roles that exist in the catalog.

    ``suggest`` is shared by every role of a catalog, so that thousands of broken links
    among thousands of roles cost no more than the budget of one file."""
    suggest = suggest or Suggester()
    broken: list[tuple[Loc, str, bool]] = []
    for target in lr.role.paths:
        if target not in loaded:
            message = f"no role {target!r} in the catalog" + suggest(target, loaded.keys())
            broken.append((("paths", target), message, True))
    for i, note in enumerate(lr.role.notes):
        for j, ref in enumerate(note.roles):
            if ref not in loaded:
                message = f"no role {ref!r} in the catalog" + suggest(ref, loaded.keys())
                broken.append((("notes", i, "roles", j), message, False))
    if not broken:
        return []
    from laddercli.roles import yamlsafe

    found = ProblemList(yamlsafe.load_file(lr.path, lr.file, regular=regular))
    for loc, message, key in broken:
        found.add(loc, message, key=key)
    return found.problems("link to a role not in the catalog", "links to roles not in the catalog")


# --- "did you mean", and how many problems, in bounded time --------------------------------

SUGGESTION_BUDGET = 2_000_000
"""What the suggestions for one file's unknown names may cost, in pairs of characters
compared (``Suggester``). difflib takes up to about 0.1 µs a pair (64-character ids much
alike), so this is at most about a quarter of a second: every suggestion for a file with a
few mistakes, the first hundreds for a hostile one with thousands of unknown names among
thousands of known ones (which, unbounded, took minutes: a 1 MiB role file did not finish
in five)."""
SUGGESTION_CALL_COST = 200  # what one suggestion costs however short: about 10 µs

MAX_PROBLEMS = 100
"""How many problems of one file are listed; the others are counted."""


class Suggester:
    """ "Did you mean" for many unknown names, within ``SUGGESTION_BUDGET``.

    difflib compares the name with every known one, at a cost that grows with the product
    of their lengths. Each suggestion is charged that worst case before it is made; one the
    budget left cannot pay for is not made, and the problem is reported without it.
    """

    def __init__(self, budget: int = SUGGESTION_BUDGET) -> None:
        self.left = budget

    def __call__(self, word: str, choices: Collection[str]) -> str:
        """`` (did you mean 'x'?)`` for the closest of ``choices``, or nothing."""
        least = SUGGESTION_CALL_COST + len(choices) * (len(word) + 1)
        if least > self.left:
            return ""
        cost = SUGGESTION_CALL_COST + sum(len(c) + 1 for c in choices) * (len(word) + 1)
        if cost > self.left:
            self.left -= len(choices)  # what adding up the cost took
            return ""
        self.left -= cost
        close = difflib.get_close_matches(word, list(choices), n=1)
        return f" (did you mean {close[0]!r}?)" if close else ""


def did_you_mean(word: str, choices: Collection[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest of ``choices``, or nothing. For one name: the
    many names of a file share one ``Suggester``."""
    return Suggester()(word, choices)


class ProblemList:
    """The problems of one file, as many as anyone reads: the first ``limit`` are located
    and listed, the others only counted, and ``problems()`` ends with one that says how
    many more there are. A hostile file within the size limit can hold a hundred thousand
    mistakes; locating and printing each would take seconds and hundreds of megabytes."""

    def __init__(self, doc: YamlDocument, limit: int = MAX_PROBLEMS) -> None:
        self.doc = doc
        self.limit = limit
        self.listed: list[Problem] = []
        self.more = 0

    @property
    def full(self) -> bool:
        """No more problems will be listed: only counted."""
        return len(self.listed) >= self.limit

    def add(self, loc: Loc, message: str, *, key: bool = False) -> None:
        """A problem at ``loc`` (see ``YamlDocument.problem``), located if it is listed."""
        if self.full:
            self.more += 1
        else:
            self.listed.append(self.doc.problem(loc, message, key=key))

    def append(self, problem: Problem) -> None:
        if self.full:
            self.more += 1
        else:
            self.listed.append(problem)

    def skip(self, count: int = 1) -> None:
        """Count problems that are not listed, without building them."""
        self.more += count

    def __bool__(self) -> bool:
        return bool(self.listed or self.more)

    def problems(
        self, one: str = "problem in this file", many: str = "problems in this file"
    ) -> list[Problem]:
        """The problems listed, then (with no line: it sorts last) how many more there are."""
        if not self.more:
            return list(self.listed)
        what = one if self.more == 1 else many
        return [*self.listed, Problem(self.doc.file, f"... and {self.more:,} more {what}")]


# --- pydantic errors as located problems ----------------------------------------------------


def model_problems(
    doc: YamlDocument, exc: ValidationError, model: type[BaseModel] = Role
) -> list[Problem]:
    found = ProblemList(doc)
    suggest = Suggester()
    errors = exc.errors(include_url=False)
    # Only the problems listed are kept: the others (up to 100,000) would hold tens of
    # megabytes while the document is composed to locate the first.
    found.skip(max(0, len(errors) - found.limit))
    del errors[found.limit :]
    for err in errors:
        loc = tuple(err["loc"])
        kind = err["type"]
        if kind == "missing":
            found.add(loc[:-1], f"missing field {loc[-1]!r}")
        elif kind == "extra_forbidden":
            field = str(loc[-1])
            allowed = _fields_at(model, loc[:-1])
            hint = suggest(field, allowed)
            if not hint and allowed:
                hint = f" (allowed: {', '.join(allowed)})"
            found.add(loc, f"unknown field {field!r}{hint}", key=True)
        elif loc and loc[-1] == "[key]":  # a mapping's key, such as a dimension's label
            found.add(loc[:-1], _explain(kind, err), key=True)
        else:
            found.add(loc, _explain(kind, err))
    return found.problems()


def _explain(kind: str, err: Any) -> str:
    value = err.get("input")
    got = _describe(value)
    if kind == "string_type":
        hint = ""
        if isinstance(value, bool):
            hint = " (YAML reads yes/no/on/off/true/false as a boolean: put the text in quotes)"
        elif isinstance(value, int | float):
            hint = " (put it in quotes)"
        return f"expected text, got {got}{hint}"
    if kind == "list_type":
        return f"expected a list, got {got}"
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return f"expected a mapping of fields, got {got}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "too_short":
        return "needs at least one item"
    if kind == "string_pattern_mismatch" and err.get("ctx", {}).get("pattern") == TEXT_PATTERN:
        found = hidden_character(str(value))
        what = what_is(found) if found else "a control character"
        return f"holds {what}; role files hold plain text: remove it"
    if kind == "string_pattern_mismatch":
        return (
            f"{value!r} is not a valid id: use lowercase letters, digits and single hyphens, "
            "such as 'deep-product-intuition'"
        )
    if kind == "string_too_long":
        return "is too long for an id (64 characters at most)"
    message = str(err.get("msg", kind))
    return message.removeprefix("Value error, ")


def _describe(value: object) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"{type(value).__name__} {value!r}"


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """Field names allowed at ``loc``, for suggesting the right one."""
    tp: Any = model
    for part in loc:
        tp = _unwrap(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            match = [f for n, f in tp.model_fields.items() if part in _names(n, f)]
            if not match:
                return []
            tp = match[0].annotation
        elif typing.get_origin(tp) is list:
            tp = typing.get_args(tp)[0]
        elif typing.get_origin(tp) is dict:
            tp = typing.get_args(tp)[1]
        else:
            return []
    tp = _unwrap(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [f.alias or n for n, f in tp.model_fields.items()]
    return []


def _names(name: str, field: Any) -> set[str]:
    """The names a field is read by: its alias or name, and any other spelling."""
    names = {field.alias or name}
    choices = getattr(field.validation_alias, "choices", None)
    if choices:
        names.update(c for c in choices if isinstance(c, str))
    return names


def _unwrap(tp: Any) -> Any:
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            rest = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(rest) != 1:
                return tp
            tp = rest[0]
        else:
            return tp
