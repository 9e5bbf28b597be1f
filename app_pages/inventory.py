"""Inventory: where does AI already enter our work? Functions and use cases, edited in place."""

import pandas as pd
import streamlit as st

from app_pages.common import TRACE, md_literal, orgmap, require_workspace, services, show_error
from coordination.errors import CoordinationError
from coordination.inventory import apply_table_edits, inventory_frame

store, questionnaire = services()
ws = require_workspace()
assessment = orgmap(ws).assessment

st.title("Inventory")
st.caption(f"Workspace: {md_literal(ws.name)}" + (" — demo organization" if ws.is_demo else ""))
st.markdown(
    "**Where does AI already enter our work?** List each place where a tool drafts, "
    "summarizes, scores or suggests something. Changes are saved as you make them."
)

for problem in st.session_state.pop("inventory_problems", []):
    show_error(problem)


def save_functions(rows: list[str]) -> None:
    edited = st.session_state[f"functions_{ws.slug}_{ws.version}"]
    rows = list(rows)
    for row, change in edited["edited_rows"].items():
        rows[int(row)] = change.get("Function", rows[int(row)])
    rows = [r for i, r in enumerate(rows) if i not in edited["deleted_rows"]]
    rows += [added.get("Function") for added in edited["added_rows"]]
    try:
        store.set_functions(ws.slug, [r for r in rows if r])
    except CoordinationError as e:
        st.session_state["inventory_problems"] = [str(e)]


def save_use_cases(keys: list[str]) -> None:
    delta = st.session_state[f"use_cases_{ws.slug}_{ws.version}"]
    st.session_state["inventory_problems"] = apply_table_edits(store, ws.slug, keys, delta)


functions = assessment.all_functions()
left, right = st.columns([1, 3])
with left:
    st.subheader("Functions")
    st.data_editor(
        pd.DataFrame({"Function": functions}),
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        key=f"functions_{ws.slug}_{ws.version}",
        on_change=save_functions,
        args=(functions,),
    )
    st.caption("A function still named by a use case stays listed until that use case moves.")

with right:
    st.subheader("AI use cases")
    frame = inventory_frame(assessment)
    objectives = list(
        dict.fromkeys([*questionnaire.objectives, *frame["Objective"].dropna().tolist()])
    )
    st.data_editor(
        frame,
        num_rows="add",
        hide_index=True,
        width="stretch",
        key=f"use_cases_{ws.slug}_{ws.version}",
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
        "Add a row at the bottom of the table. To drop a use case, tick *Retired*: its "
        "answers are kept."
    )

if any(not uc.retired for uc in assessment.use_cases):
    st.page_link(TRACE, label="Trace a use case →", icon=":material/route:")

with st.expander("Rename this workspace"), st.form("rename_workspace", border=False):
    new_name = st.text_input("Workspace name", value=ws.name, max_chars=200)
    if st.form_submit_button("Rename"):
        try:
            store.rename_workspace(ws.slug, new_name)
        except CoordinationError as e:
            show_error(e)
        else:
            st.rerun()
