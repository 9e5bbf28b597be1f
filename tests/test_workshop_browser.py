"""A live workshop end to end in a real Chromium against a real Streamlit server.

A facilitator (signed in, a laptop) runs the console, the presenter view is on the projector,
and six participants answer on their own devices, each in a browser of their own: one on a
phone, one who joins late, one who reloads half-way, one who changes an answer, one who leaves
after two answers and one who uses only the keyboard. The shorter workshop stories (each page
through every phase, offline, a busy server, markdown names) are in
test_workshop_pages_browser.py, so that the two files run side by side.

Set E2E_SCREENSHOTS=folder to keep a screenshot of every view at every phase.
"""

from __future__ import annotations

import os
import re
import time
from contextlib import ExitStack

import pytest
from playwright.sync_api import expect

from coordination.storage import Store
from coordination.workshop.reveal import round_view
from coordination.workshop.settings import checked_setup
from tests.browser import OWNER_KEY, PLOTLY_CHART, sign_in, streamlit_server, wait_idle
from tests.workshop_room import (
    CAN_SLEEP,
    CLOSED,
    FOLLOW,
    LAPTOP,
    PHONE,
    PROJECTOR,
    QUESTIONNAIRE,
    QUESTIONS,
    SLOW,
    STARTED,
    STILL,
    Person,
    Room,
    busy,
    chosen,
    eventually,
    key_choose,
    main_text,
    no_answers,
    on_answer,
    option,
    phase,
    sees_where_it_is,
    shot,
    stays_visible,
    tab_to,
    two_use_cases,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def workspace(tmp_path):
    return two_use_cases(tmp_path)


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
    link = console.get_by_role("textbox", name="Join link").input_value()
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
    assert presenter.locator(PLOTLY_CHART).count() == 0
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
    expect(presenter.locator(PLOTLY_CHART)).to_be_visible(timeout=FOLLOW)
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
