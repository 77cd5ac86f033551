"""Linear at scale: a ladder of a thousand roles, a questionnaire of ten thousand questions.

Run through the real commands in-process, with data written here (short texts, so that a
path of 10,000 questions fits in a role file); the figures asserted are worked out by hand
from the rules in ``scoring``. The unit tests check that lookups are by dict, not scans.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from laddercli.catalog import _ladder_order

Run = Callable[..., Any]

RUNG = """\
id: {id}
title: Rung {id}
paths:
  {next}:
    shifts: [{{id: s, from: a, to: b}}]
    actions: [{{id: a, title: A, behaviours: [{{id: b, text: t}}]}}]
    indicators: [{{id: i, text: t, actions: [a]}}]
"""


def chain_ids(roles: int) -> list[str]:
    """Ids in ladder order that alphabetical order shuffles: r0000, r0997, r0994 ..."""
    return [f"r{(n * 997) % roles:04d}" for n in range(roles)]


def write_chain(folder: Path, ids: list[str]) -> Path:
    """One role file per id, each with a path to the next id."""
    folder.mkdir()
    for role_id, after in zip(ids, ids[1:], strict=False):
        (folder / f"{role_id}.yaml").write_text(RUNG.format(id=role_id, next=after))
    last = ids[-1]
    (folder / f"{last}.yaml").write_text(f"id: {last}\ntitle: Rung {last}\n")
    return folder


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def test_a_chain_of_1000_roles_validates_and_lists_in_ladder_order(ladder: Run) -> None:
    ids = chain_ids(1000)
    folder = write_chain(Path("chain"), ids)

    checked = ladder("validate", str(folder))
    assert checked.exit_code == 0, checked.output
    assert checked.output.splitlines()[-1] == "All 1000 files are valid."

    listed = ladder("--roles", str(folder), "roles", "--format", "json")
    assert listed.exit_code == 0, listed.output
    order = [role["id"] for role in json.loads(listed.output)["roles"]]
    assert order == [*ids, "vp", "cto", "ceo"]  # the chain's head sorts before vp


def fake_catalog(paths: dict[str, list[str]]) -> dict[str, Any]:
    """Just enough of LoadedRole for ``_ladder_order``: each role's paths."""
    return {
        role_id: SimpleNamespace(role=SimpleNamespace(paths=dict.fromkeys(targets)))
        for role_id, targets in paths.items()
    }


def test_ladder_order_is_depth_first_from_the_roles_nobody_leads_to() -> None:
    paths = {
        "ceo": [],
        "cto": ["ceo"],
        "vp": ["cto", "ceo"],
        "a": ["c", "b"],
        "b": ["d"],
        "c": ["d", "gone"],  # a path to a role not in the catalog is left out
        "d": [],
        "loop-1": ["loop-2"],  # a cycle nobody leads into still comes, last
        "loop-2": ["loop-1"],
    }
    assert _ladder_order(fake_catalog(paths)) == [
        "a",
        "c",
        "d",
        "b",
        "vp",
        "cto",
        "ceo",
        "loop-1",
        "loop-2",
    ]


def test_ladder_order_of_a_chain_of_20000_roles() -> None:
    """Recursion gave up near 1,000; ``in`` on a list made 20,000 take seconds."""
    ids = chain_ids(20_000)
    paths = {role_id: [after] for role_id, after in zip(ids, ids[1:], strict=False)}
    paths[ids[-1]] = []
    assert _ladder_order(fake_catalog(paths)) == ids
