"""Faults: Ctrl-C, SIGTERM and SIGHUP at every step of the questionnaire and while saving;
a full disk and a read-only folder for each file ladder writes; a terminal of 40 columns;
no escape codes where a screen does not read them; and the exit codes.

In each case nothing the user entered is lost, and the message says what happened.

The faults are real where this machine allows: signals sent to a ``ladder`` process
running in a pseudo-terminal, a full tmpfs and a read-only bind mount in a private mount
namespace (``unshare -m``; skipped, with the reason, where mounting is not allowed). The
same faults are also simulated in-process (an ``OSError`` or an SQLite error raised where
the write happens, a signal sent while a prompt waits for a key), so that the logic is
covered everywhere.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
import questionary
import yaml
from prompt_toolkit.input import PipeInput

from laddercli.cli import prompts
from laddercli.cli.terminal import Terminal as TerminalSeam
from laddercli.errors import ExitCode
from laddercli.history import store
from tests.helpers import CTO_IDS, CTO_PITFALLS, CTRL_C, DATA, DOWN, ENTER, ROOT, SPACE, flat, rate
from tests.helpers.faults import arm
from tests.helpers.terminal import LADDER, Terminal, child_env, question_waits

Ladder = Callable[..., Any]

HOME = "ladder-home"  # the data folder the autouse fixture of conftest.py sets
linux_only = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc/self/fd")

# Answers for the 21 questions from VP to CTO: every point of the scale, n/a and skip.
RATINGS: list[int | str] = [3, 2, 1, 0, 4, "n", "s", 2, 3, 1, 2, 4, 0, "s", 3, 2, 1, "n", 2, 3, 4]
TICKS = SPACE + DOWN + DOWN + SPACE + ENTER  # the first and the third pitfall
TICKED = {CTO_PITFALLS[0], CTO_PITFALLS[2]}


def saved_value(rating: int | str) -> int | str:
    """A rating as the answers file has it: n is na, s is skip."""
    return {"n": "na", "s": "skip"}.get(rating, rating) if isinstance(rating, str) else rating


def draft_of(tmp_path: Path) -> Path:
    return tmp_path / HOME / "drafts" / "vp-cto-self.yaml"


def filed(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / HOME / "answers").glob("vp-cto-self-*.yaml"))


def leftovers(folder: Path) -> list[str]:
    """Temporary files an atomic write left behind (there should be none)."""
    return sorted(p.name for p in folder.rglob("*.tmp")) if folder.exists() else []


@dataclass(frozen=True)
class Kept:
    """What an answers file holds: a rating per question (None: not answered yet), the
    notes, and the pitfalls ticked."""

    ratings: dict[str, Any]
    notes: dict[str, str]
    pitfalls: set[str]

    @classmethod
    def read(cls, path: Path) -> Kept:
        return cls.parse(path.read_text(encoding="utf-8"))

    @classmethod
    def parse(cls, text: str) -> Kept:
        data = yaml.safe_load(text)
        answers = {  # a rating alone may stand for {rating: ...}
            qid: a if isinstance(a, dict) else {"rating": a} for qid, a in data["answers"].items()
        }
        return cls(
            {qid: answers.get(qid, {}).get("rating") for qid in CTO_IDS},
            {qid: a["note"] for qid, a in answers.items() if a.get("note")},
            {pid for pid, ticked in (data.get("pitfalls") or {}).items() if ticked},
        )


# --- the questionnaire, step by step --------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One prompt of ``ladder assess`` from VP to CTO, and the keys that answer it."""

    name: str
    keys: str
    question: int | None = None  # the question's index, for its rating or its note
    note: bool = False
    number: int = 0  # the step's number as the questionnaire counts (N/22); 0 before them


def steps(*, evidence: bool = False, notes: dict[int, str] | None = None) -> list[Step]:
    """Every prompt of ``ladder assess`` (no role named), in order. The VP is the only role
    with paths, so the first prompt asks for the target."""
    notes = notes or {}
    out = [Step("target-role", ENTER)]
    for i, rating in enumerate(RATINGS):
        out.append(Step(f"question-{i + 1}", rate(rating), i, number=i + 1))
        if evidence and rating not in ("n", "s"):
            out.append(Step(f"note-{i + 1}", notes.get(i, "") + ENTER, i, True, i + 1))
    out.append(Step("pitfalls", TICKS, number=22))
    out.append(Step("final-screen", ENTER, number=22))
    return out


def keys_of(done: list[Step]) -> str:
    return "".join(step.keys for step in done)


def expected(done: list[Step], notes: dict[int, str] | None = None) -> Kept:
    """What the answers file must hold once the steps ``done`` are answered."""
    notes = notes or {}
    ratings: dict[str, Any] = dict.fromkeys(CTO_IDS)
    kept_notes = {}
    for step in done:
        if step.question is None:
            continue
        qid = CTO_IDS[step.question]
        if step.note:
            if notes.get(step.question):
                kept_notes[qid] = notes[step.question]
        else:
            ratings[qid] = saved_value(RATINGS[step.question])
    ticked = TICKED if any(step.name == "pitfalls" for step in done) else set()
    return Kept(ratings, kept_notes, ticked)


def answered(kept: Kept) -> int:
    """Answers given, as the stop message counts them: a skip is not an answer."""
    return sum(1 for value in kept.ratings.values() if value not in (None, "skip"))


def given(kept: Kept) -> str:
    """The answers given and the questions skipped, as the stop message says them."""
    count = answered(kept)
    skipped = sum(1 for value in kept.ratings.values() if value == "skip")
    return f"{count} {'answer' if count == 1 else 'answers'} given" + (
        f" and {skipped} skipped" if skipped else ""
    )


def check_stopped(
    result: Any,
    done: list[Step],
    at: Step,
    tmp_path: Path,
    *,
    notes: dict[int, str] | None = None,
    on_screen: Kept | None = None,
) -> None:
    """Exit 130; the message says where the answers are and how to go on; the draft holds
    exactly the answers given, and what was ``on_screen`` at the stop (a note typed, ticks
    made, not yet entered)."""
    assert result.exit_code == ExitCode.CANCELLED, result.output
    assert "Traceback" not in result.output
    message = flat(result.stderr)
    draft = draft_of(tmp_path)
    want = expected(done, notes)
    if on_screen is not None:
        want = Kept(want.ratings, want.notes | on_screen.notes, want.pitfalls | on_screen.pitfalls)
    if at.number == 0:
        assert "Cancelled before the first question: nothing to keep." in message
        assert not draft.exists()
        return
    if want == Kept(dict.fromkeys(CTO_IDS), {}, set()):
        assert "Stopped before the first answer: nothing to keep." in message
        assert not draft.exists()
        return
    assert (
        f"Stopped at question {at.number} of 22, with {given(want)}. Your answers are in: {draft}"
        in message
    )
    assert "To continue where you stopped: ladder assess cto --resume" in message
    assert f"To score them as they are: ladder assess --answers {draft}" in message
    assert Kept.read(draft) == want
    assert leftovers(tmp_path / HOME) == []


def report_of(result: Any) -> dict[str, Any]:
    """A JSON report without the two dates, which differ between runs."""
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    del data["date"], data["scored"]
    return data


