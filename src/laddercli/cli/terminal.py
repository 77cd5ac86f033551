"""The one seam between ``ladder`` and the person at the terminal: every message on
standard error, every confirm, and the questionnaire's prompts (through ``prompts``, the
only module that imports questionary, imported when a prompt is first needed).

``Terminal`` is also the assess session's ``Asker``: it words the session's facts. Tests
replace its methods (``is_interactive``, ``say_kept``), never private names.
"""

import contextlib
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

import typer

from laddercli.assessment.raters import DEFAULT_RATER
from laddercli.assessment.stopping import Stopping
from laddercli.visible import visible

if TYPE_CHECKING:
    from laddercli.assessment.answers import AnswerKeeper, Answers
    from laddercli.assessment.questions import Questionnaire
    from laddercli.assessment.session import Notice, ResumeOffer, Started
    from laddercli.roles.catalog import Catalog, PathView


class Terminal:
    """Messages, confirms and prompts; ``ladder`` makes a copyable command with this run's
    --roles."""

    def __init__(self, stopping: Stopping, ladder: Callable[[str], str]) -> None:
        self.stopping = stopping
        self.ladder = ladder
        self.paging = True  # --no-pager: never through a pager

    # --- plain messages -------------------------------------------------------------------

    def is_interactive(self) -> bool:
        """Whether questions can be asked: standard input is a terminal. Tests that drive
        the questionnaire with key presses replace this."""
        return sys.stdin.isatty()

    def echo(self, text: str = "") -> None:
        """A line on standard error, as it is (callers make role text visible)."""
        typer.echo(text, err=True)

    def say(self, text: str) -> None:
        """Prose on stderr, wrapped to the terminal (at most 100 columns). Words joined by a
        no-break space (``question 14 of 22``) stay on one line, and are shown with
        ordinary spaces."""
        import shutil
        import textwrap

        width = max(40, min(shutil.get_terminal_size().columns, 100))
        # Breaks at ASCII blanks only, never inside a word such as a file's name.
        lines = textwrap.fill(visible(text), width, break_long_words=False, break_on_hyphens=False)
        self.echo(lines.replace("\N{NO-BREAK SPACE}", " "))

    def page(self, text: str) -> bool:
        """Show ``text`` through a pager, as git does, when standard output is a terminal
        and the text is longer than its screen: ``$LADDER_PAGER``, else ``$PAGER``, else
        ``less -FRX`` (an empty value or ``cat``: no pager). False when no pager showed it
        (the caller writes it itself): not a terminal, short enough, or no such program."""
        import os
        import shutil

        if not self.paging or not sys.stdout.isatty():
            return False
        if text.count("\n") < shutil.get_terminal_size().lines:
            return False
        env = os.environ
        command = env.get("LADDER_PAGER", env.get("PAGER", "less -FRX"))
        if not command.strip():  # no pager: shlex is not needed (0.3 ms)
            return False
        import shlex
        import subprocess

        try:
            args = shlex.split(command)
        except ValueError:
            return False
        if not args or args == ["cat"]:
            return False
        sys.stdout.flush()
        try:
            pager = subprocess.Popen(
                args,
                stdin=subprocess.PIPE,
                env={**env, "LESS": env.get("LESS", "FRX"), "LV": env.get("LV", "-c")},
            )
        except OSError:
            return False
        assert pager.stdin is not None
        with contextlib.suppress(BrokenPipeError, OSError):  # the reader quit early (q)
            pager.stdin.write(text.encode(sys.stdout.encoding or "utf-8", "replace"))
        with contextlib.suppress(BrokenPipeError, OSError):
            pager.stdin.close()
        while True:  # Ctrl-C goes to the pager, which stays until it is quit
            try:
                pager.wait()
                return True
            except KeyboardInterrupt:
                continue

    def confirm(self, question: str) -> bool:
        """A yes or no question on stderr (Enter: no)."""
        return typer.confirm(question, default=False, err=True)

    # --- the questionnaire (the session's Asker) --------------------------------------------

    def pick_path(self, catalog: "Catalog", source: str | None, target: str | None) -> "PathView":
        from laddercli.cli import prompts

        return prompts.pick_path(catalog, source, target, stop=self.stopping)

    def pick_focus(self, offered: "list[tuple[str, str]]", most: int) -> list[str]:
        """The ids of the plan items picked as focus items (at most ``most``)."""
        from laddercli.cli import prompts

        return prompts.pick_focus(offered, most, stop=self.stopping)

    def ask_resume(self, offer: "ResumeOffer") -> bool:
        from laddercli.cli import prompts

        answers = offer.answers
        self.say(
            f"You have an unfinished questionnaire for {offer.q.title}{_whose(answers)}"
            + (f", started {offer.started}" if offer.started else "")
            + f": {given(answers)}; it goes on at {question_of(offer.at, offer.q.steps)}."
        )
        return prompts.ask_resume("Continue it?", stop=self.stopping)

    def notify(self, notice: "Notice") -> None:
        from laddercli.assessment import session
        from laddercli.locations import shown

        match notice:
            case session.Unreadable(error, kept):
                self.echo(
                    f"An unfinished questionnaire could not be read ({error}); it is kept in "
                    f"{visible(str(kept))}. Starting afresh."
                )
            case session.Resuming(q, answers, at):  # whose it is: --resume alone takes the latest
                self.say(
                    f"Continuing your questionnaire for {q.title}{_whose(answers)}"
                    + (", " if answers.person else " ")
                    + f"from {question_of(at, q.steps)}."
                )
            case session.SetAside(kept):
                self.say("Starting afresh. The unfinished answers are kept in:")
                self.echo(f"  {visible(shown(kept))}")
            case session.CannotSave(path, error):
                self.echo(
                    visible(
                        f"ladder: cannot save your answers to {shown(path)} "
                        f"({error}); they are kept in memory for now."
                    )
                )

    def interview(self, started: "Started", saved: Callable[[], None]) -> None:
        from laddercli.cli import prompts
        from laddercli.locations import shown
        from laddercli.render.text import print_blocks
        from laddercli.views import report

        q, answers, evidence = started.q, started.answers, started.evidence
        console = prompts.make_console(stderr=True)
        console.print()
        if started.start == 0:
            intro = report.intro_blocks(
                q, answers, evidence=evidence, saved_to=shown(started.draft)
            )
            print_blocks(sys.stderr, intro)
        elif report.not_about_you(answers):  # continued: "you" is still someone else
            print_blocks(sys.stderr, report.not_about_you(answers))
        prompts.interview(
            q,
            answers,
            evidence=evidence,
            console=console,
            saved=saved,
            start=started.start,
            stop=self.stopping,
        )

    def pulse(self, q: "Questionnaire", answers: "Answers", ids: "list[str]") -> None:
        """Ask only the focus items ``ids``, filling in ``answers``."""
        from laddercli.cli import prompts

        console = prompts.make_console(stderr=True)
        prompts.pulse(q, answers, ids, console=console, stop=self.stopping)

    # --- where the answers are --------------------------------------------------------------

    def say_kept(
        self, keeper: "AnswerKeeper", lead: str, *, resume: bool = False, stopped: bool = False
    ) -> None:
        """Save the answers a last time and say where they are (or print them).

        Saved before a word is written: after a hang-up (SIGHUP) the terminal is gone, and
        writing to it fails. Prose is wrapped to the terminal; paths and commands stand on
        lines of their own, so that they can be copied whole.
        """
        import shlex

        from laddercli.assessment.raters import who_options
        from laddercli.locations import shown

        where = keeper.keep()
        self.echo()
        if where is None:
            self.say(
                f"{lead} Your answers could not be written ({keeper.error}). Here they are: "
                "save them as a .yaml file, and score them with:".lstrip()
            )
            self.echo(f"  {self.ladder('assess --answers FILE')}")
            self.echo("\n" + keeper.text())
            return
        self.say(f"{lead} Your answers are in:".lstrip())
        self.echo(f"  {visible(shown(where))}")
        if resume and where == keeper.path:  # the draft, not a file in the current folder
            answers = keeper.answers
            self.say("To continue where you stopped:")
            again = f"assess {keeper.q.target.id} --resume"
            command = self.ladder(again + who_options(answers.rater, answers.person))
            self.echo(f"  {visible(command)}")
        if resume:
            self.say("To score them as they are:")
        elif stopped:
            self.say("To see the report:")
        else:
            self.say("To see this report again, or after changing an answer there:")
        command = self.ladder("assess --answers " + shlex.quote(shown(where)))
        self.echo(f"  {visible(command)}")

    def quietly(self, say: Callable[[], None]) -> None:
        """Say something that may find the terminal gone (after a hang-up): then nothing."""
        with contextlib.suppress(OSError):
            say()


def _whose(answers: "Answers") -> str:
    return (f" (rater {answers.rater})" if answers.rater != DEFAULT_RATER else "") + (
        f", about {answers.person}" if answers.person else ""
    )


def question_of(at: int, steps: int) -> str:
    """``question 14 of 22``, held together by no-break spaces so that ``say`` never
    breaks it across two lines."""
    return f"question\N{NO-BREAK SPACE}{at}\N{NO-BREAK SPACE}of\N{NO-BREAK SPACE}{steps}"


def given(answers: "Answers") -> str:
    """The answers given so far, and the questions skipped: ``9 answers given and 1
    skipped`` (a skip is no answer, but it was not left out either)."""
    from laddercli.views.figures import counted

    count = answers.count_answered()
    skipped = len(answers.ratings) - count
    return counted(count, "answer") + " given" + (f" and {skipped} skipped" if skipped else "")
