"""The presenter view, for the projector: how to join, who joined, how far the vote is, then
the room's answers. No sidebar, no controls, no private notes, no names (whatever the anonymity);
large type for the back of the room. It follows the room by itself; its workshop is in the URL,
so a reload puts it back as it was. Never the console's peek: answers appear at the reveal."""

import streamlit as st

from app_pages.chart_warmup import preload_charts
from app_pages.errors import live_part
from app_pages.route import Route, require_workspace
from app_pages.services import services
from app_pages.workshop_views import join_panel, live_round
from coordination.text import md_literal

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
    room = store.workshops.room(ws.key, route.w)  # the use case on show (console.on_show)
    workshop, shown = room.workshop, room.use_case
    if workshop.closed:
        st.title("Thank you — this workshop is closed")
    elif shown is None or workshop.round(shown).phase == "voting":
        join_panel(workshop, large=True, joined=len(room.joined))
    if shown is None:
        return
    st.title(md_literal(names.get(shown, shown)))
    live_round(ws.key, room, presenter=True)


screen()
