"""The role files say what the seed document says: all of it, and nothing else.

The built-in roles (``roles/vp.yaml``, ``roles/cto.yaml``, ``roles/ceo.yaml``) were written
from one page, "VP of Engineering", a copy of which is ``tests/data/vp-of-engineering.md``.
These tests hold them to it in both directions:

* every statement of the page (heading, bullet, table cell, sentence) is printed by
  ``ladder show vp|cto|ceo`` and ``ladder compare vp cto ceo``, in text and in markdown;
* every piece of text in the role files comes from the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest
from typer.testing import CliRunner

from laddercli.cli import app
from laddercli.roles.catalog import load_catalog
from tests.helpers import DATA, ROOT

SEED = DATA / "vp-of-engineering.md"
SHARED_SEED = ROOT.parent / "shared" / "seed" / "vp-of-engineering.md"

COMMANDS: tuple[tuple[str, ...], ...] = (
    ("show", "vp"),
    ("show", "cto"),
    ("show", "ceo"),
    ("compare", "vp", "cto", "ceo"),
)

# Statements of the page that the tool deliberately presents differently. Only purely
# structural headings belong here, never content; keys are normalised (see ``normalise``).
STRUCTURAL_HEADINGS: dict[str, str] = {
    # The page gathers the readiness indicators of both paths under this heading; the tool
    # prints them under each path, introduced by "You're ready for CTO/CEO when you've
    # demonstrated" (a statement of the page that is checked like any other).
    "career progression indicators": "indicators are shown under each path",
}

# Expected number of statements extracted from the page; a change means the page or the
# parser changed, so look at the extraction before updating it.
STATEMENT_COUNT = 236

TABLE_BORDERS = "│╭╮╰╯├┤┬┴┼─═┈"

HEADING = re.compile(r"^#{1,6}\s+(?P<text>.+?)\s*#*$")
BULLET = re.compile(r"^\s*[-*+]\s+(?P<text>.+)$")
TABLE_SEPARATOR_CELL = re.compile(r"^:?-+:?$")
LABELLED = re.compile(r"^\*\*(?P<label>[^*]+?):?\*\*:?\s+(?P<value>.+)$")
EMPHASISED = re.compile(r"^\*(?P<inner>[^*].*[^*])\*$")
LABEL_IN_TEXT = re.compile(r"^(?P<label>Example):\s+(?P<value>.+)$")
NUMBERED = re.compile(r"^\d+\.\s+")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")


# --- normalising -----------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Lower-case ``text`` and collapse every run of whitespace to a single space."""
    return " ".join(text.split()).casefold()


def strip_emphasis(text: str) -> str:
    """Remove markdown emphasis: ``**bold**`` and a surrounding ``*italic*``."""
    text = text.replace("**", "")
    match = EMPHASISED.match(text.strip())
    return match.group("inner") if match else text


def clean(statement: str) -> str:
    """A statement as compared: emphasis stripped, trailing colon dropped, trimmed."""
    statement = strip_emphasis(statement).strip()
    return statement.removesuffix(":").strip()


# --- reading the page ------------------------------------------------------------------------


def page_body(markdown: str) -> list[str]:
    """The page's lines without the YAML front matter (between the first two ``---``)."""
    lines = markdown.splitlines()
    if lines and lines[0].strip() == "---":
        end = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() == "---")
        lines = lines[end + 1 :]
    return lines


def sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences, so that wrapping and labels do not matter."""
    return [s for s in SENTENCE_END.split(" ".join(paragraph.split())) if s]


def paragraph_statements(paragraph: str) -> list[str]:
    """The statements of one paragraph.

    A bold line alone (``**Morning**``, ``**1. Develop Deep Product Intuition**``) is a
    heading, without its number; ``**Note**: text`` and ``*Example: text*`` give the label
    and the sentences of the text; anything else gives its sentences.
    """
    paragraph = " ".join(paragraph.split())
    if paragraph.startswith("**") and paragraph.endswith("**") and paragraph.count("**") == 2:
        return [NUMBERED.sub("", paragraph[2:-2])]
    labelled = LABELLED.match(paragraph)
    if labelled:
        return [labelled["label"], *sentences(labelled["value"])]
    inner = strip_emphasis(paragraph)
    in_text = LABEL_IN_TEXT.match(inner)
    if in_text and inner != paragraph:
        return [in_text["label"], *sentences(in_text["value"])]
    return sentences(inner)


def bullet_statements(item: str) -> list[str]:
    """A bullet item; ``**Direct reports**: 4-8 ...`` gives the label and the value."""
    labelled = LABELLED.match(item.strip())
    if labelled:
        return [labelled["label"], labelled["value"]]
    return [item]


def table_statements(row: str) -> list[str]:
    """The cells of a table row; the ``|---|---|`` separator row has none."""
    cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
    if all(TABLE_SEPARATOR_CELL.match(cell) for cell in cells):
        return []
    return cells


def extract_statements(markdown: str) -> list[str]:
    """Every statement of the page, in order: headings, bullets, table cells, sentences."""
    raw: list[str] = []
    paragraph: list[str] = []

    def end_paragraph() -> None:
        if paragraph:
            raw.extend(paragraph_statements(" ".join(paragraph)))
            paragraph.clear()

    for line in page_body(markdown):
        stripped = line.strip()
        heading = HEADING.match(stripped)
        bullet = BULLET.match(line)
        if not stripped or stripped == "---":
            end_paragraph()
        elif heading:
            end_paragraph()
            raw.append(heading["text"])
        elif stripped.startswith("|"):
            end_paragraph()
            raw.extend(table_statements(stripped))
        elif bullet:
            end_paragraph()
            raw.extend(bullet_statements(bullet["text"]))
        else:
            paragraph.append(stripped)
    end_paragraph()
    return [s for s in (clean(r) for r in raw) if s]


@cache
def seed_statements() -> tuple[str, ...]:
    """The statements of the seed copy of the page."""
    return tuple(extract_statements(SEED.read_text(encoding="utf-8")))


# --- what the tool prints --------------------------------------------------------------------


def run(*args: str) -> str:
    """Run ``ladder ARGS`` in-process on a wide terminal, so table cells do not wrap."""
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "250"}, catch_exceptions=False)
    assert result.exit_code == 0, f"ladder {' '.join(args)} failed:\n{result.output}"
    return result.output


def text_output() -> str:
    """The text output of all commands, without table borders, whitespace collapsed."""
    output = "\n".join(run(*command) for command in COMMANDS)
    return normalise(output.translate({ord(c): " " for c in TABLE_BORDERS}))


def markdown_output() -> str:
    """The markdown output of all commands, unescaped, without ``**`` or ``|``."""
    output = "\n".join(run(*command, "--format", "markdown") for command in COMMANDS)
    output = re.sub(r"\\(.)", r"\1", output).replace("**", "").replace("|", " ")
    return normalise(output)


def missing_from(output: str) -> list[str]:
    """The page's statements, bar the structural headings, that ``output`` lacks."""
    return [
        statement
        for statement in seed_statements()
        if normalise(statement) not in STRUCTURAL_HEADINGS and normalise(statement) not in output
    ]


