"""The scored workspace, cached on (database, workspace key, version).

Keys are random and never reused and every write bumps the version, so the cache can never
serve a deleted workspace's data, or stale data, for another one. It is built from the store's
read side (`Store.view`): names an anonymous workshop hides are already "Participant n", and
answers below a workshop's threshold are left out, for every page and export at once.
"""

from __future__ import annotations

import streamlit as st

from app_pages.services import services
from coordination.report.orgmap import OrgMap
from coordination.settings import Settings
from coordination.storage import Workspace


@st.cache_resource(show_spinner=False, max_entries=16)
def _orgmap(db_url: str, questionnaire: str, key: str, version: int) -> OrgMap:
    store, questionnaire = services()
    view = store.view(key)  # the read side: privacy decided there, once
    return OrgMap(view.assessment, questionnaire, view.withheld)


def orgmap(ws: Workspace) -> OrgMap:
    """Scoring reruns only after a write: the version is read fresh on every run."""
    store, _ = services()
    settings = Settings.from_env()  # scored by this questionnaire: part of the key
    return _orgmap(settings.db_url, str(settings.questionnaire_path), ws.key, store.version(ws.key))
