"""The interactive questionnaire: the one module that talks to questionary.

The rest of laddercli never imports questionary or prompt_toolkit (they cost about 85 ms
at start-up, and only ``ladder assess`` needs them). Every prompt here runs as
questionary's ``unsafe_ask`` does, so that Ctrl-C raises ``KeyboardInterrupt`` instead of
answering None; the caller keeps what was answered and ends the run. End of input (a
closed terminal) raises ``EOFError`` and is treated the same way.

Questions are shown on standard error, like the prompts themselves when standard output
is redirected, so that ``ladder assess -f json > report.json`` writes only the report. Role
text in them is shown through ``visible``, as every renderer shows it.
"""

from __future__ import annotations

import contextlib
import errno
import shutil
import sys
import textwrap
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any

import questionary
from prompt_toolkit.application import create_app_session, run_in_terminal
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.keys import Keys
from prompt_toolkit.output import create_output
from rich.console import Console
from rich.text import Text

from laddercli.assessment import questions
from laddercli.assessment.answers import NA, Answers, about_whom
from laddercli.assessment.questions import Question, Questionnaire, pitfalls_prompt
from laddercli.assessment.stopping import Stopped, Stopping
from laddercli.errors import UsageError
from laddercli.render.text import PROSE_WIDTH
from laddercli.roles.catalog import Catalog, PathView
from laddercli.roles.model import Pitfall, Role
from laddercli.views.figures import counted
from laddercli.visible import visible

BACK = "back"
SKIP = "skip"
FINISH = "finish"
STYLE = questionary.Style([("qmark", "bold"), ("question", "bold"), ("answer", "bold")])


def make_console(
    file: IO[str] | None = None,
    *,
    width: int | None = None,
    plain: bool = False,
    stderr: bool = False,
) -> Console:
    """The questionnaire's console: it never interprets markup or emoji codes in role
    content. (Reports are written by ``render_text``, without Rich.)"""
    if plain:
        return Console(
            file=file,
            width=width or 80,
            color_system=None,
            force_terminal=False,
            highlight=False,
            markup=False,
            emoji=False,
            soft_wrap=False,
            _environ={},
        )
    return Console(
        file=file, width=width, highlight=False, markup=False, emoji=False, stderr=stderr
    )


@contextlib.contextmanager
def session() -> Iterator[None]:
    """Prompts go to standard error when standard output is redirected to a file."""
    if not sys.stdout.isatty() and sys.stderr.isatty():
        with create_app_session(output=create_output(stdout=sys.stderr)):
            yield
    else:
        yield


class _Back:
    """Returned by a prompt when the user pressed b; ``ticked`` keeps a checkbox's ticks."""

    def __init__(self, ticked: list[str] | None = None) -> None:
        self.ticked = ticked


def _with_back(question: questionary.Question) -> questionary.Question:
    """Make b go back at once, on any kind of prompt."""
    extra = KeyBindings()

    @extra.add("b", eager=True)
    def _back(event: Any) -> None:
        event.app.exit(result=_Back(_ticked(event.app)))

    app = question.application
    # Added last, so this binding wins over the choice's own shortcut for b.
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), extra])
    return question


def _ticked(app: Any) -> list[str] | None:
    """What a checkbox has ticked on the screen, Enter pressed or not (None: no checkbox)."""
    for control in app.layout.find_all_controls():
        if hasattr(control, "selected_options"):
            return [str(v) for v in control.selected_options]
    return None


def _stop_on_sigint(question: questionary.Question, *, choice: bool) -> None:
    """A SIGINT signal (``kill -INT``, or Ctrl-C where the terminal still sends signals)
    stops a prompt as the Ctrl-C key does. While a prompt runs, prompt_toolkit turns SIGINT
    into a key that questionary's select, checkbox and confirm prompts ignore: without this
    binding the questionnaire would wait on as if nothing had happened. Ctrl-D (end of
    input) stops a choice too, as it stops a line of text."""
    extra = KeyBindings()

    @extra.add(Keys.SIGINT, eager=True)
    def _interrupt(event: Any) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    if choice:  # in a line of text, Ctrl-D deletes a character, or ends an empty line

        @extra.add("c-d", eager=True)
        def _end_of_input(event: Any) -> None:
            event.app.exit(exception=EOFError, style="class:aborting")

    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), extra])


