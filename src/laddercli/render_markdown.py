"""Render document blocks as GitHub-flavoured markdown, with real tables."""

from __future__ import annotations

import re
from collections.abc import Sequence

from laddercli.document import (
    Bars,
    Block,
    Bullets,
    Fields,
    Heading,
    Item,
    Para,
    Radar,
    Table,
    bar,
    numeric_column,
)

_INLINE = re.compile(r"([\\`*_\[\]<>])")
_LIST_START = re.compile(r"^(\s*)(\d+)([.)])(\s)")


def escape(text: str) -> str:
    """Escape what markdown would read as markup; collapse line breaks."""
    text = " ".join(text.split())
    text = _INLINE.sub(r"\\\1", text)
    if text[:1] in {"#", "-", "+", ">", "="}:
        text = "\\" + text
    return _LIST_START.sub(r"\1\2\\\3\4", text)


def _cell(text: str) -> str:
    """A table cell: inline markup escaped; a cell cannot start a list or a heading."""
    text = _INLINE.sub(r"\\\1", " ".join(text.split()))
    return text.replace("|", "\\|") or " "


def to_markdown(blocks: Sequence[Block]) -> str:
    parts = [out for block in blocks if (out := _block(block))]
    return "\n\n".join(parts) + "\n"


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"{'#' * block.level} {escape(block.text)}"
    if isinstance(block, Para):
        return _para(block)
    if isinstance(block, Bullets):
        return _bullets(block)
    if isinstance(block, Fields):
        return "\n".join(f"- **{escape(label)}:** {escape(value)}" for label, value in block.pairs)
    if isinstance(block, Bars):
        return _bars(block)
    if isinstance(block, Radar):  # a chart for HTML; the areas table says the same
        return ""
    return _table(block)


def _para(block: Para) -> str:
    if block.style == "hint":
        return ""
    label = f"**{escape(block.label)}:** " if block.label else ""
    if block.style == "example":
        return f"*{escape(block.label or 'Example')}: {escape(block.text)}*"
    if block.style == "quote":
        return f"> {label}{escape(block.text)}"
    return f"{label}{escape(block.text)}"


def _bullets(block: Bullets) -> str:
    lines: list[str] = []
    loose = any(item.children for item in block.items)  # a blank line between such items
    for n, item in enumerate(block.items, start=1):
        if loose and n > 1:
            lines.append("")
        marker = f"{n}. " if block.ordered else "- [ ] " if block.checklist else "- "
        lines.append(marker + _item_line(item))
        indent = " " * (2 if block.checklist else len(marker))
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
        out = f"**{escape(item.label)}**"
        if item.text:
            out += ": "
    out += escape(item.text)
    if item.link:
        out += f" _({escape(item.link)})_"
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
    rows = tuple((b.label, b.shown, bar(b.value, block.maximum, 10)) for b in block.bars)
    return _table(Table((block.label_heading, block.value_heading, ""), rows))
