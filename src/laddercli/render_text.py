"""Render document blocks for the terminal with Rich.

Structure must survive without styles (``TERM=dumb``, a pipe, a file): headings are
underlined with box characters, lists are indented with hanging markers, and nothing is
cut off: long text wraps. Content is never parsed as Rich markup.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import IO

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table as RichTable
from rich.text import Text

from laddercli.document import Block, Bullets, Fields, Heading, Item, Para, Table


def make_console(file: IO[str] | None = None, *, width: int | None = None, plain: bool = False) -> Console:
    """A console that never interprets markup or emoji codes in role content."""
    if plain:
        return Console(
            file=file, width=width or 80, color_system=None, force_terminal=False,
            highlight=False, markup=False, emoji=False, soft_wrap=False, _environ={},
        )
    return Console(file=file, width=width, highlight=False, markup=False, emoji=False)


def render_plain(blocks: Sequence[Block], width: int = 80) -> str:
    """The blocks as plain text with no styles and no trailing blanks: for files and pipes."""
    buffer = io.StringIO()
    print_blocks(make_console(buffer, width=width, plain=True), blocks)
    return "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))


def print_blocks(console: Console, blocks: Sequence[Block]) -> None:
    previous: Block | None = None
    for block in blocks:
        if previous is not None and _gap_before(block, previous):
            console.print()
        console.print(render(block, console.width))
        previous = block


def _gap_before(block: Block, previous: Block) -> bool:
    if isinstance(block, Heading):
        return True
    return not isinstance(previous, Heading)


def render(block: Block, width: int) -> RenderableType:
    if isinstance(block, Heading):
        return _heading(block, width)
    if isinstance(block, Para):
        return _para(block)
    if isinstance(block, Bullets):
        return Padding(_bullets(block, width - 2), (0, 0, 0, 2), expand=False)
    if isinstance(block, Fields):
        return Padding(_fields(block.pairs), (0, 0, 0, 2), expand=False)
    return _table(block)


def _heading(block: Heading, width: int) -> RenderableType:
    title = Text(block.text, style="bold")
    if block.level >= 4:
        return title
    rule = {1: "═", 2: "─", 3: "┈"}[block.level]
    return Group(title, Text(rule * min(len(block.text), width), style="dim"))


def _para(block: Para) -> Text:
    text = Text()
    if block.style == "hint":
        text.append(block.text, style="dim")
        return text
    if block.label:
        label_style = "bold italic" if block.style == "example" else "bold"
        text.append(f"{block.label}: ", style=label_style)
    body_style = "italic" if block.style in {"quote", "example"} else ""
    text.append(block.text, style=body_style)
    return text


def _bullets(block: Bullets, width: int) -> RenderableType:
    grid = RichTable.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, justify="right" if block.ordered else "left")
    grid.add_column()
    for n, item in enumerate(block.items, start=1):
        if n > 1 and item.children:
            grid.add_row("", "")
        marker = f"{n}." if block.ordered else "•"
        grid.add_row(marker, _item(item, width - len(marker) - 1))
    return grid


def _item(item: Item, width: int) -> RenderableType:
    line = Text()
    if item.label:
        line.append(item.label, style="bold")
        if item.text:
            line.append(": ")
    line.append(item.text)
    if item.link:
        line.append(f" ({item.link})", style="dim")
    if not item.children:
        return line
    parts: list[RenderableType] = [line]
    for child in item.children:
        parts.append(_child(child, width))
    return Group(*parts)


def _child(block: Block, width: int) -> RenderableType:
    if isinstance(block, Bullets):
        return _bullets(block, width)
    return render(block, width)


def _fields(pairs: Iterable[tuple[str, str]]) -> RenderableType:
    grid = RichTable.grid(padding=(0, 2))
    grid.add_column(style="bold", max_width=24)
    grid.add_column()
    for label, value in pairs:
        grid.add_row(label, value)
    return grid


def _table(block: Table) -> RenderableType:
    wraps = any(len(cell) > 24 for row in block.rows for cell in row)
    table = RichTable(box=box.ROUNDED, show_lines=wraps, header_style="bold", expand=False)
    widths = block.widths or (1,) * len(block.columns)
    for i, (column, ratio) in enumerate(zip(block.columns, widths, strict=False)):
        key = block.key_column and i == 0
        table.add_column(column, ratio=ratio, style="bold" if key else None, overflow="fold")
    for row in block.rows:
        table.add_row(*row)
    return table
