"""``ladder report DIR`` (issue 15, item 4): a folder of answers for one person and one
path, read as if each file were named on the command line; where the folder holds the list
of forms sent (``sent.json``), how many came back and how many are still out, per group;
a form returned twice counted once; a file for another person refused by name. Anonymous
raters stay anonymous throughout: no rater's or file's name in the report, in any format."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import DATA, Ladder, flat
from tests.helpers.collecting import (
    board_roles,
    digest,
    form_answers,
    form_id,
    sent_form,
    write_answers,
    write_sent,
)

BOARD = ["Ana Ruiz", "Ben Ode", "Cy Park", "Di Fox"]
IDS = [form_id(n) for n in range(1, 5)]
FORMATS = ("text", "markdown", "html", "json")


def report(ladder: Ladder, roles: Path, *args: object, code: int = 0) -> Any:
    result = ladder("--roles", str(roles), "report", *map(str, args))
    assert result.exit_code == code, result.output
    return result


def plain(out: str) -> str:
    """Text, markdown or HTML as words: tags and markdown's emphasis dropped."""
    return flat(re.sub(r"<[^>]+>|\*\*", " ", out)).replace(" ,", ",")


@pytest.fixture
def roles(tmp_path: Path) -> Path:
    return board_roles(tmp_path / "roles")


@pytest.fixture
def board(tmp_path: Path, roles: Path) -> Path:
    """The worked example: 4 board forms sent about Dana Lee; Ana, Ben and Cy answered,
    Ben twice (0 everywhere on the 2nd, then 2 everywhere on the 3rd: the later counts);
    Di has not answered. Board counts 3 responses: Ana 3, Ben 2, Cy 2."""
    d = digest(roles)
    folder = tmp_path / "dana"
    write_sent(
        folder, [sent_form(i, "board", r, digest_=d) for i, r in zip(IDS, BOARD, strict=True)]
    )

    def answers(n: int, rating: int, date: str) -> dict[str, Any]:
        return form_answers(IDS[n], "board", rating, rater=BOARD[n], digest_=d, date=date)

    write_answers(folder, "ana.json", answers(0, 3, "2026-12-02T10:15:00+01:00"))
    write_answers(folder, "ben.json", answers(1, 0, "2026-12-02T09:00:00+01:00"))
    write_answers(folder, "ben (1).json", answers(1, 2, "2026-12-03T09:00:00+01:00"))
    write_answers(folder, "cy.json", answers(2, 2, "2026-12-02T11:00:00+01:00"))
    for name in BOARD:  # the forms themselves, beside their answers: not read
        (folder / sent_form(IDS[0], "board", name)["file"]).write_text("<!doctype html>")
    return folder


def test_a_folder_says_per_group_how_many_forms_came_back(
    ladder: Ladder, roles: Path, board: Path
) -> None:
    result = report(ladder, roles, board)
    lines = result.stdout.splitlines()
    assert "  Raters  Board (3)" in lines
    assert "  • Board: 3 of 4 returned, 1 outstanding" in lines
    assert lines[lines.index("Forms returned") + 1] == "──────────────"
    # Ana 3, Ben 2 (his later answers), Cy 2: (1 + 2/3 + 2/3) / 3 of the target
    assert "  Others combined  ████████████████░░░░  77.8 (Nearly ready)" in lines
    said = (
        "Returned twice: 1 form came back in more than one file and counts once: the answers "
        "with the later date, or, where the dates are the same or one is missing, those of "
        "the file whose name sorts last."
    )
    assert said in flat(result.stdout)
    # a report made before every form is back says it is interim, and why
    assert (
        "Interim: 1 form of groups shown without names is still out. This report, set beside "
        "one made when more have come back, would show what the later raters said: share one "
        "report, made once the forms are back."
    ) in flat(result.stdout)
    assert json.loads(report(ladder, roles, board, "-f", "json").stdout)["interim"] is True
    # whose form is out: on standard error, for whoever collects; not in the report
    assert result.stderr == "1 form still out (said here, not in the report):\n  Board: Di Fox\n"


