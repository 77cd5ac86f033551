"""The assess session without Typer: drafts started, resumed, set aside and filed away,
saving after each answer, stopping, and keeping in the history, driven by a fake Asker."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from laddercli.assessment import drafts, session
from laddercli.assessment.answers import AnswerKeeper
from laddercli.assessment.questions import find_path
from laddercli.assessment.session import (
    CannotSave,
    Finished,
    Halted,
    Notice,
    Request,
    ResumeOffer,
    Resuming,
    Session,
    SetAside,
    Started,
    Unreadable,
)
from laddercli.assessment.stopping import Stopped, Stopping
from laddercli.errors import UsageError
from laddercli.history.keeping import keeping
from laddercli.roles.catalog import Catalog, PathView, load_catalog


class FakeAsker:
    """Answers every question 3 (or stops after ``stop_after`` answers); says yes or no to
    a draft; keeps what it was told."""

    def __init__(self, *, resume: bool = True, stop_after: int | None = None) -> None:
        self.resume = resume
        self.stop_after = stop_after
        self.notices: list[Notice] = []
        self.offers: list[ResumeOffer] = []

    def pick_path(self, catalog: Catalog, source: str | None, target: str | None) -> PathView:
        return find_path(catalog, catalog.get(source or "vp"), catalog.get(target or "cto"))

    def ask_resume(self, offer: ResumeOffer) -> bool:
        self.offers.append(offer)
        return self.resume

    def interview(self, started: Started, saved: Callable[[], None]) -> None:
        for i, question in enumerate(started.q.questions[started.start :], started.start):
            if self.stop_after is not None and i >= self.stop_after:
                raise Stopped(i + 1)
            started.answers.ratings[question.id] = 3
            saved()

    def notify(self, notice: Notice) -> None:
        self.notices.append(notice)


@pytest.fixture
def catalog() -> Catalog:
    return load_catalog([])


def run(catalog: Catalog, asker: FakeAsker, **request: object) -> AnswerKeeper | Halted:
    s = Session(catalog, asker)
    return s.answer(s.start(Request(**request)))  # type: ignore[arg-type]


def test_a_new_questionnaire_is_saved_as_a_draft_after_every_answer(catalog: Catalog) -> None:
    keeper = run(catalog, FakeAsker(), target="cto")
    assert isinstance(keeper, AnswerKeeper)
    assert keeper.path.parent == drafts.drafts_dir() and keeper.path.exists()
    assert keeper.answers.count_answered() == len(keeper.q.questions)


def test_stopped_keeps_the_answers_given_in_the_draft(catalog: Catalog) -> None:
    halted = run(catalog, FakeAsker(stop_after=4), target="cto")
    assert isinstance(halted, Halted) and not halted.nothing
    assert halted.step == 5 and halted.keeper.answers.count_answered() == 4
    assert drafts.find_draft("vp", "cto", "self") == halted.keeper.path


def test_stopped_before_the_first_answer_keeps_nothing(catalog: Catalog) -> None:
    halted = run(catalog, FakeAsker(stop_after=0), target="cto")
    assert isinstance(halted, Halted) and halted.nothing
    assert drafts.find_draft("vp", "cto", "self") is None


def test_a_draft_is_offered_and_continued_from_the_first_unanswered(catalog: Catalog) -> None:
    run(catalog, FakeAsker(stop_after=4), target="cto")
    asker = FakeAsker()
    s = Session(catalog, asker)
    started = s.start(Request(target="cto"))
    assert [offer.at for offer in asker.offers] == [5]
    assert started.start == 4 and started.answers.count_answered() == 4


def test_resume_continues_without_asking(catalog: Catalog) -> None:
    run(catalog, FakeAsker(stop_after=2), target="cto")
    asker = FakeAsker()
    started = Session(catalog, asker).start(Request(resume=True))  # the latest draft
    assert asker.offers == [] and started.start == 2
    assert [type(n) for n in asker.notices] == [Resuming]


def test_resume_without_a_draft_is_refused(catalog: Catalog) -> None:
    with pytest.raises(UsageError, match="no unfinished questionnaire to resume"):
        Session(catalog, FakeAsker()).start(Request(resume=True))
    with pytest.raises(UsageError, match="no unfinished questionnaire for vp → cto"):
        Session(catalog, FakeAsker()).start(Request(target="cto", resume=True))


def test_a_declined_draft_is_set_aside_as_unfinished(catalog: Catalog) -> None:
    first = run(catalog, FakeAsker(stop_after=3), target="cto")
    assert isinstance(first, Halted)
    asker = FakeAsker(resume=False)
    started = Session(catalog, asker).start(Request(target="cto"))
    assert started.start == 0 and not started.answers.ratings
    (aside,) = asker.notices
    assert isinstance(aside, SetAside) and "-unfinished-" in aside.kept.name
    assert aside.kept.exists() and not first.keeper.path.exists()


def test_an_unreadable_draft_is_filed_away_and_a_new_one_started(catalog: Catalog) -> None:
    draft = drafts.new_draft_path("vp", "cto", "self")
    draft.parent.mkdir(parents=True, exist_ok=True)
    draft.write_text("from: [\n", encoding="utf-8")
    asker = FakeAsker()
    started = Session(catalog, asker).start(Request(target="cto"))
    (unreadable,) = asker.notices
    assert isinstance(unreadable, Unreadable) and unreadable.kept.exists()
    assert started.start == 0 and started.draft != unreadable.kept


def test_a_draft_that_cannot_be_saved_is_said_once(catalog: Catalog, tmp_path: Path) -> None:
    asker = FakeAsker()
    s = Session(catalog, asker)
    started = s.start(Request(target="cto"))
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    gone = Started(started.q, started.answers, 0, blocked / "draft.yaml", False)
    keeper = s.answer(gone)
    assert isinstance(keeper, AnswerKeeper)
    assert [type(n) for n in asker.notices] == [CannotSave]


def test_finishing_files_the_draft_scores_and_keeps_it_once(catalog: Catalog) -> None:
    s = Session(catalog, FakeAsker())
    keeper = s.answer(s.start(Request(target="cto")))
    assert isinstance(keeper, AnswerKeeper)
    finished = s.finish(keeper, keep=keeping(save=True))
    assert isinstance(finished, Finished)
    assert keeper.path.parent != drafts.drafts_dir() and keeper.path.exists()
    assert finished.kept.id == 1 and (finished.result.readiness or 0) > 0
    again = s.finish(keeper, keep=keeping(save=True))  # the very same answers: not kept twice
    assert again.kept.id is None and again.kept.same_as == 1


def test_finishing_without_saving_keeps_nothing_in_the_history(catalog: Catalog) -> None:
    s = Session(catalog, FakeAsker())
    keeper = s.answer(s.start(Request(target="cto")))
    assert isinstance(keeper, AnswerKeeper)
    kept = s.finish(keeper, keep=keeping(save=False)).kept
    assert (kept.id, kept.same_as, kept.error) == (None, None, None)


def test_a_stop_signal_asks_the_prompts_to_stop_while_they_run() -> None:
    stopping = Stopping()
    asked: list[bool] = []

    def stop_prompt() -> bool:
        asked.append(True)
        return True

    assert not stopping.request()  # no questionnaire: the caller stops as it can
    with stopping.at_prompts(stop_prompt):
        assert stopping.request()
        with pytest.raises(KeyboardInterrupt):
            stopping.check()
    assert asked == [True]


def test_file_away_names_a_draft_unfinished() -> None:
    draft = drafts.new_draft_path("vp", "cto", "self")
    draft.parent.mkdir(parents=True, exist_ok=True)
    draft.write_text("from: vp\n", encoding="utf-8")
    kept = session.file_away(draft)
    assert "-unfinished-" in kept.name and kept.exists() and not draft.exists()


def test_evidence_logged_since_the_last_assessment_is_offered_as_the_notes(
    catalog: Catalog,
) -> None:
    """Issue 16: the next questionnaire offers what was logged under each question as its
    note, and asks for notes (evidence mode) so that it is seen and can be changed."""
    from laddercli.history.progress import logged_notes
    from laddercli.history.store import Store, database_path

    with Store.open(database_path()) as db:
        db.log_evidence("internal-to-external", "2026-11-28", "Spoke at a meetup")
        db.log_evidence("internal-to-external", "2026-11-30", "Wrote a post")
        db.log_evidence("speak-at-conferences", "2026-11-29", "Gave a talk")
    started = Session(catalog, FakeAsker(), logged=logged_notes).start(Request(target="cto"))
    assert started.evidence
    assert started.answers.notes == {
        "internal-to-external": "2026-11-28: Spoke at a meetup; 2026-11-30: Wrote a post",
        "speak-at-conferences": "2026-11-29: Gave a talk",
    }
    plain = Session(catalog, FakeAsker()).start(Request(target="cto", rater="manager"))
    assert (plain.evidence, plain.answers.notes) == (False, {})
