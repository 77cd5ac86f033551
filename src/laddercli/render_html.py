"""Render document blocks as one self-contained HTML page.

Everything is inline: the CSS, and the radar chart as SVG. The page fetches nothing, so it
can be mailed, opened offline and printed to PDF from a browser; print styles keep tables,
lists and the chart from breaking across pages and keep the bars' colours.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from laddercli import __version__
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
    numeric_column,
)

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
  color: var(--muted); font-style: italic; }
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
table.bars td.num { padding-left: 1rem; }
.bar { display: inline-block; width: 10rem; height: .7rem; background: #e4e7eb;
  border-radius: 2px; vertical-align: middle; overflow: hidden; }
.bar > span { display: block; height: 100%; background: var(--accent); }
.headline { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem 1rem;
  margin: 1rem 0; padding: .8rem 1rem; border: 1px solid var(--rule); border-radius: 6px; }
.headline .label { font-weight: 600; }
.headline .bar { width: 16rem; height: 1rem; }
.headline .shown { font-size: 1.25rem; font-weight: 600; }
figure.radar { margin: 1.2rem auto; max-width: 40rem; text-align: center; }
figure.radar svg { width: 100%; height: auto; }
figure.radar figcaption { font-size: .9rem; color: var(--muted); }
.legend { display: inline-flex; flex-wrap: wrap; gap: .3rem 1rem; justify-content: center;
  padding: 0; margin: .3rem 0 0; list-style: none; }
.swatch { display: inline-block; width: .9em; height: .9em; margin-right: .3em;
  vertical-align: -.1em; border-radius: 2px; }
footer { margin-top: 2.5rem; font-size: .8rem; color: var(--muted); }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  h2 + p { break-after: avoid; page-break-after: avoid; }
  tr, li, figure, dl, .headline, blockquote, table.bars { break-inside: avoid; }
  thead { display: table-header-group; }
  figure.radar { max-width: 22rem; margin: .5rem auto; }
  ol > li { margin-bottom: .5rem; }
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
    if isinstance(block, Heading):
        return f"<h{block.level}>{escape(block.text)}</h{block.level}>"
    if isinstance(block, Para):
        return _para(block)
    if isinstance(block, Bullets):
        return _bullets(block)
    if isinstance(block, Fields):
        rows = "".join(
            f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>" for label, value in block.pairs
        )
        return f'<dl class="fields">{rows}</dl>'
    if isinstance(block, Bars):
        return _bars(block)
    if isinstance(block, Radar):
        return radar_figure(block)
    return _table(block)


def _para(block: Para) -> str:
    if block.style == "hint":
        return ""
    label = f"<strong>{escape(block.label)}:</strong> " if block.label else ""
    if block.style == "quote":
        return f"<blockquote>{label}{escape(block.text)}</blockquote>"
    if block.style == "example":
        return f'<p class="example">{label or "<strong>Example:</strong> "}{escape(block.text)}</p>'
    return f"<p>{label}{escape(block.text)}</p>"


def _bullets(block: Bullets) -> str:
    tag = "ol" if block.ordered else "ul"
    cls = ' class="checklist"' if block.checklist else ""
    box = '<span class="box" aria-hidden="true"></span>' if block.checklist else ""
    items = []
    for item in block.items:
        children = "".join(_block(child) for child in item.children)
        inner = f"<span>{_item(item)}{children}</span>" if block.checklist else _item(item)
        items.append(f"<li>{box}{inner}{'' if block.checklist else children}</li>")
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
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


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
        f'<th scope="col"></th><th scope="col" class="num">{escape(block.value_heading)}</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )


# --- the radar chart ------------------------------------------------------------------------

SIZE = 640  # the SVG's width; the height follows the labels
RADIUS = 140
RINGS = (25, 50, 75, 100)


def series_colour(index: int, name: str) -> str:
    if name == "others":
        return OTHERS_COLOUR
    return PALETTE[index % len(PALETTE)]


def radar_figure(radar: Radar) -> str:
    """The radar as a figure: the SVG chart and a legend. With fewer than three axes a
    radar says nothing a bar does not, so there is none."""
    if len(radar.axes) < 3 or not radar.series:
        return ""
    legend = "".join(
        f'<li><span class="swatch" style="background:{series_colour(i, name)}"></span>'
        f"{escape(name)}</li>"
        for i, (name, _) in enumerate(radar.series)
    )
    caption = f"<div>{escape(radar.title)}</div>" if radar.title else ""
    return (
        f'<figure class="radar">{radar_svg(radar)}'
        f'<figcaption>{caption}<ul class="legend">{legend}</ul></figcaption></figure>'
    )


def _point(cx: float, cy: float, angle: float, r: float) -> tuple[float, float]:
    return cx + r * math.cos(angle), cy + r * math.sin(angle)


def _angles(n: int) -> list[float]:
    return [-math.pi / 2 + 2 * math.pi * i / n for i in range(n)]


def _wrap(label: str, width: int = 20) -> list[str]:
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def radar_svg(radar: Radar) -> str:
    n = len(radar.axes)
    cx, cy = SIZE / 2, RADIUS + 70
    height = 2 * RADIUS + 140
    angles = _angles(n)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {height}" role="img" '
        f'aria-label="{escape(radar.title or "Radar chart")}" font-family="system-ui, sans-serif"'
        ' font-size="13">'
    ]
    between = -math.pi / 2 + math.pi / n  # ring values sit between the first two axes
    for ring in RINGS:
        r = RADIUS * ring / radar.maximum
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in (_point(cx, cy, a, r) for a in angles))
        parts.append(
            f'<polygon class="ring" points="{points}" fill="none" stroke="#d9dee3" '
            'stroke-width="1"/>'
        )
        lx, ly = _point(cx, cy, between, r * math.cos(math.pi / n))
        parts.append(
            f'<text x="{lx + 3:.1f}" y="{ly - 3:.1f}" fill="#7b8794" font-size="10">{ring}</text>'
        )
    for label, angle in zip(radar.axes, angles, strict=True):
        x, y = _point(cx, cy, angle, RADIUS)
        parts.append(
            f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="#d9dee3"/>'
        )
        parts.append(_axis_label(label, *_point(cx, cy, angle, RADIUS + 14)))
    for i, (name, values) in enumerate(radar.series):
        colour = series_colour(i, name)
        points_xy = [
            _point(cx, cy, a, RADIUS * max(0.0, min(v or 0.0, radar.maximum)) / radar.maximum)
            for a, v in zip(angles, values, strict=True)
        ]
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in points_xy)
        dash = ' stroke-dasharray="6 4"' if name == "others" else ""
        fill = 0.0 if name == "others" else 0.12 if len(radar.series) == 1 else 0.05
        parts.append(
            f'<polygon class="series" data-series="{escape(name)}" points="{points}" '
            f'fill="{colour}" fill-opacity="{fill}" stroke="{colour}" stroke-width="2.5"{dash}/>'
        )
        parts += [
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>' for x, y in points_xy
        ]
    parts.append("</svg>")
    return "".join(parts)


def _axis_label(label: str, x: float, y: float) -> str:
    lines = _wrap(label)
    if abs(x - SIZE / 2) < 1:
        anchor = "middle"
    else:
        anchor = "start" if x > SIZE / 2 else "end"
    top = y - (len(lines) - 1) * 14 if y < RADIUS else y - (len(lines) - 1) * 7
    if y > RADIUS + 140:
        top = y + 10
    spans = "".join(
        f'<tspan x="{x:.1f}" y="{top + k * 14:.1f}">{escape(line)}</tspan>'
        for k, line in enumerate(lines)
    )
    return f'<text text-anchor="{anchor}" fill="#1f2933" font-weight="600">{spans}</text>'
