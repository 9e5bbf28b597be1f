"""The owner's sidebar: the workspace picker and sign-out."""

from __future__ import annotations

import streamlit as st

from app_pages.route import current_workspace, remember
from app_pages.services import services
from app_pages.session import sign_out
from coordination.access import Owner


def owner_sidebar(owner: Owner) -> None:
    store, _ = services()
    workspaces = store.workspaces()
    if workspaces:
        keys = [ws.key for ws in workspaces]
        names = {ws.key: ws.name + ("  · demo" if ws.is_demo else "") for ws in workspaces}
        current = current_workspace()
        chosen = st.sidebar.selectbox(
            "Workspace",
            keys,
            index=keys.index(current.key) if current else None,
            format_func=names.get,
            placeholder="Choose a workspace",
        )
        if chosen and (current is None or chosen != current.key):
            remember(ws=chosen, uc=None, r=None, step=None)
            st.rerun()
        if current is None:  # the demo is never chosen for the owner: it is not their data
            st.sidebar.caption("Choose the workspace to work on, or create your own on *Start*.")
    st.sidebar.divider()
    st.sidebar.caption("Signed in as the owner of this app.")
    if st.sidebar.button("Sign out", icon=":material/logout:"):
        sign_out(owner)
        st.rerun()
