"""The web server's walls, on a real server in a real browser (issue 12 items 6, 8, 10):
downloads and metrics answer only the owner's browser, no page asks another host for anything
(its icon included), and X-Forwarded-For sent from this machine does not escape the limit on
guessing (uvicorn trusts it from loopback unless server.py says otherwise)."""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest

from coordination.files.fileformat import read_assessment
from coordination.method.questionnaire import load_questionnaire
from coordination.settings import DEMO_PATH
from coordination.storage import Store
from tests.browser import OWNER_KEY, sign_in, streamlit_server, wait_idle

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def started(tmp_path_factory):
    folder = tmp_path_factory.mktemp("server")
    url = f"sqlite:///{folder / 's.db'}"
    store = Store.from_url(url, owner_key=OWNER_KEY)
    store.seed_demo_once(read_assessment(DEMO_PATH, load_questionnaire()))
    # unbuffered: what the server prints is in the file as soon as it is printed
    with streamlit_server(
        url, extra_env={"PYTHONUNBUFFERED": "1"}, log_path=folder / "printed.log"
    ) as base:
        yield base, store.demo_workspace().key, folder / "printed.log"
    store.engine.dispose()


@pytest.fixture
def served(started):
    return started[:2]


def test_the_server_prints_the_owners_sign_in_link_and_no_plain_address(started):
    """Streamlit's own "Local URL" opens only the visitor's page: newcomers clicked it."""
    base, _, log = started
    time.sleep(1)  # Streamlit prints its addresses just after it answers /_stcore/health
    printed = log.read_text()
    assert "view your Streamlit app" not in printed  # Streamlit's "(Local) URL: …" lines
    assert not re.search(r"^\s*(Local |Network |External )?URL:", printed, re.MULTILINE)
    lines = printed.splitlines()
    asks = next(n for n, line in enumerate(lines) if "Sign in as the owner with this link" in line)
    assert lines[asks + 1].strip() == f"http://localhost:{urlsplit(base).port}/?key={OWNER_KEY}"


class _Stay(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str, headers: dict | None = None, method: str = "GET") -> tuple[int, dict]:
    opener = urllib.request.build_opener(_Stay)
    request = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with opener.open(request, timeout=60) as answer:
            return answer.status, dict(answer.headers)
    except urllib.error.HTTPError as refused:
        return refused.code, dict(refused.headers)


def test_a_backup_downloads_for_the_owner_and_its_address_answers_nobody_else(browser, served):
    base, demo = served
    page = browser.new_page(accept_downloads=True)
    sign_in(page, base, f"data?ws={demo}")
    wait_idle(page)
    button = page.get_by_role("button", name="Download a full backup (JSON)")
    with page.expect_download(timeout=120_000) as caught:
        button.click()
    backup = caught.value
    assert backup.suggested_filename.endswith(".json")
    media = backup.url
    assert urlsplit(media).path.startswith("/media/")
    assert page.context.request.get(media).status == 200  # the owner's own browser: yes
    stranger = browser.new_context()
    assert stranger.request.get(media).status == 404  # no sign-in: not even "it exists"
    assert fetch(media)[0] == 404
    assert fetch(media, {"Cookie": "cm_owner=forged"})[0] == 404
    owner = next(c for c in page.context.cookies() if c["name"] == "cm_owner")
    assert fetch(f"{base}/_stcore/metrics", {"Cookie": f"cm_owner={owner['value']}"})[0] == 200
    stranger.close()
    page.close()


def test_metrics_and_uploads_answer_nobody_without_the_owners_sign_in(served):
    base, _ = served
    assert fetch(f"{base}/_stcore/health")[0] == 200  # what a load balancer needs stays open
    assert fetch(f"{base}/_stcore/metrics")[0] == 404
    assert fetch(f"{base}/_stcore/upload_file/some-session/some-file", method="PUT")[0] == 404


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "owner"])
def test_no_page_asks_another_host_for_anything_not_even_its_icon(browser, served, signed_in):
    base, demo = served
    context = browser.new_context()
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    if signed_in:
        sign_in(page, base, f"map?ws={demo}")
    else:
        page.goto(base)
        wait_idle(page)
    page.wait_for_timeout(1000)
    here = urlsplit(base).netloc
    elsewhere = [u for u in asked if urlsplit(u).scheme in ("http", "https", "ws", "wss")]
    elsewhere = [u for u in elsewhere if urlsplit(u).netloc != here]
    assert asked and elsewhere == []
    icon = page.locator("link[rel*='icon']").first.get_attribute("href")
    assert icon.startswith("data:image/svg+xml")
    context.close()


def test_a_new_forwarded_address_per_request_does_not_escape_the_limit(served):
    """Last in this file: it leaves this machine's address with ten failures for a minute."""
    base, _ = served
    took = []
    for n in range(12):
        started = time.monotonic()
        status, headers = fetch(
            f"{base}/?key=guess-guess-guess", {"X-Forwarded-For": f"192.0.2.{n}"}
        )
        took.append(time.monotonic() - started)
        assert status == 303 and headers["location"] == "/?signin=failed"
    assert max(took[:11]) < 3 and took[11] >= 5  # the twelfth waited for its turn
    status, headers = fetch(f"{base}/?key={OWNER_KEY}", {"X-Forwarded-For": "192.0.2.200"})
    assert status == 303 and "cm_owner=" in headers["set-cookie"]  # the right key: yes
