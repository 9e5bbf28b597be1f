"""Trace a use case: the eight questions one at a time, then the open questions.

Every answer is written to the database the moment it is given; the use case, respondent and
step live in the URL, so a reload or a shared link lands on the same question with every answer
in place.
"""

import streamlit as st

from app_pages.common import (
    INVENTORY,
    RESULT,
    go,
    md_literal,
    remember,
    require_workspace,
    services,
    share_link,
    url_value,
)
from coordination.errors import CoordinationError

DONT_KNOW = "dont_know"
store, questionnaire = services()
ws = require_workspace()
names = dict(store.use_cases(ws.slug))  # not the whole scored workspace: this page writes

st.title("Trace a use case")
if not names:
    st.info("This workspace has no use cases yet. List them in the inventory first.")
    st.page_link(INVENTORY, label="Go to the inventory", icon=":material/list_alt:")
    st.stop()

wanted = url_value("uc")
key = st.selectbox(
    "Use case",
    list(names),
    format_func=names.get,
    index=list(names).index(wanted) if wanted in names else 0,
)
if key != wanted:
    remember(uc=key, step=1)

if link := share_link("trace", ws=ws.slug, uc=key):
    with st.expander("Invite others to answer this use case"):
        st.caption(
            "Everyone who opens this link answers under their own name; the result "
            "combines all answers."
        )
        st.code(link, language=None)

if "respondent" not in st.session_state:
    st.session_state["respondent"] = url_value("r") or ""
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

saved = store.response(ws.slug, key, respondent)
answers = dict(saved.answers) if saved else {}
notes = dict(saved.notes) if saved else {}
questions = questionnaire.questions
last_step = len(questions) + 1  # the open questions come after the trace questions
raw_step = url_value("step") or "1"
step = min(max(int(raw_step), 1), last_step) if raw_step.isdigit() else 1


def widget_key(item: str) -> str:
    return f"trace|{ws.slug}|{key}|{respondent}|{item}"


def save_answer(question_id: str) -> None:
    choice = st.session_state[widget_key(question_id)]
    try:
        store.set_answer(
            ws.slug,
            key,
            respondent,
            question_id,
            None if choice in (DONT_KNOW, None) else int(choice),
        )
        st.toast("Answer saved", icon=":material/check:")
    except CoordinationError as e:
        st.session_state["trace_problem"] = str(e)


def save_note(note_key: str) -> None:
    try:
        store.set_note(
            ws.slug,
            key,
            respondent,
            note_key,
            st.session_state[widget_key(f"note|{note_key}")] or "",
        )
        st.toast("Note saved", icon=":material/check:")
    except CoordinationError as e:
        st.session_state["trace_problem"] = str(e)


if problem := st.session_state.pop("trace_problem", None):
    st.error(md_literal(problem), icon=":material/error:")

answered = sum(q.id in answers for q in questions)
st.progress(
    answered / len(questions),
    text=f"{answered} of {len(questions)} questions answered — saved as you go",
)

if step <= len(questions):
    question = questions[step - 1]
    st.markdown(f"**Question {step} of {len(questions)}** · {md_literal(question.label)}")
    options = [0, 1, 2, 3, DONT_KNOW]
    current = answers.get(question.id, "unanswered")
    st.markdown(f"### {md_literal(question.text)}")  # large enough for a projector
    st.caption(md_literal(question.help))
    st.radio(
        md_literal(question.text),
        options,
        label_visibility="collapsed",
        index=options.index(DONT_KNOW if current is None else current)
        if current != "unanswered"
        else None,
        format_func=lambda v: "Don't know" if v == DONT_KNOW else f"{v} · {question.answers[v]}",
        key=widget_key(question.id),
        on_change=save_answer,
        args=(question.id,),
    )
    st.text_area(
        "Evidence or example (optional)",
        value=notes.get(question.id, ""),
        key=widget_key(f"note|{question.id}"),
        on_change=save_note,
        args=(question.id,),
        placeholder="What makes you say so? Saved when you click outside the box.",
        max_chars=2000,
    )
else:
    st.subheader("Open questions")
    st.caption("Free text, all optional. Each box is saved when you click outside it.")
    for open_q in questionnaire.open_questions:
        st.text_area(
            md_literal(open_q.text),
            value=notes.get(open_q.id, ""),
            help=open_q.help,
            key=widget_key(f"note|{open_q.id}"),
            on_change=save_note,
            args=(open_q.id,),
            max_chars=4000,
        )

back, forward, finish = st.columns([1, 1, 4])
if back.button("← Back", disabled=step == 1, width="stretch"):
    remember(step=step - 1)
    st.rerun()
if forward.button("Next →", disabled=step == last_step, type="primary", width="stretch"):
    remember(step=step + 1)
    st.rerun()
if finish.button("See the result", disabled=not answers):
    go(RESULT, uc=key)
