#!/usr/bin/env python3
"""Measure ``ladder``'s CPU time: its start-up against a bare Typer app, and its work at scale.

    python benchmarks/run.py [--quick] [--only startup|scale] [--runs N] [--repeat N]

What is measured is the CPU time of each child process (user + system, from ``os.wait4``),
not wall time: on a shared machine wall time moves with the load of the moment, CPU time
hardly at all. Every run is a whole new process (fork/exec), with stdout and stderr on a
pipe (as ``ladder show vp | less`` has them) and, for start-up, on a pseudo-terminal as
well (as a user at a terminal has them, colours on); the output is drained as it comes.

Start-up: the cases run in rounds, once each per round, in a new random order every round.
Each case's CPU time is divided by its baseline's in the same round: the bare Typer app's
``--help`` for ``ladder --help``, the bare app's command for the others. The median of
those per-round ratios is compared with the target: 1.05x for ``--help``, 1.1x for the
commands.

At scale: generated data (role files a user could write, a filled-in answers file), each
case the median of a few rounds, shuffled too. Targets: a report of 10,000 questions under
1 s, ``validate`` of a chain of 1,000 roles under 2 s, ``roles`` and ``show ROLE`` with
10,000 roles in use under 2 s (and ``history`` with 10,000 saved assessments, for its
growth); a hostile role file and answers file of 1 MiB (near-miss ids that each invite a
"did you mean") refused in under 2 s and 200 MB; and each growing at most linearly: ten
times the input, at most 12 times the CPU time (of the whole process: the start-up, a fixed
cost, dampens the growth a little, but the work alone, a difference of two times that vary,
would be too noisy to judge).

Every child runs with HOME, LADDER_HOME and the XDG folders in a temporary folder, removed
at the end: the benchmark never reads or writes the user's real data, cache or settings.
It prints Markdown tables, to paste into the README. The exit status is 1 if any target
is missed (or a case fails), else 0.
"""

from __future__ import annotations

import argparse
import errno
import fcntl
import json
import math
import os
import pwd
import random
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib.metadata import version
from pathlib import Path

MODES = ("pipe", "pty")
HELP_TARGET = 1.05  # ladder --help against the bare app's --help
COMMAND_TARGET = 1.1  # ladder's commands against the bare app's command
GROWTH_TARGET = 12.0  # ten times the input: at most this many times the CPU time
COLUMNS, LINES = 80, 24

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

# The variables that name the folders a program may read or write for the user.
FOLDER_VARIABLES = (
    "HOME",
    "LADDER_HOME",
    "XDG_CACHE_HOME",
    "XDG_DATA_HOME",
    "XDG_CONFIG_HOME",
    "XDG_STATE_HOME",
)


# --- one run of one process -----------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    """One run of a child process."""

    cpu: float  # seconds of CPU time, user + system
    max_rss: int  # peak resident memory, KiB
    status: int  # exit code; negative: killed by that signal
    tail: bytes  # the last bytes it wrote (on a pipe: to stdout), to say why it failed
    errors: bytes = b""  # on a pipe: the last bytes it wrote to stderr

    @property
    def ok(self) -> bool:
        return self.status == 0

    def why(self) -> str:
        """For a failed run: ladder's last message, else the last line the child wrote
        (to stderr, if it wrote there)."""
        text = (self.errors or self.tail).decode("utf-8", "replace")
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        said = [line for line in lines if line.startswith("ladder: ")] or lines
        return f"exit {self.status}: {said[-1] if said else 'no output'}"


