"""The Result page as a manager reads it: provisional while a trace is unfinished, one answer
said as one answer, the next useful improvement first, "don't know" apart from unanswered."""

from __future__ import annotations

import pytest

from tests.app_helpers import plain


@pytest.fixture
def result_page(owner, demo):
    def open_(use_case: str):
        at = owner.open("app_pages/owner/result.py", ws=demo, uc=use_case)
        assert not at.exception, at.exception
        return at

    return open_


def test_an_unfinished_trace_is_marked_provisional_with_how_far_it_got(result_page):
    at = result_page("quote-follow-ups")  # 3 of 8 answered, by one person
    assert plain(at.header[0].value) == "Level 2 · Tool standardization · provisional"
    assert plain(at.warning[0].value).startswith("**Provisional: 3 of 8 questions answered.**")
    first = plain(at.success[0].value)
    assert first.startswith("Finish the trace: answer Owner, Review criteria")


def test_an_untraced_use_case_says_how_many_questions_to_answer(result_page):
    at = result_page("release-notes")
    assert plain(at.header[0].value) == "Not traced yet"
    said = plain(at.markdown[0].value)
    assert "answer the eight questions together" in said and "{" not in said


def test_a_finished_trace_is_not_marked_provisional(result_page):
    at = result_page("call-summaries")
    assert "provisional" not in plain(at.header[0].value)
    assert not any("Provisional" in plain(w.value) for w in at.warning)


def test_one_respondent_is_said_as_one_answer_not_as_agreement(result_page, questionnaire):
    at = result_page("forecast-explainer")  # one respondent
    captions = [plain(c.value) for c in at.caption]
    assert questionnaire.advice.one_respondent in captions
    assert not any("optimist" in c for c in captions)
    assert not any("disagree" in plain(i.value) for i in at.info)


def test_several_respondents_are_said_to_be_combined(result_page):
    captions = [plain(c.value) for c in result_page("call-summaries").caption]
    assert any(c.startswith("Combined from 4 people's answers") for c in captions)


def test_the_next_useful_improvement_comes_first_and_the_rest_after_it(result_page):
    at = result_page("linkedin-posts")
    first = plain(at.success[0].value)
    rest = [plain(m.value) for m in at.markdown if plain(m.value).startswith("2. ")]
    assert first.startswith("The owner writes down, on one page")
    assert rest and first not in rest[0]
    steps = [first, *rest[0].split("\n")]
    assert len(steps) == len(set(steps))


def test_the_why_and_the_answers_tell_dont_know_from_not_answered(result_page):
    at = result_page("quote-follow-ups")
    why = "\n".join(plain(m.value) for m in at.markdown)
    assert "a named owner — not answered yet; it needs “" in why  # words, not "Owner is 1"
    assert "needs 2 or more" not in why
    table = at.dataframe[0].value
    assert table.loc["Dana (sales lead)", "Owner"] == "Not answered"
    assert table.loc["Dana (sales lead)", "Who uses it"] == "A team, in a shared way"


def test_the_one_page_pdf_of_a_result_is_offered_and_built_when_clicked(result_page):
    at = result_page("quote-follow-ups")
    (button,) = [b for b in at.get("download_button") if "PDF" in b.proto.label]
    assert button.proto.label == "Download this result (PDF, one page)"
