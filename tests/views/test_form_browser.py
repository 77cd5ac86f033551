"""The browser form of ``ladder form`` in a real headless Chromium, driven by Playwright
(the PyPI package, driving Debian's ``chromium``: no browser is downloaded).

One browser for the module (launching costs over a second). The main test answers the
VP → CTO form by keyboard and by clicks, reloads half-way, downloads the answers and scores
them with ``ladder report``; the others check a hostile role file's text, and the load time
of a path of 1,000 questions.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import ROOT

Ladder = Callable[..., Any]
ARTEFACTS = Path(os.environ.get("LADDER_ARTEFACTS") or ROOT / "build" / "test-artefacts")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
REQUIRED = bool(os.environ.get("LADDER_REQUIRE_BROWSER"))

try:
    from playwright.sync_api import Browser, Page, expect, sync_playwright
except ImportError:  # pragma: no cover - the test extra installs it
    if REQUIRED:
        raise
    pytestmark = pytest.mark.skip(reason="playwright is not installed (pip install -e '.[test]')")
else:
    pytestmark = pytest.mark.skipif(
        CHROMIUM is None and not REQUIRED,
        reason="Chromium is not installed (.ci/run installs it and requires this test)",
    )

NOTE_KEYS = 'Budget owner for teams #2 and #3: see the "Q3" plan\nand 王芳\'s note 🚀'
NOTE_FILL = "key: value # not a comment\n'single' and \"double\"\n\nend 王芳"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM, "LADDER_REQUIRE_BROWSER is set, but there is no chromium on PATH"
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


class Watched:
    """A page with its requests, console errors and script errors recorded."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", lambda d: self.errors.append(f"dialog: {d.message}"))

    def check_quiet(self) -> None:
        assert self.errors == []
        outside = [u for u in self.requests if not u.startswith(("file:", "data:", "blob:"))]
        assert outside == []


def radio(page: Page, qid: str, value: str) -> Any:
    return page.locator(f'input[type=radio][name="{qid}"][value="{value}"]')


