"""Text output without Rich: the same as Rich drew it, byte for byte on a pipe, cell for cell
(characters, bold, dim, italic, cyan) on a terminal.

The reference is the Rich renderer that ``render_text`` replaced (``rich_reference.py``):
every document, at every width, must come out the same through both.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len as rich_cell_len
from rich.console import Console
from rich.text import Text

from laddercli.cli.application import Application
from laddercli.render import cells
from laddercli.render.document import (
    Bar,
    Bars,
    Block,
    Bullets,
    Fields,
    Heading,
    Item,
    Para,
    Radar,
    Series,
    Table,
)
from laddercli.render.text import Screen, Span, render_plain, render_screen, screen_of, wrap
from tests.helpers import DATA, rich_reference

# --- cell widths ----------------------------------------------------------------------------

SAMPLES = [
    "王芳",  # Chinese: two cells a character
    "李雷 and 王芳",
    "Ünïcödé",
    "e\u0301te\u0301",  # combining acute accents: none
    "\u1100\u1161\u11a8",  # a Hangul syllable spelt in jamo: two cells
    "한국어",
    "日本語のテキスト",
    "ｆｕｌｌｗｉｄｔｈ",
    "العربية",
    "עברית",
    "हिन्दी",  # Devanagari, with vowel signs
    "ไทย",
    "❤️",  # a heart with VS16: shown as an emoji, two cells
    "👩\u200d💻",  # a woman technologist: ZWJ joins
    "👍🏽",  # a skin tone
    "🇫🇷",  # a flag: two regional indicators
    "1️⃣",  # a keycap
    "\u00ad",  # a soft hyphen
    "a\u200bb",  # a zero-width space
    "\u2630\u4dc0",  # wide since Unicode 16
    "—•═─┈█░→·",  # ladder's own marks
    "tab\there",
]


def test_every_character_is_as_wide_as_rich_counts_it() -> None:
    different = [
        hex(code)
        for code in range(0x110000)
        if not 0xD800 <= code < 0xE000
        and unicodedata.category(chr(code)) != "Cn"  # unknown to this Python's database
        and cells.char_width(chr(code)) != rich_cell_len(chr(code))
    ]
    assert different == []


@pytest.mark.parametrize("text", SAMPLES)
def test_text_is_as_wide_as_rich_counts_it(text: str) -> None:
    assert cells.cell_len(text) == rich_cell_len(text)
    assert [end - start for start, end, _ in cells.graphemes(text)] == [
        end - start for start, end, _ in _rich_graphemes(text)
    ]


def _rich_graphemes(text: str) -> list[tuple[int, int, int]]:
    from rich.cells import split_graphemes

    return split_graphemes(text)[0]


WORDS = st.one_of(
    st.text("abcdefghij", min_size=1, max_size=12),
    st.text("abc", min_size=15, max_size=40),  # longer than a line: folded
    st.sampled_from(SAMPLES),
    st.sampled_from(["n/a", "3", "12.5", "—", "roles/a-long-folder-name/vp.yaml", "(rated 3)"]),
)

SPACES = st.sampled_from([" ", " ", " ", "  ", "\n", "\t", " \n", "\u3000"])


@st.composite
def texts(draw: st.DrawFn, max_words: int = 12) -> str:
    words = draw(st.lists(WORDS, min_size=1, max_size=max_words))
    spaces = draw(st.lists(SPACES, min_size=len(words), max_size=len(words)))
    text = "".join(w + s for w, s in zip(words, spaces, strict=True))
    return text if draw(st.booleans()) else text.strip()


STYLES = st.sampled_from(["", "bold", "dim", "italic", "bold italic", "cyan"])


@settings(max_examples=300, derandomize=True, database=None, deadline=timedelta(seconds=2))
@given(st.lists(st.tuples(texts(max_words=4), STYLES), min_size=1, max_size=4), st.integers(1, 50))
@example([("王芳王芳王芳", "bold")], 3)  # a wide character cut at the edge
@example([("a\tb\tc", ""), ("\tdone", "italic")], 10)
def test_lines_wrap_as_rich_wraps_them(line: list[Span], width: int) -> None:
    rich_line = Text.assemble(*line)
    expected = rich_line.wrap(Console(width=200, _environ={}), width)
    ours = wrap(line, width)
    assert ["".join(t for t, _ in part) for part in ours] == [part.plain for part in expected]
    assert [_styled(part) for part in ours] == [_rich_styled(part) for part in expected]


def _styled(line: list[Span]) -> list[tuple[str, str]]:
    return [(char, style) for text, style in line for char in text]


def _rich_styled(text: Text) -> list[tuple[str, str]]:
    styles = [str(text.style)] * len(text.plain)
    for span in text.spans:
        for i in range(span.start, min(span.end, len(styles))):
            styles[i] = str(span.style)
    return list(zip(text.plain, styles, strict=True))


# --- whole documents ----------------------------------------------------------------------------


@st.composite
def items(draw: st.DrawFn, depth: int = 0) -> Item:
    children: tuple[Block, ...] = ()
    if depth < 2 and draw(st.booleans()):
        child = st.one_of(
            st.builds(Para, texts()),
            bullets(depth + 1),
        )
        children = tuple(draw(st.lists(child, max_size=2)))
    return Item(
        draw(texts()),
        draw(st.none() | texts(max_words=3)),
        draw(st.none() | st.sampled_from(["rated 3", "key actions 1, 3", "not rated"])),
        children,
    )


def bullets(depth: int = 0) -> st.SearchStrategy[Bullets]:
    return st.builds(
        Bullets,
        st.lists(items(depth), min_size=1, max_size=4).map(tuple),
        st.booleans(),
        st.booleans(),
    )


FIGURES = st.sampled_from(["66.7", "100", "0", "—", "68.7 (Nearly ready)", "70 (Ready)", "n/a"])


def bar_blocks() -> st.SearchStrategy[Bars]:
    one = st.builds(Bar, texts(max_words=3), st.none() | st.floats(0, 100), FIGURES)
    return st.builds(
        Bars, st.lists(one, min_size=1, max_size=4).map(tuple), st.just(100), st.just("")
    )


def table_blocks() -> st.SearchStrategy[Table]:
    from tests.helpers.strategies import tables

    return tables()


BLOCKS = st.one_of(
    st.builds(Heading, st.integers(1, 4), texts(max_words=6)),
    st.builds(
        Para,
        texts(),
        st.none() | texts(max_words=2),
        st.sampled_from(["plain", "quote", "example", "hint"]),
    ),
    st.builds(Para, texts(), st.none(), st.just("hint"), texts(max_words=8)),  # a command
    bullets(),
    st.builds(Fields, st.lists(st.tuples(texts(max_words=4), texts()), max_size=4).map(tuple)),
    bar_blocks(),
    table_blocks(),
    st.just(Radar(("a", "b", "c"), (Series("self", (1.0, 2.0, 3.0), "self"),))),
)
WIDTHS = st.one_of(st.integers(12, 160), st.sampled_from([30, 50, 59, 60, 80, 100, 200]))


@settings(max_examples=100, derandomize=True, database=None, deadline=timedelta(seconds=5))
@given(st.lists(BLOCKS, min_size=1, max_size=6), WIDTHS)
def test_plain_text_is_what_rich_wrote(blocks: list[Block], width: int) -> None:
    assert render_plain(blocks, width) == rich_reference.render_plain(blocks, width)


@settings(max_examples=60, derandomize=True, database=None, deadline=timedelta(seconds=5))
@given(st.lists(BLOCKS, min_size=1, max_size=6), WIDTHS, st.booleans())
def test_a_terminal_shows_what_rich_showed(blocks: list[Block], width: int, colour: bool) -> None:
    ours, theirs = on_screen(blocks, width, colour), on_rich_screen(blocks, width, colour)
    assert cells_of(ours) == cells_of(theirs)


def on_screen(blocks: list[Block], width: int, colour: bool) -> str:
    return render_screen(blocks, Screen(width, terminal=True, styled=True, colour=colour))


def on_rich_screen(blocks: list[Block], width: int, colour: bool) -> str:
    file = io.StringIO()
    environ = {} if colour else {"NO_COLOR": "1"}
    console = Console(
        file=file,
        width=width,
        force_terminal=True,
        color_system="standard",
        highlight=False,
        markup=False,
        emoji=False,
        _environ=environ,
    )
    rich_reference.print_blocks(console, blocks)
    return file.getvalue()


SGR = re.compile(r"\x1b\[([0-9;]*)m")
NAMES = {"1": "bold", "2": "dim", "3": "italic", "36": "cyan"}


def cells_of(text: str) -> list[list[tuple[str, str]]]:
    """Each line as (character, styles) pairs; a blank shows no style, whatever it has."""
    lines: list[list[tuple[str, str]]] = [[]]
    styles: list[str] = []
    for n, part in enumerate(SGR.split(text)):
        if n % 2:  # the codes between two pieces of text
            codes = part.split(";") if part else ["0"]
            styles = [] if "0" in codes else sorted({*styles, *(NAMES[c] for c in codes)})
            continue
        for char in part:
            if char == "\n":
                lines.append([])
            else:
                lines[-1].append((char, "" if char.isspace() else " ".join(styles)))
    return lines


# --- what the commands show -----------------------------------------------------------------


def shown_blocks(
    ladder: Callable[..., Any], monkeypatch: pytest.MonkeyPatch, *args: str
) -> list[Block]:
    """The blocks a command renders as text."""
    seen: list[Block] = []
    emit = Application.emit

    def keep(
        self: Application,
        fmt: Any,
        output: Any,
        blocks: Callable[[], list[Block]],
        data: Any,
        **what: str,
    ) -> None:
        seen.extend(blocks())
        emit(self, fmt, output, blocks, data, **what)

    monkeypatch.setattr(Application, "emit", keep)
    result = ladder(*args)
    assert result.exit_code == 0, result.output
    return seen


PANEL = [str(DATA / f"panel-{who}.yaml") for who in ("self", "manager", "peer-1")]
COMMANDS = [
    ["show", "vp"],
    ["show", "ceo"],
    ["roles"],
    ["compare", "vp", "cto", "ceo"],
    ["report", str(DATA / "answers-vp-cto.yaml")],
    ["report", *PANEL],
    ["assess", "--answers", str(DATA / "answers-vp-cto.yaml")],
    ["history"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(Path(a).name for a in args))
def test_every_command_shows_what_rich_showed(
    args: list[str], ladder: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    if args == ["history"]:  # with assessments saved
        for path in (DATA / "answers-vp-cto.yaml", *PANEL):
            assert ladder("assess", "--answers", str(path)).exit_code == 0
    blocks = shown_blocks(ladder, monkeypatch, *args)
    for width in (20, 40, 50, 59, 60, 80, 120, 200):
        assert render_plain(blocks, width) == rich_reference.render_plain(blocks, width), width
        for colour in (True, False):
            ours, theirs = on_screen(blocks, width, colour), on_rich_screen(blocks, width, colour)
            assert cells_of(ours) == cells_of(theirs), width


# --- which terminal -------------------------------------------------------------------------


class Stream(io.StringIO):
    def __init__(self, tty: bool, encoding: str = "utf-8") -> None:
        super().__init__()
        self._tty = tty
        self._encoding = encoding

    def isatty(self) -> bool:
        return self._tty

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding


@pytest.mark.parametrize(
    ("tty", "environ"),
    [
        (True, {}),
        (False, {}),
        (True, {"TERM": "xterm-256color", "COLUMNS": "132"}),
        (True, {"NO_COLOR": "1"}),
        (True, {"TERM": "dumb", "COLUMNS": "120"}),
        (True, {"TERM": "dumb", "COLUMNS": "120", "LINES": "40"}),
        (True, {"TERM": "unknown"}),
        (False, {"FORCE_COLOR": "1"}),
        (True, {"FORCE_COLOR": ""}),
        (True, {"TTY_COMPATIBLE": "0"}),
        (False, {"TTY_COMPATIBLE": "1", "COLUMNS": "50"}),
        (True, {"COLUMNS": "0"}),
    ],
)
def test_the_screen_is_the_one_rich_saw(tty: bool, environ: dict[str, str]) -> None:
    stream = Stream(tty)
    console = Console(file=stream, _environ=environ)
    screen = screen_of(stream, environ)
    assert screen.terminal == console.is_terminal
    assert screen.width == console.width
    assert screen.styled == (console.color_system is not None)
    assert screen.colour == (screen.styled and not console.no_color)


def test_a_stream_that_is_not_utf_gets_ascii_boxes() -> None:
    block = Table(("Id", "Title"), (("vp", "VP of Engineering"),))
    stream = Stream(True, encoding="ascii")
    screen = screen_of(stream, {})
    assert screen.ascii_boxes
    console = Console(file=stream, width=screen.width, _environ={}, color_system=None)
    console.print(rich_reference._table(block, screen.width))
    unstyled = screen._replace(styled=False, colour=False)
    assert render_screen([block], unstyled) == stream.getvalue()
    assert "|----+----" in stream.getvalue()


def test_styles_are_written_as_rich_wrote_them() -> None:
    blocks: list[Block] = [
        Heading(1, "Title"),
        Para("quoted", label="Said", style="quote"),
        Bars((Bar("Area", 50, "50"),)),
    ]
    screen = Screen(80, terminal=True, styled=True, colour=True)
    assert render_screen(blocks, screen) == (
        "\x1b[1mTitle\x1b[0m\n"
        "\x1b[2m═════\x1b[0m\n"
        "\x1b[1mSaid: \x1b[0m\x1b[3mquoted\x1b[0m\n"
        "\n"
        "  \x1b[1mArea\x1b[0m  \x1b[36m██████████░░░░░░░░░░\x1b[0m  50\n"
    )
    no_colour = render_screen(blocks, screen._replace(colour=False))
    assert "  \x1b[1mArea\x1b[0m  ██████████░░░░░░░░░░  50\n" in no_colour
    dumb = render_screen(blocks, screen._replace(styled=False, colour=False))
    assert "\x1b" not in dumb
    assert dumb.splitlines() == render_plain(blocks, 80).splitlines()


def test_a_hint_holds_its_command_as_arguments_and_the_renderer_starts_it() -> None:
    """A hint's command is its arguments; the text renderer writes the program, with the
    run's --roles folders, before them, each quoted where the shell needs it: no "ladder "
    is looked for in a string, and nothing is kept between runs (issue 13)."""
    from laddercli.render.document import command_line, program

    hint = Para("One role in full:", style="hint", command=("show", "vp"))
    assert render_plain([hint]) == "One role in full:\n  ladder show vp\n"
    start = program(["ladder roles", "team"])
    assert start == ("ladder", "--roles", "ladder roles", "--roles", "team")
    assert render_plain([hint], program=start) == (
        "One role in full:\n  ladder --roles 'ladder roles' --roles team show vp\n"
    )
    assert render_plain([hint]) == "One role in full:\n  ladder show vp\n"  # as it was
    person = ("history", "cto", "--person", "Dana\nLee")
    assert command_line(person) == "ladder history cto --person 'Dana\\nLee'"  # one line


def test_a_hint_names_the_run_s_role_folders(
    ladder: Callable[..., Any], role_dir: Callable[..., Path], tmp_path: Path
) -> None:
    folder = role_dir()
    result = ladder("--roles", str(folder), "roles")
    assert result.exit_code == 0, result.output
    assert f"  ladder --roles {folder} show " in result.output
    again = ladder("roles")  # the next run has no --roles
    assert "  ladder show " in again.output and "--roles" not in again.output
