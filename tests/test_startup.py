"""Start-up and packaging, in fresh processes: what in-process tests cannot see."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

HEAVY = ("yaml", "questionary", "prompt_toolkit")

PROBE = """
import contextlib, io, json, sys
sys.argv = ["ladder", *json.loads(sys.argv[1])]
from laddercli.cli import main
if sys.argv[1:]:
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            main()
        except SystemExit:
            pass
print(json.dumps(sorted(sys.modules)))
"""


def modules_after(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(list(args))],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def roots(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_importing_the_cli_loads_nothing_heavy() -> None:
    loaded = roots(modules_after())
    assert not loaded & set(HEAVY)


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["--version"], ["show", "--help"]])
def test_help_loads_nothing_heavy(args: list[str]) -> None:
    modules = modules_after(*args)
    assert not roots(modules) & set(HEAVY)
    assert "laddercli.roles.catalog" not in modules
    assert "pydantic" not in roots(modules) or args == ["show", "--help"]


def test_show_loads_yaml_but_not_questionary() -> None:
    loaded = roots(modules_after("show", "vp"))
    assert "yaml" in loaded
    assert not loaded & {"questionary", "prompt_toolkit"}


def test_scoring_an_answers_file_does_not_load_questionary(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("from: vp\nto: cto\nanswers:\n  partner-with-product: 3\n")
    loaded = roots(modules_after("assess", "--answers", str(answers), "-f", "json"))
    assert "laddercli" in loaded and "yaml" in loaded
    assert not loaded & {"questionary", "prompt_toolkit", "platformdirs"}
    assert "sqlite3" in loaded  # the assessment is kept in the history
    unsaved = roots(modules_after("assess", "--answers", str(answers), "-f", "json", "--no-save"))
    assert not unsaved & {"questionary", "prompt_toolkit", "platformdirs", "sqlite3"}


# A run of `ladder ARGS` through main(), then a look at what it left: which commands Typer
# made into click commands, and whether a model's validator was built.
AFTER_PROBE = """
import contextlib, io, json, sys
import typer.main
made = []
real = typer.main.get_command_from_info
def counted(*args, **kwargs):
    info = args[0] if args else kwargs["command_info"]
    made.append(info.name or info.callback.__name__)
    return real(*args, **kwargs)
typer.main.get_command_from_info = counted
import re
compiled = set()
real_compile = re._compile
def recording(pattern, flags):
    compiled.add(getattr(pattern, "pattern", pattern))
    return real_compile(pattern, flags)
re._compile = recording
sys.argv = ["ladder", *json.loads(sys.argv[1])]
from laddercli.cli import app, main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        main()
    except SystemExit:
        pass
from laddercli.roles import yamlsafe
from laddercli.roles.model import ScalePoint
json_only = (yamlsafe._SURROGATE, yamlsafe._ESCAPE, yamlsafe._SURROGATE_CHAR)
print(json.dumps({
    "json_patterns_compiled": bool({getattr(p, "pattern", p) for p in json_only} & compiled),
    "made": made,
    "registered": len(app.registered_commands),
    "scale_validator_built": ScalePoint.__pydantic_complete__,
}))
"""


def after_run(*args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", AFTER_PROBE, json.dumps(list(args))],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


def test_a_command_run_makes_only_its_own_click_command(tmp_path: Path) -> None:
    """Typer turns every command's parameters into click's at each run: with twelve
    commands, about 3 ms of a run that uses one of them."""
    from laddercli.cli import ORDER

    commands = len(ORDER)
    answers = str(DATA / "answers-vp-cto.yaml")
    env = {**os.environ, "LADDER_HOME": str(tmp_path), "LADDER_PAGER": ""}
    for args in (["report", answers], ["assess", "--answers", answers, "-f", "json", "--no-save"]):
        run = after_run(*args, env=env)
        assert run["made"] == [args[0]], args
        assert run["registered"] == commands  # put back after the run
    every = after_run("--help")["made"]
    assert len(every) == commands and "plan" in every and "form" in every
    assert len(after_run("repor", answers)["made"]) == commands  # "did you mean" needs all
    assert len(after_run("--no-pager", "report", answers, env=env)["made"]) == commands


def test_a_report_from_the_cache_builds_no_scale_validator(tmp_path: Path) -> None:
    """The options scale is ours and valid: made without validation, so that a report
    from the catalog cache never builds ScalePoint's validator (about 1 to 3 ms)."""
    answers = str(DATA / "answers-vp-cto.yaml")
    env = {**os.environ, "LADDER_HOME": str(tmp_path), "LADDER_PAGER": ""}
    after_run("roles", env=env)  # fills the catalog cache
    for args in (["report", answers], ["assess", "--answers", answers, "-f", "json", "--no-save"]):
        assert after_run(*args, env=env)["scale_validator_built"] is False, args


