"""The role catalog: the built-in roles with the user's role folders layered over them.

Layers, later ones winning: the built-in roles shipped with the package, then each folder
named in ``LADDER_ROLES`` (separated like ``PATH``), then each ``--roles`` folder. A role
whose id is already defined by an earlier layer replaces it; two files defining the same
id within one layer are an error.

Every problem is reported with its file, line, column and field path; a catalog that has
any problem is not returned at all.
"""

from __future__ import annotations

import contextlib
import difflib
import gc
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from pydantic import ValidationError

from laddercli.errors import Problem, RoleFileError, UnknownRoleError, UsageError
from laddercli.locations import shown, shown_all
from laddercli.roles import files
from laddercli.roles.files import Layer, LoadedRole, RoleSummary
from laddercli.roles.model import CareerPath, Pitfall, Role

if TYPE_CHECKING:  # PyYAML is loaded only when role files are read, not from the cache
    from laddercli.roles.cache import Stamper
    from laddercli.roles.yamlsafe import YamlDocument


class PathView(NamedTuple):
    """One path with what it inherits from its role: timeline and shared pitfalls."""

    source: Role
    target: Role
    path: CareerPath

    @property
    def timeline(self) -> str | None:
        shared = self.source.transitions
        return self.path.timeline or (shared.timeline if shared else None)

    @property
    def pitfalls(self) -> list[Pitfall]:
        """Shared pitfalls first, each narrowed to the key actions of this path."""
        shared = self.source.transitions.pitfalls if self.source.transitions else []
        own_actions = {a.id for a in self.path.actions}
        narrowed = [
            p.model_copy(update={"actions": [a for a in p.actions if a in own_actions]})
            for p in shared
        ]
        return narrowed + list(self.path.pitfalls)


class Catalog:
    """The roles in use, in ladder order (``ids``).

    A catalog read from the role files holds every role; one from the cache holds their
    summaries, and builds a role in full only when it is asked for (``loaded``, ``get``,
    the paths of a role), so that showing one role of thousands builds a handful.
    """

    def __init__(self, roles: Mapping[str, LoadedRole]) -> None:
        self._loaded = dict(roles)
        self.ids = _ladder_order(self._loaded)
        self._summaries = {i: RoleSummary.of(self._loaded[i]) for i in self.ids}
        self._load: Callable[[RoleSummary], LoadedRole] | None = None

    @classmethod
    def lazy(
        cls, summaries: Sequence[RoleSummary], load: Callable[[RoleSummary], LoadedRole]
    ) -> Catalog:
        """A catalog of ``summaries``, in the order given, whose roles ``load`` builds."""
        catalog = cls.__new__(cls)
        catalog._loaded = {}
        catalog.ids = [s.id for s in summaries]
        catalog._summaries = {s.id: s for s in summaries}
        catalog._load = load
        return catalog

    @property
    def summaries(self) -> list[RoleSummary]:
        """Every role's summary, in ladder order (no role is built)."""
        return list(self._summaries.values())

    @property
    def roles(self) -> list[Role]:
        """Every role in full, in ladder order (from the cache, this builds them all)."""
        return [self.loaded(i).role for i in self.ids]

    def loaded(self, role_id: str) -> LoadedRole:
        found = self._loaded.get(role_id)
        if found is None:
            summary = self._summaries[role_id]
            assert self._load is not None  # a catalog read from files holds every role
            with _collector_paused():
                found = self._loaded[role_id] = self._load(summary)
        return found

    def get(self, name: str) -> Role:
        """The role called ``name``: its id, title or short title, in any case."""
        wanted = name.strip().casefold()
        if wanted in self._summaries:
            return self.loaded(wanted).role
        for s in self._summaries.values():
            if wanted in {s.title.casefold(), s.short.casefold()}:
                return self.loaded(s.id).role
        raise UnknownRoleError(name, self.ids, self._suggest(wanted))

    def _suggest(self, wanted: str) -> str | None:
        names = {role_id: role_id for role_id in self.ids}
        for role in self._summaries.values():
            names.setdefault(role.short.casefold(), role.id)
            names.setdefault(role.title.casefold(), role.id)
        close = difflib.get_close_matches(wanted, list(names), n=1, cutoff=0.6)
        return names[close[0]] if close else None

    def path(self, source: Role, target: Role) -> PathView | None:
        found = source.paths.get(target.id)
        return PathView(source, target, found) if found else None

    def paths_from(self, role: Role) -> list[PathView]:
        return [PathView(role, self.loaded(t).role, p) for t, p in role.paths.items()]

    def paths_into(self, role: Role) -> list[PathView]:
        sources = [self.loaded(s.id).role for s in self._summaries.values() if role.id in s.targets]
        return [PathView(source, role, source.paths[role.id]) for source in sources]

    def notes_for(self, role: Role) -> list[str]:
        """Notes of the role itself, and notes of other roles that are about it."""
        return [
            text
            for s in self._summaries.values()
            for text, about in s.notes
            if s.id == role.id or role.id in about
        ]

    def notes_about(self, roles: Iterable[Role]) -> list[tuple[Role, str]]:
        """Notes of any of ``roles`` that concern only roles among them."""
        wanted = {r.id for r in roles}
        return [
            (self.loaded(s.id).role, text)
            for s in self._summaries.values()
            if s.id in wanted
            for text, about in s.notes
            if set(about) <= wanted
        ]


