"""The web server's sign-in step: credentials in links become HttpOnly cookies and leave the
address bar. Tested over HTTP with Starlette's test client in front of a stand-in app."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from coordination.access import Owner, Participant
from coordination.signin import SignInMiddleware
from coordination.storage import Store

KEY = "the-owner-key-0123456789"


@pytest.fixture
def store(migrated_sqlite_url):
    return Store.from_url(migrated_sqlite_url, owner_key=KEY)


@pytest.fixture
def client(store):
    async def page(request):
        return PlainTextResponse(f"page {request.url.path}")

    app = Starlette(routes=[Route("/{path:path}", page)])
    app.add_middleware(SignInMiddleware, store=lambda: store)
    return TestClient(app, follow_redirects=False)


def test_the_owner_key_signs_in_and_leaves_the_address(client, store):
    answer = client.get("/map", params={"key": KEY, "view": "levels"})
    assert answer.status_code == 303
    assert answer.headers["location"] == "/map?view=levels"
    cookie = answer.headers["set-cookie"]
    assert (
        cookie.startswith("cm_owner=") and "HttpOnly" in cookie and "samesite=lax" in cookie.lower()
    )
    assert KEY not in cookie and answer.headers["referrer-policy"] == "no-referrer"
    assert isinstance(store.identify(answer.cookies["cm_owner"], None), Owner)


def test_a_wrong_key_sets_nothing_and_says_so(client):
    answer = client.get("/", params={"key": "guess"})
    assert answer.headers["location"] == "/?signin=failed"
    assert "set-cookie" not in answer.headers


def test_guessing_is_limited_but_the_right_key_still_signs_in(client):
    for _ in range(10):
        client.get("/", params={"key": "guess"})
    answer = client.get("/", params={"key": KEY})  # never refused for someone else's guesses
    assert answer.headers["location"] == "/" and "cm_owner" in answer.cookies
    # (tests/test_ratelimit.py: further guesses wait their turn, a flood is refused)


def test_an_invitation_makes_a_participant_and_reopening_it_resumes(client, store):
    ws = store.create_workspace("Acme")
    uc = store.add_use_case(ws.key, "Calls")
    invite = store.invitation(ws.key, [uc])
    answer = client.get("/answer", params={"invite": invite})
    assert answer.headers["location"] == "/answer"
    token = answer.cookies["cm_participant"]
    me = store.identify(None, token)
    assert isinstance(me, Participant) and me.use_cases == (uc,)
    client.cookies.set("cm_participant", token)
    again = client.get("/answer", params={"invite": invite})
    assert "set-cookie" not in again.headers  # the same person, not a second participant


def test_a_resume_link_brings_a_participant_back_on_another_device(client, store):
    ws = store.create_workspace("Acme")
    token = store.join(store.invitation(ws.key, [store.add_use_case(ws.key, "Calls")]))
    answer = client.get("/answer", params={"p": token})
    assert answer.cookies["cm_participant"] == token
    assert (
        client.get("/answer", params={"p": "made-up"}).headers["location"].endswith("signin=invite")
    )


def test_an_invalid_invitation_sets_nothing(client):
    answer = client.get("/answer", params={"invite": "made-up"})
    assert answer.headers["location"] == "/answer?signin=invite"
    assert "set-cookie" not in answer.headers


def test_pages_without_credentials_pass_straight_through(client):
    answer = client.get("/map", params={"ws": "x"})
    assert answer.status_code == 200 and answer.text == "page /map"


# ── login CSRF: a resume link never switches a browser that answers as someone else ─────────


@pytest.fixture
def two_participants(store):
    ws = store.create_workspace("Acme")
    invite = store.invitation(ws.key, [store.add_use_case(ws.key, "Calls")])
    return store.join(invite), store.join(invite)  # the victim's, the attacker's


def test_a_resume_link_from_elsewhere_does_not_switch_a_browser_that_answers_as_someone(
    client, two_participants
):
    victim, attacker = two_participants
    client.cookies.set("cm_participant", victim)
    answer = client.get("/answer", params={"p": attacker}, headers={"sec-fetch-site": "cross-site"})
    assert answer.status_code == 200 and "already answers as someone" in answer.text
    assert "cm_participant" not in answer.headers.get("set-cookie", "")
    assert answer.headers["x-frame-options"] == "DENY"  # no other site can press the button
    assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]


def test_a_switch_posted_by_another_site_is_refused(client, two_participants):
    victim, attacker = two_participants
    client.cookies.set("cm_participant", victim)
    page = client.get("/answer", params={"p": attacker})
    confirm = page.cookies["cm_confirm"]
    client.cookies.delete("cm_confirm")  # SameSite=Strict: not sent with another site's form
    forged = client.post(
        "/resume",
        data={"p": attacker, "confirm": confirm, "next": "/answer"},
        headers={"origin": "https://evil.example", "sec-fetch-site": "cross-site"},
    )
    assert forged.status_code == 403 and "cm_participant" not in forged.headers.get(
        "set-cookie", ""
    )
    client.cookies.set("cm_confirm", confirm, path="/resume")
    cross = client.post(
        "/resume",
        data={"p": attacker, "confirm": confirm, "next": "/answer"},
        headers={"sec-fetch-site": "cross-site"},
    )
    assert cross.status_code == 403


def test_the_person_who_presses_switch_is_switched_and_stays_on_this_app(
    client, store, two_participants
):
    victim, attacker = two_participants
    client.cookies.set("cm_participant", victim)
    page = client.get("/answer", params={"p": attacker})
    switched = client.post(
        "/resume",
        data={"p": attacker, "confirm": page.cookies["cm_confirm"], "next": "//evil.example/x"},
        headers={"origin": "http://testserver", "sec-fetch-site": "same-origin"},
    )
    assert switched.status_code == 303 and switched.headers["location"] == "/"
    assert switched.cookies["cm_participant"] == attacker


def test_reopening_ones_own_resume_link_needs_no_question(client, two_participants):
    mine, _ = two_participants
    client.cookies.set("cm_participant", mine)
    answer = client.get("/answer", params={"p": mine})
    assert answer.status_code == 303 and answer.headers["location"] == "/answer"


def test_a_link_that_comes_while_the_database_is_down_gets_a_sentence_and_nothing_else():
    """Not a server error page: nothing was exchanged, and the same link works later."""
    from coordination.errors import Unavailable
    from coordination.joinpage import JoinPage

    def down():
        raise Unavailable("The database cannot be reached right now.")

    async def page(request):
        return PlainTextResponse("page")

    app = Starlette(routes=[Route("/join", JoinPage(down).respond), Route("/{path:path}", page)])
    app.add_middleware(SignInMiddleware, store=down)
    client = TestClient(app, follow_redirects=False)
    for params in ({"key": KEY}, {"invite": "x"}, {"p": "y"}):
        answer = client.get("/", params=params)
        assert answer.status_code == 503 and answer.headers["retry-after"] == "2"
        assert answer.text.startswith("The app cannot reach its database right now")
        assert "set-cookie" not in answer.headers
    joining = client.get("/join", params={"code": "ABCD"})
    assert joining.status_code == 503 and "nobody joined" in joining.text
    assert "set-cookie" not in joining.headers
