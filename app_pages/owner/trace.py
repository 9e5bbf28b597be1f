"""Trace a use case: the questions one at a time, answered under a respondent's name.

The owner traces here (alone, or typing in answers for people in the room); others answer
through an invitation link, each as their own participant.
"""

import streamlit as st

from app_pages.errors import shown
from app_pages.questions import Writer, ask, step_buttons
from app_pages.route import INVENTORY, RESULT, Route, go, public_link, remember
from app_pages.route import require_workspace as workspace
from app_pages.services import services
from coordination.text import md_literal

store, questionnaire = services()
ws = workspace()
route = Route.here()
names = dict(store.use_cases(ws.key))  # not the whole scored workspace: this page writes

st.title("Trace a use case")
if not names:
    st.info("This workspace has no use cases yet. List them in the inventory first.")
    st.page_link(INVENTORY, label="Go to the inventory", icon=":material/list_alt:")
    st.stop()

key = st.selectbox(
    "Use case",
    list(names),
    format_func=names.get,
    index=list(names).index(route.uc) if route.uc in names else 0,
)
if key != route.uc:
    remember(uc=key, step=1)

with st.expander("Invite others to answer this use case"):
    st.caption(
        "Everyone who opens this link answers on their own device, as their own participant: "
        "they see these questions and their own answers, nothing else. The result combines "
        "all answers."
    )
    if st.button("Show the invitation link"):
        with shown():
            token = store.invitation(ws.key, [key])
            st.code(public_link("", invite=token), language=None)

if "respondent" not in st.session_state:
    st.session_state["respondent"] = route.r or ""
respondent = st.text_input(
    "Your name or initials",
    key="respondent",
    max_chars=200,
    help="Answers are kept per person, so several people can answer the "
    "same use case; the result combines them.",
).strip()
if not respondent:
    st.info("Enter your name to start. Each person's answers are saved separately.")
    st.stop()
remember(r=respondent)

with shown():
    saved = store.response(ws.key, key, respondent)
    write = Writer(
        answer=lambda q, v: store.set_answer(ws.key, key, respondent, q, v),
        note=lambda k, text: store.set_note(ws.key, key, respondent, k, text),
    )
    prefix = f"trace|{ws.key}|{key}|{respondent}"
    step, last_step = ask(questionnaire, saved, write, prefix, route.step)
    back, forward, finish = st.columns([1, 1, 4])
    step_buttons(step, last_step, (back, forward))
    if finish.button("See the result", disabled=saved is None):
        go(RESULT, uc=key)
    st.caption(md_literal(f"Answering as {respondent} in {ws.name}."))
