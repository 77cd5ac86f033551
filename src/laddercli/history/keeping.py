"""Keeping a scored assessment in the history: saved once (the very same answers are not
kept twice, checked in the transaction that saves them; answers of the very same date, path,
rater and person, edited since, replace the assessment they were saved as: a correction is
not progress), with the assessment before it for the report's "since" column. What became
of it is a fact (``Kept``) that the CLI words."""

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
    replaced: int | None = None  # saved in place of the one it was saved as before (edited)
    since: Since | None = None
    error: LadderError | None = None


def keep_in_history(result: Result, *, save: bool = True, pulse_of: int | None = None) -> Kept:
    """Save a finished assessment (unless ``save`` is false), noting the one before it;
    with ``pulse_of`` (a plan's id), as a pulse of that plan."""
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
            # only answers that carry their own date were saved as an assessment of that date
            # before: an undated file is dated now, as another run in the same second is
            ident, outcome = db.keep(
                progress.record(result, data, date),
                replace=answers.date is not None,
                pulse_of=pulse_of,
            )
            if outcome == "saved":
                kept.id = ident
            elif outcome == "same":
                kept.same_as = ident
            else:
                kept.replaced = ident
            kept.since = progress.since(db.previous(db.get(ident)))
    except LadderError as exc:
        kept.error = exc
    return kept


def keeping(*, save: bool) -> Callable[[Result], Kept]:
    """How a session keeps what it finished: in the history, unless ``save`` is false."""
    return lambda result: keep_in_history(result, save=save)
