"""Moving through the questions: Back and Next, the switch for going on after an answer,
and the list of every step. The step lives in the URL (`route.remember`); which step comes
next is the core's (`coordination.method.steps`)."""

from __future__ import annotations

import streamlit as st

from app_pages.question_style import BACK_KEY, NEXT_KEY
from app_pages.route import remember
from coordination.method import steps

AUTO_NEXT = "questions|auto_next"  # this session's choice, for every use case (default on)


def go_on() -> bool:
    """Whether a saved answer moves on to the next step: the session's choice, on at first."""
    return st.session_state.get(AUTO_NEXT, True)


def navigation(here: steps.Screen, extra) -> None:
    """← Back and Next → right under the answers; the step lives in the URL. The switch for
    going on after an answer only where there are answers to give."""
    step = here.step
    with st.container(horizontal=True, vertical_alignment="center"):
        if st.button("← Back", disabled=step == 1, width=120, shortcut=BACK_KEY):
            remember(step=step - 1)
            st.rerun()
        if st.button(
            "Next →", disabled=step == here.last, type="primary", width=180, shortcut=NEXT_KEY
        ):
            remember(step=step + 1)
            st.rerun()
        if extra:
            extra()
        if here.question:
            _auto_next_switch()


def _auto_next_switch() -> None:
    """On or off for the whole session. A button rather than st.toggle: a focused toggle is an
    input, and Streamlit ignores shortcut keys while an input has the focus, so the next
    number key after using the switch would do nothing. Its state is said in its label."""
    on = go_on()
    st.button(
        f"Go to the next question after answering: {'on' if on else 'off'}",
        icon=":material/toggle_on:" if on else ":material/toggle_off:",
        type="tertiary",
        on_click=lambda: st.session_state.update({AUTO_NEXT: not on}),
    )


def step_list(here: steps.Screen, prefix: str) -> None:
    """Every step, the answered ones ticked: a click goes there. Read where it is drawn, not
    in a callback: a live page's own rerun, sent just before an answer moved the page on,
    still carries the list as drawn on the step before, and a callback would go back there."""
    picked = st.pills(
        f"{here.progress} — saved as you go",
        list(here.names),
        format_func=here.names.get,
        default=here.step,
        required=True,
        key=f"{prefix}|steps|{here.step}",  # a new widget on every step: it shows where you are
    )
    if picked != here.step:
        remember(step=picked)
        st.rerun()
