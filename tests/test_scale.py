"""Linear at scale: a ladder of a thousand roles, a questionnaire of ten thousand questions.

Run through the real commands in-process, with data written here (short texts, so that a
path of 10,000 questions fits in a role file); the figures asserted are worked out by hand
from the rules in ``scoring``. The unit tests check that lookups are by dict, not scans.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from laddercli.assessment.questions import build_questionnaire
from laddercli.assessment.scoring import ItemScore, _by_action
from laddercli.roles.catalog import _ladder_order, load_catalog

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


# --- a path of 10,000 questions --------------------------------------------------------------

SHIFTS, ACTIONS, BEHAVIOURS, INDICATORS = 100, 590, 10, 4000  # 100 + 5,900 + 4,000


def write_long_path(folder: Path) -> tuple[Path, Path]:
    """A role 'big' with a path of 10,000 questions into the built-in VP, and answers:
    every key shift at 3, in each key action five behaviours at 3 and five at 0, every
    readiness indicator at 2 (indicator i develops key action i mod 590 + 1)."""
    folder.mkdir()
    role = ["id: big", "title: Big", "paths:", "  vp:", "    shifts:"]
    answers = ["from: big", "to: vp", "answers:"]
    for s in range(1, SHIFTS + 1):
        role.append(f"    - {{id: s{s}, from: old {s}, to: new {s}}}")
        answers.append(f"  s{s}: 3")
    role.append("    actions:")
    for a in range(1, ACTIONS + 1):
        role += [f"    - id: a{a}", f"      title: Action {a}", "      behaviours:"]
        for b in range(1, BEHAVIOURS + 1):
            role.append(f"      - {{id: a{a}-b{b}, text: Do {b} of {a}}}")
            answers.append(f"  a{a}-b{b}: {3 if b <= 5 else 0}")
    role.append("    indicators:")
    for i in range(1, INDICATORS + 1):
        role.append(f"    - {{id: i{i}, text: Shown {i}, actions: [a{i % ACTIONS + 1}]}}")
        answers.append(f"  i{i}: 2")
    role += ["    pitfalls:", "    - {id: p1, text: One, actions: [a1]}"]
    role.append("    - {id: p2, text: Two, actions: [a2, a3]}")
    answers.append("pitfalls: [p2]")
    (folder / "big.yaml").write_text("\n".join(role) + "\n")
    Path("answers.yaml").write_text("\n".join(answers) + "\n")
    return folder, Path("answers.yaml")


def test_a_path_of_10000_questions_scores_exactly(ladder: Run) -> None:
    folder, answers = write_long_path(Path("big"))
    result = ladder("--roles", str(folder), "report", str(answers), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)

    assert len(report["items"]) == 10_000
    # 100 × (100 × 2 × 1 + 5,900 × 1 × 1/2 + 4,000 × 3 × 2/3) / (100 × 2 + 5,900 + 4,000 × 3)
    # = 100 × 11,150 / 18,100 = 61.60...
    assert report["readiness"] == 61.6
    assert report["band"] == "Developing"

    # A key action with k readiness indicators: 100 × (5 + 2k) / (10 + 3k). Indicators 1 to
    # 3,540 give every key action six; 3,541 to 4,000 give key actions 2 to 461 a seventh.
    areas = report["areas"]
    assert len(areas) == ACTIONS
    scores = {a["number"]: a["score"] for a in areas}
    assert Counter(scores.values()) == {round(100 * 19 / 31, 1): 460, round(100 * 17 / 28, 1): 130}
    assert (scores[1], scores[2], scores[461], scores[462], scores[590]) == (
        60.7,
        61.3,
        61.3,
        60.7,
        60.7,
    )
    assert {a["questions"] for a in areas} == {16, 17}
    assert areas[1]["answered"] == 17

    # Gap × weight is 3 for a behaviour at 0 (3 × 1) and for an indicator at 2 (1 × 3); the
    # checked pitfall p2 raises the indicators of key actions 2 and 3 that guard against it
    # to 6: they come first, in the questionnaire's order.
    assert report["gaps"] == ["i1", "i2", "i591", "i592", "i1181"]
    assert [p["rank"] for p in report["plan"][:6]] == [6, 6, 6, 6, 6, 6]
    # The three weakest key actions (60.7: those with six indicators), in the path's order.
    assert [d["id"] for d in report["actions"]] == ["a1", "a462", "a463"]
    assert [b["id"] for b in report["actions"][0]["behaviours"]] == [
        f"a1-b{b}" for b in range(6, 11)
    ]
    assert len(report["actions"][0]["indicators"]) == 6
    assert [(p["id"], [a["id"] for a in p["instead"]]) for p in report["pitfalls"]] == [
        ("p2", ["a2", "a3"])
    ]


# --- lookups by dict ---------------------------------------------------------------------------


class NoScans(tuple[Any, ...]):
    """A tuple that refuses to be walked: a lookup that scans it fails."""

    def __iter__(self) -> Any:
        raise AssertionError("scanned every question")


def test_questionnaire_get_looks_up_by_id_without_scanning() -> None:
    catalog = load_catalog(cache=False)
    q = build_questionnaire(catalog.path(catalog.get("vp"), catalog.get("cto")))  # type: ignore[arg-type]
    first, last = q.questions[0], q.questions[-1]
    object.__setattr__(q, "questions", NoScans(q.questions))
    assert q.get(first.id) is first
    assert q.get(last.id) is last
    assert q.get("no-such-question") is None


def test_items_are_grouped_by_key_action_in_one_pass() -> None:
    catalog = load_catalog(cache=False)
    q = build_questionnaire(catalog.path(catalog.get("vp"), catalog.get("cto")))  # type: ignore[arg-type]
    items = [ItemScore(question, 3, 3, None) for question in q.questions]
    # An indicator that names one key action twice counts once towards it.
    indicator = next(i.question for i in items if i.question.kind == "indicator")
    twice = indicator._replace(id="twice", actions=indicator.actions * 2)
    items.append(ItemScore(twice, 3, 3, None))
    grouped = _by_action(NoScansAfterOne(items))
    for action in q.actions:
        assert grouped[action.id] == [i for i in items if action.id in i.question.actions]
    assert [i.id for i in grouped[indicator.actions[0]]].count("twice") == 1


class NoScansAfterOne(list[Any]):
    """A list that may be walked once."""

    walked = False

    def __iter__(self) -> Any:
        if self.walked:
            raise AssertionError("walked the items again")
        self.walked = True
        return super().__iter__()


class CountedWalks(list[Any]):
    """A list that counts how often it is walked."""

    walks = 0

    def __iter__(self) -> Any:
        self.walks += 1
        return super().__iter__()


def test_a_path_numbers_its_key_actions_once_not_per_link() -> None:
    """``ladder show`` names the key actions of each indicator and pitfall by number: the
    path's key actions are numbered once, not searched for every link."""
    from laddercli.views import roles as views

    catalog = load_catalog(cache=False)
    view = catalog.path(catalog.get("vp"), catalog.get("cto"))
    assert view is not None
    actions = CountedWalks(view.path.actions)
    shown = view._replace(path=view.path.model_copy(update={"actions": actions}))
    links = sum(len(i.actions) for i in view.path.indicators)
    assert links > 5

    blocks = views.path_blocks(shown)
    assert actions.walks <= 3
    assert blocks == views.path_blocks(view)  # the same numbers as before


