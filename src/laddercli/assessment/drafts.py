"""Drafts: the answers of a questionnaire not yet finished, kept so that it can resume.

While ``ladder assess`` asks its questions, the answers are rewritten after each one to a
draft, one per path, rater and person: ``drafts/vp-cto-self.yaml`` in the data folder, or,
for a rater other than self or a person named, ``drafts/vp-cto-manager-dana-lee-7dba41f6.yaml``
(a short hash of the names tells apart names with the same letters, such as ``Dana Lee``
and ``Dana-Lee``, and names cut to keep the file name short). A draft is an ordinary
answers file, so ``--answers`` scores it as it is, and its own ``from``, ``to``, ``rater``
and ``person`` say whose it is: a file found under a draft's name that says otherwise is
never continued. When the questionnaire ends, the draft becomes a dated answers file in
``answers/``; when it is interrupted (Ctrl-C, end of input, SIGTERM, a closed terminal), the
draft stays, and the next ``ladder assess`` on that path offers to continue it
(``--resume`` does so directly). A draft the user chooses not to continue is kept among the
answers files too, its name marked ``unfinished``: nothing typed is ever thrown away.
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path

from laddercli.assessment.raters import DEFAULT_RATER, name_key
from laddercli.locations import answers_dir, data_dir, private_folder

# File names stay well under the 255 bytes most file systems allow, with room for what is
# added to a draft's name: "-unfinished-20261122-101500" or "-20261122-101500", "-2" for a
# name already taken, ".yaml", and the ".NAME.xxxxxxxx.tmp" of an atomic write.
SLUG_BYTES = 48  # a rater's or a person's part of the name, at most
READABLE_BYTES = 140  # the whole readable part, role ids included, before the hash
HASH_CHARS = 8
STEM_BYTES = READABLE_BYTES + 1 + HASH_CHARS
TAKEN = 10  # names tried when a draft's name is taken by another's: NAME, NAME-2 ... NAME-10


def drafts_dir() -> Path:
    return data_dir() / "drafts"


def slug(text: str, limit: int = SLUG_BYTES) -> str:
    """A name as part of a file name: its letters, marks and digits, in any script and in
    lower case, with single hyphens for the rest, cut to ``limit`` bytes of UTF-8 (``Dana
    Lee`` is ``dana-lee``, ``王芳`` is ``王芳``). Empty for a name without letters or digits."""
    import unicodedata

    kept = "".join(c if unicodedata.category(c)[0] in "LMN" else "-" for c in name_key(text))
    return _cut(re.sub(r"-+", "-", kept).strip("-"), limit)


def _cut(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` bytes of UTF-8, between characters."""
    cut = text.encode("utf-8")[:limit].decode("utf-8", "ignore")
    return cut.rstrip("-") if len(cut) < len(text) else cut


def _owner(source: str, target: str, rater: str, person: str | None) -> str:
    """Whose answers: the path, the rater and the person, as compared (any case or form)."""
    import json

    names = [source.casefold(), target.casefold(), name_key(rater), name_key(person or "")]
    return json.dumps(names)


def _stem(source: str, target: str, rater: str, person: str | None) -> str:
    """``vp-cto-self`` for one's own answers; else the rater's and the person's names and a
    short hash of them: ``vp-cto-manager-dana-lee-7dba41f6``."""
    import hashlib

    person = person if person and person.strip() else None
    if person is None and name_key(rater) == DEFAULT_RATER:
        return f"{source}-{target}-{DEFAULT_RATER}"
    names = [slug(rater) or "rater"] + ([slug(person) or "person"] if person else [])
    readable = _cut("-".join([source, target, *names]), READABLE_BYTES)
    digest = hashlib.sha256(_owner(source, target, rater, person).encode("utf-8")).hexdigest()
    return f"{readable}-{digest[:HASH_CHARS]}"


def draft_path(source: str, target: str, rater: str, person: str | None = None) -> Path:
    """The name a draft of these answers is given: ``drafts/vp-cto-self.yaml``; with a
    person, ``drafts/vp-cto-manager-dana-lee-7dba41f6.yaml``: a manager rating two people
    keeps two drafts. (See ``find_draft`` and ``new_draft_path`` for the draft itself.)"""
    return drafts_dir() / f"{_stem(source, target, rater, person)}.yaml"


