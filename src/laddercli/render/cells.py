"""Text on a terminal: how many columns (cells) it takes, and where it breaks into lines.

A character takes two cells if it is East Asian wide (Chinese, Japanese, Korean, most
emoji), none if it joins the one before it (a combining accent, a zero-width joiner), one
otherwise; ``unicodedata`` says which, and a few exceptions make the count the terminal's
(and Rich's, whose layout ladder's text output used to be and still matches: see
tests/test_layout.py). Lines break as Rich breaks them: at spaces, a word too long for a
line folded across lines, tabs set every eight cells.

Plain Python and ``unicodedata`` only: every command that writes text loads this module.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

ZWJ, VS16 = "\u200d", "\ufe0f"  # a zero-width joiner; "as an emoji" (variation selector 16)

# Format characters that take a cell all the same: the soft hyphen, and the marks written
# before numbers (Arabic number sign and its kind).
_SPACING_FORMAT = frozenset(
    map(chr, (0xAD, *range(0x600, 0x606), 0x6DD, 0x70F, 0x890, 0x891, 0x8E2, 0x110BD, 0x110CD))
)

# Joined to the syllable before: Hangul vowels and final consonants of decomposed syllables,
# the Hangul fillers, and emoji skin tones.
_JOINING = (
    (0x1160, 0x11FF),
    (0xD7B0, 0xD7FF),
    (0x3164, 0x3164),
    (0xFFA0, 0xFFA0),
    (0x1F3FB, 0x1F3FF),
)

# Wide since Unicode 16 (Yijing and Tai Xuan Jing symbols, counting rods), whatever this
# Python's database says.
_WIDE = (
    (0x2630, 0x2637),
    (0x268A, 0x268F),
    (0x4DC0, 0x4DFF),
    (0x1D300, 0x1D356),
    (0x1D360, 0x1D376),
)

_widths: dict[str, int] = {}


def char_width(char: str) -> int:
    """The cells one character takes: 0, 1 or 2."""
    found = _widths.get(char)
    if found is None:
        found = _widths[char] = _char_width(char)
    return found


def _char_width(char: str) -> int:
    code = ord(char)
    if code < 32 or 0x7F <= code < 0xA0:
        return 0
    category = unicodedata.category(char)
    if category in ("Mn", "Me", "Mc", "Zl", "Zp") or any(a <= code <= b for a, b in _JOINING):
        return 0
    if category == "Cf":
        return 1 if char in _SPACING_FORMAT else 0
    if category == "Cn":  # unknown to this Python: wide only on the ideographic planes
        return 2 if 0x20000 <= code <= 0x3FFFD else 1
    if unicodedata.east_asian_width(char) in ("W", "F") or any(a <= code <= b for a, b in _WIDE):
        return 2
    return 1


def cell_len(text: str) -> int:
    """The cells ``text`` takes on a terminal. A zero-width joiner joins the character
    after it to the one before (a family emoji is as wide as its first person), and VS16
    makes a narrow character before it wide (❤️)."""
    if text.isascii():
        return len(text) if text.isprintable() else sum(map(char_width, text))
    if ZWJ not in text and VS16 not in text:
        return sum(map(char_width, text))
    total = 0
    last = ""  # the last character measured, which VS16 may widen
    skip = False
    for char in text:
        if skip:
            skip = False
        elif char == ZWJ:
            skip = True
        elif char == VS16:
            if last:
                total += char_width(last) == 1
                last = ""
        else:
            width = char_width(char)
            if width:
                last = char
                total += width
    return total


def graphemes(text: str) -> list[tuple[int, int, int]]:
    """``text`` as (start, end, cells) spans that are never split: a character with the
    zero-width characters after it, and a sequence joined by ZWJ."""
    spans: list[tuple[int, int, int]] = []
    last = ""
    index, count = 0, len(text)
    while index < count:
        char = text[index]
        if char in (ZWJ, VS16):
            if not spans:
                spans.append((index, index + 1, 0))
                index += 1
                continue
            start, _, cells = spans[-1]
            if char == ZWJ:
                index += 2 if index < count - 1 else 1
            else:
                index += 1
                if last and char_width(last) == 1:
                    cells += 1
                last = ""
            spans[-1] = (start, index, cells)
            continue
        width = char_width(char)
        if width:
            last = char
            spans.append((index, index + 1, width))
        elif spans:
            start, _, cells = spans[-1]
            spans[-1] = (start, index + 1, cells)
        else:
            spans.append((index, index + 1, 0))
        index += 1
    return spans


def _simple(text: str) -> bool:
    """Every character of ``text`` takes exactly one cell."""
    return text.isascii() and text.isprintable()


def chop(text: str, width: int) -> list[str]:
    """``text`` cut into pieces of at most ``width`` cells (a word folded across lines)."""
    if _simple(text):
        return [text[i : i + width] for i in range(0, len(text), width)]
    lines: list[str] = []
    size = offset = 0
    for start, _, cells in graphemes(text):
        if size + cells > width:
            lines.append(text[offset:start])
            offset, size = start, 0
        size += cells
    if size:
        lines.append(text[offset:])
    return lines


def crop(text: str, total: int) -> str:
    """``text`` cut to ``total`` cells, or padded with spaces to them; where the cut falls
    inside a wide character, that character becomes a space."""
    kept, tail = _cut(text, total)
    return text[:kept] + tail


def _cut(text: str, total: int) -> tuple[int, str]:
    """How many characters of ``text`` fit in ``total`` cells, and the spaces that then
    make them up to ``total``."""
    if total <= 0:
        return 0, ""
    if _simple(text):
        return min(len(text), total), " " * (total - len(text))
    used = 0
    for start, _, cells in graphemes(text):
        if used + cells > total:
            return start, " " * (total - used)
        used += cells
    return len(text), " " * (total - used)


_WORD = re.compile(r"\s*\S+\s*")
_TRAILING_BLANKS = re.compile(r"\s+$")


def break_offsets(text: str, width: int) -> list[int]:
    """Where ``text`` (one line) breaks to fit ``width`` cells: before a word that no
    longer fits, and inside a word longer than a whole line."""
    offsets: list[int] = []
    used = 0
    measure = len if _simple(text) else cell_len
    for found in _WORD.finditer(text):
        start, word = found.start(), found.group()
        length = measure(word.rstrip())
        if width - used >= length:
            used += measure(word)
        elif length > width:  # folded across lines
            pieces = chop(word, width)
            for n, piece in enumerate(pieces):
                if start:
                    offsets.append(start)
                if n == len(pieces) - 1:
                    used = measure(piece)
                else:
                    start += len(piece)
        elif used and start:
            offsets.append(start)
            used = measure(word)
    return offsets


def fitted(text: str, width: int) -> Iterator[tuple[int, int, str]]:
    """The lines ``text`` (one line, tabs expanded) breaks into at ``width`` cells: each as
    (start, end, tail), the characters ``text[start:end]`` then ``tail``, a space where a
    wide character was cut in two. Blanks beyond the width at a line's end are dropped."""
    bounds = [0, *break_offsets(text, width), len(text)]
    for start, end in zip(bounds, bounds[1:], strict=False):
        excess = end - start - width  # characters, as Rich counts here
        if excess > 0:
            blanks = _TRAILING_BLANKS.search(text, start, end)
            if blanks is not None:
                end -= min(len(blanks.group()), excess)
        line = text[start:end]
        if (len(line) if _simple(line) else cell_len(line)) <= width:
            yield start, end, ""
        else:
            kept, tail = _cut(line, width)
            yield start, start + kept, tail


def tab_stops(text: str, column: int = 0, size: int = 8) -> str:
    """``text`` (part of a line that is ``column`` cells long before it) with each tab as
    the spaces to the next tab stop, every ``size`` cells."""
    out: list[str] = []
    for part in text.split("\t")[:-1]:
        column += cell_len(part) + 1
        spaces = 1 + (-column % size)
        column += spaces - 1
        out.append(part + " " * spaces)
    out.append(text.rsplit("\t", 1)[-1])
    return "".join(out)
