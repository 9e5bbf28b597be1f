"""The inventory's table of use cases: edited in place, each edit saved at once."""

from __future__ import annotations

import streamlit as st

from coordination.names import MAX_NAME, MAX_NOTE
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
