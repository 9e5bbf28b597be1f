"""The console's forms: a new workshop, the team's agreed answer, answers for people in the
room without a device."""

from __future__ import annotations

import streamlit as st

from app_pages.errors import shown
from app_pages.route import INVENTORY, WORKSHOP, go
from app_pages.services import services
from coordination.names import MAX_NAME, MAX_NOTE
from coordination.storage import Workspace
from coordination.storage.workshops import Workshop
from coordination.text import md_literal
from coordination.wording import counted
from coordination.workshop.codes import spaced
from coordination.workshop.reveal import agreement_start, round_view
from coordination.workshop.settings import (
    ANONYMITY_LABELS,
    MIN_THRESHOLD,
    checked_setup,
    suggested_use_cases,
)

DONT_KNOW = "dont_know"


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


def agreement_form(ws: Workspace, workshop: Workshop, use_case: str, names: dict) -> None:
    """The team's answer per question, pre-filled with the combined answer, and why. Below the
    threshold nothing is pre-filled: the team chooses every answer."""
    store, questionnaire = services()
    responses = store.workshops.responses(ws.key, workshop.key, use_case)
    view = round_view(questionnaire, list(responses.values()), workshop.threshold)
    agreed = store.load(ws.key).use_case(use_case)
    start = agreement_start(view, agreed.agreed)
    st.subheader(md_literal(f"The team's answer for {names.get(use_case, use_case)}"))
    if start is None:
        st.info(
            f"Fewer than {workshop.threshold} people answered, so there is no combined answer "
            "to start from. Vote again, or choose the team's answer to every question.",
            icon=":material/edit_note:",
        )
    options = [0, 1, 2, 3, DONT_KNOW]
    with st.form(f"agree_{workshop.key}_{use_case}"):
        chosen, why = {}, {}
        for q in view.questions:
            left, right = st.columns([2, 3])
            chosen[q.id] = left.selectbox(
                md_literal(q.label),
                options,
                index=None if start is None else options.index(_option(start.get(q.id))),
                placeholder="Choose the team's answer",
                format_func=lambda v, q=q: (
                    "Don't know"
                    if v == DONT_KNOW
                    else f"{v} · {questionnaire.question(q.id).answers[v]}"
                ),
            )
            why[q.id] = right.text_input(
                f"Why ({md_literal(q.label)})",
                value=agreed.agreed_notes.get(q.id, ""),
                max_chars=MAX_NOTE,
                placeholder="One line: what the team agreed and why",
            )
        if st.form_submit_button("Record the team's answer", type="primary"):
            if missing := [q.label for q in view.questions if chosen[q.id] is None]:
                st.error(
                    md_literal(
                        f"Choose the team's answer for {', '.join(missing)}: nothing was "
                        "recorded yet."
                    )
                )
                return
            with shown():
                values = {q: (None if v == DONT_KNOW else v) for q, v in chosen.items()}
                store.workshops.agree(ws.key, workshop.key, use_case, values, why)
                st.toast("The team's answer is now this use case's assessment.")
                st.rerun()


def _option(value: int | None) -> int | str:
    return DONT_KNOW if value is None else value


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