def test_the_counts_are_in_every_format_and_no_name_is(
    ladder: Ladder, roles: Path, board: Path
) -> None:
    for fmt in FORMATS:
        out = report(ladder, roles, board, "-f", fmt).stdout
        for name in [*BOARD, "ben.json", "ben (1).json", "ana.json", "form-dana-lee"]:
            assert name not in out, (fmt, name)
        assert IDS[0] not in out, fmt
        if fmt != "json":
            assert "Board: 3 of 4 returned, 1 outstanding" in plain(out), fmt
            assert "Returned twice: 1 form came back" in plain(out), fmt
    data = json.loads(report(ladder, roles, board, "-f", "json").stdout)
    assert data["returned"] == {
        "board": {"label": "Board", "sent": 4, "returned": 3, "outstanding": 1}
    }
    assert (data["returned_twice"], data["not_listed"]) == (1, 0)
    assert (data["combined"]["readiness"], data["groups"][0]["responses"]) == (77.8, 3)


def test_a_facilitator_sees_whose_forms_are_out(ladder: Ladder, roles: Path, board: Path) -> None:
    text = plain(report(ladder, roles, board, "--named").stdout)
    assert "Board: 3 of 4 returned, 1 outstanding (Di Fox)" in text
    assert "Set aside: " in text and "ben.json" in text
    data = json.loads(report(ladder, roles, board, "--named", "-f", "json").stdout)
    assert data["returned"]["board"]["outstanding_forms"] == [
        {"rater": "Di Fox", "file": "form-dana-lee-board-di-fox.html"}
    ]


def test_of_two_copies_the_later_date_counts_else_the_name_sorting_last(
    ladder: Ladder, roles: Path, board: Path
) -> None:
    # "ben (1).json" sorts before "ben.json" (a space before a dot) and holds the later
    # answers: 2 everywhere, counted by their date
    data = json.loads(report(ladder, roles, board, "-f", "json").stdout)
    assert data["combined"]["readiness"] == 77.8
    later = board / "ben (1).json"
    text = later.read_text(encoding="utf-8")
    later.write_text(text.replace("2026-12-03T09:00:00", "2026-12-02T09:00:00"), "utf-8")
    data = json.loads(report(ladder, roles, board, "-f", "json").stdout)
    assert data["combined"]["readiness"] == 55.6  # (1 + 0 + 2/3) / 3: ben.json's 0 counts
    undated = json.loads(text)
    del undated["date"]
    later.write_text(json.dumps(undated), "utf-8")
    data = json.loads(report(ladder, roles, board, "-f", "json").stdout)
    assert data["combined"]["readiness"] == 55.6  # one copy undated: the name decides


def test_a_form_with_no_rater_name_returned_twice_counts_once(
    ladder: Ladder, roles: Path, tmp_path: Path
) -> None:
    d = digest(roles)
    folder = tmp_path / "board"
    write_sent(folder, [sent_form(i, "board", digest_=d) for i in IDS[:3]])
    for n, rating in enumerate((3, 2, 2)):
        write_answers(folder, f"answers-{n}.json", form_answers(IDS[n], "board", rating, digest_=d))
    write_answers(folder, "answers-9.json", form_answers(IDS[2], "board", 2, digest_=d))
    result = report(ladder, roles, folder)
    assert "  • Board: 3 of 3 returned" in result.stdout.splitlines()
    assert "Returned twice: 1 form came back" in flat(result.stdout)
    assert result.stderr == ""
    assert IDS[2] not in result.stdout


def test_one_form_back_with_different_answers_says_it_was_passed_on(
    ladder: Ladder, roles: Path, tmp_path: Path
) -> None:
    """One unnamed form sent to three raters came back three times, all different: only
    one counted, and the report called it "returned twice" and nothing more."""
    d = digest(roles)
    folder = tmp_path / "board"
    write_sent(folder, [sent_form(i, "board", digest_=d) for i in IDS[:3]])
    for n, rating in enumerate((3, 2, 2)):
        write_answers(folder, f"answers-{n}.json", form_answers(IDS[n], "board", rating, digest_=d))
    write_answers(folder, "answers-9.json", form_answers(IDS[2], "board", 1, digest_=d))
    result = report(ladder, roles, folder)
    assert (
        "1 form came back with different answers in its copies: a form is for one rater, so if "
        "it was passed on, the other raters' answers are not counted; give each rater a form of "
        "their own (ladder form --count N)."
    ) in flat(result.stdout)
    data = json.loads(report(ladder, roles, folder, "-f", "json").stdout)
    assert (data["returned_twice"], data["returned_differing"]) == (1, 1)
    same = form_answers(IDS[2], "board", 2, digest_=d)  # the same answers sent again
    write_answers(folder, "answers-9.json", same)
    assert "different answers" not in flat(report(ladder, roles, folder).stdout)


