"""What a participant says about themselves (the name and function others see) and their
resume link, folded away under their answers."""

import streamlit as st

from app_pages.errors import shown
from app_pages.link_box import link_box
from app_pages.route import public_link
from app_pages.session import cookies
from coordination.access import PARTICIPANT_COOKIE, Participant
from coordination.names import MAX_NAME


def about_me(store, me: Participant) -> None:
    """The name and function others see, and the personal link back to these answers."""
    with st.expander("Your name, your function and your resume link", expanded=False):
        with st.form("about_me", border=False):
            name = st.text_input(
                "Your name as others will see it (optional)",
                value=me.display_name or "",
                max_chars=MAX_NAME,
                help="Only a label: two people with the same name are still two people.",
            )
            function = st.text_input(
                "Your function (optional)",
                value=me.function or "",
                max_chars=MAX_NAME,
                placeholder="e.g. Sales",
            )
            if st.form_submit_button("Save"):
                with shown():
                    store.set_display_name(me, name, function)
                    st.rerun()
        st.caption(
            "Keep this personal link to come back to your answers on any device. "
            "Do not share it: whoever opens it answers as you."
        )
        link = public_link("", p=cookies().get(PARTICIPANT_COOKIE, "")) or ""
        link_box("Your resume link", link, key="participant|resume-link")
