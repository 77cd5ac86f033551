"""The readiness questionnaire of a path, built from the role files.

For a path from one role to another: one question per key shift ("where are you between
the two ways?"), one per behaviour of each key action, one per readiness indicator, then
one multi-select of the common pitfalls. The scale, the target and the weights come from
the source role's ``assessment`` section (see ``model.Assessment`` for the defaults).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal, NamedTuple

from laddercli.errors import UsageError
from laddercli.roles.catalog import Catalog, PathView
from laddercli.roles.model import (
    Assessment,
    KeyAction,
    Pitfall,
    Role,
    ScalePoint,
    Shift,
    options_scale,
    shift_label,
)

Kind = Literal["shift", "behaviour", "indicator"]

# The wording around the content: what each kind of question asks.
PROMPTS: dict[Kind, str] = {
    "shift": "Where are you between the two today?",
    "behaviour": "How consistently do you do this today?",
    "indicator": "How fully have you demonstrated this?",
}
OPTION_PROMPT = "Have you considered this for your own path, or acted on it?"
# The same questions put to a rater other than self, about the person rated ({person}).
PROMPTS_ABOUT: dict[Kind, str] = {
    "shift": "Where is {person} between the two today?",
    "behaviour": "How consistently does {person} do this today?",
    "indicator": "How fully has {person} demonstrated this?",
}
OPTION_PROMPT_ABOUT = "Has {person} considered this for their own path, or acted on it?"
PITFALLS_PROMPT = "Tick each that applies to you today."
PITFALLS_PROMPT_ABOUT = "Tick each that applies to {person} today."
SOMEONE = "the person you are rating"  # a rater other than self, of a person not named
LABELS: dict[Kind, str] = {
    "shift": "Key shift",
    "behaviour": "Behaviour",
    "indicator": "Readiness indicator",
}
SECONDS_PER_QUESTION = 25
SECONDS_PER_NOTE = 20


class Choice(NamedTuple):
    """One point of a question's scale, worded for that question."""

    value: int
    label: str
    anchor: str | None = None

    @property
    def title(self) -> str:
        return f"{self.label}: {self.anchor}" if self.anchor else self.label


class Question(NamedTuple):
    id: str
    kind: Kind
    text: str  # the statement rated; for a shift, "from → to"
    area: str  # shown with the counter: the key action's title, "Key shift", ...
    actions: tuple[str, ...]  # the key actions (areas) it counts towards
    weight: float
    choices: tuple[Choice, ...]
    shift: Shift | None = None
    asks: str | None = None  # the role file's own question, where the usual does not fit
    option: bool = False  # an option to weigh (its key action's kind is options): no score

    @property
    def prompt(self) -> str:
        return self.asks or (OPTION_PROMPT if self.option else PROMPTS[self.kind])

    def asked(self, about: str | None = None) -> str:
        """The question as a rater reads it: about themselves (``about`` None), or about
        the person another rater rates ("How consistently does Dana Lee do this today?").
        A role file's own wording (``asks``) is its content, and is kept as written."""
        if about is None or self.asks:
            return self.prompt
        wording = OPTION_PROMPT_ABOUT if self.option else PROMPTS_ABOUT[self.kind]
        return wording.format(person=about)

    @property
    def label(self) -> str:
        """What the question rates, as a report names it: "Key shift", "Behaviour" ..."""
        return "To consider" if self.option else LABELS[self.kind]


