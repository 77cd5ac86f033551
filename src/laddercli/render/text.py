"""Render document blocks as text: plain for files and pipes, styled for a terminal.

Structure must survive without styles (``TERM=dumb``, a pipe, a file): headings are
underlined with box characters, lists are indented with hanging markers, and nothing is
cut off: long text wraps. Every block is laid out here, line by line, as lines of
(text, style) spans; the lines are then written as they are (a file, a pipe), or with ANSI
styles on a terminal: bold headings and labels, dim hints and rules, italic quotes, cyan
bars (``NO_COLOR`` drops the colour, ``TERM=dumb`` every style). Content is never parsed
as markup, and its control characters are shown as escapes (``visible.py``), never sent
to the terminal.

The layout is the one Rich gave this output before (its wrapping, its tables), kept byte
for byte without loading Rich, which cost a command a sixth of its start-up; the tests
keep Rich as the reference (tests/test_layout.py). Tables are drawn by
``render_table.py``; cell widths and line breaks are ``cells.py``'s.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import IO, NamedTuple, assert_never

from laddercli.render.cells import cell_len, fitted, tab_stops
from laddercli.render.document import (
    PROGRAM,
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
    trend_para,
)
from laddercli.visible import visible_in

# A line of output: spans of text, each with its style ("" for none, or words such as
# "bold", "dim", "italic", "bold italic", "cyan").
Span = tuple[str, str]
Line = list[Span]


class Screen(NamedTuple):
    """Where text goes, as far as its look is concerned."""

    width: int
    terminal: bool = False  # lines fitted to the width, and styles where styled
    styled: bool = False  # bold, dim, italic (not on TERM=dumb)
    colour: bool = False  # colours too (not with NO_COLOR)
    ascii_boxes: bool = False  # tables drawn in ASCII: the stream's encoding is not UTF


def screen_of(stream: IO[str], environ: Mapping[str, str] | None = None) -> Screen:
    """How ``stream`` shows text: whether it is a terminal (``TTY_COMPATIBLE``,
    ``FORCE_COLOR``, else ``isatty``), its width (``COLUMNS``, else the terminal's, else
    80; a dumb terminal is 80 wide), and which styles it takes."""
    env = os.environ if environ is None else environ
    terminal = _is_terminal(stream, env)
    dumb = terminal and env.get("TERM", "").lower() in ("dumb", "unknown")
    columns = env.get("COLUMNS", "")
    width: int | None = int(columns) if columns.isdigit() else None
    if dumb and not (width is not None and env.get("LINES", "").isdigit()):
        width = 80
    elif width is None:
        width = _terminal_width() or 80
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower()
    styled = terminal and not dumb
    return Screen(
        width,
        terminal=terminal,
        styled=styled,
        colour=styled and env.get("NO_COLOR", "") == "",
        ascii_boxes=terminal and not encoding.startswith("utf"),
    )


def _is_terminal(stream: IO[str], env: Mapping[str, str]) -> bool:
    compatible = env.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force = env.get("FORCE_COLOR")
    if force is not None:
        return force != ""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


def _terminal_width() -> int:
    """The width of the first of standard input, output and error that is a terminal."""
    for fd in (0, 1, 2):
        try:
            return os.get_terminal_size(fd).columns
        except (AttributeError, ValueError, OSError):
            continue
    return 0


def render_plain(
    blocks: Sequence[Block], width: int = 80, *, program: Sequence[str] = PROGRAM
) -> str:
    """The blocks as plain text with no styles and no trailing blanks: for files and pipes.
    ``program``: how the hints' commands start (see ``document.program``)."""
    out: list[str] = []
    for block, gap in _spaced(blocks):
        if gap:
            out.append("")
        lines = _lines(block, width, program=program)
        out += ["".join(text for text, _ in line).rstrip() for line in lines]
    return "\n".join(out) + "\n"


