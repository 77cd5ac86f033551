"""Smaller faults found by new users: what is said first without a terminal, how a stop
counts the answers, singular and plural, tables and prose at 50, 80 and 200 columns, the
help, role-file messages in our words, and the history of someone not yet assessed."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.input import PipeInput

from laddercli.history.store import NewAssessment, Store
from tests.helpers import CTRL_C, DATA, ENTER, ROOT, flat, rate
from tests.helpers.terminal import LADDER, Terminal, question_waits

Ladder = Callable[..., Any]


def refused(result: Any, code: int, message: str) -> None:
    """Exit ``code``, with ``message`` as the whole of standard error."""
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    assert result.stderr == message + "\n"


# --- no such path, before "needs a terminal" ----------------------------------------------------


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["cto", "--from", "ceo"], "there is no path from CEO to CTO. Paths into CTO: vp → cto."),
        (
            ["vp"],
            "no role has a path into VP; VP is where paths start: name where you are going, "
            "such as ladder assess cto --from vp (the paths: vp → cto, vp → ceo)",
        ),
        (["--from", "cto"], "CTO has no path to assess from; the paths: vp → cto, vp → ceo"),
    ],
)
def test_without_a_terminal_a_path_that_does_not_exist_is_said_first(
    ladder: Ladder, args: list[str], said: str
) -> None:
    refused(ladder("assess", *args), 2, f"ladder: {said}")


def test_without_a_terminal_a_path_that_exists_needs_a_terminal(ladder: Ladder) -> None:
    result = ladder("assess", "cto", "--from", "vp")
    assert result.exit_code == 2
    assert result.stderr.startswith("ladder: the questionnaire needs a terminal")


# --- a stop counts the skips --------------------------------------------------------------------


def test_a_stop_says_how_many_were_skipped(ladder: Ladder, keys: PipeInput) -> None:
    keys.send_text(rate(3, 2, 1, 0, "s", 4, 3, 2, 1, 0) + CTRL_C)
    stopped = ladder("assess", "cto")
    assert stopped.exit_code == 130, stopped.output
    assert "Stopped at question 11 of 22, with 9 answers given and 1 skipped." in flat(
        stopped.stderr
    )


def test_the_offer_to_continue_counts_as_the_stop_did(ladder: Ladder, keys: PipeInput) -> None:
    keys.send_text(rate("s", 2) + CTRL_C)
    assert ladder("assess", "cto").exit_code == 130
    keys.send_text("n" + ENTER + CTRL_C)
    offered = flat(ladder("assess", "cto").stderr)
    assert ": 1 answer given and 1 skipped; it goes on at question 3 of 22." in offered


# --- singular and plural ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "moved"), [(67.6, "up 1 point"), (69.6, "down 1 point"), (66.6, "up 2 points")]
)
def test_since_last_time_says_1_point(
    ladder: Ladder, tmp_path: Path, before: float, moved: str
) -> None:
    with Store.open(tmp_path / "ladder-home" / "history.sqlite3") as db:
        db.save(
            NewAssessment(
                "2026-11-01T10:00:00+00:00",
                "vp",
                "cto",
                "self",
                None,
                "0" * 12,
                before,
                "Nearly ready",
                (),
                {},
            )
        )
    result = ladder("assess", "--answers", str(DATA / "answers-vp-cto.yaml"))
    assert result.exit_code == 0, result.output
    assert (
        f"Since last time: {moved}, from {before} in assessment #1 on 2026-11-01." in result.stdout
    )


def test_one_of_each(ladder: Ladder, role_dir: Callable[..., Path], keys: PipeInput) -> None:
    """A path with one key shift, one key action of one behaviour, one readiness indicator
    and one pitfall: no "1 pitfalls" anywhere."""
    folder = role_dir(
        cfo="""\
        id: cfo
        title: Chief Financial Officer
        short_title: CFO
        paths:
          ceo:
            shifts:
              - {id: cost-to-growth, from: Cost, to: Growth}
            actions:
              - id: own-growth
                title: Own Growth
                behaviours:
                  - {id: plan-growth, text: Plan growth}
            indicators:
              - {id: grows, text: Grows, actions: [own-growth]}
            pitfalls:
              - {id: hoard, text: Hoarding cash, actions: [own-growth]}
        """
    )
    template = ladder(
        "--roles",
        str(folder),
        "assess",
        "ceo",
        "--from",
        "cfo",
        "--template",
        "-o",
        str(folder.parent / "a.yaml"),
    )
    assert template.exit_code == 0, template.output
    assert "(4 questions)" in template.stderr
    (folder.parent / "a.yaml").write_text("from: cfo\nto: ceo\nanswers:\n  cost-to-growth: 3\n")
    report = ladder("--roles", str(folder), "report", str(folder.parent / "a.yaml"))
    assert report.exit_code == 0, report.output
    assert "(3 questions, 1 pitfall)" in report.stdout
    assert "1 of the 3 questions to rate is answered" in " ".join(report.stdout.split())
    keys.send_text(CTRL_C)
    asked = ladder("--roles", str(folder), "assess", "ceo", "--from", "cfo")
    assert asked.exit_code == 130, asked.output
    assert (
        "4 questions, about 2 minutes: 1 key shift, 1 behaviour of the 1 key action, 1 "
        "readiness indicator, then the common pitfalls." in flat(asked.stderr)
    )


# --- tables at 80 columns: words wrap whole --------------------------------------------------


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+(?:[-'’./]\w+)*", text))


PANEL = [DATA / f"panel-{r}.yaml" for r in ("self", "manager", "peer-1")]
LONG_NAME = "Alexandra Konstantinopoulou-Whitfield"


def test_a_panel_report_at_80_columns_cuts_no_word(
    ladder: Ladder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long rater name and "not answered" cells in columns of their own: the words shown
    at 300 columns, where nothing wraps, are the words shown at 80 (none cut in two), and
    no line is wider than 80."""
    peer = tmp_path / "peer.yaml"
    text = PANEL[2].read_text().replace("rater: peer-1", f"rater: {LONG_NAME}")
    peer.write_text(text.replace("  execution-to-vision: 2\n", "  execution-to-vision: null\n"))
    manager = tmp_path / "manager.yaml"
    manager.write_text(PANEL[1].read_text().replace("rater: manager", "rater: Dana's manager"))
    args = ["report", "--named", str(PANEL[0]), str(manager), str(peer)]
    monkeypatch.setenv("COLUMNS", "300")
    wide = ladder(*args)
    monkeypatch.setenv("COLUMNS", "80")
    shown = ladder(*args)
    assert shown.exit_code == wide.exit_code == 0, shown.output
    assert [line for line in shown.stdout.splitlines() if len(line) > 80] == []
    assert words(wide.stdout) - words(shown.stdout) == set()
    assert words(shown.stdout) - words(wide.stdout) == set()  # no piece of a word cut
    assert "not answered" in shown.stdout and LONG_NAME.split()[1] in shown.stdout


