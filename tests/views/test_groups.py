"""Rater groups, anonymity floors and the combined score, through ``ladder report`` (issue
14): what a report of several raters shows, and what it must never show."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import DATA

Ladder = Callable[..., Any]
SELF = DATA / "panel-self.yaml"
MANAGER = DATA / "panel-manager.yaml"
PEER = DATA / "panel-peer-1.yaml"
FORMATS = ("text", "markdown", "html", "json")


def rater_file(
    tmp_path: Path, rater: str, rating: object, *, group: str | None = None, note: str = ""
) -> Path:
    """An answers file about Dana Lee from ``rater``, every question rated ``rating``
    (and its first question noted with ``note``)."""
    text = PEER.read_text(encoding="utf-8")
    text = re.sub(
        r"^rater: .*$", f"rater: {rater}" + (f"\ngroup: {group}" if group else ""), text, flags=re.M
    )
    text = re.sub(r"^(  [a-z-]+): .*$", rf"\1: {rating}", text, flags=re.M)
    if note:
        text = text.replace(
            f"execution-to-vision: {rating}",
            f'execution-to-vision: {{rating: {rating}, note: "{note}"}}',
        )
    text = text.replace("pitfalls: []", "pitfalls: [no-external-presence]")
    path = tmp_path / f"{rater}-answers.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def report(ladder: Ladder, *args: object) -> Any:
    result = ladder("report", *map(str, args))
    assert result.exit_code == 0, result.output
    return result


def test_three_peers_rating_4_2_and_2_combine_to_77_8(ladder: Ladder, tmp_path: Path) -> None:
    peers = [rater_file(tmp_path, f"peer-{n}", r) for n, r in ((1, 4), (2, 2), (3, 2))]
    data = json.loads(report(ladder, *peers, "-f", "json").stdout)
    assert (data["combined"]["readiness"], data["combined"]["band"]) == (77.8, "Nearly ready")
    assert data["groups"][0]["label"] == "Peers" and data["groups"][0]["responses"] == 3
    assert data["withheld"] == {"responses": 0, "why": None}


def test_a_manager_and_three_peers_weigh_as_two_groups(ladder: Ladder, tmp_path: Path) -> None:
    peers = [rater_file(tmp_path, f"peer-{n}", r) for n, r in ((1, 4), (2, 2), (3, 2))]
    manager = rater_file(tmp_path, "manager", 3)
    data = json.loads(report(ladder, manager, *peers, "-f", "json").stdout)
    # (100 + 77.8) / 2: the manager's group and the peers' weigh the same
    assert data["combined"]["readiness"] == 88.9


def test_two_peers_beside_a_manager_are_withheld_everywhere(ladder: Ladder, tmp_path: Path) -> None:
    peers = [
        rater_file(tmp_path, "Raj Mehta", 4, group="peer", note="Raj saw it at the offsite"),
        rater_file(tmp_path, "Ana Lopez", 0, group="peer", note="Ana never saw it"),
    ]
    alone = json.loads(report(ladder, MANAGER, SELF, "-f", "json").stdout)
    for fmt in FORMATS:
        out = report(ladder, SELF, MANAGER, *peers, "-f", fmt).stdout
        for secret in ("Raj", "Ana", "Mehta", "Lopez", "-answers", "offsite", "never saw"):
            assert secret not in out, (fmt, secret)
    data = json.loads(report(ladder, SELF, MANAGER, *peers, "-f", "json").stdout)
    assert data["combined"]["readiness"] == alone["combined"]["readiness"] == 70.5
    assert data["withheld"]["responses"] == 2
    assert [r["rater"] for r in data["raters"]] == ["self", "manager"]
    # the manager's pitfalls only: the peers ticked no-external-presence too, but count nowhere
    text = report(ladder, SELF, MANAGER, *peers).stdout
    assert "Withheld: 2 responses are left out of this report (peers: 2 responses" in text
    assert "Readiness for CTO: 2 raters" in text


def test_three_peers_are_one_group_without_names(ladder: Ladder, tmp_path: Path) -> None:
    peers = [
        rater_file(tmp_path, name, r, group="peer", note=f"{name} noted this")
        for name, r in (("Raj Mehta", 4), ("Ana Lopez", 2), ("Kim Wu", 2))
    ]
    for fmt in FORMATS:
        out = report(ladder, SELF, MANAGER, *peers, "-f", fmt).stdout
        assert "Peers (3)" in out, fmt
        for secret in ("Raj Mehta:", "Ana Lopez:", "Kim Wu:", "-answers.yaml", '"rater": "Raj'):
            assert secret not in out, (fmt, secret)
    text = report(ladder, SELF, MANAGER, *peers).stdout
    # the notes are under the group, in the order of their text, not of the files
    notes = [n for n in ("Ana Lopez noted", "Kim Wu noted", "Raj Mehta noted") if n in text]
    assert notes == ["Ana Lopez noted", "Kim Wu noted", "Raj Mehta noted"]
    assert text.index("Ana Lopez noted") < text.index("Kim Wu noted") < text.index("Raj Mehta")
    assert "Peers: 3 of 3)" in text  # the pitfall ticked by all three, counted
    data = json.loads(report(ladder, SELF, MANAGER, *peers, "-f", "json").stdout)
    assert sorted(r["group"] for r in data["responses"]) == [
        "manager",
        "peer",
        "peer",
        "peer",
        "self",
    ]
    assert "Raj" not in json.dumps(data)


def test_named_shows_every_rater_and_says_so(ladder: Ladder, tmp_path: Path) -> None:
    peers = [rater_file(tmp_path, n, 2, group="peer") for n in ("Raj Mehta", "Ana Lopez")]
    text = report(ladder, SELF, MANAGER, *peers, "--named").stdout
    head = text[: text.index("Readiness by rater")]
    assert "Named report: every rater is shown by name and no response is withheld" in head
    assert "Raj Mehta" in text and "Ana Lopez" in text
    data = json.loads(report(ladder, SELF, MANAGER, *peers, "--named", "-f", "json").stdout)
    assert [r["rater"] for r in data["raters"]] == ["self", "manager", "Raj Mehta", "Ana Lopez"]
    assert data["named"] is True and data["withheld"]["responses"] == 0


def test_an_old_set_without_groups_still_gives_a_report(ladder: Ladder, tmp_path: Path) -> None:
    peers = [rater_file(tmp_path, f"peer-{n}", 3) for n in (2, 3)]
    data = json.loads(report(ladder, SELF, MANAGER, PEER, *peers, "-f", "json").stdout)
    assert sorted(r["group"] for r in data["responses"]) == [
        "manager",
        "peer",
        "peer",
        "peer",
        "self",
    ]
    assert data["groups"][0]["label"] == "Peers" and data["groups"][0]["responses"] == 3
    other = rater_file(tmp_path, "skip-level", 3)
    data = json.loads(report(ladder, SELF, MANAGER, other, "-f", "json").stdout)
    assert data["responses"][-1] == {"group": "other", "shown_in": None}


def test_small_groups_merge_into_others(ladder: Ladder, tmp_path: Path) -> None:
    files = [
        rater_file(tmp_path, "peer-1", 3),
        rater_file(tmp_path, "peer-2", 3),
        rater_file(tmp_path, "direct-1", 1),
    ]
    data = json.loads(report(ladder, SELF, *files, "-f", "json").stdout)
    assert [(g["label"], g["responses"]) for g in data["groups"]] == [("Others", 3)]
    assert data["withheld"]["responses"] == 0


def test_blind_spots_need_two_others_and_agreement(ladder: Ladder, tmp_path: Path) -> None:
    # self and the manager alone: one other rater, no blind spot however far apart
    data = json.loads(report(ladder, SELF, MANAGER, "-f", "json").stdout)
    assert data["blind_spots"] == [] and data["hidden_strengths"] == []
    peers = [rater_file(tmp_path, f"peer-{n}", r) for n, r in ((1, 0), (2, 0), (3, 0))]
    data = json.loads(report(ladder, SELF, MANAGER, *peers, "-f", "json").stdout)
    by_id = {q["id"]: q for q in data["questions"]}
    # partner-with-product: self 3, manager 2, peers 0: the others spread 2 points
    assert by_id["partner-with-product"]["spread"] == 2
    assert "partner-with-product" in [q["id"] for q in data["raters_disagree"]]
    assert "partner-with-product" not in [q["id"] for q in data["blind_spots"]]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "group: friends",
            "group: 'friends' is not a group of this path: use one of self, manager, "
            "peer, direct-report, other",
        ),
        ("group: self", "group: the group self is for answers from rater: self"),
    ],
)
def test_a_bad_group_is_refused_with_its_line(
    ladder: Ladder, tmp_path: Path, line: str, message: str
) -> None:
    bad = tmp_path / "peer.yaml"
    bad.write_text(
        PEER.read_text(encoding="utf-8").replace("rater: peer-1", f"rater: peer-1\n{line}")
    )
    result = ladder("report", str(SELF), str(bad))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{bad}:5:8: {message}"), result.stderr


def test_the_template_keeps_the_group(ladder: Ladder, tmp_path: Path) -> None:
    out = tmp_path / "t.yaml"
    result = ladder(
        "assess", "cto", "--template", "--rater", "Raj", "--group", "peer", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    assert "\nrater: Raj\ngroup: peer\n" in out.read_text(encoding="utf-8")
    result = ladder(
        "assess", "cto", "--template", "--group", "friends", "-o", str(tmp_path / "u.yaml")
    )
    assert result.exit_code == 2
    assert "--group 'friends' is not a group of this path" in result.stderr


def test_self_beside_two_withheld_peers_is_a_report_of_one(ladder: Ladder, tmp_path: Path) -> None:
    peers = [rater_file(tmp_path, f"peer-{n}", 3) for n in (1, 2)]
    text = report(ladder, SELF, *peers).stdout
    assert "Readiness for CTO: 1 rater\n" in text
    assert "Others combined: no other rater's answers are shown." in text
    data = json.loads(report(ladder, SELF, *peers, "-f", "json").stdout)
    assert (data["combined"]["readiness"], data["withheld"]["responses"]) == (None, 2)


def test_an_option_to_weigh_is_no_blind_spot(ladder: Ladder, tmp_path: Path) -> None:
    """Self has acted on every option of the CEO path, three peers say not considered:
    the options are the person's own to weigh, in no blind spot nor disagreement."""
    options = ("outside-ceo-roles", "founder-experience", "smaller-company-ceo")
    files = []
    for rater, group, value in (("self", None, 2), ("p1", "peer", 0), ("p2", "peer", 0)):
        lines = ["from: vp", "to: ceo", "person: Dana Lee", f"rater: {rater}"]
        lines += [f"group: {group}"] if group else []
        lines += ["answers:", "  read-and-manage-pl: 3"]
        lines += [f"  {option}: {value}" for option in options]
        path = tmp_path / f"{rater}.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        files.append(str(path))
    data = json.loads(ladder("report", *files, "--named", "-f", "json").stdout)
    assert data["blind_spots"] == [] and data["raters_disagree"] == []
    assert "alternative-paths" not in json.dumps(data["combined"])
