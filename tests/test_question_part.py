"""A tap on an answer reruns only the question part of a participant's page
(app_pages/participant/asking.py), and that part draws the whole page again when the page it
belongs to has moved on. Against a real server, through the protocol a phone's page speaks
(tests/page_client.py), so what is checked is the run the server does for the tap."""

from __future__ import annotations

import pytest

from coordination.access import PARTICIPANT_COOKIE
from coordination.storage import Store
from coordination.workshop.settings import checked_setup
from tests.browser import OWNER_KEY, streamlit_server
from tests.page_client import PageClient

WAITING = "Waiting for the facilitator"


@pytest.fixture
def room(tmp_path):
    """A workshop of one use case and two people invited (one alone does not complete it)."""
    db_url = f"sqlite:///{tmp_path / 'part.db'}"
    store = Store.from_url(db_url, owner_key=OWNER_KEY)
    ws = store.create_workspace("Ashgrove Workshop Co").key
    use_case = store.add_use_case(ws, "Call summaries")
    workshop = store.workshops.create(ws, checked_setup(use_cases=(use_case,), threshold=3))
    invitation = store.workshops.invitation_for_code(workshop.code)
    people = [store.join(invitation) for _ in range(2)]
    return db_url, store, ws, workshop.key, use_case, people


def test_a_tap_reruns_the_question_part_alone_and_the_page_keeps_the_rest(room):
    db_url, store, ws, workshop, use_case, (token, _) = room
    questions = store.questionnaire.questions
    with streamlit_server(db_url) as url:
        page = PageClient(url, {PARTICIPANT_COOKIE: token})
        try:
            page.wait_for(WAITING)
            store.workshops.set_phase(ws, workshop, use_case, "voting")
            screen = page.wait_for(f"Question 1 of {len(questions)}")
            choice = next(b for b in screen.buttons if b.startswith("2"))
            part = page.fragment_of(choice)
            assert part, "the answers are drawn by a part of their own"
            page.tap(choice)
            screen = page.wait_for(f"Question 2 of {len(questions)}")
            assert page.last_run == (part,)  # the tap's run: the question part alone
            assert screen.says("Your answers") and screen.says("Call summaries")  # the rest
            (saved,) = store.workshops.responses(ws, workshop, use_case).values()
            assert saved.answers == {questions[0].id: 2}
        finally:
            page.close()


def test_a_tap_after_the_close_draws_the_whole_page_saying_it_was_not_saved(room):
    """The question part drawn for an open vote finds the workshop closed on its own run:
    the whole page is drawn, closed, and tells this person their change was not saved."""
    db_url, store, ws, workshop, use_case, (token, _) = room
    with streamlit_server(db_url) as url:
        page = PageClient(url, {PARTICIPANT_COOKIE: token})
        try:
            page.wait_for(WAITING)
            store.workshops.set_phase(ws, workshop, use_case, "voting")
            screen = page.wait_for("Question 1 of")
            store.workshops.close(ws, workshop)
            page.tap(next(b for b in screen.buttons if b.startswith("1")))
            screen = page.wait_for("was not saved", timeout=30)
            assert screen.says("This workshop is closed")
            assert store.workshops.responses(ws, workshop, use_case) == {}
        finally:
            page.close()
