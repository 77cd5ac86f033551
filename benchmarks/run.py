#!/usr/bin/env python3
"""Time ``ladder``: its start-up against a bare Typer app, and its work at scale.

    python benchmarks/run.py [--runs N] [--only startup|scale]

Start-up: every case runs as a whole new process, round after round in turn (so a slow
moment of the machine hits all cases alike); the medians are compared with a bare Typer
hello-world app of the same Typer version: ``--help`` with its ``--help``, commands with
its command. Targets: ``--help`` at most 1.2x the bare app's; ``roles``, ``show`` and
``compare`` at most 1.5x; ``assess --answers`` at most 1.8x.

Scale: a catalog of 500 roles with 50 readiness indicators each (loaded and checked in
under 1 s), an assessment of 1,000 questions (scored and rendered in under 1 s, whole
process) and a history of 10,000 assessments (``ladder history`` in under 0.5 s, whole
process). Each is timed several times; the median is shown.

The exit status is 1 if any target is missed.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale  # noqa: E402 - the folder of this script, added just above

BARE_APP = """\
import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    print(f"Hello {name}")


@app.command()
def bye() -> None:
    print("Bye")


if __name__ == "__main__":
    app()
"""


@dataclass(frozen=True)
class Case:
    name: str
    argv: list[str]
    baseline: str | None = None  # the case it is compared with
    target: float | None = None  # the highest ratio to the baseline we accept


def ladder_argv() -> list[str]:
    script = Path(sys.executable).with_name("ladder")
    return [str(script)] if script.exists() else [sys.executable, "-m", "laddercli"]


def run_ladder(args: list[str], env: dict[str, str], **kwargs: object) -> str:
    done = subprocess.run(
        [*ladder_argv(), *args], capture_output=True, text=True, env=env, check=True, **kwargs
    )  # type: ignore[call-overload]
    return str(done.stdout)


def answers_file(folder: Path, env: dict[str, str]) -> Path:
    """A filled-in answers file for VP to CTO (every question rated 3), made by ladder."""
    template = run_ladder(["assess", "cto", "--template"], env)
    path = folder / "answers.yaml"
    path.write_text(template.replace("rating: null", "rating: 3"), encoding="utf-8")
    return path


def cases(bare: Path, answers: Path) -> list[Case]:
    ladder = ladder_argv()
    py = sys.executable
    return [
        Case("python -c pass", [py, "-c", "pass"]),
        Case("bare typer --help", [py, str(bare), "--help"]),
        Case("bare typer hello", [py, str(bare), "hello"]),
        Case("ladder --help", [*ladder, "--help"], "bare typer --help", 1.2),
        Case("ladder roles", [*ladder, "roles"], "bare typer hello", 1.5),
        Case("ladder show vp", [*ladder, "show", "vp"], "bare typer hello", 1.5),
        Case(
            "ladder compare vp cto ceo",
            [*ladder, "compare", "vp", "cto", "ceo"],
            "bare typer hello",
            1.5,
        ),
        Case(
            "ladder assess --answers",
            [*ladder, "assess", "--answers", str(answers), "--format", "json", "--no-save"],
            "bare typer hello",
            1.8,
        ),
    ]


def time_once(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
    return time.perf_counter() - start


def base_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LADDER_")}
    # Byte-code as users have it: the warm-up run writes it, and later runs read it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(COLUMNS="80", NO_COLOR="1")
    return env


def startup(runs: int, tmp: Path) -> int:
    """Time the start-up cases; the number of targets missed."""
    env = {**base_env(), "LADDER_HOME": str(tmp / "startup-home")}
    bare = tmp / "bare.py"
    bare.write_text(BARE_APP)
    todo = cases(bare, answers_file(tmp, env))
    for case in todo:  # warm the file cache, the byte-code and the catalog cache once
        time_once(case.argv, env)
    samples: dict[str, list[float]] = {c.name: [] for c in todo}
    for _ in range(runs):
        for case in todo:
            samples[case.name].append(time_once(case.argv, env))

    medians = {name: statistics.median(s) * 1000 for name, s in samples.items()}
    print(
        f"Start-up: Python {sys.version.split()[0]}, typer {version('typer')}, "
        f"rich {version('rich')}, {os.cpu_count()} cores; {runs} interleaved runs each, "
        "whole process"
    )
    print(f"{'case':34} {'median':>9} {'ratio':>7} {'target':>7}")
    missed = 0
    for case in todo:
        median = medians[case.name]
        line = f"{case.name:34} {median:7.1f}ms"
        if case.baseline and case.target:
            ratio = median / medians[case.baseline]
            ok = ratio <= case.target
            missed += not ok
            line += f" {ratio:6.2f}x {case.target:6.1f}x {'ok' if ok else 'MISSED'}"
        print(line)
    return missed


def median_time(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def at_scale(repeat: int, tmp: Path) -> int:
    """Time the work at scale; the number of targets missed."""
    from laddercli.catalog import load_catalog

    env = base_env()
    results: list[tuple[str, float, float | None]] = []

    def whole(name: str, args: list[str], target: float | None, home: Path) -> None:
        run_env = {**env, "LADDER_HOME": str(home)}
        run_ladder(args, run_env)  # warm: byte-code, and the catalog cache
        seconds = median_time(lambda: run_ladder(args, run_env), repeat)
        results.append((name, seconds, target))

    # 500 roles of 50 indicators each
    roles = scale.catalog(tmp / "catalog")
    files = len(list(roles.glob("*.yaml")))
    seconds = median_time(lambda: load_catalog([roles], cache=False), repeat)
    results.append((f"load and check {files} roles (in-process)", seconds, 1.0))
    whole(f"ladder validate ({files} roles)", ["--roles", str(roles), "validate"], 1.0, tmp / "h1")
    whole(
        f"ladder roles ({files} roles, cached)", ["--roles", str(roles), "roles"], None, tmp / "h1"
    )

    # an assessment of 1,000 questions
    big = scale.long_path(tmp / "long")
    template = run_ladder(
        ["--roles", str(big.parent), "assess", "vp", "--from", "big", "--template"], env
    )
    answers = tmp / "big-answers.yaml"
    answers.write_text(scale.fill_template(template, random.Random(1)), encoding="utf-8")
    questions = template.count("rating: null")
    assess = ["--roles", str(big.parent), "assess", "--answers", str(answers), "--no-save"]
    for fmt in ("text", "markdown", "json", "html"):
        whole(f"assess, {questions} questions, {fmt}", [*assess, "-f", fmt], 1.0, tmp / "h2")

    # a history of 10,000 assessments
    home = tmp / "h3"
    scale.history(home)
    for args in (["history"], ["history", "cto"], ["history", "-f", "json"], ["report", "--last"]):
        whole(f"ladder {' '.join(args)} (10,000 saved)", args, 0.5, home)

    print(f"\nAt scale: the median of {repeat} runs each")
    print(f"{'case':46} {'median':>9} {'target':>8}")
    missed = 0
    for name, seconds, target in results:
        line = f"{name:46} {seconds * 1000:7.1f}ms"
        if target is not None:
            ok = seconds <= target
            missed += not ok
            line += f" {target * 1000:6.0f}ms {'ok' if ok else 'MISSED'}"
        print(line)
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="start-up rounds (default 21)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each case at scale")
    parser.add_argument("--only", choices=("startup", "scale"), help="one part only")
    args = parser.parse_args()
    missed = 0
    with tempfile.TemporaryDirectory() as tmp:
        if args.only != "scale":
            missed += startup(args.runs, Path(tmp))
        if args.only != "startup":
            missed += at_scale(args.repeat, Path(tmp))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