_REFERENCE: dict[tuple[bool, tuple[tuple[int, str], ...]], dict[str, Any]] = {}


def uninterrupted(
    ladder: Ladder, keys: PipeInput, *, evidence: bool = False, notes: dict[int, str] | None = None
) -> dict[str, Any]:
    """The report of a run with the same answers and no interruption (made once)."""
    key = (evidence, tuple(sorted((notes or {}).items())))
    if key not in _REFERENCE:
        keys.send_text(keys_of(steps(evidence=evidence, notes=notes)))
        args = ["assess", "-f", "json", "--no-save"] + (["--evidence"] if evidence else [])
        _REFERENCE[key] = report_of(ladder(*args))
    return _REFERENCE[key]


STEPS = steps()
STEP_IDS = [s.name for s in STEPS]


@pytest.mark.parametrize("at", range(len(STEPS)), ids=STEP_IDS)
def test_ctrl_c_at_every_step_keeps_exactly_the_answers_given(
    ladder: Ladder, keys: PipeInput, tmp_path: Path, at: int
) -> None:
    keys.send_text(keys_of(STEPS[:at]) + CTRL_C)
    check_stopped(ladder("assess"), STEPS[:at], STEPS[at], tmp_path)
    if not draft_of(tmp_path).exists():  # stopped before the first answer
        nothing = ladder("assess", "--resume")
        assert nothing.exit_code == ExitCode.BAD_INPUT
        assert "there is no unfinished questionnaire to resume" in nothing.stderr


class SignalNotHandled(BaseException):
    """Raised by the test's own handler: ladder did not handle the signal."""


@pytest.fixture
def signal_at(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[int, int], None]]:
    """``signal_at(n, signum)``: send a signal to this process while the n-th prompt of
    the next run waits for a key.

    While ladder runs, its own handler must be in place; the test's handler (which fails
    the test instead of ending pytest) is what ladder must put back afterwards.
    """

    def not_handled(signum: int, frame: FrameType | None) -> None:
        raise SignalNotHandled(signal.Signals(signum).name)

    before = {s: signal.signal(s, not_handled) for s in (signal.SIGTERM, signal.SIGHUP)}
    real_ask = prompts.run_prompt

    def arrange(prompt: int, signum: int) -> None:
        asked = 0

        def ask(question: questionary.Question, **options: Any) -> Any:
            nonlocal asked
            asked += 1
            if asked == prompt:
                app = question.application

                def deliver() -> None:
                    loop = asyncio.get_running_loop()
                    loop.call_later(0.02, os.kill, os.getpid(), signum)
                    loop.call_later(
                        10, lambda: app.exit(exception=AssertionError("the signal was lost"))
                    )

                app.pre_run_callables.append(deliver)
            return real_ask(question, **options)

        monkeypatch.setattr(prompts, "run_prompt", ask)

    yield arrange
    for signum, handler in before.items():
        assert signal.getsignal(signum) is not_handled, "ladder did not put the handler back"
        signal.signal(signum, handler)


@pytest.mark.parametrize("at", range(len(STEPS)), ids=STEP_IDS)
def test_sigterm_at_every_step_keeps_exactly_the_answers_given(
    ladder: Ladder,
    keys: PipeInput,
    tmp_path: Path,
    signal_at: Callable[[int, int], None],
    at: int,
) -> None:
    keys.send_text(keys_of(STEPS[:at]))  # no more keys: prompt at + 1 waits for one
    signal_at(at + 1, signal.SIGTERM)
    check_stopped(ladder("assess"), STEPS[:at], STEPS[at], tmp_path)


@pytest.mark.parametrize("name", ["target-role", "question-1", "question-5", "pitfalls"])
def test_sighup_keeps_exactly_the_answers_given(
    ladder: Ladder,
    keys: PipeInput,
    tmp_path: Path,
    signal_at: Callable[[int, int], None],
    name: str,
) -> None:
    at = STEP_IDS.index(name)
    keys.send_text(keys_of(STEPS[:at]))
    signal_at(at + 1, signal.SIGHUP)
    check_stopped(ladder("assess"), STEPS[:at], STEPS[at], tmp_path)


SIGNALS = {"SIGTERM": signal.SIGTERM, "SIGHUP": signal.SIGHUP}


@pytest.mark.parametrize("second", ["SIGINT", "SIGTERM", "SIGHUP"])
@pytest.mark.parametrize("first", ["Ctrl-C", "end of input"])
def test_a_second_stop_does_not_cut_the_first_short(
    ladder: Ladder,
    keys: PipeInput,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    signal_at: Callable[[int, int], None],
    first: str,
    second: str,
) -> None:
    """An impatient second Ctrl-C arrives while the first is being handled, as does the
    SIGHUP that follows the end of input when a terminal window closes: the stop under way
    finishes all the same, with its message, the draft and exit code 130."""
    real_say_kept = TerminalSeam.say_kept
    sent: list[str] = []

    def say_kept(self: TerminalSeam, *args: Any, **options: Any) -> None:
        if not sent:  # as the stop begins to save the answers and say where they are
            sent.append(second)
            os.kill(os.getpid(), getattr(signal, second))
        real_say_kept(self, *args, **options)

    monkeypatch.setattr(TerminalSeam, "say_kept", say_kept)
    at = STEP_IDS.index("question-3")
    keys.send_text(keys_of(STEPS[:at]) + (CTRL_C if first == "Ctrl-C" else ""))
    if first == "end of input":
        keys.close()
    check_stopped(ladder("assess"), STEPS[:at], STEPS[at], tmp_path)
    assert sent == [second]


@pytest.mark.parametrize("how", ["Ctrl-C", "SIGTERM", "SIGHUP"])
def test_stopped_at_every_step_and_resumed_each_time_gives_the_same_report(
    ladder: Ladder,
    keys: PipeInput,
    tmp_path: Path,
    signal_at: Callable[[int, int], None],
    how: str,
) -> None:
    """Stop at a question; resume, answer that one, and stop at the next; and so on to the
    end. Each time the draft holds exactly the answers given and the resumed run starts at
    the right question; the report at the end is the one an uninterrupted run gives."""

    def stop_at(prompt: int, answer: str) -> None:
        if how == "Ctrl-C":
            keys.send_text(answer + CTRL_C)
        else:
            keys.send_text(answer)
            signal_at(prompt, SIGNALS[how])

    first = STEP_IDS.index("question-2")
    stop_at(first + 1, keys_of(STEPS[:first]))
    check_stopped(ladder("assess"), STEPS[:first], STEPS[first], tmp_path)
    for at in range(first, len(STEPS) - 1):
        stop_at(2, STEPS[at].keys)  # the step resumed at, then a stop at the next one
        resumed = ladder("assess", "--resume")
        check_resumed_at(resumed, STEPS[at].number)
        check_stopped(resumed, STEPS[: at + 1], STEPS[at + 1], tmp_path)
    # Stopped at the final screen, it resumes at the pitfalls, with the ticks kept.
    keys.send_text(ENTER + ENTER)
    finished = ladder("assess", "--resume", "-f", "json", "--no-save")
    check_resumed_at(finished, 22)
    assert not draft_of(tmp_path).exists() and len(filed(tmp_path)) == 1
    assert report_of(finished) == uninterrupted(ladder, keys)


