"""Coordination Map — the Streamlit entry point: page set-up and navigation only.

The pages live in app_pages/, not pages/: with a pages/ folder next to this file, Streamlit's
legacy auto-discovery runs the first request after every server start without this router, so a
reloaded deep link would lose its navigation and layout.
"""

import streamlit as st

from app_pages.common import DATA, INVENTORY, MAP, RESULT, START, TRACE, sidebar

st.set_page_config(page_title="Coordination Map", page_icon=":material/hub:", layout="wide")

page = st.navigation(
    [
        st.Page(START, title="Start", icon=":material/home:", url_path="start", default=True),
        st.Page(INVENTORY, title="Inventory", icon=":material/list_alt:", url_path="inventory"),
        st.Page(TRACE, title="Trace a use case", icon=":material/route:", url_path="trace"),
        st.Page(RESULT, title="Result", icon=":material/flag:", url_path="result"),
        st.Page(MAP, title="Organization map", icon=":material/grid_view:", url_path="map"),
        st.Page(DATA, title="Backup & data", icon=":material/save:", url_path="data"),
    ]
)
sidebar()
page.run()
