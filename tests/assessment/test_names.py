"""Names from every alphabet, and long ones: each rater and person keeps a draft and an
answers file of their own, whatever the script or the length of the name."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from prompt_toolkit.input import PipeInput

from laddercli.assessment import drafts
from tests.helpers import CTO_IDS, CTRL_C, ENTER, flat, rate

Ladder = Callable[..., Any]

ALL_2 = rate(*[2] * 21) + ENTER + ENTER  # every question 2, no pitfall, the report


def home(tmp_path: Path) -> Path:
    return tmp_path / "ladder-home"


def drafts_of(tmp_path: Path) -> list[Path]:
    return sorted((home(tmp_path) / "drafts").glob("*.yaml"))


def filed(tmp_path: Path) -> list[Path]:
    return sorted((home(tmp_path) / "answers").glob("*.yaml"))


def read(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def ratings(path: Path) -> list[Any]:
    answers = read(path)["answers"]
    return [a["rating"] if isinstance(a, dict) else a for a in map(answers.get, CTO_IDS)]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Answers that cannot be saved in the data folder go to the current folder."""
    monkeypatch.chdir(tmp_path)


# --- through the questionnaire --------------------------------------------------------------


def test_chinese_names_keep_drafts_of_their_own(
    ladder: Ladder, keys: PipeInput, tmp_path: Path
) -> None:
    """王芳 does not continue 李雷's answers, and her rating is filed under her name."""
    keys.send_text(rate(1) + CTRL_C)
    assert ladder("assess", "cto", "--person", "李雷").exit_code == 130
    keys.send_text(rate(3) + CTRL_C)  # no offer to continue: 王芳 has no draft yet
    wang = ladder("assess", "cto", "--person", "王芳")
    assert wang.exit_code == 130
    assert "unfinished" not in wang.stderr
    assert "To continue where you stopped: ladder assess cto --resume --person '王芳'" in flat(
        wang.stderr
    )
    by_person = {read(p)["person"]: p for p in drafts_of(tmp_path)}
    assert sorted(by_person) == ["李雷", "王芳"]
    assert "李雷" in by_person["李雷"].name and "王芳" in by_person["王芳"].name
    assert ratings(by_person["王芳"])[0] == 3 and ratings(by_person["李雷"])[0] == 1

    keys.send_text(rate(*[2] * 20) + ENTER + ENTER)
    resumed = ladder("assess", "cto", "--person", "王芳", "--resume", "-f", "json")
    assert resumed.exit_code == 0, resumed.output
    assert "from question 2 of 22" in flat(resumed.stderr)
    (done,) = filed(tmp_path)
    assert read(done)["person"] == "王芳" and ratings(done) == [3] + [2] * 20
    assert done.name.startswith("vp-cto-self-王芳-")
    # 李雷's draft is untouched, and the offer to continue it names him.
    assert drafts_of(tmp_path) == [by_person["李雷"]]
    keys.send_text(ENTER + CTRL_C)
    again = ladder("assess", "cto", "--person", "李雷")
    assert "about 李雷" in flat(again.stderr)
    assert "it goes on at question 2" in flat(again.stderr)


@pytest.mark.parametrize(
    "names",
    [
        ("Ирина Петрова", "Ирина Иванова"),  # Cyrillic
        ("سارة", "ليلى"),  # Arabic
        ("שרה", "רחל"),  # Hebrew
        ("Dana Lee", "Dana-Lee"),  # the same ASCII letters
        ("😀", "🙂"),  # no letters at all
    ],
)
def test_two_names_never_share_a_draft(
    ladder: Ladder, keys: PipeInput, tmp_path: Path, names: tuple[str, str]
) -> None:
    for rating, person in enumerate(names, start=1):
        keys.send_text(rate(rating) + CTRL_C)
        result = ladder("assess", "cto", "--rater", "manager", "--person", person)
        assert result.exit_code == 130, result.output
        assert "unfinished" not in result.stderr
    kept = {read(p)["person"]: ratings(p)[0] for p in drafts_of(tmp_path)}
    assert kept == {names[0]: 1, names[1]: 2}


def test_the_same_name_in_another_case_or_form_is_the_same_person(
    ladder: Ladder, keys: PipeInput, tmp_path: Path
) -> None:
    keys.send_text(rate(1) + CTRL_C)
    assert ladder("assess", "cto", "--person", "ÉMILE Ｄｕｐｏｎｔ").exit_code == 130
    keys.send_text(CTRL_C)
    again = ladder("assess", "cto", "--person", "e\u0301mile dupont", "--resume")
    assert "Continuing your questionnaire" in again.stderr
    assert len(drafts_of(tmp_path)) == 1