# --- stopping on a signal ---------------------------------------------------------------------
#
# A stop signal while the questionnaire runs asks it to stop (see assessment/stopping.py): the
# prompt waiting for a key stops as Ctrl-C stops it (stop_running_prompt), or, between prompts,
# the next prompt stops before it shows (the Stopping's check, run as each prompt starts).

NO_STOP = Stopping()  # never asked to stop: for prompts run outside a questionnaire


def stop_running_prompt() -> bool:
    """Ask the prompt that is waiting for a key, if any, to stop as Ctrl-C stops it; whether
    there was one. Safe in a signal handler: the prompt's event loop does the stopping."""
    from prompt_toolkit.application.current import get_app_or_none

    app = get_app_or_none()
    if app is None or not app.is_running or app.future is None or app.future.done():
        return False
    loop = app.loop
    if loop is None:  # pragma: no cover - a running application has its loop
        return False

    def exit_() -> None:
        if app.is_running and app.future is not None and not app.future.done():
            app.exit(exception=KeyboardInterrupt, style="class:aborting")

    loop.call_soon_threadsafe(exit_)
    return True


def run_prompt(
    question: questionary.Question, *, choice: bool = True, stop: Stopping = NO_STOP
) -> Any:
    """Every prompt runs here: questionary's unsafe_ask, which raises KeyboardInterrupt on
    Ctrl-C, with a stop asked for by a signal checked as the prompt starts; a terminal gone
    (its window closed, so that writing to it fails with EIO) ends the input.

    The seam for tests that act while a prompt waits for a key: they wrap this function."""
    _stop_on_sigint(question, choice=choice)
    try:
        answer = question.application.run(pre_run=stop.check)
    except OSError as error:
        if error.errno != errno.EIO:
            raise
        raise EOFError from None
    if answer is None:  # pragma: no cover - Ctrl-C raises instead
        raise KeyboardInterrupt
    return answer


def choose_role(
    message: str, roles: Sequence[Role], details: Sequence[str], *, stop: Stopping = NO_STOP
) -> Role:
    choices = [
        questionary.Choice(visible(f"{r.title} ({detail})"), value=r.id)
        for r, detail in zip(roles, details, strict=True)
    ]
    chosen = run_prompt(questionary.select(message, choices=choices, style=STYLE), stop=stop)
    return next(r for r in roles if r.id == chosen)


def pick_path(
    catalog: Catalog, source: str | None, target: str | None, *, stop: Stopping = NO_STOP
) -> PathView:
    """The path named on the command line, with what it leaves out asked for."""
    if target is not None:
        goal = catalog.get(target)
        start = questions.resolve_source(catalog, goal, source)
        if start is None:
            starts = questions.sources_into(catalog, goal)
            start = choose_role(
                "Which role are you in now?",
                starts,
                [f"path to {goal.short}"] * len(starts),
                stop=stop,
            )
        return questions.find_path(catalog, start, goal)
    if source is not None:
        start = catalog.get(source)
    else:
        starts = questions.sources(catalog)
        if not starts:
            raise UsageError("no role has a path to assess: add one with --roles DIR")
        details = [
            "paths to " + ", ".join(v.target.short for v in catalog.paths_from(r)) for r in starts
        ]
        # With one role to start from there is nothing to choose: the target is asked next.
        start = (
            starts[0]
            if len(starts) == 1
            else choose_role("Which role are you in now?", starts, details, stop=stop)
        )
    views = catalog.paths_from(start)
    if not views:
        raise UsageError(
            f"{start.short} has no path to assess from; the paths: {questions.paths_hint(catalog)}"
        )
    counts = [counted(questions.build_questionnaire(v).steps, "question") for v in views]
    goal = choose_role(
        "Which role are you preparing for?", [v.target for v in views], counts, stop=stop
    )
    return questions.find_path(catalog, start, goal)


# --- one question -----------------------------------------------------------------------------