def _ladder_order(loaded: Mapping[str, LoadedRole]) -> list[str]:
    """Roles nobody leads to first, each followed by the roles its paths lead to (depth
    first, in the order of the paths). Iterative, with a set of the roles placed: a chain
    of thousands of roles neither exhausts Python's recursion limit nor takes quadratic
    time."""
    targets = {t for lr in loaded.values() for t in lr.role.paths}
    order: list[str] = []
    placed: set[str] = set()
    for root in sorted(loaded, key=lambda i: (i in targets, i)):
        stack = [root]
        while stack:
            role_id = stack.pop()
            if role_id in placed or role_id not in loaded:
                continue
            placed.add(role_id)
            order.append(role_id)
            stack.extend(reversed(loaded[role_id].role.paths))
    return order


# --- loading ------------------------------------------------------------------------------


def load_catalog(user_dirs: Sequence[Path] = (), *, cache: bool = True) -> Catalog:
    """The built-in roles with ``user_dirs`` layered over them, fully checked.

    A catalog checked before from the very same files comes from the cache (see
    ``roles/cache.py``); ``cache=False`` reads and checks every file.
    """
    from laddercli.roles import cache as catalog_cache

    layers = files.role_layers(user_dirs)
    stamp = catalog_cache.Stamp.of(layers) if cache else None
    if stamp is not None:
        with _collector_paused():
            cached = catalog_cache.read(stamp)
        if cached is not None:
            summaries, build = cached
            return Catalog.lazy(summaries, _from_cache(build))
    # The cache is written under the stamp of the bytes checked now, not of those read
    # above: a file may have changed in between.
    stamper = catalog_cache.Stamper() if stamp is not None else None
    catalog, problems, _ = _build(layers, stamper, user_dirs)
    if problems:
        raise RoleFileError(problems)
    stamp = stamper.stamp() if stamper is not None else None
    if stamp is not None:
        catalog_cache.write(stamp, [catalog.loaded(i) for i in catalog.ids])
    return catalog


def _from_cache(build: Callable[[str], Role | None]) -> Callable[[RoleSummary], LoadedRole]:
    def load(summary: RoleSummary) -> LoadedRole:
        role = build(summary.id)
        if role is None:  # its data in the cache is damaged: read its file instead
            # it was cached, so it was a regular file: one that is not now is refused
            return load_role_file(summary.path, builtin=summary.builtin, regular=True)
        return LoadedRole(role, summary.path, summary.builtin)

    return load


class FileReport(NamedTuple):
    file: str
    role_id: str | None
    problems: list[Problem]


