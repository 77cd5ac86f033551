"""Bad role files: one clear message naming file, line, column and field; exit 2; no traceback.

Each case is run through the real command (``ladder --roles DIR show vp``), in a folder
of its own so that messages show the short relative path a user would see.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import tracemalloc
from pathlib import Path

import pytest
from typer.testing import CliRunner

from laddercli.cli import app
from laddercli.errors import RoleFileError
from laddercli.roles.catalog import load_catalog
from laddercli.roles.yamlsafe import MAX_FILE_BYTES

# A small valid role with one path to the built-in CTO, to break in each test.
GOOD = """\
id: cfo
title: Chief Financial Officer
short_title: CFO
paths:
  cto:
    shifts:
      - id: numbers-to-tech
        from: Numbers
        to: Technology
    actions:
      - id: learn-tech
        title: Learn Technology
        behaviours:
          - id: read-code
            text: Read code
    indicators:
      - id: tech-fluency
        text: Technology fluency
        actions: [learn-tech]
"""


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "roles").mkdir()


def write(content: str | bytes, name: str = "cfo.yaml") -> Path:
    path = Path("roles") / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def errors_for(content: str | bytes) -> list[str]:
    """Write the file, run ``ladder --roles roles show vp``; return the stderr lines."""
    write(content)
    code, out, err = run("--roles", "roles", "show", "vp")
    assert code == 2, out + err
    assert out == ""
    return err.splitlines()


def test_the_good_file_is_good() -> None:
    write(GOOD)
    code, out, err = run("--roles", "roles", "show", "cfo")
    assert code == 0, err
    assert "Chief Financial Officer (CFO)" in out


def test_yaml_syntax_error() -> None:
    assert errors_for("id: cfo\ntitle: CFO\n  bad: indent\n") == [
        "roles/cfo.yaml:3:6: not valid YAML: a ':' in the middle of a value: put the value in "
        "quotes if it holds ': ', or check the indentation of this line"
    ]


def test_yaml_colon_in_flow_mapping() -> None:
    assert errors_for("id: cfo\ntitle: CFO\nscope:\n  - {label: a, value: Ratio: 2}\n") == [
        "roles/cfo.yaml:4:28: not valid YAML: put text that holds ',' or ': ' in quotes inside { }"
    ]


def test_unknown_key_suggests_the_right_one() -> None:
    bad = GOOD.replace("        text: Technology fluency", "        txt: Technology fluency")
    assert errors_for(bad) == [
        "roles/cfo.yaml:17:9: paths.cto.indicators[0]: missing field 'text'",
        "roles/cfo.yaml:18:9: paths.cto.indicators[0].txt: unknown field 'txt' "
        "(did you mean 'text'?)",
    ]


def test_unknown_key_with_nothing_close_lists_the_allowed_ones() -> None:
    assert errors_for("id: cfo\ntitle: CFO\nscope:\n  - label: x\n    value: y\n    zzz: 1\n") == [
        "roles/cfo.yaml:6:5: scope[0].zzz: unknown field 'zzz' (allowed: label, value)"
    ]


def test_wrong_type_boolean_explains_yaml() -> None:
    assert errors_for("id: cfo\ntitle: CFO\ndimensions:\n  Scope: no\n") == [
        "roles/cfo.yaml:4:10: dimensions.Scope: expected text, got false (YAML reads "
        "yes/no/on/off/true/false as a boolean: put the text in quotes)"
    ]


def test_wrong_type_list_and_number() -> None:
    assert errors_for("id: cfo\ntitle: 42\nresponsibilities: Strategy\n") == [
        "roles/cfo.yaml:2:8: title: expected text, got the number 42 (put it in quotes)",
        "roles/cfo.yaml:3:19: responsibilities: expected a list, got str 'Strategy'",
    ]


def test_missing_field_is_located_on_its_parent() -> None:
    bad = GOOD.replace("        from: Numbers\n", "")
    assert errors_for(bad) == ["roles/cfo.yaml:7:9: paths.cto.shifts[0]: missing field 'from'"]


def test_invalid_id() -> None:
    assert errors_for(GOOD.replace("id: learn-tech", "id: Learn Tech")) == [
        "roles/cfo.yaml:11:13: paths.cto.actions[0].id: 'Learn Tech' is not a valid id: use "
        "lowercase letters, digits and single hyphens, such as 'deep-product-intuition'",
    ]


def test_duplicate_ids() -> None:
    bad = GOOD.replace("id: read-code", "id: numbers-to-tech")
    assert errors_for(bad) == [
        "roles/cfo.yaml:14:17: paths.cto.actions[0].behaviours[0].id: duplicate id "
        "'numbers-to-tech' (first at line 7)"
    ]


def test_duplicate_yaml_keys() -> None:
    assert errors_for("id: cfo\ntitle: CFO\ntitle: Again\n") == [
        "roles/cfo.yaml:3:1: duplicate key 'title' (first at line 2)"
    ]


def test_link_to_unknown_key_action() -> None:
    assert errors_for(GOOD.replace("actions: [learn-tech]", "actions: [learn-teck]")) == [
        "roles/cfo.yaml:19:19: paths.cto.indicators[0].actions[0]: no key action 'learn-teck' "
        "in paths.cto.actions (did you mean 'learn-tech'?)"
    ]


def test_link_to_unknown_role() -> None:
    assert errors_for(GOOD.replace("  cto:", "  ctoo:")) == [
        "roles/cfo.yaml:5:3: paths.ctoo: no role 'ctoo' in the catalog (did you mean 'cto'?)"
    ]


def test_path_to_itself() -> None:
    assert errors_for(GOOD.replace("  cto:", "  cfo:")) == [
        "roles/cfo.yaml:5:3: paths.cfo: a path cannot lead to its own role"
    ]


def test_assessment_scale_problems() -> None:
    assert errors_for(GOOD + "assessment:\n  target: 5\n") == [
        "roles/cfo.yaml:21:3: assessment: the target 5 is above the top of the scale (4)"
    ]
    gap = GOOD + "assessment:\n  scale:\n    - {value: 0, label: A, anchor: a}\n"
    gap += "    - {value: 2, label: B, anchor: b}\n"
    assert errors_for(gap) == [
        "roles/cfo.yaml:22:5: assessment.scale: the points of the scale must be numbered 0, 1, "
        "2 ... in order, without gaps (found 0, 2)"
    ]
    placeholder = (
        GOOD
        + "assessment:\n  shift_scale:\n"
        + "".join(f"    - {{value: {n}, label: '{{too}}'}}\n" for n in range(5))
    )
    assert "unknown placeholder {too} (use {from} or {to})" in errors_for(placeholder)[0]


def test_a_key_action_scale_needs_as_many_points_as_the_assessment() -> None:
    short = GOOD.replace(
        "            text: Read code\n",
        "            text: Read code\n        scale:\n"
        "          - {value: 0, label: Never, anchor: not once}\n"
        "          - {value: 1, label: Always, anchor: every time}\n",
    )
    assert errors_for(short) == [
        "roles/cfo.yaml:17:11: paths.cto.actions[0].scale: this scale has 2 points and the "
        "assessment's scale 5: give it the same points, 0 to 4"
    ]


def test_two_files_with_one_id_in_one_folder() -> None:
    write(GOOD, "b.yaml")
    write(GOOD, "a.yaml")
    code, _, err = run("--roles", "roles", "roles")
    assert code == 2
    assert err.splitlines() == [
        "roles/b.yaml:1:5: id: role id 'cfo' is already defined in roles/a.yaml"
    ]


@pytest.mark.parametrize("content", ["", "\n\n", "# just a comment\n"])
def test_empty_file(content: str) -> None:
    assert errors_for(content) == ["roles/cfo.yaml:1:1: the file is empty"]


def test_not_a_mapping() -> None:
    assert errors_for("- just\n- a list\n") == [
        "roles/cfo.yaml:1:1: expected a mapping of fields, got a list"
    ]


def test_not_utf8() -> None:
    assert errors_for(b"id: cfo\ntitle: Caf\xe9\n") == [
        "roles/cfo.yaml:2:11: the file is not UTF-8 text (byte 0xe9); save it as UTF-8"
    ]


def test_utf8_with_bom_is_fine() -> None:
    write(b"\xef\xbb\xbf" + GOOD.encode())
    code, _, err = run("--roles", "roles", "show", "cfo")
    assert code == 0, err


def test_file_over_the_size_limit() -> None:
    big = GOOD + "summary: " + "x" * MAX_FILE_BYTES + "\n"
    assert errors_for(big) == [
        "roles/cfo.yaml: the file is larger than the 1024 KiB limit for a role file"
    ]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ('!!python/object/apply:os.system ["echo pwned"]', "!!python/object/apply:os.system"),
        ("!!python/name:os.system", "!!python/name:os.system"),
        ("!custom thing", "!custom"),
    ],
)
def test_tags_are_refused(value: str, shown: str, capfd: pytest.CaptureFixture[str]) -> None:
    assert errors_for(f"id: cfo\ntitle: {value}\n") == [
        f"roles/cfo.yaml:2:8: the tag {shown!r} is not allowed in a role file"
    ]
    assert "pwned" not in capfd.readouterr().out


ALIAS_BOMB = "\n".join(
    ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    + ["id: cfo", "title: CFO"]
)

MERGE_BOMB = "\n".join(
    ["m0: &m0 {k: v}"]
    + [f"m{i}: &m{i}\n  <<: [{', '.join([f'*m{i - 1}'] * 10)}]\n  k{i}: v" for i in range(1, 12)]
)


def test_alias_bomb_is_refused() -> None:
    assert errors_for(ALIAS_BOMB) == [
        "roles/cfo.yaml:5:5: the document expands to more than 100,000 values "
        "(aliases or merge keys repeated too often)"
    ]


def test_merge_key_bomb_is_refused() -> None:
    assert errors_for(MERGE_BOMB) == [
        "roles/cfo.yaml:15:7: the document expands to more than 100,000 values "
        "(aliases or merge keys repeated too often)"
    ]


def test_a_document_of_too_many_values_is_refused_as_it_is_read() -> None:
    """Without aliases the values are counted as they are read: 100,001 fit in 300 KB."""
    many = "id: cfo\ntitle: CFO\nnotes: [" + "1," * 100_000 + "1]\n"
    assert errors_for(many) == [
        "roles/cfo.yaml:3:199995: the document holds more than 100,000 values"
    ]


@pytest.mark.parametrize("bomb", [ALIAS_BOMB, MERGE_BOMB], ids=["alias", "merge"])
def test_bombs_do_not_eat_memory(bomb: str) -> None:
    write(bomb)
    tracemalloc.start()
    try:
        with pytest.raises(RoleFileError):
            load_catalog([Path("roles")])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"


def test_ordinary_anchors_still_work() -> None:
    write(
        textwrap.dedent("""\
        id: cfo
        title: CFO
        dimensions:
          Scope: &same Finance
          Hiring focus: *same
        """)
    )
    code, out, err = run("--roles", "roles", "show", "cfo")
    assert code == 0, err
    assert out.count("Finance") == 2


def test_recursive_alias() -> None:
    assert errors_for("id: cfo\ntitle: CFO\nnotes: &n\n  - text: x\n    roles: *n\n") == [
        "roles/cfo.yaml:3:8: an alias refers to itself"
    ]


def test_deep_nesting_is_refused_before_libyaml_can_crash() -> None:
    # libyaml's composer recurses in C: about 100,000 levels crash the process.
    deep = "id: cfo\ntitle: " + "[" * 200_000 + "]" * 200_000 + "\n"
    assert errors_for(deep) == ["roles/cfo.yaml:2:71: the document nests deeper than 64 levels"]


def test_several_documents() -> None:
    assert errors_for(GOOD + "---\nid: two\n") == [
        "roles/cfo.yaml:20:1: the file holds more than one YAML document (a second '---'); keep one"
    ]


def test_every_problem_of_every_file_is_listed_sorted() -> None:
    write("id: cfo\ntitle: CFO\nsumary: x\n", "a.yaml")
    write("id: cmo\ntitle: [CMO]\n", "b.yaml")
    code, _, err = run("--roles", "roles", "roles")
    assert code == 2
    assert err.splitlines() == [
        "roles/a.yaml:3:1: sumary: unknown field 'sumary' (did you mean 'summary'?)",
        "roles/b.yaml:2:8: title: expected text, got a list",
    ]


# --- unknown roles and role folders ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("cfo", "ladder: unknown role 'cfo'. Did you mean 'cto'? Known roles: vp, cto, ceo."),
        ("../../etc/passwd", "ladder: unknown role '../../etc/passwd'. Known roles: vp, cto, ceo."),
        ("roles/vp.yaml", "ladder: unknown role 'roles/vp.yaml'. Known roles: vp, cto, ceo."),
    ],
)
def test_unknown_role(name: str, message: str) -> None:
    code, out, err = run("show", name)
    assert (code, out, err) == (2, "", message + "\n")


def test_a_role_name_is_never_a_path() -> None:
    write(GOOD.replace("id: cfo", "id: secret"), "secret.yaml")
    code, _, err = run("show", "roles/secret.yaml")
    assert code == 2
    assert "unknown role" in err


def test_unknown_role_in_compare() -> None:
    code, _, err = run("compare", "vp", "cfo")
    assert code == 2
    assert err == "ladder: unknown role 'cfo'. Did you mean 'cto'? Known roles: vp, cto, ceo.\n"


def test_missing_role_folder() -> None:
    code, _, err = run("--roles", "nowhere", "roles")
    assert (code, err) == (
        2,
        f"ladder: --roles: role folder 'nowhere' does not exist (looked in {Path.cwd()}/nowhere)\n",
    )


def test_missing_folder_in_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LADDER_ROLES", "/gone")
    code, _, err = run("roles")
    assert (code, err) == (2, "ladder: LADDER_ROLES: role folder '/gone' does not exist\n")


def test_home_folder_in_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "our-roles").mkdir(parents=True)
    (home / "our-roles" / "cfo.yaml").write_text(GOOD)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("LADDER_ROLES", "~/our-roles")
    code, out, err = run("show", "cfo")
    assert code == 0, err


def test_answers_on_standard_input_are_read_as_a_file_is(tmp_path: Path) -> None:
    """At most 1 MiB, and UTF-8 whatever the locale: as bytes, not as the locale's text."""
    ladder = [sys.executable, "-m", "laddercli", "assess", "--answers", "-", "-f", "json"]
    env = {**os.environ, "LADDER_HOME": str(tmp_path), "LC_ALL": "C", "PYTHONIOENCODING": ""}
    bad = subprocess.run(ladder, input=b"from: vp\nto: \xff\n", capture_output=True, env=env)
    assert (bad.returncode, bad.stderr.decode()) == (
        2,
        "<stdin>:2:5: the file is not UTF-8 text (byte 0xff); save it as UTF-8\n",
    )
    big = subprocess.run(ladder, input=b"#" * (1024 * 1024 + 1), capture_output=True, env=env)
    assert (big.returncode, big.stderr.decode()) == (
        2,
        "<stdin>: the file is larger than the 1024 KiB limit for an answers file\n",
    )


def test_a_rater_group_under_a_minimum_of_1_is_refused() -> None:
    """Issue 14: a group shown from 0 responses would show anyone alone."""
    groups = GOOD + "assessment:\n  groups:\n    - {id: peer, minimum: 0}\n"
    assert errors_for(groups) == [
        "roles/cfo.yaml:22:27: assessment.groups[0].minimum: Input should be greater than or "
        "equal to 1"
    ]
    twice = GOOD + "assessment:\n  groups:\n    - {id: peer}\n    - {id: peer, minimum: 5}\n"
    assert errors_for(twice) == [
        "roles/cfo.yaml:21:3: assessment: the group peer is declared twice under groups"
    ]
