"""The inventory page's parts: the form for one use case and the pasted list (the table is
`inventory_grid`'s)."""

from __future__ import annotations

import streamlit as st

from app_pages.errors import show, shown
from coordination.errors import CoordinationError
from coordination.inventory import new_use_case
from coordination.models import Assessment
from coordination.names import MAX_NAME
from coordination.pasted import PastedList, PastedRow, changed, parse_pasted
from coordination.storage import Store, Workspace
from coordination.text import md_literal

# carried to the next run: the table's refusals, the pasted list's, how many were added
PROBLEMS, PASTE_PROBLEM, ADDED = "inventory_problems", "inventory_paste_problem", "inventory_added"


def add_form(store: Store, ws: Workspace, functions: list[str], objectives: list[str]) -> None:
    with st.form("add_use_case", clear_on_submit=True, border=True):
        st.markdown("**Add a use case**")
        name_col, function_col, tool_col = st.columns([3, 2, 2])
        name = name_col.text_input(
            "Use case", max_chars=MAX_NAME, placeholder="e.g. Sales call summaries"
        )
        function = function_col.selectbox(
            "Function",
            functions,
            index=None,
            accept_new_options=True,
            placeholder="Pick or type one",
        )
        tool = tool_col.text_input(
            "Tool", max_chars=MAX_NAME, placeholder="e.g. the CRM's assistant"
        )
        objective_col, involved_col = st.columns([3, 4])
        objective = objective_col.selectbox(
            "Objective",
            objectives,
            index=None,
            accept_new_options=True,
            placeholder="What should it improve? Pick or type one",
        )
        involved = involved_col.multiselect(
            "Also involved",
            functions,
            accept_new_options=True,
            placeholder="Other functions that use or shape it",
        )
        if st.form_submit_button("Add use case", type="primary"):
            with shown():
                fields = new_use_case(
                    functions,
                    objectives,
                    function=function,
                    involved=involved,
                    objective=objective,
                    tool=tool,
                )
                store.add_use_case(ws.key, name, **fields)
                st.toast(md_literal(f"Added {name.strip()}"), icon=":material/check:")
                st.rerun()


def paste_list(store: Store, ws: Workspace, assessment: Assessment, functions: list[str]) -> None:
    """A list typed or copied elsewhere: previewed line by line, added in one step."""
    text_key = f"paste_{ws.key}"
    with st.expander(
        "Paste a list", icon=":material/content_paste:", expanded=not assessment.use_cases
    ):
        st.caption(
            "Optionally follow each use case with its function and tool after semicolons "
            "(*Call summaries; Sales; Gong*), or paste cells copied from a spreadsheet in that "
            "order. Blank lines and a header row are skipped."
        )
        text = st.text_area(
            "Your list",
            key=text_key,
            height=140,
            placeholder="Sales call summaries; Sales; Gong\nRelease notes; Product\nLead scoring",
        )
        st.button("Preview")  # leaving the box shows the preview too; the button says so
        if problem := st.session_state.pop(PASTE_PROBLEM, None):
            show(problem)
        if not text.strip():
            return
        parse = (text_key, [uc.name for uc in assessment.use_cases], functions)
        parsed = _parsed(*parse)
        if parsed.problem_text:
            show(parsed.problem_text)
        if parsed.rows:
            st.dataframe(
                parsed.preview,
                hide_index=True,
                placeholder="",
                column_config={"Line": st.column_config.NumberColumn(width="small")},
            )
        st.button(
            parsed.add_label,
            type="primary",
            disabled=not parsed.ok,
            on_click=_add_pasted,
            args=(store, ws.key, parsed.rows, parse),
        )


def _parsed(text_key: str, existing: list[str], functions: list[str]) -> PastedList:
    return parse_pasted(st.session_state.get(text_key) or "", existing, functions)


def _add_pasted(store: Store, key: str, previewed: tuple[PastedRow, ...], parse: tuple) -> None:
    """Adds what the preview showed, and only that: a list changed in the same click as the
    button (typed, then clicked without leaving the box) is previewed first."""
    if problem := changed(previewed, _parsed(*parse)):
        st.session_state[PASTE_PROBLEM] = problem
        return
    try:
        store.add_use_cases(key, [row.as_fields() for row in previewed])
    except CoordinationError as e:
        st.session_state[PASTE_PROBLEM] = str(e)
        return
    st.session_state[parse[0]] = ""
    st.session_state[ADDED] = len(previewed)
