"""Render document blocks for the terminal with Rich.

Structure must survive without styles (``TERM=dumb``, a pipe, a file): headings are
underlined with box characters, lists are indented with hanging markers, and nothing is
cut off: long text wraps. Content is never parsed as Rich markup.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from typing import IO

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Column
from rich.table import Table as RichTable
from rich.text import Text

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


def make_console(
    file: IO[str] | None = None,
    *,
    width: int | None = None,
    plain: bool = False,
    stderr: bool = False,
) -> Console:
    """A console that never interprets markup or emoji codes in role content."""
    if plain:
        return Console(
            file=file,
            width=width or 80,
            color_system=None,
            force_terminal=False,
            highlight=False,
            markup=False,
            emoji=False,
            soft_wrap=False,
            _environ={},
        )
    return Console(
        file=file, width=width, highlight=False, markup=False, emoji=False, stderr=stderr
    )


def render_plain(blocks: Sequence[Block], width: int = 80) -> str:
    """The blocks as plain text with no styles and no trailing blanks: for files and pipes.

    Lists, fields, bars, paragraphs and tables are laid out here line by line already, so
    their lines are joined as they are; only a table ``_table_lines`` cannot draw goes
    through Rich's layout.
    """
    console = make_console(io.StringIO(), width=width, plain=True)
    out: list[str] = []
    for block, gap in _spaced(blocks):
        if gap:
            out.append("")
        lines = _lines(block, console)
        if lines is None:
            with console.capture() as captured:
                console.print(render(block, console))
            out += captured.get().rstrip("\n").split("\n")
        else:
            out += [line if isinstance(line, str) else line.plain for line in lines]
    return "\n".join(line.rstrip() for line in out) + "\n"


def print_blocks(console: Console, blocks: Sequence[Block]) -> None:
    for block, gap in _spaced(blocks):
        if gap:
            console.print()
        console.print(render(block, console))


def _spaced(blocks: Sequence[Block]) -> Iterator[tuple[Block, bool]]:
    """The blocks to show (charts are for HTML; bars beside them say the same), each with
    whether a blank line goes before it."""
    previous: Block | None = None
    for block in blocks:
        if isinstance(block, Radar):
            continue
        yield block, previous is not None and _gap_before(block, previous)
        previous = block


def _gap_before(block: Block, previous: Block) -> bool:
    if isinstance(block, Heading):
        return True
    if _is_hint(block) and _is_hint(previous):  # commands to copy, one under the other
        return False
    return not isinstance(previous, Heading)


def _is_hint(block: Block) -> bool:
    return isinstance(block, Para) and block.style == "hint"


def render(block: Block, console: Console) -> RenderableType:
    if isinstance(block, Para):
        return _para(block)
    lines = _lines(block, console)
    if lines is not None:
        return Group(*lines)
    assert isinstance(block, Table)
    return _table(block, console.width)


def _lines(block: Block, console: Console) -> Sequence[Text | str] | None:
    """The block as lines already fitted to the console; None for a table that Rich lays
    out."""
    if isinstance(block, Heading):
        return _heading(block, console)
    if isinstance(block, Para):
        return wrapped(_para(block), console, 0)
    if isinstance(block, Bullets):
        return _bullet_lines(block, console, indent=2)
    if isinstance(block, Fields):
        return _field_lines(block.pairs, console, indent=2)
    if isinstance(block, Bars):
        return _bar_lines(block, console, indent=2)
    if isinstance(block, Radar):  # pragma: no cover - _spaced leaves charts out
        return []
    if console.width < NARROW and len(block.columns) > 2:
        return _record_lines(block, console, indent=2)
    if len(block.rows) <= FEW_ROWS:
        return None  # Rich draws it as fast as it measures it: see _table_lines
    return _table_lines(block, console)


def _heading(block: Heading, console: Console) -> list[Text]:
    title = wrapped(Text(block.text, style="bold"), console, 0)
    if block.level >= 4:
        return title
    rule = {1: "═", 2: "─", 3: "┈"}[block.level]
    return [*title, Text(rule * min(len(block.text), console.width), style="dim")]


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


# Lists and label/value pairs are laid out here, line by line, with hanging indents:
# Rich's grids would do the same, at several times the cost of measuring every cell.


def wrapped(text: Text, console: Console, indent: int, first: Text | str = "") -> list[Text]:
    """``text`` wrapped to the console, every line indented, the first led by ``first``."""
    lead = Text(first) if isinstance(first, str) else first
    hang = indent + lead.cell_len
    lines = text.wrap(console, max(console.width - hang, 10))
    out = []
    for n, line in enumerate(lines):
        prefix = Text(" " * indent) + lead if n == 0 else Text(" " * hang)
        out.append(prefix + line)
    return out or [Text(" " * indent) + lead]


def _bullet_lines(block: Bullets, console: Console, indent: int) -> list[Text]:
    count = len(block.items)
    marker_width = len(f"{count}.") if block.ordered else 3 if block.checklist else 1
    out: list[Text] = []
    for n, item in enumerate(block.items, start=1):
        if n > 1 and item.children:
            out.append(Text())
        marker = f"{n}.".rjust(marker_width) if block.ordered else _marker(block)
        lines = wrapped(_item_text(item), console, indent, marker + " ")
        if item.link:  # "(rated 3)" kept whole: after the text, or on a line of its own
            link = Text(f"({item.link})", style="dim")
            if lines[-1].cell_len + 1 + link.cell_len <= console.width:
                lines[-1].append(" ")
                lines[-1].append_text(link)
            else:
                lines += wrapped(link, console, indent + marker_width + 1)
        out += lines
        inner = indent + marker_width + 1
        for child in item.children:
            if isinstance(child, Bullets):
                out += _bullet_lines(child, console, inner)
            elif isinstance(child, Para):
                out += wrapped(_para(child), console, inner)
            else:  # pragma: no cover - views nest only lists and paragraphs
                raise TypeError(f"cannot nest {type(child).__name__} in a list")
    return out


def _marker(block: Bullets) -> str:
    return "[ ]" if block.checklist else "•"


def _item_text(item: Item) -> Text:
    line = Text()
    if item.label:
        line.append(item.label, style="bold")
        if item.text:
            line.append(": ")
    line.append(item.text)
    return line


def _field_lines(pairs: Iterable[tuple[str, str]], console: Console, indent: int) -> list[Text]:
    pairs = list(pairs)
    label_width = min(max((len(label) for label, _ in pairs), default=0), 24)
    out: list[Text] = []
    for label, value in pairs:
        if len(label) > label_width:  # a long label gets a line of its own
            out += wrapped(Text(label, style="bold"), console, indent)
            out += wrapped(Text(value), console, indent + label_width + 2)
            continue
        lead = Text(label.ljust(label_width + 2), style="bold")
        out += wrapped(Text(value), console, indent, lead)
    return out


NARROW = 60  # below this width, a table of three or more columns is shown as records


def _record_lines(block: Table, console: Console, indent: int) -> list[Text]:
    """A table as a list: each row's first cell as an item, its other cells as fields."""
    out: list[Text] = []
    for n, row in enumerate(block.rows):
        if n:
            out.append(Text())
        first = Text(row[0], style="bold" if block.key_column else "")
        out += wrapped(first, console, indent, "• ")
        pairs = zip(block.columns[1:], row[1:], strict=True)
        out += _field_lines(pairs, console, indent + 2)
    return out


