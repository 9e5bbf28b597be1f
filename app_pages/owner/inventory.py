"""Inventory: where does AI already enter our work? Functions and use cases, saved as edited."""

import pandas as pd
import streamlit as st

from app_pages.errors import show, shown
from app_pages.orgmap import orgmap
from app_pages.route import TRACE, require_workspace
from app_pages.services import services
from coordination.errors import CoordinationError
from coordination.inventory import apply_table_edits, edited_functions, inventory_frame
from coordination.text import md_literal

store, questionnaire = services()
ws = require_workspace()
assessment = orgmap(ws).assessment
functions = assessment.all_functions()
frame = inventory_frame(assessment)
editor_version = f"{ws.key}_{ws.version}"  # a new table after every write shows what is stored

st.title("Inventory")
st.caption(f"Workspace: {md_literal(ws.name)}" + (" — demo organization" if ws.is_demo else ""))
st.markdown(
    "**Where does AI already enter our work?** List each place where a tool drafts, "
    "summarizes, scores or suggests something: one row per use case."
)
for problem in st.session_state.pop("inventory_problems", []):
    show(problem)

with st.form("add_use_case", clear_on_submit=True, border=True):
    st.markdown("**Add a use case**")
    name_col, function_col, objective_col, tool_col = st.columns([3, 2, 2, 2])
    name = name_col.text_input("Use case", max_chars=200, placeholder="e.g. Sales call summaries")
    function = function_col.selectbox(
        "Function", functions, index=None, accept_new_options=True, placeholder="Pick or type one"
    )
    objective = objective_col.selectbox(
        "Objective", questionnaire.objectives, index=None, placeholder="What should it improve?"
    )
    tool = tool_col.text_input("Tool", max_chars=200, placeholder="e.g. the CRM's assistant")
    if st.form_submit_button("Add use case", type="primary"):
        with shown():
            store.add_use_case(ws.key, name, function=function, objective=objective, tool=tool)
            st.toast(md_literal(f"Added {name.strip()}"), icon=":material/check:")
            st.rerun()


def save_use_cases(keys: list[str]) -> None:
    delta = st.session_state[f"use_cases_{editor_version}"]
    st.session_state["inventory_problems"] = apply_table_edits(store, ws.key, keys, delta)


def save_functions(current: list[str]) -> None:
    delta = st.session_state[f"functions_{editor_version}"]
    try:
        store.set_functions(ws.key, edited_functions(current, delta))
    except CoordinationError as e:
        st.session_state["inventory_problems"] = [str(e)]


if not frame.empty:
    st.subheader(f"AI use cases ({len(frame)})")
    objectives = list(
        dict.fromkeys([*questionnaire.objectives, *frame["Objective"].dropna().tolist()])
    )
    st.data_editor(
        frame,
        hide_index=True,
        width="stretch",
        key=f"use_cases_{editor_version}",
        on_change=save_use_cases,
        args=([uc.id for uc in assessment.use_cases],),
        column_config={
            "Use case": st.column_config.TextColumn(required=True, max_chars=200, width="large"),
            "Function": st.column_config.SelectboxColumn(options=functions),
            "Also involved": st.column_config.MultiselectColumn(options=functions),
            "Tool": st.column_config.TextColumn(max_chars=200),
            "Objective": st.column_config.SelectboxColumn(options=objectives, width="medium"),
            "Notes": st.column_config.TextColumn(width="large"),
            "Retired": st.column_config.CheckboxColumn(
                help="Retired use cases stay in backups but leave the map."
            ),
            "Respondents": st.column_config.NumberColumn(disabled=True),
        },
    )
    st.caption(
        "Click a cell to change it; changes are saved at once. To drop a use case, tick "
        "*Retired*: its answers are kept."
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
    new_name = st.text_input("Workspace name", value=ws.name, max_chars=200)
    if st.form_submit_button("Rename"):
        with shown():
            store.rename_workspace(ws.key, new_name)
            st.rerun()
