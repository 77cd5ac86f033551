"""The catalog cache: used only for the very same role files, and never trusted blindly."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from laddercli.roles import cache as catalog_cache
from laddercli.roles.catalog import load_catalog

Ladder = Callable[..., Any]

CFO = """\
id: cfo
title: Chief Financial Officer
short_title: CFO
dimensions:
  Primary focus: Money
"""


def cache_file() -> Path:
    return Path(os.environ["LADDER_HOME"]) / "cache" / catalog_cache.FILE_NAME


def spy_on_parsing(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The role files parsed from now on (none when the catalog comes from the cache)."""
    from laddercli.roles import catalog

    parsed: list[str] = []
    real = catalog._parse_role_file

    def parse_role_file(file: Path, **kwargs: Any) -> Any:
        parsed.append(file.name)
        return real(file, **kwargs)

    monkeypatch.setattr(catalog, "_parse_role_file", parse_role_file)
    return parsed


def test_the_second_load_comes_from_the_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_catalog()
    assert cache_file().is_file()
    assert cache_file().read_bytes().startswith(catalog_cache.MAGIC)
    parsed = spy_on_parsing(monkeypatch)
    second = load_catalog()
    assert parsed == []
    assert second.ids == first.ids == ["vp", "cto", "ceo"]
    assert second.roles == first.roles
    assert [second.loaded(i).builtin for i in second.ids] == [True, True, True]


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "html"])
def test_a_role_from_the_cache_is_the_role_from_its_file(ladder: Ladder, fmt: str) -> None:
    from laddercli.roles.model import Role

    fresh = load_catalog(cache=False)
    assert load_catalog().roles == fresh.roles  # and writes the cache
    cached = load_catalog()
    for role_id in ("vp", "cto", "ceo"):
        role = cached.get(role_id)
        assert type(role) is Role
        assert role == fresh.get(role_id)
        assert role.model_dump() == fresh.get(role_id).model_dump()
        assert role.model_copy(update={"title": "X"}).title == "X"
        assert role.model_fields_set >= fresh.get(role_id).model_fields_set
    cache_file().unlink()
    from_files, from_cache = (ladder("show", "vp", "-f", fmt).stdout for _ in range(2))
    assert from_cache == from_files


def test_an_edited_added_or_removed_file_is_read_again(
    monkeypatch: pytest.MonkeyPatch, role_dir: Callable[..., Path]
) -> None:
    folder = role_dir(cfo=CFO)
    assert load_catalog([folder]).get("cfo").title == "Chief Financial Officer"
    parsed = spy_on_parsing(monkeypatch)

    # the same size, so only the bytes tell the edit apart
    (folder / "cfo.yaml").write_text(CFO.replace("Financial", "Fiscalxxx"), encoding="utf-8")
    assert load_catalog([folder]).get("cfo").title == "Chief Fiscalxxx Officer"
    assert "cfo.yaml" in parsed

    parsed.clear()
    (folder / "cmo.yaml").write_text("id: cmo\ntitle: CMO\n", encoding="utf-8")
    assert {"cfo", "cmo"} <= set(load_catalog([folder]).ids)
    assert sorted(parsed) == ["ceo.yaml", "cfo.yaml", "cmo.yaml", "cto.yaml", "vp.yaml"]

    (folder / "cmo.yaml").unlink()
    assert "cmo" not in load_catalog([folder]).ids
    assert "cmo" not in load_catalog([folder]).ids  # and the cache says so too


def test_a_file_swapped_while_the_catalog_is_read_cannot_poison_the_cache(
    ladder: Ladder, role_dir: Callable[..., Path]
) -> None:
    """The cache is written under the stamp of the bytes that were checked: a file swapped
    for another after the stamp read it (and swapped back) was cached as the other file's
    roles under the first one's stamp, and shown until the file changed again (issue 12,
    finding 5)."""
    folder = role_dir(cfo=CFO)
    file = folder / "cfo.yaml"
    injected = CFO.replace("Chief Financial Officer", "Injected By Someone Else")
    real = catalog_cache._read_role_file

    def read_then_swap(path: Path) -> bytes | None:
        data = real(path)
        if path.name == "cfo.yaml":
            path.write_text(injected, encoding="utf-8")  # after the stamp read it
        return data

    with pytest.MonkeyPatch.context() as seam:
        seam.setattr(catalog_cache, "_read_role_file", read_then_swap)
        first = ladder("--roles", str(folder), "show", "cfo")
    assert "Injected" in first.stdout  # what the file held when it was checked
    file.write_text(CFO, encoding="utf-8")  # swapped back: the stamp is the first one's
    for _ in range(2):  # read from the files, then from the cache
        result = ladder("--roles", str(folder), "show", "cfo")
        assert result.exit_code == 0, result.output
        assert "Chief Financial Officer" in result.stdout
        assert "Injected" not in result.stdout
    assert cache_file().is_file()


