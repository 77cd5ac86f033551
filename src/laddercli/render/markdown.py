"""Render document blocks as GitHub-flavoured markdown, with real tables."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import assert_never

from laddercli.render.document import (
    Bars,
    Block,
    Bullets,
    Fields,
    Heading,
    Item,
    Para,
    Radar,
    Table,
    Trend,
    bar,
    numeric_column,
    trend_para,
)
from laddercli.visible import visible

# Markup wherever it stands: a backslash, code, emphasis, links and HTML. An underscore
# between two letters or digits (snake_case) cannot start or end emphasis, and ">" is markup
# only at the start of a line, so neither is escaped there.
_INLINE = re.compile(r"[\\`*\[\]<]|(?<![^\W_])_|_(?![^\W_])")
# What starts a block at the start of a line: a heading, a list item, a thematic break (after
# a "- " list marker, "--" makes one), a setext underline, a blockquote. "+1.5" and "#1"
# start nothing: a marker needs a space or the end of the line after it.
_LINE_START = re.compile(
    r"^(?:#{1,6}(?=\s|$)|[-+](?=\s|$)|[-\s]+$|=+\s*$|>)"  # "\# ", "\- ", "\--" ...
)
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")  # "1. ", "2)": "1\. "
_CLOSING_HASHES = re.compile(r"(^|\s)(#+)$")  # "C #" would lose its "#" in a heading


def _inline(text: str) -> str:
    """Every text goes through here: its control characters shown as escapes (before the
    backslashes are escaped), its line breaks collapsed, its inline markup escaped."""
    text = _INLINE.sub(lambda m: "\\" + m[0], " ".join(visible(text).split()))
    if text.count("~") > 1:  # two can strike through what lies between (GitHub)
        text = text.replace("~", "\\~")
    return text


def escape(text: str, *, line_start: bool = True) -> str:
    """Escape what markdown would read as markup; collapse line breaks. With
    ``line_start``, the text begins a line, where a few more characters start a block."""
    text = _inline(text)
    if line_start:
        if _LINE_START.match(text):
            text = "\\" + text
        text = _ORDERED.sub(r"\1\\\2", text)
    return text


def _cell(text: str) -> str:
    """A table cell: inline markup escaped; a cell cannot start a list or a heading."""
    return _inline(text).replace("|", "\\|") or " "


def to_markdown(blocks: Sequence[Block]) -> str:
    parts = [out for block in blocks if (out := _block(block))]
    return "\n\n".join(parts) + "\n"


def _block(block: Block) -> str:
    match block:
        case Heading():  # its text is inline: only a closing "#" is markup
            text = _CLOSING_HASHES.sub(r"\1\\\2", escape(block.text, line_start=False))
            return f"{'#' * block.level} {text}"
        case Para():
            return _para(block)
        case Bullets():
            return _bullets(block)
        case Fields():
            return "\n".join(
                f"- **{escape(label, line_start=False)}:** {escape(value, line_start=False)}"
                for label, value in block.pairs
            )
        case Bars():
            return _bars(block)
        case Radar():  # a chart for HTML; the areas table says the same
            return ""
        case Table():
            return _table(block)
        case Trend():
            return _para(trend_para(block))
        case _:
            assert_never(block)


def _para(block: Para) -> str:
    if block.style == "hint":
        return ""
    label = f"**{escape(block.label, line_start=False)}:** " if block.label else ""
    if block.style == "example":
        name = escape(block.label or "Example", line_start=False)
        return f"*{name}: {escape(block.text, line_start=False)}*"
    if block.style == "quote":
        return _quote(label, block.text)
    return f"{label}{escape(block.text, line_start=not label)}"


def _quote(label: str, text: str) -> str:
    """What a rater wrote, as a blockquote that keeps its line breaks: a backslash ends a
    line that another follows (CommonMark's hard break), a blank line starts a paragraph."""
    raw = text.strip().splitlines() or [""]
    lines = [escape(line, line_start=n > 0 or not label) for n, line in enumerate(raw)]
    lines[0] = label + lines[0]
    out = []
    for line, after in zip(lines, [*lines[1:], ""], strict=True):
        hard_break = "\\" if line and after else ""
        out.append(f"> {line}{hard_break}" if line else ">")
    return "\n".join(out)


def _bullets(block: Bullets) -> str:
    lines: list[str] = []
    loose = any(item.children for item in block.items)  # a blank line between such items
    for n, item in enumerate(block.items, start=1):
        if loose and n > 1:
            lines.append("")
        number = f"{n}. " if block.ordered else ""
        box = "[ ] " if block.checklist else ""  # a task list, numbered where ordered
        marker = (number or "- ") + box
        lines.append(marker + _item_line(item))
        indent = " " * (len(number) if number else 2 if block.checklist else len(marker))
        for child in item.children:
            rendered = _block(child)
            if not rendered:
                continue
            if not isinstance(child, Bullets):
                lines.append("")
            lines.extend(indent + line if line else "" for line in rendered.split("\n"))
    return "\n".join(lines)


def _item_line(item: Item) -> str:
    out = ""
    if item.label:
        out = f"**{escape(item.label, line_start=False)}**"
        if item.text:
            out += ": "
    out += escape(item.text, line_start=not out)
    if item.link:
        out += f" _({escape(item.link, line_start=False)})_"
    return out


def _table(block: Table) -> str:
    rows = [
        "| " + " | ".join(_cell(c) for c in block.columns) + " |",
        "|"
        + "|".join(
            " ---: " if i and numeric_column([row[i] for row in block.rows]) else " --- "
            for i in range(len(block.columns))
        )
        + "|",
    ]
    for row in block.rows:
        cells = [_cell(c) for c in row]
        if block.key_column and cells and cells[0].strip():
            cells[0] = f"**{cells[0]}**"
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def _bars(block: Bars) -> str:
    if len(block.bars) == 1:  # a headline figure: a line of its own
        one = block.bars[0]
        drawn = f" `{bar(one.value, block.maximum, 20)}`" if one.value is not None else ""
        return f"**{escape(one.label)}:** {escape(one.shown)}{drawn}"
    # the bars' column is named for their scale: the bar is the figure beside it, drawn
    rows = tuple((b.label, b.shown, bar(b.value, block.maximum, 10)) for b in block.bars)
    scale = f"Out of {block.maximum:g}"
    return _table(Table((block.label_heading, block.value_heading, scale), rows))
