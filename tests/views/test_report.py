"""Reports that travel: markdown, JSON and HTML export, `ladder report`, several raters,
the role-content digest, and atomic writes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from tests.helpers import DATA, ROOT

Ladder = Callable[..., Any]
ANSWERS = DATA / "answers-vp-cto.yaml"
PANEL = [DATA / f"panel-{name}.yaml" for name in ("self", "manager", "peer-1")]
DIGEST_CTO = "b5fce9c7e3d9"
ARTEFACTS = Path(os.environ.get("LADDER_ARTEFACTS") or ROOT / "build" / "test-artefacts")


def report(ladder: Ladder, *args: object) -> Any:
    result = ladder("report", *map(str, args))
    assert result.exit_code == 0, result.output
    return result


def parse(markdown: str) -> list[Token]:
    return MarkdownIt("commonmark").enable("table").parse(markdown)


def headings(tokens: list[Token]) -> list[str]:
    return [
        f"{open_.tag} {inline.content}"
        for open_, inline in zip(tokens, tokens[1:], strict=False)
        if open_.type == "heading_open"
    ]


def tables(tokens: list[Token]) -> list[list[list[str]]]:
    """Every table as rows of cell texts (the header row first)."""
    found: list[list[list[str]]] = []
    for token in tokens:
        if token.type == "table_open":
            found.append([])
        elif token.type == "tr_open":
            found[-1].append([])
        elif token.type == "inline" and found and found[-1] and token.level >= 4:
            found[-1][-1].append(token.content)
        elif token.type == "table_close":
            found[-1] = [row for row in found[-1] if row]
    return found


# --- markdown -----------------------------------------------------------------------------


def test_markdown_report_structure(ladder: Ladder, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    result = report(ladder, ANSWERS, "-o", out)
    assert f"Wrote the Markdown report to {out}" in result.stderr
    text = out.read_text(encoding="utf-8")
    tokens = parse(text)
    assert headings(tokens) == [
        "h1 Readiness for CTO",
        "h2 Next actions",
        "h2 Areas",
        "h2 The plan",
        "h2 Pitfalls you checked",
        "h2 Your evidence",
        "h2 The path",
    ]
    # what it was scored against, stated at the top
    assert "- **Path:** VP of Engineering → CTO\n- **Rater:** self\n" in text
    assert "- **Date:** 2026-11-20\n" in text
    assert f"- **Role content:** digest {DIGEST_CTO} (21 questions, 5 pitfalls)" in text
    assert "**Readiness:** 68.6 / 100 (Nearly ready; self-rated) `" in text
    # what it was scored against: the role content, at the end
    last = f"- **Role content:** digest {DIGEST_CTO} (21 questions, 5 pitfalls)"
    assert text.rstrip().endswith(last)
    (areas,) = tables(tokens)
    assert areas[0] == ["Key action", "Score", "Out of 100"]  # the bars' column, named
    assert [row[:2] for row in areas[1:]] == [
        ["**1. Develop Deep Product Intuition**", "96.3"],
        ["**2. Build External Technology Presence**", "50"],
        ["**3. Drive Technology Differentiation**", "66.7"],
        ["**4. Expand Business Acumen**", "66.7"],
    ]


def test_one_plan_first_item_is_the_top_gap_and_each_question_once(ladder: Ladder) -> None:
    """The plan starts with the biggest gap (gap × weight), a key shift has its own item,
    each question appears once, and the checked pitfall raises the items guarding it."""
    text = report(ladder, ANSWERS, "-f", "markdown").stdout
    plan = text[text.index("## The plan") : text.index("## Pitfalls you checked")]
    items = re.findall(r"^\d+\. \[ \] (.*)$", plan, flags=re.M)  # a numbered checklist
    assert items[:4] == [
        "Readiness indicator: Ability to drive technology as a competitive advantage "
        "_(1 → 3, priority 6)_",
        "Readiness indicator: External thought leadership and industry presence "
        "_(2 → 3, priority 6)_",
        "Key shift: Internal org leadership → External technology leadership _(1 → 3, priority 4)_",
        "Behaviour: Speak at major conferences on technology trends _(0 → 3, priority 4)_",
    ]
    assert len(items) == len(set(items)) == 14
    data = json.loads(report(ladder, ANSWERS, "-f", "json").stdout)
    assert [p["id"] for p in data["plan"]][:3] == [
        "technology-as-advantage",
        "external-thought-leadership",
        "internal-to-external",
    ]
    assert data["gaps"] == [p["id"] for p in data["plan"]][:5]
    assert data["plan"][1]["raised_by"] == ["no-external-presence"]
    assert (data["plan"][1]["priority"], data["plan"][1]["rank"]) == (3, 6)


def test_the_answer_is_on_the_first_screen_at_80_columns(
    ladder: Ladder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    lines = report(ladder, ANSWERS).stdout.splitlines()
    shown = "68.6 / 100 (Nearly ready; self-rated)"
    figure = next(n for n, line in enumerate(lines, 1) if shown in line)
    first = next(n for n, line in enumerate(lines, 1) if "1. Readiness indicator: Ability" in line)
    assert figure <= 10
    assert first <= 30
    assert lines[-1] == f"  Role content  digest {DIGEST_CTO} (21 questions, 5 pitfalls)"


# --- JSON -----------------------------------------------------------------------------------


def test_json_report_fields(ladder: Ladder, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    report(ladder, ANSWERS, "-o", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert list(data) == [
        "from",
        "to",
        "rater",
        "person",
        "date",
        "scored",
        "digest",
        "content",
        "readiness",
        "band",
        "self_rated",
        "areas",
        "items",
        "gaps",
        "plan",
        "options",
        "actions",
        "pitfalls",
        "since_last",
        "timeline",
        "confidence",
    ]
    assert (data["from"], data["to"], data["rater"], data["person"]) == ("vp", "cto", "self", None)
    assert data["digest"] == DIGEST_CTO
    assert data["content"] == {
        "digest": DIGEST_CTO,
        "questions": 21,
        "answered_digest": None,
        "changed": None,
    }
    assert (data["readiness"], data["band"]) == (68.6, "Nearly ready")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", data["scored"])


# --- HTML -----------------------------------------------------------------------------------


def test_html_is_one_self_contained_page(ladder: Ladder, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    report(ladder, "--named", *PANEL, "-o", out)
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<style>" in page and "@media print" in page and "@page" in page
    for fetch in ("<script", "<link", "src=", "url(", "@import"):
        assert fetch not in page, fetch
    assert re.findall(r"https?://[^\s\"']+", page) == ["http://www.w3.org/2000/svg"]
    assert page.count("<svg") == 1
    series = re.findall(r'<polygon class="series" data-series="([^"]+)"', page)
    assert series == ["manager", "peer-1", "Others combined", "self"]  # self on top
    legend = re.findall(r'<span class="swatch" style="background:[^"]+"></span>([^<]+)<', page)
    assert legend == ["self", "manager", "peer-1", "Others combined"]  # in its order
    assert "<title>Readiness for CTO: 3 raters</title>" in page
    assert f"digest {DIGEST_CTO}" in page


def test_html_styles_chart_series_by_their_kind_not_their_name() -> None:
    """Self is drawn on top and the others' combined dashed because of the series' kind:
    a series named "self" or "others" is styled as any other rater (issue 13)."""
    from laddercli.render.document import Radar, Series
    from laddercli.render.html import OTHERS_COLOUR, radar_svg

    svg = radar_svg(
        Radar(
            ("a", "b", "c"),
            (
                Series("me", (10, 20, 30), "self"),
                Series("self", (40, 50, 60)),
                Series("others", (70, 80, 90)),
                Series("the rest", (20, 20, 20), "others"),
            ),
        )
    )
    polygons = re.findall(r'<polygon class="series" data-series="([^"]+)"[^>]*>', svg)
    assert polygons == ["self", "others", "the rest", "me"]  # "me" (kind self) on top
    dashed = re.findall(r'data-series="([^"]+)"[^>]*stroke-dasharray', svg)
    assert dashed == ["the rest"]
    assert svg.count(f'fill="{OTHERS_COLOUR}"') == 1 + 3  # its polygon and its 3 points


def test_html_escapes_what_raters_wrote(ladder: Ladder, tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "from: vp\nto: cto\nanswers:\n"
        '  partner-with-product: {rating: 3, note: "<script>alert(1)</script> & co"}\n',
        encoding="utf-8",
    )
    page = report(ladder, answers, "-f", "html").stdout
    assert re.search(r"<dd>\d{4}-\d\d-\d\d \(scored; the answers carry no date\)</dd>", page)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page


def print_rules() -> dict[str, dict[str, str]]:
    """The rules under @media print, by selector: {"li.group": {"break-inside": "auto"}}."""
    from laddercli.render.html import CSS

    css = re.sub(r"/\*.*?\*/", "", CSS, flags=re.S)
    start = css.index("{", css.index("@media print")) + 1
    depth, end = 1, start
    while depth:
        depth += {"{": 1, "}": -1}.get(css[end], 0)
        end += 1
    rules: dict[str, dict[str, str]] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css[start : end - 1]):
        declarations = {
            name.strip(): value.strip()
            for name, _, value in (d.partition(":") for d in body.split(";") if d.strip())
        }
        for selector in selectors.split(","):
            rules.setdefault(" ".join(selector.split()), {}).update(declarations)
    return rules


def test_print_keeps_small_things_whole_and_lets_sections_flow() -> None:
    rules = print_rules()
    for whole in ("tr", "li", "figure", "blockquote", ".headline", "dl"):
        assert rules[whole]["break-inside"] == "avoid", whole
    # an item holding a list (a development action, a key action) is a section: it flows
    assert rules["li.group"]["break-inside"] == "auto"
    # so do tables, lists and whole sections: none is kept on one page
    for flows in ("table", "table.bars", "ul", "ol", "section", "main", "body"):
        assert rules.get(flows, {}).get("break-inside", "auto") == "auto", flows
    # a heading stays with its lead paragraph and the first row or item after it
    for heading in ("h1", "h2", "h3", "h4", "h2 + p"):
        assert rules[heading]["break-after"] == "avoid", heading
    assert rules["li.group > p:not(.example)"]["break-after"] == "avoid"
    assert rules["li.group > p:first-of-type"]["break-before"] == "avoid"
    assert rules["p"]["orphans"] == "3" and rules["p"]["widows"] == "3"
    assert rules["thead"]["display"] == "table-header-group"
    # no fixed width shrinks the chart in print: it keeps its size against the text
    assert not {"width", "max-width"} & set(rules.get("figure.radar", {}))
    assert not {"width", "max-width"} & set(rules.get("figure.radar svg", {}))


def test_the_chart_is_readable_in_print(ladder: Ladder) -> None:
    """The chart is sized in rem, one unit of its drawing to 1/16 rem: in print (11 pt to
    the rem) its axis labels and the scale's figures come out at 8 pt or more, and the
    caption is no bigger than the labels."""
    from laddercli.render.html import LABEL_SIZE, TICK_SIZE

    page = report(ladder, "--named", *PANEL, "-f", "html").stdout
    svg = re.search(r"<svg [^>]*>", page)
    assert svg
    view_width = float(svg[0].split('viewBox="')[1].split()[2])
    width_rem = float(re.findall(r'style="width:([\d.]+)rem"', svg[0])[0])
    assert abs(width_rem * 16 - view_width) < 0.1
    root = print_rules()["html"]["font-size"]
    assert root.endswith("pt")
    pt_per_unit = float(root.removesuffix("pt")) / 16
    assert LABEL_SIZE * pt_per_unit >= 8.5
    assert TICK_SIZE * pt_per_unit >= 8
    assert f'font-size="{LABEL_SIZE}"' in svg[0]
    caption = re.search(r"figure\.radar figcaption \{[^}]*font-size: ([\d.]+)em", page)
    assert caption and float(caption[1]) * 10.5 <= LABEL_SIZE * pt_per_unit + 0.1


def test_the_scale_is_on_top_of_the_outlines_with_a_halo(ladder: Ladder) -> None:
    svg = (
        report(ladder, "--named", *PANEL, "-f", "html")
        .stdout.split("<svg", 1)[1]
        .split("</svg>")[0]
    )
    ticks = re.findall(r'<text class="tick"[^>]*>(\d+)</text>', svg)
    assert ticks == ["25", "50", "75", "100"]
    # drawn after every outline and dot, so none covers them; a white halo behind each
    assert svg.index('class="tick"') > svg.rindex('class="series"')
    assert svg.index('class="tick"') > svg.rindex("<circle")
    for tick in re.findall(r'<text class="tick"[^>]*>', svg):
        assert 'stroke="#fff"' in tick and 'paint-order="stroke"' in tick


def _distance_to_segment(
    p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]
) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / ((dx * dx + dy * dy) or 1.0)))
    return float(((px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2) ** 0.5)


@pytest.mark.parametrize("axes", [3, 4, 5, 6, 8])
def test_the_scale_stands_clear_of_the_spokes(axes: int) -> None:
    """The rings' figures (25, 50, 75, 100) stand halfway between two axes, where no spoke
    runs: each figure, as wide as its digits and as tall as its font, is clear of every
    spoke; the outlines that may cross it are under its white halo (the test above)."""
    from laddercli.render.document import Radar, Series
    from laddercli.render.html import CHAR_WIDTH, TICK_SIZE, radar_svg

    radar = Radar(
        tuple(f"Area {n}" for n in range(axes)),
        (Series("self", tuple(float(10 + 80 * (n % 2)) for n in range(axes)), "self"),),
    )
    svg = radar_svg(radar)
    spokes = [
        (float(x), float(y))
        for x, y in re.findall(r'<line x1="0" y1="0" x2="([-\d.]+)" y2="([-\d.]+)"', svg)
    ]
    assert len(spokes) == axes
    ticks = re.findall(r'<text class="tick" x="([-\d.]+)" y="([-\d.]+)"[^>]*>(\d+)</text>', svg)
    assert [t for _, _, t in ticks] == ["25", "50", "75", "100"]
    for x, y, text in ticks:
        half_diagonal = ((len(text) * TICK_SIZE * CHAR_WIDTH) ** 2 + TICK_SIZE**2) ** 0.5 / 2
        nearest = min(_distance_to_segment((float(x), float(y)), (0, 0), s) for s in spokes)
        assert nearest > half_diagonal, (text, nearest, half_diagonal)


def test_html_structure_for_print_and_tables(ladder: Ladder) -> None:
    page = report(ladder, ANSWERS, "-f", "html").stdout
    plan = page[page.index("<h2>The plan</h2>") : page.index("<h2>Pitfalls")]
    assert plan.count("<li>") == 14 and '<li class="group">' not in plan  # each kept whole
    evidence = page[page.index("<h2>Your evidence</h2>") :]
    assert '<li class="group">' not in evidence  # a short item is kept whole
    # a table is not split after its first row at a page break, nor before its last
    assert "tbody tr:first-child { break-after: avoid; page-break-after: avoid; }" in page
    assert "tbody tr:last-child { break-before: avoid; page-break-before: avoid; }" in page
    # the bars' table has no empty header: its value heading spans the bar and the figure
    assert '<th scope="col"></th>' not in page
    assert '<th scope="col" colspan="2" class="num">Score</th>' in page
    # a command's option is not broken after its dashes at the end of a line
    assert 'add notes (<span class="nowrap">--evidence</span>)' in page


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("LADDER_REQUIRE_BROWSER"),
    reason="Chromium is not installed (.ci/run installs it and requires this test)",
)


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM, "LADDER_REQUIRE_BROWSER is set, but there is no chromium on PATH"
    profile = tmp_path / f"chromium-{len(list(tmp_path.iterdir()))}"
    return subprocess.run(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def colour_pixels(png: Path, colour: str, tolerance: int = 24) -> int:
    from PIL import Image

    want = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    with Image.open(png) as image:
        raw = image.convert("RGB").tobytes()
    return sum(
        1
        for i in range(0, len(raw), 3)
        if all(abs(raw[i + k] - want[k]) <= tolerance for k in range(3))
    )


@needs_chromium
def test_html_renders_in_chromium_with_its_radar_chart(ladder: Ladder, tmp_path: Path) -> None:
    from laddercli.render.html import PALETTE

    page = tmp_path / "report.html"
    report(ladder, "--named", *PANEL, "-o", page)
    url = page.as_uri()

    dom = chromium(tmp_path, "--dump-dom", url).stdout
    assert "<h1>Readiness for CTO: 3 raters</h1>" in dom
    assert dom.count('class="series"') == 4 and "</svg>" in dom

    shot = tmp_path / "report.png"
    chromium(tmp_path, "--window-size=1000,2000", f"--screenshot={shot}", url)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, ARTEFACTS / "report-3-raters.png")
    shutil.copyfile(page, ARTEFACTS / "report-3-raters.html")
    # The chart is drawn: the manager's and peer-1's outlines (colours used nowhere else
    # but in their legend swatches, about 120 pixels each) cover several times more.
    assert colour_pixels(shot, PALETTE[1]) > 400
    assert colour_pixels(shot, PALETTE[2]) > 400

    pdf = tmp_path / "report.pdf"
    chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", url)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = max(int(n) for n in re.findall(rb"/Count (\d+)", data))
    # 6 pages of A4 with DejaVu Sans since the others' plan is the one plan, every question
    # under the target (a page and a half; 5 with five top gaps and a plan by area); 7 or
    # more when a block is kept whole and pushed to a page of its own
    assert 2 <= pages <= 6
    shutil.copyfile(pdf, ARTEFACTS / "report-3-raters.pdf")


@needs_chromium
def test_a_history_trend_renders_in_chromium_with_its_chart(ladder: Ladder, tmp_path: Path) -> None:
    """The trend page (issue 16): the browser reports no error in its drawing, and the
    readiness line is drawn in the first screen's top, above the assessments' bars."""
    from laddercli.history import store
    from laddercli.render.html import PALETTE

    with store.Store.open(tmp_path / "ladder-home" / "history.sqlite3") as db:
        for date, readiness in (("2026-03-02", 33.3), ("2026-06-10", 55.2), ("2026-09-15", 70.5)):
            db.save(
                store.NewAssessment(
                    date=date,
                    source="vp",
                    target="cto",
                    rater="self",
                    person=None,
                    digest=DIGEST_CTO,
                    readiness=readiness,
                    band="Developing",
                    areas=(),
                    answers={},
                )
            )
    page = tmp_path / "trend.html"
    result = ladder("history", "cto", "-o", str(page))
    assert result.exit_code == 0, result.output
    url = page.as_uri()

    run = chromium(tmp_path, "--enable-logging=stderr", "--v=0", "--dump-dom", url)
    assert '<svg class="trend"' in run.stdout and "<polyline" in run.stdout
    console = [line for line in run.stderr.splitlines() if ":CONSOLE" in line]
    assert console == []

    shot = tmp_path / "trend.png"
    chromium(tmp_path, "--window-size=1000,180", f"--screenshot={shot}", url)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, ARTEFACTS / "history-trend.png")
    shutil.copyfile(page, ARTEFACTS / "history-trend.html")
    # In the top 180 pixels only the chart is drawn in this colour (the bars are lower):
    # its line, 48 pixels across and 2 thick, and its dots, about 95 pixels in all.
    assert colour_pixels(shot, PALETTE[0]) > 60


# --- several raters ---------------------------------------------------------------------------


def test_three_raters_figures(ladder: Ladder) -> None:
    data = json.loads(report(ladder, "--named", *PANEL, "-f", "json").stdout)
    assert data["person"] == "Dana Lee"
    assert [(r["rater"], r["readiness"], r["band"]) for r in data["raters"]] == [
        ("self", 68.6, "Nearly ready"),
        ("manager", 70.5, "Nearly ready"),
        ("peer-1", 69.6, "Nearly ready"),
    ]
    combined = data["combined"]
    assert combined["raters"] == ["manager", "peer-1"]
    assert (combined["readiness"], combined["band"]) == (70.0, "Nearly ready")
    assert [a["score"] for a in combined["areas"]] == [79.6, 58.3, 77.8, 66.7]

    def short(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        return [(r["id"], r["self"], r["others_mean"], r["difference"]) for r in rows]

    assert short(data["blind_spots"]) == [
        ("partner-with-product", 3, 1.5, 1.5),
        ("contribute-to-product-vision", 3, 1.5, 1.5),
    ]
    assert short(data["hidden_strengths"]) == [
        ("speak-at-conferences", 0, 1.5, -1.5),
        ("technology-as-advantage", 1, 2.5, -1.5),
    ]
    by_id = {q["id"]: q for q in data["questions"]}
    # half a point apart is neither
    assert short([by_id["vision-beyond-execution"]]) == [("vision-beyond-execution", 3, 2.5, 0.5)]
    # peer-1 said not applicable: the others' mean is the manager's rating alone
    assert by_id["lead-rnd-initiatives"]["ratings"] == {"self": 2, "manager": 2, "peer-1": "na"}
    assert by_id["lead-rnd-initiatives"]["others_mean"] == 2


def test_three_raters_text_report(ladder: Ladder) -> None:
    text = report(ladder, "--named", *PANEL).stdout
    assert "Readiness for CTO: 3 raters" in text
    assert "Person  Dana Lee" in text
    assert "Raters  self, manager, peer-1" in text
    assert "Dates   2026-11-02 to 2026-11-07" in text
    lines = [line.strip() for line in text.splitlines()]
    assert "self             ██████████████░░░░░░  68.6 (Nearly ready)" in lines
    assert "Others combined  ██████████████░░░░░░    70 (Nearly ready)" in lines
    spots = text[text.index("Blind spots") : text.index("Hidden strengths")]
    assert "Partner closely with" in spots and "+1.5" in spots
    assert "Speak at major" not in spots
    strengths = text[text.index("Hidden strengths") : text.index("Every question")]
    assert "Speak at major" in strengths and "-1.5" in strengths
    assert "Lacking external presence and industry credibility (self, manager)" in text
    assert "Her platform bet won us the Acme deal" in text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_three_raters_markdown(ladder: Ladder) -> None:
    text = report(ladder, "--named", *PANEL, "-f", "markdown").stdout
    tokens = parse(text)
    assert headings(tokens)[:7] == [
        "h1 Readiness for CTO: 3 raters",
        "h2 Next actions (others combined)",
        "h2 Readiness by rater",
        "h2 Areas",
        "h2 Blind spots",
        "h2 Hidden strengths",
        "h2 Every question",
    ]
    found = tables(tokens)[1:]  # after the summary's readiness, self and others combined
    assert found[1][0] == ["Key action", "self", "manager", "peer-1", "Others combined"]
    assert found[1][1] == ["**1. Develop Deep Product Intuition**", "96.3", "74.1", "85.2", "79.6"]
    assert found[2][0] == ["Question", "Self", "Others combined", "Difference"]
    assert "1. [ ] " in text  # the plan, a numbered checklist as in the one-rater report


def test_without_a_self_assessment_there_are_no_blind_spots(ladder: Ladder) -> None:
    text = report(ladder, "--named", PANEL[1], PANEL[2]).stdout
    assert "No self-assessment: none of these answers is a self-assessment" in text
    assert "Blind spots" not in text
    data = json.loads(report(ladder, "--named", PANEL[1], PANEL[2], "-f", "json").stdout)
    assert data["combined"]["raters"] == ["manager", "peer-1"]
    assert data["blind_spots"] == [] and data["hidden_strengths"] == []


def _variant(tmp_path: Path, source: Path, name: str, **changes: str) -> Path:
    text = source.read_text(encoding="utf-8")
    for old, new in changes.items():
        text = re.sub(rf"^{old}: .*$", f"{old}: {new}", text, flags=re.M)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_files_about_different_people_are_refused(ladder: Ladder, tmp_path: Path) -> None:
    other = _variant(tmp_path, PANEL[1], "manager.yaml", person="Sam Park")
    result = ladder("report", str(PANEL[0]), str(other))
    assert result.exit_code == 2
    assert result.stderr == (
        f"ladder: {PANEL[0]} is about Dana Lee and {other} about Sam Park; one report brings "
        "together answers about one person\n"
    )


def test_files_for_different_paths_are_refused(ladder: Ladder, tmp_path: Path) -> None:
    ceo = tmp_path / "ceo.yaml"
    assert ladder("assess", "ceo", "--template", "-o", str(ceo)).exit_code == 0
    result = ladder("report", str(PANEL[0]), str(ceo))
    assert result.exit_code == 2
    assert f"{PANEL[0]} is for the path vp → cto and {ceo} for vp → ceo" in result.stderr


def test_two_files_from_one_rater_are_refused(ladder: Ladder, tmp_path: Path) -> None:
    again = _variant(tmp_path, PANEL[2], "peer.yaml", rater="manager")
    result = ladder("report", str(PANEL[1]), str(again))
    assert result.exit_code == 2
    assert f"{PANEL[1]} and {again} are both from rater manager" in result.stderr


def test_report_needs_a_file(ladder: Ladder) -> None:
    result = ladder("report")
    assert result.exit_code == 2
    assert "name one or more answers files" in result.stderr


def test_a_bad_file_among_several_is_named(ladder: Ladder, tmp_path: Path) -> None:
    bad = tmp_path / "peer-2.yaml"
    bad.write_text("from: vp\nto: cto\nrater: peer-2\nanswers:\n  partner-with-product: 7\n")
    result = ladder("report", *map(str, PANEL), str(bad))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{bad}:5:25: answers.partner-with-product: rating 7 is off")


def test_template_names_the_person(ladder: Ladder, tmp_path: Path) -> None:
    out = tmp_path / "t.yaml"
    result = ladder(
        "assess", "cto", "--template", "--rater", "manager", "--person", "Dana Lee", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "\nrater: manager\nperson: Dana Lee\n" in text
    assert f"\ndigest: {DIGEST_CTO}\n" in text


# --- the digest of the role content -----------------------------------------------------------


def test_a_report_says_what_changed_in_the_role_content(ladder: Ladder, tmp_path: Path) -> None:
    """Saved answers carry the digest; a later report against changed roles names the
    questions added and removed, and scores the rest."""
    saved = tmp_path / "saved.yaml"
    assert ladder("assess", "cto", "--template", "-o", str(saved)).exit_code == 0
    text = saved.read_text(encoding="utf-8").replace("rating: null", "rating: 3")
    saved.write_text(text, encoding="utf-8")
    roles = tmp_path / "roles"
    roles.mkdir()
    vp = (ROOT / "roles" / "vp.yaml").read_text(encoding="utf-8")
    assert vp.count("id: speak-at-conferences") == 1
    vp = vp.replace("id: speak-at-conferences", "id: keynote-at-conferences")
    (roles / "vp.yaml").write_text(vp, encoding="utf-8")

    result = ladder("--roles", str(roles), "report", str(saved))
    assert result.exit_code == 0, result.output
    flat = " ".join(result.stdout.split())
    assert (
        f"The role content has changed: these answers were given against role content "
        f"{DIGEST_CTO}; the role files now give" in flat
    )
    assert (
        "Added since, so not answered here: Speak at major conferences on technology trends "
        "(keynote-at-conferences). Removed since, so left out here: speak-at-conferences."
    ) in flat
    data = json.loads(ladder("--roles", str(roles), "report", str(saved), "-f", "json").stdout)
    assert data["content"]["answered_digest"] == DIGEST_CTO
    assert data["content"]["digest"] != DIGEST_CTO
    assert data["content"]["changed"] == {
        "added": ["keynote-at-conferences"],
        "removed": ["speak-at-conferences"],
    }
    assert data["readiness"] == 100


def test_without_a_change_an_unknown_id_is_still_an_error(ladder: Ladder, tmp_path: Path) -> None:
    saved = tmp_path / "saved.yaml"
    saved.write_text(
        f"from: vp\nto: cto\ndigest: {DIGEST_CTO}\nanswers:\n  speak-at-conference: 2\n",
        encoding="utf-8",
    )
    result = ladder("report", str(saved))
    assert result.exit_code == 2
    assert "unknown question id 'speak-at-conference'" in result.stderr
    assert "did you mean 'speak-at-conferences'?" in result.stderr


def test_reworded_content_says_the_questions_are_the_same(ladder: Ladder, tmp_path: Path) -> None:
    saved = tmp_path / "saved.yaml"
    assert ladder("assess", "cto", "--template", "-o", str(saved)).exit_code == 0
    roles = tmp_path / "roles"
    roles.mkdir()
    vp = (ROOT / "roles" / "vp.yaml").read_text(encoding="utf-8")
    (roles / "vp.yaml").write_text(vp.replace("target: 3", "target: 4"), encoding="utf-8")
    result = ladder("--roles", str(roles), "report", str(saved))
    assert result.exit_code == 0, result.output
    assert "The questions are the same; their wording, scale or weights changed." in " ".join(
        result.stdout.split()
    )


# --- atomic writes ------------------------------------------------------------------------------


def test_an_interrupted_export_leaves_the_old_report_whole(
    ladder: Ladder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "report.html"
    out.write_text("the report from last quarter\n", encoding="utf-8")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    result = ladder("report", str(ANSWERS), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == f"ladder: cannot write {out}: No space left on device\n"
    assert out.read_text(encoding="utf-8") == "the report from last quarter\n"
    # no temporary file left (ladder-home is LADDER_HOME, with the catalog cache)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ladder-home", "report.html"]


def test_a_pdf_name_is_refused_with_the_way_to_get_one(ladder: Ladder, tmp_path: Path) -> None:
    result = ladder("report", str(ANSWERS), "-o", str(tmp_path / "dana.pdf"))
    assert result.exit_code == 2
    assert result.stderr == (
        "ladder: ladder does not write PDF files; write HTML (-o dana.html) and print it to "
        "PDF from a browser, or markdown (.md) to paste into a document\n"
    )
    assert not (tmp_path / "dana.pdf").exists()


def test_a_file_named_twice_is_refused(ladder: Ladder) -> None:
    result = ladder("report", str(PANEL[0]), str(PANEL[0]))
    assert result.exit_code == 2
    assert result.stderr == f"ladder: {PANEL[0]} is named twice; name each rater's file once\n"


def test_a_date_that_is_not_a_date_is_refused_with_its_line(ladder: Ladder, tmp_path: Path) -> None:
    bad = tmp_path / "a.yaml"
    bad.write_text('from: vp\nto: cto\ndate: "yesterday"\nanswers: {}\n', encoding="utf-8")
    result = ladder("report", str(bad))
    assert result.exit_code == 2
    assert result.stderr == (
        f"{bad}:3:7: date: 'yesterday' is not a date: write it as 2026-11-22, or "
        "2026-11-22T10:15:00+01:00\n"
    )


def test_another_raters_report_does_not_say_you(ladder: Ladder, tmp_path: Path) -> None:
    text = report(ladder, PANEL[1]).stdout
    assert "Pitfalls checked by manager" in text and "Evidence from manager" in text
    assert "Pitfalls you checked" not in text and "Your evidence" not in text
    template = tmp_path / "t.yaml"
    ladder(
        "assess",
        "cto",
        "--template",
        "--rater",
        "peer-1",
        "--person",
        "Dana Lee",
        "-o",
        str(template),
    )
    text = template.read_text(encoding="utf-8")
    assert "# You answer as peer-1, about Dana Lee: the questions ask about them." in text
    # The questions themselves are put in the third person, the pitfalls too.
    assert "  # Where is Dana Lee between the two today?\n" in text
    assert "  # How consistently does Dana Lee do this today?\n" in text
    assert "  # How fully has Dana Lee demonstrated this?\n" in text
    assert "Set to true each one that applies to Dana Lee today." in text
    assert " you " not in "".join(line for line in text.splitlines() if line.startswith("  #"))


def test_not_answered_is_not_called_skipped(ladder: Ladder, tmp_path: Path) -> None:
    """null (not answered yet) and skip (the rater chose not to rate) read differently, in a
    single report and in a panel; a mean resting on fewer than all the others says so."""
    text = PANEL[1].read_text(encoding="utf-8")
    manager = tmp_path / "manager.yaml"
    manager.write_text(
        text.replace("  lead-rnd-initiatives: 2\n", "  lead-rnd-initiatives: skip\n").replace(
            "  speak-at-conferences: 2\n", "  speak-at-conferences: null\n"
        ),
        encoding="utf-8",
    )
    single = report(ladder, manager).stdout
    unrated = flat(single[single.index("Not rated") :])
    assert "Behaviour: Speak at major conferences on technology trends (not answered)" in unrated
    assert "Behaviour: Lead R&D or innovation initiatives (skipped)" in unrated

    panel = report(ladder, "--named", PANEL[0], manager, PANEL[2], "-f", "markdown").stdout
    found = tables(parse(panel))[1:]  # after the summary's readiness
    speak = "Behaviour: Speak at major conferences on technology trends"
    hidden = found[3]  # readiness, areas, blind spots, hidden strengths, every question
    assert hidden[0] == ["Question", "Self", "Others combined", "Difference"]
    # the peer's 1 alone: one other rater is too few for a hidden strength (issue 14)
    assert speak not in [row[0] for row in hidden]
    every = {row[0]: row[1:] for row in found[4]}
    assert every[speak] == ["0", "not answered", "1", "1", "0", "-1"]
    assert every["Behaviour: Lead R&D or innovation initiatives"] == [
        "2",
        "skipped",
        "n/a",
        "—",
        "—",
        "—",
    ]


def test_self_in_any_case_is_a_self_assessment(ladder: Ladder, tmp_path: Path) -> None:
    own = _variant(tmp_path, PANEL[0], "own.yaml", rater="Self")
    text = report(ladder, own, PANEL[1]).stdout
    assert "Blind spots" in text and "No self-assessment" not in text
    assert "Raters  self, manager" in text


def test_another_raters_report_does_not_send_them_to_their_manager(
    ladder: Ladder, tmp_path: Path
) -> None:
    template = ladder("assess", "cto", "--template", "--rater", "manager").stdout
    answers = tmp_path / "m.yaml"
    answers.write_text(template.replace("rating: null", "rating: 3"), encoding="utf-8")
    text = flat(report(ladder, answers).stdout)
    assert "add notes (--evidence)." in text
    assert "To add notes: ladder assess cto --evidence --rater manager" in text  # flattened
    assert "ask your manager" not in text and "For your manager" not in text
    mine = tmp_path / "s.yaml"
    mine.write_text(template.replace("rater: manager", "rater: self"), encoding="utf-8")
    mine.write_text(mine.read_text().replace("rating: null", "rating: 3"), encoding="utf-8")
    own = report(ladder, mine).stdout
    assert "ask your manager to rate you too." in flat(own)
    assert (
        "To add notes:\n  ladder assess cto --evidence\n"
        "For your manager to rate you:\n  ladder assess cto --rater manager\n" in own
    )


def test_one_answer_is_said_in_the_singular(ladder: Ladder, tmp_path: Path) -> None:
    template = ladder("assess", "cto", "--template").stdout
    answers = tmp_path / "one.yaml"
    answers.write_text(template.replace("rating: null", "rating: 2", 1), encoding="utf-8")
    assert "1 of the 21 questions to rate is answered" in flat(report(ladder, answers).stdout)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_a_panel_says_which_files_carry_no_date(ladder: Ladder, tmp_path: Path) -> None:
    undated = tmp_path / "manager.yaml"
    undated.write_text(
        re.sub(r"^date: .*\n", "", PANEL[1].read_text(encoding="utf-8"), flags=re.M),
        encoding="utf-8",
    )
    text = report(ladder, "--named", PANEL[0], undated, PANEL[2]).stdout
    assert "Dates   2026-11-02 to 2026-11-07 (manager: no date)" in text
    one_other = flat(report(ladder, "--named", PANEL[0], PANEL[1]).stdout)
    assert (
        "Others combined, the others' view of a question wherever this report shows it: "
        "manager's ratings, each counted up to the target (a 4 counts the same as a 3); the "
        "view from outside, to set beside your own." in one_other
    )


def test_a_quoted_number_is_a_rating(ladder: Ladder, tmp_path: Path) -> None:
    template = ladder("assess", "cto", "--template", "-f", "json").stdout
    data = json.loads(template)
    for entry in data["answers"].values():
        entry["rating"] = "3"
    answers = tmp_path / "quoted.json"
    answers.write_text(json.dumps(data), encoding="utf-8")
    assert json.loads(report(ladder, answers, "-f", "json").stdout)["readiness"] == 100.0


def test_answers_with_no_rating_say_how_to_give_one(ladder: Ladder, tmp_path: Path) -> None:
    template = ladder("assess", "cto", "--template").stdout
    answers = tmp_path / "empty.yaml"
    answers.write_text(template, encoding="utf-8")  # every rating null
    text = flat(report(ladder, answers).stdout)
    assert (
        "No readiness score: no question has a rating on the scale, so there is nothing to "
        "score. Rate at least some of them from 0 to 4 in the answers file, and score it "
        "again (not applicable and skipped questions count nowhere)." in text
    )


def test_numbers_and_differences_are_written_alike() -> None:
    """A difference is written as its mean beside it is: no ".0", a sign, and 0 for none."""
    from laddercli.views.figures import number, signed

    assert [number(v) for v in (1.0, 66.66, 100.0, None)] == ["1", "66.7", "100", "—"]
    assert [signed(v) for v in (1.0, -1.5, 16.66, 0.0, 0.04, -0.04, None)] == [
        "+1",
        "-1.5",
        "+16.7",
        "0",
        "0",
        "0",
        "—",
    ]


def test_a_report_of_ones_own_answers_alone_says_self_rated(ladder: Ladder, tmp_path: Path) -> None:
    """Next to the band, in every format, when the only answers are the person's own; not
    for a manager's report, nor beside a band that others' ratings share."""
    shown = "68.6 / 100 (Nearly ready; self-rated)"
    assert shown in report(ladder, ANSWERS).stdout
    assert shown in report(ladder, ANSWERS, "-f", "markdown").stdout
    html = tmp_path / "r.html"
    report(ladder, ANSWERS, "-o", html)
    assert shown in html.read_text(encoding="utf-8")
    data = json.loads(report(ladder, ANSWERS, "-f", "json").stdout)
    assert (data["band"], data["self_rated"]) == ("Nearly ready", True)
    manager = json.loads(report(ladder, PANEL[1], "-f", "json").stdout)
    assert manager["self_rated"] is False
    assert "self-rated" not in report(ladder, PANEL[1]).stdout
    assert "self-rated" not in report(ladder, *PANEL).stdout


def _with_digest(tmp_path: Path, source: Path, digest: str) -> Path:
    path = tmp_path / source.name
    text = source.read_text(encoding="utf-8").replace("\ndate:", f"\ndigest: {digest}\ndate:", 1)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_panel_says_once_that_the_role_content_has_changed(
    ladder: Ladder, tmp_path: Path
) -> None:
    """Not once per rater: one paragraph for the raters whose answers share the change,
    counting them (not naming them) where the others' answers do not."""
    changed = [_with_digest(tmp_path, path, "0123456789ab") for path in PANEL]
    text = " ".join(report(ladder, *changed).stdout.split())
    assert text.count("The role content has changed") == 1
    assert "these answers were given against role content 0123456789ab" in text
    # a lone peer is withheld without --named: a facilitator's report shows the three
    partly = " ".join(report(ladder, changed[0], changed[1], PANEL[2], "--named").stdout.split())
    assert partly.count("The role content has changed") == 1
    assert "the answers of 2 of the 3 raters were given against role content 0123456789ab" in (
        partly
    )


