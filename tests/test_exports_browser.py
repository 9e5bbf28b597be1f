"""The meeting files in a real browser: the deck, the PDF pack and the one-page result are
drawn when clicked and arrive as files that open; the import page takes a real upload.

Set E2E_SCREENSHOTS=folder to keep screenshots of the pages for a human to look at.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pptx import Presentation

from coordination.files.fileformat import decode_assessment, read_assessment
from coordination.method.questionnaire import load_questionnaire
from coordination.settings import DEMO_PATH
from coordination.storage import Store
from tests.browser import OWNER_KEY, sign_in, streamlit_server, wait_idle
from tests.survey_files import google_csv

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('exports') / 'e.db'}"
    store = Store.from_url(url, owner_key=OWNER_KEY)
    store.seed_demo_once(read_assessment(DEMO_PATH, load_questionnaire()))
    demo = store.demo_workspace().key
    with streamlit_server(url) as base:
        yield base, demo, store
    store.engine.dispose()


def shot(page, name: str) -> None:
    if folder := os.environ.get("E2E_SCREENSHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def download(page, label: str):
    """Click a download button once the page is idle; the file is drawn on the server then."""
    wait_idle(page)
    button = page.get_by_role("button", name=label)
    button.wait_for()
    with page.expect_download(timeout=120_000) as caught:
        button.click()
    return caught.value


def test_the_deck_and_the_pdf_pack_download_from_backup_and_data(browser, served, tmp_path):
    base, demo, _ = served
    page = browser.new_page(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    sign_in(page, base, f"data?ws={demo}")
    shot(page, "data-1440")
    deck = download(page, "Slide deck (PowerPoint)")
    assert deck.suggested_filename.endswith(".pptx")
    slides = Presentation(io.BytesIO(Path(deck.path()).read_bytes())).slides
    assert len(slides) > 20
    pdf = download(page, "PDF pack")
    assert Path(pdf.path()).read_bytes().startswith(b"%PDF")
    sheet = download(page, "Spreadsheet (Excel)")
    assert Path(sheet.path()).read_bytes().startswith(b"PK")
    backup = download(page, "Download a full backup (JSON)")
    assert backup.suggested_filename.endswith(".json")
    kept = decode_assessment(Path(backup.path()).read_bytes(), load_questionnaire())
    assert len(kept.use_cases) == len(read_assessment(DEMO_PATH, load_questionnaire()).use_cases)
    page.close()


def test_the_one_page_result_downloads_from_the_result_page(browser, served):
    base, demo, _ = served
    page = browser.new_page(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    sign_in(page, base, f"result?ws={demo}&uc=quote-follow-ups")
    result = download(page, "Download this result (PDF, one page)")
    data = Path(result.path()).read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page\n") <= 1
    page.close()


def test_survey_answers_import_through_the_page(browser, served, tmp_path):
    base, _, store = served
    ws = store.create_workspace("Survey import e2e")
    source = tmp_path / "Form responses.csv"
    source.write_bytes(google_csv(load_questionnaire()))
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    sign_in(page, base, f"import?ws={ws.key}")
    page.locator("input[type=file]").set_input_files(str(source))
    wait_idle(page)
    page.get_by_role("button", name="Import five answers into Survey import e2e").click()
    wait_idle(page)
    page.get_by_text("Imported: five new people").wait_for()
    shot(page, "import-1440")
    assert [len(uc.responses) for uc in store.load(ws.key).use_cases] == [3, 2]
    page.close()


def test_an_address_ending_in_start_opens_start_without_a_not_found_notice(browser, served):
    base, _, _ = served
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    sign_in(page, base, "start")
    assert urlsplit(page.url).path in ("", "/")  # Start lives at the root
    page.get_by_role("heading", name="Where do you want to start?").wait_for()
    assert page.get_by_text("Page not found").count() == 0
    page.close()
