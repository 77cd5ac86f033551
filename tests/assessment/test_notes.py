"""Notes typed into the answers template: kept whole, or refused with their line and a fix.

YAML reads ' #' as the start of a comment and ': ' as the start of a field, which cut a note
such as ``Budget owner for teams #2 and #3`` short without a word, or stopped the file with
the parser's words; an indentation lost in an e-mail gave "duplicate key 'rating'" alone
(issue 15, item 5).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from laddercli.assessment.answers import (
    Answers,
    answers_json,
    answers_yaml,
    load_answers,
    parse_answers,
)
from laddercli.assessment.questions import Questionnaire, build_questionnaire, named_path
from laddercli.errors import AnswersFileError
from laddercli.roles.catalog import Catalog, load_catalog
from tests.helpers import CTO_IDS, Ladder

FIX = (
    'put the note in double quotes (note: "...", a backslash written \\\\), or write note: | '
    "and the note on the next lines, indented"
)
FIRST, SECOND, THIRD = CTO_IDS[:3]


def template(ladder: Ladder, tmp_path: Path, *notes: str) -> Path:
    """The template of the path from VP to CTO, its first questions rated 3 and given the
    lines ``notes`` (each the text that replaces ``note: null``, indented 4 spaces)."""
    out = tmp_path / "answers.yaml"
    made = ladder("assess", "cto", "--template", "-o", str(out), "--force")
    assert made.exit_code == 0, made.output
    text = out.read_text(encoding="utf-8")
    for note in notes:
        text = text.replace("rating: null\n    note: null", f"rating: 3\n    {note}", 1)
    out.write_text(text, encoding="utf-8")
    return out


def notes_of(ladder: Ladder, file: Path) -> dict[str, str]:
    """The notes the JSON report holds, by question id, read by report and by assess."""
    found = []
    for command in (("report", str(file)), ("assess", "--answers", str(file), "--no-save")):
        result = ladder(*command, "-f", "json")
        assert result.exit_code == 0, result.output
        items = json.loads(result.stdout)["items"]
        found.append({i["id"]: i["note"] for i in items if i["note"] is not None})
    assert found[0] == found[1]
    return found[0]


def refused(ladder: Ladder, file: Path) -> str:
    """The message both commands give for ``file``, refused as bad input."""
    messages: set[str] = set()
    for command in (("report", str(file)), ("assess", "--answers", str(file), "--no-save")):
        result = ladder(*command)
        assert result.exit_code == 2, result.output
        messages.add(result.stderr)
    assert len(messages) == 1
    return messages.pop()


def line_of(file: Path, text: str) -> int:
    return file.read_text(encoding="utf-8").splitlines().index(text) + 1


# --- ' #' in a note -----------------------------------------------------------------------------


def test_a_note_holding_a_hash_is_kept_whole(ladder: Ladder, tmp_path: Path) -> None:
    file = template(
        ladder,
        tmp_path,
        "note: Budget owner for teams #2 and #3   ",
        "note: #1 in the org for hiring, says the CPO",
        "note: Ran the offsite\n      with teams #2 and #3 # and Product",
    )
    assert notes_of(ladder, file) == {
        FIRST: "Budget owner for teams #2 and #3",
        SECOND: "#1 in the org for hiring, says the CPO",
        THIRD: "Ran the offsite with teams #2 and #3 # and Product",
    }


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\u2028"])
def test_a_note_holding_a_hash_is_kept_whole_with_any_line_break(
    ladder: Ladder, tmp_path: Path, newline: str
) -> None:
    file = template(ladder, tmp_path, "note: Budget owner for teams #2 and #3")
    text = file.read_text(encoding="utf-8").replace("\n", newline)
    file.write_bytes(text.encode("utf-8"))
    assert notes_of(ladder, file) == {FIRST: "Budget owner for teams #2 and #3"}


def test_comments_elsewhere_stay_comments(ladder: Ladder, tmp_path: Path) -> None:
    file = template(ladder, tmp_path)
    text = file.read_text(encoding="utf-8").replace(
        "rating: null\n    note: null",
        'rating: 3 # sure\n    note: "Led it #2"\n    # a comment, no further in than note:',
        1,
    )
    file.write_text(text.replace("from: vp", "from: vp   # the role now"), encoding="utf-8")
    assert notes_of(ladder, file) == {FIRST: "Led it #2"}
    items = json.loads(ladder("report", str(file), "-f", "json").stdout)["items"]
    assert [i["rating"] for i in items if i["id"] == FIRST] == [3]


def test_a_note_in_braces_cut_by_a_hash_is_refused(ladder: Ladder, tmp_path: Path) -> None:
    file = template(ladder, tmp_path)
    text = file.read_text(encoding="utf-8").replace(
        f"  {FIRST}:\n    rating: null\n    note: null",
        f"  {FIRST}: {{rating: 3, note: Budget owner for teams #2 and #3\n    }}",
    )
    file.write_text(text, encoding="utf-8")
    typed = f"  {FIRST}: {{rating: 3, note: Budget owner for teams #2 and #3"
    line, column = line_of(file, typed), typed.index("#") + 1
    assert refused(ladder, file) == (
        f"{file}:{line}:{column}: answers.{FIRST}.note: YAML reads ' #' as the start of a comment, "
        'which cuts this note short: put the note in double quotes (note: "...", a backslash '
        "written \\\\)\n"
    )


def test_a_note_going_on_after_a_hash_is_refused(ladder: Ladder, tmp_path: Path) -> None:
    file = template(ladder, tmp_path, "note: Budget owner for teams #2\n      and #3")
    line = line_of(file, "      and #3")
    assert refused(ladder, file) == (
        f"{file}:{line}:7: answers.{FIRST}.note: the note goes on to this line, but YAML reads "
        f"the ' #' on line {line - 1} as the start of a comment, which ends the note there: "
        f"{FIX}\n"
    )


def test_a_line_after_the_headings_is_no_note_going_on(ladder: Ladder, tmp_path: Path) -> None:
    file = template(ladder, tmp_path, "note: Led it")
    text = file.read_text(encoding="utf-8").replace(f"  {SECOND}:", f"     more\n  {SECOND}:")
    file.write_text(text, encoding="utf-8")
    assert refused(ladder, file) == (
        f"{file}:{line_of(file, '     more')}:6: not valid YAML: the indentation goes wrong "
        "here: this line is indented 5 spaces, which lines up with no key above it\n"
    )


QUOTED = (
    "the text after the note's closing quote starts with ' #', which YAML reads as a comment "
    "and drops: put all the text inside the quotes"
)


@pytest.mark.parametrize(
    "note",
    ['note: "Ran it: with Product" #2 and #3', "note: 'quoted'   #2", 'note: "a\n      b" #c'],
)
def test_text_after_a_quoted_note_is_refused(ladder: Ladder, tmp_path: Path, note: str) -> None:
    file = template(ladder, tmp_path, note)
    last = "    " + note if "\n" not in note else note.split("\n")[-1]
    line, column = line_of(file, last), last.index("#") + 1
    assert refused(ladder, file) == f"{file}:{line}:{column}: answers.{FIRST}.note: {QUOTED}\n"


BELOW = (
    "this line is indented under note:, but YAML reads a line that starts with '#' as a "
    f"comment, which it leaves out of the note: {FIX}; if it is a comment, indent it no "
    "further than note:"
)


@pytest.mark.parametrize(
    "note",
    [
        "note: first line\n      #2 is next",
        "note:\n      #2 is next",
        "note: first line\n      and the next\n\n       #2 is next",
        "note: first line # here\n     #2 is next",
        "note:\n      #2 is next\n      and #3",
    ],
)
def test_a_line_starting_with_a_hash_under_a_note_is_refused(
    ladder: Ladder, tmp_path: Path, note: str
) -> None:
    file = template(ladder, tmp_path, note)
    typed = next(line for line in note.split("\n")[::-1] if line.lstrip().startswith("#"))
    line, column = line_of(file, typed), typed.index("#") + 1
    assert refused(ladder, file) == f"{file}:{line}:{column}: answers.{FIRST}.note: {BELOW}\n"


def test_a_note_going_on_after_a_line_starting_with_a_hash_is_refused(
    ladder: Ladder, tmp_path: Path
) -> None:
    file = template(ladder, tmp_path, "note: first line\n      #2 is next\n      and #3")
    line = line_of(file, "      and #3")
    assert refused(ladder, file) == (
        f"{file}:{line}:7: answers.{FIRST}.note: the note goes on to this line, but YAML reads "
        f"line {line - 1}, which starts with '#', as a comment, which ends the note before it: "
        f"{FIX}\n"
    )


def test_a_note_below_a_hash_on_the_line_of_note_is_refused(ladder: Ladder, tmp_path: Path) -> None:
    file = template(ladder, tmp_path, "note: #2\n      is next")
    line = line_of(file, "      is next")
    assert refused(ladder, file) == (
        f"{file}:{line}:7: answers.{FIRST}.note: the note goes on to this line, but YAML reads "
        f"the ' #' on line {line - 1} as the start of a comment, which it leaves out of the "
        f"note: {FIX}\n"
    )


def test_null_with_a_comment_after_it_is_no_note(ladder: Ladder, tmp_path: Path) -> None:
    file = template(
        ladder,
        tmp_path,
        "note: null  # nothing to add",
        "note: ~ # nothing",
        "note: null\n      # nothing to add either",
        "note: Led it\n    # a comment of the question's, as far in as note:",
        "note: NULL #",
    )
    assert notes_of(ladder, file) == {CTO_IDS[3]: "Led it"}


# --- what YAML reads as another value than text -------------------------------------------------

# Plain notes that YAML alone reads as true or false, a number or a date (or as null)
AS_WRITTEN = [
    "no",
    "off",
    "yes",
    "On",
    "true",
    "False",
    "3.10",
    "1.50",
    "012",
    "0x1F",
    "1_000",
    "+1",
    "1:30",
    ".inf",
    "-.Inf",
    ".NaN",
    "2026-12-02",
    "2026-12-02 10:00:00",
    "2026-12-2t10:00:00Z",
    "0b101 # in binary",
]


def test_a_note_yaml_reads_as_another_value_is_kept_as_written(
    ladder: Ladder, tmp_path: Path
) -> None:
    file = template(ladder, tmp_path, *(f"note: {note}" for note in AS_WRITTEN), "note:")
    assert notes_of(ladder, file) == dict(zip(CTO_IDS, AS_WRITTEN, strict=False))


def test_a_number_as_a_note_in_json_is_kept_as_written(ladder: Ladder, tmp_path: Path) -> None:
    file = tmp_path / "answers.json"
    answers = {FIRST: {"rating": 3, "note": 3.10}, SECOND: {"rating": 2, "note": 1e3}}
    text = json.dumps({"from": "vp", "to": "cto", "answers": answers}).replace("3.1", "3.10")
    file.write_text(text.replace("1000.0", "1e3"), encoding="utf-8")
    assert notes_of(ladder, file) == {FIRST: "3.10", SECOND: "1e3"}


MARKED = (
    "the note starts with '{}', which YAML reads as {}, not as text: put the note in double "
    'quotes (note: "...", a backslash written \\\\)'
)


@pytest.mark.parametrize(
    ("note", "what"),
    [
        ("note: &anchor led the team", "an anchor (a name given to a value)"),
        ("note: *three", "an alias (a value named elsewhere)"),
        ("note: ! tagged", "a tag (the kind of a value)"),
        ("note: !!str 3.10", "a tag (the kind of a value)"),
        ("note: !important fix it", "a tag (the kind of a value)"),
        ("note: !!int twelve", "a tag (the kind of a value)"),
        ("note:\n      &anchor led the team", "an anchor (a name given to a value)"),
    ],
)
def test_an_anchor_alias_or_tag_in_a_note_is_refused(
    ladder: Ladder, tmp_path: Path, note: str, what: str
) -> None:
    file = template(ladder, tmp_path, note)
    text = file.read_text(encoding="utf-8").replace("rating: 3", "rating: &three 3", 1)
    file.write_text(text, encoding="utf-8")
    last = note.split("\n")[-1]
    typed = "    " + last if last.startswith("note:") else last
    char = typed.removeprefix("    note:").lstrip()[0]
    line, column = line_of(file, typed), typed.index(char) + 1
    assert refused(ladder, file) == (
        f"{file}:{line}:{column}: answers.{FIRST}.note: {MARKED.format(char, what)}\n"
    )


@pytest.mark.parametrize("word", ["=", "<<"])
def test_an_equals_sign_alone_as_a_note_says_to_quote_it(
    ladder: Ladder, tmp_path: Path, word: str
) -> None:
    file = template(ladder, tmp_path, f"note: {word}")
    assert refused(ladder, file) == (
        f"{file}:{line_of(file, f'    note: {word}')}:11: answers.{FIRST}.note: YAML reads "
        f'{word} on its own as a special value, not as text: put it in quotes ("{word}")\n'
    )


def test_a_note_yaml_reads_as_a_date_it_cannot_build_says_to_quote_it(
    ladder: Ladder, tmp_path: Path
) -> None:
    file = template(ladder, tmp_path, "note: 2026-13-45")
    assert refused(ladder, file) == (
        f"{file}:{line_of(file, '    note: 2026-13-45')}:11: answers.{FIRST}.note: cannot read "
        "'2026-13-45' as a date: put the note in double quotes (note: \"...\", a backslash "
        "written \\\\)\n"
    )


def test_a_tag_elsewhere_in_an_answers_file_is_named(ladder: Ladder, tmp_path: Path) -> None:
    file = template(ladder, tmp_path)
    text = file.read_text(encoding="utf-8").replace("rating: null", "rating: !score 3", 1)
    file.write_text(text, encoding="utf-8")
    line = line_of(file, "    rating: !score 3")
    assert refused(ladder, file) == (
        f"{file}:{line}:13: the tag '!score' is not allowed in an answers file\n"
    )


# --- ': ' in a note -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("note", "where", "column"),
    [
        ("note: Ran it: with Product", "    note: Ran it: with Product", 17),
        ("note: Ran the review\n      with: Product", "      with: Product", 11),
        ("note:\n      Led: the launch", "      Led: the launch", 10),
    ],
)
def test_a_note_holding_a_colon_is_refused_with_its_fix(
    ladder: Ladder, tmp_path: Path, note: str, where: str, column: int
) -> None:
    file = template(ladder, tmp_path, note)
    line = line_of(file, where)
    assert refused(ladder, file) == (
        f"{file}:{line}:{column}: answers.{FIRST}.note: the note holds ': ', which YAML reads "
        f"as the start of a field: {FIX}\n"
    )


def test_the_fixes_the_template_names_read_back(ladder: Ladder, tmp_path: Path) -> None:
    file = template(
        ladder,
        tmp_path,
        'note: "Ran it: with Product, teams #2 and #3"',
        "note: |\n      Ran it: with Product\n      teams #2 and #3, 'quoted' \"too\"",
    )
    head = file.read_text(encoding="utf-8").split("\n\n")[0]
    assert (
        "# did, when, and who saw it, typed after note: in place of null; it runs to the end\n"
        "# of its line, '#' included. A note that holds ': ' goes in double quotes\n"
        '# (note: "Ran it: with Product"; a backslash there is written \\\\), or write\n'
        "# note: | and the note on the lines below, indented further than note:, as many\n"
        "# lines as you like.\n"
    ) in head + "\n"
    assert notes_of(ladder, file) == {
        FIRST: "Ran it: with Product, teams #2 and #3",
        SECOND: "Ran it: with Product\nteams #2 and #3, 'quoted' \"too\"",
    }
    # a backslash written as the template says is one backslash in the note
    windows = template(ladder, tmp_path, 'note: "Moved to D:\\\\new\\\\tools"')
    assert notes_of(ladder, windows) == {FIRST: "Moved to D:\\new\\tools"}


def test_a_colon_elsewhere_keeps_the_parsers_message(ladder: Ladder, tmp_path: Path) -> None:
    file = template(ladder, tmp_path)
    text = file.read_text(encoding="utf-8").replace("rater: self", "rater: self: manager")
    file.write_text(text, encoding="utf-8")
    assert refused(ladder, file) == (
        f"{file}:{line_of(file, 'rater: self: manager')}:12: not valid YAML: a ':' in the middle "
        "of a value: put the value in quotes if it holds ': ', or check the indentation of this "
        "line\n"
    )


# --- indentation lost ---------------------------------------------------------------------------


def test_indentation_lost_in_an_email_says_so(ladder: Ladder, tmp_path: Path) -> None:
    file = template(ladder, tmp_path, "note: Led it")
    lines = file.read_text(encoding="utf-8").splitlines()
    file.write_text("\n".join(line.lstrip(" ") for line in lines) + "\n", encoding="utf-8")
    first = lines.index("    rating: 3") + 1
    second = lines.index("    rating: null", first) + 1
    assert refused(ladder, file) == (
        f"{file}:{second}:1: duplicate key 'rating' (first at line {first}): this line is not "
        "indented, and a question's rating goes under its id, indented further: was the "
        "file's indentation lost (in an e-mail, say)? Indent each rating and note under its "
        "question's id, as in ladder's template\n"
    )


NBSP = (
    "this line is indented with no-break spaces (U+00A0), as some e-mail programs do: replace "
    "them with ordinary spaces"
)


@pytest.mark.parametrize(
    ("spaces", "every_line"),
    [("\xa0\xa0", True), (" \xa0", True), ("\xa0\xa0", False)],
    ids=["no-break", "alternating", "one-line"],
)
def test_indentation_in_no_break_spaces_says_so(
    ladder: Ladder, tmp_path: Path, spaces: str, every_line: bool
) -> None:
    file = template(ladder, tmp_path, "note: Led it")
    lines = file.read_text(encoding="utf-8").splitlines()
    first = lines.index("    note: Led it")
    changed = [
        line.replace("  ", spaces)
        if (every_line and not line.lstrip().startswith("#")) or number == first
        else line
        for number, line in enumerate(lines)
    ]
    file.write_text("\n".join(changed) + "\n", encoding="utf-8")
    wrong = next(n for n, line in enumerate(changed) if "\xa0" in line)
    column = changed[wrong].index("\xa0") + 1
    assert refused(ladder, file) == f"{file}:{wrong + 1}:{column}: {NBSP}\n"


def test_one_question_indented_as_an_id_says_so(ladder: Ladder, tmp_path: Path) -> None:
    file = template(ladder, tmp_path)
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("    rating: null\n    note: null", "  rating: 2\n  note: x", 1))
    line = line_of(file, "  rating: 2")
    lost = (
        "indented as a question id is, and a question's {} goes under its id, indented further:"
        " was the indentation lost (in an e-mail, say)? Indent it under its question's id, as "
        "in ladder's template"
    )
    assert refused(ladder, file) == (
        f"{file}:{line}:3: answers.rating: unknown question id 'rating' for vp → cto: this line "
        f"is {lost.format('rating')}\n"
        f"{file}:{line + 1}:3: answers.note: unknown question id 'note' for vp → cto: this line "
        f"is {lost.format('note')}\n"
    )


def test_a_question_id_indented_as_a_rating_says_so(ladder: Ladder, tmp_path: Path) -> None:
    file = template(ladder, tmp_path, "note: Led it")
    text = file.read_text(encoding="utf-8").replace(f"  {SECOND}:", f"    {SECOND}:")
    file.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    first = lines.index("    rating: 3") + 1
    second = lines.index("    rating: null", first) + 1
    assert refused(ladder, file) == (
        f"{file}:{second}:5: duplicate key 'rating' (first at line {first}): a question has one "
        "rating: is the id of the question above this line missing, or indented as far as its "
        "rating?\n"
    )


def test_another_duplicate_key_keeps_its_message(ladder: Ladder, tmp_path: Path) -> None:
    file = tmp_path / "answers.yaml"
    file.write_text("from: vp\nto: cto\nfrom: cto\n", encoding="utf-8")
    assert refused(ladder, file) == f"{file}:3:1: duplicate key 'from' (first at line 1)\n"


# --- what ladder writes, it reads back ----------------------------------------------------------

CATALOG: list[Catalog] = []


def questionnaire() -> tuple[Catalog, Questionnaire]:
    if not CATALOG:
        CATALOG.append(load_catalog())
    return CATALOG[0], build_questionnaire(named_path(CATALOG[0], "vp", "cto"))


# A note as ladder holds one: any text, its ends stripped (a note is read stripped)
NOTES = (
    st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=60)
    .map(str.strip)
    .filter(bool)
)
TRICKY = st.sampled_from(
    [
        "Budget owner for teams #2 and #3",
        "Ran it: with Product",
        "#1",
        "- a list?",
        "null",
        "3",
        "'single' and \"double\" quotes",
        "line one\nline two\r\nline three",
        "🚀 launch, 漢字, Ünïcödé, العربية",
        "| a block?",
        "key: {value}",
        "tab\there",
        "\ufeffbom",
        "non\ufffecharacter\uffff",
        "no",
        "3.10",
        "2026-12-02",
        "&anchor led the team",
        "! tagged",
        "*alias",
        "=",
        "<<",
        "null  # nothing to add",
        "first line\n#2 is next",
        '"quoted" #2',
        "a line\n\xa0\xa0indented with no-break spaces",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notes=st.lists(st.one_of(TRICKY, NOTES), min_size=1, max_size=4))
@example(notes=["Budget owner for teams #2 and #3", "Ran it: with Product"])
def test_any_note_ladder_writes_reads_back_the_same(notes: list[str]) -> None:
    catalog, q = questionnaire()
    answers = Answers("vp", "cto")
    for qid, note in zip(CTO_IDS, notes, strict=False):
        answers.ratings[qid] = 3
        answers.notes[qid] = note
    for text in (answers_yaml(q, answers), answers_json(q, answers)):
        _, back = load_answers(parse_answers(text, "answers.yaml"), catalog)
        assert back.notes == answers.notes


# A note as a person types one after note: (and perhaps on the line below it, indented):
# one line of text, not in quotes nor a | block, which may hold any character
TYPED = st.text(
    st.characters(exclude_categories=["Cs", "Cc", "Zl", "Zp"], include_characters="\t"),
    max_size=24,
)
QUOTED_OR_BLOCK = ("'", '"', "|", ">")
NULL = re.compile(r"(?:~|null|Null|NULL)?(?:[ \t]+#.*)?")


def as_typed(first: str, second: str | None) -> str | None:
    """The note a person typed: its lines joined by a space (as YAML joins them), its ends
    stripped; None where it says null (perhaps with a comment after it) or nothing."""
    one, two = first.strip(" \t"), (second or "").strip(" \t")
    typed = f"{one} {two}" if one and two else one or two
    return None if NULL.fullmatch(typed) else typed.strip() or None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=TYPED, second=st.none() | TYPED)
@example(first='Ran it "with" Product #2 and #3', second=None)
@example(first="first line", second="#2 is next")
@example(first="#2", second="is next")
@example(first="", second="#2 is next")
@example(first="null  # nothing to add", second=None)
@example(first="3.10", second=None)
@example(first="&anchor led the team", second=None)
@example(first="!", second=None)
def test_a_note_typed_plain_is_kept_as_typed_or_refused(first: str, second: str | None) -> None:
    assume(not (first.strip(" \t") or second or "").strip(" \t").startswith(QUOTED_OR_BLOCK))
    catalog, _ = questionnaire()
    note = f"note: {first}" + ("" if second is None else f"\n      {second}")
    text = f"from: vp\nto: cto\nanswers:\n  {FIRST}:\n    rating: 3\n    {note}\n  {SECOND}: 2\n"
    try:
        _, answers = load_answers(parse_answers(text, "answers.yaml"), catalog)
    except AnswersFileError:
        return  # refused, with its line and the fix
    assert answers.notes.get(FIRST) == as_typed(first, second)


def test_a_quote_inside_a_quoted_note_says_how_to_write_it(ladder: Ladder, tmp_path: Path) -> None:
    """A manager quoting a talk's title inside a quoted note was told to put the whole value
    in quotes, which it was."""
    typed = 'note: "Spoke at QCon: "Scaling teams" to 400"'
    file = template(ladder, tmp_path, typed)
    line = line_of(file, "    " + typed)
    message = refused(ladder, file)
    assert message.startswith(f"{file}:{line}:")
    assert message.endswith(
        "text after the closing quote: put the whole value in quotes; a quote inside the value "
        "ends it, so write one there as \\\" (or put the value in single quotes, doubling any ' "
        "inside)\n"
    )
    fixed = template(ladder, tmp_path, 'note: "Spoke at QCon: \\"Scaling teams\\" to 400"')
    shown = ladder("report", str(fixed), "-f", "json")
    assert shown.exit_code == 0, shown.output
    assert 'Spoke at QCon: "Scaling teams" to 400' in shown.stdout.replace('\\"', '"')
