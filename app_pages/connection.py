"""Whether this page can reach the server, said in a sentence on the page itself.

While the connection is lost the page cannot run any Python: a tap on an answer goes nowhere
and the server cannot say so. So this part lives in the browser. A small script watches
Streamlit's own connection state (the app's `data-test-connection-state`, the attribute its
status widget follows) and the browser's online state, and keeps one line at the bottom of
the screen, a polite live region that a screen reader reads:

- lost, nothing tapped: "Connection lost: reconnecting…";
- an answer tapped while lost: "Not saved: … reconnecting…", within a second of the tap;
- back: what the browser held may arrive by itself; if the server has not run the tap 1.5 s
  after the connection is back, the same answer is given again, once, so the page saves it and
  says "Answer saved" (its usual toast) — said once, by the server that saved it.

A tap counts as delivered once the server starts a run for it (the app's script state turns
to "running"); only a tap that never got there is given again, and only if the connection was
lost since the tap. A tap on a page that stayed connected is never given again: the websocket
delivers it, and a busy server only answers late. Giving it again then (as this script once
did, 1.5 s after any tap the page had not yet seen run) was the cause of pages that saved an
answer and stayed on its question under load (issue 14): each click again starts a new run of
the page, and Streamlit drops the replies of the run before that it has not sent yet, so a
server whose replies lagged by seconds (seen: 15 s) sent run after run without their drawing
while the copies kept coming. Fixed text only: no user text goes through st.html.
"""

from __future__ import annotations

import json

import streamlit as st

LOST = "Connection lost: reconnecting… Answers you gave before are saved."
NOT_SAVED = (
    "Not saved: your last answer has not reached the server. Reconnecting… It is saved as "
    "soon as the connection is back; keep this page open."
)
GAVE_UP = "Back online, but your last answer could not be sent again: please give it once more."

SCRIPT = """<script>
(() => {
  const doc = window.parent?.document ?? document;
  const win = doc.defaultView ?? window;
  if (doc.cmConnection) return;
  doc.cmConnection = true;
  const LOST = %(lost)s, NOT_SAVED = %(not_saved)s, GAVE_UP = %(gave_up)s;
  const app = () => doc.querySelector("[data-testid=stApp]");
  const connected = () => win.navigator.onLine &&
    (app()?.getAttribute("data-test-connection-state") ?? "CONNECTED") === "CONNECTED";
  const idle = () => app()?.getAttribute("data-test-script-state") !== "running";
  const line = doc.createElement("div");
  line.id = "cm-connection";
  line.setAttribute("role", "status");
  line.setAttribute("aria-live", "polite");
  line.hidden = true;
  doc.body.appendChild(line);
  const say = (text) => {
    if (line.textContent !== text) line.textContent = text;
    line.hidden = !text;
  };
  let tapped = null;  // the key class of an answer tapped that the server has not run yet
  let tappedAt = 0;
  let lostSinceTap = false;  // the connection was lost after (or during) that tap
  let gaveUpAt = 0;
  let backAt = 0;  // when the connection came back: what the browser held may still arrive
  let wasConnected = true;
  const keyOf = (el) => [...(el.closest("[class*='st-key-']")?.classList ?? [])]
    .find((c) => c.startsWith("st-key-"));
  const onTap = (event) => {
    const button = event.target.closest?.(".st-key-answers button");
    if (!button) return;
    tapped = keyOf(button) ?? null;
    tappedAt = Date.now();
    lostSinceTap = !connected();
  };
  doc.addEventListener("pointerdown", onTap, true);
  doc.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") onTap(event);
  }, true);
  // A run the server started after the tap means the tap reached it.
  new MutationObserver(() => { if (!idle()) tapped = null; })
    .observe(app() ?? doc.body, {attributes: true, attributeFilter: ["data-test-script-state"]});
  const giveAgain = () => {
    const button = doc.querySelector("." + tapped + " button");
    tapped = null;
    if (button && !button.disabled) { button.click(); return true; }
    return false;
  };
  const look = () => {
    const now = Date.now();
    if (!connected()) {
      wasConnected = false;
      if (tapped) lostSinceTap = true;
      say(tapped && now - tappedAt > 300 ? NOT_SAVED : LOST);
      return;
    }
    if (!wasConnected) { wasConnected = true; backAt = now; }
    if (tapped && lostSinceTap && now - tappedAt > 1500 && now - backAt > 1500 && idle()) {
      if (!giveAgain()) gaveUpAt = now;  // back for a while, and the tap never ran
    }
    say(now - gaveUpAt < 10000 ? GAVE_UP : "");
  };
  win.addEventListener("offline", look);
  win.addEventListener("online", look);
  win.setInterval(look, 250);
})();
</script>
<style>
#cm-connection {
  position: fixed; left: 0; right: 0; bottom: 0; z-index: 1000001;
  padding: 0.9rem 1.2rem; font-size: 1.1rem; line-height: 1.4;
  background: #fff4e5; color: #4a2600; border-top: 3px solid #b35c00;
}
#cm-connection::before { content: "⚠ "; }
</style>"""


def watch() -> None:
    """Last on a page that takes answers: its element takes a gap, so nothing comes after."""
    texts = {"lost": LOST, "not_saved": NOT_SAVED, "gave_up": GAVE_UP}
    st.html(SCRIPT % {k: json.dumps(v) for k, v in texts.items()}, unsafe_allow_javascript=True)
