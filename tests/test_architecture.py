"""The layers stay visible in the code: which modules may import Typer, questionary, Rich and
the CLI; no import cycles; no function longer than a screenful or two.

The checks read the source with ``ast`` (nothing is imported), so they are fast and see the
imports made inside functions as well as those at the top of a module.
"""

from __future__ import annotations

import ast
import graphlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import ROOT

SRC = ROOT / "src"
PACKAGE = SRC / "laddercli"
MAX_FUNCTION_LINES = 80

# Functions longer than MAX_FUNCTION_LINES today, with their length: each is to be split, and
# taken off this list when it is (the test fails while a listed one is still here but short).
LONG_FUNCTIONS: dict[str, int] = {}
# Modules that import each other today, inside functions (so that each can still be imported
# on its own): to be untangled, and taken off this list when they are.
KNOWN_CYCLES: list[set[str]] = []


@dataclass(frozen=True)
class Import:
    """One import statement's target, as a module name, and where it is."""

    importer: str  # the importing module, e.g. laddercli.cli.prompts
    target: str  # what it imports, e.g. questionary, or laddercli.roles.catalog
    line: int
    top_level: bool  # run when the module is imported (not in a function, nor TYPE_CHECKING)

    def __str__(self) -> str:
        return f"{self.importer}:{self.line} imports {self.target}"


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def resolve(importer: str, node: ast.ImportFrom) -> str:
    """The absolute module name of ``from ... import``, relative imports resolved."""
    if not node.level:
        return node.module or ""
    is_package = MODULES[importer].name == "__init__.py"
    base = importer.split(".")
    base = base[: len(base) - node.level + (1 if is_package else 0)]
    return ".".join([*base, node.module] if node.module else base)


def is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_in(importer: str, node: ast.AST, top_level: bool = True) -> Iterator[Import]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Import):
            for alias in child.names:
                yield Import(importer, alias.name, child.lineno, top_level)
        elif isinstance(child, ast.ImportFrom):
            base = resolve(importer, child)
            for alias in child.names:  # a submodule imported by name is that module
                name = f"{base}.{alias.name}"
                yield Import(importer, name if name in MODULES else base, child.lineno, top_level)
        elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            yield from imports_in(importer, child, False)
        elif isinstance(child, ast.If) and is_type_checking(child):
            for inner in child.body:
                yield from imports_in(importer, ast.Module([inner], []), False)
            for inner in child.orelse:
                yield from imports_in(importer, ast.Module([inner], []), top_level)
        else:
            yield from imports_in(importer, child, top_level)


IMPORTS = [
    imp
    for name, path in MODULES.items()
    for imp in imports_in(name, ast.parse(path.read_text(encoding="utf-8")))
]


def importers_of(*roots: str) -> set[str]:
    """The modules that import any of ``roots`` (or a module under one) anywhere."""
    return {
        imp.importer
        for imp in IMPORTS
        if any(imp.target == root or imp.target.startswith(f"{root}.") for root in roots)
    }


def test_the_import_check_sees_every_module_and_import() -> None:
    """A guard on the checks below: they read every module, imports in functions too."""
    assert "laddercli.cli" in MODULES and "laddercli.render.document" in MODULES
    assert "laddercli.cli.prompts" in importers_of("questionary")
    assert any(  # prompts imports get_app_or_none inside a function
        imp.importer == "laddercli.cli.prompts"
        and imp.target.startswith("prompt_toolkit")
        and not imp.top_level
        for imp in IMPORTS
    )


def test_typer_is_imported_only_by_the_cli() -> None:
    outside = {
        name for name in importers_of("typer", "click") if not name.startswith("laddercli.cli")
    }
    assert outside == set()


def test_questionary_and_prompt_toolkit_only_in_the_prompt_seam() -> None:
    assert importers_of("questionary", "prompt_toolkit") <= {"laddercli.cli.prompts"}


def test_rich_only_in_the_prompt_seam() -> None:
    """Text is laid out and styled without Rich (render/text.py); Rich draws only the
    questionnaire's screens, in prompts.py."""
    assert importers_of("rich") <= {"laddercli.cli.prompts"}


