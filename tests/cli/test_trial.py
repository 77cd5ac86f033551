"""A new user's trial of ladder from the README alone: commands to copy that stay whole,
names in any case in the history, what a resumed questionnaire says, the help, the
questionnaire's first Enter, private files, a duplicate role's own problems, the areas of a
first assessment, the README's figures, and the words for what -o wrote."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.input import PipeInput

from tests.helpers import CTO_IDS, CTRL_C, DATA, ENTER, ROOT, fill, flat, rate, ratings_of, saved

Ladder = Callable[..., Any]

DIRECTOR = """\
id: director
title: Director of Engineering
short_title: Director
dimensions:
  Primary focus: Delivery across several teams
paths:
  vp:
    shifts:
      - {id: teams-to-org, from: Leading teams, to: Leading an organization}
    actions:
      - id: own-a-budget
        title: Own a Budget
        behaviours:
          - {id: plan-headcount, text: Plan headcount a year ahead}
        example: Take over the budget of your group for a year.
    indicators:
      - id: runs-an-org
        text: Runs an organization of several teams
        actions: [own-a-budget]
    pitfalls:
      - {id: hero-mode, text: Solving problems yourself, actions: [own-a-budget]}
"""


# --- commands to copy stay whole ----------------------------------------------------------


@pytest.fixture
def our_roles(tmp_path: Path) -> Path:
    """A role folder whose name makes every hint's command wider than the screen."""
    folder = tmp_path / "a-folder-of-our-own-roles-with-a-long-name" / "our-roles"
    folder.mkdir(parents=True)
    (folder / "director.yaml").write_text(DIRECTOR, encoding="utf-8")
    return folder


def commands_in(text: str) -> list[str]:
    """The lines that hold a ladder command; each must be the command alone, indented."""
    found = [line for line in text.splitlines() if "ladder " in line or line.endswith("ladder")]
    for line in found:
        assert line.startswith("  ladder "), f"a command is broken or run into prose: {line!r}"
    return [line.strip() for line in found]


