"""The workshop pages through AppTest: the console's set-up and controls, the presenter view,
and a participant's page following the facilitator."""

from __future__ import annotations

import pytest

from coordination.text import md_literal
from coordination.workshop import settings
from coordination.workshop.codes import spaced
from coordination.workshop.settings import MOVES, Move, buttons, checked_setup
from tests.app_helpers import Browser, answer, answer_buttons, room_charts, texts

CONSOLE, PRESENT = "app_pages/owner/workshop.py", "app_pages/owner/present.py"


@pytest.fixture
def workshop(store, demo):
    return store.workshops.create(
        demo, checked_setup(use_cases=("spec-sheets", "release-notes"), threshold=3)
    )


def test_the_console_sets_up_a_workshop_from_the_form(store, demo, owner):
    at = owner.open(CONSOLE, ws=demo)
    assert not at.exception and "Set up a workshop" in texts(at)
    [picker] = at.pills
    assert picker.value == ["release-notes"]  # the one use case nobody has traced yet
    picker.set_value(["spec-sheets"])
    at.number_input[0].set_value(4)
    next(b for b in at.button if b.label == "Create the workshop").click().run()
    [created] = store.workshops.of_workspace(demo)
    assert created.threshold == 4 and [rd.use_case for rd in created.rounds] == ["spec-sheets"]
    assert at.query_params["w"] == created.key
    assert f"Join with code **{spaced(created.code)}**" in texts(at)


def test_the_console_opens_the_vote_and_reveals(store, demo, owner, workshop):
    at = owner.open(CONSOLE, ws=demo, w=workshop.key)
    assert not at.exception
    next(b for b in at.button if b.label == "Open the vote").click().run()
    assert store.workshops.get(demo, workshop.key).voting.use_case == "spec-sheets"
    assert "0 of 0 answered every question" in texts(at)
    next(b for b in at.button if b.label == "Reveal now").click().run()
    assert store.workshops.get(demo, workshop.key).round("spec-sheets").phase == "revealed"
    assert "The team's answer for Product data sheet drafts" in texts(at)


MOVE_LABELS = {m.button for moves in MOVES.values() for m in moves if m.button}


def _to_phase(store, demo, workshop, phase: str) -> None:
    """Walk spec-sheets along the graph to `phase`."""
    path = {"waiting": [], "voting": ["voting"], "revealed": ["voting", "revealed"]}
    for step in path.get(phase, ["voting", "revealed"]):
        store.workshops.set_phase(demo, workshop.key, "spec-sheets", step)
    if phase == "agreed":
        agreed = dict.fromkeys(store.questionnaire.question_ids, 2)
        store.workshops.agree(demo, workshop.key, "spec-sheets", agreed, {})


@pytest.mark.parametrize("closed", [False, True], ids=["open", "closed"])
@pytest.mark.parametrize("phase", ["waiting", "voting", "revealed", "agreed"])
def test_the_console_draws_the_moves_the_core_offers(store, demo, owner, workshop, phase, closed):
    _to_phase(store, demo, workshop, phase)
    if closed:
        store.workshops.close(demo, workshop.key)
    at = owner.open(CONSOLE, ws=demo, w=workshop.key, uc="spec-sheets")
    assert not at.exception, at.exception
    drawn = [b.label for b in at.button if b.label in MOVE_LABELS]
    assert drawn == [m.button for m in buttons(phase, closed=closed)]
    team_form = "The team's answer for Product data sheet drafts" in texts(at)
    assert team_form is (phase in ("revealed", "agreed") and not closed)


def test_the_console_takes_its_buttons_from_the_phase_graph(
    store, demo, owner, workshop, monkeypatch
):
    """A move the core renames or adds is what the console draws and makes: no copy of the
    graph in the page."""
    graph = dict(MOVES)
    graph["waiting"] = (Move("voting", "Start the silent vote"),)
    graph["voting"] = (Move("revealed", "Show the answers"), Move("waiting", "Back to waiting"))
    monkeypatch.setattr(settings, "MOVES", graph)
    at = owner.open(CONSOLE, ws=demo, w=workshop.key, uc="spec-sheets")
    next(b for b in at.button if b.label == "Start the silent vote").click().run()
    assert store.workshops.get(demo, workshop.key).round("spec-sheets").phase == "voting"
    labels = [b.label for b in at.button]
    assert "Show the answers" in labels and "Back to waiting" in labels
    assert "Reveal now" not in labels
    next(b for b in at.button if b.label == "Back to waiting").click().run()
    assert store.workshops.get(demo, workshop.key).round("spec-sheets").phase == "waiting"


