"""Several app replicas on one PostgreSQL: two real Streamlit servers, real Chromium contexts.

Live views read the database, never one process's memory: participants answer on server A
while the facilitator's console on server B follows, a reveal on B reaches participant pages
on A, a participant's cookie works on either replica but never outside their workshop, and
the anonymity threshold holds on every view.

Both servers start at the same moment on an empty database (the migrations and the demo seed
meet there), and serve every test of this module, each test in workspaces of its own.
"""

from __future__ import annotations

import re
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from uuid import uuid4

import pytest

from coordination.access import PARTICIPANT_COOKIE, Participant
from coordination.errors import CoordinationError
from coordination.storage import Store
from coordination.workshop.settings import checked_setup
from tests.browser import (
    OWNER_KEY,
    PLOTLY_CHART,
    free_port,
    streamlit_server,
    wait_idle,
)

pytestmark = [pytest.mark.browser, pytest.mark.postgres]

# "Within a few seconds": the console polls each 1 s, the other pages each 2 s. An idle
# machine follows in 0.1–2.5 s; a busy two-core test box was seen to take up to 6 s.
FOLLOW_WITHIN = 8.0
PHONE = {"width": 390, "height": 844}
SCREEN = {"width": 1400, "height": 1100}
WAITING = "Waiting for the facilitator to open the next use case"
WELCOME = "You need a link to come in"

# Records, in the page itself, the first moment each match of a pattern is on screen, so a
# test can wait on one page while another changes, and time the change to the millisecond.
WATCH = """(pattern) => {
  window.__untouched = true;  // gone after any reload or navigation
  window.__seen = {};
  const re = new RegExp(pattern, 'g');
  const look = () => {
    for (const m of document.body.innerText.matchAll(re))
      if (!(m[0] in window.__seen)) window.__seen[m[0]] = Date.now() / 1000;
  };
  look();
  new MutationObserver(look).observe(
    document.body, {subtree: true, childList: true, characterData: true});
}"""


@dataclass(frozen=True)
class Replicas:
    store: Store  # the test's own view of the shared database
    a: str  # base URL of server A
    b: str  # base URL of server B


@pytest.fixture(scope="module")
def replicas(postgres_url, browser):
    """Two app servers on two ports, one fresh PostgreSQL database, started together."""
    from sqlalchemy import create_engine

    name = f"t_{uuid4().hex[:12]}"
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    db_url = f"{postgres_url.rsplit('/', 1)[0]}/{name}"
    port_a = free_port()
    port_b = free_port()
    while port_b == port_a:
        port_b = free_port()
    try:
        with ExitStack() as servers:
            with ThreadPoolExecutor(2) as pool:  # both migrate and seed the empty database
                a, b = pool.map(
                    lambda port: servers.enter_context(streamlit_server(db_url, port)),
                    (port_a, port_b),
                )
            store = Store.from_url(db_url, owner_key=OWNER_KEY)
            servers.callback(store.engine.dispose)
            yield Replicas(store, a, b)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture
def contexts(browser):
    """New browser contexts (each its own cookies: one device each), closed afterwards."""
    made = []

    def new(viewport=PHONE):
        made.append(browser.new_context(viewport=viewport))
        return made[-1]

    yield new
    for context in made:
        context.close()


def workshop(store: Store, organization: str, use_case: str, threshold: int = 3):
    """A workspace with one use case and a workshop whose vote on it is open."""
    ws = store.create_workspace(organization)
    uc = store.add_use_case(ws.key, use_case, function="Finance")
    w = store.workshops.create(ws.key, checked_setup(use_cases=(uc,), threshold=threshold))
    store.workshops.set_phase(ws.key, w.key, uc, "voting")
    return ws, uc, store.workshops.get(ws.key, w.key)


def open_all(visits) -> list:
    """Open (context, url, text) visits side by side, each in a new page; wait until each
    shows its text and its script is idle."""
    pages = []
    for context, url, _ in visits:  # start every load before waiting for any
        pages.append(context.new_page())
        pages[-1].goto(url, wait_until="commit")
    for page, (_, _, shows) in zip(pages, visits, strict=True):
        page.get_by_text(shows).first.wait_for()
        wait_idle(page)
    return pages


def joining(context, url: str, code: str) -> tuple:
    """A phone opening the join link (what the QR code holds): it lands on its questions."""
    return (context, f"{url}/join?code={code}", "Question 1 of")


def signing_in(context, url: str, path: str, shows: str) -> tuple:
    """The owner opening an address with the key, as `sign_in` does."""
    return (context, f"{url}/{path}&key={OWNER_KEY}", shows)


def pick(page, answer: str) -> None:
    """Click an answer of the question on screen ("2" picks "2 · …")."""
    page.get_by_test_id("stMain").get_by_text(re.compile(f"^{answer} · ")).click()


def answered(page, count: int, total: int) -> None:
    """Wait for the page's own progress line: the answer is stored and the page redrawn."""
    page.get_by_text(f"{count} of {total} questions answered").wait_for()
    wait_idle(page)


