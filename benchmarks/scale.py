"""Data at scale for ``run.py``: a large role catalog, a long questionnaire, a long history.

Every generated role file is one a user could write (it passes ``ladder validate``); the
answers file is made by ``ladder assess --template`` itself and filled in; the history is
saved through the history database's own ``save_many``.
"""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml

from laddercli.store import AreaRecord, NewAssessment, Store, database_path


def _sentence(rng: random.Random, words: int = 8) -> str:
    vocabulary = (
        "lead build grow hire coach plan align ship measure scale teams systems budget "
        "strategy product customers board partners platform quality delivery roadmap risk "
        "culture hiring architecture reliability security data vision execution"
    ).split()
    return " ".join(rng.choice(vocabulary) for _ in range(words)).capitalize()


def role(
    role_id: str,
    target: str | None,
    rng: random.Random,
    *,
    shifts: int = 4,
    actions: int = 5,
    behaviours: int = 3,
    indicators: int = 50,
    pitfalls: int = 5,
) -> dict[str, object]:
    """One role file's data, with a path to ``target`` of the sizes given."""
    data: dict[str, object] = {
        "id": role_id,
        "title": f"Role {role_id}",
        "short_title": role_id.upper(),
        "summary": _sentence(rng, 30),
        "responsibilities": [
            {"heading": f"Area {i}", "items": [_sentence(rng) for _ in range(4)]}
            for i in range(1, 6)
        ],
        "skills": [
            {"category": f"Skills {i}", "skills": [_sentence(rng, 4) for _ in range(4)]}
            for i in range(1, 4)
        ],
        "dimensions": {
            "Primary focus": _sentence(rng, 5),
            "Scope": _sentence(rng, 4),
            "Reports to": _sentence(rng, 3),
        },
    }
    if target is None:
        return data
    action_ids = [f"action-{a}" for a in range(1, actions + 1)]
    data["paths"] = {
        target: {
            "timeline": "2-5 years",
            "shifts": [
                {"id": f"shift-{s}", "from": _sentence(rng, 4), "to": _sentence(rng, 4)}
                for s in range(1, shifts + 1)
            ],
            "actions": [
                {
                    "id": action_id,
                    "title": _sentence(rng, 4),
                    "behaviours": [
                        {"id": f"{action_id}-b{b}", "text": _sentence(rng)}
                        for b in range(1, behaviours + 1)
                    ],
                    "example": _sentence(rng, 20),
                }
                for action_id in action_ids
            ],
            "indicators": [
                {
                    "id": f"indicator-{i}",
                    "text": _sentence(rng),
                    "actions": [action_ids[i % actions]],
                }
                for i in range(1, indicators + 1)
            ],
            "pitfalls": [
                {"id": f"pitfall-{p}", "text": _sentence(rng), "actions": [action_ids[0]]}
                for p in range(1, pitfalls + 1)
            ],
        }
    }
    return data


def write_role(folder: Path, data: dict[str, object]) -> Path:
    path = folder / f"{data['id']}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def catalog(folder: Path, roles: int = 500, indicators: int = 50) -> Path:
    """``roles`` role files, each with a path of ``indicators`` indicators to the next."""
    rng = random.Random(500)
    folder.mkdir(parents=True, exist_ok=True)
    ids = [f"role-{n:03d}" for n in range(roles)]
    for n, role_id in enumerate(ids):
        target = ids[n + 1] if n + 1 < roles else None
        write_role(folder, role(role_id, target, rng, indicators=indicators))
    return folder


def long_path(folder: Path) -> Path:
    """A role whose path into the built-in VP asks 1,000 questions: 20 key shifts, 60 key
    actions of 10 behaviours, 380 readiness indicators."""
    rng = random.Random(1000)
    folder.mkdir(parents=True, exist_ok=True)
    data = role("big", "vp", rng, shifts=20, actions=60, behaviours=10, indicators=380, pitfalls=10)
    return write_role(folder, data)


def fill_template(template: str, rng: random.Random) -> str:
    """Ratings from 0 to 4 (and a few n/a) for every question, a note on some, and a pitfall
    ticked now and then."""

    def rating(match: re.Match[str]) -> str:
        value = rng.choice(["0", "1", "2", "3", "3", "4", "na"])
        return f"rating: {value}"

    def note(match: re.Match[str]) -> str:
        return f"note: {_sentence(rng, 10)}" if rng.random() < 0.2 else match.group(0)

    filled = re.sub(r"rating: null", rating, template)
    filled = re.sub(r"note: null", note, filled)
    return re.sub(r": false", lambda m: ": true" if rng.random() < 0.3 else m.group(0), filled)


AREAS = (
    ("develop-deep-product-intuition", "Develop Deep Product Intuition"),
    ("build-external-technology-presence", "Build External Technology Presence"),
    ("drive-technology-differentiation", "Drive Technology Differentiation"),
    ("expand-business-acumen", "Expand Business Acumen"),
)


BANDS = ((85, "Ready now"), (65, "Nearly ready"), (40, "Developing"), (0, "Early"))


def history(home: Path, assessments: int = 10_000) -> Path:
    """A history of ``assessments``, most of them VP to CTO by oneself, over many years."""
    rng = random.Random(10_000)
    start = datetime(2000, 1, 1, 9, 0, tzinfo=UTC)
    news = []
    for n in range(assessments):
        when = start + timedelta(hours=12 * n)
        target = "cto" if n % 4 else "ceo"
        rater = "self" if n % 3 else "manager"
        scores = [round(rng.uniform(20, 100), 1) for _ in AREAS]
        readiness = round(sum(scores) / len(scores), 1)
        band = next(name for floor, name in BANDS if readiness >= floor)
        news.append(
            NewAssessment(
                date=when.isoformat(),
                source="vp",
                target=target,
                rater=rater,
                person=None,
                digest="b5fce9c7e3d9",
                readiness=readiness,
                band=band,
                areas=tuple(
                    AreaRecord(area_id, i, title, score)
                    for i, ((area_id, title), score) in enumerate(
                        zip(AREAS, scores, strict=True), 1
                    )
                ),
                answers={"from": "vp", "to": target, "rater": rater, "answers": {}},
            )
        )
    path = database_path(home)
    with Store.open(path) as db:
        db.save_many(news)
    return path


