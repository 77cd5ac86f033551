"""The README stays in step with the command: every command and option, and its examples."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from laddercli.cli import app
from tests.helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = [
    "assess",
    "form",
    "report",
    "history",
    "plan",
    "log",
    "forget",
    "roles",
    "show",
    "compare",
    "validate",
    "schema",
]
WIDE = {"COLUMNS": "120"}  # one line per option, for the checks on each


def test_every_command_is_in_the_readme() -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    assert sorted(group.commands) == sorted(COMMANDS)
    for name in COMMANDS:
        assert f"`ladder {name}" in README, name


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_is_in_the_readme(name: str) -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    command = group.commands[name]
    for param in command.params:
        for opt in param.opts:
            if opt.startswith("--") and opt != "--help":
                assert f"`{opt}" in README or f"{opt} " in README, f"{name} {opt}"


def test_every_command_has_help() -> None:
    for name in COMMANDS:
        result = CliRunner().invoke(app, [name, "--help"], catch_exceptions=False)
        assert result.exit_code == 0
        assert f"Usage: ladder {name}" in result.stdout


def test_a_flag_shows_no_value_in_help() -> None:
    """An on/off option is shown alone, not as ``--evidence <bool>`` (which reads as if it
    took a value), Typer's own --help and --install-completion too; --format names its
    value, FORMAT, and its help lists the choices."""
    for args in ([], *([name] for name in COMMANDS)):
        result = CliRunner().invoke(app, [*args, "--help"], catch_exceptions=False, env=WIDE)
        assert "<bool>" not in result.stdout, f"ladder {' '.join(args)} --help"
        assert re.search(r"│ --help +-h +Show this message and exit", result.stdout)
    root = CliRunner().invoke(app, ["--help"], catch_exceptions=False, env=WIDE)
    assert re.search(r"│ --install-completion +Install completion", root.stdout)
    assess = CliRunner().invoke(app, ["assess", "--help"], catch_exceptions=False, env=WIDE)
    assert re.search(r"│ --evidence +After each rating", assess.stdout)
    assert re.search(
        r"│ --format +-f +FORMAT +Output format: text, markdown \(or md\), json", assess.stdout
    )


# what Typer would show of its own workings: a type (<str>, <list[str]>, <text|json>), a
# required argument in braces ({ID}), a metavar bracketed twice ([[PATH...]]...)
INTERNALS = re.compile(r"<[a-z][\w|,\[\] ]*>|\{[A-Z]+\}|\[\[|\]\]")


@pytest.mark.parametrize("args", [[], *([name] for name in COMMANDS)], ids=["ladder", *COMMANDS])
def test_help_shows_no_internals_and_whole_examples(args: list[str]) -> None:
    """At 80 columns each help names its arguments as a user would write them (``ROLE...``,
    ``[PATH]...``), with no type in angle brackets, and each example stands whole on a line
    of its own, under "Examples:", ready to copy."""
    result = CliRunner().invoke(app, [*args, "--help"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    shown = result.stdout
    assert not INTERNALS.findall(shown), f"ladder {' '.join(args)} --help:\n{shown}"
    if "Examples:" in shown:
        after = shown.split("Examples:", 1)[1].splitlines()[1:]
        lines = [line.strip() for line in itertools.takewhile(str.strip, after)]
        assert lines and all(line.startswith("ladder ") for line in lines), shown
        assert not any("·" in line for line in lines), shown


def test_help_usage_and_examples() -> None:
    """The usage lines as click writes them, the top-level help in whole sentences, and
    examples for history."""

    def usage(*args: str) -> str:
        out = CliRunner().invoke(app, [*args, "--help"], catch_exceptions=False).stdout
        return next(line.strip() for line in out.splitlines() if "Usage:" in line)

    assert usage("forget") == "Usage: ladder forget [OPTIONS] ID"
    assert usage("show") == "Usage: ladder show [OPTIONS] ROLE"
    assert usage("compare") == "Usage: ladder compare [OPTIONS] ROLE..."
    assert usage("validate") == "Usage: ladder validate [OPTIONS] [PATH]..."
    assert usage("report") == "Usage: ladder report [OPTIONS] [FILE]..."
    assert usage("history") == "Usage: ladder history [OPTIONS] [TARGET]"
    root = CliRunner().invoke(app, ["--help"], catch_exceptions=False, env=WIDE).stdout
    assert "The roles themselves:" not in root  # a sentence without its verb
    history = CliRunner().invoke(app, ["history", "--help"], catch_exceptions=False).stdout
    assert "Examples:" in history
    assert "ladder history cto" in history.split("Examples:", 1)[1]


def test_the_readme_example_role_is_valid(tmp_path: Path) -> None:
    blocks = re.findall(r"```yaml\n(.*?)```", README, flags=re.S)
    (example,) = [b for b in blocks if b.startswith("# yaml-language-server")]
    (tmp_path / "director.yaml").write_text(example, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    shown = CliRunner().invoke(
        app, ["--roles", str(tmp_path), "show", "director"], catch_exceptions=False
    )
    assert shown.exit_code == 0, shown.output
    assert "Path to VP" in shown.stdout


def test_the_readme_error_example_is_what_the_tool_says() -> None:
    assert (
        "`roles/cfo.yaml:19:19: paths.cto.indicators[0].actions[0]: no key action 'learn-teck' "
        "in paths.cto.actions (did you mean 'learn-tech'?)`" in README
    )


def test_the_readme_lists_the_role_file_fields() -> None:
    from laddercli.roles.model import Role

    for field in Role.model_fields:
        assert f"`{field}`" in README, field


def test_the_readme_worked_example_is_what_scoring_gives() -> None:
    from laddercli.assessment.answers import NA, Answers
    from laddercli.assessment.questions import build_questionnaire, find_path
    from laddercli.assessment.scoring import score
    from laddercli.roles.catalog import load_catalog

    catalog = load_catalog()
    q = build_questionnaire(find_path(catalog, catalog.get("vp"), catalog.get("cto")))
    answers = Answers("vp", "cto")
    answers.ratings.update(
        {
            "execution-to-vision": 1,
            "partner-with-product": 4,
            "understand-customers-and-market": 2,
            "contribute-to-product-vision": NA,
            "product-and-customer-understanding": 2,
            "vision-beyond-execution": 3,
        }
    )
    answers.notes["vision-beyond-execution"] = "Set the 2027 platform vision with the CEO"
    result = score(q, answers)
    assert (result.readiness, result.band) == (73.3, "Nearly ready")
    areas = {a.action.id: a.score for a in result.areas}
    assert areas["product-intuition"] == 83.3
    assert areas["technology-differentiation"] == 100
    assert [(i.id, i.priority) for i in result.gaps] == [
        ("execution-to-vision", 4),
        ("product-and-customer-understanding", 3),
        ("understand-customers-and-market", 1),
    ]
    c = result.confidence
    assert (c.answered, c.questions, c.incomplete, c.evidence_share) == (6, 21, True, 0.5)
    for figure in ("**73.3**", "**83.3**", "**100**", "**4**", "**3**", "**1**", "**50%**"):
        assert figure in README


def test_the_readme_answers_error_example_is_what_the_tool_says() -> None:
    result = CliRunner().invoke(
        app,
        ["assess", "--answers", "-"],
        input="from: vp\nto: cto\nanswers:\n  partner-with-product:\n    rating: 5\n",
        catch_exceptions=False,
    )
    message = result.stderr.strip().replace("<stdin>", "answers.yaml")
    assert f"`{message}`" in README


def test_the_readme_report_excerpt_is_what_the_tool_prints() -> None:
    """The excerpt comes from tests/data/answers-vp-cto.yaml; '...' marks what is left out."""
    answers = Path(__file__).parent / "data" / "answers-vp-cto.yaml"
    result = CliRunner().invoke(app, ["assess", "--answers", str(answers)])
    assert result.exit_code == 0, result.output
    block = README.split("$ ladder assess --answers answers.yaml\n", 1)[1].split("```", 1)[0]
    printed = result.stdout
    for part in block.split("...\n"):
        if part.strip():
            assert part in printed, part


def test_the_readme_lists_the_exit_codes() -> None:
    """The README's table of exit codes has exactly the codes ladder uses (tests/cli/
    test_faults.py asserts each one)."""
    from laddercli.errors import ExitCode

    table = README[README.index("### Exit codes") :].split("\n\n")[1]
    codes = re.findall(r"^\| (\d+) \| (.+) \|$", table, flags=re.M)
    assert [int(code) for code, _ in codes] == sorted(int(c) for c in ExitCode)
    meanings = dict(codes)
    assert meanings["0"] == "done"
    assert meanings["1"].startswith("an error")
    assert meanings["2"].startswith("bad input or usage")
    assert meanings["130"].startswith("cancelled")


def section(heading: str) -> str:
    """The README's text under ``heading``, up to the next heading of the same level."""
    level = heading.split(" ", 1)[0]
    text = README.split(f"\n{heading}\n", 1)[1]
    return re.split(rf"^{level} ", text, maxsplit=1, flags=re.M)[0]


