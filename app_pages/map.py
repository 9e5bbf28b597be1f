"""Organization map: where coordination is missing across all use cases."""

import streamlit as st

from app_pages.common import RESULT, go, md_literal, orgmap, require_workspace, services, show_error
from coordination.charts import fit_to_screen
from coordination.errors import CoordinationError
from coordination.export import figure_bytes
from coordination.views import filter_levels

store, questionnaire = services()
ws = require_workspace()
org = orgmap(ws)
active_ids = [uc.id for uc in org.assessment.use_cases if not uc.retired]
levels = org.levels[org.levels["id"].isin(active_ids)]

st.title("Organization map")
st.caption(md_literal(ws.name) + (" — demo organization" if ws.is_demo else ""))
if levels.empty:
    st.info("No use cases yet: list them in the inventory, then trace them.")
    st.stop()
st.markdown(f"#### {md_literal(org.headline())}")

function_filter, level_filter, objective_filter = st.columns(3)
shown = filter_levels(
    levels,
    functions=function_filter.multiselect("Function", sorted(levels["function"].unique())),
    level_names=level_filter.multiselect("Level", org.level_names + ["Not traced"]),
    objectives=objective_filter.multiselect("Objective", sorted(levels["objective"].unique())),
)
if shown.empty:
    st.warning("No use case matches these filters.")
    st.stop()

ids = shown["id"].tolist()
traced = int(shown["level"].notna().sum())
a, b, c = st.columns(3)
a.metric("Use cases shown", len(shown))
b.metric("Traced", traced)
c.metric("Reach workflow integration or higher", int((shown["level"] >= 3).sum()))

VIEWS = {
    "answers": "Where coordination is missing",
    "levels": "Levels by use case",
    "functions": "Functions × levels",
    "distribution": "Level distribution",
    "spread": "Disagreement",
}
for tab, view in zip(st.tabs(list(VIEWS.values())), VIEWS, strict=True):
    with tab:
        rows = len(ids) if view in ("answers", "spread", "levels") else 0
        fig = fit_to_screen(org.figure(view, ids=ids), rows)
        st.plotly_chart(fig, theme=None, width="stretch", key=f"chart_{view}")

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

with st.expander("Export a chart for slides (PNG or SVG, 16:9)"):
    view = st.selectbox("Chart", list(VIEWS), format_func=VIEWS.get)
    fmt = st.radio("Format", ["png", "svg", "html"], horizontal=True)
    if st.button("Prepare the file"):
        try:
            with st.spinner("Drawing the chart…"):
                st.session_state["export"] = (view, fmt, figure_bytes(org.figure(view, ids), fmt))
        except CoordinationError as e:
            show_error(e)
    if prepared := st.session_state.get("export"):
        st.download_button(
            f"Download {prepared[0]}.{prepared[1]}",
            prepared[2],
            file_name=f"{ws.slug}-{prepared[0]}.{prepared[1]}",
        )
