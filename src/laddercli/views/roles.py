"""What ``roles``, ``show`` and ``compare`` say: as document blocks and as JSON data."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from laddercli.errors import UsageError
from laddercli.locations import shown_all
from laddercli.render.document import Block, Bullets, Fields, Heading, Item, Para, Table
from laddercli.roles.catalog import Catalog, PathView
from laddercli.roles.files import RoleSummary
from laddercli.roles.model import DIFFERENCES, Role
from laddercli.views.figures import counted

MISSING = "—"


# --- ladder roles ---------------------------------------------------------------------------


def roles_blocks(catalog: Catalog) -> list[Block]:
    rows = []
    roles = catalog.summaries
    for role, source in zip(roles, _sources(roles), strict=True):
        targets = ", ".join(role.targets) or MISSING
        rows.append((role.id, role.title, targets, source))
    return [
        Heading(1, "Roles"),
        Table(("Id", "Title", "Paths to", "Source"), tuple(rows), widths=(1, 3, 2, 3)),
        Para("One role in full:", style="hint", command=("show", catalog.ids[0])),
        Para(
            "Roles side by side:",
            style="hint",
            command=("compare", *catalog.ids[:3]),
        ),
    ]


def roles_data(catalog: Catalog) -> dict[str, Any]:
    roles = catalog.summaries
    return {
        "roles": [
            {
                "id": role.id,
                "title": role.title,
                "short_title": role.short,
                "paths": list(role.targets),
                "source": source,
            }
            for role, source in zip(roles, _sources(roles), strict=True)
        ]
    }


def _sources(roles: Sequence[RoleSummary]) -> list[str]:
    files = iter(shown_all(r.path for r in roles if not r.builtin))
    return ["built-in" if r.builtin else next(files) for r in roles]


# --- ladder show ----------------------------------------------------------------------------


def role_blocks(catalog: Catalog, role: Role) -> list[Block]:
    plain = role.short == role.title or f"({role.short})" in role.title
    heading = role.title if plain else f"{role.title} ({role.short})"
    blocks: list[Block] = [Heading(1, heading)]
    if role.summary:
        blocks.append(Para(role.summary))
    if role.question:
        blocks.append(Para(f'"{role.question}"', label="You answer the question", style="quote"))

    if role.responsibilities:
        blocks.append(Heading(2, "Core responsibilities"))
        for area in role.responsibilities:
            blocks += [Heading(3, area.heading), _bullets(area.items)]
    if role.skills:
        blocks.append(Heading(2, "Key skill sets"))
        rows = tuple((s.category, ", ".join(s.skills)) for s in role.skills)
        blocks.append(Table(("Category", "Skills"), rows, widths=(1, 3)))
    if role.activities:
        blocks.append(Heading(2, "Typical day-to-day activities"))
        for slot in role.activities:
            blocks += [Heading(3, slot.heading), _bullets(slot.items)]
    if role.scope:
        blocks += [
            Heading(2, "Typical scope"),
            Fields(tuple((s.label, s.value) for s in role.scope)),
        ]

    glance = list(role.dimensions.items()) + [
        (label, value) for label, value in _differences(role) if value
    ]
    if glance:
        blocks += [Heading(2, "How the role compares"), Fields(tuple(glance))]
        compared = [r.id for r in catalog.summaries if r.has_dimensions]
        if len(compared) > 1:
            blocks.append(
                Para("Side by side with other roles:", style="hint", command=("compare", *compared))
            )

    notes = catalog.notes_for(role)
    if notes:
        blocks += [Heading(2, "Note"), *[Para(text) for text in notes]]

    paths = catalog.paths_from(role)
    shared = role.transitions.timeline if role.transitions else None
    if len(paths) > 1 or (paths and shared):
        # The page's own layout: one section for the transition, a subsection per path.
        targets = " or ".join(view.target.short for view in paths)
        blocks.append(Heading(2, f"Transition to {targets}"))
        if shared:
            blocks.append(Para(shared, label="Timeline"))
        for view in paths:
            blocks += path_blocks(view, level=3, shared_timeline=False)
    else:
        for view in paths:
            blocks += path_blocks(view)

    incoming = catalog.paths_into(role)
    if incoming:
        blocks.append(Heading(2, f"Paths into {role.short}"))
        for view in incoming:
            blocks += [
                Para(
                    f"From {view.source.title}: you're ready for {role.short} when you've "
                    "demonstrated:"
                ),
                _bullets([i.text for i in view.path.indicators]),
                Para("The whole path:", style="hint", command=("show", view.source.id)),
            ]
    return blocks


def path_blocks(view: PathView, *, level: int = 2, shared_timeline: bool = True) -> list[Block]:
    """One path in full: timeline, key shifts, key actions, readiness, pitfalls.

    With ``shared_timeline=False`` the role's shared timeline is left to the caller, and
    only a timeline of the path's own is shown.
    """
    dst, path = view.target, view.path
    blocks: list[Block] = [Heading(level, f"Path to {dst.short}")]
    timeline = view.timeline if shared_timeline else view.path.timeline
    if timeline:
        blocks.append(Para(timeline, label="Timeline"))
    blocks += [Heading(level + 1, "Key shifts required"), shifts_table(view)]

    blocks.append(Heading(level + 1, "Key actions"))
    actions = []
    for action in path.actions:
        children: list[Block] = [_bullets([b.text for b in action.behaviours])]
        if action.example:
            children.append(Para(action.example, label="Example", style="example"))
        actions.append(Item("", label=action.title, children=tuple(children)))
    blocks.append(Bullets(tuple(actions), ordered=True))

    numbers = {a.id: n for n, a in enumerate(path.actions, 1)}
    blocks += [
        Heading(level + 1, f"You're ready for {dst.short} when you've demonstrated"),
        Bullets(
            tuple(Item(i.text, link=_action_refs(numbers, i.actions)) for i in path.indicators)
        ),
    ]
    pitfalls = view.pitfalls
    if pitfalls:
        blocks += [
            Heading(level + 1, "Common pitfalls to avoid"),
            Bullets(tuple(Item(p.text, link=_action_refs(numbers, p.actions)) for p in pitfalls)),
        ]
    return blocks


def shifts_table(view: PathView) -> Table:
    rows = tuple((s.from_, s.to) for s in view.path.shifts)
    columns = (f"From ({view.source.short})", f"To ({view.target.short})")
    return Table(columns, rows, key_column=False)


def _action_refs(numbers: Mapping[str, int], action_ids: Sequence[str]) -> str | None:
    """``key actions 1, 3``: the numbers of the path's key actions named (``numbers``: the
    path's key action ids, numbered)."""
    named = [str(numbers[a]) for a in action_ids]
    if not named:
        return None
    return ("key action " if len(named) == 1 else "key actions ") + ", ".join(named)


