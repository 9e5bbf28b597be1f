"""Benchmark: how long a page opened in a new tab takes to be ready, in real Chromium, against a
bare Streamlit page (one title) on the same machine, same Streamlit, same browser, in pairs.

Three pages of a live workshop, as the room opens them:
- the participant's first screen (a phone that joined: "/" shows the use case's question),
- the presenter view on the projector laptop ("/present?…": the join code is shown),
- the organization map ("/map?ws=…": its first chart, Gaps by question, is drawn).

Each is timed from the new tab's navigation until its content is on screen and the script has
finished (Streamlit's "notRunning" state), as the page itself sees it (`READY_WATCH`), paired with
a new tab of the bare page timed the same way just before it (one function times both); the figure
is the median of seven pairs, and the ratio is ours / bare. The bare page runs in its own
`streamlit run` (the app's server answers only its own pages), started with the same options and
alive for the whole run. Target: ≤ 1.5×.

Two rows are controls, not pages of the app: the bare page with one three-bar Plotly chart and
a three-row table (`?with=chart`), and with the same bars drawn by `st.bar_chart`, i.e.
Vega-Lite (`?with=vega`). A tab that draws a Plotly chart makes the browser load and run
Streamlit's Plotly code (4.7 MB of JavaScript, loaded lazily in every new tab) whatever the app
does; the controls show that floor, and what Vega-Lite leaves. The map's question heatmaps are
drawn with Vega-Lite on screen for that reason (its other charts, and every exported file, are
still plotly's).

`--profile` adds, per page, one more tab with the browser's own counters: how long its main
thread ran JavaScript (CDP Performance.getMetrics: ScriptDuration, TaskDuration), and how much
JavaScript it loaded, biggest files first.

    python bench/bench_page_ready.py [--pairs 7] [--profile] [--only participant]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from coordination.storage import Store  # noqa: E402
from coordination.workshop.settings import checked_setup  # noqa: E402
from tests.browser import (  # noqa: E402
    CHROMIUM_ARGS,
    OWNER_KEY,
    _wait_healthy,
    free_port,
    sign_in,
    streamlit_server,
)

TARGET = 1.5
BARE_PAGE = """import streamlit as st

st.title("Bare page")
if st.query_params.get("with") == "chart":  # the floor for a page that draws a chart and a table
    import plotly.graph_objects as go

    st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[1, 3, 2])), theme=None)
    st.dataframe({"use case": ["a", "b", "c"], "level": [1, 3, 2]})
if st.query_params.get("with") == "vega":  # the same bars in Streamlit's own chart library
    st.bar_chart({"use case": ["a", "b", "c"], "level": [1, 3, 2]}, x="use case", y="level")
"""
STATE = "[data-test-script-state='notRunning']"
VEGA = "[data-testid=stVegaLiteChart] .marks"  # a Vega-Lite chart drawn
PLOTLY = ".js-plotly-plot"


def bare_server(folder: Path):
    """A bare Streamlit page in its own server, started like the app's (headless, loopback)."""
    script = folder / "bare.py"
    script.write_text(BARE_PAGE)
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
            "--server.headless=true",
            f"--server.port={port}",
            "--server.address=127.0.0.1",
            "--browser.gatherUsageStats=false",
        ],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    _wait_healthy(url, process, Path("/dev/null"))
    return process, url


def workshop(db_url: str) -> dict:
    """A workspace with three use cases and a workshop voting on the first."""
    store = Store.from_url(db_url)
    ws = store.create_workspace("Bench Corp", ["Marketing", "Sales"]).key
    cases = [store.add_use_case(ws, name) for name in ("Call summaries", "Lead scoring", "FAQ")]
    w = store.workshops.create(ws, checked_setup(use_cases=tuple(cases), threshold=3))
    store.workshops.set_phase(ws, w.key, cases[0], "voting")
    return {"ws": ws, "w": w.key, "code": w.code, "first": "Call summaries"}


# Notes, in the page itself, the first moment its content is there, its script has run and
# finished, and it is painted and free for a tap: a MutationObserver sees it as it happens.
# Playwright's own wait polls with growing pauses (up to 0.5 s apart), which put a page's time on
# one of a few steps: the map measured 1.15× and 1.47× a bare page in two runs of the same code.
READY_WATCH = """(() => {
  const wanted = %s;
  window.__ready = null;
  let ran = false, pending = false;
  const found = () => wanted.selector ? document.querySelector(wanted.selector) !== null
    : (document.body?.textContent ?? "").includes(wanted.text);
  const look = () => {
    if (window.__ready !== null) return;
    const state = document.querySelector("[data-testid=stApp]")
      ?.getAttribute("data-test-script-state");
    if (state === "running") ran = true;
    if (ran && state === "notRunning" && found() && !pending) {
      // Ready once it is painted and the page can take a tap: the next frame, then the
      // first task after it (a page still laying out a table runs that late).
      pending = true;
      requestAnimationFrame(() => setTimeout(() => { window.__ready = performance.now(); }));
    }
  };
  new MutationObserver(look).observe(document,
    {subtree: true, childList: true, attributes: true, characterData: true});
})();"""


@dataclass(frozen=True)
class Ready:
    """What says a page is ready: this text, or an element matching this selector, on it."""

    text: str | None = None
    selector: str | None = None

    def watch(self) -> str:
        return READY_WATCH % json.dumps({"text": self.text, "selector": self.selector})

    def wait(self, page) -> None:
        found = page.get_by_text(self.text) if self.text else page.locator(self.selector)
        found.first.wait_for(timeout=60_000)
        page.wait_for_selector(STATE, state="attached", timeout=60_000)
        page.wait_for_function("() => window.__ready !== null", timeout=60_000)


