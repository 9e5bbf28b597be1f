"""Inventory: where does AI already enter our work? Functions and use cases, saved as edited."""

import pandas as pd
import streamlit as st

from app_pages.errors import show, shown
from app_pages.inventory_grid import use_case_grid
from app_pages.inventory_parts import ADDED, PROBLEMS, add_form, paste_list
from app_pages.orgmap import orgmap
from app_pages.route import TRACE, require_workspace
from app_pages.services import services
from app_pages.table_escape import keep_edits_on_escape
from coordination.errors import CoordinationError
from coordination.inventory import (
    apply_table_edits,
    edited_functions,
    inventory_frame,
    objective_choices,
)
from coordination.names import MAX_NAME
from coordination.text import md_literal

store, questionnaire = services()
ws = require_workspace()
assessment = orgmap(ws).assessment
functions = assessment.all_functions()
objectives = objective_choices(questionnaire.objectives, assessment)
frame = inventory_frame(assessment)
editor_version = f"{ws.key}_{ws.version}"  # a new table after every write shows what is stored

st.title("Inventory")
st.caption(f"Workspace: {md_literal(ws.name)}" + (" — demo organization" if ws.is_demo else ""))
st.markdown(
    "**Where does AI already enter our work?** List each place where a tool drafts, "
    "summarizes, scores or suggests something: one row per use case."
)
for problem in st.session_state.pop(PROBLEMS, []):
    show(problem)
if added := st.session_state.pop(ADDED, 0):
    st.toast(f"Added {added} use case{'s' * (added != 1)}", icon=":material/check:")

add_form(store, ws, functions, objectives)
paste_list(store, ws, assessment, functions)


def save_use_cases(keys: list[str]) -> None:
    delta = st.session_state[f"use_cases_{editor_version}"]
    st.session_state[PROBLEMS] = apply_table_edits(store, ws.key, keys, delta, objectives)


def save_functions(current: list[str]) -> None:
    delta = st.session_state[f"functions_{editor_version}"]
    try:
        store.set_functions(ws.key, edited_functions(current, delta))
    except CoordinationError as e:
        st.session_state[PROBLEMS] = [str(e)]


if not frame.empty:
    st.subheader(f"AI use cases ({len(frame)})")
    use_case_grid(
        frame,
        functions,
        list(questionnaire.objectives),
        key=f"use_cases_{editor_version}",
        on_change=save_use_cases,
        args=([uc.id for uc in assessment.use_cases],),
    )
    st.page_link(TRACE, label="Trace a use case →", icon=":material/route:")

with st.expander(f"Functions ({len(functions)})"):
    st.data_editor(
        pd.DataFrame({"Function": functions}),
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        key=f"functions_{editor_version}",
        on_change=save_functions,
        args=(functions,),
    )
    st.caption(
        "Add, rename or remove functions. A function a use case still names stays "
        "listed until that use case moves."
    )

with st.expander("Rename this workspace"), st.form("rename_workspace", border=False):
    new_name = st.text_input("Workspace name", value=ws.name, max_chars=MAX_NAME)
    if st.form_submit_button("Rename"):
        with shown():
            store.rename_workspace(ws.key, new_name)
            st.rerun()

keep_edits_on_escape()
