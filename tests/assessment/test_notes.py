"""Notes typed into the answers template: kept whole, or refused with their line and a fix.

YAML reads ' #' as the start of a comment and ': ' as the start of a field, which cut a note
such as ``Budget owner for teams #2 and #3`` short without a word, or stopped the file with
the parser's words; an indentation lost in an e-mail gave "duplicate key 'rating'" alone
(issue 15, item 5).
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from laddercli.assessment.answers import (
    Answers,
    answers_json,
    answers_yaml,
    load_answers,
    parse_answers,
)
from laddercli.assessment.questions import Questionnaire, build_questionnaire, named_path
from laddercli.roles.catalog import Catalog, load_catalog
from tests.helpers import CTO_IDS

# --- what ladder writes, it reads back ----------------------------------------------------------

CATALOG: list[Catalog] = []


def questionnaire() -> tuple[Catalog, Questionnaire]:
    if not CATALOG:
        CATALOG.append(load_catalog())
    return CATALOG[0], build_questionnaire(named_path(CATALOG[0], "vp", "cto"))


# A note as ladder holds one: any text, its ends stripped (a note is read stripped)
NOTES = (
    st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=60)
    .map(str.strip)
    .filter(bool)
)
TRICKY = st.sampled_from(
    [
        "Budget owner for teams #2 and #3",
        "Ran it: with Product",
        "#1",
        "- a list?",
        "null",
        "3",
        "'single' and \"double\" quotes",
        "line one\nline two\r\nline three",
        "🚀 launch, 漢字, Ünïcödé, العربية",
        "| a block?",
        "key: {value}",
        "tab\there",
        "\ufeffbom",
        "non\ufffecharacter\uffff",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notes=st.lists(st.one_of(TRICKY, NOTES), min_size=1, max_size=4))
@example(notes=["Budget owner for teams #2 and #3", "Ran it: with Product"])
def test_any_note_ladder_writes_reads_back_the_same(notes: list[str]) -> None:
    catalog, q = questionnaire()
    answers = Answers("vp", "cto")
    for qid, note in zip(CTO_IDS, notes, strict=False):
        answers.ratings[qid] = 3
        answers.notes[qid] = note
    for text in (answers_yaml(q, answers), answers_json(q, answers)):
        _, back = load_answers(parse_answers(text, "answers.yaml"), catalog)
        assert back.notes == answers.notes