def render_screen(
    blocks: Sequence[Block], screen: Screen, *, program: Sequence[str] = PROGRAM
) -> str:
    """The blocks for a terminal: each line fitted to its width (a line wider wraps),
    styled as the terminal allows."""
    if not screen.terminal:
        return render_plain(blocks, screen.width, program=program)
    out: list[str] = []
    for block, gap in _spaced(blocks):
        if gap:
            out.append("\n")
        for line in _lines(block, screen.width, ascii_boxes=screen.ascii_boxes, program=program):
            for part in _fit(line, screen.width):
                out.append(_sgr(part, screen) + "\n")
    return "".join(out)


# A style word that no escape code stands for: the line is a command to copy, written
# whole even where it is wider than the screen (the terminal shows the rest on the next
# line, and copies it as one).
UNWRAPPED = "unwrapped"


def _fit(line: Line, width: int) -> list[Line]:
    """The line as a terminal of ``width`` shows it: as it is where it fits (nearly every
    line: the layout fitted it already) or is a command to copy, else wrapped, as Rich
    wrapped every line."""
    if line and line[-1][1].endswith(UNWRAPPED):
        return [_tabs_expanded(part) for part in _split_lines(line)]
    text = plain(line)
    if "\n" in text or "\t" in text or cell_len(text) > width:
        return wrap(line, width)
    if len(text) > width and text[-1:].isspace():  # blanks past the width, by count
        return wrap(line, width)
    return [line]


def print_blocks(
    stream: IO[str],
    blocks: Sequence[Block],
    screen: Screen | None = None,
    *,
    program: Sequence[str] = PROGRAM,
) -> None:
    """Write the blocks to ``stream``, as ``screen_of(stream)`` says it shows them; the
    hints' commands start with ``program`` (see ``document.program``)."""
    stream.write(render_screen(blocks, screen or screen_of(stream), program=program))
    stream.flush()


_CODES = {"bold": 1, "dim": 2, "italic": 3}
_COLOURS = {"cyan": 36}
_opening: dict[tuple[str, bool], str] = {}


def _sgr(line: Line, screen: Screen) -> str:
    """The line with its styles as ANSI escape codes (Select Graphic Rendition), each
    styled span opened with its codes and closed with a reset, as Rich wrote them."""
    if not screen.styled:
        return "".join(text for text, _ in line)
    out: list[str] = []
    for text, style in line:
        opening = _opening.get((style, screen.colour))
        if opening is None:
            opening = _opening[style, screen.colour] = _codes(style, screen.colour)
        out.append(f"{opening}{text}\x1b[0m" if opening and text else text)
    return "".join(out)


def _codes(style: str, colour: bool) -> str:
    words = style.split()
    codes = sorted(
        [_CODES[w] for w in words if w in _CODES]
        + ([_COLOURS[w] for w in words if w in _COLOURS] if colour else [])
    )
    return f"\x1b[{';'.join(map(str, codes))}m" if codes else ""


# --- styled text ------------------------------------------------------------------------


def plain(line: Line) -> str:
    return "".join(text for text, _ in line)


def width_of(line: Line) -> int:
    """The cells the line takes on a terminal."""
    return cell_len(plain(line))


def wrap(line: Line, width: int) -> list[Line]:
    """The line broken into lines of at most ``width`` cells, at spaces where it can be (a
    word longer than a line is folded), each newline starting a new one and tabs set every
    eight cells."""
    text = plain(line)
    if len(text) <= width and text.isascii() and text.isprintable():
        return [line]
    out: list[Line] = []
    for part in _split_lines(line):
        text = plain(part)
        if "\t" in text:
            part = _tabs_expanded(part)
            text = plain(part)
        for start, end, tail in fitted(text, width):
            piece = _slice(part, start, end)
            if tail:  # a wide character cut at the edge: a blank in its style
                piece.append((tail, _style_at(part, end)))
            out.append(piece)
    return out


def _split_lines(line: Line) -> Iterator[Line]:
    current: Line = []
    for text, style in line:
        first, *others = text.split("\n")
        current.append((first, style))
        for other in others:
            yield current
            current = [(other, style)]
    yield current


