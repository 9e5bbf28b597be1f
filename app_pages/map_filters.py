"""The map's filters (function, level, objective), kept in the URL: a reload, the way back
from another page or a shared link shows the same use cases."""

import streamlit as st

from app_pages.route import filter_values, remember


def picked(column, label: str, options: list[str], url_key: str) -> list[str]:
    """One filter, started from the URL. What the URL names that is not on offer (an edited
    link, another workspace's function) is left out rather than refused."""
    key = f"map_{url_key}"
    state = st.session_state
    asked = state[key] if key in state else filter_values(url_key)
    kept = [value for value in dict.fromkeys(asked) if value in options]
    if state.get(key) != kept:  # a keyed widget started once: set before it is drawn
        state[key] = kept
    chosen = column.multiselect(label, options, key=key)
    remember(**{url_key: chosen})
    return chosen
