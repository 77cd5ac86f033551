"""The interactive questionnaire: the one module that talks to questionary.

The rest of laddercli never imports questionary or prompt_toolkit (they cost about 85 ms
at start-up, and only ``ladder assess`` needs them). Every prompt here uses
``unsafe_ask``, so that Ctrl-C raises ``KeyboardInterrupt`` instead of answering None;
the caller keeps what was answered and ends the run. End of input (a closed terminal)
raises ``EOFError`` and is treated the same way.

Questions are shown on standard error, like the prompts themselves when standard output
is redirected, so that ``ladder assess -f json > report.json`` writes only the report.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import questionary
from prompt_toolkit.application import create_app_session
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.output import create_output
from rich.console import Console
from rich.text import Text

from laddercli.answers import NA, Answers
from laddercli.model import Pitfall, Role
from laddercli.questions import Question, Questionnaire
from laddercli.render_text import wrapped

BACK = "back"
SKIP = "skip"
FINISH = "finish"
STYLE = questionary.Style([("qmark", "bold"), ("question", "bold"), ("answer", "bold")])


def stdin_is_terminal() -> bool:
    """Whether the questionnaire can be asked. Tests that drive it replace this."""
    return sys.stdin.isatty()


@contextlib.contextmanager
def session() -> Iterator[None]:
    """Prompts go to standard error when standard output is redirected to a file."""
    if not sys.stdout.isatty() and sys.stderr.isatty():
        with create_app_session(output=create_output(stdout=sys.stderr)):
            yield
    else:
        yield


def _ask(question: questionary.Question) -> Any:
    answer = question.unsafe_ask()
    if answer is None:  # pragma: no cover - unsafe_ask raises instead
        raise KeyboardInterrupt
    return answer


def choose_role(message: str, roles: Sequence[Role], *, detail: Callable[[Role], str]) -> Role:
    choices = [questionary.Choice(f"{r.title} ({detail(r)})", value=r.id) for r in roles]
    chosen = _ask(questionary.select(message, choices=choices, style=STYLE, qmark="?"))
    return next(r for r in roles if r.id == chosen)


# --- one question -----------------------------------------------------------------------------


def _rating_choices(question: Question, allow_back: bool) -> list[questionary.Choice]:
    choices = [
        questionary.Choice(c.title, value=str(c.value), shortcut_key=str(c.value))
        for c in question.choices
    ]
    choices += [
        questionary.Choice("Not applicable: left out of the score", value=NA, shortcut_key="n"),
        questionary.Choice("Skip for now", value=SKIP, shortcut_key="s"),
    ]
    if allow_back:
        choices.append(
            questionary.Choice("Back to the previous question", value=BACK, shortcut_key="b")
        )
    return choices


def _default(answers: Answers, question: Question) -> str | None:
    rating = answers.rating(question.id)
    if rating is None:
        return SKIP if question.id in answers.ratings else None
    return str(rating)


def ask_rating(question: Question, answers: Answers, *, allow_back: bool) -> str:
    """The chosen value: a scale point as text, NA, SKIP or BACK."""
    choices = _rating_choices(question, allow_back)
    default = _default(answers, question)
    picked = _ask(
        questionary.select(
            "Your answer",
            choices=choices,
            default=default,
            use_shortcuts=True,
            use_jk_keys=False,
            style=STYLE,
            instruction="(a number, then Enter)",
        )
    )
    return str(picked)


def ask_note(previous: str | None) -> str:
    text = _ask(
        questionary.text(
            "Evidence (optional: what you did, when, who saw it; Enter to skip)",
            default=previous or "",
            style=STYLE,
        )
    )
    return str(text).strip()


def ask_pitfalls(
    pitfalls: Sequence[Pitfall], checked: set[str], *, allow_back: bool
) -> set[str] | None:
    """The ids of the pitfalls ticked; None to go back."""
    question = questionary.checkbox(
        "Which of these apply to you today?",
        choices=[questionary.Choice(p.text, value=p.id, checked=p.id in checked) for p in pitfalls],
        style=STYLE,
        instruction="(Space ticks, Enter when done" + (", b goes back)" if allow_back else ")"),
    )
    if allow_back:
        extra = KeyBindings()

        @extra.add("b", eager=True)
        def _back(event: Any) -> None:
            event.app.exit(result=BACK)

        app = question.application
        app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), extra])
    picked = _ask(question)
    return None if picked == BACK else {str(p) for p in picked}


def ask_finish(summary: str) -> str:
    return str(
        _ask(
            questionary.select(
                summary,
                choices=[
                    questionary.Choice("Show my report", value=FINISH, shortcut_key="r"),
                    questionary.Choice(
                        "Back to the previous question", value=BACK, shortcut_key="b"
                    ),
                ],
                use_shortcuts=True,
                style=STYLE,
            )
        )
    )


# --- the whole questionnaire ----------------------------------------------------------------


def interview(
    q: Questionnaire,
    answers: Answers,
    *,
    evidence: bool,
    console: Console,
    saved: Callable[[], None],
) -> None:
    """Ask every question, filling in ``answers``; ``saved`` is called after each answer.

    Raises KeyboardInterrupt (Ctrl-C) or EOFError (end of input) with ``answers`` holding
    everything answered so far.
    """
    steps = len(q.questions) + (1 if q.pitfalls else 0) + 1  # the last: "show my report"
    i = 0
    while i < steps:
        console.print()
        if i < len(q.questions):
            question = q.questions[i]
            _print_question(console, q, i + 1, question)
            picked = ask_rating(question, answers, allow_back=i > 0)
            if picked == BACK:
                i -= 1
                continue
            _record(answers, question, picked)
            if evidence and picked not in (NA, SKIP):
                note = ask_note(answers.notes.get(question.id))
                if note:
                    answers.notes[question.id] = note
                else:
                    answers.notes.pop(question.id, None)
            saved()
        elif i < steps - 1:
            _print_header(console, f"{i + 1}/{q.steps} · Common pitfalls")
            console.print("  Tick those that apply to you today; none at all is a fine answer.")
            picked_pitfalls = ask_pitfalls(q.pitfalls, answers.pitfalls, allow_back=i > 0)
            if picked_pitfalls is None:
                i -= 1
                continue
            answers.pitfalls = picked_pitfalls
            saved()
        elif ask_finish(_summary(q, answers)) == BACK:
            i -= 1
            continue
        i += 1


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
    console.print(Text(text, style="bold"))


def _print_question(console: Console, q: Questionnaire, step: int, question: Question) -> None:
    _print_header(console, f"{step}/{q.steps} · {question.area}")
    lines: list[Text] = []
    if question.shift is not None:
        lines.append(Text.assemble(("From  ", "bold"), question.shift.from_))
        lines.append(Text.assemble(("To    ", "bold"), question.shift.to))
    else:
        lines.append(Text(question.text))
    lines.append(Text(question.prompt, style="italic"))
    for line in lines:
        for part in wrapped(line, console, 2):
            console.print(part)