def test_the_presenter_shows_the_code_and_no_controls(store, demo, owner, workshop):
    at = owner.open(PRESENT, ws=demo, w=workshop.key, live="1")
    assert not at.exception
    shown = texts(at)
    assert f"Join with code **{spaced(workshop.code)}**" in shown and "0 joined" in shown
    assert not [b for b in at.button if b.label in ("Open the vote", "Reveal now")]
    assert not at.text_area  # no private notes


def test_the_presenter_withholds_answers_below_the_threshold(store, demo, owner, workshop):
    store.workshops.set_phase(demo, workshop.key, "spec-sheets", "voting")
    for value in (0, 3):
        me = store.identify(None, store.join(store.invitation_token(workshop.invitation)))
        store.participant_answer(me, "spec-sheets", "reach", value)
    store.workshops.set_phase(demo, workshop.key, "spec-sheets", "revealed")
    for page in (PRESENT, CONSOLE):
        at = owner.open(page, ws=demo, w=workshop.key, uc="spec-sheets")
        assert "2 answered. Answers are shown once at least 3 people" in texts(at)
        assert not room_charts(at), page


def test_a_participant_waits_then_answers_the_open_use_case_only(
    store, demo, workshop, monkeypatch
):
    me = Browser(monkeypatch).as_participant(
        store.join(store.invitation_token(workshop.invitation))
    )
    at = me.open()
    assert "Waiting for the facilitator to open the next use case" in texts(at)
    assert not answer_buttons(at)
    store.workshops.set_phase(demo, workshop.key, "release-notes", "voting")
    at = me.open()
    assert not at.selectbox and "Ordering portal release notes" in texts(at)
    answer(at, 3)
    assert "Not saved" not in texts(at)
    store.workshops.close(demo, workshop.key)
    late = me.open()
    assert "This workshop is closed" in texts(late) and not answer_buttons(late)


NOT_SAVED = "was not saved"


@pytest.mark.parametrize("late_change", [False, True], ids=["did-nothing", "answered-late"])
def test_only_a_change_refused_after_the_close_is_said_not_saved(
    store, demo, workshop, monkeypatch, late_change
):
    """Issue 14 item 6: everyone whose page closes is thanked; only a person whose own answer
    came after the close is told it was not saved (everyone used to be told so)."""
    me = Browser(monkeypatch).as_participant(
        store.join(store.invitation_token(workshop.invitation))
    )
    store.workshops.set_phase(demo, workshop.key, "release-notes", "voting")
    at = me.open()
    answer(at, 2)  # saved while the vote is open
    store.workshops.close(demo, workshop.key)
    if late_change:
        answer(at, 3)  # the page still showed the question: its tap reaches a closed workshop
    else:
        at.run()  # the page follows the close (as its live part does) with nothing tapped
    assert not at.exception, at.exception
    shown = texts(at)
    assert "This workshop is closed: thank you. Your answers are kept." in shown
    assert (NOT_SAVED in shown) is late_change, shown
    assert not answer_buttons(at)
    [saved] = store.workshops.responses(demo, workshop.key, "release-notes").values()
    assert saved.answers == {"reach": 2}
    if late_change:  # said for as long as the page is open, not only on the run after the tap
        at.run()
        assert NOT_SAVED in texts(at)


def test_the_result_page_hides_names_of_an_anonymous_workshop_and_shows_the_agreement(
    store, demo, owner, workshop
):
    store.workshops.set_phase(demo, workshop.key, "spec-sheets", "voting")
    for name, value in (("Dana", 0), ("Eli", 2), ("Fay", 3)):
        me = store.identify(None, store.join(store.invitation_token(workshop.invitation)))
        store.set_display_name(me, name)
        store.participant_answer(me, "spec-sheets", "reach", value)
    store.workshops.set_phase(demo, workshop.key, "spec-sheets", "revealed")
    agreed = dict.fromkeys(store.questionnaire.question_ids, 2)
    store.workshops.agree(demo, workshop.key, "spec-sheets", agreed, {})
    at = owner.open("app_pages/owner/result.py", ws=demo, uc="spec-sheets")
    table = next(d.value for d in at.dataframe if "Agreed by the team" in d.value.index)
    shown = " ".join(map(str, table.index))
    assert "Participant 1" in shown and "Agreed by the team" in shown
    assert not {"Dana", "Eli", "Fay"} & set(table.index)
    assert "Agreed in a workshop: level" in texts(at)
    assert "The room's own answers (six people) gave level 4" in texts(at)
    assert "settled lower; no reason was written down." in texts(at)


