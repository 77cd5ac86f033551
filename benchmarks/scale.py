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

from laddercli.history.store import AreaRecord, NewAssessment, Store, database_path


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
    text = yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
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


# --- hostile files, just within the size limit --------------------------------------------


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


# --- the cases of the Speed targets (run.py's "at scale" part) ----------------------------


def roles_in_use(folder: Path, roles: int, ladder: int = 10) -> list[str]:
    """``roles`` small role files, in ladders of ``ladder`` roles each with a path to the
    next (as an organisation with many tracks would have); their ids, in order. The files
    are made from a few texts with the ids put in (writing 10,000 one by one through PyYAML
    would take a quarter of a minute)."""
    rng = random.Random(roles)
    sizes = {"shifts": 2, "actions": 2, "behaviours": 2, "indicators": 4, "pitfalls": 1}

    def text(target: str | None) -> str:
        data = role("this-role", target, rng, **sizes)
        return yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False)

    variants = [(text("next-role"), text(None)) for _ in range(7)]
    folder.mkdir(parents=True, exist_ok=True)
    ids = [f"track-{n // ladder:04d}-level-{n % ladder}" for n in range(roles)]
    for n, role_id in enumerate(ids):
        last = n % ladder == ladder - 1 or n + 1 == roles
        body = variants[n % len(variants)][last]
        body = body.replace("this-role", role_id).replace("THIS-ROLE", role_id.upper())
        if not last:
            body = body.replace("next-role", ids[n + 1])
        (folder / f"{role_id}.yaml").write_text(body, encoding="utf-8")
    return ids


def many_questions(folder: Path, questions: int) -> tuple[Path, list[str]]:
    """A role ``big`` whose path into the built-in VP asks ``questions`` questions (a
    multiple of 100): per hundred, 1 key shift, 9 key actions of 10 behaviours and 9
    readiness indicators, worded briefly so that 10,000 fit in a role file (1 MiB at most).
    The file, and the question ids in the order they are asked."""
    if questions % 100:
        raise ValueError("questions: a multiple of 100")
    k = questions // 100
    rng = random.Random(questions)
    actions = [f"a{n}" for n in range(1, 9 * k + 1)]
    path = {
        "timeline": "2-5 years",
        "shifts": [
            {"id": f"s{n}", "from": _sentence(rng, 3), "to": _sentence(rng, 3)}
            for n in range(1, k + 1)
        ],
        "actions": [
            {
                "id": a,
                "title": _sentence(rng, 3),
                "behaviours": [{"id": f"{a}b{b}", "text": _sentence(rng, 4)} for b in range(10)],
            }
            for a in actions
        ],
        "indicators": [
            {"id": f"i{n}", "text": _sentence(rng, 4), "actions": [actions[n % len(actions)]]}
            for n in range(1, 9 * k + 1)
        ],
        "pitfalls": [
            {"id": f"p{n}", "text": _sentence(rng, 4), "actions": [actions[n]]} for n in range(5)
        ],
    }
    data = role("big", None, rng)
    data["paths"] = {"vp": path}
    folder.mkdir(parents=True, exist_ok=True)
    file = write_role(folder, data)
    ids = [s["id"] for s in path["shifts"]]  # type: ignore[index]
    ids += [b["id"] for a in path["actions"] for b in a["behaviours"]]  # type: ignore[index]
    ids += [i["id"] for i in path["indicators"]]  # type: ignore[index]
    return file, ids


def answers_file(path: Path, source: str, target: str, ids: list[str]) -> Path:
    """A filled-in answers file (JSON, as ladder reads it too): every question rated 0 to
    4 or n/a, a note on one in ten, every second pitfall ticked."""
    import json

    rng = random.Random(len(ids))
    answers: dict[str, object] = {}
    for question in ids:
        rating = rng.choice([0, 1, 2, 3, 3, 4, "na"])
        note = _sentence(rng, 6) if rng.random() < 0.1 else None
        answers[question] = {"rating": rating, "note": note} if note else rating
    data = {"from": source, "to": target, "rater": "self", "answers": answers}
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return path
