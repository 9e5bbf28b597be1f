"""Did it improve the work, or only make it faster? The lens's outcome questions for one use
case on its Result page, each saved when chosen (a snapshot then carries the answers)."""

from __future__ import annotations

import streamlit as st

from coordination.text import md_literal

NOT_SAID = "—"


def outcome_answers(store, ws, questionnaire, use_case) -> None:
    if not questionnaire.outcomes:
        return
    st.subheader("Improved, or only faster?")
    st.caption(
        "What this use case changed in the work, as it works today. A level that rises while "
        "the work only gets faster is flagged when you compare with a snapshot."
    )
    columns = st.columns(2)
    for k, outcome in enumerate(questionnaire.outcomes):
        ids = [None, *(a.id for a in outcome.answers)]
        words = {a.id: a.label for a in outcome.answers} | {None: NOT_SAID}
        key = f"outcome_{ws.key}_{use_case.id}_{outcome.id}_{ws.version}"
        current = use_case.outcomes.get(outcome.id)

        def save(outcome=outcome, key=key) -> None:
            store.set_outcome(ws.key, use_case.id, outcome.id, st.session_state[key])

        columns[k % 2].selectbox(
            md_literal(outcome.text),
            ids,
            index=ids.index(current) if current in ids else 0,
            format_func=words.get,
            key=key,
            on_change=save,
            help=md_literal(outcome.help),
        )
