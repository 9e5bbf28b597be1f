"""The console's forms: a new workshop, the team's agreed answer, answers for people in the
room without a device."""

from __future__ import annotations

import streamlit as st

from app_pages.errors import shown
from app_pages.route import INVENTORY, WORKSHOP, go
from app_pages.services import services
from coordination.names import MAX_NAME
from coordination.storage import Workspace
from coordination.storage.workshops import Workshop
from coordination.text import md_literal
from coordination.wording import counted
from coordination.workshop.codes import spaced
from coordination.workshop.settings import (
    ANONYMITY_LABELS,
    MIN_THRESHOLD,
    checked_setup,
    suggested_use_cases,
)

DONT_KNOW = "dont_know"  # a choice in the team's answers and the people-without-a-device form


def setup_form(
    ws: Workspace, names: dict[str, str], workshops: list[Workshop], started: set[str]
) -> None:
    """The workshops so far, and a new one: its use cases, anonymity, threshold and slot, with
    defaults a facilitator can take as they are (the untraced use cases)."""
    for w in workshops:
        state = "closed" if w.closed else "open"
        cases = counted(len(w.rounds), "use case")  # "one use case", not "1 use cases"
        label = f"{spaced(w.code)} · {w.created_at:%d %b %Y %H:%M} · {cases}"
        if st.button(f"{label} · {state}", key=f"open_{w.key}"):
            go(WORKSHOP, w=w.key, uc=None)
    if not names:
        st.info("A workshop traces the inventory's use cases: list them there first.")
        st.page_link(INVENTORY, label="Go to the inventory", icon=":material/list_alt:")
        return
    suggested = suggested_use_cases(list(names), started)
    with st.form("new_workshop"):
        st.markdown("**Set up a workshop**")
        if not suggested:  # else an empty choice, and "Pick at least one" only after a click
            st.info(
                "Every use case already has answers, so none is chosen to start with: pick "
                "the ones the team should go through together. The answers given stay; a "
                "team's agreed answer becomes the use case's assessment.",
                icon=":material/checklist:",
            )
        # Chips, not a drop-down: an open list covered the rest of the form.
        chosen = st.pills(
            "Use cases to trace together",
            list(names),
            selection_mode="multi",
            default=suggested,
            format_func=lambda uc: md_literal(names[uc]),
            help="Those not traced yet are chosen to start with. Click one to add or drop it; "
            "they are taken in the order shown. The console can move one earlier, or open any "
            "of them next.",
        )
        anonymity = st.radio(
            "Anonymity", list(ANONYMITY_LABELS), index=1, format_func=ANONYMITY_LABELS.get
        )
        threshold = st.number_input(
            "Show answers once at least this many people answered",
            min_value=MIN_THRESHOLD,
            max_value=100,
            value=5,
            help="Below it, only the number who answered is shown, everywhere.",
        )
        slot = st.number_input("Minutes per use case", min_value=1, max_value=240, value=15)
        if st.form_submit_button("Create the workshop", type="primary"):
            with shown():
                setup = checked_setup(
                    use_cases=tuple(uc for uc in names if uc in (chosen or ())),
                    anonymity=anonymity,
                    threshold=int(threshold),
                    slot_minutes=int(slot),
                )
                created = services()[0].workshops.create(ws.key, setup)
                go(WORKSHOP, w=created.key, uc=None)


def people_without_device(ws: Workspace, workshop: Workshop, use_case: str, phase: str) -> None:
    if workshop.closed or phase != "voting":
        return
    store, questionnaire = services()
    with (
        st.expander("Answer for someone in the room without a device"),
        st.form(f"person_{workshop.key}", clear_on_submit=True),
    ):
        name = st.text_input("Their name", max_chars=MAX_NAME)
        values = {
            q.id: st.selectbox(
                md_literal(q.label),
                [None, 0, 1, 2, 3, DONT_KNOW],
                format_func=lambda v, q=q: (
                    "—"
                    if v is None
                    else "Don't know"
                    if v == DONT_KNOW
                    else f"{v} · {q.answers[v]}"
                ),
            )
            for q in questionnaire.questions
        }
        if st.form_submit_button("Save their answers"):
            with shown():
                person = store.workshops.add_person(ws.key, workshop.key, name)
                for question, value in values.items():
                    if value is not None:
                        store.workshops.answer_for(
                            ws.key,
                            workshop.key,
                            person,
                            use_case,
                            question,
                            None if value == DONT_KNOW else value,
                        )
                st.toast(md_literal(f"Saved {name.strip()}'s answers"))
