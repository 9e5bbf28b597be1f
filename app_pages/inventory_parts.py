"""The inventory page's parts: the form for one use case, the pasted list, the table."""

from __future__ import annotations

import streamlit as st

from app_pages.errors import show, shown
from coordination.errors import CoordinationError
from coordination.inventory import matching
from coordination.models import Assessment
from coordination.names import MAX_NAME, MAX_NOTE
from coordination.pasted import PastedList, PastedRow, parse_pasted
from coordination.storage import Store, Workspace
from coordination.text import md_literal

# The four columns a manager reads first fit 1440 px side by side; the rest scroll.
GRID_ORDER = (
    "Use case",
    "Function",
    "Objective",
    "Respondents",
    "Tool",
    "Also involved",
    "Notes",
    "Retired",
)
PREVIEW = ("Line", "Use case", "Function", "Tool")
# carried to the next run: the table's refusals, the pasted list's, how many were added
PROBLEMS, PASTE_PROBLEM, ADDED = "inventory_problems", "inventory_paste_problem", "inventory_added"

# Glide's cell editor (the table widget's) drops what was typed on Escape: it finishes editing
# with no value, while a click elsewhere keeps it. People typing a name lose it silently, so
# Escape inside a cell editor (#portal .gdg-style) becomes that click: the edit is kept and
# saved. Installed once per browser tab; every other Escape (menus, dialogs) is left alone.
KEEP_ON_ESCAPE = """<script>
(() => {
  const doc = window.parent?.document ?? document;
  if (doc.cmKeepOnEscape) return;
  doc.cmKeepOnEscape = true;
  doc.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !event.target.closest?.("#portal .gdg-style")) return;
    event.stopImmediatePropagation();
    event.preventDefault();
    doc.body.dispatchEvent(new PointerEvent("pointerdown", {bubbles: true}));
  }, true);
})();
</script>"""


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
                store.add_use_case(
                    ws.key,
                    name,
                    function=matching(function, functions),
                    involved=[matching(f, functions) for f in involved],
                    objective=matching(objective, objectives),
                    tool=tool,
                )
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
        if parsed.problems:
            show("Nothing is added until these lines are fixed:\n" + "\n".join(parsed.problems))
        if parsed.rows:
            st.dataframe(
                [dict(zip(PREVIEW, _cells(r), strict=True)) for r in parsed.rows],
                hide_index=True,
                placeholder="",
                column_config={"Line": st.column_config.NumberColumn(width="small")},
            )
        st.button(
            f"Add {len(parsed.rows)} use case{'s' * (len(parsed.rows) != 1)}",
            type="primary",
            disabled=not parsed.ok,
            on_click=_add_pasted,
            args=(store, ws.key, parsed.rows, parse),
        )


def _parsed(text_key: str, existing: list[str], functions: list[str]) -> PastedList:
    return parse_pasted(st.session_state.get(text_key) or "", existing, functions)


def _cells(row: PastedRow) -> tuple:
    return row.line, row.name, row.function, row.tool


def _add_pasted(store: Store, key: str, previewed: tuple[PastedRow, ...], parse: tuple) -> None:
    """Adds what the preview showed, and only that: a list changed in the same click as the
    button (typed, then clicked without leaving the box) is previewed first."""
    if _parsed(*parse).rows != previewed:
        st.session_state[PASTE_PROBLEM] = "The list changed: check the new preview, then add."
        return
    try:
        store.add_use_cases(key, [row.as_fields() for row in previewed])
    except CoordinationError as e:
        st.session_state[PASTE_PROBLEM] = str(e)
        return
    st.session_state[parse[0]] = ""
    st.session_state[ADDED] = len(previewed)


def use_case_grid(frame, functions: list[str], objectives: list[str], **editor) -> None:
    """The table of use cases; `editor` holds data_editor's key and change callback."""
    st.data_editor(
        frame,
        hide_index=True,
        width="stretch",
        column_order=GRID_ORDER,
        placeholder="",
        column_config={
            "Use case": st.column_config.TextColumn(
                required=True, max_chars=MAX_NAME, width=260, pinned=True
            ),
            "Function": st.column_config.SelectboxColumn(options=functions, width=140),
            "Objective": st.column_config.TextColumn(
                max_chars=MAX_NAME,
                width=230,
                help="What it should improve, in your words, e.g. "
                + "; ".join(md_literal(o) for o in objectives),
            ),
            "Respondents": st.column_config.NumberColumn(
                disabled=True, width=110, help="People who answered its questions"
            ),
            "Also involved": st.column_config.MultiselectColumn(
                options=functions, accept_new_options=True, width=200
            ),
            "Tool": st.column_config.TextColumn(max_chars=MAX_NAME, width=170),
            "Notes": st.column_config.TextColumn(max_chars=MAX_NOTE, width=320),
            "Retired": st.column_config.CheckboxColumn(
                width=80, help="Retired use cases stay in backups but leave the map."
            ),
        },
        **editor,
    )
    st.caption(
        "Click a cell and type. **Enter**, **Tab**, **Escape** or a click elsewhere keeps what "
        "you typed, and it is saved at once. To drop a use case, tick *Retired*: its answers "
        "are kept."
    )


def keep_edits_on_escape() -> None:
    """Last on the page: the script draws nothing, but its element still takes a gap."""
    st.html(KEEP_ON_ESCAPE, unsafe_allow_javascript=True)
