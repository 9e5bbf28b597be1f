"""Streamlit's file and metrics addresses, for the owner's browser only.

Streamlit serves what a page offers for download (a backup, a deck), its images, and what the
owner uploads at addresses of its own (`/media/…`, `/_stcore/upload_file/…`), and counts
connected sessions at `/_stcore/metrics`. It checks no sign-in there: a backup's address
answered anyone who had it, minutes after the owner's tab closed, and the metrics told anyone
how many people were connected. Only the owner's pages use these addresses (a participant's
and a visitor's pages offer no file), so this middleware lets a request through only with a
valid owner sign-in cookie, checked against the database as every page run is, and answers
404 otherwise: a file's address says nothing to anyone else, not even that it exists.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse

from coordination.access import OWNER_COOKIE, Owner
from coordination.errors import Unavailable
from coordination.storage import Store

PRIVATE = ("/media/", "/_stcore/upload_file/", "/_stcore/metrics")


def private(path: str) -> bool:
    return any(path == prefix.rstrip("/") or path.startswith(prefix) for prefix in PRIVATE)


class PrivateFiles:
    def __init__(self, app, store: Callable[[], Store]) -> None:
        self.app = app
        self.store = store

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or not private(scope["path"]):
            return await self.app(scope, receive, send)
        token = Request(scope).cookies.get(OWNER_COOKIE)
        try:
            if token and isinstance(await run_in_threadpool(self._identify, token), Owner):
                return await self.app(scope, receive, send)
            response = PlainTextResponse("Not found", status_code=404)
        except Unavailable:  # who is asking cannot be checked now: nothing is served
            response = PlainTextResponse("The database cannot be reached; try again.", 503)
            response.headers["Retry-After"] = "2"
        response.headers["Cache-Control"] = "no-store"
        await response(scope, receive, send)

    def _identify(self, token: str):
        return self.store().identify(token, None)
