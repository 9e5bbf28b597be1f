"""The store and questionnaire for this server, shown as a sentence if they cannot open.

Pages get the store as *this run's caller* may use it (`coordination.storage.caller`): app.py
proves who is asking from the cookies at the top of every run and keeps it for the run (and
for the callbacks of the next one, which Streamlit runs before app.py); the core then refuses
every owner method to anyone but the owner.
"""

from __future__ import annotations

import streamlit as st

from app_pages.errors import sentence
from coordination.access import Identity, Visitor
from coordination.errors import CoordinationError, Unavailable
from coordination.method.questionnaire import Questionnaire
from coordination.services import open_services
from coordination.storage import Store
from coordination.storage.caller import Caller

CALLER = "services|caller"  # this session's proven identity, set by app.py on every run


def services() -> tuple[Store, Questionnaire]:
    """The store as this run's caller may use it, and the questionnaire."""
    store, questionnaire = raw_services()
    return Caller(store, st.session_state.get(CALLER, Visitor())), questionnaire  # type: ignore[return-value]


def raw_services() -> tuple[Store, Questionnaire]:
    """The store itself: only for finding out who is asking. A database that cannot be
    reached yet is left to the page's boundary, which says so and waits for it."""
    try:
        return open_services()
    except Unavailable:
        raise
    except CoordinationError as e:
        st.error(sentence(f"The app cannot start: {e}"), icon=":material/error:")
        st.stop()


def remember_caller(who: Identity) -> None:
    st.session_state[CALLER] = who