def _table(block: Table, width: int) -> RichTable:
    # Rules between rows only where some row wraps onto several lines.
    columns = zip(block.columns, *block.rows, strict=True)
    natural = sum(max(len(cell) for cell in column) for column in columns)
    wraps = natural + 3 * len(block.columns) + 1 > width
    table = RichTable(box=box.ROUNDED, show_lines=wraps, header_style="bold", expand=False)
    widths = block.widths or (1,) * len(block.columns)
    for i, (column, ratio) in enumerate(zip(block.columns, widths, strict=False)):
        key = block.key_column and i == 0
        numeric = i > 0 and numeric_column([row[i] for row in block.rows])
        table.add_column(
            column,
            ratio=ratio,
            style="bold" if key else None,
            overflow="fold",
            justify="right" if numeric else "left",
        )
    for row in block.rows:
        table.add_row(*row)
    return table


# Rich's own drawing of a table goes through its generic machinery for every cell (0.3 ms a
# row: 3 s to list 10,000 roles). A table of more than a few rows is drawn here instead,
# line by line, exactly as Rich would draw it: the column widths are Rich's (measured on a
# table of the cells that decide them, which costs as much as Rich drawing a few rows),
# each cell is wrapped by Rich's own wrapping where it does not fit on one line, and the
# box is Rich's. What this does not draw (a table set up otherwise), Rich draws.
FEW_ROWS = 12


