"""The assessment file, format v1: what it accepts, what it refuses and how it says so."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coordination.errors import AssessmentError
from coordination.files.fileformat import decode_assessment, encode_assessment, read_assessment
from coordination.method.scoring import score
from coordination.models import Assessment, Response, UseCase
from coordination.settings import DEMO_PATH

ISSUE_EXAMPLE = {
    "organization": "Northwind",
    "functions": ["Marketing", "Sales"],
    "use_cases": [
        {
            "id": "call-summaries",
            "name": "Sales call summaries",
            "function": "Sales",
            "objective": "improve sales enablement",
            "responses": [
                {"respondent": "r1", "answers": {"reach": 2, "tool_standard": 3}, "notes": {}}
            ],
        }
    ],
}


def decode(data, questionnaire):
    return decode_assessment(json.dumps(data).encode(), questionnaire)


def with_case(**changes):
    case = {**ISSUE_EXAMPLE["use_cases"][0], **changes}
    return {**ISSUE_EXAMPLE, "use_cases": [case]}


def with_answers(answers):
    return with_case(responses=[{"respondent": "r1", "answers": answers}])


def test_the_issue_example_is_a_valid_file(questionnaire):
    a = decode(ISSUE_EXAMPLE, questionnaire)
    assert a.organization == "Northwind"
    assert a.use_cases[0].responses[0].answers == {"reach": 2, "tool_standard": 3}


def test_only_organization_and_use_cases_with_id_and_name_are_required(questionnaire):
    a = decode({"organization": "X", "use_cases": [{"id": "a", "name": "A"}]}, questionnaire)
    assert a.use_cases[0].responses == [] and a.functions == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            with_answers({"reach": 4}),
            "use_cases[0].responses[0].answers.reach: must be 0–3 or null, got 4",
        ),
        (with_answers({"reach": -1}), "answers.reach: must be 0–3 or null, got -1"),
        (with_answers({"reach": "2"}), 'answers.reach: must be 0–3 or null, got "2"'),
        (with_answers({"reach": 1.5}), "answers.reach: must be 0–3 or null, got 1.5"),
        (with_answers({"reach": True}), "answers.reach: must be 0–3 or null, got true"),
        (with_answers({"reach": 1, "rech": 2}), "answers.rech: unknown question id 'rech'"),
        (
            with_case(responses=[{"respondent": "r1", "notes": {"wat": "x"}}]),
            "use_cases[0].responses[0].notes.wat: unknown question id 'wat'",
        ),
        (
            {**ISSUE_EXAMPLE, "use_cases": ISSUE_EXAMPLE["use_cases"] * 2},
            "use_cases[1].id: duplicate id 'call-summaries'",
        ),
        (
            with_case(responses=[{"respondent": "r1"}, {"respondent": "r1"}]),
            "use_cases[0].responses[1].respondent: duplicate respondent 'r1'",
        ),
        (
            with_case(responses=[{"respondent": "  "}]),
            "use_cases[0].responses[0].respondent: must not be empty",
        ),
        (with_case(name=""), "use_cases[0].name: must not be empty"),
        (
            {"organization": "X", "use_cases": [{"id": "a"}]},
            "use_cases[0]: missing required field 'name'",
        ),
        ({"use_cases": []}, "missing required field 'organization'"),
        ({"organization": "X"}, "missing required field 'use_cases'"),
        (with_case(colour="red"), "use_cases[0]: contains unknown field 'colour'"),
        (
            {**ISSUE_EXAMPLE, "format": 2},
            "format: this file is format 2, made by a newer version of the app; "
            "this one reads format 1",
        ),
        ({**ISSUE_EXAMPLE, "format": 0}, "format: this app reads format 1, got 0"),
    ],
)
def test_invalid_files_name_the_location_and_the_problem(questionnaire, data, message):
    with pytest.raises(AssessmentError) as caught:
        decode(data, questionnaire)
    assert message in str(caught.value)


def test_a_file_that_is_not_json_says_so(questionnaire):
    with pytest.raises(AssessmentError, match="not a valid JSON file"):
        decode_assessment(b"{'organization': ", questionnaire)


def test_a_missing_file_is_named(tmp_path, questionnaire):
    with pytest.raises(AssessmentError, match="no such file"):
        read_assessment(tmp_path / "missing.json", questionnaire)


def test_the_demo_organization_is_a_valid_file(questionnaire):
    demo = read_assessment(DEMO_PATH, questionnaire)
    assert 12 <= len(demo.use_cases) <= 18
    assert 5 <= len(demo.all_functions()) <= 6
    assert all(1 <= len(uc.responses) <= 6 for uc in demo.use_cases if uc.responses)
    assert sum(not uc.responses for uc in demo.use_cases) == 1
    # A retired use case and a trace in progress, so both are seen in the app and tested.
    assert sum(uc.retired for uc in demo.use_cases) == 1
    progress = score(demo, questionnaire).progress.tolist()
    assert sorted(set(progress)) == [0, 3, 8]


texts = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=20).filter(
    str.strip
)
responses = st.builds(
    Response,
    respondent=texts,
    answers=st.dictionaries(
        st.sampled_from(["reach", "ownership", "handoff"]), st.one_of(st.none(), st.integers(0, 3))
    ),
    notes=st.dictionaries(st.sampled_from(["reach", "learned"]), st.text(max_size=50)),
)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.builds(
            UseCase,
            id=texts,
            name=texts,
            function=st.none() | texts,
            notes=st.none() | st.text(max_size=50),
            retired=st.booleans(),
            responses=st.lists(responses, max_size=3, unique_by=lambda r: r.respondent),
        ),
        max_size=5,
        unique_by=lambda uc: uc.id,
    )
)
def test_every_assessment_round_trips_through_the_file(questionnaire, use_cases):
    original = Assessment(organization="Round <b>trip</b> & co", use_cases=use_cases)
    assert decode_assessment(encode_assessment(original), questionnaire) == original
