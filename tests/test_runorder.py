"""A live part's rerun never cuts off the page run before it (app_pages.runorder).

Streamlit's session, with its runner and event loop stood in for: what matters is when the
session starts a new runner for a live part's rerun while the previous runner has stopped."""

from __future__ import annotations

import asyncio

import pytest
from streamlit.runtime.app_session import AppSession, AppSessionState
from streamlit.runtime.scriptrunner_utils.script_requests import RerunData

from app_pages import runorder


class StoppedRunner:
    """A runner that finished its run: it refuses every request."""

    def request_rerun(self, _rerun_data) -> bool:
        return False


@pytest.fixture
def session(monkeypatch):
    """An AppSession whose previous runner has stopped, whose shutdown the event loop has not
    handled yet; `started` lists the runs it starts a new runner for."""
    started: list[RerunData] = []
    monkeypatch.setattr(AppSession, "_create_scriptrunner", lambda s, data: started.append(data))
    runorder.keep_runs_whole()
    loop = asyncio.new_event_loop()
    s = AppSession.__new__(AppSession)
    s._event_loop, s._scriptrunner = loop, StoppedRunner()
    s._state = AppSessionState.APP_NOT_RUNNING
    yield s, started, loop
    s._state = AppSessionState.SHUTDOWN_REQUESTED  # nothing for its finalizer to shut down
    loop.close()


def turn(loop) -> None:
    """Long enough for the event loop to look again."""
    loop.run_until_complete(asyncio.sleep(runorder.LOOK_AGAIN_S * 3))


def test_a_live_part_rerun_waits_for_the_stopped_runs_shutdown(session):
    s, started, loop = session
    live = RerunData(fragment_id="follow")
    s._create_scriptrunner(live)
    assert started == []  # what the stopped runner drew is still on its way to the browser
    turn(loop)
    turn(loop)
    assert started == []  # still not shut down: still waiting
    s._scriptrunner = None  # the session handled the runner's shutdown (its last event)
    turn(loop)
    assert started == [live]


def test_a_whole_page_rerun_starts_at_once(session):
    s, started, _ = session
    tap = RerunData(query_string="step=2")
    s._create_scriptrunner(tap)
    assert started == [tap]


def test_a_newer_runner_takes_the_waiting_live_part_rerun(session):
    s, started, loop = session
    taken = []

    class Running:
        def request_rerun(self, rerun_data) -> bool:
            taken.append(rerun_data)
            return True

    live = RerunData(fragment_id="follow")
    s._create_scriptrunner(live)
    s._scriptrunner = Running()  # a tap meanwhile started a new run
    turn(loop)
    assert taken == [live] and started == []
