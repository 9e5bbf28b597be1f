"""Limits on guessing and on joining (issue 12 item 6 and 9): a correct credential is never
refused because someone else behind the same address guessed; wrong ones are spaced out per
client and overall; forwarded headers count only from configured proxies."""

from __future__ import annotations

import asyncio
import time

import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from coordination.errors import InvalidInput
from coordination.joinpage import JoinPage
from coordination.proxies import ForwardedHeaders, trusted_proxies
from coordination.ratelimit import Attempts, Joins, client_key
from coordination.signin import SignInMiddleware
from coordination.storage import Store
from coordination.workshop.settings import checked_setup

KEY = "the-owner-key-0123456789"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


# ── the counting itself ─────────────────────────────────────────────────────────────────────


def wrong(attempts, client, times=1):
    for _ in range(times):
        attempts.done(attempts.take(client), correct=False)


def test_a_client_is_checked_at_once_until_it_has_failed_ten_times_then_one_at_a_time():
    clock = Clock()
    attempts = Attempts(failures=10, window=60, clock=clock)
    wrong(attempts, "a", 10)
    eleventh = attempts.take("a")
    assert eleventh is not None and attempts.take("a") is None  # one check at a time
    attempts.done(eleventh, correct=False)
    assert attempts.take("a") is None  # after a wrong one, the next only 6 s later
    clock.now += 6
    assert attempts.take("a") is not None
    assert attempts.take("b") is not None  # another address is not slowed at all


def test_a_right_credential_frees_the_turn_at_once_so_a_room_behind_one_address_gets_in():
    clock = Clock()
    attempts = Attempts(failures=10, window=60, clock=clock)
    wrong(attempts, "nat", 10)  # one person in the room guessed
    for _ in range(30):  # thirty people type the right code, one after another, no time passes
        turn = attempts.take("nat")
        assert turn is not None
        attempts.done(turn, correct=True)


def test_a_burst_of_simultaneous_guesses_is_counted_before_any_is_answered():
    attempts = Attempts(failures=10, window=60, clock=Clock())
    taken = [attempts.take("a") for _ in range(15)]
    assert sum(turn is not None for turn in taken) == 11  # ten, then the one limited turn


def test_a_failure_is_forgotten_after_the_window():
    clock = Clock()
    attempts = Attempts(failures=2, window=60, clock=clock)
    wrong(attempts, "a", 3)
    clock.now += 61
    assert attempts.take("a") is not None and attempts.take("a") is not None


def test_guesses_from_many_addresses_share_an_overall_turn_that_spares_clean_ones():
    clock = Clock()
    attempts = Attempts(failures=10, overall=4, window=60, clock=clock)
    for address in "abcd":
        wrong(attempts, address)  # each address's first guess: four failures in all
    shared = attempts.take("a")
    assert shared is not None and attempts.take("b") is None  # failing addresses: one turn
    attempts.done(shared, correct=False)
    assert attempts.take("b") is None  # for 60 / 4 = 15 s
    assert attempts.take("e") is not None  # an address that never failed is never slowed
    clock.now += 15
    assert attempts.take("b") is not None


def test_a_turn_that_does_not_come_within_the_wait_is_refused():
    clock = Clock()
    attempts = Attempts(failures=1, window=60, max_wait=0, clock=clock)
    wrong(attempts, "a", 2)
    assert asyncio.run(attempts.turn("a")) is None and attempts.retry_after == 60
    clock.now += 60
    assert asyncio.run(attempts.turn("a")) is not None


@pytest.mark.parametrize(
    "host, key",
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff::1", "2001:db8:1:2::/64"),  # the same /64: one household
        ("::ffff:203.0.113.7", "203.0.113.7"),
        (None, "?"),
    ],
)
def test_an_ipv6_client_is_counted_by_its_64(host, key):
    assert client_key(host) == key


def test_joins_are_limited_per_address_and_per_invitation():
    clock = Clock()
    joins = Joins(per_client=2, per_invitation=3, window=600, clock=clock)
    assert [joins.take("a", "inv") for _ in range(3)] == [None, None, "client"]
    assert joins.take("b", "inv") is None
    assert joins.take("c", "inv") == "invitation"
    clock.now += 601
    assert joins.take("a", "inv") is None


def test_trusted_proxies_are_checked_and_a_typo_is_named():
    assert trusted_proxies({}) == []
    assert trusted_proxies({"COORDINATION_TRUSTED_PROXIES": "10.0.0.5, 172.16.0.0/12"}) == [
        "10.0.0.5/32",
        "172.16.0.0/12",
    ]
    with pytest.raises(InvalidInput, match="'10.0.0.300' is not an IP address"):
        trusted_proxies({"COORDINATION_TRUSTED_PROXIES": "10.0.0.300"})


# ── over HTTP: the sign-in step and the join page ──────────────────────────────────────────


@pytest.fixture
def store(migrated_sqlite_url):
    return Store.from_url(migrated_sqlite_url, owner_key=KEY)


