"""The core of ``ladder report DIR`` (``assessment/collect.py``): which files of a folder
are answers, sent.json read as untrusted input, one form counted once, and the forms
returned per group as a report shows its groups."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from laddercli.assessment.answers import Answers
from laddercli.assessment.collect import (
    Collected,
    SentForm,
    answers_files,
    collect,
    is_answers_name,
    once_per_form,
    read_sent,
    returned,
)
from laddercli.assessment.panel import combine
from laddercli.assessment.questions import Questionnaire
from laddercli.errors import FileProblems, UsageError
from laddercli.roles.catalog import Catalog, load_catalog
from tests.helpers.collecting import (
    board_roles,
    form_answers,
    form_id,
    sent_form,
    write_answers,
    write_sent,
)


@pytest.mark.parametrize(
    ("name", "read"),
    [
        ("ana.json", True),
        ("Ana Ruiz.YAML", True),
        ("peer-1.yml", True),
        ("sent.json", False),
        ("Sent.JSON", False),
        (".ana.json", False),
        (".#ana.json", False),
        ("ana.json~", False),
        ("#ana.json#", False),
        ("ana.json.swp", False),
        ("form-dana-lee-board-ana-ruiz.html", False),
        ("notes.txt", False),
    ],
)
def test_which_files_of_a_folder_are_answers(name: str, read: bool) -> None:
    assert is_answers_name(name) is read


def test_the_answers_files_are_sorted_by_name_without_subfolders(tmp_path: Path) -> None:
    for name in ("b.json", "a.yaml", "c.yml", "sent.json", "x.html"):
        (tmp_path / name).write_text("{}")
    (tmp_path / "d.json").mkdir()
    assert [p.name for p in answers_files(tmp_path, "f")] == ["a.yaml", "b.json", "c.yml"]
    with pytest.raises(UsageError, match="cannot read the folder nowhere"):
        answers_files(tmp_path / "nowhere", "nowhere")


def answers(form: str | None, date: str | None) -> Answers:
    return Answers("vp", "cto", rater=f"peer-{form}", date=date, form=form)


def test_one_form_counts_once_the_later_date_else_the_later_name() -> None:
    loaded = [
        ("a.json", None, answers("one1", "2026-12-03")),  # a day: from its start, UTC
        ("b.json", None, answers("one1", "2026-12-02T23:00:00-02:00")),  # 12-03 01:00 UTC
        ("c.json", None, answers("two2", "2026-12-02")),
        ("d.json", None, answers("two2", "2026-12-02T00:00:00+00:00")),  # the same moment
        ("e.json", None, answers(None, None)),  # no form: never a copy
        ("f.json", None, answers(None, None)),
        ("g.json", None, answers("three", "2026-12-09")),
        ("h.json", None, answers("three", None)),  # undated: the name decides
    ]
    kept, aside, twice = once_per_form(loaded)  # type: ignore[arg-type]
    assert [o for o, _, _ in kept] == ["b.json", "d.json", "e.json", "f.json", "h.json"]
    assert (aside, twice) == (["a.json", "c.json", "g.json"], 3)


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    return load_catalog([board_roles(tmp_path / "roles")])


def test_sent_json_is_read_with_its_forms(tmp_path: Path, catalog: Catalog) -> None:
    forms = [sent_form(form_id(1), "board", "Ana Ruiz"), sent_form(form_id(2), "peer")]
    sent = read_sent(write_sent(tmp_path, forms), "dana/sent.json", catalog)
    assert (sent.person, sent.source, sent.target, sent.path) == (
        "Dana Lee",
        "vp",
        "cto",
        "VP → CTO",
    )
    assert sent.forms[0] == SentForm(
        form_id(1), "board", "Ana Ruiz", "form-dana-lee-board-ana-ruiz.html", "2026-12-02", ""
    )
    assert sent.forms[1].rater is None and sent.find(form_id(2)) == sent.forms[1]
    assert sent.find(None) is None and sent.find(form_id(3)) is None


def test_every_problem_of_sent_json_is_listed_with_its_line(
    tmp_path: Path, catalog: Catalog
) -> None:
    path = tmp_path / "sent.json"
    path.write_text(
        '{"ladder": "forms sent", "person": "Dana\\u202eLee", "from": "vp", "to": "cto",\n'
        ' "forms": [{"form": "ab", "group": "board"},\n'
        '           {"form": "abcd", "group": "board", "rater": "", "made": 3}]}\n',
        encoding="utf-8",
    )
    with pytest.raises(FileProblems) as caught:
        read_sent(path, "sent.json", catalog)
    assert [str(p) for p in caught.value.problems] == [
        "sent.json:1:36: person: the name holds a bidi control (\\u202e), which reorders the "
        "text around it: write it as plain text on one line",
        "sent.json:2:21: forms[0].form: expected the form id ladder form wrote",
        "sent.json:3:56: forms[1].rater: expected a name",
        "sent.json:3:68: forms[1].made: expected text",
    ]


def test_a_folder_is_collected_and_its_returns_counted(tmp_path: Path, catalog: Catalog) -> None:
    from laddercli.assessment.answers import load_answers
    from laddercli.roles import yamlsafe

    ids = [form_id(n) for n in range(1, 5)]
    write_sent(tmp_path, [sent_form(i, "board") for i in ids])
    for n, form in enumerate([*ids[:3], ids[0]]):
        write_answers(tmp_path, f"{n}.json", form_answers(form, "board", 2))

    def read(path: Path, origin: str) -> tuple[Questionnaire, Answers]:
        return load_answers(yamlsafe.load_file(path, origin, "answers file"), catalog)

    collected = collect(tmp_path, str(tmp_path), catalog, read)
    assert isinstance(collected, Collected)
    assert [Path(o).name for o, _, _ in collected.loaded] == ["1.json", "2.json", "3.json"]
    assert (collected.twice, collected.not_listed) == (1, 0)
    assert [Path(o).name for o in collected.set_aside] == ["0.json"]
    (board,) = returned(collected, combine(collected.loaded))
    assert (board.group, board.label, board.sent, board.returned) == ("board", "Board", 4, 3)
    assert [f.form for f in board.outstanding] == [ids[3]]


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
FIELDS = st.sampled_from(
    ["ladder", "person", "from", "to", "forms", "form", "group", "rater", "file"]
)


def test_any_value_in_any_field_of_sent_json_is_read_or_refused_cleanly(
    tmp_path: Path, catalog: Catalog
) -> None:
    forms = [sent_form(form_id(1), "board", "Ana Ruiz"), sent_form(form_id(2), "peer")]
    path = write_sent(tmp_path, forms)
    good = json.loads(path.read_text(encoding="utf-8"))

    @settings(max_examples=120, derandomize=True, deadline=None)
    @given(field=FIELDS, value=JSON, at=st.integers(0, 1))
    def check(field: str, value: object, at: int) -> None:
        data = json.loads(json.dumps(good))
        target = data if field in data else data["forms"][at]
        target[field] = value
        path.write_text(json.dumps(data), encoding="utf-8")
        try:
            read_sent(path, "sent.json", catalog)
        except FileProblems as exc:
            assert all(str(p).startswith("sent.json") for p in exc.problems)

    check()


def test_a_folder_s_listing_names_what_it_does_not_read(tmp_path: Path) -> None:
    from laddercli.assessment.collect import list_folder

    for name in ("b.json", "a\n.yaml", "SENT.json"):
        (tmp_path / name).write_text("{}")
    (tmp_path / "d.json").mkdir()
    (tmp_path / "e.yml").symlink_to(tmp_path / "gone")
    listing = list_folder(tmp_path, "f")
    assert listing.files == (
        (tmp_path / "a\n.yaml", "f/a\\n.yaml"),
        (tmp_path / "b.json", "f/b.json"),
    )
    assert listing.sent == (tmp_path / "SENT.json", "f/SENT.json")
    assert listing.notes == (
        "Note: f/d.json is not read: it is a folder, not an answers file.",
        "Note: f/e.yml is not read: it is a link to nothing, not an answers file.",
    )