@pytest.mark.parametrize(
    ("option", "name"),
    [("--person", "x" * 300), ("--rater", "王" * 100), ("--person", "Ünïcødé-" * 40)],
    ids=["300 ASCII characters", "300 bytes of Chinese", "320 characters, 480 bytes"],
)
def test_a_long_name_completes_and_keeps_every_answer(
    ladder: Ladder, keys: PipeInput, tmp_path: Path, option: str, name: str
) -> None:
    keys.send_text(ALL_2)
    result = ladder("assess", "cto", option, name, "-f", "json")
    assert result.exit_code == 0, result.output
    assert "internal error" not in result.output
    assert json.loads(result.stdout)["readiness"] == 66.7
    assert drafts_of(tmp_path) == []
    (done,) = filed(tmp_path)
    assert ratings(done) == [2] * 21
    assert read(done)["person" if option == "--person" else "rater"] == name
    assert len(done.name.encode()) < 200
    slug = drafts.slug(name)
    assert slug and slug in done.name
    assert f"Your answers are in: {done.relative_to(tmp_path)}" in flat(result.stderr)
    assert "Saved in your history as assessment #1." in result.stderr


def test_a_long_name_stopped_and_resumed(ladder: Ladder, keys: PipeInput, tmp_path: Path) -> None:
    name = "Ω" * 300
    keys.send_text(rate(4) + CTRL_C)
    stopped = ladder("assess", "cto", "--rater", name)
    assert stopped.exit_code == 130, stopped.output
    (draft,) = drafts_of(tmp_path)
    assert read(draft)["rater"] == name
    keys.send_text(rate(*[2] * 20) + ENTER + ENTER)
    resumed = ladder("assess", "cto", "--rater", name, "--resume", "--no-save")
    assert resumed.exit_code == 0, resumed.output
    (done,) = filed(tmp_path)
    assert ratings(done) == [4] + [2] * 20


def test_the_answers_file_names_the_person(ladder: Ladder, keys: PipeInput, tmp_path: Path) -> None:
    """A CEO rating two VPs gets two files told apart by more than the time."""
    for person in ("Dana Lee", "Sam Roe"):
        keys.send_text(ALL_2)
        result = ladder("assess", "cto", "--rater", "CEO", "--person", person, "--no-save")
        assert result.exit_code == 0, result.output
    names = [p.name for p in filed(tmp_path)]
    for name, who in zip(names, ("dana-lee", "sam-roe"), strict=True):
        assert name.startswith(f"vp-cto-ceo-{who}-"), names


# --- drafts written under the names of earlier versions --------------------------------------


def old_draft(tmp_path: Path, name: str, person: str, first: int, rater: str = "manager") -> Path:
    """A draft as earlier versions wrote it, with the first question answered."""
    folder = home(tmp_path) / "drafts"
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["from: vp", "to: cto", f"rater: {rater}", f"person: {person}", "answers:"]
    lines += [f"  {qid}: {first if i == 0 else 'null'}" for i, qid in enumerate(CTO_IDS)]
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_draft_under_its_old_name_is_still_offered_and_resumed(
    ladder: Ladder, keys: PipeInput, tmp_path: Path
) -> None:
    old = old_draft(tmp_path, "vp-cto-manager-dana-lee.yaml", "Dana Lee", 3)
    who = ("--rater", "manager", "--person", "Dana Lee")
    keys.send_text(ENTER + CTRL_C)  # yes, continue it; then stop
    offered = ladder("assess", "cto", *who)
    assert offered.exit_code == 130
    assert "You have an unfinished questionnaire" in flat(offered.stderr)
    assert ": 1 answer given; it goes on at question 2 of 22." in flat(offered.stderr)
    keys.send_text(rate(*[2] * 20) + ENTER + ENTER)
    resumed = ladder("assess", "cto", *who, "--resume", "--no-save")
    assert resumed.exit_code == 0, resumed.output
    assert not old.exists()
    (done,) = filed(tmp_path)
    assert ratings(done) == [3] + [2] * 20
    assert done.name.startswith("vp-cto-manager-dana-lee-")


def test_an_old_draft_of_someone_else_is_not_continued(
    ladder: Ladder, keys: PipeInput, tmp_path: Path
) -> None:
    """Earlier versions named every Chinese name's draft alike: 李雷's is not 王芳's."""
    old = old_draft(tmp_path, "vp-cto-manager-rater.yaml", "李雷", 1)
    keys.send_text(rate(3) + CTRL_C)
    wang = ladder("assess", "cto", "--rater", "manager", "--person", "王芳")
    assert wang.exit_code == 130
    assert "unfinished" not in wang.stderr
    assert ratings(old)[0] == 1 and read(old)["person"] == "李雷"
    keys.send_text(CTRL_C)
    li = ladder("assess", "cto", "--rater", "manager", "--person", "李雷", "--resume")
    assert (
        "Continuing your questionnaire for VP of Engineering → CTO (rater manager), about 李雷, "
        "from question 2 of 22." in flat(li.stderr)
    )


