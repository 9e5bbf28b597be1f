"""End to end in a real Chromium against a real Streamlit server: trace, reload, restart, map.

Set E2E_SCREENSHOTS=folder to keep a screenshot of each step for a human to look at.
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
from tests.browser import OWNER_KEY, free_port, sign_in, streamlit_server, wait_idle

pytestmark = pytest.mark.browser
CHART = "[data-testid=stVegaLiteChart] svg.marks"  # the map's first view, drawn
TRICKY = "**Bold** <i>tag</i> [link](http://example.com) $x$"


@pytest.fixture
def db_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'e2e.db'}"
    store = Store.from_url(url, owner_key=OWNER_KEY)
    store.seed_demo_once(read_assessment(DEMO_PATH, load_questionnaire()))
    store.add_use_case(store.demo_workspace().key, TRICKY, function="Sales")
    return url


def demo_key(db_url: str) -> str:
    return Store.from_url(db_url, owner_key=OWNER_KEY).demo_workspace().key


def shot(page, name: str) -> None:
    folder = os.environ.get("E2E_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def choose(page, label: str, then: str | None = None) -> None:
    """Click an answer; a saved answer goes on by itself, to the question `then` names."""
    page.get_by_text(label, exact=True).click()
    page.get_by_text("Answer saved").first.wait_for()  # the toast confirms the write
    if then:
        page.get_by_text(then).wait_for()
    wait_idle(page)


def test_trace_reload_restart_map_and_back_to_the_result(browser, db_url):
    port = free_port()
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    demo = demo_key(db_url)
    with streamlit_server(db_url, port) as url:
        sign_in(page, url, f"trace?ws={demo}&uc=release-notes")
        page.get_by_role("textbox", name="Your name or initials").fill("Zoë")
        page.keyboard.press("Enter")
        wait_idle(page)
        choose(page, "2 · A team, in a shared way", then="Question 2 of 8")
        page.locator("summary").filter(has_text="Evidence or example").click()
        evidence = page.get_by_role("textbox", name="Evidence or example (optional)")
        evidence.fill("Everyone starts from the shared prompt pack")
        page.get_by_text("Question 2 of 8").click()  # leaving the box saves it
        page.get_by_text("Note saved").first.wait_for()
        wait_idle(page)
        choose(
            page,
            "3 · An approved tool with shared templates or prompts that someone keeps current",
            then="Question 3 of 8",
        )
        choose(page, "Don't know", then="Question 4 of 8")
        shot(page, "e2e-1-trace")

        page.reload()  # half-way: every answer must still be there
        wait_idle(page)
        assert page.get_by_text("Question 4 of 8").is_visible()
        assert page.get_by_text("3 of 8 questions answered").is_visible()

    with streamlit_server(db_url, port) as url:  # the server restarts; the link still works
        page.reload()
        wait_idle(page)
        assert page.get_by_text("Question 4 of 8").is_visible()  # still signed in
        assert page.get_by_role("button", name="Sign out").is_visible()
        page.get_by_role("button", name="← Back").click()
        page.get_by_text("Question 3 of 8").wait_for()
        wait_idle(page)
        assert page.get_by_role("button", name="Don't know — your answer").is_visible()
        page.get_by_role("button", name="← Back").click()
        page.get_by_text("Question 2 of 8").wait_for()
        wait_idle(page)
        chosen = re.compile("^3 · An approved tool .* — your answer")
        assert page.get_by_role("button", name=chosen).is_visible()
        assert (
            page.get_by_role("textbox", name="Evidence or example (optional)").input_value()
            == "Everyone starts from the shared prompt pack"
        )
        shot(page, "e2e-2-after-restart")

        page.goto(f"{url}/map?ws={demo}")
        wait_idle(page)
        page.locator(CHART).first.wait_for()  # the first view: Vega-Lite, no plotly
        assert page.locator(f"{CHART} .mark-rect path").count() >= 100  # the heatmap's cells
        assert page.get_by_text("Where coordination is missing").first.is_visible()
        shot(page, "e2e-3-map")

        name = page.locator(".st-key-map_table").get_by_role("link", name="Sales call summaries")
        name.scroll_into_view_if_needed()
        name.click()  # the table's names link to their results (app_pages/map_table.py)
        page.get_by_role("heading", name=re.compile("^Level \\d")).first.wait_for()
        wait_idle(page)
        assert "/result" in page.url and "uc=call-summaries" in page.url
        assert page.get_by_role(
            "heading", name="Level 4 · Cross-functional coordination"
        ).is_visible()
        shot(page, "e2e-4-result-from-map")


def test_user_text_is_never_rendered_as_html_or_markdown(browser, db_url):
    store = Store.from_url(db_url, owner_key=OWNER_KEY)
    ws = store.create_workspace(TRICKY)
    store.add_use_case(ws.key, TRICKY, function=TRICKY)
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    with streamlit_server(db_url) as url:
        sign_in(page, url)
        for path in ("result", "data", "inventory", "map"):
            page.goto(f"{url}/{path}?ws={ws.key}")
            wait_idle(page)
            main = page.get_by_test_id("stMain")
            shown = main.inner_text().replace("\u2060", "")  # invisible joiners break links
            assert TRICKY in shown, path  # markdown elements show it as typed
            assert main.locator("a[href*='example.com']").count() == 0, path
            assert main.locator("i, strong").filter(has_text=re.compile("tag|Bold")).count() == 0
            assert main.locator(".katex").count() == 0, path  # no maths from $x$
        page.locator(CHART).first.wait_for()
        labels = page.locator(f"{CHART} .role-axis-label text").all_text_contents()
        # the chart shows the tags as text, over two lines cut to fit, then "· not traced"
        assert any(label.startswith("**Bold** <i>tag</i>[link](") for label in labels), labels
        assert any(label.endswith("… · not traced") for label in labels), labels
        shot(page, "e2e-5-literal-text")


def test_the_live_map_follows_answers_given_elsewhere(browser, db_url):
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    demo = demo_key(db_url)
    with streamlit_server(db_url) as url:
        sign_in(page, url, f"map?ws={demo}")
        traced = page.get_by_test_id("stMetric").filter(has_text="Traced")
        assert traced.get_by_test_id("stMetricValue").inner_text() == "14"  # finished traces
        page.get_by_text("One more trace is in progress.").wait_for()
        page.get_by_text("Live", exact=True).click()
        wait_idle(page)
        # A workshop participant answers on another device: the untraced use case starts.
        Store.from_url(db_url, owner_key=OWNER_KEY).set_answer(
            demo, "release-notes", "Émile", "reach", 1
        )
        page.get_by_text("Two more traces are in progress.").wait_for(timeout=15_000)
        shot(page, "e2e-6-live")


def test_from_an_empty_start_to_a_finished_map(browser, db_url):
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    with streamlit_server(db_url) as url:
        sign_in(page, url)
        page.get_by_role("textbox", name="Organization name").fill("Acme GmbH")
        page.get_by_role("button", name="Create workspace").click()
        page.get_by_text("Add a use case").wait_for()
        wait_idle(page)
        page.get_by_role("textbox", name="Use case").fill("Weekly pipeline summary")
        page.get_by_role("combobox", name="Function").click()
        page.keyboard.type("Revenue Ops")  # a function that does not exist yet
        page.keyboard.press("Enter")
        page.get_by_role("button", name="Add use case").click()
        page.get_by_text("AI use cases (1)").wait_for()
        wait_idle(page)
        shot(page, "e2e-7-inventory")
        store = Store.from_url(db_url, owner_key=OWNER_KEY)
        acme = next(ws.key for ws in store.workspaces() if ws.name == "Acme GmbH")
        [case] = store.load(acme).use_cases
        assert (case.name, case.function) == ("Weekly pipeline summary", "Revenue Ops")

        page.get_by_role("link", name="Trace a use case →").click()
        wait_idle(page)
        page.get_by_role("textbox", name="Your name or initials").fill("Kim")
        page.keyboard.press("Enter")
        wait_idle(page)
        for n in range(1, 9):  # "2 · …" is the defined level of every question
            page.get_by_text(f"Question {n} of 8").wait_for()
            wait_idle(page)
            page.get_by_text(re.compile("^2 · ")).click()  # a saved answer goes on by itself
            page.get_by_text("Answer saved").first.wait_for()
        page.get_by_role("heading", name="Open questions").wait_for()
        wait_idle(page)
        page.get_by_role("button", name="See the result").click()
        page.get_by_role("heading", name="Level 3 · Workflow integration").wait_for()  # reach 2 < 3
        page.goto(f"{url}/map?ws={acme}")
        wait_idle(page)
        page.locator(CHART).first.wait_for()
        assert page.get_by_text("0 of 1 traced use cases are stuck").is_visible()
        shot(page, "e2e-8-first-map")


def test_an_invited_participant_answers_only_their_use_case(browser, db_url):
    demo = demo_key(db_url)
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    with streamlit_server(db_url) as url:
        sign_in(page, url, f"trace?ws={demo}&uc=spec-sheets&r=Facilitator")
        page.get_by_role("button", name="Invite others").click()
        page.get_by_role("button", name="Show the invitation link").click()
        wait_idle(page)
        link = page.get_by_role("textbox", name="Invitation link").input_value()
        assert link.startswith(f"{url}/?invite=") and demo not in link

        phone = browser.new_page(viewport={"width": 390, "height": 844})  # its own cookies
        phone.goto(link)
        wait_idle(phone)
        assert "invite=" not in phone.url
        main = phone.get_by_test_id("stMain")
        main.get_by_role("heading", name="Your answers").wait_for()
        main.get_by_role("heading", name="Product data sheet drafts").wait_for()
        assert main.get_by_role("combobox", name="Use case").count() == 0  # only theirs
        choose(phone, "3 · Several functions")
        shot(phone, "e2e-9-participant")
        for path in ("map", "data", "inventory", f"result?ws={demo}&uc=spec-sheets"):
            phone.goto(f"{url}/{path}")  # edited URLs: still only their own page
            wait_idle(phone)
            shown = phone.get_by_test_id("stMain").inner_text()
            assert "Organization map" not in shown and "Ashgrove" not in shown, path
            assert "Your answers" in shown, path
        answers = (
            Store.from_url(db_url, owner_key=OWNER_KEY).load(demo).use_case("spec-sheets").responses
        )
        # A participant who gave no name is "Participant n", n their join order: one scheme.
        assert [r.answers for r in answers if r.respondent == "Participant 1"] == [{"reach": 3}]


def test_without_the_key_no_page_shows_workspace_data(browser, db_url):
    demo = demo_key(db_url)
    page = browser.new_context(viewport={"width": 1400, "height": 1100}).new_page()
    paths = ("", "start", "map", "data", "inventory", f"trace?ws={demo}&uc=release-notes&r=Dana")
    with streamlit_server(db_url) as url:
        for path in paths:
            page.goto(f"{url}/{path}")
            wait_idle(page)
            shown = page.locator("body").inner_text()
            assert "You need a link to come in" in shown, path
            assert "Ashgrove" not in shown and "Release notes" not in shown, path
        shot(page, "e2e-10-visitor")
        page.goto(f"{url}/map?key=wrong-key")
        wait_idle(page)
        assert "key=" not in page.url and "wrong-key" not in page.locator("body").inner_text()
        assert page.get_by_text("That sign-in link is not valid").is_visible()

        sign_in(page, url, f"map?ws={demo}")  # the demo is never opened unasked
        page.get_by_text("Where coordination is missing").first.wait_for()
        tab = page.context.new_page()  # a new tab of the same browser stays signed in
        tab.goto(f"{url}/data")
        wait_idle(tab)
        assert tab.get_by_role("button", name="Sign out").is_visible()
        tab.get_by_role("button", name="Sign out").click()
        wait_idle(tab)
        tab.get_by_text("You need a link to come in").wait_for()
        page.reload()
        wait_idle(page)
        assert page.get_by_text("You need a link to come in").is_visible()


def test_every_click_on_the_chart_picker_switches_the_chart_and_live_survives_a_reload(
    browser, db_url
):
    demo = demo_key(db_url)
    page = browser.new_context(viewport={"width": 1400, "height": 1100}).new_page()
    with streamlit_server(db_url) as url:
        sign_in(page, url, f"map?ws={demo}")
        page.locator(CHART).first.wait_for()
        for label, view in (
            ("Levels", "levels"),
            ("Disagreement", "spread"),
            ("Functions × levels", "functions"),
            ("Distribution", "distribution"),
        ):
            page.get_by_role("radio", name=label, exact=True).click()
            wait_idle(page)
            assert f"view={view}" in page.url, label  # one click, one switch
        page.get_by_text("Live", exact=True).click()
        wait_idle(page)
        assert "live=1" in page.url
        page.reload()
        wait_idle(page)
        assert page.get_by_role("switch", name="Live").is_checked()
        assert page.get_by_role("radio", name="Distribution", exact=True).is_checked()
