"""The presenter view, for the projector: how to join, who joined, how far the vote is, then
the room's answers. No sidebar, no controls, no private notes, no names (whatever the anonymity);
large type for the back of the room. It follows the room by itself; its workshop is in the URL,
so a reload puts it back as it was. Never the console's peek: answers appear at the reveal."""

import streamlit as st

from app_pages.errors import live_part
from app_pages.route import Route, require_workspace
from app_pages.services import services
from app_pages.workshop_views import join_panel, live_round, preload_charts
from coordination.text import md_literal
from coordination.workshop.settings import revealed

# Once a second: the reveal shows on the projector within about 1 s of the last answer (it
# took up to 4.6 s at every 2 s, bench/bench_workshop.py); a run of this page is cheap.
REFRESH_SECONDS = 1
LARGE_TYPE = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] { display: none; }
.stMainBlockContainer { max-width: 1800px; padding-top: 1.5rem; }
.stMarkdown p, .stMarkdown li { font-size: 1.6rem; }
[data-testid="stAlert"] p { font-size: 1.6rem; }
[data-testid="stProgress"] p { font-size: 1.4rem; }
[data-testid="stProgress"] > div > div { height: 1rem; }
.stMarkdown h1 { font-size: 4rem; }
</style>"""

store, questionnaire = services()
ws = require_workspace()
route = Route.here()
st.html(LARGE_TYPE)  # fixed styles only: no user text goes through st.html
workshops = {w.key: w for w in store.workshops.of_workspace(ws.key)}
if route.w not in workshops:
    st.title("No workshop to present")
    st.markdown("Open the presenter view from a workshop's console.")
    st.stop()
names = dict(store.use_cases(ws.key))


@live_part(REFRESH_SECONDS)  # always live: a projector has nobody to flip a switch
def screen() -> None:
    preload_charts()
    workshop = store.workshops.get(ws.key, route.w)
    joined = store.workshops.joined(ws.key, workshop.key)
    shown = workshop.voting or next(
        (rd for rd in reversed(workshop.rounds) if revealed(rd.phase)), None
    )
    if workshop.closed:
        st.title("Thank you — this workshop is closed")
    elif shown is None or shown.phase == "voting":
        join_panel(workshop, large=True, joined=len(joined))
    if shown is None:
        return
    st.title(md_literal(names.get(shown.use_case, shown.use_case)))
    live_round(ws.key, workshop, shown.use_case, presenter=True)


screen()