def server(store, attempts, joins=None, proxies=(), client=("198.51.100.9", 5000)):
    async def page(request):
        return PlainTextResponse(f"page {request.client.host} {request.url.scheme}")

    joins = joins or Joins()
    app = Starlette(
        routes=[
            Route("/join", JoinPage(lambda: store, attempts, joins).respond),
            Route("/{path:path}", page),
        ],
        middleware=[
            Middleware(ForwardedHeaders, proxies=list(proxies)),
            Middleware(SignInMiddleware, store=lambda: store, attempts=attempts, joins=joins),
        ],
    )
    return TestClient(app, follow_redirects=False, client=client)


@pytest.fixture
def workshop(store):
    ws = store.create_workspace("Acme")
    uc = store.add_use_case(ws.key, "Calls")
    return ws, store.workshops.create(ws.key, checked_setup(use_cases=(uc,), threshold=3))


def test_after_ten_wrong_keys_the_right_key_still_signs_in(store):
    client = server(store, Attempts(max_wait=0))
    for _ in range(10):
        assert client.get("/", params={"key": "guess-guess-guess"}).headers["location"] == (
            "/?signin=failed"
        )
    right = client.get("/", params={"key": KEY})
    assert right.headers["location"] == "/" and "cm_owner" in right.cookies
    checked = client.get("/", params={"key": "guess-guess-guess"})  # the one limited turn
    assert checked.headers["location"] == "/?signin=failed"
    limited = client.get("/", params={"key": "guess-guess-guess"})  # the next is 6 s away
    assert limited.headers["location"] == "/?signin=limited"
    assert int(limited.headers["retry-after"]) >= 1 and "set-cookie" not in limited.headers


@pytest.mark.parametrize("credential", ["invite", "p"])
def test_wrong_invitation_and_resume_links_count_toward_the_limit(store, credential):
    client = server(store, Attempts(max_wait=0))
    for _ in range(11):
        client.get("/", params={credential: "made-up"})
    assert client.get("/", params={"key": "guess"}).headers["location"] == "/?signin=limited"


def test_wrong_join_codes_count_with_wrong_keys_and_the_right_code_still_joins(store, workshop):
    attempts = Attempts(max_wait=0)
    client = server(store, attempts)
    for _ in range(5):
        client.get("/", params={"key": "guess"})
    for _ in range(5):
        assert client.get("/join", params={"code": "AAAAAA"}).status_code == 404
    right = client.get("/join", params={"code": workshop[1].code})
    assert right.status_code == 303 and "cm_participant" in right.cookies
    client.cookies.clear()
    client.get("/join", params={"code": "AAAAAA"})  # the first turn after ten failures
    limited = client.get("/join", params={"code": "AAAAAA"})
    assert limited.status_code == 429 and "Too many wrong codes" in limited.text
    assert int(limited.headers["retry-after"]) >= 1


def test_a_forwarded_address_is_ignored_unless_the_peer_is_a_configured_proxy(store):
    attempts = Attempts(max_wait=0)
    client = server(store, attempts)
    for n in range(12):
        client.get("/", params={"key": "guess"}, headers={"X-Forwarded-For": f"192.0.2.{n}"})
    limited = client.get("/", params={"key": "guess"}, headers={"X-Forwarded-For": "192.0.2.99"})
    assert limited.headers["location"] == "/?signin=limited"
    shown = client.get("/x", headers={"X-Forwarded-For": "192.0.2.1", "X-Forwarded-Proto": "https"})
    assert shown.text == "page 198.51.100.9 http"


def test_a_configured_proxy_passes_on_the_right_most_address_it_does_not_trust(store):
    client = server(store, Attempts(max_wait=0), proxies=["198.51.100.0/24"])
    shown = client.get(
        "/x",
        headers={
            "X-Forwarded-For": "10.9.9.9, 192.0.2.1, 198.51.100.3",
            "X-Forwarded-Proto": "https",
        },
    )
    assert shown.text == "page 192.0.2.1 https"


def test_joins_through_one_link_are_limited_and_a_closed_link_says_so(store):
    ws = store.create_workspace("Acme")
    uc = store.add_use_case(ws.key, "Calls")
    invite = store.invitation(ws.key, [uc])
    client = server(store, Attempts(), joins=Joins(per_client=3, per_invitation=100))
    for _ in range(3):
        client.cookies.clear()
        assert "cm_participant" in client.get("/", params={"invite": invite}).cookies
    client.cookies.clear()
    full = client.get("/", params={"invite": invite})
    assert full.headers["location"] == "/?signin=full" and "set-cookie" not in full.headers
    store.close_invitation(ws.key, invite)
    closed = server(store, Attempts()).get("/", params={"invite": invite})
    assert closed.headers["location"] == "/?signin=closed"