def _tabs_expanded(line: Line) -> Line:
    out: Line = []
    column = 0
    for text, style in line:
        if "\t" in text:
            text = tab_stops(text, column)
        column += cell_len(text)
        out.append((text, style))
    return out


def _slice(line: Line, start: int, end: int) -> Line:
    out: Line = []
    at = 0
    for text, style in line:
        after = at + len(text)
        if after > start and at < end:
            out.append((text[max(0, start - at) : end - at], style))
        at = after
    return out


def _style_at(line: Line, offset: int) -> str:
    at = 0
    for text, style in line:
        at += len(text)
        if offset < at:
            return style
    return ""


# --- blocks -------------------------------------------------------------------------------


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


def _lines(
    block: Block, width: int, *, ascii_boxes: bool = False, program: Sequence[str] = PROGRAM
) -> list[Line]:
    """The block as lines fitted to ``width``."""
    match block:
        case Heading():
            return _heading(block, width)
        case Para():
            lines = wrapped(_para(block), width, 0)
            if block.command is not None:  # whole, however narrow the screen: to be copied
                command = command_line(block.command, program)
                lines.append([(f"  {command}", f"dim {UNWRAPPED}")])
            return lines
        case Bullets():
            return _bullet_lines(block, width, indent=2)
        case Fields():
            return _field_lines(block.pairs, width, indent=2)
        case Bars():
            return _bar_lines(block, width, indent=2)
        case Radar():  # pragma: no cover - _spaced leaves charts out
            return []
        case Table():
            return _table_lines(block, width, ascii_boxes)
        case Trend():
            return wrapped(_para(trend_para(block)), width, 0)
        case _:
            assert_never(block)


def _table_lines(block: Table, width: int, ascii_boxes: bool) -> list[Line]:
    """A table drawn, or as records where it is too narrow for its columns."""
    if width < NARROW and len(block.columns) > 2:
        return _record_lines(block, width, indent=2)
    widths = column_widths(block, width)
    if widths is None:  # a word would be cut: as records
        return _record_lines(block, width, indent=2)
    from laddercli.render.table import table_lines

    return table_lines(block, widths, width, ascii_boxes=ascii_boxes)


def _heading(block: Heading, width: int) -> list[Line]:
    title = wrapped([(block.text, "bold")], width, 0)
    if block.level >= 4:
        return title
    rule = {1: "═", 2: "─", 3: "┈"}[block.level]
    return [*title, [(rule * min(len(block.text), prose_width(width)), "dim")]]


def _para(block: Para) -> Line:
    if block.style == "hint":
        return [(block.text, "dim")]
    line: Line = []
    if block.label:
        label_style = "bold italic" if block.style == "example" else "bold"
        line.append((f"{block.label}: ", label_style))
    body_style = "italic" if block.style in {"quote", "example"} else ""
    line.append((block.text, body_style))
    return line


# Lists and label/value pairs are laid out line by line, with hanging indents.


PROSE_WIDTH = 100  # prose wider than this is hard to read: tables alone take more


def prose_width(width: int) -> int:
    """The width prose is wrapped to: the screen's, at most PROSE_WIDTH."""
    return min(width, PROSE_WIDTH)


def wrapped(line: Line, width: int, indent: int, first: Line | str = "") -> list[Line]:
    """``line`` wrapped to the screen's ``width`` (at most PROSE_WIDTH), every line
    indented, the first led by ``first``."""
    lead: Line = [(first, "")] if isinstance(first, str) else first
    hang = indent + width_of(lead)
    lines = wrap(line, max(prose_width(width) - hang, 10))
    out = []
    for n, part in enumerate(lines):
        prefix: Line = [(" " * indent, ""), *lead] if n == 0 else [(" " * hang, "")]
        out.append(prefix + part)
    return out or [[(" " * indent, ""), *lead]]


