"""What every page shares: the store, the questionnaire, the cached map, the URL state, and
the sidebar. Pages stay thin by asking this module for what they need."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from coordination.errors import CoordinationError, NotFound
from coordination.fileformat import read_assessment
from coordination.orgmap import OrgMap
from coordination.questionnaire import Questionnaire, load_questionnaire
from coordination.settings import DEMO_PATH, Settings
from coordination.storage import Store, Workspace
from coordination.text import md_literal

START, INVENTORY, TRACE = "app_pages/start.py", "app_pages/inventory.py", "app_pages/trace.py"
RESULT, MAP, DATA = "app_pages/result.py", "app_pages/map.py", "app_pages/data.py"
URL_KEYS = ("ws", "uc", "r", "step", "view")


@st.cache_resource(show_spinner=False)
def _open(db_url: str, questionnaire_path: str) -> tuple[Store, Questionnaire]:
    questionnaire = load_questionnaire(questionnaire_path)
    store = Store.from_url(db_url)
    store.seed_demo_once(read_assessment(DEMO_PATH, questionnaire))
    return store, questionnaire


def services() -> tuple[Store, Questionnaire]:
    """The store and questionnaire for this server, opened once (keyed on the settings so a
    test with its own database gets its own store)."""
    settings = Settings.from_env()
    try:
        return _open(settings.db_url, str(settings.questionnaire_path))
    except CoordinationError as e:
        st.error(md_literal(f"The app cannot start: {e}"))
        st.stop()


@st.cache_resource(show_spinner=False, max_entries=16)
def _orgmap(db_url: str, slug: str, version: int) -> OrgMap:
    store, questionnaire = services()
    return OrgMap(store.load(slug), questionnaire)


def orgmap(ws: Workspace) -> OrgMap:
    """The scored workspace, cached on its data version: scoring reruns only after a write."""
    store, _ = services()
    return _orgmap(Settings.from_env().db_url, ws.slug, store.version(ws.slug))


# ── URL state: the workspace, use case, respondent and step live in the query string ─────────


def url_value(key: str) -> str | None:
    """From the URL, else from this session (the sidebar menu drops the query string)."""
    value = st.query_params.get(key) or st.session_state.get(f"url_{key}")
    if value:
        remember(**{key: value})
    return value


def remember(**values: str | int | None) -> None:
    for key, value in values.items():
        if value is None or value == "":
            st.query_params.pop(key, None)
            st.session_state.pop(f"url_{key}", None)
        else:
            st.query_params[key] = str(value)
            st.session_state[f"url_{key}"] = str(value)


def current_workspace() -> Workspace | None:
    store, _ = services()
    slug = url_value("ws")
    if slug:
        try:
            return store.workspace(slug)
        except NotFound:
            st.warning("The workspace in this link no longer exists; pick another one.")
            remember(ws=None, uc=None, r=None, step=None)
    workspaces = store.workspaces()
    if len(workspaces) == 1 or (workspaces and not slug):
        remember(ws=workspaces[0].slug)
        return workspaces[0]
    return None


def require_workspace() -> Workspace:
    ws = current_workspace()
    if ws is None:
        st.info("Create a workspace or open the demo first.")
        st.page_link(START, label="Go to Start", icon=":material/home:")
        st.stop()
    return ws


def go(page: str, **params) -> None:
    """Switch page carrying the workspace (and any given params) in the URL."""
    remember(**params)
    keep = {k: st.session_state[f"url_{k}"] for k in URL_KEYS if f"url_{k}" in st.session_state}
    st.switch_page(page, query_params=keep)


def share_link(url_path: str, **params: str) -> str | None:
    """A link to another page of this app as the browser reaches it, for inviting people."""
    here = st.context.url
    if not here:
        return None
    return f"{here.rsplit('/', 1)[0]}/{url_path}?{urlencode(params)}"


def sidebar() -> None:
    store, _ = services()
    workspaces = store.workspaces()
    if not workspaces:
        return
    slugs = [ws.slug for ws in workspaces]
    names = {ws.slug: ws.name + ("  · demo" if ws.is_demo else "") for ws in workspaces}
    current = current_workspace()
    chosen = st.sidebar.selectbox(
        "Workspace",
        slugs,
        index=slugs.index(current.slug) if current else None,
        format_func=names.get,
        placeholder="Choose a workspace",
    )
    if chosen and (current is None or chosen != current.slug):
        remember(ws=chosen, uc=None, r=None, step=None)
        st.rerun()


def show_error(error: Exception) -> None:
    st.error(md_literal(str(error)), icon=":material/error:")
