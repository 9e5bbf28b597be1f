"""The trace as steps, without a page: keys, names, where an answer leads, what is unsaved."""

from __future__ import annotations

import pytest

from coordination.method import steps


def test_each_answer_has_its_number_key_and_dont_know_its_first_letter(questionnaire):
    first = questionnaire.questions[0]
    made = steps.choices(questionnaire, first, frozenset({"C", "R"}))
    assert [(c.value, c.key) for c in made] == [(0, "0"), (1, "1"), (2, "2"), (3, "3"), (None, "D")]
    assert made[2].label == f"2 · {first.answers[2]}"
    assert steps.choices(questionnaire, first, frozenset({"D"}))[-1].key is None  # kept free


def test_a_saved_answer_goes_on_unless_switched_off_or_at_the_end(questionnaire):
    last = steps.last_step(questionnaire)
    assert last == len(questionnaire.questions) + 1
    assert steps.after_answer(questionnaire, 2, go_on=True) == 3
    assert steps.after_answer(questionnaire, 2, go_on=False) == 2
    assert steps.after_answer(questionnaire, last, go_on=True) == last
    assert [steps.within(questionnaire, s) for s in (-4, 0, 3, 99)] == [1, 1, 3, last]


def test_steps_are_named_and_ticked_by_what_is_answered(questionnaire):
    first, second = (q.id for q in questionnaire.questions[:2])
    names = steps.step_names(questionnaire, {first: 2, second: None})  # don't know counts
    assert (names[1], names[2], names[3]) == ("✓ 1", "✓ 2", "3")
    assert names[steps.last_step(questionnaire)] == "Open questions"
    assert steps.progress(questionnaire, {first: 2}) == "1 of 8 questions answered"


def test_unsaved_answers_are_named_unless_the_one_on_screen(questionnaire):
    first, second = questionnaire.questions[:2]
    assert steps.not_saved(questionnaire, {}, first.id) is None
    assert steps.not_saved(questionnaire, {first.id: 1}, first.id).startswith("This answer")
    said = steps.not_saved(questionnaire, {first.id: 1}, second.id)
    assert said == f"Your answer to {first.label} is kept on this page"


def test_a_step_shows_its_question_with_the_answer_kept_on_the_page_over_the_saved_one(
    questionnaire,
):
    from coordination.models import Response

    first, second, third = (q.id for q in questionnaire.questions[:3])
    saved = Response(answers={first: 2, second: None}, notes={first: "Two teams"})
    here = steps.screen(questionnaire, saved, {}, 1)
    assert (here.question.id, here.current, here.kept, here.note) == (first, 2, False, "Two teams")
    assert steps.screen(questionnaire, saved, {}, 2).current is None  # "don't know" is an answer
    assert steps.screen(questionnaire, saved, {}, 3).current == steps.UNANSWERED
    kept = steps.screen(questionnaire, saved, {first: 0}, 1)
    assert (kept.current, kept.kept) == (0, True)
    assert kept.unsaved == "This answer is kept on this page"
    assert steps.screen(questionnaire, saved, {first: 0}, 2).unsaved.startswith("Your answer to")
    assert steps.screen(questionnaire, None, {}, 3).progress == "0 of 8 questions answered"
    assert steps.screen(questionnaire, saved, {}, 3).names[1] == "✓ 1"
    assert steps.screen(questionnaire, saved, {third: 1}, 3).step == 3


def test_the_last_step_is_the_open_questions_with_their_notes(questionnaire):
    from coordination.models import Response

    open_q = questionnaire.open_questions[0].id
    saved = Response(answers={}, notes={open_q: "More pilots"})
    here = steps.screen(questionnaire, saved, {}, 99)  # past the end: the last step
    assert here.step == here.last == steps.last_step(questionnaire)
    assert here.question is None and here.note == ""
    assert here.notes == {open_q: "More pilots"}


def test_the_chosen_answer_says_so_in_words_and_whether_it_is_saved(questionnaire):
    from coordination.models import Response

    question = questionnaire.questions[0]
    two, dont_know = (c for c in steps.choices(questionnaire, question, frozenset())[2::2])
    saved = steps.screen(questionnaire, Response(answers={question.id: 2}), {}, 1)
    assert [saved.said(c) for c in (two, dont_know)] == [" — your answer", ""]
    kept = steps.screen(questionnaire, None, {question.id: None}, 1)
    assert [kept.said(c) for c in (two, dont_know)] == ["", " — your answer, not saved yet"]
    nothing = steps.screen(questionnaire, None, {}, 1)
    assert not any(nothing.chose(c) for c in steps.choices(questionnaire, question, frozenset()))


@pytest.mark.parametrize(
    ("typed", "saved", "changed"),
    [
        ("New", "", True),
        ("Two teams ", "Two teams", False),  # only spaces added: nothing to write
        (None, "", False),  # a box reported empty after a reconnection
        ("", "Two teams", True),  # emptied on purpose
    ],
)
def test_a_note_is_written_only_when_it_says_something_new(typed, saved, changed):
    assert steps.note_changed(typed, saved) is changed
    assert steps.note_refused("The workshop is closed.") == (
        "This note was not saved. The workshop is closed."
    )