class CountedTuple(tuple[Any, ...]):
    """A tuple that counts how often it is walked."""

    walks = 0

    def __iter__(self) -> Any:
        self.walks += 1
        return super().__iter__()


def test_area_trends_read_each_assessment_once() -> None:
    """A trend of a path of 300 key actions: each saved assessment's areas are read once,
    not searched once per area."""
    from laddercli.history.progress import area_trends
    from laddercli.history.store import AreaRecord, Saved

    def saved(n: int, scores: dict[int, float | None]) -> Saved:
        areas = CountedTuple(AreaRecord(f"a{i}", i, f"A{i}", s) for i, s in scores.items())
        return Saved(
            f"2026-0{n}-01T10:00:00+00:00", "vp", "cto", "self", None, "d", 50.0, "Developing",
            areas, {}, n, f"2026-0{n}-01T10:00:00+00:00",
        )  # fmt: skip

    # The first assessment scored only the even areas; the second none; the third all.
    found = [
        saved(1, {i: float(i) if i % 2 == 0 else None for i in range(1, 301)}),
        saved(2, dict.fromkeys(range(1, 301))),
        saved(3, dict.fromkeys(range(1, 301), 100.0)),
    ]
    trends = area_trends(found)
    assert [s.areas.walks for s in found] == [1, 2, 2]  # type: ignore[attr-defined]
    assert [(t.id, t.first, t.previous, t.now) for t in trends[:3]] == [
        ("a1", 100.0, None, 100.0),
        ("a2", 2.0, None, 100.0),
        ("a3", 100.0, None, 100.0),
    ]
    assert trends[-1].since_first == 100.0 - 300.0
    assert trends[0].since_first is None  # a1 is first scored now: no change to show