@pytest.mark.parametrize("how", ["Ctrl-C", "SIGTERM"])
def test_pitfalls_ticked_before_a_stop_are_kept(
    ladder: Ladder,
    keys: PipeInput,
    tmp_path: Path,
    signal_at: Callable[[int, int], None],
    how: str,
) -> None:
    """Ticks made and not yet confirmed with Enter are in the draft, and ticked again when
    the questionnaire goes on: Enter alone then gives the report of a run that ticked them."""
    at = STEP_IDS.index("pitfalls")
    ticks = TICKS.removesuffix(ENTER)  # the first and the third, no Enter
    keys.send_text(keys_of(STEPS[:at]) + ticks + (CTRL_C if how == "Ctrl-C" else ""))
    if how != "Ctrl-C":
        signal_at(at + 1, SIGNALS[how])
    stopped = ladder("assess")
    check_stopped(stopped, STEPS[:at], STEPS[at], tmp_path, on_screen=Kept({}, {}, TICKED))
    keys.send_text(ENTER + ENTER)  # the pitfalls as they were ticked, then the report
    finished = ladder("assess", "--resume", "-f", "json", "--no-save")
    check_resumed_at(finished, 22)
    assert report_of(finished) == uninterrupted(ladder, keys)


def check_resumed_at(result: Any, number: int) -> None:
    """The resumed run said where it goes on, and asked nothing before that."""
    assert (
        f"Continuing your questionnaire for VP of Engineering → CTO from question {number} "
        "of 22." in flat(result.stderr)
    )
    headers = re.findall(r"^(\d+)/22 · ", result.stderr, flags=re.M)
    assert headers[0] == str(number), headers


NOTES = {0: "Led the 2025 reorganisation", 8: "Spoke at QCon, twice", 20: "Board deck, Q3"}


@pytest.mark.parametrize(
    ("question", "typed", "how"),
    [(0, "", "Ctrl-C"), (8, "Spoke at", "Ctrl-C"), (20, "Board", "SIGTERM")],
    ids=["first-note", "half-typed-note", "sigterm-at-the-last-note"],
)
def test_stopped_at_a_note_prompt(
    ladder: Ladder,
    keys: PipeInput,
    tmp_path: Path,
    signal_at: Callable[[int, int], None],
    question: int,
    typed: str,
    how: str,
) -> None:
    """With --evidence: the rating before the note is kept, and so is a note half typed
    and not entered (nothing typed is lost); the note is not asked again when the
    questionnaire goes on."""
    every = steps(evidence=True, notes=NOTES)
    at = next(n for n, s in enumerate(every) if s.question == question and s.note)
    keys.send_text(keys_of(every[:at]) + typed + (CTRL_C if how == "Ctrl-C" else ""))
    if how != "Ctrl-C":
        signal_at(at + 1, SIGNALS[how])
    stopped = ladder("assess", "--evidence")
    on_screen = Kept({}, {CTO_IDS[question]: typed} if typed else {}, set())
    check_stopped(stopped, every[:at], every[at], tmp_path, notes=NOTES, on_screen=on_screen)
    assert Kept.read(draft_of(tmp_path)).ratings[CTO_IDS[question]] == saved_value(
        RATINGS[question]
    )
    if typed != "Spoke at":
        return
    given = {**NOTES, question: typed}
    rest = steps(evidence=True, notes=given)
    rest = rest[next(n for n, s in enumerate(rest) if s.question == question + 1) :]
    keys.send_text(keys_of(rest))
    resumed = ladder("assess", "--resume", "--evidence", "-f", "json", "--no-save")
    check_resumed_at(resumed, question + 2)
    assert report_of(resumed) == uninterrupted(ladder, keys, evidence=True, notes=given)


def test_a_terminal_gone_mid_prompt_ends_the_input(
    ladder: Ladder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When its window closes, a terminal can neither be read (end of input) nor written
    (EIO), and the prompt fails as it draws itself a last time: that is the end of input
    too, and the answers given are kept."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    class Gone(DummyOutput):
        closed = False

        def flush(self) -> None:
            if self.closed:
                raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(TerminalSeam, "is_interactive", lambda self: True)
    at = STEP_IDS.index("question-3")
    output = Gone()
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=output):
        pipe.send_text(keys_of(STEPS[:at]))
        real_ask = prompts.run_prompt
        asked = 0

        def ask(question: questionary.Question, **options: Any) -> Any:
            nonlocal asked
            asked += 1
            if asked == at + 1:  # question 3: the window closes as it waits for a key
                output.closed = True
                pipe.close()
            return real_ask(question, **options)

        monkeypatch.setattr(prompts, "run_prompt", ask)
        stopped = ladder("assess")
    check_stopped(stopped, STEPS[:at], STEPS[at], tmp_path)


# --- a real ladder process in a pseudo-terminal ------------------------------------------------


@pytest.mark.parametrize(
    "how", ["Ctrl-C key", "SIGINT", "SIGTERM", "SIGHUP", "window closed", "pty closed"]
)
def test_a_real_process_stopped_mid_questionnaire_keeps_the_answers(
    tmp_path: Path, how: str
) -> None:
    """SIGINT is Ctrl-C where the terminal sends a signal for it; closing the window
    hangs the terminal up, and the kernel sends SIGHUP. A pseudo-terminal that is not the
    process's controlling terminal sends no signal when its other end closes: reading it
    then fails (EIO), and that too is the end of input."""
    with Terminal([*LADDER, "assess", "cto"], controlling=how == "window closed") as term:
        term.expect(question_waits(1))
        term.send("3\r")
        term.expect(question_waits(2))
        term.send("1\r")
        term.expect(question_waits(3))
        if how == "Ctrl-C key":
            term.send(CTRL_C)
        elif how in ("window closed", "pty closed"):
            term.hang_up()
        else:
            term.process.send_signal(getattr(signal, how))
        status = term.wait()
    assert status == ExitCode.CANCELLED, term.text
    draft = draft_of(tmp_path)
    if how not in ("window closed", "pty closed"):  # nobody left to read it
        message = flat(term.text)
        assert "Traceback" not in message
        assert "Stopped at question 3 of 22, with 2 answers given. Your answers are in:" in (
            message
        )
        assert "To continue where you stopped: ladder assess cto --resume" in message
    assert Kept.read(draft).ratings == dict(zip(CTO_IDS, [3, 1] + [None] * 19, strict=True))
    assert leftovers(tmp_path / HOME) == []


# --- interrupted while saving ---------------------------------------------------------------------


def keyboard_interrupt() -> None:
    raise KeyboardInterrupt


SEEDED = dict(zip(CTO_IDS, [2] * 20 + [None], strict=True))


def seed_draft(tmp_path: Path) -> Path:
    """A draft with 20 of the 21 questions answered (2 each)."""
    draft = draft_of(tmp_path)
    draft.parent.mkdir(parents=True, exist_ok=True)
    lines = ["from: vp", "to: cto", "rater: self", "date: '2026-11-02T10:00:00+01:00'"]
    lines += ["answers:"] + [f"  {qid}: 2" for qid in CTO_IDS[:20]]
    draft.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return draft


