"""Login CSRF in a real Chromium: a resume link opened in a browser that answers as someone else
asks first; the person's own click switches, another site's form cannot (issue 12, item 3).
A test client did not catch that a browser sends "Origin: null" under no-referrer: only a real
browser shows whether the button works."""

from __future__ import annotations

import pytest

from coordination.storage import Store
from tests.browser import OWNER_KEY, streamlit_server, wait_idle

pytestmark = pytest.mark.browser


@pytest.fixture
def site(tmp_path):
    url = f"sqlite:///{tmp_path / 'csrf.db'}"
    store = Store.from_url(url, owner_key=OWNER_KEY)
    ws = store.create_workspace("Acme")
    uc = store.add_use_case(ws.key, "Call notes")
    invite = store.invitation(ws.key, [uc])
    victim, attacker = store.join(invite), store.join(invite)
    return url, victim, attacker


def participant_cookie(page) -> str:
    return next(c["value"] for c in page.context.cookies() if c["name"] == "cm_participant")


def test_another_sites_form_cannot_switch_the_browser_but_its_person_can(browser, site):
    db_url, victim, attacker = site
    page = browser.new_page(viewport={"width": 390, "height": 844})
    with streamlit_server(db_url) as url:
        page.goto(f"{url}/?p={victim}")
        wait_idle(page)
        assert participant_cookie(page) == victim

        # Another site: a navigation to the attacker's link, then its auto-submitted form.
        page.goto(f"{url}/?p={attacker}")
        page.get_by_role("heading", name="This device already answers as someone").wait_for()
        assert participant_cookie(page) == victim
        page.set_content(
            f'<form id="f" method="post" action="{url}/resume">'
            f'<input name="p" value="{attacker}"><input name="confirm" value="guess">'
            '<input name="next" value="/"></form><script>f.submit()</script>'
        )
        page.wait_for_url(f"{url}/resume")
        assert "Nothing was switched" in page.content()
        assert participant_cookie(page) == victim

        # The person presses the button on this app's own page.
        page.goto(f"{url}/?p={attacker}")
        page.get_by_role("button", name="Switch to the answers of this link").click()
        page.get_by_role("heading", name="Your answers").wait_for()
        assert participant_cookie(page) == attacker