def _bullets(texts: Sequence[str]) -> Bullets:
    return Bullets(tuple(Item(t) for t in texts))


def _differences(role: Role) -> list[tuple[str, str | None]]:
    return [(label, getattr(role, attr)) for attr, label in DIFFERENCES]


def role_data(role: Role) -> dict[str, Any]:
    """The role as data, in the shape of a role file (it validates against the schema)."""
    data: dict[str, Any] = role.model_dump(mode="json", by_alias=True, exclude_none=True)
    return data


# --- ladder compare -------------------------------------------------------------------------


def check_comparable(roles: Sequence[Role]) -> None:
    if len(roles) < 2:
        raise UsageError("compare needs at least two roles, such as: ladder compare vp cto")
    seen: set[str] = set()
    for role in roles:
        if role.id in seen:
            raise UsageError(f"role {role.id!r} is named twice; name each role once")
        seen.add(role.id)


def comparison_rows(roles: Sequence[Role]) -> list[tuple[str, list[str | None]]]:
    """Each dimension any of the roles states, in first-seen order, with each role's value."""
    labels: dict[str, str] = {}
    # each role's values by the casefolded label (its first, should two differ only in
    # case), made once: looked up per label, a role file of 45,000 dimensions took 45 s
    values_of: list[dict[str, str]] = []
    for role in roles:
        values: dict[str, str] = {}
        for label, value in role.dimensions.items():
            key = label.casefold()
            labels.setdefault(key, label)
            values.setdefault(key, value)
        values_of.append(values)
    return [(label, [values.get(key) for values in values_of]) for key, label in labels.items()]