def _fit(title: str) -> str:
    """A choice's title as the terminal's width allows, at most PROSE_WIDTH: on one line,
    or over several, never cut, so that every choice keeps its anchor ("3 Demonstrated:
    consistently; others could name examples")."""
    room = min(shutil.get_terminal_size().columns, PROSE_WIDTH) - 7  # the pointer, "3) "
    if len(title) <= room:
        return title
    return "\n      ".join(textwrap.wrap(title, max(room, 10)))  # under the first line


def _rating_choices(question: Question, allow_back: bool) -> list[questionary.Choice]:
    choices = [
        questionary.Choice(_fit(visible(c.title)), value=str(c.value), shortcut_key=str(c.value))
        for c in question.choices
    ]
    choices += [
        questionary.Choice(
            _fit("Not applicable: left out of the score"),
            value=NA,
            shortcut_key="n",
        ),
        questionary.Choice("Skip for now", value=SKIP, shortcut_key="s"),
    ]
    if allow_back:
        choices.append(
            questionary.Choice("Back to the previous question", value=BACK, shortcut_key="b")
        )
    return choices


def _default(answers: Answers, question: Question) -> str:
    """Where the pointer starts: on the answer given, else on "Skip for now", so that Enter
    alone records what the pointer shows and never the 0 at the top of the list."""
    rating = answers.rating(question.id)
    return SKIP if rating is None else str(rating)


def _keys_hint(question: Question, allow_back: bool) -> str:
    """What the keys of a rating are, said when a key that answers nothing is pressed."""
    values = [c.value for c in question.choices]
    scale = (
        f"{values[0]} to {values[-1]}"
        if values == list(range(values[0], values[-1] + 1)) and len(values) > 2
        else ", ".join(str(v) for v in values)
    )
    keys = [scale, "n (not applicable)", "s (skip)"] + (["b (back)"] if allow_back else [])
    return f"Type {', '.join(keys[:-1])} or {keys[-1]}, then Enter."


def _hint_on_other_keys(question: questionary.Question, hint: str) -> questionary.Question:
    """A letter or digit that is no choice's key shows ``hint`` above the prompt, where
    questionary would ignore it without a word."""
    extra = KeyBindings()

    @extra.add(Keys.Any)
    def _other(event: Any) -> None:
        pressed = event.key_sequence
        if len(pressed) != 1 or isinstance(pressed[0].key, Keys) or not event.data.isprintable():
            return  # a special key, a terminal's report: nothing to say

        def say() -> None:
            print(f"  {hint}", file=sys.stderr, flush=True)

        run_in_terminal(say)

    app = question.application
    # Added last: among the bindings for any key, this one wins over questionary's.
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), extra])
    return question


def ask_rating(
    question: Question, answers: Answers, *, allow_back: bool, stop: Stopping = NO_STOP
) -> str:
    """The chosen value: a scale point as text, NA, SKIP or BACK."""
    choices = _rating_choices(question, allow_back)
    default = _default(answers, question)
    question_ = questionary.select(
        "Your answer",
        choices=choices,
        default=default,
        use_shortcuts=True,
        use_jk_keys=False,
        style=STYLE,
        instruction="(a number, then Enter" + ("; b goes back)" if allow_back else ")"),
    )
    _hint_on_other_keys(question_, _keys_hint(question, allow_back))
    picked = run_prompt(_with_back(question_) if allow_back else question_, stop=stop)
    return BACK if isinstance(picked, _Back) else str(picked)


def ask_note(previous: str | None, *, keep: Callable[[str], None], stop: Stopping = NO_STOP) -> str:
    """An optional note; Ctrl-D (end of input) on an empty line means no note, as Enter
    does. Stopped (Ctrl-C, a signal), the text typed so far is not lost: ``keep`` has it
    before the stop goes on."""
    question = questionary.text("Evidence:", default=previous or "", style=STYLE)
    typed = question.application.current_buffer
    try:
        text = run_prompt(question, choice=False, stop=stop)
    except EOFError:  # Ctrl-D on an empty line, or a closed terminal: the line as it is
        text = typed.text
    except KeyboardInterrupt:
        note = typed.text.strip()
        if note and note.casefold() != "b":  # b alone means back, not a note
            keep(note)
        raise
    return str(text).strip()


