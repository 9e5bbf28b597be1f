"""One identity per answer: a participant's answers are found by who they are, never by a label
someone could type, on both databases. Each test here failed before responses had one identity
(the owner's trace, an import and a restore all looked answers up by their label)."""

from __future__ import annotations

import pytest

from coordination.errors import Forbidden, NotFound
from coordination.models import Assessment, Response, UseCase
from coordination.workshop import console
from coordination.workshop.settings import checked_setup


@pytest.fixture
def store(any_store):
    return any_store


def join(store, workshop, name: str):
    """A participant who joined by the workshop's code and gave a name."""
    token = store.join(store.workshops.invitation_for_code(workshop.code))
    store.set_display_name(store.identify(None, token), name)
    return store.identify(None, token)


@pytest.fixture
def anonymous_workshop(store):
    ws = store.create_workspace("Acme")
    uc = store.add_use_case(ws.key, "Call notes")
    workshop = store.workshops.create(
        ws.key, checked_setup(use_cases=(uc,), anonymity="full", threshold=3)
    )
    store.workshops.set_phase(ws.key, workshop.key, uc, "voting")
    zelda, yorick = join(store, workshop, "Zelda Quixote"), join(store, workshop, "Yorick Plumtree")
    store.participant_answer(zelda, uc, "reach", 2)
    store.participant_note(zelda, uc, "reach", "Only Zelda's team uses it")
    store.participant_answer(yorick, uc, "reach", 1)
    return ws.key, uc, workshop, zelda, yorick


def test_the_owner_typing_a_participants_name_reaches_none_of_their_answers(
    store, anonymous_workshop
):
    ws, uc, workshop, zelda, yorick = anonymous_workshop
    assert store.response(ws, uc, "Zelda Quixote") is None  # not "answering as Zelda"
    store.workshops.close(ws, workshop.key)
    store.set_answer(ws, uc, "Yorick Plumtree", "reach", 0)  # the owner's own, new respondent
    assert store.participant_response(yorick, uc).answers == {"reach": 1}
    assert store.participant_response(zelda, uc).notes == {"reach": "Only Zelda's team uses it"}
    labels = [r.respondent for r in store.load(ws).use_case(uc).responses]
    assert "Zelda Quixote" not in labels and labels.count("Yorick Plumtree") == 1
    assert sorted(labels) == ["Participant 1", "Participant 2", "Yorick Plumtree"]


def test_a_form_row_named_like_a_participant_never_overwrites_their_answers(store):
    ws = store.create_workspace("Acme")
    uc = store.add_use_case(ws.key, "Call notes")
    ben = store.identify(None, store.join(store.invitation(ws.key, [uc])))
    store.set_display_name(ben, "Ben")
    store.participant_answer(ben, uc, "ownership", 2)
    store.participant_answer(ben, uc, "reach", 1)
    form = Assessment(
        organization="Acme",
        use_cases=[
            UseCase(
                id="x",
                name="Call notes",
                responses=[Response(respondent="Ben", answers={"reach": 3})],
            )
        ],
    )
    merged = store.import_survey(ws.key, form)
    assert (merged.new_responses, merged.replaced_responses) == (1, 0)
    assert store.participant_response(ben, uc).answers == {"ownership": 2, "reach": 1}
    shown = {r.respondent: r.answers for r in store.load(ws.key).use_case(uc).responses}
    assert shown == {"Ben": {"reach": 3}, "Ben 2": {"ownership": 2, "reach": 1}}


def test_the_facilitator_answers_only_for_people_added_without_a_device(store, anonymous_workshop):
    ws, uc, workshop, zelda, _ = anonymous_workshop
    with pytest.raises(Forbidden, match="their own device"):
        store.workshops.answer_for(ws, workshop.key, zelda.id, uc, "reach", 0)
    assert store.participant_response(zelda, uc).answers == {"reach": 2}
    added = store.workshops.add_person(ws, workshop.key, "Pat without a phone")
    store.workshops.answer_for(ws, workshop.key, added, uc, "reach", 3)
    assert len(store.workshops.responses(ws, workshop.key, uc)) == 3


def test_participant_n_is_the_join_order_on_the_console_result_and_backup(store):
    ws = store.create_workspace("Acme")
    uc = store.add_use_case(ws.key, "Call notes")
    workshop = store.workshops.create(ws.key, checked_setup(use_cases=(uc,), anonymity="full"))
    store.workshops.set_phase(ws.key, workshop.key, uc, "voting")
    first, second = join(store, workshop, "Priya"), join(store, workshop, "Dana")
    store.participant_answer(second, uc, "reach", 1)  # the second to join answers first
    store.participant_answer(first, uc, "reach", 3)
    on_console = console.labels(store.workshops.joined(ws.key, workshop.key), names=False)
    assert on_console == {first.id: "Participant 1", second.id: "Participant 2"}
    from coordination.files.fileformat import decode_assessment

    for shown in (store.load(ws.key), store.view(ws.key).assessment,
                  decode_assessment(store.backup(ws.key), store.questionnaire)):  # fmt: skip
        answers = {r.respondent: r.answers for r in shown.use_case(uc).responses}
        assert answers == {"Participant 1": {"reach": 3}, "Participant 2": {"reach": 1}}


def test_two_workspaces_holding_the_same_use_case_key_keep_their_answers_apart(store):
    ws = store.create_workspace("Acme")
    uc = store.add_use_case(ws.key, "Call notes")
    store.set_answer(ws.key, uc, "Dana", "reach", 2)
    from coordination.files.fileformat import decode_assessment

    twice = [
        store.restore(decode_assessment(store.backup(ws.key), store.questionnaire)).key
        for _ in range(2)
    ]
    store.set_answer(twice[0], uc, "Dana", "reach", 0)
    store.set_answer(twice[1], uc, "Eli", "reach", 3)
    assert {r.respondent: r.answers for r in store.load(twice[0]).use_case(uc).responses} == {
        "Dana": {"reach": 0}
    }
    assert {r.respondent: r.answers for r in store.load(twice[1]).use_case(uc).responses} == {
        "Dana": {"reach": 2},
        "Eli": {"reach": 3},
    }
    assert store.response(ws.key, uc, "Dana").answers == {"reach": 2}


def test_a_snapshot_of_another_workspace_is_not_found(store):
    mine, theirs = store.create_workspace("Mine"), store.create_workspace("Theirs")
    store.add_use_case(theirs.key, "Secret plans")
    snapshot = store.take_snapshot(theirs.key, "Theirs only")
    with pytest.raises(NotFound):
        store.snapshot_file(mine.key, snapshot)
    with pytest.raises(NotFound):
        store.snapshot_payload(mine.key, snapshot)
