"""The scoring rules, one test each, with exact figures; and the questionnaire's shape."""

from __future__ import annotations

import pytest

from laddercli.assessment.answers import NA, Answers, Rating
from laddercli.assessment.questions import Questionnaire, build_questionnaire, find_path
from laddercli.assessment.scoring import (
    attainment,
    band,
    gap,
    priority,
    score,
    weighted_score,
)
from laddercli.roles.catalog import load_catalog
from laddercli.roles.model import Assessment
from laddercli.views.figures import band_range


def questionnaire(target: str = "cto") -> Questionnaire:
    catalog = load_catalog()
    return build_questionnaire(find_path(catalog, catalog.get("vp"), catalog.get(target)))


def answers_for(q: Questionnaire, **by_kind: Rating) -> Answers:
    """Every question of a kind (shift, behaviour, indicator) rated the same."""
    return Answers(
        q.source.id,
        q.target.id,
        ratings={question.id: by_kind.get(question.kind) for question in q.questions},
    )


# --- the rules ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rating", "target", "expected"),
    [(0, 3, 0.0), (1, 3, 1 / 3), (2, 3, 2 / 3), (3, 3, 1.0), (4, 3, 1.0), (2, 4, 0.5)],
)
def test_attainment_is_the_rating_over_the_target_capped_at_one(
    rating: int, target: int, expected: float
) -> None:
    assert attainment(rating, target) == pytest.approx(expected)


@pytest.mark.parametrize(("rating", "expected"), [(0, 3), (1, 2), (2, 1), (3, 0), (4, 0)])
def test_gap_is_the_distance_to_the_target_never_negative(rating: int, expected: int) -> None:
    assert gap(rating, 3) == expected


def test_priority_is_weight_times_gap() -> None:
    assert priority(3, 2) == 6
    assert priority(2, 3) == 6
    assert priority(1, 0) == 0


def test_weighted_score_is_rounded_to_one_decimal() -> None:
    # 100 × (3 × 2/3 + 2 × 1/3) / (3 + 2) = 53.33...
    assert weighted_score([(3, 2 / 3), (2, 1 / 3)]) == 53.3
    assert weighted_score([]) is None
    assert weighted_score([(0, 1.0)]) is None


@pytest.mark.parametrize(
    ("readiness", "expected"),
    [
        (100, "Ready now"),
        (85, "Ready now"),
        (84.9, "Nearly ready"),
        (65, "Nearly ready"),
        (64.9, "Developing"),
        (40, "Developing"),
        (39.9, "Early"),
        (0, "Early"),
    ],
)
def test_bands(readiness: float, expected: str) -> None:
    assert band(readiness, [3, 3], target=3) == expected


def test_ready_now_needs_every_indicator_answered_and_at_two_or_more() -> None:
    assert band(90, [4, 2], target=3) == "Ready now"
    assert band(90, [4, 1], target=3) == "Nearly ready"
    assert band(90, [4, None], target=3) == "Nearly ready"  # skipped
    assert band(90, [4, NA], target=3) == "Ready now"  # not applicable
    assert band(90, [], target=3) == "Ready now"  # a path without indicators
    assert band(70, [0], target=3) == "Nearly ready"  # the rule concerns Ready now only


def test_band_ranges_in_words() -> None:
    assert [band_range(n) for n in ("Ready now", "Nearly ready", "Developing", "Early")] == [
        "85 or more",
        "65 to 84.9",
        "40 to 64.9",
        "under 40",
    ]


# --- the questionnaire ---------------------------------------------------------------------


def test_questions_come_from_the_path_in_order() -> None:
    q = questionnaire()
    assert q.counts() == {"shift": 4, "behaviour": 12, "indicator": 5}
    assert q.steps == 22  # the pitfalls multi-select is the last step
    assert [question.kind for question in q.questions] == (
        ["shift"] * 4 + ["behaviour"] * 12 + ["indicator"] * 5
    )
    first_behaviour = q.questions[4]
    assert first_behaviour.id == "partner-with-product"
    assert first_behaviour.area == "Develop Deep Product Intuition"
    assert first_behaviour.prompt == "How consistently do you do this today?"
    assert [p.id for p in q.pitfalls] == [
        "engineering-only-focus",
        "no-board-relationships",
        "no-external-presence",
        "underestimating-people-politics",
        "no-functional-breadth",
    ]


def test_weights_and_target_come_from_the_role_file() -> None:
    q = questionnaire()
    assert q.assessment == Assessment()  # the VP file states the defaults in full
    assert {question.kind: question.weight for question in q.questions} == {
        "shift": 2,
        "behaviour": 1,
        "indicator": 3,
    }
    assert q.target_rating == 3


