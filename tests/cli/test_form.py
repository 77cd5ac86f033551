"""``ladder form``: one form to a file, or one per rater into a folder with sent.json; the
names, groups and files it refuses."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Ladder = Callable[..., Any]
DANA = ("cto", "--person", "Dana Lee")


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def form_id(page: Path) -> str:
    found = re.search(r'"form":"([a-z2-7]{12})"', page.read_text(encoding="utf-8"))
    assert found is not None
    return found.group(1)


def test_one_form_to_a_file(ladder: Ladder) -> None:
    result = ladder("form", *DANA, "--group", "peer", "--rater", "Ana Ruiz", "-o", "ana.html")
    assert result.exit_code == 0, result.output
    made = form_id(Path("ana.html"))
    assert result.output == (  # wrapped at 80 columns, never inside a file's name
        f"Wrote the form {made} (about Dana Lee, for Ana Ruiz (peer), VP of\n"
        "Engineering → CTO, 21 questions, then the pitfalls) to ana.html. Send it to that\n"
        "rater alone (a form's answers count once): they open it in a browser, answer,\n"
        "and send back the answers file it downloads\n"
        f"(answers-dana-lee-peer-{made}.json). Then:\n"
        f"  ladder report answers-dana-lee-peer-{made}.json\n"
    )
    again = ladder("form", *DANA, "--group", "peer", "-o", "ana.html")
    assert again.exit_code == 2, again.output
    assert "ana.html already exists, and ladder does not write over it" in again.output
    assert form_id(Path("ana.html")) == made
    forced = ladder("form", *DANA, "--group", "peer", "-o", "ana.html", "--force")
    assert forced.exit_code == 0, forced.output
    assert form_id(Path("ana.html")) != made


def test_one_form_per_rater_into_a_folder_with_the_list_of_forms_sent(ladder: Ladder) -> None:
    result = ladder(
        "form", *DANA, "--group", "peer", "--rater", "Ana Ruiz", "--rater", "王芳", "-o", "forms/"
    )
    assert result.exit_code == 0, result.output
    ana, wang = (
        Path("forms/form-dana-lee-peer-ana-ruiz.html"),
        Path("forms/form-dana-lee-peer-王芳.html"),
    )
    assert result.output.splitlines()[:4] == [
        "Made 2 forms about Dana Lee (VP of Engineering → CTO, 21 questions, then the",
        "pitfalls) in forms:",
        f"  peer  Ana Ruiz  {ana.name}",
        f"  peer  王芳      {wang.name}",  # 王芳 is as wide as four letters
    ]
    assert result.output.endswith("  ladder report forms\n")
    sent = json.loads(Path("forms/sent.json").read_text(encoding="utf-8"))
    day = sent["forms"][0]["made"]
    assert sent == {
        "ladder": "forms sent",
        "person": "Dana Lee",
        "from": "vp",
        "to": "cto",
        "forms": [
            {"form": form_id(ana), "group": "peer", "rater": "Ana Ruiz", "file": ana.name,
             "made": day, "digest": "b5fce9c7e3d9"},
            {"form": form_id(wang), "group": "peer", "rater": "王芳", "file": wang.name,
             "made": day, "digest": "b5fce9c7e3d9"},
        ],
    }  # fmt: skip
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", day)

    # another group, with no rater by name: added to the list, named by its form id
    board = ladder("form", *DANA, "--group", "manager", "-o", "forms")
    assert board.exit_code == 0, board.output
    sent = json.loads(Path("forms/sent.json").read_text(encoding="utf-8"))
    assert len(sent["forms"]) == 3
    third = sent["forms"][2]
    assert list(third) == ["form", "group", "file", "made", "digest"]
    assert third["file"] == f"form-dana-lee-manager-{third['form']}.html"
    assert Path("forms", third["file"]).is_file()

    # a rater who has a form is refused by name, and nothing is written
    before = Path("forms/sent.json").read_text(encoding="utf-8")
    taken = ladder("form", *DANA, "--group", "peer", "--rater", "Wei", "--rater", "Ana Ruiz",
                   "-o", "forms/")  # fmt: skip
    assert taken.exit_code == 2, taken.output
    assert f"Ana Ruiz already has a form in forms ({ana.name})" in taken.output
    assert not Path("forms/form-dana-lee-peer-wei.html").exists()
    assert Path("forms/sent.json").read_text(encoding="utf-8") == before

    # another person's forms do not go into this folder
    other = ladder("form", "cto", "--person", "Sam Roy", "--group", "peer", "-o", "forms/")
    assert other.exit_code == 2, other.output
    assert other.output == (
        "ladder: forms/sent.json lists forms about Dana Lee, not Sam Roy: make each "
        "person's forms in a folder of their own\n"
    )


def test_a_form_made_again_with_force_replaces_its_line_in_the_list(ladder: Ladder) -> None:
    assert ladder("form", *DANA, "--group", "peer", "--rater", "Ana", "-o", "f/").exit_code == 0
    again = ladder("form", *DANA, "--group", "peer", "--rater", "Ana", "-o", "f/", "--force")
    assert again.exit_code == 0, again.output
    forms = json.loads(Path("f/sent.json").read_text(encoding="utf-8"))["forms"]
    assert [f["form"] for f in forms] == [form_id(Path("f/form-dana-lee-peer-ana.html"))]


def test_a_list_of_forms_for_another_path_is_refused(ladder: Ladder) -> None:
    Path("f").mkdir()
    Path("f/sent.json").write_text(
        '{"ladder": "forms sent", "person": "dana lee", "from": "vp", "to": "ceo", "forms": []}'
    )
    result = ladder("form", *DANA, "--group", "peer", "-o", "f")
    assert result.exit_code == 2, result.output
    assert result.output == (
        "ladder: f/sent.json lists forms for the path VP → CEO, not VP → CTO: make the forms "
        "of each path in a folder of their own\n"
    )
    Path("f/sent.json").write_text("[1, 2]")
    result = ladder("form", *DANA, "--group", "peer", "-o", "f")
    assert result.output == (  # read as ladder report DIR reads it: line and field
        'f/sent.json:1:1: expected the list of forms ladder form wrote ("ladder": "forms sent")\n'
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--group", "self", "--rater", "Ana"), "--group the group self is for answers from "
         "rater: self"),
        (("--group", "board"), "--group 'board' is not a group of this path: use one of self, "
         "manager, peer, direct-report, other"),
        (("--group", "peer", "--rater", "a", "--rater", "b"), "several --rater make one form "
         "each: name a folder with -o, such as -o forms/"),
        (("--group", "peer", "--rater", "Others"), "--rater Others is the name reports give "
         "the combined view of the raters other than self; choose another name, such as peer-1"),
        (("--group", "peer", "--rater", "Ana\nRuiz"), "--rater holds a line break (\\n); give "
         "the name as plain text on one line"),
    ],
)  # fmt: skip
def test_what_ladder_form_refuses(ladder: Ladder, args: tuple[str, ...], message: str) -> None:
    result = ladder("form", *DANA, *args, "-o", "x.html")
    assert result.exit_code == 2, result.output
    assert result.output == f"ladder: {message}\n"
    assert not Path("x.html").exists()


def test_refused_outputs_and_names(ladder: Ladder) -> None:
    result = ladder("form", *DANA, "--group", "peer", "-o", "answers.json")
    assert (result.exit_code, result.output) == (
        2,
        "ladder: -o answers.json: a form is a web page; name it FILE.html\n",
    )
    twice = ladder("form", *DANA, "--group", "peer", "--rater", "Ana", "--rater", "ANA", "-o", "f/")
    assert twice.output == "ladder: --rater ANA is named twice: each rater gets one form\n"
    missing = ladder("form", "cto", "--person", "Dana Lee", "-o", "x.html")
    assert (missing.exit_code, missing.output) == (
        2,
        "ladder: ladder form needs --person (whom it is about), --group (the raters' group) "
        "and -o (FILE.html, or a folder): such as\n"
        '  ladder form cto --person "Dana Lee" --group peer --rater "Ana Ruiz" -o ana.html\n',
    )
    blank = ladder("form", "cto", "--person", " ", "--group", "peer", "-o", "x.html")
    assert blank.output == "ladder: --person needs a name\n"


def test_answers_from_a_form_with_no_rater_by_name_are_read_as_its_own_rater(
    ladder: Ladder,
) -> None:
    """What the page downloads for a form made with no --rater: every question, no rater
    field, the form id (built here as the page's script builds it)."""
    assert ladder("form", *DANA, "--group", "peer", "-o", "f.html").exit_code == 0
    page = Path("f.html").read_text(encoding="utf-8")
    meta = re.search(r'id="form-meta">(.*?)</script>', page)
    assert meta is not None
    data = json.loads(meta.group(1))["head"]
    data["date"] = "2026-12-02T10:15:00+01:00"
    ids = re.findall(r'<fieldset data-q="([^"]+)"', page)
    data["answers"] = {i: {"rating": 3, "note": None} for i in ids}
    data["pitfalls"] = dict.fromkeys(re.findall(r'data-p="([^"]+)"', page), False)
    Path("a.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    result = ladder("report", "a.json", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert (report["rater"], report["readiness"]) == (f"peer-{data['form']}", 100.0)


def answered(page: Path, rating: int = 3) -> dict[str, Any]:
    """The answers a form's page downloads, every question rated, as its script builds them."""
    text = page.read_text(encoding="utf-8")
    meta = re.search(r'id="form-meta">(.*?)</script>', text)
    assert meta is not None
    data: dict[str, Any] = json.loads(meta.group(1))["head"]
    data["date"] = "2026-12-02T10:15:00+01:00"
    data["answers"] = {
        i: {"rating": rating, "note": None} for i in re.findall(r'<fieldset data-q="([^"]+)"', text)
    }
    data["pitfalls"] = dict.fromkeys(re.findall(r'data-p="([^"]+)"', text), False)
    return data


def test_report_o_never_writes_over_a_form_or_a_file_of_answers(ladder: Ladder) -> None:
    """ladder report -o replaced Bo Li's unanswered form, and an answers file kept outside
    the folder, where --template refuses to."""
    made = ladder("form", *DANA, "--group", "manager", "--rater", "Sam Roy", "--rater", "Bo Li",
                  "-o", "d/")  # fmt: skip
    assert made.exit_code == 0, made.output
    sam = answered(Path("d/form-dana-lee-manager-sam-roy.html"))
    Path("d/answers-sam.json").write_text(json.dumps(sam, indent=2), encoding="utf-8")
    bo = Path("d/form-dana-lee-manager-bo-li.html")
    page = bo.read_text(encoding="utf-8")
    result = ladder("report", "d", "-o", str(bo))
    assert (result.exit_code, result.output) == (
        2,
        f"ladder: -o {bo} is a form ladder form made (its rater may not have answered yet), "
        "and ladder report does not write over it: give -o another file name\n",
    )
    assert bo.read_text(encoding="utf-8") == page
    assert ladder("assess", "cto", "--template", "-o", "keep.yaml").exit_code == 0
    Path("keep.json").write_text(json.dumps(sam), encoding="utf-8")
    for kept in ("keep.yaml", "keep.json"):
        before = Path(kept).read_text(encoding="utf-8")
        result = ladder("report", "d", "-f", "json", "-o", kept)
        assert (result.exit_code, result.output) == (
            2,
            f"ladder: -o {kept} holds answers, and ladder report does not write over it: give "
            "-o another file name\n",
        )
        assert Path(kept).read_text(encoding="utf-8") == before
    # nor over a list of forms sent, another folder's or a copy of one
    Path("e").mkdir()
    Path("d/sent.json").replace("e/sent.json")
    for kept in ("e/sent.json",):
        before = Path(kept).read_text(encoding="utf-8")
        result = ladder("report", "d", "-f", "json", "-o", kept)
        assert (result.exit_code, result.output) == (
            2,
            f"ladder: -o {kept} is a list of forms sent (ladder form's sent.json), and ladder "
            "report does not write over it: give -o another file name\n",
        )
        assert Path(kept).read_text(encoding="utf-8") == before
    # a report is written over as ever, in any format
    for name in ("r.json", "r.json", "r.html", "r.html"):
        again = ladder("report", "d", "-o", name)
        assert again.exit_code == 0, again.output


def test_a_group_given_fewer_forms_than_it_is_shown_from_is_warned(ladder: Ladder) -> None:
    result = ladder(
        "form", *DANA, "--group", "other", "--rater", "Di", "--rater", "Lars", "-o", "g/"
    )
    assert result.exit_code == 0, result.output
    assert (
        "Note: 2 forms for Other, which a report shows only from 3 answers: with fewer, they "
        "are merged with other small groups into Others (shown from 3 answers in all), or left "
        "out. Make more forms for the group, or choose another group for these raters."
    ) in " ".join(result.output.split())
    more = ladder("form", *DANA, "--group", "other", "--rater", "Mo", "-o", "g/")  # 3 in all
    assert more.exit_code == 0 and "which a report shows only from" not in more.output
    assert "Note: Other now has 3 forms in this folder (2 made before)" in more.output
    manager = ladder("form", *DANA, "--group", "manager", "--rater", "Sam", "-o", "g/")
    assert manager.exit_code == 0 and "Note:" not in manager.output


def listed(folder: str) -> list[dict[str, Any]]:
    forms: list[dict[str, Any]] = json.loads(Path(folder, "sent.json").read_text("utf-8"))["forms"]
    return forms


def test_count_makes_a_form_for_each_rater_of_an_anonymous_group(ladder: Ladder) -> None:
    """One form with no rater name, sent to three direct reports, kept one answer of three:
    --count N makes N forms, each its own rater, and the command and the page say a form
    is for one rater only."""
    result = ladder("form", *DANA, "--group", "direct-report", "--count", "3", "-o", "f/")
    assert result.exit_code == 0, result.output
    forms = listed("f")
    assert [f["group"] for f in forms] == ["direct-report"] * 3
    assert all("rater" not in f for f in forms)
    assert len({f["form"] for f in forms}) == 3
    assert sorted(p.name for p in Path("f").glob("*.html")) == sorted(f["file"] for f in forms)
    said = " ".join(result.output.split())
    assert said.startswith(
        "Made 3 forms about Dana Lee (VP of Engineering → CTO, 21 questions, then the "
        f"pitfalls) in f: direct-report (no name) {forms[0]['file']} "
    )
    assert "Send each rater their own form, to no one else (a form's answers count once)" in said
    page = Path("f", forms[0]["file"]).read_text(encoding="utf-8")
    assert "This form is yours alone: do not pass it on. Each rater gets a form of their own" in (
        page
    )
    assert form_id(Path("f", forms[1]["file"])) == forms[1]["form"]
    more = ladder("form", *DANA, "--group", "direct-report", "--count", "2", "-o", "f/")
    assert more.exit_code == 0, more.output
    assert len(listed("f")) == 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--rater", "Ana", "--count", "2", "-o", "f/"), "--count makes forms with no rater "
         "name, and --rater one form per rater named: give one or the other"),
        (("--count", "0", "-o", "f/"), "--count 0: give a number of forms from 1 to 100"),
        (("--count", "2", "-o", "x.html"), "--count 2 makes 2 forms: name a folder with -o, "
         "such as -o forms/"),
    ],
)  # fmt: skip
def test_what_count_refuses(ladder: Ladder, args: tuple[str, ...], message: str) -> None:
    result = ladder("form", *DANA, "--group", "peer", *args)
    assert (result.exit_code, result.output) == (2, f"ladder: {message}\n")
    assert not Path("f").exists() and not Path("x.html").exists()


