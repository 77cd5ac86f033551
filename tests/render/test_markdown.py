"""Markdown output: well-formed GitHub tables and lists, and user text that cannot break them."""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Callable
from pathlib import Path
from textwrap import dedent
from typing import Any

import pytest

from laddercli.render.document import Block, Bullets, Heading, Item, Para, Table
from laddercli.render.markdown import escape, to_markdown

Ladder = Callable[..., Any]
UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def check_structure(md: str) -> None:
    """Tables have one cell count throughout; no trailing blanks; one blank line between blocks."""
    lines = md.split("\n")
    assert md.endswith("\n") and not md.endswith("\n\n")
    assert not [line for line in lines if line != line.rstrip()]
    assert "\n\n\n" not in md
    table: list[str] = []
    for line in [*lines, ""]:
        if line.startswith("|"):
            table.append(line)
            continue
        if table:
            counts = {len(UNESCAPED_PIPE.findall(row)) for row in table}
            assert len(counts) == 1, table
            assert re.fullmatch(r"\|( --- \|)+", table[1]), table[1]
            table = []


@pytest.mark.parametrize(
    "args",
    [["show", "vp"], ["show", "cto"], ["show", "ceo"], ["compare", "vp", "cto", "ceo"], ["roles"]],
)
def test_markdown_is_well_formed(ladder: Ladder, args: list[str]) -> None:
    result = ladder(*args, "--format", "markdown")
    assert result.exit_code == 0
    check_structure(result.stdout)
    assert result.stdout.startswith("# ")


def test_show_vp_markdown_outline(ladder: Ladder) -> None:
    md = ladder("show", "vp", "-f", "markdown").stdout
    headings = [line for line in md.splitlines() if line.startswith("#")]
    assert headings[:4] == [
        "# VP of Engineering (VP)",
        "## Core responsibilities",
        "### Strategic Leadership",
        "### Organizational Leadership",
    ]
    assert "## Transition to CTO or CEO" in headings
    assert "### Path to CTO" in headings
    assert "#### You're ready for CTO when you've demonstrated" in headings
    assert "1. **Develop Deep Product Intuition**\n   - Partner closely with Product" in md
    assert "   *Example: Lead a product discovery initiative." in md
    assert "- **Direct reports:** 4-8 Directors/Senior Directors" in md
    assert '> **You answer the question:** "How does engineering drive business success?"' in md
    # Hints for the terminal ("ladder compare ...") stay out of documents.
    assert "ladder compare" not in md


def test_user_text_cannot_break_the_markdown(ladder: Ladder, role_dir: Callable[..., Path]) -> None:
    folder = role_dir(
        odd=dedent("""\
            id: odd
            title: "Odd | Role *bold* _x_ <b>"
            dimensions:
              "Primary | focus": "a|b [link](x) `code`"
            """)
    )
    md = ladder("--roles", str(folder), "compare", "odd", "vp", "-f", "markdown").stdout
    check_structure(md)
    assert "# Comparison: Odd \\| Role" not in md  # headings need no pipe escape
    assert "| **Primary \\| focus** | a\\|b \\[link\\](x) \\`code\\` |" in md


def test_escape() -> None:
    assert escape("P&L, 5-10+ years") == "P&L, 5-10+ years"
    assert escape("*stars* and _under_") == "\\*stars\\* and \\_under\\_"
    assert escape("# not a heading") == "\\# not a heading"
    assert escape("1. not a list") == "1\\. not a list"
    assert escape("two\nlines") == "two lines"
    # what starts a block only does so followed by a space or at the end of the line
    assert escape("- not a list") == "\\- not a list"
    assert escape("+ not a list") == "\\+ not a list"
    assert escape("* not a list") == "\\* not a list"
    assert escape("+") == "\\+" and escape("-") == "\\-" and escape("#") == "\\#"
    assert escape("2) not a list") == "2\\) not a list" and escape("7.") == "7\\."
    assert escape("> not a quote") == "\\> not a quote" and escape(">x") == "\\>x"
    assert escape("---") == "\\---" and escape("- - -") == "\\- - -" and escape("--") == "\\--"
    assert escape("===") == "\\==="
    # ... and what starts nothing is left alone: a backslash would show in a pasted document
    assert escape("+35.2 since the previous assessment") == "+35.2 since the previous assessment"
    assert escape("-1.5 below the others") == "-1.5 below the others"
    assert escape("#1 2026-11-20") == "#1 2026-11-20"
    assert escape("####### seven is no heading") == "####### seven is no heading"
    assert escape("1.5 → 3") == "1.5 → 3" and escape("2026-11-20") == "2026-11-20"
    assert escape("=SUM(A1:A3)") == "=SUM(A1:A3)"
    assert escape("a > b, snake_case") == "a > b, snake_case"
    assert escape("~2 years") == "~2 years"
    # inline markup is escaped wherever it stands
    assert escape("x + y - z # w") == "x + y - z # w"
    assert escape("__init__ and a_") == "\\_\\_init\\_\\_ and a\\_"
    assert escape("~3 to ~5 years") == "\\~3 to \\~5 years"  # a strikethrough on GitHub
    assert escape("~~~") == "\\~\\~\\~"  # a code fence
    assert escape("[ ] x <b> `c` \\") == "\\[ \\] x \\<b> \\`c\\` \\\\"
    # not at the start of a line, a marker is plain text
    assert escape("- x", line_start=False) == "- x"
    assert escape("1. x", line_start=False) == "1. x"