def test_shift_choices_name_both_ways() -> None:
    shift = questionnaire().questions[0]
    assert [c.label for c in shift.choices] == [
        "Still: Engineering execution focus",
        "Starting to move towards: Technology vision focus",
        "Halfway between the two",
        "Mostly: Technology vision focus",
        "Fully: Technology vision focus, and others see it",
    ]


def test_options_to_weigh_are_asked_as_considered_or_acted_on() -> None:
    q = questionnaire("ceo")
    outside = next(question for question in q.questions if question.id == "outside-ceo-roles")
    assert outside.option
    assert outside.text == "CEO roles often come from outside the company"  # the page's words
    assert outside.prompt == "Have you considered this for your own path, or acted on it?"
    assert [(c.value, c.label) for c in outside.choices] == [
        (0, "Not considered"),
        (1, "Considered"),
        (2, "Acted on"),
    ]
    other = next(question for question in q.questions if question.id == "read-and-manage-pl")
    assert not other.option
    assert other.choices[3].label == "Demonstrated"


@pytest.mark.parametrize("options", [0, 1, 2, None, NA])
def test_options_to_weigh_count_in_no_score(options: Rating) -> None:
    """The CEO path's readiness, areas, gaps and confidence are the same whatever the
    options' answers are; the options' key action is no area."""
    q = questionnaire("ceo")
    ratings: dict[str, Rating] = {x.id: 2 for x in q.questions}
    ratings["read-and-manage-pl"] = 0
    for question in q.questions:
        if question.option:
            ratings[question.id] = options
    result = score(q, Answers("vp", "ceo", ratings=ratings))
    # 4 shifts (2), 9 behaviours (1), 5 indicators (3): 32 in weight, all at 2 of 3 but
    # one behaviour at 0: 100 × (32 − 1) × 2/3 / 32 = 64.6
    assert result.readiness == 64.6
    assert "alternative-paths" not in [a.action.id for a in result.areas]
    assert [a.number for a in result.areas] == [1, 2, 3]  # the fourth is the options
    assert not any(item.question.option for item in result.gaps)
    assert (result.confidence.questions, result.confidence.answered) == (18, 18)
    assert [(i.id, i.rating) for i in result.options] == [
        ("outside-ceo-roles", options),
        ("founder-experience", options),
        ("smaller-company-ceo", options),
    ]


def test_all_at_four_gives_100_and_all_at_zero_gives_0() -> None:
    q = questionnaire()
    top = score(q, answers_for(q, shift=4, behaviour=4, indicator=4))
    assert (top.readiness, top.band) == (100.0, "Ready now")
    assert [a.score for a in top.areas] == [100.0] * 4
    assert top.gaps == () and top.actions == ()
    bottom = score(q, answers_for(q, shift=0, behaviour=0, indicator=0))
    assert (bottom.readiness, bottom.band) == (0.0, "Early")
    assert [a.score for a in bottom.areas] == [0.0] * 4


def test_readiness_weighs_each_kind() -> None:
    q = questionnaire()
    result = score(q, answers_for(q, shift=2, behaviour=3, indicator=1))
    # 100 × (4 shifts × 2 × 2/3 + 12 behaviours × 1 × 1 + 5 indicators × 3 × 1/3)
    #     / (4 × 2 + 12 × 1 + 5 × 3) = 100 × 22.333 / 35
    assert result.readiness == 63.8
    assert result.band == "Developing"


def test_an_area_is_its_behaviours_and_linked_indicators() -> None:
    q = questionnaire()
    result = score(q, answers_for(q, shift=2, behaviour=3, indicator=1))
    # Product intuition: 3 behaviours at 1 (weight 1), and two linked indicators at 1/3
    # (weight 3): (3 + 1 + 1) / 9. External presence: one linked indicator: (3 + 1) / 6.
    assert {a.action.id: a.score for a in result.areas} == {
        "product-intuition": 55.6,
        "external-presence": 66.7,
        "technology-differentiation": 55.6,
        "business-acumen": 66.7,
    }
    assert [(a.answered, a.questions) for a in result.areas] == [(5, 5), (4, 4), (5, 5), (4, 4)]


def test_not_applicable_and_skipped_leave_both_sums() -> None:
    q = questionnaire()
    every = answers_for(q, shift=2, behaviour=3, indicator=1)
    base = score(q, every).readiness
    for left_out in (NA, None):
        answers = answers_for(q, shift=2, behaviour=3, indicator=1)
        answers.ratings["execution-to-vision"] = left_out
        # one shift fewer: 100 × (3 × 2 × 2/3 + 12 + 5) / 33 = 63.6
        assert score(q, answers).readiness == 63.6 != base


