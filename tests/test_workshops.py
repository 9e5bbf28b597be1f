"""Live workshops without a browser: join codes, phases, who may answer when, what the room may
see (anonymity threshold, names), and the team's agreed answer becoming the assessment."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.routing import Route
from starlette.testclient import TestClient

from coordination.errors import Forbidden, InvalidInput, NotFound
from coordination.joinpage import JoinPage
from coordination.models import Response
from coordination.report.orgmap import OrgMap
from coordination.workshop import codes, console
from coordination.workshop.reveal import round_view
from coordination.workshop.settings import (
    PHASES,
    buttons,
    checked_setup,
    next_phase,
    revealed,
    shows_names,
    shows_room,
    takes_agreement,
)


@pytest.fixture
def store(any_store):
    return any_store


@pytest.fixture
def setup(store):
    ws = store.create_workspace("Acme")
    a, b = store.add_use_case(ws.key, "Call notes"), store.add_use_case(ws.key, "Lead scores")
    workshop = store.workshops.create(ws.key, checked_setup(use_cases=(a, b), threshold=3))
    return ws, workshop, a, b


def join(store, workshop):
    """A participant who joined and whose page opened (only then do they count as joined)."""
    who = store.identify(None, store.join(store.workshops.invitation_for_code(workshop.code)))
    store.participant_seen(who)
    return who


def test_codes_use_no_look_alike_characters_and_forgive_case_and_spaces():
    assert not set("01OILZ25SB8") & set(codes.ALPHABET)
    code = codes.new_code()
    assert len(code) == 6 and set(code) <= set(codes.ALPHABET)
    assert codes.normalize(f" {code[:3].lower()} - {code[3:]} ") == code


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"use_cases": ()}, "Pick at least one use case"),
        ({"use_cases": ("a",), "threshold": 2}, "at least 3"),
        ({"use_cases": ("a",), "slot_minutes": 0}, "between 1 and 240"),
    ],
)
def test_a_bad_set_up_is_refused_with_a_sentence(fields, message):
    with pytest.raises(InvalidInput, match=message):
        checked_setup(**fields)


def test_a_workshop_needs_use_cases_of_its_own_workspace(store):
    ws = store.create_workspace("Acme")
    with pytest.raises(InvalidInput, match="Not a use case of this workspace: ghost"):
        store.workshops.create(ws.key, checked_setup(use_cases=("ghost",)))


def test_answers_are_taken_only_while_the_use_case_is_being_voted_on(store, setup):
    ws, workshop, a, b = setup
    me = join(store, workshop)
    with pytest.raises(Forbidden, match="not open for answers"):
        store.participant_answer(me, a, "reach", 2)  # waiting
    store.workshops.set_phase(ws.key, workshop.key, a, "voting")
    store.participant_answer(me, a, "reach", 2)  # the stored phase is checked, not the page's
    with pytest.raises(Forbidden, match="not open for answers"):
        store.participant_answer(me, b, "reach", 2)
    store.workshops.set_phase(ws.key, workshop.key, a, "revealed")
    with pytest.raises(Forbidden, match="not open for answers"):
        store.participant_answer(me, a, "reach", 3)  # no changes after the reveal
    assert store.workshops.responses(ws.key, workshop.key, a)[me.id].answers == {"reach": 2}


def test_one_use_case_is_voted_on_at_a_time(store, setup):
    ws, workshop, a, b = setup
    store.workshops.set_phase(ws.key, workshop.key, a, "voting")
    store.workshops.set_phase(ws.key, workshop.key, b, "voting")
    phases = {rd.use_case: rd.phase for rd in store.workshops.get(ws.key, workshop.key).rounds}
    assert phases == {a: "revealed", b: "voting"}


@pytest.mark.parametrize("phase", ["revealed", "agreed"])
def test_a_round_cannot_skip_its_vote(store, setup, phase):
    ws, workshop, a, _ = setup
    with pytest.raises(InvalidInput, match="waiting cannot go to"):
        store.workshops.set_phase(ws.key, workshop.key, a, phase)


# The phase graph, written out here by hand: every step a use case may take, and no other.
STEPS = {
    ("waiting", "voting"),
    ("voting", "revealed"),
    ("revealed", "voting"),  # vote again after a discussion
    ("revealed", "agreed"),
    ("agreed", "revealed"),  # reopen the agreement
}


@pytest.mark.parametrize("wanted", PHASES)
@pytest.mark.parametrize("phase", PHASES)
def test_a_use_case_moves_only_along_the_phase_graph(phase, wanted):
    if (phase, wanted) in STEPS:
        assert next_phase(phase, wanted) == wanted
    else:
        with pytest.raises(InvalidInput, match=f"that is {phase} cannot go to {wanted}"):
            next_phase(phase, wanted)


@pytest.mark.parametrize(
    ("phase", "closed", "offered"),
    [
        ("waiting", False, [("voting", "Open the vote")]),
        ("voting", False, [("revealed", "Reveal now")]),
        ("revealed", False, [("voting", "Vote again")]),  # agreeing is the team's-answer form
        ("agreed", False, []),
        ("waiting", True, []),  # a closed workshop opens no vote
        ("voting", True, [("revealed", "Reveal now")]),  # but still reveals one left open
        ("revealed", True, []),
        ("agreed", True, []),
    ],
)
def test_the_console_offers_a_button_for_each_step_it_may_take(phase, closed, offered):
    moves = buttons(phase, closed=closed)
    assert [(m.to, m.button) for m in moves] == offered
    assert all((phase, m.to) in STEPS for m in moves)


@pytest.mark.parametrize("phase", PHASES)
def test_answers_show_after_the_reveal_and_the_team_agrees_while_the_workshop_is_open(phase):
    assert revealed(phase) is (phase in ("revealed", "agreed"))
    assert takes_agreement(phase, closed=False) is (phase in ("revealed", "agreed"))
    assert takes_agreement(phase, closed=True) is False


def test_a_closed_workshop_refuses_late_answers_and_late_joiners(store, setup):
    ws, workshop, a, _ = setup
    store.workshops.set_phase(ws.key, workshop.key, a, "voting")
    me = join(store, workshop)
    store.participant_answer(me, a, "reach", 1)
    store.workshops.close(ws.key, workshop.key)
    with pytest.raises(Forbidden, match="This workshop is closed"):
        store.participant_answer(me, a, "reach", 3)
    assert store.workshops.invitation_for_code(workshop.code) is None
    assert store.workshops.responses(ws.key, workshop.key, a)[me.id].answers == {"reach": 1}


def test_a_workshop_is_reached_only_through_its_own_workspace(store, setup):
    _, workshop, _, _ = setup
    other = store.create_workspace("Other")
    with pytest.raises(NotFound):
        store.workshops.get(other.key, workshop.key)
    with pytest.raises(NotFound):
        store.workshops.set_phase(other.key, workshop.key, "call-notes", "voting")


def test_the_team_answer_becomes_the_assessment_and_individual_answers_stay(store, setup):
    ws, workshop, a, _ = setup
    store.workshops.set_phase(ws.key, workshop.key, a, "voting")
    people = [join(store, workshop) for _ in range(3)]
    for who, value in zip(people, (0, 1, 3), strict=True):
        for q in store.questionnaire.question_ids:
            store.participant_answer(who, a, q, value)
    # everyone has answered every question: revealed by itself, with no page open
    assert store.workshops.get(ws.key, workshop.key).round(a).phase == "revealed"
    agreed = dict.fromkeys(store.questionnaire.question_ids, 2)
    store.workshops.agree(ws.key, workshop.key, a, agreed, {"reach": "Sales and support use it"})
    case = store.load(ws.key).use_case(a)
    assert case.agreed == agreed and case.agreed_notes == {"reach": "Sales and support use it"}
    assert len(case.responses) == 3  # kept for comparison
    result = OrgMap(store.load(ws.key), store.questionnaire).results[a]
    assert result.answers["reach"] == 2  # the lower middle of 0, 1, 3 would be 1
    assert store.workshops.get(ws.key, workshop.key).round(a).phase == "agreed"
    assert store.restore(store.load(ws.key)).name == "Acme 2"  # the backup carries it


def test_the_facilitator_answers_only_for_people_of_the_workshop(store, setup):
    ws, workshop, a, _ = setup
    store.workshops.set_phase(ws.key, workshop.key, a, "voting")
    person = store.workshops.add_person(ws.key, workshop.key, "Sam (no phone)")
    store.workshops.answer_for(ws.key, workshop.key, person, a, "reach", 3)
    assert store.workshops.responses(ws.key, workshop.key, a)[person].answers == {"reach": 3}
    with pytest.raises(InvalidInput, match="not part of this workshop"):
        store.workshops.answer_for(ws.key, workshop.key, 999_999, a, "reach", 3)


def responses(*values):
    return [Response(respondent=f"r{i}", answers={"reach": v}) for i, v in enumerate(values)]


@pytest.mark.parametrize(
    "values, disagreement, agree",
    [
        ((0, 2, 2), True, 2),  # 3 known answers spanning 2
        ((1, 2, 2), False, 2),  # span 1: close enough
        ((0, 3, None), False, 1),  # only 2 known answers
        ((0, 1, 2, 2, 2), True, 3),
        ((3, 3, 3), False, 3),
    ],
)
def test_the_room_disagrees_when_three_known_answers_span_two_steps(
    questionnaire, values, disagreement, agree
):
    reach = round_view(questionnaire, responses(*values), threshold=3).questions[0]
    assert (reach.disagreement, reach.agree) == (disagreement, agree)


def test_below_the_threshold_only_the_count_leaves_the_reveal(questionnaire):
    view = round_view(questionnaire, responses(0, 3), threshold=3)
    assert view.withheld and view.respondents == 2 and view.level is None
    assert all(q.counts is None and q.combined is None for q in view.questions)
    assert not round_view(questionnaire, responses(0, 3, 1), threshold=3).withheld


@pytest.mark.parametrize(
    "mode, console_names, presenter_names",
    [("off", True, True), ("facilitator", True, False), ("full", False, False)],
)
def test_names_stand_next_to_answers_only_where_the_mode_allows(
    mode, console_names, presenter_names
):
    joined = [(7, "Dana"), (9, None)]
    assert shows_names(mode, presenter=False) is console_names
    assert shows_names(mode, presenter=True) is presenter_names
    labels = console.labels(joined, names=shows_names(mode, presenter=True))
    assert labels[7] == ("Dana" if presenter_names else "Participant 1")
    assert labels[9] == "Participant 2"


@pytest.fixture
def client(store):
    app = Starlette(routes=[Route("/join", JoinPage(lambda: store).respond)])
    return TestClient(app, follow_redirects=False)


def test_joining_by_code_sets_the_participant_cookie_once_per_device(client, store, setup):
    _, workshop, _, _ = setup
    form = client.get("/join")
    assert form.status_code == 200 and 'name="code"' in form.text
    joined = client.get("/join", params={"code": codes.spaced(workshop.code).lower()})
    assert joined.status_code == 303 and joined.headers["location"] == "/"
    assert "HttpOnly" in joined.headers["set-cookie"]
    client.cookies.set("cm_participant", joined.cookies["cm_participant"])
    again = client.get("/join", params={"code": workshop.code})
    assert again.status_code == 303 and "set-cookie" not in again.headers
    assert store.workshops.joined(setup[0].key, workshop.key) == []  # no page opened yet
    store.participant_seen(store.identify(None, joined.cookies["cm_participant"]))
    assert len(store.workshops.joined(setup[0].key, workshop.key)) == 1


def test_joins_without_a_page_neither_count_nor_hold_the_automatic_reveal(store, setup):
    ws, workshop, a, _ = setup
    store.workshops.set_phase(ws.key, workshop.key, a, "voting")
    invitation = store.workshops.invitation_for_code(workshop.code)
    for _ in range(50):  # a script calling /join: participants nobody opened a page for
        store.join(invitation)
    people = [join(store, workshop) for _ in range(2)]
    assert len(store.workshops.joined(ws.key, workshop.key)) == 2
    for who in people:
        for question in store.questionnaire.question_ids:
            store.participant_answer(who, a, question, 1)
    assert store.workshops.get(ws.key, workshop.key).round(a).phase == "revealed"


def test_the_automatic_reveal_comes_with_the_last_answer_and_not_one_answer_earlier(store, setup):
    ws, workshop, a, b = setup
    store.workshops.set_phase(ws.key, workshop.key, a, "voting")
    people = [join(store, workshop) for _ in range(3)]
    questions = store.questionnaire.question_ids
    given = [(who, q) for who in people for q in questions]
    phase = lambda: store.workshops.get(ws.key, workshop.key).round(a).phase  # noqa: E731
    for n, (who, question) in enumerate(given, start=1):
        store.participant_answer(who, a, question, None if n % 2 else 2)  # "don't know" counts
        assert phase() == ("revealed" if n == len(given) else "voting"), n
    # answers to another use case never finish this one
    assert store.workshops.get(ws.key, workshop.key).round(b).phase == "waiting"


def test_a_wrong_code_says_so_plainly_and_guessing_is_limited(client, setup):
    wrong = client.get("/join", params={"code": "<b>AAAAAA</b>"})
    assert wrong.status_code == 404
    assert "does not match an open workshop" in wrong.text and "<b>AAAAAA" not in wrong.text
    for _ in range(10):
        client.get("/join", params={"code": "AAAAAA"})
    right = client.get("/join", params={"code": setup[1].code})  # never refused for guesses
    assert right.status_code == 303 and "cm_participant" in right.cookies
    # (tests/test_ratelimit.py: further wrong codes wait their turn, a flood is refused)


def test_a_small_groups_answers_are_withheld_until_the_threshold_is_reached(store, setup):
    ws, workshop, a, b = setup
    store.workshops.set_phase(ws.key, workshop.key, a, "voting")
    people = [join(store, workshop) for _ in range(3)]
    for who in people[:2]:
        store.participant_answer(who, a, "reach", 3)
    kept_out = store.workshops.withheld(ws.key)
    assert list(kept_out) == [a] and kept_out[a].answered == 2
    assert (
        kept_out[a].text
        == "Two workshop answers withheld until at least three people have answered."
    )
    org = OrgMap(store.load(ws.key), store.questionnaire, kept_out)
    assert org.assessment.use_case(a).responses == [] and org.results[a].level is None
    assert len(store.load(ws.key).use_case(a).responses) == 2  # kept, and in the backup
    store.participant_answer(people[2], a, "reach", 3)
    assert store.workshops.withheld(ws.key) == {}


def test_withholding_counts_each_workshop_apart_and_leaves_other_answers_alone(questionnaire):
    from coordination.models import Assessment, UseCase
    from coordination.workshop.withheld import ParticipantResponse, withheld, without

    rows = [
        ParticipantResponse(1, "a", "p1", True, 3),
        ParticipantResponse(1, "a", "p2", False, 3),  # joined, answered nothing
        ParticipantResponse(2, "a", "q1", True, 3),
        ParticipantResponse(2, "a", "q2", True, 3),
        ParticipantResponse(2, "a", "q3", True, 3),  # workshop 2 reached its threshold
        ParticipantResponse(1, "b", "p1", True, 5),
    ]
    kept_out = withheld(rows)
    assert kept_out["a"].respondents == {"p1", "p2"} and kept_out["a"].answered == 1
    assert (
        kept_out["b"].text
        == "One workshop answer withheld until at least five people have answered."
    )
    case = UseCase(
        id="a",
        name="A",
        responses=[Response(respondent=n, answers={}) for n in ("Dana", "p1", "q1")],
    )
    shown = without(Assessment(organization="X", use_cases=[case]), kept_out)
    assert [r.respondent for r in shown.use_cases[0].responses] == ["Dana", "q1"]


def test_the_deck_says_how_many_answers_are_withheld_beside_the_ones_it_shows(store, setup):
    from coordination.files.pack import build_pack

    ws, workshop, a, _ = setup
    for q in store.questionnaire.question_ids:
        store.set_answer(ws.key, a, "Dana", q, 2)  # the owner's own trace, not the workshop's
    store.workshops.set_phase(ws.key, workshop.key, a, "voting")
    for who in [join(store, workshop) for _ in range(2)]:
        store.participant_answer(who, a, "reach", 0)
    org = OrgMap(store.load(ws.key), store.questionnaire, store.workshops.withheld(ws.key))
    (case,) = [c for c in build_pack(org).cases if c.id == a]
    assert case.respondents == (
        "one person's answers; two workshop answers withheld until at least three people "
        "have answered"
    )
    assert org.results[a].answers["reach"] == 2  # Dana's alone: the zeros stay out


def test_a_backup_keeps_every_answer_but_no_name_an_anonymous_workshop_hides(store, setup):
    from coordination.files.fileformat import decode_assessment

    ws, workshop, a, _ = setup  # names for the facilitator only, threshold 3
    store.workshops.set_phase(ws.key, workshop.key, a, "voting")
    for name in ("Dana Secret", "Eli Secret"):
        who = join(store, workshop)
        store.set_display_name(who, name)
        store.participant_answer(who, a, "reach", 1)
    snapshot = store.take_snapshot(ws.key, "Before the vote ends")
    for data in (store.backup(ws.key), store.snapshot_file(ws.key, snapshot)):
        assert b"Secret" not in data
        kept = decode_assessment(data, store.questionnaire).use_case(a)
        assert [(r.respondent, r.answers) for r in kept.responses] == [
            ("Participant 1", {"reach": 1}),
            ("Participant 2", {"reach": 1}),
        ]  # withheld from every view, but a backup loses nothing
    restored = store.restore(decode_assessment(store.backup(ws.key), store.questionnaire))
    assert len(store.load(restored.key).use_case(a).responses) == 2


def test_hidden_names_never_take_a_label_the_use_case_already_has():
    from coordination.respondents import Who, labels

    rows = [
        Who(response=1, use_case=7, name="Participant 1"),  # restored from a backup
        Who(response=2, use_case=7, participant=40, display_name="Dana", number=1, hidden=True),
        Who(response=3, use_case=7, name="Eli"),
        Who(response=4, use_case=7, participant=41, display_name="Eli", number=2, hidden=False),
    ]
    assert labels(rows) == {
        1: "Participant 1",
        2: "Workshop participant 1",
        3: "Eli",
        4: "Eli 2",
    }


def test_participant_n_is_one_number_on_the_console_result_deck_and_backup(store):
    """A join nobody opened a page for (a link preview) comes first: it takes no number the
    console does not give, so Priya is Participant 1 everywhere, and Dana, who joined after her
    but answered first, is 2 everywhere."""
    from coordination.files.fileformat import decode_assessment
    from coordination.files.pack import build_pack

    ws = store.create_workspace("Acme")
    uc = store.add_use_case(ws.key, "Call notes")
    workshop = store.workshops.create(
        ws.key, checked_setup(use_cases=(uc,), anonymity="full", threshold=3)
    )
    store.workshops.set_phase(ws.key, workshop.key, uc, "voting")
    invitation = store.workshops.invitation_for_code(workshop.code)
    store.join(invitation)  # a preview: never opened
    people = []
    for name in ("Priya", "Dana", "Eli"):
        me = store.identify(None, store.join(invitation))
        store.set_display_name(me, name)
        store.participant_seen(me)
        people.append(me)
    priya, dana, eli = people
    for who, value in ((dana, 1), (priya, 3), (eli, 2)):
        store.participant_answer(who, uc, "reach", value)
    on_console = console.labels(store.workshops.joined(ws.key, workshop.key), names=False)
    assert on_console == {
        priya.id: "Participant 1",
        dana.id: "Participant 2",
        eli.id: "Participant 3",
    }
    expected = {"Participant 1": 3, "Participant 2": 1, "Participant 3": 2}
    store.workshops.set_phase(ws.key, workshop.key, uc, "revealed")
    backup = decode_assessment(store.backup(ws.key), store.questionnaire)
    for shown in (store.load(ws.key), store.view(ws.key).assessment, backup):
        answers = {r.respondent: r.answers["reach"] for r in shown.use_case(uc).responses}
        assert answers == expected
    org = OrgMap(store.load(ws.key), store.questionnaire, store.workshops.withheld(ws.key))
    reach = store.questionnaire.question_ids.index("reach")
    deck = {row.respondent: row.cells[reach].value for row in build_pack(org).appendix}
    assert deck == expected


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("presenter", [False, True], ids=["console", "presenter"])
@pytest.mark.parametrize("peek", [False, True], ids=["no-peek", "peek"])
def test_the_rooms_answers_show_from_the_reveal_or_on_a_console_that_peeks(phase, presenter, peek):
    shown = shows_room(phase, presenter=presenter, peek=peek)
    expected = revealed(phase) or (phase == "voting" and peek and not presenter)
    assert shown is expected
    if phase == "voting":
        assert shown is (peek and not presenter)  # silent by default; never on the projector


@pytest.mark.parametrize(
    ("phases", "current", "following"),
    [
        ([("a", "revealed"), ("b", "waiting"), ("c", "waiting")], "a", "b"),
        ([("a", "waiting"), ("b", "agreed"), ("c", "waiting")], "b", "c"),
        ([("a", "waiting"), ("b", "revealed"), ("c", "agreed")], "c", "a"),  # wraps round
        ([("a", "agreed"), ("b", "revealed")], "b", None),  # none waits
    ],
)
def test_the_next_use_case_is_the_first_waiting_one_after_the_current(phases, current, following):
    assert console.next_use_case(phases, current) == following


def test_below_the_threshold_the_teams_answer_has_nothing_to_start_from(store):
    from coordination.workshop.reveal import agreement_start

    q = store.questionnaire
    two = [Response(respondent=n, answers=dict.fromkeys(q.question_ids, 3)) for n in "ab"]
    assert agreement_start(round_view(q, two, threshold=3), {}) is None
    assert agreement_start(round_view(q, two, threshold=2), {}) == dict.fromkeys(q.question_ids, 3)
    before = dict.fromkeys(q.question_ids, 1)
    assert agreement_start(round_view(q, two, threshold=3), before) == before


@pytest.mark.parametrize(
    ("use_case", "order"),
    [("c", ["a", "c", "b"]), ("b", ["b", "a", "c"]), ("a", ["a", "b", "c"])],
)
def test_a_use_case_moves_one_place_earlier(store, setup, use_case, order):
    assert console.moved_earlier(["a", "b", "c"], use_case) == order
    ws, workshop, a, b = setup
    store.workshops.move_earlier(ws.key, workshop.key, b)
    assert [rd.use_case for rd in store.workshops.get(ws.key, workshop.key).rounds] == [b, a]


def test_a_live_screen_reads_the_room_at_once_and_the_projector_shows_the_vote_or_last_reveal(
    store, setup
):
    """`store.workshops.room`: what the console and presenter read twice a second, on one
    connection in ten queries (it was four reads and 20 queries a run)."""
    from sqlalchemy import event

    ws, workshop, a, b = setup
    assert store.workshops.room(ws.key, workshop.key).use_case is None  # before the first vote
    people = [join(store, workshop) for _ in range(3)]
    store.workshops.set_phase(ws.key, workshop.key, a, "voting")
    for n, who in enumerate(people[:2]):
        store.participant_answer(who, a, "reach", n)

    queries = []

    def count(conn, cursor, statement, *rest) -> None:
        queries.append(statement)

    event.listen(store.engine, "before_cursor_execute", count)
    room = store.workshops.room(ws.key, workshop.key)
    event.remove(store.engine, "before_cursor_execute", count)
    assert room.use_case == a and room.workshop == store.workshops.get(ws.key, workshop.key)
    assert room.joined == store.workshops.joined(ws.key, workshop.key)
    assert room.responses == store.workshops.responses(ws.key, workshop.key, a)
    assert {who: r.answers for who, r in room.responses.items()} == {
        people[0].id: {"reach": 0},
        people[1].id: {"reach": 1},
    }
    assert len([q for q in queries if q.lstrip().upper().startswith("SELECT")]) <= 10, queries

    store.workshops.set_phase(ws.key, workshop.key, a, "revealed")
    assert store.workshops.room(ws.key, workshop.key).use_case == a  # the last revealed
    store.workshops.set_phase(ws.key, workshop.key, b, "voting")
    assert store.workshops.room(ws.key, workshop.key).use_case == b  # the open vote first
    assert store.workshops.room(ws.key, workshop.key, a).responses == room.responses
