"""The catalog cache: used only for the very same role files, and never trusted blindly."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from laddercli import catalog_cache
from laddercli.catalog import load_catalog

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
    from laddercli import yamlsafe

    parsed: list[str] = []
    real = yamlsafe.load_file

    def load_file(path: Path, display: str | None = None, kind: str = "role file") -> Any:
        parsed.append(path.name)
        return real(path, display, kind)

    monkeypatch.setattr(yamlsafe, "load_file", load_file)
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
        from laddercli.model import Role
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
