"""The trace as steps, without a page: keys, names, where an answer leads, what is unsaved."""

from __future__ import annotations

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
