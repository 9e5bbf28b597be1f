"""A participant's page: the use cases they were invited to, their own answers, and nothing
else. Phone first: one question per screen, large type, a clear end.

In a workshop only the use case the facilitator opened takes answers; the page waits for it,
and follows the facilitator by itself (a fragment that reruns only itself and reruns the page
when the workshop moves on). That live part draws the sentence saying where the workshop is
(the open use case's name, or "waiting"), inside a container of its own with nothing after it.
Drawn straight into the page, the live part lost the page's next element on some of the runs
it started: the element right after it (the use case's name, the waiting notice, or the
question's line once the name moved into the live part) was missing until the next vote
opened, on 5 of 16 page states in a test with four phones; the live part's own container puts
no element of the page in reach."""

import streamlit as st

from app_pages import connection
from app_pages.errors import live_part
from app_pages.participant.about_me import about_me
from app_pages.participant.asking import place, questions
from app_pages.questions import refusal
from app_pages.route import Route, remember
from app_pages.services import services
from app_pages.session import identity
from coordination.access import Participant
from coordination.text import md_literal

FOLLOW_SECONDS = 2


def answer() -> None:
    store, _ = services()
    me = identity()
    if not isinstance(me, Participant):  # the router only shows this page to participants
        return
    invited = dict(store.participant_use_cases(me))
    st.title("Your answers")
    if not me.open:
        _closed(me, invited)
        st.stop()
    if me.workshop:
        with st.container():  # the live part's own slot: nothing of the page after it (above)
            _follow(me, invited)
        invited = _open(me, invited)
        if not invited:
            about_me(store, me)
            connection.watch()
            st.stop()
    if not invited:
        st.info("There is nothing to answer in this invitation any more.")
        st.stop()
    _questions(store, me, invited, named=bool(me.workshop))
    about_me(store, me)
    connection.watch()


LATE = "answer|refused_after_close"  # this session tried to change something after the close


def _closed(me: Participant, invited: dict[str, str]) -> None:
    """Thank everyone; only a person whose own change was refused because the workshop (or
    invitation) had closed is told that it was not saved. The refusal is left by the answer or
    note that got it (app_pages.questions) for the page's next run, which is this one; kept for
    the session, so that the page says it as long as it is open."""
    what = "workshop" if me.workshop else "invitation"
    refused = [refusal(place(me, uc)) for uc in invited]
    if any(refused):
        st.session_state[LATE] = True
    st.info(f"This {what} is closed: thank you. Your answers are kept.")
    if st.session_state.get(LATE):
        st.warning(
            f"Your last change came after the {what} closed and was not saved.",
            icon=":material/block:",
        )


def _questions(store, me: Participant, invited: dict[str, str], *, named: bool) -> None:
    """`named`: the live part above has already said which use case this is."""
    route = Route.here()
    if len(invited) == 1:  # nothing to choose: the use case's name, not a dead picker
        key = next(iter(invited))
        if not named:
            _use_case_name(invited[key])
    else:
        key = st.selectbox(
            "Use case",
            list(invited),
            format_func=invited.get,
            index=list(invited).index(route.uc) if route.uc in invited else 0,
        )
    if key != route.uc:  # another use case starts at its first question; a first visit keeps
        remember(uc=key, step=route.step if route.uc is None else 1)  # its step
    questions(me, key, invited[key])


def _use_case_name(name: str) -> None:
    st.subheader(md_literal(name))


WAITING = "Waiting for the facilitator to open the next use case. This page moves on by itself."


def _where(open_now: dict[str, str]) -> None:
    """Where the workshop is, in words: the use case to answer now, or that there is none."""
    if not open_now:
        st.info(WAITING, icon=":material/hourglass_top:")
    elif len(open_now) == 1:
        _use_case_name(next(iter(open_now.values())))
    else:
        st.caption(f"{len(open_now)} use cases are open for answers: pick one below.")


def _open(me: Participant, invited: dict[str, str]) -> dict[str, str]:
    return {uc: invited[uc] for uc in me.writable if uc in invited}


@live_part(FOLLOW_SECONDS)
def _follow(me: Participant, invited: dict[str, str]) -> None:
    """Say where the workshop is now, and rerun the page when the facilitator opens, reveals
    or closes a use case. The sentence comes from this run's own look at the workshop, not
    from the page run that drew the live part: a late run of the live part then still says
    what is true (under load one said "waiting" above an open vote's questions)."""
    now = identity()
    if not isinstance(now, Participant):
        st.rerun(scope="app")
    _where(_open(now, invited) if now.open else {})
    if (now.voting, now.open) != (me.voting, me.open):
        st.rerun(scope="app")