# --- what the role files say -----------------------------------------------------------------

LINK_KEYS = frozenset({"id", "actions", "roles"})


def role_strings(value: Any, where: str) -> Iterator[tuple[str, str]]:
    """Every content string in a role's dump, with where it is.

    Ids and links are skipped: strings under ``id``, and the id lists under ``actions`` and
    ``roles``. (A path's ``actions`` is a list of key actions, whose titles, behaviours and
    examples are content and are walked.) The keys of ``paths`` are role ids, skipped; the
    keys of ``dimensions`` are labels, content.
    """
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key == "dimensions":
                for label, text in item.items():
                    yield f"{where}.dimensions (label)", label
                    yield f"{where}.dimensions.{label}", text
            elif key == "paths":
                for target, path in item.items():
                    yield from role_strings(path, f"{where}.paths.{target}")
            elif key == "id" or (key in LINK_KEYS and all(isinstance(i, str) for i in item)):
                continue
            else:
                yield from role_strings(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from role_strings(item, f"{where}[{index}]")


# --- tests -----------------------------------------------------------------------------------


def test_extraction_finds_the_statements_of_the_page() -> None:
    statements = seed_statements()
    assert len(statements) == STATEMENT_COUNT
    for known in (
        "VP of Engineering",
        "Learn to read and manage a P&L",
        "Owner setting the vision",
        "General manager of the franchise",
        "Direct reports",
        "4-8 Directors/Senior Directors",
        "Develop Deep Product Intuition",
        "Example",
        "Note",
        "Timeline",
        "Many VPs remain in the role long-term; CTO/CEO transitions are less common and often "
        "require specific circumstances.",
        "You're ready for CTO when you've demonstrated",
        "How does engineering drive business success?",
    ):
        assert any(known.casefold() in s.casefold() for s in statements), known
    assert not any(s.startswith(("*", "#", "|", "-")) or s.endswith(":") for s in statements)
    assert "---" not in statements
    assert "breadcrumb: true" not in statements


def test_structural_headings_are_headings_of_the_page() -> None:
    """The allowlist names only statements that exist, so it cannot hide a typo."""
    statements = {normalise(s) for s in seed_statements()}
    assert set(STRUCTURAL_HEADINGS) <= statements


def test_every_statement_of_the_page_is_in_the_text_output() -> None:
    assert missing_from(text_output()) == []


def test_every_statement_of_the_page_is_in_the_markdown_output() -> None:
    assert missing_from(markdown_output()) == []


# The questionnaire's wording is laddercli's, not the page's: the scale, and the question
# a key action asks of its behaviours (and its words for the scale) where the usual ones do
# not fit.
QUESTIONNAIRE_FIELDS = ("assessment", "prompt", "scale", "kind")


def test_role_files_say_nothing_the_page_does_not() -> None:
    page = normalise(strip_emphasis("\n".join(page_body(SEED.read_text(encoding="utf-8")))))
    page = page.replace("*", "")
    invented = [
        f"{role.id}{where}: {text!r}"
        for role in load_catalog().roles
        for where, text in role_strings(role.model_dump(by_alias=True), "")
        if normalise(strip_emphasis(text)) not in page
        and not any(f".{name}" in where for name in QUESTIONNAIRE_FIELDS)
    ]
    assert invented == []


def test_seed_copy_matches_the_shared_seed() -> None:
    if not SHARED_SEED.exists():
        pytest.skip(f"no shared seed at {SHARED_SEED} to compare the test copy with")
    assert SEED.read_bytes() == SHARED_SEED.read_bytes(), f"{SEED} differs from {SHARED_SEED}"
