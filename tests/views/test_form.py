"""The browser form's content (views/form.py) and its page (render/form.py), without a
browser: the wording for each rater, the answers file's fields, escaping, size."""

from __future__ import annotations

import json
import re

from laddercli.assessment.answers import FORM_ID
from laddercli.assessment.groups import group_rules
from laddercli.assessment.questions import Questionnaire, build_questionnaire, named_path
from laddercli.render.form import form_html
from laddercli.roles.catalog import load_catalog
from laddercli.views.form import Who, answers_head, form_view, new_form_id


def cto() -> Questionnaire:
    return build_questionnaire(named_path(load_catalog(cache=False), None, "cto"))


def view(q: Questionnaire, who: Who, form_id: str = "3k7qmz2vx4ha", evidence: bool = False):
    return form_view(q, who, form_id, group_rules()[who.group], evidence=evidence)


def test_a_form_id_is_12_characters_of_lowercase_base32() -> None:
    ids = {new_form_id() for _ in range(50)}
    assert len(ids) == 50
    assert all(re.fullmatch(r"[a-z2-7]{12}", i) and FORM_ID.fullmatch(i) for i in ids)


def test_a_peer_is_asked_about_the_person_and_self_about_themselves() -> None:
    q = cto()
    peer = view(q, Who("Dana Lee", "peer", "Ana Ruiz"))
    own = view(q, Who("Dana Lee", "self"))
    assert peer.heading == "Is Dana Lee ready for CTO?"
    assert peer.lead[0] == "You answer as Ana Ruiz, about Dana Lee."
    assert [x.asked for x in peer.questions[3:5]] == [
        "Where is Dana Lee between the two today?",
        "How consistently does Dana Lee do this today?",
    ]
    assert peer.questions[-1].asked == "How fully has Dana Lee demonstrated this?"
    assert peer.pitfalls_prompt == "Tick each that applies to Dana Lee today."
    assert peer.lead[1] == (
        "This form is yours alone: do not pass it on. Each rater gets a form of their own, and "
        "the answers of one form count once."
    )
    assert peer.lead[2].startswith(
        "21 questions on the path from VP of Engineering to CTO, then the common pitfalls, "
    )
    assert peer.lead[4:] == (
        "The report shows your answers only together with those of the rest of the group "
        "(Peers), without your name, and only once at least 3 have answered.",
        "Your answers file names you, for whoever collects the answers; a facilitator's "
        "report, for whoever runs the review, may show them by name.",
        "Your notes are shown to Dana Lee as you write them, without your name: leave out "
        "what would tell who wrote them.",
    )
    assert own.lead[1].startswith("21 questions on the path")
    assert own.lead[3:] == ()
    assert own.heading == "Are you ready for CTO?"
    assert own.questions[4].asked == "How consistently do you do this today?"
    assert own.pitfalls_prompt == "Tick each that applies to you today."
    assert [x.counter for x in peer.questions[::20]] == ["1 of 21", "21 of 21"]
    assert peer.pitfalls_counter == "After the questions"
    assert [c.value for c in peer.questions[0].choices] == ["0", "1", "2", "3", "4", "na", "skip"]
    shift, behaviour = peer.questions[0].choices[2], peer.questions[4].choices[3]
    assert (shift.label, shift.anchor) == ("Halfway between the two", None)
    assert (behaviour.label, behaviour.anchor) == (
        "Demonstrated",
        "consistently; others could name examples",
    )


def test_the_answers_file_fields_come_in_the_contract_s_order() -> None:
    q = cto()
    named = answers_head(q, Who("Dana Lee", "board", "Ana Ruiz"), "3k7qmz2vx4ha")
    assert named == {
        "from": "vp",
        "to": "cto",
        "rater": "Ana Ruiz",
        "group": "board",
        "person": "Dana Lee",
        "date": None,
        "digest": "b5fce9c7e3d9",
        "form": "3k7qmz2vx4ha",
    }
    assert list(named) == ["from", "to", "rater", "group", "person", "date", "digest", "form"]
    unnamed = answers_head(q, Who("Dana Lee", "peer"), "3k7qmz2vx4ha")
    assert list(unnamed) == ["from", "to", "group", "person", "date", "digest", "form"]
    form = view(q, Who("Dana Lee", "peer"))
    assert form.download_name == "answers-dana-lee-peer-3k7qmz2vx4ha.json"


