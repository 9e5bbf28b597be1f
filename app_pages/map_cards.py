"""The map's table on a phone: one use case per line, its level and trace first.

A table of six or more columns showed a phone two of them, and a "swipe sideways" hint helps
only those who read it; below 640 px the table is hidden and these lines shown instead (and the
other way round above), by a fixed style: the server cannot know the screen's width. Each name
opens the use case's result, as selecting a table row does.
"""

import pandas as pd
import streamlit as st

from app_pages.route import RESULT, carried
from coordination.text import md_literal

NARROW = 640  # px: below this, lines instead of the table
# Fixed styles only: no user text goes through st.html.
STYLE = f"""<style>
.st-key-map_cards {{ display: none; }}
@media (max-width: {NARROW}px) {{
  .st-key-map_cards {{ display: flex; }}
  .st-key-map_table {{ display: none; }}
}}
</style>"""
MOST = 100  # lines drawn: each is three elements, redrawn by the live map every few seconds
FIRST = ("Level", "Trace")  # what a reader looks for first; then the rest, as the table has them


def card_line(row: dict) -> str:
    """ "3 · Workflow integration · traced · Target: 4 · one below · Sales · 2 respondents"."""
    said = [str(row[c]) for c in FIRST]
    for column, value in row.items():
        if column in (*FIRST, "Use case", "Respondents") or value in ("", "—", None):
            continue
        said.append(f"{column}: {value}" if column in ("Target", "Risk") else str(value))
    n = int(row["Respondents"])
    said.append("no respondents yet" if n == 0 else f"{n} respondent{'s' * (n != 1)}")
    return " · ".join(said)


def cards(table: pd.DataFrame, ids: list[str]) -> None:
    """Shown instead of the table on a narrow screen: a link per use case, then its line."""
    st.html(STYLE)
    with st.container(key="map_cards", gap="small"):
        rows = table.head(MOST).to_dict("records")
        for uc, row in zip(ids[:MOST], rows, strict=True):
            with st.container(border=True, gap=None):
                st.page_link(
                    RESULT,
                    label=md_literal(row["Use case"]),
                    query_params=carried(uc=uc),
                    icon=":material/flag:",  # a link, as the Result page's own icon
                )
                st.caption(md_literal(card_line(row)))
        if len(table) > MOST:
            st.caption(
                f"The first {MOST} of {len(table)} use cases. Filter by function, level or "
                "objective to see the others here, or turn the phone sideways for the table."
            )
