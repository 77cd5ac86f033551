"""Hostile files within the size limit: refused or accepted in bounded time and memory.

A role file or answers file from someone else can hold tens of thousands of mistakes, each
of which once cost a "did you mean" against every known name (a 1 MiB role file did not
finish in five minutes). Now the first 100 problems of a file are listed and the rest
counted, and suggestions have a budget. The files are built here, near 1 MiB where it
matters; the time and memory of the whole process are measured outside the tests (see the
README's "Speed"), which check what the user sees.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from laddercli.assessment.questions import build_questionnaire, question_ids
from laddercli.roles.catalog import load_catalog
from laddercli.roles.checks import MAX_PROBLEMS, SUGGESTION_BUDGET, Suggester, did_you_mean
from laddercli.roles.yamlsafe import MAX_FILE_BYTES

Run = Callable[..., Any]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def fill(name: str, head: Iterable[str], line: Callable[[int], str], most: int) -> int:
    """Write ``head`` then ``line(0)``, ``line(1)`` ... while the file stays within the size
    limit, ``most`` lines at most; answer how many were written."""
    lines = list(head)
    size = sum(len(x) + 1 for x in lines)
    n = 0
    while n < most:
        text = line(n)
        if size + len(text) + 1 > MAX_FILE_BYTES:
            break
        lines.append(text)
        size += len(text) + 1
        n += 1
    Path(name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return n


def problem_lines(output: str, summary: str) -> tuple[list[str], str]:
    """The problems listed, and the line that counts the rest."""
    lines = output.splitlines()
    assert lines[-1] == summary, lines[-3:]
    return lines[:-2], lines[-2]


# --- role files --------------------------------------------------------------------------------

PATH_HEAD = [
    "id: hostile",
    "title: Hostile",
    "paths:",
    "  cto:",
    "    shifts: [{id: s, from: a, to: b}]",
]


def test_a_1_mib_role_file_of_near_miss_key_action_links(ladder: Run) -> None:
    """3,000 key actions and tens of thousands of links to names one letter off."""
    actions = [
        f"    - {{id: action-{a:05d}, title: T, behaviours: [{{id: b-{a:05d}, text: x}}]}}"
        for a in range(3000)
    ]
    head = [*PATH_HEAD, "    actions:", *actions]
    head += ["    indicators:", "    - id: i", "      text: t", "      actions:"]
    links = fill("hostile.yaml", head, lambda n: f"      - actoin-{n % 3000:05d}", 100_000)
    assert links > 30_000
    assert Path("hostile.yaml").stat().st_size > MAX_FILE_BYTES - 100

    result = ladder("validate", "hostile.yaml")
    assert result.exit_code == 2, result.output
    listed, more = problem_lines(result.output, "The file has problems.")
    assert len(listed) == MAX_PROBLEMS
    assert listed[0] == (
        f"hostile.yaml:{len(head) + 1}:9: paths.cto.indicators[0].actions[0]: no key action "
        "'actoin-00000' in paths.cto.actions (did you mean 'action-00000'?)"
    )
    # Each suggestion compares with 3,000 names: the budget pays for the first few only.
    assert listed[-1] == (
        f"hostile.yaml:{len(head) + 100}:9: paths.cto.indicators[0].actions[99]: no key "
        "action 'actoin-00099' in paths.cto.actions"
    )
    assert more == f"hostile.yaml: ... and {links - 100:,} more problems in this file"


def test_a_role_file_of_100000_wrong_values(ladder: Run) -> None:
    """The most values a file may hold, each one a problem (a number where text goes)."""
    head = ["id: hostile", "title: Hostile", "responsibilities:", "- heading: x", "  items:"]
    count = fill("hostile.yaml", head, lambda n: f"  - {n}", 99_980)

    result = ladder("validate", "hostile.yaml", "--format", "json")
    assert result.exit_code == 2, result.output
    (report,) = json.loads(result.output)["files"]
    problems = report["problems"]
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[0] == {
        "line": 6,
        "column": 5,
        "field": "responsibilities[0].items[0]",
        "message": "expected text, got the number 0 (put it in quotes)",
    }
    assert problems[-1] == {
        "line": None,
        "column": None,
        "field": "",
        "message": f"... and {count - MAX_PROBLEMS:,} more problems in this file",
    }


def test_thousands_of_unknown_fields_each_near_a_known_one(ladder: Run) -> None:
    count = fill("hostile.yaml", ["id: hostile", "title: H"], lambda n: f"sumary{n}: x", 5000)
    result = ladder("validate", "hostile.yaml")
    assert result.exit_code == 2
    listed, more = problem_lines(result.output, "The file has problems.")
    assert listed[0] == (
        "hostile.yaml:3:1: sumary0: unknown field 'sumary0' (did you mean 'summary'?)"
    )
    assert len(listed) == MAX_PROBLEMS
    assert more == f"hostile.yaml: ... and {count - MAX_PROBLEMS:,} more problems in this file"


def test_shared_pitfalls_that_name_no_key_action_of_hundreds_of_paths(ladder: Run) -> None:
    """Each shared pitfall must name a key action of every path: 300 paths and 400
    pitfalls that each name one make 119,600 problems, counted without making each."""
    head = ["id: hostile", "title: Hostile", "paths:"]
    for p in range(300):
        head += [
            f"  r{p}:",
            f"    shifts: [{{id: s{p}, from: a, to: b}}]",
            f"    actions: [{{id: a{p}, title: T, behaviours: [{{id: b{p}, text: x}}]}}]",
            f"    indicators: [{{id: i{p}, text: t, actions: [a{p}]}}]",
        ]
    head += ["transitions:", "  pitfalls:"]
    fill("hostile.yaml", head, lambda n: f"  - {{id: p{n}, text: t, actions: [a0]}}", 400)

    result = ladder("validate", "hostile.yaml")
    assert result.exit_code == 2
    lines = result.output.splitlines()
    pitfalls = [line for line in lines if "guards against it" in line]
    assert len(pitfalls) == MAX_PROBLEMS
    # The first pitfall's first hundred paths (r0 has its key action), all at one place.
    at = f"hostile.yaml:{len(head) + 1}:32: transitions.pitfalls[0].actions: "
    assert sorted(pitfalls) == sorted(
        f"{at}pitfall 'p0' names no key action of paths.r{p}; name one that guards against it there"
        for p in range(1, 101)
    )
    # The paths lead to roles not in the catalog either: those are counted on their own.
    assert lines[-3:] == [
        f"hostile.yaml: ... and {400 * 299 - MAX_PROBLEMS:,} more problems in this file",
        "hostile.yaml: ... and 200 more links to roles not in the catalog",
        "The file has problems.",
    ]


def test_thousands_of_links_to_roles_not_in_the_catalog(ladder: Run) -> None:
    head = ["id: hostile", "title: Hostile", "notes:", "- text: x", "  roles:"]
    count = fill("hostile.yaml", head, lambda n: f"  - ctoo{n}", 20_000)
    result = ladder("validate", "hostile.yaml")
    assert result.exit_code == 2
    listed, more = problem_lines(result.output, "The file has problems.")
    assert listed[0] == (
        "hostile.yaml:6:5: notes[0].roles[0]: no role 'ctoo0' in the catalog (did you mean 'cto'?)"
    )
    assert len(listed) == MAX_PROBLEMS
    assert more == (
        f"hostile.yaml: ... and {count - MAX_PROBLEMS:,} more links to roles not in the catalog"
    )


def test_thousands_of_repeated_ids(ladder: Run) -> None:
    head = [*PATH_HEAD, "    indicators: [{id: i, text: t, actions: [a]}]", "    actions:"]
    head += ["    - id: a", "      title: T", "      behaviours:"]
    count = fill("hostile.yaml", head, lambda n: "      - {id: b, text: x}", 5000)
    result = ladder("validate", "hostile.yaml")
    assert result.exit_code == 2
    listed, more = problem_lines(result.output, "The file has problems.")
    first = len(head) + 1
    assert listed[0] == (
        f"hostile.yaml:{first + 1}:14: paths.cto.actions[0].behaviours[1].id: duplicate id 'b' "
        f"(first at line {first})"
    )
    assert len(listed) == MAX_PROBLEMS
    assert more == f"hostile.yaml: ... and {count - 1 - MAX_PROBLEMS:,} more problems in this file"


def test_one_problem_more_is_said_as_one(ladder: Run) -> None:
    head = ["id: hostile", "title: Hostile", "notes:", "- text: x", "  roles:"]
    fill("hostile.yaml", head, lambda n: f"  - nobody{n}", MAX_PROBLEMS + 1)
    result = ladder("validate", "hostile.yaml")
    assert result.output.splitlines()[-2] == (
        "hostile.yaml: ... and 1 more link to a role not in the catalog"
    )


# --- suggestions within a budget -----------------------------------------------------------------


def test_a_suggestion_is_difflibs_closest_match() -> None:
    choices = ["partner-with-product", "speak-at-conferences", "write-about-strategy"]
    for word in ("partner-with-prodcut", "speak-at-conference", "strategy", "zzz"):
        close = difflib.get_close_matches(word, choices, n=1)
        expected = f" (did you mean {close[0]!r}?)" if close else ""
        assert did_you_mean(word, choices) == expected
        assert Suggester()(word, set(choices)) == expected


def test_suggestions_stop_when_the_budget_is_spent() -> None:
    choices = [f"action-{n:05d}" for n in range(3000)]
    suggest = Suggester()
    made = [suggest(f"actoin-{n:05d}", choices) for n in range(20)]
    assert made[0] == " (did you mean 'action-00000'?)"
    assert made[-1] == ""
    spent = SUGGESTION_BUDGET - suggest.left
    assert 0 < spent <= SUGGESTION_BUDGET
    # Once it is spent, a name is answered at once, whatever the number of choices.
    assert suggest("actoin-00001", choices) == ""
    # A small suggestion still fits where a large one did not.
    assert suggest("titel", ["title", "summary"]) == " (did you mean 'title'?)"


def test_one_suggestion_too_costly_for_the_whole_budget_is_not_made() -> None:
    near = "a" * 63 + "b"
    huge = ["b" * 64] * 499 + [near]  # 500 names of 64 characters, one of them near
    assert did_you_mean("a" * 64, huge) == ""
    assert Suggester(budget=10**9)("a" * 64, huge) == f" (did you mean {near!r}?)"


# --- answers files -----------------------------------------------------------------------------

ANSWERS_HEAD = ["from: vp", "to: cto", "answers:"]
NEAR = ("partner-with-product", "speak-at-conferences", "known-thought-leader")


def test_a_1_mib_answers_file_of_near_miss_ids(ladder: Run) -> None:
    count = fill("hostile.yaml", ANSWERS_HEAD, lambda n: f"  {NEAR[n % 3][:-1]}{n}: 3", 100_000)
    assert count > 30_000

    result = ladder("report", "hostile.yaml")
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == MAX_PROBLEMS + 1
    assert lines[0] == (
        "hostile.yaml:4:3: answers.partner-with-produc0: unknown question id "
        "'partner-with-produc0' for vp → cto (did you mean 'partner-with-product'?)"
    )
    assert lines[-1] == f"hostile.yaml: ... and {count - MAX_PROBLEMS:,} more problems in this file"


def test_thousands_of_unknown_ids_of_no_path(ladder: Run) -> None:
    """Before listing unknown ids, each other path is tried as the one meant: once."""
    count = fill("hostile.yaml", ANSWERS_HEAD, lambda n: f"  x{n}: 3", 5000)
    result = ladder("report", "hostile.yaml")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == "hostile.yaml:4:3: answers.x0: unknown question id 'x0' for vp → cto"
    assert lines[-1] == f"hostile.yaml: ... and {count - MAX_PROBLEMS:,} more problems in this file"


def test_thousands_of_unknown_fields_at_the_top_of_an_answers_file(ladder: Run) -> None:
    count = fill("hostile.yaml", ["from: vp", "to: cto"], lambda n: f"answer{n}: 3", 5000)
    result = ladder("report", "hostile.yaml")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert (
        lines[0] == "hostile.yaml:3:1: answer0: unknown field 'answer0' (did you mean 'answers'?)"
    )
    assert lines[-1] == f"hostile.yaml: ... and {count - MAX_PROBLEMS:,} more problems in this file"


def test_thousands_of_near_miss_pitfall_ids(ladder: Run) -> None:
    head = ["from: vp", "to: cto", "pitfalls:"]
    count = fill("hostile.yaml", head, lambda n: f"  no-board-relationship{n}: true", 5000)
    result = ladder("report", "hostile.yaml")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "hostile.yaml:4:3: pitfalls.no-board-relationship0: unknown pitfall id "
        "'no-board-relationship0' (did you mean 'no-board-relationships'?)"
    )
    assert lines[-1] == f"hostile.yaml: ... and {count - MAX_PROBLEMS:,} more problems in this file"


def test_an_answer_of_thousands_of_unknown_fields(ladder: Run) -> None:
    head = [*ANSWERS_HEAD, "  partner-with-product:"]
    count = fill("hostile.yaml", head, lambda n: f"    n{n}: 3", 5000)
    result = ladder("report", "hostile.yaml")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "hostile.yaml:5:5: answers.partner-with-product.n0: unknown field 'n0' (an answer has "
        "rating and note)"
    )
    assert lines[-1] == f"hostile.yaml: ... and {count - MAX_PROBLEMS:,} more problems in this file"


def test_the_ids_of_a_path_are_the_questions_it_asks() -> None:
    catalog = load_catalog(cache=False)
    for role in catalog.roles:
        for view in catalog.paths_from(role):
            assert question_ids(view) == set(build_questionnaire(view).ids())
