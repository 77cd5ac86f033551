"""Hypothesis strategies shared by the tests of text output and tables."""

from __future__ import annotations

from hypothesis import strategies as st

from laddercli.render.document import Table

WORDS = st.one_of(
    st.text("abcdefghij", min_size=1, max_size=12),
    st.text("abc", min_size=20, max_size=70),  # longer than a column: folded
    st.sampled_from(["n/a", "skipped", "3", "12.5", "-", "—", "王芳", "李雷", "Ünïcödé"]),
    st.from_regex(r"[0-9]{1,4}(\.[0-9])?", fullmatch=True),
)
CELLS = st.one_of(
    st.just(""),
    st.lists(WORDS, min_size=1, max_size=8).map(" ".join),
    st.lists(WORDS, min_size=1, max_size=3).map("\n".join),  # a cell of several lines
    st.lists(WORDS, min_size=1, max_size=3).map("  ".join).map(lambda t: f" {t} "),
)


@st.composite
def tables(draw: st.DrawFn) -> Table:
    count = draw(st.integers(1, 5))
    columns = tuple(draw(st.lists(CELLS, min_size=count, max_size=count)))
    rows = draw(st.lists(st.lists(CELLS, min_size=count, max_size=count), max_size=12))
    numeric = draw(st.lists(st.from_regex(r"[0-9]{1,3}", fullmatch=True), max_size=4))
    if rows and numeric:  # a column of figures, set flush right
        for row, figure in zip(rows, numeric, strict=False):
            row[-1] = figure
    widths = tuple(draw(st.lists(st.integers(1, 4), min_size=count, max_size=count)))
    return Table(columns, tuple(map(tuple, rows)), draw(st.booleans()), widths)
