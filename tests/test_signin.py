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
def store(tmp_path):
    return Store.from_url(f"sqlite:///{tmp_path / 'a.db'}", owner_key=KEY)


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


def test_guessing_is_limited(client):
    for _ in range(10):
        client.get("/", params={"key": "guess"})
    answer = client.get("/", params={"key": KEY})  # even the right key waits now
    assert answer.headers["location"] == "/?signin=limited"
    assert "set-cookie" not in answer.headers


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
