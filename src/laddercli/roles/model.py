"""The role model: what a role file may hold, as immutable, strictly validated objects.

A role file describes one role (``id``, ``title``, profile sections, the comparison
dimensions) and the paths that lead out of it (``paths``, keyed by the target role's id).
Unknown keys are refused everywhere, and text must be text: YAML reads ``no`` or ``4.5``
as a boolean or a number, which in a role file is almost always a mistake.

Cross-references (indicator -> key action, pitfall -> key action, path -> role) are
checked by ``catalog.py``, which knows the other role files.

No ``from __future__ import annotations``: pydantic would evaluate every field's annotation
from its text when each model is made, at every command's start-up (1.5 ms).
"""

import re
from typing import Annotated, Any, Literal

from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# Role text is plain text: no control character (an ESC would start a sequence in the
# terminal) and no bidi override (it would show the text around it reversed); tabs and
# line breaks are fine. Checked by pydantic's own regex engine, which costs less than a
# Python check of every text, and by editors through the JSON Schema (the pattern reads
# the same to Python, Rust and JavaScript); catalog.py says which character it found.
TEXT_PATTERN = r"^[^\x00-\x08\x0B-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*$"

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, pattern=TEXT_PATTERN)]
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=64)]


class _Model(BaseModel):
    # defer_build: a command that takes its roles from the cache (``roles/cache.py``) never
    # validates, so it need not pay for building every model's validator at import.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)


class AreaItems(_Model):
    """A heading with its statements: a responsibility area, an activity slot."""

    heading: Text
    items: list[Text] = Field(min_length=1)


class SkillSet(_Model):
    category: Text
    skills: list[Text] = Field(min_length=1)


class ScopeItem(_Model):
    label: Text
    value: Text


class Note(_Model):
    text: Text
    roles: list[Id] = Field(
        default_factory=list,
        description="Other roles the note is about; it is shown when they are compared.",
    )


class Shift(_Model):
    """A key shift: from the way of the current role to the way of the target role."""

    id: Id
    from_: Text = Field(alias="from")
    to: Text


# --- the assessment: scale, target and weights ---------------------------------------------
# These defaults are the one place the numbers live: a role file that says nothing of its
# assessment gets exactly these, and the built-in VP file states them in full.


class ScalePoint(_Model):
    value: int = Field(ge=0, le=10)
    label: Text
    anchor: Text = Field(description="What this point looks like in practice.")


class ShiftPoint(_Model):
    """A point on the scale of a key shift; ``{from}`` and ``{to}`` name its two ways."""

    value: int = Field(ge=0, le=10)
    label: Text


class Behaviour(_Model):
    id: Id
    text: Text


# The US spelling is accepted as well: "behaviors" in a role file is "behaviours".
US_SPELLINGS = {"behaviours": "behaviors", "behaviour": "behavior"}


def _either_spelling(name: str) -> AliasChoices:
    return AliasChoices(name, US_SPELLINGS[name])


def _one_spelling(data: Any, name: str) -> Any:
    """Refuse a mapping that gives a field in both spellings (one would be lost)."""
    if isinstance(data, dict) and name in data and US_SPELLINGS[name] in data:
        raise ValueError(f"give {name} or {US_SPELLINGS[name]}, not both")
    return data


class KeyAction(_Model):
    id: Id
    title: Text
    kind: Literal["habits", "options"] = Field(
        default="habits",
        description="'habits' (the default): behaviours to practise, rated on the scale and "
        "scored. 'options': options to weigh, asked as not considered, considered or acted "
        "on, shown in the report as the options weighed and counted in no score.",
    )
    behaviours: list[Behaviour] = Field(
        min_length=1,
        validation_alias=_either_spelling("behaviours"),
        description="The behaviours to practise ('behaviors' is read as well).",
    )
    example: Text | None = None
    prompt: Text | None = Field(
        default=None,
        description="What the questionnaire asks of each behaviour, where the usual 'How "
        "consistently do you do this today?' does not fit.",
    )
    scale: list[ScalePoint] | None = Field(
        default=None,
        description="The scale's points worded for this key action's behaviours, where the "
        "usual wording does not fit; as many points as the assessment's scale. For options, "
        "any number of points (built in: not considered, considered, acted on).",
    )

    @model_validator(mode="before")
    @classmethod
    def _spelled_once(cls, data: Any) -> Any:
        return _one_spelling(data, "behaviours")

    @model_validator(mode="after")
    def _numbered(self) -> "KeyAction":
        if self.scale is not None:
            _check_points(self.scale, "this key action's scale")
        return self