def test_the_core_never_imports_the_cli() -> None:
    core = {name for name in MODULES if not name.startswith("laddercli.cli")}
    assert importers_of("laddercli.cli") & core <= {"laddercli"}
    # the one exception: laddercli.main(), the entry point, imports the CLI when it runs
    (entry,) = [imp for imp in IMPORTS if imp.importer == "laddercli" and "cli" in imp.target]
    assert not entry.top_level, entry


def graph(*, top_level_only: bool) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {name: set() for name in MODULES}
    for imp in IMPORTS:
        if imp.target in MODULES and imp.target != imp.importer:
            if imp.top_level or not top_level_only:
                edges[imp.importer].add(imp.target)
    return edges


def test_no_import_cycles_between_modules() -> None:
    """The imports run when a module is imported form no cycle: each module can be imported
    on its own, whatever was imported before."""
    try:
        graphlib.TopologicalSorter(graph(top_level_only=True)).prepare()
    except graphlib.CycleError as error:
        pytest.fail(f"import cycle: {' -> '.join(error.args[1])}")


def strongly_connected(edges: dict[str, set[str]]) -> list[set[str]]:
    """The groups of two or more modules that import each other, directly or not (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(edges[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


def test_no_import_cycles_through_imports_in_functions() -> None:
    """With the imports inside functions counted too, only the cycles listed remain.
    ``laddercli`` itself is left out: its main() imports the CLI to run it."""
    edges = graph(top_level_only=False)
    del edges["laddercli"]
    for targets in edges.values():
        targets.discard("laddercli")
    assert sorted(map(sorted, strongly_connected(edges))) == sorted(map(sorted, KNOWN_CYCLES))


def package_of(module: str) -> str:
    """laddercli.roles.catalog -> laddercli.roles; top-level modules stand for themselves."""
    path = MODULES[module]
    if path.parent == PACKAGE or path.name == "__init__.py":
        return module
    return module.rsplit(".", 1)[0]


def test_no_import_cycles_between_packages() -> None:
    """With the imports inside functions counted too, the packages (roles, assessment,
    history, views, render, cli) and the top-level modules depend on each other one way.
    ``laddercli`` itself is left out: its main() imports the CLI to run it."""
    edges: dict[str, set[str]] = {}
    for importer, targets in graph(top_level_only=False).items():
        if importer == "laddercli":
            continue
        source = package_of(importer)
        edges.setdefault(source, set())
        edges[source] |= {package_of(t) for t in targets} - {source, "laddercli"}
    assert strongly_connected(edges) == []


def functions_in(module: str, node: ast.AST, prefix: str = "") -> Iterator[tuple[str, int]]:
    """Each function (methods and nested functions too) as module:qualified.name, and its
    length in lines from ``def`` to its last line, docstring and comments included."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
            assert child.end_lineno is not None
            yield f"{module}:{prefix}{child.name}", child.end_lineno - child.lineno + 1
            yield from functions_in(module, child, f"{prefix}{child.name}.")
        elif isinstance(child, ast.ClassDef):
            yield from functions_in(module, child, f"{prefix}{child.name}.")
        else:
            yield from functions_in(module, child, prefix)


FUNCTIONS = dict(
    function
    for name, path in MODULES.items()
    for function in functions_in(name, ast.parse(path.read_text(encoding="utf-8")))
)


def test_no_function_is_longer_than_80_lines() -> None:
    long = {
        name: lines
        for name, lines in FUNCTIONS.items()
        if lines > MAX_FUNCTION_LINES and name not in LONG_FUNCTIONS
    }
    assert long == {}


def test_the_long_functions_listed_are_still_long() -> None:
    """A listed function that was split, renamed or moved comes off the list (empty since
    issue 13: every function is at most 80 lines)."""
    for name in LONG_FUNCTIONS:
        assert FUNCTIONS.get(name, 0) > MAX_FUNCTION_LINES, f"take {name} off LONG_FUNCTIONS"


TEST_MODULE = re.compile(r"^\s*(from|import) tests(\.\w+)*\.test_\w+", re.M)


def test_no_test_module_imports_another() -> None:
    """What tests share is in tests/helpers/ and tests/conftest.py. Code a test runs in a
    child process counts too (it imported test_faults to arm a fault there)."""
    tests = ROOT / "tests"
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0).strip()}"
        for path in sorted(tests.rglob("*.py"))
        for match in TEST_MODULE.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []
