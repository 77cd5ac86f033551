"""Answers files written by Python's json.dump with its defaults are read.

json.dump escapes every character beyond ASCII (``ensure_ascii``), and one beyond U+FFFF,
such as 🚀, as the two escapes of its UTF-16 surrogates: ``"\\ud83d\\ude80"``. YAML, which
reads ladder's JSON, refused them ("found invalid Unicode character escape code"). Half of
such a pair, alone, is not text: refused at its line and field.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from laddercli.errors import RoleFileError
from laddercli.roles.yamlsafe import parse
from tests.helpers import DATA

Ladder = Callable[..., Any]
NOTE = "Shipped 🚀 with 𝄞 and 王芳; a path C:\\ud83d stays as typed"


def dumped(path: Path, **fields: Any) -> Path:
    """The README's example answers, as json.dump writes them by default."""
    data = yaml.safe_load((DATA / "answers-vp-cto.yaml").read_text(encoding="utf-8"))
    data["date"] = str(data["date"])
    data["answers"]["partner-with-product"] = {"rating": 3, "note": NOTE}
    data.update(fields)
    with path.open("w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=2)
    return path


def test_json_dump_defaults_are_read(ladder: Ladder, tmp_path: Path) -> None:
    path = dumped(tmp_path / "a.json", person="Dana 🚀")
    assert "\\ud83d\\ude80" in path.read_text(encoding="utf-8")
    text = ladder("report", str(path))
    assert text.exit_code == 0, text.output
    assert "  Person  Dana 🚀\n" in text.stdout
    assert NOTE in " ".join(text.stdout.split())
    as_json = json.loads(ladder("report", str(path), "-f", "json").stdout)
    assert as_json["person"] == "Dana 🚀"
    assert NOTE in [i["note"] for i in as_json["items"]]
    saved = ladder("assess", "--answers", str(path))
    assert saved.exit_code == 0, saved.output
    again = ladder("report", "--last", "-f", "json")
    assert json.loads(again.stdout)["person"] == "Dana 🚀"


@pytest.mark.parametrize(
    ("fields", "line_text", "escape", "field"),
    [
        ({"person": "Dana \ud83d"}, '  "person": "Dana \\ud83d"', "\\ud83d", "person"),
        ({"rater": "\ude80 peer"}, '  "rater": "\\ude80 peer"', "\\ude80", "rater"),
        ({"answers": {"x\udc00": 3}}, '    "x\\udc00": 3', "\\udc00", 'answers["x\\udc00"]'),
    ],
)
def test_a_lone_surrogate_is_refused(
    ladder: Ladder, tmp_path: Path, fields: dict[str, Any], line_text: str, escape: str, field: str
) -> None:
    path = dumped(tmp_path / "a.json", **fields)
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith(line_text))
    column = line_text.index(escape) + 1
    for args in (("report", str(path)), ("assess", "--answers", str(path))):
        result = ladder(*args)
        assert result.exit_code == 2, result.output
        assert result.stdout == ""
        assert result.stderr == (
            f"{path}:{line}:{column}: {field}: {escape} is half of a character (a lone UTF-16 "
            "surrogate), which is not text: write the character itself, or both halves of "
            "its escape\n"
        )


def test_surrogate_pairs_are_joined_only_in_json() -> None:
    doc = parse('{"a": "\\ud83d\\ude80", "b": "\\\\ud83d\\\\ude80", "c": ["\\uD834\\uDD1E"]}', "x")
    assert doc.data == {"a": "🚀", "b": "\\ud83d\\ude80", "c": ["𝄞"]}
    assert parse("a: C:\\ud83d\\ude80\n", "y").data == {"a": "C:\\ud83d\\ude80"}  # plain YAML
    with pytest.raises(RoleFileError) as caught:
        parse('a: "\\ud83d\\ude80"\n', "z")  # YAML's own escapes: whole characters only
    assert "z:1:" in str(caught.value.problems[0])


@pytest.mark.parametrize(
    "text",
    [
        "from: vp\nto: cto\nanswers: {}\n\x07",  # a character YAML does not allow
        "from: vp\nto: [cto\n",  # not valid YAML
        "- a list\n",  # not a mapping
        "from: vp\nto: nowhere\nanswers: {}\n",  # not a role
    ],
)
def test_an_answers_file_s_problems_are_not_a_role_file_s(text: str) -> None:
    """An answers file's problems raise AnswersFileError, not RoleFileError: both are
    FileProblems, which the CLI shows one a line with exit code 2 (issue 13)."""
    from laddercli.assessment.answers import load_answers, parse_answers
    from laddercli.errors import AnswersFileError, ExitCode, FileProblems
    from laddercli.roles.catalog import load_catalog

    with pytest.raises(AnswersFileError) as caught:
        load_answers(parse_answers(text, "a.yaml"), load_catalog(cache=False))
    assert not isinstance(caught.value, RoleFileError)
    assert isinstance(caught.value, FileProblems)
    assert caught.value.exit_code == ExitCode.BAD_INPUT
    assert str(caught.value.problems[0]).startswith("a.yaml:")


def test_an_answers_file_s_problems_are_shown_as_before(ladder: Ladder, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("from: vp\nto: [cto\n", encoding="utf-8")
    result: Any = ladder("report", str(path))
    assert result.exit_code == 2, result.output
    assert result.output == (
        f"{path}:2:5: not valid YAML: the '[' opened here is not closed on its line: add ']'\n"
    )


def test_a_form_id_is_kept_and_names_a_rater_made_with_no_name(
    ladder: Ladder, tmp_path: Path
) -> None:
    """A form made for a group, with no rater by name, still counts as its own rater."""
    path = dumped(tmp_path / "a.json", group="peer", form="3k7qmz2vx4ha", person="Dana Lee")
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["rater"]
    path.write_text(json.dumps(data), encoding="utf-8")
    shown = json.loads(ladder("report", str(path), "-f", "json").stdout)
    assert shown["rater"] == "peer-3k7qmz2vx4ha"
    ladder("assess", "--answers", str(path))
    kept = ladder("history", "-f", "json")
    assert "peer-3k7qmz2vx4ha" in kept.stdout


def test_a_form_id_that_ladder_did_not_write_is_refused(ladder: Ladder, tmp_path: Path) -> None:
    path = dumped(tmp_path / "a.json", form="x y")
    line = next(
        n
        for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if text.startswith('  "form"')
    )
    result = ladder("report", str(path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"{path}:{line}:11: form: expected the form id ladder form wrote, such as 3k7qmz2vx4ha\n"
    )