def _table_lines(block: Table, console: Console) -> list[Text | str] | None:
    """The table's lines: Text with the table's styles, or plain str where the console
    shows no style."""
    table = _table(block, console.width)
    if not _drawable(table):
        return None
    columns = table.columns
    box_ = (table.box or box.ROUNDED).substitute(console.options, safe=console.safe_box)
    widths = _column_widths(block, console)
    if widths is None or len(widths) != len(columns) or min(widths) < 2:
        return None
    styled = console.color_system is not None  # else Rich writes no style at all
    get_style = console.get_style
    head_style = [get_style(table.header_style or "") + get_style(c.header_style) for c in columns]
    cell_style = [get_style(c.style or "") for c in columns]

    def draw(cells: Sequence[str], header: bool, sides: tuple[str, str, str]) -> list[Text | str]:
        shaped = [
            _cell_lines(text, width - 2, column, console)
            for text, width, column in zip(cells, widths, columns, strict=True)
        ]
        height = max(len(lines) for lines in shaped)
        for lines, width in zip(shaped, widths, strict=True):
            blank = [" " * (width - 2)] * (height - len(lines))
            if header:  # Rich sets a header at the bottom of its row, a cell at the top
                lines[:0] = blank
            else:
                lines += blank
        left, right, divider = sides
        out: list[Text | str] = []
        for n in range(height):
            if not styled:
                out.append(left + divider.join(f" {lines[n]} " for lines in shaped) + right)
                continue
            line = Text(left)
            for i, lines in enumerate(shaped):
                if i:
                    line.append(divider)
                style = head_style[i] if header else cell_style[i]
                line.append(f" {lines[n]} ", style=style or None)
            line.append(right)
            out.append(line)
        return out

    head = (box_.head_left, box_.head_right, box_.head_vertical)
    mid = (box_.mid_left, box_.mid_right, box_.mid_vertical)
    foot = (box_.foot_left, box_.foot_right, box_.foot_vertical)
    rule = box_.get_row(widths, "row", edge=True)
    out: list[Text | str] = [box_.get_top(widths)]
    out += draw([str(c.header) for c in columns], True, head)
    out.append(box_.get_row(widths, "head", edge=True))
    for n, row in enumerate(block.rows, start=1):
        if n > 1 and table.show_lines:
            out.append(rule)
        out += draw(row, False, foot if n == len(block.rows) else mid)
    out.append(box_.get_bottom(widths))
    return out if not styled else [Text(line) if isinstance(line, str) else line for line in out]


def _drawable(table: RichTable) -> bool:
    """The table is set up as ``_table_lines`` draws it: a box all round, a header, cells of
    plain text with a space either side, set at the top of their row, and no more."""
    return (
        table.box is not None
        and table.show_edge
        and table.show_header
        and not table.show_footer
        and tuple(table.padding) == (0, 1, 0, 1)
        and table.pad_edge
        and not table.collapse_padding
        and not table.leading
        and not table.title
        and not table.caption
        and table.style in (None, "", "none")
        and table.border_style in (None, "", "none")
        and not table.row_styles
        and not any(row.style or row.end_section for row in table.rows)
        and all(
            isinstance(column.header, str)
            and column.vertical == "top"
            and column.justify in ("left", "right")
            and not column.highlight
            and all(isinstance(cell, str) for cell in column.cells)
            for column in table.columns
        )
    )