class Indicator(_Model):
    """A readiness indicator ("you're ready when you've demonstrated ...")."""

    id: Id
    text: Text
    actions: list[Id] = Field(
        min_length=1, description="Ids of the key actions of the same path that develop it."
    )


class Pitfall(_Model):
    id: Id
    text: Text
    actions: list[Id] = Field(
        min_length=1,
        description="Ids of key actions that guard against it. A pitfall shared by all paths "
        "(under 'transitions') may name actions of any path; each path shows its own.",
    )


class Transitions(_Model):
    """What the role's paths share: the usual timeline and the common pitfalls."""

    timeline: Text | None = None
    pitfalls: list[Pitfall] = Field(default_factory=list)


class CareerPath(_Model):
    """The way from this role to the role it is keyed by."""

    timeline: Text | None = Field(
        default=None, description="Overrides the shared timeline under 'transitions'."
    )
    shifts: list[Shift] = Field(min_length=1)
    actions: list[KeyAction] = Field(min_length=1)
    indicators: list[Indicator] = Field(min_length=1)
    pitfalls: list[Pitfall] = Field(
        default_factory=list, description="Pitfalls of this path only, after the shared ones."
    )


class Weights(_Model):
    """How much each kind of question counts towards readiness."""

    indicator: float = Field(default=3, ge=0, le=100)
    shift: float = Field(default=2, ge=0, le=100)
    behaviour: float = Field(
        default=1, ge=0, le=100, validation_alias=_either_spelling("behaviour")
    )

    @model_validator(mode="before")
    @classmethod
    def _spelled_once(cls, data: Any) -> Any:
        return _one_spelling(data, "behaviour")


def _default_scale() -> list[ScalePoint]:
    return [
        ScalePoint(value=0, label="Not yet", anchor="not done yet, or only in passing"),
        ScalePoint(value=1, label="Emerging", anchor="first attempts, usually with help"),
        ScalePoint(value=2, label="Developing", anchor="sometimes, with uneven results"),
        ScalePoint(
            value=3, label="Demonstrated", anchor="consistently; others could name examples"
        ),
        ScalePoint(value=4, label="Role model", anchor="known for it; others learn it from you"),
    ]


def options_scale() -> list[ScalePoint]:
    """How a key action of options to weigh is asked, unless it words its own scale.

    Made with ``model_construct``: these points are ours and valid (a test checks them),
    and validating them would build ScalePoint's validator, about 3 ms of every report
    and ``assess --answers`` that take their roles from the cache."""
    point = ScalePoint.model_construct
    return [
        point(value=0, label="Not considered", anchor="not yet thought about for my own path"),
        point(value=1, label="Considered", anchor="weighed it for my own path"),
        point(value=2, label="Acted on", anchor="taken concrete steps towards it"),
    ]


def _default_shift_scale() -> list[ShiftPoint]:
    return [
        ShiftPoint(value=0, label="Still: {from}"),
        ShiftPoint(value=1, label="Starting to move towards: {to}"),
        ShiftPoint(value=2, label="Halfway between the two"),
        ShiftPoint(value=3, label="Mostly: {to}"),
        ShiftPoint(value=4, label="Fully: {to}, and others see it"),
    ]


_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def _check_points(points: list[ScalePoint] | list[ShiftPoint], name: str) -> None:
    values = [p.value for p in points]
    if values != list(range(len(values))):
        raise ValueError(
            f"the points of {name} must be numbered 0, 1, 2 ... in order, without gaps "
            f"(found {', '.join(map(str, values))})"
        )


class RaterGroup(_Model):
    """A group of raters for a report of several (``assessment/groups.py``): a built-in
    one (self, manager, peer, direct-report, other) changed, or one of the role's own."""

    id: Id
    label: Text | None = Field(default=None, description="How reports name the group.")
    minimum: int | None = Field(
        default=None,
        ge=1,
        description="The fewest responses the group is shown from (built in: self and "
        "manager 1, the others 3); a smaller group is merged or withheld.",
    )
    weight: float | None = Field(
        default=None, ge=0, le=100, description="Its weight in the combined score (1)."
    )