def shows(text: str | None = None, selector: str | None = None) -> Ready:
    return Ready(text, selector)


@dataclass(frozen=True)
class Tab:
    """A page to open in a new tab: in which browser context, at which address, and what says
    it is ready."""

    context: object
    address: str
    ready: Ready


def opened(tab: Tab, counted: bool = False):
    """A new tab of `tab`, timed from its navigation until `tab.ready` holds and the script has
    finished (as the page itself saw it): the open page, the seconds it took, and (`counted`)
    the browser's counters."""
    page = tab.context.new_page()
    page.add_init_script(tab.ready.watch())
    cdp = tab.context.new_cdp_session(page) if counted else None
    if cdp:
        cdp.send("Performance.enable")
    page.goto(tab.address, wait_until="commit")
    tab.ready.wait(page)
    took = page.evaluate("() => window.__ready") / 1000  # from the navigation's start
    counters = cdp.send("Performance.getMetrics")["metrics"] if cdp else []
    return page, took, {m["name"]: m["value"] for m in counters}


def ready_in(tab: Tab) -> float:
    """Seconds from a new tab's navigation until it is ready."""
    page, took, _ = opened(tab)
    page.close()
    return took


def pairs(n: int, bare: Tab, ours: Tab) -> list[tuple[float, float]]:
    """`n` pairs of (bare page, our page), each pair timed back to back, after one warm-up of
    both (imports and first-run caches)."""
    ready_in(bare)
    ready_in(ours)
    return [(ready_in(bare), ready_in(ours)) for _ in range(n)]


def where_the_time_goes(tab: Tab) -> str:
    """One more new tab, with the browser's own counters: how long its main thread ran
    JavaScript, and the JavaScript it loaded (the biggest chunks by name)."""
    page, took, metrics = opened(tab, counted=True)
    chunks = page.evaluate(
        """() => performance.getEntriesByType('resource')
            .filter(e => e.name.split('?')[0].endsWith('.js'))
            .map(e => [e.name.split('/').pop().split('.')[0], e.decodedBodySize])"""
    )
    page.close()
    chunks.sort(key=lambda c: -c[1])
    biggest = ", ".join(f"{name} {size / 1e6:.1f}" for name, size in chunks[:3])
    return (
        f"ready {took:4.2f} s, script {metrics['ScriptDuration']:4.2f} s, "
        f"tasks {metrics['TaskDuration']:4.2f} s; JS {sum(s for _, s in chunks) / 1e6:4.1f} MB "
        f"in {len(chunks)} files ({biggest} MB)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=7)
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also say, per page, how long its tab ran JavaScript and which files it loaded",
    )
    parser.add_argument(
        "--only",
        metavar="WORDS",
        help="time only the pages whose name holds these words (e.g. participant): a busy "
        "machine is spared the others",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db_url = f"sqlite:///{tmp}/bench.db"
        room = workshop(db_url)
        bare_process, bare_url = bare_server(Path(tmp))
        try:
            with streamlit_server(db_url) as url, sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                bare_context = browser.new_context()
                owner = browser.new_context(viewport={"width": 1280, "height": 800})
                sign_in(owner.new_page(), url)
                phone = browser.new_context(viewport={"width": 390, "height": 844})
                joining = phone.new_page()
                joining.goto(f"{url}/join?code={room['code']}")
                joining.get_by_text("Question 1 of").first.wait_for(timeout=60_000)
                joining.close()
                bare = Tab(bare_context, bare_url, shows(text="Bare page"))
                pages = {
                    "participant's first screen": Tab(
                        phone, f"{url}/", shows(text="Question 1 of")
                    ),
                    "presenter view": Tab(
                        owner,
                        f"{url}/present?ws={room['ws']}&w={room['w']}&live=1",
                        shows(text="Join with code"),
                    ),
                    "control: bare + Plotly, table": Tab(
                        bare_context, f"{bare_url}/?with=chart", shows(selector=PLOTLY)
                    ),
                    "control: bare + Vega-Lite": Tab(
                        bare_context, f"{bare_url}/?with=vega", shows(selector=VEGA)
                    ),
                    "organization map": Tab(
                        owner, f"{url}/map?ws={room['ws']}", shows(selector=f"{VEGA}, {PLOTLY}")
                    ),
                }
                if args.only:
                    pages = {k: v for k, v in pages.items() if args.only in k}
                print(
                    f"new tab → ready, median of {args.pairs} pairs (bare page timed just before)"
                )
                for name, tab in pages.items():
                    timed = pairs(args.pairs, bare, tab)
                    bare_s = statistics.median(b for b, _ in timed)
                    ours = statistics.median(o for _, o in timed)
                    verdict = "ok" if ours / bare_s <= TARGET else "over"
                    print(
                        f"  {name:30} {ours:5.2f} s   bare {bare_s:5.2f} s   "
                        f"{ours / bare_s:4.2f}× (target ≤ {TARGET}×: {verdict})"
                    )
                if args.profile:
                    print("where the time goes, one more tab each (sizes decoded):")
                    for name, tab in {"bare page": bare, **pages}.items():
                        print(f"  {name:30} {where_the_time_goes(tab)}")
                browser.close()
        finally:
            bare_process.terminate()
            bare_process.wait(timeout=10)


if __name__ == "__main__":
    assert OWNER_KEY  # the signed-in tabs use the tests' owner key
    main()
