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
import os
import types
import typing
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from pydantic import BaseModel, ValidationError

from laddercli.errors import LadderError, Problem, RoleFileError, UnknownRoleError, UsageError
from laddercli.render.document import counted
from laddercli.roles.model import TEXT_PATTERN, CareerPath, Indicator, Pitfall, Role
from laddercli.visible import hidden_character, what_is

if TYPE_CHECKING:  # PyYAML is loaded only when role files are read, not from the cache
    from laddercli.roles.cache import Stamper
    from laddercli.roles.yamlsafe import Loc, YamlDocument

ROLES_ENV = "LADDER_ROLES"
ROLE_SUFFIXES = (".yaml", ".yml")


class LoadedRole(NamedTuple):
    role: Role
    path: Path  # absolute
    builtin: bool

    @property
    def file(self) -> str:
        """The file as shown to users: relative to the current folder where it can be."""
        return display_path(self.path)


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


class RoleSummary:
    """What the catalog knows of a role without building it: enough to list the roles,
    find one by name, and follow paths and notes from one role to the others. (A plain
    class: a named tuple costs a command 0.2 ms to make at import.)"""

    __slots__ = (
        "id",
        "title",
        "short_title",
        "targets",
        "notes",
        "has_dimensions",
        "path",
        "builtin",
    )

    def __init__(
        self,
        id: str,
        title: str,
        short_title: str | None,
        targets: tuple[str, ...],  # the roles its paths lead to
        notes: tuple[tuple[str, tuple[str, ...]], ...],  # each note, and the roles it is about
        has_dimensions: bool,
        path: Path,  # absolute
        builtin: bool,
    ) -> None:
        self.id = id
        self.title = title
        self.short_title = short_title
        self.targets = targets
        self.notes = notes
        self.has_dimensions = has_dimensions
        self.path = path
        self.builtin = builtin

    def __repr__(self) -> str:
        return f"RoleSummary({self.id!r}, {self.title!r}, {self.path})"

    @property
    def short(self) -> str:
        return self.short_title or self.title

    @property
    def file(self) -> str:
        return display_path(self.path)

    @classmethod
    def of(cls, lr: LoadedRole) -> RoleSummary:
        role = lr.role
        return cls(
            role.id,
            role.title,
            role.short_title,
            tuple(role.paths),
            tuple((n.text, tuple(n.roles)) for n in role.notes),
            bool(role.dimensions),
            lr.path,
            lr.builtin,
        )


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


# --- where role files are ---------------------------------------------------------------


def builtin_roles_dir() -> Path:
    """The role folder shipped in the package (or the checkout's, in an editable install).

    The package's own folder, as ``importlib.resources.files`` finds it for a package on
    disk, without the readers it loads to say so (0.5 ms of every command)."""
    shipped = Path(__file__).parent  # the wheel puts the role files beside this package's code
    if (shipped / "role.schema.json").is_file():
        return shipped
    checkout = Path(__file__).resolve().parents[3] / "roles"
    if checkout.is_dir():
        return checkout
    raise UsageError(f"the built-in roles are missing from {shipped} and {checkout}")


def user_role_dirs(
    cli_dirs: Sequence[Path] = (), environ: Mapping[str, str] = os.environ
) -> list[Path]:
    """The user's role layers: ``LADDER_ROLES`` first, then ``--roles``, in order given."""
    from laddercli.locations import expand

    from_env = [
        (ROLES_ENV, expand(p, ROLES_ENV))
        for p in environ.get(ROLES_ENV, "").split(os.pathsep)
        if p.strip()
    ]
    layers = from_env + [("--roles", expand(str(p), "--roles")) for p in cli_dirs]
    for origin, layer in layers:
        if not layer.exists():
            where = "" if layer.is_absolute() else f" (looked in {Path.cwd() / layer})"
            raise UsageError(f"{origin}: role folder {str(layer)!r} does not exist{where}")
        if not layer.is_dir() and not layer.is_file():  # /dev/null, a named pipe
            raise UsageError(
                f"{origin}: {str(layer)!r} is not a folder; name the folder that holds your "
                "role files"
            )
    return [layer for _, layer in layers]


