"""The question part of a participant's page: one step of one use case. It is a fragment of
its own, so that a tap on an answer reruns only this part, not the whole page (the title,
the live part that follows the workshop, the name panel): with thirty people tapping at once,
the page's other parts were about a quarter of the server's work per tap, and that work
delays what the facilitator's console shows.

A run of this part alone draws from what it reads itself (the step from the URL, the saved
answers), never from the page run that drew it first. When that is no longer the page to
draw, it reruns the whole page: the workshop moved on (this tap completed the room and
revealed the vote, or the facilitator closed it), or an answer could not be saved (the whole
page draws the part that saves it once the database is back)."""

import streamlit as st

from app_pages import kept
from app_pages.errors import live_part, shown
from app_pages.questions import Writer, ask
from app_pages.route import Route
from app_pages.services import services
from app_pages.session import identity
from coordination.access import Participant
from coordination.errors import Unavailable
from coordination.report.other_lens import of_responses
from coordination.text import md_literal

PAGE_RUN = "answer|page-run"  # set while the whole page runs (not a run of this part alone)


def place(me: Participant, use_case: str) -> str:
    """The questions' name for this person's answers to one use case (their session keys)."""
    return f"answer|{me.id}|{use_case}"


def questions(me: Participant, use_case: str, name: str) -> None:
    """Draw the question part as part of the whole page's run."""
    st.session_state[PAGE_RUN] = True
    try:
        with st.container():  # the part's own slot: its reruns replace only what it drew
            _step(me, use_case, name)
    finally:
        st.session_state[PAGE_RUN] = False


@live_part(None)
def _step(me: Participant, use_case: str, name: str) -> None:
    if not st.session_state.get(PAGE_RUN) and _page_moved_on(me):
        st.rerun(scope="app")
    store, _ = services()
    questionnaire = store.questionnaire
    with shown():
        saved = store.participant_response(me, use_case)
        # Answers given before the server's questionnaire changed: kept, not asked here. Said,
        # or the questions look unanswered with no reason.
        if lens := of_responses([saved] if saved else [], questionnaire):
            st.warning(lens.to_participant(), icon=":material/rule:")
        write = Writer(
            answer=lambda q, v: store.participant_answer(me, use_case, q, v),
            note=lambda k, text: store.participant_note(me, use_case, k, text),
        )
        step = Route.here().step
        if step > len(questionnaire.questions):  # the end: say so first, then the extras
            _the_end(questionnaire, saved, name, me)
        ask(questionnaire, saved, write, place(me, use_case), step)


def _page_moved_on(me: Participant) -> bool:
    """Whether the whole page must be drawn again instead of this part alone."""
    if kept.queue():
        return True
    try:
        now = identity()
    except Unavailable:
        return True
    return not isinstance(now, Participant) or (now.open, now.writable) != (me.open, me.writable)


def _the_end(questionnaire, saved, use_case: str, me: Participant) -> None:
    answered = saved.answers if saved else {}
    missing = [q.label for q in questionnaire.questions if q.id not in answered]
    if missing:  # the list of steps lets people jump here before the end
        st.info(
            md_literal(
                f"Not answered yet: {', '.join(missing)}. Pick a question's number below to "
                "answer it. The open questions are optional."
            ),
            icon=":material/pending:",
        )
        return
    until = "the facilitator reveals the answers" if me.workshop else "it closes"
    st.success(
        md_literal(
            f"Done with {use_case}: every answer is saved. You can go back and change any of "
            f"them until {until}. The questions below are optional."
        ),
        icon=":material/task_alt:",
    )
