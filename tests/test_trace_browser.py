"""The answer control in a real Chromium against a real server, for the owner tracing a use
case and for a participant answering through an invitation: on a laptop (1440×900) and on a
phone (390×844) every question's answers and Next lie on the first screen, unscrolled; a number
key chooses and writes once; arrows and Tab write nothing; a saved answer goes on to the next
question by itself, unless that is switched off.

Writes are counted by the workspace's version, which every write raises by one.
Set E2E_SCREENSHOTS=folder to keep, per page and screen, what the first screen of a question
shows and the whole open-questions step.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

from coordination.files.fileformat import read_assessment
from coordination.method.questionnaire import load_questionnaire
from coordination.settings import DEMO_PATH
from coordination.storage import Store
from tests.browser import OWNER_KEY, sign_in, streamlit_server, wait_idle

pytestmark = pytest.mark.browser

QUESTIONNAIRE = load_questionnaire()
QUESTIONS = [q.id for q in QUESTIONNAIRE.questions]
SCREENS = {
    "laptop": {"viewport": {"width": 1440, "height": 900}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
}
USE_CASE = "forecast-explainer"  # the demo's longest name: the participant's heading wraps most
STILL = {"STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none"}
SLOW = 30_000  # ms: one rerun on a 2-core machine shared with other test runs
# Anything scrolled, in the window or in one of Streamlit's own scrolling containers.
SCROLLED = """() => window.scrollY + [...document.querySelectorAll('*')]
  .reduce((sum, e) => sum + e.scrollTop, 0)"""


@dataclass
class Site:
    url: str
    store: Store
    ws: str

    def version(self) -> int:
        """How many writes the workspace has had."""
        return self.store.version(self.ws)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    db_url = f"sqlite:///{tmp_path_factory.mktemp('trace') / 'trace.db'}"
    store = Store.from_url(db_url, owner_key=OWNER_KEY)
    store.seed_demo_once(read_assessment(DEMO_PATH, QUESTIONNAIRE))
    with streamlit_server(db_url, extra_env=STILL) as url:
        yield Site(url, store, store.demo_workspace().key)
    store.engine.dispose()


@dataclass
class Answerer:
    """One person's tab on the trace page (owner) or on their answer page (participant)."""

    site: Site
    page: object
    who: str
    name: str = ""
    me: object = None  # the participant

    def go(self, step: int) -> None:
        if self.who == "owner":
            path = f"trace?ws={self.site.ws}&uc={USE_CASE}&r={self.name}&step={step}"
        else:
            path = f"?step={step}"
        self.page.goto(f"{self.site.url}/{path}")
        wait_idle(self.page)
        self.at(step)

    def at(self, step: int) -> None:
        if step <= len(QUESTIONS):
            shown = self.page.get_by_text(f"Question {step} of {len(QUESTIONS)}")
        else:
            shown = self.page.get_by_role("heading", name="Open questions")
        expect(shown).to_be_visible(timeout=SLOW)
        wait_idle(self.page)
        assert f"step={step}" in self.page.url or (step == 1 and "step=" not in self.page.url)

    def answers(self) -> dict:
        store, ws = self.site.store, self.site.ws
        if self.who == "owner":
            response = store.response(ws, USE_CASE, self.name)
        else:
            response = store.participant_response(self.me, USE_CASE)
        return dict(response.answers) if response else {}

    def store_answer(self, question: str, value: int | None) -> None:
        if self.who == "owner":
            self.site.store.set_answer(self.site.ws, USE_CASE, self.name, question, value)
        else:
            self.site.store.participant_answer(self.me, USE_CASE, question, value)

    def answer_button(self, value: int | None):
        label = "Don't know" if value is None else f"{value} · "
        return self.page.locator(".st-key-answers").get_by_role(
            "button", name=re.compile("^" + re.escape(label))
        )


@pytest.fixture
def person(browser, site):
    """Open a new browser (its own cookies) for the owner or a new invited participant."""
    contexts = []

    def open_(who: str, screen: str = "laptop", name: str = "") -> Answerer:
        context = browser.new_context(**SCREENS[screen])
        contexts.append(context)
        page = context.new_page()
        if who == "owner":
            sign_in(page, site.url, f"trace?ws={site.ws}&uc={USE_CASE}&r={name}")
            return Answerer(site, page, who, name)
        token = site.store.join(site.store.invitation(site.ws, [USE_CASE]))
        page.goto(f"{site.url}/?p={token}")  # the participant's resume link
        wait_idle(page)
        return Answerer(site, page, who, me=site.store.identify(None, token))

    yield open_
    for context in contexts:
        context.close()


def off_screen(page) -> list[str]:
    """The answers and Next that do not lie wholly on the first screen."""
    size = page.viewport_size
    wanted = page.locator(".st-key-answers button").all()
    assert len(wanted) == len(QUESTIONNAIRE.questions[0].answers) + 1  # and "don't know"
    wanted.append(page.get_by_role("button", name="Next →"))
    outside = []
    for button in wanted:
        box = button.bounding_box()
        inside = (
            box["x"] >= 0
            and box["y"] >= 0
            and box["x"] + box["width"] <= size["width"]
            and box["y"] + box["height"] <= size["height"]
        )
        if not inside:
            outside.append(f"{button.inner_text()!r} at {box}")
    return outside