def test_below_the_threshold_no_owner_page_or_file_shows_the_answers(store, demo, owner, workshop):
    """The console withholds two people's answers; the Result page, the map and the exports
    must not show them either (issue 7: "everywhere, exports included")."""
    from coordination.files import spreadsheets
    from coordination.files.pack import build_pack
    from coordination.report.orgmap import OrgMap

    store.workshops.set_phase(demo, workshop.key, "release-notes", "voting")
    people = [
        store.identify(None, store.join(store.invitation_token(workshop.invitation)))
        for _ in range(2)
    ]
    for me, name in zip(people, ("Dana", "Eli"), strict=True):
        store.set_display_name(me, name)
    for q in store.questionnaire.question_ids:  # both answer, so nobody waits for a reveal
        for me in people:
            store.participant_answer(me, "release-notes", q, 3)
    result = owner.open("app_pages/owner/result.py", ws=demo, uc="release-notes")
    assert not result.exception, result.exception
    assert "Two workshop answers withheld until at least three people" in texts(result)
    assert "Not traced yet" in texts(result) and not result.dataframe
    board = owner.open("app_pages/owner/map.py", ws=demo)
    assert "Workshop answers withheld on Ordering portal release notes" in texts(board)
    view = store.view(demo)  # the read side every page and export is built from
    org = OrgMap(view.assessment, store.questionnaire, view.withheld)
    pack = build_pack(org)
    assert not [row for row in pack.appendix if row.use_case == "Ordering portal release notes"]
    answers = spreadsheets.sheets(org)["Answers"]
    assert "release-notes" not in set(answers["use case id"])


def test_the_teams_answer_shows_while_a_small_groups_answers_stay_withheld(
    store, demo, owner, workshop
):
    store.workshops.set_phase(demo, workshop.key, "release-notes", "voting")
    for _ in range(2):
        me = store.identify(None, store.join(store.invitation_token(workshop.invitation)))
        store.participant_answer(me, "release-notes", "reach", 3)
    store.workshops.set_phase(demo, workshop.key, "release-notes", "revealed")
    agreed = dict.fromkeys(store.questionnaire.question_ids, 2)
    store.workshops.agree(demo, workshop.key, "release-notes", agreed, {})
    at = owner.open("app_pages/owner/result.py", ws=demo, uc="release-notes")
    assert not at.exception, at.exception
    shown = texts(at)
    assert "Level 3" in at.header[0].value and "Agreed in a workshop: level 3" in shown
    assert "individual answers" not in shown  # none may be shown, so none are promised
    answers = next(d.value for d in at.dataframe if "Agreed by the team" in d.value.index)
    assert list(answers.index) == ["Agreed by the team"]
    assert "room's own answers" not in shown  # withheld: the room's level is not told either


def test_the_trace_page_never_answers_as_a_workshop_participant(store, demo, owner):
    """Issue 12, item 1: the owner opening /trace?r=<a participant's name> saw "Answering as
    Zelda Quixote" with her answers and note, and a click changed them."""
    workshop = store.workshops.create(
        demo, checked_setup(use_cases=("spec-sheets",), anonymity="full", threshold=3)
    )
    store.workshops.set_phase(demo, workshop.key, "spec-sheets", "voting")
    zelda = store.join(store.invitation_token(workshop.invitation))
    store.set_display_name(store.identify(None, zelda), "Zelda Quixote")
    zelda = store.identify(None, zelda)
    store.participant_answer(zelda, "spec-sheets", "reach", 2)
    store.participant_note(zelda, "spec-sheets", "reach", "Only Zelda's team uses it")
    store.workshops.close(demo, workshop.key)
    at = owner.open("app_pages/owner/trace.py", ws=demo, uc="spec-sheets", r="Zelda Quixote")
    assert not at.exception
    assert "Only Zelda's team uses it" not in [t.value for t in at.text_area]
    assert not [b for b in answer_buttons(at).values() if "your answer" in b.label]
    answer(at, 0)  # the owner's own respondent, a new one
    assert store.participant_response(zelda, "spec-sheets").answers == {"reach": 2}


def test_a_participant_counts_as_joined_once_their_page_opens_not_when_joining(
    store, demo, workshop, monkeypatch
):
    tokens = [store.join(store.invitation_token(workshop.invitation)) for _ in range(5)]
    assert store.workshops.joined(demo, workshop.key) == []  # five joins, no page: nobody
    Browser(monkeypatch).as_participant(tokens[0]).open()
    assert [pid for pid, _ in store.workshops.joined(demo, workshop.key)] == [
        store.identify(None, tokens[0]).id
    ]
    store.workshops.set_phase(demo, workshop.key, "spec-sheets", "voting")
    at = Browser(monkeypatch).as_owner(store).open(CONSOLE, ws=demo, w=workshop.key)
    assert "0 of 1 answered every question" in texts(at)