def test_nothing_rated_gives_no_readiness() -> None:
    q = questionnaire()
    result = score(q, answers_for(q, shift=NA, behaviour=None, indicator=None))
    assert result.readiness is None and result.band is None
    assert all(a.score is None for a in result.areas)


def test_gaps_are_ordered_by_priority() -> None:
    q = questionnaire()
    answers = answers_for(q, shift=3, behaviour=3, indicator=3)
    answers.ratings.update(
        {
            "speak-at-conferences": 0,  # gap 3 × weight 1 = 3
            "budget-to-strategy": 1,  # gap 2 × weight 2 = 4
            "ceo-and-board-relationships": 1,  # gap 2 × weight 3 = 6
            "lead-rnd-initiatives": 2,  # gap 1 × weight 1 = 1
        }
    )
    result = score(q, answers)
    assert [(i.id, i.gap, i.priority) for i in result.gaps] == [
        ("ceo-and-board-relationships", 2, 6),
        ("budget-to-strategy", 2, 4),
        ("speak-at-conferences", 3, 3),
        ("lead-rnd-initiatives", 1, 1),
    ]


def test_a_tie_in_priority_puts_the_heavier_question_first() -> None:
    q = questionnaire()
    answers = answers_for(q, shift=3, behaviour=3, indicator=3)
    answers.ratings.update({"speak-at-conferences": 0, "external-thought-leadership": 2})
    result = score(q, answers)
    # Both have priority 3: the behaviour by gap 3 × 1, the indicator by gap 1 × 3.
    assert [(i.id, i.priority) for i in result.gaps] == [
        ("external-thought-leadership", 3),
        ("speak-at-conferences", 3),
    ]


def test_development_actions_take_the_weakest_areas_and_what_is_under_target() -> None:
    q = questionnaire()
    answers = answers_for(q, shift=3, behaviour=3, indicator=3)
    answers.ratings.update({"speak-at-conferences": 0, "external-thought-leadership": 2})
    answers.ratings.update({"lead-rnd-initiatives": 2})
    result = score(q, answers)
    # External presence: (1 + 0 + 1 + 3 × 2/3) / 6 = 66.7; differentiation: (1 + 2/3 + 1 + 3
    # + 3) / 9 = 96.3; the other two areas are at 100 and get no action.
    assert [(d.action.id, d.area.score) for d in result.actions] == [
        ("external-presence", 66.7),
        ("technology-differentiation", 96.3),
    ]
    first = result.actions[0]
    assert [i.id for i in first.behaviours] == ["speak-at-conferences"]
    assert [i.id for i in first.indicators] == ["external-thought-leadership"]
    assert first.action.example is not None and first.action.example.startswith("Publish")


def test_band_is_held_back_by_a_low_indicator() -> None:
    q = questionnaire()
    answers = answers_for(q, shift=4, behaviour=4, indicator=4)
    answers.ratings["ceo-and-board-relationships"] = 1
    result = score(q, answers)
    # 100 × (8 + 12 + 4 × 3 + 3 × 1/3) / 35 = 94.3, but an indicator is under 2
    assert result.readiness == 94.3
    assert result.band == "Nearly ready"


def test_checked_pitfalls_point_at_the_key_actions_of_this_path() -> None:
    q = questionnaire()
    answers = answers_for(q, shift=3, behaviour=3, indicator=3)
    answers.pitfalls = {"no-functional-breadth"}
    result = score(q, answers)
    assert [(p.pitfall.id, [a.action.id for a in p.instead]) for p in result.pitfalls] == [
        ("no-functional-breadth", ["business-acumen"])
    ]


def test_confidence_counts_answers_and_evidence() -> None:
    q = questionnaire()
    answers = answers_for(q, shift=None, behaviour=None, indicator=None)
    answers.ratings.update(
        {"partner-with-product": 3, "speak-at-conferences": 4, "lead-rnd-initiatives": 1}
    )
    answers.ratings["execution-to-vision"] = NA
    answers.notes["partner-with-product"] = "Ran the Q3 discovery with Product"
    c = score(q, answers).confidence
    assert (c.questions, c.answered, c.at_target, c.evidenced) == (21, 4, 2, 1)
    assert c.answered_share == pytest.approx(4 / 21)
    assert c.evidence_share == 0.5
    assert c.incomplete


def test_half_answered_is_not_incomplete() -> None:
    q = questionnaire()
    answers = answers_for(q, shift=None, behaviour=None, indicator=None)
    for question in q.questions[:11]:
        answers.ratings[question.id] = 2
    assert not score(q, answers).confidence.incomplete  # 11 of 21
    answers.ratings[q.questions[10].id] = None
    assert score(q, answers).confidence.incomplete  # 10 of 21