def test_notes_keep_their_line_breaks_in_markdown_and_html(ladder: Ladder, tmp_path: Path) -> None:
    manager = tmp_path / "manager.yaml"
    text = PANEL[1].read_text(encoding="utf-8")
    note = '{rating: 3, note: "Her platform bet won us the Acme deal\\n- and the renewal'
    note += '\\n\\n1. a list?"}'
    manager.write_text(
        text.replace('{rating: 3, note: "Her platform bet won us the Acme deal"}', note)
    )
    markdown = report(ladder, PANEL[0], manager, PANEL[2], "-f", "markdown").stdout
    assert (
        "  > Her platform bet won us the Acme deal\\\n"
        "  > \\- and the renewal\n"
        "  >\n"
        "  > 1\\. a list?\n"
    ) in markdown
    html_tokens = MarkdownIt("commonmark").render(markdown)
    assert "Acme deal<br />\n- and the renewal</p>" in html_tokens
    out = tmp_path / "panel.html"
    report(ladder, PANEL[0], manager, PANEL[2], "-o", out)
    page = out.read_text(encoding="utf-8")
    assert "Acme deal\n- and the renewal\n\n1. a list?</blockquote>" in page
    assert re.search(r"blockquote \{[^}]*white-space: pre-line", page)


def _ratings_file(folder: Path, rater: str, ratings: list[int]) -> Path:
    from tests.helpers import CTO_IDS

    lines = ["from: vp", "to: cto", f"rater: {rater}", "person: Dana Lee", "answers:"]
    lines += [f"  {qid}: {value}" for qid, value in zip(CTO_IDS, ratings, strict=True)]
    path = folder / f"{rater}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_panel_says_why_a_high_readiness_is_not_ready_now(ladder: Ladder, tmp_path: Path) -> None:
    """A manager's 94.3 "Nearly ready" beside a peer's 98.1 "Ready now": the readiness-
    indicator gate is named, with the indicator rated under it; not for the peer."""
    manager = _ratings_file(tmp_path, "manager", [3] * 20 + [1])
    peer = _ratings_file(tmp_path, "peer-1", [3] * 14 + [2, 2] + [3] * 5)
    text = " ".join(report(ladder, manager, peer, "--named").stdout.split())
    assert "manager ███████████████████░ 94.3 (Nearly ready)" in text
    assert "peer-1 ████████████████████ 98.1 (Ready now)" in text
    assert (
        "Why manager's 94.3 is Nearly ready: 85 or more, but Ready now also needs every "
        "readiness indicator answered and rated 2 or above. Rated under 2: Vision that "
        "extends beyond engineering execution."
    ) in text
    assert "Why peer-1's" not in text and text.count("Why ") == 1
    markdown = report(ladder, manager, peer, "--named", "-f", "markdown").stdout
    assert "**Why manager's 94.3 is Nearly ready:** 85 or more, but Ready now" in markdown


