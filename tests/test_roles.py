"""Who is who, enforced on the server: the owner, participants by token, visitors.

Pages run in AppTest with a stand-in cookie jar; what the jar holds is checked against the
database exactly as for a real browser. The store-level tests call the same checks directly,
the way an edited URL or a forged cookie would reach them.
"""

from __future__ import annotations

import pytest

from coordination.access import Owner, Participant, Visitor
from coordination.errors import Forbidden
from coordination.storage import Store
from tests.app_helpers import Browser, answer, texts

OWNER_PAGES = ["start", "inventory", "trace", "result", "map", "data"]
DEMO_NAME = "Ashgrove"


@pytest.fixture
def browser(monkeypatch) -> Browser:
    return Browser(monkeypatch)


def invited(store, ws: str, *use_cases: str) -> str:
    """A new participant's token for an invitation to these use cases."""
    return store.join(store.invitation(ws, list(use_cases)))


def everything_shown(at) -> str:
    widgets = [w.label for kind in ("selectbox", "button", "text_input") for w in getattr(at, kind)]
    options = [str(o) for s in at.selectbox for o in s.options]
    return "\n".join([texts(at), *map(str, widgets), *options, str(dict(at.query_params))])


@pytest.mark.parametrize("page", OWNER_PAGES)
def test_a_visitor_sees_no_workspace_data_on_any_page_even_with_an_edited_url(
    store, demo, browser, page
):
    at = browser.open(ws=demo, uc="release-notes", r="Dana")
    assert not at.exception
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(f"app_pages/owner/{page}.py")  # not registered for a visitor at all
    shown = everything_shown(at)
    assert "You need a link to come in" in shown
    assert DEMO_NAME not in shown and "Release notes" not in shown
    assert not at.sidebar.selectbox and not at.dataframe and not at.table


def test_a_forged_or_revoked_owner_cookie_is_a_visitor(store, demo, browser):
    browser.jar = {"cm_owner": "not-a-real-token"}
    assert "You need a link to come in" in texts(browser.open(ws=demo))
    browser.as_owner(store)
    owner = store.identify(browser.jar["cm_owner"], None)
    assert isinstance(owner, Owner)
    store.sign_out(owner)
    assert "You need a link to come in" in texts(browser.open(ws=demo))


def test_signing_out_ends_the_session_at_the_next_click(store, demo, browser):
    at = browser.as_owner(store).open(ws=demo)
    assert at.sidebar.selectbox
    next(b for b in at.sidebar.button if b.label == "Sign out").click().run()
    assert "You need a link to come in" in texts(at)
    assert isinstance(store.identify(browser.jar["cm_owner"], None), Visitor)


def test_a_new_owner_key_signs_every_browser_out(store, tmp_path):
    token = store.sign_in(store.owner_key())
    assert isinstance(store.identify(token, None), Owner)
    rotated = Store.from_url(str(store.engine.url), owner_key="a-new-key-0123456789")
    assert isinstance(rotated.identify(token, None), Visitor)
    assert rotated.sign_in(store.owner_key()) is None
    assert rotated.sign_in("a-new-key-0123456789") is not None


def test_a_participant_answers_only_the_invited_use_case_and_sees_nothing_else(
    store, demo, browser
):
    token = invited(store, demo, "release-notes")
    at = browser.as_participant(token).open(uc="sales-call-summaries")  # an edited URL
    assert not at.exception
    assert not at.selectbox and "Ordering portal release notes" in texts(at)
    shown = everything_shown(at)
    assert not at.sidebar.selectbox and not at.dataframe and not at.table
    for other in ("Sales call summaries", "Organization map", "Backup", "Zoë", "Priya"):
        assert other not in shown
    answer(at, 2)
    me = store.identify(None, token)
    assert store.participant_response(me, "release-notes").answers == {"reach": 2}