def test_reading_yaml_compiles_no_pattern_of_json_input(tmp_path: Path) -> None:
    """The patterns that join a JSON file's surrogate escapes are compiled when a JSON file
    needs them, not at import (about 1 ms of every command that reads a YAML file)."""
    answers = str(DATA / "answers-vp-cto.yaml")
    env = {**os.environ, "LADDER_HOME": str(tmp_path), "LADDER_PAGER": ""}
    assert after_run("report", answers, env=env)["json_patterns_compiled"] is False


# What only ``ladder plan``, ``ladder log``, ``ladder history`` and a saved assessment need.
TRACKING = (
    "laddercli.assessment.focus",
    "laddercli.views.plan",
    "laddercli.views.history",
    "laddercli.render.calendar",
    "laddercli.history.store",
    "laddercli.history.progress",
    "sqlite3",
)


def test_a_report_of_a_file_loads_nothing_of_the_history_or_the_tracked_plan() -> None:
    answers = str(DATA / "answers-vp-cto.yaml")
    report = modules_after("report", answers)
    assert "laddercli.assessment.plan" in report  # the report's own plan
    assert not report & {*TRACKING, "laddercli.history.keeping", "laddercli.history"}
    unsaved = modules_after("assess", "--answers", answers, "-f", "json", "--no-save")
    assert not unsaved & set(TRACKING)


# The whole `ladder` run, as the console script runs it, its output on a pipe or a terminal;
# what it imported is written to a file at the end.
RECORDING_PROBE = """
import json, sys
args, record = json.loads(sys.argv[1]), sys.argv[2]
sys.argv = ["ladder", *args]
try:
    from laddercli import main
    main()
finally:
    with open(record, "w") as fh:
        json.dump(sorted(sys.modules), fh)
"""

DATA = Path(__file__).parent / "data"
WITHOUT_RICH = [
    ["show", "vp"],
    ["roles"],
    ["compare", "vp", "cto", "ceo"],
    ["report", str(DATA / "answers-vp-cto.yaml")],
    ["assess", "--answers", str(DATA / "answers-vp-cto.yaml"), "--no-save"],
]


def run_recorded(args: list[str], tmp_path: Path, *, terminal: bool) -> tuple[bytes, set[str]]:
    """Run ``ladder ARGS`` with its output on a pipe, or on a pseudo-terminal 80 columns
    wide (colours on); its output and the modules it imported."""
    record = tmp_path / "modules.json"
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS")}
    argv = [sys.executable, "-c", RECORDING_PROBE, json.dumps(args), str(record)]
    if not terminal:
        done = subprocess.run(argv, env=env, capture_output=True, check=False)
        assert done.returncode == 0, done.stderr
        return done.stdout, set(json.loads(record.read_text()))
    import fcntl
    import struct
    import termios

    main, child = os.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env["TERM"] = "xterm-256color"
    with subprocess.Popen(
        argv, env=env, stdin=subprocess.DEVNULL, stdout=child, stderr=child
    ) as process:
        os.close(child)
        output = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the child has gone: EIO
                break
            if not chunk:
                break
            output += chunk
        os.close(main)
        assert process.wait() == 0, output
    return output, set(json.loads(record.read_text()))


@pytest.mark.parametrize("terminal", [False, True], ids=["pipe", "terminal"])
@pytest.mark.parametrize("args", WITHOUT_RICH, ids=lambda args: " ".join(args[:2]))
def test_text_output_does_not_load_rich(args: list[str], terminal: bool, tmp_path: Path) -> None:
    output, modules = run_recorded(args, tmp_path, terminal=terminal)
    assert not roots(modules) & {"rich", "questionary", "prompt_toolkit"}
    assert ("\x1b[1m" in output.decode()) == terminal  # styled on the terminal only


def test_no_pager_on_a_terminal_loads_no_shlex(tmp_path: Path) -> None:
    """LADDER_PAGER empty: a report longer than the screen is written as it is, without
    loading what would split a pager's command line."""
    args = ["report", str(DATA / "answers-vp-cto.yaml")]
    output, modules = run_recorded(args, tmp_path, terminal=True)
    assert output.count(b"\n") > 24 and os.environ.get("LADDER_PAGER") == ""
    assert "shlex" not in modules