@pytest.mark.parametrize("terminal", [False, True], ids=["pipe", "terminal"])
def test_commands_to_copy_are_never_broken(
    ladder: Ladder, our_roles: Path, monkeypatch: pytest.MonkeyPatch, terminal: bool
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    if terminal:  # styled, and lines the layout did not fit are wrapped by the renderer
        monkeypatch.setenv("TTY_COMPATIBLE", "1")
        monkeypatch.setenv("TERM", "dumb")
    roles = f"ladder --roles {our_roles}"

    def run(*args: str) -> list[str]:
        result = ladder("--roles", str(our_roles), *args)
        assert result.exit_code == 0, result.output
        return commands_in(result.stdout)

    assert run("roles") == [f"{roles} show director", f"{roles} compare director vp cto"]
    assert run("show", "director") == [f"{roles} compare director vp cto ceo"]
    assert run("compare", "director", "vp") == [f"{roles} show director"]
    assert run("history", "cto", "--rater", "nobody") == [
        f"{roles} assess cto --rater nobody",
        f"{roles} history",
    ]


def test_a_template_says_the_command_on_a_line_of_its_own(ladder: Ladder, tmp_path: Path) -> None:
    out = tmp_path / "my answers.yaml"
    result = ladder("assess", "cto", "--template", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stderr.endswith(f"Fill it in, then run:\n  ladder assess --answers '{out}'\n")


def test_the_question_and_its_number_stay_on_one_line(
    ladder: Ladder, keys: PipeInput, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    keys.send_text(rate(*[2] * 13) + CTRL_C)
    stopped = ladder("assess", "cto")
    assert stopped.exit_code == 130, stopped.output
    keys.send_text(CTRL_C)
    resumed = ladder("assess", "--resume")
    said = stopped.stderr + resumed.stderr
    assert "\nStopped at question 14 of 22, with 13\n" in said
    assert "\nquestion 14 of 22.\n" in said  # Continuing your questionnaire ... from
    assert said.count("question 14 of 22") == 3  # and where the resumed one stopped


# --- a resumed questionnaire says whose it is ---------------------------------------------


def test_resume_alone_says_whose_questionnaire_it_continues(
    ladder: Ladder, keys: PipeInput
) -> None:
    keys.send_text(rate(1, 2) + CTRL_C)
    assert ladder("assess", "cto", "--rater", "manager", "--person", "王芳").exit_code == 130
    keys.send_text(CTRL_C)
    resumed = flat(ladder("assess", "--resume").stderr)
    assert (
        "Continuing your questionnaire for VP of Engineering → CTO (rater manager), about 王芳, "
        "from question 3 of 22. Not about you: you answer as manager, about 王芳: the "
        "questions ask about them. 3/22 · Key shift" in resumed
    )
    assert "Where is 王芳 between the two today?" in resumed
    keys.send_text(rate(3) + CTRL_C)  # one's own, with no person: said as before
    assert ladder("assess", "cto").exit_code == 130
    keys.send_text(CTRL_C)
    own = flat(ladder("assess", "--resume").stderr)
    assert "Continuing your questionnaire for VP of Engineering → CTO from question 2 of 22." in own
    assert "Not about you" not in own


# --- the questionnaire's first Enter ------------------------------------------------------


def test_enter_alone_on_a_new_question_never_records_a_zero(
    ladder: Ladder, keys: PipeInput, tmp_path: Path
) -> None:
    """The pointer starts on "Skip for now" on a question not yet answered: Enter alone
    records the skip it shows, not the 0 at the top of the list; a number still rates."""
    keys.send_text(ENTER + "s" + ENTER + rate(3) + "b" + ENTER + CTRL_C)
    result = ladder("assess", "cto")
    assert result.exit_code == 130, result.output
    ratings = ratings_of(saved(tmp_path))
    assert [ratings[qid] for qid in CTO_IDS[:4]] == ["skip", "skip", 3, None]
    assert "with 1 answer given and 2 skipped" in flat(result.stderr)  # 3 kept its 3


def test_a_key_that_answers_nothing_says_which_keys_do(ladder: Ladder, keys: PipeInput) -> None:
    keys.send_text("x" + "9" + "2" + ENTER + "q" + CTRL_C)
    result = ladder("assess", "cto")
    assert result.exit_code == 130, result.output
    said = flat(result.stderr)
    hint = "Type 0 to 4, n (not applicable) or s (skip), then Enter."
    assert said.count(hint) == 2  # x and 9, at question 1
    assert "Type 0 to 4, n (not applicable), s (skip) or b (back), then Enter." in said


# --- private files ------------------------------------------------------------------------


@pytest.fixture
def umask_0() -> Iterator[None]:
    """A umask that takes nothing away: every mode is the tool's own doing."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> str:
    return oct(path.stat().st_mode & 0o777)


@pytest.mark.usefixtures("umask_0")
def test_the_data_folder_and_what_it_holds_are_the_users_alone(
    ladder: Ladder, keys: PipeInput, tmp_path: Path
) -> None:
    home = tmp_path / "ladder-home"
    keys.send_text(rate(2) + CTRL_C)  # a draft
    assert ladder("assess", "cto").exit_code == 130
    (draft,) = (home / "drafts").iterdir()
    assert [mode(home), mode(home / "drafts"), mode(draft)] == ["0o700", "0o700", "0o600"]
    keys.send_text(ENTER + rate(*[2] * 20) + ENTER + ENTER)  # continued, finished, saved
    assert ladder("assess", "cto").exit_code == 0
    (filed,) = (home / "answers").iterdir()
    assert [mode(home / "answers"), mode(filed)] == ["0o700", "0o600"]
    db = home / "history.sqlite3"
    with contextlib.closing(sqlite3.connect(db)) as conn:  # a reader makes -wal and -shm
        conn.execute("SELECT count(*) FROM assessments").fetchone()
        files = sorted(home.glob("history.sqlite3*"))
        assert [p.name for p in files] == [db.name, f"{db.name}-shm", f"{db.name}-wal"]
        assert {mode(p) for p in files} == {"0o600"}


@pytest.mark.usefixtures("umask_0")
def test_a_data_folder_the_user_made_keeps_its_mode(
    ladder: Ladder, keys: PipeInput, tmp_path: Path
) -> None:
    home = tmp_path / "ladder-home"
    home.mkdir(mode=0o750)
    os.chmod(home, 0o750)
    keys.send_text(rate(2) + CTRL_C)
    assert ladder("assess", "cto").exit_code == 130
    assert [mode(home), mode(home / "drafts")] == ["0o750", "0o700"]


def test_private_folder_whatever_the_umask(tmp_path: Path) -> None:
    from laddercli.locations import private_file, private_folder

    old = os.umask(0o277)  # one that would take the owner's own bits away
    try:
        made = private_folder(tmp_path / "a" / "b")
        assert private_file(made / "f") and not private_file(made / "f")
    finally:
        os.umask(old)
    assert [mode(tmp_path / "a"), mode(made), mode(made / "f")] == ["0o700", "0o700", "0o600"]
    with pytest.raises(FileExistsError):
        private_folder(made / "f")


# --- a duplicate role's own problems ------------------------------------------------------


def test_a_duplicate_role_id_does_not_hide_the_files_own_problems(
    ladder: Ladder, tmp_path: Path
) -> None:
    folder = tmp_path / "roles"
    folder.mkdir()
    (folder / "a-director.yaml").write_text(DIRECTOR, encoding="utf-8")
    broken = DIRECTOR.replace("  vp:\n", "  vpp:\n").replace(
        "actions: [own-a-budget]\n    pitfalls", "actions: [own-a-budgt]\n    pitfalls"
    )
    (folder / "b-director.yaml").write_text(broken, encoding="utf-8")
    result = ladder("validate", str(folder))
    assert result.exit_code == 2, result.output
    b = folder / "b-director.yaml"
    assert result.stdout.splitlines() == [
        f"{folder / 'a-director.yaml'}: valid (role director)",
        f"{b}:1:5: id: role id 'director' is already defined in {folder / 'a-director.yaml'}",
        f"{b}:7:3: paths.vpp: no role 'vpp' in the catalog (did you mean 'vp'?)",
        f"{b}:19:19: paths.vpp.indicators[0].actions[0]: no key action 'own-a-budgt' in "
        "paths.vpp.actions (did you mean 'own-a-budget'?)",
        "1 of 2 files has problems.",
    ]


# --- the areas of a first assessment ------------------------------------------------------


def test_one_assessment_has_no_change_since_the_first(ladder: Ladder, tmp_path: Path) -> None:
    """With one assessment there is nothing to compare with: "Since first" is a dash, as
    "Since previous" is, not a change of 0; an area first scored now has none either."""
    template = ladder("assess", "cto", "--template").stdout
    answers = tmp_path / "answers.yaml"
    answers.write_text(fill(template, [2] * 21), encoding="utf-8")
    assert ladder("assess", "--answers", str(answers)).exit_code == 0
    shown = ladder("history", "cto")
    assert shown.exit_code == 0, shown.output
    row = next(line for line in shown.stdout.splitlines() if "1. Develop Deep" in line)
    assert row.split("│")[2:7] == [
        "  66.7 ",
        " —        ",
        " 66.7 ",
        " —              ",
        " —           ",
    ]
    data = json.loads(ladder("history", "cto", "-f", "json").stdout)
    assert (data["since_previous"], data["since_first"]) == (None, None)
    assert {(a["first"], a["since_first"]) for a in data["areas"]} == {(66.7, None)}
    # a second: both changes, from the first
    answers.write_text(fill(template, [3] * 21), encoding="utf-8")
    assert ladder("assess", "--answers", str(answers)).exit_code == 0
    data = json.loads(ladder("history", "cto", "-f", "json").stdout)
    assert (data["since_previous"], data["since_first"]) == (33.3, 33.3)
    assert {(a["first"], a["since_first"]) for a in data["areas"]} == {(66.7, 33.3)}


# --- the README's figures -----------------------------------------------------------------


def test_the_readme_counts_what_assess_asks(ladder: Ladder, keys: PipeInput) -> None:
    """The README's counts are those of the questionnaire: VP to CTO (and to CEO) rates 21
    questions, then the pitfalls, 22 steps; and the role choice comes in the order said."""
    readme = " ".join((ROOT / "README.md").read_text("utf-8").split())
    for target in ("cto", "ceo"):
        template = json.loads(ladder("assess", target, "--template", "-f", "json").stdout)
        assert (len(template["answers"]), bool(template["pitfalls"])) == (21, True)
    keys.send_text(CTRL_C)
    intro = flat(ladder("assess", "cto").stderr)
    assert "22 questions, about 9 minutes" in intro
    assert "VP to CTO (or CEO) is 21 questions to rate, then the pitfalls to tick: 22 steps" in (
        readme
    )
    assert "(`22 questions, about 9 minutes`), about nine minutes" in readme
    assert "From VP to CTO that is 21 questions and the pitfalls, about nine minutes" in readme
    assert "22 questions, about nine" not in readme and "about ten minutes" not in readme
    roles = json.loads(ladder("roles", "-f", "json").stdout)["roles"]
    assert [(r["id"], r["paths"]) for r in roles if r["paths"]] == [("vp", ["cto", "ceo"])]
    assert "first asks which role you are in now" in readme
    assert "(from the VP: CTO, then CEO)" in readme


# --- the words for what -o wrote ----------------------------------------------------------


def test_what_was_written_is_named_for_users(ladder: Ladder, tmp_path: Path) -> None:
    """Not "Wrote html to ...": what was written, in the format's own name."""
    answers = DATA / "answers-vp-cto.yaml"
    cases = [
        (("report", str(answers)), "r.html", "Wrote the HTML report to"),
        (("report", str(answers)), "r.md", "Wrote the Markdown report to"),
        (("report", str(answers)), "r.json", "Wrote the JSON report to"),
        (("report", str(answers), "-f", "text"), "r.out", "Wrote the text report to"),
        (("show", "vp"), "vp.md", "Wrote the Markdown role profile to"),
        (("compare", "vp", "cto"), "c.html", "Wrote the HTML comparison to"),
        (("roles",), "roles.json", "Wrote the JSON list of roles to"),
    ]
    for args, name, said in cases:
        result = ladder(*args, "-o", str(tmp_path / name))
        assert result.exit_code == 0, result.output
        assert result.stderr.splitlines()[0] == f"{said} {tmp_path / name}", args