def test_raters_whose_names_make_the_same_file_name_each_get_a_form(ladder: Ladder) -> None:
    """Pat O'Neil's form was refused, then written over with --force (her line in
    sent.json dropped): a name another rater's form has gets the form's id added."""
    assert (
        ladder("form", *DANA, "--group", "peer", "--rater", "Pat O'Neil", "-o", "f/").exit_code == 0
    )
    first = Path("f/form-dana-lee-peer-pat-o-neil.html")
    before = first.read_text(encoding="utf-8")
    second = ladder("form", *DANA, "--group", "peer", "--rater", "Pat O Neil", "-o", "f/")
    assert second.exit_code == 0, second.output
    forms = listed("f")
    assert [f["rater"] for f in forms] == ["Pat O'Neil", "Pat O Neil"]
    assert forms[0]["file"] == first.name
    assert forms[1]["file"] == f"form-dana-lee-peer-pat-o-neil-{forms[1]['form']}.html"
    assert first.read_text(encoding="utf-8") == before
    # in one run, and names cut to the same 48 bytes
    long = "Maximiliana Alexandrina Konstantinopoulou-Papadopoulou"
    both = ladder("form", *DANA, "--group", "peer", "--rater", long + " A", "--rater", long + " B",
                  "-o", "f/")  # fmt: skip
    assert both.exit_code == 0, both.output
    forms = listed("f")
    assert len(forms) == 4 and len({f["file"] for f in forms}) == 4
    assert all(Path("f", f["file"]).is_file() for f in forms)
    assert all(form_id(Path("f", f["file"])) == f["form"] for f in forms)


