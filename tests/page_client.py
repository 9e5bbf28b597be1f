"""A scripted participant page: a websocket client that speaks Streamlit's own protocol to the
app server, as the browser's page does, without a browser.

It opens a session with the participant's cookie, runs the page, keeps the page's live parts
running at the interval the server asks for (as the browser's timers do), and taps a button by
its label. What the server does for it is exactly what it does for a phone: the same script
runs, the same live parts rerun, the same writes happen through the same callbacks. Only the
drawing is left out, so thirty of these fit on the machine beside the browsers that are timed.
"""

from __future__ import annotations

import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.sync.client import connect

FULL_RUN_DONE = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
LIVE_RUN_DONE = ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY


@dataclass
class Screen:
    """What the page shows: its texts, and its buttons by label."""

    texts: list[str] = field(default_factory=list)
    buttons: dict[str, str] = field(default_factory=dict)  # label -> widget id

    def says(self, text: str) -> bool:
        return any(text in t for t in self.texts)


@dataclass(frozen=True)
class Drawn:
    """One element where the page shows it, with the run that drew it (as the browser keeps
    it: an element stays until a finished run that did not draw it again clears it)."""

    run: str
    fragment: str
    kind: str
    text: str
    widget: str = ""


class PageClient:
    """One participant's page, held open in a thread of its own."""

    def __init__(self, base_url: str, cookies: dict[str, str]) -> None:
        host = base_url.split("://", 1)[1]
        cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
        self._open = ExitStack()  # the connection, closed by close()
        self._ws = self._open.enter_context(
            connect(
                f"ws://{host}/_stcore/stream",
                subprotocols=["streamlit"],
                additional_headers={"Cookie": cookie},
                max_size=None,
                max_queue=None,  # never stop reading because this side is behind
                open_timeout=60,
                ping_interval=None,  # a browser sends no pings: a busy server is never dropped
            )
        )
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._drawn: dict[tuple[int, ...], Drawn] = {}  # by the element's place (delta path)
        self._run = ""  # the run whose deltas are arriving
        self.screen = Screen()
        self._query = ""
        self._page_hash = ""
        self._timers: dict[str, float] = {}  # live part id -> its interval in seconds
        self._fragment_of: dict[str, str] = {}  # widget id -> the fragment that drew it
        self.last_run: tuple[str, ...] = ()  # the fragments the last finished run ran; () = all
        self._closed = False
        threading.Thread(target=self._receive, daemon=True).start()
        threading.Thread(target=self._keep_live, daemon=True).start()
        self._rerun()

    # ── what a test or bench does with it ──────────────────────────────────────────────────

    def wait_for(self, *texts: str, timeout: float = 60) -> Screen:
        """Wait until a complete run of the page shows one of `texts`; return that screen."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not any(self.screen.says(text) for text in texts):
                left = deadline - time.monotonic()
                if left <= 0 or self._closed:
                    raise TimeoutError(f"the page never showed {texts!r}: {self.screen.texts}")
                self._changed.wait(left)
            return self.screen

    def tap(self, label: str) -> float:
        """Tap the button with this label on the page as last drawn; return when it was sent
        (time.time(), this machine's clock)."""
        with self._lock:
            widget = self.screen.buttons[label]
            fragment = self._fragment_of.get(widget, "")
        state = WidgetState(id=widget, trigger_value=True)
        # A button inside a fragment reruns that fragment alone, as the browser asks for it.
        return self._rerun([state], fragment=fragment or None, auto=False)

    def fragment_of(self, label: str) -> str:
        """The fragment that drew the button with this label ("" when the page did)."""
        with self._lock:
            return self._fragment_of.get(self.screen.buttons[label], "")

    def close(self) -> None:
        self._closed = True
        self._open.close()

    # ── the protocol ───────────────────────────────────────────────────────────────────────

    def _rerun(self, widgets=(), fragment: str | None = None, auto: bool = True) -> float:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self._query
        state.page_script_hash = self._page_hash
        state.widget_states.widgets.extend(widgets)
        if fragment:
            state.fragment_id = fragment
            state.is_auto_rerun = auto
        sent = time.time()
        self._ws.send(msg.SerializeToString())
        return sent

    def _receive(self) -> None:
        try:
            for data in self._ws:
                msg = ForwardMsg()
                msg.ParseFromString(data)
                self._take(msg)
        except Exception:  # the server went away or the bench closed the page
            pass
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    def _take(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        with self._changed:
            if kind == "new_session":
                self._run = msg.metadata.run.script_run_id
                self._page_hash = msg.new_session.page_script_hash or self._page_hash
            elif kind == "page_info_changed":
                self._query = msg.page_info_changed.query_string
            elif kind == "auto_rerun":
                self._timers[msg.auto_rerun.fragment_id] = msg.auto_rerun.interval
            elif kind == "stop_auto_rerun":
                for fragment in msg.stop_auto_rerun.fragment_ids:
                    self._timers.pop(fragment, None)
            elif kind == "delta":
                self._draw(tuple(msg.metadata.delta_path), msg.delta)
            elif kind == "script_finished":
                self._finished(msg)

    def _draw(self, path: tuple[int, ...], delta) -> None:
        what = delta.WhichOneof("type")
        kind, text, widget = what, "", ""
        if what == "new_element":
            element = delta.new_element
            kind = element.WhichOneof("type")
            if kind == "button":
                text, widget = element.button.label, element.button.id
            elif kind in ("markdown", "heading", "alert"):
                text = getattr(element, kind).body
        self._drawn[path] = Drawn(self._run, delta.fragment_id, kind, text, widget)

    def _finished(self, msg: ForwardMsg) -> None:
        """Clear what the finished run did not draw again (within its live parts, for a run of
        live parts only), as the browser does, and show the page."""
        status, run = msg.script_finished, msg.metadata.run
        if status == FULL_RUN_DONE and not run.fragment_ids:
            self._drawn = {p: d for p, d in self._drawn.items() if d.run == run.script_run_id}
        elif status == LIVE_RUN_DONE:
            self._drawn = {
                p: d
                for p, d in self._drawn.items()
                if d.run == run.script_run_id or d.fragment not in run.fragment_ids
            }
        else:
            return
        self.last_run = () if status == FULL_RUN_DONE else tuple(run.fragment_ids)
        shown = [d for _, d in sorted(self._drawn.items())]
        self.screen = Screen(
            texts=[d.text for d in shown if d.text and not d.widget],
            buttons={d.text: d.widget for d in shown if d.widget},
        )
        self._fragment_of = {d.widget: d.fragment for d in shown if d.widget}
        self._changed.notify_all()

    def _keep_live(self) -> None:
        """The browser's timers: each live part rerun at its own interval."""
        due: dict[str, float] = {}
        while not self._closed:
            now = time.monotonic()
            with self._lock:
                timers = dict(self._timers)
            for fragment, interval in timers.items():
                if now >= due.setdefault(fragment, now + interval):
                    due[fragment] = now + interval
                    try:
                        self._rerun(fragment=fragment)
                    except Exception:
                        return
            time.sleep(0.05)