def validate(locations: Sequence[Path], user_dirs: Sequence[Path] = ()) -> list[FileReport]:
    """Check role files or folders, resolving their links against the whole catalog.

    With no locations, the whole active catalog (built-ins and user layers) is checked.
    """
    for location in locations:
        if not location.exists():
            raise UsageError(f"no such file or folder: {location}")
        if location.is_dir() and not files.role_files(location):
            raise UsageError(f"no role files (*.yaml, *.yml) in {location}")
    base = files.role_layers(user_dirs)
    if locations:
        checked = [f for loc in locations for f in files.role_files(loc)]
        layers = [*base, (checked, False)]
    else:
        checked = [f for layer_files, _ in base for f in layer_files]
        layers = base
    _, problems, ids = _build(layers, None, [*user_dirs, *locations])
    by_file: dict[str, list[Problem]] = {}
    for problem in problems:
        by_file.setdefault(problem.file, []).append(problem)
    reports = []
    for name in shown_all(f.absolute() for f in checked):
        mine = by_file.get(name, [])
        reports.append(FileReport(name, None if mine else ids.get(name), mine))
    return reports


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Reading role files (or the cache) allocates hundreds of thousands of objects,
    none of them in a reference cycle: the cyclic garbage collector would only walk them,
    again and again (a third of the time it takes to load 500 roles). Reference counting
    frees them all the same."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _build(
    layers: Sequence[Layer],
    stamper: Stamper | None = None,
    named: Iterable[Path] = (),
) -> tuple[Catalog, list[Problem], dict[str, str]]:
    """Load every layer; answer the catalog, every problem, and each file's role id.
    ``stamper``: reads the files, each once, and makes the stamp of the bytes checked.
    ``named``: the files and folders the user named. A file the user named may be a named
    pipe (``<(cat vp.yaml)``); one found in a folder must be a regular file still."""
    with _collector_paused():
        return _build_all(layers, stamper, {p.absolute() for p in named})


def _build_all(
    layers: Sequence[Layer], stamper: Stamper | None, named: set[Path]
) -> tuple[Catalog, list[Problem], dict[str, str]]:
    from laddercli.roles import checks  # only when role files are read, not from the cache

    problems: list[Problem] = []
    loaded: dict[str, LoadedRole] = {}
    ids: dict[str, str] = {}
    duplicates: list[LoadedRole] = []  # not in the catalog, and still checked
    for layer_files, builtin in layers:
        in_layer: dict[str, LoadedRole] = {}
        absolute = [file.absolute() for file in layer_files]
        if stamper is not None:
            stamper.layer(builtin)
        for given, file, name in zip(layer_files, absolute, shown_all(absolute), strict=True):
            try:
                lr, doc = _parse_role_file(
                    file,
                    builtin=builtin,
                    name=name,
                    data=stamper.read(given) if stamper is not None else None,
                    regular=file not in named,
                )
            except RoleFileError as exc:
                problems.extend(exc.problems)
                continue
            other = in_layer.get(lr.role.id)
            if other is not None:
                problems.append(
                    doc.problem(
                        ("id",), f"role id {lr.role.id!r} is already defined in {other.file}"
                    )
                )
            problems.extend(checks.check_ids(lr.role, doc))
            if other is not None:
                duplicates.append(lr)
                continue
            in_layer[lr.role.id] = lr
            ids[name] = lr.role.id
            # The document (its node tree is several times the size of the role) is not
            # kept: a large catalog would hold every tree and make the collector walk
            # them all. The rare broken link between roles is located by reading again.
            del doc
        loaded.update(in_layer)
    suggest = checks.Suggester()
    for lr in [*loaded.values(), *duplicates]:
        problems.extend(checks.check_links(lr, loaded, suggest, regular=lr.path not in named))
    unique = sorted(set(problems), key=_problem_order)
    return Catalog(loaded), unique, ids


def _problem_order(p: Problem) -> tuple[str, bool, int, int, str]:
    """By file, then line and column; a problem of no line (how many more there are) last."""
    return (p.file, p.line is None, p.line or 0, p.column or 0, p.message)


def load_role_file(file: Path, *, builtin: bool = False, regular: bool = False) -> LoadedRole:
    """Read, parse and validate one role file on its own (links to other roles aside).

    RoleFileError lists every problem found in it. ``regular``: refuse anything but a
    regular file (see ``yamlsafe.read_text``).
    """
    return _parse_role_file(file, builtin=builtin, regular=regular)[0]


def _parse_role_file(
    file: Path,
    *,
    builtin: bool,
    name: str | None = None,
    data: bytes | None = None,
    regular: bool = False,
) -> tuple[LoadedRole, YamlDocument]:
    """``name``: the file as shown (``locations.shown``), if already known; ``data``: its
    bytes, if already read (at most yamlsafe's MAX_FILE_BYTES), else it is read."""
    from laddercli.roles import yamlsafe

    path = file.absolute()
    name = name or shown(path)
    if data is None:
        doc = yamlsafe.load_file(path, name, regular=regular)
    else:
        doc = yamlsafe.parse(yamlsafe.decode(data, name), name)
    try:
        role = Role.model_validate(doc.data)
    except ValidationError as exc:
        from laddercli.roles import checks

        raise RoleFileError(checks.model_problems(doc, exc)) from None
    return LoadedRole(role, path, builtin), doc
