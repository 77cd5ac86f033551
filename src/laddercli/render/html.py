"""Render document blocks as one self-contained HTML page.

Everything is inline: the CSS, and the radar chart as SVG. The page fetches nothing, so it
can be mailed, opened offline and printed to PDF from a browser. Print styles keep the bars'
colours and keep whole what a page break would spoil (a table row, a list item, a heading
with the lines after it, the chart) while long sections flow on from page to page.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from html import escape as _escape_html
from typing import assert_never

from laddercli import __version__
from laddercli.render.document import (
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
    Trend,
    numeric_column,
)
from laddercli.visible import visible


def escape(text: str) -> str:
    """Text for the page: HTML's special characters escaped, and control characters and
    bidi overrides shown as escapes, as in the terminal (a reversed name misleads here too,
    and the file may be read in a terminal)."""
    return _escape_html(visible(text))


# Series colours: distinct in print and for the common colour-vision deficiencies.
PALETTE = ("#1d4ed8", "#c2410c", "#047857", "#7e22ce", "#0e7490", "#a16207", "#be123c")
OTHERS_COLOUR = "#374151"

CSS = """
:root { --ink: #1f2933; --muted: #52606d; --rule: #d9dee3; --accent: #1d4ed8; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; }
main { max-width: 50rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
h1 { font-size: 1.7rem; line-height: 1.2; margin: 0 0 1rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .6rem; padding-bottom: .2rem;
  border-bottom: 1px solid var(--rule); }
h3, h4 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
p { margin: .5rem 0; }
p.example { font-style: italic; color: var(--muted); }
blockquote { margin: .3rem 0; padding: .1rem .8rem; border-left: 3px solid var(--rule);
  color: var(--muted); font-style: italic; white-space: pre-line; }
.link { color: var(--muted); }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem;
  margin: .5rem 0 1rem; }
dl.fields dt { font-weight: 600; }
dl.fields dd { margin: 0; }
ul, ol { padding-left: 1.4rem; margin: .4rem 0; }
li { margin: .2rem 0; }
ol > li { margin-bottom: .8rem; }
ul.checklist { list-style: none; padding-left: .2rem; }
ul.checklist li { display: flex; gap: .5rem; align-items: baseline; }
.box { flex: none; display: inline-block; width: .85em; height: .85em;
  border: 1.5px solid var(--ink); border-radius: 2px; transform: translateY(.1em); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .93rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem;
  border-bottom: 1px solid var(--rule); }
thead th { border-bottom: 2px solid var(--ink); }
tbody th { font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.bars { width: auto; min-width: 60%; }
.wide { overflow-x: auto; }
table.bars td.num { padding-left: 1rem; }
.bar { display: inline-block; width: 10rem; height: .7rem; background: #e4e7eb;
  border-radius: 2px; vertical-align: middle; overflow: hidden; }
.bar > span { display: block; height: 100%; background: var(--accent); }
.headline { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem 1rem;
  margin: 1rem 0; padding: .8rem 1rem; border: 1px solid var(--rule); border-radius: 6px; }
.headline .label { font-weight: 600; }
.headline .bar { width: 16rem; height: 1rem; }
.headline .shown { font-size: 1.25rem; font-weight: 600; }
figure.radar { margin: 1.2rem 0; text-align: center; }
figure.radar svg { max-width: 100%; height: auto; }
figure.radar figcaption { display: flex; flex-wrap: wrap; justify-content: center;
  align-items: baseline; gap: .2rem 1.5rem; font-size: .85em; color: var(--muted); }
.legend { display: inline-flex; flex-wrap: wrap; gap: .2rem 1rem; justify-content: center;
  padding: 0; margin: 0; list-style: none; }
.swatch { display: inline-block; width: .9em; height: .9em; margin-right: .3em;
  vertical-align: -.1em; border-radius: 2px; }
.nowrap { white-space: nowrap; }
p.trend { display: flex; flex-wrap: wrap; align-items: center; gap: .2rem .6rem; }
p.trend svg { flex: none; }
footer { margin-top: 2.5rem; font-size: .8rem; color: var(--muted); }
/* A phone: shorter bars, tighter cells, headings that may wrap, so nothing scrolls sideways. */
@media screen and (max-width: 36rem) {
  main { padding: 1.2rem .8rem 2rem; }
  .bar { width: 4.5rem; }
  table { font-size: .82rem; }
  th, td { padding: .3rem .25rem; }
  th.num { white-space: normal; }
  table.bars { min-width: 0; }
  tbody th, tbody td:first-child { overflow-wrap: anywhere; }
}
@page { size: A4; margin: 16mm 14mm; }
@media print {
  .wide { overflow: visible; }
  html { font-size: 11pt; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2 { margin-top: 1.4rem; }
  p { orphans: 3; widows: 3; }
  /* A heading stays with the lines after it: its lead paragraph, and the first row of a
     table or the first item of a list. */
  h1, h2, h3, h4, h2 + p, li.group > p:not(.example) {
    break-after: avoid; page-break-after: avoid; }
  li.group > p:first-of-type { break-before: avoid; page-break-before: avoid; }
  /* Small things are kept whole; long sections, tables and lists flow across pages. */
  tr, li, figure, dl, .headline, blockquote {
    break-inside: avoid; page-break-inside: avoid; }
  li.group { break-inside: auto; page-break-inside: auto; }
  thead { display: table-header-group; }
  /* A table is not split after its first row, nor before its last. */
  tbody tr:first-child { break-after: avoid; page-break-after: avoid; }
  tbody tr:last-child { break-before: avoid; page-break-before: avoid; }
  figure.radar { margin: .4rem 0; }
  table { margin-bottom: .6rem; line-height: 1.35; }
  th, td { padding: .25rem .45rem; }
  ol > li { margin-bottom: .5rem; }
  footer { margin-top: 1.5rem; }
}
"""


def to_html(blocks: Sequence[Block], *, title: str | None = None) -> str:
    heading = next((b.text for b in blocks if isinstance(b, Heading)), "ladder report")
    body = "\n".join(out for block in blocks if (out := _block(block)))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="laddercli {escape(__version__)}">\n'
        f"<title>{escape(title or heading)}</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n<main>\n{body}\n"
        f"<footer>Made with ladder (laddercli {escape(__version__)}).</footer>\n"
        "</main>\n</body>\n</html>\n"
    )


def _block(block: Block) -> str:
    match block:
        case Heading():
            return f"<h{block.level}>{escape(block.text)}</h{block.level}>"
        case Para():
            return _para(block)
        case Bullets():
            return _bullets(block)
        case Fields():
            rows = "".join(
                f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>" for label, value in block.pairs
            )
            return f'<dl class="fields">{rows}</dl>'
        case Bars():
            return _bars(block)
        case Radar():
            return radar_figure(block)
        case Table():
            return _table(block)
        case Trend():
            return _trend(block)
        case _:
            assert_never(block)


_OPTION = re.compile(r"(?<![\w-])--[A-Za-z][\w-]*")


def _prose(text: str) -> str:
    """Running text, escaped; a command-line option such as --evidence is not broken
    after its dashes at the end of a line."""
    return _OPTION.sub(lambda m: f'<span class="nowrap">{m[0]}</span>', escape(text))


def _para(block: Para) -> str:
    if block.style == "hint":
        return ""
    label = f"<strong>{escape(block.label)}:</strong> " if block.label else ""
    if block.style == "quote":
        return f"<blockquote>{label}{escape(block.text)}</blockquote>"
    if block.style == "example":
        return f'<p class="example">{label or "<strong>Example:</strong> "}{_prose(block.text)}</p>'
    return f"<p>{label}{_prose(block.text)}</p>"


def _bullets(block: Bullets) -> str:
    tag = "ol" if block.ordered else "ul"
    cls = ' class="checklist"' if block.checklist else ""
    box = '<span class="box" aria-hidden="true"></span>' if block.checklist else ""
    items = []
    for item in block.items:
        children = "".join(_block(child) for child in item.children)
        inner = f"<span>{_item(item)}{children}</span>" if block.checklist else _item(item)
        # an item holding a list is a section of its own: in print it may break across pages
        group = ' class="group"' if any(isinstance(c, Bullets) for c in item.children) else ""
        items.append(f"<li{group}>{box}{inner}{'' if block.checklist else children}</li>")
    return f"<{tag}{cls}>{''.join(items)}</{tag}>"


def _item(item: Item) -> str:
    out = ""
    if item.label:
        out = f"<strong>{escape(item.label)}</strong>"
        if item.text:
            out += ": "
    out += escape(item.text)
    if item.link:
        out += f' <span class="link">({escape(item.link)})</span>'
    return out


def _table(block: Table) -> str:
    numeric = [
        i > 0 and numeric_column([row[i] for row in block.rows]) for i in range(len(block.columns))
    ]
    head = "".join(
        f'<th scope="col"{" class=num" if numeric[i] else ""}>{escape(c)}</th>'
        for i, c in enumerate(block.columns)
    )
    rows = []
    for row in block.rows:
        cells = []
        for i, cell in enumerate(row):
            if i == 0 and block.key_column:
                cells.append(f'<th scope="row">{escape(cell)}</th>')
            else:
                cells.append(f"<td{' class=num' if numeric[i] else ''}>{escape(cell)}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    # In a box of its own width, so that a table wider than a phone scrolls, not the page.
    return (
        f'<div class="wide"><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _bar(value: float | None, maximum: float) -> str:
    if value is None:
        return '<span class="bar"></span>'
    share = max(0.0, min(value, maximum)) / maximum * 100
    return f'<span class="bar" role="presentation"><span style="width:{share:.1f}%"></span></span>'


def _bars(block: Bars) -> str:
    if len(block.bars) == 1:  # a headline figure
        one = block.bars[0]
        return (
            f'<div class="headline"><span class="label">{escape(one.label)}</span>'
            f"{_bar(one.value, block.maximum)}"
            f'<span class="shown">{escape(one.shown)}</span></div>'
        )
    rows = "".join(
        f'<tr><th scope="row">{escape(b.label)}</th><td>{_bar(b.value, block.maximum)}</td>'
        f'<td class="num">{escape(b.shown)}</td></tr>'
        for b in block.bars
    )
    return (
        f'<table class="bars"><thead><tr><th scope="col">{escape(block.label_heading)}</th>'
        f'<th scope="col" colspan="2" class="num">{escape(block.value_heading)}</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )


# --- a trend's line chart -------------------------------------------------------------------

# Lengths in the SVG's units, 1/16 rem each as in the radar chart.
TREND_HEIGHT = 40  # from 0 to the maximum
TREND_STEP = 24  # between two values, where the chart is not too wide
TREND_WIDTH = 288  # at most, from the first value to the last
TREND_PAD = 5  # round the plot, for the points' dots and the lines' ends
TREND_SCALE = 22  # on the left, for the scale's figures: 0 and the maximum
TREND_TICK_SIZE = 10


def _trend(trend: Trend) -> str:
    return (
        f'<p class="trend"><strong>{escape(trend.label)}:</strong> {trend_svg(trend)}'
        f"<span>{escape(trend.shown)}</span></p>"
    )


def trend_point(trend: Trend, index: int, value: float) -> tuple[float, float]:
    """Where value ``index`` of the trend is drawn: across by its place, up by its value
    on the fixed scale from 0 (the bottom of the plot) to the maximum (its top)."""
    steps = max(1, len(trend.values) - 1)
    step = min(TREND_STEP, TREND_WIDTH / steps)
    share = max(0.0, min(value, trend.maximum)) / trend.maximum
    return TREND_SCALE + TREND_PAD + index * step, TREND_PAD + TREND_HEIGHT * (1 - share)


def trend_svg(trend: Trend) -> str:
    """The values as a line with a dot at each, over the scale's bottom and top as faint
    rules with their figures; a value missing breaks the line."""
    steps = max(1, len(trend.values) - 1)
    width = TREND_SCALE + 2 * TREND_PAD + steps * min(TREND_STEP, TREND_WIDTH / steps)
    height = 2 * TREND_PAD + TREND_HEIGHT
    runs: list[list[tuple[float, float]]] = [[]]
    for index, value in enumerate(trend.values):
        if value is None:
            runs.append([])
        else:
            runs[-1].append(trend_point(trend, index, value))
    right = width - TREND_PAD
    parts = []
    for figure, y in ((trend.maximum, TREND_PAD), (0, TREND_PAD + TREND_HEIGHT)):
        parts.append(
            f'<text class="tick" x="{TREND_SCALE - 2}" y="{y}" text-anchor="end" '
            f'dominant-baseline="central" font-size="{TREND_TICK_SIZE}" '
            f'fill="#52606d">{figure:g}</text>'
            f'<line x1="{TREND_SCALE}" y1="{y}" x2="{right:.1f}" y2="{y}" stroke="#d9dee3"/>'
        )
    parts += [
        f'<polyline points="{" ".join(_xy(x, y) for x, y in run)}" fill="none" '
        f'stroke="{PALETTE[0]}" stroke-width="2" stroke-linejoin="round"/>'
        for run in runs
        if len(run) > 1
    ]
    parts += [
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{PALETTE[0]}"/>'
        for run in runs
        for x, y in run
    ]
    return (
        f'<svg class="trend" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width:g} {height}" style="width:{width / 16:g}rem" role="img" '
        f'aria-label="{escape(trend.description)}" font-family="system-ui, sans-serif">'
        + "".join(parts)
        + "</svg>"
    )


# --- the radar chart ------------------------------------------------------------------------

# Lengths in the SVG's units. The chart is drawn at 1 unit = 1/16 rem: at its natural size on
# screen (16 px to the rem) and a little smaller in print (11 pt to the rem), where the axis
# labels come out at about 9 pt and the scale's figures at about 8 pt.
RADIUS = 125
RINGS = (25, 50, 75, 100)
LABEL_SIZE = 13  # the axis labels, bold
LABEL_LINE = 15
LABEL_GAP = 10  # between the end of an axis and its label
LABEL_WRAP = 20  # characters to a line
LABEL_WRAP_WIDE = 36  # above and below the chart, where there is room across
TICK_SIZE = 12  # the rings' figures: 25, 50, 75, 100
CHAR_WIDTH = 0.62  # of the font size: a generous average for bold sans-serif
MARGIN = 6


def series_colour(index: int, series: Series) -> str:
    if series.kind == "others":
        return OTHERS_COLOUR
    return PALETTE[index % len(PALETTE)]


def radar_figure(radar: Radar) -> str:
    """The radar as a figure: the SVG chart and a legend. With fewer than three axes a
    radar says nothing a bar does not, so there is none."""
    if len(radar.axes) < 3 or not radar.series:
        return ""
    legend = "".join(
        f'<li><span class="swatch" style="background:{series_colour(i, s)}"></span>'
        f"{escape(s.name)}</li>"
        for i, s in enumerate(radar.series)
    )
    caption = f"<div>{escape(radar.title)}</div>" if radar.title else ""
    return (
        f'<figure class="radar">{radar_svg(radar)}'
        f'<figcaption>{caption}<ul class="legend">{legend}</ul></figcaption></figure>'
    )


def _point(angle: float, r: float) -> tuple[float, float]:
    """A point ``r`` from the centre, which is the SVG's origin."""
    return r * math.cos(angle), r * math.sin(angle)


def _angles(n: int) -> list[float]:
    return [-math.pi / 2 + 2 * math.pi * i / n for i in range(n)]


def _wrap(label: str, width: int = LABEL_WRAP) -> list[str]:
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _xy(x: float, y: float) -> str:
    return f"{x:.1f},{y:.1f}"


class _Box:
    """The extent of what is drawn, to fit the viewBox to it."""

    def __init__(self, r: float) -> None:
        self.left, self.top, self.right, self.bottom = -r, -r, r, r

    def add(self, left: float, top: float, right: float, bottom: float) -> None:
        self.left, self.top = min(self.left, left), min(self.top, top)
        self.right, self.bottom = max(self.right, right), max(self.bottom, bottom)


def radar_svg(radar: Radar) -> str:
    angles = _angles(len(radar.axes))
    box = _Box(RADIUS + 4)
    wide = len(angles) <= 6  # with more axes, the neighbours' labels come near the top
    labels = [
        _axis_label(label, angle, box, wide)
        for label, angle in zip(radar.axes, angles, strict=True)
    ]
    back: list[str] = []
    for ring in RINGS:
        r = RADIUS * ring / radar.maximum
        points = " ".join(_xy(*_point(a, r)) for a in angles)
        back.append(
            f'<polygon class="ring" points="{points}" fill="none" stroke="#d9dee3" '
            'stroke-width="1"/>'
        )
    for angle in angles:
        x, y = _point(angle, RADIUS)
        back.append(f'<line x1="0" y1="0" x2="{x:.1f}" y2="{y:.1f}" stroke="#d9dee3"/>')
    series: list[str] = []
    # Self is drawn last, on top: the outline the reader compares every other one with.
    drawn = sorted(enumerate(radar.series), key=lambda pair: pair[1].kind == "self")
    for i, one in drawn:
        colour = series_colour(i, one)
        points_xy = [
            _point(a, RADIUS * max(0.0, min(v or 0.0, radar.maximum)) / radar.maximum)
            for a, v in zip(angles, one.values, strict=True)
        ]
        others = one.kind == "others"
        dash = ' stroke-dasharray="6 4"' if others else ""
        fill = 0.0 if others else 0.12 if len(radar.series) == 1 else 0.05
        series.append(
            f'<polygon class="series" data-series="{escape(one.name)}" '
            f'points="{" ".join(_xy(x, y) for x, y in points_xy)}" fill="{colour}" '
            f'fill-opacity="{fill}" stroke="{colour}" stroke-width="2.5"{dash}/>'
        )
        series += [
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>' for x, y in points_xy
        ]
    left, top = math.floor(box.left - MARGIN), math.floor(box.top - MARGIN)
    width, height = math.ceil(box.right + MARGIN) - left, math.ceil(box.bottom + MARGIN) - top
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{left} {top} {width} {height}" '
        f'style="width:{width / 16:g}rem" role="img" '
        f'aria-label="{escape(radar.title or "Radar chart")}" '
        f'font-family="system-ui, sans-serif" font-size="{LABEL_SIZE}">'
        + "".join(back)
        + "".join(series)
        + _scale(angles, radar)
        + "".join(labels)
        + "</svg>"
    )


def _scale(angles: list[float], radar: Radar) -> str:
    """The rings' figures, halfway between two neighbouring axes where each ring crosses
    that line: between the pair whose outlines cross it furthest from the figures, and on
    top of the outlines with a white halo, so that none can hide them."""
    half = math.pi / len(angles)
    sector = min(range(len(angles)), key=lambda k: _crowding(radar, k))
    parts = []
    for ring in RINGS:
        x, y = _point(angles[sector] + half, RADIUS * ring / radar.maximum * math.cos(half))
        parts.append(
            f'<text class="tick" x="{x:.1f}" y="{y:.1f}" text-anchor="middle" '
            f'dominant-baseline="central" font-size="{TICK_SIZE}" fill="#52606d" '
            'stroke="#fff" stroke-width="3" stroke-linejoin="round" '
            f'paint-order="stroke">{ring}</text>'
        )
    return "".join(parts)


def _crowding(radar: Radar, sector: int) -> float:
    """How near the outlines pass to the rings' figures halfway between axis ``sector`` and
    the next. An outline crosses that line at the harmonic mean of its two values, a ring
    at its own value."""
    near = 0.15 * radar.maximum  # about half a figure's diagonal, on the chart's scale
    total = 0.0
    for one in radar.series:
        values = one.values
        a, b = (max(0.0, v or 0.0) for v in (values[sector], values[(sector + 1) % len(values)]))
        crossing = 2 * a * b / (a + b) if a + b else 0.0
        total += sum(max(0.0, near - abs(crossing - ring)) for ring in RINGS)
    return total


def _axis_label(label: str, angle: float, box: _Box, wide: bool) -> str:
    """An axis's label beyond its end: beside it left and right, above it at the top and
    below it at the bottom (on one line if ``wide`` and it fits)."""
    x, y = _point(angle, RADIUS + LABEL_GAP)
    cos, sin = math.cos(angle), math.sin(angle)
    lines = _wrap(label, LABEL_WRAP_WIDE if wide and abs(cos) < 0.3 else LABEL_WRAP)
    width = max(len(line) for line in lines) * LABEL_SIZE * CHAR_WIDTH
    height = len(lines) * LABEL_LINE
    if abs(cos) < 0.3:
        anchor, left = "middle", x - width / 2
    elif cos > 0:
        anchor, left = "start", x
    else:
        anchor, left = "end", x - width
    if sin < -0.3:
        top = y - height
    elif sin > 0.3:
        top = y
    else:
        top = y - height / 2
    box.add(left, top, left + width, top + height)
    first = top + (LABEL_LINE + LABEL_SIZE * 0.7) / 2  # the first line's baseline
    spans = "".join(
        f'<tspan x="{x:.1f}" y="{first + k * LABEL_LINE:.1f}">{escape(line)}</tspan>'
        for k, line in enumerate(lines)
    )
    return f'<text text-anchor="{anchor}" fill="#1f2933" font-weight="600">{spans}</text>'
