"""Drafts: the answers of a questionnaire not yet finished, kept so that it can resume.

While ``ladder assess`` asks its questions, the answers are rewritten after each one to a
draft, one per path, rater and person: ``drafts/vp-cto-self.yaml`` in the data folder. A draft is
an ordinary answers file, so ``--answers`` scores it as it is. When the questionnaire
ends, the draft becomes a dated answers file in ``answers/``; when it is interrupted
(Ctrl-C, end of input, SIGTERM, a closed terminal), the draft stays, and the next
``ladder assess`` on that path offers to continue it (``--resume`` does so directly).
A draft the user chooses not to continue is kept among the answers files too, its name
marked ``unfinished``: nothing typed is ever thrown away.
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path

from laddercli.locations import answers_dir, data_dir


def drafts_dir() -> Path:
    return data_dir() / "drafts"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "rater"


def draft_path(source: str, target: str, rater: str, person: str | None = None) -> Path:
    """``drafts/vp-cto-self.yaml``; with a person, ``drafts/vp-cto-manager-dana-lee.yaml``:
    a manager rating two people keeps two drafts."""
    about = f"-{slug(person)}" if person and person.strip() else ""
    return drafts_dir() / f"{source}-{target}-{slug(rater)}{about}.yaml"


def latest_draft() -> Path | None:
    """The draft written most recently, if any."""
    try:
        found = [p for p in drafts_dir().glob("*.yaml") if p.is_file()]
    except OSError:
        return None
    return max(found, key=lambda p: p.stat().st_mtime, default=None)


def answers_name(source: str, target: str, rater: str, when: datetime) -> str:
    """A file name for finished answers: ``vp-cto-self-20261122-101500.yaml``."""
    return f"{source}-{target}-{slug(rater)}-{when.strftime('%Y%m%d-%H%M%S')}.yaml"


def file_away(draft: Path, name: str) -> Path:
    """Move a draft into the answers folder under ``name`` (never over another file);
    where it now is. Raises OSError if it cannot be moved."""
    folder = answers_dir()
    folder.mkdir(parents=True, exist_ok=True)
    destination = folder / name
    n = 1
    while destination.exists():
        n += 1
        destination = folder / f"{Path(name).stem}-{n}.yaml"
    os.replace(draft, destination)
    return destination
