"""The rules of rater groups (issue 14): inference, the role file's groups, the floors, and
the capped combined score, as functions."""

from __future__ import annotations

import pytest

from laddercli.assessment.answers import Answers
from laddercli.assessment.groups import apply_floors, group_rules, inferred_group
from laddercli.assessment.panel import capped_answers
from laddercli.assessment.questions import Questionnaire, build_questionnaire, find_path
from laddercli.assessment.scoring import score
from laddercli.roles.catalog import load_catalog
from laddercli.roles.model import RaterGroup


def questionnaire() -> Questionnaire:
    catalog = load_catalog()
    return build_questionnaire(find_path(catalog, catalog.get("vp"), catalog.get("cto")))


def everything(q: Questionnaire, rater: str, rating: int) -> Answers:
    answers = Answers(q.source.id, q.target.id, rater=rater)
    answers.ratings = dict.fromkeys(q.ids(), rating)
    return answers


@pytest.mark.parametrize(
    ("rater", "group"),
    [
        ("self", "self"),
        ("Manager", "manager"),
        ("peer-2", "peer"),
        ("Peer Raj", "peer"),
        ("direct-1", "direct-report"),
        ("direct report Kim", "direct-report"),
        ("skip-level", "other"),
        ("Dana's manager", "other"),
    ],
)
def test_a_file_without_a_group_is_placed_by_its_rater(rater: str, group: str) -> None:
    assert inferred_group(rater) == group


def test_the_role_file_changes_a_group_or_adds_one() -> None:
    rules = group_rules([RaterGroup(id="peer", minimum=2, weight=2), RaterGroup(id="board")])
    assert rules["peer"] == ("peer", "Peers", 2, 2.0)
    assert rules["board"] == ("board", "board", 3, 1.0)
    assert rules["manager"] == ("manager", "Manager", 1, 1.0)


def test_floors_merge_small_groups_and_withhold_what_stays_small() -> None:
    rules = group_rules()
    merged = apply_floors([("peer", "p1"), ("peer", "p2"), ("other", "o1")], rules)
    assert [(g.rule.label, g.members) for g in merged.shown] == [("Others", ("p1", "p2", "o1"))]
    small = apply_floors([("self", "s"), ("manager", "m"), ("peer", "p1"), ("other", "o1")], rules)
    assert [g.rule.id for g in small.shown] == ["self", "manager"]
    assert small.withheld == ("p1", "o1")
    assert small.why is not None and small.why.startswith(
        "groups shown without names: 2 responses, fewer than the 3"
    )  # not "peers and other", which would say what a later "Others" holds
    alone = apply_floors([("self", "s"), ("peer", "p1")], rules)
    assert alone.why is not None and alone.why.startswith("peers: 1 response")
    strict = group_rules([RaterGroup(id="manager", minimum=2)])
    assert apply_floors([("manager", "m")], strict).withheld == ("m",)
    assert apply_floors([("peer", "p1")], rules, named=True).withheld == ()


def test_attainment_is_capped_per_rater_then_averaged_by_group_weight() -> None:
    q = questionnaire()
    peers = [everything(q, f"peer-{n}", r) for n, r in ((1, 4), (2, 2), (3, 2))]
    assert score(q, capped_answers(q, [(1.0, peers)])).readiness == 77.8  # not 88.9
    manager = [everything(q, "manager", 3)]
    assert score(q, capped_answers(q, [(1.0, manager), (1.0, peers)])).readiness == 88.9
    # the manager's group weighing 3 times the peers': (3 × 100 + 77.8) / 4
    assert score(q, capped_answers(q, [(3.0, manager), (1.0, peers)])).readiness == 94.4
