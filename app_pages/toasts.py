"""Toasts that a widget's callback has to say, said by the part of the page drawn next.

A toast drawn in a callback is lost when the run that follows is a fragment's run alone
(Streamlit 1.67: the callback runs before the fragment, outside it, and the browser keeps
nothing of that run outside the fragment). The question part is such a fragment (a tap
reruns only it: app_pages.participant.asking), so its callbacks leave what they say here, and
the question part says it when it draws itself (`say`), in a fragment's run or the whole
page's alike."""

from __future__ import annotations

import streamlit as st

LATER = "toasts|later"  # [(text, icon)], oldest first


def later(text: str, icon: str) -> None:
    """Say `text` (markdown, already made literal where it holds user text) on the next draw."""
    st.session_state[LATER] = [*st.session_state.get(LATER, []), (text, icon)]


def say() -> None:
    """Say every toast left for this draw, once."""
    for text, icon in st.session_state.pop(LATER, []):
        st.toast(text, icon=icon)
