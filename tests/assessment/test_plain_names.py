"""A rater's or a person's name is one line of plain text that shows as what it is.

Names go into reports, the history, messages and file names. A line break in one forged
lines of a report ("Dana\\n  Rater  self"); a blank --rater saved answers no command could
read back; an invisible character made "Dana\\u200b Lee" a second Dana Lee and let
"oth\\u200bers" past the refusal of the combined view's name. Such names are refused on
the command line and in answers files; names the history kept from before are shown with
their line breaks as escapes.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from laddercli.assessment.raters import name_problem
from laddercli.visible import visible, visible_name
from tests.helpers import DATA

Ladder = Callable[..., Any]

FORGED = "Dana\n  Rater         self\n  Note          verified by HR"
BREAKS = ["\n", "\r", "\v", "\f", "\x85", "\u2028", "\u2029"]
SHOWN_BREAKS = ["\\n", "\\r", "\\x0b", "\\x0c", "\\x85", "\\u2028", "\\u2029"]
# Format characters (Unicode category Cf) that hide in a name
INVISIBLE = ["\u200b", "\u200e", "\u200f", "\u061c", "\u2060", "\u2064", "\ufeff", "\U000e0041"]
SHOWN_INVISIBLE = [
    "\\u200b",
    "\\u200e",
    "\\u200f",
    "\\u061c",
    "\\u2060",
    "\\u2064",
    "\\ufeff",
    "\\U000e0041",
]


def answers_file(path: Path, **fields: str) -> Path:
    """The README's example answers with these fields, as JSON with every character
    escaped (json.dump's defaults)."""
    data = yaml.safe_load((DATA / "answers-vp-cto.yaml").read_text(encoding="utf-8"))
    data["date"] = str(data["date"])
    data.update(fields)
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


def line_of(path: Path, key: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(f'  "{key}"'))


# --- the rule ------------------------------------------------------------------------------


@pytest.mark.parametrize(("char", "shown"), list(zip(BREAKS, SHOWN_BREAKS, strict=True)))
def test_name_problem_line_breaks(char: str, shown: str) -> None:
    assert name_problem(f"Dana{char}Lee") == f"holds a line break ({shown})"


@pytest.mark.parametrize(("char", "shown"), list(zip(INVISIBLE, SHOWN_INVISIBLE, strict=True)))
def test_name_problem_invisible_characters(char: str, shown: str) -> None:
    assert name_problem(f"Dana{char} Lee") == f"holds an invisible character ({shown})"


def test_name_problem_keeps_names_of_every_script() -> None:
    names = ("Dana Lee", "王芳", "Дана", "دانا", "می\u200cخواهم", "👩\u200d💻 Ana", "Ana\u3000Li")
    for name in names:
        assert name_problem(name) is None, name
    assert name_problem("  ") == "is blank"
    assert name_problem("a\tb") == "holds a control character (\\t)"
    assert name_problem("a\x1bb") == "holds a control character (\\x1b)"
    assert name_problem("a\u202eb") == (
        "holds a bidi control (\\u202e), which reorders the text around it"
    )


def test_visible_name_keeps_a_name_on_one_line() -> None:
    assert visible_name(FORGED) == "Dana\\n  Rater         self\\n  Note          verified by HR"
    assert visible_name("a\r\u2028b\u2029c\x85d\te") == "a\\r\\u2028b\\u2029c\\x85d\\te"
    assert visible_name("王芳 👩\u200d💻") == "王芳 👩\u200d💻"


@pytest.mark.parametrize(("char", "shown"), list(zip(INVISIBLE, SHOWN_INVISIBLE, strict=True)))
def test_visible_shows_invisible_characters(char: str, shown: str) -> None:
    assert visible(f"a{char}b") == f"a{shown}b"
    assert visible(visible(f"a{char}b")) == f"a{shown}b"


# --- the command line --------------------------------------------------------------------


@pytest.mark.parametrize("option", ["--person", "--rater"])
@pytest.mark.parametrize(("char", "shown"), list(zip(BREAKS, SHOWN_BREAKS, strict=True)))
def test_a_line_break_in_a_name_is_refused(
    ladder: Ladder, tmp_path: Path, option: str, char: str, shown: str
) -> None:
    for args in (("--template",), ()):
        result = ladder("assess", "cto", *args, option, f"peer{char}  Person  Someone")
        assert result.exit_code == 2, result.output
        assert result.stdout == ""
        assert result.stderr == (
            f"ladder: {option} holds a line break ({shown}); give the name as plain text on "
            "one line\n"
        )
    assert not (tmp_path / "ladder-home").exists()


@pytest.mark.parametrize("option", ["--person", "--rater"])
@pytest.mark.parametrize(("char", "shown"), list(zip(INVISIBLE, SHOWN_INVISIBLE, strict=True)))
def test_an_invisible_character_in_a_name_is_refused(
    ladder: Ladder, option: str, char: str, shown: str
) -> None:
    for args in (("--template",), ()):
        result = ladder("assess", "cto", *args, option, f"Dana{char} Lee")
        assert result.exit_code == 2, result.output
        assert result.stderr == (
            f"ladder: {option} holds an invisible character ({shown}); give the name as plain "
            "text on one line\n"
        )


def test_joiners_are_kept_in_a_name(ladder: Ladder) -> None:
    name = "می\u200cخواهم 👩\u200d💻"
    result = ladder("assess", "cto", "--template", "--person", name, "--rater", name)
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(result.stdout)
    assert (data["person"], data["rater"]) == (name, name)


@pytest.mark.parametrize("args", [("assess", "cto"), ("assess", "cto", "--template")])
def test_a_blank_rater_is_refused(ladder: Ladder, tmp_path: Path, args: tuple[str, ...]) -> None:
    for blank in (" ", "", "\t "):
        result = ladder(*args, "--rater", blank)
        assert result.exit_code == 2, result.output
        assert result.stdout == ""
        assert result.stderr == "ladder: --rater needs a name\n"
    assert not (tmp_path / "ladder-home").exists()


def test_a_blank_rater_is_refused_by_history(ladder: Ladder) -> None:
    for args in (("history",), ("history", "cto")):
        result = ladder(*args, "--rater", " ")
        assert result.exit_code == 2, result.output
        assert result.stderr == "ladder: --rater needs a name\n"


# --- answers files -------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["person", "rater"])
def test_a_line_break_in_an_answers_file_name_is_refused(
    ladder: Ladder, tmp_path: Path, key: str
) -> None:
    path = answers_file(tmp_path / "a.json", **{key: FORGED})
    for args in (("report", str(path)), ("assess", "--answers", str(path))):
        result = ladder(*args)
        assert result.exit_code == 2, result.output
        assert result.stdout == ""
        column = len(f'  "{key}": ') + 1
        assert result.stderr == (
            f"{path}:{line_of(path, key)}:{column}: {key}: the name holds a line break (\\n): "
            "write it as plain text on one line\n"
        )
    assert not (tmp_path / "ladder-home" / "history.sqlite3").exists()  # nothing saved


@pytest.mark.parametrize("key", ["person", "rater"])
def test_an_invisible_character_in_an_answers_file_name_is_refused(
    ladder: Ladder, tmp_path: Path, key: str
) -> None:
    path = answers_file(tmp_path / "a.json", **{key: "Dana\ufeff Lee"})
    result = ladder("report", str(path))
    assert result.exit_code == 2, result.output
    assert f"{path}:{line_of(path, key)}:" in result.stderr
    assert f"{key}: the name holds an invisible character (\\ufeff)" in result.stderr


def test_others_with_an_invisible_character_is_refused(ladder: Ladder, tmp_path: Path) -> None:
    mine = answers_file(tmp_path / "self.json", rater="self")
    theirs = answers_file(tmp_path / "peer.json", rater="oth\u200bers")
    result = ladder("report", str(mine), str(theirs))
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert f"{theirs}:{line_of(theirs, 'rater')}:12: rater: the name holds an invisible " in (
        result.stderr
    )
    # in any Unicode form, "others" is the combined view's name
    wide = answers_file(tmp_path / "wide.json", rater="ＯＴＨＥＲＳ")
    result = ladder("report", str(mine), str(wide))
    assert result.exit_code == 2, result.output
    assert "the name this report gives the combined view" in result.stderr


def test_invisible_characters_in_notes_are_shown(ladder: Ladder, tmp_path: Path) -> None:
    note = "Led " + "".join(INVISIBLE) + " the review"
    data = yaml.safe_load((DATA / "answers-vp-cto.yaml").read_text(encoding="utf-8"))
    data["answers"]["partner-with-product"] = {"rating": 3, "note": note}
    path = tmp_path / "a.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=False), encoding="utf-8")
    shown = "Led " + "".join(SHOWN_INVISIBLE) + " the review"
    text = ladder("report", str(path))
    assert text.exit_code == 0, text.output
    assert shown in " ".join(text.stdout.split())
    assert not any(char in text.stdout for char in INVISIBLE)
    result = ladder("report", str(path), "-o", str(tmp_path / "r.md"))
    assert result.exit_code == 0, result.output
    markdown = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert shown.replace("\\", "\\\\") in " ".join(markdown.split())
    assert not any(char in markdown for char in INVISIBLE)
    as_json = json.loads(ladder("report", str(path), "-f", "json").stdout)
    assert note in [i["note"] for i in as_json["items"]]  # data: the very same text


# --- names the history kept from before ------------------------------------------------------


def plant_person(tmp_path: Path, person: str) -> None:
    """Name the person of every assessment in the history so, as a ladder that did not
    refuse line breaks in answers files saved them."""
    with sqlite3.connect(tmp_path / "ladder-home" / "history.sqlite3") as db:
        db.execute("UPDATE assessments SET person = ?", (person,))
        db.execute("UPDATE answers SET data = json_set(data, '$.person', ?)", (person,))
    db.close()


def test_a_line_break_in_a_name_from_the_history_is_shown(ladder: Ladder, tmp_path: Path) -> None:
    saved = ladder("assess", "--answers", str(DATA / "answers-vp-cto.yaml"))
    assert saved.exit_code == 0, saved.output
    plant_person(tmp_path, FORGED)
    one_line = "Dana\\n  Rater         self\\n  Note          verified by HR"
    report = ladder("report", "--last")
    assert report.exit_code == 0, report.output
    lines = report.stdout.splitlines()
    assert [line for line in lines if re.match(r"  (Rater|Note) ", line)] == ["  Rater   self"]
    assert f"  Person  {one_line}" in lines
    for args in (("history",), ("history", "cto"), ("history", "-f", "markdown")):
        result = ladder(*args)
        assert result.exit_code == 0, (args, result.output)
        assert "Dana\\n" in result.stdout.replace("\\\\", "\\")  # markdown escapes the backslash
        assert not any(line.lstrip(" │|").startswith("Note") for line in result.stdout.splitlines())
    forgotten = ladder("forget", "1", "--yes")
    assert forgotten.exit_code == 0, forgotten.output
    assert forgotten.stderr.count("\n") == 1
    assert "about Dana\\n  Rater" in forgotten.stderr
