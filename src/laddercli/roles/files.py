"""Where role files are: the built-in folder, the user's folders (``LADDER_ROLES``, then
``--roles``), the role files of each, and what a role read from them is (``LoadedRole``) or
what the catalog knows of it without building it (``RoleSummary``).

Both the catalog and its cache import this module, and neither imports the other. It is
light: no PyYAML, no pydantic (a role's model is named for types only).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from laddercli.errors import LadderError, UsageError
from laddercli.locations import expand, shown

if TYPE_CHECKING:
    from laddercli.roles.model import Role

ROLES_ENV = "LADDER_ROLES"
ROLE_SUFFIXES = (".yaml", ".yml")


class LoadedRole(NamedTuple):
    role: Role
    path: Path  # absolute
    builtin: bool

    @property
    def file(self) -> str:
        """The file as shown to users: relative to the current folder where it can be."""
        return shown(self.path)


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
        return shown(self.path)

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


Layer = tuple[list[Path], bool]  # the files of one layer, and whether it is the built-in one


def role_layers(user_dirs: Sequence[Path]) -> list[Layer]:
    return [(role_files(builtin_roles_dir()), True)] + [(role_files(d), False) for d in user_dirs]
