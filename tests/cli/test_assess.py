"""``ladder assess``: the interactive questionnaire driven with real key presses, the
template and answers files, and the report, through the ``ladder`` command."""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from prompt_toolkit.input import PipeInput

from tests.helpers import (
    CTO_IDS,
    CTO_PITFALLS,
    CTRL_C,
    DATA,
    DOWN,
    ENTER,
    SPACE,
    Ladder,
    fill,
    flat,
    rate,
    ratings_of,
    saved,
    saved_files,
)

# Shifts 2, behaviours 3, indicators 1: readiness 100 × 22.333 / 35 = 63.8 (Developing).
SHIFTS_2_BEHAVIOURS_3_INDICATORS_1 = rate(*[2] * 4, *[3] * 12, *[1] * 5)


# --- the interactive run ----------------------------------------------------------------------


def test_a_whole_interactive_run(ladder: Ladder, keys: PipeInput, tmp_path: Path) -> None:
    # Tick the first and third pitfalls, then Enter; then "Show my report".
    keys.send_text(SHIFTS_2_BEHAVIOURS_3_INDICATORS_1 + SPACE + DOWN + DOWN + SPACE + ENTER + ENTER)
    result = ladder("assess", "cto", "--from", "vp")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Readiness for CTO" in out
    assert "63.8 / 100 (Developing; self-rated)" in out
    assert "Developing is 40 to 64.9 out of 100" in out
    assert re.search(r"1\. Develop Deep Product Intuition +█+░+ +55\.6", out)
    assert re.search(r"2\. Build External Technology Presence +█+░+ +66\.7", out)
    assert "21 of the 21 questions to rate are answered" in out
    # The plan names each item's key action, with its example once.
    actions = out[out.index("The plan\n") :]
    assert "For: Develop Deep Product Intuition (key action 1)" in actions
    assert actions.count("Example: Lead a product discovery initiative.") == 1
    pitfalls = out[out.index("Pitfalls you checked") :]
    assert "Staying too focused on engineering vs. full business" in pitfalls
    assert "Lacking external presence and industry credibility" in pitfalls
    assert "Instead: Build External Technology Presence (key action 2)" in pitfalls
    assert "Timeline: Typically 5-10+ years as a VP" in out
    # The questions went to stderr, with a counter and the area.
    assert "7/22 · Develop Deep Product Intuition" in result.stderr
    assert "22/22 · Common pitfalls" in result.stderr
    # Every answer is saved, and the report says where.
    data = saved(tmp_path)
    assert ratings_of(data) == dict(zip(CTO_IDS, [2] * 4 + [3] * 12 + [1] * 5, strict=True))
    assert data["pitfalls"] == {
        "engineering-only-focus": True,
        "no-board-relationships": False,
        "no-external-presence": True,
        "underestimating-people-politics": False,
        "no-functional-breadth": False,
    }
    assert (data["from"], data["to"], data["rater"]) == ("vp", "cto", "self")
    assert "Your answers are in" in result.stderr


def test_the_report_fits_80_columns(ladder: Ladder, keys: PipeInput, tmp_path: Path) -> None:
    every_answer: list[int | str] = [0, 1, 2, 3, 4, "n", "s"]
    keys.send_text(rate(*every_answer * 3) + ENTER + ENTER)
    result = ladder("assess", "cto", "--from", "vp")
    assert result.exit_code == 0, result.output
    assert [line for line in result.stdout.splitlines() if len(line) > 80] == []
    # The questions too, but for the lines that name the (long) test folder.
    asked = [line for line in result.stderr.splitlines() if str(tmp_path) not in line]
    assert [line for line in asked if len(line) > 80] == []


def test_the_saved_answers_score_the_same(ladder: Ladder, keys: PipeInput, tmp_path: Path) -> None:
    keys.send_text(SHIFTS_2_BEHAVIOURS_3_INDICATORS_1 + ENTER + ENTER)
    first = ladder("assess", "cto", "--format", "json")
    assert first.exit_code == 0, first.output
    again = ladder("assess", "--answers", str(saved_files(tmp_path)[0]), "--format", "json")
    assert json.loads(again.stdout)["readiness"] == json.loads(first.stdout)["readiness"] == 63.8


