"""Coordination Map — the Streamlit entry point: who is asking, then their pages only.

Pages are chosen per role with st.navigation, so a page outside a role cannot run at all: a
participant who types /map gets their own page, never the map. server.py wraps this script in
the web server that turns sign-in links into cookies.

The pages live in app_pages/, not pages/: with a pages/ folder next to this file, Streamlit's
legacy auto-discovery runs the first request after every server start without this router.
"""

import streamlit as st

from app_pages import route
from app_pages.errors import boundary
from app_pages.session import identity
from app_pages.sidebar import owner_sidebar
from coordination.access import Owner, Participant

st.set_page_config(page_title="Coordination Map", page_icon=":material/hub:", layout="wide")

with boundary():
    who = identity()
    if isinstance(who, Owner):
        page = st.navigation(
            [
                st.Page(
                    route.START,
                    title="Start",
                    icon=":material/home:",
                    url_path="start",
                    default=True,
                ),
                st.Page(
                    route.INVENTORY,
                    title="Inventory",
                    icon=":material/list_alt:",
                    url_path="inventory",
                ),
                st.Page(
                    route.TRACE, title="Trace a use case", icon=":material/route:", url_path="trace"
                ),
                st.Page(route.RESULT, title="Result", icon=":material/flag:", url_path="result"),
                st.Page(
                    route.MAP, title="Organization map", icon=":material/grid_view:", url_path="map"
                ),
                st.Page(route.DATA, title="Backup & data", icon=":material/save:", url_path="data"),
            ]
        )
        owner_sidebar(who)
    elif isinstance(who, Participant):
        page = st.navigation(
            [
                st.Page(
                    route.ANSWER,
                    title="Answer",
                    icon=":material/edit:",
                    url_path="answer",
                    default=True,
                )
            ],
            position="hidden",
        )
    else:
        page = st.navigation(
            [
                st.Page(
                    route.WELCOME,
                    title="Welcome",
                    icon=":material/hub:",
                    url_path="welcome",
                    default=True,
                )
            ],
            position="hidden",
        )
    page.run()
