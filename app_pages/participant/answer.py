"""A participant's page: the use cases they were invited to, their own answers, and nothing
else. Phone first: one question per screen, large type, a clear end."""

import streamlit as st

from app_pages.errors import shown
from app_pages.questions import Writer, ask, step_buttons
from app_pages.route import Route, public_link, remember
from app_pages.services import services
from app_pages.session import cookies, identity
from coordination.access import PARTICIPANT_COOKIE, Participant
from coordination.text import md_literal


def answer() -> None:
    store, questionnaire = services()
    me = identity()
    if not isinstance(me, Participant):  # the router only shows this page to participants
        return
    route = Route.here()
    invited = store.participant_use_cases(me)

    st.title("Your answers")
    if not me.open:
        st.warning("This invitation is closed: your answers are kept, but can no longer change.")
    if not invited:
        st.info("There is nothing to answer in this invitation any more.")
        st.stop()

    with st.expander("Your name and your resume link", expanded=me.display_name is None):
        name = st.text_input(
            "Your name as others will see it (optional)",
            value=me.display_name or "",
            max_chars=200,
            help="Only a label: two people with the same name are still two people.",
        )
        if name.strip() != (me.display_name or "") and st.button("Save my name"):
            with shown():
                store.set_display_name(me, name)
                st.rerun()
        st.caption(
            "Keep this personal link to come back to your answers on any device. "
            "Do not share it: whoever opens it answers as you."
        )
        st.code(public_link("", p=cookies().get(PARTICIPANT_COOKIE, "")), language=None)

    names = dict(invited)
    key = st.selectbox(
        "Use case",
        list(names),
        format_func=names.get,
        index=list(names).index(route.uc) if route.uc in names else 0,
        disabled=len(names) == 1,
    )
    if key != route.uc:
        remember(uc=key, step=1)

    with shown():
        saved = store.participant_response(me, key)
        write = Writer(
            answer=lambda q, v: store.participant_answer(me, key, q, v),
            note=lambda k, text: store.participant_note(me, key, k, text),
        )
        step, last_step = ask(questionnaire, saved, write, f"answer|{me.id}|{key}", route.step)
        step_buttons(step, last_step, st.columns(2))
        if step == last_step:
            st.success(
                md_literal(
                    f"Done with {names[key]}: every answer is saved. You can go back and change "
                    "any of them until the invitation closes."
                ),
                icon=":material/task_alt:",
            )