def test_the_page_fetches_nothing_and_is_small() -> None:
    page = form_html(view(cto(), Who("Dana Lee", "peer", "Ana Ruiz")))
    assert len(page.encode("utf-8")) < 300_000
    assert re.search(r"https?:|//[a-z]|\bsrc=|\bhref=|@import|url\(", page) is None
    assert '<meta http-equiv="Content-Security-Policy" content="default-src \'none\';' in page
    assert page.count("<fieldset") == 22
    assert page.count('type="radio"') == 21 * 7
    assert page.count("<textarea") == 21 + 1  # a note per question, and the copy box
    assert page.count('type="checkbox"') == 5


def test_names_and_role_text_cannot_break_out_of_the_page() -> None:
    who = Who("</script><script>alert(1)</script>", "peer", "<b>Ana</b>\u202e")
    page = form_html(view(cto(), who))
    assert "<script>alert" not in page
    assert page.count("</script>") == 2  # the data's and the script's own
    data = re.search(r'<script type="application/json" id="form-meta">(.*?)</script>', page)
    assert data is not None
    head = json.loads(data.group(1))["head"]
    assert (head["person"], head["rater"]) == (who.person, who.rater)  # kept as given
    assert "You answer as &lt;b&gt;Ana&lt;/b&gt;\\u202e, about &lt;/script&gt;" in page


def test_with_evidence_each_question_asks_for_an_example() -> None:
    form = view(cto(), Who("Dana Lee", "manager", "Sam Roy"), evidence=True)
    page = form_html(form)
    assert '<form id="answers" autocomplete="off" class="ev">' in page
    assert page.count("Evidence: an example that shows it (what, when, with whom)") == 21
    assert "about 16 minutes" in form.lead[2]
    assert form.lead[4:] == ("The report shows your answers by name, as the manager's.",)


def test_a_small_declared_group_is_told_it_may_be_recognised() -> None:
    from laddercli.assessment.groups import GroupRule

    board = form_view(
        cto(), Who("Dana Lee", "board", "Di Fox"), "3k7qmz2vx4ha", GroupRule("board", "Board", 2, 1)
    )
    assert board.lead[4] == (
        "The report shows your answers with those of the rest of the group (Board), without "
        "names, once 2 have answered: with so few, Dana Lee may be able to tell who said what."
    )


def test_the_form_says_truly_who_may_know_a_rater_s_answers() -> None:
    """A named peer was promised "never by name", while the file they download names them
    and a facilitator's report (--named) shows them by name; a form with no rater name
    does not name its rater, but whoever sent it may know whose it is."""
    q = cto()
    named = form_html(view(q, Who("Dana Lee", "peer", "Ana Ruiz")))
    assert "never by name" not in named
    assert (
        "Your answers file names you, for whoever collects the answers; a facilitator&#x27;s "
        "report, for whoever runs the review, may show them by name." in named
    )
    unnamed = view(q, Who("Dana Lee", "direct-report"))
    assert unnamed.lead[5] == (
        "Your answers file does not name you, but whoever sent you this form may know it is yours."
    )
    assert "This form is yours alone: do not pass it on." in form_html(unnamed)


def test_the_page_counts_the_questions_as_its_progress_line_does() -> None:
    """The page numbered "1 of 22 ... 22 of 22" (the pitfalls counted) while its progress
    said "21 of 21 answered": the questions are 1 of 21 to 21 of 21, the pitfalls come
    after them, unnumbered, and the meter counts 21."""
    page = form_html(view(cto(), Who("Dana Lee", "peer", "Ana Ruiz")))
    counters = re.findall(r"<span class=\"n\">([^<·]*?) · ", page)
    assert counters == [f"{n} of 21" for n in range(1, 22)] + ["After the questions"]
    assert '<progress id="meter" max="21"' in page
