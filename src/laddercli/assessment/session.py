"""An assessment's life: started or resumed from a draft, saved after every answer, stopped
with the answers kept, filed among the answers files, scored and kept in the history.

The session holds every rule about drafts; it never prints. It talks to the user only
through an ``Asker`` (the CLI's terminal, or a fake in tests) and returns facts (the small
classes below) that the CLI words.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from laddercli.assessment.raters import DEFAULT_RATER
from laddercli.assessment.stopping import Stopped
from laddercli.errors import LadderError, UsageError

if TYPE_CHECKING:
    from laddercli.assessment.answers import AnswerKeeper, Answers
    from laddercli.assessment.questions import Questionnaire
    from laddercli.assessment.scoring import Result
    from laddercli.roles.catalog import Catalog, PathView

ReadAnswers = Callable[["Path"], "tuple[Questionnaire, Answers]"]
# The evidence logged for a path's questions, as notes: (source, target, rater, ids) ->
# {id: note}; ``history.progress.logged_notes`` (the history depends on assessments).
Logged = Callable[[str, str, str, "list[str]"], dict[str, str]]


@dataclass(frozen=True)
class Request:
    """What the user asked for: the path (or part of it), who answers about whom, and how."""

    source: str | None = None
    target: str | None = None
    rater: str | None = None
    person: str | None = None
    evidence: bool = False
    resume: bool = False
    save: bool = True
    group: str | None = None  # --group: as the answers will say; None to infer it


# --- facts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unreadable:
    """A draft that could not be read: filed away (``kept`` is where it is now)."""

    error: LadderError
    kept: Path


@dataclass(frozen=True)
class Resuming:
    """--resume: the draft is continued from question ``at`` (1-based)."""

    q: Questionnaire
    answers: Answers
    at: int


@dataclass(frozen=True)
class ResumeOffer:
    """A draft on this path to continue or not, from question ``at``; ``started`` is when
    (``YYYY-MM-DD HH:MM``, or empty)."""

    q: Questionnaire
    answers: Answers
    at: int
    started: str


@dataclass(frozen=True)
class SetAside:
    """A draft declined: filed away among the answers files as ``-unfinished-``."""

    kept: Path


@dataclass(frozen=True)
class CannotSave:
    """The draft could not be saved after an answer: the answers are kept in memory (said
    once)."""

    path: Path
    error: str | None


Notice = Unreadable | Resuming | SetAside | CannotSave


@dataclass(frozen=True)
class Started:
    """The questionnaire to ask, from step ``start`` (0: the first), saved to ``draft``."""

    q: Questionnaire
    answers: Answers
    start: int
    draft: Path
    evidence: bool


@dataclass(frozen=True)
class Halted:
    """The questionnaire was stopped at question ``step``. With ``nothing`` no answer was
    given and the new draft is gone; else ``keeper`` has the answers to keep."""

    step: int
    keeper: AnswerKeeper
    nothing: bool


K = TypeVar("K")


@dataclass(frozen=True)
class Finished(Generic[K]):
    """The questionnaire is done: filed (``keeper.path``), scored, and kept: ``kept`` is
    what ``keep`` made of it (the history's ``Kept``: the history depends on assessments,
    so the session is handed the way to keep one rather than importing it)."""

    result: Result
    keeper: AnswerKeeper
    kept: K


class Asker(Protocol):
    """How the session talks to the user."""

    def pick_path(self, catalog: Catalog, source: str | None, target: str | None) -> PathView:
        """The path named, with what it leaves out asked for."""

    def ask_resume(self, offer: ResumeOffer) -> bool:
        """Whether to continue the draft offered."""

    def interview(self, started: Started, saved: Callable[[], None]) -> None:
        """Ask the questions, filling in ``started.answers``; ``saved`` after each answer.
        Raises Stopped with the step it stopped at."""

    def notify(self, notice: Notice) -> None:
        """Tell the user what happened to a draft."""


def read_answers_file(catalog: Catalog, path: Path) -> tuple[Questionnaire, Answers]:
    """A draft or answers file, checked against the roles."""
    from laddercli.assessment.answers import KIND, load_answers
    from laddercli.roles import yamlsafe

    return load_answers(yamlsafe.load_file(path, str(path), KIND), catalog)


class Session:
    """One assessment through its life; see the module's docstring."""

    def __init__(
        self,
        catalog: Catalog,
        asker: Asker,
        read: ReadAnswers | None = None,
        logged: Logged | None = None,
    ) -> None:
        self.catalog = catalog
        self.asker = asker
        self.read: ReadAnswers = read or (lambda path: read_answers_file(catalog, path))
        self.logged = logged  # the evidence logged since the last assessment, as notes

    # --- starting -------------------------------------------------------------------------

    def start(self, request: Request) -> Started:
        """The path, and the answers to start from: a draft's to continue, or none."""
        from datetime import datetime

        from laddercli.assessment import drafts
        from laddercli.assessment.answers import Answers, first_unanswered
        from laddercli.assessment.questions import build_questionnaire
        from laddercli.assessment.raters import rater_name

        source, target, rater = request.source, request.target, request.rater
        person = request.person and request.person.strip()
        latest = None
        if request.resume and target is None and source is None:
            latest = drafts.latest_draft()
            if latest is None:
                raise UsageError(
                    "there is no unfinished questionnaire to resume; start one with ladder assess"
                )
            q, answers = self.read(latest)
            source, target = q.source.id, q.target.id
            rater, person = rater or answers.rater, person or answers.person
        rater = rater_name(rater or DEFAULT_RATER)
        q = build_questionnaire(self.asker.pick_path(self.catalog, source, target))
        who = (q.source.id, q.target.id, rater, person)
        found = latest if latest and drafts.belongs(latest, *who) else drafts.find_draft(*who)
        if found is not None:
            resumed = self._resume(q, found, request.resume)
            if resumed is not None:
                start = first_unanswered(q, resumed)
                return Started(q, resumed, start, found, request.evidence or bool(resumed.notes))
        elif request.resume:
            about = f", about {person}" if person else ""
            raise UsageError(
                f"there is no unfinished questionnaire for {q.source.id} → {q.target.id} "
                f"(rater {rater}{about}) to resume; start one with ladder assess {q.target.id}"
            )
        now = datetime.now().astimezone()
        check_group(q, request.group, rater)
        answers = Answers(
            q.source.id,
            q.target.id,
            rater=rater,
            group=request.group,
            person=person or None,
            date=now.isoformat("T", "seconds"),
            digest=q.digest,  # answered against today's roles, as the draft records
        )
        if self.logged is not None:  # offered as the notes, which are then asked for
            answers.notes.update(self.logged(q.source.id, q.target.id, rater, q.ids()))
        evidence = request.evidence or bool(answers.notes)
        return Started(q, answers, 0, drafts.new_draft_path(*who), evidence)

    def _resume(self, q: Questionnaire, draft: Path, resume: bool) -> Answers | None:
        """The draft's answers, if the user continues it; else the draft is filed away."""
        from laddercli.assessment.answers import first_unanswered

        try:
            _, answers = self.read(draft)
        except LadderError as exc:
            self.asker.notify(Unreadable(exc, file_away(draft)))
            return None
        at = min(first_unanswered(q, answers) + 1, q.steps)
        if resume:
            self.asker.notify(Resuming(q, answers, at))
            return answers
        started = (answers.date or "")[:16].replace("T", " ")
        if self.asker.ask_resume(ResumeOffer(q, answers, at, started)):
            return answers
        self.asker.notify(SetAside(file_away(draft)))
        return None

    # --- answering ------------------------------------------------------------------------

    def answer(self, started: Started) -> AnswerKeeper | Halted:
        """Ask the questions, saving the draft after every answer (when it cannot be
        saved, the answers stay in memory and the user is told once)."""
        from laddercli.assessment.answers import AnswerKeeper

        keeper = AnswerKeeper(started.draft, started.q, started.answers)
        warned = False

        def saved() -> None:
            nonlocal warned
            if not keeper.save() and not warned:
                warned = True
                self.asker.notify(CannotSave(keeper.path, keeper.error))

        try:
            self.asker.interview(started, saved)
        except Stopped as stop:
            answers = started.answers
            if not answers.ratings and not answers.pitfalls and started.start == 0:
                with contextlib.suppress(OSError):
                    started.draft.unlink()
                return Halted(stop.step, keeper, nothing=True)
            return Halted(stop.step, keeper, nothing=False)
        return keeper

    # --- finishing ------------------------------------------------------------------------

    def finish(self, keeper: AnswerKeeper, *, keep: Callable[[Result], K]) -> Finished[K]:
        """File the draft among the answers files, score it, and ``keep`` it (in the
        history: ``history.keeping.keeping(save=...)``)."""
        from datetime import datetime

        from laddercli.assessment import drafts
        from laddercli.assessment.scoring import score

        answers = keeper.answers
        keeper.keep()
        when = datetime.fromisoformat(answers.date) if answers.date else datetime.now()
        name = drafts.answers_name(
            answers.source, answers.target, answers.rater, answers.person, when
        )
        with contextlib.suppress(OSError):
            if keeper.path.exists() and keeper.path.parent == drafts.drafts_dir():
                keeper.path = drafts.file_away(keeper.path, name)
        result = score(keeper.q, answers)
        return Finished(result, keeper, keep(result))


def file_away(draft: Path) -> Path:
    """Move a draft among the answers files as ``-unfinished-``; where it is now (or still
    is)."""
    from datetime import datetime

    from laddercli.assessment import drafts

    try:
        when = datetime.fromtimestamp(draft.stat().st_mtime)
        return drafts.file_away(draft, drafts.unfinished_name(draft, when))
    except OSError:
        return draft


def check_group(q: Questionnaire, group: str | None, rater: str) -> None:
    """Refuse a --group the path does not know, or one that does not go with the rater."""
    from laddercli.assessment.answers import group_problem
    from laddercli.assessment.groups import group_rules

    problem = (
        None if group is None else group_problem(group, group_rules(q.assessment.groups), rater)
    )
    if problem is not None:
        raise UsageError(f"--group {problem}")
