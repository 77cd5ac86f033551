"""yamlsafe builds the common document straight from the parser's events: it must build
exactly what composing the node tree and constructing it builds, and refuse what that
refuses, with the same message."""

from __future__ import annotations

import os
from datetime import timedelta
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from laddercli.errors import RoleFileError
from laddercli.roles import yamlsafe

EXAMPLES = int(os.environ.get("LADDER_FUZZ_EXAMPLES", "0")) or 400


def composed(text: str) -> Any:
    """The data as composing and constructing it gives it (the way taken before)."""
    loader = yamlsafe._Loader(text)
    try:
        node = loader.get_single_node()
        return None if node is None else loader.construct_document(node)
    finally:
        loader.dispose()


def outcome(read: Any, text: str) -> tuple[str, str]:
    try:
        data = read(text)
    except RoleFileError as exc:
        return "error", str(exc)
    except yaml.MarkedYAMLError as exc:
        problem = yamlsafe._marked_problem("f.yaml", exc, "role file", text)
        return "error", str(problem)
    return "data", repr(data)


# Plain scalars that the resolver reads as something other than text, or nearly so.
TRICKY = [
    "3", "-3", "0o17", "0x1F", "1_000", "017", "3.5", "1e3", ".inf", "-.inf", ".nan", "1:30",
    "190:20:30", "true", "false", "yes", "No", "on", "off", "~", "null", "Null", "",
    "2026-11-20", "2026-11-20T10:15:00+01:00", "2026-13-45", "2026-02-30", "0b101",
    "1,000", "12:30:00", "+12", "3.", ".5", "1_2.3_4", "0.1e-2", "-0", "=", "<<",
    # tags of the author's, on scalars: of scalars, of collections (refused), unknown
    "!!str 3", "!!int 3", "!!float 1", "!!bool yes", "!!null x", "!!binary aGk=",
    "!!timestamp 2026-11-20", "!!map x", "!!seq x", "!!set x", "!!omap x", "!!pairs x",
    "!local x", "! 3",
]  # fmt: skip
scalars = st.one_of(
    st.sampled_from(TRICKY),
    st.text(alphabet="abc019 -:._'\"#", max_size=8),
)


@st.composite
def documents(draw: st.DrawFn) -> str:
    """YAML text in block or flow style, with plain, quoted and tricky scalars."""
    leaf = scalars.map(lambda s: ("plain", s)) | scalars.map(lambda s: ("quoted", s))
    tree = st.recursive(
        leaf,
        lambda inner: (
            st.lists(inner, max_size=4).map(lambda xs: ("seq", xs))
            | st.dictionaries(scalars, inner, max_size=4).map(lambda d: ("map", list(d.items())))
        ),
        max_leaves=20,
    )
    root = draw(tree)
    flow = draw(st.booleans())
    return render(root, 0, flow) + "\n"


def render(node: tuple[str, Any], indent: int, flow: bool) -> str:
    kind, value = node[0], node[1]
    if kind == "plain":
        return str(value) if value and value.strip() == value else f"'{value}'"
    if kind == "quoted":
        return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
    if kind == "seq":
        if flow or not value:
            return "[" + ", ".join(render(v, 0, True) for v in value) + "]"
        pad = " " * indent
        return "\n".join(f"{pad}- {render(v, indent + 2, flow).lstrip()}" for v in value)
    if flow or not value:
        items = ", ".join(
            f"{render(('plain', k), 0, True)}: {render(v, 0, True)}" for k, v in value
        )
        return "{" + items + "}"
    pad = " " * indent
    lines = []
    for k, v in value:
        inner = render(v, indent + 2, flow)
        key = render(("plain", k), 0, True)
        if v[0] in {"seq", "map"} and v[1] and not flow:
            lines.append(f"{pad}{key}:\n{inner}")
        else:
            lines.append(f"{pad}{key}: {inner.lstrip()}")
    return "\n".join(lines)


@settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=2),
    derandomize=not os.environ.get("LADDER_FUZZ_EXAMPLES"),
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(documents())
@example("a: 2026-13-45\nb: [1, 2]\n")
@example("a: 1\na: 2\n")
@example("- !!str 3\n- !!int '4'\n- ! 5\n")
@example("{? [a]: 1}\n")
@example("a: &x 1\nb: *x\n")
@example("<<: {a: 1}\nb: 2\n")
@example("a: 1\n---\nb: 2\n")
@example("!!set {a, b}\n")
@example("a: !!python/name:os.system x\n")
@example("a: !!timestamp x\nb: [c, c]\n")
@example("x\n")
@example("[1, 2, 2026-11-20, .nan]\n")
def test_built_from_events_as_composing_and_constructing_builds(text: str) -> None:
    fast = outcome(lambda t: yamlsafe.parse(t, "f.yaml").data, text)
    slow = outcome(composed, text)
    if fast[0] == "data":
        assert slow == fast, text
    elif slow[0] == "error":  # both refused: for the same reason, where it is the same
        checks = ("duplicate key", "nests deeper", "expands to", "refers to itself", "empty")
        if not any(word in fast[1] for word in checks):
            assert fast[1] == slow[1], text


@pytest.mark.parametrize(
    "text",
    [
        "id: cfo\ntitle: CFO\n",
        "a: &x [1]\nb: *x\n",  # an alias: composed as before
        "a: 1\n---\nb: 2\n",
    ],
)
def test_a_document_built_from_events_still_locates_its_problems(text: str) -> None:
    try:
        doc = yamlsafe.parse(text, "f.yaml")
    except RoleFileError:
        return
    assert doc.locate(("title",)) in {(2, 8), (1, 1)}
