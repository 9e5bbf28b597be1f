"""The plan and the target level where a use case is read (Result) and the free item form the
Plan page offers. The verdicts come from `coordination.progress`; this only draws and asks."""

from __future__ import annotations

import streamlit as st

from app_pages.clock import today
from coordination.names import MAX_NAME, MAX_NOTE
from coordination.progress.plan import plan_rows
from coordination.progress.targets import gap_sentence
from coordination.text import md_literal

NO_TARGET = "No target"


def target_choice(store, ws, questionnaire, use_case, result) -> None:
    """The owner's target level for this use case, saved on change, and how far it is."""
    options = [None, *range(1, questionnaire.max_level + 1)]
    key = f"target_{ws.key}_{use_case.id}_{ws.version}"

    def save() -> None:
        store.update_use_case(ws.key, use_case.id, target_level=st.session_state[key])

    st.selectbox(
        "Target level",
        options,
        index=options.index(use_case.target_level),
        format_func=lambda lv: (
            NO_TARGET if lv is None else f"{lv} · {questionnaire.level_name(lv)}"
        ),
        key=key,
        on_change=save,
        help="Where the owner wants this use case to be; the map shows how far it is.",
    )
    if sentence := gap_sentence(questionnaire, result, use_case.target_level):
        st.markdown(md_literal(sentence))


def use_case_plan(store, ws, org, use_case, result) -> None:
    """This use case's plan items with their verdicts, and a form to take on a next step."""
    rows = plan_rows([use_case], {use_case.id: result.answers}, today())
    st.markdown("**In the plan**" if rows else "**Nothing in the plan yet.**")
    for r in rows:
        said = [r.item.owner or "no owner yet", f"due {r.due:%d %b %Y}" if r.due else "no date",
                r.item.status]  # fmt: skip
        verdict = "achieved" if r.achieved else r.flag or ""
        st.markdown(
            f"- {md_literal(r.item.text)} — {md_literal(' · '.join(said))}"
            + (f" · **{verdict}**" if verdict else "")
        )
    planned = {tuple(r.item.conditions) for r in rows}
    open_steps = [s for s in result.steps if s.conditions and s.conditions not in planned]
    if not open_steps:
        return
    with st.form(f"take_on_{use_case.id}", clear_on_submit=True, border=True):
        st.markdown("**Take on a step**")
        texts = [s.text for s in open_steps]
        chosen = st.selectbox("Step", range(len(texts)), format_func=lambda i: texts[i],
                              key=f"step_{use_case.id}")  # fmt: skip
        owner = st.text_input("Owner", max_chars=MAX_NAME, placeholder="A person or a function",
                              key=f"owner_{use_case.id}")  # fmt: skip
        due = st.date_input("Due", value=None, key=f"due_{use_case.id}", format="YYYY-MM-DD")
        if st.form_submit_button("Add to the plan", type="primary"):
            step = open_steps[chosen]
            store.add_plan_item(ws.key, use_case.id, step.text, step.conditions, owner=owner,
                                due=due)  # fmt: skip
            st.rerun()


def add_free_item(store, ws, org) -> None:
    """An item of the owner's own, not one of the method's steps: judged by its status."""
    cases = {uc.id: uc.name for uc in org.assessment.use_cases if not uc.retired}
    if not cases:
        return
    with st.form("free_item", clear_on_submit=True, border=True):
        st.markdown("**Add an item of your own**")
        use_case = st.selectbox("Use case", list(cases), format_func=cases.get)
        text = st.text_area("What will be done", max_chars=MAX_NOTE)
        owner = st.text_input("Owner", max_chars=MAX_NAME, placeholder="A person or a function")
        due = st.date_input("Due", value=None, format="YYYY-MM-DD")
        if st.form_submit_button("Add to the plan"):
            store.add_plan_item(ws.key, use_case, text, owner=owner, due=due)
            st.rerun()
