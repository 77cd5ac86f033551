"""Tables in text output: drawn line by line as Rich draws them, at a fraction of the cost, and
without Rich (which the tests keep as the reference: ``rich_reference.py``)."""

from __future__ import annotations

import io
import time
from datetime import timedelta

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from rich.console import Console, Group
from rich.text import Text

from laddercli.render.document import Table
from laddercli.render.table import table_lines
from laddercli.render.text import NARROW, column_widths, render_plain
from tests.helpers.rich_reference import _table, make_console
from tests.helpers.strategies import tables


def drawn_by_rich(block: Table, width: int) -> list[str]:
    console = make_console(io.StringIO(), width=width, plain=True)
    with console.capture() as captured:
        console.print(_table(block, width))
    return captured.get().rstrip("\n").split("\n")


def drawn_here(block: Table, width: int) -> list[str]:
    widths = column_widths(block, width)
    assert widths is not None  # else it is shown as records
    lines = table_lines(block, widths, width)
    return ["".join(text for text, _ in line).rstrip() for line in lines]


@settings(max_examples=80, derandomize=True, database=None, deadline=timedelta(seconds=2))
@given(tables(), st.integers(12, 160))
@example(Table(("Id", "Title"), (), True, (1, 3)), 80)
@example(Table(("a b c d e f g h", "x"), (("1", "2"),), True, ()), NARROW)
def test_a_table_is_drawn_as_rich_draws_it(block: Table, width: int) -> None:
    assume(width >= NARROW or len(block.columns) <= 2)  # else it is shown as records
    assume(column_widths(block, width) is not None)  # else too: a word would be cut
    assert drawn_here(block, width) == drawn_by_rich(block, width)


def styled_cells(renderable: object, console: Console) -> list[list[tuple[str, bool]]]:
    """Each line as (character, bold) pairs; a blank is neither, bold or not."""
    lines = console.render_lines(renderable, console.options, pad=False)  # type: ignore[arg-type]
    return [
        [
            (char, char != " " and bool(seg.style and seg.style.bold))
            for seg in line
            for char in seg.text
        ]
        for line in lines
    ]


@settings(max_examples=40, derandomize=True, database=None, deadline=timedelta(seconds=2))
@given(tables(), st.integers(NARROW, 160))
def test_on_a_terminal_the_same_cells_are_bold(block: Table, width: int) -> None:
    console = Console(
        file=io.StringIO(), width=width, color_system="standard", force_terminal=True, _environ={}
    )
    widths = column_widths(block, width)
    assume(widths is not None)  # else it is shown as records
    assert widths is not None
    ours = [Text.assemble(*line) for line in table_lines(block, widths, width)]
    assert styled_cells(Group(*ours), console) == styled_cells(_table(block, width), console)


def test_a_table_of_ten_thousand_rows_is_drawn_in_well_under_a_second() -> None:
    rows = tuple(
        (f"role-{n:05d}", f"Role number {n}", f"role-{n + 1:05d}", f"roles/role-{n:05d}.yaml")
        for n in range(10_000)
    )
    block = Table(("Id", "Title", "Paths to", "Source"), rows, widths=(1, 3, 2, 3))
    assert drawn_here(block._replace(rows=rows[:20]), 80) == drawn_by_rich(
        block._replace(rows=rows[:20]), 80
    )
    start = time.process_time()
    text = render_plain([block], 80)
    assert time.process_time() - start < 1.0  # Rich itself: about 3 s
    assert text.count("\n") == 10_000 + 4
    assert "│ role-05000 │ Role number 5000 │ role-05001 │ roles/role-05000.yaml │" in text
