"""Tables of many rows for the terminal, drawn line by line exactly as Rich draws them.

Rich's own drawing of a table goes through its generic machinery for every cell (0.3 ms a
row: 3 s to list 10,000 roles). A table of more than a few rows is drawn here instead, line
by line, exactly as Rich would draw it: the column widths are those Rich is given (the same
sums as ``render_text.column_widths``, which never cut a word), each cell is wrapped by
Rich's own wrapping where it does not fit on one line, and the box is Rich's. What this
does not draw (a table set up otherwise), Rich draws.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.table import Column
from rich.table import Table as RichTable
from rich.text import Text

from laddercli.document import Table
from laddercli.render_text import _table, column_widths


def table_lines(block: Table, console: Console) -> list[Text | str] | None:
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
    """The widths of the columns of ``_table(block)``, padding included (None: a table
    that ``render_text`` shows as records)."""
    widths = column_widths(block, console.width)
    return None if widths is None else [width + 2 for width in widths]


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
