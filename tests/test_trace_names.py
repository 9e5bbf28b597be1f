"""Who is answering, over weeks (issue 13): the trace page offers the names already answering
a use case, and a name close to one of them is asked about before a second person starts."""

from __future__ import annotations

import pytest

from coordination.names import near_name
from tests.app_helpers import plain, texts


@pytest.mark.parametrize(
    ("typed", "existing", "meant"),
    [
        ("Maria K", ["Maria K."], "Maria K."),
        ("maria  k.", ["Maria K."], "Maria K."),
        ("Mario K.", ["Maria K.", "Ben"], "Maria K."),
        ("Maria K.", ["Maria K."], None),  # the same person
        ("maria k.", ["Maria K."], None),  # names meet without case, as storage matches them
        ("Bea", ["Ben"], None),  # too short to guess
        ("Priya", ["Marta", "Ben"], None),
    ],
)
def test_a_near_name_is_a_likely_slip_of_an_existing_one(typed, existing, meant):
    assert near_name(typed, existing) == meant


@pytest.fixture
def traced(store):
    ws = store.create_workspace("Acme")
    uc = store.add_use_case(ws.key, "Blog post drafts")
    store.set_answer(ws.key, uc, "Maria K.", "reach", 2)
    store.set_answer(ws.key, uc, "Ben", "reach", 1)
    return ws.key, uc


def test_the_names_already_answering_are_offered_to_pick(store, owner, traced):
    ws, uc = traced
    at = owner.open("app_pages/owner/trace.py", ws=ws, uc=uc)
    pick = at.selectbox(key="respondent_pick")
    assert set(pick.options) >= {"Maria K.", "Ben"}
    pick.set_value("Maria K.").run()
    assert not at.exception
    assert "Answering as Maria K." in plain(texts(at)).replace("**", "")


def test_a_slip_of_a_name_asks_before_starting_a_second_person(store, owner, traced):
    ws, uc = traced
    at = owner.open("app_pages/owner/trace.py", ws=ws, uc=uc)
    at.text_input(key="respondent").set_value("Maria K").run()
    assert not at.exception
    assert "already answers this use case" in plain(texts(at))
    labels = [plain(b.label) for b in at.button]
    at.button[labels.index("Yes, answer as Maria K.")].click().run()
    assert "Answering as Maria K." in plain(texts(at)).replace("**", "")
    assert store.respondent_names(ws, uc) == ["Ben", "Maria K."]  # nobody new

    at = owner.open("app_pages/owner/trace.py", ws=ws, uc=uc)
    at.text_input(key="respondent").set_value("Mario K.").run()
    labels = [plain(b.label) for b in at.button]
    at.button[labels.index("No, Mario K. is someone else")].click().run()
    assert "Answering as Mario K." in plain(texts(at)).replace("**", "")


def test_an_owner_coming_back_lands_in_the_workspace_used_last(store, owner):
    store.create_workspace("Acme")
    second = store.create_workspace("Globex")
    owner.open("app_pages/owner/inventory.py", ws=second.key)  # used in one session
    again = owner.open("app_pages/owner/inventory.py")  # a new session, no link
    assert not again.exception
    assert "Globex" in plain(texts(again)) and "Acme" not in plain(texts(again))
    store.delete_workspace(second.key)  # gone since: not offered again
    assert "Globex" not in plain(texts(owner.open("app_pages/owner/inventory.py")))
