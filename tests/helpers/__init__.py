"""What the tests share, in one place: no test module imports from another.

- this module: the keys that answer the questionnaire, the ids of the path from VP to CTO,
  and what an answers file holds;
- ``terminal``: a ``ladder`` process in a pseudo-terminal, and a child's environment;
- ``faults``: an interrupt or a signal armed at a point where ladder writes a file;
- ``strategies``: Hypothesis strategies shared by the text and table tests;
- ``collecting``: the files a folder for ``ladder report DIR`` holds (a form's answers,
  ``sent.json``), built by hand as issue 15's contracts give them;
- ``rich_reference``: the Rich renderer that ``render/text.py`` replaced, kept as the
  reference its output is held to.

The fixtures (the pinned environment, the in-process ``ladder``, role folders, key presses)
are in ``tests/conftest.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

DOWN, ENTER, SPACE, CTRL_C = "\x1b[B", "\r", " ", "\x03"

Ladder = Callable[..., Any]
ROOT = Path(__file__).resolve().parents[2]  # the checkout: README.md, roles/, benchmarks/
DATA = ROOT / "tests" / "data"  # the test data files

CTO_IDS = [
    "execution-to-vision",
    "internal-to-external",
    "budget-to-strategy",
    "teams-to-direction",
    "partner-with-product",
    "understand-customers-and-market",
    "contribute-to-product-vision",
    "known-thought-leader",
    "speak-at-conferences",
    "write-about-strategy",
    "find-competitive-advantage",
    "lead-rnd-initiatives",
    "technology-partner-relationships",
    "understand-business-model",
    "join-investor-and-board-discussions",
    "customer-and-partner-relationships",
    "product-and-customer-understanding",
    "external-thought-leadership",
    "technology-as-advantage",
    "ceo-and-board-relationships",
    "vision-beyond-execution",
]
CTO_PITFALLS = [
    "engineering-only-focus",
    "no-board-relationships",
    "no-external-presence",
    "underestimating-people-politics",
    "no-functional-breadth",
]


def rate(*ratings: int | str) -> str:
    """Key presses that answer rating questions: a number (or n, s, b), then Enter."""
    return "".join(f"{r}{ENTER}" for r in ratings)


def flat(text: str) -> str:
    """Text with its line breaks and runs of spaces made single spaces."""
    return " ".join(text.split())


def saved_files(tmp_path: Path) -> list[Path]:
    """The answers kept: finished ones in answers/, an unfinished one in drafts/."""
    home = tmp_path / "ladder-home"
    return sorted(home.glob("answers/*.yaml")) + sorted(home.glob("drafts/*.yaml"))


def saved(tmp_path: Path) -> dict[str, Any]:
    files = saved_files(tmp_path)
    assert len(files) == 1, files
    data: dict[str, Any] = yaml.safe_load(files[0].read_text(encoding="utf-8"))
    return data


def ratings_of(data: dict[str, Any]) -> dict[str, Any]:
    return {qid: entry["rating"] for qid, entry in data["answers"].items()}


def fill(text: str, ratings: list[int | str | None], pitfalls: tuple[str, ...] = ()) -> str:
    values = iter(ratings)

    def one(_: re.Match[str]) -> str:
        value = next(values)
        return f"rating: {'null' if value is None else value}"

    text = re.sub(r"rating: null", one, text)
    for pitfall in pitfalls:
        text = text.replace(f"  {pitfall}: false", f"  {pitfall}: true")
    return text
