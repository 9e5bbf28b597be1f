"""The Trace page's "Invite others": a link for the people in the room to answer one use case
on their own devices."""

import streamlit as st

from app_pages.errors import shown
from app_pages.link_box import link_box
from app_pages.route import public_link


def invitation(store, ws_key: str, use_case: str) -> None:
    """The "Invite others" popover: a link through which each person answers this use case as
    their own participant, shown on demand, and closed from here."""
    shown_link = f"trace|invite|{ws_key}|{use_case}"  # the link this page showed, to close it
    with st.popover("Invite others", icon=":material/share:", type="tertiary"):
        st.caption(
            "Everyone who opens this link answers on their own device, as their own "
            "participant: they see these questions and their own answers, nothing else. The "
            "result combines all answers."
        )
        if st.button("Show the invitation link"):
            with shown():
                st.session_state[shown_link] = store.invitation(ws_key, [use_case])
        token = st.session_state.get(shown_link)
        if token is None:
            return
        link_box("Invitation link", public_link("", invite=token) or "", key=f"{shown_link}|box")
        st.caption(
            "Closing the link lets nobody new in and ends answering through it; the answers "
            "given stay. Showing the link again then makes a new one."
        )
        if st.button("Close this link", icon=":material/link_off:"):
            with shown():
                store.close_invitation(ws_key, token)
                del st.session_state[shown_link]
                st.success("This link is closed: it lets nobody new in.")