def role_files(location: Path) -> list[Path]:
    """The role files of a folder (not recursive), or the file itself (whatever it is: a
    named pipe or a device is read as a file, and says what is wrong with it)."""
    if not location.is_dir():
        return [location]
    try:
        return sorted(
            p
            for p in location.iterdir()
            if p.suffix in ROLE_SUFFIXES and not p.name.startswith(".") and p.is_file()
        )
    except OSError as exc:
        raise LadderError(
            f"cannot read the role folder {location}: {exc.strerror or exc}"
        ) from None


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except (ValueError, OSError):
        return str(path)


def display_paths(paths: Iterable[Path]) -> list[str]:
    """``display_path`` of each path, resolving each folder once (a file that is not a
    symbolic link is in its folder's real folder): 10,000 files in 40 ms, not 400."""
    cwd = Path.cwd()
    folders: dict[Path, Path] = {}
    shown = []
    for path in paths:
        try:
            if path.name in ("", ".", "..") or path.is_symlink():
                real = path.resolve()
            else:
                folder = folders.get(path.parent)
                if folder is None:
                    folder = folders[path.parent] = path.parent.resolve()
                real = folder / path.name
            shown.append(str(real.relative_to(cwd)))
        except (ValueError, OSError, RuntimeError):  # RuntimeError: a symbolic link loop
            shown.append(str(path))
    return shown


# --- loading ------------------------------------------------------------------------------


Layer = tuple[list[Path], bool]  # the files of one layer, and whether it is the built-in one


def _layers(user_dirs: Sequence[Path]) -> list[Layer]:
    return [(role_files(builtin_roles_dir()), True)] + [(role_files(d), False) for d in user_dirs]


def load_catalog(user_dirs: Sequence[Path] = (), *, cache: bool = True) -> Catalog:
    """The built-in roles with ``user_dirs`` layered over them, fully checked.

    A catalog checked before from the very same files comes from the cache (see
    ``catalog_cache``); ``cache=False`` reads and checks every file.
    """
    from laddercli.roles import cache as catalog_cache

    layers = _layers(user_dirs)
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
        if location.is_dir() and not role_files(location):
            raise UsageError(f"no role files (*.yaml, *.yml) in {location}")
    base = _layers(user_dirs)
    if locations:
        checked = [f for loc in locations for f in role_files(loc)]
        layers = [*base, (checked, False)]
    else:
        checked = [f for files, _ in base for f in files]
        layers = base
    _, problems, ids = _build(layers, None, [*user_dirs, *locations])
    by_file: dict[str, list[Problem]] = {}
    for problem in problems:
        by_file.setdefault(problem.file, []).append(problem)
    reports = []
    for name in display_paths(f.absolute() for f in checked):
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
    problems: list[Problem] = []
    loaded: dict[str, LoadedRole] = {}
    ids: dict[str, str] = {}
    duplicates: list[LoadedRole] = []  # not in the catalog, and still checked
    for files, builtin in layers:
        in_layer: dict[str, LoadedRole] = {}
        absolute = [file.absolute() for file in files]
        if stamper is not None:
            stamper.layer(builtin)
        for given, file, name in zip(files, absolute, display_paths(absolute), strict=True):
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
            problems.extend(_check_ids(lr.role, doc))
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
    suggest = Suggester()
    for lr in [*loaded.values(), *duplicates]:
        problems.extend(_check_links(lr, loaded, suggest, regular=lr.path not in named))
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
    """``name``: the file as shown (``display_path``), if already known; ``data``: its
    bytes, if already read (at most yamlsafe's MAX_FILE_BYTES), else it is read."""
    from laddercli.roles import yamlsafe

    path = file.absolute()
    shown = name or display_path(path)
    if data is None:
        doc = yamlsafe.load_file(path, shown, regular=regular)
    else:
        doc = yamlsafe.parse(yamlsafe.decode(data, shown), shown)
    try:
        role = Role.model_validate(doc.data)
    except ValidationError as exc:
        raise RoleFileError(model_problems(doc, exc)) from None
    return LoadedRole(role, path, builtin), doc