def test_the_history_at_80_columns_cuts_no_word(ladder: Ladder, tmp_path: Path) -> None:
    for n, answers in enumerate(PANEL):
        named = tmp_path / f"{n}.yaml"
        named.write_text(
            answers.read_text()
            .replace("person: Dana Lee", "person: Alexandra Konstantinopoulou")
            .replace("2026-11-0", "2026-12-0")
        )
        assert ladder("assess", "--answers", str(named)).exit_code == 0
    shown = ladder("history")
    assert shown.exit_code == 0, shown.output
    assert [line for line in shown.stdout.splitlines() if len(line) > 80] == []
    for word in (
        "Konstantinopoulou",
        "2026-12-02",
        "2026-12-05",
        "2026-12-07",
        "manager",
        "Nearly",
    ):
        assert word in shown.stdout


# --- the scale at 50 columns, prose at 200 ------------------------------------------------


def test_the_scale_at_50_columns_keeps_every_anchor(tmp_path: Path) -> None:
    """On a real terminal of 50 columns, the choices of a behaviour's scale wrap under
    their number, each with its anchor (the target's had lost it)."""
    with Terminal([*LADDER, "assess", "cto"], columns=50) as term:
        term.expect(question_waits(1))
        for number in range(2, 6):
            term.send("3\r")
            term.expect(question_waits(number))
        term.send(CTRL_C)
        assert term.wait() == 130
    screen = flat(term.text.split("5/22 ·")[-1])
    for anchor in (
        "0) Not yet: not done yet, or only in passing",
        "3) Demonstrated: consistently; others could name examples",
        "4) Role model: known for it; others learn it from you",
        "n) Not applicable: left out of the score",
    ):
        assert anchor in screen