def test_go_back_changes_the_previous_answer(
    ladder: Ladder, keys: PipeInput, tmp_path: Path
) -> None:
    # 1 for the first shift, 2 for the second; b (at once, no Enter); 4 for the second.
    keys.send_text(rate(1, 2) + "b" + rate(4) + CTRL_C)
    result = ladder("assess", "cto")
    assert result.exit_code == 130
    ratings = ratings_of(saved(tmp_path))
    assert (ratings["execution-to-vision"], ratings["internal-to-external"]) == (1, 4)
    assert result.stderr.count("2/22 · Key shift") == 2


def test_ctrl_c_keeps_every_answer_given(ladder: Ladder, keys: PipeInput, tmp_path: Path) -> None:
    keys.send_text(rate(3, 2, 1, 0, 4, "n", "s") + CTRL_C)
    result = ladder("assess", "cto")
    assert result.exit_code == 130, result.output
    ratings = ratings_of(saved(tmp_path))
    assert [ratings[i] for i in CTO_IDS[:8]] == [3, 2, 1, 0, 4, "na", "skip", None]
    assert "Stopped at question 8 of 22, with 6 answers given and 1 skipped." in result.stderr
    file = saved_files(tmp_path)[0]
    assert f"ladder assess --answers {file}" in result.stderr
    assert "Traceback" not in result.output
    # The partial file can be scored as it is: an incomplete report.
    partial = ladder("assess", "--answers", str(file))
    assert partial.exit_code == 0, partial.output
    out = flat(partial.stdout)
    assert "(Developing; incomplete; self-rated)" in out
    assert "Incomplete: only 6 of the 21 questions are answered" in out
    assert "6 of the 21 questions to rate are answered (29%)" in out
    not_rated = out[out.index("Not rated") :]
    assert "• Behaviour: Understand customer problems and market dynamics deeply (n/a)" in (
        not_rated
    )
    assert (
        "• Behaviour: Contribute to product vision, not just engineering execution (skipped)"
        in (not_rated)
    )


def test_going_back_from_the_pitfalls_keeps_the_ticks(
    ladder: Ladder, keys: PipeInput, tmp_path: Path
) -> None:
    # Tick the first pitfall, go back to question 21, keep its answer, and finish.
    keys.send_text(rate(*[2] * 21) + SPACE + "b" + ENTER + ENTER + ENTER)
    result = ladder("assess", "cto", "-f", "json")
    assert result.exit_code == 0, result.output
    assert [p["id"] for p in json.loads(result.stdout)["pitfalls"]] == ["engineering-only-focus"]
    assert saved(tmp_path)["pitfalls"]["engineering-only-focus"] is True


def test_back_from_the_last_screen(ladder: Ladder, keys: PipeInput, tmp_path: Path) -> None:
    # At "Show my report", b goes back to the pitfalls; Enter there, then the report.
    keys.send_text(rate(*[2] * 21) + ENTER + "b" + SPACE + ENTER + ENTER)
    result = ladder("assess", "cto", "-f", "json")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["pitfalls"]) == 1
    assert result.stderr.count("22/22 · Common pitfalls") == 2


def test_ctrl_c_in_the_pitfalls_keeps_the_ratings(
    ladder: Ladder, keys: PipeInput, tmp_path: Path
) -> None:
    keys.send_text(rate(*[2] * 21) + SPACE + CTRL_C)
    result = ladder("assess", "cto")
    assert result.exit_code == 130
    assert set(ratings_of(saved(tmp_path)).values()) == {2}


def test_ctrl_c_before_any_question_writes_nothing(
    ladder: Ladder, keys: PipeInput, tmp_path: Path
) -> None:
    keys.send_text(CTRL_C)
    result = ladder("assess")
    assert result.exit_code == 130
    assert "nothing to keep" in result.stderr
    assert saved_files(tmp_path) == []


def test_end_of_input_is_treated_like_ctrl_c(
    ladder: Ladder, keys: PipeInput, tmp_path: Path
) -> None:
    keys.send_text(rate(3))
    keys.close()
    result = ladder("assess", "cto")
    assert result.exit_code == 130
    assert ratings_of(saved(tmp_path))["execution-to-vision"] == 3


def test_no_arguments_asks_for_the_role_and_the_target(
    ladder: Ladder, keys: PipeInput, tmp_path: Path
) -> None:
    # The current role is the VP, the only one with paths: not asked. The target: the
    # second, CEO.
    keys.send_text(DOWN + ENTER + rate(3) + CTRL_C)
    result = ladder("assess")
    assert result.exit_code == 130
    assert "Which role are you in now?" not in result.stderr
    data = saved(tmp_path)
    assert (data["from"], data["to"]) == ("vp", "ceo")
    assert ratings_of(data)["function-to-company"] == 3
    assert "1/22 · Key shift" in result.stderr


