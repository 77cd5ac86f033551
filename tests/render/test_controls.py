"""Control characters from data never reach a terminal, or a file, raw.

Names, notes, file names and what comes back from the history are data, some of it from
other people: an escape sequence in them would clear the screen, move the cursor, hide
text, write the clipboard (OSC 52) or make a link (OSC 8), and a bidi override would show a
name reversed. Text, markdown and HTML show each such character as a visible escape
(``\\x1b``, ``\\u202e``); JSON and the YAML ladder writes hold it as a ``\\u`` escape, and
read back to the very same text. Role files, which are authored, may not hold them at all.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from prompt_toolkit.input import PipeInput

from laddercli.assessment.answers import Answers, answers_yaml
from laddercli.assessment.questions import build_questionnaire, named_path
from laddercli.render.document import (
    Bar,
    Bars,
    Block,
    Bullets,
    Fields,
    Heading,
    Item,
    Para,
    Radar,
    Series,
    Table,
)
from laddercli.render.html import to_html
from laddercli.render.markdown import to_markdown
from laddercli.render.output import to_json
from laddercli.render.text import Screen, render_plain, render_screen
from laddercli.roles.catalog import load_catalog
from laddercli.visible import json_escaped, visible, visible_in
from tests.helpers import DATA

Ladder = Callable[..., Any]
ENTER, CTRL_C = "\r", "\x03"

OSC52 = "\x1b]52;c;ZWNobyBwd25lZA==\x07"  # writes the clipboard
CLEAR = "\x1b[2J\x1b[H"  # clears the screen, cursor home
LINK = "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\"  # a hidden link
HIDE = "\x1b[8mhidden\x1b[0m"  # invisible text
RLO = "\u202e"  # right-to-left override

PERSON = f"Dana{OSC52} Lee{RLO}eeL"
RATER = f"peer{CLEAR}-1"
NOTE = f"Talk {LINK} {HIDE} del\x7f csi\x9b2J nel\x85 ls\u2028 iso\u2067x\u2069 end"

# What must never be in output: C0 but tab and newline, DEL, C1, bidi controls.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def assert_clean(text: str) -> None:
    found = RAW.search(text)
    assert found is None, f"raw {found.group()!r} in: {text[max(0, found.start() - 60) :][:160]!r}"


def flat(text: str) -> str:
    return " ".join(text.split())


def hostile_answers(path: Path, *, person: str = "Dana Lee", rater: str = "peer-1") -> Path:
    """The README's example answers with a note that holds every kind of control (names
    that hold them are refused: see test_a_name_in_an_answers_file_is_plain_text)."""
    data = yaml.safe_load((DATA / "answers-vp-cto.yaml").read_text(encoding="utf-8"))
    data["person"] = person
    data["rater"] = rater
    data["answers"]["partner-with-product"] = {"rating": 3, "note": NOTE}
    # safe_dump writes the controls as escapes in double quotes, as a hostile rater would
    path.write_text(yaml.safe_dump(data, allow_unicode=False), encoding="utf-8")
    return path


# --- the core function ---------------------------------------------------------------------


def test_visible_writes_controls_as_escapes() -> None:
    assert visible("a\x1bb") == "a\\x1bb"
    assert visible("\x00\x07\x08\x0b\x0c\r\x1b\x1f") == "\\x00\\x07\\x08\\x0b\\x0c\\x0d\\x1b\\x1f"
    assert visible("\x7f\x80\x85\x9b\x9f") == "\\x7f\\x80\\x85\\x9b\\x9f"
    assert visible("\u202a\u202b\u202c\u202d\u202e") == "\\u202a\\u202b\\u202c\\u202d\\u202e"
    assert visible("\u2066\u2067\u2068\u2069") == "\\u2066\\u2067\\u2068\\u2069"
    # Tab and newline stay; so does every printable character of any script.
    # So do the joiners scripts and emoji need (ZWNJ in Persian, ZWJ in 👩‍💻).
    kept = "a\tb\nc · é 王芳 Дана دانا می\u200cخواهم 👩\u200d💻 \xa0"
    assert visible(kept) == kept
    # Every other line break is an escape: raw, it would forge lines of a report.
    assert visible("a\u2028b\u2029c\x85d\re") == "a\\u2028b\\u2029c\\x85d\\x0de"
    # Applying it again changes nothing more.
    once = visible(OSC52 + RLO)
    assert visible(once) == once
    assert once == "\\x1b]52;c;ZWNobyBwd25lZA==\\x07\\u202e"


def test_json_escaped_reads_back_the_same() -> None:
    value = {"note": NOTE, "person": PERSON, "plain": "王芳 · é"}
    text = json_escaped(json.dumps(value, ensure_ascii=False))
    assert_clean(text)
    assert "\u2028" not in text and "王芳 · é" in text
    assert json.loads(text) == value
    assert yaml.safe_load(text) == value  # ladder reads JSON answers with its YAML reader
    assert json.loads(to_json(value)) == value
    assert_clean(to_json(value))


def test_visible_in_rebuilds_blocks_only_where_needed() -> None:
    clean = Table(("a", "b"), (("1", "2"),))
    assert visible_in(clean) is clean
    dirty = Bullets((Item("x\x1b", label="y", children=(Para("\u202e"),)),))
    assert visible_in(dirty) == Bullets((Item("x\\x1b", label="y", children=(Para("\\u202e"),)),))


# --- every renderer ------------------------------------------------------------------------


HOSTILE = f"{OSC52}{CLEAR}{LINK}{HIDE}{RLO}\x7f\x9b"
BLOCKS: list[Block] = [
    Heading(1, f"Report {HOSTILE}"),
    Para(f"para {HOSTILE}", label=f"label {HOSTILE}"),
    Para(f"quote {HOSTILE}", style="quote"),
    Para(f"example {HOSTILE}", style="example"),
    Para(f"hint {HOSTILE}", style="hint"),
    Fields(((f"field {HOSTILE}", f"value {HOSTILE}"),)),
    Bullets(
        (
            Item(
                f"item {HOSTILE}",
                label=f"bold {HOSTILE}",
                link=f"link {HOSTILE}",
                children=(Para(f"child {HOSTILE}"),),
            ),
        ),
        checklist=True,
    ),
    Table((f"col {HOSTILE}", "n"), ((f"cell {HOSTILE}", "1"), ("row", f"2 {HOSTILE}"))),
    Bars((Bar(f"bar {HOSTILE}", 50, f"50 {HOSTILE}"), Bar("other", 20, "20")), 100, "Area"),
    Bars((Bar(f"headline {HOSTILE}", 50, "50"),)),
    Radar(
        ("a", "b", f"c {HOSTILE}"), (Series(f"self {HOSTILE}", (1, 2, 3)),), title=f"t {HOSTILE}"
    ),
]


def test_plain_text_shows_controls_visibly() -> None:
    out = render_plain(BLOCKS)
    assert_clean(out)
    squeezed = "".join(out.split())  # long words are folded across lines
    words = ("Report", "label", "para", "quote", "example", "hint", "field", "value", "item")
    for word in (*words, "bold", "link", "child", "bar", "headline"):
        assert f"{word}\\x1b]52;c;ZWNobyBwd25lZA==\\x07" in squeezed, word
    table = out[out.index("cell") :]  # a table's cells, however its columns are laid out
    assert "\\x1b]52;c;ZWNobyBwd25lZA==\\x07" in "".join(table.split())
    assert "\\x1b[8mhidden\\x1b[0m\\u202e\\x7f\\x9b" in squeezed


@pytest.mark.parametrize("width", [80, 40])
def test_a_terminal_gets_controls_visibly(width: int) -> None:
    # as on a terminal, with colours and styles
    out = render_screen(BLOCKS, Screen(width, terminal=True, styled=True, colour=True))
    assert "\x1b[1m" in out and "\x1b[36m" in out  # the renderer's own styles are there
    without_styles = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert_clean(without_styles)
    squeezed = "".join(without_styles.split())
    for word in ("Report", "para", "field", "item", "bar", "headline"):
        assert f"{word}\\x1b]52;c;ZWNobyBwd25lZA==\\x07" in squeezed, word


def test_markdown_shows_controls_visibly() -> None:
    out = to_markdown(BLOCKS)
    assert_clean(out)
    # the backslash of the escape is itself escaped, so that it shows as written
    assert "\\\\x1b\\]52;c;ZWNobyBwd25lZA==\\\\x07" in out
    assert "\\\\u202e" in out


def test_html_shows_controls_visibly() -> None:
    out = to_html(BLOCKS)
    assert_clean(out)
    assert "\\x1b]52;c;ZWNobyBwd25lZA==\\x07" in out
    assert "\\u202e" in out
    assert "<title>Report \\x1b]52" in out


# --- answers files from other raters, through the commands ----------------------------------


def test_a_hostile_answers_file_as_text(ladder: Ladder, tmp_path: Path) -> None:
    result = ladder("report", str(hostile_answers(tmp_path / "a.yaml")))
    assert result.exit_code == 0, result.output
    assert_clean(result.stdout)
    assert_clean(result.stderr)
    out = flat(result.stdout)
    assert "\\x1b]8;;https://evil.example/\\x1b\\click\\x1b]8;;\\x1b\\" in out
    assert "\\x1b[8mhidden\\x1b[0m del\\x7f csi\\x9b2J nel\\x85 ls" in out
    assert "iso\\u2067x\\u2069 end" in out


def test_a_hostile_answers_file_as_markdown(ladder: Ladder, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    result = ladder("report", str(hostile_answers(tmp_path / "a.yaml")), "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert_clean(text)
    assert_clean(result.stderr)
    # the backslash of each escape is escaped in turn, and so are brackets
    assert r"\\x1b\[8mhidden\\x1b\[0m" in text


def test_a_hostile_answers_file_as_json(ladder: Ladder, tmp_path: Path) -> None:
    result = ladder("report", str(hostile_answers(tmp_path / "a.yaml")), "-f", "json")
    assert result.exit_code == 0, result.output
    assert_clean(result.stdout)
    assert "\\u2067" in result.stdout and "\\u007f" in result.stdout
    report = json.loads(result.stdout)
    # JSON is data: the very same text, escaped only as JSON escapes it
    notes = [i["note"] for i in report["items"] if i["note"]]
    assert NOTE in notes


def test_a_hostile_answers_file_as_html(ladder: Ladder, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = ladder("report", str(hostile_answers(tmp_path / "a.yaml")), "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert_clean(text)
    assert "\\x1b[8mhidden\\x1b[0m" in text


def test_hostile_names_in_a_report_of_several_raters(ladder: Ladder, tmp_path: Path) -> None:
    mine = hostile_answers(tmp_path / "self.yaml", rater="self")
    theirs = hostile_answers(tmp_path / "peer.yaml")
    for fmt in ("text", "markdown", "html", "json"):
        result = ladder("report", str(mine), str(theirs), "-f", fmt)
        assert result.exit_code == 0, result.output
        assert_clean(result.stdout)
    assert "\\x1b[8mhidden" in ladder("report", str(mine), str(theirs)).stdout


def test_hostile_names_in_an_answers_file_are_refused(ladder: Ladder, tmp_path: Path) -> None:
    mine = hostile_answers(tmp_path / "self.yaml", rater="self", person=f"Dana{CLEAR}")
    theirs = hostile_answers(tmp_path / "peer.yaml", person=PERSON, rater=RATER)
    result = ladder("report", str(mine), str(theirs))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert_clean(result.stderr)
    assert f"{mine}:68:9: person: the name holds a control character (\\x1b)" in result.stderr
    result = ladder("report", str(theirs))
    assert result.exit_code == 2
    assert_clean(result.stderr)
    assert result.stderr.splitlines() == [
        f"{theirs}:75:8: rater: the name holds a control character (\\x1b): write it as "
        "plain text on one line",
        f"{theirs}:68:9: person: the name holds a control character (\\x1b): write it as "
        "plain text on one line",
    ]


def test_hostile_file_names_in_messages(ladder: Ladder, tmp_path: Path) -> None:
    missing = tmp_path / f"answers{OSC52}.yaml"
    result = ladder("report", str(missing))
    assert result.exit_code == 2
    assert_clean(result.stderr)
    assert "answers\\x1b]52;c;ZWNobyBwd25lZA==\\x07.yaml" in result.stderr
    out = tmp_path / f"report{CLEAR}.md"
    result = ladder("report", str(DATA / "answers-vp-cto.yaml"), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.exists()
    assert_clean(result.stderr)
    assert (
        "Wrote the Markdown report to " in result.stderr
        and "report\\x1b[2J\\x1b[H.md" in result.stderr
    )


def test_a_hostile_answers_file_with_an_error_in_it(ladder: Ladder, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(f'from: vp\nto: "cto{OSC52}"\nanswers: {{}}\n', encoding="utf-8")
    path.write_text(path.read_text().replace("\x1b", "\\e").replace("\x07", "\\a"))
    result = ladder("report", str(path))
    assert result.exit_code == 2
    assert_clean(result.stderr)
    assert "\\x1b]52;c;ZWNobyBwd25lZA==\\x07" in result.stderr


def plant_names(tmp_path: Path, person: str, rater: str) -> None:
    """Give the assessments in the history these names, as a ladder that did not refuse
    them in answers files saved them (the history keeps what it was given)."""
    import sqlite3

    with sqlite3.connect(tmp_path / "ladder-home" / "history.sqlite3") as db:
        db.execute("UPDATE assessments SET person = ?, rater = ?", (person, rater))
        db.execute(
            "UPDATE answers SET data = json_set(data, '$.person', ?, '$.rater', ?)",
            (person, rater),
        )
    db.close()


# --- the history -----------------------------------------------------------------------------


def test_hostile_names_read_back_from_the_history(ladder: Ladder, tmp_path: Path) -> None:
    saved = ladder("assess", "--answers", str(hostile_answers(tmp_path / "a.yaml")))
    assert saved.exit_code == 0, saved.output
    assert "Saved in your history as assessment #1." in saved.stderr
    plant_names(tmp_path, PERSON, RATER)  # as ladder saved them before it refused them
    for args in (
        ("history",),
        ("history", "cto", "--rater", RATER),
        ("report", "--last"),
        ("report", "--id", "1", "-f", "markdown"),
        ("report", "--last", "-f", "html"),
        ("history", "-f", "markdown"),
    ):
        result = ladder(*args)
        assert result.exit_code == 0, (args, result.output)
        assert_clean(result.stdout)
        assert_clean(result.stderr)
        assert "x1b" in result.stdout
    again = flat(ladder("report", "--last").stdout)
    assert "Person Dana\\x1b]52;c;ZWNobyBwd25lZA==\\x07 Lee\\u202eeeL" in again
    assert "Rater peer\\x1b[2J\\x1b[H-1" in again
    listed = ladder("history", "-f", "markdown").stdout
    assert r"Dana\\x1b\]52;c;ZWNobyBwd25lZA==\\x07 Lee\\u202eeeL" in listed
    assert r"peer\\x1b\[2J\\x1b\[H-1" in listed
    assert json.loads(ladder("history", "-f", "json").stdout)["assessments"][0]["person"] == PERSON
    last = ladder("report", "--last", "-f", "json")
    assert_clean(last.stdout)
    report = json.loads(last.stdout)
    assert (report["person"], report["rater"]) == (PERSON, RATER)
    assert NOTE in [i["note"] for i in report["items"]]
    forgotten = ladder("forget", "1", "--yes")
    assert forgotten.exit_code == 0
    assert_clean(forgotten.stderr)
    assert "rater peer\\x1b[2J\\x1b[H-1, about Dana\\x1b]52" in forgotten.stderr


# --- what ladder writes, it reads back ----------------------------------------------------------


def test_a_note_typed_in_the_questionnaire_is_kept_and_read_back(
    ladder: Ladder, keys: PipeInput, tmp_path: Path
) -> None:
    pasted = "\x1b[200~" + NOTE + "\x1b[201~"  # pasted: every character goes in as it is
    keys.send_text("3" + ENTER + pasted + ENTER + CTRL_C)
    stopped = ladder("assess", "cto", "--evidence")
    assert stopped.exit_code == 130, stopped.output
    draft = tmp_path / "ladder-home" / "drafts" / "vp-cto-self.yaml"
    text = draft.read_text(encoding="utf-8")
    assert_clean(text)
    assert "\u2028" not in text and "\u0085" not in text  # line breaks, to YAML
    note = yaml.safe_load(text)["answers"]["execution-to-vision"]["note"]
    assert note == NOTE
    result = ladder("assess", "--answers", str(draft), "--no-save")
    assert result.exit_code == 0, result.output
    assert_clean(result.stdout)
    assert "del\\x7f csi\\x9b2J nel\\x85 ls" in flat(result.stdout)
    as_json = ladder("assess", "--answers", str(draft), "--no-save", "-f", "json")
    assert NOTE in [i["note"] for i in json.loads(as_json.stdout)["items"]]


def test_a_template_about_a_hostile_name_reads_back() -> None:
    catalog = load_catalog()
    q = build_questionnaire(named_path(catalog, "vp", "cto"))
    person = f"Dana\u2028answers: {{}}\n{OSC52}\x85{RLO}"
    answers = Answers("vp", "cto", rater=RATER, person=person)
    answers.notes["partner-with-product"] = NOTE
    text = answers_yaml(q, answers, how_to_use=f"see {CLEAR}\u2029pitfalls: 3")
    assert_clean(text)
    assert "\u2028" not in text and "\u2029" not in text
    data = yaml.safe_load(text)
    assert (data["person"], data["rater"]) == (person, RATER)
    assert data["answers"]["partner-with-product"]["note"] == NOTE
    assert set(data) == {"from", "to", "rater", "person", "digest", "answers", "pitfalls"}
    assert "# You answer as peer\\x1b[2J\\x1b[H-1, about Dana" in text


# --- names on the command line, and role files ------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value", "shown"),
    [
        ("--person", f"Dana{CLEAR}", "a control character (\\x1b)"),
        ("--rater", "peer\x7f", "a control character (\\x7f)"),
        ("--person", f"Dana {RLO}eeL", "a bidi control (\\u202e)"),
    ],
)
def test_a_name_with_a_control_character_is_refused(
    ladder: Ladder, option: str, value: str, shown: str
) -> None:
    result = ladder("assess", "cto", "--template", option, value)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert_clean(result.stderr)
    assert f"ladder: {option} holds {shown}" in flat(result.stderr)
    asked = ladder("assess", "cto", option, value)  # before anything is asked, or saved
    assert asked.exit_code == 2
    assert f"ladder: {option} holds {shown}" in flat(asked.stderr)


ROLE = """\
id: cfo
title: {title}
short_title: CFO
dimensions:
  {key}: Money
