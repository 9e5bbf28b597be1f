"""The team's agreed answer, recorded on the console after a reveal: per question its answer
(pre-filled with the room's combined answer when enough people answered) and one line why."""

from __future__ import annotations

import streamlit as st

from app_pages.errors import shown
from app_pages.services import services
from app_pages.workshop_parts import DONT_KNOW
from coordination.names import MAX_NOTE
from coordination.storage import Workspace
from coordination.storage.workshops import Workshop
from coordination.text import md_literal
from coordination.workshop.reveal import agreement_start, round_view


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
