"""Answers kept in this browser session while the database cannot be reached, and the small
live part that saves them, in order, once it is back (coordination.kept decides; this module
stores and draws).

The live part runs every second while something is kept or the page stopped because the
database went away. It writes what is kept, and reruns the whole page once the database
answers again, so the page recovers by itself.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from app_pages import toasts
from coordination import kept
from coordination.errors import CoordinationError
from coordination.services import open_services
from coordination.text import md_literal

RETRY_SECONDS = 1
QUEUE = "kept|queue"  # the kept answers, oldest first (coordination.kept.Queue)
WRITERS = "kept|writers"  # place -> how that place writes an answer (bound to who asked)
SAVED = "kept|saved"  # what was saved from the queue, said once by the next full run
Write = Callable[[str, int | None], None]


def queue() -> kept.Queue:
    return st.session_state.get(QUEUE, ())


def pending(place: str) -> dict[str, int | None]:
    return kept.pending(queue(), place)


def save(answer: kept.Kept, write: Write) -> kept.Saved:
    """Save an answer after every answer kept before it, or keep it. Going through the queue
    keeps the order in which a person answered; the caller says what became of `answer`."""
    st.session_state[WRITERS] = {**st.session_state.get(WRITERS, {}), answer.place: write}
    st.session_state[QUEUE] = kept.keep(queue(), answer)
    return flush(said_by_caller=answer)


def flush(said_by_caller: kept.Kept | None = None) -> kept.Saved:
    """Write what is kept, first to last, as far as the database takes it. An earlier answer
    refused for good (its workshop closed meanwhile) is named in a toast with the reason
    (said by the question part drawn next: app_pages.toasts)."""
    if not queue():
        return kept.Saved()
    writers = st.session_state.get(WRITERS, {})
    done = kept.save_in_order(queue(), lambda k: writers[k.place](k.question, k.value))
    st.session_state[QUEUE] = done.left
    if earlier := tuple(k for k in done.saved if k != said_by_caller):
        st.session_state[SAVED] = kept.saved(earlier)  # said by the page's next full run
    for answer, why in done.refused:
        if answer != said_by_caller:
            toasts.later(md_literal(f"{answer.label} was not saved: {why}"), ":material/error:")
    return done


def just_saved() -> str | None:
    """What was saved from the queue since the page was last drawn, said once."""
    return st.session_state.pop(SAVED, None)


def waiting_sentence() -> str | None:
    return kept.waiting(queue())


def retrying(*, down: bool) -> None:
    """Draw the live part that saves kept answers, when there is anything to wait for."""
    if down or queue():
        _retry(down)


@st.fragment(run_every=RETRY_SECONDS)
def _retry(down: bool) -> None:
    done = flush()
    if down and not _reachable():
        if what := waiting_sentence():
            st.warning(md_literal(what), icon=":material/cloud_off:")
        st.caption("This page waits for the database and comes back by itself.")
        return
    if down or done.saved or done.refused:
        st.rerun(scope="app")  # the page drawn again, from what is saved now


def _reachable() -> bool:
    try:
        store, _ = open_services()
    except CoordinationError:
        return False
    return store.reachable()
