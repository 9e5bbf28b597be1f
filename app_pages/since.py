"""The baseline a page compares with: a snapshot chosen once in "Since", shared by the map and
Result (and kept in the URL as `since`), the latest snapshot by default.

A snapshot never changes once taken (a rename changes only its label), so its map is cached on
its id and label and costs nothing after the first look.
"""

from __future__ import annotations

import streamlit as st

from app_pages.orgmap import orgmap
from app_pages.route import remember, value
from app_pages.services import services
from coordination.progress.since import Since
from coordination.report.orgmap import OrgMap
from coordination.settings import Settings
from coordination.storage import Workspace

NONE = "none"  # the URL's value for "compare with nothing"


@st.cache_resource(show_spinner=False, max_entries=32)
def _snapshot_map(db_url: str, key: str, snapshot_id: int, label: str) -> OrgMap:
    store, questionnaire = services()
    view = store.view_at(key, snapshot_id)  # what was withheld then stays withheld
    return OrgMap(view.assessment, questionnaire, view.withheld)


def snapshot_map(ws: Workspace, snapshot_id: int, label: str) -> OrgMap:
    return _snapshot_map(Settings.from_env().db_url, ws.key, snapshot_id, label)


def since_picker(ws: Workspace, where=st) -> Since | None:
    """The "Since" choice and what changed since it, or None (no snapshot, or none chosen)."""
    store, _ = services()
    snaps = list(reversed(store.snapshots(ws.key)))  # the latest first
    if not snaps:
        return None
    options = [NONE, *(str(s.id) for s in snaps)]
    names = {str(s.id): f"{s.label} · {s.taken_at:%d %b %Y}" for s in snaps}
    names[NONE] = "— no comparison"
    wanted = value("since")
    st.session_state.setdefault("since_choice", wanted if wanted in options else options[1])
    if st.session_state["since_choice"] not in options:  # deleted meanwhile
        st.session_state["since_choice"] = options[1]
    chosen = where.selectbox(
        "Since",
        options,
        format_func=names.get,
        key="since_choice",
        help="Compare with a snapshot: what moved up, down, arrived or left since then.",
    )
    remember(since=chosen)
    if chosen == NONE:
        return None
    snap = next(s for s in snaps if str(s.id) == chosen)
    return orgmap(ws).since(snapshot_map(ws, snap.id, snap.label))


def moments(ws: Workspace) -> list:
    """Every snapshot's moment, oldest first, then now: a use case's level history."""
    store, _ = services()
    snaps = store.snapshots(ws.key)
    return [*(snapshot_map(ws, s.id, s.label).moment() for s in snaps), orgmap(ws).moment()]
