"""Keeping a scored assessment in the history: saved once (the very same answers are not
kept twice, checked in the transaction that saves them), with the assessment before it for
the report's "since" column. What became of it is a fact (``Kept``) that the CLI words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from laddercli.errors import LadderError

if TYPE_CHECKING:
    from collections.abc import Callable

    from laddercli.assessment.scoring import Result
    from laddercli.history.progress import Since


@dataclass
class Kept:
    """What became of saving an assessment in the history: its id and the assessment
    before it, or the error that kept it out (said after the report, with an exit code)."""

    id: int | None = None
    same_as: int | None = None  # already saved, with the very same answers
    since: Since | None = None
    error: LadderError | None = None


def keep_in_history(result: Result, *, save: bool = True) -> Kept:
    """Save a finished assessment (unless ``save`` is false), noting the one before it."""
    kept = Kept()
    if not save:
        return kept
    from datetime import datetime

    from laddercli.assessment.answers import answers_data
    from laddercli.history import progress, store

    q, answers = result.questionnaire, result.answers
    data = answers_data(q, answers)
    date = answers.date or datetime.now().astimezone().isoformat("T", "seconds")
    try:
        with store.Store.open(store.database_path(), timeout=store.BUSY_TIMEOUT) as db:
            ident, new = db.save_unless_kept(progress.record(result, data, date))
            if new:
                kept.id = ident
            else:
                kept.same_as = ident
            kept.since = progress.since(db.previous(db.get(ident)))
    except LadderError as exc:
        kept.error = exc
    return kept


def keeping(*, save: bool) -> Callable[[Result], Kept]:
    """How a session keeps what it finished: in the history, unless ``save`` is false."""
    return lambda result: keep_in_history(result, save=save)