def difference_rows(roles: Sequence[Role]) -> list[tuple[str, list[str | None]]]:
    rows = [(label, [getattr(role, attr) for role in roles]) for attr, label in DIFFERENCES]
    return [(label, values) for label, values in rows if any(values)]


def _differs(values: Sequence[str | None]) -> bool:
    return len({(v or "").casefold() for v in values}) > 1


def joining_paths(catalog: Catalog, roles: Sequence[Role]) -> list[PathView]:
    return [
        view
        for source in roles
        for target in roles
        if (view := catalog.path(source, target)) is not None
    ]


def comparison_blocks(
    catalog: Catalog, roles: Sequence[Role], *, diff: bool = False
) -> list[Block]:
    check_comparable(roles)
    first, *rest = [r.short for r in roles]
    blocks: list[Block] = [Heading(1, f"Comparison: {first} vs {'/'.join(rest)}")]

    def table(rows: list[tuple[str, list[str | None]]], heads: list[str]) -> Table:
        kept = [(label, values) for label, values in rows if not diff or _differs(values)]
        return Table(
            ("Dimension", *heads),
            tuple((label, *[v or MISSING for v in values]) for label, values in kept),
            widths=(2, *[3] * len(roles)),
        )

    all_dims, all_diffs = comparison_rows(roles), difference_rows(roles)
    dims = table(all_dims, [r.title for r in roles])
    diffs = table(all_diffs, [r.short for r in roles])
    if diff:
        blocks.append(
            Para(
                f"Only the rows that differ: {len(dims.rows)} of "
                f"{counted(len(all_dims), 'dimension')}, {len(diffs.rows)} of "
                f"{counted(len(all_diffs), 'key difference')}."
            )
        )
    if dims.rows:
        blocks.append(dims)
    elif not diff:
        blocks.append(Para("None of these roles states any comparison dimensions."))
    if diffs.rows:
        blocks += [Heading(2, "Key differences summary"), diffs]
    if diff and not dims.rows and not diffs.rows:
        blocks.append(Para("These roles hold the same value for every dimension."))

    for _, text in catalog.notes_about(roles):
        blocks.append(Para(text, label="Note"))

    for view in joining_paths(catalog, roles):
        blocks += [
            Heading(2, f"{view.source.short} to {view.target.short}"),
            Heading(3, "Key shifts required"),
            shifts_table(view),
            Heading(3, f"You're ready for {view.target.short} when you've demonstrated"),
            _bullets([i.text for i in view.path.indicators]),
            Para(
                "The whole path, with its key actions:",
                style="hint",
                command=("show", view.source.id),
            ),
        ]
    return blocks


def comparison_data(
    catalog: Catalog, roles: Sequence[Role], *, diff: bool = False
) -> dict[str, Any]:
    check_comparable(roles)
    ids = [r.id for r in roles]

    def rows(found: list[tuple[str, list[str | None]]]) -> list[dict[str, Any]]:
        return [
            {
                "dimension": label,
                "values": dict(zip(ids, values, strict=True)),
                "differs": _differs(values),
            }
            for label, values in found
            if not diff or _differs(values)
        ]

    return {
        "roles": [{"id": r.id, "title": r.title, "short_title": r.short} for r in roles],
        "dimensions": rows(comparison_rows(roles)),
        "differences": rows(difference_rows(roles)),
        "notes": [text for _, text in catalog.notes_about(roles)],
        "paths": [
            {
                "from": view.source.id,
                "to": view.target.id,
                "shifts": [s.model_dump(by_alias=True) for s in view.path.shifts],
                "indicators": [{"id": i.id, "text": i.text} for i in view.path.indicators],
            }
            for view in joining_paths(catalog, roles)
        ],
    }
