"""A small document model that every report is built in, and rendered from.

Views (``views/``) say *what* a page holds as a list of blocks, with its figures already
written as text (``views/figures.py``); renderers (``render/text.py`` for the terminal,
``render/markdown.py`` for markdown, ``render/html.py`` for a web page) say how it looks.
Content is plain text everywhere: renderers escape it for their medium.

Blocks are named tuples rather than dataclasses: every command builds its page from them,
and a named tuple is made at import several times faster (3 ms of a command's start-up).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal, NamedTuple


class Heading(NamedTuple):
    level: int  # 1 to 4
    text: str


class Para(NamedTuple):
    text: str
    label: str | None = None  # shown bold before the text: "Timeline: ..."
    style: Literal["plain", "quote", "example", "hint"] = "plain"
    # hints are for the terminal only (what to run next); markdown leaves them out
    command: tuple[str, ...] | None = None
    # a command to copy, as its arguments after the program's name: ("show", "vp"). The
    # renderer writes it under the text as ``command_line`` has it, on a line of its own
    # that is never wrapped, so that it is copied whole (hints only)


class Item(NamedTuple):
    text: str
    label: str | None = None  # bold lead-in, such as a key action's title
    link: str | None = None  # quiet cross-reference, such as "key actions 1, 3"
    children: tuple[Block, ...] = ()


class Bullets(NamedTuple):
    items: tuple[Item, ...]
    ordered: bool = False
    checklist: bool = False  # items to tick off: "- [ ] ..." in markdown


class Fields(NamedTuple):
    """Label and value pairs, such as a role's scope."""

    pairs: tuple[tuple[str, str], ...]


class Table(NamedTuple):
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    key_column: bool = True  # the first column names the row
    widths: tuple[int, ...] = ()  # relative column widths, for the terminal


class Bar(NamedTuple):
    label: str
    value: float | None  # 0 to the Bars' maximum; None for "nothing to score"
    shown: str  # the value as text, such as "66.7"


class Bars(NamedTuple):
    """A bar chart of scores, one labelled bar a row."""

    bars: tuple[Bar, ...]
    maximum: float = 100
    label_heading: str = ""
    value_heading: str = "Score"


SeriesKind = Literal["self", "others", "rater"]
"""Whose figures a series holds: the person's own (drawn on top), the others' combined
(dashed), or one rater's. Renderers style a series by its kind, never by its name."""


class Series(NamedTuple):
    name: str  # as the legend shows it
    values: tuple[float | None, ...]  # one per axis
    kind: SeriesKind = "rater"


class Radar(NamedTuple):
    """Scores on several axes for one or more series (raters), drawn as a radar chart
    where the medium can draw (HTML). Other renderers leave it out: a Bars or Table block
    beside it carries the same figures."""

    axes: tuple[str, ...]
    series: tuple[Series, ...]
    maximum: float = 100
    title: str = ""


class Trend(NamedTuple):
    """Values over time, oldest first, on a fixed scale from 0 to ``maximum``, then the last
    figures as text (``shown``, such as "33.3 → 55.2 → 70.5"): a small line chart where the
    medium can draw (HTML), else a sparkline of one glyph a value (``trend_para``)."""

    label: str
    values: tuple[float | None, ...]
    shown: str
    description: str  # the values in words, for a chart that is read aloud
    maximum: float = 100


Block = Heading | Para | Bullets | Fields | Table | Bars | Radar | Trend


PROGRAM: tuple[str, ...] = ("ladder",)
"""How a hint's command starts: the program, then any options every command of this run
needs to be run the same way (``program(["team-roles"])``: ``ladder --roles team-roles``)."""


def program(role_folders: Sequence[str] = ()) -> tuple[str, ...]:
    """The start of this run's commands to copy: ``ladder``, with each ``--roles`` folder of
    the run (``LADDER_ROLES`` needs nothing: it stays set)."""
    return PROGRAM + tuple(arg for folder in role_folders for arg in ("--roles", folder))


def command_line(args: Sequence[str], start: Sequence[str] = PROGRAM) -> str:
    """A command to copy: ``start`` (see ``program``) and ``args``, each quoted for the
    shell where it needs it, on one line: a name from the history may hold a line break,
    shown as an escape (the command is shown, never run)."""
    parts = [*start, *args]
    if all(_AS_IT_IS.fullmatch(part) for part in parts):  # nearly always: ids and options
        return " ".join(parts)
    import shlex  # 0.5 ms, for the rare name or folder to quote

    from laddercli.visible import visible_name

    return visible_name(shlex.join(parts))


_AS_IT_IS = re.compile(r"[\w@%+=:,./-]+", re.ASCII)  # what shlex.quote leaves as it is


FULL, EMPTY = "█", "░"  # both visible without colour


def bar(value: float | None, maximum: float, width: int) -> str:
    """A bar of ``width`` cells, filled to the nearest cell; blank for no value."""
    if value is None:
        return " " * width
    filled = round(width * max(0.0, min(value, maximum)) / maximum)
    return FULL * filled + EMPTY * (width - filled)


SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float | None], maximum: float = 100) -> str:
    """One character per value, on a fixed scale from 0 to ``maximum``; a space for none."""
    out = []
    for value in values:
        if value is None:
            out.append(" ")
            continue
        share = max(0.0, min(value, maximum)) / maximum
        out.append(SPARKS[min(len(SPARKS) - 1, int(share * len(SPARKS)))])
    return "".join(out)


def trend_para(trend: Trend) -> Para:
    """A trend where nothing is drawn: its sparkline and its last figures, as a paragraph."""
    return Para(f"{sparkline(trend.values, trend.maximum)}  {trend.shown}", label=trend.label)


NOT_A_FIGURE = {"n/a", "skipped", "not answered", "not rated", "—"}  # a figure's place


def looks_numeric(text: str) -> bool:
    """A figure, such as ``66.7``, ``+1.5`` or ``2 → 3`` (not a date such as 2026-11-22):
    set flush right in a table."""
    if text.count("-") == 2 and not text.startswith("-"):
        return False
    text = re.sub(r" \(\d+ of \d+\)$", "", text)  # "2 (1 of 2)": a mean, and of how many
    return bool(text) and all(ch in "0123456789.+-—/ →" for ch in text)


def numeric_column(cells: list[str]) -> bool:
    """A column of figures (some perhaps n/a or skipped): set flush right."""
    figures = [c for c in cells if c not in NOT_A_FIGURE]
    return bool(figures) and all(looks_numeric(c) for c in figures)
