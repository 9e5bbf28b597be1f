"""The participant's first screen in a real Chromium: what it loads and how the resume link can
be copied, on a phone and on a laptop.

The resume link used to be drawn with `st.code`, which made every participant's first screen
load Streamlit's syntax highlighter, 1.6 MB of JavaScript (the chunk named
StreamlitSyntaxHighlighter), for one line of text.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from coordination.access import PARTICIPANT_COOKIE
from coordination.storage import Store
from coordination.workshop.settings import checked_setup
from tests.browser import OWNER_KEY, streamlit_server, wait_idle
from tests.workshop_room import LAPTOP, PHONE, SLOW, STILL, two_use_cases

pytestmark = pytest.mark.browser

HIGHLIGHTER = "SyntaxHighlighter"  # the highlighter's chunk: StreamlitSyntaxHighlighter.<hash>.js
ABOUT = "Your name, your function and your resume link"


@pytest.mark.parametrize(
    "device",
    [
        {"viewport": PHONE, "is_mobile": True, "has_touch": True},
        {"viewport": LAPTOP},
    ],
    ids=["phone", "laptop"],
)
def test_the_first_screen_shows_the_resume_link_without_loading_a_syntax_highlighter(
    browser, tmp_path, device
):
    db_url, ws, (use_case, _) = two_use_cases(tmp_path)
    store = Store.from_url(db_url, owner_key=OWNER_KEY)
    workshop = store.workshops.create(ws, checked_setup(use_cases=(use_case,), threshold=3))
    store.workshops.set_phase(ws, workshop.key, use_case, "voting")
    context = browser.new_context(**device)
    page = context.new_page()
    scripts = []
    page.on("response", lambda r: scripts.append(r) if r.url.split("?")[0].endswith(".js") else 0)
    try:
        with streamlit_server(db_url, extra_env=STILL) as url:
            page.goto(f"{url}/join?code={workshop.code}")
            expect(page.get_by_text("Question 1 of").first).to_be_visible(timeout=SLOW)
            wait_idle(page)
            page.get_by_text(ABOUT).click()
            wait_idle(page)
            names = [r.url.split("?")[0].rsplit("/", 1)[-1] for r in scripts]
            assert names and not [n for n in names if HIGHLIGHTER in n], names

            box = page.get_by_role("textbox", name="Your resume link")
            expect(box).to_be_visible(timeout=SLOW)
            [token] = [c["value"] for c in context.cookies() if c["name"] == PARTICIPANT_COOKIE]
            link = f"{url}/?p={token}"
            expect(box).to_have_value(link)
            # Within the screen, wrapped: no sideways scroll inside the box or the page.
            assert box.evaluate("b => b.scrollWidth <= b.clientWidth")
            assert box.bounding_box()["width"] <= device["viewport"]["width"]
            # Reachable by keyboard, and what a select-all copies is the link, whole.
            box.focus()
            expect(box).to_be_focused()
            page.keyboard.press("ControlOrMeta+a")
            selected = box.evaluate("b => b.value.slice(b.selectionStart, b.selectionEnd)")
            assert selected == link
            # A slip of the keyboard in the box is put back: the link stays the one to copy.
            page.keyboard.type("oops")
            page.keyboard.press("Tab")
            wait_idle(page)
            expect(box).to_have_value(link, timeout=SLOW)
            total = sum(len(r.body()) for r in scripts)
            print(f"{device['viewport']}: {len(scripts)} .js files, {total / 1e6:.1f} MB")
    finally:
        context.close()