def test_b_alone_at_a_note_goes_back_to_the_rating(
    ladder: Ladder, keys: PipeInput, tmp_path: Path
) -> None:
    keys.send_text(rate(2) + "b" + ENTER + rate(3) + "Ran the strategy offsite" + ENTER + CTRL_C)
    result = ladder("assess", "cto", "--evidence")
    assert result.exit_code == 130
    assert "b alone goes back to the rating" in flat(result.stderr)
    data = saved(tmp_path)
    assert data["answers"][CTO_IDS[0]] == {"rating": 3, "note": "Ran the strategy offsite"}


def test_ctrl_d_at_a_choice_stops_and_keeps_the_answers(
    ladder: Ladder, keys: PipeInput, tmp_path: Path
) -> None:
    keys.send_text(rate(2, 3) + "\x04")
    result = ladder("assess", "cto")
    assert result.exit_code == 130
    assert "Stopped at question 3 of 22, with 2 answers given." in flat(result.stderr)
    given = {qid: r for qid, r in ratings_of(saved(tmp_path)).items() if r is not None}
    assert given == {CTO_IDS[0]: 2, CTO_IDS[1]: 3}


def test_self_is_self_in_any_case(ladder: Ladder, keys: PipeInput, tmp_path: Path) -> None:
    keys.send_text(rate(2) + CTRL_C)
    assert ladder("assess", "cto", "--rater", "SELF").exit_code == 130
    assert saved(tmp_path)["rater"] == "self"
    template = ladder("assess", "cto", "--template", "--rater", "Self").stdout
    assert "rater: self" in template and "You answer as" not in template


