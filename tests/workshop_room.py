"""The workshop's browser tests' room: the questionnaire's questions, devices' sizes, a Room
(the store and the workshop the test runs) and a Person (one participant's page and what they
chose), the checks every phase makes, and a busy machine on demand (E2E_BUSY)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import expect

from coordination.method.questionnaire import load_questionnaire
from coordination.storage import Store
from coordination.workshop.settings import checked_setup
from tests.browser import OWNER_KEY, wait_idle

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


def two_use_cases(tmp_path):
    """A fresh database with one workspace and two use cases: (db url, workspace key, keys)."""
    url = f"sqlite:///{tmp_path / 'workshop.db'}"
    store = Store.from_url(url, owner_key=OWNER_KEY)
    ws = store.create_workspace("Ashgrove Workshop Co")
    first = store.add_use_case(ws.key, "Call summaries", function="Sales")
    second = store.add_use_case(ws.key, "Release notes", function="Product")
    return url, ws.key, (first, second)


def one_participant(browser, workspace, name: str, *, phone: bool = False, init_script=None):
    """A new workshop of the workspace's first use case (threshold 3, no vote open yet) and one
    participant's own browser, a phone or a laptop, not joined yet: (the person, the workshop's
    join code). `init_script` runs in each of the person's pages before the app's scripts.
    The caller closes the person's `page.context`."""
    db_url, ws, (use_case, _) = workspace
    store = Store.from_url(db_url, owner_key=OWNER_KEY)
    workshop = store.workshops.create(ws, checked_setup(use_cases=(use_case,), threshold=3))
    device = {"viewport": PHONE, "is_mobile": True, "has_touch": True} if phone else {}
    context = browser.new_context(**(device or {"viewport": LAPTOP}))
    if init_script:
        context.add_init_script(init_script)
    room = Room(store, ws, use_case, workshop.key)
    return Person(name, context.new_page(), room, touch=phone), workshop.code


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
    return not vanished({"": locator}, seconds)


def vanished(locators: dict[str, object], seconds: float) -> list[str]:
    """The names whose locator was not visible at some look during `seconds`. All are watched
    in the same seconds, each looked at several times a second, not one page after another."""
    deadline = time.monotonic() + seconds
    gone: list[str] = []
    while time.monotonic() < deadline:
        for name, locator in locators.items():
            if name not in gone and not locator.is_visible():
                gone.append(name)
        time.sleep(0.2)
    return gone


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
    wheres = {  # a few of the live parts' own runs later, still there
        who.name: who.page.get_by_role("heading", name=use_case, exact=True)
        if use_case
        else who.page.get_by_text(sentence)
        for who in people
    }
    assert not (gone := vanished(wheres, 2.5)), (gone, use_case or sentence)


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

    def open_vote(self) -> None:
        self.store.workshops.set_phase(self.ws, self.workshop, self.use_case, "voting")


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

    def join(self, url: str, code: str, before: int = 0) -> None:
        """Open the join link with the workshop's code, as a person typing it would arrive."""
        self.page.goto(f"{url}/join?code={code}")
        self.joined_now(before)

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