class Assessment(_Model):
    """How readiness for the role's paths is rated and scored."""

    scale: list[ScalePoint] = Field(
        default_factory=_default_scale,
        min_length=2,
        description="The rating scale, numbered 0, 1, 2 ... in order; 0 is the lowest.",
    )
    shift_scale: list[ShiftPoint] = Field(
        default_factory=_default_shift_scale,
        min_length=2,
        description="How a key shift's points read; as many points as the scale. '{from}' "
        "and '{to}' stand for the shift's two ways.",
    )
    target: int = Field(
        default=3, ge=1, description="The rating that counts as ready; higher adds nothing."
    )
    weights: Weights = Field(default_factory=Weights)
    groups: list[RaterGroup] = Field(
        default_factory=list,
        description="Rater groups for reports of several raters, beside or in place of "
        "the built-in ones.",
    )

    @field_validator("scale", "shift_scale")
    @classmethod
    def _numbered(cls, points: list[Any], info: ValidationInfo) -> list[Any]:
        _check_points(points, "the scale" if info.field_name == "scale" else "shift_scale")
        return points

    @model_validator(mode="after")
    def _consistent(self) -> "Assessment":
        if len(self.shift_scale) != len(self.scale):
            raise ValueError(
                f"shift_scale has {len(self.shift_scale)} points and the scale "
                f"{len(self.scale)}: give both the same points"
            )
        ids = [group.id for group in self.groups]
        twice = next((i for n, i in enumerate(ids) if i in ids[:n]), None)
        if twice is not None:
            raise ValueError(f"the group {twice} is declared twice under groups")
        top = self.scale[-1].value
        if self.target > top:
            raise ValueError(f"the target {self.target} is above the top of the scale ({top})")
        for point in self.shift_scale:
            for name in _PLACEHOLDER.findall(point.label):
                if name not in {"from", "to"}:
                    shown = f"{{{name}}}"  # as written, unless that would garble the message
                    shown = shown if shown.isprintable() else repr(shown)
                    raise ValueError(
                        f"shift_scale point {point.value}: unknown placeholder {shown} "
                        "(use {from} or {to})"
                    )
        return self

    @property
    def top(self) -> int:
        return self.scale[-1].value


def shift_label(point: ShiftPoint, shift: Shift) -> str:
    """A shift point's label with the shift's two ways filled in."""
    return point.label.replace("{from}", shift.from_).replace("{to}", shift.to)


class Role(_Model):
    id: Id
    title: Text
    short_title: Text | None = Field(
        default=None, description="A short name for tables, such as 'VP'. Defaults to title."
    )
    question: Text | None = Field(default=None, description="The question the role answers.")
    summary: Text | None = None
    responsibilities: list[AreaItems] = Field(default_factory=list)
    skills: list[SkillSet] = Field(default_factory=list)
    activities: list[AreaItems] = Field(default_factory=list)
    scope: list[ScopeItem] = Field(default_factory=list)
    dimensions: dict[Text, Text] = Field(
        default_factory=dict,
        description="Comparison dimensions, label to value; roles are compared by label.",
    )
    metaphor: Text | None = None
    success_metric: Text | None = None
    failure_mode: Text | None = None
    notes: list[Note] = Field(default_factory=list)
    transitions: Transitions | None = None
    paths: dict[Id, CareerPath] = Field(default_factory=dict)
    assessment: Assessment = Field(
        default_factory=Assessment,
        description="The rating scale, target and weights of the readiness questionnaire "
        "for this role's paths. Left out, the defaults apply.",
    )

    @property
    def short(self) -> str:
        return self.short_title or self.title


# The key differences every role may state, in the order the comparison shows them.
DIFFERENCES: tuple[tuple[str, str], ...] = (
    ("metaphor", "Metaphor"),
    ("success_metric", "Success metric"),
    ("failure_mode", "Failure mode"),
)


def json_schema() -> dict[str, object]:
    """The JSON Schema of a role file, as shipped in ``roles/role.schema.json``."""
    schema = Role.model_json_schema(by_alias=True)
    _us_spellings(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "laddercli role file"
    return schema


def _us_spellings(schema: dict[str, Any]) -> None:
    """The schema accepts a field in its US spelling too ("behaviors"), and either spelling
    of a required field, but not both."""
    for definition in schema.get("$defs", {}).values():
        properties = definition.get("properties", {})
        for name, us in US_SPELLINGS.items():
            if name not in properties:
                continue
            properties[us] = {**properties[name], "description": f"The same as {name}."}
            required = definition.get("required", [])
            if name in required:
                required.remove(name)
                definition["oneOf"] = [{"required": [name]}, {"required": [us]}]
                if not required:
                    del definition["required"]
            else:
                definition["not"] = {"required": [name, us]}