def ask_pitfalls(
    pitfalls: Sequence[Pitfall],
    checked: set[str],
    *,
    allow_back: bool,
    keep: Callable[[set[str]], None],
    stop: Stopping = NO_STOP,
    about: str | None = None,
) -> Any:
    """The ids of the pitfalls ticked, as a set, or a _Back with the ticks so far. Stopped
    before Enter, the ticks on the screen are not lost: ``keep`` has them first. ``about``:
    the person another rater rates (None: the rater themselves)."""
    whom = "you" if about is None else visible(about)
    question = questionary.checkbox(
        f"Which of these apply to {whom} today?",
        choices=[
            questionary.Choice(visible(p.text), value=p.id, checked=p.id in checked)
            for p in pitfalls
        ],
        style=STYLE,
        instruction="(Space ticks, Enter when done" + ("; b goes back)" if allow_back else ")"),
    )
    try:
        picked = run_prompt(_with_back(question) if allow_back else question, stop=stop)
    except (KeyboardInterrupt, EOFError):
        ticked = _ticked(question.application)
        if ticked is not None:
            keep(set(ticked))
        raise
    return picked if isinstance(picked, _Back) else {str(p) for p in picked}


def pick_focus(
    offered: Sequence[tuple[str, str]], most: int, *, stop: Stopping = NO_STOP
) -> list[str]:
    """Up to ``most`` of the ``offered`` (id, what it says) items, ticked; their ids."""
    question = questionary.checkbox(
        f"Pick up to {most} focus items:",
        choices=[questionary.Choice(visible(text), value=ident) for ident, text in offered],
        style=STYLE,
        instruction="(Space ticks, Enter when done)",
        validate=lambda ticked: len(ticked) <= most or f"at most {most}",
    )
    return [str(p) for p in run_prompt(question, stop=stop)]


def ask_resume(summary: str, *, stop: Stopping = NO_STOP) -> bool:
    """Whether to continue an unfinished questionnaire (Enter: yes)."""
    question = questionary.confirm(
        summary,
        default=True,
        style=STYLE,
        auto_enter=False,  # y or n, then Enter: the Enter must not answer the next question
        instruction="(Y/n, then Enter) ",
    )
    return bool(run_prompt(question, stop=stop))


def ask_finish(summary: str, *, stop: Stopping = NO_STOP) -> str:
    question = questionary.select(
        summary,
        choices=[
            questionary.Choice("Show my report", value=FINISH, shortcut_key="r"),
            questionary.Choice("Back to the previous question", value=BACK, shortcut_key="b"),
        ],
        use_shortcuts=True,
        style=STYLE,
        instruction="(Enter for the report)",
    )
    picked = run_prompt(_with_back(question), stop=stop)
    return BACK if isinstance(picked, _Back) else str(picked)


# --- a pulse: only the focus items -------------------------------------------------------------


def pulse(
    q: Questionnaire,
    answers: Answers,
    ids: Sequence[str],
    *,
    console: Console,
    stop: Stopping = NO_STOP,
) -> None:
    """Ask the questions ``ids`` only, each offering its last rating; Ctrl-C or end of input
    raises (KeyboardInterrupt, EOFError): a pulse is short, and nothing is saved until the
    last answer."""
    asked = [question for question in q.questions if question.id in ids]
    for n, question in enumerate(asked, 1):
        console.print()
        _print_header(console, f"{n}/{len(asked)} · {question.area} (focus item)")
        _print_question_text(console, question, about_whom(answers))
        note = answers.notes.get(question.id)
        if note:
            _print_indented(console, Text(f"Logged: {visible(note)}", style="dim"))
        picked = ask_rating(question, answers, allow_back=False, stop=stop)
        _record(answers, question, picked)


# --- the whole questionnaire ----------------------------------------------------------------


def interview(
    q: Questionnaire,
    answers: Answers,
    *,
    evidence: bool,
    console: Console,
    saved: Callable[[], None],
    start: int = 0,
    stop: Stopping = NO_STOP,
) -> None:
    """Ask every question from step ``start`` on (0: the first), filling in ``answers``;
    ``saved`` is called after each answer. Going back can reach the steps before ``start``.

    Raises Stopped (on Ctrl-C or end of input) with ``answers`` holding everything
    answered so far.
    """
    steps = len(q.questions) + (1 if q.pitfalls else 0) + 1  # the last: "show my report"
    i = start
    while i < steps:
        try:
            stop.check()  # a signal between two prompts
            i += _step(
                q, answers, i, steps, evidence=evidence, console=console, saved=saved, stop=stop
            )
        except (KeyboardInterrupt, EOFError):
            raise Stopped(min(i + 1, q.steps)) from None
    if stop.requested:  # after the last answer, before the report
        raise Stopped(q.steps)