def _room_votes(store, demo, workshop, names=("Priya", "Dana", "Eli")):
    """Three people split 0 / 3 / 3 on every question, one question still open for Eli (so
    the vote stays open): enough to pass the threshold and to disagree."""
    store.workshops.set_phase(demo, workshop.key, "spec-sheets", "voting")
    questions = store.questionnaire.question_ids
    people = []
    for name in names:  # all join first: one who finished alone would reveal by itself
        me = store.identify(None, store.join(store.invitation_token(workshop.invitation)))
        store.set_display_name(me, name)
        store.participant_seen(me)
        people.append(me)
    for me, name, value in zip(people, names, (0, 3, 3), strict=True):
        for q in questions[:-1] if name == names[-1] else questions:
            store.participant_answer(me, "spec-sheets", q, value)


def _shows_the_room(at) -> bool:
    shown = texts(at)
    return bool(room_charts(at)) or "Level " in shown or "disagrees" in shown


def test_the_silent_vote_shows_the_console_who_finished_and_counts_but_no_answers(
    store, demo, owner, workshop
):
    """Issue 14, item 2: while people vote, the console drew the bars, the level and "the room
    disagrees on…" — watched while someone taps, or mirrored, it gave the vote away."""
    _room_votes(store, demo, workshop)
    at = owner.open(CONSOLE, ws=demo, w=workshop.key, uc="spec-sheets")
    assert not at.exception, at.exception
    shown = texts(at)
    assert "2 of 3 answered every question" in shown
    first = store.questionnaire.questions[0].label
    assert f"{first}: 3 of 3" in [p.proto.text for p in at.get("progress")]
    assert "✓ Priya" in shown and "… Eli" in shown  # who finished, not what they said
    assert not _shows_the_room(at)
    [peek] = [t for t in at.toggle if t.label.startswith("Peek")]
    assert peek.value is False  # off by default
    peek.set_value(True).run()
    assert _shows_the_room(at) and "The room disagrees on" in texts(at)
    assert "Peeking: this screen shows the room's answers before the reveal" in texts(at)
    store.workshops.set_phase(demo, workshop.key, "spec-sheets", "revealed")
    at = owner.open(CONSOLE, ws=demo, w=workshop.key, uc="spec-sheets")
    assert _shows_the_room(at)  # the reveal shows it without asking
    assert not [t for t in at.toggle if t.label.startswith("Peek")]


def test_the_presenter_shows_no_answers_names_controls_or_peek_during_the_vote(
    store, demo, owner, workshop
):
    _room_votes(store, demo, workshop)
    at = owner.open(PRESENT, ws=demo, w=workshop.key, live="1")
    assert not at.exception, at.exception
    shown = texts(at)
    assert "2 of 3 answered every question" in shown
    assert not _shows_the_room(at)
    assert not {"Priya", "Dana", "Eli"} & set(shown.split())
    main = at.main  # the sidebar (sign out) is hidden on the projector
    assert not (main.toggle or main.checkbox or main.button or main.radio or main.selectbox)
    store.workshops.set_phase(demo, workshop.key, "spec-sheets", "revealed")
    at = owner.open(PRESENT, ws=demo, w=workshop.key, live="1")
    assert _shows_the_room(at) and not (at.main.toggle or at.main.button)
    assert not {"Priya", "Dana", "Eli"} & set(texts(at).split())


@pytest.mark.parametrize("phase", ["revealed", "agreed"])
def test_after_the_reveal_the_console_offers_the_next_use_case_as_one_step(
    store, demo, owner, workshop, phase
):
    """Issue 14, item 6: after a reveal the only vote button was "Vote again"; the next use
    case was a radio button to find."""
    _to_phase(store, demo, workshop, phase)
    at = owner.open(CONSOLE, ws=demo, w=workshop.key, uc="spec-sheets")
    [step] = [b for b in at.button if b.label.startswith("Next use case")]
    assert step.label == "Next use case: Ordering portal release notes"
    assert step.proto.type == "primary"
    step.click().run()
    assert not at.exception, at.exception
    now = store.workshops.get(demo, workshop.key)
    assert now.voting.use_case == "release-notes"  # one click: its vote is open
    assert now.round("spec-sheets").phase == phase
    assert at.query_params["uc"] == "release-notes" and "Reveal now" in [b.label for b in at.button]
    store.workshops.set_phase(demo, workshop.key, "release-notes", "revealed")
    at = owner.open(CONSOLE, ws=demo, w=workshop.key, uc="release-notes")
    assert not [b for b in at.button if b.label.startswith("Next use case")]  # none waits


