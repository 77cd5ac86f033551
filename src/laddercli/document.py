"""A small document model that every report is built in, and rendered from.

Views (``views.py``) say *what* a page holds as a list of blocks; renderers
(``render_text.py`` for the terminal, ``render_markdown.py`` for markdown,
``render_html.py`` for a web page) say how it looks. Content is plain text everywhere:
renderers escape it for their medium.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class Heading:
    level: int  # 1 to 4
    text: str


@dataclass(frozen=True)
class Para:
    text: str
    label: str | None = None  # shown bold before the text: "Timeline: ..."
    style: Literal["plain", "quote", "example", "hint"] = "plain"
    # hints are for the terminal only (what to run next); markdown leaves them out


@dataclass(frozen=True)
class Item:
    text: str
    label: str | None = None  # bold lead-in, such as a key action's title
    link: str | None = None  # quiet cross-reference, such as "key actions 1, 3"
    children: tuple[Block, ...] = ()


@dataclass(frozen=True)
class Bullets:
    items: tuple[Item, ...]
    ordered: bool = False
    checklist: bool = False  # items to tick off: "- [ ] ..." in markdown


@dataclass(frozen=True)
class Fields:
    """Label and value pairs, such as a role's scope."""

    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    key_column: bool = True  # the first column names the row
    widths: tuple[int, ...] = field(default=())  # relative column widths, for the terminal


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # 0 to the Bars' maximum; None for "nothing to score"
    shown: str  # the value as text, such as "66.7"


@dataclass(frozen=True)
class Bars:
    """A bar chart of scores, one labelled bar a row."""

    bars: tuple[Bar, ...]
    maximum: float = 100
    label_heading: str = ""
    value_heading: str = "Score"


@dataclass(frozen=True)
class Radar:
    """Scores on several axes for one or more series (raters), drawn as a radar chart
    where the medium can draw (HTML). Other renderers leave it out: a Bars or Table block
    beside it carries the same figures."""

    axes: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]  # (name, one value per axis)
    maximum: float = 100
    title: str = ""


Block = Heading | Para | Bullets | Fields | Table | Bars | Radar


FULL, EMPTY = "█", "░"  # both visible without colour


def bar(value: float | None, maximum: float, width: int) -> str:
    """A bar of ``width`` cells, filled to the nearest cell; blank for no value."""
    if value is None:
        return " " * width
    filled = round(width * max(0.0, min(value, maximum)) / maximum)
    return FULL * filled + EMPTY * (width - filled)


NOT_A_FIGURE = {"n/a", "skipped", "not rated", "—"}  # a figure's place, left empty


def looks_numeric(text: str) -> bool:
    """A figure, such as ``66.7``, ``+1.5`` or ``2 → 3`` (not a date such as 2026-11-22):
    set flush right in a table."""
    if text.count("-") == 2 and not text.startswith("-"):
        return False
    return bool(text) and all(ch in "0123456789.+-—/ →" for ch in text)


def numeric_column(cells: list[str]) -> bool:
    """A column of figures (some perhaps n/a or skipped): set flush right."""
    figures = [c for c in cells if c not in NOT_A_FIGURE]
    return bool(figures) and all(looks_numeric(c) for c in figures)
