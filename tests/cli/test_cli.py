"""The ``ladder`` command through Typer's CliRunner: what a user sees, and the exit codes."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from textwrap import dedent
from typing import Any

import pytest

from laddercli import __version__
from laddercli.roles.model import Role

Ladder = Callable[..., Any]

CUSTOM_CTO = """\
id: cto
title: Chief Technology Officer
short_title: CTO
dimensions:
  Primary focus: Technology vision and strategy
  Scope: Our platform
"""

CFO = """\
id: cfo
title: Chief Financial Officer
short_title: CFO
dimensions:
  Primary focus: Finance
  Scope: Entire company
"""


def ok(result: Any) -> str:
    assert result.exit_code == 0, result.output
    return str(result.stdout)


# --- basics -------------------------------------------------------------------------------


def test_version(ladder: Ladder) -> None:
    assert ok(ladder("--version")) == f"ladder {__version__}\n"


@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help_lists_every_command(ladder: Ladder, flag: str) -> None:
    out = ok(ladder(flag))
    for command in ("roles", "show", "compare", "validate", "schema"):
        assert f"│ {command} " in out


def test_no_arguments_shows_help(ladder: Ladder) -> None:
    result = ladder()
    assert result.exit_code == 2
    assert "Usage: ladder" in result.output


def test_missing_argument_is_a_usage_error(ladder: Ladder) -> None:
    result = ladder("show")
    assert result.exit_code == 2
    assert "Missing argument 'ROLE'" in result.output


# --- roles --------------------------------------------------------------------------------


def test_roles_text(ladder: Ladder) -> None:
    assert ok(ladder("roles")) == dedent("""\
        Roles
        ═════
        ╭─────┬───────────────────┬──────────┬──────────╮
        │ Id  │ Title             │ Paths to │ Source   │
        ├─────┼───────────────────┼──────────┼──────────┤
        │ vp  │ VP of Engineering │ cto, ceo │ built-in │
        │ cto │ CTO               │ —        │ built-in │
        │ ceo │ CEO               │ —        │ built-in │
        ╰─────┴───────────────────┴──────────┴──────────╯

        One role in full:
          ladder show vp
        Roles side by side:
          ladder compare vp cto ceo
        """)


def test_roles_json(ladder: Ladder) -> None:
    data = json.loads(ok(ladder("roles", "--format", "json")))
    assert data["roles"][0] == {
        "id": "vp",
        "title": "VP of Engineering",
        "short_title": "VP",
        "paths": ["cto", "ceo"],
        "source": "built-in",
    }
    assert [r["id"] for r in data["roles"]] == ["vp", "cto", "ceo"]


def test_roles_markdown(ladder: Ladder) -> None:
    assert ok(ladder("roles", "-f", "markdown")) == dedent("""\
        # Roles

        | Id | Title | Paths to | Source |
        | --- | --- | --- | --- |
        | **vp** | VP of Engineering | cto, ceo | built-in |
        | **cto** | CTO | — | built-in |
        | **ceo** | CEO | — | built-in |
        """)


# --- show ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["vp", "VP", " Vp ", "VP of Engineering"])
def test_show_matches_without_regard_to_case(ladder: Ladder, name: str) -> None:
    assert ok(ladder("show", name)).startswith("VP of Engineering (VP)\n══")


def test_show_vp_has_whole_profile_in_order(ladder: Ladder) -> None:
    out = ok(ladder("show", "vp"))
    headings = [
        "Core responsibilities",
        "Key skill sets",
        "Typical day-to-day activities",
        "Typical scope",
        "How the role compares",
        "Note",
        "Transition to CTO or CEO",
        "Path to CTO",
        "Key shifts required",
        "Key actions",
        "You're ready for CTO when you've demonstrated",
        "Common pitfalls to avoid",
        "Path to CEO",
        "You're ready for CEO when you've demonstrated",
    ]
    lines = out.splitlines()
    positions = [lines.index(h) for h in headings]
    assert positions == sorted(positions)


def test_show_links_indicators_and_pitfalls_to_key_actions(ladder: Ladder) -> None:
    out = ok(ladder("show", "vp"))
    assert "  • Vision that extends beyond engineering execution (key actions 1, 3)\n" in out
    assert "  • Lacking external presence and industry credibility (key action 2)\n" in out


def test_show_wraps_at_80_columns_and_never_cuts(ladder: Ladder) -> None:
    for role in ("vp", "cto", "ceo"):
        out = ok(ladder("show", role))
        assert max(len(line) for line in out.splitlines()) <= 80
        assert not [line for line in out.splitlines() if line != line.rstrip()]
    out = ok(ladder("show", "vp"))
    assert "     Example: Publish a widely-read article on an emerging technology trend.\n" in out
    assert "     technology at your company.\n" in out


def test_show_cto_points_back_to_the_path_into_it(ladder: Ladder) -> None:
    out = ok(ladder("show", "cto"))
    assert "Paths into CTO\n" in out
    assert "From VP of Engineering: you're ready for CTO when you've demonstrated:" in out
    assert "The whole path:\n  ladder show vp\n" in out
    assert "In some organizations, the VP of Engineering and CTO roles are combined." in out


def test_show_ceo_has_no_note_about_cto(ladder: Ladder) -> None:
    assert "combined" not in ok(ladder("show", "ceo"))


def test_show_json_is_a_valid_role_file(ladder: Ladder) -> None:
    data = json.loads(ok(ladder("show", "vp", "--format", "json")))
    role = Role.model_validate(data)
    assert role.paths["cto"].indicators[4].actions == [
        "product-intuition",
        "technology-differentiation",
    ]
    assert data["paths"]["cto"]["shifts"][0] == {
        "id": "execution-to-vision",
        "from": "Engineering execution focus",
        "to": "Technology vision focus",
    }


# --- compare ------------------------------------------------------------------------------


def test_compare_columns_follow_the_order_given(ladder: Ladder) -> None:
    out = ok(ladder("compare", "ceo", "vp"))
    header = next(line for line in out.splitlines() if "Dimension" in line)
    assert header.index("CEO") < header.index("VP of Engineering")
    assert out.startswith("Comparison: CEO vs VP\n")
    # The path joins vp to ceo whatever the order of the columns.
    assert "VP to CEO\n" in out


def test_compare_three_is_the_documents_table(ladder: Ladder) -> None:
    out = ok(ladder("compare", "vp", "cto", "ceo"))
    assert out.startswith("Comparison: VP vs CTO/CEO\n")
    assert "│ Reports to        │ CTO or CEO        │ CEO or Board     │ Board             │" in out
    assert "Key differences summary" in out
    assert "VP to CTO\n" in out and "VP to CEO\n" in out
    assert "  • Strong relationships with CEO and board\n" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_compare_note_only_with_both_roles(ladder: Ladder) -> None:
    assert "Note: In some organizations" in ok(ladder("compare", "vp", "cto"))
    assert "In some organizations" not in ok(ladder("compare", "vp", "ceo"))


def test_compare_without_a_path_between_roles(ladder: Ladder) -> None:
    out = ok(ladder("compare", "cto", "ceo"))
    assert "Key shifts" not in out


def test_compare_diff_keeps_rows_that_differ(ladder: Ladder, role_dir: Callable[..., Path]) -> None:
    folder = role_dir(cfo=CFO)
    full = json.loads(ok(ladder("--roles", str(folder), "compare", "ceo", "cfo", "-f", "json")))
    assert [(d["dimension"], d["differs"]) for d in full["dimensions"]][:3] == [
        ("Primary focus", True),
        ("Scope", False),
        ("Reports to", True),
    ]
    diff = json.loads(
        ok(ladder("--roles", str(folder), "compare", "ceo", "cfo", "--diff", "-f", "json"))
    )
    assert "Scope" not in [d["dimension"] for d in diff["dimensions"]]
    assert len(diff["dimensions"]) == len(full["dimensions"]) - 1
    text = ok(ladder("--roles", str(folder), "compare", "ceo", "cfo", "--diff"))
    assert "Entire company" not in text
    assert "Finance" in text


def test_compare_json(ladder: Ladder) -> None:
    data = json.loads(ok(ladder("compare", "vp", "cto", "-f", "json")))
    assert data["roles"][1] == {"id": "cto", "title": "CTO", "short_title": "CTO"}
    assert data["dimensions"][0] == {
        "dimension": "Primary focus",
        "values": {
            "vp": "Engineering execution and org health",
            "cto": "Technology vision and strategy",
        },
        "differs": True,
    }
    assert data["differences"][0]["values"]["cto"] == "Chief architect of the product"
    assert data["paths"][0]["from"] == "vp" and data["paths"][0]["to"] == "cto"
    assert len(data["paths"][0]["indicators"]) == 5
    assert len(data["notes"]) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["vp"], "ladder: compare needs at least two roles, such as: ladder compare vp cto\n"),
        (["vp", "VP"], "ladder: role 'vp' is named twice; name each role once\n"),
    ],
)
def test_compare_bad_arguments(ladder: Ladder, args: list[str], message: str) -> None:
    result = ladder("compare", *args)
    assert (result.exit_code, result.stderr) == (2, message)


# --- output files -------------------------------------------------------------------------


def test_output_file_name_picks_the_format(ladder: Ladder, tmp_path: Path) -> None:
    md, js, txt = tmp_path / "vp.md", tmp_path / "vp.json", tmp_path / "vp.txt"
    result = ladder("show", "vp", "-o", str(md))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"Wrote the Markdown role profile to {md}\n"
    assert md.read_text().startswith("# VP of Engineering (VP)\n")
    ok(ladder("show", "vp", "-o", str(js)))
    assert json.loads(js.read_text())["id"] == "vp"
    ok(ladder("show", "vp", "-o", str(txt)))
    text = txt.read_text()
    assert text.startswith("VP of Engineering (VP)\n")
    assert "\x1b[" not in text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_output_dash_is_stdout(ladder: Ladder) -> None:
    assert ok(ladder("roles", "-o", "-", "-f", "json")).startswith('{\n  "roles"')


def test_format_that_contradicts_the_file_name(ladder: Ladder, tmp_path: Path) -> None:
    result = ladder("show", "vp", "-f", "json", "-o", str(tmp_path / "x.md"))
    assert result.exit_code == 2
    assert result.stderr == (
        f"ladder: --format json does not fit the output file '{tmp_path / 'x.md'}', "
        "whose name says markdown; drop one of them\n"
    )
    assert not (tmp_path / "x.md").exists()


def test_existing_report_is_replaced_whole(ladder: Ladder, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("old")
    target.chmod(0o640)
    ok(ladder("compare", "vp", "cto", "-o", str(target)))
    assert target.read_text().startswith("# Comparison: VP vs CTO")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    # no temporary file left beside it (ladder-home is LADDER_HOME, with the catalog cache)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ladder-home", "report.md"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_unwritable_folder(ladder: Ladder, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    result = ladder("show", "vp", "-o", str(folder / "vp.md"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"ladder: cannot write {folder / 'vp.md'}: ")


@pytest.mark.parametrize("given", ["md", "MD", "Markdown", ".md"])
def test_format_md_is_markdown(ladder: Ladder, given: str) -> None:
    assert ok(ladder("show", "vp", "-f", given)).startswith("# VP of Engineering (VP)\n")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["show", "vp", "-f", "pdf"],
            "ladder does not write PDF; write html and print it to PDF from a browser, or "
            "markdown to paste into a document",
        ),
        (["show", "vp", "-f", "xml"], "'xml' is not a format: text, markdown, json or html"),
        (["forget", "abc"], "'abc' is not an id: ids are numbers; ladder history lists them"),
        (["report", "--id", "x"], "'x' is not an id: ids are numbers; ladder history lists them"),
    ],
)
def test_a_bad_value_is_said_in_our_words(ladder: Ladder, args: list[str], said: str) -> None:
    """Not "Value error, ..." nor "Input should be a valid integer": what to give instead."""
    result = ladder(*args)
    assert result.exit_code == 2
    flat = " ".join(result.output.replace("│", " ").split())
    assert said in flat
    assert "Value error" not in flat and "valid integer" not in flat


def test_output_into_missing_folder(ladder: Ladder, tmp_path: Path) -> None:
    target = tmp_path / "nope" / "vp.md"
    result = ladder("show", "vp", "-o", str(target))
    assert result.exit_code == 1
    assert result.stderr == (
        f"ladder: cannot write {target}: the folder {target.parent} does not exist\n"
    )


def test_output_onto_a_folder(ladder: Ladder, tmp_path: Path) -> None:
    result = ladder("show", "vp", "-o", str(tmp_path))
    assert (result.exit_code, result.stderr) == (
        1,
        f"ladder: cannot write {tmp_path}: it is a folder\n",
    )


# --- user role folders --------------------------------------------------------------------


def test_user_role_with_a_builtin_id_replaces_it(
    ladder: Ladder, role_dir: Callable[..., Path]
) -> None:
    folder = role_dir(cto=CUSTOM_CTO)
    out = ok(ladder("--roles", str(folder), "show", "cto"))
    assert out.startswith("Chief Technology Officer (CTO)\n")
    assert "Our platform" in out
    roles = json.loads(ok(ladder("--roles", str(folder), "roles", "-f", "json")))["roles"]
    cto = next(r for r in roles if r["id"] == "cto")
    assert cto["source"].endswith("cto.yaml")
    # The VP's path to CTO now leads to the replacement.
    assert "Paths into CTO" in out


def test_env_then_option_layers(
    ladder: Ladder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_dir, opt_dir = tmp_path / "env", tmp_path / "opt"
    env_dir.mkdir()
    opt_dir.mkdir()
    (env_dir / "cfo.yaml").write_text(CFO)
    (env_dir / "cto.yaml").write_text(CUSTOM_CTO)
    (opt_dir / "cto.yaml").write_text(CUSTOM_CTO.replace("Our platform", "Option wins"))
    monkeypatch.setenv("LADDER_ROLES", f"{env_dir}{os.pathsep}")
    ids = [r["id"] for r in json.loads(ok(ladder("roles", "-f", "json")))["roles"]]
    assert ids == ["cfo", "vp", "cto", "ceo"]
    assert "Our platform" in ok(ladder("show", "cto"))
    assert "Option wins" in ok(ladder("--roles", str(opt_dir), "show", "cto"))


def test_a_user_role_can_add_a_path(ladder: Ladder, role_dir: Callable[..., Path]) -> None:
    director = dedent("""\
        id: director
        title: Director of Engineering
        short_title: Director
        paths:
          vp:
            shifts:
              - {id: team-to-org, from: Teams, to: Organisation}
            actions:
              - id: own-budget
                title: Own a Budget
                behaviours:
                  - {id: plan-headcount, text: Plan headcount}
            indicators:
              - {id: runs-org, text: Runs an org, actions: [own-budget]}
        """)
    folder = role_dir(director=director)
    roles = json.loads(ok(ladder("--roles", str(folder), "roles", "-f", "json")))["roles"]
    assert [r["id"] for r in roles] == ["director", "vp", "cto", "ceo"]
    out = ok(ladder("--roles", str(folder), "show", "vp"))
    assert "Paths into VP" in out
    assert "Transition to CTO or CEO" in out


# --- validate and schema ------------------------------------------------------------------


def test_validate_builtins(ladder: Ladder) -> None:
    out = ok(ladder("validate"))
    assert out.splitlines()[-1] == "All 3 files are valid."
    assert [line.split(": ", 1)[1] for line in out.splitlines()[:3]] == [
        "valid (role ceo)",
        "valid (role cto)",
        "valid (role vp)",
    ]


def test_validate_files_and_folders(ladder: Ladder, role_dir: Callable[..., Path]) -> None:
    folder = role_dir(cfo=CFO, bad="id: bad\ntitle: Bad\nsumary: x\n")
    result = ladder("validate", str(folder / "cfo.yaml"))
    assert result.exit_code == 0
    assert result.stdout.endswith("cfo.yaml: valid (role cfo)\nThe file is valid.\n")
    result = ladder("validate", str(folder))
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert lines[0].endswith(
        "bad.yaml:3:1: sumary: unknown field 'sumary' (did you mean 'summary'?)"
    )
    assert lines[-1] == "1 of 2 files has problems."


def test_validate_json(ladder: Ladder, role_dir: Callable[..., Path]) -> None:
    folder = role_dir(bad="id: bad\ntitle: Bad\nsumary: x\n")
    result = ladder("validate", str(folder), "-f", "json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["valid"] is False
    assert data["files"][0]["problems"] == [
        {
            "line": 3,
            "column": 1,
            "field": "sumary",
            "message": "unknown field 'sumary' (did you mean 'summary'?)",
        }
    ]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "none.yaml", "ladder: no such file or folder: {p}/none.yaml\n"),
        (lambda p: p, "ladder: no role files (*.yaml, *.yml) in {p}\n"),
    ],
)
def test_validate_nothing_to_check(ladder: Ladder, tmp_path: Path, make: Any, message: str) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = ladder("validate", str(make(empty)))
    assert (result.exit_code, result.stderr) == (2, message.format(p=empty))


def test_shipped_schema_is_in_step_with_the_models(ladder: Ladder) -> None:
    from laddercli.roles.files import builtin_roles_dir

    shipped = json.loads((builtin_roles_dir() / "role.schema.json").read_text())
    printed = json.loads(ok(ladder("schema")))
    assert shipped == printed, "run: ladder schema -o roles/role.schema.json"
    assert printed["additionalProperties"] is False
    assert printed["required"] == ["id", "title"]


def complete(words: str, cwd: Path) -> list[str]:
    """What the shell would be offered for ``words`` (bash protocol, a real process)."""
    import subprocess
    import sys

    cword = len(words.split()) - (0 if words.endswith(" ") else 1)
    env = {
        **os.environ,
        "_LADDER_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(cword),
    }
    done = subprocess.run(
        [sys.executable, "-m", "laddercli"],
        env=env,
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )
    return done.stdout.split()


def test_completion_of_role_ids(tmp_path: Path) -> None:
    assert complete("ladder show c", tmp_path) == ["cto", "ceo"]


def test_compare_diff_says_how_many_rows_differ(ladder: Ladder) -> None:
    out = ok(ladder("compare", "vp", "cto", "--diff"))
    assert "Only the rows that differ: 8 of 8 dimensions, 3 of 3 key differences." in out


def test_a_single_path_needs_no_transition_section(
    ladder: Ladder, role_dir: Callable[..., Path]
) -> None:
    folder = role_dir(
        director=dedent("""\
            id: director
            title: Director of Engineering
            short_title: Director
            paths:
              vp:
                shifts: [{id: a, from: Teams, to: Organisation}]
                actions:
                  - {id: b, title: Own a Budget, behaviours: [{id: c, text: Plan headcount}]}
                indicators: [{id: d, text: Runs an org, actions: [b]}]
            """)
    )
    out = ok(ladder("--roles", str(folder), "show", "director"))
    assert "Transition to" not in out
    assert "Path to VP\n──────────\n" in out


def test_output_through_a_symlink_writes_its_target(ladder: Ladder, tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    ok(ladder("show", "vp", "-o", str(link)))
    assert link.is_symlink()
    assert real.read_text().startswith("# VP of Engineering")


def test_output_to_a_device_writes_through_it(ladder: Ladder) -> None:
    before = os.stat("/dev/null")
    ok(ladder("show", "vp", "-o", "/dev/null", "-f", "markdown"))
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


def test_full_disk_on_standard_output(ladder: Ladder, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    class Full:
        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def flush(self) -> None:
            pass

    from laddercli.render import output

    monkeypatch.setattr(output, "sys", type("S", (), {"stdout": Full()}))
    result = ladder("show", "vp", "-f", "markdown")
    assert result.exit_code == 1
    assert result.stderr == "ladder: cannot write to standard output: No space left on device\n"


def test_completion_reads_roles_option_and_skips_named_roles(
    tmp_path: Path, role_dir: Callable[..., Path]
) -> None:
    folder = role_dir(cfo=CFO)
    assert complete(f"ladder --roles {folder} show c", tmp_path) == ["cfo", "cto", "ceo"]
    assert complete("ladder compare vp ", tmp_path) == ["cto", "ceo"]


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("", "ladder: -o needs a file name (or - for standard output)\n"),
        (
            "reports/",
            "ladder: -o reports/ ends with '/', so it names a folder; give a file name, such "
            "as reports.md\n",
        ),
    ],
)
def test_an_output_that_names_no_file(ladder: Ladder, output: str, message: str) -> None:
    result = ladder("show", "vp", "-o", output)
    assert (result.exit_code, result.stderr) == (2, message)


def test_hints_name_the_role_folders_given(
    ladder: Ladder, role_dir: Callable[..., Path], tmp_path: Path
) -> None:
    """A hint copied from the screen works: it names the --roles folders of the run."""
    folder = role_dir(cfo=CFO)
    text = ladder("--roles", str(folder), "roles").stdout
    assert text.endswith(
        f"One role in full:\n  ladder --roles {folder} show cfo\n"
        f"Roles side by side:\n  ladder --roles {folder} compare cfo vp cto\n"
    )
    shown = ladder("--roles", str(folder), "show", "cfo").stdout
    assert f"\n  ladder --roles {folder} compare cfo vp cto ceo\n" in shown
    assert "\n  ladder show vp\nRoles side by side:\n" in ladder("roles").stdout