# --- checks beyond the model --------------------------------------------------------------


def _check_ids(role: Role, doc: YamlDocument) -> list[Problem]:
    """Ids are unique within a file, and links between items point at real items."""
    found = ProblemList(doc)
    suggest = Suggester()
    first: dict[str, Loc] = {}

    def claim(item_id: str, loc: Loc) -> None:
        if item_id in first:
            if found.full:  # locating the first one costs as much as the problem
                found.skip()
                return
            line, _ = doc.locate(first[item_id])
            found.add(loc, f"duplicate id {item_id!r} (first at line {line})")
        else:
            first[item_id] = loc

    shared = role.transitions.pitfalls if role.transitions else []
    for i, pitfall in enumerate(shared):
        claim(pitfall.id, ("transitions", "pitfalls", i, "id"))
    for target, path in role.paths.items():
        base: tuple[str | int, ...] = ("paths", target)
        for i, shift in enumerate(path.shifts):
            claim(shift.id, (*base, "shifts", i, "id"))
        for i, action in enumerate(path.actions):
            claim(action.id, (*base, "actions", i, "id"))
            for j, behaviour in enumerate(action.behaviours):
                claim(behaviour.id, (*base, "actions", i, "behaviours", j, "id"))
        for i, indicator in enumerate(path.indicators):
            claim(indicator.id, (*base, "indicators", i, "id"))
        for i, pitfall in enumerate(path.pitfalls):
            claim(pitfall.id, (*base, "pitfalls", i, "id"))

    path_actions = {target: {a.id for a in path.actions} for target, path in role.paths.items()}
    for target, path in role.paths.items():
        base = ("paths", target)
        actions = path_actions[target]
        linked: tuple[tuple[str, Sequence[Indicator | Pitfall]], ...] = (
            ("indicators", path.indicators),
            ("pitfalls", path.pitfalls),
        )
        for kind, items in linked:
            for i, item in enumerate(items):
                for j, ref in enumerate(item.actions):
                    if ref not in actions:
                        found.add(
                            (*base, kind, i, "actions", j),
                            f"no key action {ref!r} in paths.{target}.actions"
                            + suggest(ref, actions),
                        )
    # The paths of each key action (one, unless its id is repeated, reported above): the
    # paths a shared pitfall guards are found without trying every path for every pitfall.
    paths_of: dict[str, list[str]] = {}
    for target, ids in path_actions.items():
        for action_id in ids:
            paths_of.setdefault(action_id, []).append(target)
    all_actions = paths_of.keys()
    for i, pitfall in enumerate(shared):
        loc = ("transitions", "pitfalls", i, "actions")
        for j, ref in enumerate(pitfall.actions):
            if ref not in all_actions:
                found.add(
                    (*loc, j), f"no key action {ref!r} in any path" + suggest(ref, all_actions)
                )
        guarded = {t for a in pitfall.actions for t in paths_of.get(a, ())}
        unguarded = len(role.paths) - len(guarded)
        for target in role.paths:
            if found.full or not unguarded:
                found.skip(unguarded)
                break
            if target not in guarded:
                unguarded -= 1
                found.add(
                    loc,
                    f"pitfall {pitfall.id!r} names no key action of paths.{target}; "
                    "name one that guards against it there",
                )
    if role.id in role.paths:
        found.add(("paths", role.id), "a path cannot lead to its own role", key=True)
    points = len(role.assessment.scale)
    for target, path in role.paths.items():
        for i, action in enumerate(path.actions):
            if action.scale is not None and len(action.scale) != points:
                found.add(
                    ("paths", target, "actions", i, "scale"),
                    f"this scale has {counted(len(action.scale), 'point')} and the "
                    f"assessment's scale {points}: give it the same points, 0 to {points - 1}",
                )
    return found.problems()