def shot(page, name: str, *, whole: bool = False) -> None:
    folder = os.environ.get("E2E_SCREENSHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    tall = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('[data-testid=stMain]')]"
        ".map(e => e.scrollHeight))"
    )
    if whole and tall > size["height"]:  # Streamlit scrolls inside its own container
        page.set_viewport_size({"width": size["width"], "height": min(tall, 6000)})
        page.wait_for_timeout(400)
    try:
        page.screenshot(path=str(Path(folder) / f"trace-{name}.png"))
    finally:
        page.set_viewport_size(size)


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("who", ["owner", "participant"])
def test_every_question_fits_one_screen_with_its_answers_and_next(person, who, screen):
    someone = person(who, screen, name="Fit")
    for question in QUESTIONS:  # the longest answer chosen: its label is the longest there is
        someone.store_answer(question, 3)
    for step in range(1, len(QUESTIONS) + 1):
        someone.go(step)
        assert someone.page.evaluate(SCROLLED) == 0
        assert not off_screen(someone.page), (step, off_screen(someone.page))
        if step == 2:
            shot(someone.page, f"{who}-{screen}-question")
    someone.go(len(QUESTIONS) + 1)
    shot(someone.page, f"{who}-{screen}-open-questions", whole=True)


@pytest.mark.parametrize("who", ["owner", "participant"])
def test_a_number_key_chooses_writes_once_and_goes_on(person, site, who):
    someone = person(who, name="Keys")
    someone.at(1)
    before = site.version()
    someone.page.keyboard.press("2")
    someone.at(2)  # it went on by itself
    assert someone.answers() == {QUESTIONS[0]: 2}
    assert site.version() == before + 1
    someone.page.keyboard.press("D")  # "don't know" has its own key
    someone.at(3)
    assert someone.answers() == {QUESTIONS[0]: 2, QUESTIONS[1]: None}
    assert site.version() == before + 2


def test_arrows_and_tab_move_through_the_answers_and_write_nothing(person, site):
    someone = person("owner", name="Arrows")
    someone.at(1)
    before = site.version()
    someone.answer_button(0).focus()
    for key in ("ArrowDown", "ArrowDown", "ArrowDown", "ArrowUp", "Tab", "Tab", "Shift+Tab"):
        someone.page.keyboard.press(key)
    someone.page.wait_for_timeout(1500)
    wait_idle(someone.page)
    assert site.version() == before and someone.answers() == {}
    someone.at(1)
    someone.answer_button(1).focus()  # Tab to an answer, then Enter: that is a choice
    someone.page.keyboard.press("Enter")
    someone.at(2)
    assert someone.answers() == {QUESTIONS[0]: 1} and site.version() == before + 1
    someone.answer_button(3).focus()  # and Space
    someone.page.keyboard.press("Space")
    someone.at(3)
    assert someone.answers() == {QUESTIONS[0]: 1, QUESTIONS[1]: 3}
    assert site.version() == before + 2


def test_with_going_on_switched_off_an_answer_stays_on_screen_until_next(person, site):
    someone = person("participant")
    someone.at(1)
    switch = "Go to the next question after answering"
    someone.page.get_by_role("button", name=f"{switch}: on").click()
    expect(someone.page.get_by_role("button", name=f"{switch}: off")).to_be_visible()
    wait_idle(someone.page)
    before = site.version()
    someone.page.keyboard.press("1")  # right after the switch: the key still chooses
    chosen = someone.page.get_by_role("button", name=re.compile("^1 · .* — your answer"))
    expect(chosen).to_be_visible(timeout=SLOW)
    wait_idle(someone.page)
    someone.at(1)
    assert someone.answers() == {QUESTIONS[0]: 1} and site.version() == before + 1
    someone.page.keyboard.press("N")  # Next has a key too
    someone.at(2)
    expect(someone.page.get_by_role("button", name=f"{switch}: off")).to_be_visible()


HINT_CONTRAST = """() => [...document.querySelectorAll('button kbd')].map(k => {
  const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => v / 255)
    .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const a = Number(getComputedStyle(k).opacity);
  const ink = rgb(getComputedStyle(k).color);
  const bg = rgb(getComputedStyle(k.closest('button')).backgroundColor);
  const seen = ink.map((v, i) => a * v + (1 - a) * bg[i]);
  const [hi, lo] = [lum(seen), lum(bg)].sort((x, y) => y - x);
  return [k.innerText, Math.round((hi + 0.05) / (lo + 0.05) * 10) / 10];
})"""


def test_every_shortcut_hint_reads_at_4_5_to_1_on_its_button(person):
    """Streamlit draws a key hint at 60 % opacity: 3.4:1 on the blue Next button (WCAG AA
    asks 4.5:1 for text this small)."""
    someone = person("owner", name="Hints")
    someone.store_answer(QUESTIONS[1], 2)  # a chosen answer is a blue button too
    someone.go(2)
    hints = someone.page.evaluate(HINT_CONTRAST)
    assert {key for key, _ in hints} >= {"0", "1", "2", "3", "D", "B", "N"}
    assert [(key, ratio) for key, ratio in hints if ratio < 4.5] == []
