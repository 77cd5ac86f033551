"""The benchmark's machinery (benchmarks/run.py), in a tiny mode, so that it does not rot:
it counts the children's CPU time, not wall time, on a pipe and on a pty; it shuffles the
rounds and divides round by round; its children never see the real home; and the data it
generates at scale is data ladder accepts."""

from __future__ import annotations

import importlib.util
import json
import pwd
import random
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"benchmark_{name}", BENCHMARKS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


bench = load("run")
scale = load("scale")

PROBE = """\
import json, os, sys, time
start = time.process_time()
while time.process_time() - start < float(sys.argv[1]):
    pass
time.sleep(float(sys.argv[2]))
print(json.dumps([sys.stdin.isatty(), sys.stdout.isatty(), os.get_terminal_size(1).columns
                  if sys.stdout.isatty() else None]))
"""


@pytest.mark.parametrize("mode", ["pipe", "pty"])
def test_a_child_is_timed_by_its_cpu_time_not_its_wall_time(tmp_path: Path, mode: str) -> None:
    env = bench.isolated_env(tmp_path / "bench")
    sleeper = bench.measure([sys.executable, "-c", PROBE, "0", "0.25"], env, mode)
    spinner = bench.measure([sys.executable, "-c", PROBE, "0.12", "0"], env, mode)
    assert sleeper.ok and spinner.ok, (sleeper.why(), spinner.why())
    assert sleeper.cpu < 0.1  # it slept a quarter of a second
    assert 0.12 <= spinner.cpu < 0.5  # it spun 0.12 s of CPU
    on_a_tty = mode == "pty"
    seen = json.loads(spinner.tail.decode().strip().splitlines()[-1])
    assert seen == [on_a_tty, on_a_tty, 80 if on_a_tty else None]


def test_a_long_output_on_the_pty_is_not_paged(tmp_path: Path) -> None:
    """ladder pages a long output on a terminal (less waits for a key): the benchmark
    measures ladder's own work, so its children run without a pager, and end."""
    env = bench.isolated_env(tmp_path / "bench")
    assert env["LADDER_PAGER"] == ""
    shown = bench.measure([sys.executable, "-m", "laddercli", "show", "vp"], env, "pty")
    assert shown.ok, shown.why()


def test_a_failing_child_says_why(tmp_path: Path) -> None:
    env = bench.isolated_env(tmp_path / "bench")
    code = (
        "import sys; print('starting'); "
        "print('ladder: internal error: RecursionError: too deep', file=sys.stderr); "
        "sys.exit('Set LADDER_DEBUG=1 to see the traceback')"
    )
    sample = bench.measure([sys.executable, "-c", code], env, "pipe")
    assert not sample.ok
    assert sample.why() == "exit 1: ladder: internal error: RecursionError: too deep"
    assert sample.tail == b"starting\n"


def real_home() -> Path:
    return Path(pwd.getpwuid(__import__("os").getuid()).pw_dir)


def test_children_never_see_the_real_home(tmp_path: Path) -> None:
    root = tmp_path / "bench"
    env = bench.isolated_env(root)
    code = (
        "import json, os, pathlib; (pathlib.Path.home() / '.cache').mkdir(exist_ok=True); "
        f"print(json.dumps({{n: os.environ.get(n) for n in {list(bench.FOLDER_VARIABLES)!r}}}))"
    )
    sample = bench.measure([sys.executable, "-c", code], env, "pipe")
    assert sample.ok, sample.why()
    seen = json.loads(sample.tail)
    assert set(seen) == {
        "HOME",
        "LADDER_HOME",
        "XDG_CACHE_HOME",
        "XDG_DATA_HOME",
        "XDG_CONFIG_HOME",
        "XDG_STATE_HOME",
    }
    for name, value in seen.items():
        assert value and Path(value).is_relative_to(root.resolve()), name
        assert Path(value) != real_home() and not Path(value).is_relative_to(real_home() / ".cache")
    assert (root / "home" / ".cache").is_dir()  # what it wrote into "its home" is here
    assert "LADDER_ROLES" not in env and not any(k.startswith("PYTHON") for k in env)


@pytest.mark.parametrize("folder", ["home", "cache"])
def test_a_real_folder_is_refused_before_anything_runs(tmp_path: Path, folder: str) -> None:
    root = tmp_path / "bench"
    env = {name: str(root / name.lower()) for name in bench.FOLDER_VARIABLES}
    real = real_home() if folder == "home" else real_home() / ".cache" / "laddercli"
    env["LADDER_HOME" if folder == "home" else "XDG_CACHE_HOME"] = str(real)
    with pytest.raises(RuntimeError, match="is not inside the benchmark's folder"):
        bench.check_isolated(env, root)
    with pytest.raises(RuntimeError, match="is a real folder"):
        bench.check_isolated(env, real_home() / ".cache")
    assert not root.exists()


