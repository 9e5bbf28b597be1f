"""The web server: Streamlit's ASGI app with the sign-in step in front of it.

`make run` starts this file with `streamlit run server.py`; Streamlit finds the `app` below and
serves app.py through it. On start it prints the owner's sign-in link; with the database not
reachable yet it keeps running, says so, and prints the link once the database opens.
"""

import os
import sys
import webbrowser
from contextlib import asynccontextmanager

import streamlit as st
import uvicorn.config
from starlette.middleware import Middleware
from starlette.responses import RedirectResponse
from starlette.routing import Route

from app_pages.runorder import keep_runs_whole
from coordination import proxies
from coordination.errors import InvalidInput, Unavailable
from coordination.joinpage import JoinPage
from coordination.privatefiles import PrivateFiles
from coordination.ratelimit import Attempts, Joins
from coordination.services import open_services, open_when_reachable
from coordination.settings import Settings
from coordination.signin import SignInMiddleware, sign_in_link, start_message

# uvicorn reads X-Forwarded-For from 127.0.0.1 unless told otherwise, and this module is
# imported before it wraps the app: from here on, only `proxies.ForwardedHeaders` reads them,
# and only from COORDINATION_TRUSTED_PROXIES (checked now, so a typo stops the start).
uvicorn.config.ProxyHeadersMiddleware = proxies.as_connected
try:
    TRUSTED_PROXIES = proxies.trusted_proxies()
except InvalidInput as problem:
    sys.exit(f"Coordination Map cannot start: {problem}")
ATTEMPTS, JOINS = Attempts(), Joins()  # one count per process, whichever way a guess comes
keep_runs_whole()  # a live part's rerun never cuts off the page run before it (app_pages.runorder)


def _store():
    return open_services()[0]


@asynccontextmanager
async def _lifespan(_app):
    settings = Settings.from_env()
    base = settings.public_url or _local_address()

    def opened(store) -> None:
        link = sign_in_link(base, store.owner_key())
        print(start_message(link, _network_address()), flush=True)
        if _has_a_screen():
            webbrowser.open(link)  # straight in, as notebook servers do

    open_when_reachable(settings, opened, _waiting)
    yield


def _waiting(error: Unavailable) -> None:
    print(
        f"\n  {error}\n  Waiting for the database: the sign-in link follows here once it "
        "opens. Pages say that they wait meanwhile.\n",
        flush=True,
    )


def _local_address() -> str:
    from streamlit import config

    return f"http://localhost:{config.get_option('server.port')}"


def _network_address() -> str | None:
    """Where phones on this network reach the app, when it listens beyond this machine."""
    from streamlit import config
    from streamlit.net_util import get_internal_ip

    if config.get_option("server.address") not in (None, "", "0.0.0.0", "::"):
        return None
    ip = get_internal_ip()
    return f"http://{ip}:{config.get_option('server.port')}" if ip else None


def _has_a_screen() -> bool:
    """A desktop to open a browser on (never a text browser in this terminal)."""
    if os.environ.get("COORDINATION_NO_BROWSER"):
        return False
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


async def _to_start(request):
    """Start is the app's default page, served at "/": Streamlit knows no "/start", and an old
    bookmark or a typed address would open on a "page not found" notice."""
    query = request.url.query
    return RedirectResponse("/" + (f"?{query}" if query else ""), status_code=307)


app = st.App(
    "app.py",
    routes=[
        Route("/join", JoinPage(_store, ATTEMPTS, JOINS).respond),
        Route("/start", _to_start),
    ],
    middleware=[
        Middleware(proxies.ForwardedHeaders, proxies=TRUSTED_PROXIES),
        Middleware(PrivateFiles, store=_store),
        Middleware(SignInMiddleware, store=_store, attempts=ATTEMPTS, joins=JOINS),
    ],
    lifespan=_lifespan,
)