def test_the_cache_is_written_under_the_stamp_of_the_bytes_checked(
    monkeypatch: pytest.MonkeyPatch, role_dir: Callable[..., Path]
) -> None:
    from laddercli.roles.files import role_layers

    folder = role_dir(cfo=CFO)
    load_catalog([folder])  # writes the cache
    stamp = catalog_cache.Stamp.of(role_layers([folder]))
    assert stamp is not None
    assert cache_file().read_bytes().startswith(catalog_cache.MAGIC + stamp.digest)
    parsed = spy_on_parsing(monkeypatch)
    assert load_catalog([folder]).get("cfo").title == "Chief Financial Officer"
    assert parsed == []


def test_other_role_folders_are_not_served_the_cached_catalog(
    role_dir: Callable[..., Path],
) -> None:
    assert "cfo" not in load_catalog().ids
    assert "cfo" in load_catalog([role_dir(cfo=CFO)]).ids
    assert "cfo" not in load_catalog().ids


def test_a_file_with_a_problem_is_never_cached(
    ladder: Ladder, role_dir: Callable[..., Path]
) -> None:
    folder = role_dir(cfo=CFO + "sumary: oops\n")
    for _ in range(2):  # the second time too: nothing was kept that would hide it
        result = ladder("--roles", str(folder), "show", "cfo")
        assert result.exit_code == 2
        assert "unknown field 'sumary'" in result.stderr
    assert not cache_file().exists()