@dataclass(frozen=True)
class Questionnaire:
    view: PathView
    assessment: Assessment
    questions: tuple[Question, ...]
    pitfalls: tuple[Pitfall, ...]
    # The questions by id, for ``get``: reading 10,000 answers looks up 10,000 questions.
    _by_id: dict[str, Question] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_id: dict[str, Question] = {}
        for question in self.questions:
            by_id.setdefault(question.id, question)  # the first, should an id repeat
        object.__setattr__(self, "_by_id", by_id)

    @property
    def source(self) -> Role:
        return self.view.source

    @property
    def target(self) -> Role:
        return self.view.target

    @property
    def title(self) -> str:
        return f"{self.source.title} → {self.target.title}"

    @property
    def actions(self) -> list[KeyAction]:
        return list(self.view.path.actions)

    @property
    def target_rating(self) -> int:
        return self.assessment.target

    @property
    def steps(self) -> int:
        """Questions as the counter shows them: the pitfalls multi-select is the last."""
        return len(self.questions) + (1 if self.pitfalls else 0)

    def minutes(self, *, evidence: bool = False) -> int:
        seconds = self.steps * SECONDS_PER_QUESTION
        if evidence:
            seconds += len(self.questions) * SECONDS_PER_NOTE
        return max(1, round(seconds / 60))

    def get(self, question_id: str) -> Question | None:
        return self._by_id.get(question_id)

    def ids(self) -> list[str]:
        return [q.id for q in self.questions]

    @cached_property  # a report, a save and a history entry each ask for it
    def digest(self) -> str:
        """A short fingerprint of the content the questions come from (see ``digest``)."""
        return content_digest(self)

    def counts(self) -> dict[Kind, int]:
        out: dict[Kind, int] = {"shift": 0, "behaviour": 0, "indicator": 0}
        for q in self.questions:
            out[q.kind] += 1
        return out


def build_questionnaire(view: PathView) -> Questionnaire:
    """The questions of a path, in the order they are asked."""
    assessment = view.source.assessment
    weights = assessment.weights
    scale = scale_choices(assessment.scale)
    options = scale_choices(options_scale())
    questions: list[Question] = []
    for shift in view.path.shifts:
        choices = tuple(Choice(p.value, shift_label(p, shift)) for p in assessment.shift_scale)
        questions.append(
            Question(
                id=shift.id,
                kind="shift",
                text=f"{shift.from_} → {shift.to}",
                area="Key shift",
                actions=(),
                weight=weights.shift,
                choices=choices,
                shift=shift,
            )
        )
    for action in view.path.actions:
        for behaviour in action.behaviours:
            questions.append(
                Question(
                    id=behaviour.id,
                    kind="behaviour",
                    text=behaviour.text,
                    area=action.title,
                    actions=(action.id,),
                    weight=weights.behaviour,
                    choices=own_scale(action) or (options if action.kind == "options" else scale),
                    asks=action.prompt,
                    option=action.kind == "options",
                )
            )
    for indicator in view.path.indicators:
        questions.append(
            Question(
                id=indicator.id,
                kind="indicator",
                text=indicator.text,
                area=f"Readiness for {view.target.short}",
                actions=tuple(indicator.actions),
                weight=weights.indicator,
                choices=scale,
            )
        )
    return Questionnaire(view, assessment, tuple(questions), tuple(view.pitfalls))


def pitfalls_prompt(about: str | None = None) -> str:
    """What the pitfalls ask of a rater: about themselves, or about the person rated."""
    return PITFALLS_PROMPT if about is None else PITFALLS_PROMPT_ABOUT.format(person=about)


def question_ids(view: PathView) -> set[str]:
    """The ids of the questions ``build_questionnaire`` asks, without building them."""
    path = view.path
    return (
        {shift.id for shift in path.shifts}
        | {behaviour.id for action in path.actions for behaviour in action.behaviours}
        | {indicator.id for indicator in path.indicators}
    )


DIGEST_LENGTH = 12


def content_digest(q: Questionnaire) -> str:
    """12 hex digits of a SHA-256 over what a rater answered and how it is scored: the path,
    the scale, the target, the weights, every question (id, kind, text, wording of its
    scale) and the pitfalls. Saved answers and reports carry it, so a report can be traced
    to the exact questions; any change to them gives another digest."""
    import hashlib
    import json

    a = q.assessment
    worded: dict[int, list[list[object]]] = {}  # most questions share one tuple of choices

    def wording(choices: tuple[Choice, ...]) -> list[list[object]]:
        if id(choices) not in worded:
            worded[id(choices)] = [[c.value, c.title] for c in choices]
        return worded[id(choices)]

    content = {
        "from": q.source.id,
        "to": q.target.id,
        "target": a.target,
        "weights": [a.weights.shift, a.weights.behaviour, a.weights.indicator],
        "scale": [[p.value, p.label, p.anchor] for p in a.scale],
        "questions": [[x.id, x.kind, x.text, x.prompt, wording(x.choices)] for x in q.questions],
        "pitfalls": [[p.id, p.text] for p in q.pitfalls],
    }
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:DIGEST_LENGTH]


