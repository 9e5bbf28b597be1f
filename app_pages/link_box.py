"""A link shown to copy: the participant's resume link, an invitation, a workshop's join link."""

import streamlit as st


def link_box(label: str, link: str, key: str) -> None:
    """The link in a text box: it wraps on a phone, takes the keyboard's focus and select-all,
    and a screen reader reads its label and the link as they are. Not `st.code`: that loads a
    1.6 MB syntax highlighter with the page. A change typed into the box is put back by the
    rerun it starts, so what is copied is always the link."""
    st.session_state[key] = link
    st.text_area(label, key=key, height="content")  # two lines at least, more as it wraps