def test_validate_reads_every_file_even_with_a_cache(
    ladder: Ladder, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_catalog()
    parsed = spy_on_parsing(monkeypatch)
    result = ladder("validate")
    assert result.exit_code == 0, result.output
    assert sorted(parsed) == ["ceo.yaml", "cto.yaml", "vp.yaml"]


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: data[: len(data) // 2], id="cut short"),
        pytest.param(lambda data: data.replace(b"Engineering", b"Engineerinh", 1), id="bytes"),
        pytest.param(lambda data: b"not a cache at all\n" + data, id="no stamp"),
        pytest.param(
            lambda data: data.split(b"\n", 1)[0] + b"\n" + b"\x80\x05K\x01.", id="not roles"
        ),
    ],
)
def test_a_damaged_cache_is_ignored_and_replaced(
    damage: Callable[[bytes], bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = load_catalog().roles
    cache_file().write_bytes(damage(cache_file().read_bytes()))
    assert load_catalog().roles == expected
    parsed = spy_on_parsing(monkeypatch)
    assert load_catalog().roles == expected
    assert parsed == []  # written anew the time before


def test_a_cache_others_may_write_is_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    load_catalog()
    cache_file().chmod(0o666)
    parsed = spy_on_parsing(monkeypatch)
    load_catalog()
    assert sorted(parsed) == ["ceo.yaml", "cto.yaml", "vp.yaml"]
    assert cache_file().stat().st_mode & 0o777 == 0o600  # replaced by the user's own


def test_a_cache_folder_that_cannot_be_written_costs_nothing_but_time(
    ladder: Ladder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("LADDER_HOME", str(blocker))  # LADDER_HOME/cache cannot exist
    result = ladder("show", "cto")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "CTO" in result.stdout


def test_the_cached_role_names_its_file_from_where_you_are(
    ladder: Ladder, role_dir: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = role_dir(cfo=CFO)
    monkeypatch.chdir(tmp_path)
    assert "roles/cfo.yaml" in ladder("--roles", str(folder), "roles").stdout
    monkeypatch.chdir(folder)
    assert "│ cfo " in ladder("--roles", str(folder), "roles").stdout
    assert " cfo.yaml " in ladder("--roles", str(folder), "roles").stdout


def test_a_cached_command_loads_neither_yaml_nor_pydantic_validators(tmp_path: Path) -> None:
    """The point of the cache: a whole process that shows a role parses nothing."""
    env = {**os.environ, "LADDER_HOME": str(tmp_path / "home")}
    code = textwrap.dedent("""\
        import sys
        from laddercli.cli import app
        try:
            app(["show", "vp"])
        except SystemExit:
            pass
        from laddercli.roles.model import Role
        print("yaml" in sys.modules, Role.__pydantic_complete__, file=sys.stderr)
        """)
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        for _ in range(2)
    ]
    assert [run.stderr.strip() for run in runs] == ["True True", "False False"]
    assert runs[0].stdout == runs[1].stdout


def test_the_options_scale_made_without_validation_is_valid() -> None:
    """``options_scale`` skips validation (a report from the cache then builds no
    validator, test_startup.py): its points must be what validation would make."""
    from laddercli.roles.model import ScalePoint, options_scale

    points = options_scale()
    assert [ScalePoint.model_validate(p.model_dump()) for p in points] == points
    assert [(p.value, p.label) for p in points] == [
        (0, "Not considered"),
        (1, "Considered"),
        (2, "Acted on"),
    ]
    assert all(p.model_fields_set == {"value", "label", "anchor"} for p in points)


# --- another user of a shared LADDER_HOME cannot make the cache run code or lie -------------


class _Marker:
    """Unpickled, it creates ``path``: what another user's planted pickle would do."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[Any, ...]:
        return (open, (str(self.path), "w"))


def planted_pickle(marker: Path) -> bytes:
    """A cache file as earlier versions read it (the right stamp, the right digest) whose
    unpickling creates ``marker``."""
    import hashlib
    import pickle

    from laddercli.roles.files import role_layers

    stamp = catalog_cache.Stamp.of(role_layers([]))
    assert stamp is not None
    payload = pickle.dumps(_Marker(marker))
    digest = hashlib.sha256(payload).hexdigest().encode()
    return b"laddercli-catalog-cache 1 " + stamp.digest + b" " + digest + b"\n" + payload


CACHE_NAMES = tuple(dict.fromkeys(("catalog.pickle", catalog_cache.FILE_NAME)))  # old, new


def expected_roles_output(ladder: Ladder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """What ``ladder roles`` says with a cache nobody has touched."""
    with monkeypatch.context() as m:
        m.setenv("LADDER_HOME", str(tmp_path / "clean-home"))
        result = ladder("roles")
    assert result.exit_code == 0, result.output
    assert "│ vp " in result.stdout
    return str(result.stdout)


def test_a_pickle_planted_in_a_group_writable_cache_folder_runs_nothing(
    ladder: Ladder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = expected_roles_output(ladder, tmp_path, monkeypatch)
    marker = tmp_path / "ran-their-code"
    folder = cache_file().parent
    folder.mkdir(parents=True)
    folder.chmod(0o770)  # LADDER_HOME shared with a group, as people teams keep it
    planted = planted_pickle(marker)
    for name in CACHE_NAMES:
        (folder / name).write_bytes(planted)  # the victim's own file: its bytes were chosen
        (folder / name).chmod(0o600)

    result = ladder("roles")

    assert not marker.exists()
    assert result.exit_code == 0, result.output
    assert result.stdout == expected
    assert result.stderr == ""
    # and nothing was written into a folder others may write to
    assert sorted(p.name for p in folder.iterdir()) == sorted(CACHE_NAMES)
    assert all((folder / name).read_bytes() == planted for name in CACHE_NAMES)


def test_a_cache_that_is_a_symbolic_link_is_not_followed(
    ladder: Ladder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = expected_roles_output(ladder, tmp_path, monkeypatch)
    marker = tmp_path / "ran-their-code"
    received = tmp_path / "received-answers.yaml"  # a file of the victim's, bytes chosen
    received.write_bytes(planted_pickle(marker))
    received.chmod(0o600)
    folder = cache_file().parent
    folder.mkdir(parents=True, mode=0o700)
    for name in CACHE_NAMES:
        (folder / name).symlink_to(received)

    result = ladder("roles")

    assert not marker.exists()
    assert result.exit_code == 0, result.output
    assert result.stdout == expected
    assert received.read_bytes() == planted_pickle(marker)  # not written through the link
    assert not cache_file().is_symlink()  # the link itself is replaced by a cache of ours
    assert cache_file().read_bytes().startswith(catalog_cache.MAGIC)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_as_the_cache_does_not_block(tmp_path: Path) -> None:
    home = tmp_path / "home"
    folder = home / "cache"
    folder.mkdir(parents=True, mode=0o700)
    for name in CACHE_NAMES:
        os.mkfifo(folder / name)
    env = {**os.environ, "LADDER_HOME": str(home)}
    done = subprocess.run(
        [sys.executable, "-m", "laddercli", "roles"],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,  # before the fix, it waited for a writer for ever
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "│ vp " in done.stdout
    assert done.stderr == ""


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("command", [["show", "cfo"], ["validate"]])
def test_a_role_file_swapped_for_a_named_pipe_after_listing_is_refused_at_once(
    ladder: Ladder, role_dir: Callable[..., Path], command: list[str]
) -> None:
    """A file of a role folder that is a named pipe by the time it is read, held open by
    someone who writes nothing, made ladder wait for ever (issue 12, finding 15)."""
    import threading

    from laddercli.roles import files as role_files

    folder = role_dir(cfo=CFO)
    file = folder / "cfo.yaml"
    real = role_files.role_files
    held: list[int] = []

    listings: dict[Path, list[Path]] = {}

    def list_then_swap(location: Path) -> list[Path]:
        files = listings.setdefault(location, real(location))
        if location == folder and not held:  # listed as a regular file, then swapped
            file.unlink()
            os.mkfifo(file)
            held.append(os.open(file, os.O_RDWR))  # a writer that writes nothing
        return files

    # Before the fix the reading waited: closing the pipe after 5 s lets it end, late
    def close_held() -> None:
        for fd in held:
            with contextlib.suppress(OSError):
                os.close(fd)

    closer = threading.Timer(5, close_held)
    closer.start()
    try:
        with pytest.MonkeyPatch.context() as seam:
            seam.setattr(role_files, "role_files", list_then_swap)
            started = time.monotonic()
            if command == ["validate"]:
                result = ladder("validate", str(folder))
            else:
                result = ladder("--roles", str(folder), *command)
            elapsed = time.monotonic() - started
    finally:
        closer.cancel()
        close_held()
    assert elapsed < 2
    assert result.exit_code == 2, result.output
    assert "cfo.yaml: cannot read the file: it is no longer a regular file" in result.output


def test_a_cache_folder_others_may_write_to_is_never_read_nor_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    load_catalog()  # a good cache, in a folder of the user's only
    folder = cache_file().parent
    assert folder.stat().st_mode & 0o777 == 0o700
    good = cache_file().read_bytes()
    folder.chmod(0o777)
    parsed = spy_on_parsing(monkeypatch)

    assert load_catalog().ids == ["vp", "cto", "ceo"]
    assert sorted(parsed) == ["ceo.yaml", "cto.yaml", "vp.yaml"]  # not read
    assert cache_file().read_bytes() == good

    cache_file().unlink()
    load_catalog()
    assert list(folder.iterdir()) == []  # not written


def test_a_cache_folder_that_is_a_symbolic_link_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    folder = cache_file().parent
    folder.parent.mkdir(parents=True)
    folder.symlink_to(elsewhere)
    load_catalog()
    parsed = spy_on_parsing(monkeypatch)
    load_catalog()
    assert sorted(parsed) == ["ceo.yaml", "cto.yaml", "vp.yaml"]
    assert list(elsewhere.iterdir()) == []


def test_a_cache_with_another_name_is_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """A hard link: the file may be one of the user's that another user linked there."""
    load_catalog()
    os.link(cache_file(), cache_file().with_name("another-name"))
    parsed = spy_on_parsing(monkeypatch)
    load_catalog()
    assert sorted(parsed) == ["ceo.yaml", "cto.yaml", "vp.yaml"]


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_a_cache_of_another_users_is_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    load_catalog()
    os.chown(cache_file(), 65534, -1)
    parsed = spy_on_parsing(monkeypatch)
    load_catalog()
    assert sorted(parsed) == ["ceo.yaml", "cto.yaml", "vp.yaml"]
    assert cache_file().stat().st_uid == os.getuid()  # replaced by the user's own


def test_a_new_cache_folder_is_the_users_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    old = os.umask(0o002)  # a umask that makes folders group-writable
    try:
        load_catalog()
    finally:
        os.umask(old)
    assert cache_file().parent.stat().st_mode & 0o777 == 0o700
    assert cache_file().stat().st_mode & 0o777 == 0o600
    parsed = spy_on_parsing(monkeypatch)
    load_catalog()
    assert parsed == []


def test_an_old_pickle_cache_is_removed_when_the_cache_is_written() -> None:
    folder = cache_file().parent
    folder.mkdir(parents=True, mode=0o700)
    (folder / "catalog.pickle").write_bytes(b"from an earlier version")
    load_catalog()
    assert sorted(p.name for p in folder.iterdir()) == [catalog_cache.FILE_NAME]


# --- the cache is plain data, of the shape the cache writes, or a miss -----------------------


Change = Callable[[list[Any]], None]


def rewrite_cache(index_change: Change | None = None, blob_change: Change | None = None) -> None:
    """Rewrite the cache with a change made to its roles' data (then every length and
    digest made right), or to its index (then its length and digest made right): only the
    shape of what it holds is wrong."""
    import hashlib

    data = cache_file().read_bytes()
    header, rest = data.split(b"\n", 1)
    length = int(header.split(b" ")[-1])
    index = catalog_cache._loads(rest[:length])
    blobs = [rest[length + e[8] : length + e[8] + e[9]] for e in index]
    if blob_change:
        blob_change(blobs)
    offset = 0
    for entry, blob in zip(index, blobs, strict=True):
        entry[8:11] = [offset, len(blob), hashlib.sha256(blob).hexdigest()[:32]]
        offset += len(blob)
    if index_change:
        index_change(index)
    head = catalog_cache._dumps(index)
    stamp = header.split(b" ")[2]
    digest = hashlib.sha256(head).hexdigest().encode()
    new_header = catalog_cache.MAGIC + stamp + b" " + digest + b" " + str(len(head)).encode()
    cache_file().write_bytes(new_header + b"\n" + head + b"".join(blobs))


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda index: index[0].__setitem__(1, 42), id="title not text"),
        pytest.param(lambda index: index[0].pop(3), id="field missing"),
        pytest.param(lambda index: index[0].__setitem__(6, "relative.yaml"), id="relative path"),
        pytest.param(lambda index: index[0].__setitem__(8, -1), id="negative offset"),
        pytest.param(lambda index: index.append(index[0]), id="a role twice"),
        pytest.param(lambda index: index.__setitem__(0, {"id": "vp"}), id="a mapping"),
        pytest.param(lambda index: index.clear(), id="nothing"),
    ],
)
def test_an_index_of_another_shape_is_a_miss(
    change: Change, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = load_catalog().roles
    rewrite_cache(index_change=change)
    parsed = spy_on_parsing(monkeypatch)
    assert load_catalog().roles == expected
    assert sorted(parsed) == ["ceo.yaml", "cto.yaml", "vp.yaml"]


# Bytes that made marshal, which the cache once used, work for seconds: lists nested
# 2,000 deep, each claiming 0x5b5b5b5b items (3.3 s of CPU per 5 bytes), and one list
# claiming 2**31 - 1 items (4.3 s); and nesting too deep for any reader that recurses.
CLAIMS = {
    "nested lists": b"[" * 10_000,
    "a list of 2**31 items": b"[" + (2**31 - 1).to_bytes(4, "little") + b"N" * 64,
    "nested mappings": b'{"a":' * 100_000,
}


@pytest.mark.parametrize("where", ["index", "role data"])
@pytest.mark.parametrize("payload", CLAIMS.values(), ids=CLAIMS.keys())
def test_a_cache_of_crafted_bytes_is_a_quick_miss(
    ladder: Ladder, monkeypatch: pytest.MonkeyPatch, payload: bytes, where: str
) -> None:
    """Whatever the bytes, with the right stamp and digests, reading the cache takes time
    in proportion to its length: a miss in well under a second (issue 12, finding 12)."""
    expected = ladder("show", "vp").stdout  # and writes the cache
    if where == "index":
        import hashlib

        header = cache_file().read_bytes().split(b"\n", 1)[0]
        stamp = header.split(b" ")[2]
        digest = hashlib.sha256(payload).hexdigest().encode()
        size = str(len(payload)).encode()
        cache_file().write_bytes(
            catalog_cache.MAGIC + stamp + b" " + digest + b" " + size + b"\n" + payload
        )
    else:
        rewrite_cache(blob_change=lambda blobs: blobs.__setitem__(0, payload))
    parsed = spy_on_parsing(monkeypatch)
    started = time.process_time()
    result = ladder("show", "vp")
    assert time.process_time() - started < 0.5
    assert result.exit_code == 0, result.output
    assert result.stdout == expected
    assert parsed == (["ceo.yaml", "cto.yaml", "vp.yaml"] if where == "index" else ["vp.yaml"])


def role_data(change: Callable[[dict[str, Any]], None]) -> Change:
    def rewrite(blobs: list[Any]) -> None:
        vp = catalog_cache._loads(blobs[0])
        change(vp)
        blobs[0] = catalog_cache._dumps(vp)

    return rewrite


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda vp: vp.update(title=["a", "list"]), id="title not text"),
        pytest.param(lambda vp: vp.pop("summary"), id="field missing"),
        pytest.param(lambda vp: vp.update(sumary="extra"), id="unknown field"),
        pytest.param(lambda vp: vp["paths"]["cto"].update(shifts={"a": 1}), id="not a list"),
        pytest.param(lambda vp: vp["assessment"].update(target="3"), id="number as text"),
        pytest.param(lambda vp: vp.update(id="cto"), id="another role"),
        pytest.param(
            lambda vp: vp["paths"]["ceo"]["actions"][3].update(kind="hobbies"), id="kind not known"
        ),
    ],
)
def test_role_data_of_another_shape_is_read_from_its_file(
    change: Callable[[dict[str, Any]], None], ladder: Ladder, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = ladder("show", "vp").stdout  # and writes the cache
    rewrite_cache(blob_change=role_data(change))
    parsed = spy_on_parsing(monkeypatch)
    result = ladder("show", "vp")
    assert result.exit_code == 0, result.output
    assert result.stdout == expected
    assert parsed == ["vp.yaml"]  # that role only, from its file
    assert not cache_file().exists()  # and the damaged cache is gone, to be written anew


def test_damaged_role_data_is_read_from_its_file(
    ladder: Ladder, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = ladder("show", "cto").stdout
    data = cache_file().read_bytes()
    header, rest = data.split(b"\n", 1)
    length = int(header.split(b" ")[-1])
    entry = next(e for e in catalog_cache._loads(rest[:length]) if e[0] == "cto")
    at = len(header) + 1 + length + entry[8] + entry[9] // 2  # in the middle of its data
    cache_file().write_bytes(data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :])
    parsed = spy_on_parsing(monkeypatch)
    assert ladder("show", "cto").stdout == expected
    assert parsed == ["cto.yaml"]  # from its file
    assert ladder("show", "cto").stdout == expected
    assert sorted(parsed) == ["ceo.yaml", "cto.yaml", "cto.yaml", "vp.yaml"]  # cached anew
    assert ladder("show", "cto").stdout == expected
    assert len(parsed) == 4


# --- the stamp reads no more of a role file than a role file may hold -----------------------


# Runs a command and says its exit code, CPU time and peak memory. A command started from
# this (large) test process would count this process's memory as its own peak: the kernel
# keeps the peak of the memory a process had before it started the command.
MEASURE = """
import json, os, sys
out, err, *argv = sys.argv[1:]
pid = os.fork()
if pid == 0:
    for fd, name in ((1, out), (2, err)):
        os.dup2(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), fd)
    os.execv(argv[0], argv)
_, status, usage = os.wait4(pid, 0)
cpu = usage.ru_utime + usage.ru_stime
print(json.dumps([os.waitstatus_to_exitcode(status), cpu, usage.ru_maxrss]))
"""


class Measured(NamedTuple):
    code: int
    stdout: str
    stderr: str
    cpu: float  # seconds, user and system
    peak: int  # KiB of memory at most


def run_measured(args: list[str], tmp_path: Path, env: dict[str, str]) -> Measured:
    """Run ``ladder ARGS`` in a new process, measured."""
    import json

    out, err = tmp_path / "stdout", tmp_path / "stderr"
    command = [sys.executable, "-m", "laddercli", *args]
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(out), str(err), *command],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    code, cpu, peak = json.loads(done.stdout)
    return Measured(code, out.read_text(), err.read_text(), cpu, peak)


