"""The role model: what a role file may hold, as immutable, strictly validated objects.

A role file describes one role (``id``, ``title``, profile sections, the comparison
dimensions) and the paths that lead out of it (``paths``, keyed by the target role's id).
Unknown keys are refused everywhere, and text must be text: YAML reads ``no`` or ``4.5``
as a boolean or a number, which in a role file is almost always a mistake.

Cross-references (indicator -> key action, pitfall -> key action, path -> role) are
checked by ``catalog.py``, which knows the other role files.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=64)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


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


class Behaviour(_Model):
    id: Id
    text: Text


class KeyAction(_Model):
    id: Id
    title: Text
    behaviours: list[Behaviour] = Field(min_length=1)
    example: Text | None = None


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
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "laddercli role file"
    return schema