def command_names(command: Any, prefix: str = "") -> list[str]:
    """Every command of the app, walked as Typer builds it (sub-groups too)."""
    if not isinstance(command, typer.core.TyperGroup):
        return [prefix.strip()]
    names = []
    for name, sub in sorted(command.commands.items()):
        if not sub.hidden:
            names += command_names(sub, f"{prefix} {name}")
    return names


def test_every_command_of_the_app_is_in_the_commands_table() -> None:
    """As sqlite-utils's docs test does: the commands come from the app itself, so that a new
    one cannot be left out of the README's table of commands."""
    names = command_names(typer.main.get_command(app))
    assert len(names) >= len(COMMANDS)
    rows = re.findall(r"^\| `ladder ([a-z -]+?)(?: [A-Z\[].*?)?` \|", section("## Commands"), re.M)
    assert sorted(rows) == names


# Named in the architecture section, for modules the other work of issue 13 adds: each comes
# off this list as it lands (the test fails while one that exists is still listed).
PLANNED_MODULES: set[str] = set()


def architecture_tree() -> dict[str, str]:
    """The modules the README's architecture section names (a package's folder names its
    __init__.py), each with what it says the module holds."""
    block = section("### Architecture").split("```text\n", 1)[1].split("```", 1)[0]
    named: dict[str, str] = {}
    folders: list[str] = []
    for line in block.splitlines()[1:]:  # the first line is src/laddercli/
        depth = (len(line) - len(line.lstrip(" "))) // 2 - 1
        name, _, says = line.strip().partition(" ")
        del folders[depth:]
        path = "/".join([*folders, name])
        if name.endswith("/"):
            folders.append(name.rstrip("/"))
            path += "__init__.py"
        named.setdefault(path, says.strip())
    return named


def test_the_architecture_section_names_every_module() -> None:
    """Every module under src/laddercli has its line in the README, saying what it holds;
    every module named there exists (or is one of those still to come)."""
    package = ROOT / "src" / "laddercli"
    modules = {p.relative_to(package).as_posix() for p in package.rglob("*.py")}
    named = architecture_tree()
    assert modules - named.keys() == set()
    assert {name for name, says in named.items() if not says} == set()
    assert named.keys() - modules == PLANNED_MODULES - modules
    assert PLANNED_MODULES & modules == set(), "take the modules that exist off PLANNED_MODULES"


def test_the_readme_names_only_test_files_that_exist() -> None:
    for name in re.findall(r"`(tests/[\w/.-]+)`", README):
        assert (ROOT / name).exists(), name