class FakeClock:
    """CPU times by case and round (the first call of each is the warm-up)."""

    def __init__(self, times: Mapping[str, Sequence[float]]) -> None:
        self.times = times
        self.calls: dict[tuple[str, str], int] = {}
        self.log: list[tuple[str, str]] = []

    def __call__(self, argv: Sequence[str], env: Mapping[str, str], mode: str) -> Any:
        name = argv[0]
        n = self.calls.get((name, mode), 0)
        self.calls[name, mode] = n + 1
        if n:
            self.log.append((name, mode))
        status = 1 if name == "broken" else 0
        return bench.Sample(self.times[name][n], 1024, status, b"Traceback\nBoom\n")


def case(name: str, baseline: str | None = None, target: float | None = None) -> Any:
    return bench.Case(name, (name,), {}, baseline, target)


def test_rounds_are_shuffled_and_compared_round_by_round() -> None:
    times: dict[str, list[float]] = {
        "base": [9, 1, 2, 3],
        "fast": [9, 1.05, 2.1, 3.1],  # 1.05x, 1.05x, 1.03x: ok at 1.05x
        "slow": [9, 3, 2.2, 3.3],  # per round 3x, 1.1x, 1.1x: 1.1x; the medians say 1.5x
        "broken": [9, 9, 9, 9],
    }
    for other in "abcd":
        times[other] = [1, 1, 1, 1]
    cases = [case("base"), case("fast", "base", 1.05), case("slow", "base", 1.05)]
    cases += [case("broken", "base", 2.0)] + [case(other) for other in "abcd"]
    clock = FakeClock(times)
    rounds = bench.run_rounds(cases, ("pipe", "pty"), 3, random.Random(4), measure=clock)

    everything = {(c.name, m) for c in cases if c.name != "broken" for m in ("pipe", "pty")}
    assert len(rounds.order) == 3
    for order in rounds.order:
        assert sorted(order) == sorted(everything)  # each once per round
    assert len({tuple(order) for order in rounds.order}) == 3  # in a new order each round
    assert clock.log == [key for order in rounds.order for key in order]

    assert rounds.ratio(cases[1], "pipe") == pytest.approx(1.05)
    assert rounds.ratio(cases[2], "pty") == pytest.approx(1.1)
    assert rounds.cpu("slow", "pipe") == pytest.approx(3)

    lines, missed = bench.startup_report(cases, rounds)
    assert missed == 2  # slow, and broken
    assert lines[0] == ("| case | CPU, pipe | ratio, pipe | CPU, pty | ratio, pty | target |  |")
    fast = "2,100 ms | 1.05x (1.03–1.05)"
    assert f"| fast | {fast} | {fast} | 1.05x | ok |" in lines
    slow = "3,000 ms | 1.10x (1.10–3.00)"
    assert f"| slow | {slow} | {slow} | 1.05x | MISSED |" in lines
    assert "| broken | failed |  | failed |  | 2.00x | MISSED |" in lines
    assert "\nbroken failed on a pipe: exit 1: Boom" in lines


def test_the_median_has_a_confidence_interval() -> None:
    values = [float(n) for n in range(1, 22)]  # 21 rounds: the 6th to the 16th value
    assert bench.median_interval(values) == (6.0, 16.0)
    assert bench.median_interval([2.0, 1.0]) == (1.0, 2.0)


def test_targets_at_scale_in_seconds_and_in_growth() -> None:
    times: dict[str, list[float]] = {
        "bare": [1, 0.2, 0.2],
        "small": [1, 0.3, 0.3],
        "big": [1, 1.3, 1.6],
    }
    cases = [case("bare"), case("small"), bench.Case("big", ("big",), {}, seconds=1.0)]
    growth = [bench.Growth("`big`", "small", "big")]
    rounds = bench.run_rounds(cases, ("pipe",), 2, random.Random(1), measure=FakeClock(times))
    lines, missed = bench.scale_report(cases, growth, rounds)
    assert missed == 1  # 1.45 s is over 1 s; the process took 4.8 times as long
    assert "| big | 1,450 ms | 1 MB | 1 s | MISSED |" in lines
    assert "| growth of `big` | 4.8x |  | 12x | ok |" in lines


def test_the_data_at_scale_is_data_ladder_accepts(ladder: Any, tmp_path: Path) -> None:
    roles = tmp_path / "roles"
    ids = scale.roles_in_use(roles, 12, ladder=5)
    assert len(ids) == len(set(ids)) == 12
    done = ladder("validate", str(roles))
    assert done.exit_code == 0, done.output
    assert "All 12 files are valid." in done.output
    shown = ladder("--roles", str(roles), "show", ids[0])
    assert shown.exit_code == 0 and ids[1] in shown.output

    folder = tmp_path / "questions"
    _, questions = scale.many_questions(folder, 100)
    answers = scale.answers_file(tmp_path / "answers.json", "big", "vp", questions)
    report = ladder("--roles", str(folder), "report", str(answers), "-f", "json")
    assert report.exit_code == 0, report.output
    assert len(questions) == len(json.loads(report.output)["items"]) == 100