paths:
  cto:
    shifts:
      - id: numbers-to-tech
        from: Numbers
        to: Technology
    actions:
      - id: learn-tech
        title: Learn Technology
        behaviours:
          - id: read-code
            text: {text}
    indicators:
      - id: tech-fluency
        text: Technology fluency
        actions: [learn-tech]
"""


@pytest.mark.parametrize(
    ("title", "key", "text", "where", "what"),
    [
        ('"CFO \\e]52;c;eA==\\a"', "Primary focus", "Read code", "2:8: title", "\\x1b"),
        ("Chief", '"Focus\\e[2J"', "Read code", "5:3: dimensions[", "\\x1b"),
        ("Chief", "Primary focus", '"Read \\x7f code"', "17:19: paths.cto.actions[0]", "\\x7f"),
        ("Chief", "Primary focus", '"Read \\x9b2J"', "behaviours[0].text", "\\x9b"),
        ("Chief", "Primary focus", "Read \u202eedoc", "behaviours[0].text", "\\u202e"),
        ("Chief \u2066CFO\u2069", "Primary focus", "Read code", "2:8: title", "\\u2066"),
        ('"Chief \\N CFO"', "Primary focus", "Read code", "2:8: title", "\\x85"),
    ],
)
def test_a_role_file_with_a_control_character_is_refused(
    ladder: Ladder,
    role_dir: Callable[..., Path],
    title: str,
    key: str,
    text: str,
    where: str,
    what: str,
) -> None:
    folder = role_dir(cfo=ROLE.format(title=title, key=key, text=text))
    result = ladder("--roles", str(folder), "show", "cfo")
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert_clean(result.stderr)
    message = flat(result.stderr)
    assert where in message
    assert f"holds {'a bidi' if what.startswith(chr(92) + 'u') else 'a'} " in message
    assert f"({what})" in message
    checked = ladder("--roles", str(folder), "validate", str(folder / "cfo.yaml"))
    assert checked.exit_code == 2
    assert_clean(checked.stdout)
    assert f"({what})" in checked.stdout
    as_json = ladder("--roles", str(folder), "validate", str(folder / "cfo.yaml"), "-f", "json")
    assert_clean(as_json.stdout)
    assert json.loads(as_json.stdout)["valid"] is False


def test_a_role_file_may_hold_tabs_newlines_and_any_script(
    ladder: Ladder, role_dir: Callable[..., Path]
) -> None:
    arabic, hebrew, chinese = "العربية", "עברית", "王芳"
    text = f'"Read\\tcode in {arabic}, {hebrew} and {chinese}\\nevery day"'
    folder = role_dir(cfo=ROLE.format(title="Chief", key="Primary focus", text=text))
    result = ladder("--roles", str(folder), "show", "cfo")
    assert result.exit_code == 0, result.output
    assert arabic in result.stdout and chinese in result.stdout


# --- the questionnaire's own screens ------------------------------------------------------------


def test_the_questionnaire_shows_controls_visibly() -> None:
    """Role text is checked when read; the questionnaire makes it visible all the same (a
    catalog cached before the check came in, say)."""
    from laddercli.cli import prompts

    file = io.StringIO()
    console = prompts.make_console(file, width=80, plain=True)
    choice = SimpleNamespace(title=f"Still: {OSC52}", label=f"Still {RLO}", value=0)
    question = SimpleNamespace(
        area=f"Area {CLEAR}",
        shift=None,
        text=f"Text {HIDE}",
        prompt=f"Prompt {LINK}",
        asked=lambda about: f"Prompt {LINK} about {about}",
        choices=[choice],
    )
    steps = SimpleNamespace(steps=3)
    prompts._print_question(console, steps, 1, question, f"Dana {CLEAR}")  # type: ignore[arg-type]
    shown = file.getvalue()
    assert_clean(shown)
    assert "Area \\x1b[2J" in shown and "Text \\x1b[8m" in shown and "Prompt \\x1b]8" in shown
    assert "about Dana \\x1b[2J" in " ".join(shown.split())
    titles = [str(c.title) for c in prompts._rating_choices(question, allow_back=False)]  # type: ignore[arg-type]
    assert_clean("".join(titles))
    assert "Still: \\x1b]52;c;ZWNobyBwd25lZA==\\x07" in titles[0]


def test_the_pitfalls_and_roles_to_choose_are_shown_visibly(
    keys: PipeInput, monkeypatch: pytest.MonkeyPatch
) -> None:
    import questionary

    from laddercli.cli import prompts

    titles: list[str] = []
    choice = questionary.Choice

    def recorded(title: str, *args: Any, **kwargs: Any) -> Any:
        titles.append(title)
        return choice(title, *args, **kwargs)

    monkeypatch.setattr(questionary, "Choice", recorded)
    pitfall = SimpleNamespace(id="p", text=f"Pitfall {OSC52}")
    keys.send_text(ENTER)
    picked = prompts.ask_pitfalls([pitfall], set(), allow_back=False, keep=lambda _: None)  # type: ignore[list-item]
    assert picked == set()
    role = SimpleNamespace(id="r", title=f"Role {RLO}")
    keys.send_text(ENTER)
    chosen: Any = prompts.choose_role("Which?", [role], [f"detail {CLEAR}"])  # type: ignore[list-item]
    assert chosen is role
    assert titles == [
        "Pitfall \\x1b]52;c;ZWNobyBwd25lZA==\\x07",
        "Role \\u202e (detail \\x1b[2J\\x1b[H)",
    ]
