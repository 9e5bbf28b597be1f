"""Organization map: where coordination is missing across all use cases.

With "Live" on, the map part reruns every few seconds on its own (a fragment), so a facilitator's
projected screen follows answers as workshop participants give them.
"""

import streamlit as st

from app_pages.errors import shown
from app_pages.orgmap import orgmap
from app_pages.route import RESULT, Route, go, remember, require_workspace
from coordination.charts import download_config, screen_height
from coordination.export import figure_bytes
from coordination.text import md_literal
from coordination.views import NOT_TRACED, filter_levels

VIEWS = {
    "answers": "Gaps by question",
    "levels": "Levels",
    "functions": "Functions × levels",
    "distribution": "Distribution",
    "spread": "Disagreement",
}
ROW_VIEWS = ("answers", "levels", "spread")  # one row per use case: height grows with rows
LIVE_SECONDS = 5

ws = require_workspace()


def active_levels():
    org = orgmap(ws)  # cached on the data version: cheap until someone answers
    active = [uc.id for uc in org.assessment.use_cases if not uc.retired]
    return org, org.levels[org.levels["id"].isin(active)]


org, levels = active_levels()
st.title("Organization map")
st.caption(md_literal(ws.name) + (" — demo organization" if ws.is_demo else ""))
if levels.empty:
    st.info("No use cases yet: list them in the inventory, then trace them.")
    st.stop()

function_filter, level_filter, objective_filter = st.columns(3)
filters = {
    "functions": function_filter.multiselect("Function", sorted(levels["function"].unique())),
    "level_names": level_filter.multiselect("Level", [*org.level_names, NOT_TRACED]),
    "objectives": objective_filter.multiselect("Objective", sorted(levels["objective"].unique())),
}
choice, live_switch = st.columns([4, 1], vertical_alignment="bottom")
route = Route.here()
# Keyed widgets started from the URL once: a `default` that changes with the URL made the
# picker a new widget on every rerun, which dropped every second click.
st.session_state.setdefault("map_view", route.view if route.view in VIEWS else "answers")
st.session_state.setdefault("map_live", route.live == "1")


def keep_a_view() -> None:
    """Clicking the chosen chart again would leave none chosen: keep it instead."""
    if st.session_state["map_view"] is None:
        st.session_state["map_view"] = st.session_state.get("map_view_last", "answers")
    st.session_state["map_view_last"] = st.session_state["map_view"]


view = choice.segmented_control(
    "Chart", list(VIEWS), format_func=VIEWS.get, key="map_view", on_change=keep_a_view
)
live = live_switch.toggle(
    "Live",
    key="map_live",
    help=f"Refresh the map every {LIVE_SECONDS} seconds, "
    "for a workshop where people are answering now.",
)
remember(view=view, live="1" if live else None)


@st.fragment(run_every=LIVE_SECONDS if live else None)
def draw_map() -> None:
    org, levels = active_levels()
    shown = filter_levels(levels, **filters)
    if shown.empty:
        st.warning("No use case matches these filters.")
        return
    ids = shown["id"].tolist()
    st.markdown(f"#### {md_literal(org.headline(ids))}")
    a, b, c = st.columns(3)
    a.metric("Use cases shown", len(shown))
    b.metric("Traced", int(shown["level"].notna().sum()))
    c.metric("At workflow integration or above", int((shown["level"] >= 3).sum()))
    st.plotly_chart(
        org.figure(view, ids=ids),
        theme=None,
        width="stretch",
        height=screen_height(len(ids)) if view in ROW_VIEWS else "content",
        config=download_config(f"{ws.file_stem}-{view}"),
        key=f"chart_{view}",
    )
    st.caption("The camera icon above the chart saves it as a 16:9 PNG for slides.")
    st.subheader("Use cases")
    st.caption("Select a row to open that use case's result.")
    table = shown[["use case", "function", "objective", "level name", "respondents"]]
    event = st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="map_table",
    )
    if event.selection.rows:
        go(RESULT, uc=ids[event.selection.rows[0]])
    export(org, ids)


def export(org, ids: list[str]) -> None:
    with st.expander("Export this chart as a file (PNG, SVG or HTML, 16:9)"):
        fmt = st.radio("Format", ["png", "svg", "html"], horizontal=True)
        if st.button("Prepare the file"):
            with shown(), st.spinner("Drawing the chart…"):
                content = figure_bytes(org.figure(view, ids), fmt)
                st.session_state["export"] = (view, fmt, content)
        if prepared := st.session_state.get("export"):
            st.download_button(
                f"Download {VIEWS[prepared[0]]} ({prepared[1].upper()})",
                prepared[2],
                file_name=f"{ws.file_stem}-{prepared[0]}.{prepared[1]}",
            )


draw_map()