def test_the_content_digest_is_worked_out_once_per_questionnaire(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from laddercli.assessment import questions

    made: list[str] = []
    real = questions.content_digest

    def counted(q: questions.Questionnaire) -> str:
        made.append("one")
        return real(q)

    monkeypatch.setattr(questions, "content_digest", counted)
    catalog = load_catalog(cache=False)
    q = build_questionnaire(catalog.path(catalog.get("vp"), catalog.get("cto")))  # type: ignore[arg-type]
    assert q.digest == q.digest == "b5fce9c7e3d9"
    assert made == ["one"]


# --- compare --------------------------------------------------------------------------------


def write_dimensions(folder: Path, role_id: str, count: int, *, case: str = "D") -> None:
    """A role stating ``count`` dimensions, ``D0: a0`` on: about 740 KB for 45,000."""
    folder.mkdir(exist_ok=True)
    lines = [f"id: {role_id}", f"title: Role {role_id}", "dimensions:"]
    lines += [f"  {case}{i}: {role_id}{i}" for i in range(count)]
    (folder / f"{role_id}.yaml").write_text("\n".join(lines) + "\n")


def test_compare_of_45000_dimensions_is_linear(ladder: Run) -> None:
    """Each label was looked up by scanning every role's dimensions: two role files of
    45,000 dimensions took 114 s to compare."""
    import time

    write_dimensions(Path("big"), "wide", 45_000)
    write_dimensions(Path("big"), "other", 45_000, case="d")  # the same labels, in lower case
    start = time.process_time()
    result = ladder("--roles", "big", "compare", "wide", "other", "vp", "--format", "json")
    spent = time.process_time() - start
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["dimensions"]
    assert len(rows) == 45_000 + 8  # and the eight of vp
    assert rows[0] == {
        "dimension": "D0",
        "values": {"wide": "wide0", "other": "other0", "vp": None},
        "differs": True,
    }
    assert rows[44_999]["values"] == {"wide": "wide44999", "other": "other44999", "vp": None}
    assert spent < 2, f"{spent:.2f} s of CPU"


class CountedLabel(str):
    """A label that counts how often it is casefolded."""

    folds = 0

    def casefold(self) -> str:
        CountedLabel.folds += 1
        return super().casefold()


def test_comparison_rows_casefold_each_label_once() -> None:
    from laddercli.views.roles import comparison_rows

    roles = [
        SimpleNamespace(dimensions={CountedLabel(f"L{i}"): f"{r}{i}" for i in range(n)})
        for r, n in (("a", 300), ("b", 200), ("c", 0))
    ]
    CountedLabel.folds = 0
    rows = comparison_rows(roles)  # type: ignore[arg-type]
    assert CountedLabel.folds <= 500  # once per label per role; scanning took 150,000
    assert rows[0] == ("L0", ["a0", "b0", None])
    assert rows[299] == ("L299", ["a299", None, None])


def test_comparison_rows_match_labels_in_any_case() -> None:
    from laddercli.views.roles import comparison_rows

    roles = [
        SimpleNamespace(dimensions={"Scope": "team", "Focus": "delivery"}),
        SimpleNamespace(dimensions={"FOCUS": "strategy", "scope": "org", "focus": "later"}),
    ]
    assert comparison_rows(roles) == [  # type: ignore[arg-type]
        ("Scope", ["team", "org"]),
        ("Focus", ["delivery", "strategy"]),  # a role's first of two that differ in case
    ]
