"""Organization map: where coordination is missing across all use cases.

With "Live" on, the map part reruns every few seconds on its own (a fragment), so a facilitator's
projected screen follows answers as workshop participants give them.
"""

import streamlit as st

from app_pages.chart_export import export
from app_pages.clock import today
from app_pages.errors import live_part
from app_pages.map_cards import cards
from app_pages.map_filters import picked
from app_pages.map_table import hint, map_table
from app_pages.orgmap import orgmap
from app_pages.route import Route, remember, require_workspace
from app_pages.since import since_picker
from coordination.report import map_screen as offer
from coordination.report.changes import changes_chart
from coordination.report.frame import screen_config
from coordination.report.style import ON_SLIDE
from coordination.report.vega import chart_title
from coordination.report.views import NOT_TRACED, filter_levels, function_choices
from coordination.report.views import map_table as views_table
from coordination.text import md_literal

LIVE_SECONDS = 5

ws = require_workspace()


def active_levels():
    org = orgmap(ws)  # cached on the data version: cheap until someone answers
    return org, org.active_levels


org, levels = active_levels()
st.title("Organization map")
st.caption(md_literal(ws.name) + (" — demo organization" if ws.is_demo else ""))
if levels.empty:
    st.info("No use cases yet: list them in the inventory, then trace them.")
    st.stop()

function_filter, level_filter, objective_filter, since_column = st.columns(4)
since = since_picker(ws, since_column)
views = offer.views(baseline=since is not None)
objectives = sorted(levels["objective"].unique())
filters = {
    "functions": picked(function_filter, "Function", function_choices(levels), "function"),
    "level_names": picked(level_filter, "Level", [*org.level_names, NOT_TRACED], "level"),
    "objectives": picked(objective_filter, "Objective", objectives, "objective"),
}
choice, live_switch = st.columns([4, 1], vertical_alignment="bottom")
route = Route.here()
# Keyed widgets started from the URL once: a `default` that changes with the URL made the
# picker a new widget on every rerun, which dropped every second click.
st.session_state.setdefault("map_view", offer.view_or_first(route.view, views))
if st.session_state["map_view"] not in views:  # "What changed" with no baseline left
    st.session_state["map_view"] = offer.FIRST_VIEW
st.session_state.setdefault("map_live", route.live == "1")


def keep_a_view() -> None:
    """Clicking the chosen chart again would leave none chosen: keep it instead."""
    if st.session_state["map_view"] is None:
        st.session_state["map_view"] = st.session_state.get("map_view_last", offer.FIRST_VIEW)
    st.session_state["map_view_last"] = st.session_state["map_view"]


# wrap: on a phone the views take two rows; in one row, those past the edge were out of
# sight with nothing saying they were there.
view = choice.segmented_control(
    "Chart", list(views), format_func=views.get, key="map_view", on_change=keep_a_view, wrap=True
)
live = live_switch.toggle(
    "Live",
    key="map_live",
    help=f"Refresh the map every {LIVE_SECONDS} seconds, "
    "for a workshop where people are answering now.",
)
remember(view=view, live="1" if live else None)


@live_part(LIVE_SECONDS if live else None)
def draw_map() -> None:
    org, levels = active_levels()
    shown = filter_levels(levels, **filters)
    if shown.empty:
        st.warning("No use case matches these filters.")
        return
    ids = shown["id"].tolist()
    headline = org.headline(ids)
    if org.other_lens:  # answers this questionnaire does not ask: said, never silently hidden
        st.warning(md_literal(org.other_lens.sentence()), icon=":material/rule:")
    if said := offer.heading(headline, org.other_lens and org.other_lens.sentence()):
        st.markdown(f"#### {md_literal(said)}")
    if since:
        st.markdown(md_literal(since.headline(ids)))
    if note := org.withheld_note(ids):
        st.caption(md_literal(note))
    for column, count in zip(st.columns(3), offer.counts(shown, org.questionnaire), strict=True):
        column.metric(count.label, count.value, help=count.help)
    figure = changes_chart(since, ids) if view == offer.CHANGES else org.on_screen(view, ids=ids)
    st.markdown(f"##### {md_literal(chart_title(figure))}")
    if view == "spread" and (alone := org.nothing_to_compare(ids)):
        st.info(alone, icon=":material/person:")  # a grid of "one" would say nothing
    elif isinstance(figure, dict):  # Vega-Lite: a new tab draws it without plotly's JavaScript
        st.vega_lite_chart(
            figure, theme=None, width="stretch", key=f"chart_{view}", alt=chart_title(figure)
        )
    else:
        st.plotly_chart(
            figure, theme=None, width="stretch", config=screen_config(), key=f"chart_{view}"
        )
    if view == offer.CHANGES:
        st.dataframe(since.frame(ids), hide_index=True, width="stretch", key="changes_table")
    st.subheader("Use cases")
    table = views_table(shown, since, org.targets, org.risk_marks(ids))
    st.caption(hint(len(table)))
    cards(table, ids)  # a phone's table: one line per use case, hidden on a wider screen
    map_table(table, ids)
    export(ws, org, ids, views[view], lambda: slide(org, ids))


def slide(org, ids: list[str]):
    if view == offer.CHANGES:
        return changes_chart(since, ids, subtitle=org.subtitle(ids, today()), medium=ON_SLIDE)
    return org.slide(view, ids, today())


draw_map()
