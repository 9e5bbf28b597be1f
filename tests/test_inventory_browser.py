"""Start and Inventory in a real Chromium: the ways in without scrolling, a pasted list that
lands in the table, an objective of one's own, and Escape in a table cell.

Set E2E_SCREENSHOTS=folder to keep screenshots of both pages on a laptop and on a phone.
"""

from __future__ import annotations

import csv
import io
import time

import pytest

from coordination.files.fileformat import read_assessment
from coordination.method.questionnaire import load_questionnaire
from coordination.settings import DEMO_PATH
from coordination.storage import Store
from tests.browser import OWNER_KEY, sign_in, streamlit_server, wait_idle
from tests.test_browser import shot

pytestmark = pytest.mark.browser
LAPTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
FIVE = [
    ("Sales call summaries", "Sales", "Gong"),
    ("Weekly pipeline report", "Sales", ""),
    ("Release notes drafts", "Product", "Copilot"),
    ("Support reply suggestions", "Support", ""),
    ("Spec sheet drafts", "Product", ""),
]


@pytest.fixture
def db_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'inventory.db'}"
    store = Store.from_url(url, owner_key=OWNER_KEY)
    store.seed_demo_once(read_assessment(DEMO_PATH, load_questionnaire()))
    store.engine.dispose()
    return url


def in_view(page, locator) -> bool:
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def stored(db_url: str, name: str) -> list:
    store = Store.from_url(db_url, owner_key=OWNER_KEY)
    ws = next(ws for ws in store.workspaces() if ws.name == name)
    return store.load(ws.key).use_cases


def eventually(check, timeout: float = 10):
    deadline = time.monotonic() + timeout
    while not check() and time.monotonic() < deadline:
        time.sleep(0.2)
    return check()


# Without the native save dialog the table's CSV export falls back to a plain download.
NO_SAVE_PICKER = "delete Window.prototype.showSaveFilePicker; delete window.showSaveFilePicker;"


def grid_rows(page) -> list[dict]:
    """What the table holds, through its own "Download as CSV" button."""
    grid = page.get_by_test_id("stDataFrame").first
    grid.hover()
    with page.expect_download() as download:
        grid.get_by_role("button", name="Download as CSV").click()
    text = download.value.path().read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_a_new_owner_creates_a_workspace_without_scrolling_and_pastes_five_use_cases(
    browser, db_url
):
    page = browser.new_page(viewport=LAPTOP, accept_downloads=True)
    page.add_init_script(NO_SAVE_PICKER)
    with streamlit_server(db_url) as url:
        sign_in(page, url)
        shot(page, "start-1440")
        for name in ("Create workspace", "Open the demo organization", "Restore a backup"):
            assert in_view(page, page.get_by_role("button", name=name)), name
        page.get_by_role("textbox", name="Organization name").fill("Acme GmbH")
        page.get_by_role("button", name="Create workspace").click()
        area = page.get_by_role("textbox", name="Your list")
        area.wait_for()  # open at first: the workspace has no use case yet
        wait_idle(page)
        area.fill("Use case\tFunction\tTool\n" + "\n".join("\t".join(row) for row in FIVE))
        page.get_by_role("button", name="Preview").click()
        wait_idle(page)
        shot(page, "inventory-paste-preview-1440")
        page.get_by_role("button", name="Add 5 use cases").click()
        page.get_by_text("AI use cases (5)").wait_for()
        wait_idle(page)
        shot(page, "inventory-1440")
        shown = [(r["Use case"], r["Function"], r["Tool"]) for r in grid_rows(page)]
        assert shown == FIVE
        assert [(uc.name, uc.function, uc.tool or "") for uc in stored(db_url, "Acme GmbH")] == FIVE


def test_an_objective_of_ones_own_and_escape_keeps_a_cell_edit(browser, db_url):
    store = Store.from_url(db_url, owner_key=OWNER_KEY)
    acme = store.create_workspace("Acme")
    store.add_use_cases(acme.key, [{"name": n, "function": f} for n, f, _ in FIVE[:3]])
    page = browser.new_page(viewport=LAPTOP)
    with streamlit_server(db_url) as url:
        sign_in(page, url, f"inventory?ws={acme.key}")
        page.get_by_role("textbox", name="Use case", exact=True).fill("Tender answers")
        page.get_by_role("combobox", name="Objective").click()
        page.keyboard.type("answer tenders faster")  # not one of the questionnaire's
        page.keyboard.press("Enter")
        page.get_by_role("button", name="Add use case").click()
        page.get_by_text("AI use cases (4)").wait_for()
        wait_idle(page)
        assert stored(db_url, "Acme")[-1].objective == "answer tenders faster"

        grid = page.get_by_test_id("stDataFrame").first
        grid.scroll_into_view_if_needed()
        wait_idle(page)
        box = grid.bounding_box()
        page.mouse.dblclick(box["x"] + 60, box["y"] + 35 + 17)  # row 1, "Use case"
        editor = page.locator("#portal textarea")
        editor.wait_for()
        page.keyboard.press("End")
        page.keyboard.type(" v2")
        page.keyboard.press("Escape")  # Glide alone would drop " v2" here
        assert eventually(lambda: stored(db_url, "Acme")[0].name == "Sales call summaries v2")
        wait_idle(page)
        for viewport, suffix in ((PHONE, "390"), (LAPTOP, "1440-demo")):
            page.set_viewport_size(viewport)
            page.goto(f"{url}/inventory?ws={store.demo_workspace().key}")
            wait_idle(page)
            shot(page, f"inventory-{suffix}")
        page.goto(f"{url}/")  # Start, with the session's workspace
        wait_idle(page)
        shot(page, "start-1440-demo-link")
        page.set_viewport_size(PHONE)
        wait_idle(page)
        shot(page, "start-390")
