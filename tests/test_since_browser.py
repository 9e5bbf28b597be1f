"""The manager's week in a real Chromium (issue 13): a snapshot "Q1 workshop", two use cases
changed since, and the map says what moved — its sentence, the marks, the "What changed" chart
inside the screen on a laptop and a phone.

Set E2E_SCREENSHOTS=folder to keep a screenshot of each for a human to look at.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from coordination.files.fileformat import read_assessment
from coordination.method.questionnaire import load_questionnaire
from coordination.settings import DEMO_PATH
from coordination.storage import Store
from tests.browser import OWNER_KEY, sign_in, streamlit_server, wait_idle
from tests.test_map_browser import CHECK, SIZES

pytestmark = pytest.mark.browser

UP = {"reach": 3, "handoff": 2, "feedback_loop": 2, "workflow_defined": 2, "ownership": 2,
      "review_criteria": 2, "tool_standard": 2}  # fmt: skip


@pytest.fixture(scope="module")
def week(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('since') / 'since.db'}"
    store = Store.from_url(url, owner_key=OWNER_KEY)
    store.seed_demo_once(read_assessment(DEMO_PATH, load_questionnaire()))
    ws = store.demo_workspace().key
    store.take_snapshot(ws, "Q1 workshop")
    cases = {uc.id: uc for uc in store.load(ws).use_cases}
    for r in cases["linkedin-posts"].responses:  # 2 → 4
        for question, value in UP.items():
            store.set_answer(ws, "linkedin-posts", r.respondent, question, value)
    for r in cases["call-summaries"].responses:  # 4 → 3: the hand-off is gone
        store.set_answer(ws, "call-summaries", r.respondent, "handoff", 0)
    store.engine.dispose()
    with streamlit_server(url, extra_env={"STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none"}) as base:
        yield base, ws


@pytest.mark.parametrize("size", list(SIZES))
def test_the_map_says_what_moved_since_the_snapshot(browser, week, size):
    base, ws = week
    context = browser.new_context(**SIZES[size])
    page = context.new_page()
    sign_in(page, base, f"map?ws={ws}")
    page.goto(f"{base}/map?ws={ws}&view=changes")
    wait_idle(page)
    # the literal-text rule puts a word joiner after the colon (no emoji shortcode can form)
    sentence = page.get_by_text(
        re.compile(
            r"Since Q1 workshop:\W*one use case moved up and one "
            r"moved down"
        )
    )
    sentence.wait_for()
    assert "Sales call summaries, 4 → 3" in sentence.inner_text()
    page.get_by_role("heading", name="What changed since Q1 workshop").wait_for()
    page.locator(".js-plotly-plot .main-svg").first.wait_for()
    page.wait_for_timeout(500)  # plotly lays the chart out again at the column's width
    chart = "".join(page.locator(".js-plotly-plot").first.inner_text().split())
    for words in ("LinkedIn post drafts", "Sales call summaries", "moved up", "moved down",
                  "then (Q1 workshop)", "4 · Cross-functional"):  # fmt: skip
        assert "".join(words.split()) in chart, words  # ticks and rows wrap over lines
    found = page.evaluate(CHECK)
    assert found["left"] >= 0 and found["right"] <= found["width"], found
    assert not found["outside"], found["outside"]
    if folder := os.environ.get("E2E_SCREENSHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"since-{size}.png"), full_page=True)
    context.close()
