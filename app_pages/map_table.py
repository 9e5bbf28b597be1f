"""The map's table: the use cases as a plain table, each name a link to its result; past a
hundred use cases, a data grid, where selecting a row opens the result.

It was always the grid (st.dataframe). A new tab loads 1.2 MB of JavaScript for it (Arrow and
the grid's own) and lays it out on a canvas: 0.5 s of the map's 1.5 s, which made the map
1.4–1.7× a bare page's time (issue 14). A table of text is read by a screen reader as a table,
wraps a long name instead of cutting it on a projector, and its links open a result here or,
with a middle click, in a tab of its own. It costs the browser more per row than the grid,
which draws only the rows in sight: at 100 use cases both are ready in the same time, at 500
the text took 2.6–3.0 s against the grid's 1.6 s, so a long inventory keeps the grid, which
also sorts and scrolls.

Every cell of st.table is markdown, so every cell is made literal first; the links are ours.
Streamlit opens a markdown link in a new tab; a plain click on one of these stays in this tab
and in this session, as the browser's Back button does.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from app_pages.route import RESULT, carried, go
from coordination.text import md_literal

KEY = "map_table"  # map_cards.py hides it on a narrow screen, by this key
TEXT_ROWS = 100  # up to this many use cases, a table of text; more, the grid
NOTES = {
    "Target": "Target: the level the owner set on the Result page, and how far the use case is.",
    "Risk": "Risk: a higher level's conditions hold while a lower level's fail, practice running "
    "ahead of its foundations; the use case's result says what to do.",
}
# Fixed text only: no user text goes through st.html. Its selector holds KEY.
SAME_TAB = """<script>
(() => {
  const doc = window.parent?.document ?? document;
  if (doc.cmMapLinks) return;
  doc.cmMapLinks = true;
  doc.addEventListener("click", (event) => {
    const link = event.target.closest?.(".st-key-map_table a[href]");
    if (!link || link.origin !== doc.location.origin || event.button !== 0) return;
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    // Opened as the browser's Back and Forward open a page: Streamlit follows the address in
    // this session (about 0.25 s), where loading it anew took 0.5 s. Were that ever ignored,
    // the table would still be here: then the address is loaded anew.
    const view = doc.defaultView, table = link.closest(".st-key-map_table");
    view.history.pushState(null, "", link.href);
    view.dispatchEvent(new PopStateEvent("popstate"));
    view.setTimeout(() => {
      if (table.isConnected && view.location.href === link.href) view.location.reload();
    }, 5000);
  }, true);
})();
</script>"""


def result_link(name: str, use_case: str) -> str:
    """A markdown link to a use case's result, relative to this page (a base path stays)."""
    return f"[{md_literal(name)}](result?{urlencode(carried(uc=use_case))})"


def cells(table: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """The table as markdown: every cell literal, the use case's name its result's link."""
    shown = table.map(lambda cell: md_literal(str(cell)))
    shown["Use case"] = [
        result_link(name, uc) for name, uc in zip(table["Use case"], ids, strict=True)
    ]
    return shown


def hint(rows: int) -> str:
    """How to open a result from the table (a phone's lines are links, as the text's names)."""
    if rows <= TEXT_ROWS:
        return "Open a use case's result from its name."
    return "Open a use case's result from its name, or on a wide screen by selecting its row."


def map_table(table: pd.DataFrame, ids: list[str]) -> None:
    """The table (text or grid, by its length) and what its Target and Risk columns mean."""
    if len(table) <= TEXT_ROWS:
        st.html(SAME_TAB, unsafe_allow_javascript=True)
        with st.container(key=KEY):
            st.table(cells(table, ids), hide_index=True, border="horizontal")
    else:
        event = st.dataframe(
            table, hide_index=True, width="stretch", on_select="rerun",
            selection_mode="single-row", key=KEY,
        )  # fmt: skip
        if event.selection.rows:
            go(RESULT, uc=ids[event.selection.rows[0]])
    if notes := [NOTES[column] for column in NOTES if column in table.columns]:
        st.caption(" ".join(notes))
