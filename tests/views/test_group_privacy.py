"""What a report of several raters must not give away about an anonymous group (issue 14,
the tester's findings): a question rated by too few of a group, the original groups
inside a merged "Others", one group's two figures for one question, the dates and the
role content of anonymous responses, and a group a role file shows from under 3."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.helpers import DATA

Ladder = Callable[..., Any]
SELF = DATA / "panel-self.yaml"
MANAGER = DATA / "panel-manager.yaml"
PEER = DATA / "panel-peer-1.yaml"
QUESTION = "partner-with-product"  # self 3, manager 2
QUESTION_TEXT = "Partner closely with Product leadership on product strategy"


def rater_file(
    tmp_path: Path,
    rater: str,
    rating: object,
    *,
    group: str | None = None,
    skip: str | None = None,
    date: str | None = None,
) -> Path:
    """An answers file about Dana Lee from ``rater``, every question rated ``rating``
    but ``skip`` (left out), dated ``date`` where given."""
    text = PEER.read_text(encoding="utf-8")
    text = re.sub(
        r"^rater: .*$", f"rater: {rater}" + (f"\ngroup: {group}" if group else ""), text, flags=re.M
    )
    text = re.sub(r"^(  [a-z-]+): .*$", rf"\1: {rating}", text, flags=re.M)
    if skip:
        text = re.sub(rf"^  {skip}: .*\n", "", text, flags=re.M)
    if date:
        text = re.sub(r"^date: .*$", f"date: '{date}'", text, flags=re.M)
    path = tmp_path / f"{rater}-answers.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def report(ladder: Ladder, *args: object) -> Any:
    result = ladder("report", *map(str, args))
    assert result.exit_code == 0, result.output
    return result


def row(text: str, start: str) -> str:
    """The line of a text table that starts with ``start`` (in its first column)."""
    return next(line for line in text.splitlines() if line.startswith(start))


# --- 1. the floor is per group and question ------------------------------------------------


def three_peers_two_rated(tmp_path: Path) -> list[Path]:
    """Three peers; the third skipped QUESTION, so only two of them rated it: 0 and 0."""
    return [
        rater_file(tmp_path, "peer-1", 0),
        rater_file(tmp_path, "peer-2", 0),
        rater_file(tmp_path, "peer-3", 3, skip=QUESTION),
    ]


def test_a_question_two_of_three_peers_rated_shows_no_figure_of_theirs(
    ladder: Ladder, tmp_path: Path
) -> None:
    peers = three_peers_two_rated(tmp_path)
    data = json.loads(report(ladder, SELF, MANAGER, *peers, "-f", "json").stdout)
    q = next(x for x in data["questions"] if x["id"] == QUESTION)
    # the peers' 0 and 0 count nowhere in the question's figures: the manager's 2 alone
    assert q["ratings"] == {"self": 3, "manager": 2, "Peers (3)": None}
    assert (q["others_mean"], q["others_rated"], q["spread"]) == (2, 1, 0)
    assert QUESTION not in [x["id"] for x in data["raters_disagree"]]
    assert QUESTION not in [x["id"] for x in data["blind_spots"]]
    text = report(ladder, SELF, MANAGER, *peers).stdout
    assert (
        "— in a group's column: fewer of its raters rated the question than the group is "
        "shown from (Peers 3)" in " ".join(text.split())
    )
    disagree = text[text.index("Raters disagree") : text.index("Every question")]
    assert QUESTION_TEXT[:20] not in disagree
    # the others' plan: partner-with-product is the manager's 2 → 3, not (2 + 0) / 2 = 1
    gaps = text[text.index("The plan") :]
    if QUESTION_TEXT[:20] in gaps:
        assert "2 → 3" in gaps[gaps.index(QUESTION_TEXT[:20]) :][:300]
    for fmt in ("markdown", "html"):
        out = report(ladder, SELF, MANAGER, *peers, "-f", fmt).stdout
        assert "fewer of its raters rated the question" in out, fmt


def test_a_merged_group_has_the_same_floor_per_question(ladder: Ladder, tmp_path: Path) -> None:
    files = [
        rater_file(tmp_path, "peer-1", 0),
        rater_file(tmp_path, "peer-2", 0),
        rater_file(tmp_path, "direct-1", 3, skip=QUESTION),
    ]
    data = json.loads(report(ladder, SELF, MANAGER, *files, "-f", "json").stdout)
    q = next(x for x in data["questions"] if x["id"] == QUESTION)
    assert q["ratings"]["Others (3)"] is None
    assert (q["others_mean"], q["others_rated"]) == (2, 1)


def test_peers_alone_with_a_question_two_rated_show_nothing_of_it(
    ladder: Ladder, tmp_path: Path
) -> None:
    peers = three_peers_two_rated(tmp_path)
    data = json.loads(report(ladder, SELF, *peers, "-f", "json").stdout)
    q = next(x for x in data["questions"] if x["id"] == QUESTION)
    assert (q["others_mean"], q["others_rated"], q["spread"], q["difference"]) == (
        None,
        0,
        None,
        None,
    )
    assert QUESTION not in data["combined"]["gaps"]


# --- 2. a merged group does not say where its responses came from --------------------------


def test_the_responses_of_a_merged_group_do_not_say_their_groups(
    ladder: Ladder, tmp_path: Path
) -> None:
    files = [
        rater_file(tmp_path, "peer-1", 3),
        rater_file(tmp_path, "peer-2", 2),
        rater_file(tmp_path, "direct-1", 1),
    ]
    out = report(ladder, SELF, MANAGER, *files, "-f", "json").stdout
    data = json.loads(out)
    assert data["responses"] == [
        {"group": "self", "shown_in": "self"},
        {"group": "manager", "shown_in": "manager"},
        {"shown_in": "others"},
        {"shown_in": "others"},
        {"shown_in": "others"},
    ]
    assert '"direct-report"' not in out and '"peer"' not in out


# --- 3. one figure per group and question ----------------------------------------------------


def test_a_groups_table_figure_is_the_one_its_band_uses(ladder: Ladder, tmp_path: Path) -> None:
    """Peers rating the last indicator 4, 1 and 1: a mean of 2, but counted up to the
    target 3, 1.7, under 2: the figure the band and the Why line go by, shown as such."""
    peers = []
    for n, last in ((1, 4), (2, 1), (3, 1)):
        path = rater_file(tmp_path, f"peer-{n}", 3)
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace("vision-beyond-execution: 3", f"vision-beyond-execution: {last}")
        )
        peers.append(path)
    data = json.loads(report(ladder, SELF, *peers, "-f", "json").stdout)
    q = next(x for x in data["questions"] if x["id"] == "vision-beyond-execution")
    assert round(q["ratings"]["Peers (3)"], 4) == 1.6667
    assert data["groups"][0]["band"] == "Nearly ready"
    text = " ".join(report(ladder, SELF, *peers).stdout.split())
    assert "Rated under 2: Vision that extends beyond engineering execution." in text
    markdown = report(ladder, SELF, *peers, "-f", "markdown").stdout
    rows = [x for x in markdown.splitlines() if x.startswith("| Readiness indicator: Vision")]
    # Every question: self 3, Peers (3) 1.7 (not their plain mean 2), Others combined the
    # same 1.7 (the peers are the only others), and self minus it
    assert "| 3 | 1.7 | 1.7 | 3 | +1.3 |" in rows[1], rows
    assert "Vision that extends beyond engineering execution _(1.7 → 3, priority" in markdown


# --- 4. dates ---------------------------------------------------------------------------------


def test_the_dates_are_the_named_raters_and_anonymous_responses_are_counted(
    ladder: Ladder, tmp_path: Path
) -> None:
    peers = [rater_file(tmp_path, f"peer-{n}", 2) for n in (1, 2)]
    peers.append(rater_file(tmp_path, "peer-3", 2, date="2026-12-24T09:00:00+00:00"))
    for fmt in ("text", "markdown", "html", "json"):
        out = report(ladder, SELF, MANAGER, *peers, "-f", fmt).stdout
        assert "2026-12-24" not in out, fmt
    text = report(ladder, SELF, MANAGER, *peers).stdout
    assert "Dates 2026-11-02 to 2026-11-05; and 3 responses shown without names, not dated" in (
        " ".join(text.split())
    )


# --- 5. the role content of anonymous answers -----------------------------------------------


def with_digest(path: Path, digest: str, tmp_path: Path) -> Path:
    out = tmp_path / f"old-{path.name}"
    text = path.read_text(encoding="utf-8").replace("\ndate:", f"\ndigest: {digest}\ndate:", 1)
    out.write_text(text, encoding="utf-8")
    return out


def test_a_change_in_one_peers_role_content_is_not_counted(ladder: Ladder, tmp_path: Path) -> None:
    peers = [rater_file(tmp_path, f"peer-{n}", 2) for n in (1, 2, 3)]
    peers[2] = with_digest(peers[2], "0123456789ab", tmp_path)
    for fmt in ("text", "markdown", "html"):
        out = " ".join(report(ladder, SELF, MANAGER, *peers, "-f", fmt).stdout.split())
        assert "0123456789ab" not in out and "of the 5 raters" not in out, fmt
        assert "some answers were given against earlier role content" in out, fmt
    assert "0123456789ab" not in report(ladder, SELF, MANAGER, *peers, "-f", "json").stdout
    # the named raters' answers, when theirs alone carry the change, are named
    named = [with_digest(p, "0123456789ab", tmp_path) for p in (SELF, MANAGER)]
    peers = [rater_file(tmp_path, f"peer-{n}", 2) for n in (1, 2, 3)]
    text = " ".join(report(ladder, *named, *peers).stdout.split())
    assert "the answers of self and manager were given against role content 0123456789ab" in text


# --- 6. a group the role file shows from under 3 ---------------------------------------------


def test_a_group_declared_under_3_is_said_to_be_small(ladder: Ladder, tmp_path: Path) -> None:
    roles = tmp_path / "roles"
    roles.mkdir()
    vp = (DATA.parent.parent / "roles" / "vp.yaml").read_text(encoding="utf-8")
    vp = vp.replace(
        "\n  target: 3\n", "\n  target: 3\n  groups:\n    - {id: peer, minimum: 1}\n", 1
    )
    (roles / "vp.yaml").write_text(vp, encoding="utf-8")
    assert ladder("--roles", str(roles), "validate").exit_code == 0
    peer = rater_file(tmp_path, "peer-1", 2)
    said = (
        "Small group: Peers, shown from 1 response as the role file declares (not the 3 that "
        "keep a group anonymous): its raters are not named, but may be recognised."
    )
    for fmt in ("text", "markdown", "html"):
        out = ladder("--roles", str(roles), "report", str(SELF), str(MANAGER), str(peer), "-f", fmt)
        assert out.exit_code == 0, out.output
        flat = re.sub(r"<[^>]+>|\*\*", "", " ".join(out.stdout.split()))
        assert said in flat, fmt
        assert flat.index(said) < flat.index("Readiness by rater"), fmt
    out = ladder("--roles", str(roles), "report", str(SELF), str(MANAGER), str(peer), "-f", "json")
    assert json.loads(out.stdout)["groups"][0]["minimum"] == 1


# --- minor: self beside withheld answers alone -----------------------------------------------


def test_self_beside_withheld_answers_alone_is_self_rated(ladder: Ladder, tmp_path: Path) -> None:
    peers = [rater_file(tmp_path, f"peer-{n}", 3) for n in (1, 2)]
    for fmt in ("text", "markdown", "html"):
        out = " ".join(report(ladder, SELF, *peers, "-f", fmt).stdout.split())
        assert "68.6 (Nearly ready; self-rated)" in out, fmt
        assert "ratings of ;" not in out and "ratings of ." not in out, fmt
        assert "answers are shown: there is no others" in out, fmt
    data = json.loads(report(ladder, SELF, *peers, "-f", "json").stdout)
    assert data["self_rated"] is True
    data = json.loads(report(ladder, SELF, MANAGER, *peers, "-f", "json").stdout)
    assert data["self_rated"] is False
    assert "self-rated" not in report(ladder, SELF, MANAGER, *peers).stdout


def test_groups_withheld_together_are_not_named(ladder: Ladder, tmp_path: Path) -> None:
    """One peer and one direct report, withheld together, were named as "peers and direct
    reports" (and by group in the JSON): set beside a later report in which they make
    "Others (3)", that says which groups "Others" holds."""
    peer = rater_file(tmp_path, "peer-1", 2, group="peer")
    report_ = rater_file(tmp_path, "dr-1", 3, group="direct-report")
    text = ladder("report", str(SELF), str(peer), str(report_))
    assert text.exit_code == 0, text.output
    flat = " ".join(text.stdout.split())
    assert "(groups shown without names: 2 responses, fewer than the 3" in flat
    assert "peers and direct reports" not in flat.lower()
    data = json.loads(ladder("report", str(SELF), str(peer), str(report_), "-f", "json").stdout)
    assert [r for r in data["responses"] if r["shown_in"] is None] == [
        {"group": None, "shown_in": None},
        {"group": None, "shown_in": None},
    ]
    assert "direct" not in data["withheld"]["why"] and "peer" not in data["withheld"]["why"]