def test_force_makes_a_new_form_only_for_the_same_rater_and_not_once_answered(
    ladder: Ladder,
) -> None:
    assert (
        ladder("form", *DANA, "--group", "peer", "--rater", "Ana Ruiz", "-o", "f/").exit_code == 0
    )
    old = listed("f")[0]["form"]
    again = ladder("form", *DANA, "--group", "peer", "--rater", "ana ruiz", "-o", "f/")
    assert (again.exit_code, again.output) == (
        2,
        "ladder: ana ruiz already has a form in f (form-dana-lee-peer-ana-ruiz.html): ladder "
        "makes one form per rater; add --force to make them a new one in its place (while no "
        "answers to it are back)\n",
    )
    other = ladder("form", *DANA, "--group", "manager", "--rater", "Ana Ruiz", "-o", "f/",
                   "--force")  # fmt: skip
    assert other.exit_code == 2
    assert other.output == (
        "ladder: Ana Ruiz already has a form in f (form-dana-lee-peer-ana-ruiz.html, for the "
        "group peer): a rater answers once, in one group (if this is someone else, give them "
        "a name of their own)\n"
    )
    forced = ladder("form", *DANA, "--group", "peer", "--rater", "Ana Ruiz", "-o", "f/", "--force")
    assert forced.exit_code == 0, forced.output
    new = listed("f")[0]["form"]
    assert [f["form"] for f in listed("f")] == [new] and new != old
    assert f"Replaced Ana Ruiz's form {old} (made " in forced.output
    # her answers to the new form are back: no form is made in its place
    Path("f/answers-dana-lee-peer-x.json").write_text(json.dumps({"form": new}), "utf-8")
    refused = ladder("form", *DANA, "--group", "peer", "--rater", "Ana Ruiz", "-o", "f/",
                     "--force")  # fmt: skip
    assert (refused.exit_code, refused.output) == (
        2,
        f"ladder: the answers to Ana Ruiz's form {new} are back "
        "(f/answers-dana-lee-peer-x.json): ladder does not make a new form in its place, which "
        "would leave those answers unlisted; to have them answer again, move that file out of "
        "the folder first\n",
    )
    assert [f["form"] for f in listed("f")] == [new]
    assert form_id(Path("f/form-dana-lee-peer-ana-ruiz.html")) == new


