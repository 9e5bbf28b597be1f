"""A live part's own rerun waits until the page run before it has reached the browser.

Streamlit runs each page run on a "script runner" and hands what it draws to the server's
event loop, which sends it to the browser. A runner that has finished its run stops. When the
next request finds it stopped, the session starts a new runner and from then on ignores what
the stopped one handed over that the event loop had not handled yet (Streamlit 1.67,
AppSession: "Ignoring event from non-current ScriptRunner"). On a busy server the event loop
runs seconds behind the runners. If a live part's timer (st.fragment(run_every=…)) asks for
its rerun in that gap, the page run just before loses its end: the browser gets its first
elements and never the rest, nor the run's end, and the live part redraws only itself. Under
load a participant's page kept the question it had just answered (the answer saved, issue 14)
or showed the open vote's name without its question.

`keep_runs_whole()` makes such a live-part rerun wait, looking again every 20 ms, until the
session has handled the stopped runner's last event (its shutdown, which Streamlit sends after
everything else the runner drew); only then does a new runner start. A tap on an answer reruns
the question part alone (app_pages/participant/asking.py) and waits the same way; whole-page
reruns (a reload, a move to another page) are left alone: they draw the whole page again anyway.
"""

from __future__ import annotations

import functools

from streamlit.runtime.app_session import AppSession, AppSessionState

_PATCHED = "_coordination_runs_whole"
LOOK_AGAIN_S = 0.02


def keep_runs_whole() -> None:
    """Install once per server process (server.py does, at import)."""
    if getattr(AppSession._create_scriptrunner, _PATCHED, False):
        return
    start = AppSession._create_scriptrunner

    @functools.wraps(start)
    def create(self: AppSession, initial_rerun_data) -> None:
        # A runner still set here refused the request: it has stopped, and the session has not
        # yet handled its shutdown, so some of what it drew may not have gone out yet.
        if self._scriptrunner is not None and initial_rerun_data.fragment_id:
            loop = self._event_loop  # look again in 20 ms: no busy loop on a busy server
            loop.call_soon_threadsafe(
                loop.call_later, LOOK_AGAIN_S, _later, self, initial_rerun_data
            )
            return
        start(self, initial_rerun_data)

    def _later(self: AppSession, rerun_data) -> None:
        if self._state == AppSessionState.SHUTDOWN_REQUESTED:
            return  # the page was closed meanwhile
        runner = self._scriptrunner
        if runner is not None and runner.request_rerun(rerun_data):
            return  # a newer runner (a tap meanwhile) takes the live part's rerun
        create(self, rerun_data)

    setattr(create, _PATCHED, True)
    AppSession._create_scriptrunner = create