def _old_path(source: str, target: str, rater: str, person: str | None) -> Path:
    """The name earlier versions gave a draft: only ASCII letters and digits, so that every
    Chinese or Cyrillic name was ``rater``. Such drafts are still found, by their fields."""

    def old_slug(text: str) -> str:
        return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "rater"

    about = f"-{old_slug(person)}" if person and person.strip() else ""
    return drafts_dir() / f"{source}-{target}-{old_slug(rater)}{about}.yaml"


def _numbered(path: Path) -> list[Path]:
    """``path``, then ``path`` with -2, -3 ... for when it is taken."""
    return [path] + [path.with_name(f"{path.stem}-{n}.yaml") for n in range(2, TAKEN + 1)]


def whose(path: Path) -> str | None:
    """Whose answers a draft holds (as ``_owner`` gives it), or None if it cannot be read."""
    from laddercli.assessment.answers import KIND
    from laddercli.errors import LadderError
    from laddercli.roles import yamlsafe

    try:
        data = yamlsafe.load_file(path, str(path), KIND).data
    except (LadderError, OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    source, target = data.get("from"), data.get("to")
    rater, person = data.get("rater") or DEFAULT_RATER, data.get("person")
    if not (isinstance(source, str) and isinstance(target, str) and isinstance(rater, str)):
        return None
    if person is not None and not isinstance(person, str):
        return None
    return _owner(source, target, rater, person)


def belongs(path: Path, source: str, target: str, rater: str, person: str | None) -> bool:
    """Whether the draft at ``path`` holds these answers, as its own fields say."""
    return whose(path) == _owner(source, target, rater, person)


def find_draft(source: str, target: str, rater: str, person: str | None = None) -> Path | None:
    """The draft of these answers, if there is one: under its name (or the name earlier
    versions gave it), and saying in its own fields that it is theirs. A file at the draft's
    name that cannot be read is taken for it, so that the user hears about it."""
    wanted = _owner(source, target, rater, person)
    named = draft_path(source, target, rater, person)
    for path in _numbered(named):
        if not path.is_file():
            continue
        owner = whose(path)
        if owner == wanted or (owner is None and path == named):
            return path
    old = _old_path(source, target, rater, person)
    if old != named and old.is_file() and whose(old) == wanted:
        return old
    return None


def new_draft_path(source: str, target: str, rater: str, person: str | None = None) -> Path:
    """Where a new draft of these answers goes: its name, or, if another file has that name
    (another's answers, or a draft that could not be moved away), the first free one of
    NAME-2, NAME-3 ..."""
    named = draft_path(source, target, rater, person)
    for path in _numbered(named):
        if not os.path.lexists(path):
            return path
    return named.with_name(f"{named.stem}-{datetime.now().strftime('%Y%m%d-%H%M%S')}.yaml")


def latest_draft() -> Path | None:
    """The draft written most recently, if any."""
    try:
        found = [p for p in drafts_dir().glob("*.yaml") if p.is_file()]
    except OSError:
        return None
    return max(found, key=lambda p: p.stat().st_mtime, default=None)


def answers_name(source: str, target: str, rater: str, person: str | None, when: datetime) -> str:
    """A file name for finished answers, named as their draft is:
    ``vp-cto-self-20261122-101500.yaml``, ``vp-cto-ceo-dana-lee-b8872bef-20261122-101500.yaml``."""
    return f"{_stem(source, target, rater, person)}-{when.strftime('%Y%m%d-%H%M%S')}.yaml"


def unfinished_name(draft: Path, when: datetime) -> str:
    """A file name for a draft the user did not continue:
    ``vp-cto-self-unfinished-20261122-101500.yaml``. (A draft of an earlier version may have
    a longer name: it is cut.)"""
    return f"{_cut(draft.stem, STEM_BYTES)}-unfinished-{when.strftime('%Y%m%d-%H%M%S')}.yaml"


def file_away(draft: Path, name: str) -> Path:
    """Move a draft into the answers folder under ``name`` (never over another file: NAME-2,
    NAME-3 ... if it is taken); where it now is. Raises OSError if it cannot be moved, and
    the draft stays where it was."""
    folder = private_folder(answers_dir())
    stem = Path(name).stem
    destination, n = folder / name, 1
    while True:
        try:
            os.link(draft, destination)  # fails, rather than replace, if the name is taken
        except FileExistsError:
            pass
        except OSError:  # a folder without hard links: look, then rename
            if not os.path.lexists(destination):
                os.replace(draft, destination)
                return destination
        else:
            try:
                os.unlink(draft)
            except OSError:
                os.unlink(destination)  # not filed twice: the draft stays a draft
                raise
            return destination
        n += 1
        destination = folder / f"{stem}-{n}.yaml"
