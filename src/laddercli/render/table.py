"""Tables for text output, drawn line by line: a rounded box, a bold header, the key column
bold, figures flush right, rules between rows only where some row wraps.

The drawing is the one Rich gave these tables (its box, its wrapping of a cell, a header
set at the bottom of its row and a cell at the top), made here at a fraction of the cost
(Rich took 0.3 ms a row: 3 s to list 10,000 roles) and without loading Rich; the tests
compare the two (tests/test_tables.py). The column widths are ``render/text.py``'s
``column_widths``, which never cut a word.
"""

from __future__ import annotations

from collections.abc import Sequence

from laddercli.render.cells import cell_len, fitted, tab_stops
from laddercli.render.document import Table, numeric_column

Line = list[tuple[str, str]]

# Box characters, Rich's: the top, the sides of a row, the rule under the header, the rule
# between rows, the bottom. A rule is (left, horizontal, cross, right); the sides are (left,
# between, right).
Box = tuple[str, str, str, str, str]
ROUNDED: Box = ("╭─┬╮", "│││", "├─┼┤", "├─┼┤", "╰─┴╯")
ASCII: Box = ("+--+", "|||", "|-+|", "|-+|", "+--+")  # for a stream that is not UTF


def table_lines(
    block: Table, widths: Sequence[int], width: int, *, ascii_boxes: bool = False
) -> list[Line]:
    """The table's lines, its columns ``widths`` wide (padding left out; from
    ``column_widths(block, width)``), in a ``width`` wide screen."""
    top, sides, head_rule, row_rule, bottom = ASCII if ascii_boxes else ROUNDED
    count = len(block.columns)
    right = [i > 0 and numeric_column([row[i] for row in block.rows]) for i in range(count)]
    cell_style = ["bold" if block.key_column and i == 0 else "" for i in range(count)]
    # Rules between rows only where some row wraps onto several lines.
    natural = sum(_longest_line(column) for column in zip(block.columns, *block.rows, strict=True))
    ruled = natural + 3 * count + 1 > width
    left, between, end = sides[0], sides[1], sides[2]

    def draw(cells: Sequence[str], header: bool) -> list[Line]:
        shaped = [
            _cell_lines(text, column_width, flush_right)
            for text, column_width, flush_right in zip(cells, widths, right, strict=True)
        ]
        height = max(len(lines) for lines in shaped)
        if height > 1:
            for lines, column_width in zip(shaped, widths, strict=True):
                blank = [" " * column_width] * (height - len(lines))
                if header:  # a header is set at the bottom of its row, a cell at the top
                    lines[:0] = blank
                else:
                    lines += blank
        out: list[Line] = []
        for n in range(height):
            line: Line = [(left, "")]
            for i, lines in enumerate(shaped):
                if i:
                    line.append((between, ""))
                line.append((f" {lines[n]} ", "bold" if header else cell_style[i]))
            line.append((end, ""))
            out.append(line)
        return out

    padded = [w + 2 for w in widths]
    out: list[Line] = [[(_rule(top, padded), "")]]
    out += draw(block.columns, header=True)
    out.append([(_rule(head_rule, padded), "")])
    rule = _rule(row_rule, padded)
    for n, row in enumerate(block.rows):
        if n and ruled:
            out.append([(rule, "")])
        out += draw(row, header=False)
    out.append([(_rule(bottom, padded), "")])
    return out


def _rule(chars: str, widths: Sequence[int]) -> str:
    left, horizontal, cross, right = chars[0], chars[1], chars[2], chars[3]
    return left + cross.join(horizontal * w for w in widths) + right


def _longest_line(cells: Sequence[str]) -> int:
    return max((cell_len(line) for cell in cells for line in cell.split("\n")), default=0)


def _cell_lines(text: str, width: int, flush_right: bool) -> list[str]:
    """A cell's lines, each ``width`` cells (padding left out): wrapped at spaces, a word
    longer than the column folded, set flush left or right."""
    if text.isprintable() and cell_len(text) <= width:  # most cells: one line
        if flush_right:  # set without its trailing blanks
            text = text.rstrip()
            return [" " * (width - cell_len(text)) + text]
        return [text + " " * (width - cell_len(text))]
    out: list[str] = []
    for line in text.split("\n"):
        if "\t" in line:
            line = tab_stops(line)
        for start, end, tail in fitted(line, width):
            part = line[start:end] + tail
            if flush_right:
                part = part.rstrip()
                out.append(" " * (width - cell_len(part)) + part)
            else:
                out.append(part + " " * (width - cell_len(part)))
    return out or [" " * width]
