"""Accessibility: axe-core's WCAG 2.2 A and AA rules find nothing on any page, on a laptop and
on a phone, for the owner, a participant and a visitor.

One real server for the module; each page loads in a 1440×900 tab and a 390×844 phone tab at
once. When a page is drawn and at rest, every folded section is opened, the window is made as
tall as the page (same width) and axe-core is injected and run. axe-core is pinned in
tests/a11y/package-lock.json; `make test` installs it with `npm ci --prefix tests/a11y`.
Set E2E_SCREENSHOTS=folder to keep a screenshot of every page checked.
"""

from __future__ import annotations

import ast
import os
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from coordination.files.fileformat import read_assessment
from coordination.method.questionnaire import load_questionnaire
from coordination.report.orgmap import OrgMap
from coordination.settings import DEMO_PATH
from coordination.storage import Store
from coordination.workshop.settings import checked_setup
from tests.browser import CHART, OWNER_KEY, ROOT, sign_in, streamlit_server, wait_idle
from tests.conftest import IN_CI

pytestmark = pytest.mark.browser

AXE = ROOT / "tests" / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
WIDTHS = {
    "desktop": {"viewport": {"width": 1440, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
IDLE = "[data-test-script-state='notRunning']"  # Streamlit's own sign that a run has ended
STILL = {"STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none"}  # no module reloads under live pages
QUESTIONS = len(load_questionnaire().questions)
# Live pages rerun a part of themselves every 1–2 s (Streamlit's fragment timers), and Streamlit
# fades what it is redrawing: a check that lands mid-rerun sees washed-out text that nobody
# reads. The page's timers are stopped before each check, so it checks the page at rest.
FREEZE = """(() => {
  const start = window.setInterval.bind(window);
  const running = [];
  window.setInterval = (fn, ms, ...rest) => { const id = start(fn, ms, ...rest); running.push(id);
                                              return id; };
  window.__freeze = () => running.forEach(id => clearInterval(id));
})();"""
# Streamlit's or Plotly's own markup that the app cannot change, as {CSS selector: why}, for
# axe to skip. None: all that axe has found so far, the app can fix. Add one only with its reason.
EXCLUDED: dict[str, str] = {}


@dataclass(frozen=True)
class Visit:
    """One page to check: who looks at it, its address, and a text it shows once drawn (so an
    error page, which axe would pass, fails the test)."""

    who: str  # "owner", "invited" (invitation link), "joined" (workshop code), "visitor"
    path: str  # with {ws} and {w} for the demo workspace and its workshop
    shows: str
    chart: bool = False  # wait for the chart (Vega-Lite or Plotly) to be drawn too
    streamlit: bool = True


def _views() -> dict[str, Visit]:
    views = ("answers", "levels", "functions", "distribution", "spread")
    return {
        f"map-{view}": Visit("owner", f"map?ws={{ws}}&view={view}", "Organization map", True)
        for view in views
    }


VISITS = {
    "start": Visit("owner", "?ws={ws}", "Where do you want to start"),  # /start: "not found"
    "inventory": Visit("owner", "inventory?ws={ws}", "Inventory"),
    "trace-question": Visit("owner", "trace?ws={ws}&uc=spec-sheets&r=Dana&step=2", "Trace"),
    "trace-open-questions": Visit(
        "owner", f"trace?ws={{ws}}&uc=spec-sheets&r=Dana&step={QUESTIONS + 1}", "Open questions"
    ),
    "result-traced": Visit("owner", "result?ws={ws}&uc=objection-digest", "Why this level"),
    "result-untraced": Visit("owner", "result?ws={ws}&uc=release-notes", "Not traced yet"),
    "result-planned": Visit("owner", "result?ws={ws}&uc=linkedin-posts", "Take on a step"),
    **_views(),
    "map-changes": Visit("owner", "map?ws={ws}&view=changes", "What changed", True),
    "plan": Visit("owner", "plan?ws={ws}", "Add an item of your own"),
    "workshop-setup": Visit("owner", "workshop?ws={ws}", "Set up a workshop"),
    "workshop-round": Visit("owner", "workshop?ws={ws}&w={w}", "Round time"),
    "import": Visit("owner", "import?ws={ws}", "Import survey answers"),
    "data": Visit("owner", "data?ws={ws}", "Backup & data"),
    "present": Visit("owner", "present?ws={ws}&w={w}&live=1", "Join with code"),
    "answer-invited": Visit("invited", "", "Your answers"),
    "answer-joined": Visit("joined", "", "Your answers"),
    "welcome": Visit("visitor", "", "Coordination Map"),
    "join": Visit("visitor", "join", "Join a workshop", streamlit=False),
    "join-wrong-code": Visit("visitor", "join?code=WRONG0", "does not match", streamlit=False),
}


@pytest.fixture(scope="module")
def axe_source() -> Path:
    if AXE.exists():
        return AXE
    why = "axe-core is not installed: run `npm ci --prefix tests/a11y` (make test does)"
    if IN_CI:
        pytest.fail(why)
    pytest.skip(why)


@dataclass
class Site:
    url: str
    ws: str
    workshop: str
    code: str
    invitation: str


@pytest.fixture(scope="module")
def site(tmp_path_factory, axe_source):
    """The demo organization with a workshop whose first round is open for the vote (one
    person has answered), and an invitation to answer one use case."""
    url = f"sqlite:///{tmp_path_factory.mktemp('a11y') / 'a11y.db'}"
    store = Store.from_url(url, owner_key=OWNER_KEY)
    store.seed_demo_once(read_assessment(DEMO_PATH, load_questionnaire()))
    ws = store.demo_workspace().key
    workshop = store.workshops.create(
        ws, checked_setup(use_cases=("spec-sheets", "newsletter"), threshold=3)
    )
    store.workshops.set_phase(ws, workshop.key, "spec-sheets", "voting")
    someone = store.workshops.add_person(ws, workshop.key, "Ana")
    store.workshops.answer_for(ws, workshop.key, someone, "spec-sheets", "reach", 2)
    invitation = store.invitation(ws, ["forecast-explainer"])
    store.take_snapshot(ws, "Q1 workshop")  # the map, Result and exports offer "Since"
    step = OrgMap(store.load(ws), load_questionnaire()).results["linkedin-posts"].steps[0]
    store.add_plan_item(ws, "linkedin-posts", step.text, step.conditions, owner="Priya",
                        due="2020-01-31")  # fmt: skip — overdue: the flagged row is checked too
    store.update_use_case(ws, "linkedin-posts", target_level=4)
    store.engine.dispose()
    with streamlit_server(url, extra_env=STILL) as base:
        yield Site(base, ws, workshop.key, workshop.code, invitation)


@pytest.fixture(scope="module")
def tabs(browser, site):
    """One tab per width and per person, opened (and signed in or joined) on first use."""
    opened = {}

    def tab(width: str, who: str):
        if (width, who) not in opened:
            context = browser.new_context(**WIDTHS[width])
            context.add_init_script(FREEZE)
            page = context.new_page()
            if who == "owner":
                sign_in(page, site.url)
            elif who == "invited":
                page.goto(f"{site.url}/?invite={site.invitation}")
            elif who == "joined":
                page.goto(f"{site.url}/join?code={site.code}")
            opened[width, who] = page
        return opened[width, who]

    yield tab
    for page in opened.values():
        page.context.close()


def open_all(pages, address: str) -> None:
    """Load the address in every tab at the same time (twice as fast as one after the other)."""
    with ExitStack() as loading:
        for page in pages:
            loading.enter_context(page.expect_navigation())
            page.evaluate("address => { window.location.href = address }", address)


def drawn(page, visit: Visit) -> None:
    """Wait until the page is drawn and at rest, with every folded section open."""
    try:
        page.get_by_text(visit.shows).first.wait_for()
    except PlaywrightTimeout:
        shown = page.locator("body").inner_text()[:600]
        raise AssertionError(
            f"{page.url} never showed {visit.shows!r}; it shows:\n{shown}"
        ) from None
    if visit.chart:
        page.locator(CHART).first.wait_for()
    if visit.streamlit:
        wait_idle(page)
        page.evaluate("window.__freeze()")
        page.wait_for_selector(IDLE, state="attached")  # a rerun already under way ends
        assert page.get_by_test_id("stException").count() == 0, "the page shows an exception"
        expand_all(page)
    # A dialog (Streamlit's "Page not found", say) covers the page: axe would check only it.
    assert page.get_by_role("dialog").count() == 0, "a dialog covers the page"


def expand_all(page) -> None:
    """Open every folded section, so what it holds is checked too."""
    opened = page.evaluate("""() => {
        const closed = [...document.querySelectorAll(
            '[data-testid=stExpander] details:not([open]) > summary')];
        closed.forEach(summary => summary.click());
        return closed.length;
    }""")
    if opened:
        page.wait_for_timeout(300)  # the opening animation
        page.wait_for_selector(IDLE, state="attached")


TALL = """() => Math.max(document.body.scrollHeight, ...[...document.querySelectorAll(
  '[data-testid=stMain], [data-testid=stAppViewContainer], [data-testid=stMainBlockContainer]'
)].map(e => e.scrollHeight))"""


@contextmanager
def all_on_screen(page):
    """Make the window as tall as the page for a moment, at the same width. axe checks the
    contrast of text on screen only, and Streamlit scrolls inside its own container, so on a
    phone most of a page would otherwise go unchecked."""
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": min(page.evaluate(TALL), 8000)})
    # The width stays, so nothing reflows but the page's height: two frames are enough.
    page.evaluate(
        "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
    )
    try:
        yield
    finally:
        page.set_viewport_size(size)


def axe_violations(page, axe: Path) -> list[dict]:
    page.add_script_tag(path=str(axe))
    return page.evaluate(
        """async ([tags, excluded]) => {
            const found = await axe.run({exclude: excluded.map(s => [s])},
                                        {runOnly: {type: 'tag', values: tags},
                                         resultTypes: ['violations']});
            return found.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html,
                                          summary: n.failureSummary}))}));
        }""",
        [WCAG, list(EXCLUDED)],
    )


def described(violations: list[dict]) -> list[str]:
    """Each rule broken, then each element: its selector, its HTML, what axe found wrong."""
    lines = []
    for v in violations:
        lines.append(f"  {v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])} element(s)")
        for node in v["nodes"]:
            problem = (node["summary"] or "").splitlines()[1:2]
            lines += [
                f"    at   {node['target']}",
                f"    html {node['html'][:200]}",
                f"    why  {' '.join(problem).strip()[:240]}",
            ]
    return lines


def shot(page, name: str) -> None:
    folder = os.environ.get("E2E_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"a11y-{name}.png"))


@pytest.mark.parametrize("name", VISITS)
def test_axe_finds_no_wcag_violation_at_desktop_or_phone_width(tabs, site, axe_source, name):
    visit = VISITS[name]
    pages = {width: tabs(width, visit.who) for width in WIDTHS}
    open_all(pages.values(), f"{site.url}/{visit.path.format(ws=site.ws, w=site.workshop)}")
    report, count = [], 0
    for width, page in pages.items():
        drawn(page, visit)
        with all_on_screen(page):
            shot(page, f"{name}-{width}")
            violations = axe_violations(page, axe_source)
        if violations:
            count += sum(len(v["nodes"]) for v in violations)
            report += [f"{name} at {width} ({page.url}):", *described(violations)]
    assert not report, f"{count} WCAG 2.2 A/AA violation(s):\n" + "\n".join(report)


def test_every_owner_page_is_checked():
    """A page added to app.py's OWNER_PAGES needs a visit above (Start is the app's root)."""
    tree = ast.parse((ROOT / "app.py").read_text())
    pages = next(
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "OWNER_PAGES"
    )
    paths = {element.elts[-1].value for element in pages.elts}
    visited = {v.path.split("?")[0] or "start" for v in VISITS.values() if v.who == "owner"}
    assert paths - visited == set(), "owner pages the accessibility test does not visit"
