"""`ladder plan` and `ladder log` (issue 16): focus items from the latest assessment, with
due dates, tracked with evidence and the rating then and now; a calendar of them."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from prompt_toolkit.input import PipeInput

from tests.helpers import CTO_IDS, DOWN, ENTER, SPACE, Ladder, flat, rate

# 4 key shifts, 12 behaviours, 5 indicators. The biggest gap (gap × weight): the indicator
# technology-as-advantage at 0; then the key shift internal-to-external at 0.
RATINGS = [3, 0, 3, 3, 3, 3, 3, 3, 3, 2, 3, 3, 3, 3, 3, 3, 3, 3, 0, 3, 2]
DUE = (date.today() + timedelta(days=90)).isoformat()


def assessed(ladder: Ladder, tmp_path: Path, ratings: list[int] = RATINGS, day: str = "") -> None:
    when = day or (date.today() - timedelta(days=1)).isoformat()
    lines = ["from: vp", "to: cto", "rater: self", f'date: "{when}T10:00:00+00:00"', "answers:"]
    lines += [f"  {qid}: {value}" for qid, value in zip(CTO_IDS, ratings, strict=True)]
    path = tmp_path / f"answers-{when}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = ladder("assess", "--answers", str(path))
    assert result.exit_code == 0, result.output


def data(ladder: Ladder, *args: str) -> Any:
    result = ladder("plan", *args, "-f", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_without_an_assessment_plan_says_how_to_make_one(ladder: Ladder) -> None:
    result = ladder("plan", "cto", "--focus", "technology-as-advantage")
    assert result.exit_code == 2
    assert result.stderr == (
        "ladder: no assessment towards cto in your history yet: make one with "
        "`ladder assess cto`, then pick its focus items\n"
    )


def test_the_plans_first_items_are_the_biggest_gaps_key_shifts_included(
    ladder: Ladder, tmp_path: Path
) -> None:
    assessed(ladder, tmp_path)
    result = ladder("plan", "cto")  # no plan yet, and no terminal to pick on
    assert result.exit_code == 2
    assert result.stderr == (
        "ladder: no plan towards cto yet: make one with `ladder plan cto --focus ID --due "
        "YYYY-MM-DD` (the plan's first items: technology-as-advantage, internal-to-external, "
        "vision-beyond-execution)\n"
    )
    report = json.loads(ladder("report", "--last", "-f", "json").stdout)
    assert report["gaps"][:2] == ["technology-as-advantage", "internal-to-external"]


def test_a_plan_made_evidence_logged_and_shown(ladder: Ladder, tmp_path: Path) -> None:
    assessed(ladder, tmp_path)
    made = ladder(
        "plan",
        "cto",
        "--focus",
        "technology-as-advantage",
        "--focus",
        "internal-to-external",
        "--due",
        DUE,
    )
    assert made.exit_code == 0, made.output
    assert made.stderr == f"Planned 2 focus items from assessment #1, due {DUE}.\n"
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    logged = ladder(
        "log",
        "Spoke at the regional CTO meetup",
        "--item",
        "internal-to-external",
        "--date",
        yesterday,
    )
    assert logged.exit_code == 0, logged.output
    assert logged.stderr == f"Logged for internal-to-external on {yesterday}.\n"
    plan = data(ladder, "cto")
    assert {k: plan[k] for k in ("target", "assessment", "created")} == {
        "target": "cto",
        "assessment": 1,
        "created": date.today().isoformat(),
    }
    assert [
        (f["id"], f["due"], f["status"], f["evidence"], f["rating_then"], f["rating_now"])
        for f in plan["focus"]
    ] == [
        ("technology-as-advantage", DUE, "open", [], 0, 0),
        (
            "internal-to-external",
            DUE,
            "open",
            [{"date": yesterday, "text": "Spoke at the regional CTO meetup"}],
            0,
            0,
        ),
    ]
    assert plan["focus"][1]["text"] == "Internal org leadership → External technology leadership"
    text = ladder("plan", "cto").stdout
    assert f"│ internal-to-external    │ open   │ {DUE} │        1 │    0 │   0 │" in text
    assert f"{yesterday}: Spoke at the regional CTO meetup" in text
    listed = ladder("log", "-f", "json")
    assert json.loads(listed.stdout) == [
        {
            "id": 1,
            "item": "internal-to-external",
            "date": yesterday,
            "text": "Spoke at the regional CTO meetup",
        }
    ]


def test_the_rating_now_is_the_latest_assessments(ladder: Ladder, tmp_path: Path) -> None:
    assessed(ladder, tmp_path, day=(date.today() - timedelta(days=30)).isoformat())
    assert ladder("plan", "cto", "--focus", "internal-to-external").exit_code == 0
    later = list(RATINGS)
    later[1] = 2
    assessed(ladder, tmp_path, later)
    (focus,) = data(ladder, "cto")["focus"]
    assert (focus["rating_then"], focus["rating_now"], focus["due"]) == (0, 2, None)


def test_done_closes_a_focus_item(ladder: Ladder, tmp_path: Path) -> None:
    assessed(ladder, tmp_path)
    ladder("plan", "cto", "--focus", "internal-to-external", "--focus", "technology-as-advantage")
    done = ladder("plan", "cto", "--done", "internal-to-external")
    assert done.exit_code == 0, done.output
    assert done.stderr == "Done: internal-to-external (plan towards cto).\n"
    focus = data(ladder)[0]["focus"]
    assert [(f["id"], f["status"], f["closed"]) for f in focus] == [
        ("internal-to-external", "done", date.today().isoformat()),
        ("technology-as-advantage", "open", None),
    ]
    unknown = ladder("plan", "--done", "internal-to-extrnal")
    assert unknown.exit_code == 2
    assert unknown.stderr == (
        "ladder: 'internal-to-extrnal' is not a focus item of any of your plans (did you "
        "mean 'internal-to-external'?); `ladder plan` shows them\n"
    )


def test_bad_focus_items_and_due_dates_are_refused(ladder: Ladder, tmp_path: Path) -> None:
    assessed(ladder, tmp_path)
    cases = {
        ("--focus", "internal-to-extrnal"): (
            "'internal-to-extrnal' is not an item of the path vp → cto (did you mean "
            "'internal-to-external'?); the plan's first items: technology-as-advantage, "
            "internal-to-external, vision-beyond-execution"
        ),
        ("--focus", "a", "--focus", "b", "--focus", "c", "--focus", "d"): (
            "4 focus items named; a plan holds at most 3: pick the ones that matter most"
        ),
        ("--focus", "internal-to-external", "--due", "2020-01-01"): (
            f"--due 2020-01-01 is in the past (today is {date.today().isoformat()}); give a "
            "date from today on"
        ),
        ("--focus", "internal-to-external", "--due", "next week"): (
            "--due 'next week' is not a date: give it as YYYY-MM-DD"
        ),
    }
    for args, message in cases.items():
        result = ladder("plan", "cto", *args)
        assert (result.exit_code, result.stderr) == (2, f"ladder: {message}\n"), args
    assert data(ladder) == []  # nothing was planned


def test_log_refuses_an_unknown_item_and_a_future_date(ladder: Ladder) -> None:
    unknown = ladder("log", "Did it", "--item", "internal-to-extrnal")
    assert unknown.exit_code == 2
    assert unknown.stderr == (
        "ladder: 'internal-to-extrnal' is not a key shift, behaviour or indicator of any path "
        "(did you mean 'internal-to-external', on the path vp → cto?); `ladder plan` shows "
        "your focus items' ids\n"
    )
    future = ladder("log", "Did it", "--item", "internal-to-external", "--date", "2999-01-01")
    assert future.exit_code == 2
    assert "--date 2999-01-01 is in the future" in future.stderr
    assert json.loads(ladder("log", "-f", "json").stdout) == []


def test_interactive_plan_offers_the_first_items(
    ladder: Ladder, tmp_path: Path, keys: PipeInput
) -> None:
    assessed(ladder, tmp_path)
    keys.send_text(SPACE + DOWN + SPACE + ENTER)
    result = ladder("plan", "cto")
    assert result.exit_code == 0, result.output
    assert "Planned 2 focus items from assessment #1." in result.stderr
    assert [f["id"] for f in data(ladder, "cto")["focus"]] == [
        "technology-as-advantage",
        "internal-to-external",
    ]


def _ics_lines(text: str) -> list[str]:
    """The content lines of an iCalendar file, unfolded, after checking RFC 5545's
    framing: CRLF line ends, lines of at most 75 octets, and BEGIN/END nested right."""
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    raw = text.split("\r\n")[:-1]
    assert all(len(line.encode()) <= 75 for line in raw)
    lines: list[str] = []
    for line in raw:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    open_: list[str] = []
    for line in lines:
        name, _, value = line.partition(":")
        assert name and _ == ":", line
        if name == "BEGIN":
            open_.append(value)
        elif name == "END":
            assert open_.pop() == value
    assert open_ == []
    return lines


def test_the_calendar_parses_with_one_event_per_due_date_and_check_ins(
    ladder: Ladder, tmp_path: Path
) -> None:
    assessed(ladder, tmp_path)
    ladder(
        "plan",
        "cto",
        "--focus",
        "internal-to-external",
        "--focus",
        "technology-as-advantage",
        "--due",
        DUE,
    )
    result = ladder("plan", "cto", "--ics", "-o", str(tmp_path / "plan.ics"))
    assert result.exit_code == 0, result.output
    lines = _ics_lines((tmp_path / "plan.ics").read_bytes().decode())
    assert lines[:3] == ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//laddercli//ladder plan//EN"]
    starts = [line for line in lines if line.startswith("DTSTART;VALUE=DATE:")]
    summaries = [line for line in lines if line.startswith("SUMMARY:")]
    due = DUE.replace("-", "")
    assert starts.count(f"DTSTART;VALUE=DATE:{due}") == 2
    assert summaries[:2] == [
        "SUMMARY:Due: Internal org leadership → External technology leadership",
        "SUMMARY:Due: Ability to drive technology as a competitive advantage",
    ]
    check_ins = [s for s in summaries if s.startswith("SUMMARY:Check-in")]
    assert len(check_ins) == 90 // 28  # every four weeks up to the due date
    first = (date.today() + timedelta(weeks=4)).strftime("%Y%m%d")
    assert f"DTSTART;VALUE=DATE:{first}" in starts
    assert len({line for line in lines if line.startswith("UID:")}) == 2 + len(check_ins)


def test_logged_evidence_is_carried_into_the_template_and_counted_in_confidence(
    ladder: Ladder, tmp_path: Path
) -> None:
    assessed(ladder, tmp_path, day=(date.today() - timedelta(days=30)).isoformat())
    before = (date.today() - timedelta(days=40)).isoformat()  # before that assessment
    since = (date.today() - timedelta(days=2)).isoformat()
    ladder("log", "Old news", "--item", "execution-to-vision", "--date", before)
    ladder(
        "log",
        "Set the tech vision at the offsite",
        "--item",
        "execution-to-vision",
        "--date",
        since,
    )
    template = ladder("assess", "cto", "--template")
    assert template.exit_code == 0, template.output
    assert (
        "  execution-to-vision:\n    rating: null\n"
        f'    note: "{since}: Set the tech vision at the offsite"\n'
    ) in template.stdout
    filled = template.stdout.replace("rating: null", "rating: 3", 1)
    (tmp_path / "filled.yaml").write_text(filled, encoding="utf-8")
    result = ladder("assess", "--answers", str(tmp_path / "filled.yaml"), "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["confidence"]["evidenced"] == 1


def test_a_pulse_asks_only_the_focus_items_and_history_shows_their_movement(
    ladder: Ladder, tmp_path: Path, keys: PipeInput
) -> None:
    assessed(ladder, tmp_path)
    ladder("plan", "cto", "--focus", "technology-as-advantage", "--focus", "internal-to-external")
    keys.send_text(rate(3, 2))  # in the questionnaire's order: internal-to-external first
    result = ladder("assess", "cto", "--focus", "-f", "json")
    assert result.exit_code == 0, result.output
    assert (
        "A pulse: your 2 focus items towards CTO; the other answers are those of assessment #1"
        in flat(result.stderr)
    )
    assert "Saved in your history as assessment #2." in result.stderr
    report = json.loads(result.stdout)
    ratings = {i["id"]: i["rating"] for i in report["items"]}
    assert (ratings["internal-to-external"], ratings["technology-as-advantage"]) == (3, 2)
    assert ratings["vision-beyond-execution"] == 2  # carried from assessment #1
    trend = json.loads(ladder("history", "cto", "-f", "json").stdout)
    assert trend["pulses"] == [2]
    assert trend["focus"] == {"technology-as-advantage": [0, 2], "internal-to-external": [0, 3]}
    text = ladder("history", "cto").stdout
    assert "│ internal-to-external    │       0 │        3 │" in text, text
    focus = data(ladder, "cto")["focus"]
    assert [(f["rating_then"], f["rating_now"]) for f in focus] == [(0, 2), (0, 3)]
    assert "from assessment #1 (vp → cto); now: assessment #2 (a pulse)." in ladder("plan").stdout
    # A second pulse carries the answers of the last full assessment, #1, not the pulse's.
    keys.send_text(rate(1, 1))
    again = ladder("assess", "cto", "--focus")
    assert "those of assessment #1" in flat(again.stderr)


def test_a_pulse_needs_a_plan(ladder: Ladder, tmp_path: Path) -> None:
    assessed(ladder, tmp_path)
    result = ladder("assess", "cto", "--focus")
    assert result.exit_code == 2
    assert result.stderr == (
        "ladder: a pulse asks your plan's focus items, and you have no plan towards cto: make "
        "one with `ladder plan cto --focus ID`\n"
    )