def _bullet_lines(block: Bullets, width: int, indent: int) -> list[Line]:
    count = len(block.items)
    marker_width = len(f"{count}.") if block.ordered else 3 if block.checklist else 1
    out: list[Line] = []
    for n, item in enumerate(block.items, start=1):
        if n > 1 and item.children:
            out.append([])
        marker = f"{n}.".rjust(marker_width) if block.ordered else _marker(block)
        lines = wrapped(_item_text(item), width, indent, marker + " ")
        if item.link:  # "(rated 3)" kept whole: after the text, or on a line of its own
            link: Line = [(f"({item.link})", "dim")]
            if width_of(lines[-1]) + 1 + width_of(link) <= prose_width(width):
                lines[-1] += [(" ", ""), *link]
            else:
                lines += wrapped(link, width, indent + marker_width + 1)
        out += lines
        inner = indent + marker_width + 1
        for child in item.children:
            if isinstance(child, Bullets):
                out += _bullet_lines(child, width, inner)
            elif isinstance(child, Para):
                out += wrapped(_para(child), width, inner)
            else:  # pragma: no cover - views nest only lists and paragraphs
                raise TypeError(f"cannot nest {type(child).__name__} in a list")
    return out


def _marker(block: Bullets) -> str:
    return "[ ]" if block.checklist else "•"


def _item_text(item: Item) -> Line:
    line: Line = []
    if item.label:
        line.append((item.label, "bold"))
        if item.text:
            line.append((": ", ""))
    line.append((item.text, ""))
    return line


def _field_lines(pairs: Iterable[tuple[str, str]], width: int, indent: int) -> list[Line]:
    pairs = list(pairs)
    label_width = min(max((len(label) for label, _ in pairs), default=0), 24)
    out: list[Line] = []
    for label, value in pairs:
        if len(label) > label_width:  # a long label gets a line of its own
            out += wrapped([(label, "bold")], width, indent)
            out += wrapped([(value, "")], width, indent + label_width + 2)
            continue
        lead: Line = [(label.ljust(label_width + 2), "bold")]
        out += wrapped([(value, "")], width, indent, lead)
    return out


NARROW = 60  # below this width, a table of three or more columns is shown as records


def _record_lines(block: Table, width: int, indent: int) -> list[Line]:
    """A table as a list: each row's first cell as an item, its other cells as fields."""
    out: list[Line] = []
    for n, row in enumerate(block.rows):
        if n:
            out.append([])
        first: Line = [(row[0], "bold" if block.key_column else "")]
        out += wrapped(first, width, indent, "• ")
        pairs = zip(block.columns[1:], row[1:], strict=True)
        out += _field_lines(pairs, width, indent + 2)
    return out


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
    columns are narrowed first (as Rich narrowed them, when it drew our tables), but never
    below the column's longest word (a file's path may fold after ``FOLDED_PATH`` cells),
    so that text wraps at spaces only and a word, a date or a name is never cut. None when
    even that does not fit (the table is then shown as records)."""
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


def _bar_lines(block: Bars, width: int, indent: int) -> list[Line]:
    """Label, bar and value on one line; on a narrow screen, the label above its bar."""
    shown = _aligned([b.shown for b in block.bars])
    shown_width = max((len(text) for text in shown), default=0)
    room = width - indent
    label_width = max((len(b.label) for b in block.bars), default=0)
    bar_width = min(BAR_WIDTH, room - label_width - 4 - shown_width)
    stacked = bar_width < 10
    if stacked:
        bar_width = max(4, min(BAR_WIDTH, room - 2 - 2 - shown_width))
    out: list[Line] = []
    for item, figure in zip(block.bars, shown, strict=True):
        line: Line = [(" " * indent, "")]
        if stacked:
            out += wrapped([(item.label, "bold")], width, indent)
            line.append(("  ", ""))
        else:
            line += [(item.label.ljust(label_width), "bold"), ("  ", "")]
        line.append((bar(item.value, block.maximum, bar_width), "cyan"))
        if stacked and indent + 2 + bar_width + 2 + len(figure.rstrip()) > width:
            out += [line, *wrapped([(figure.strip(), "")], width, indent + 2)]  # below it
            continue
        line.append(("  " + figure, ""))
        out.append(line)
    return out
