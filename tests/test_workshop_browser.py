"""A live workshop end to end in a real Chromium against a real Streamlit server.

A facilitator (signed in, a laptop) runs the console, the presenter view is on the projector,
and six participants answer on their own devices, each in a browser of their own: one on a
phone, one who joins late, one who reloads half-way, one who changes an answer, one who leaves
after two answers and one who uses only the keyboard.

Set E2E_SCREENSHOTS=folder to keep a screenshot of every view at every phase.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import expect
from streamlit.proto.BackMsg_pb2 import BackMsg

from coordination.method.questionnaire import load_questionnaire
from coordination.storage import Store
from coordination.workshop.reveal import round_view
from coordination.workshop.settings import checked_setup
from tests.browser import OWNER_KEY, sign_in, streamlit_server, wait_idle

pytestmark = pytest.mark.browser

QUESTIONNAIRE = load_questionnaire()
QUESTIONS = [q.id for q in QUESTIONNAIRE.questions]
DONT_KNOW = "Don't know"
LAPTOP = {"width": 1440, "height": 900}
PROJECTOR = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}
FOLLOW = 20_000  # ms: pages follow the room every 1–2 s by themselves; slack for a busy machine
SLOW = 30_000  # ms: one rerun, on a 2-core machine that other test runs share
UNSET = object()
# A page whose timers stopped, as on a phone whose screen went dark: the page stays as it was
# and does not follow the facilitator any more, until the person touches it again.
CAN_SLEEP = """(() => {
  const start = window.setInterval.bind(window);
  const running = [];
  window.setInterval = (fn, ms, ...rest) => { const id = start(fn, ms, ...rest); running.push(id);
                                              return id; };
  window.__sleep = () => running.forEach(id => clearInterval(id));
})();"""
# The server as it runs a workshop: without Streamlit's watcher of source files, which unloads
# the app's modules whenever a file changes and breaks pages running at that moment.
STILL = {"STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none"}
# What only the room's view may show: never on a participant's page before the reveal.
ROOM_ONLY = ("answered every question", "joined", "Participant", "Level", "disagrees", " of 6")


@pytest.fixture
def workspace(tmp_path):
    """A fresh database with one workspace and two use cases: (db url, workspace key, keys)."""
    url = f"sqlite:///{tmp_path / 'workshop.db'}"
    store = Store.from_url(url, owner_key=OWNER_KEY)
    ws = store.create_workspace("Ashgrove Workshop Co")
    first = store.add_use_case(ws.key, "Call summaries", function="Sales")
    second = store.add_use_case(ws.key, "Release notes", function="Product")
    return url, ws.key, (first, second)


TALL = """() => Math.max(document.body.scrollHeight, ...[...document.querySelectorAll(
  '[data-testid=stMain], [data-testid=stAppViewContainer], [data-testid=stMainBlockContainer]'
)].map(e => e.scrollHeight))"""


def shot(page, name: str, *, whole: bool = True) -> None:
    """Keep what this page shows. Streamlit scrolls inside its own container, so for the whole
    page the window is made as tall as the content for a moment; `whole=False` keeps only
    what fits on the screen (the projector's view)."""
    folder = os.environ.get("E2E_SCREENSHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    tall = min(page.evaluate(TALL), 8000) if whole else 0
    if tall > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": tall})
        page.wait_for_timeout(400)  # charts follow the new size
    try:
        page.screenshot(path=str(Path(folder) / f"ws-{name}.png"))
    finally:
        if tall > size["height"]:
            page.set_viewport_size(size)


def option(question: str, value: int | None) -> str:
    """The text of an answer, as its button shows it."""
    if value is None:
        return DONT_KNOW
    return f"{value} · {QUESTIONNAIRE.question(question).answers[value]}"


def eventually(check, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return check()


STARTED = [time.monotonic()]


def phase(what: str) -> None:
    """Where the story is, and when (shown with pytest -s): the run must stay short."""
    print(f"{time.monotonic() - STARTED[0]:6.1f}s  {what}")


def stays_visible(locator, seconds: float = 3) -> bool:
    """Visible at every look for a while: the live parts redraw themselves every second."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not locator.is_visible():
            return False
        time.sleep(0.2)
    return True


WAITING = "Waiting for the facilitator to open the next use case"
CLOSED = "This workshop is closed"


def sees_where_it_is(people, use_case: str | None = None, sentence: str = WAITING) -> None:
    """Issue 14 item 1: every participant's page says where the workshop is, and keeps saying
    it while its live part reruns: the open use case's name as a heading while voting, else a
    sentence (waiting, closed). Pages used to lose one of these after the page followed."""
    for who in people:
        if use_case:
            where = who.page.get_by_role("heading", name=use_case, exact=True)
        else:
            where = who.page.get_by_text(sentence)
        expect(where).to_be_visible(timeout=FOLLOW)
        wait_idle(who.page)
    for who in people:  # a few of the live parts' own runs later, still there
        where = (
            who.page.get_by_role("heading", name=use_case, exact=True)
            if use_case
            else who.page.get_by_text(sentence)
        )
        assert stays_visible(where, 2.5), (who.name, use_case or sentence)


def main_text(page) -> str:
    return page.get_by_test_id("stMain").inner_text().replace("\u2060", "")


@dataclass
class Room:
    """The test's view of the database, to check what each page did."""

    store: Store
    ws: str
    use_case: str
    workshop: str = ""
    next_use_case: str = ""  # the one opened after the first is agreed

    def joined(self) -> list[tuple[int, str | None]]:
        return self.store.workshops.joined(self.ws, self.workshop)

    def answers(self) -> dict[int, dict]:
        responses = self.store.workshops.responses(self.ws, self.workshop, self.use_case)
        return {pid: dict(r.answers) for pid, r in responses.items()}


@dataclass
class Person:
    """One participant: their own browser, what they chose, and their id once joined."""

    name: str
    page: object
    room: Room
    touch: bool = False
    pid: int = 0
    chose: dict = field(default_factory=dict)
    auto_next: bool = True  # a saved answer goes on to the next question by itself

    def saved(self) -> dict:
        return self.room.answers().get(self.pid, {})

    def has_saved(self, question: str, value: int | None, seconds: float = SLOW / 1000) -> bool:
        return eventually(lambda: self.saved().get(question, UNSET) == value, seconds)

    def joined_now(self, before: int) -> None:
        """Take the id of the participant that joined since `before` people had."""
        assert eventually(lambda: len(self.room.joined()) == before + 1, SLOW / 1000), self.name
        self.pid = self.room.joined()[-1][0]
        expect(self.page.get_by_role("heading", name="Your answers")).to_be_visible(timeout=SLOW)
        wait_idle(self.page)

    def click(self, locator) -> None:
        locator.tap() if self.touch else locator.click()

    def choose(self, question: str, value: int | None) -> None:
        """Click the answer's text: one click, one write. Then the page goes on to the next
        question by itself, or, with that switched off, shows the answer as chosen."""
        step = QUESTIONS.index(question) + 1
        self.click(self.page.get_by_text(option(question, value), exact=True))
        assert self.has_saved(question, value), f"{self.name}: {option(question, value)!r}"
        self.chose[question] = value
        if self.auto_next:
            self.at(step + 1)
        else:
            expect(chosen(self.page, question, value)).to_be_visible(timeout=SLOW)
            self.at(step)
        answered = f"{len(self.chose)} of {len(QUESTIONS)} questions answered"
        expect(self.page.get_by_text(answered)).to_be_visible(timeout=SLOW)

    def switch_off_going_on(self) -> None:
        """Turn off "Go to the next question after answering" (for this session)."""
        switch = "Go to the next question after answering"
        self.click(self.page.get_by_role("button", name=f"{switch}: on"))
        expect(self.page.get_by_role("button", name=f"{switch}: off")).to_be_visible(timeout=SLOW)
        wait_idle(self.page)
        self.auto_next = False

    def next(self, step: int) -> None:
        self.click(self.page.get_by_role("button", name="Next →"))
        self.at(step)

    def at(self, step: int) -> None:
        if step <= len(QUESTIONS):
            where = self.page.get_by_text(f"Question {step} of {len(QUESTIONS)}")
        else:
            where = self.page.get_by_role("heading", name="Open questions")
        expect(where).to_be_visible(timeout=SLOW)
        wait_idle(self.page)

    def answer(self, values: list, first: int = 1, last_next: bool = True) -> None:
        """Answer from question `first` on, one per screen; each answer goes on by itself,
        or, with that switched off, Next → goes on (not after the last one: `last_next`)."""
        for step, value in enumerate(values, first):
            self.choose(QUESTIONS[step - 1], value)
            if not self.auto_next and (last_next or step < first + len(values) - 1):
                self.next(step + 1)

    def sees_nothing_of_the_room(self) -> None:
        shown = main_text(self.page)
        for text in ROOM_ONLY:
            assert text not in shown, (self.name, text)
        assert self.page.locator(".js-plotly-plot").count() == 0, self.name


# ── keyboard only: Tab, Enter and the answers' own keys, never the mouse ─────────────────────

FOCUSED = """() => { const e = document.activeElement;
  return {tag: e.tagName, type: e.type || '', text: (e.innerText || '').trim()}; }"""


def chosen(page, question: str, value: int | None):
    """The answer's button, saying it is the chosen one (its label says so)."""
    label = re.escape(option(question, value))
    return page.get_by_role("button", name=re.compile(f"^{label} — your answer"))


def no_answers(page):
    """The answer buttons of a question: none on a page that takes no answers."""
    return page.locator(".st-key-answers button")


def tab_to(page, wanted, *, backwards: bool = False, presses: int = 30) -> None:
    for _ in range(presses):
        if wanted(page.evaluate(FOCUSED)):
            return
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
    raise AssertionError(f"the keyboard never reached it; focus on {page.evaluate(FOCUSED)}")


def on_answer(question: str, value: int | None):
    return lambda focus: focus["tag"] == "BUTTON" and option(question, value) in focus["text"]


def key_choose(person: Person, question: str, value: int | None) -> None:
    """The answer's own key (0–3, D for "don't know") chooses it; the page goes on."""
    person.page.keyboard.press("D" if value is None else str(value))
    assert person.has_saved(question, value), f"keys: {option(question, value)!r}"
    person.chose[question] = value
    person.at(QUESTIONS.index(question) + 2)
    answered = f"{len(person.chose)} of {len(QUESTIONS)} questions answered"
    expect(person.page.get_by_text(answered)).to_be_visible(timeout=SLOW)


# ── the workshop ────────────────────────────────────────────────────────────────────────────


# Beside two CPU-busy processes (E2E_BUSY=2) the story takes longer than the suite's 300 s.
@pytest.mark.timeout(900 if os.environ.get("E2E_BUSY") else 300)
def test_a_live_workshop_from_set_up_to_close(browser, workspace):
    db_url, ws, (use_case, later) = workspace
    room = Room(Store.from_url(db_url, owner_key=OWNER_KEY), ws, use_case, next_use_case=later)
    contexts = []

    def device(viewport, **options):
        context = browser.new_context(viewport=viewport, **options)
        contexts.append(context)
        return context

    def person(name: str, viewport=LAPTOP, *, can_sleep: bool = False, **options) -> Person:
        context = device(viewport, **options)
        if can_sleep:
            context.add_init_script(CAN_SLEEP)
        return Person(name, context.new_page(), room, touch=options.get("has_touch", False))

    try:
        with streamlit_server(db_url, extra_env=STILL) as url, ExitStack() as load:
            try:
                _run_the_workshop(url, room, device, person, load)
            except Exception:
                for n, context in enumerate(contexts):  # every page as it was, for a human
                    for m, page in enumerate(context.pages):
                        shot(page, f"failed-{n}-{m}")
                raise
    finally:
        for context in contexts:
            context.close()


def _run_the_workshop(url, room, device, person, load):  # noqa: PLR0915 — one story, in order
    ws, use_case = room.ws, room.use_case
    STARTED[0] = time.monotonic()

    phase("1. The facilitator sets up the workshop in the console")
    owner = device(LAPTOP)
    console = owner.new_page()
    sign_in(console, url, f"workshop?ws={ws}")
    form = console.get_by_test_id("stForm")
    expect(form.get_by_text("Set up a workshop")).to_be_visible(timeout=SLOW)
    form.get_by_text("Facilitator only: the facilitator sees names, the room does not").click()
    form.get_by_role("spinbutton", name="Show answers once at least this many").fill("3")
    form.get_by_role("spinbutton", name="Minutes per use case").fill("10")
    shot(console, "1-setup-console")
    form.get_by_role("button", name="Create the workshop").click()
    expect(console.get_by_role("button", name="Open the vote")).to_be_visible(timeout=FOLLOW)
    wait_idle(console)
    [workshop] = room.store.workshops.of_workspace(ws)
    room.workshop = workshop.key
    assert (workshop.anonymity, workshop.threshold, workshop.slot_minutes) == ("facilitator", 3, 10)
    assert [rd.use_case for rd in workshop.rounds][0] == use_case
    link = console.get_by_test_id("stCode").first.inner_text().strip()
    assert link == f"{url}/join?code={workshop.code}"
    spaced = f"{workshop.code[:3]} {workshop.code[3:]}"
    expect(console.get_by_text(f"Join with code {spaced}")).to_be_visible(timeout=SLOW)

    with owner.expect_page() as opened:  # the console's button opens the projector's tab
        console.get_by_role("link", name="Open the presenter view (for the projector)").click()
    presenter = opened.value
    presenter.set_viewport_size(PROJECTOR)
    wait_idle(presenter)
    assert "/present?" in presenter.url and "live=1" in presenter.url
    expect(presenter.get_by_text(f"Join with code {spaced}")).to_be_visible(timeout=SLOW)
    expect(presenter.get_by_text("0 joined")).to_be_visible(timeout=SLOW)

    phase("2. People join: five type the code into /join before the vote opens")
    phone = person("phone", PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    reloader, leaver, keys = person("reloader"), person("leaver"), person("keys")
    changer = person("changer", can_sleep=True)  # their page will sleep through the reveal
    for n, who in enumerate((phone, reloader, changer, leaver)):
        who.page.goto(f"{url}/join")
        typed = spaced.lower() if who is phone else workshop.code  # a phone types it loosely
        who.page.get_by_role("textbox", name="Workshop code").fill(typed)
        who.click(who.page.get_by_role("button", name="Join"))
        who.joined_now(n)
        assert "code=" not in who.page.url
    keys.page.goto(f"{url}/join")  # the code box has the focus: type, Enter
    expect(keys.page.get_by_role("textbox", name="Workshop code")).to_be_focused(timeout=SLOW)
    keys.page.keyboard.type(workshop.code)
    keys.page.keyboard.press("Enter")
    keys.joined_now(4)
    sees_where_it_is((phone, reloader, changer, leaver, keys))
    for who in (phone, reloader, changer, leaver, keys):
        assert no_answers(who.page).count() == 0, who.name

    about = "Your name, your function and your resume link"
    phone.click(phone.page.get_by_text(about))
    phone.page.get_by_role("textbox", name="Your name as others will see it").fill("Ana")
    phone.page.get_by_role("textbox", name="Your function").fill("Sales")
    phone.click(phone.page.get_by_role("button", name="Save", exact=True))
    assert eventually(lambda: (phone.pid, "Ana") in room.joined())
    wait_idle(phone.page)
    phone.click(phone.page.get_by_text(about))  # fold it again
    wait_idle(phone.page)

    expect(presenter.get_by_text("5 joined")).to_be_visible(timeout=FOLLOW)  # live, no reload
    shot(console, "2-joined-console")
    shot(presenter, "2-joined-presenter", whole=False)
    shot(phone.page, "2-joined-phone")

    phase("3. The facilitator opens the vote; every page follows by itself")
    load.enter_context(busy())  # the vote and the answers beside CPU-busy processes (E2E_BUSY)
    console.get_by_role("button", name="Open the vote").click()
    expect(console.get_by_text("0 of 5 answered every question")).to_be_visible(timeout=FOLLOW)
    for who in (phone, reloader, changer, leaver, keys):
        who.at(1)
        expect(who.page.get_by_text("0 of 8 questions answered")).to_be_visible(timeout=SLOW)
    sees_where_it_is((phone, reloader, changer, leaver, keys), "Call summaries")
    expect(presenter.get_by_text("0 of 5 answered every question")).to_be_visible(timeout=FOLLOW)
    shot(console, "3-open-console")
    shot(presenter, "3-open-presenter", whole=False)
    shot(phone.page, "3-open-phone")

    # The leaver answers two questions and closes the page: joined, never finished.
    leaver.answer([1, 0], last_next=False)
    leaver.page.close()

    # A late joiner opens the join link (the QR code) after the vote opened.
    late = person("late")
    late.page.goto(link)
    late.joined_now(5)
    late.at(1)  # straight on the open use case, with nothing of anyone else's
    sees_where_it_is([late], "Call summaries")
    expect(late.page.get_by_text("0 of 8 questions answered")).to_be_visible(timeout=SLOW)
    assert late.page.get_by_role("button", name=re.compile("— your answer")).count() == 0
    late.sees_nothing_of_the_room()
    expect(presenter.get_by_text("6 joined")).to_be_visible(timeout=FOLLOW)
    expect(console.get_by_text("0 of 6 answered every question")).to_be_visible(timeout=FOLLOW)
    expect(console.get_by_text("Who uses it: 1 of 6")).to_be_visible(timeout=SLOW)
    expect(console.get_by_text("Tool standard: 1 of 6")).to_be_visible(timeout=SLOW)

    phase("4. The room answers")
    phone.answer([2, 2, 1, 2, 1, 1, 0, 0])  # on to the open questions at the end
    expect(phone.page.get_by_text("every answer is saved")).to_be_visible(timeout=SLOW)
    # Item 6: a box's accessible name is its label as written, with no markdown backslash.
    box = phone.page.get_by_role("textbox", name="What do they check it against?", exact=True)
    expect(box).to_be_attached(timeout=SLOW)
    assert "\\" not in phone.page.get_by_test_id("stMain").aria_snapshot()
    expect(console.get_by_text("1 of 6 answered every question")).to_be_visible(timeout=FOLLOW)
    expect(console.get_by_text("Who uses it: 2 of 6")).to_be_visible(timeout=FOLLOW)
    expect(console.get_by_text("Decision impact: 1 of 6")).to_be_visible(timeout=FOLLOW)
    shot(phone.page, "4-done-phone")

    phase("   the reloader answers")
    reloader.answer([2, 3, 2, 2])  # then the browser reloads, half-way
    reloader.page.reload()
    wait_idle(reloader.page)
    reloader.at(5)  # back on the same question, with every answer kept
    expect(reloader.page.get_by_text("4 of 8 questions answered")).to_be_visible(timeout=SLOW)
    for step in (4, 3):
        reloader.click(reloader.page.get_by_role("button", name="← Back"))
        reloader.at(step)
        question = QUESTIONS[step - 1]
        expect(chosen(reloader.page, question, reloader.chose[question])).to_be_visible(
            timeout=SLOW
        )
    for step in (4, 5):
        reloader.next(step)
    reloader.answer([2, 1, None, 1], first=5, last_next=False)

    phase("   the changer answers, going on with Next → herself")
    changer.switch_off_going_on()
    changer.answer([1, 0], last_next=False)
    changer.choose(QUESTIONS[1], 3)  # thinks again: 0 becomes 3
    changer.next(3)
    changer.answer([2, 3, 2, 2, 1, 1], first=3, last_next=False)  # stays on the last question

    phase("   the keyboard answers")
    tab_to(keys.page, on_answer(QUESTIONS[0], 0))  # Tab to an answer, Enter chooses it
    keys.page.keyboard.press("Enter")
    assert keys.has_saved(QUESTIONS[0], 0)
    keys.chose[QUESTIONS[0]] = 0
    keys.at(2)
    for step, value in enumerate([1, 1, 0, 1, 0, 0, 1], 2):  # then the answers' own keys
        key_choose(keys, QUESTIONS[step - 1], value)

    phase("   the late joiner answers")
    late.answer([3, 2, 2, 2, 2, 2, 1, 1], last_next=False)
    shot(late.page, "4-done-late")

    load.close()
    phase("5. Before the reveal: the console follows, nobody else sees anything")
    expect(console.get_by_text("5 of 6 answered every question")).to_be_visible(timeout=FOLLOW)
    expect(console.get_by_text("Who uses it: 6 of 6")).to_be_visible(timeout=FOLLOW)
    expect(console.get_by_text("Decision impact: 5 of 6")).to_be_visible(timeout=SLOW)
    console.get_by_text("Who has answered (6 joined)").click()
    expect(console.get_by_text("✓ Ana")).to_be_visible(timeout=SLOW)  # the facilitator sees names
    expect(console.get_by_text("… Participant 4")).to_be_visible(timeout=SLOW)  # the leaver
    expect(presenter.get_by_text("5 of 6 answered every question")).to_be_visible(timeout=FOLLOW)
    for who in (phone, reloader, changer, keys, late):
        who.sees_nothing_of_the_room()
        assert "Ana" not in main_text(who.page) or who is phone
    shown = presenter.locator("body").inner_text()
    assert presenter.locator(".js-plotly-plot").count() == 0
    assert "Ana" not in shown and "Level" not in shown and "disagrees" not in shown
    shot(console, "5-voting-console")
    for late_one in ("✓ Participant 5", "✓ Participant 6"):  # the keyboard user, the late joiner
        expect(console.get_by_text(late_one)).to_be_visible(timeout=FOLLOW)
    assert stays_visible(console.get_by_text("✓ Participant 6")), "the list closed by itself"
    shot(presenter, "5-voting-presenter", whole=False)
    shot(phone.page, "5-voting-phone")
    shot(keys.page, "5-voting-keyboard")

    # The changer's page goes to sleep on the last question (a phone put away).
    changer.page.evaluate("window.__sleep()")

    phase("6. Reveal by hand: the leaver will never finish")
    assert room.store.workshops.get(ws, room.workshop).round(use_case).phase == "voting"
    console.get_by_role("button", name="Reveal now").click()
    expect(presenter.locator(".js-plotly-plot")).to_be_visible(timeout=FOLLOW)
    expect(presenter.get_by_role("heading", name="Call summaries")).to_be_visible(timeout=SLOW)
    expect(presenter.get_by_text("The room disagrees on")).to_be_visible(timeout=SLOW)
    assert "Ana" not in presenter.locator("body").inner_text()  # no names in the room
    sees_where_it_is((phone, reloader, keys, late))
    for who in (phone, reloader, keys, late):
        who.sees_nothing_of_the_room()
    expect(console.get_by_text("The team's answer for Call summaries")).to_be_visible(timeout=SLOW)
    wait_idle(console)
    shot(console, "6-revealed-console")
    presenter.wait_for_timeout(500)  # the chart's first paint
    shot(presenter, "6-revealed-presenter", whole=False)
    shot(phone.page, "6-revealed-phone")

    phase("7. The team's answer")
    responses = list(room.store.workshops.responses(ws, room.workshop, use_case).values())
    combined = {q.id: q.combined for q in round_view(QUESTIONNAIRE, responses, 3).questions}
    team = console.get_by_test_id("stForm")
    reach = team.get_by_role("combobox", name="Who uses it")
    for _ in range(3):  # the live part above redraws every second: a list can close under us
        reach.click()
        console.keyboard.type("Several functions")  # the list narrows to one; Enter takes it
        console.keyboard.press("Enter")
        if reach.input_value() == option("reach", 3):
            break
        console.keyboard.press("Escape")
    expect(reach).to_have_value(option("reach", 3), timeout=SLOW)
    team.get_by_role("textbox", name="Why (Who uses it)").fill("Sales and Product both rely on it")
    team.get_by_role("button", name="Record the team's answer").click()
    assert eventually(lambda: room.store.load(ws).use_case(use_case).agreed)
    agreed = room.store.load(ws).use_case(use_case)
    assert agreed.agreed == {**combined, "reach": 3}
    assert agreed.agreed_notes == {"reach": "Sales and Product both rely on it"}
    wait_idle(console)
    expect(console.get_by_text("Call summaries — agreed")).to_be_visible(timeout=SLOW)
    shot(console, "7-agreed-console")
    shot(presenter, "7-agreed-presenter", whole=False)
    sees_where_it_is((phone, reloader, keys, late))

    phase("7b. The next use case: every page names it, then waits again once it is revealed")
    # Opened and revealed through the store: this story is about the participants' pages.
    room.store.workshops.set_phase(ws, room.workshop, room.next_use_case, "voting")
    sees_where_it_is((phone, reloader, keys, late), "Release notes")
    for who in (phone, reloader, keys, late):
        who.at(1)
    shot(phone.page, "7b-next-phone")
    room.store.workshops.set_phase(ws, room.workshop, room.next_use_case, "revealed")
    sees_where_it_is((phone, reloader, keys, late))

    phase("8. Close the workshop")
    before = room.answers()
    console.get_by_text("Close the workshop", exact=True).first.click()
    console.get_by_text("Yes, close it now").click()
    wait_idle(console)
    console.get_by_test_id("stButton").get_by_role("button", name="Close the workshop").click()
    expect(console.get_by_text(re.compile(r"· closed ·"))).to_be_visible(timeout=FOLLOW)
    expect(presenter.get_by_text("Thank you — this workshop is closed")).to_be_visible(
        timeout=FOLLOW
    )
    sees_where_it_is((phone, reloader, keys, late), sentence=CLOSED)
    for who in (phone, reloader, keys, late):  # they changed nothing after the close
        assert "not saved" not in main_text(who.page), who.name
    wait_idle(console)
    shot(console, "8-closed-console")
    shot(presenter, "8-closed-presenter", whole=False)
    shot(phone.page, "8-closed-phone")

    # The sleeping page wakes up and changes an answer: refused, in a sentence.
    sleeping = changer.page
    assert stays_visible(sleeping.get_by_text("Question 8 of 8"), 2.5)  # it did not follow
    sleeping.get_by_text(option(QUESTIONS[-1], 3), exact=True).click()
    expect(sleeping.get_by_text("This workshop is closed")).to_be_visible(timeout=FOLLOW)
    expect(sleeping.get_by_text("Your last change came after the workshop closed")).to_be_visible(
        timeout=SLOW
    )
    expect(no_answers(sleeping)).to_have_count(0, timeout=SLOW)
    shot(sleeping, "8-closed-late-answer")
    time.sleep(1)
    assert room.answers() == before

    # The code no longer lets anyone in, and says why.
    stranger = device(PHONE).new_page()
    stranger.goto(link)
    expect(stranger.get_by_role("alert")).to_contain_text("This workshop is closed", timeout=SLOW)

    phase("9. What is stored is what each person chose")
    stored = room.answers()
    people = (phone, reloader, changer, leaver, keys, late)
    assert stored == {who.pid: who.chose for who in people}
    assert (
        stored[changer.pid]["tool_standard"] == 3 and stored[reloader.pid]["feedback_loop"] is None
    )
    assert len(stored[leaver.pid]) == 2
    case = room.store.load(ws).use_case(use_case)
    assert len(case.responses) == 6
    # Each answer is found by its participant; outside the console the workshop's anonymity
    # labels them by join order, so Ana (who joined first) is "Participant 1", not her name.
    assert {r.respondent for r in case.responses} == {f"Participant {n}" for n in range(1, 7)}


def test_a_mistyped_code_is_refused_in_a_sentence_and_joins_nobody(browser, workspace):
    db_url, ws, (use_case, _) = workspace
    store = Store.from_url(db_url, owner_key=OWNER_KEY)
    workshop = store.workshops.create(ws, checked_setup(use_cases=(use_case,), threshold=3))
    wrong = "CCCCCC" if workshop.code != "CCCCCC" else "DDDDDD"
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        with streamlit_server(db_url, extra_env=STILL) as url:
            page.goto(f"{url}/join")
            page.get_by_role("textbox", name="Workshop code").fill(wrong)
            page.get_by_role("button", name="Join").tap()
            expect(page.get_by_role("alert")).to_have_text(
                "That code does not match an open workshop. Check it and try again.", timeout=SLOW
            )
            shot(page, "join-wrong-code")
            assert store.workshops.joined(ws, workshop.key) == []
            loose = f"{workshop.code[:3].lower()}-{workshop.code[3:]}"  # as read off a screen
            page.get_by_role("textbox", name="Workshop code").fill(loose)
            page.get_by_role("button", name="Join").tap()
            expect(page.get_by_text("Waiting for the facilitator")).to_be_visible(timeout=SLOW)
            assert len(store.workshops.joined(ws, workshop.key)) == 1
    finally:
        context.close()


def test_a_use_case_name_with_markdown_stays_text_in_the_console(browser, tmp_path):
    """Issue 12 item 7: an image link in a use case's name made every console load fetch a
    remote URL, and bold, colours and maths rendered in the console's choice of use case."""
    name = "![img](http://example.invalid/x.png) **bold** :red[red] $x^2$"
    db_url = f"sqlite:///{tmp_path / 'hostile.db'}"
    store = Store.from_url(db_url)
    ws = store.create_workspace("Hostile names")
    use_case = store.add_use_case(ws.key, name)
    other = store.add_use_case(ws.key, "Release notes")
    workshop = store.workshops.create(ws.key, checked_setup(use_cases=(use_case, other)))
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    outside = []
    page.on("request", lambda r: "example.invalid" in r.url and outside.append(r.url))
    try:
        with streamlit_server(db_url, extra_env=STILL) as url:
            sign_in(page, url, f"workshop?ws={ws.key}&w={workshop.key}")
            choice = page.get_by_role("radiogroup", name="Use case")
            expect(choice.get_by_role("radio")).to_have_count(2, timeout=SLOW)
            page.wait_for_timeout(2000)  # a few of the console's own reruns
            shot(page, "console-hostile-name")
            assert outside == []
            assert not choice.locator("img, strong, .katex, .stMarkdownColoredText").count()
            shown = choice.inner_text().replace("\u2060", "")  # word joiners are invisible
            assert f"{name} — waiting" in shown
    finally:
        context.close()


# Every toast the page shows, in order: a toast lives a few seconds, a list keeps them all.
TOASTS = """() => { window.__toasts = [];
  new MutationObserver(() => document.querySelectorAll("[data-testid=stToast]").forEach(t => {
    if (!t.__seen) { t.__seen = true; window.__toasts.push(t.innerText); } }))
  .observe(document.body, {subtree: true, childList: true}); }"""


def test_an_answer_given_offline_says_not_saved_then_saved_once_back(browser, workspace):
    """Issue 14 item 3: offline for 15 s, the tapped answer only looked hovered, and a false
    "Note saved" came after reconnecting. Now the page says in a sentence, within 2 s of the
    tap, that the answer is not saved and that it reconnects; back online the answer is saved
    and said once ("Answer saved"), and nothing else is claimed."""
    db_url, ws, (use_case, _) = workspace
    store = Store.from_url(db_url, owner_key=OWNER_KEY)
    workshop = store.workshops.create(ws, checked_setup(use_cases=(use_case,), threshold=3))
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    room = Room(store, ws, use_case, workshop.key)
    phone = Person("offline", page, room, touch=True)
    try:
        with streamlit_server(db_url, extra_env=STILL) as url:
            page.goto(f"{url}/join?code={workshop.code}")
            phone.joined_now(0)
            store.workshops.set_phase(ws, workshop.key, use_case, "voting")
            phone.at(1)
            expect(page.locator("kbd").first).to_be_hidden()  # item 6: no key hints on touch
            page.evaluate(TOASTS)
            status = page.locator("#cm-connection")

            context.set_offline(True)
            phone.click(page.get_by_text(option("reach", 2), exact=True))
            expect(status).to_have_text(re.compile(r"^Not saved.*Reconnecting"), timeout=2000)
            expect(status).to_have_attribute("role", "status")
            shot(page, "offline-not-saved")
            time.sleep(15)
            assert phone.saved() == {}  # what the line says is true: nothing reached the server
            expect(status).to_have_text(re.compile(r"^Not saved"))

            context.set_offline(False)
            assert phone.has_saved("reach", 2)
            expect(status).to_be_hidden(timeout=SLOW)
            phone.at(2)
            time.sleep(3)  # anything said late would be said by now
            toasts = [t.split("\n")[-1] for t in page.evaluate("window.__toasts")]
            assert toasts == ["Answer saved"], toasts
            assert phone.saved() == {"reach": 2}
            shot(page, "offline-back")
    finally:
        context.close()


# A server too busy to answer for a while, seen from the page: while `window.__hold` is on,
# what the server sends waits in the page (in order) and reaches Streamlit on `__release()`.
HOLD_REPLIES = """(() => {
  const Native = window.WebSocket;
  const held = [];
  window.__hold = false;
  window.__release = () => { window.__hold = false; held.splice(0).forEach(([f, e]) => f(e)); };
  const later = (fn) => (event) => (window.__hold ? held.push([fn, event]) : fn(event));
  window.WebSocket = class extends Native {
    addEventListener(type, fn, options) {
      super.addEventListener(type, type === "message" ? later(fn) : fn, options);
    }
    set onmessage(fn) { super.onmessage = later(fn); }
    get onmessage() { return super.onmessage; }
  };
})();"""


def taps_sent(page) -> dict[str, int]:
    """How many times the page sent each button's click to the server (Streamlit's rerun
    messages with a button's trigger), counted from here on."""
    taps: dict[str, int] = {}

    def sent(payload) -> None:
        msg = BackMsg()
        msg.ParseFromString(payload if isinstance(payload, bytes) else payload.encode())
        for widget in msg.rerun_script.widget_states.widgets:
            if widget.WhichOneof("value") == "trigger_value" and widget.trigger_value:
                taps[widget.id] = taps.get(widget.id, 0) + 1

    page.on("websocket", lambda ws: ws.on("framesent", sent))
    return taps


def test_a_tap_on_a_busy_server_is_sent_once_and_the_page_moves_on(browser, workspace):
    """Issue 14: under load a saved answer's page sometimes stayed on its question. The page's
    connection script gave any tap the server had not visibly started within 1.5 s again,
    although the page never lost its connection; the second click carried the old step, and
    the page drew the old question again after saving the answer. Here the server's replies
    are held for 3 s after a tap: the tap is sent once, and the page then moves on."""
    db_url, ws, (use_case, _) = workspace
    store = Store.from_url(db_url, owner_key=OWNER_KEY)
    workshop = store.workshops.create(ws, checked_setup(use_cases=(use_case,), threshold=3))
    context = browser.new_context(viewport=LAPTOP)
    context.add_init_script(HOLD_REPLIES)
    page = context.new_page()
    taps = taps_sent(page)
    phone = Person("busy", page, Room(store, ws, use_case, workshop.key))
    try:
        with streamlit_server(db_url, extra_env=STILL) as url:
            page.goto(f"{url}/join?code={workshop.code}")
            phone.joined_now(0)
            store.workshops.set_phase(ws, workshop.key, use_case, "voting")
            phone.at(1)
            page.evaluate("window.__hold = true")
            phone.click(page.get_by_text(option("reach", 2), exact=True))
            assert phone.has_saved("reach", 2)  # the server ran the tap at once
            page.wait_for_timeout(3000)  # the page hears nothing back for 3 s
            page.evaluate("window.__release()")
            phone.at(2)
            assert stays_visible(page.get_by_text(f"Question 2 of {len(QUESTIONS)}"), 3)
            assert list(taps.values()) == [1], taps
    finally:
        context.close()


@contextmanager
def busy(processes: int | None = None):
    """A busy machine, as in the room's trial (load about 6 on 2 cores): CPU-bound processes
    beside the server and the browsers for a while. Parts went missing only then.

    E2E_BUSY=2 starts two, while the live workshop's room answers and while pages follow three
    votes (how the missing parts and the pages that did not move on were reproduced and their
    fixes shown); the suite runs without them by default: two processes spinning on two cores slowed
    every other test running beside this one and put their timings at risk."""
    processes = int(os.environ.get("E2E_BUSY", "0")) if processes is None else processes
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(processes)]
    try:
        yield
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()


def test_every_page_says_where_the_workshop_is_as_votes_open_and_close(browser, tmp_path):
    """Issue 14 item 1, with the facilitator's steps taken quickly and nothing else going on:
    four pages follow three votes opened and revealed, then the agreement and the close. After
    each step every page shows the open use case's name and its question, or says in a
    sentence what is happening. On the earlier page a part went missing on some of the pages
    at most of these steps (5 of 16 in one run), until the next vote opened."""
    db_url = f"sqlite:///{tmp_path / 'phases.db'}"
    store = Store.from_url(db_url, owner_key=OWNER_KEY)
    ws = store.create_workspace("Phases").key
    names = ("Call summaries", "Release notes", "Contract review")
    cases = [store.add_use_case(ws, name) for name in names]
    workshop = store.workshops.create(ws, checked_setup(use_cases=tuple(cases), threshold=3))
    room = Room(store, ws, cases[0], workshop.key)
    contexts = [browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)]
    contexts += [browser.new_context(viewport=LAPTOP) for _ in range(3)]
    people = [Person(f"p{n}", c.new_page(), room) for n, c in enumerate(contexts)]
    try:
        with streamlit_server(db_url, extra_env=STILL) as url:
            for n, who in enumerate(people):
                who.page.goto(f"{url}/join?code={workshop.code}")
                who.joined_now(n)
            sees_where_it_is(people)
            with busy():
                _three_votes(store, ws, workshop.key, cases, names, people)
            store.workshops.close(ws, workshop.key)
            sees_where_it_is(people, sentence=CLOSED)
    finally:
        for context in contexts:
            context.close()


def _three_votes(store, ws, key, cases, names, people) -> None:
    for case, name in zip(cases, names, strict=True):
        store.workshops.set_phase(ws, key, case, "voting")
        time.sleep(5)  # every page has followed, and its live part has run again
        sees_where_it_is(people, name)
        for who in people:
            assert stays_visible(who.page.get_by_text("Question 1 of 8"), 1), who.name
        store.workshops.set_phase(ws, key, case, "revealed")
        time.sleep(5)
        sees_where_it_is(people)