def own_scale(action: KeyAction) -> tuple[Choice, ...] | None:
    """The scale as a key action words it for its behaviours, if it does."""
    return None if action.scale is None else scale_choices(action.scale)


def scale_choices(points: Sequence[ScalePoint]) -> tuple[Choice, ...]:
    return tuple(Choice(p.value, p.label, p.anchor) for p in points)


# --- which path ---------------------------------------------------------------------------


def sources(catalog: Catalog) -> list[Role]:
    """Roles with at least one path: the roles a questionnaire can start from."""
    return [role for role in catalog.roles if role.paths]


def sources_into(catalog: Catalog, target: Role) -> list[Role]:
    return [view.source for view in catalog.paths_into(target)]


def find_path(catalog: Catalog, source: Role, target: Role) -> PathView:
    """The path from ``source`` to ``target``, or a UsageError naming the paths there are."""
    view = catalog.path(source, target)
    if view is not None:
        return view
    if source == target:
        raise UsageError(f"{source.short} is already the role you are in: name a target role")
    options = _paths_text(catalog, catalog.paths_from(source))
    into = _paths_text(catalog, catalog.paths_into(target))
    message = f"there is no path from {source.short} to {target.short}."
    if options:
        message += f" Paths from {source.short}: {options}."
    if into:
        message += f" Paths into {target.short}: {into}."
    raise UsageError(message)


def resolve_source(catalog: Catalog, target: Role, source_name: str | None) -> Role | None:
    """The role to start from: the one named, the only one with a path to ``target``, or
    None when the user must choose among several."""
    if source_name is not None:
        return catalog.get(source_name)
    found = sources_into(catalog, target)
    if not found:
        message = f"no role has a path into {target.short}"
        outgoing = catalog.paths_from(target)
        if outgoing:
            first = outgoing[0].target.id
            message += (
                f"; {target.short} is where paths start: name where you are going, such as "
                f"ladder assess {first} --from {target.id}"
            )
        raise UsageError(f"{message} (the paths: {paths_hint(catalog) or 'none'})")
    return found[0] if len(found) == 1 else None


def _all_paths(catalog: Catalog) -> list[PathView]:
    return [view for role in catalog.roles for view in catalog.paths_from(role)]


def all_paths(catalog: Catalog) -> list[PathView]:
    """Every path of the catalog, from each role in turn."""
    return _all_paths(catalog)


def _paths_text(catalog: Catalog, views: Sequence[PathView]) -> str:
    return ", ".join(f"{v.source.id} → {v.target.id}" for v in views)


def paths_hint(catalog: Catalog) -> str:
    """Every path, as ``vp → cto, vp → ceo``, for messages."""
    return _paths_text(catalog, _all_paths(catalog))


def named_path(catalog: Catalog, source: str | None, target: str | None) -> PathView:
    """The path named on a command line that cannot ask: the target, and the source
    where several roles lead there."""
    if target is None:
        if source is not None:
            views = catalog.paths_from(catalog.get(source))
            if len(views) == 1:
                return views[0]
        raise UsageError(
            "name the target role, such as: ladder assess cto --template "
            f"(the paths are: {paths_hint(catalog)})"
        )
    goal = catalog.get(target)
    start = resolve_source(catalog, goal, source)
    if start is None:
        names = ", ".join(r.id for r in sources_into(catalog, goal))
        raise UsageError(f"several roles lead to {goal.short} ({names}): name one with --from")
    return find_path(catalog, start, goal)
