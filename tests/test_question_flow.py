"""The answer control of the trace and answer pages, through AppTest: one click is one write; a
saved answer goes on to the next step unless the person turned that off; an answer that could
not be saved keeps the page where it is, marked as not saved; the list of steps shows what is
answered and goes back to any question."""

from __future__ import annotations

import pytest

from coordination.errors import Unavailable
from coordination.storage.store import Store
from tests.app_helpers import Browser, answer, chosen, plain, texts


def switch(at):
    """The switch "Go to the next question after answering" (a button that says its state)."""
    return next((b for b in at.button if b.label.startswith("Go to the next question")), None)


@pytest.fixture
def writes(monkeypatch) -> list[tuple[str, int | None]]:
    """Every answer the pages write, (question, value) in order; each still reaches the
    database."""
    written: list[tuple[str, int | None]] = []
    for method in ("set_answer", "participant_answer"):
        real = getattr(Store, method)

        def counted(self, *args, real=real):
            written.append(args[-2:])
            return real(self, *args)

        monkeypatch.setattr(Store, method, counted)
    return written


@pytest.fixture
def calls(store):
    ws = store.create_workspace("Acme")
    return ws.key, store.add_use_case(ws.key, "Call summaries")


@pytest.fixture
def trace(owner, calls):
    """The trace page on its first question, with a name given."""
    ws, uc = calls
    at = owner.open("app_pages/owner/trace.py", ws=ws, uc=uc)
    at.text_input(key="respondent").set_value("Dana").run()
    return at


def saved(store, calls) -> dict:
    response = store.response(*calls, "Dana")
    return dict(response.answers) if response else {}


def step(at) -> str:
    return at.query_params.get("step", "1")


def test_one_click_on_an_answer_writes_it_once_and_goes_on_to_the_next_question(
    store, calls, trace, writes
):
    assert "Question 1 of 8" in texts(trace)
    answer(trace, 2)
    assert writes == [("reach", 2)]
    assert saved(store, calls) == {"reach": 2}
    assert step(trace) == "2" and "Question 2 of 8" in texts(trace)
    answer(trace, None)  # "don't know" is an answer too
    assert writes == [("reach", 2), ("tool_standard", None)]
    assert step(trace) == "3"


def test_the_last_question_goes_on_to_the_open_questions(store, calls, owner, writes):
    at = owner.open("app_pages/owner/trace.py", ws=calls[0], uc=calls[1], r="Dana", step="8")
    answer(at, 1)
    assert writes == [("decision_impact", 1)]
    assert step(at) == "9" and "Open questions" in texts(at)


def test_with_going_on_turned_off_an_answer_stays_on_screen_for_the_whole_session(
    store, calls, trace, writes
):
    switch(trace).click().run()
    assert plain(switch(trace).label).endswith(": off")
    answer(trace, 2)
    assert step(trace) == "1" and chosen(trace) == 2
    answer(trace, 3)  # a change of mind is one more deliberate write, not a stray one
    assert writes == [("reach", 2), ("reach", 3)]
    assert saved(store, calls) == {"reach": 3} and chosen(trace) == 3
    trace.get("button_group")[0].set_value(9).run()  # the open questions: no switch there
    assert "Open questions" in texts(trace) and not switch(trace)
    next(b for b in trace.button if b.label == "← Back").click().run()
    assert step(trace) == "8" and plain(switch(trace).label).endswith(": off")
    answer(trace, 0)
    assert step(trace) == "8" and saved(store, calls) == {"reach": 3, "decision_impact": 0}


def test_an_answer_that_could_not_be_saved_keeps_the_page_on_its_question(
    store, calls, trace, monkeypatch
):
    real = Store.set_answer

    def down(*args, **kwargs):
        raise Unavailable("The database cannot be reached right now, so nothing was saved.")

    monkeypatch.setattr(Store, "set_answer", down)
    answer(trace, 2)
    assert step(trace) == "1"  # the warning must be seen, not skipped past
    assert "Not saved yet." in texts(trace)
    assert chosen(trace) == 2
    assert any("your answer, not saved yet" in b.label for b in trace.button)
    assert saved(store, calls) == {}
    monkeypatch.setattr(Store, "set_answer", real)  # the database is back
    trace.run()
    assert saved(store, calls) == {"reach": 2} and "Not saved yet." not in texts(trace)
    assert step(trace) == "1"


def test_the_steps_show_which_questions_are_answered_and_go_back_to_any(store, calls, trace):
    answer(trace, 2)
    answer(trace, 3)
    steps = trace.get("button_group")[0]
    assert steps.label.startswith("2 of 8 questions answered")
    assert steps.options == ["✓ 1", "✓ 2", "3", "4", "5", "6", "7", "8", "Open questions"]
    assert steps.value == 3
    steps.set_value(1).run()
    assert step(trace) == "1" and "Question 1 of 8" in texts(trace) and chosen(trace) == 2


def test_an_invited_participant_writes_once_per_click_and_goes_on(store, demo, monkeypatch, writes):
    token = store.join(store.invitation(demo, ["release-notes"]))
    at = Browser(monkeypatch).as_participant(token).open()
    answer(at, 3)
    assert writes == [("reach", 3)]
    assert step(at) == "2" and "Question 2 of 8" in texts(at)
    me = store.identify(None, token)
    assert store.participant_response(me, "release-notes").answers == {"reach": 3}


def test_a_participant_who_jumps_to_the_end_is_told_what_is_still_unanswered(
    store, demo, monkeypatch
):
    token = store.join(store.invitation(demo, ["release-notes"]))
    at = Browser(monkeypatch).as_participant(token).open(step="9")
    shown = texts(at)
    assert "Not answered yet: Who uses it, Tool standard" in shown
    assert "every answer is saved" not in shown
    me = store.identify(None, token)
    for question in store.questionnaire.question_ids:
        store.participant_answer(me, "release-notes", question, 2)
    at.run()
    assert "every answer is saved" in texts(at) and "Not answered yet" not in texts(at)


def test_a_request_sent_before_the_page_moved_on_does_not_move_it_back(trace):
    """A live page asks for reruns by itself; one sent just before an answer moved the page
    on still carries the list of steps as it was drawn on the question before."""
    drawn_before = trace.get("button_group")[0]  # the list as drawn on question 1, at 1
    answer(trace, 2)
    assert step(trace) == "2"
    stale = trace._tree.get_widget_states()
    old = stale.widgets.add(id=drawn_before.id)
    old.string_array_value.data[:] = [drawn_before.options[0]]
    trace._run(stale)
    assert step(trace) == "2" and "Question 2 of 8" in texts(trace)


def test_the_name_once_given_is_one_line_that_can_be_changed(store, calls, trace):
    assert not trace.text_input and "Answering as Dana" in plain(texts(trace)).replace("*", "")
    next(b for b in trace.button if b.label == "Change").click().run()
    assert trace.text_input(key="respondent").value == "Dana"
    trace.text_input(key="respondent").set_value("Eli").run()
    assert not trace.text_input and trace.query_params["r"] == "Eli"
    answer(trace, 1)
    assert store.response(*calls, "Eli").answers == {"reach": 1} and saved(store, calls) == {}