def test_commands_hold_their_annotations_evaluated() -> None:
    """Typer reads every command's annotations at every run, four times over: as strings
    (``from __future__ import annotations``) each read compiled and evaluated them again,
    about 300 times a run (8 ms of a command's start-up)."""
    from laddercli.cli import app

    callbacks = [c.callback for c in app.registered_commands]
    assert app.registered_callback is not None
    for callback in [*callbacks, app.registered_callback.callback]:
        assert callback is not None
        written = {name: a for name, a in callback.__annotations__.items() if isinstance(a, str)}
        assert written == {}, callback.__name__


def test_the_role_model_holds_its_annotations_evaluated() -> None:
    """pydantic makes every model at start-up (validators are built later, if at all), and
    would evaluate annotations written as strings one by one."""
    from pydantic import BaseModel

    from laddercli.roles import model

    models = [m for m in vars(model).values() if isinstance(m, type) and issubclass(m, BaseModel)]
    assert len(models) > 10
    for cls in models:
        written = [n for n, a in vars(cls).get("__annotations__", {}).items() if isinstance(a, str)]
        assert written == [], cls.__name__


def test_assess_without_a_terminal_exits_2_at_once() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "laddercli", "assess", "cto"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "--answers" in done.stderr and "--template" in done.stderr
    assert done.stdout == ""


def _ladder() -> list[str]:
    script = Path(sys.executable).with_name("ladder")
    return [str(script)] if script.exists() else [sys.executable, "-m", "laddercli"]


def test_installed_command_works_from_any_folder(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LADDER_")}
    env.update(NO_COLOR="1", COLUMNS="80")
    done = subprocess.run(
        [*_ladder(), "show", "vp"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("VP of Engineering (VP)\n")
    assert "\x1b[" not in done.stdout


def test_python_dash_m(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "laddercli", "--version"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("ladder ")


def test_unexpected_errors_show_no_traceback() -> None:
    # A bug in the core: the user sees one line; LADDER_DEBUG=1 shows the traceback.
    code = (
        "import sys; sys.argv=['ladder','roles']\n"
        "import laddercli.roles.catalog as c\n"
        "def boom(*a, **k): raise RuntimeError('simulated')\n"
        "c.load_catalog = boom\n"
        "from laddercli.cli import main; main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert done.stderr == (
        "ladder: internal error: RuntimeError: simulated\n"
        "Set LADDER_DEBUG=1 to see the traceback, and please report it.\n"
    )
    debug = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "LADDER_DEBUG": "1"},
    )
    assert "Traceback" in debug.stderr


def test_the_wheel_ships_the_role_files(tmp_path: Path) -> None:
    pytest.importorskip("hatchling")
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    import zipfile

    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("vp.yaml", "cto.yaml", "ceo.yaml", "role.schema.json"):
        assert f"laddercli/roles/{name}" in names
    assert "laddercli/py.typed" in names


def test_ctrl_c_while_starting_exits_130_quietly() -> None:
    code = (
        "import builtins, sys\n"
        "real = builtins.__import__\n"
        "def slow(name, *a, **k):\n"
        "    if name == 'typer': raise KeyboardInterrupt\n"
        "    return real(name, *a, **k)\n"
        "builtins.__import__ = slow\n"
        "from laddercli import main; main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stderr) == (130, "")


NO_PLUGINS_PROBE = """
import sys
import laddercli
sys.argv = ["ladder", *sys.argv[1:]]
try:
    laddercli.main()
except SystemExit:
    pass
from pydantic.plugin._loader import get_plugins
print(json.dumps({"metadata": "importlib.metadata" in sys.modules, "plugins": list(get_plugins())}),
      file=sys.stderr)
"""


def test_ladder_loads_no_pydantic_plugin_nor_the_metadata_to_find_one(tmp_path: Path) -> None:
    """A pydantic plugin sees every validation and may report it elsewhere; looking for one
    imported importlib.metadata, 14 ms of every run."""
    env = {**os.environ, "LADDER_HOME": str(tmp_path), "LADDER_PAGER": ""}
    answers = str(DATA / "answers-vp-cto.yaml")
    for args in (["report", answers], ["assess", "--answers", answers, "-f", "json", "--no-save"]):
        done = subprocess.run(
            [sys.executable, "-c", "import json\n" + NO_PLUGINS_PROBE, *args],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        assert json.loads(done.stderr.splitlines()[-1]) == {"metadata": False, "plugins": []}