def test_five_raters_with_long_names_fit_the_page_column(ladder: Ladder, tmp_path: Path) -> None:
    """A long name heads its column as R and its place, given with its name at the top:
    the tables stay tables on an 80-column screen, not a list of records."""
    names = ["peer-raj-mehta-platform", "peer-amelia-fitzgerald-data", "peer-oluwaseun-adebayo"]
    files = [
        _ratings_file(tmp_path, "self", [3] * 21),
        _ratings_file(tmp_path, "manager", [2] * 21),
    ]
    files += [_ratings_file(tmp_path, name, [n + 1] * 21) for n, name in enumerate(names)]
    text = report(ladder, *files, "--named").stdout  # three peers by name: a facilitator's
    assert max(len(line) for line in text.splitlines()) <= 80
    flat = " ".join(text.split())
    assert (
        "Raters self, manager, peer-raj-mehta-platform (R3), peer-amelia-fitzgerald-data (R4)"
        in (flat)
    )
    assert "│ Key action " in text and "│ self │ manager │ R3 │ R4 │ R5 │ combined │" in flat
    assert "│ Question " in text
    markdown = tables(parse(report(ladder, *files, "--named", "-f", "markdown").stdout))[1:]
    assert markdown[1][0] == ["Key action", "self", "manager", "R3", "R4", "R5", "Others combined"]