def make_form(ladder: Ladder, tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "form.html"
    result = ladder("form", *args, "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


def test_a_rater_answers_the_form_in_chromium_and_ladder_report_scores_it(
    ladder: Ladder, tmp_path: Path, browser: Browser
) -> None:
    page_file = make_form(
        ladder, tmp_path, "cto", "--person", "Dana Lee", "--group", "peer", "--rater", "Ana Ruiz"
    )
    context = browser.new_context(accept_downloads=True, viewport={"width": 1200, "height": 900})
    watched = Watched(context.new_page())
    page = watched.page
    page.goto(page_file.as_uri())
    assert page.get_by_text("How consistently does Dana Lee do this today?").count() == 12
    assert page.get_by_role("status").first.inner_text() == "0 of 21 answered"
    form_id = json.loads(page.locator("#form-meta").text_content() or "")["head"]["form"]
    ids = page.eval_on_selector_all("fieldset[data-q]", "s => s.map(e => e.dataset.q)")
    shifts, behaviours, indicators = ids[:4], ids[4:16], ids[16:]
    # counted as the progress line counts them (not "1 of 22 ... 22 of 22"), and worded
    # truly for a rater named on the form, whose form is theirs alone
    counters = page.eval_on_selector_all("legend .n", "s => s.map(e => e.textContent)")
    assert (counters[0], counters[20]) == ("1 of 21 · Key shift", "21 of 21 · Readiness for CTO")
    assert counters[21] == "After the questions · Common pitfalls"
    assert page.get_by_text("This form is yours alone: do not pass it on.").is_visible()
    assert page.get_by_text("Your answers file names you, for whoever collects").is_visible()
    assert page.get_by_role("button", name="Forget these answers").is_hidden()

    # whatever else the browser keeps under the form's key is left out, never trusted
    junk: list[Any] = [
        {"r": {"hasOwnProperty": 1, shifts[1]: {"x": 1}, shifts[2]: "9"}, "n": {shifts[1]: 5},
         "p": {"engineering-only-focus": "yes"}},
        {"r": None, "n": [], "p": "x"},
    ]  # fmt: skip
    for kept in junk:
        page.evaluate("([k, v]) => localStorage.setItem(k, v)",
                      [f"ladder-form:{form_id}", json.dumps(kept)])  # fmt: skip
        page.reload()
        assert page.locator("#progress").inner_text() == "0 of 21 answered"
    assert watched.errors == []

    # The keyboard alone: Tab to the first question, Space picks 0, an arrow moves to 1; Tab
    # to its note; Tab to the second question, where three arrows pick 3.
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Tab")
    page.keyboard.type(NOTE_KEYS)
    page.keyboard.press("Tab")
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    assert radio(page, shifts[0], "1").is_checked()
    assert radio(page, shifts[1], "3").is_checked()
    # Clicks: the other key shifts, and the first behaviours, one with a note pasted in
    for qid in shifts[2:] + behaviours[:5]:
        radio(page, qid, "3").click()
    page.locator(f'fieldset[data-q="{behaviours[0]}"] textarea').fill(NOTE_FILL)
    assert page.locator("#progress").inner_text() == "9 of 21 answered"
    kept = json.loads(page.evaluate(f"localStorage.getItem('ladder-form:{form_id}')"))
    assert kept["r"][shifts[0]] == "1" and kept["n"][shifts[0]] == NOTE_KEYS

    page.reload()  # half-way: everything is still there
    assert radio(page, shifts[0], "1").is_checked()
    assert radio(page, shifts[1], "3").is_checked()
    assert all(radio(page, qid, "3").is_checked() for qid in shifts[2:] + behaviours[:5])
    assert page.locator(f'fieldset[data-q="{shifts[0]}"] textarea').input_value() == NOTE_KEYS
    assert page.locator(f'fieldset[data-q="{behaviours[0]}"] textarea').input_value() == NOTE_FILL
    assert page.locator("#progress").inner_text() == "9 of 21 answered"

    # the same form in a second tab: each tab's answers are kept, none lost to the other's
    # later save (10 answers came back as 1)
    other = context.new_page()
    other.goto(page_file.as_uri())
    assert other.locator("#progress").inner_text() == "9 of 21 answered"
    radio(other, behaviours[5], "2").click()
    other.locator(f'fieldset[data-q="{behaviours[6]}"] textarea').fill("from the other tab")
    expect(page.locator("#progress")).to_have_text("10 of 21 answered")  # polled, no eval
    assert radio(page, behaviours[5], "2").is_checked()
    radio(page, behaviours[7], "3").click()  # a later save in the first tab
    other.close()
    page.reload()
    assert radio(page, behaviours[5], "2").is_checked()
    assert page.locator(f'fieldset[data-q="{behaviours[6]}"] textarea').input_value() == (
        "from the other tab"
    )
    assert page.locator("#progress").inner_text() == "11 of 21 answered"

    # The rest: one behaviour at 0, one not applicable, one skipped; an indicator at 2
    radio(page, behaviours[6], "3").click()
    page.locator(f'fieldset[data-q="{behaviours[6]}"] textarea').fill("")
    for qid in behaviours[5:9] + indicators[1:]:
        radio(page, qid, "3").click()
    radio(page, behaviours[9], "na").check()
    radio(page, behaviours[10], "skip").check()
    radio(page, behaviours[11], "0").check()
    radio(page, indicators[0], "2").check()
    page.get_by_label("Staying too focused on engineering vs. full business").check()
    assert page.locator("#progress").inner_text() == "21 of 21 answered"

    with page.expect_download() as download:
        page.get_by_role("button", name="Download answers").click()
    assert download.value.suggested_filename.startswith("answers-dana-lee-peer-")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert "send it back" in page.locator("#said").inner_text()

    data = json.loads(saved.read_text(encoding="utf-8"))
    assert list(data) == [
        "from", "to", "rater", "group", "person", "date", "digest", "form", "answers", "pitfalls"
    ]  # fmt: skip
    assert (data["from"], data["to"], data["rater"], data["group"], data["person"]) == (
        "vp", "cto", "Ana Ruiz", "peer", "Dana Lee"
    )  # fmt: skip
    assert data["form"] == form_id
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", data["date"])
    assert list(data["answers"]) == ids
    assert data["answers"][behaviours[10]] == {"rating": "skip", "note": None}
    assert data["answers"][shifts[0]] == {"rating": 1, "note": NOTE_KEYS}
    assert sum(data["pitfalls"].values()) == 1 and len(data["pitfalls"]) == 5
    # 100 × (2 × 1/3 + 3 × 2 + 9 × 1 + 4 × 3 + 3 × 2/3) / (4 × 2 + 10 × 1 + 5 × 3) = 89.9
    result = ladder("report", str(saved), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert (report["readiness"], report["band"]) == (89.9, "Ready now")
    notes = {item["id"]: item["note"] for item in report["items"]}
    assert notes[shifts[0]] == NOTE_KEYS
    assert notes[behaviours[0]] == NOTE_FILL
    assert [p["id"] for p in report["pitfalls"]] == ["engineering-only-focus"]

    # Copy: to the clipboard where allowed; where refused, the text to copy by hand
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy answers").click()
    expect(page.locator("#said")).to_contain_text("Copied")
    copied = json.loads(page.evaluate("navigator.clipboard.readText()"))
    assert {k: v for k, v in copied.items() if k != "date"} == {
        k: v for k, v in data.items() if k != "date"
    }
    page.evaluate(
        "() => { navigator.clipboard.writeText = () => Promise.reject(new Error('refused')); }"
    )
    page.get_by_role("button", name="Copy answers").click()
    box = page.locator("#copy-box textarea")
    box.wait_for(state="visible")
    assert json.loads(box.input_value())["answers"] == data["answers"]
    watched.check_quiet()
    screenshots(page)

    # Forget these answers: asked first; then the browser keeps nothing of this form
    page.emulate_media(media="screen")
    forget = page.get_by_role("button", name="Forget these answers")
    page.once("dialog", lambda dialog: dialog.dismiss())
    forget.click()
    assert page.locator("#progress").inner_text() == "21 of 21 answered"
    page.once("dialog", lambda dialog: dialog.accept())
    forget.click()
    assert page.locator("#progress").inner_text() == "0 of 21 answered"
    assert page.evaluate(f"localStorage.getItem('ladder-form:{form_id}')") is None
    page.reload()
    assert not radio(page, shifts[0], "1").is_checked()
    assert page.locator(f'fieldset[data-q="{shifts[0]}"] textarea').input_value() == ""
    assert [e for e in watched.errors if not e.startswith("dialog: Forget your answers")] == []
    context.close()


def screenshots(page: Page) -> None:
    """The form at a desktop's and a phone's width, kept as test artefacts; a phone's
    width does not scroll sideways. (The sticky progress bar shows where the page ends.)"""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("() => { document.getElementById('copy-box').hidden = true; }")
    page.evaluate("() => { document.getElementById('said').textContent = ''; }")
    # off-screen questions are drawn when scrolled to (content-visibility): draw them all
    page.add_style_tag(content="fieldset { content-visibility: visible !important; }")
    page.screenshot(path=str(ARTEFACTS / "form-1200.png"), full_page=True)
    page.set_viewport_size({"width": 400, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    page.screenshot(path=str(ARTEFACTS / "form-400.png"), full_page=True)
    assert page.get_by_text("On paper: mark one answer").is_hidden()
    # on paper: the questions, with what was ticked, and no buttons or progress bar
    page.emulate_media(media="print")
    assert page.get_by_role("button", name="Download answers").is_hidden()
    assert page.locator("#progress").is_hidden()
    assert page.get_by_text("On paper: mark one answer").is_visible()
    assert page.get_by_text("Your answers are kept in this browser").is_hidden()
    assert radio(page, "execution-to-vision", "1").is_visible()
    page.pdf(path=str(ARTEFACTS / "form.pdf"))


HOSTILE = """\
id: odd
title: Odd </title><script>alert(1)</script>
paths:
  vp:
    shifts: [{id: s, from: "<b>a</b>", to: "</textarea><script>alert(2)</script>"}]
    actions:
    - id: a
      title: "A </legend><img src=x onerror=alert(3)>"
      behaviours: [{id: b, text: "</textarea><script>alert(4)</script>"}]
    indicators: [{id: i, text: "&amp; <!-- t", actions: [a]}]
    pitfalls: [{id: p, text: "</label><script>alert(5)</script>", actions: [a]}]
"""


def test_role_text_on_the_form_is_shown_as_text(
    ladder: Ladder, tmp_path: Path, browser: Browser
) -> None:
    roles = tmp_path / "roles"
    roles.mkdir()
    (roles / "odd.yaml").write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "odd.html"
    made = ladder("--roles", str(roles), "form", "vp", "--from", "odd", "--person", "Dana Lee",
                  "--group", "self", "-o", str(out))  # fmt: skip
    assert made.exit_code == 0, made.output
    watched = Watched(browser.new_page())
    watched.page.goto(out.as_uri())
    text = watched.page.locator("main").text_content() or ""
    assert "</textarea><script>alert(4)</script>" in text
    assert "A </legend><img src=x onerror=alert(3)>" in text
    assert "</label><script>alert(5)</script>" in text
    assert "&amp; <!-- t" in text
    assert watched.page.locator("textarea").count() == 3 + 1  # the notes and the copy box
    assert watched.page.locator("img").count() == 0
    assert watched.page.locator("script").count() == 2  # the form's data and its script
    watched.check_quiet()
    watched.page.close()


def test_a_form_of_1000_questions_loads_in_chromium_in_under_a_second(
    ladder: Ladder, tmp_path: Path, browser: Browser
) -> None:
    roles = tmp_path / "roles"
    roles.mkdir()
    lines = ["id: big", "title: Big", "paths:", "  vp:", "    shifts:"]
    lines += [f"    - {{id: s{n}, from: old {n}, to: new {n}}}" for n in range(100)]
    lines.append("    actions:")
    for a in range(60):
        lines += [f"    - id: a{a}", f"      title: Action {a}", "      behaviours:"]
        lines += [f"      - {{id: a{a}-b{b}, text: Do {b} of {a}}}" for b in range(10)]
    lines.append("    indicators:")
    lines += [f"    - {{id: i{n}, text: Shown {n}, actions: [a{n % 60}]}}" for n in range(300)]
    (roles / "big.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "big.html"
    made = ladder("--roles", str(roles), "form", "vp", "--from", "big", "--person", "Dana Lee",
                  "--group", "manager", "-o", str(out))  # fmt: skip
    assert made.exit_code == 0, made.output
    watched = Watched(browser.new_page())
    times = []  # the better of two loads: the machine may be busy with other work
    for _ in range(2):
        watched.page.goto(out.as_uri())
        times.append(
            watched.page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
        )
    assert watched.page.locator("fieldset[data-q]").count() == 1000
    assert min(times) < 1000, f"{min(times):.0f} ms to the load event"
    radio(watched.page, "i299", "2").click()
    assert watched.page.locator("#progress").inner_text() == "1 of 1000 answered"
    watched.check_quiet()
    watched.page.close()


def test_reports_fit_a_phone_without_scrolling_sideways(
    ladder: Ladder, browser: Browser, tmp_path: Path
) -> None:
    """The several-raters report was 570 px wide in a 400 px viewport (its bars and tables
    did not give way); the one-rater report is checked too."""
    data = ROOT / "tests" / "data"
    panel = [data / f"panel-{name}.yaml" for name in ("self", "manager", "peer-1")]
    for name, files in (("report-3-raters", panel), ("report-1-rater", panel[:1])):
        page_file = tmp_path / f"{name}.html"
        made = ladder("report", "--named", *map(str, files), "-o", str(page_file))
        assert made.exit_code == 0, made.output
        page = browser.new_page(viewport={"width": 400, "height": 800})
        page.goto(page_file.resolve().as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= 400, name
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTEFACTS / f"{name}-400.png"), full_page=True)
        page.close()


def test_a_form_about_a_one_word_long_name_fits_a_phone(
    ladder: Ladder, browser: Browser, tmp_path: Path
) -> None:
    long = "Hubert Wolfeschlegelsteinhausenbergerdorff"
    page_file = tmp_path / "long.html"
    made = ladder("form", "cto", "--person", long, "--group", "peer", "--rater", long,
                  "-o", str(page_file))  # fmt: skip
    assert made.exit_code == 0, made.output
    page = browser.new_page(viewport={"width": 400, "height": 800})
    page.goto(page_file.resolve().as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    page.close()