def earlier_assessment(ladder: Ladder, tmp_path: Path) -> Path:
    """One assessment in the history already; its answers file."""
    file = tmp_path / "earlier.yaml"
    lines = ["from: vp", "to: cto", "date: '2026-05-02T10:00:00+01:00'", "answers:"]
    file.write_text("\n".join(lines + [f"  {qid}: 1" for qid in CTO_IDS]) + "\n")
    assert ladder("assess", "--answers", str(file)).exit_code == 0
    return file


def history_rows(tmp_path: Path, database: Path | None = None) -> list[tuple[int, float]]:
    """The history's rows (in the test's data folder, or ``database``), read after an
    integrity check."""
    conn = sqlite3.connect(database or tmp_path / HOME / "history.sqlite3")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM answers").fetchone() == (
            conn.execute("SELECT count(*) FROM assessments").fetchone()
        )
        return list(conn.execute("SELECT id, readiness FROM assessments ORDER BY id"))
    finally:
        conn.close()


OLD = "an earlier report, to be kept whole\n"
ALL_21 = dict(SEEDED, **{CTO_IDS[20]: 3})


def interactive_case(point: str, tmp_path: Path) -> tuple[list[str], str]:
    """The command line and the keys for a questionnaire interrupted at ``point``."""
    seed_draft(tmp_path)
    (tmp_path / "report.md").write_text(OLD)
    args = ["assess", "--resume", "-o", str(tmp_path / "report.md")]
    return args, rate(3) + ENTER + ENTER  # question 21, the pitfalls, the report


def check_interrupted_questionnaire(
    point: str, tmp_path: Path, status: int, said: str, *, stopped_at: int = 21
) -> None:
    """``stopped_at``: the question named as where the questionnaire stopped. Ctrl-C cuts
    the draft's save short, at question 21; a signal lets the save finish and stops the
    questionnaire at the next prompt, 22."""
    assert status == ExitCode.CANCELLED, said
    assert "Traceback" not in said
    message = flat(said)
    draft = draft_of(tmp_path)
    assert (tmp_path / "report.md").read_text() == OLD
    assert leftovers(tmp_path) == []
    if point == "draft":  # during a question: the draft holds it, ready to resume
        assert f"Stopped at question {stopped_at} of 22, with 21 answers given." in message
        assert f"Your answers are in: {draft}" in message
        assert "ladder assess cto --resume" in message
        assert Kept.read(draft) == Kept(ALL_21, {}, set())
        return
    # Stopped as the questionnaire ends: the answers are whole in the file named.
    (where,) = [draft] if point == "answers-file" else filed(tmp_path)
    assert where.exists()
    assert (
        f"Stopped before the report was complete. Your answers are in: {where} "
        f"To see the report: ladder assess --answers {where}" in message
    )
    assert Kept.read(where) == Kept(ALL_21, {}, set())
    rows = history_rows(tmp_path)
    assert len(rows) == (2 if point == "report" else 1)  # the earlier one, and no half one


@linux_only
@pytest.mark.parametrize("point", ["draft", "answers-file", "database", "report"])
def test_ctrl_c_while_the_questionnaire_saves(
    ladder: Ladder,
    keys: PipeInput,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    point: str,
) -> None:
    earlier_assessment(ladder, tmp_path)
    args, answers = interactive_case(point, tmp_path)
    seen = arm(point, keyboard_interrupt, monkeypatch.setattr)
    keys.send_text(answers + CTRL_C)  # the Ctrl-C is never read if the interrupt works
    result = ladder(*args)
    check_interrupted_questionnaire(point, tmp_path, result.exit_code, result.stderr)
    # At the moment of the interrupt, the file being written was whole, as it was before.
    if point == "draft":
        assert [Kept.parse(text) for text in seen] == [Kept(SEEDED, {}, set())]
    elif point == "answers-file":
        assert [Kept.parse(text) for text in seen] == [Kept(ALL_21, {}, set())]
    elif point == "report":
        assert seen == [OLD]


def command_case(point: str, ladder: Ladder, tmp_path: Path) -> list[str]:
    """A command that writes no answers of the user's, interrupted at ``point``."""
    earlier = earlier_assessment(ladder, tmp_path)
    if point == "report":
        (tmp_path / "report.md").write_text(OLD)
        return ["report", str(earlier), "-o", str(tmp_path / "report.md")]
    if point == "template":
        (tmp_path / "template.yaml").write_text(OLD)
        return ["assess", "cto", "--template", "--force", "-o", str(tmp_path / "template.yaml")]
    other = tmp_path / "other.yaml"
    other.write_text(earlier.read_text().replace(": 1\n", ": 3\n").replace("05-02", "06-02"))
    return ["assess", "--answers", str(other)]


def check_interrupted_command(point: str, tmp_path: Path, status: int, said: str) -> None:
    assert status == ExitCode.CANCELLED, said
    assert "Traceback" not in said
    for name in ("report.md", "template.yaml"):
        if (tmp_path / name).exists():
            assert (tmp_path / name).read_text() == OLD
    assert leftovers(tmp_path) == []
    assert len(history_rows(tmp_path)) == 1


@linux_only
@pytest.mark.parametrize("point", ["report", "template", "database"])
def test_ctrl_c_while_a_command_writes(
    ladder: Ladder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, point: str
) -> None:
    args = command_case(point, ladder, tmp_path)
    seen = arm(point, keyboard_interrupt, monkeypatch.setattr)
    result = ladder(*args)
    check_interrupted_command(point, tmp_path, result.exit_code, result.output)
    assert seen == ([] if point == "database" else [OLD])


# In a child process: arm the point, then run ladder as its console script does.
SIGTERM_AT = f"""
import os, signal, sys
sys.path.insert(0, {str(ROOT)!r})
from tests.helpers.faults import arm
arm(sys.argv[1], lambda: os.kill(os.getpid(), signal.SIGTERM), setattr)
sys.argv = ["ladder", *sys.argv[2:]]
from laddercli import main
main()
"""


@linux_only
@pytest.mark.parametrize(
    ("point", "questionnaire"),
    [
        ("draft", True),
        ("answers-file", True),
        ("database", True),
        ("report", True),
        ("report", False),
        ("template", False),
        ("database", False),
    ],
    ids=lambda v: v if isinstance(v, str) else ("questionnaire" if v else "command"),
)
def test_sigterm_while_saving_in_a_real_process(
    ladder: Ladder, tmp_path: Path, point: str, questionnaire: bool
) -> None:
    """The signal itself, with the handling a real ``ladder`` process has: whatever it
    interrupts, no file is left half written, no temporary file is left behind, and the
    database keeps what it had."""
    if questionnaire:
        earlier_assessment(ladder, tmp_path)
        args, answers = interactive_case(point, tmp_path)
    else:
        args, answers = command_case(point, ladder, tmp_path), ""
    with Terminal([sys.executable, "-c", SIGTERM_AT, point, *args]) as term:
        if questionnaire:
            term.expect(question_waits(21))
            term.send(answers)
        status = term.wait()
    if questionnaire:
        check_interrupted_questionnaire(point, tmp_path, status, term.text, stopped_at=22)
    else:
        check_interrupted_command(point, tmp_path, status, term.text)