TRICKY = [
    "+35.2 since the previous assessment",
    "+ a",
    "+",
    "- a",
    "-",
    "--",
    "---",
    "- - -",
    "-1.5",
    "* a",
    "***",
    "___",
    "# a",
    "#",
    "#1 2026-11-20",
    "####### a",
    "1. a",
    "1)",
    "2026. a",
    "1234567890. a",
    "1.5 → 3",
    "> a",
    "a > b",
    "===",
    "=SUM(A1)",
    "snake_case_name",
    "_a_",
    "__init__",
    "*a* and 5 * 3",
    "~a~ and ~~b~~",
    "~~~",
    "[ ] a",
    "[x] a",
    "[a](b) ![c](d)",
    "<b>a</b> <http://x.example>",
    "`a`",
    "a\\b",
    "C #",
    "P&L, 5-10+ years",
]


def _plain(tokens: list[Any]) -> list[str]:
    """The text of each inline token, as a reader sees it."""
    return [
        "".join(c.content for c in t.children or () if c.type in ("text", "code_inline"))
        for t in tokens
        if t.type == "inline"
    ]


@pytest.mark.parametrize("text", TRICKY)
def test_escaped_text_reads_as_written(text: str) -> None:
    """Wherever text lands (a paragraph, a list item, a heading, a quote, a cell), it is one
    plain paragraph of exactly that text: no list, heading, rule, code or emphasis."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    places: list[tuple[Block, list[str], str]] = [
        (Para(text), ["paragraph_open"], text),
        (Para(text, label="Note"), ["paragraph_open"], f"Note: {text}"),
        (Para(text, style="quote"), ["blockquote_open", "paragraph_open"], text),
        (Bullets((Item(text),)), ["bullet_list_open", "list_item_open", "paragraph_open"], text),
        (
            Bullets((Item(text),), ordered=True),
            ["ordered_list_open", "list_item_open", "paragraph_open"],
            text,
        ),
        (
            Bullets((Item(text),), checklist=True),
            ["bullet_list_open", "list_item_open", "paragraph_open"],
            f"[ ] {text}",
        ),
        (Heading(2, text), ["heading_open"], text),
    ]
    for block, opens, shown in places:
        source = to_markdown([block])
        tokens = md.parse(source)
        assert [t.type for t in tokens if t.nesting == 1] == opens, source
        assert _plain(tokens) == [shown], source
    tokens = md.parse(to_markdown([Table(("A", "B"), ((text, text),), key_column=False)]))
    assert _plain(tokens)[-2:] == [text, text]


def test_nested_lists_and_paragraphs() -> None:
    blocks: list[Block] = [
        Heading(2, "Key actions"),
        Bullets(
            (
                Item(
                    "",
                    label="First",
                    children=(
                        Bullets((Item("a"), Item("b"))),
                        Para("Do it.", label="Example", style="example"),
                    ),
                ),
                Item("", label="Second", link="key action 9"),
            ),
            ordered=True,
        ),
        Table(("A", "B"), (("x", "y"),), key_column=False),
    ]
    assert to_markdown(blocks) == dedent("""\
        ## Key actions

        1. **First**
           - a
           - b

           *Example: Do it.*

        2. **Second** _(key action 9)_

        | A | B |
        | --- | --- |
        | x | y |
        """)


def test_a_failed_write_keeps_the_old_file(
    ladder: Ladder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.md"
    target.write_text("my notes")

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", full_disk)
    result = ladder("show", "vp", "-o", str(target))
    assert result.exit_code == 1
    assert result.stderr == f"ladder: cannot write {target}: No space left on device\n"
    assert target.read_text() == "my notes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ladder-home", "plan.md"]