def test_a_report_written_to_a_file_still_shows_its_headline(
    ladder: Ladder, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    result = ladder("assess", "--answers", str(DATA / "answers-vp-cto.yaml"), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert (
        f"Wrote the HTML report to {out}\n"
        "Readiness for CTO: 68.6 out of 100 (Nearly ready; self-rated).\n" in (result.stderr)
    )


def test_evidence_notes_are_asked_and_kept(ladder: Ladder, keys: PipeInput, tmp_path: Path) -> None:
    answers = ""
    for n in range(21):
        answers += rate(3) + ("Spoke at QCon: twice" if n == 8 else "") + ENTER
    keys.send_text(answers + ENTER + ENTER)
    result = ladder("assess", "cto", "--evidence", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["confidence"]["evidenced"] == 1
    assert report["confidence"]["at_target"] == 21
    notes = {i["id"]: i["note"] for i in report["items"] if i["note"]}
    assert notes == {"speak-at-conferences": "Spoke at QCon: twice"}
    assert saved(tmp_path)["answers"]["speak-at-conferences"]["note"] == "Spoke at QCon: twice"


def test_the_intro_says_how_long_and_how_to_stop(ladder: Ladder, keys: PipeInput) -> None:
    keys.send_text(CTRL_C)
    result = ladder("assess", "cto")
    assert "22 questions, about 9 minutes" in result.stderr
    assert "3  Demonstrated    consistently; others could name examples" in result.stderr
    assert "Ctrl-C stops at any time and keeps every answer given so far" in result.stderr


def test_the_rater_is_kept(ladder: Ladder, keys: PipeInput, tmp_path: Path) -> None:
    keys.send_text(rate(2) + CTRL_C)
    ladder("assess", "cto", "--rater", "manager")
    assert saved(tmp_path)["rater"] == "manager"
    assert "manager" in saved_files(tmp_path)[0].name


def test_answers_are_printed_when_they_cannot_be_saved(
    ladder: Ladder,
    keys: PipeInput,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the data folder should be")
    monkeypatch.setenv("LADDER_HOME", str(blocked))
    monkeypatch.chdir(blocked.parent)
    keys.send_text(rate(3, 1) + CTRL_C)
    result = ladder("assess", "cto")
    assert result.exit_code == 130
    assert "cannot save your answers" in result.stderr
    # Kept in the current folder instead.
    kept = sorted(tmp_path.glob("vp-cto-self-*.yaml"))
    assert len(kept) == 1
    assert ratings_of(yaml.safe_load(kept[0].read_text()))["internal-to-external"] == 1


# --- without a terminal ---------------------------------------------------------------------


def test_no_terminal_and_no_answers_exits_2_at_once(ladder: Ladder) -> None:
    result = ladder("assess", "cto")
    assert result.exit_code == 2
    assert "--answers" in result.stderr and "--template" in result.stderr
    assert result.stdout == ""
    # An unknown role is said first.
    unknown = ladder("assess", "cfo")
    assert unknown.exit_code == 2
    assert (
        unknown.stderr
        == "ladder: unknown role 'cfo'. Did you mean 'cto'? Known roles: vp, cto, ceo.\n"
    )


def test_template_holds_every_question_and_pitfall(ladder: Ladder, tmp_path: Path) -> None:
    out = tmp_path / "answers.yaml"
    result = ladder("assess", "cto", "--template", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert f"ladder assess --answers {out}" in result.stderr
    text = out.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert (data["from"], data["to"], data["rater"]) == ("vp", "cto", "self")
    assert list(data["answers"]) == CTO_IDS
    assert all(v == {"rating": None, "note": None} for v in data["answers"].values())
    assert data["pitfalls"] == dict.fromkeys(CTO_PITFALLS, False)
    # The question text and the scale stand beside them as comments.
    assert "  # 9/22 · Build External Technology Presence\n" in text
    assert "  # Speak at major conferences on technology trends\n" in text
    assert "#   3  Demonstrated: consistently; others could name examples\n" in text
    assert "  #   0  Still: Engineering execution focus\n" in text


def test_template_to_standard_output_and_as_json(ladder: Ladder) -> None:
    result = ladder("assess", "--to", "ceo", "--template", "--rater", "manager")
    assert yaml.safe_load(result.stdout)["rater"] == "manager"
    as_json = json.loads(ladder("assess", "ceo", "--template", "-f", "json").stdout)
    assert as_json["to"] == "ceo" and len(as_json["answers"]) == 21


def test_template_needs_a_target(ladder: Ladder) -> None:
    result = ladder("assess", "--template")
    assert result.exit_code == 2
    assert "name the target role, such as: ladder assess cto --template" in result.stderr
    assert "vp → cto, vp → ceo" in result.stderr


def test_template_then_answers_round_trips(ladder: Ladder, tmp_path: Path) -> None:
    out = tmp_path / "answers.yaml"
    ladder("assess", "cto", "--template", "-o", str(out))
    ratings: list[int | str | None] = [2, 1, 3, 2, 3, 2, 3, 1, 0, 2, 3, 2, 1, 2, 1, 3]
    ratings += [3, 2, 1, 2, "na"]
    out.write_text(fill(out.read_text(), ratings, ("no-board-relationships",)))
    result = ladder("assess", "--answers", str(out), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    # Shifts: 2 × (2 + 1 + 3 + 2) / 3 = 5.333; behaviours: 1 × 23 / 3 = 7.667; indicators
    # (one n/a): 3 × (3 + 2 + 1 + 2) / 3 = 8; weights 8 + 12 + 12 = 32: 100 × 21 / 32.
    assert report["readiness"] == 65.6
    assert report["band"] == "Nearly ready"
    assert {a["id"]: a["score"] for a in report["areas"]} == {
        "product-intuition": 94.4,  # (1 + 2/3 + 1 + 3 × 1) / 6; the n/a indicator is out
        "external-presence": 50.0,  # (1/3 + 0 + 2/3 + 3 × 2/3) / 6
        "technology-differentiation": 50.0,  # (1 + 2/3 + 1/3 + 3 × 1/3) / 6
        "business-acumen": 66.7,  # (2/3 + 1/3 + 1 + 3 × 2/3) / 6
    }
    items = {i["id"]: i for i in report["items"]}
    assert items["speak-at-conferences"] | {"text": None, "area": None} == {
        "id": "speak-at-conferences",
        "kind": "behaviour",
        "area": None,
        "text": None,
        "rating": 0,
        "target": 3,
        "gap": 3,
        "weight": 1,
        "attainment": 0.0,
        "priority": 3,
        "note": None,
    }
    assert items["vision-beyond-execution"]["rating"] == "na"
    assert items["vision-beyond-execution"]["gap"] is None
    # the checked pitfall raises the board relationships (business acumen guards it) from 3
    # to 6, after the indicator whose gap × weight is 6 before raising
    assert report["gaps"][:3] == [
        "technology-as-advantage",
        "ceo-and-board-relationships",
        "internal-to-external",
    ]
    assert [a["id"] for a in report["actions"]] == [
        "external-presence",
        "technology-differentiation",
        "business-acumen",
    ]
    assert report["pitfalls"] == [
        {
            "id": "no-board-relationships",
            "text": "Not building relationships with board and investors",
            "instead": [{"id": "business-acumen", "title": "Expand Business Acumen"}],
        }
    ]
    assert report["confidence"] == {
        "questions": 21,
        "answered": 21,
        "answered_share": 1.0,
        "at_target": 6,
        "evidenced": 0,
        "evidence_share": 0.0,
        "incomplete": False,
    }


def test_answers_from_standard_input_as_json(ladder: Ladder) -> None:
    answers = {
        "from": "vp",
        "to": "cto",
        "answers": {qid: {"rating": 4, "note": None} for qid in CTO_IDS},
        "pitfalls": {},
    }
    result = ladder("assess", "--answers", "-", "-f", "json", input=json.dumps(answers))
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["readiness"], report["band"]) == (100.0, "Ready now")


def test_all_zero_gives_zero(ladder: Ladder) -> None:
    answers = "from: vp\nto: cto\nanswers:\n" + "".join(f"  {q}: 0\n" for q in CTO_IDS)
    report = json.loads(ladder("assess", "-a", "-", "-f", "json", input=answers).stdout)
    assert (report["readiness"], report["band"]) == (0.0, "Early")


def test_the_report_exports_to_a_file(ladder: Ladder, tmp_path: Path) -> None:
    answers = "from: vp\nto: ceo\nanswers:\n  function-to-company: 2\n"
    out = tmp_path / "report.md"
    result = ladder("assess", "-a", "-", "-o", str(out), input=answers)
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert text.startswith("# Readiness for CEO\n")
    shown = "**Readiness:** 66.7 / 100 (Nearly ready; incomplete; self-rated) `"
    assert shown in text
    assert "| Key action | Score |" in text


# --- bad answers files ------------------------------------------------------------------------


def bad(ladder: Ladder, text: str, *args: str) -> str:
    result = ladder("assess", "--answers", "-", *args, input=textwrap.dedent(text))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return str(result.stderr)


def test_a_rating_off_the_scale_names_the_id_and_line(ladder: Ladder) -> None:
    message = bad(
        ladder,
        """\
        from: vp
        to: cto
        answers:
          partner-with-product:
            rating: 5
        """,
    )
    assert message == (
        "<stdin>:5:13: answers.partner-with-product.rating: rating 5 is off the scale: use "
        "a whole number from 0 to 4, na (not applicable), skip, or null (not yet)\n"
    )


def test_an_unknown_id_names_the_line_and_a_likely_one(ladder: Ladder) -> None:
    message = bad(ladder, "from: vp\nto: cto\nanswers:\n  partner-with-prodct: 3\n")
    assert message.startswith("<stdin>:4:3: answers.partner-with-prodct: unknown question id")
    assert "(did you mean 'partner-with-product'?)" in message


def test_a_file_for_another_path_is_refused(ladder: Ladder) -> None:
    message = bad(ladder, "from: vp\nto: ceo\nanswers: {}\n", "cto")
    assert message == (
        "<stdin>:2:5: to: this file is for the path vp → ceo, but the command names cto as "
        "the target; leave the target out to score the file's own path\n"
    )


def test_every_problem_is_reported_at_once(ladder: Ladder) -> None:
    message = bad(
        ladder,
        """\
        from: vp
        to: cto
        extra: 1
        answers:
          partner-with-product: {rating: n/a}
          speak-at-conferences: {rating: 2.5, evidence: talk}
        pitfalls:
          engineering-only-focus: maybe
          nope: true
        """,
    )
    lines = message.splitlines()
    assert len(lines) == 6, message
    assert "3:1: extra: unknown field 'extra'" in lines[0]
    assert "write na for not applicable" in message
    assert "rating 2.5 is off the scale" in message
    assert "unknown field 'evidence' (an answer has rating and note)" in message
    assert "pitfalls.engineering-only-focus: expected true or false" in message
    assert "unknown pitfall id 'nope'" in message


def test_a_missing_path_and_an_unknown_role(ladder: Ladder) -> None:
    assert "missing field 'to'" in bad(ladder, "from: vp\nanswers: {}\n")
    message = bad(ladder, "from: vp\nto: cfo\n")
    assert "<stdin>:2:5: to: unknown role 'cfo'. Did you mean 'cto'?" in message
    assert "there is no path from cto to vp" in bad(ladder, "from: cto\nto: vp\n")


def test_broken_yaml_in_an_answers_file(ladder: Ladder, tmp_path: Path) -> None:
    file = tmp_path / "a.yaml"
    file.write_text("from: vp\nto: cto\nanswers:\n  partner-with-product:\n    note: a: b\n")
    result = ladder("assess", "--answers", str(file))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{file}:5:12: answers.partner-with-product.note: the note")
    missing = ladder("assess", "--answers", str(tmp_path / "none.yaml"))
    assert missing.exit_code == 2
    assert "cannot read the file: No such file or directory" in missing.stderr


def test_options_that_do_nothing_with_a_file_are_refused(ladder: Ladder) -> None:
    evidence = ladder("assess", "--answers", "a.yaml", "--evidence")
    assert evidence.exit_code == 2 and "in an answers file, write them under note:" in (
        evidence.stderr
    )
    rater = ladder("assess", "--answers", "a.yaml", "--rater", "manager")
    assert rater.exit_code == 2 and "says who answered it under rater:" in rater.stderr
    assert ladder("assess", "cto", "--template", "--evidence").exit_code == 2


def test_a_role_where_paths_start_is_not_a_target(ladder: Ladder) -> None:
    result = ladder("assess", "vp", "--template")
    assert result.exit_code == 2
    assert "no role has a path into VP; VP is where paths start" in result.stderr
    assert "ladder assess cto --from vp" in result.stderr


def test_the_text_report_shows_evidence_and_a_caveat(ladder: Ladder) -> None:
    answers = "from: vp\nto: cto\nanswers:\n" + "".join(f"  {q}: 3\n" for q in CTO_IDS)
    answers += "  partner-with-product: {rating: 4, note: 'Co-wrote the product strategy'}\n"
    answers = answers.replace("  partner-with-product: 3\n", "")
    out = flat(ladder("assess", "-a", "-", input=answers).stdout)
    assert "100 / 100 (Ready now; self-rated)" in out
    assert "1 of the 21 ratings at or above the target has a note of evidence." in out
    assert "Ratings without evidence are easy to overrate" in out
    evidence = out[out.index("Your evidence") :]
    assert "Partner closely with Product leadership on product strategy (rated 4)" in evidence
    assert "Co-wrote the product strategy" in evidence
    assert "Not rated" not in out


def test_options_that_do_not_fit(ladder: Ladder) -> None:
    both = ladder("assess", "cto", "--template", "--answers", "x.yaml")
    assert both.exit_code == 2 and "not both" in both.stderr
    disagree = ladder("assess", "cto", "--to", "ceo", "--template")
    assert disagree.exit_code == 2 and "disagree" in disagree.stderr
    no_path = ladder("assess", "vp", "--from", "cto", "--template")
    assert no_path.exit_code == 2
    assert "there is no path from CTO to VP" in no_path.stderr


def test_the_report_fits_a_40_column_terminal(
    ladder: Ladder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    answers = DATA / "answers-vp-cto.yaml"
    result = ladder("assess", "--answers", str(answers))
    assert result.exit_code == 0, result.output
    assert [line for line in result.stdout.splitlines() if len(line) > 40] == []
    # Narrow tables become lists, bars go under their labels; nothing is cut off.
    out = flat(result.stdout)
    assert "1. Readiness indicator: Ability to drive technology as a competitive advantage" in out
    assert "1. Develop Deep Product Intuition █" in out
    assert "68.6 / 100 (Nearly ready; self-rated)" in out


DIRECTOR = """\
id: director
title: Director of Engineering
short_title: Director
paths:
  cto:
    shifts:
      - {id: teams-to-tech, from: Leading teams, to: Leading technology}
    actions:
      - id: learn-strategy
        title: Learn Strategy
        behaviours:
          - {id: write-strategy, text: Write a technology strategy}
    indicators:
      - {id: has-strategy, text: A technology strategy, actions: [learn-strategy]}
"""


def test_several_roles_into_the_target(
    ladder: Ladder, keys: PipeInput, role_dir: Callable[..., Path], tmp_path: Path
) -> None:
    folder = role_dir(director=DIRECTOR)
    template = ladder("--roles", str(folder), "assess", "cto", "--template")
    assert template.exit_code == 2
    assert "several roles lead to CTO (director, vp): name one with --from" in template.stderr
    # Interactively, the role is asked: the second, VP.
    keys.send_text(DOWN + ENTER + rate(2) + CTRL_C)
    result = ladder("--roles", str(folder), "assess", "cto")
    assert result.exit_code == 130
    assert saved(tmp_path)["from"] == "vp"


def test_a_role_of_your_own_with_the_default_scale(
    ladder: Ladder, role_dir: Callable[..., Path]
) -> None:
    folder = role_dir(director=DIRECTOR)
    answers = "from: director\nto: cto\nanswers:\n  teams-to-tech: 3\n  write-strategy: 1\n"
    answers += "  has-strategy: 2\n"
    result = ladder("--roles", str(folder), "assess", "-a", "-", "-f", "json", input=answers)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    # 100 × (2 × 1 + 1 × 1/3 + 3 × 2/3) / (2 + 1 + 3) = 72.2
    assert (report["readiness"], report["band"]) == (72.2, "Nearly ready")
    # The area: (1/3 + 3 × 2/3) / 4 = 58.3
    assert report["areas"][0]["score"] == 58.3


def test_answers_are_printed_when_no_file_can_be_written(
    ladder: Ladder, keys: PipeInput, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from laddercli.assessment import answers as answers_module
    from laddercli.errors import OutputError

    def no_space(path: Path, text: str, **kwargs: object) -> None:
        raise OutputError(f"cannot write {path}: No space left on device")

    monkeypatch.setattr(answers_module, "write_file_atomic", no_space)
    keys.send_text(rate(3, 1) + CTRL_C)
    result = ladder("assess", "cto")
    assert result.exit_code == 130
    assert "cannot save your answers" in result.stderr
    assert "Your answers could not be written" in flat(result.stderr)
    # The answers themselves, as a file to save, are on the screen.
    printed = result.stderr[result.stderr.index("# Readiness questionnaire") :]
    data = yaml.safe_load(printed)
    assert ratings_of(data)["execution-to-vision"] == 3
    assert ratings_of(data)["internal-to-external"] == 1
    assert saved_files(tmp_path) == []


def test_an_output_file_that_cannot_be_written_is_refused_before_any_question(
    ladder: Ladder, keys: PipeInput, tmp_path: Path
) -> None:
    result = ladder("assess", "cto", "-o", str(tmp_path / "missing" / "report.md"))
    assert result.exit_code == 1
    assert "the folder" in result.stderr and "does not exist" in result.stderr
    assert "1/22" not in result.stderr
    assert saved_files(tmp_path) == []


def test_a_file_whose_ids_are_another_paths_gets_one_message(ladder: Ladder) -> None:
    answers = "from: vp\nto: ceo\nanswers:\n" + "".join(f"  {q}: 2\n" for q in CTO_IDS)
    message = bad(ladder, answers)
    assert message == (
        "<stdin>:2:5: to: these answers are for the path vp → cto (21 of its question ids), "
        "not vp → ceo: set to: cto\n"
    )


def test_one_high_answer_is_not_ready_now(ladder: Ladder) -> None:
    report = json.loads(
        ladder(
            "assess",
            "-a",
            "-",
            "-f",
            "json",
            input="from: vp\nto: cto\nanswers:\n  teams-to-direction: 4\n",
        ).stdout
    )
    assert (report["readiness"], report["band"]) == (100.0, "Nearly ready")
    assert report["confidence"]["incomplete"] is True


def test_options_to_weigh_are_not_behaviours_to_practise(ladder: Ladder) -> None:
    answers = "from: vp\nto: ceo\nanswers:\n  outside-ceo-roles: 1\n  founder-experience: 0\n"
    raw = ladder("assess", "-a", "-", input=answers).stdout
    # an option to weigh is no item of the plan, nor a next action
    plan = raw[raw.index("The plan\n") :] if "The plan\n" in raw else ""
    assert "founder experience" not in plan
    assert "founder experience" not in raw[: raw.index("Path ")]
    assert "Practise:" not in raw


# --- options to weigh (the CEO path's "Consider Alternative Paths") --------------------------

CEO_OPTIONS = ("outside-ceo-roles", "founder-experience", "smaller-company-ceo")


def ceo_answers(*options: object) -> str:
    """One CEO behaviour rated 4, the options as given, the rest not answered."""
    lines = ["from: vp", "to: ceo", "answers:", "  read-and-manage-pl: 4"]
    lines += [f"  {option}: {value}" for option, value in zip(CEO_OPTIONS, options, strict=True)]
    return "\n".join(lines) + "\n"


def test_options_to_weigh_count_in_no_score_through_assess(ladder: Ladder) -> None:
    """The CEO path's readiness, areas, gaps and plan are the same whatever the options'
    answers are; the options are listed with their answers in words."""
    seen = []
    for options in ((0, 0, 0), (2, 2, 2), (1, "na", "skip")):
        result = ladder("assess", "-a", "-", "-f", "json", input=ceo_answers(*options))
        assert result.exit_code == 0, result.output
        report = json.loads(result.stdout)
        seen.append(
            (report["readiness"], report["band"], report["areas"], report["gaps"], report["plan"])
        )
        assert "alternative-paths" not in [a["id"] for a in report["areas"]]
        assert not set(CEO_OPTIONS) & {p["id"] for p in report["plan"]}
        assert report["confidence"]["questions"] == 18
    assert seen[0] == seen[1] == seen[2]
    assert seen[0][0] == 100.0
    assert [(o["id"], o["rating"], o["answer"]) for o in report["options"]] == [
        ("outside-ceo-roles", 1, "Considered"),
        ("founder-experience", "na", "n/a"),
        ("smaller-company-ceo", None, "skipped"),
    ]


def test_an_option_is_answered_on_its_own_scale(ladder: Ladder) -> None:
    result = ladder("assess", "-a", "-", input=ceo_answers(0, 3, 2))
    assert result.exit_code == 2, result.output
    assert (
        "answers.founder-experience: rating 3 is off the scale: use a whole number from 0 to "
        "2, na (not applicable), skip, or null (not yet)"
    ) in result.stderr


def test_the_template_asks_an_option_as_considered_or_acted_on(ladder: Ladder) -> None:
    out = ladder("assess", "ceo", "--template").stdout
    assert (
        "  # 14/22 · Consider Alternative Paths\n"
        "  # CEO roles often come from outside the company\n"
        "  # Have you considered this for your own path, or acted on it?\n"
        "  #   0  Not considered: not yet thought about for my own path\n"
        "  #   1  Considered: weighed it for my own path\n"
        "  #   2  Acted on: taken concrete steps towards it\n"
        "  outside-ceo-roles:\n"
        "    rating: null\n"
    ) in out


def test_the_report_shows_the_options_weighed(ladder: Ladder, tmp_path: Path) -> None:
    answers = tmp_path / "ceo.yaml"
    answers.write_text(
        ceo_answers(1, 2, 0).replace(
            "  founder-experience: 2\n",
            "  founder-experience:\n    rating: 2\n    note: Talked to two founders\n",
        ),
        encoding="utf-8",
    )
    text = ladder("--no-pager", "report", str(answers)).stdout
    assert (
        textwrap.dedent(
            """\
            Options weighed
            ───────────────
            Options to weigh, not habits to build: how far you have considered or acted on
            each. They count in no score and are in no plan.

              • Consider Alternative Paths
                • CEO roles often come from outside the company (Considered)

                • Startup founder experience is highly valued (Acted on)
                  Note: Talked to two founders
                • Consider smaller company CEO roles as stepping stones (Not considered)
            """
        )
        in text
    )
    # neither an area, nor a gap, nor evidence: only under "Options weighed"
    assert "Consider Alternative Paths" not in text.replace(
        text[text.index("Options weighed") : text.index("Options weighed") + 400], ""
    )
    assert text.count("Talked to two founders") == 1
    markdown = ladder("report", str(answers), "-f", "markdown").stdout
    assert "## Options weighed" in markdown
    assert "  - Startup founder experience is highly valued _(Acted on)_" in markdown
    assert "    **Note:** Talked to two founders" in markdown
    html = ladder("report", str(answers), "-f", "html").stdout
    assert "Options weighed</h2>" in html
    assert "Consider smaller company CEO roles as stepping stones" in html
    assert "Not considered" in html


def test_the_questionnaire_asks_an_option_on_its_own_scale(
    ladder: Ladder, keys: PipeInput, tmp_path: Path
) -> None:
    # 4 shifts and 9 behaviours at 2, the options 1, 2, 0, 5 indicators at 2; no pitfall.
    keys.send_text(rate(*[2] * 13, 1, 2, 0, *[2] * 5) + ENTER + ENTER)
    result = ladder("assess", "ceo", "-f", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr.count("Have you considered this for your own path, or acted on it?") == 3
    report = json.loads(result.stdout)
    assert report["readiness"] == 66.7
    assert [o["answer"] for o in report["options"]] == ["Considered", "Acted on", "Not considered"]