# --- a full disk and a read-only folder: real ones -----------------------------------------------

UNSHARE = shutil.which("unshare")
# A tmpfs of 1 MB over ``disk``, the staged files copied in, then filled to the last block;
# the command runs; what the disk holds then is copied out to ``after`` (the mount ends
# with the namespace).
FULL_DISK = """
disk=$1; stage=$2; after=$3; shift 3
mount -t tmpfs -o size=1m tmpfs "$disk" || exit 97
cp -a "$stage/." "$disk/" || exit 97
dd if=/dev/zero of="$disk/.filler" bs=4k 2>/dev/null
"$@"; status=$?
rm -f "$disk/.filler"
cp -a "$disk/." "$after/"
exit $status
"""
READ_ONLY = """
folder=$1; shift
mount --bind "$folder" "$folder" && mount -o remount,bind,ro "$folder" || exit 97
exec "$@"
"""


@pytest.fixture(scope="module")
def mounts(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Skip, saying why, where this process may not mount in a private namespace."""
    if UNSHARE is None or sys.platform != "linux":
        pytest.skip("no unshare command: cannot mount a full or a read-only file system")
    folder = tmp_path_factory.mktemp("probe")
    probe = 'mount -t tmpfs -o size=64k tmpfs "$1" && mount -o remount,bind,ro "$1"'
    done = subprocess.run(
        [UNSHARE, "-m", "--propagation", "private", "sh", "-c", probe, "sh", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount in a private namespace here: {done.stderr.strip()}")


@dataclass
class Disk:
    """A full disk at ``path``: files staged for it, and what it held afterwards."""

    path: Path
    stage: Path
    after: Path

    def args(self, *command: str) -> list[str]:
        assert UNSHARE is not None
        return [UNSHARE, "-m", "--propagation", "private", "sh", "-c", FULL_DISK, "sh"] + [
            str(self.path),
            str(self.stage),
            str(self.after),
            *command,
        ]

    def run(self, *command: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(self.args(*command), capture_output=True, text=True, check=False)
        assert done.returncode != 97, done.stderr
        return done


@pytest.fixture
def disk(mounts: None, tmp_path: Path) -> Disk:
    made = Disk(tmp_path / "disk", tmp_path / "stage", tmp_path / "after")
    for folder in (made.path, made.stage, made.after):
        folder.mkdir()
    return made


def read_only(folder: Path, *command: str) -> list[str]:
    assert UNSHARE is not None
    return [
        UNSHARE,
        "-m",
        "--propagation",
        "private",
        "sh",
        "-c",
        READ_ONLY,
        "sh",
        str(folder),
    ] + list(command)


def run_read_only(folder: Path, *command: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(read_only(folder, *command), capture_output=True, text=True, check=False)
    assert done.returncode != 97, done.stderr
    return done


def answers_21(tmp_path: Path, value: int = 2, name: str = "answers.yaml") -> Path:
    file = tmp_path / name
    lines = ["from: vp", "to: cto", "date: '2026-11-02T10:00:00+01:00'", "answers:"]
    file.write_text("\n".join(lines + [f"  {qid}: {value}" for qid in CTO_IDS]) + "\n")
    return file


NOSPACE = os.strerror(errno.ENOSPC)
READONLY = os.strerror(errno.EROFS)


def output_case(what: str, folder: Path, tmp_path: Path) -> tuple[str, list[str]]:
    """The file a command writes with -o (already there, holding OLD), and the command."""
    name = "template.yaml" if what == "template" else "report.md"
    (folder / name).write_text(OLD)
    answers = answers_21(tmp_path)
    command = {
        "report": ["report", str(answers)],
        "template": ["assess", "cto", "--template", "--force"],
        "answers-report": ["assess", "--answers", str(answers)],
    }[what]
    return name, command


@pytest.mark.parametrize("what", ["report", "template", "answers-report"])
def test_a_really_full_disk_for_an_output_file(disk: Disk, tmp_path: Path, what: str) -> None:
    name, command = output_case(what, disk.stage, tmp_path)
    done = disk.run(*LADDER, *command, "-o", str(disk.path / name))
    assert done.returncode == ExitCode.ERROR, done.stderr
    assert f"ladder: cannot write {disk.path / name}: {NOSPACE}\n" in done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in disk.after.iterdir()) == [name]  # no temporary file
    assert (disk.after / name).read_text() == OLD


@pytest.mark.parametrize("what", ["report", "template", "answers-report"])
def test_a_really_read_only_folder_for_an_output_file(
    tmp_path: Path, mounts: None, what: str
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    name, command = output_case(what, folder, tmp_path)
    done = run_read_only(folder, *LADDER, *command, "-o", str(folder / name))
    assert done.returncode == ExitCode.ERROR, done.stderr
    assert f"ladder: cannot write {folder / name}: {READONLY}\n" in done.stderr
    assert sorted(p.name for p in folder.iterdir()) == [name]
    assert (folder / name).read_text() == OLD


def test_a_really_full_disk_for_the_database(
    disk: Disk, ladder: Ladder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The history has one assessment; the next cannot be saved. The report is shown all
    the same, the message says the disk is full, and the database keeps what it had."""
    monkeypatch.setenv("LADDER_HOME", str(disk.stage / "home"))
    earlier_assessment(ladder, disk.stage)
    monkeypatch.setenv("LADDER_HOME", str(disk.path / "home"))
    answers = answers_21(tmp_path, 3)
    done = disk.run(*LADDER, "assess", "--answers", str(answers))
    assert done.returncode == ExitCode.ERROR, done.stderr
    assert "Readiness  ████████████████████  100 / 100 (Ready now; self-rated)" in done.stdout
    message = flat(done.stderr)
    assert f"the history database {disk.path / 'home' / 'history.sqlite3'} could not be" in (
        message
    )
    assert "the disk is full" in message
    assert f"Your answers are in {answers}, as they were." in message
    assert len(history_rows(tmp_path, disk.after / "home" / "history.sqlite3")) == 1


def test_a_really_read_only_database(tmp_path: Path, ladder: Ladder, mounts: None) -> None:
    earlier_assessment(ladder, tmp_path)
    home = tmp_path / HOME
    answers = answers_21(tmp_path, 3)
    done = run_read_only(home, *LADDER, "assess", "--answers", str(answers))
    assert done.returncode == ExitCode.ERROR, done.stderr
    assert "100 / 100 (Ready now; self-rated)" in done.stdout
    message = flat(done.stderr)
    assert f"the history database {home / 'history.sqlite3'} cannot be written (" in message
    assert f"Your answers are in {answers}, as they were." in message
    listed = run_read_only(home, *LADDER, "history", "-f", "json")
    assert listed.returncode == 0, listed.stderr  # still read, read-only
    assert json.loads(listed.stdout)["total"] == 1
    assert len(history_rows(tmp_path)) == 1


def stop_after_two_answers(term: Terminal) -> int:
    term.expect(question_waits(1))
    term.send("3\r")
    term.expect(question_waits(2))
    term.send("1\r")
    term.expect(question_waits(3))
    term.send(CTRL_C)
    return term.wait()


def check_kept_in_the_current_folder(term: Terminal, status: int, cwd: Path, reason: str) -> None:
    """The draft could not be saved: the answers went to a file in the current folder."""
    assert status == ExitCode.CANCELLED, term.text
    message = flat(term.text)
    draft = Path(os.environ["LADDER_HOME"]) / "drafts" / "vp-cto-self.yaml"
    assert f"ladder: cannot save your answers to {draft} (" in message
    assert f"{reason}); they are kept in memory for now." in message
    (kept,) = cwd.glob("vp-cto-self-*.yaml")
    assert (
        f"Stopped at question 3 of 22, with 2 answers given. Your answers are in: {kept.name}"
        in message
    )
    assert f"To score them as they are: ladder assess --answers {kept.name}" in message
    assert "--resume" not in message  # there is no draft to resume
    assert Kept.read(kept).ratings == dict(zip(CTO_IDS, [3, 1] + [None] * 19, strict=True))


def test_a_really_full_disk_for_the_answers(
    disk: Disk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The data folder is full: the questionnaire goes on, says the answers cannot be
    saved, and at the end keeps them in the current folder."""
    monkeypatch.setenv("LADDER_HOME", str(disk.path / "home"))
    cwd = tmp_path / "here"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    with Terminal(disk.args(*LADDER, "assess", "cto")) as term:
        status = stop_after_two_answers(term)
    check_kept_in_the_current_folder(term, status, cwd, NOSPACE)
    assert leftovers(disk.after) == []


def test_a_really_read_only_data_folder(
    tmp_path: Path, mounts: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / HOME
    home.mkdir()
    cwd = tmp_path / "here"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    with Terminal(read_only(home, *LADDER, "assess", "cto")) as term:
        status = stop_after_two_answers(term)
    check_kept_in_the_current_folder(term, status, cwd, READONLY)
    assert list(home.iterdir()) == []


def test_a_really_full_disk_for_the_report_of_a_questionnaire(disk: Disk, tmp_path: Path) -> None:
    """The report cannot be written as the questionnaire ends: the answers are filed and
    saved in the history all the same, and the message names both files."""
    seed_draft(tmp_path)
    (disk.stage / "report.md").write_text(OLD)
    report = disk.path / "report.md"
    with Terminal(disk.args(*LADDER, "assess", "--resume", "-o", str(report))) as term:
        term.expect(question_waits(21))
        term.send(rate(3) + ENTER + ENTER)
        status = term.wait()
    assert status == ExitCode.ERROR, term.text
    message = flat(term.text)
    (where,) = filed(tmp_path)
    assert f"Your answers are in: {where}" in message
    assert f"ladder: cannot write {report}: {NOSPACE}" in message
    assert Kept.read(where) == Kept(ALL_21, {}, set())
    assert len(history_rows(tmp_path)) == 1
    assert sorted(p.name for p in disk.after.iterdir()) == ["report.md"]
    assert (disk.after / "report.md").read_text() == OLD


def test_a_read_only_folder_for_the_report_is_refused_before_any_question(
    tmp_path: Path, mounts: None
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    report = folder / "report.md"
    with Terminal(read_only(folder, *LADDER, "assess", "cto", "-o", str(report))) as term:
        status = term.wait()
    assert status == ExitCode.ERROR, term.text
    assert f"ladder: cannot write {report}: the folder {folder} is not writable" in term.text
    assert "1/22" not in term.text
    assert not draft_of(tmp_path).exists()


# --- the same faults, simulated: every file ladder writes, and each errno -------------------------

ERRNOS = {
    "ENOSPC": errno.ENOSPC,  # at the write: the file is made, its content does not fit
    "EROFS": errno.EROFS,  # at the open: no file can be made in the folder
    "EACCES": errno.EACCES,
}


def fail_writes(monkeypatch: pytest.MonkeyPatch, folder: Path, code: int) -> None:
    """Writes into ``folder`` fail with ``code``: ENOSPC when the data is flushed, the
    others when the file is opened for writing."""
    error = OSError(code, os.strerror(code))
    folder = folder.resolve()
    if code == errno.ENOSPC:
        real_fsync = os.fsync

        def fsync(fd: int) -> None:
            if Path(os.readlink(f"/proc/self/fd/{fd}")).parent == folder:
                raise error
            real_fsync(fd)

        monkeypatch.setattr(os, "fsync", fsync)
        return
    real_open = os.open

    def open_(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        at = kwargs.get("dir_fd")  # a name in a folder opened before, or in the current one
        where = Path(os.readlink(f"/proc/self/fd/{at}") if at is not None else ".") / path
        if flags & (os.O_WRONLY | os.O_RDWR) and where.resolve().parent == folder:
            raise error
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)


@linux_only
@pytest.mark.parametrize("code", ERRNOS, ids=list(ERRNOS))
@pytest.mark.parametrize("what", ["report", "template", "answers-report"])
def test_an_output_file_that_cannot_be_written(
    ladder: Ladder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, what: str, code: str
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    name, command = output_case(what, folder, tmp_path)
    fail_writes(monkeypatch, folder, ERRNOS[code])
    result = ladder(*command, "-o", str(folder / name))
    assert result.exit_code == ExitCode.ERROR, result.output
    assert f"ladder: cannot write {folder / name}: {os.strerror(ERRNOS[code])}\n" in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == [name]
    assert (folder / name).read_text() == OLD
    if what == "answers-report":  # saved in the history before the report failed
        assert len(history_rows(tmp_path)) == 1


@linux_only
@pytest.mark.parametrize("code", ERRNOS, ids=list(ERRNOS))
def test_a_data_folder_that_cannot_be_written(
    ladder: Ladder,
    keys: PipeInput,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    code: str,
) -> None:
    """The draft cannot be saved: the questionnaire goes on, and the answers are kept in
    the current folder instead, at the end."""
    drafts = tmp_path / HOME / "drafts"
    drafts.mkdir(parents=True)
    cwd = tmp_path / "here"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    fail_writes(monkeypatch, drafts, ERRNOS[code])
    keys.send_text(rate(3, 1) + CTRL_C)
    result = ladder("assess", "cto")
    assert result.exit_code == ExitCode.CANCELLED
    message = flat(result.stderr)
    reason = os.strerror(ERRNOS[code])
    assert f"ladder: cannot save your answers to {drafts / 'vp-cto-self.yaml'} (" in message
    assert f"{reason}); they are kept in memory for now." in message
    assert message.count("cannot save your answers") == 1  # said once, not at each answer
    (kept,) = cwd.glob("vp-cto-self-*.yaml")
    assert f"Your answers are in: {kept.name}" in message
    assert Kept.read(kept).ratings == dict(zip(CTO_IDS, [3, 1] + [None] * 19, strict=True))
    assert list(drafts.iterdir()) == []


SQLITE_FAULTS = {  # what SQLite says for each
    "ENOSPC": ("database or disk is full", "SQLITE_FULL", "could not be written: the disk is full"),
    "EROFS": ("attempt to write a readonly database", "SQLITE_READONLY", "cannot be written"),
    "EACCES": ("unable to open database file", "SQLITE_CANTOPEN", "cannot be written"),
}


@pytest.mark.parametrize("code", SQLITE_FAULTS)
@pytest.mark.parametrize("how", ["answers-file", "questionnaire"])
def test_a_database_that_cannot_be_written(
    ladder: Ladder,
    keys: PipeInput,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    code: str,
    how: str,
) -> None:
    """The report is shown all the same, the message says why the history was not kept
    and where the answers are; exit 1."""
    earlier_assessment(ladder, tmp_path)
    text, name, said = SQLITE_FAULTS[code]
    real_connect = store.connect

    def connect(path: Path, mode: str, timeout: float) -> sqlite3.Connection:
        if mode.startswith("rw"):
            error = sqlite3.OperationalError(text)
            error.sqlite_errorname = name
            raise error
        return real_connect(path, mode, timeout)

    monkeypatch.setattr(store, "connect", connect)
    if how == "answers-file":
        answers = answers_21(tmp_path, 3)
        result = ladder("assess", "--answers", str(answers))
    else:
        seed_draft(tmp_path)
        keys.send_text(rate(3) + ENTER + ENTER)
        result = ladder("assess", "--resume")
        (answers,) = filed(tmp_path)
    assert result.exit_code == ExitCode.ERROR, result.output
    assert "Readiness  " in result.stdout
    message = flat(result.stderr)
    database = tmp_path / HOME / "history.sqlite3"
    assert f"ladder: the history database {database} {said}" in message
    assert f"({text})" in message
    assert str(answers) in message  # where the answers are
    assert "Traceback" not in result.output
    assert len(history_rows(tmp_path)) == 1


# --- a terminal of 40 columns ---------------------------------------------------------------------

PANEL = [str(DATA / f"panel-{r}.yaml") for r in ("self", "manager", "peer-1")]


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+(?:[-'’./]\w+)*", text))


def strings(data: Any) -> Iterator[str]:
    """Every text in a JSON document."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value)


def too_long(text: str, width: int, *, but: str = "\0") -> list[str]:
    """Lines wider than ``width``; a line that holds ``but`` (a path, shown whole so that
    it can be copied) is let be."""
    return [line for line in text.splitlines() if len(line) > width and but not in line]


NARROW_COMMANDS = {
    "roles": ["roles"],
    "show": ["show", "vp"],
    "compare": ["compare", "vp", "cto", "ceo"],
    "assess-answers": ["assess", "--answers", str(DATA / "answers-vp-cto.yaml"), "--no-save"],
    "report": ["report", str(DATA / "answers-vp-cto.yaml")],
    "report-panel": ["report", *PANEL],
    "history": ["history"],
    "history-trend": ["history", "cto"],
}


@pytest.mark.parametrize("name", NARROW_COMMANDS)
def test_40_columns_and_nothing_cut_off(
    ladder: Ladder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """No line wider than the terminal, and every text the report shows at 80 columns is
    there, whole, at 40 (where tables become lists)."""
    if name.startswith("history"):
        earlier_assessment(ladder, tmp_path)
        assert ladder("assess", "--answers", str(answers_21(tmp_path, 3))).exit_code == 0
    args = NARROW_COMMANDS[name]
    wide = ladder(*args)
    monkeypatch.setenv("COLUMNS", "40")
    narrow = ladder(*args)
    assert narrow.exit_code == wide.exit_code == 0, narrow.output
    assert too_long(narrow.stdout, 40) == []
    assert too_long(narrow.stderr, 40) == []
    # Words, not lines: a narrow table cell wraps its text between borders.
    wide_words, narrow_words = words(wide.stdout), words(narrow.stdout)
    texts = set(strings(json.loads(ladder(*args, "-f", "json").stdout)))
    shown = [t for t in texts if words(t) and words(t) <= wide_words]
    assert len(shown) >= 5
    assert [t for t in shown if not words(t) <= narrow_words] == []
    assert narrow.stdout.count("…") <= wide.stdout.count("…")  # no word cut short


def test_the_questionnaire_at_40_columns(
    ladder: Ladder, keys: PipeInput, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every question whole, no line wider than 40 but for the line naming the draft,
    and each choice in full, or its label alone where the full text does not fit."""
    monkeypatch.setenv("COLUMNS", "40")
    keys.send_text(keys_of(STEPS[1:]))
    result = ladder("assess", "cto")
    assert result.exit_code == 0, result.output
    assert too_long(result.stdout, 40) == []
    assert too_long(result.stderr, 40, but=str(tmp_path)) == []
    from laddercli.assessment.questions import build_questionnaire, find_path
    from laddercli.roles.catalog import load_catalog

    catalog = load_catalog([])
    q = build_questionnaire(find_path(catalog, catalog.get("vp"), catalog.get("cto")))
    asked = flat(result.stderr)
    for question in q.questions:
        if question.shift is not None:
            assert f"From {flat(question.shift.from_)} To {flat(question.shift.to)}" in asked
        else:
            assert flat(question.text) in asked
        assert flat(question.prompt) in asked
        for choice, scale in zip(
            prompts._rating_choices(question, allow_back=True), question.choices, strict=False
        ):
            title = str(choice.title)
            lines = title.split("\n")
            assert len(lines[0]) + 6 < 40  # " » 3) " before it
            assert all(len(line) < 40 for line in lines[1:])
            assert flat(title) in (scale.title, scale.label)  # whole, if on several lines


# --- no escape codes where they are not read ------------------------------------------------------

COLOUR = re.compile(r"\x1b\[([0-9;]*)m")


def colours(text: str) -> list[str]:
    """The colour codes in ``text`` (foreground, background; not bold, dim or italic)."""
    found = []
    for params in COLOUR.findall(text):
        codes = [int(p) for p in params.split(";") if p]
        if any(30 <= c <= 49 or 90 <= c <= 107 for c in codes):
            found.append(params)
    return found


def every_command(tmp_path: Path) -> dict[str, list[str]]:
    """One run of each command, and the errors users meet most, with files to use."""
    answers = str(answers_21(tmp_path))
    bad = tmp_path / "bad-roles"
    bad.mkdir()
    (bad / "cfo.yaml").write_text("id: cfo\ntitle: 3\n")
    return {
        "help": ["--help"],
        "roles": ["roles"],
        "show": ["show", "vp"],
        "show-json": ["show", "vp", "-f", "json"],
        "compare": ["compare", "vp", "cto", "ceo"],
        "validate": ["validate"],
        "validate-bad": ["validate", str(bad)],
        "schema": ["schema"],
        "template": ["assess", "cto", "--template"],
        "assess-answers": ["assess", "--answers", answers],
        "assess-without-a-terminal": ["assess", "cto"],
        "report": ["report", answers],
        "history": ["history"],
        "history-trend": ["history", "cto"],
        "forget-without-yes": ["forget", "1"],
        "unknown-role": ["show", "cfo"],
        "unknown-command": ["bogus"],
    }


def run_all(
    commands: dict[str, list[str]], env: dict[str, str], tmp_path: Path
) -> dict[str, tuple[str, str]]:
    """Each command's standard output (to a file) and standard error (to a pipe), the
    commands run side by side."""
    running = {}
    for name, args in commands.items():
        out = (tmp_path / f"{name}.out").open("w+b")
        process = subprocess.Popen(
            [*LADDER, *args], stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.PIPE, env=env
        )
        running[name] = (process, out)
    done = {}
    for name, (process, out) in running.items():
        _, err = process.communicate(timeout=60)
        out.seek(0)
        done[name] = (out.read().decode(), err.decode())
        out.close()
    return done


def test_no_escape_codes_in_a_file_or_a_pipe(ladder: Ladder, tmp_path: Path) -> None:
    """Standard output to a file, standard error to a pipe: plain text, though the
    terminal type says colour and NO_COLOR is not set. (With NO_COLOR or TERM=dumb as
    well it is only plainer.)"""
    earlier_assessment(ladder, tmp_path)
    env = child_env(NO_COLOR=None, FORCE_COLOR=None, TERM="xterm-256color")
    results = run_all(every_command(tmp_path), env, tmp_path)
    for name, (out, err) in results.items():
        assert "\x1b" not in out + err, name
        assert out + err, name  # each said something
    assert "Traceback" not in "".join(out + err for out, err in results.values())


def run_in_terminals(commands: dict[str, list[str]], env: dict[str, str]) -> dict[str, str]:
    """Each command in a pseudo-terminal of its own, side by side: what it showed."""
    with contextlib.ExitStack() as stack:
        terminals = {
            name: stack.enter_context(Terminal([*LADDER, *args], env=env))
            for name, args in commands.items()
        }
        for term in terminals.values():
            term.wait()
        return {name: term.raw.decode() for name, term in terminals.items()}


def test_in_a_terminal_TERM_dumb_gets_no_escape_codes_and_NO_COLOR_no_colour(
    ladder: Ladder, tmp_path: Path
) -> None:
    """In a terminal, styles are for the eye: TERM=dumb gets none at all. NO_COLOR asks
    for no colour (https://no-color.org); bold, dim and italic stay, as the convention
    allows. The questionnaire is left out: its prompts move the cursor, which a dumb
    terminal cannot do."""
    earlier_assessment(ladder, tmp_path)
    commands = every_command(tmp_path)
    for waits in ("assess-without-a-terminal", "forget-without-yes"):
        del commands[waits]  # in a terminal, they ask
    base = child_env(NO_COLOR=None, FORCE_COLOR=None, COLUMNS="80")
    dumb = run_in_terminals(commands, base | {"TERM": "dumb"})
    for name, text in dumb.items():
        assert "\x1b" not in text, name
    plain = run_in_terminals(commands, base | {"TERM": "xterm-256color", "NO_COLOR": "1"})
    for name, text in plain.items():
        assert colours(text) == [], name
    # Machine-readable formats have no styles at all, on any terminal.
    for name in ("show-json", "schema", "template"):
        assert "\x1b" not in plain[name], name
    # The contrast: the same terminal without NO_COLOR does get colour (so the test
    # above is not empty-handed), and FORCE_COLOR gets it even into a file.
    some = {name: commands[name] for name in ("help", "report", "unknown-command")}
    coloured = run_in_terminals(some, base | {"TERM": "xterm-256color"})
    for name, text in coloured.items():
        assert colours(text), name
    forced = run_all(some, base | {"TERM": "xterm-256color", "FORCE_COLOR": "1"}, tmp_path)
    assert all("\x1b[" in out + err for out, err in forced.values())


def test_the_report_of_a_questionnaire_into_a_file_is_plain(tmp_path: Path) -> None:
    """``ladder assess > report.txt``: the questions on the terminal, the report in the
    file, with no escape codes."""
    seed_draft(tmp_path)
    with (tmp_path / "report.txt").open("wb") as out:
        with Terminal(
            [*LADDER, "assess", "--resume"],
            env=child_env(TERM="xterm-256color", PROMPT_TOOLKIT_NO_CPR="1", NO_COLOR=None),
            stdout=out.fileno(),
        ) as term:
            term.expect(question_waits(21))
            term.send(rate(3) + ENTER + ENTER)
            assert term.wait() == 0, term.text
    report = (tmp_path / "report.txt").read_text()
    assert "Readiness for CTO" in report and "/ 100 (" in report
    assert "\x1b" not in report
    assert "/ 100 (" not in term.text  # the screen had the questions only


# --- exit codes -----------------------------------------------------------------------------------


def damaged_history(tmp_path: Path) -> None:
    database = tmp_path / HOME / "history.sqlite3"
    database.parent.mkdir(parents=True)
    database.write_bytes(b"not a database\n" * 100)


def bad_answers(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("from: vp\nto: cto\nanswers:\n  nope: 3\n")


def bad_roles(tmp_path: Path) -> None:
    (tmp_path / "roles").mkdir()
    (tmp_path / "roles" / "cfo.yaml").write_text("id: cfo\n")


# name: (the exit code, the command line ({tmp} is the test's folder), what to set up,
# the keys typed at the questionnaire, or None for no terminal)
EXIT_CASES: dict[str, tuple[int, list[str], Callable[[Path], object] | None, str | None]] = {
    "roles": (0, ["roles"], None, None),
    "version": (0, ["--version"], None, None),
    "assess-answers": (0, ["assess", "--answers", str(DATA / "answers-vp-cto.yaml")], None, None),
    "a-questionnaire-finished": (0, ["assess", "--resume"], seed_draft, rate(3) + ENTER + ENTER),
    "output-folder-missing": (1, ["show", "vp", "-o", "{tmp}/missing/vp.md"], None, None),
    "history-damaged": (1, ["history"], damaged_history, None),
    "report-of-a-damaged-history": (1, ["report", "--last"], damaged_history, None),
    "unknown-role": (2, ["show", "cfo"], None, None),
    "unknown-option": (2, ["show", "vp", "--bogus"], None, None),
    "missing-argument": (2, ["show"], None, None),
    "bad-answers-file": (2, ["assess", "--answers", "{tmp}/bad.yaml"], bad_answers, None),
    "bad-role-file": (2, ["validate", "{tmp}/roles"], bad_roles, None),
    "assess-without-a-terminal": (2, ["assess", "cto"], None, None),
    "ctrl-c-in-the-questionnaire": (130, ["assess", "cto"], None, rate(3) + CTRL_C),
    "end-of-input-in-the-questionnaire": (130, ["assess", "cto"], None, rate(3)),
}


@pytest.mark.parametrize("name", EXIT_CASES)
def test_exit_codes(
    ladder: Ladder, tmp_path: Path, request: pytest.FixtureRequest, name: str
) -> None:
    code, args, setup, typed = EXIT_CASES[name]
    if setup is not None:
        setup(tmp_path)
    if typed is not None:
        keys: PipeInput = request.getfixturevalue("keys")
        keys.send_text(typed)
        keys.close()  # after the keys, the end of input
    result = ladder(*(a.replace("{tmp}", str(tmp_path)) for a in args))
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    if code != 0:
        assert result.output.strip()  # a message says why


def test_every_exit_code_is_asserted() -> None:
    assert {case[0] for case in EXIT_CASES.values()} == {int(c) for c in ExitCode}