# --- at scale: a ladder of many roles, a path of many questions, hostile files -----------------


def chain(folder: Path, roles: int = 1_000) -> Path:
    """``roles`` small role files, each with a path (one question of each kind) to the next:
    one ladder ``roles`` rungs long. The ids sort in another order than the ladder's."""
    folder.mkdir(parents=True, exist_ok=True)
    ids = [f"rung-{n:05d}" for n in range(roles)]
    random.Random(roles).shuffle(ids)
    for role_id, after in zip(ids, [*ids[1:], None], strict=True):
        text = f"id: {role_id}\ntitle: Rung {role_id}\n"
        if after is not None:
            text += (
                f"paths:\n  {after}:\n"
                "    shifts: [{id: s, from: Doing, to: Leading}]\n"
                "    actions: [{id: a, title: Lead, behaviours: [{id: b, text: Lead it}]}]\n"
                "    indicators: [{id: i, text: Led it, actions: [a]}]\n"
            )
        (folder / f"{role_id}.yaml").write_text(text, encoding="utf-8")
    return folder


def questions(folder: Path, count: int = 10_000) -> tuple[Path, Path]:
    """A role ``big`` in ``folder`` whose path into the built-in VP asks ``count`` questions
    (1 in 100 a key shift, 4 in 10 readiness indicators, the rest behaviours, ten to a key
    action), and answers to all of them: ``(role file, answers file)``. Texts are short and
    the answers file is written in the short form (``id: {rating: 3}``), so that 10,000
    questions stay within the 1 MiB limit of each file (``--template`` would write 2 MiB).
    The answers file is written next to ``folder``, not in it."""
    rng = random.Random(count)
    folder.mkdir(parents=True, exist_ok=True)
    shifts = max(1, count // 100)
    actions = max(1, (count - shifts - count * 4 // 10) // 10)
    indicators = count - shifts - actions * 10
    role_lines = ["id: big", "title: Big role", "paths:", "  vp:", "    shifts:"]
    ids = []
    for s in range(1, shifts + 1):
        role_lines.append(f"    - {{id: s{s}, from: Old way {s}, to: New way {s}}}")
        ids.append(f"s{s}")
    role_lines.append("    actions:")
    for a in range(1, actions + 1):
        role_lines += [f"    - id: a{a}", f"      title: Action {a}", "      behaviours:"]
        for b in range(1, 11):
            role_lines.append(f"      - {{id: a{a}-b{b}, text: Do thing {b} of {a}}}")
            ids.append(f"a{a}-b{b}")
    role_lines.append("    indicators:")
    for i in range(1, max(1, indicators) + 1):
        role_lines.append(f"    - {{id: i{i}, text: Shown {i}, actions: [a{i % actions + 1}]}}")
        ids.append(f"i{i}")
    role_lines.append("    pitfalls:")
    for p in range(1, 11):
        role_lines.append(f"    - {{id: p{p}, text: Pitfall {p}, actions: [a{p % actions + 1}]}}")
    role_file = folder / "big.yaml"
    role_file.write_text("\n".join(role_lines) + "\n", encoding="utf-8")

    answer_lines = ["from: big", "to: vp", "rater: self", "answers:"]
    for question_id in ids:
        rating = rng.choice(["0", "1", "2", "3", "3", "4", "na"])
        note = f", note: {_sentence(rng, 4)}" if rng.random() < 0.1 else ""
        answer_lines.append(f"  {question_id}: {{rating: {rating}{note}}}")
    answer_lines.append("pitfalls: [p1, p3]")
    answers = folder.parent / f"{folder.name}-answers.yaml"
    answers.write_text("\n".join(answer_lines) + "\n", encoding="utf-8")
    return role_file, answers


LIMIT = 1024 * 1024  # the size limit of a role or answers file


def _fill(path: Path, head: list[str], more: list[str]) -> Path:
    """``head``, then as many of ``more`` as the limit of a file leaves room for."""
    lines = list(head)
    size = sum(len(x) + 1 for x in lines)
    for text in more:
        if size + len(text) + 1 > LIMIT:
            break
        lines.append(text)
        size += len(text) + 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def hostile_role(path: Path) -> Path:
    """A role file just under 1 MiB of mistakes that each invite a "did you mean": 3,000 key
    actions, and tens of thousands of links to names one letter off theirs."""
    head = ["id: hostile", "title: Hostile", "paths:", "  cto:"]
    head += ["    shifts: [{id: s, from: a, to: b}]", "    actions:"]
    head += [
        f"    - {{id: action-{a:05d}, title: T, behaviours: [{{id: b-{a:05d}, text: x}}]}}"
        for a in range(3000)
    ]
    head += ["    indicators:", "    - id: i", "      text: t", "      actions:"]
    return _fill(path, head, [f"      - actoin-{n % 3000:05d}" for n in range(90_000)])


def hostile_answers(path: Path) -> Path:
    """An answers file for the built-in VP → CTO path just under 1 MiB of question ids one
    letter off real ones."""
    near = ("partner-with-product", "speak-at-conferences", "known-thought-leader")
    head = ["from: vp", "to: cto", "answers:"]
    return _fill(path, head, [f"  {near[n % 3][:-1]}{n}: 3" for n in range(49_000)])
