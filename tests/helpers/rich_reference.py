"""The text renderer as it was with Rich: the reference the Rich-free one is held to.

``render_text`` drew with Rich until Rich's import alone came to a sixth of a command's
start-up; it now lays out and styles text itself. This is the Rich version it replaced
(tables always drawn by Rich's ``Table``), kept for the tests only: the new output must be
the same, byte for byte in plain text, and cell for cell (characters and styles) on a
terminal.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from typing import IO

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.table import Table as RichTable
from rich.text import Text

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
    command_line,
    numeric_column,
    trend_para,
)
from laddercli.render.text import NARROW, PROSE_WIDTH
from laddercli.visible import visible_in


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

    Lists, fields, bars, paragraphs and tables of many rows (``render_table``) are laid out
    line by line already, so their lines are joined as they are; other tables go through
    Rich's layout.
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
        console.print(render(block, console), crop=False)  # a command is written whole


def _spaced(blocks: Sequence[Block]) -> Iterator[tuple[Block, bool]]:
    """The blocks to show (charts are for HTML; bars beside them say the same), each with
    whether a blank line goes before it."""
    previous: Block | None = None
    for block in map(visible_in, blocks):  # every text of every block, once
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
        lines = wrapped(_para(block), console, 0)
        if block.command is not None:  # whole, however narrow the console
            command = Text(
                f"  {command_line(block.command)}", style="dim", no_wrap=True, overflow="ignore"
            )
            lines = [*lines, command]
        return lines
    if isinstance(block, Bullets):
        return _bullet_lines(block, console, indent=2)
    if isinstance(block, Fields):
        return _field_lines(block.pairs, console, indent=2)
    if isinstance(block, Bars):
        return _bar_lines(block, console, indent=2)
    if isinstance(block, Radar):  # pragma: no cover - _spaced leaves charts out
        return []
    if isinstance(block, Trend):
        return wrapped(_para(trend_para(block)), console, 0)
    if console.width < NARROW and len(block.columns) > 2:
        return _record_lines(block, console, indent=2)
    if column_widths(block, console.width) is None:  # a word would be cut: as records
        return _record_lines(block, console, indent=2)
    return None  # Rich draws every table


def _heading(block: Heading, console: Console) -> list[Text]:
    title = wrapped(Text(block.text, style="bold"), console, 0)
    if block.level >= 4:
        return title
    rule = {1: "═", 2: "─", 3: "┈"}[block.level]
    return [*title, Text(rule * min(len(block.text), prose_width(console)), style="dim")]


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


def prose_width(console: Console) -> int:
    """The width prose is wrapped to: the console's, at most PROSE_WIDTH."""
    return min(console.width, PROSE_WIDTH)


def wrapped(text: Text, console: Console, indent: int, first: Text | str = "") -> list[Text]:
    """``text`` wrapped to the console (at most PROSE_WIDTH), every line indented, the
    first led by ``first``."""
    lead = Text(first) if isinstance(first, str) else first
    hang = indent + lead.cell_len
    lines = text.wrap(console, max(prose_width(console) - hang, 10))
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
            if lines[-1].cell_len + 1 + link.cell_len <= prose_width(console):
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
    widths = column_widths(block, width) or [
        max(cell_len(line) for cell in column for line in cell.split("\n"))
        for column in zip(block.columns, *block.rows, strict=True)
    ]  # (None only when _lines shows the table as records instead)
    # Rules between rows only where some row wraps onto several lines.
    natural = sum(_longest_line(column) for column in zip(block.columns, *block.rows, strict=True))
    wraps = natural + 3 * len(block.columns) + 1 > width
    table = RichTable(box=box.ROUNDED, show_lines=wraps, header_style="bold", expand=False)
    for i, (column, column_width) in enumerate(zip(block.columns, widths, strict=True)):
        key = block.key_column and i == 0
        numeric = i > 0 and numeric_column([row[i] for row in block.rows])
        table.add_column(
            column,
            width=column_width,
            style="bold" if key else None,
            overflow="fold",  # only a file's path, never a word (see column_widths)
            justify="right" if numeric else "left",
        )
    for row in block.rows:
        table.add_row(*row)
    return table


def _longest_line(cells: Iterable[str]) -> int:
    return max((cell_len(line) for cell in cells for line in cell.split("\n")), default=0)


def _longest_word(cells: Iterable[str]) -> int:
    """The width of the longest word, which a column is never narrower than; a file's
    path (a word holding a slash) counts as at most ``FOLDED_PATH``."""
    return max(
        (
            min(cell_len(word), FOLDED_PATH) if "/" in word else cell_len(word)
            for cell in cells
            for word in cell.split()
        ),
        default=1,
    )


# A file's path may be folded across lines in a table after this many cells; a word, a
# date or a name never is.
FOLDED_PATH = 16


def column_widths(block: Table, width: int) -> list[int] | None:
    """Each column's width (in cells, without padding) in a table ``width`` wide, borders
    included: as wide as its longest cell where every column fits so; else the widest
    columns are narrowed first, as Rich narrows them, but never below the column's longest
    word (a file's path may fold after ``FOLDED_PATH`` cells), so that text wraps at spaces
    only and a word, a date or a name is never cut. None when even that does not fit (the
    table is then shown as records)."""
    columns = list(zip(block.columns, *block.rows, strict=True))
    widths = [_longest_line(column) for column in columns]
    floors = [_longest_word(column) for column in columns]
    room = width - 3 * len(columns) - 1  # a rule and a space either side of each column
    excess = sum(widths) - room
    while excess > 0:
        narrow = [w > f for w, f in zip(widths, floors, strict=True)]
        if not any(narrow):
            return None
        widest = max(w for w, n in zip(widths, narrow, strict=True) if n)
        below = max((w for w, n in zip(widths, narrow, strict=True) if n and w < widest), default=0)
        tops = [i for i, w in enumerate(widths) if narrow[i] and w == widest]
        remaining = excess
        for k, i in enumerate(tops):  # shared out as Rich's ratio_reduce does
            limit = min(excess, widest - below, widths[i] - floors[i])
            taken = min(limit, round(remaining / (len(tops) - k)))
            widths[i] -= taken
            remaining -= taken
        excess = sum(widths) - room
    return widths


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
        if stacked and indent + 2 + bar_width + 2 + len(figure.rstrip()) > console.width:
            out += [line, *wrapped(Text(figure.strip()), console, indent + 2)]  # below it
            continue
        line.append("  " + figure)
        out.append(line)
    return out