@pytest.mark.parametrize("page", OWNER_PAGES)
def test_a_participant_cannot_run_an_owner_page(store, demo, browser, page):
    token = invited(store, demo, "release-notes")
    at = browser.as_participant(token).open(ws=demo)
    assert "Your answers" in texts(at)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(f"app_pages/owner/{page}.py")
    assert not at.sidebar.selectbox and not at.dataframe and not at.table
    assert "Organization map" not in texts(at)


def test_two_participants_called_ben_are_two_people(store, demo):
    first = store.identify(None, invited(store, demo, "release-notes"))
    second = store.identify(None, invited(store, demo, "release-notes"))
    for who, value in ((first, 1), (second, 3)):
        store.set_display_name(who, "Ben")
        store.participant_answer(who, "release-notes", "reach", value)
    responses = store.load(demo).use_case("release-notes").responses
    bens = {r.respondent: r.answers["reach"] for r in responses if r.respondent.startswith("Ben")}
    assert bens == {"Ben": 1, "Ben 2": 3}
    assert store.participant_response(first, "release-notes").answers == {"reach": 1}


def test_a_participant_never_writes_another_use_case_or_workspace(store, demo):
    other = store.create_workspace("Other Co")
    other_uc = store.add_use_case(other.key, "Lead scores")
    me = store.identify(None, invited(store, demo, "release-notes"))
    with pytest.raises(Forbidden):
        store.participant_answer(me, "sales-call-summaries", "reach", 3)
    with pytest.raises(Forbidden):
        store.participant_response(me, "sales-call-summaries")
    # A forged identity (another workspace and use case) is checked against the stored one.
    forged = Participant(id=me.id, workspace=other.key, use_cases=(other_uc,), display_name=None)
    with pytest.raises(Forbidden):
        store.participant_answer(forged, other_uc, "reach", 3)
    assert store.load(other.key).use_case(other_uc).responses == []


def test_an_invitation_of_one_workspace_never_reaches_another(store, demo, browser):
    other = store.create_workspace("Other Co")
    store.add_use_case(other.key, "Lead scores")
    token = invited(store, demo, "release-notes")
    at = browser.as_participant(token).open(ws=other.key, uc="lead-scores")
    assert "Lead scores" not in everything_shown(at) and "Other Co" not in everything_shown(at)


def test_a_closed_invitation_keeps_its_answers_and_takes_no_more(store, demo):
    invitation = store.invitation(demo, ["release-notes"])
    me = store.identify(None, store.join(invitation))
    store.participant_answer(me, "release-notes", "reach", 2)
    store.close_invitation(demo, invitation)
    with pytest.raises(Forbidden, match="closed"):
        store.participant_answer(me, "release-notes", "reach", 3)  # a page loaded before
    assert store.participant_response(me, "release-notes").answers == {"reach": 2}
    assert store.join(invitation) is None


def test_tokens_are_long_random_and_only_hashed_in_the_database(store, demo):
    from sqlalchemy import text

    token = invited(store, demo, "release-notes")
    assert len(token) >= 43  # 32 random bytes, URL-safe
    with store.engine.connect() as conn:
        stored = conn.execute(text("select token_hash from participants")).scalars().all()
    assert token not in stored and len(stored) == 1


@pytest.mark.parametrize(
    ("url", "base_path", "expected"),
    [
        ("http://10.0.0.5:8501", "", "http://10.0.0.5:8501"),  # the root page: no path at all
        ("http://10.0.0.5:8501/", "", "http://10.0.0.5:8501"),
        ("http://10.0.0.5:8501/map?ws=abc", "", "http://10.0.0.5:8501"),
        (
            "https://maps.example.org/coordination/trace",
            "coordination",
            "https://maps.example.org/coordination",
        ),
        (
            "https://maps.example.org/coordination",
            "/coordination/",
            "https://maps.example.org/coordination",
        ),
    ],
)
def test_links_for_others_start_at_the_apps_own_address(url, base_path, expected):
    from app_pages.route import app_base

    assert app_base(url, base_path) == expected