def test_a_file_about_another_person_is_refused_by_name(
    ladder: Ladder, roles: Path, board: Path
) -> None:
    sam = form_answers(IDS[3], "board", 3, rater="Di Fox", person="Sam Ray", digest_=digest(roles))
    write_answers(board, "di.json", sam)
    result = report(ladder, roles, board, code=2)
    assert result.stderr == (
        f"{board}/di.json: this form was made for Sam Ray (VP → CTO), not for Dana Lee "
        "(VP → CTO), whose forms this folder holds (sent.json): it belongs in Sam Ray's "
        "folder\n"
    )
    assert result.stdout == ""


def test_a_file_for_another_path_is_refused_by_name(
    ladder: Ladder, roles: Path, board: Path
) -> None:
    ceo = form_answers(IDS[3], "board", None, rater="Di Fox", target="ceo")
    ceo["answers"] = {}
    ceo["pitfalls"] = {}
    write_answers(board, "di.json", ceo)
    result = report(ladder, roles, board, code=2)
    assert result.stderr.startswith(
        f"{board}/di.json: this form was made for Dana Lee (VP → CEO), not for Dana Lee "
        "(VP → CTO), whose forms this folder holds"
    )
    assert result.stderr.endswith(": it belongs in a folder of VP → CEO forms\n")


