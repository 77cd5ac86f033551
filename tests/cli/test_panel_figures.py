"""``ladder report DIR`` with raters in groups, as a people team reads it in a succession
discussion (issue 15, a new user's findings): one figure for the others' view of a question,
named the same everywhere; one order for the next actions and the plan, said where shown;
each group's own floor in the note on too few ratings; plain words on a small group."""

from __future__ import annotations

import json
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


def rows(markdown: str, start: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith(f"| {start}")]


def test_the_others_view_of_a_question_is_one_figure_everywhere(
    ladder: Ladder, roles: Path, dana: Path
) -> None:
    data = json.loads(report(ladder, roles, dana, "-f", "json"))
    by_id = {q["id"]: q for q in data["questions"]}
    # board 3 and 4 count as 3 and 3: never above the target (the plain mean said 3.5)
    assert by_id[EXTERNAL]["others_mean"] == 3
    # Sam 0, board 3: (0 + 1) / 2 of the target (the plain mean of 0, 3 and 3 said 2)
    assert by_id[DEEP]["others_mean"] == 1.5
    assert data["combined"]["plan"][0] == {"id": DEEP, "rank": 4.5, "raised_by": []}
    assert data["combined"]["gaps"][0] == DEEP
    md = report(ladder, roles, dana, "-f", "md")
    assert rows(md, "Key action") == [
        "| Key action | Sam Roy | Peers (3) | Board (2) | Others combined |"
    ]
    assert rows(md, "Question | Sam Roy") == [
        "| Question | Sam Roy | Peers (3) | Board (2) | Others combined | Spread |"
    ]
    assert rows(md, "Key shift: Internal org leadership") == [
        "| Key shift: Internal org leadership → External technology leadership "
        "| n/a | — | 3 | 3 | 1 |"
    ]
    assert (
        "| Readiness indicator: Deep product intuition and customer understanding "
        "| 0 | — | 3 | 1.5 | 3 |" in rows(md, "Readiness indicator: Deep product")
    )
    assert (
        "1. [ ] Readiness indicator: Deep product intuition and customer understanding "
        "_(1.5 → 3, priority 4.5)_" in md
    )
    text = flat(report(ladder, roles, dana))
    assert "Others combined ██████" in text and "others combined ████" not in text
    assert (
        "1. Readiness indicator: Deep product intuition and customer understanding "
        "(1.5 → 3)" in text
    )
    assert (
        "Others combined, the others' view of a question wherever this report shows it: "
        "each rater's rating counts up to the target (a 4 counts the same as a 3), averaged "
        "within their group, then across the groups equally: Sam Roy, Peers (3) and "
        "Board (2)." in text
    )
    assert "Next actions (others combined)" in text and "The plan (others combined)" in text
    assert "Readiness by rater and group" in text
    assert "1.5 (rated by 3 of 6)" in text  # in Raters disagree: 3 of the 6 others
    for gone in ("Top gaps", "Development plan", "Others' mean", "((", "Board (2))"):
        assert gone not in text, gone


def test_the_next_actions_and_the_plan_say_their_one_order(
    ladder: Ladder, roles: Path, dana: Path
) -> None:
    """Sam checked "Lacking external presence": the external thought leadership indicator
    (2 → 3, priority 3) is raised above DEEP (1.5 → 3, priority 4.5) in the next actions
    and in the plan alike, and both say why."""
    sam = dana / "answers-1.json"
    data = json.loads(sam.read_text(encoding="utf-8"))
    data["pitfalls"]["no-external-presence"] = True
    sam.write_text(json.dumps(data), encoding="utf-8")
    text = flat(report(ladder, roles, dana))
    first = [
        "Readiness indicator: External thought leadership and industry presence (2 → 3",
        "Readiness indicator: Deep product intuition and customer understanding (1.5 → 3",
    ]
    summary = text[text.index("Next actions") : text.index("Path ")]
    plan = text[text.index("The plan (others combined)") : text.index("Pitfalls checked")]
    for shown in (summary, plan):
        assert [shown.index(f"{n}. {item}") for n, item in enumerate(first, 1)] == sorted(
            shown.index(f"{n}. {item}") for n, item in enumerate(first, 1)
        )
    assert (
        "The first 3 items of the plan below, in its order: gap times weight, raised where "
        "a rater checked a pitfall they guard against." in summary
    )
    assert (
        "Every question under the target, the biggest gap first: priority is the gap times "
        "the weight (readiness indicator 3, key shift 2, behaviour 1), and a pitfall any "
        "rater checked raises the items that guard against it by one point of gap." in plan
    )
    assert "(2 → 3, priority 6) For: Build External Technology Presence" in plan
    data = json.loads(report(ladder, roles, dana, "-f", "json"))
    assert data["combined"]["plan"][:2] == [
        {"id": "external-thought-leadership", "rank": 6, "raised_by": ["no-external-presence"]},
        {"id": DEEP, "rank": 4.5, "raised_by": []},
    ]
    assert data["combined"]["gaps"][:2] == ["external-thought-leadership", DEEP]


def test_self_is_set_beside_the_same_figure_counted_the_same_way(
    ladder: Ladder, roles: Path, tmp_path: Path
) -> None:
    """Self 4 everywhere, a manager and 3 peers 3 everywhere: both at the target, so no
    blind spot (the plain mean said 1 point apart on every question); against their 2,
    self's 4 counts as 3: 1 point above, a blind spot of 1, not of 2."""
    d = digest(roles)
    folder = tmp_path / "panel"
    write_answers(folder, "self.json", form_answers(form_id(1), "self", 4, digest_=d))
    write_answers(
        folder, "sam.json", form_answers(form_id(2), "manager", 3, rater="Sam Roy", digest_=d)
    )
    for n in (3, 4, 5):
        write_answers(folder, f"p{n}.json", form_answers(form_id(n), "peer", 3, digest_=d))
    data = json.loads(report(ladder, roles, folder, "-f", "json"))
    assert data["blind_spots"] == [] and data["hidden_strengths"] == []
    assert {(q["self"], q["others_mean"], q["difference"]) for q in data["questions"]} == {
        (4, 3, 0)
    }
    for n, rater in ((2, "Sam Roy"), (3, None), (4, None), (5, None)):
        group = "manager" if rater else "peer"
        write_answers(
            folder,
            "sam.json" if rater else f"p{n}.json",
            form_answers(form_id(n), group, 2, rater=rater, digest_=d),
        )
    data = json.loads(report(ladder, roles, folder, "-f", "json"))
    # everyone else 2; self's 4 counts as 3: 1 point above (not 2)
    assert {(q["others_mean"], q["difference"]) for q in data["blind_spots"]} == {(2, 1)}
    text = flat(report(ladder, roles, folder))
    assert (
        "Where at least two others rated it and you rate yourself at least 1 point above "
        "Others combined (your rating counted up to the target, as theirs are)" in text
    )


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
    assert "Readiness by rater and group" in text
    for name in ("Di Fox", "Lars Berg"):
        assert name not in text