def _step(
    q: Questionnaire,
    answers: Answers,
    i: int,
    steps: int,
    *,
    evidence: bool,
    console: Console,
    saved: Callable[[], None],
    stop: Stopping,
) -> int:
    """Ask step ``i``; answer +1 to go on, or -1 to go back."""
    console.print()
    if i < len(q.questions):
        question = q.questions[i]
        _print_question(console, q, i + 1, question, about_whom(answers))
        picked = ask_rating(question, answers, allow_back=i > 0, stop=stop)
        if picked == BACK:
            return -1
        _record(answers, question, picked)
        saved()
        if evidence and picked not in (NA, SKIP):
            _print_indented(
                console,
                Text(
                    "Evidence, if you like: what you did, when, who saw it. Enter to go on; "
                    "b alone goes back to the rating.",
                    style="dim",
                ),
            )
            note = ask_note(
                answers.notes.get(question.id),
                keep=lambda typed: answers.notes.__setitem__(question.id, typed),
                stop=stop,
            )
            if note.casefold() == "b":
                return 0  # this question's rating again
            if note:
                answers.notes[question.id] = note
            else:
                answers.notes.pop(question.id, None)
            saved()
        return 1
    if i < steps - 1:
        _print_header(console, f"{i + 1}/{q.steps} · Common pitfalls")
        ticks = pitfalls_prompt(about_whom(answers))
        _print_indented(console, Text(f"{visible(ticks)} None at all is a fine answer."))
        picked_pitfalls = ask_pitfalls(
            q.pitfalls,
            answers.pitfalls,
            about=about_whom(answers),
            allow_back=i > 0,
            keep=lambda ticked: setattr(answers, "pitfalls", ticked),
            stop=stop,
        )
        if isinstance(picked_pitfalls, _Back):
            answers.pitfalls = set(picked_pitfalls.ticked or ())
            saved()
            return -1
        answers.pitfalls = picked_pitfalls
        saved()
        return 1
    return -1 if ask_finish(_summary(q, answers), stop=stop) == BACK else 1


def _summary(q: Questionnaire, answers: Answers) -> str:
    values = [answers.rating(question.id) for question in q.questions]
    rated = sum(1 for v in values if isinstance(v, int))
    na = sum(1 for v in values if v == NA)
    skipped = len(values) - rated - na
    return f"All done: {rated} rated, {na} not applicable, {skipped} skipped."


def _record(answers: Answers, question: Question, picked: str) -> None:
    if picked == SKIP:
        answers.ratings[question.id] = None
    elif picked == NA:
        answers.ratings[question.id] = NA
    else:
        answers.ratings[question.id] = int(picked)


def _print_header(console: Console, text: str) -> None:
    console.print(Text(visible(text), style="bold"))


def _print_question(
    console: Console, q: Questionnaire, step: int, question: Question, about: str | None
) -> None:
    _print_header(console, f"{step}/{q.steps} · {question.area}")
    _print_question_text(console, question, about)


def _print_question_text(console: Console, question: Question, about: str | None) -> None:
    lines: list[Text] = []
    if question.shift is not None:
        lines.append(Text.assemble(("From  ", "bold"), visible(question.shift.from_)))
        lines.append(Text.assemble(("To    ", "bold"), visible(question.shift.to)))
    else:
        lines.append(Text(visible(question.text)))
    lines.append(Text(visible(question.asked(about)), style="italic"))
    for line in lines:
        _print_indented(console, line)


def _print_indented(console: Console, text: Text) -> None:
    """``text`` under a question's header: indented by two, and so each wrapped line, at
    most PROSE_WIDTH wide (as ``render_text.wrapped`` wraps prose)."""
    width = min(console.width, PROSE_WIDTH) - 2
    for part in text.wrap(console, max(width, 10)):
        console.print(Text("  ") + part)