def test_resume_alone_continues_an_old_draft(
    ladder: Ladder, keys: PipeInput, tmp_path: Path
) -> None:
    old = old_draft(tmp_path, "vp-cto-manager-rater.yaml", "李雷", 1)
    keys.send_text(rate(*[2] * 20) + ENTER + ENTER)
    resumed = ladder("assess", "--resume", "--no-save")
    assert resumed.exit_code == 0, resumed.output
    assert not old.exists()
    (done,) = filed(tmp_path)
    assert (read(done)["person"], ratings(done)) == ("李雷", [1] + [2] * 20)


# --- filing a finished questionnaire --------------------------------------------------------


def test_answers_that_cannot_be_filed_stay_in_the_draft(
    ladder: Ladder, keys: PipeInput, tmp_path: Path
) -> None:
    home(tmp_path).mkdir()
    (home(tmp_path) / "answers").write_text("a file where the answers folder should be")
    keys.send_text(ALL_2)
    result = ladder("assess", "cto", "--person", "Dana Lee", "-f", "json", "--no-save")
    assert result.exit_code == 0, result.output
    assert "internal error" not in result.output
    (draft,) = drafts_of(tmp_path)
    assert ratings(draft) == [2] * 21
    assert f"Your answers are in: {draft.relative_to(tmp_path)}" in flat(result.stderr)


# --- the names themselves -------------------------------------------------------------------


def test_slugs_are_readable_in_every_script() -> None:
    assert drafts.slug("Dana Lee") == "dana-lee"
    assert drafts.slug("王芳") == "王芳"
    assert drafts.slug("Ирина Петрова") == "ирина-петрова"
    assert drafts.slug("प्रिया शर्मा") == "प्रिया-शर्मा"  # combining vowel signs stay
    assert drafts.slug("../../etc/passwd") == "etc-passwd"
    assert drafts.slug("a\x1b[2Jb\u202ec") == "a-2jb-c"
    assert drafts.slug("😀") == ""
    assert len(drafts.slug("王" * 300).encode()) <= drafts.SLUG_BYTES


def test_draft_names_are_one_per_person_and_short() -> None:
    names = [
        "Dana Lee",
        "Dana-Lee",
        "dana_lee",
        "Dana  Lee",
        "王芳",
        "李雷",
        "x" * 300,
        "x" * 301,
        "王" * 300 + "a",
        "王" * 300 + "b",
        "",
    ]
    paths = {drafts.draft_path("vp", "cto", "manager", n).name for n in names}
    assert len(paths) == len(names)
    assert drafts.draft_path("vp", "cto", "self").name == "vp-cto-self.yaml"
    assert drafts.draft_path("vp", "cto", "Self", "  ").name == "vp-cto-self.yaml"
    same = {drafts.draft_path("vp", "cto", "MANAGER", n).name for n in ("Dana Lee", "dana lee")}
    assert same == {drafts.draft_path("vp", "cto", "manager", "DANA LEE").name}
    # Rater and person are told apart, whatever hyphens they hold.
    assert drafts.draft_path("vp", "cto", "peer-1", None) != drafts.draft_path(
        "vp", "cto", "peer", "1"
    )
    longest = drafts.draft_path("a" * 64, "b" * 64, "王" * 300, "Ω" * 300).name
    unfinished = drafts.unfinished_name(Path(longest), datetime(2026, 12, 1))
    answers = drafts.answers_name("a" * 64, "b" * 64, "王" * 300, "Ω" * 300, datetime.now())
    for name in (longest, unfinished, answers):
        # + "-99" for a name taken, and the temporary file of an atomic write
        assert len(f".{name}-99.abcdefgh.tmp".encode()) < 230, name


def test_a_taken_name_is_not_reused(tmp_path: Path) -> None:
    """A file at the draft's name that belongs to another path, rater or person is left be."""
    mine = drafts.draft_path("vp", "cto", "manager", "Dana Lee")
    mine.parent.mkdir(parents=True)
    mine.write_text("from: vp\nto: cto\nrater: manager\nperson: Sam Roe\nanswers: {}\n")
    assert drafts.find_draft("vp", "cto", "manager", "Dana Lee") is None
    fresh = drafts.new_draft_path("vp", "cto", "manager", "Dana Lee")
    assert fresh != mine and fresh.parent == mine.parent
    fresh.write_text("from: vp\nto: cto\nrater: Manager\nperson: dana lee\nanswers: {}\n")
    assert drafts.find_draft("vp", "cto", "manager", "Dana Lee") == fresh