TABLE = ("│", "╭", "├", "╰")


def prose_over(text: str, width: int, *, but: str = "\0") -> list[str]:
    """Lines wider than ``width`` other than a table's; a line naming ``but`` (a path, shown
    whole so that it can be copied) is let be."""
    return [
        line
        for line in text.splitlines()
        if len(line) > width and not line.lstrip().startswith(TABLE) and but not in line
    ]


@pytest.mark.parametrize(
    "args",
    [["show", "vp"], ["report", str(DATA / "answers-vp-cto.yaml")], ["report", *map(str, PANEL)]],
)
def test_prose_at_200_columns_is_at_most_100_wide(
    ladder: Ladder, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    shown = ladder(*args)
    assert shown.exit_code == 0, shown.output
    assert prose_over(shown.stdout, 100) == []
    if "Areas" not in shown.stdout or "Others" in shown.stdout:  # the one-rater report: no table
        assert max(len(line) for line in shown.stdout.splitlines()) > 100  # tables take more


def test_the_questionnaire_at_200_columns_is_at_most_100_wide(
    ladder: Ladder, keys: PipeInput, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    keys.send_text((rate(3) + ENTER) * 2 + CTRL_C)  # a rating, then no note; twice
    done = ladder("assess", "cto", "--evidence")
    assert done.exit_code == 130, done.output
    assert prose_over(done.stderr, 100, but=str(tmp_path)) == []
    assert "Evidence, if you like" in done.stderr


# --- role-file messages in our words, at the line of the mistake ---------------------------

NOTES = "notes:\n" + "".join(f"  - text: note {n}\n" for n in range(8))
SYNTAX = {
    "a quote not closed, closed by the next one ten lines on": (
        'id: cfo\ntitle: "CFO\nsummary: Money\n' + NOTES + '  - text: "a quoted note"\n',
        "2:8: not valid YAML: the quoted text that starts here runs on to line 13: is its "
        "closing quote missing?",
    ),
    "a quote never closed": (
        'id: cfo\ntitle: "CFO\n' + NOTES,
        "2:8: not valid YAML: the quoted text that starts here is never closed: add its "
        "closing quote",
    ),
    "a key indented one space less than its siblings": (
        "id: cfo\nscope:\n  - label: Team\n    value: ten\n   label: Budget\n" + NOTES,
        "5:4: not valid YAML: the indentation goes wrong here: this line is indented 3 "
        "spaces, which lines up with no key or list item above it",
    ),
    "a key that falls back between two levels": (
        "id: cfo\ndimensions:\n    Team: ten\n  Budget: x\n" + NOTES,
        "4:3: not valid YAML: the indentation goes wrong here: this line is indented 2 "
        "spaces, which lines up with no key above it",
    ),
    "a key at the level of a list's items": (
        "id: cfo\nresponsibilities:\n  - heading: A\n    items: [a]\n  skills: []\n",
        "5:3: not valid YAML: this line is indented like the list items above it, but is not "
        "one (an item starts with '- '): indent it to its key",
    ),
    "a tab": (
        "id: cfo\ndimensions:\n\tTeam: ten\n",
        "3:1: not valid YAML: a tab indents this line, and YAML indents with spaces only: use "
        "spaces, not tabs",
    ),
    "a tab after spaces": (
        "id: cfo\ndimensions:\n  Team: ten\n  \tBudget: x\n",
        "4:3: not valid YAML: a tab indents this line, and YAML indents with spaces only: use "
        "spaces, not tabs",
    ),
    "a list not closed": (
        "id: cfo\ntitle: CFO\nnotes: [a, b\nsummary: x\n",
        "3:8: not valid YAML: the '[' opened here is not closed on its line: add ']'",
    ),
    "a key without its colon": (
        "id: cfo\ntitle CFO\nsummary: x\n",
        "2:1: not valid YAML: a line with no ':' after its key: write key: value, or check the "
        "line",
    ),
    "text after a closing quote": (
        'id: cfo\ntitle: "CFO" Officer\n',
        "2:14: not valid YAML: text after the closing quote: put the whole value in quotes; a "
        'quote inside the value ends it, so write one there as \\" (or put the value in '
        "single quotes, doubling any ' inside)",
    ),
    "a value starting with @": (
        "id: cfo\ntitle: @cfo\n",
        "2:8: not valid YAML: a value cannot start with '@': put it in quotes",
    ),
}


@pytest.mark.parametrize("case", SYNTAX)
def test_a_yaml_mistake_is_said_in_our_words_at_its_line(
    ladder: Ladder, tmp_path: Path, case: str
) -> None:
    text, said = SYNTAX[case]
    role = tmp_path / "cfo.yaml"
    role.write_text(text)
    result = ladder("validate", str(role))
    assert result.exit_code == 2, result.output
    assert result.stdout == f"{role}:{said}\nThe file has problems.\n"


# --- behaviors, the US spelling -----------------------------------------------------------------

VP = ROOT / "roles" / "vp.yaml"


def test_behaviors_is_read_as_behaviours(ladder: Ladder, tmp_path: Path) -> None:
    us = tmp_path / "vp.yaml"
    us.write_text(
        VP.read_text().replace("behaviours:", "behaviors:").replace("behaviour:", "behavior:")
    )
    checked = ladder("validate", str(us))
    assert (checked.exit_code, checked.stdout) == (
        0,
        f"{us}: valid (role vp)\nThe file is valid.\n",
    )
    shown = ladder("--roles", str(tmp_path), "show", "vp", "-f", "json")
    assert shown.exit_code == 0, shown.output
    assert shown.stdout == ladder("show", "vp", "-f", "json").stdout  # the same role


def test_both_spellings_at_once_is_one_message(ladder: Ladder, tmp_path: Path) -> None:
    text = VP.read_text()
    first = text.index("        behaviours:")
    role = tmp_path / "vp.yaml"
    role.write_text(text[:first] + "        behaviors: [{id: extra, text: More}]\n" + text[first:])
    checked = ladder("validate", str(role))
    assert checked.exit_code == 2
    line = text[:first].count("\n") - 1  # the key action's first line: "- id: ..."
    assert checked.stdout.splitlines()[:-1] == [
        f"{role}:{line}:9: paths.cto.actions[0]: give behaviours or behaviors, not both"
    ]


def test_a_problem_under_behaviors_is_found_at_its_line(ladder: Ladder, tmp_path: Path) -> None:
    text = VP.read_text().replace("behaviours:", "behaviors:")
    first = text.index("          - id: ", text.index("behaviors:"))
    second = text.index("          - id: ", first + 1)
    ident = text[first + len("          - id: ") : text.index("\n", first)]
    role = tmp_path / "vp.yaml"
    role.write_text(text[:second] + f"          - {{id: {ident}, text: Again}}\n" + text[second:])
    checked = ladder("validate", str(role))
    assert checked.exit_code == 2
    line = text[:second].count("\n") + 1
    assert checked.stdout.startswith(f"{role}:{line}:")
    assert f"duplicate id {ident!r}" in checked.stdout


def test_the_schema_takes_either_spelling() -> None:
    """What an editor's validator reads: either spelling, one of them required; not both."""
    schema = json.loads((VP.parent / "role.schema.json").read_text())
    action = schema["$defs"]["KeyAction"]
    assert action["properties"]["behaviors"]["items"] == action["properties"]["behaviours"]["items"]
    assert action["oneOf"] == [{"required": ["behaviours"]}, {"required": ["behaviors"]}]
    assert "behaviours" not in action["required"]
    assert schema["$defs"]["Weights"]["not"] == {"required": ["behaviour", "behavior"]}


# --- the history of someone not assessed yet ------------------------------------------------


def test_the_history_of_someone_not_assessed_yet(ladder: Ladder) -> None:
    assert ladder("assess", "--answers", str(PANEL[1])).exit_code == 0  # manager, on Dana Lee
    trend = ladder("history", "cto", "--person", "Nobody")
    assert trend.exit_code == 0, trend.output
    assert trend.stdout.endswith(
        "No assessments about Nobody saved for this target yet.\n\n"
        "Take one:\n  ladder assess cto --person Nobody\n"
        "Every one saved:\n  ladder history\n"
    )
    listed = ladder("history", "--person", "Nobody")
    assert listed.exit_code == 0, listed.output
    assert listed.stdout == (
        "Assessment history\n══════════════════\nNo assessments about Nobody saved yet.\n\n"
        "Every one saved:\n  ladder history\n"
    )
    by = flat(ladder("history", "cto", "--rater", "manager", "--person", "Nobody").stdout)
    assert "No assessments about Nobody by rater manager saved for this target yet." in by
