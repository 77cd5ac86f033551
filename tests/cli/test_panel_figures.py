"""``ladder report DIR`` with raters in groups, as a people team reads it in a succession
discussion (issue 15, a new user's findings): one figure for the others' view of a question,
named the same everywhere; one order for the next actions and the plan, said where shown;
each group's own floor in the note on too few ratings; plain words on a small group."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.helpers import ROOT, Ladder, flat
from tests.helpers.collecting import digest, form_answers, form_id, write_answers

DEEP = "product-and-customer-understanding"  # Readiness indicator: Deep product intuition ...
EXTERNAL = "internal-to-external"  # Key shift: Internal org leadership → External ...
SPEAK = "speak-at-conferences"


@pytest.fixture
def roles(tmp_path: Path) -> Path:
    """The VP with a board group shown from 2 responses, as a role file may declare."""
    folder = tmp_path / "roles"
    folder.mkdir()
    vp = (ROOT / "roles" / "vp.yaml").read_text(encoding="utf-8")
    groups = "\n  target: 3\n  groups:\n    - {id: board, label: Board, minimum: 2}\n"
    (folder / "vp.yaml").write_text(vp.replace("\n  target: 3\n", groups, 1), encoding="utf-8")
    return folder


@pytest.fixture
def dana(tmp_path: Path, roles: Path) -> Path:
    """Sam Roy (manager), 3 peers and 2 board members; 2 everywhere but:
    - EXTERNAL: Sam n/a, board 3 and 4, one peer 2 (too few peers: left out);
    - DEEP: Sam 0, board 3 and 3, two peers 4 (too few peers: left out);
    - SPEAK: one board member 1 (too few of the board: left out)."""
    d = digest(roles)
    folder = tmp_path / "dana"
    raters: list[tuple[str, str | None, dict[str, Any]]] = [
        ("manager", "Sam Roy", {EXTERNAL: "na", DEEP: 0}),
        ("peer", None, {EXTERNAL: 2, DEEP: 4}),
        ("peer", None, {EXTERNAL: "skip", DEEP: 4}),
        ("peer", None, {EXTERNAL: "skip", DEEP: "skip"}),
        ("board", "Di Fox", {EXTERNAL: 3, DEEP: 3, SPEAK: 1}),
        ("board", "Lars Berg", {EXTERNAL: 4, DEEP: 3, SPEAK: "skip"}),
    ]
    for n, (group, rater, ratings) in enumerate(raters, 1):
        data = form_answers(form_id(n), group, 2, rater=rater, digest_=d)
        for question, rating in ratings.items():
            data["answers"][question]["rating"] = rating
        write_answers(folder, f"answers-{n}.json", data)
    return folder


def report(ladder: Ladder, roles: Path, folder: Path, *args: str) -> str:
    result = ladder("--roles", str(roles), "report", str(folder), *args)
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def test_too_few_ratings_says_each_groups_own_floor(
    ladder: Ladder, roles: Path, dana: Path
) -> None:
    text = flat(report(ladder, roles, dana))
    assert (
        "— in a group's column: fewer of its raters rated the question than the group is "
        "shown from (Peers 3 and Board 2); so that no one can be picked out, those ratings "
        "count in no figure of the question." in text
    )
    assert "fewer than 3 of the group" not in text


def test_a_small_group_is_said_plainly_and_once(ladder: Ladder, roles: Path, dana: Path) -> None:
    text = flat(report(ladder, roles, dana))
    assert "Dates 2026-12-02; and 5 responses shown without names, not dated" in text
    assert (
        "Small group: Board, shown from 2 responses as the role file declares (not the 3 "
        "that keep a group anonymous): its raters are not named, but may be recognised." in text
    )
    assert "anonymous response" not in text and "Not anonymous" not in text
    for name in ("Di Fox", "Lars Berg"):
        assert name not in text
