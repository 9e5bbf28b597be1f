"""Trace a use case: the questions one at a time, answered under a respondent's name.

The owner traces here (alone, or typing in answers for people in the room); others answer
through an invitation link, each as their own participant. What sits above the questions is
kept to two lines, so that a question's answers and Next fit one screen.
"""

import streamlit as st

from app_pages.errors import shown
from app_pages.invite_link import invitation
from app_pages.questions import Writer, ask
from app_pages.route import INVENTORY, RESULT, Route, go, remember
from app_pages.route import require_workspace as workspace
from app_pages.services import services
from coordination.names import MAX_NAME, near_name
from coordination.report.other_lens import of_responses
from coordination.text import md_literal

NAME, RENAMING = "trace|respondent", "trace|renaming"  # kept while the name box is hidden
NEAR = "trace|near"  # (typed, existing): a name close to one already answering, to ask about

store, questionnaire = services()
ws = workspace()
route = Route.here()
names = dict(store.use_cases(ws.key))  # not the whole scored workspace: this page writes

st.title("Trace a use case")
if not names:
    st.info("This workspace has no use cases yet. List them in the inventory first.")
    st.page_link(INVENTORY, label="Go to the inventory", icon=":material/list_alt:")
    st.stop()


def answer_as(name: str) -> None:
    st.session_state[NAME] = name
    st.session_state[RENAMING] = not name
    st.session_state.pop(NEAR, None)


def named(known: list[str]) -> None:
    """A typed name; one close to a name already answering is asked about first, so a slip
    ("Maria K" for "Maria K.") does not start a second, blank person."""
    typed = st.session_state["respondent"].strip()
    near = near_name(typed, known) if typed else None
    if near:
        st.session_state[NEAR] = (typed, near)
    else:
        answer_as(typed)


def picked() -> None:
    if choice := st.session_state["respondent_pick"]:
        answer_as(choice)


def did_you_mean() -> None:
    typed, near = st.session_state[NEAR]
    with st.container(border=True):
        st.warning(
            f"**{md_literal(near)}** already answers this use case. Did you mean them? A new "
            "name starts a second person with no answers yet.",
            icon=":material/person_search:",
        )
        same, other = st.columns(2)
        # Button labels are markdown: the names go in literally.
        same.button(f"Yes, answer as {md_literal(near)}", type="primary", on_click=answer_as,
                    args=(near,))  # fmt: skip
        other.button(f"No, {md_literal(typed)} is someone else", on_click=answer_as,
                     args=(typed,))  # fmt: skip


picker, who = st.columns([3, 2], vertical_alignment="center")
key = picker.selectbox(
    "Use case",
    list(names),
    format_func=names.get,
    index=list(names).index(route.uc) if route.uc in names else 0,
    label_visibility="collapsed",  # the page's title says what it is
)
step = route.step
if key != route.uc:  # another use case starts at its first question; a first visit keeps its step
    step = route.step if route.uc is None else 1
    remember(uc=key, step=step)

if NAME not in st.session_state:
    st.session_state[NAME] = route.r or ""
respondent = st.session_state[NAME]
known = store.respondent_names(ws.key, key)
with who.container(horizontal=True, vertical_alignment="center"):
    if respondent and not st.session_state.get(RENAMING):
        st.markdown(f"Answering as **{md_literal(respondent)}**", width="content")
        st.button(
            "Change", type="tertiary", on_click=lambda: st.session_state.update({RENAMING: True})
        )
    else:
        if known:
            st.selectbox(
                "Answering as",
                [None, *known],
                format_func=lambda name: "Someone new…" if name is None else name,
                key="respondent_pick",
                on_change=picked,
                help="People who already answer this use case, the most recent first.",
            )
        st.text_input(
            "Your name or initials" if not known else "Or a new name",
            value=respondent,
            key="respondent",
            on_change=named,
            args=(known,),
            max_chars=MAX_NAME,
            help="Answers are kept per person, so several people can answer the "
            "same use case; the result combines them.",
        )
    invitation(store, ws.key, key)
if NEAR in st.session_state:
    did_you_mean()
    st.stop()
if not respondent:
    start = "Pick your name or enter a new one" if known else "Enter your name"
    st.info(f"{start} to start. Each person's answers are saved separately.")
    st.stop()
remember(r=respondent)

with shown():
    saved = store.response(ws.key, key, respondent)
    # Their answers under another questionnaire are kept but not asked here: say so, or the
    # questions look unanswered with no reason.
    if lens := of_responses([saved] if saved else [], questionnaire):
        said = lens.sentence(where=f"by {respondent} to this use case")
        st.warning(md_literal(said), icon=":material/rule:")
    write = Writer(
        answer=lambda q, v: store.set_answer(ws.key, key, respondent, q, v),
        note=lambda k, text: store.set_note(ws.key, key, respondent, k, text),
    )

    def see_the_result() -> None:
        if st.button("See the result", disabled=saved is None):
            go(RESULT, uc=key)

    ask(
        questionnaire,
        saved,
        write,
        f"trace|{ws.key}|{key}|{respondent}",
        step,
        see_the_result,
    )
