"""Answers given under another questionnaire (issue 15): a server switched to another lens over
a workspace answered under the first said "No use case has been traced yet" and hid every
answer without a word. Now every page that would say so says what happened and what to do, and
the answers stay in the database untouched: switch, look, switch back, all there."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pptx import Presentation

from coordination.files.deck import deck_bytes
from coordination.files.pack import build_pack
from coordination.method.questionnaire import DEFAULT_PATH, load_questionnaire
from coordination.models import Assessment, Response, UseCase
from coordination.report.orgmap import OrgMap
from coordination.report.other_lens import other_lens
from tests.app_helpers import plain, texts

CAPABILITY = DEFAULT_PATH.parent / "lenses" / "capability-maturity.toml"
BUILT_IN = "Coordination Map — method v1"


def answered(*answer_sets: dict, agreed: dict | None = None) -> Assessment:
    cases = [
        UseCase(id=f"u{k}", name=f"U{k}", responses=[Response(respondent="p", answers=a)])
        for k, a in enumerate(answer_sets)
    ]
    if agreed:
        cases.append(UseCase(id="agreed", name="Agreed", agreed=agreed))
    return Assessment(organization="Acme", use_cases=cases)


@pytest.mark.parametrize(
    ("answers", "server", "count", "said"),
    [
        # the built-in questionnaire's answers, read by a server on the capability lens
        (
            [{"reach": 2, "ownership": None}, {"handoff": 1}],
            CAPABILITY,
            3,
            f"given under the questionnaire “{BUILT_IN}”; this server uses “Capability "
            "maturity lens”",
        ),
        # and the other way round: the instruction names the lens's file
        (
            [{"planned": 2}],
            DEFAULT_PATH,
            1,
            "Start the app with COORDINATION_QUESTIONNAIRE="
            "data/lenses/capability-maturity.toml to see them.",
        ),
        # ids no shipped questionnaire asks: still said, without a name
        ([{"custom_q": 1}], DEFAULT_PATH, 1, "given under another questionnaire"),
    ],
)
def test_answers_another_questionnaire_asks_are_counted_and_named(answers, server, count, said):
    found = other_lens(answered(*answers), load_questionnaire(server))
    assert found is not None and found.answers == count
    assert said in found.sentence()
    assert "They are kept as they were." in found.sentence()


def test_back_on_the_built_in_questionnaire_the_instruction_is_to_start_without_the_setting():
    found = other_lens(answered({"reach": 2}), load_questionnaire(CAPABILITY))
    assert found.sentence().endswith(
        "Start the app without COORDINATION_QUESTIONNAIRE (the built-in questionnaire) to see them."
    )


def test_answers_the_questionnaire_asks_are_not_reported(questionnaire):
    assert other_lens(answered({"reach": 2}, {}), questionnaire) is None
    # a team's agreed answers count as answers too
    found = other_lens(answered(agreed={"planned": 2}), questionnaire)
    assert found.answers == 1 and found.use_cases == ("agreed",)


FULL = dict.fromkeys(
    ["reach", "tool_standard", "workflow_defined", "ownership", "review_criteria", "handoff",
     "feedback_loop", "decision_impact"], 2,
)  # fmt: skip


def test_switching_the_questionnaire_says_why_nothing_shows_and_loses_no_answer(
    store, owner, monkeypatch
):
    ws = store.create_workspace("Acme")
    proposals = store.add_use_case(ws.key, "Proposal drafts", function="Sales")
    briefs = store.add_use_case(ws.key, "Campaign briefs", function="Marketing")
    for question, value in FULL.items():
        store.set_answer(ws.key, proposals, "Ann", question, value)
    store.set_answer(ws.key, briefs, "Ben", "reach", None)
    store.set_note(ws.key, proposals, "Ann", "review_criteria", "Checked by legal")
    before = store.load(ws.key)

    monkeypatch.setenv("COORDINATION_QUESTIONNAIRE", str(CAPABILITY))
    on_map = owner.open("app_pages/owner/map.py", ws=ws.key)
    assert not on_map.exception, on_map.exception
    said = texts(on_map)
    assert "No use case has been traced yet" not in said
    assert (
        f"Nine answers in this workspace were given under the questionnaire “{BUILT_IN}”; "
        "this server uses “Capability maturity lens”" in said
    )
    assert "Start the app without COORDINATION_QUESTIONNAIRE" in said
    result = owner.open("app_pages/owner/result.py", ws=ws.key, uc=proposals)
    assert not result.exception, result.exception
    assert plain(result.header[0].value) == "Answered under another questionnaire"
    assert "Eight answers to this use case were given under" in texts(result)
    # The deck says it too, on its title slide and where the heatmap would be.
    from coordination.services import open_services

    lens_store, lens = open_services()
    view = lens_store.view(ws.key)
    deck = deck_bytes(build_pack(OrgMap(view.assessment, lens), dt.date(2026, 12, 6)))
    slides = Presentation(io.BytesIO(deck)).slides
    words = [s.text_frame.text for s in slides[0].shapes if s.has_text_frame]
    assert any(f"given under the questionnaire “{BUILT_IN}”" in w for w in words)
    summary = [s.text_frame.text for s in slides[1].shapes if s.has_text_frame]
    assert summary[0] == "Executive summary"
    assert "•" not in [line.strip() for text in summary for line in text.split("\n")]  # no blank
    assert lens_store.load(ws.key) == before  # looking changed nothing

    monkeypatch.delenv("COORDINATION_QUESTIONNAIRE")
    back = owner.open("app_pages/owner/map.py", ws=ws.key)
    assert "given under" not in texts(back)
    table = back.dataframe[0].value.set_index("Use case")
    assert table.loc["Proposal drafts", "Trace"] == "traced"
    assert table.loc["Campaign briefs", "Trace"] == "1 of 8 answered"
    assert store.load(ws.key) == before  # every answer and note, as it was


def test_a_survey_imported_under_another_questionnaire_keeps_what_the_first_one_asked(
    store, monkeypatch
):
    """Re-importing a person's form answers replaces their answers to the questions asked:
    answers to another questionnaire's questions are not the form's to remove."""
    from coordination.services import open_services

    ws = store.create_workspace("Acme")
    proposals = store.add_use_case(ws.key, "Proposal drafts")
    for question, value in FULL.items():
        store.set_answer(ws.key, proposals, "Ann", question, value)
    store.set_note(ws.key, proposals, "Ann", "review_criteria", "Checked by legal")

    monkeypatch.setenv("COORDINATION_QUESTIONNAIRE", str(CAPABILITY))
    lens_store, lens = open_services()
    asked = lens.questions[0].id
    form = Assessment(
        organization="Acme",
        use_cases=[
            UseCase(
                id="p",
                name="Proposal drafts",
                responses=[Response(respondent="Ann", answers={asked: 1})],
            )
        ],
    )
    assert lens_store.import_survey(ws.key, form).replaced_responses == 1
    monkeypatch.delenv("COORDINATION_QUESTIONNAIRE")

    ann = store.load(ws.key).use_cases[0].responses[0]
    assert ann.answers == FULL | {asked: 1}
    assert ann.notes == {"review_criteria": "Checked by legal"}
