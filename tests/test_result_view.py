"""One use case's result as its page words it (`report.result_view`), without a page: the
heading, the line under it, who answered, the steps in order, disagreement, the why of the
level and the answers' tables."""

from __future__ import annotations

import pytest

from coordination.models import Response, UseCase
from coordination.report import result_view as said
from coordination.report.orgmap import OrgMap
from tests.conftest import assessment, use_case

ALL_TWO = {
    "reach": 2,
    "tool_standard": 2,
    "workflow_defined": 2,
    "ownership": 2,
    "review_criteria": 2,
    "handoff": 2,
    "feedback_loop": 2,
    "decision_impact": 2,
}
TOP = dict.fromkeys(ALL_TWO, 3)


def scored(questionnaire, *use_cases: UseCase) -> OrgMap:
    return OrgMap(assessment(*use_cases), questionnaire)


def test_the_heading_says_the_level_and_provisional_while_the_trace_is_unfinished(questionnaire):
    org = scored(questionnaire, use_case("done", ALL_TWO), use_case("half", {"reach": 2}))
    assert said.heading(org.standings["done"]).startswith("Level ")
    assert not said.heading(org.standings["done"]).endswith("provisional")
    assert said.heading(org.standings["half"]) == (
        f"Level 1 · {questionnaire.level_name(1)} · provisional"
    )
    how_far, meaning = said.provisional(org.results["half"])
    assert how_far == "Provisional: 1 of 8 questions answered."
    assert "unanswered questions count as not in place" in meaning


@pytest.mark.parametrize(
    ("fields", "line"),
    [
        ({}, ""),
        ({"function": "Sales"}, "Function: Sales"),
        ({"involved": ["Legal"]}, "Function: Also Legal"),
        (
            {"function": "Sales", "involved": ["Legal"], "tool": "Gong", "objective": "speed"},
            "Function: Sales (also Legal) · tool: Gong · objective: speed",
        ),
        ({"tool": "Gong"}, "tool: Gong"),
    ],
)
def test_the_line_under_the_title_names_functions_tool_and_objective(questionnaire, fields, line):
    org = scored(questionnaire, use_case("uc", **fields))
    assert said.context(org.assessment.use_cases[0], org.standings["uc"]) == line


def test_a_retired_use_case_says_so_in_the_picker(questionnaire):
    org = scored(questionnaire, use_case("a", name="Old bot", retired=True), use_case("b"))
    assert said.names(org.assessment.use_cases) == {"a": "Old bot (retired)", "b": "B"}


def test_one_person_is_one_answer_and_several_are_combined(questionnaire):
    one = use_case("one", ALL_TWO)
    four = use_case("four", ALL_TWO, ALL_TWO, ALL_TWO, ALL_TWO)
    assert said.respondents(questionnaire, one) == questionnaire.advice.one_respondent
    assert said.respondents(questionnaire, four).startswith("Combined from 4 people's answers")


def test_the_next_useful_improvement_comes_first_then_the_rest(questionnaire):
    org = scored(questionnaire, use_case("uc", {"reach": 2, "tool_standard": 0}))
    steps = said.steps(org.results["uc"])
    assert not steps.done
    assert steps.first == org.results["uc"].next_steps[0]
    assert steps.then == org.results["uc"].next_steps[1:]


def test_at_the_top_level_nothing_is_missing(questionnaire):
    org = scored(questionnaire, use_case("uc", TOP))
    assert org.results["uc"].level == questionnaire.max_level
    steps = said.steps(org.results["uc"])
    assert steps.done and steps.then == []
    assert steps.first == "Keep the loop running: nothing is missing for the top level."


def test_disagreement_is_named_only_where_people_disagree(questionnaire):
    agree = use_case("agree", ALL_TWO, ALL_TWO, ALL_TWO)
    apart = use_case("apart", ALL_TWO, ALL_TWO | {"reach": 0}, ALL_TWO | {"reach": 3})
    org = scored(questionnaire, agree, apart)
    assert said.disagreement(questionnaire, org.results["agree"]) is None
    assert said.disagreement(questionnaire, org.results["apart"]) == (
        "Respondents disagree on Who uses it."
    )


def test_the_why_names_each_gate_and_each_condition_in_place_or_missing(questionnaire):
    org = scored(questionnaire, use_case("uc", ALL_TWO | {"review_criteria": 0}))
    gates = said.why(questionnaire, org.results["uc"])
    assert [g.title for g in gates] == [
        f"Level {g.level} · {questionnaire.level_name(g.level)}" for g in questionnaire.gates
    ]
    assert gates[0].held
    review = next(g for g in gates if not g.held)
    missing = [text for held, text in review.conditions if not held]
    assert len(missing) == 1 and "the answer was" in missing[0]


def test_the_answers_table_keeps_dont_know_apart_from_unanswered(questionnaire):
    uc = UseCase(
        id="uc",
        name="Calls",
        responses=[
            Response(respondent="Kim", answers={"reach": 2, "ownership": None}),
            Response(respondent="Lee", answers={"reach": 0}),
        ],
    )
    org = scored(questionnaire, uc)
    table = said.answers_table(questionnaire, uc, org.results["uc"])
    assert list(table.index) == ["Kim", "Lee", "Combined"]
    assert list(table.columns) == [x.label for x in questionnaire.questions]
    dont_know = questionnaire.answer_label("ownership", None)
    unanswered = questionnaire.scale.unanswered
    assert table.loc["Kim", "Owner"] == dont_know
    assert table.loc["Lee", "Owner"] == unanswered
    assert table.loc["Combined", "Owner"] == dont_know
    assert table.loc["Combined", "Review criteria"] == unanswered
    assert table.loc["Kim", "Who uses it"] == questionnaire.answer_label("reach", 2)


def test_notes_say_who_wrote_them_and_about_what(questionnaire):
    first_open = questionnaire.open_questions[0]
    uc = UseCase(
        id="uc",
        name="Calls",
        responses=[
            Response(respondent="Kim", notes={"reach": "Two teams", first_open.id: "Unsure"}),
            Response(respondent="Lee", answers={"reach": 1}),
        ],
    )
    assert said.notes_table(questionnaire, use_case("none", ALL_TWO)) is None
    notes = said.notes_table(questionnaire, uc)
    assert notes.to_dict("records") == [
        {"Respondent": "Kim", "About": "Who uses it", "Note": "Two teams"},
        {"Respondent": "Kim", "About": first_open.label, "Note": "Unsure"},
    ]


def test_the_one_page_pdf_is_named_by_its_use_case():
    assert said.pdf_name("acme", UseCase(id="a", name="Call summaries")) == (
        "acme-call-summaries.pdf"
    )
    assert said.pdf_name("acme", UseCase(id="a", name="…")) == "acme-item.pdf"
