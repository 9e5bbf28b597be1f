"""Every page path and every piece of URL state, in one place.

The workspace, use case, respondent, step, chart and the map's filters live in the query
string, so a reload or a shared link lands on the same screen. The sidebar's page menu drops
the query string, so each value is also remembered in the session and put back.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

import streamlit as st

from app_pages.services import services
from coordination.errors import NotFound
from coordination.storage import Workspace

START, INVENTORY = "app_pages/owner/start.py", "app_pages/owner/inventory.py"
TRACE, RESULT = "app_pages/owner/trace.py", "app_pages/owner/result.py"
MAP, DATA = "app_pages/owner/map.py", "app_pages/owner/data.py"
WORKSHOP, PRESENT = "app_pages/owner/workshop.py", "app_pages/owner/present.py"
IMPORT, PLAN = "app_pages/owner/imports.py", "app_pages/owner/plan.py"
ANSWER, WELCOME = "app_pages/participant/answer.py", "app_pages/welcome.py"
KEYS = ("ws", "uc", "r", "step", "view", "w", "live", "since")
LAST = "route|last_workspace"  # the workspace this session last told the store about


@dataclass(frozen=True)
class Route:
    ws: str | None = None
    uc: str | None = None
    r: str | None = None
    step: int = 1
    view: str | None = None
    w: str | None = None  # a workshop's key
    live: str | None = None  # "1": the map or the presenter view refreshes itself
    since: str | None = None  # the snapshot the map and Result compare with ("none": none)

    @classmethod
    def here(cls) -> Route:
        raw = {key: value(key) for key in KEYS}
        step = raw.pop("step")
        return cls(**raw, step=int(step) if step and step.isdigit() else 1)


def value(key: str) -> str | None:
    """From the URL, else from this session."""
    found = st.query_params.get(key) or st.session_state.get(f"url_{key}")
    if found:
        remember(**{key: found})
    return found


def filter_values(key: str) -> list[str]:
    """A filter's values (the map's function, level, objective): from the URL, else from
    this session. Several values repeat the key: ?function=Sales&function=Legal."""
    found = st.query_params.get_all(key) or st.session_state.get(f"url_{key}") or []
    remember(**{key: found})
    return list(found)


def remember(**values: str | int | list[str] | None) -> None:
    for key, found in values.items():
        if found is None or found == "" or found == []:
            st.query_params.pop(key, None)
            st.session_state.pop(f"url_{key}", None)
        elif isinstance(found, list):
            st.query_params[key] = found
            st.session_state[f"url_{key}"] = list(found)
        else:
            st.query_params[key] = str(found)
            st.session_state[f"url_{key}"] = str(found)


def go(page: str, **params) -> None:
    """Switch page carrying the URL state (and any given params)."""
    remember(**params)
    st.switch_page(page, query_params=carried())


def carried(**params: str) -> dict[str, str]:
    """The URL state a link to another page carries, with these params set."""
    keep = {k: st.session_state[f"url_{k}"] for k in KEYS if f"url_{k}" in st.session_state}
    return keep | params


def public_base() -> str | None:
    """The address other people use to reach this app: COORDINATION_PUBLIC_URL when set,
    otherwise the one this browser used."""
    from coordination.settings import Settings

    base = Settings.from_env().public_url
    if base is None:
        here = st.context.url
        if not here:
            return None
        base = app_base(here, st.get_option("server.baseUrlPath"))
    return base


def app_base(url: str, base_path: str = "") -> str:
    """The app's own address from a page's: scheme and host, and the path the app is served
    under. Not "everything before the last slash": at the root page the browser's address is
    `http://host:8501`, and cutting at its last slash left `http:`."""
    parts = urlsplit(url)
    path = "/" + base_path.strip("/") if base_path.strip("/") else ""
    return f"{parts.scheme}://{parts.netloc}{path}"


def public_link(url_path: str, **params: str) -> str | None:
    """A link to a page of this app that other people can open. "" is the role's main page."""
    base = public_base()
    return None if base is None else f"{base}/{url_path}?{urlencode(params)}"


def presenting() -> bool:
    """Whether this browser asked for the presenter view (it shows no sidebar)."""
    path = (st.context.url or "").split("?", 1)[0].rstrip("/")
    return path.endswith("/present")


def current_workspace() -> Workspace | None:
    """The workspace the URL (or this session) names; with none named, the owner's only own
    workspace, or the one the owner used last (the demo too, once chosen). Never the demo by
    default: a first-time owner would take its data for theirs. With several workspaces, none
    named and none used before, None: the sidebar asks to choose one."""
    store, _ = services()
    key = value("ws")
    if key:
        try:
            found = store.workspace(key)
        except NotFound:
            st.warning("The workspace in this link does not exist; pick another one.")
            remember(ws=None, uc=None, r=None, step=None)
            return None
        if st.session_state.get(LAST) != key:  # written once a session and workspace
            store.remember_workspace(key)
            st.session_state[LAST] = key
        return found
    own = [ws for ws in store.workspaces() if not ws.is_demo]
    last = store.last_workspace()
    chosen = last if last else own[0] if len(own) == 1 else None
    if chosen is not None:
        remember(ws=chosen.key)
        st.session_state[LAST] = chosen.key
    return chosen


def require_workspace() -> Workspace:
    ws = current_workspace()
    if ws is None:
        store, _ = services()
        if store.workspaces():
            st.info("Choose a workspace in the sidebar, or create one on Start.")
        else:
            st.info("Create a workspace or open the demo first.")
        st.page_link(START, label="Go to Start", icon=":material/home:")
        st.stop()
    return ws