def test_a_file_in_the_folder_that_is_not_a_listed_form_is_never_written_over(
    ladder: Ladder,
) -> None:
    Path("f").mkdir()
    Path("f/form-dana-lee-peer-ana.html").write_text("mine", encoding="utf-8")
    result = ladder("form", *DANA, "--group", "peer", "--rater", "Ana", "-o", "f/", "--force")
    assert result.exit_code == 0, result.output
    assert Path("f/form-dana-lee-peer-ana.html").read_text(encoding="utf-8") == "mine"
    assert listed("f")[0]["file"] == f"form-dana-lee-peer-ana-{listed('f')[0]['form']}.html"


RUNS_AT_ONCE = """
import os, sys
from laddercli.cli import app
def form(rater, folder):
    return app(["form", "cto", "--person", "Dana Lee", "--group", "peer", "--rater", rater, "-o",
         folder], standalone_mode=False)
assert form("Warm", "warm/") in (None, 0)  # ladder loaded once, before the runs fork
runs = []
for n in range(12):
    pid = os.fork()
    if pid == 0:
        try:
            code = form(f"P{n}", "c/")
        except BaseException:
            os._exit(1)
        os._exit(code if isinstance(code, int) else 0)
    runs.append(pid)
codes = [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in runs]
sys.exit(max(codes))
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="runs at once are forked")
def test_runs_at_once_into_one_folder_lose_no_form(tmp_path: Path) -> None:
    """12 ``ladder form`` runs at once into one folder (forked from one process that
    has loaded ladder once): each adds its form to sent.json under the folder's lock (8 of
    12 were listed, the rest lost)."""
    import subprocess
    import sys

    env = {**os.environ, "LADDER_HOME": str(tmp_path / "home")}
    done = subprocess.run(
        [sys.executable, "-c", RUNS_AT_ONCE], env=env, capture_output=True, timeout=60
    )
    assert done.returncode == 0, done.stderr.decode()
    forms = listed("c")
    assert sorted(f["rater"] for f in forms) == sorted(f"P{n}" for n in range(12))
    assert sorted(p.name for p in Path("c").glob("*.html")) == sorted(f["file"] for f in forms)
    assert [p.name for p in Path("c").iterdir() if p.name.startswith(".")] == [".sent.json.lock"]


def test_one_form_is_not_made_into_a_folder_of_forms(ladder: Ladder) -> None:
    """-o FILE.html --force replaced a listed form (its answers back) with one the list did
    not hold; the report then refused the folder with the wrong advice."""
    made = ladder("form", *DANA, "--group", "peer", "--rater", "Ana Ruiz", "-o", "d/")
    assert made.exit_code == 0, made.output
    page = Path("d/form-dana-lee-peer-ana-ruiz.html")
    before = page.read_text(encoding="utf-8")
    for extra in ((), ("--force",)):
        result = ladder("form", *DANA, "--group", "peer", "--rater", "Ana Ruiz", "-o", str(page),
                        *extra)  # fmt: skip
        assert (result.exit_code, result.output) == (
            2,
            "ladder: d holds a list of forms sent (sent.json): make its forms with -o d/ and "
            "--rater, so that the list stays true\n",
        )
    assert page.read_text(encoding="utf-8") == before
    elsewhere = ladder("form", *DANA, "--group", "peer", "--rater", "Ana Ruiz", "-o", "ana.html")
    assert elsewhere.exit_code == 0, elsewhere.output


def test_a_folder_named_with_a_line_break_is_shown_on_one_line(ladder: Ladder) -> None:
    result = ladder("form", *DANA, "--group", "manager", "--rater", "Sam", "-o", "nm/sub\nx/")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "  ladder report 'nm/sub\\nx'"


def test_forms_added_to_a_group_say_how_many_it_has_now(ladder: Ladder) -> None:
    first = ladder("form", *DANA, "--group", "direct-report", "--count", "4", "-o", "d/")
    assert first.exit_code == 0 and "Note:" not in first.output
    again = ladder("form", *DANA, "--group", "direct-report", "--count", "4", "-o", "d/")
    assert again.exit_code == 0, again.output
    assert (
        "Note: Direct reports now has 8 forms in this folder (4 made before); ladder report "
        "counts them all as sent."
    ) in " ".join(again.output.split())