def _check_links(
    lr: LoadedRole,
    loaded: Mapping[str, LoadedRole],
    suggest: Suggester | None = None,
    *,
    regular: bool = False,
) -> list[Problem]:
    """Paths and notes name roles that exist in the catalog.

    ``suggest`` is shared by every role of a catalog, so that thousands of broken links
    among thousands of roles cost no more than the budget of one file."""
    suggest = suggest or Suggester()
    broken: list[tuple[Loc, str, bool]] = []
    for target in lr.role.paths:
        if target not in loaded:
            message = f"no role {target!r} in the catalog" + suggest(target, loaded.keys())
            broken.append((("paths", target), message, True))
    for i, note in enumerate(lr.role.notes):
        for j, ref in enumerate(note.roles):
            if ref not in loaded:
                message = f"no role {ref!r} in the catalog" + suggest(ref, loaded.keys())
                broken.append((("notes", i, "roles", j), message, False))
    if not broken:
        return []
    from laddercli.roles import yamlsafe

    found = ProblemList(yamlsafe.load_file(lr.path, lr.file, regular=regular))
    for loc, message, key in broken:
        found.add(loc, message, key=key)
    return found.problems("link to a role not in the catalog", "links to roles not in the catalog")


# --- "did you mean", and how many problems, in bounded time --------------------------------

SUGGESTION_BUDGET = 2_000_000
"""What the suggestions for one file's unknown names may cost, in pairs of characters
compared (``Suggester``). difflib takes up to about 0.1 µs a pair (64-character ids much
alike), so this is at most about a quarter of a second: every suggestion for a file with a
few mistakes, the first hundreds for a hostile one with thousands of unknown names among
thousands of known ones (which, unbounded, took minutes: a 1 MiB role file did not finish
in five)."""
SUGGESTION_CALL_COST = 200  # what one suggestion costs however short: about 10 µs

MAX_PROBLEMS = 100
"""How many problems of one file are listed; the others are counted."""


class Suggester:
    """ "Did you mean" for many unknown names, within ``SUGGESTION_BUDGET``.

    difflib compares the name with every known one, at a cost that grows with the product
    of their lengths. Each suggestion is charged that worst case before it is made; one the
    budget left cannot pay for is not made, and the problem is reported without it.
    """

    def __init__(self, budget: int = SUGGESTION_BUDGET) -> None:
        self.left = budget

    def __call__(self, word: str, choices: Collection[str]) -> str:
        """`` (did you mean 'x'?)`` for the closest of ``choices``, or nothing."""
        least = SUGGESTION_CALL_COST + len(choices) * (len(word) + 1)
        if least > self.left:
            return ""
        cost = SUGGESTION_CALL_COST + sum(len(c) + 1 for c in choices) * (len(word) + 1)
        if cost > self.left:
            self.left -= len(choices)  # what adding up the cost took
            return ""
        self.left -= cost
        close = difflib.get_close_matches(word, list(choices), n=1)
        return f" (did you mean {close[0]!r}?)" if close else ""