def test_a_huge_role_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    folder = tmp_path / "roles"
    folder.mkdir()
    with (folder / "huge.yaml").open("wb") as fh:
        fh.truncate(1536 * 1024 * 1024)  # 1.5 GB, sparse: it takes no room on disk
    env = {**os.environ, "LADDER_HOME": str(tmp_path / "home")}

    run = run_measured(["--roles", str(folder), "roles"], tmp_path, env)

    assert run.code == 2, run.stderr
    assert run.stdout == ""
    message = "the file is larger than the 1024 KiB limit for a role file"
    assert run.stderr == f"{folder / 'huge.yaml'}: {message}\n"
    assert run.cpu < 2.0
    assert run.peak < 200 * 1024  # KiB: it was 1.5 GB, the whole file in memory


def test_the_stamp_reads_as_much_as_a_role_file_may_hold() -> None:
    from laddercli.roles import yamlsafe

    assert catalog_cache.MAX_FILE_BYTES == yamlsafe.MAX_FILE_BYTES


def test_a_role_file_of_the_largest_size_allowed_is_cached(
    role_dir: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    padding = "# " + "x" * 1000 + "\n"
    text = CFO + padding * ((catalog_cache.MAX_FILE_BYTES - len(CFO)) // len(padding))
    text += "#" * (catalog_cache.MAX_FILE_BYTES - len(text))
    assert len(text) == catalog_cache.MAX_FILE_BYTES
    folder = role_dir(cfo=text)
    load_catalog([folder])
    parsed = spy_on_parsing(monkeypatch)
    assert "cfo" in load_catalog([folder]).ids
    assert parsed == []


@pytest.mark.parametrize("size", [0, 1, 100_000, catalog_cache.MAX_FILE_BYTES, 1_100_000])
def test_a_role_file_that_grew_after_its_size_was_taken_is_read_to_its_end(
    size: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "role.yaml"
    file.write_bytes(b"x" * size)
    real = os.fstat

    def smaller(fd: int) -> os.stat_result:
        st = list(real(fd))
        st[6] = 0  # st_size: as it was a moment before
        return os.stat_result(st)

    monkeypatch.setattr(os, "fstat", smaller)
    expected = file.read_bytes() if size <= catalog_cache.MAX_FILE_BYTES else None
    assert catalog_cache._read_role_file(file) == expected


# --- thousands of roles: a command reads the index, and builds only the roles it shows -------


LADDER_PATH = {
    "shifts": [{"id": "own-more", "from": "Doing the work", "to": "Leading the work"}],
    "actions": [
        {"id": "lead", "title": "Lead a team", "behaviours": [{"id": "hire", "text": "Hire"}]}
    ],
    "indicators": [{"id": "ready", "text": "Has led a team", "actions": ["lead"]}],
}


def ladder_role(n: int, count: int) -> dict[str, Any]:
    """Role ``level-N`` of ``count`` roles in ladders of ten: a path to the next one up its
    ladder, and a note on level 2."""
    role: dict[str, Any] = {
        "id": f"level-{n}",
        "title": f"Level {n} engineer",
        "dimensions": {"Scope": f"Level {n}"},
    }
    if n + 1 < count and (n + 1) % 10:
        role["paths"] = {f"level-{n + 1}": LADDER_PATH}
    if n == 2:
        role["notes"] = [{"text": "Level 2 is often skipped.", "roles": ["level-3"]}]
    return role


def write_ladder(folder: Path, count: int) -> Path:
    """The role files of a ladder of ``count`` roles (JSON, which is YAML), and a cache of
    them as loading them would make it (reading 10,000 files for a test would take long;
    so would validating each role: they are made from one, each checked against a few
    validated in full)."""
    import json

    from laddercli.roles.files import LoadedRole, role_layers
    from laddercli.roles.model import Role

    folder.mkdir()
    template = Role.model_validate(ladder_role(0, 2))
    loaded = []
    for n in range(count):
        data = ladder_role(n, count)
        file = folder / f"{data['id']}.yaml"
        file.write_text(json.dumps(data), encoding="utf-8")
        if n in (2, 9):  # with a note; without a path
            role = Role.model_validate(data)
        else:
            same = ("id", "title", "dimensions")
            update = {key: data[key] for key in same} | {"paths": {}}
            role = template.model_copy(update=update)
            role.paths.update(dict.fromkeys(data.get("paths", {}), template.paths["level-1"]))
        loaded.append(LoadedRole(role, file, False))
    for n in (0, 1, 19, count // 2):
        assert loaded[n].role == Role.model_validate(ladder_role(n, count))
    builtins = load_catalog(cache=False)
    stamp = catalog_cache.Stamp.of(role_layers([folder]))
    assert stamp is not None
    catalog_cache.write(stamp, [*(builtins.loaded(i) for i in builtins.ids), *loaded])
    return folder


def test_a_command_builds_only_the_roles_it_shows(
    ladder: Ladder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_ladder(tmp_path / "roles", 30)
    built: list[str] = []
    real = catalog_cache._RoleReader.__call__

    def spy(self: Any, role_id: str) -> Any:
        built.append(role_id)
        return real(self, role_id)

    monkeypatch.setattr(catalog_cache._RoleReader, "__call__", spy)
    parsed = spy_on_parsing(monkeypatch)

    result = ladder("--roles", str(folder), "roles")
    assert result.exit_code == 0, result.output
    assert "│ level-29 " in result.stdout
    assert built == []  # the index says all a list needs

    result = ladder("--roles", str(folder), "show", "level-3")
    assert result.exit_code == 0, result.output
    assert "Path to Level 4 engineer" in result.stdout
    assert "From Level 2 engineer: you're ready for Level 3 engineer" in result.stdout
    assert "Level 2 is often skipped." in result.stdout  # a note of another role, about it
    assert sorted(built) == ["level-2", "level-3", "level-4"]  # itself, from and to

    built.clear()
    result = ladder("--roles", str(folder), "compare", "level-2", "level-3")
    assert result.exit_code == 0, result.output
    assert "Level 2 is often skipped." in result.stdout
    assert sorted(built) == ["level-2", "level-3"]
    assert parsed == []


def test_roles_and_show_with_ten_thousand_roles_take_under_two_seconds(tmp_path: Path) -> None:
    folder = write_ladder(tmp_path / "roles", 10_000)
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}
    for args, shown in (
        (["roles"], "│ level-9999 "),
        (["show", "level-5000"], "Path to Level 5001 engineer"),
    ):
        run = run_measured(["--roles", str(folder), *args], tmp_path, env)
        assert run.code == 0, run.stderr
        assert shown in run.stdout
        assert run.cpu < 2.0, f"ladder {' '.join(args)}: {run.cpu:.2f} s"  # it was 11 s
        assert run.peak < 200 * 1024, args  # KiB: it was 1.2 GB


def test_paths_shown_in_a_list_are_shown_as_one_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from laddercli.locations import shown, shown_all

    here = tmp_path / "here"
    (here / "roles").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    for name in ("a.yaml", "b.yaml"):
        (here / "roles" / name).write_text("x")
        (tmp_path / "elsewhere" / name).write_text("x")
    (here / "linked-file.yaml").symlink_to(tmp_path / "elsewhere" / "a.yaml")
    (here / "linked-folder").symlink_to(here / "roles")
    (here / "loop.yaml").symlink_to(here / "loop.yaml")
    monkeypatch.chdir(here)
    paths = [
        here / "roles" / "a.yaml",
        here / "roles" / "b.yaml",
        Path("roles/a.yaml"),
        here / "linked-file.yaml",
        here / "linked-folder" / "b.yaml",
        tmp_path / "elsewhere" / "b.yaml",
        here / "roles" / ".." / "roles" / "a.yaml",
        here / "missing" / "c.yaml",
    ]
    assert shown_all(paths) == [shown(p) for p in paths]
    assert shown_all([here / "loop.yaml"]) == [str(here / "loop.yaml")]
    assert shown_all(paths)[:5] == [
        "roles/a.yaml",
        "roles/b.yaml",
        "roles/a.yaml",
        str(here / "linked-file.yaml"),  # outside: as given
        "roles/b.yaml",
    ]


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="no /proc here")
def test_a_catalog_from_the_cache_closes_its_file_when_it_is_done_with(
    role_dir: Callable[..., Path],
) -> None:
    import gc

    load_catalog()
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(50):
        catalog = load_catalog()
        catalog.get("vp")
    del catalog
    gc.collect()
    assert len(os.listdir("/proc/self/fd")) == before


def test_the_stamp_covers_every_module_of_roles() -> None:
    """The cache is stamped with the code that decides what a checked catalog is: every
    module of roles/ (a module split or added there is fingerprinted too)."""
    from laddercli.roles import cache

    here = Path(cache.__file__).parent
    modules = sorted(p.name for p in here.glob("*.py") if p.name != "__init__.py")
    assert sorted(cache._CHECKING_CODE) == modules
