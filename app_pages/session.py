"""Who is asking: the identity behind this browser's cookies, checked on every run.

The sign-in middleware (server.py) turns `?key=`, `?invite=` and `?p=` links into HttpOnly
cookies; Streamlit hands the cookies of the page's connection to every run, and the store
checks them against the database each time, so a sign-out or a closed invitation takes effect
at the next click.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from app_pages.services import raw_services, remember_caller
from coordination.access import OWNER_COOKIE, PARTICIPANT_COOKIE, Identity, Owner, Participant
from coordination.errors import Unavailable


def cookies() -> Mapping[str, str]:
    return st.context.cookies or {}


def identity() -> Identity:
    """Who is asking, proven from the cookies now, and kept as this run's caller."""
    store, _ = raw_services()
    jar = cookies()
    who = store.identify(jar.get(OWNER_COOKIE), jar.get(PARTICIPANT_COOKIE))
    remember_caller(who)
    if isinstance(who, Participant):
        seen(who)
    return who


def seen(who: Participant) -> None:
    """A participant counts as joined once their page runs, not when a link or /join made
    them: a script that only calls /join adds nobody to the room's count (once a session)."""
    if st.session_state.get("seen") == who.id:
        return
    store, _ = raw_services()
    try:
        store.participant_seen(who)
    except Unavailable:
        return  # the page says the database is away; the next run tries again
    st.session_state["seen"] = who.id


def sign_out(owner: Owner) -> None:
    store, _ = raw_services()
    store.sign_out(owner)
    st.session_state.clear()
