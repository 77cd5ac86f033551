#!/usr/bin/env python3
"""Time ``ladder`` commands against a bare Typer app, interleaved, on this interpreter.

    python benchmarks/run.py [--runs N]

Every case runs as a whole new process, round after round in turn (so a slow moment of
the machine hits all cases alike); the medians are compared with a bare Typer hello-world
app of the same Typer version: ``--help`` with its ``--help``, commands with its command.
Targets: ``--help`` at most 1.2x the bare app's, commands at most 1.5x.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

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


def answers_file(folder: Path, env: dict[str, str]) -> Path:
    """A filled-in answers file for VP to CTO (every question rated 3), made by ladder."""
    template = subprocess.run(
        [*ladder_argv(), "assess", "cto", "--template"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="rounds (default 21)")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.startswith("LADDER_")}
    # Byte-code as users have it: the warm-up run writes it, and later runs read it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(COLUMNS="80", NO_COLOR="1")

    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE_APP)
        todo = cases(bare, answers_file(Path(tmp), env))
        for case in todo:  # warm the file cache and byte-code once
            time_once(case.argv, env)
        samples: dict[str, list[float]] = {c.name: [] for c in todo}
        for _ in range(args.runs):
            for case in todo:
                samples[case.name].append(time_once(case.argv, env))

    medians = {name: statistics.median(s) * 1000 for name, s in samples.items()}
    print(
        f"Python {sys.version.split()[0]}, typer {version('typer')}, rich {version('rich')}, "
        f"{os.cpu_count()} cores; {args.runs} interleaved runs each, whole process"
    )
    print(f"{'case':28} {'median':>9} {'ratio':>7} {'target':>7}")
    missed = 0
    for case in todo:
        median = medians[case.name]
        line = f"{case.name:28} {median:7.1f}ms"
        if case.baseline and case.target:
            ratio = median / medians[case.baseline]
            ok = ratio <= case.target
            missed += not ok
            line += f" {ratio:6.2f}x {case.target:6.1f}x {'ok' if ok else 'MISSED'}"
        print(line)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
