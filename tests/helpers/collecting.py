"""The files a people team collects for ``ladder report DIR``, built by hand exactly as the
contracts of issue 15 give them: the JSON answers file a browser form downloads, and the
list of forms sent (``sent.json``) that ``ladder form`` writes beside the forms."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from laddercli.assessment.drafts import slug
from laddercli.assessment.questions import build_questionnaire
from laddercli.roles.catalog import load_catalog
from tests.helpers import CTO_IDS, CTO_PITFALLS, ROOT

PERSON = "Dana Lee"


def board_roles(folder: Path) -> Path:
    """A role folder whose VP declares a rater group of its own: board, labelled Board
    (anonymous, shown from 3 responses)."""
    folder.mkdir(parents=True, exist_ok=True)
    vp = (ROOT / "roles" / "vp.yaml").read_text(encoding="utf-8")
    groups = "\n  target: 3\n  groups:\n    - {id: board, label: Board}\n"
    (folder / "vp.yaml").write_text(vp.replace("\n  target: 3\n", groups, 1), encoding="utf-8")
    return folder


@functools.cache
def digest(roles: Path | None = None, source: str = "vp", target: str = "cto") -> str:
    """The role content's digest of a path, as a form made today holds it."""
    catalog = load_catalog([roles] if roles else [])
    view = catalog.path(catalog.get(source), catalog.get(target))
    assert view is not None
    return build_questionnaire(view).digest


def form_id(n: int) -> str:
    """A form id as ``ladder form`` makes them: 12 characters of lowercase base32."""
    return f"{n:04d}abcdefgh".translate(str.maketrans("0189", "wxyz"))


def form_answers(
    form: str,
    group: str,
    rating: int | str | None,
    *,
    rater: str | None = None,
    person: str = PERSON,
    date: str = "2026-12-02T10:15:00+01:00",
    note: str | None = None,
    source: str = "vp",
    target: str = "cto",
    digest_: str | None = None,
    pitfalls: tuple[str, ...] = (),
) -> dict[str, Any]:
    """The answers a form downloads: every question rated ``rating`` (with ``note``),
    every pitfall false but ``pitfalls``; keys in the contract's order."""
    data: dict[str, Any] = {"from": source, "to": target}
    if rater is not None:
        data["rater"] = rater
    data |= {"group": group, "person": person, "date": date, "digest": digest_ or digest()}
    data["form"] = form
    data["answers"] = {q: {"rating": rating, "note": note} for q in CTO_IDS}
    data["pitfalls"] = {p: p in pitfalls for p in CTO_PITFALLS}
    return data


def write_answers(folder: Path, name: str, data: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def sent_form(
    form: str, group: str, rater: str | None = None, person: str = PERSON, digest_: str = ""
) -> dict[str, Any]:
    """One form in sent.json, its file named as ``ladder form`` names it."""
    entry: dict[str, Any] = {"form": form, "group": group}
    if rater is not None:
        entry["rater"] = rater
    name = f"form-{slug(person)}-{group}-{slug(rater) if rater else form}.html"
    return entry | {"file": name, "made": "2026-12-02", "digest": digest_}


def write_sent(
    folder: Path,
    forms: list[dict[str, Any]],
    *,
    person: str = PERSON,
    source: str = "vp",
    target: str = "cto",
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    data = {"ladder": "forms sent", "person": person, "from": source, "to": target, "forms": forms}
    path = folder / "sent.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