def test_without_sent_json_files_about_two_people_are_refused(
    ladder: Ladder, roles: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "mixed"
    write_answers(folder, "a.json", form_answers(IDS[0], "board", 3, rater="Ana Ruiz"))
    write_answers(folder, "b.json", form_answers(IDS[1], "board", 3, person="Sam Ray"))
    result = report(ladder, roles, folder, code=2)
    assert result.stderr == (
        f"ladder: {folder}/a.json is about Dana Lee and {folder}/b.json about Sam Ray; one "
        "report brings together answers about one person\n"
    )


def test_a_form_sent_to_another_group_is_refused(ladder: Ladder, roles: Path, board: Path) -> None:
    data = json.loads((board / "cy.json").read_text(encoding="utf-8"))
    data["group"] = "peer"
    (board / "cy.json").write_text(json.dumps(data), encoding="utf-8")
    result = report(ladder, roles, board, code=2)
    assert result.stderr == (
        f"{board}/cy.json: the form {IDS[2]} was sent to the group board (sent.json), but "
        "this file says peer\n"
    )


def test_a_form_not_in_the_list_counts_with_a_note(
    ladder: Ladder, roles: Path, board: Path
) -> None:
    other = form_answers(form_id(9), "board", 2, rater="Eve Ng", digest_=digest(roles))
    write_answers(board, "eve.json", other)
    result = report(ladder, roles, board)
    assert "  Raters  Board (4)" in result.stdout.splitlines()
    assert "  • Board: 3 of 4 returned, 1 outstanding" in result.stdout.splitlines()
    assert (
        "Not in the list: 1 answer came from a form not in the list of forms sent "
        "(sent.json), and counts all the same."
    ) in flat(result.stdout)
    data = json.loads(report(ladder, roles, board, "-f", "json").stdout)
    assert data["not_listed"] == 1 and "Eve Ng" not in json.dumps(data)


def test_only_the_answers_files_of_the_folder_are_read(
    ladder: Ladder, roles: Path, board: Path
) -> None:
    bad = "this is not an answers file: {"
    for name in (".ana.json.swp", ".#ana.json", "ana.json~", "#ana.json#", "notes.txt"):
        (board / name).write_text(bad, encoding="utf-8")
    (board / "old").mkdir()
    (board / "old" / "x.json").write_text(bad, encoding="utf-8")
    (board / "subfolder.json").mkdir()
    (board / "manager.YAML").write_text(
        (DATA / "panel-manager.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = report(ladder, roles, board)
    assert "  Raters  manager, Board (3)" in result.stdout.splitlines()
    assert result.stderr.startswith(  # an answers file's name, but not a file: said
        f"Note: {board}/subfolder.json is not read: it is a folder, not an answers file.\n"
        "1 form still out"
    )


def test_a_folder_with_no_answers_file_is_refused(
    ladder: Ladder, roles: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "form-dana-lee-board-ana-ruiz.html").write_text("<!doctype html>")
    result = report(ladder, roles, empty, code=2)
    assert result.stderr == (
        f"ladder: the folder {empty} holds no answers file: ladder report reads its *.json, "
        "*.yaml and *.yml files (the answers the forms download, or files of ladder assess), "
        "not sent.json or the forms\n"
    )
    write_sent(empty, [sent_form(i, "board", digest_=digest(roles)) for i in IDS])
    result = report(ladder, roles, empty, code=2)
    assert f"the folder {empty} holds no answers file (4 forms sent, none back yet):" in (
        result.stderr
    )
    write_sent(empty, [sent_form(IDS[0], "board", digest_=digest(roles))])
    result = report(ladder, roles, empty, code=2)
    assert "holds no answers file (1 form sent, none back yet):" in result.stderr


def test_a_folder_and_files_together_are_refused(ladder: Ladder, roles: Path, board: Path) -> None:
    result = report(ladder, roles, board, DATA / "panel-self.yaml", code=2)
    assert result.stderr == (
        "ladder: name one folder (ladder report answers/) or answers files (ladder report "
        "a.yaml b.yaml), not both: a folder holds one person's answers for one path\n"
    )


def test_a_report_is_not_written_where_it_would_be_read_as_answers(
    ladder: Ladder, roles: Path, board: Path
) -> None:
    result = report(ladder, roles, board, "-o", board / "report.json", code=2)
    assert "would be read as answers next time" in result.stderr
    assert not (board / "report.json").exists()
    report(ladder, roles, board, "-o", board / "report.html")
    assert (board / "report.html").exists()
    report(ladder, roles, board)  # the HTML report beside the answers is not read


def test_one_anonymous_answer_alone_is_withheld_not_shown(
    ladder: Ladder, roles: Path, tmp_path: Path
) -> None:
    d = digest(roles)
    folder = tmp_path / "one"
    write_sent(
        folder, [sent_form(i, "board", r, digest_=d) for i, r in zip(IDS, BOARD, strict=True)]
    )
    write_answers(folder, "ana.json", form_answers(IDS[0], "board", 3, rater="Ana Ruiz", digest_=d))
    for fmt in FORMATS:
        out = report(ladder, roles, folder, "-f", fmt).stdout
        assert "Ana Ruiz" not in out and "ana.json" not in out, fmt
    text = report(ladder, roles, folder).stdout
    assert "  Raters  none shown" in text.splitlines()
    assert "  • Board: 1 of 4 returned, 3 outstanding" in text.splitlines()
    assert "Withheld: 1 response is left out of this report" in flat(text)


def test_groups_merged_into_others_are_counted_together(
    ladder: Ladder, roles: Path, tmp_path: Path
) -> None:
    """Two peers and one direct report make "Others (3)": counts per group would say it
    holds two peers and one direct report."""
    d = digest(roles)
    folder = tmp_path / "merged"
    who = [("peer", "Pat"), ("peer", "Quinn"), ("direct-report", "Rae"), ("direct-report", "Sol")]
    write_sent(folder, [sent_form(IDS[n], g, r, digest_=d) for n, (g, r) in enumerate(who)])
    for n, (group, rater) in enumerate(who[:3]):
        write_answers(folder, f"{n}.json", form_answers(IDS[n], group, 2, rater=rater, digest_=d))
    result = report(ladder, roles, folder)
    assert "  • Others: 3 of 4 returned, 1 outstanding" in result.stdout.splitlines()
    assert "Peers:" not in result.stdout and "Direct reports:" not in result.stdout
    data = json.loads(report(ladder, roles, folder, "-f", "json").stdout)
    assert data["returned"] == {
        "others": {"label": "Others", "sent": 4, "returned": 3, "outstanding": 1}
    }
    assert result.stderr.endswith("  Direct reports: Sol\n")
    named = plain(report(ladder, roles, folder, "--named").stdout)
    assert "Peers: 2 of 2 returned" in named and "Direct reports: 1 of 2 returned" in named


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        (lambda s: s | {"person": 7}, "sent.json:3:13: person: expected a name"),
        (lambda s: s | {"person": "Dana\x1b[2J"}, "person: the name holds a control character"),
        (lambda s: s | {"to": "ceoo"}, "sent.json:5:9: to: unknown role 'ceoo'."),
        (lambda s: s | {"extra": 1}, "extra: unknown field 'extra'"),
        (lambda s: s | {"forms": {}}, "forms: expected the list of forms sent"),
        (lambda s: s | {"ladder": "answers"}, "expected the list of forms ladder form wrote"),
        (lambda s: {**s, "forms": [s["forms"][0]] * 2}, "forms[1].form: the form"),
        (lambda s: {**s, "forms": [{"form": "x y", "group": "board"}]}, "forms[0].form: expected"),
        (
            lambda s: {**s, "forms": [{"form": IDS[0], "group": "bored"}]},
            "forms[0].group: expected a group of this path: one of self, manager, peer, "
            "direct-report, other, board (a group your own role files declare needs them named "
            "again, with --roles or LADDER_ROLES)",
        ),
    ],
)
def test_a_bad_sent_json_is_refused_with_its_line_and_field(
    ladder: Ladder, roles: Path, board: Path, edit: Any, said: str
) -> None:
    path = board / "sent.json"
    data = edit(json.loads(path.read_text(encoding="utf-8")))
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    result = report(ladder, roles, board, code=2)
    assert said in result.stderr
    assert "Traceback" not in result.output and "\x1b" not in result.stderr


def test_a_sent_json_that_is_not_json_or_too_large_is_refused(
    ladder: Ladder, roles: Path, board: Path
) -> None:
    path = board / "sent.json"
    path.write_text('{"ladder": "forms sent",\n  "person": [', encoding="utf-8")
    result = report(ladder, roles, board, code=2)
    assert result.stderr.startswith(f"{board}/sent.json:")
    path.write_bytes(b" " * (1024 * 1024 + 1))
    result = report(ladder, roles, board, code=2)
    assert result.stderr == (
        f"{board}/sent.json: the file is larger than the 1024 KiB limit for a list of forms sent\n"
    )


def test_report_help_says_a_folder_may_be_named(ladder: Ladder) -> None:
    out = flat(ladder("report", "--help").stdout)
    assert "ladder report answers/" in out
    assert "A folder reads every answers file in it" in out


def test_a_named_pipe_is_not_read_and_a_broken_sent_json_is_refused(
    ladder: Ladder, roles: Path, board: Path
) -> None:
    import os

    os.mkfifo(board / "zz.json")  # no writer: reading it would wait for ever
    result = report(ladder, roles, board)
    assert "  • Board: 3 of 4 returned, 1 outstanding" in result.stdout
    assert result.stderr.startswith(f"Note: {board}/zz.json is not read: it is a named pipe")
    (board / "sent.json").unlink()
    (board / "sent.json").symlink_to(board / "gone.json")
    result = report(ladder, roles, board, code=2)
    assert result.stderr == (
        f"{board}/sent.json: cannot read the file: No such file or directory\n"
    )


def test_report_with_nothing_named_says_a_folder_may_be(ladder: Ladder) -> None:
    result = ladder("report")
    assert result.exit_code == 2
    assert result.stderr == (
        "ladder: name one or more answers files (or a folder of them), or a saved assessment "
        "with --last or --id N, such as: ladder report answers.yaml · ladder report answers/ "
        "· ladder report --last\n"
    )


def test_without_sent_json_there_is_nothing_returned_to_count(
    ladder: Ladder, roles: Path, board: Path
) -> None:
    (board / "sent.json").unlink()
    result = report(ladder, roles, board)
    assert "Forms returned" not in result.stdout and result.stderr == ""
    assert "Returned twice: 1 form came back" in flat(result.stdout)
    data = json.loads(report(ladder, roles, board, "-f", "json").stdout)
    assert (data["returned"], data["returned_twice"], data["not_listed"]) == (None, 1, 0)
    assert data["combined"]["readiness"] == 77.8


# --- answers from a form that do not say their group ---------------------------------------


@pytest.fixture
def merged(tmp_path: Path, roles: Path) -> Path:
    """Two peers and one direct report answered (merged into "Others (3)"), Sam the
    manager too; the direct report's form names no rater, as ladder form makes it."""
    d = digest(roles)
    folder = tmp_path / "merged"
    who = [("peer", "Pat"), ("peer", "Quinn"), ("direct-report", None), ("manager", "Sam")]
    write_sent(folder, [sent_form(IDS[n], g, r, digest_=d) for n, (g, r) in enumerate(who)])
    for n, (group, rater) in enumerate(who):
        data = form_answers(IDS[n], group, 2, rater=rater, digest_=d, note=f"note {n}")
        write_answers(folder, f"answers-{group}-{IDS[n]}.json", data)
    return folder


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_form_s_answers_with_no_group_are_refused_never_shown_as_self(
    ladder: Ladder, roles: Path, merged: Path, fmt: str
) -> None:
    """The direct report's file with its group deleted: read as rater self, it showed as
    Dana's own assessment, with its date and file name."""
    path = merged / f"answers-direct-report-{IDS[2]}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["group"]
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    result = report(ladder, roles, merged, "-f", fmt, code=2)
    assert result.stdout == ""
    assert result.stderr == (
        f"{path}:7:3: group: missing: answers from a form say the group the form was made "
        f"for; add the group the form {IDS[2]} was sent to (such as group: peer; a folder's "
        "sent.json lists it)\n"
    )
    # named on its own, or as one of several files: refused all the same
    alone = report(ladder, roles, path, "-f", fmt, code=2)
    assert alone.stdout == "" and "group: missing: answers from a form" in alone.stderr


def test_a_peer_s_answers_with_no_group_are_refused_not_counted_as_other(
    ladder: Ladder, roles: Path, merged: Path
) -> None:
    path = merged / f"answers-peer-{IDS[0]}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["group"]
    path.write_text(json.dumps(data), encoding="utf-8")
    result = report(ladder, roles, merged, code=2)
    assert result.stderr.startswith(f"{path}:1:") and "group: missing:" in result.stderr


@pytest.mark.parametrize(
    "edit",
    [
        {"rater": "self", "group": "self"},
        {"group": "self"},
        {"rater": "self"},
    ],
)
def test_a_form_sent_to_a_direct_report_that_says_self_is_refused(
    ladder: Ladder, roles: Path, merged: Path, edit: dict[str, str]
) -> None:
    path = merged / f"answers-direct-report-{IDS[2]}.json"
    data = json.loads(path.read_text(encoding="utf-8")) | edit
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    result = report(ladder, roles, merged, code=2)
    assert result.stdout == ""
    assert result.stderr.startswith(f"{path}:")
    assert "self" in result.stderr and "Raters" not in result.output


# --- the counts of a report that merges groups -----------------------------------------------


def merged_folder(folder: Path, roles: Path, who: list[tuple[str, str, bool]]) -> Path:
    """Forms sent to ``who`` (group, rater, answered), the answered ones back."""
    d = digest(roles)
    ids = [form_id(n) for n in range(10, 10 + len(who))]
    write_sent(
        folder, [sent_form(i, g, r, digest_=d) for i, (g, r, _) in zip(ids, who, strict=True)]
    )
    for i, (group, rater, back) in zip(ids, who, strict=True):
        if back:
            data = form_answers(i, group, 2, rater=rater, digest_=d)
            write_answers(folder, f"answers-{i}.json", data)
    return folder


def test_a_group_with_no_form_back_is_counted_in_others_when_groups_are_merged(
    ladder: Ladder, roles: Path, tmp_path: Path
) -> None:
    """Two peers and a direct report make "Others (3)"; two forms sent to other came not
    back. Listed apart ("Other: 0 of 2"), the counts said Others holds the 3 peers' forms
    and the direct report's."""
    folder = merged_folder(
        tmp_path / "m2",
        roles,
        [
            ("peer", "Pat", True),
            ("peer", "Quinn", True),
            ("peer", "Ray", False),
            ("direct-report", "Rae", True),
            ("other", "X1", False),
            ("other", "X2", False),
        ],
    )
    result = report(ladder, roles, folder)
    lines = result.stdout.splitlines()
    assert "  Raters  Others (3)" in lines
    forms = lines[lines.index("Forms returned") + 2 :]
    assert forms[0] == "  • Others: 3 of 6 returned, 3 outstanding"
    assert not forms[1].startswith("  •")
    data = json.loads(report(ladder, roles, folder, "-f", "json").stdout)
    assert data["returned"] == {
        "others": {"label": "Others", "sent": 6, "returned": 3, "outstanding": 3}
    }
    # whoever collects still sees whose forms are out, by group
    assert result.stderr.endswith("  Peers: Ray\n  Other: X1\n  Other: X2\n")
    named = plain(report(ladder, roles, folder, "--named").stdout)
    assert "Other: 0 of 2 returned, 2 outstanding (X1 and X2)" in named


def test_other_shown_on_its_own_is_counted_with_others_in_one_line(
    ladder: Ladder, roles: Path, tmp_path: Path
) -> None:
    folder = merged_folder(
        tmp_path / "m3",
        roles,
        [
            ("peer", "Pat", True),
            ("peer", "Quinn", True),
            ("direct-report", "Rae", True),
            ("direct-report", "Sol", False),
            ("other", "X1", True),
            ("other", "X2", True),
            ("other", "X3", True),
        ],
    )
    lines = report(ladder, roles, folder).stdout.splitlines()
    assert "  Raters  Other (3), Others (3)" in lines
    forms = lines[lines.index("Forms returned") + 2 :]
    assert forms[0] == "  • Other and Others: 6 of 7 returned, 1 outstanding"
    assert not forms[1].startswith("  •")
    data = json.loads(report(ladder, roles, folder, "-f", "json").stdout)
    assert data["returned"] == {
        "others": {"label": "Other and Others", "sent": 7, "returned": 6, "outstanding": 1}
    }


def test_without_merged_groups_each_group_is_counted_on_its_own(
    ladder: Ladder, roles: Path, tmp_path: Path
) -> None:
    folder = merged_folder(
        tmp_path / "m4",
        roles,
        [
            ("peer", "Pat", True),
            ("peer", "Quinn", True),
            ("peer", "Ray", True),
            ("other", "X1", False),
            ("other", "X2", False),
        ],
    )
    lines = report(ladder, roles, folder).stdout.splitlines()
    assert "  • Peers: 3 of 3 returned" in lines
    assert "  • Other: 0 of 2 returned, 2 outstanding" in lines


# --- names from files, on one line ---------------------------------------------------------

BREAKS = "\n\r\x85\u2028\u2029"
RAW_BREAK = re.compile("[\r\x0b\x0c\x1b\x85\u2028\u2029]")


def one_line_each(text: str, lines: int) -> None:
    """``text`` holds ``lines`` lines, and no line break or escape but newline raw."""
    assert RAW_BREAK.search(text) is None, repr(text)
    assert text.count("\n") == lines, repr(text)


def test_a_file_name_with_line_breaks_is_shown_on_one_line(
    ladder: Ladder, roles: Path, board: Path
) -> None:
    name = "a\nb\x1b[31m\r\x85\u2028\u2029.json"
    (board / name).write_text("{", encoding="utf-8")
    result = report(ladder, roles, board, code=2)
    one_line_each(result.stderr, 1)
    assert result.stderr.startswith(f"{board}/a\\nb\\x1b[31m\\r\\x85\\u2028\\u2029.json:")


def test_a_file_set_aside_is_named_on_one_line_in_a_facilitator_s_report(
    ladder: Ladder, roles: Path, board: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (board / "ben.json").rename(board / "ben\u2028\n.json")
    monkeypatch.chdir(board.parent)  # a short name: a path longer than a line is cut
    text = report(ladder, roles, board.name, "--named").stdout
    assert RAW_BREAK.search(text) is None
    assert "Set aside: dana/ben\\u2028\\n.json." in flat(text)


def test_without_sent_json_two_people_s_files_are_named_on_one_line(
    ladder: Ladder, roles: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "mixed"
    write_answers(folder, "a\n.json", form_answers(IDS[0], "board", 3, rater="Ana Ruiz"))
    write_answers(folder, "b\u2029.json", form_answers(IDS[1], "board", 3, person="Sam Ray"))
    result = report(ladder, roles, folder, code=2)
    one_line_each(result.stderr, 1)
    assert f"{folder}/a\\n.json is about Dana Lee and {folder}/b\\u2029.json" in result.stderr


@pytest.mark.parametrize("brk", BREAKS)
def test_a_form_s_file_in_sent_json_is_shown_on_one_line_in_the_list_still_out(
    ladder: Ladder, roles: Path, tmp_path: Path, brk: str
) -> None:
    """A form with no rater name is named by its file: a line break in it forged lines
    of the list of forms still out."""
    d = digest(roles)
    folder = tmp_path / "forged"
    forms = [sent_form(i, "board", digest_=d) for i in IDS]
    forms[3]["file"] = f"x.html{brk}  Board: Di Fox"
    write_sent(folder, forms)
    for n in range(3):
        write_answers(folder, f"{n}.json", form_answers(IDS[n], "board", 2, digest_=d))
    result = report(ladder, roles, folder)
    one_line_each(result.stderr, 2)
    # (YAML, which reads the JSON, reads a raw NEL as a blank, and folds the blanks after
    # U+2028 or U+2029)
    shown = {"\n": "\\n  ", "\r": "\\r  ", "\x85": " "}.get(brk) or f"\\u{ord(brk):04x}"
    last = result.stderr.splitlines()[-1]
    assert last == f"  Board: a form with no rater name, x.html{shown}Board: Di Fox"


def test_a_line_separator_in_a_note_is_shown_as_an_escape_in_the_text_report(
    ladder: Ladder, roles: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "notes"
    data = form_answers(IDS[0], "manager", 2, rater="Sam", note="one\u2028two\u2029three\nfour")
    write_answers(folder, "sam.json", data)
    text = report(ladder, roles, folder, "--named").stdout
    assert RAW_BREAK.search(text) is None
    assert "one\\u2028two\\u2029three" in text


# --- entries of the folder that are not files ----------------------------------------------


def test_an_answers_named_entry_that_is_not_a_file_is_named_not_skipped_silently(
    ladder: Ladder, roles: Path, board: Path
) -> None:
    import os

    (board / "gone.json").symlink_to(board / "nowhere.json")
    (board / "sub.json").mkdir()
    os.mkfifo(board / "zz.json")  # no writer: reading it would wait for ever
    (board / "x\n\u2028.yaml").mkdir()
    result = report(ladder, roles, board)
    assert "  • Board: 3 of 4 returned, 1 outstanding" in result.stdout.splitlines()
    assert result.stderr == (
        f"Note: {board}/gone.json is not read: it is a link to nothing, not an answers file.\n"
        f"Note: {board}/sub.json is not read: it is a folder, not an answers file.\n"
        f"Note: {board}/x\\n\\u2028.yaml is not read: it is a folder, not an answers file.\n"
        f"Note: {board}/zz.json is not read: it is a named pipe, not an answers file.\n"
        "1 form still out (said here, not in the report):\n"
        "  Board: Di Fox\n"
    )


def test_a_link_to_answers_outside_the_folder_is_read_and_said(
    ladder: Ladder, roles: Path, board: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (board / "cy.json").rename(elsewhere / "cy.json")
    (board / "cy.json").symlink_to(elsewhere / "cy.json")
    (board / "ana-again.json").symlink_to("ana.json")  # inside the folder: nothing to say
    result = report(ladder, roles, board)
    assert "  • Board: 3 of 4 returned, 1 outstanding" in result.stdout.splitlines()
    assert result.stderr.startswith(
        f"Note: {board}/cy.json is a link to {elsewhere}/cy.json, outside the folder: read "
        "all the same.\n1 form still out"
    )


def test_the_list_of_forms_sent_is_read_whatever_the_case_of_its_name(
    ladder: Ladder, roles: Path, board: Path
) -> None:
    (board / "sent.json").rename(board / "SENT.JSON")
    result = report(ladder, roles, board)
    assert "  • Board: 3 of 4 returned, 1 outstanding" in result.stdout.splitlines()
    assert result.stderr.endswith("  Board: Di Fox\n")
    (board / "Sent.json").write_text("{}", encoding="utf-8")
    result = report(ladder, roles, board, code=2)
    assert result.stderr == (
        f"ladder: the folder {board} holds 2 lists of forms sent, SENT.JSON and Sent.json: "
        "keep one, named sent.json\n"
    )
    (board / "SENT.JSON").unlink()
    result = report(ladder, roles, board, code=2)  # the list is read, and refused
    assert result.stderr.startswith(f"{board}/Sent.json:1:1: expected the list of forms")