def _column_widths(block: Table, console: Console) -> list[int] | None:
    """The widths Rich gives the columns of ``_table(block)``, padding included: those of a
    table of the header and, for each column, the cell with the longest line and the one
    with the longest word (Rich measures a column by those two alone)."""

    def longest_line(text: str) -> int:
        return max(map(_cell_len, text.splitlines()), default=0)

    def longest_word(text: str) -> int:
        return max(map(_cell_len, text.split()), default=longest_line(text))

    deciding: list[tuple[str, ...]] = []
    if block.rows:
        columns = list(zip(*block.rows, strict=True))
        deciding.append(tuple(max(cells, key=longest_line) for cells in columns))
        deciding.append(tuple(max(cells, key=longest_word) for cells in columns))
    sample = _table(block._replace(rows=tuple(deciding)), console.width)
    top = console.render_lines(sample, console.options, pad=False)[0]
    line = "".join(segment.text for segment in top)
    box_ = (sample.box or box.ROUNDED).substitute(console.options, safe=console.safe_box)
    if not (line.startswith(box_.top_left) and line.endswith(box_.top_right)):
        return None
    return [_cell_len(part) for part in line[1:-1].split(box_.top_divider)]


def _cell_len(text: str) -> int:
    """The columns ``text`` takes on a terminal (Rich's count; one a character for ASCII)."""
    if text.isascii() and text.isprintable():
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def _cell_lines(text: str, width: int, column: Column, console: Console) -> list[str]:
    """A cell's lines as Rich sets them in a column ``width`` wide (padding left out)."""
    if text.isprintable() and _cell_len(text) <= width:  # most cells: one line
        if column.justify == "right":  # Rich sets it without its trailing blanks
            text = text.rstrip()
            return [" " * (width - _cell_len(text)) + text]
        return [text + " " * (width - _cell_len(text))]
    lines = Text(text).wrap(
        console,
        width,
        justify=column.justify,
        overflow=column.overflow,
        no_wrap=column.no_wrap,
    )
    return [line.plain + " " * (width - line.cell_len) for line in lines] or [" " * width]


BAR_WIDTH = 20


def _aligned(values: list[str]) -> list[str]:
    """Figures set so that their numbers line up: ``68.7 (Nearly ready)`` and
    ``  70 (Nearly ready)``; the words after each number follow it."""
    heads = [v.split(" ", 1)[0] for v in values]
    tails = [v.split(" ", 1)[1] if " " in v else "" for v in values]
    width = max((len(h) for h in heads), default=0)
    out = [f"{h.rjust(width)} {t}".rstrip() for h, t in zip(heads, tails, strict=True)]
    longest = max((len(o) for o in out), default=0)
    return [o.ljust(longest) for o in out]


def _bar_lines(block: Bars, console: Console, indent: int) -> list[Text]:
    """Label, bar and value on one line; on a narrow console, the label above its bar."""
    shown = _aligned([b.shown for b in block.bars])
    shown_width = max((len(text) for text in shown), default=0)
    room = console.width - indent
    label_width = max((len(b.label) for b in block.bars), default=0)
    bar_width = min(BAR_WIDTH, room - label_width - 4 - shown_width)
    stacked = bar_width < 10
    if stacked:
        bar_width = max(4, min(BAR_WIDTH, room - 2 - 2 - shown_width))
    out: list[Text] = []
    for item, figure in zip(block.bars, shown, strict=True):
        line = Text(" " * indent)
        if stacked:
            out += wrapped(Text(item.label, style="bold"), console, indent)
            line.append("  ")
        else:
            line.append(item.label.ljust(label_width), style="bold")
            line.append("  ")
        line.append(bar(item.value, block.maximum, bar_width), style="cyan")
        line.append("  " + figure)
        out.append(line)
    return out