def watch(page, pattern: str) -> None:
    page.evaluate(WATCH, pattern)


def seen_at(page, text: str, timeout: float = 30) -> float:
    """When `text` first showed on the page (epoch seconds), waiting for it up to `timeout`
    (longer than FOLLOW_WITHIN, so that a slow follow fails with its measured time)."""
    page.wait_for_function("(t) => t in window.__seen", arg=text, timeout=timeout * 1000)
    return page.evaluate("(t) => window.__seen[t]", text)


def untouched(page) -> bool:
    """The page was neither reloaded nor navigated since `watch`."""
    return page.evaluate("() => window.__untouched === true")


def stored_at(check, timeout: float = 10.0) -> float:
    """The moment the database shows `check()` true (polled every 10 ms)."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "the write never reached the database"
        time.sleep(0.01)
    return time.time()


def participant(store: Store, context) -> Participant:
    """Who this browser context is, from its (HttpOnly) participant cookie."""
    [token] = [c["value"] for c in context.cookies() if c["name"] == PARTICIPANT_COOKIE]
    found = store.identify(None, token)
    assert isinstance(found, Participant)
    return found


def main_text(page) -> str:
    return page.get_by_test_id("stMain").inner_text()


def test_the_console_on_one_replica_follows_participants_on_another(replicas, contexts):
    store = replicas.store
    assert sum(ws.is_demo for ws in store.workspaces()) == 1  # seeded once by two servers
    questions = len(store.questionnaire.questions)
    ws, uc, w = workshop(store, "Northwind Replicas", "Invoice matching")

    console_at = f"workshop?ws={ws.key}&w={w.key}"
    console, *phones = open_all(
        [signing_in(contexts(SCREEN), replicas.b, console_at, "answered every question")]
        + [joining(contexts(), replicas.a, w.code) for _ in range(4)]
    )
    assert "key=" not in console.url and all("/join" not in phone.url for phone in phones)
    console.get_by_text("0 of 4 answered every question").wait_for(timeout=FOLLOW_WITHIN * 1000)
    watch(console, r"\d+ of \d+ answered every question")
    for phone in phones:
        watch(phone, WAITING)

    # Each participant's first answers were given before (as themselves, through the same
    # checks as their page); the one that completes their set is clicked on server A.
    finishers = phones[:3]  # the fourth joined and stays silent, so nothing reveals by itself
    for phone in finishers:
        me = participant(store, phone.context)
        for q in store.questionnaire.questions[1:]:
            store.participant_answer(me, uc, q.id, 2)

    def finished() -> int:
        responses = store.workshops.responses(ws.key, w.key, uc)
        return sum(len(r.answers) == questions for r in responses.values())

    assert finished() == 0
    latencies = []
    for done, phone in enumerate(finishers, 1):
        clicked = time.time()
        pick(phone, "2")
        stored = stored_at(lambda done=done: finished() == done)
        shown = seen_at(console, f"{done} of 4 answered every question")
        latencies.append((stored - clicked, shown - stored))
        answered(phone, questions, questions)
    assert untouched(console)  # it followed by itself
    for n, (write, follow) in enumerate(latencies, 1):
        print(f"\nanswer {n}: click→stored {write * 1000:.0f} ms, stored→console {follow:.2f} s")
        assert follow < FOLLOW_WITHIN
    assert all(WAITING not in main_text(phone) for phone in phones)

    console.get_by_role("button", name="Reveal now").click()
    revealed = stored_at(lambda: store.workshops.get(ws.key, w.key).round(uc).phase == "revealed")
    for n, phone in enumerate(phones, 1):
        follow = seen_at(phone, WAITING) - revealed
        print(f"reveal on B → participant {n} on A: {follow:.2f} s")
        assert follow < FOLLOW_WITHIN and untouched(phone)
        assert "Your answers" in main_text(phone)
    console.locator(PLOTLY_CHART).first.wait_for(timeout=10_000)  # 3 answers: the chart
    title = console.locator(f"{PLOTLY_CHART} .gtitle").first.text_content()
    assert title == "Level 3 · Workflow integration"  # every answer 2: the combined level


def test_a_participant_keeps_to_their_workshop_on_every_replica(replicas, contexts):
    store = replicas.store
    ws_a, uc_a, w_a = workshop(store, "Alphacorp Isolation", "Alpha invoices")
    ws_b, uc_b, w_b = workshop(store, "Betaworks Isolation", "Beta contracts")
    foreign = ("Betaworks", "Beta contracts", "Alphacorp", w_b.code, "Join with code")
    console_b, present_b = (
        f"workshop?ws={ws_b.key}&w={w_b.key}",
        f"present?ws={ws_b.key}&w={w_b.key}&live=1",
    )
    edited = {  # owner addresses a participant might type, on each replica
        replicas.a: (console_b, present_b, f"workshop?ws={ws_a.key}&w={w_a.key}"),
        replicas.b: (present_b, f"map?ws={ws_b.key}", f"?uc={uc_b}"),
    }

    phone = contexts()
    [page] = open_all([joining(phone, replicas.a, w_a.code)])
    me = participant(store, phone)
    assert me.workspace == ws_a.key
    visits = [
        (phone, f"{server}/{path}", "Question 1 of")
        for server, paths in edited.items()
        for path in paths
    ]
    for edit, (_, url, _) in zip(open_all(visits), visits, strict=True):
        shown = main_text(edit)  # the same cookie on either replica: their own page, only
        assert "Your answers" in shown, url
        assert not any(word in shown for word in foreign), (url, shown)
        mine = edit.get_by_test_id("stMain").get_by_role("heading", name="Alpha invoices")
        assert mine.is_visible(), url
        edit.close()

    page.goto(replicas.b)  # answers on B land in workshop A, as the same participant
    wait_idle(page)
    pick(page, "3")
    answered(page, 1, len(store.questionnaire.questions))
    page.goto(f"{replicas.b}/join?code={w_a.code}")  # rejoining on B resumes, no new person
    wait_idle(page)
    assert page.get_by_text("1 of 8 questions answered").is_visible()
    assert [pid for pid, _ in store.workshops.joined(ws_a.key, w_a.key)] == [me.id]
    assert {
        p: r.answers for p, r in store.workshops.responses(ws_a.key, w_a.key, uc_a).items()
    } == {me.id: {"reach": 3}}
    assert store.workshops.joined(ws_b.key, w_b.key) == []
    assert store.load(ws_b.key).use_case(uc_b).responses == []
    with pytest.raises(CoordinationError):  # the store refuses what no page offers
        store.participant_answer(me, uc_b, "reach", 1)
    with pytest.raises(CoordinationError):
        store.participant_response(me, uc_b)

    visitor = contexts(SCREEN)  # no key, no invitation
    visits = [(visitor, f"{replicas.a}/{console_b}", WELCOME)]
    visits.append((visitor, f"{replicas.b}/{present_b}", WELCOME))
    for page in open_all(visits):
        shown = page.locator("body").inner_text()
        assert not any(word in shown for word in (*foreign, "Alpha")), page.url


def test_below_the_threshold_no_view_shows_a_distribution(replicas, contexts):
    store = replicas.store
    ws, uc, w = workshop(store, "Gammaco Threshold", "Gamma forecasts", threshold=3)
    questions = len(store.questionnaire.questions)
    owner = contexts(SCREEN)
    console, *phones = open_all(
        [signing_in(owner, replicas.b, f"workshop?ws={ws.key}&w={w.key}", "Reveal now")]
        + [joining(contexts(), replicas.a, w.code) for _ in range(2)]
    )
    present_at = f"{replicas.a}/present?ws={ws.key}&w={w.key}&live=1"
    [presenter] = open_all([(owner, present_at, "0 of 2 answered every question")])
    # ...the owner's cookie from B signed the presenter in on A

    for phone in phones:  # the same answer, so any per-question figure would give it away
        pick(phone, "3")
    for phone in phones:
        answered(phone, 1, questions)
    for page in (console, presenter):
        page.get_by_text("Who uses it: 2 of 2").wait_for(timeout=FOLLOW_WITHIN * 1000)
    withheld = "2 answered. Answers are shown once at least 3 people have answered"
    # While people vote the console shows counts only (the silent vote), at any threshold.
    assert console.locator(PLOTLY_CHART).count() == 0

    for page in (presenter, *phones):
        watch(page, f"{withheld}|{WAITING}")
    console.get_by_role("button", name="Reveal now").click()
    revealed = stored_at(lambda: store.workshops.get(ws.key, w.key).round(uc).phase == "revealed")
    follow = [seen_at(presenter, withheld) - revealed]
    follow += [seen_at(phone, WAITING) - revealed for phone in phones]
    print("\nreveal on B → presenter, phones on A: " + ", ".join(f"{s:.2f} s" for s in follow))
    assert max(follow) < FOLLOW_WITHIN and all(untouched(p) for p in (presenter, *phones))
    console.get_by_role("button", name="Vote again").wait_for()
    console.wait_for_timeout(2_500)  # a live refresh or two later: still nothing
    for page in (console, presenter, *phones):
        wait_idle(page)
        shown = main_text(page)
        assert (withheld in shown) == (page in (console, presenter)), page.url
        assert page.locator(PLOTLY_CHART).count() == 0, page.url
        assert not re.search(r"Level \d|disagrees|answered every question", shown), shown
    assert presenter.get_by_role("heading", name="Gamma forecasts").is_visible()
    # The team's answer starts from nothing: a pre-filled "combined" answer of two people
    # would show what they said (here both said 3), and a pre-filled "Don't know" would be
    # one click from being recorded; every box starts empty.
    boxes = console.get_by_test_id("stForm").get_by_role("combobox").all()
    assert len(boxes) == questions and all(box.input_value() == "" for box in boxes)