def test_below_the_threshold_the_teams_answer_starts_blank_and_needs_every_answer(
    store, demo, owner, workshop
):
    """Issue 14, item 6: below the threshold the form came pre-filled with "Don't know"
    everywhere, and one click recorded that as the use case's assessment."""
    store.workshops.set_phase(demo, workshop.key, "spec-sheets", "voting")
    for _ in range(2):
        me = store.identify(None, store.join(store.invitation_token(workshop.invitation)))
        store.participant_answer(me, "spec-sheets", "reach", 3)
    store.workshops.set_phase(demo, workshop.key, "spec-sheets", "revealed")
    at = owner.open(CONSOLE, ws=demo, w=workshop.key, uc="spec-sheets")
    assert "no combined answer to start from" in texts(at)
    labels = [md_literal(q.label) for q in store.questionnaire.questions]
    team = [s for s in at.selectbox if s.label in labels]
    assert len(team) == len(store.questionnaire.questions)
    assert all(s.value is None for s in team)
    record = next(b for b in at.button if b.label == "Record the team's answer")
    record.click().run()
    assert "Choose the team's answer for" in texts(at)
    assert not store.load(demo).use_case("spec-sheets").agreed  # nothing recorded
    for box in [s for s in at.selectbox if s.label in labels][:-1]:
        box.set_value(2)
    next(b for b in at.button if b.label == "Record the team's answer").click().run()
    last = store.questionnaire.questions[-1].label
    assert f"Choose the team's answer for {last}: nothing was recorded yet." in texts(at)
    assert not store.load(demo).use_case("spec-sheets").agreed
    [box for box in at.selectbox if box.label == md_literal(last)][0].set_value(1)
    next(b for b in at.button if b.label == "Record the team's answer").click().run()
    agreed = store.load(demo).use_case("spec-sheets").agreed
    assert agreed[store.questionnaire.questions[-1].id] == 1 and len(agreed) == len(team)


def test_the_console_takes_a_waiting_use_case_earlier_in_the_order(store, demo, owner, workshop):
    """Issue 14, item 6: the set-up's order could not be changed."""
    at = owner.open(CONSOLE, ws=demo, w=workshop.key, uc="spec-sheets")
    assert "Move earlier" not in [b.label for b in at.button]  # already first
    at = owner.open(CONSOLE, ws=demo, w=workshop.key, uc="release-notes")
    next(b for b in at.button if b.label == "Move earlier").click().run()
    assert not at.exception, at.exception
    order = [rd.use_case for rd in store.workshops.get(demo, workshop.key).rounds]
    assert order == ["release-notes", "spec-sheets"]
    assert at.radio[0].options[0].startswith("Ordering portal release notes")


def test_a_workshop_without_use_cases_says_where_to_list_them_and_links_there(store, owner):
    ws = store.create_workspace("Acme")
    at = owner.open(CONSOLE, ws=ws.key)
    assert not at.exception and "Set up a workshop" not in texts(at)
    assert "A workshop traces the inventory's use cases: list them there first." in texts(at)
    [link] = at.get("page_link")
    assert link.proto.page.endswith("inventory")


def test_when_every_use_case_has_answers_the_set_up_says_why_none_is_chosen(store, owner):
    """Nothing chosen and no word why: "Pick at least one use case" came only after a click."""
    ws = store.create_workspace("Acme")
    for name in ("Calls", "Drafts"):
        store.add_use_case(ws.key, name)
    said = "Every use case already has answers, so none is chosen to start with"
    for uc, _ in store.use_cases(ws.key):
        at = owner.open(CONSOLE, ws=ws.key)
        assert at.pills[0].value and said not in texts(at)  # one untraced: chosen, no sentence
        store.set_answer(ws.key, uc, "Ann", "reach", 2)
    at = owner.open(CONSOLE, ws=ws.key)
    assert not at.exception and at.pills[0].value == []
    assert said in texts(at)
    at.pills[0].set_value([uc])  # the path goes on: pick one, create, open its vote
    next(b for b in at.button if b.label == "Create the workshop").click().run()
    next(b for b in at.button if b.label == "Open the vote").click().run()
    [workshop] = store.workshops.of_workspace(ws.key)
    assert workshop.voting.use_case == uc
    # Back on the set-up, the workshop is listed in words ("1 use cases" before).
    listed = [b.label for b in owner.open(CONSOLE, ws=ws.key).button if b.label.startswith(
        spaced(workshop.code))]  # fmt: skip
    assert len(listed) == 1 and listed[0].endswith(" · one use case · open"), listed