def measure(
    argv: Sequence[str], env: Mapping[str, str], mode: str, *, timeout: float = 300.0
) -> Sample:
    """Run ``argv`` as a new process, its stdout and stderr on pipes or on a pty (stdin
    too, on a pty; /dev/null with pipes); drain what it writes; return its CPU time.

    The child is reaped with ``os.wait4``, whose resource usage is that child's alone: the
    time this process spends reading its output is not counted.
    """
    if mode == "pty":
        out, child_out = os.openpty()
        fcntl.ioctl(child_out, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        ends = [(out, child_out)]
        stdin, stderr = child_out, child_out
    elif mode == "pipe":
        ends = [os.pipe(), os.pipe()]
        (out, child_out), (_, stderr) = ends
        stdin = subprocess.DEVNULL
    else:
        raise ValueError(f"mode: pipe or pty, not {mode!r}")
    try:
        try:
            child = subprocess.Popen(
                list(argv), stdin=stdin, stdout=child_out, stderr=stderr, env=dict(env)
            )
        finally:
            for _, theirs in ends:
                os.close(theirs)
        try:
            tails = _drain([ours for ours, _ in ends], time.monotonic() + timeout)
            _, status, usage = os.wait4(child.pid, 0)
        except BaseException:
            child.kill()
            child.wait()
            raise
    finally:
        for ours, _ in ends:
            os.close(ours)
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    cpu = usage.ru_utime + usage.ru_stime
    return Sample(cpu, usage.ru_maxrss, child.returncode, *tails)


def _drain(fds: list[int], deadline: float) -> list[bytes]:
    """Read every one of ``fds`` until the child's end is closed; the last 4 KiB of each."""
    tails = {fd: bytearray() for fd in fds}
    open_fds = list(fds)
    while open_fds:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the child ran past the time allowed")
        ready, _, _ = select.select(open_fds, [], [], min(left, 1.0))
        for fd in ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError as exc:
                if exc.errno != errno.EIO:  # EIO: a pty whose other end is closed
                    raise
                chunk = b""
            if not chunk:
                open_fds.remove(fd)
            tails[fd] += chunk
            del tails[fd][:-4096]
    return [bytes(tails[fd]) for fd in fds]


# --- the folders every child sees -------------------------------------------------------


def real_folders() -> tuple[set[Path], set[Path]]:
    """The user's real home folders (as the password database and this process say: HOME
    may have been changed), and the real data, cache and settings folders."""
    homes = {Path(pwd.getpwuid(os.getuid()).pw_dir), Path.home()}
    data = {home / sub for home in homes for sub in (".cache", ".local", ".config")}
    data |= {Path(os.environ[n]) for n in FOLDER_VARIABLES[1:] if os.environ.get(n)}
    return homes, data


def isolated_env(root: Path) -> dict[str, str]:
    """An environment whose HOME, LADDER_HOME and XDG folders are new folders in ``root``,
    and nothing else of the caller's but PATH: no LADDER_ROLES, no PYTHON* settings, no
    pager."""
    env = {
        "PATH": os.environ.get("PATH", os.defpath),
        "LANG": "C.UTF-8",
        "TERM": "xterm-256color",
        "COLUMNS": str(COLUMNS),
        "LINES": str(LINES),
        # ladder's own work, not a pager's: on a pseudo-terminal a long output would go
        # through less, which waits for a key (the bare Typer app pages nothing either)
        "LADDER_PAGER": "",
    }
    for name in FOLDER_VARIABLES:
        env[name] = str(root.resolve() / name.lower())
    check_isolated(env, root)
    for name in FOLDER_VARIABLES:
        Path(env[name]).mkdir(parents=True, exist_ok=True)
    return env


def check_isolated(env: Mapping[str, str], root: Path) -> None:
    """Refuse to run a child that could see a real folder of the user's: each folder
    variable must name a folder inside ``root``, which is neither a real home nor inside
    the real data, cache or settings folders."""
    root = root.resolve()
    homes, data = real_folders()
    for mine in {h.resolve() for h in homes} | {d.resolve() for d in data}:
        if root == mine or (mine in data and root.is_relative_to(mine)):
            raise RuntimeError(f"the benchmark's folder {root} is a real folder ({mine})")
    for name in FOLDER_VARIABLES:
        folder = Path(env[name]).resolve()
        if folder == root or not folder.is_relative_to(root):
            raise RuntimeError(f"{name}={env[name]} is not inside the benchmark's folder {root}")
    for name in ("LADDER_ROLES", "PYTHONPATH", "PYTHONPYCACHEPREFIX", "PYTHONUSERBASE"):
        if name in env:
            raise RuntimeError(f"{name} is set for the child")


# --- rounds -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    argv: tuple[str, ...]
    env: Mapping[str, str] = field(repr=False)
    baseline: str | None = None  # the case whose CPU time it is divided by, round by round
    target: float | None = None  # the highest median ratio to the baseline accepted
    seconds: float | None = None  # the most CPU time accepted (at scale)
    megabytes: float | None = None  # the most peak memory accepted (at scale)
    status: int = 0  # the exit code it must end with (2: a hostile file, refused)


Measure = Callable[[Sequence[str], Mapping[str, str], str], Sample]


@dataclass
class Rounds:
    """The samples of every case in every mode, one per round, and the order they ran in."""

    modes: tuple[str, ...]
    samples: dict[tuple[str, str], list[Sample]] = field(default_factory=dict)
    order: list[list[tuple[str, str]]] = field(default_factory=list)
    failed: dict[tuple[str, str], Sample] = field(default_factory=dict)

    def cpu(self, name: str, mode: str) -> float:
        return statistics.median(s.cpu for s in self.samples[name, mode])

    def max_rss(self, name: str, mode: str) -> int:
        return max(s.max_rss for s in self.samples[name, mode])

    def growth(self, g: Growth, mode: str) -> float:
        """The median of the per-round growth of the whole process's CPU time."""
        small, big = self.samples[g.small, mode], self.samples[g.big, mode]
        return statistics.median(b.cpu / s.cpu for s, b in zip(small, big, strict=True))

    def ratios(self, case: Case, mode: str) -> list[float]:
        """The case's CPU time divided by its baseline's, round by round (none if either
        failed)."""
        if case.baseline is None:
            return []
        mine, base = self.samples.get((case.name, mode)), self.samples.get((case.baseline, mode))
        return [m.cpu / b.cpu for m, b in zip(mine or [], base or [], strict=True)]

    def ratio(self, case: Case, mode: str) -> float | None:
        """The median of the case's per-round ratios to its baseline."""
        ratios = self.ratios(case, mode)
        return statistics.median(ratios) if ratios else None


def median_interval(values: Sequence[float]) -> tuple[float, float]:
    """A 95% confidence interval of the median of ``values``, from their order alone
    (the binomial method): on a busy machine single runs vary by a tenth or more, and
    this says how far the median of a few dozen may be from the true one."""
    ordered = sorted(values)
    n = len(ordered)
    half = 0.98 * n**0.5
    lo = math.floor(n / 2 - half)  # counted from 1
    hi = math.ceil(1 + n / 2 + half)
    return ordered[max(lo - 1, 0)], ordered[min(hi - 1, n - 1)]


def run_rounds(
    cases: Sequence[Case],
    modes: Sequence[str],
    rounds: int,
    rng: random.Random,
    measure: Measure = measure,
    progress: Callable[[str], None] | None = None,
) -> Rounds:
    """A warm-up run of every case in every mode (byte-code, caches, the file cache), then
    ``rounds`` rounds, each running every case in every mode once, in a new random order.
    A case that fails in the warm-up is left out of the rounds; one that fails in a
    round is left out from then on."""
    result = Rounds(tuple(modes))
    todo = [(case, mode) for case in cases for mode in modes]
    for case, mode in todo:
        sample = measure(case.argv, case.env, mode)
        if sample.status != case.status:
            result.failed[case.name, mode] = sample
    todo = [(c, m) for c, m in todo if (c.name, m) not in result.failed]
    for case, mode in todo:
        result.samples[case.name, mode] = []
    for n in range(rounds):
        if progress:
            progress(f"round {n + 1} of {rounds}")
        rng.shuffle(todo)
        result.order.append([(case.name, mode) for case, mode in todo])
        for case, mode in todo:
            sample = measure(case.argv, case.env, mode)
            if sample.status != case.status:
                result.failed[case.name, mode] = sample
            result.samples[case.name, mode].append(sample)
        todo = [(c, m) for c, m in todo if (c.name, m) not in result.failed]
    for key in result.failed:
        result.samples.pop(key, None)
    return result


# --- the cases ------------------------------------------------------------------------


def ladder_argv() -> list[str]:
    """The installed ``ladder`` beside this Python, as users run it."""
    script = Path(sys.executable).with_name("ladder")
    return [str(script)] if script.exists() else [sys.executable, "-m", "laddercli"]


def run_ladder(args: Sequence[str], env: Mapping[str, str]) -> str:
    done = subprocess.run(
        [*ladder_argv(), *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=dict(env),
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"ladder {' '.join(args)}: exit {done.returncode}: {done.stderr}")
    return done.stdout


def startup_cases(tmp: Path) -> list[Case]:
    tmp.mkdir(parents=True, exist_ok=True)
    env = isolated_env(tmp / "run")
    bare = tmp / "bare.py"
    bare.write_text(BARE_APP, encoding="utf-8")
    template = run_ladder(["assess", "cto", "--template"], env)
    answers = tmp / "answers.yaml"  # VP to CTO, every question rated 3
    answers.write_text(template.replace("rating: null", "rating: 3"), encoding="utf-8")
    ladder, py = tuple(ladder_argv()), sys.executable
    bare_help, bare_command = "bare Typer app `--help`", "bare Typer app, one command"

    def command(name: str, *args: str) -> Case:
        return Case(f"`ladder {name}`", (*ladder, *args), env, bare_command, COMMAND_TARGET)

    return [
        Case("`python -c pass`", (py, "-c", "pass"), env),
        Case(bare_help, (py, str(bare), "--help"), env),
        Case(bare_command, (py, str(bare), "hello"), env),
        Case("`ladder --help`", (*ladder, "--help"), env, bare_help, HELP_TARGET),
        command("roles", "roles"),
        command("show vp", "show", "vp"),
        command("compare vp cto ceo", "compare", "vp", "cto", "ceo"),
        command(
            "assess --answers FILE -f json --no-save",
            *("assess", "--answers", str(answers), "-f", "json", "--no-save"),
        ),
        command("report FILE", "report", str(answers)),
    ]


@dataclass(frozen=True)
class Growth:
    """Ten times the input: the CPU time of ``big`` over that of ``small``."""

    name: str
    small: str
    big: str
    target: float = GROWTH_TARGET


def sizes(kind: str, small: bool) -> tuple[int, int]:
    """The two sizes of a kind of input at scale, the second ten times the first."""
    lo, hi = {
        "questions": (1000, 10_000),
        "chain": (100, 1000),
        "in use": (1000, 10_000),
        "saved": (1000, 10_000),
    }[kind]
    return (lo // 10, hi // 10) if small else (lo, hi)


def make_data(data: Path, small: bool) -> dict[str, str]:
    """Write the inputs at scale into ``data``; answer the role that ``show`` shows, for
    each number of roles in use. (Run in a child process, see ``scale_cases``.)"""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import scale  # the folder of this script, added just above

    for n in sizes("questions", small):
        _, ids = scale.many_questions(data / f"questions-{n}", n)
        scale.answers_file(data / f"answers-{n}.json", "big", "vp", ids)
    for n in sizes("chain", small):
        scale.catalog(data / f"chain-{n}", roles=n)
    shown = {}
    for n in sizes("in use", small):
        ids = scale.roles_in_use(data / f"roles-{n}", n)
        shown[str(n)] = ids[len(ids) // 2]
    for n in sizes("saved", small):
        scale.history(data / f"history-{n}", n)
    scale.hostile_role(data / "hostile-role.yaml")
    scale.hostile_answers(data / "hostile-answers.yaml")
    return shown


def scale_cases(tmp: Path, *, small: bool = False) -> tuple[list[Case], list[Growth]]:
    """The cases at scale, and the growth between their two sizes. ``small`` makes every
    input a tenth of its size, to see the growth quickly; the targets in seconds are then
    left out (they are for the full sizes).

    The data is made by a child process: Linux counts the peak memory of this process
    (at the moment it starts a child) in the peak memory of every child it starts, so
    this process must stay small."""
    tmp.mkdir(parents=True, exist_ok=True)
    data = tmp / "data"
    made = subprocess.run(
        [sys.executable, __file__, "--make-data", str(data), *["--small"] * small],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=isolated_env(tmp / "make"),
        check=True,
    )
    shown: dict[str, str] = json.loads(made.stdout)
    ladder, py = tuple(ladder_argv()), sys.executable
    bare = tmp / "bare.py"
    bare.write_text(BARE_APP, encoding="utf-8")
    base = Case("bare Typer app, one command", (py, str(bare), "hello"), isolated_env(tmp / "b"))
    cases, growth = [base], []

    def grew(name: str) -> None:
        growth.append(Growth(name, cases[-2].name, cases[-1].name))

    lo, hi = sizes("questions", small)
    for n in (lo, hi):  # a report of n questions
        cases.append(
            Case(
                f"`ladder report FILE`, {n:,} questions",
                (*ladder, "--roles", str(data / f"questions-{n}"), "report")
                + (str(data / f"answers-{n}.json"),),
                isolated_env(tmp / f"report-{n}"),
                seconds=1.0 if n == hi and not small else None,
            )
        )
    grew("`report`: 10 times the questions")

    lo, hi = sizes("chain", small)
    for n in (lo, hi):  # validate a chain of n roles, each with a path to the next
        cases.append(
            Case(
                f"`ladder validate DIR`, a chain of {n:,} roles",
                (*ladder, "validate", str(data / f"chain-{n}")),
                isolated_env(tmp / f"chain-{n}"),
                seconds=2.0 if n == hi and not small else None,
            )
        )
    grew("`validate`: 10 times the roles")

    lo, hi = sizes("in use", small)
    for command in ("roles", "show"):  # n roles in use, cached as usual
        for n in (lo, hi):
            args = ["show", shown[str(n)]] if command == "show" else ["roles"]
            cases.append(
                Case(
                    f"`ladder {command}{' ROLE' * (command == 'show')}`, {n:,} roles in use",
                    (*ladder, "--roles", str(data / f"roles-{n}"), *args),
                    isolated_env(tmp / f"roles-{n}"),  # a cache for each folder
                    seconds=2.0 if n == hi and not small else None,
                )
            )
        grew(f"`{command}`: 10 times the roles")

    lo, hi = sizes("saved", small)
    for n in (lo, hi):  # a history of n saved assessments (no target but growth)
        env = isolated_env(tmp / f"history-{n}")
        env["LADDER_HOME"] = str(data / f"history-{n}")
        check_isolated(env, tmp)
        cases.append(Case(f"`ladder history`, {n:,} saved", (*ladder, "history"), env))
    grew("`history`: 10 times the assessments")

    # hostile files within the size limit: refused (exit 2) in bounded time and memory
    for name, command, file in (
        ("`ladder validate FILE`, 1 MiB of near-miss links", "validate", "hostile-role.yaml"),
        ("`ladder report FILE`, 1 MiB of near-miss ids", "report", "hostile-answers.yaml"),
    ):
        cases.append(
            Case(
                name,
                (*ladder, command, str(data / file)),
                isolated_env(tmp / file),
                seconds=None if small else 2.0,
                megabytes=None if small else 200.0,
                status=2,
            )
        )
    return cases, growth


# --- reports --------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A Markdown table: the first and last columns (the case, the verdict) aligned left,
    the figures between them right."""
    lines = ["| " + " | ".join(header) + " |"]
    aligns = ["---", *["---:"] * (len(header) - 2), "---"]
    lines.append("| " + " | ".join(aligns) + " |")
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def startup_report(cases: Sequence[Case], rounds: Rounds) -> tuple[list[str], int]:
    """The start-up table, and the number of targets missed."""
    missed = 0
    rows = []
    for case in cases:
        row = [case.name]
        oks = []
        for mode in rounds.modes:
            if (case.name, mode) in rounds.failed:
                row += ["failed", ""]
                oks.append(False)
                continue
            ratio = rounds.ratio(case, mode)
            shown = ""
            if ratio is not None:
                lo, hi = median_interval(rounds.ratios(case, mode))
                shown = f"{ratio:.2f}x ({lo:.2f}–{hi:.2f})"
            row += [ms(rounds.cpu(case.name, mode)), shown]
            if case.target is not None:
                oks.append(ratio is not None and ratio <= case.target)
        if case.target is not None:
            row += [f"{case.target:.2f}x", verdict(all(oks))]
            missed += not all(oks)
        else:
            row += ["", ""]
        rows.append(row)
    header = ["case"]
    for mode in rounds.modes:
        header += [f"CPU, {mode}", f"ratio, {mode}"]
    header += ["target", ""]
    lines = table(header, rows)
    for (name, mode), sample in rounds.failed.items():
        lines.append(f"\n{name} failed on a {mode}: {sample.why()}")
    return lines, missed


def scale_report(
    cases: Sequence[Case], growth: Sequence[Growth], rounds: Rounds
) -> tuple[list[str], int]:
    """The table at scale, and the number of targets missed."""
    missed = 0
    rows = []
    mode = rounds.modes[0]
    for case in cases:
        if (case.name, mode) in rounds.failed:
            target = "" if case.seconds is None else f"{case.seconds:g} s"
            rows.append([case.name, "failed", "", target, "MISSED"])
            missed += 1
            continue
        cpu = rounds.cpu(case.name, mode)
        memory = rounds.max_rss(case.name, mode) / 1024
        row = [case.name, ms(cpu), f"{memory:,.0f} MB"]
        targets = [f"{case.seconds:g} s"] if case.seconds is not None else []
        ok = case.seconds is None or cpu <= case.seconds
        if case.megabytes is not None:
            targets.append(f"{case.megabytes:g} MB")
            ok = ok and memory <= case.megabytes
        row += [", ".join(targets), verdict(ok) if targets else ""]
        missed += not ok
        rows.append(row)
    for g in growth:
        if any((name, mode) in rounds.failed for name in (g.small, g.big)):
            rows.append([f"growth of {g.name}", "", "", f"{g.target:g}x", "MISSED"])
            missed += 1
            continue
        grown = rounds.growth(g, mode)
        rows.append(
            [
                f"growth of {g.name}",
                f"{grown:.1f}x",
                "",
                f"{g.target:g}x",
                verdict(grown <= g.target),
            ]
        )
        missed += grown > g.target
    lines = table(["case", "CPU", "peak memory", "target", ""], rows)
    for (name, _), sample in rounds.failed.items():
        lines.append(f"\n{name} failed: {sample.why()}")
    return lines, missed


def about(rounds: int, what: str) -> str:
    return (
        f"Python {sys.version.split()[0]}, typer {version('typer')}, rich {version('rich')}, "
        f"pydantic {version('pydantic')}, {os.cpu_count()} cores, {date.today()}; "
        f"CPU time (user + system) of each process, {what} of {rounds} shuffled "
        f"round{'s' * (rounds != 1)}"
    )


def say(text: str) -> None:
    """Progress, on stderr and only on a terminal."""
    if sys.stderr.isatty():
        sys.stderr.write(f"\r{text}\x1b[K")
        sys.stderr.flush()


def save_samples(path: Path, parts: Mapping[str, Rounds]) -> None:
    """Every sample's CPU time and peak memory, by part, case and mode, as JSON."""
    data = {
        part: {
            f"{name} [{mode}]": {
                "cpu": [s.cpu for s in samples],
                "max_rss_kib": [s.max_rss for s in samples],
            }
            for (name, mode), samples in rounds.samples.items()
        }
        for part, rounds in parts.items()
    }
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, help="start-up rounds (default 21; --quick: 7)")
    parser.add_argument("--repeat", type=int, help="rounds at scale (default 5; --quick: 2)")
    parser.add_argument("--only", choices=("startup", "scale"), help="one part only")
    parser.add_argument("--quick", action="store_true", help="fewer rounds")
    parser.add_argument(
        "--small",
        action="store_true",
        help="inputs at scale a tenth of their size: the growth only, no targets in seconds",
    )
    parser.add_argument("--seed", type=int, help="seed of the shuffled order")
    parser.add_argument(
        "--samples", type=Path, metavar="FILE", help="write every sample to FILE, as JSON"
    )
    parser.add_argument("--make-data", type=Path, help=argparse.SUPPRESS)  # see scale_cases
    args = parser.parse_args(argv)
    if args.make_data:
        print(json.dumps(make_data(args.make_data, args.small)))
        return 0
    runs = args.runs or (7 if args.quick else 21)
    repeat = args.repeat or (2 if args.quick else 5)
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    rng = random.Random(seed)
    missed = 0
    parts: dict[str, Rounds] = {}
    with tempfile.TemporaryDirectory(prefix="ladder-bench-") as name:
        tmp = Path(name)
        if args.only != "scale":
            cases = startup_cases(tmp / "startup")
            parts["startup"] = rounds = run_rounds(cases, MODES, runs, rng, progress=say)
            say("")
            lines, n = startup_report(cases, rounds)
            missed += n
            print(
                f"Start-up: {about(runs, 'median ratio')} (seed {seed}). Ratio: the median "
                "of the per-round ratios to the bare app, and its 95% confidence interval.\n"
            )
            print("\n".join(lines), flush=True)
        if args.only != "startup":
            say("making the data at scale")
            cases, growth = scale_cases(tmp / "scale", small=args.small)
            parts["scale"] = rounds = run_rounds(cases, ("pipe",), repeat, rng, progress=say)
            say("")
            lines, n = scale_report(cases, growth, rounds)
            missed += n
            print(f"\nAt scale: {about(repeat, 'median')}, on a pipe (seed {seed})\n")
            print("\n".join(lines))
    if args.samples:
        save_samples(args.samples, parts)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