def did_you_mean(word: str, choices: Collection[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest of ``choices``, or nothing. For one name: the
    many names of a file share one ``Suggester``."""
    return Suggester()(word, choices)


class ProblemList:
    """The problems of one file, as many as anyone reads: the first ``limit`` are located
    and listed, the others only counted, and ``problems()`` ends with one that says how
    many more there are. A hostile file within the size limit can hold a hundred thousand
    mistakes; locating and printing each would take seconds and hundreds of megabytes."""

    def __init__(self, doc: YamlDocument, limit: int = MAX_PROBLEMS) -> None:
        self.doc = doc
        self.limit = limit
        self.listed: list[Problem] = []
        self.more = 0

    @property
    def full(self) -> bool:
        """No more problems will be listed: only counted."""
        return len(self.listed) >= self.limit

    def add(self, loc: Loc, message: str, *, key: bool = False) -> None:
        """A problem at ``loc`` (see ``YamlDocument.problem``), located if it is listed."""
        if self.full:
            self.more += 1
        else:
            self.listed.append(self.doc.problem(loc, message, key=key))

    def append(self, problem: Problem) -> None:
        if self.full:
            self.more += 1
        else:
            self.listed.append(problem)

    def skip(self, count: int = 1) -> None:
        """Count problems that are not listed, without building them."""
        self.more += count

    def __bool__(self) -> bool:
        return bool(self.listed or self.more)

    def problems(
        self, one: str = "problem in this file", many: str = "problems in this file"
    ) -> list[Problem]:
        """The problems listed, then (with no line: it sorts last) how many more there are."""
        if not self.more:
            return list(self.listed)
        what = one if self.more == 1 else many
        return [*self.listed, Problem(self.doc.file, f"... and {self.more:,} more {what}")]


# --- pydantic errors as located problems ----------------------------------------------------


def model_problems(
    doc: YamlDocument, exc: ValidationError, model: type[BaseModel] = Role
) -> list[Problem]:
    found = ProblemList(doc)
    suggest = Suggester()
    errors = exc.errors(include_url=False)
    # Only the problems listed are kept: the others (up to 100,000) would hold tens of
    # megabytes while the document is composed to locate the first.
    found.skip(max(0, len(errors) - found.limit))
    del errors[found.limit :]
    for err in errors:
        loc = tuple(err["loc"])
        kind = err["type"]
        if kind == "missing":
            found.add(loc[:-1], f"missing field {loc[-1]!r}")
        elif kind == "extra_forbidden":
            field = str(loc[-1])
            allowed = _fields_at(model, loc[:-1])
            hint = suggest(field, allowed)
            if not hint and allowed:
                hint = f" (allowed: {', '.join(allowed)})"
            found.add(loc, f"unknown field {field!r}{hint}", key=True)
        elif loc and loc[-1] == "[key]":  # a mapping's key, such as a dimension's label
            found.add(loc[:-1], _explain(kind, err), key=True)
        else:
            found.add(loc, _explain(kind, err))
    return found.problems()


def _explain(kind: str, err: Any) -> str:
    value = err.get("input")
    got = _describe(value)
    if kind == "string_type":
        hint = ""
        if isinstance(value, bool):
            hint = " (YAML reads yes/no/on/off/true/false as a boolean: put the text in quotes)"
        elif isinstance(value, int | float):
            hint = " (put it in quotes)"
        return f"expected text, got {got}{hint}"
    if kind == "list_type":
        return f"expected a list, got {got}"
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return f"expected a mapping of fields, got {got}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "too_short":
        return "needs at least one item"
    if kind == "string_pattern_mismatch" and err.get("ctx", {}).get("pattern") == TEXT_PATTERN:
        found = hidden_character(str(value))
        what = what_is(found) if found else "a control character"
        return f"holds {what}; role files hold plain text: remove it"
    if kind == "string_pattern_mismatch":
        return (
            f"{value!r} is not a valid id: use lowercase letters, digits and single hyphens, "
            "such as 'deep-product-intuition'"
        )
    if kind == "string_too_long":
        return "is too long for an id (64 characters at most)"
    message = str(err.get("msg", kind))
    return message.removeprefix("Value error, ")


def _describe(value: object) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"{type(value).__name__} {value!r}"


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """Field names allowed at ``loc``, for suggesting the right one."""
    tp: Any = model
    for part in loc:
        tp = _unwrap(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            match = [f for n, f in tp.model_fields.items() if part in _names(n, f)]
            if not match:
                return []
            tp = match[0].annotation
        elif typing.get_origin(tp) is list:
            tp = typing.get_args(tp)[0]
        elif typing.get_origin(tp) is dict:
            tp = typing.get_args(tp)[1]
        else:
            return []
    tp = _unwrap(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [f.alias or n for n, f in tp.model_fields.items()]
    return []


def _names(name: str, field: Any) -> set[str]:
    """The names a field is read by: its alias or name, and any other spelling."""
    names = {field.alias or name}
    choices = getattr(field.validation_alias, "choices", None)
    if choices:
        names.update(c for c in choices if isinstance(c, str))
    return names


def _unwrap(tp: Any) -> Any:
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            rest = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(rest) != 1:
                return tp
            tp = rest[0]
        else:
            return tp
