"""Coordination Map — the Streamlit entry point: who is asking, then their pages only.

Pages are chosen per role with st.navigation, so a page outside a role cannot run at all: a
participant who types /map gets their own page, never the map. server.py wraps this script in
the web server that turns sign-in links into cookies.

The pages live in app_pages/, not pages/: with a pages/ folder next to this file, Streamlit's
legacy auto-discovery runs the first request after every server start without this router.
"""

from pathlib import Path

import streamlit as st

from app_pages import route
from app_pages.errors import boundary
from app_pages.participant.answer import answer
from app_pages.session import identity
from app_pages.sidebar import owner_sidebar
from app_pages.welcome import welcome
from coordination.access import Owner, Participant

OWNER_PAGES = [  # (script, title, icon, url path)
    (route.START, "Start", ":material/home:", "start"),
    (route.INVENTORY, "Inventory", ":material/list_alt:", "inventory"),
    (route.TRACE, "Trace a use case", ":material/route:", "trace"),
    (route.RESULT, "Result", ":material/flag:", "result"),
    (route.MAP, "Organization map", ":material/grid_view:", "map"),
    (route.PLAN, "Plan", ":material/checklist:", "plan"),
    (route.WORKSHOP, "Workshop", ":material/groups:", "workshop"),
    (route.IMPORT, "Import answers", ":material/upload_file:", "import"),
    (route.DATA, "Backup & data", ":material/save:", "data"),
    (route.PRESENT, "Presenter view", ":material/tv:", "present"),
]


def only(page, title: str) -> list[st.Page]:
    """One page for a role that has one: at the app's root, and at every owner address too,
    so an old bookmark or an edited URL shows this page instead of a "not found" notice."""
    return [st.Page(page, title=title, url_path="home", default=True)] + [
        st.Page(page, title=title, url_path=path) for *_, path in OWNER_PAGES
    ]


# The icon from this app's own folder: Streamlit sends an SVG file to the browser as a data URI.
# A ":material/…" icon made every page, the visitor's too, fetch it from an outside font service.
FAVICON = Path(__file__).parent / "static" / "favicon.svg"

st.set_page_config(page_title="Coordination Map", page_icon=str(FAVICON), layout="wide")

with boundary():
    who = identity()
    if isinstance(who, Owner):
        pages = [
            st.Page(script, title=title, icon=icon, url_path=path, default=path == "start")
            for script, title, icon, path in OWNER_PAGES
        ]
        if route.presenting():  # the projector: no sidebar, no menu
            page = st.navigation(pages, position="hidden")
        else:
            page = st.navigation(pages)
            owner_sidebar(who)
    elif isinstance(who, Participant):
        page = st.navigation(only(answer, "Your answers"), position="hidden")
    else:
        page = st.navigation(only(welcome, "Welcome"), position="hidden")
    page.run()