def test_addresses_that_guessed_long_ago_are_forgotten():
    clock = Clock()
    attempts, joins = Attempts(window=60, clock=clock), Joins(window=600, clock=clock)
    for n in range(1000):
        wrong(attempts, f"198.51.100.{n}")
        joins.take(f"198.51.100.{n}", "inv")
    clock.now += 601
    wrong(attempts, "a")
    joins.take("a", "inv")
    assert len(attempts._mine) == 1 and len(joins._seen) == 2


def test_a_flood_from_one_address_gets_only_a_few_waiting_requests():
    attempts = Attempts(failures=1, window=60, max_wait=0.3)
    wrong(attempts, "a", 2)

    async def flood():
        waiting = [asyncio.create_task(attempts.turn("a")) for _ in range(200)]
        await asyncio.sleep(0.1)
        return attempts._waiting["a"], await asyncio.gather(*waiting)

    started = time.monotonic()
    assert asyncio.run(flood()) == (Attempts.WAITERS, [None] * 200)
    assert time.monotonic() - started < 1 and attempts._waiting == {}


def test_an_unlisted_proxy_is_named_once_in_the_log(store, caplog):
    client = server(store, Attempts())
    for _ in range(3):
        client.get("/x", headers={"X-Forwarded-For": "192.0.2.1"})
    said = [r.getMessage() for r in caplog.records if "X-Forwarded-For" in r.getMessage()]
    assert said == [
        "A request from 198.51.100.9 carried X-Forwarded-For, which is ignored: 198.51.100.9 "
        "is not in COORDINATION_TRUSTED_PROXIES. If it is your reverse proxy, add it there."
    ]


def test_joins_by_code_are_limited_per_address_with_a_sentence(store, workshop):
    client = server(store, Attempts(), joins=Joins(per_client=2, per_invitation=100))
    for _ in range(2):
        client.cookies.clear()
        assert client.get("/join", params={"code": workshop[1].code}).status_code == 303
    client.cookies.clear()
    refused = client.get("/join", params={"code": workshop[1].code})
    assert refused.status_code == 429 and "set-cookie" not in refused.headers
    assert "Too many people joined from this network" in refused.text
    other = server(store, Attempts(), joins=Joins(per_client=50, per_invitation=0))
    crowded = other.get("/join", params={"code": workshop[1].code})
    assert crowded.status_code == 429 and "Too many people joined this workshop" in crowded.text


def test_wrong_resume_tokens_posted_to_the_switch_count_toward_the_limit(store):
    ws = store.create_workspace("Acme")
    invite = store.invitation(ws.key, [store.add_use_case(ws.key, "Calls")])
    mine, other = store.join(invite), store.join(invite)
    client = server(store, Attempts(max_wait=0))
    client.cookies.set("cm_participant", mine)
    confirm = client.get("/answer", params={"p": other}).cookies["cm_confirm"]
    same_site = {"origin": "http://testserver", "sec-fetch-site": "same-origin"}
    for n in range(11):  # a script keeps its confirmation cookie, whatever the answer says
        client.cookies.set("cm_confirm", confirm, path="/resume")
        switched = client.post(
            "/resume", data={"p": f"made-up-{n}", "confirm": confirm}, headers=same_site
        )
        assert switched.status_code == 303 and "cm_participant" not in switched.cookies
    assert client.get("/", params={"key": "guess"}).headers["location"] == "/?signin=limited"
    client.cookies.set("cm_confirm", confirm, path="/resume")
    refused = client.post("/resume", data={"p": other, "confirm": confirm}, headers=same_site)
    assert refused.headers["location"] == "/?signin=limited" and "retry-after" in refused.headers


def test_a_wrong_join_code_is_named_and_stays_in_the_box_to_correct(store, workshop):
    client = server(store, Attempts(max_wait=0))
    typo = workshop[1].code[:-1] + ("A" if workshop[1].code[-1] != "A" else "B")
    wrong_code = client.get("/join", params={"code": typo})
    assert wrong_code.status_code == 404
    assert "does not match an open workshop" in wrong_code.text
    assert f'value="{typo}"' in wrong_code.text  # one wrong letter to fix, not six to retype
    hostile = client.get("/join", params={"code": '"><script>x</script>'})
    assert "<script>x" not in hostile.text and 'value="&quot;&gt;&lt;script' in hostile.text


def test_a_closed_workshops_code_or_link_says_the_workshop_is_closed(store, workshop):
    ws, w = workshop
    client = server(store, Attempts(max_wait=0))
    assert client.get("/join", params={"code": w.code}).status_code == 303
    store.workshops.close(ws.key, w.key)
    client.cookies.clear()
    again = client.get("/join", params={"code": w.code.lower()})  # the QR code, after the end
    assert again.status_code == 404 and "set-cookie" not in again.headers
    assert "This workshop is closed" in again.text and "Check it and try again" not in again.text
    never = client.get("/join", params={"code": "ZZZZZZ"})
    assert "Check it and try again" in never.text and "closed" not in never.text
