"""The organization map in a real Chromium on a phone (390 × 844) and a laptop (1440 × 900):
every chart and every word of it inside the screen, nothing over the chart's title, and column
headers that do not run into each other.

Set E2E_SCREENSHOTS=folder to keep a screenshot of each chart for a human to look at.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from coordination.files.fileformat import read_assessment
from coordination.method.questionnaire import load_questionnaire
from coordination.report.style import TITLES
from coordination.settings import DEMO_PATH
from coordination.storage import Store
from tests.browser import CHART, OWNER_KEY, sign_in, streamlit_server, wait_idle

pytestmark = pytest.mark.browser

SIZES = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "laptop": {"viewport": {"width": 1440, "height": 900}},
}
VIEWS = list(TITLES)
VIEW_NAMES = ["Gaps by question", "Levels", "Functions × levels", "Distribution", "Disagreement"]

# Text of the chart outside the window, and upright or on-end tick labels that overlap
# (labels turned 30° overlap as boxes while their letters do not, so they are left out).
# Text of the chart outside the window, and upright or on-end tick labels that overlap
# (labels turned 30° overlap as boxes while their letters do not, so they are left out). The
# question heatmaps are Vega-Lite (each axis a `.role-axis`), the other charts plotly.
CHECK = """() => {
  const width = document.documentElement.clientWidth;
  const vega = document.querySelector('[data-testid=stVegaLiteChart] svg.marks');
  const root = vega || document.querySelector('.js-plotly-plot');
  const chart = (vega || root.querySelector('.main-svg')).getBoundingClientRect();
  const outside = [];
  root.querySelectorAll('text').forEach(t => {
    const r = t.getBoundingClientRect();
    if (r.width && (r.left < -1 || r.right > width + 1)) outside.push(t.textContent);
  });
  const overlapping = [];
  const axes = vega ? '.role-axis' : '.xaxislayer-above';
  for (const axis of root.querySelectorAll(axes)) {
    const boxes = [...axis.querySelectorAll(vega ? '.role-axis-label text' : '.xtick text')]
      .filter(t => {
        const turn = /rotate\\((-?[\\d.]+)/.exec(t.getAttribute('transform') || '');
        const angle = Math.abs(turn ? parseFloat(turn[1]) : 0);
        return angle < 1 || Math.abs(angle - 90) < 1;
      })
      .map(t => [t.textContent, t.getBoundingClientRect()]);
    boxes.forEach(([a, p], i) => boxes.slice(i + 1).forEach(([b, q]) => {
      if (p.left < q.right - 1 && q.left < p.right - 1 && p.top < q.bottom - 1
          && q.top < p.bottom - 1) overlapping.push(a + ' / ' + b);
    }));
  }
  return {left: chart.left, right: chart.right, width, outside, overlapping};
}"""


@pytest.fixture(scope="module")
def map_url(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('map') / 'map.db'}"
    store = Store.from_url(url, owner_key=OWNER_KEY)
    store.seed_demo_once(read_assessment(DEMO_PATH, load_questionnaire()))
    demo = store.demo_workspace().key
    store.engine.dispose()
    still = {"STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none"}
    with streamlit_server(url, extra_env=still) as base:
        yield base, demo


@pytest.mark.parametrize("size", list(SIZES))
def test_every_chart_fits_the_screen_with_its_title_uncovered(browser, map_url, size):
    base, demo = map_url
    context = browser.new_context(**SIZES[size])
    page = context.new_page()
    sign_in(page, base, f"map?ws={demo}")
    for view in VIEWS:
        page.goto(f"{base}/map?ws={demo}&view={view}")
        wait_idle(page)
        page.locator(CHART).first.wait_for()
        page.wait_for_timeout(500)  # the chart is laid out again at the column's width
        heading = page.get_by_role("heading", name=TITLES[view], exact=True)
        heading.evaluate("e => e.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(200)
        box = heading.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= SIZES[size]["viewport"]["width"]
        covered = heading.evaluate(
            """e => { const r = e.getBoundingClientRect();
                const top = document.elementFromPoint(r.left + 8, r.top + r.height / 2);
                return !(top && e.contains(top)); }"""
        )
        assert not covered, f"{view}: something lies over the chart's title"
        assert page.locator(".modebar").count() == 0, view
        found = page.evaluate(CHECK)
        assert found["left"] >= 0 and found["right"] <= found["width"], (view, found)
        assert not found["outside"], (view, found["outside"])
        assert not found["overlapping"], (view, found["overlapping"])
        if folder := os.environ.get("E2E_SCREENSHOTS"):
            Path(folder).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(folder) / f"map-{size}-{view}.png"))
    context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_every_view_and_every_use_case_can_be_read_on_the_screen(browser, map_url, size):
    """On a phone the chart picker wraps (Distribution and Disagreement sat past the edge with
    nothing saying so) and the table becomes one line per use case (it showed two of six
    columns); a laptop keeps the table. Issue 15."""
    base, demo = map_url
    width = SIZES[size]["viewport"]["width"]
    context = browser.new_context(**SIZES[size])
    page = context.new_page()
    sign_in(page, base, f"map?ws={demo}")
    page.locator(CHART).first.wait_for()
    picker = page.locator(".st-key-map_view")
    picker.scroll_into_view_if_needed()  # the page, not the picker's own sideways scroll
    for name in VIEW_NAMES:
        box = picker.get_by_role("radio", name=name, exact=True).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, (name, box)
    page.locator(".st-key-map_view").get_by_role("radio", name="Disagreement").click()
    wait_idle(page)
    assert page.get_by_role("heading", name=TITLES["spread"], exact=True).is_visible()
    cards, table = page.locator(".st-key-map_cards"), page.locator(".st-key-map_table")
    if size == "laptop":
        assert table.is_visible() and not cards.is_visible()
        rows = table.get_by_role("row")
        assert rows.count() == 17  # the headers, then every active use case of the demo
        headers = rows.first.get_by_role("columnheader").all_inner_texts()
        assert [h.strip() for h in headers[:3]] == ["Use case", "Level", "Trace"]
        board = rows.filter(has_text="Pipeline commentary for the board pack")
        assert "at level 5" in board.inner_text()
        if folder := os.environ.get("E2E_SCREENSHOTS"):
            table.scroll_into_view_if_needed()
            page.screenshot(path=str(Path(folder) / f"map-{size}-use-cases.png"))
        # A plain click on a name opens its result in this tab (Streamlit's markdown links
        # open a new one), as selecting a row of the old grid did.
        page.evaluate("window.__mapDocument = true")  # gone if the click loads a new page
        board.get_by_role("link").click()
        page.get_by_role("heading", name="Result").wait_for()
        assert len(context.pages) == 1 and "uc=board-pipeline-commentary" in page.url, page.url
        wait_idle(page)
        page.get_by_role("heading", name="Level 2 · Tool standardization").wait_for()
        assert page.evaluate("window.__mapDocument"), "opened in this session, not loaded anew"
        page.go_back()  # and Back returns to the map, in this session too
        page.get_by_role("heading", name="Organization map").wait_for()
        assert page.evaluate("window.__mapDocument") and "/map" in page.url
    else:
        assert cards.is_visible() and not table.is_visible()
        lines = cards.locator("[data-testid='stLayoutWrapper']")
        assert lines.count() == 16  # every active use case of the demo
        first = lines.first
        first.scroll_into_view_if_needed()
        box = first.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        said = first.inner_text()
        assert "Monthly customer objection digest" in said
        assert "5 · Strategic learning · traced" in said
        board = lines.filter(has_text="Pipeline commentary for the board pack")
        assert "Risk: at level 5" in board.inner_text().replace("\u2060", "")  # as on Result
        if folder := os.environ.get("E2E_SCREENSHOTS"):
            Path(folder).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(folder) / f"map-{size}-use-cases.png"))
        first.get_by_role("link").click()  # a line opens its result, as a table row does
        wait_idle(page)
        page.get_by_role("heading", name="Result").wait_for()
        assert "uc=objection-digest" in page.url
        assert page.get_by_role("heading", name="Level 5 · Strategic learning").is_visible()
    context.close()


def test_a_filtered_map_stays_filtered_through_a_reload_and_a_shared_link(browser, map_url):
    """The map's filters are in the address: what a reload or a copied link shows is what was
    on the screen (Sales only: its use cases listed, Marketing's own not)."""
    base, demo = map_url
    page = browser.new_page(viewport=SIZES["laptop"]["viewport"])
    try:
        sign_in(page, base, f"map?ws={demo}")
        page.get_by_role("combobox", name="Function").first.click()
        page.get_by_role("option", name="Sales", exact=True).click()
        page.keyboard.press("Escape")
        wait_idle(page)
        assert "function=Sales" in page.url
        for opened in ("reload", "link"):
            if opened == "reload":
                page.reload()
            else:
                page.goto(page.url)
            wait_idle(page)
            main = page.get_by_test_id("stMain")
            expect(main.get_by_test_id("stMultiSelect").first).to_contain_text("Sales")
            expect(main.get_by_role("link", name="Competitor pricing scans")).to_be_visible()
            expect(main.get_by_role("link", name="LinkedIn post drafts")).to_have_count(0)
    finally:
        page.close()
